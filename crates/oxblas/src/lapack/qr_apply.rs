//! Using a QR factorisation's reflectors: apply Q or Q^H to a matrix
//! (LAPACK's ormqr/unmqr) and form Q explicitly (orgqr/ungqr). Both are
//! blocked: reflectors are taken `nb` at a time, their T factor built from
//! the Gram matrix, and each block applied as one block reflector (three
//! GEMM-engine products), so both run near GEMM speed.

use super::kernels::{axpy, dotc};
use super::util::{split_rows, with_col_major, Buf, Cm};
use super::wy::{apply_left, apply_right, t_factor, Refl};
use crate::blas::level3::{gemm, trmm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

/// Reflectors per block when applying k reflectors to a matrix whose other
/// dimension is `other`: wide blocks feed GEMM a deeper k, but each block
/// costs a T factor and triangle products proportional to its width.
/// Multiples of 24, as in the QR's panels (see `block_size` there).
fn apply_block_size(k: usize, other: usize) -> usize {
    let nb = if k >= 1536 && other >= 1024 {
        192
    } else if k >= 256 && other >= 128 {
        96
    } else {
        48
    };
    nb.min(k).max(1)
}

/// Block starts `0, nb, 2nb, ...` below `k`, forward or backward.
fn blocks(k: usize, nb: usize, forward: bool) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = (0..k).step_by(nb).map(|i| (i, nb.min(k - i))).collect();
    if !forward {
        v.reverse();
    }
    v
}

/// `C = op(Q) C` (Left) or `C op(Q)` (Right), `Q = H_1 ... H_k` from the
/// reflectors stored below the diagonal of `a` (`nq x k`, nq = rows of C
/// for Left, columns for Right) and `tau`. `op` is NoTrans or ConjTrans.
///
/// # Safety
/// Views valid; C disjoint from A.
pub(super) unsafe fn ormqr_impl<T: Scalar>(
    side: Side,
    op: Op,
    a: MatRef<'_, T>,
    tau: &[T],
    mut c: MatMut<'_, T>,
) {
    let (m, n) = (c.nrows(), c.ncols());
    let (nq, k) = (a.nrows(), a.ncols());
    if m == 0 || n == 0 || k == 0 {
        return;
    }
    let left = side == Side::Left;
    let other = if left { n } else { m };
    let nb = apply_block_size(k, other);
    // Q = H_1..H_k: Q C and C Q^H use the reflectors last-block-first,
    // Q^H C and C Q first-block-first.
    let forward = left == (op == Op::ConjTrans);
    // Few columns (rows) in C: a block's T factor would cost about nb/12
    // times the reflectors' own application; tiny problems: the blocked
    // machinery's fixed costs dominate. Apply one reflector at a time.
    if other * 12 < nb || nq * k * other <= 32 * 32 * 32 {
        return with_col_major(c, |cc| orm2r(left, op, a, tau, cc, forward));
    }
    let mut t = Buf::<T>::zeros(nb, nb);
    let t = t.cm();
    let mut top = vec![T::zero(); nb * nb];
    let mut work = vec![T::zero(); nb * if left { n } else { m }];
    for (i, ib) in blocks(k, nb, forward) {
        let v = Refl::new(a.submatrix(i, i, nq - i, ib), &mut top);
        let ti = t.sub(0, 0, ib, ib);
        t_factor(&v, &tau[i..i + ib], ti);
        if left {
            apply_left(&v, ti, op, c.rb_mut().submatrix(i, 0, m - i, n), &mut work);
        } else {
            apply_right(&v, ti, op, c.rb_mut().submatrix(0, i, m, n - i), &mut work);
        }
    }
}

/// The unblocked [`ormqr_impl`] (LAPACK's orm2r) on a column-major C:
/// reflector by reflector, `C -= tau' v (v^H C)` (Left) or
/// `C -= tau' (C v) v^H` (Right), `tau' = tau` for Q, `conj(tau)` for Q^H.
///
/// # Safety
/// As for [`ormqr_impl`]; `c` valid and exclusive.
unsafe fn orm2r<T: Scalar>(
    left: bool,
    op: Op,
    a: MatRef<'_, T>,
    tau: &[T],
    c: Cm<T>,
    forward: bool,
) {
    let (nq, k) = (a.nrows(), a.ncols());
    let mut v = vec![T::zero(); nq];
    let mut w = vec![T::zero(); if left { c.n } else { c.m }];
    let order: Vec<usize> = if forward {
        (0..k).collect()
    } else {
        (0..k).rev().collect()
    };
    for i in order {
        let ti = if op == Op::NoTrans {
            tau[i]
        } else {
            tau[i].conj()
        };
        if ti.is_zero() {
            continue;
        }
        let len = nq - i;
        let v = &mut v[..len];
        v[0] = T::one();
        for (r, x) in v.iter_mut().enumerate().skip(1) {
            *x = a.get(i + r, i);
        }
        if left {
            // Rows i.. of each column: c_j -= ti (v^H c_j) v.
            for j in 0..c.n {
                let cj = c.col(i, j);
                let s = -(ti * dotc(v, cj));
                axpy(s, v, cj);
            }
        } else {
            // Columns i..: w = C v, then c_(i+r) -= ti conj(v_r) w.
            let w = &mut w[..c.m];
            w.fill(T::zero());
            for (r, &x) in v.iter().enumerate() {
                axpy(x, c.colr(0, i + r), w);
            }
            for (r, &x) in v.iter().enumerate() {
                axpy(-(ti * x.conj()), w, c.col(0, i + r));
            }
        }
    }
}

