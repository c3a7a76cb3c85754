//! Band matrix-vector products: `gbmv` (general band), `sbmv` / `hbmv`
//! (symmetric / Hermitian band).
//!
//! Band storage as in the reference: an `m x n` band matrix with `kl`
//! sub- and `ku` super-diagonals is a `(kl + ku + 1) x n` view `B` with
//! `A(i, j) = B(ku + i - j, j)`, so each column's band is a contiguous run
//! of a column-major `B`. The loops are the reference column loops with
//! those runs handed to the axpy and dot kernels.

use super::{check_inc, check_len, re, scale_y, seg_axpy, seg_dot, with_contig_x, with_contig_y};
use crate::blas::{Op, Uplo};
use crate::error::{Error, Result};
use crate::mat::MatRef;
use crate::scalar::Scalar;
use crate::vec::{VecMut, VecRef};

/// `IllegalArgument` for a band view with fewer than `need` rows.
pub(super) fn check_band_rows(
    routine: &'static str,
    rows: usize,
    need: usize,
    position: i32,
) -> Result<()> {
    if rows < need {
        Err(Error::IllegalArgument {
            routine,
            position,
            why: "band view has fewer rows than bandwidth + 1",
        })
    } else {
        Ok(())
    }
}

/// Pointer to band element `(r, j)` and the band's row stride.
#[inline(always)]
fn band_at<T>(b: &MatRef<T>, r: usize, j: usize) -> *const T {
    b.as_ptr()
        .wrapping_offset(r as isize * b.row_stride() + j as isize * b.col_stride())
}

/// `y = alpha op(A) x + beta y`, A an `m x n` band matrix with `kl` sub-
/// and `ku` super-diagonals stored in `a_band` (`>= kl + ku + 1` rows, `n`
/// columns) (sgbmv, dgbmv, cgbmv, zgbmv).
#[allow(clippy::too_many_arguments)]
pub fn gbmv<T: Scalar>(
    op: Op,
    m: usize,
    n: usize,
    kl: usize,
    ku: usize,
    alpha: T,
    a_band: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    mut y: VecMut<T>,
) -> Result<()> {
    check_band_rows("gbmv", a_band.nrows(), kl + ku + 1, 8)?;
    check_len("gbmv: band view columns", n, a_band.ncols())?;
    let (lx, ly) = if op == Op::NoTrans { (n, m) } else { (m, n) };
    check_len("gbmv: x", lx, x.len())?;
    check_len("gbmv: y", ly, y.len())?;
    check_inc("gbmv", x.inc(), 10)?;
    check_inc("gbmv", y.inc(), 13)?;
    if m == 0 || n == 0 || (alpha.is_zero() && beta.is_one()) {
        return Ok(());
    }
    scale_y(beta, &mut y);
    if alpha.is_zero() {
        return Ok(());
    }
    let rs = a_band.row_stride();
    // Rows of column j inside the band: [j - ku, j + kl] clipped to [0, m).
    let rows = |j: usize| (j.saturating_sub(ku), m.min(j + kl + 1));
    if op == Op::NoTrans {
        let (xp, incx) = (x.as_ptr(), x.inc());
        with_contig_y(&mut y, |yp| {
            for j in 0..n {
                // SAFETY: j < n inside x; the band rows [i0, i1) of column j
                // are inside the band view and y.
                unsafe {
                    let xj = *xp.offset(j as isize * incx);
                    let (i0, i1) = rows(j);
                    if !xj.is_zero() && i0 < i1 {
                        seg_axpy(
                            i1 - i0,
                            alpha * xj,
                            band_at(&a_band, ku + i0 - j, j),
                            rs,
                            yp.add(i0),
                        );
                    }
                }
            }
        });
    } else {
        let conj = op == Op::ConjTrans && T::IS_COMPLEX;
        let (yp, incy) = (y.as_mut_ptr(), y.inc());
        with_contig_x(x, false, |xp| {
            for j in 0..n {
                let (i0, i1) = rows(j);
                if i0 >= i1 {
                    continue;
                }
                // SAFETY: as above, with x contiguous of m elements.
                unsafe {
                    let d = seg_dot(
                        i1 - i0,
                        conj,
                        band_at(&a_band, ku + i0 - j, j),
                        rs,
                        xp.add(i0),
                    );
                    *yp.offset(j as isize * incy) += alpha * d;
                }
            }
        });
    }
    Ok(())
}

/// `y = alpha A x + beta y`, A symmetric `n x n` band with `k` off-diagonals
/// of the `uplo` triangle stored in `a_band` (`>= k + 1` rows, `n` columns;
/// upper: `A(i, j) = B(k + i - j, j)`, lower: `A(i, j) = B(i - j, j)`)
/// (ssbmv, dsbmv).
#[allow(clippy::too_many_arguments)]
pub fn sbmv<T: Scalar>(
    uplo: Uplo,
    k: usize,
    alpha: T,
    a_band: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    y: VecMut<T>,
) -> Result<()> {
    band_sym(false, "sbmv", uplo, k, alpha, a_band, x, beta, y)
}

/// Hermitian band version of [`sbmv`] (chbmv, zhbmv); the imaginary parts
/// of the diagonal are not read.
#[allow(clippy::too_many_arguments)]
pub fn hbmv<T: Scalar>(
    uplo: Uplo,
    k: usize,
    alpha: T,
    a_band: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    y: VecMut<T>,
) -> Result<()> {
    band_sym(T::IS_COMPLEX, "hbmv", uplo, k, alpha, a_band, x, beta, y)
}

#[allow(clippy::too_many_arguments)]
fn band_sym<T: Scalar>(
    herm: bool,
    routine: &'static str,
    uplo: Uplo,
    k: usize,
    alpha: T,
    b: MatRef<T>,
    x: VecRef<T>,
    beta: T,
    mut y: VecMut<T>,
) -> Result<()> {
    let n = b.ncols();
    check_band_rows(routine, b.nrows(), k + 1, 6)?;
    check_len("sbmv/hbmv: x", n, x.len())?;
    check_len("sbmv/hbmv: y", n, y.len())?;
    check_inc(routine, x.inc(), 8)?;
    check_inc(routine, y.inc(), 11)?;
    if n == 0 || (alpha.is_zero() && beta.is_one()) {
        return Ok(());
    }
    scale_y(beta, &mut y);
    if alpha.is_zero() {
        return Ok(());
    }
    let rs = b.row_stride();
    let upper = uplo == Uplo::Upper;
    with_contig_x(x, false, |xp| {
        with_contig_y(&mut y, |yp| {
            for j in 0..n {
                // Off-diagonal rows [i0, i1) of column j, their band row,
                // and the diagonal's band row.
                let (i0, i1, r0, rd) = if upper {
                    let i0 = j.saturating_sub(k);
                    (i0, j, k + i0 - j, k)
                } else {
                    (j + 1, n.min(j + k + 1), 1, 0)
                };
                // SAFETY: rows [i0, i1) and j of column j are inside the
                // band view; x and y have n contiguous elements.
                unsafe {
                    let t1 = alpha * *xp.add(j);
                    let d = *band_at(&b, rd, j);
                    let seg = band_at(&b, r0, j);
                    let len = i1.saturating_sub(i0);
                    seg_axpy(len, t1, seg, rs, yp.add(i0));
                    let t2 = seg_dot(len, herm, seg, rs, xp.add(i0));
                    *yp.add(j) += t1 * if herm { re(d) } else { d };
                    *yp.add(j) += alpha * t2;
                }
            }
        })
    });
    Ok(())
}
