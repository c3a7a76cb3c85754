//! Triangular solve `op(A) x = b` (x overwritten), blocked like trmv: the
//! diagonal blocks run the reference substitution (inner loops on the
//! axpy/dot kernels), the off-diagonal panels the gemv kernels with
//! `alpha = -1`, so the bulk of the flops stream through the gemv kernels.

use super::gemv::gemv_colmajor;
use super::trmv::{blocks, seg_axpy_op, Tri, NB};
use super::{check_inc, check_len, check_square, seg_dot, with_contig_y};
use crate::blas::{Diag, Op, Uplo};
use crate::error::Result;
use crate::mat::MatRef;
use crate::scalar::Scalar;
use crate::vec::VecMut;

/// Solves `op(A) x = b` for triangular `n x n` A; x holds b on entry
/// (strsv, dtrsv, ctrsv, ztrsv). No test for singularity: a zero diagonal
/// gives Inf/NaN, as in the reference (which, like this, skips the division
/// for a zero right-hand-side entry in the `NoTrans` case).
pub fn trsv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    a: MatRef<T>,
    mut x: VecMut<T>,
) -> Result<()> {
    let n = a.nrows();
    check_square("trsv: A", n, a.ncols())?;
    check_len("trsv: x", n, x.len())?;
    check_inc("trsv", x.inc(), 8)?;
    if n == 0 {
        return Ok(());
    }
    let t = Tri::new(uplo, op, diag, a);
    // SAFETY: the triangle's view is n x n and x has n contiguous elements.
    with_contig_y(&mut x, |xp| unsafe { trsv_raw(&t, n, xp) });
    Ok(())
}

/// Unblocked substitution on the diagonal block `[k0, k1)`, the right-hand
/// side already reduced by everything outside the block.
///
/// # Safety
/// The block lies inside the triangle's view; x has at least k1 elements.
pub(super) unsafe fn tri_solve_block<T: Scalar>(t: &Tri<T>, k0: usize, k1: usize, x: *mut T) {
    let diag = |j: usize| t.at(j, j);
    match (t.upper, t.trans) {
        (false, false) => {
            for j in k0..k1 {
                let mut xj = *x.add(j);
                if !xj.is_zero() {
                    if !t.unit {
                        xj = super::div(xj, diag(j));
                        *x.add(j) = xj;
                    }
                    seg_axpy_op(t, k1 - j - 1, -xj, j + 1, j, x.add(j + 1));
                }
            }
        }
        (true, false) => {
            for j in (k0..k1).rev() {
                let mut xj = *x.add(j);
                if !xj.is_zero() {
                    if !t.unit {
                        xj = super::div(xj, diag(j));
                        *x.add(j) = xj;
                    }
                    seg_axpy_op(t, j - k0, -xj, k0, j, x.add(k0));
                }
            }
        }
        (false, true) => {
            for j in (k0..k1).rev() {
                let d = seg_dot(
                    k1 - j - 1,
                    t.conj,
                    t.col(j).offset((j + 1) as isize * t.rs),
                    t.rs,
                    x.add(j + 1),
                );
                let s = *x.add(j) - d;
                *x.add(j) = if t.unit { s } else { super::div(s, diag(j)) };
            }
        }
        (true, true) => {
            for j in k0..k1 {
                let d = seg_dot(
                    j - k0,
                    t.conj,
                    t.col(j).offset(k0 as isize * t.rs),
                    t.rs,
                    x.add(k0),
                );
                let s = *x.add(j) - d;
                *x.add(j) = if t.unit { s } else { super::div(s, diag(j)) };
            }
        }
    }
}

/// Blocked solve on a contiguous x.
///
/// # Safety
/// `t` describes an n x n view; x has n writable elements.
pub(super) unsafe fn trsv_raw<T: Scalar>(t: &Tri<T>, n: usize, x: *mut T) {
    if t.rs != 1 || n <= NB {
        return tri_solve_block(t, 0, n, x);
    }
    let m1 = -T::one();
    let lda = t.cs;
    let blocks = blocks(n);
    match (t.upper, t.trans) {
        (false, false) => {
            // Forward: solve a block, then remove its columns from the rest.
            for (k0, k1) in blocks {
                tri_solve_block(t, k0, k1, x);
                gemv_colmajor(
                    false,
                    t.conj,
                    n - k1,
                    k1 - k0,
                    m1,
                    t.col(k0).add(k1),
                    lda,
                    x.add(k0),
                    1,
                    x.add(k1),
                    1,
                );
            }
        }
        (true, false) => {
            for (k0, k1) in blocks.rev() {
                tri_solve_block(t, k0, k1, x);
                gemv_colmajor(
                    false,
                    t.conj,
                    k0,
                    k1 - k0,
                    m1,
                    t.col(k0),
                    lda,
                    x.add(k0),
                    1,
                    x,
                    1,
                );
            }
        }
        (false, true) => {
            // Backward: reduce a block by the solved entries below, solve it.
            for (k0, k1) in blocks.rev() {
                gemv_colmajor(
                    true,
                    t.conj,
                    n - k1,
                    k1 - k0,
                    m1,
                    t.col(k0).add(k1),
                    lda,
                    x.add(k1),
                    1,
                    x.add(k0),
                    1,
                );
                tri_solve_block(t, k0, k1, x);
            }
        }
        (true, true) => {
            for (k0, k1) in blocks {
                gemv_colmajor(
                    true,
                    t.conj,
                    k0,
                    k1 - k0,
                    m1,
                    t.col(k0),
                    lda,
                    x,
                    1,
                    x.add(k0),
                    1,
                );
                tri_solve_block(t, k0, k1, x);
            }
        }
    }
}