/// The unblocked [`orgqr_cm`] (LAPACK's org2r), for small matrices:
/// backwards from the identity, `A(i.., i+1..) = H_i A(i.., i+1..)`, then
/// column i becomes `H_i e_i`.
///
/// # Safety
/// As for [`orgqr_cm`].
unsafe fn org2r<T: Scalar>(a: Cm<T>, tau: &[T]) {
    let (m, n, k) = (a.m, a.n, tau.len());
    for i in (0..k).rev() {
        let ti = tau[i];
        let v = a.col(i + 1, i);
        if !ti.is_zero() {
            for j in i + 1..n {
                let cj = a.col(i + 1, j);
                let s = -(ti * (a.get(i, j) + dotc(v, cj)));
                a.set(i, j, a.get(i, j) + s);
                axpy(s, v, cj);
            }
        }
        for x in v.iter_mut() {
            *x = -(ti * *x);
        }
        a.set(i, i, T::one() - ti);
        for r in 0..i {
            a.set(r, i, T::zero());
        }
    }
    let _ = m;
}

/// Overwrites the column-major `m x n` block `a` (`m >= n >= k`), whose
/// first k columns hold reflectors as geqrf leaves them, with the first n
/// columns of `Q = H_1 ... H_k` (LAPACK's orgqr).
///
/// Backward accumulation: start from the identity's columns, apply the
/// blocks last-first. Block `[i, i+ib)` first updates the columns right of
/// it (rows i.., the rows above are still zero there), then its own
/// columns become `H_block [I; 0] = [I; 0] - V (T V1^H)`, V1 the block's
/// unit lower triangle, and zeros above row i.
///
/// # Safety
/// `a` valid and exclusive; `tau.len() == k`.
pub(super) unsafe fn orgqr_cm<T: Scalar>(a: Cm<T>, tau: &[T]) {
    let (m, n, k) = (a.m, a.n, tau.len());
    if n == 0 {
        return;
    }
    // Columns k..n start as the identity's.
    for j in k..n {
        let col = a.col(0, j);
        col.fill(T::zero());
        col[j] = T::one();
    }
    if k == 0 {
        return;
    }
    if n <= 32 && m * n <= 64 * 32 {
        return org2r(a, tau);
    }
    let nb = apply_block_size(k, n);
    let mut t = Buf::<T>::zeros(nb, nb);
    let t = t.cm();
    let mut x = Buf::<T>::zeros(nb, nb);
    let x = x.cm();
    let mut top = vec![T::zero(); nb * nb];
    let mut work = vec![T::zero(); nb * n];
    for (i, ib) in blocks(k, nb, false) {
        let blk = a.sub(i, i, m - i, ib);
        let v = Refl::new(blk.rf(), &mut top);
        let ti = t.sub(0, 0, ib, ib);
        t_factor(&v, &tau[i..i + ib], ti);
        if i + ib < n {
            let c = a.sub(i, i + ib, m - i, n - i - ib);
            apply_left(&v, ti, Op::NoTrans, c.mt(), &mut work);
        }
        // The block's columns: H_block [I; 0] = [I - top X; -low X] with
        // X = T top^H, upper triangular (T upper, top^H unit upper), so
        // the low rows are updated in place by a TRMM.
        let xi = x.sub(0, 0, ib, ib);
        for q in 0..ib {
            for p in 0..ib {
                xi.set(p, q, v.top.get(q, p).conj());
            }
        }
        let tri = |side, alpha, tm: Cm<T>, b| {
            trmm(
                side,
                Uplo::Upper,
                Op::NoTrans,
                Diag::NonUnit,
                alpha,
                tm.rf(),
                b,
            )
            .expect("orgqr: X shapes")
        };
        tri(Side::Left, T::one(), ti, xi.mt());
        let (btop, blow) = split_rows(blk.mt(), ib);
        tri(Side::Right, -T::one(), xi, blow);
        gemm(
            Op::NoTrans,
            Op::NoTrans,
            -T::one(),
            v.top.rf(),
            xi.rf(),
            T::zero(),
            btop,
        )
        .expect("orgqr: block shapes");
        for q in 0..ib {
            blk.set(q, q, blk.get(q, q) + T::one());
            for r in 0..i {
                a.set(r, i + q, T::zero());
            }
        }
    }
}
