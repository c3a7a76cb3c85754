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

/// faer's dense factorisations for the LAPACK rows (f64, in place): LU
/// with partial pivoting, Cholesky (lower), Householder QR. The other
/// non-GEMM routines have no faer row (n/a).
pub fn bind(row: &Row, threads: usize) -> Result<crate::routines::Call<'static>, String> {
    use crate::rows::Routine;
    use faer::dyn_stack::{MemBuffer, MemStack};
    use faer::linalg::{cholesky::llt, lu::partial_pivoting as plu, qr::no_pivoting as qr};
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
        _ => return Err(format!("faer has no {} row here", row.op_name())),
    })
}
