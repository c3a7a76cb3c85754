//! Norms: ?lange ?lansy ?lanhe ?lantr, functions returning REAL / DOUBLE
//! PRECISION (in a register, the gfortran convention). LAPACK calls no
//! xerbla here; an unknown NORM letter gives 0, and an LDA below max(1, M)
//! (which LAPACK does not check) gives NaN instead of reading out of bounds.

use super::*;
use core::ffi::{c_char, c_void};
use ox::lapack::norms;
use ox::{c32, c64, Diag, Uplo};

/// NaN: the value for an illegal LDA.
fn bad_ld<R: RealScalar>() -> R {
    R::from_f64(f64::NAN)
}

/// LAPACK's UPLO/DIAG letters in the norms: anything but 'U' is the other.
fn upper(c: u8) -> Uplo {
    if c == b'U' {
        Uplo::Upper
    } else {
        Uplo::Lower
    }
}

/// `?lange` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn lange<T: Scalar, I: Int>(
    norm: *const c_char,
    m: *const I,
    n: *const I,
    a: *const T,
    lda: *const I,
    _work: *mut c_void,
) -> T::Real {
    let (m, n, lda) = (rd(m), rd(n), rd(lda));
    match norm_of(ch(norm)) {
        Some(_) if m > 0 && n > 0 && lda < m => bad_ld(),
        Some(k) if m > 0 && n > 0 => norms::lange(k, cr(a, m, n, lda)),
        _ => T::Real::zero(),
    }
}

/// lansy and lanhe.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn lan_sym<T: Scalar, I: Int>(
    herm: bool,
    norm: *const c_char,
    uplo: *const c_char,
    n: *const I,
    a: *const T,
    lda: *const I,
) -> T::Real {
    let (n, lda, ul) = (rd(n), rd(lda), upper(ch(uplo)));
    match norm_of(ch(norm)) {
        Some(_) if n > 0 && lda < n => bad_ld(),
        Some(k) if n > 0 && herm => norms::lanhe(k, ul, cr(a, n, n, lda)),
        Some(k) if n > 0 => norms::lansy(k, ul, cr(a, n, n, lda)),
        _ => T::Real::zero(),
    }
}

/// `?lansy` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn lansy<T: Scalar, I: Int>(
    norm: *const c_char,
    uplo: *const c_char,
    n: *const I,
    a: *const T,
    lda: *const I,
    _work: *mut c_void,
) -> T::Real {
    lan_sym(false, norm, uplo, n, a, lda)
}

/// `?lanhe` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn lanhe<T: Scalar, I: Int>(
    norm: *const c_char,
    uplo: *const c_char,
    n: *const I,
    a: *const T,
    lda: *const I,
    _work: *mut c_void,
) -> T::Real {
    lan_sym(true, norm, uplo, n, a, lda)
}

/// `?lantr` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn lantr<T: Scalar, I: Int>(
    norm: *const c_char,
    uplo: *const c_char,
    diag: *const c_char,
    m: *const I,
    n: *const I,
    a: *const T,
    lda: *const I,
    _work: *mut c_void,
) -> T::Real {
    let (m, n, lda, ul) = (rd(m), rd(n), rd(lda), upper(ch(uplo)));
    let dg = if ch(diag) == b'U' {
        Diag::Unit
    } else {
        Diag::NonUnit
    };
    match norm_of(ch(norm)) {
        Some(_) if m > 0 && n > 0 && lda < m => bad_ld(),
        Some(k) if m > 0 && n > 0 => norms::lantr(k, ul, dg, cr(a, m, n, lda)),
        _ => T::Real::zero(),
    }
}

f77!(lange [norm: *const c_char, m: *const I, n: *const I, a: *const T, lda: *const I,
    work: *mut c_void] -> <T as Scalar>::Real {
    slange_ slange_64_: f32, dlange_ dlange_64_: f64, clange_ clange_64_: c32, zlange_ zlange_64_: c64,
});
f77!(lansy [norm: *const c_char, uplo: *const c_char, n: *const I, a: *const T, lda: *const I,
    work: *mut c_void] -> <T as Scalar>::Real {
    slansy_ slansy_64_: f32, dlansy_ dlansy_64_: f64, clansy_ clansy_64_: c32, zlansy_ zlansy_64_: c64,
});
f77!(lanhe [norm: *const c_char, uplo: *const c_char, n: *const I, a: *const T, lda: *const I,
    work: *mut c_void] -> <T as Scalar>::Real {
    clanhe_ clanhe_64_: c32, zlanhe_ zlanhe_64_: c64,
});
f77!(lantr [norm: *const c_char, uplo: *const c_char, diag: *const c_char, m: *const I,
    n: *const I, a: *const T, lda: *const I, work: *mut c_void] -> <T as Scalar>::Real {
    slantr_ slantr_64_: f32, dlantr_ dlantr_64_: f64, clantr_ clantr_64_: c32, zlantr_ zlantr_64_: c64,
});
