//! Cholesky and triangular: ?potrf ?potrs ?posv ?potri ?trtri ?trtrs.

use super::*;
use core::ffi::c_char;
use ox::lapack::{cholesky as ch_, triangular as tr};
use ox::{c32, c64};

/// `?potrf` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn potrf<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    a: *mut T,
    lda: *const I,
    info: *mut I,
) {
    factor::<T, I>("POTRF", uplo, n, a, lda, info)
}

/// `?potri` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn potri<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    a: *mut T,
    lda: *const I,
    info: *mut I,
) {
    factor::<T, I>("POTRI", uplo, n, a, lda, info)
}

/// potrf and potri: `(UPLO, N, A, LDA, INFO)`, in place on one triangle.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn factor<T: Scalar, I: XerblaNames>(
    base: &str,
    uplo: *const c_char,
    n: *const I,
    a: *mut T,
    lda: *const I,
    info: *mut I,
) {
    let ul = uplo_of(ch(uplo));
    let (n, lda) = (rd(n), rd(lda));
    let checks = [(1, ul.is_none()), (2, n < 0), (4, lda < max1(n))];
    if !legal::<T, I>(base, info, &checks) || n == 0 {
        return;
    }
    let (ul, a) = (ul.unwrap(), cm(a, n, n, lda));
    let r = if base == "POTRF" {
        ch_::potrf(ul, a)
    } else {
        ch_::potri(ul, a)
    };
    set_info(info, r.out(base));
}

/// potrs (`factored`) and posv: `(UPLO, N, NRHS, A, LDA, B, LDB, INFO)`.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn solve<T: Scalar, I: XerblaNames>(
    factored: bool,
    uplo: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *mut T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
    info: *mut I,
) {
    let ul = uplo_of(ch(uplo));
    let (n, nrhs, lda, ldb) = (rd(n), rd(nrhs), rd(lda), rd(ldb));
    let checks = [
        (1, ul.is_none()),
        (2, n < 0),
        (3, nrhs < 0),
        (5, lda < max1(n)),
        (7, ldb < max1(n)),
    ];
    let base = if factored { "POTRS" } else { "POSV" };
    if !legal::<T, I>(base, info, &checks) || n == 0 || (factored && nrhs == 0) {
        return;
    }
    let (ul, b) = (ul.unwrap(), cm(b, n, nrhs, ldb));
    if factored {
        ch_::potrs(ul, cr(a, n, n, lda), b).done(base);
    } else {
        set_info(info, ch_::posv(ul, cm(a, n, n, lda), b).out(base));
    }
}

/// `?potrs` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn potrs<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *const T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
    info: *mut I,
) {
    // `A` is only read on this path.
    solve::<T, I>(true, uplo, n, nrhs, a as *mut T, lda, b, ldb, info)
}

/// `?posv` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn posv<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *mut T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
    info: *mut I,
) {
    solve::<T, I>(false, uplo, n, nrhs, a, lda, b, ldb, info)
}

/// `?trtri` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn trtri<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    diag: *const c_char,
    n: *const I,
    a: *mut T,
    lda: *const I,
    info: *mut I,
) {
    let (ul, dg) = (uplo_of(ch(uplo)), diag_of(ch(diag)));
    let (n, lda) = (rd(n), rd(lda));
    let checks = [
        (1, ul.is_none()),
        (2, dg.is_none()),
        (3, n < 0),
        (5, lda < max1(n)),
    ];
    if !legal::<T, I>("TRTRI", info, &checks) || n == 0 {
        return;
    }
    let r = tr::trtri(ul.unwrap(), dg.unwrap(), cm(a, n, n, lda));
    set_info(info, r.out("trtri"));
}

/// `?trtrs` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn trtrs<T: Scalar, I: XerblaNames>(
    uplo: *const c_char,
    trans: *const c_char,
    diag: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *const T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
    info: *mut I,
) {
    let (ul, op, dg) = (uplo_of(ch(uplo)), op_of(ch(trans)), diag_of(ch(diag)));
    let (n, nrhs, lda, ldb) = (rd(n), rd(nrhs), rd(lda), rd(ldb));
    let checks = [
        (1, ul.is_none()),
        (2, op.is_none()),
        (3, dg.is_none()),
        (4, n < 0),
        (5, nrhs < 0),
        (7, lda < max1(n)),
        (9, ldb < max1(n)),
    ];
    if !legal::<T, I>("TRTRS", info, &checks) || n == 0 {
        return;
    }
    let (a, b) = (cr(a, n, n, lda), cm(b, n, nrhs, ldb));
    let r = tr::trtrs(ul.unwrap(), op.unwrap(), dg.unwrap(), a, b);
    set_info(info, r.out("trtrs"));
}

f77!(potrf [uplo: *const c_char, n: *const I, a: *mut T, lda: *const I, info: *mut I] {
    spotrf_ spotrf_64_: f32, dpotrf_ dpotrf_64_: f64, cpotrf_ cpotrf_64_: c32, zpotrf_ zpotrf_64_: c64,
});
f77!(potri [uplo: *const c_char, n: *const I, a: *mut T, lda: *const I, info: *mut I] {
    spotri_ spotri_64_: f32, dpotri_ dpotri_64_: f64, cpotri_ cpotri_64_: c32, zpotri_ zpotri_64_: c64,
});
f77!(potrs [uplo: *const c_char, n: *const I, nrhs: *const I, a: *const T, lda: *const I,
    b: *mut T, ldb: *const I, info: *mut I] {
    spotrs_ spotrs_64_: f32, dpotrs_ dpotrs_64_: f64, cpotrs_ cpotrs_64_: c32, zpotrs_ zpotrs_64_: c64,
});
f77!(posv [uplo: *const c_char, n: *const I, nrhs: *const I, a: *mut T, lda: *const I,
    b: *mut T, ldb: *const I, info: *mut I] {
    sposv_ sposv_64_: f32, dposv_ dposv_64_: f64, cposv_ cposv_64_: c32, zposv_ zposv_64_: c64,
});
f77!(trtri [uplo: *const c_char, diag: *const c_char, n: *const I, a: *mut T, lda: *const I,
    info: *mut I] {
    strtri_ strtri_64_: f32, dtrtri_ dtrtri_64_: f64, ctrtri_ ctrtri_64_: c32, ztrtri_ ztrtri_64_: c64,
});
f77!(trtrs [uplo: *const c_char, trans: *const c_char, diag: *const c_char, n: *const I,
    nrhs: *const I, a: *const T, lda: *const I, b: *mut T, ldb: *const I, info: *mut I] {
    strtrs_ strtrs_64_: f32, dtrtrs_ dtrtrs_64_: f64, ctrtrs_ ctrtrs_64_: c32, ztrtrs_ ztrtrs_64_: c64,
});
