//! Symmetric / Hermitian rank-1 and rank-2 updates of a full-storage
//! triangle: `syr`, `her`, `syr2`, `her2`.
//!
//! Column-major: each column's part of the triangle is a contiguous run,
//! updated by the axpy kernel. A row-major view is handled as its
//! transpose (the other triangle, column-major); for the Hermitian updates
//! the transpose of `x x^H` is `conj(x) conj(x)^H`, so the vectors enter
//! conjugated. Other strides run the same loops with scalar inner loops.

use super::packed::with_contig_y_ref;
use super::{check_inc, check_len, check_square, col_axpy, flip, re, with_contig_x};
use crate::blas::Uplo;
use crate::error::Result;
use crate::mat::MatMut;
use crate::scalar::Scalar;
use crate::vec::VecRef;

/// The triangle of `a` as (pointer, row stride, column stride, uplo, and
/// whether the view was transposed to make it column-major).
fn canon<T>(uplo: Uplo, a: &mut MatMut<T>) -> (*mut T, isize, isize, Uplo, bool) {
    let (rs, cs) = (a.row_stride(), a.col_stride());
    let p = a.as_mut_ptr();
    if a.nrows() <= 1 {
        (p, 1, 1, uplo, false)
    } else if rs != 1 && cs == 1 {
        (p, 1, rs, flip(uplo), true)
    } else {
        (p, rs, cs, uplo, false)
    }
}

/// `A += alpha x x^T`, A symmetric `n x n` (`uplo` triangle) (ssyr, dsyr,
/// and complex symmetric csyr/zsyr as in LAPACK).
pub fn syr<T: Scalar>(uplo: Uplo, alpha: T, x: VecRef<T>, a: MatMut<T>) -> Result<()> {
    rank1(false, "syr", uplo, alpha, x, a)
}

/// `A += alpha x x^H`, A Hermitian, real alpha; the diagonal stays real
/// (imaginary parts set to zero, as the reference does) (cher, zher).
pub fn her<T: Scalar>(uplo: Uplo, alpha: T::Real, x: VecRef<T>, a: MatMut<T>) -> Result<()> {
    rank1(T::IS_COMPLEX, "her", uplo, T::from_real(alpha), x, a)
}

fn rank1<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    alpha: T,
    x: VecRef<T>,
    mut a: MatMut<T>,
) -> Result<()> {
    let n = a.nrows();
    check_square("syr/her: A", n, a.ncols())?;
    check_len("syr/her: x", n, x.len())?;
    check_inc(routine, x.inc(), 5)?;
    if n == 0 || alpha.is_zero() {
        return Ok(());
    }
    let (ap, rs, cs, uplo, tr) = canon(uplo, &mut a);
    let upper = uplo == Uplo::Upper;
    with_contig_x(x, herm && tr, |xp| {
        for j in 0..n {
            let (i0, i1) = if upper { (0, j + 1) } else { (j, n) };
            // SAFETY: rows [i0, i1) of column j are inside the n x n view;
            // x has n contiguous elements.
            unsafe {
                let col = ap.offset(j as isize * cs);
                let dp = col.offset(j as isize * rs);
                let xj = *xp.add(j);
                if xj.is_zero() {
                    if herm {
                        *dp = re(*dp);
                    }
                    continue;
                }
                let t = alpha * xj.conj_if(herm);
                let d = *dp;
                col_axpy(i1 - i0, t, xp.add(i0), col.offset(i0 as isize * rs), rs);
                if herm {
                    *dp = re(d) + re(xj * t);
                }
            }
        }
    });
    Ok(())
}

/// `A += alpha x y^T + alpha y x^T`, A symmetric (ssyr2, dsyr2).
pub fn syr2<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    a: MatMut<T>,
) -> Result<()> {
    rank2(false, "syr2", uplo, alpha, x, y, a)
}

/// `A += alpha x y^H + conj(alpha) y x^H`, A Hermitian; the diagonal stays
/// real (cher2, zher2).
pub fn her2<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    a: MatMut<T>,
) -> Result<()> {
    rank2(T::IS_COMPLEX, "her2", uplo, alpha, x, y, a)
}

#[allow(clippy::too_many_arguments)]
fn rank2<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    alpha: T,
    x: VecRef<T>,
    y: VecRef<T>,
    mut a: MatMut<T>,
) -> Result<()> {
    let n = a.nrows();
    check_square("syr2/her2: A", n, a.ncols())?;
    check_len("syr2/her2: x", n, x.len())?;
    check_len("syr2/her2: y", n, y.len())?;
    check_inc(routine, x.inc(), 5)?;
    check_inc(routine, y.inc(), 7)?;
    if n == 0 || alpha.is_zero() {
        return Ok(());
    }
    let (ap, rs, cs, uplo, tr) = canon(uplo, &mut a);
    let upper = uplo == Uplo::Upper;
    // Transposed Hermitian: the update becomes alpha u v^H + conj(alpha) v u^H
    // with u = conj(y), v = conj(x).
    let (u, v) = if herm && tr { (y, x) } else { (x, y) };
    let cj = herm && tr;
    with_contig_x(u, cj, |up| {
        let body = |vp: *const T| {
            for j in 0..n {
                let (i0, i1) = if upper { (0, j + 1) } else { (j, n) };
                // SAFETY: as in rank1, with v of n contiguous elements.
                unsafe {
                    let col = ap.offset(j as isize * cs);
                    let dp = col.offset(j as isize * rs);
                    let (uj, vj) = (*up.add(j), *vp.add(j));
                    if uj.is_zero() && vj.is_zero() {
                        if herm {
                            *dp = re(*dp);
                        }
                        continue;
                    }
                    let t1 = alpha * vj.conj_if(herm);
                    let t2 = (alpha * uj).conj_if(herm);
                    let d = *dp;
                    let c0 = col.offset(i0 as isize * rs);
                    col_axpy(i1 - i0, t1, up.add(i0), c0, rs);
                    col_axpy(i1 - i0, t2, vp.add(i0), c0, rs);
                    if herm {
                        *dp = re(d) + re(uj * t1 + vj * t2);
                    }
                }
            }
        };
        if cj {
            conj_copy(v, body)
        } else {
            with_contig_y_ref(v, body)
        }
    });
    Ok(())
}

/// Runs `f` on a conjugated contiguous copy of `v` (second scratch slot).
fn conj_copy<T: Scalar, R>(v: VecRef<T>, f: impl FnOnce(*const T) -> R) -> R {
    let (n, inc, p) = (v.len(), v.inc(), v.as_ptr());
    crate::mem::with_buffer(
        crate::mem::Slot::B,
        (n + 1) * core::mem::size_of::<T>(),
        |buf| {
            let b: *mut T = buf.as_mut_ptr();
            for i in 0..n {
                // SAFETY: i < n, inside the view and the buffer.
                unsafe { b.add(i).write((*p.offset(i as isize * inc)).conj()) };
            }
            f(b)
        },
    )
}
