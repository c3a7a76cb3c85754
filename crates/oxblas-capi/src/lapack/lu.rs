//! LU: ?getrf ?getrs ?gesv ?getri ?gecon.

use super::*;
use core::ffi::{c_char, c_void};
use ox::lapack::lu;
use ox::{c32, c64};

/// The core's 0-based pivots from LAPACK's 1-based IPIV (an entry < 1
/// becomes `usize::MAX`, which the core rejects as out of range).
///
/// # Safety
/// `ipiv` addresses `n` readable integers.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn piv_in<I: Int>(ipiv: *const I, n: usize) -> Vec<usize> {
    (0..n)
        .map(|i| usize::try_from((*ipiv.add(i)).get() - 1).unwrap_or(usize::MAX))
        .collect()
}

/// Writes the core's pivots to IPIV, 1-based.
///
/// # Safety
/// `ipiv` addresses `piv.len()` writable integers.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn piv_out<I: Int>(ipiv: *mut I, piv: &[usize]) {
    for (i, &p) in piv.iter().enumerate() {
        *ipiv.add(i) = I::from_i64(p as i64 + 1);
    }
}

/// `?getrf` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn getrf<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    a: *mut T,
    lda: *const I,
    ipiv: *mut I,
    info: *mut I,
) {
    let (m, n, lda) = (rd(m), rd(n), rd(lda));
    if !legal::<T, I>("GETRF", info, &[(1, m < 0), (2, n < 0), (4, lda < max1(m))]) {
        return;
    }
    if m == 0 || n == 0 {
        return;
    }
    let mut piv = vec![0usize; m.min(n) as usize];
    let r = lu::getrf(cm(a, m, n, lda), &mut piv).out("getrf");
    piv_out(ipiv, &piv);
    set_info(info, r);
}

/// `?getrs` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn getrs<T: Scalar, I: XerblaNames>(
    trans: *const c_char,
    n: *const I,
    nrhs: *const I,
    a: *const T,
    lda: *const I,
    ipiv: *const I,
    b: *mut T,
    ldb: *const I,
    info: *mut I,
) {
    let op = op_of(ch(trans));
    let (n, nrhs, lda, ldb) = (rd(n), rd(nrhs), rd(lda), rd(ldb));
    let checks = [
        (1, op.is_none()),
        (2, n < 0),
        (3, nrhs < 0),
        (5, lda < max1(n)),
        (8, ldb < max1(n)),
    ];
    if !legal::<T, I>("GETRS", info, &checks) || n == 0 || nrhs == 0 {
        return;
    }
    let piv = piv_in(ipiv, n as usize);
    let r = lu::getrs(op.unwrap(), cr(a, n, n, lda), &piv, cm(b, n, nrhs, ldb));
    r.done("getrs");
}

/// `?gesv` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gesv<T: Scalar, I: XerblaNames>(
    n: *const I,
    nrhs: *const I,
    a: *mut T,
    lda: *const I,
    ipiv: *mut I,
    b: *mut T,
    ldb: *const I,
    info: *mut I,
) {
    let (n, nrhs, lda, ldb) = (rd(n), rd(nrhs), rd(lda), rd(ldb));
    let checks = [
        (1, n < 0),
        (2, nrhs < 0),
        (4, lda < max1(n)),
        (7, ldb < max1(n)),
    ];
    if !legal::<T, I>("GESV", info, &checks) || n == 0 {
        return;
    }
    let mut piv = vec![0usize; n as usize];
    let r = lu::gesv(cm(a, n, n, lda), &mut piv, cm(b, n, nrhs, ldb)).out("gesv");
    piv_out(ipiv, &piv);
    set_info(info, r);
}

/// `?getri` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn getri<T: Scalar, I: XerblaNames>(
    n: *const I,
    a: *mut T,
    lda: *const I,
    ipiv: *const I,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    let (n, lda, lwork) = (rd(n), rd(lda), rd(lwork));
    let query = lwork == -1;
    let checks = [
        (1, n < 0),
        (3, lda < max1(n)),
        (6, lwork < max1(n) && !query),
    ];
    if !legal::<T, I>("GETRI", info, &checks) {
        return;
    }
    set_work(work, max1(n));
    if query || n == 0 {
        return;
    }
    let piv = piv_in(ipiv, n as usize);
    set_info(info, lu::getri(cm(a, n, n, lda), &piv).out("getri"));
}

/// `IWORK` (real types) or `RWORK` (complex) is not needed.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gecon<T: Scalar, I: XerblaNames>(
    norm: *const c_char,
    n: *const I,
    a: *const T,
    lda: *const I,
    anorm: *const T::Real,
    rcond: *mut T::Real,
    _work: *mut T,
    _iwork: *mut c_void,
    info: *mut I,
) {
    let nrm = match ch(norm) {
        b'1' | b'O' => Some(Norm::One),
        b'I' => Some(Norm::Inf),
        _ => None,
    };
    let (n, lda, anorm) = (rd(n), rd(lda), val(anorm));
    let checks = [
        (1, nrm.is_none()),
        (2, n < 0),
        (4, lda < max1(n)),
        (5, anorm < T::Real::zero()),
    ];
    if !legal::<T, I>("GECON", info, &checks) {
        return;
    }
    *rcond = if n == 0 {
        T::Real::one()
    } else if anorm.is_zero() {
        T::Real::zero()
    } else {
        lu::gecon(nrm.unwrap(), cr(a, n, n, lda), anorm).out("gecon")
    };
}

f77!(getrf [m: *const I, n: *const I, a: *mut T, lda: *const I, ipiv: *mut I, info: *mut I] {
    sgetrf_ sgetrf_64_: f32, dgetrf_ dgetrf_64_: f64, cgetrf_ cgetrf_64_: c32, zgetrf_ zgetrf_64_: c64,
});
f77!(getrs [trans: *const c_char, n: *const I, nrhs: *const I, a: *const T, lda: *const I,
    ipiv: *const I, b: *mut T, ldb: *const I, info: *mut I] {
    sgetrs_ sgetrs_64_: f32, dgetrs_ dgetrs_64_: f64, cgetrs_ cgetrs_64_: c32, zgetrs_ zgetrs_64_: c64,
});
f77!(gesv [n: *const I, nrhs: *const I, a: *mut T, lda: *const I, ipiv: *mut I, b: *mut T,
    ldb: *const I, info: *mut I] {
    sgesv_ sgesv_64_: f32, dgesv_ dgesv_64_: f64, cgesv_ cgesv_64_: c32, zgesv_ zgesv_64_: c64,
});
f77!(getri [n: *const I, a: *mut T, lda: *const I, ipiv: *const I, work: *mut T,
    lwork: *const I, info: *mut I] {
    sgetri_ sgetri_64_: f32, dgetri_ dgetri_64_: f64, cgetri_ cgetri_64_: c32, zgetri_ zgetri_64_: c64,
});
f77!(gecon [norm: *const c_char, n: *const I, a: *const T, lda: *const I,
    anorm: *const <T as Scalar>::Real, rcond: *mut <T as Scalar>::Real, work: *mut T,
    iwork: *mut c_void, info: *mut I] {
    sgecon_ sgecon_64_: f32, dgecon_ dgecon_64_: f64, cgecon_ cgecon_64_: c32, zgecon_ zgecon_64_: c64,
});
