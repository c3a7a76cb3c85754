//! Packed symmetric / Hermitian routines: `spmv`, `hpmv` (products) and
//! `spr`, `hpr`, `spr2`, `hpr2` (rank-1 and rank-2 updates).
//!
//! Packed storage: the `uplo` triangle column by column in one slice of
//! `n (n + 1) / 2` elements. Upper: column j holds rows `0..=j` starting
//! at `j (j + 1) / 2`; lower: rows `j..n` starting at `j (2n - j + 1) / 2`.
//! Each column is contiguous, so the reference column loops run their
//! inner loops on the axpy and dot kernels.

use super::{
    check_inc, check_len, col_axpy, re, scale_y, seg_axpy, seg_dot, with_contig_x, with_contig_y,
};
use crate::blas::Uplo;
use crate::error::Result;
use crate::scalar::Scalar;
use crate::vec::{VecMut, VecRef};

/// `DimensionMismatch` unless `ap` holds a packed `n x n` triangle.
pub(super) fn check_packed(what: &'static str, n: usize, len: usize) -> Result<()> {
    let need = n * (n + 1) / 2;
    if len >= need {
        Ok(())
    } else {
        Err(super::mismatch(what, need, len))
    }
}

/// Column j of a packed triangle: offset of its first stored element, the
/// rows `[i0, i1)` stored, and the diagonal's offset.
#[inline(always)]
pub(super) fn packed_col(upper: bool, n: usize, j: usize) -> (usize, usize, usize, usize) {
    if upper {
        let kk = j * (j + 1) / 2;
        (kk, 0, j + 1, kk + j)
    } else {
        let kk = j * (2 * n - j + 1) / 2;
        (kk, j, n, kk)
    }
}

/// `y = alpha A x + beta y`, A symmetric packed (sspmv, dspmv).
pub fn spmv<T: Scalar>(
    uplo: Uplo,
    n: usize,
    alpha: T,
    ap: &[T],
    x: VecRef<T>,
    beta: T,
    y: VecMut<T>,
) -> Result<()> {
    packed_mv(false, "spmv", uplo, n, alpha, ap, x, beta, y)
}

/// `y = alpha A x + beta y`, A Hermitian packed; the imaginary parts of the
/// diagonal are not read (chpmv, zhpmv).
pub fn hpmv<T: Scalar>(
    uplo: Uplo,
    n: usize,
    alpha: T,
    ap: &[T],
    x: VecRef<T>,
    beta: T,
    y: VecMut<T>,
) -> Result<()> {
    packed_mv(T::IS_COMPLEX, "hpmv", uplo, n, alpha, ap, x, beta, y)
}

#[allow(clippy::too_many_arguments)]
fn packed_mv<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    n: usize,
    alpha: T,
    ap: &[T],
    x: VecRef<T>,
    beta: T,
    mut y: VecMut<T>,
) -> Result<()> {
    check_packed("spmv/hpmv: ap", n, ap.len())?;
    check_len("spmv/hpmv: x", n, x.len())?;
    check_len("spmv/hpmv: y", n, y.len())?;
    check_inc(routine, x.inc(), 6)?;
    check_inc(routine, y.inc(), 9)?;
    if n == 0 || (alpha.is_zero() && beta.is_one()) {
        return Ok(());
    }
    scale_y(beta, &mut y);
    if alpha.is_zero() {
        return Ok(());
    }
    let upper = uplo == Uplo::Upper;
    let a = ap.as_ptr();
    with_contig_x(x, false, |xp| {
        with_contig_y(&mut y, |yp| {
            for j in 0..n {
                let (kk, i0, i1, kd) = packed_col(upper, n, j);
                // Off-diagonal part of the column: rows [o0, o1) at a + ko.
                let (o0, o1, ko) = if upper {
                    (i0, j, kk)
                } else {
                    (j + 1, i1, kk + 1)
                };
                // SAFETY: offsets stay below n(n+1)/2 <= ap.len(); x, y have
                // n contiguous elements.
                unsafe {
                    let t1 = alpha * *xp.add(j);
                    let d = *a.add(kd);
                    seg_axpy(o1 - o0, t1, a.add(ko), 1, yp.add(o0));
                    let t2 = seg_dot(o1 - o0, herm, a.add(ko), 1, xp.add(o0));
                    *yp.add(j) += t1 * if herm { re(d) } else { d };
                    *yp.add(j) += alpha * t2;
                }
            }
        })
    });
    Ok(())
}

/// `A += alpha x x^T`, A symmetric packed (sspr, dspr).
pub fn spr<T: Scalar>(uplo: Uplo, n: usize, alpha: T, x: VecRef<T>, ap: &mut [T]) -> Result<()> {
    packed_r1(false, "spr", uplo, n, alpha, x, ap)
}

