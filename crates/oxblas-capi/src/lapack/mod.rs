//! The Fortran LAPACK ABI: `dgetrf_` (LP64) and `dgetrf_64_` (ILP64) for
//! s, d, c, z, with the reference LAPACK argument lists.
//!
//! Each routine is one generic function over `<T, I>`; [`f77!`] exports it.
//! A door checks the arguments in LAPACK's order (INFO = -position, reported
//! through `xerbla_` with the LAPACK name, e.g. `"DGETRF"`), answers
//! workspace queries (`LWORK = -1`: the size goes to `WORK(1)`, nothing else
//! happens), returns early on empty problems, converts pivots between
//! LAPACK's 1-based and the core's 0-based form and calls the core on
//! column-major views. The core needs no workspace, so the "optimal" size
//! reported is LAPACK's minimum.

use crate::abi::*;
use crate::xerbla::{name6, report, XerblaNames};
use ox::lapack::norms::Norm;
use ox::{Op, RealScalar, Scalar};

mod lu;
mod norms;
mod qr;
mod tri;

#[inline]
fn max1(x: i64) -> i64 {
    x.max(1)
}

/// The LAPACK name of a routine with a real and a complex spelling
/// (`ORGQR` / `UNGQR`).
fn rc<T: Scalar>(real: &'static str, complex: &'static str) -> &'static str {
    if T::IS_COMPLEX {
        complex
    } else {
        real
    }
}

/// Applies LAPACK's argument checks: `checks` holds `(position, illegal)` in
/// LAPACK's order. Sets INFO to 0 or `-position` of the first illegal one,
/// which is then reported through `xerbla_` as routine `T` + `base`.
/// Returns whether every argument is legal.
///
/// # Safety
/// `info` must point to a writable integer (the LAPACK contract).
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn legal<T: Scalar, I: XerblaNames>(
    base: &str,
    info: *mut I,
    checks: &[(i32, bool)],
) -> bool {
    let bad = checks.iter().find(|c| c.1).map_or(0, |c| c.0);
    *info = I::from_i64(-(bad as i64));
    if bad != 0 {
        report::<I>(&name6(T::KIND.prefix(), base), bad);
    }
    bad == 0
}

/// Stores a workspace size in `WORK(1)`.
///
/// # Safety
/// `work` points to at least one writable element, as LAPACK requires of
/// every WORK argument (LWORK >= 1 or a query).
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn set_work<T: Scalar>(work: *mut T, size: i64) {
    *work = T::from_real(T::Real::from_f64(size as f64));
}

/// Stores a positive INFO from the core.
///
/// # Safety
/// `info` must point to a writable integer.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn set_info<I: Int>(info: *mut I, v: usize) {
    *info = I::from_i64(v as i64);
}

/// LAPACK's TRANS for routines taking 'N' or 'T' (real) / 'N' or 'C'
/// (complex): ormqr/unmqr, gels.
fn qr_op<T: Scalar>(c: u8) -> Option<Op> {
    match c {
        b'N' => Some(Op::NoTrans),
        b'T' if !T::IS_COMPLEX => Some(Op::Trans),
        b'C' if T::IS_COMPLEX => Some(Op::ConjTrans),
        _ => None,
    }
}

/// LAPACK's NORM letter.
fn norm_of(c: u8) -> Option<Norm> {
    match c {
        b'M' => Some(Norm::Max),
        b'O' | b'1' => Some(Norm::One),
        b'I' => Some(Norm::Inf),
        b'F' | b'E' => Some(Norm::Frobenius),
        _ => None,
    }
}

/// A column-major `m x n` view (sizes and `ld` already checked).
///
/// # Safety
/// As [`mat_mut`]: `ld >= max(1, m)` and the array is the caller's `m x n`
/// LAPACK argument, exclusively ours for the call.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn cm<'a, T>(p: *mut T, m: i64, n: i64, ld: i64) -> ox::MatMut<'a, T> {
    mat_mut(p, m as usize, n as usize, ld as usize, Layout::Col)
}

/// Read-only [`cm`].
///
/// # Safety
/// As [`mat`].
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn cr<'a, T>(p: *const T, m: i64, n: i64, ld: i64) -> ox::MatRef<'a, T> {
    mat(p, m as usize, n as usize, ld as usize, Layout::Col)
}

/// `n` elements at `p` as a slice (n may be 0, p then unread).
///
/// # Safety
/// For `n > 0`, `p` addresses `n` elements, readable and writable and not
/// aliased by another argument (LAPACK's contract for TAU, IPIV, JPVT).
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn slice<'a, T>(p: *mut T, n: usize) -> &'a mut [T] {
    if n == 0 {
        &mut []
    } else {
        core::slice::from_raw_parts_mut(p, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ox::c64;

    #[test]
    fn letters() {
        assert_eq!(norm_of(b'1'), Some(Norm::One));
        assert_eq!(norm_of(b'O'), Some(Norm::One));
        assert_eq!(norm_of(b'E'), Some(Norm::Frobenius));
        assert_eq!(norm_of(b'X'), None);
        // ormqr/gels: 'T' only for real types, 'C' only for complex ones.
        assert_eq!(qr_op::<f64>(b'T'), Some(Op::Trans));
        assert_eq!(qr_op::<f64>(b'C'), None);
        assert_eq!(qr_op::<c64>(b'C'), Some(Op::ConjTrans));
        assert_eq!(qr_op::<c64>(b'T'), None);
        assert_eq!(rc::<f32>("ORGQR", "UNGQR"), "ORGQR");
        assert_eq!(rc::<c64>("ORGQR", "UNGQR"), "UNGQR");
    }

    #[test]
    fn first_illegal_argument_wins() {
        let mut info = 7i64;
        // SAFETY: `info` is a live local integer.
        let ok =
            unsafe { legal::<f64, i64>("GETRF", &mut info, &[(1, false), (2, true), (4, true)]) };
        assert!(!ok);
        assert_eq!(info, -2);
        // SAFETY: as above.
        let ok = unsafe { legal::<f64, i64>("GETRF", &mut info, &[(1, false), (4, false)]) };
        assert!(ok);
        assert_eq!(info, 0);
    }

    #[test]
    fn workspace_size_in_work1() {
        let mut w = [c64::new(0.0, 0.0)];
        // SAFETY: `w` has one writable element.
        unsafe { set_work(w.as_mut_ptr(), 17) };
        assert_eq!(w[0], c64::new(17.0, 0.0));
    }
}
