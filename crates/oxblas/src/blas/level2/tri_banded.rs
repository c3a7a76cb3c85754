//! Triangular band routines `tbmv`, `tbsv`, and the column-segment
//! triangular loops they share with the packed ones (`tri_packed.rs`).
//!
//! In band and packed storage each column's off-diagonal part is one run
//! (contiguous for column-major band and for packed storage), so the
//! reference column algorithms run their inner loops on the axpy and dot
//! kernels: `NoTrans` as axpy on columns, `Trans`/`ConjTrans` as dots.

use super::banded::check_band_rows;
use super::{check_inc, check_len, div, seg_axpy, seg_dot, with_contig_y};
use crate::blas::{Diag, Op, Uplo};
use crate::error::Result;
use crate::mat::MatRef;
use crate::scalar::Scalar;
use crate::vec::VecMut;

/// Column j of a stored triangle: the off-diagonal rows `[s0, s1)` starting
/// at `p` with stride `inc`, and the diagonal element at `d`.
pub(super) struct ColSeg<T> {
    pub s0: usize,
    pub s1: usize,
    pub p: *const T,
    pub inc: isize,
    pub d: *const T,
}

/// The shape of a triangular operation.
#[derive(Clone, Copy)]
pub(super) struct TriOp {
    pub upper: bool,
    pub trans: bool,
    pub conj: bool,
    pub unit: bool,
}

impl TriOp {
    pub fn new<T: Scalar>(uplo: Uplo, op: Op, diag: Diag) -> TriOp {
        TriOp {
            upper: uplo == Uplo::Upper,
            trans: op != Op::NoTrans,
            conj: op == Op::ConjTrans && T::IS_COMPLEX,
            unit: diag == Diag::Unit,
        }
    }
}

/// `x = op(A) x` for a triangle given column by column (x contiguous).
///
/// # Safety
/// `col(j)` must describe valid elements for every `j < n`; x has n
/// writable elements not overlapping A.
pub(super) unsafe fn seg_trmv<T: Scalar>(
    o: TriOp,
    n: usize,
    col: impl Fn(usize) -> ColSeg<T>,
    x: *mut T,
) {
    let fwd = o.upper != o.trans;
    for jj in 0..n {
        let j = if fwd { jj } else { n - 1 - jj };
        let c = col(j);
        let len = c.s1 - c.s0;
        if !o.trans {
            let xj = *x.add(j);
            if !xj.is_zero() {
                seg_axpy(len, xj, c.p, c.inc, x.add(c.s0));
                if !o.unit {
                    *x.add(j) = xj * *c.d;
                }
            }
        } else {
            let xj = *x.add(j);
            let s = if o.unit {
                xj
            } else {
                xj * (*c.d).conj_if(o.conj)
            };
            *x.add(j) = s + seg_dot(len, o.conj, c.p, c.inc, x.add(c.s0));
        }
    }
}

/// Solves `op(A) x = b` for a triangle given column by column.
///
/// # Safety
/// As [`seg_trmv`].
pub(super) unsafe fn seg_trsv<T: Scalar>(
    o: TriOp,
    n: usize,
    col: impl Fn(usize) -> ColSeg<T>,
    x: *mut T,
) {
    let fwd = o.upper == o.trans;
    for jj in 0..n {
        let j = if fwd { jj } else { n - 1 - jj };
        let c = col(j);
        let len = c.s1 - c.s0;
        if !o.trans {
            let mut xj = *x.add(j);
            if !xj.is_zero() {
                if !o.unit {
                    xj = div(xj, *c.d);
                    *x.add(j) = xj;
                }
                seg_axpy(len, -xj, c.p, c.inc, x.add(c.s0));
            }
        } else {
            let s = *x.add(j) - seg_dot(len, o.conj, c.p, c.inc, x.add(c.s0));
            *x.add(j) = if o.unit {
                s
            } else {
                div(s, (*c.d).conj_if(o.conj))
            };
        }
    }
}

/// Column segments of a triangular band matrix (`k` off-diagonals).
fn band_col<'b, T>(
    upper: bool,
    n: usize,
    k: usize,
    b: &'b MatRef<'_, T>,
) -> impl Fn(usize) -> ColSeg<T> + 'b {
    let (rs, cs) = (b.row_stride(), b.col_stride());
    let at = move |r: usize, j: usize| {
        b.as_ptr()
            .wrapping_offset(r as isize * rs + j as isize * cs)
    };
    move |j| {
        if upper {
            let s0 = j.saturating_sub(k);
            ColSeg {
                s0,
                s1: j,
                p: at(k + s0 - j, j),
                inc: rs,
                d: at(k, j),
            }
        } else {
            ColSeg {
                s0: j + 1,
                s1: n.min(j + k + 1),
                p: at(1, j),
                inc: rs,
                d: at(0, j),
            }
        }
    }
}

/// `x = op(A) x`, A triangular band `n x n` with `k` off-diagonals stored
/// in `a_band` (`>= k + 1` rows, n columns; upper: `A(i, j) = B(k + i - j,
/// j)`, lower: `A(i, j) = B(i - j, j)`) (stbmv, dtbmv, ctbmv, ztbmv).
pub fn tbmv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    k: usize,
    a_band: MatRef<T>,
    mut x: VecMut<T>,
) -> Result<()> {
    let n = a_band.ncols();
    check_band_rows("tbmv", a_band.nrows(), k + 1, 7)?;
    check_len("tbmv: x", n, x.len())?;
    check_inc("tbmv", x.inc(), 9)?;
    if n == 0 {
        return Ok(());
    }
    let o = TriOp::new::<T>(uplo, op, diag);
    // SAFETY: band_col only describes elements inside the band view.
    with_contig_y(&mut x, |xp| unsafe {
        seg_trmv(o, n, band_col(o.upper, n, k, &a_band), xp)
    });
    Ok(())
}

/// Solves `op(A) x = b`, A triangular band as in [`tbmv`] (stbsv, dtbsv,
/// ctbsv, ztbsv). No singularity test, as in the reference.
pub fn tbsv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    k: usize,
    a_band: MatRef<T>,
    mut x: VecMut<T>,
) -> Result<()> {
    let n = a_band.ncols();
    check_band_rows("tbsv", a_band.nrows(), k + 1, 7)?;
    check_len("tbsv: x", n, x.len())?;
    check_inc("tbsv", x.inc(), 9)?;
    if n == 0 {
        return Ok(());
    }
    let o = TriOp::new::<T>(uplo, op, diag);
    // SAFETY: as in tbmv.
    with_contig_y(&mut x, |xp| unsafe {
        seg_trsv(o, n, band_col(o.upper, n, k, &a_band), xp)
    });
    Ok(())
}
