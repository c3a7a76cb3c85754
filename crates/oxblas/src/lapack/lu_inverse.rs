//! Inverse from the LU factors (LAPACK xGETRI), all in place.
//!
//! With `P A = L U`, `A^-1 = U^-1 L^-1 P`. Both triangles are inverted in
//! place (they share the array: U on and above the diagonal, L strictly
//! below with its unit diagonal implicit), then multiplied in place by the
//! recursion below, then the columns are permuted. Flops: n^3/3 + n^3/3 for
//! the two inverses and 2n^3/3 for the product, LAPACK's 4n^3/3.
//!
//! In-place product `X = U L` of an upper U and a unit lower L stored in one
//! square array, split in quarters:
//!
//! ```text
//! [U11 U12] [L11  0 ]   [U11 L11 + U12 L21   U12 L22]
//! [ 0  U22] [L21 L22] = [U22 L21             U22 L22]
//! ```
//!
//! Order so that every input is read before it is overwritten:
//! `X11 = U11 L11` (recurse), `X11 += U12 L21` (GEMM), `X12 = U12 L22`
//! (TRMM with the unit-lower part of the (2,2) block), `X21 = U22 L21` (TRMM
//! with its upper part), `X22 = U22 L22` (recurse).

use super::super::triangular::blk::{axpy4_sub, axpy_sub, on_isa, split, Blk, Dense};
use crate::blas::level3::{gemm, trmm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::error::Result;
use crate::scalar::Scalar;

const LEAF: usize = 16;

/// `a <- U L` in place (see the module docs).
///
/// # Safety
/// `a` valid, square, exclusive.
pub(crate) unsafe fn ul_product<T: Scalar>(a: Blk<T>) -> Result<()> {
    let n = a.n;
    if n == 0 {
        return Ok(());
    }
    if n <= LEAF {
        let d = Dense::copy_tri(a, false);
        let mut lo = Dense::copy_tri(a, true);
        for i in 0..n {
            lo.set(i, i, T::one());
        }
        // X(:, j) = sum_{k >= j} U(0..=k, k) L(k, j), accumulated in k
        // order (each element sees the terms in the order of a dot product).
        let mut x = Dense::<T>::zeros(n, n);
        on_isa(
            #[inline(always)]
            || {
                for (j, xj) in x.buf.chunks_exact_mut(n).enumerate() {
                    for k in j..n {
                        let c = -lo.get(k, j);
                        axpy_sub(&mut xj[..=k], &d.buf[k * n..=k * n + k], c);
                    }
                }
            },
        );
        x.store_full(a);
        return Ok(());
    }
    let n1 = split(n);
    let n2 = n - n1;
    let (a11, a12) = (a.sub(0, 0, n1, n1), a.sub(0, n1, n1, n2));
    let (a21, a22) = (a.sub(n1, 0, n2, n1), a.sub(n1, n1, n2, n2));
    ul_product(a11)?;
    // SAFETY: the quarters are disjoint; each call writes one and reads
    // others (A22's two triangles are only read here).
    gemm(
        Op::NoTrans,
        Op::NoTrans,
        T::one(),
        a12.rf(),
        a21.rf(),
        T::one(),
        a11.mt(),
    )?;
    trmm(
        Side::Right,
        Uplo::Lower,
        Op::NoTrans,
        Diag::Unit,
        T::one(),
        a22.rf(),
        a12.mt(),
    )?;
    trmm(
        Side::Left,
        Uplo::Upper,
        Op::NoTrans,
        Diag::NonUnit,
        T::one(),
        a22.rf(),
        a21.mt(),
    )?;
    ul_product(a22)
}

/// Orders up to which [`getri`](super::getri) finishes with
/// [`solve_xl_small`] instead of inverting L and forming U^-1 L^-1 by the
/// recursion (whose level 3 calls cost more than their flops there).
pub(crate) const SMALL: usize = 64;

/// With U^-1 on and above the diagonal of `a` and the unit L strictly
/// below, overwrites `a` with X solving `X L = U^-1` (LAPACK xGETRI's
/// unblocked sweep): from the last column to the first,
/// `X(:, j) = U^-1(:, j) - sum_{k > j} X(:, k) L(k, j)`, each term a
/// full-length column axpy on a dense copy (n^3/2 multiply-adds, the flops
/// of inverting L and multiplying).
///
/// # Safety
/// `a` valid, square, exclusive.
pub(crate) unsafe fn solve_xl_small<T: Scalar>(a: Blk<T>) {
    let n = a.n;
    if n == 0 {
        return;
    }
    let mut x = Dense::copy_full(a);
    let mut l = vec![T::zero(); n];
    on_isa(
        #[inline(always)]
        || {
            for j in (0..n).rev() {
                let (left, right) = x.buf.split_at_mut((j + 1) * n);
                let xj = &mut left[j * n..];
                for i in j + 1..n {
                    l[i] = xj[i];
                    xj[i] = T::zero();
                }
                // Four columns per pass over X(:, j), then the rest.
                let nk = n - j - 1;
                let mut k = 0;
                while k + 4 <= nk {
                    let c = [l[j + 1 + k], l[j + 2 + k], l[j + 3 + k], l[j + 4 + k]];
                    axpy4_sub(xj, &right[k * n..(k + 4) * n], n, c);
                    k += 4;
                }
                for k in k..nk {
                    axpy_sub(xj, &right[k * n..(k + 1) * n], l[j + 1 + k]);
                }
            }
        },
    );
    x.store_full(a);
}