/// `A += alpha x x^H`, A Hermitian packed, real alpha; the diagonal is left
/// real (imaginary parts set to zero) (chpr, zhpr).
pub fn hpr<T: Scalar>(
    uplo: Uplo,
    n: usize,
    alpha: T::Real,
    x: VecRef<T>,
    ap: &mut [T],
) -> Result<()> {
    packed_r1(T::IS_COMPLEX, "hpr", uplo, n, T::from_real(alpha), x, ap)
}

fn packed_r1<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    n: usize,
    alpha: T,
    x: VecRef<T>,
    ap: &mut [T],
) -> Result<()> {
    check_len("spr/hpr: x", n, x.len())?;
    check_inc(routine, x.inc(), 5)?;
    check_packed("spr/hpr: ap", n, ap.len())?;
    if n == 0 || alpha.is_zero() {
        return Ok(());
    }
    let upper = uplo == Uplo::Upper;
    let a = ap.as_mut_ptr();
    with_contig_x(x, false, |xp| {
        for j in 0..n {
            let (kk, i0, i1, kd) = packed_col(upper, n, j);
            // SAFETY: offsets below n(n+1)/2 <= ap.len(); x has n elements.
            unsafe {
                let xj = *xp.add(j);
                if xj.is_zero() {
                    if herm {
                        *a.add(kd) = re(*a.add(kd));
                    }
                    continue;
                }
                let t = alpha * xj.conj_if(herm);
                let d = *a.add(kd);
                col_axpy(i1 - i0, t, xp.add(i0), a.add(kk), 1);
                if herm {
                    *a.add(kd) = re(d) + re(xj * t);
                }
            }
        }
    });
    Ok(())
}

/// `A += alpha x y^T + alpha y x^T`, A symmetric packed (sspr2, dspr2).
pub fn spr2<T: Scalar>(
    uplo: Uplo,
    n: usize,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    ap: &mut [T],
) -> Result<()> {
    packed_r2(false, "spr2", uplo, n, alpha, x, y, ap)
}

/// `A += alpha x y^H + conj(alpha) y x^H`, A Hermitian packed; the diagonal
/// is left real (chpr2, zhpr2).
pub fn hpr2<T: Scalar>(
    uplo: Uplo,
    n: usize,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    ap: &mut [T],
) -> Result<()> {
    packed_r2(T::IS_COMPLEX, "hpr2", uplo, n, alpha, x, y, ap)
}

#[allow(clippy::too_many_arguments)]
fn packed_r2<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    n: usize,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    ap: &mut [T],
) -> Result<()> {
    check_len("spr2/hpr2: x", n, x.len())?;
    check_len("spr2/hpr2: y", n, y.len())?;
    check_inc(routine, x.inc(), 5)?;
    check_inc(routine, y.inc(), 7)?;
    check_packed("spr2/hpr2: ap", n, ap.len())?;
    if n == 0 || alpha.is_zero() {
        return Ok(());
    }
    let upper = uplo == Uplo::Upper;
    let a = ap.as_mut_ptr();
    // x in scratch, y copied (not conjugated) into a second buffer.
    with_contig_x(x, false, |xp| {
        with_contig_y_ref(y, |yp| {
            for j in 0..n {
                let (kk, i0, i1, kd) = packed_col(upper, n, j);
                // SAFETY: as in packed_r1, with y of n elements.
                unsafe {
                    let (xj, yj) = (*xp.add(j), *yp.add(j));
                    if xj.is_zero() && yj.is_zero() {
                        if herm {
                            *a.add(kd) = re(*a.add(kd));
                        }
                        continue;
                    }
                    let t1 = alpha * yj.conj_if(herm);
                    let t2 = (alpha * xj).conj_if(herm);
                    let d = *a.add(kd);
                    col_axpy(i1 - i0, t1, xp.add(i0), a.add(kk), 1);
                    col_axpy(i1 - i0, t2, yp.add(i0), a.add(kk), 1);
                    if herm {
                        *a.add(kd) = re(d) + re(xj * t1 + yj * t2);
                    }
                }
            }
        })
    });
    Ok(())
}

/// A read-only vector as a contiguous run (a copy in the second scratch
/// slot when strided), for routines that need two contiguous inputs.
pub(super) fn with_contig_y_ref<T: Scalar, R>(y: VecRef<T>, f: impl FnOnce(*const T) -> R) -> R {
    let (n, inc, p) = (y.len(), y.inc(), y.as_ptr());
    if inc == 1 || n <= 1 {
        return f(p);
    }
    crate::mem::with_buffer(
        crate::mem::Slot::B,
        (n + 1) * core::mem::size_of::<T>(),
        |buf| {
            let b: *mut T = buf.as_mut_ptr();
            for i in 0..n {
                // SAFETY: i < n, inside the view and the buffer.
                unsafe { b.add(i).write(*p.offset(i as isize * inc)) };
            }
            f(b)
        },
    )
}
