//! Level 2 BLAS: matrix-vector operations.
//!
//! | routines | reference |
//! |---|---|
//! | [`gemv`], [`gbmv`] | xGEMV, xGBMV |
//! | [`symv`], [`hemv`], [`sbmv`], [`hbmv`], [`spmv`], [`hpmv`] | xSYMV, xHEMV, xSBMV, xHBMV, xSPMV, xHPMV |
//! | [`trmv`], [`tbmv`], [`tpmv`], [`trsv`], [`tbsv`], [`tpsv`] | xTRMV, xTBMV, xTPMV, xTRSV, xTBSV, xTPSV |
//! | [`ger`], [`gerc`] | xGER/xGERU, xGERC |
//! | [`syr`], [`her`], [`spr`], [`hpr`], [`syr2`], [`her2`], [`spr2`], [`hpr2`] | xSYR, xHER, xSPR, xHPR, xSYR2, xHER2, xSPR2, xHPR2 |
//!
//! Dense matrices are [`MatRef`]/[`MatMut`] views with any strides. A view
//! with unit row stride (column-major) is used as is; one with unit column
//! stride (row-major) is used as its transpose, which is column-major (the
//! triangle flips, `NoTrans <-> Trans`, and Hermitian routines move the
//! conjugation); the SIMD kernels then always walk contiguous columns. Other
//! strides run scalar loops. Band matrices are `(kl + ku + 1) x n` views of
//! the LAPACK band storage (`A(i, j)` at row `ku + i - j`, column `j`);
//! packed triangles are column-major slices of `n (n + 1) / 2` elements.
//!
//! Semantics follow the reference BLAS 3.11: quick return when a dimension
//! is zero or `alpha == 0 && beta == 1`; `beta == 0` sets y without reading
//! it; `alpha == 0` reads neither A nor x; the imaginary parts of the
//! diagonal of a Hermitian matrix are never read and are set to zero by the
//! rank updates (her, her2, hpr, hpr2); columns whose x (or y) entry is
//! zero are skipped by gemv, ger and the rank updates, as in the reference.
//! Errors: operands whose sizes disagree give `Error::DimensionMismatch`; a
//! zero increment or a band view with too few rows gives
//! `Error::IllegalArgument` with the reference argument position.

mod banded;
mod gemv;
mod ger;
mod packed;
mod symv;
mod syr;
mod tri_banded;
mod tri_packed;
mod trmv;
mod trsv;

pub use banded::{gbmv, hbmv, sbmv};
pub use gemv::gemv;
pub use ger::{ger, gerc};
pub use packed::{hpmv, hpr, hpr2, spmv, spr, spr2};
pub use symv::{hemv, symv};
pub use syr::{her, her2, syr, syr2};
pub use tri_banded::{tbmv, tbsv};
pub use tri_packed::{tpmv, tpsv};
pub use trmv::trmv;
pub use trsv::trsv;

use crate::arch::isa;
use crate::blas::Uplo;
use crate::error::{Error, Result};
use crate::kernels::vector::kernels;
use crate::mem::{with_buffer, Slot};
use crate::scalar::{RealScalar, Scalar};
use crate::vec::{VecMut, VecRef};

pub(crate) fn mismatch(what: &'static str, expected: usize, found: usize) -> Error {
    Error::DimensionMismatch {
        what,
        expected: (expected, 1),
        found: (found, 1),
    }
}

/// `DimensionMismatch` unless `found == expected`.
pub(crate) fn check_len(what: &'static str, expected: usize, found: usize) -> Result<()> {
    if expected == found {
        Ok(())
    } else {
        Err(mismatch(what, expected, found))
    }
}

/// The reference rejects a zero increment (xerbla with its position).
pub(crate) fn check_inc(routine: &'static str, inc: isize, position: i32) -> Result<()> {
    if inc == 0 {
        Err(Error::IllegalArgument {
            routine,
            position,
            why: "increment is zero",
        })
    } else {
        Ok(())
    }
}

/// `DimensionMismatch` unless the matrix is `n x n`.
pub(crate) fn check_square(what: &'static str, nrows: usize, ncols: usize) -> Result<()> {
    if nrows == ncols {
        Ok(())
    } else {
        Err(Error::DimensionMismatch {
            what,
            expected: (nrows, nrows),
            found: (nrows, ncols),
        })
    }
}

/// `y <- beta y` with the BLAS rules: `beta == 0` writes zeros without
/// reading y, `beta == 1` touches nothing.
pub(crate) fn scale_y<T: Scalar>(beta: T, y: &mut VecMut<T>) {
    if beta.is_one() {
        return;
    }
    let (n, inc, p) = (y.len(), y.inc(), y.as_mut_ptr());
    for i in 0..n {
        // SAFETY: i < n, inside the view.
        unsafe {
            let q = p.offset(i as isize * inc);
            *q = if beta.is_zero() { T::zero() } else { beta * *q };
        }
    }
}

/// The other triangle.
pub(crate) fn flip(uplo: Uplo) -> Uplo {
    match uplo {
        Uplo::Upper => Uplo::Lower,
        Uplo::Lower => Uplo::Upper,
    }
}

