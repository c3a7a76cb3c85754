//! faer as a peer, in-process (in its own child like every peer):
//! `faer::linalg::matmul::matmul` with `Par::Seq` or `Par::rayon(t)`.

use crate::peers::PeerScalar;
use crate::rows::Row;
use faer::linalg::matmul::matmul;
use faer::traits::Conjugate;
use faer::{Accum, MatMut, MatRef, Par};
use oxblas::Op;

pub fn gemm<T: PeerScalar>(row: &Row, a: &[T], b: &[T], c: &mut [T], threads: usize) {
    let par = if threads <= 1 {
        Par::Seq
    } else {
        Par::rayon(threads)
    };
    let (ar, ac) = row.a_dims();
    let (br, bc) = row.b_dims();
    let av = MatRef::from_column_major_slice_with_stride(a, ar, ac, ar.max(1));
    let bv = MatRef::from_column_major_slice_with_stride(b, br, bc, br.max(1));
    let cv = MatMut::from_column_major_slice_with_stride_mut(c, row.m, row.n, row.m.max(1));
    match row.op_a {
        Op::NoTrans => with_rhs(cv, av, bv, row.op_b, par),
        Op::Trans => with_rhs(cv, av.transpose(), bv, row.op_b, par),
        Op::ConjTrans => with_rhs(cv, av.adjoint(), bv, row.op_b, par),
    }
}

fn with_rhs<T: PeerScalar, L: Conjugate<Canonical = T>>(
    c: MatMut<'_, T>,
    lhs: MatRef<'_, L>,
    rhs: MatRef<'_, T>,
    op_b: Op,
    par: Par,
) {
    let one = <T as oxblas::Scalar>::one();
    match op_b {
        Op::NoTrans => matmul(c, Accum::Replace, lhs, rhs, one, par),
        Op::Trans => matmul(c, Accum::Replace, lhs, rhs.transpose(), one, par),
        Op::ConjTrans => matmul(c, Accum::Replace, lhs, rhs.adjoint(), one, par),
    }
}

/// faer's dense factorisations for the LAPACK rows (f64): LU with partial
/// pivoting, Cholesky (lower), Householder QR (in place); the inverse from
/// faer's own LU (getri, after an untimed getrf by faer: see
/// `routines::prepare_getri`) and LU + solve of one right-hand side
/// (gesv). The other non-GEMM routines have no faer row (n/a).
pub fn bind(row: &Row, threads: usize) -> Result<crate::routines::Call<'static>, String> {
    use crate::rows::Routine;
    use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
    use faer::linalg::{cholesky::llt, lu::partial_pivoting as plu, qr::no_pivoting as qr};
    use faer::perm::PermRef;
    let par = if threads <= 1 {
        Par::Seq
    } else {
        Par::rayon(threads)
    };
    let n = row.n;
    fn view(c: &mut [f64], n: usize) -> Result<MatMut<'_, f64>, String> {
        if c.len() < n * n {
            return Err("buffer smaller than n x n".into());
        }
        Ok(MatMut::from_column_major_slice_with_stride_mut(
            &mut c[..n * n],
            n,
            n,
            n.max(1),
        ))
    }
    Ok(match row.routine {
        Routine::Getrf => {
            let req = plu::factor::lu_in_place_scratch::<usize, f64>(n, n, par, Default::default());
            let mut buf = MemBuffer::new(req);
            let (mut fwd, mut inv) = (vec![0usize; n], vec![0usize; n]);
            Box::new(move |d| {
                let a = view(&mut d.c, n)?;
                let (_, p) = plu::factor::lu_in_place(
                    a,
                    &mut fwd,
                    &mut inv,
                    par,
                    MemStack::new(&mut buf),
                    Default::default(),
                );
                d.perm.clear();
                d.perm.extend_from_slice(p.arrays().0);
                Ok(())
            })
        }
        Routine::Potrf => {
            let req = llt::factor::cholesky_in_place_scratch::<f64>(n, par, Default::default());
            let mut buf = MemBuffer::new(req);
            Box::new(move |d| {
                let a = view(&mut d.c, n)?;
                llt::factor::cholesky_in_place(
                    a,
                    Default::default(),
                    par,
                    MemStack::new(&mut buf),
                    Default::default(),
                )
                .map(|_| ())
                .map_err(|e| format!("faer cholesky: {e:?}"))
            })
        }
        Routine::Geqrf => {
            let bs = qr::factor::recommended_block_size::<f64>(n, n).max(1);
            let req = qr::factor::qr_in_place_scratch::<f64>(n, n, bs, par, Default::default());
            let mut buf = MemBuffer::new(req);
            let mut coeff = faer::Mat::<f64>::zeros(bs, n);
            Box::new(move |d| {
                let a = view(&mut d.c, n)?;
                qr::factor::qr_in_place(
                    a,
                    coeff.as_mut(),
                    par,
                    MemStack::new(&mut buf),
                    Default::default(),
                );
                Ok(())
            })
        }
        Routine::Getri => {
            // faer's inverse is out of place: it reads faer's LU factors from
            // `c0` (what prepare_getri left there, and what `c` is restored
            // from before every call) and writes A^-1 over `c`; the row
            // permutation of that LU is in `perm`.
            let req = plu::inverse::inverse_scratch::<usize, f64>(n, par);
            let mut buf = MemBuffer::new(req);
            let mut inv = vec![0usize; n];
            Box::new(move |d| {
                if d.c0.len() < n * n || d.perm.len() != n {
                    return Err("getri needs faer's LU factors and permutation".into());
                }
                // The inverse permutation (O(n), next to the n^3 inversion).
                inv.fill(usize::MAX);
                for (i, &p) in d.perm.iter().enumerate() {
                    if p >= n || inv[p] != usize::MAX {
                        return Err("perm is not a permutation".into());
                    }
                    inv[p] = i;
                }
                let perm = PermRef::new_checked(&d.perm, &inv, n);
                let lu =
                    MatRef::from_column_major_slice_with_stride(&d.c0[..n * n], n, n, n.max(1));
                let out = view(&mut d.c, n)?;
                plu::inverse::inverse(out, lu, lu, perm, par, MemStack::new(&mut buf));
                Ok(())
            })
        }
        Routine::Gesv => {
            // Factor A in place (in `a`), then solve for the one right-hand
            // side in place (in `c`): both timed, as one dgesv call.
            let req = StackReq::any_of(&[
                plu::factor::lu_in_place_scratch::<usize, f64>(n, n, par, Default::default()),
                plu::solve::solve_in_place_scratch::<usize, f64>(n, 1, par),
            ]);
            let mut buf = MemBuffer::new(req);
            let (mut fwd, mut inv) = (vec![0usize; n], vec![0usize; n]);
            Box::new(move |d| {
                if d.c.len() < n {
                    return Err("right-hand side shorter than n".into());
                }
                let a = view(&mut d.a, n)?;
                let (_, p) = plu::factor::lu_in_place(
                    a,
                    &mut fwd,
                    &mut inv,
                    par,
                    MemStack::new(&mut buf),
                    Default::default(),
                );
                let lu = MatRef::from_column_major_slice_with_stride(&d.a[..n * n], n, n, n.max(1));
                let rhs = MatMut::from_column_major_slice_mut(&mut d.c[..n], n, 1);
                plu::solve::solve_in_place(lu, lu, p, rhs, par, MemStack::new(&mut buf));
                Ok(())
            })
        }
        _ => return Err(format!("faer has no {} row here", row.op_name())),
    })
}
