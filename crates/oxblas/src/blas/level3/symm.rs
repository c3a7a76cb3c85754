//! SYMM and HEMM: `C = alpha*A*B + beta*C` (Side::Left) or
//! `C = alpha*B*A + beta*C` (Side::Right) with A symmetric (Hermitian),
//! only its `uplo` triangle read.
//!
//! A is expanded, one panel of `PANEL` columns (Left) or rows (Right) at a
//! time, into a dense temporary, and each panel goes through GEMM: the
//! expansion costs O(n^2) against GEMM's O(n^2 m), and the panel bounds the
//! extra memory to `PANEL` columns.

use super::common::{require_shape, require_square, Block, Dense};
use super::gemm::{gemm_raw, scale_c};
use super::pack::Operand;
use crate::blas::{Side, Uplo};
use crate::error::Result;
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

const PANEL: usize = 512;

/// Element (i, j) of the full symmetric/Hermitian matrix stored in one
/// triangle of `a` (Hermitian: the diagonal's imaginary part is ignored).
#[inline(always)]
unsafe fn full<T: Scalar>(a: &MatRef<'_, T>, lower: bool, herm: bool, i: usize, j: usize) -> T {
    let stored = if lower { i >= j } else { i <= j };
    let v = if stored {
        *a.ptr_at(i, j)
    } else {
        (*a.ptr_at(j, i)).conj_if(herm)
    };
    if herm && i == j {
        T::from_real(v.re())
    } else {
        v
    }
}

#[allow(clippy::too_many_arguments)]
fn symm_impl<T: Scalar>(
    herm: bool,
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let what = if herm { "hemm" } else { "symm" };
    let (m, n) = (c.nrows(), c.ncols());
    require_square(what, a.nrows(), a.ncols())?;
    let ka = if side == Side::Left { m } else { n };
    require_shape(what, (ka, ka), (a.nrows(), a.ncols()))?;
    require_shape(what, (m, n), (b.nrows(), b.ncols()))?;
    let cb = Block::of(&mut c);
    let lower = uplo == Uplo::Lower;
    let bo = Operand {
        ptr: b.as_ptr(),
        rs: b.row_stride(),
        cs: b.col_stride(),
        conj: false,
    };
    // SAFETY: shapes were checked above; every index below stays inside A
    // (ka x ka), B and C (m x n), which the views guarantee are valid.
    unsafe {
        if m == 0 || n == 0 {
            return Ok(());
        }
        if alpha.is_zero() {
            scale_c(m, n, beta, cb.ptr, cb.rs, cb.cs);
            return Ok(());
        }
        let mut p0 = 0;
        while p0 < ka {
            let kb = PANEL.min(ka - p0);
            let beta_p = if p0 == 0 { beta } else { T::one() };
            if side == Side::Left {
                // C += alpha * A[:, p0..p0+kb] * B[p0..p0+kb, :]
                let mut panel = Dense::zeros(m, kb);
                for q in 0..kb {
                    for i in 0..m {
                        panel.set(i, q, full(&a, lower, herm, i, p0 + q));
                    }
                }
                let bsub = Operand {
                    ptr: bo.at(p0, 0),
                    ..bo
                };
                gemm_raw(
                    m,
                    n,
                    kb,
                    alpha,
                    panel.operand(),
                    bsub,
                    beta_p,
                    cb.ptr,
                    cb.rs,
                    cb.cs,
                );
            } else {
                // C += alpha * B[:, p0..p0+kb] * A[p0..p0+kb, :]
                let mut panel = Dense::zeros(kb, n);
                for j in 0..n {
                    for q in 0..kb {
                        panel.set(q, j, full(&a, lower, herm, p0 + q, j));
                    }
                }
                let bsub = Operand {
                    ptr: bo.at(0, p0),
                    ..bo
                };
                gemm_raw(
                    m,
                    n,
                    kb,
                    alpha,
                    bsub,
                    panel.operand(),
                    beta_p,
                    cb.ptr,
                    cb.rs,
                    cb.cs,
                );
            }
            p0 += kb;
        }
    }
    Ok(())
}

/// `C = alpha*A*B + beta*C` (Left) or `alpha*B*A + beta*C` (Right), A symmetric.
pub fn symm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    symm_impl(false, side, uplo, alpha, a, b, beta, c)
}

/// As [`symm`] with A Hermitian (for real types, the same as symm).
pub fn hemm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    symm_impl(T::IS_COMPLEX, side, uplo, alpha, a, b, beta, c)
}