/// Runs `f` with x as a contiguous run of `len` elements: the view's own
/// memory when its increment is 1, else a copy (conjugated when `conj`) in
/// per-thread scratch. With `conj` the copy is always made.
pub(crate) fn with_contig_x<T: Scalar, R>(
    x: VecRef<T>,
    conj: bool,
    f: impl FnOnce(*const T) -> R,
) -> R {
    let (n, inc, p) = (x.len(), x.inc(), x.as_ptr());
    if (inc == 1 || n <= 1) && !(conj && T::IS_COMPLEX) {
        return f(p);
    }
    with_buffer(Slot::Scratch, (n + 1) * core::mem::size_of::<T>(), |buf| {
        let b: *mut T = buf.as_mut_ptr();
        for i in 0..n {
            // SAFETY: i < n: inside the view and inside the n-element buffer.
            unsafe { b.add(i).write((*p.offset(i as isize * inc)).conj_if(conj)) };
        }
        f(b)
    })
}

/// Runs `f` with y as a contiguous, writable run of `len` elements: the
/// view's memory when its increment is 1, else a scratch copy that is
/// written back afterwards.
pub(crate) fn with_contig_y<T: Scalar, R>(y: &mut VecMut<T>, f: impl FnOnce(*mut T) -> R) -> R {
    let (n, inc, p) = (y.len(), y.inc(), y.as_mut_ptr());
    if inc == 1 || n <= 1 {
        return f(p);
    }
    // A different slot from with_contig_x's, so both can be live at once.
    with_buffer(Slot::B, (n + 1) * core::mem::size_of::<T>(), |buf| {
        let b: *mut T = buf.as_mut_ptr();
        // SAFETY (both loops): i < n, inside the view and the buffer.
        for i in 0..n {
            unsafe { b.add(i).write(*p.offset(i as isize * inc)) };
        }
        let r = f(b);
        for i in 0..n {
            // SAFETY: as above.
            unsafe { *p.offset(i as isize * inc) = *b.add(i) };
        }
        r
    })
}

/// `y[0..len] += alpha * a[k * inca]` (y contiguous), through the axpy
/// kernel when `inca == 1`.
///
/// # Safety
/// `a` must be readable at `k * inca` and `y` writable at `k`, `k < len`,
/// without overlap.
#[inline]
pub(crate) unsafe fn seg_axpy<T: Scalar>(
    len: usize,
    alpha: T,
    a: *const T,
    inca: isize,
    y: *mut T,
) {
    if len == 0 {
        return;
    }
    if inca == 1 {
        return (kernels::<T>(isa()).axpy)(len, alpha, a, y);
    }
    for k in 0..len {
        *y.add(k) += alpha * *a.offset(k as isize * inca);
    }
}

/// `sum op(a[k * inca]) x[k]`, op = conj when `conj` (x contiguous).
///
/// # Safety
/// `a` readable at `k * inca`, `x` at `k`, for `k < len`.
#[inline]
pub(crate) unsafe fn seg_dot<T: Scalar>(
    len: usize,
    conj: bool,
    a: *const T,
    inca: isize,
    x: *const T,
) -> T {
    if len == 0 {
        return T::zero();
    }
    if inca == 1 {
        let k = kernels::<T>(isa());
        return if conj {
            (k.dotc)(len, a, x)
        } else {
            (k.dot)(len, a, x)
        };
    }
    let mut s = T::zero();
    for k in 0..len {
        s += (*a.offset(k as isize * inca)).conj_if(conj) * *x.add(k);
    }
    s
}

/// The real part as a scalar (Hermitian diagonals).
#[inline(always)]
pub(crate) fn re<T: Scalar>(v: T) -> T {
    T::from_real(v.re())
}

/// `a / b` for any Scalar (the trait has no `Div`): real division, or
/// Smith's algorithm for complex, which avoids the overflow of the
/// textbook formula's `|b|^2`.
#[inline]
pub(crate) fn div<T: Scalar>(a: T, b: T) -> T {
    if !T::IS_COMPLEX {
        return T::from_real(a.re() / b.re());
    }
    let (ar, ai, br, bi) = (a.re(), a.im(), b.re(), b.im());
    if RealScalar::abs(br) >= RealScalar::abs(bi) {
        let r = bi / br;
        let d = br + bi * r;
        T::from_parts((ar + ai * r) / d, (ai - ar * r) / d)
    } else {
        let r = br / bi;
        let d = bi + br * r;
        T::from_parts((ar * r + ai) / d, (ai * r - ar) / d)
    }
}

/// `a[k * inca] += alpha x[k]` for `k < len` (x contiguous): a matrix
/// column updated from a vector, through the axpy kernel when `inca == 1`.
///
/// # Safety
/// `x` readable and `a` writable at those offsets, without overlap.
#[inline]
pub(crate) unsafe fn col_axpy<T: Scalar>(
    len: usize,
    alpha: T,
    x: *const T,
    a: *mut T,
    inca: isize,
) {
    if len == 0 {
        return;
    }
    if inca == 1 {
        return (kernels::<T>(isa()).axpy)(len, alpha, x, a);
    }
    for k in 0..len {
        *a.offset(k as isize * inca) += alpha * *x.add(k);
    }
}
