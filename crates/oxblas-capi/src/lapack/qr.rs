//! QR: ?geqrf ?orgqr/?ungqr ?ormqr/?unmqr ?gels ?geqp3.

use super::*;
use core::ffi::{c_char, c_void};
use ox::lapack::qr;
use ox::{c32, c64, Side};

/// `?geqrf` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn geqrf<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    a: *mut T,
    lda: *const I,
    tau: *mut T,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    let (m, n, lda, lwork) = (rd(m), rd(n), rd(lda), rd(lwork));
    let query = lwork == -1;
    let checks = [
        (1, m < 0),
        (2, n < 0),
        (4, lda < max1(m)),
        (7, lwork < max1(n) && !query),
    ];
    if !legal::<T, I>("GEQRF", info, &checks) {
        return;
    }
    set_work(work, max1(n));
    if query || m == 0 || n == 0 {
        return;
    }
    let tau = slice(tau, m.min(n) as usize);
    qr::geqrf(cm(a, m, n, lda), tau).done("geqrf");
}

/// `?orgqr` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn orgqr<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    k: *const I,
    a: *mut T,
    lda: *const I,
    tau: *const T,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    let (m, n, k, lda, lwork) = (rd(m), rd(n), rd(k), rd(lda), rd(lwork));
    let query = lwork == -1;
    let checks = [
        (1, m < 0),
        (2, n < 0 || n > m),
        (3, k < 0 || k > n),
        (5, lda < max1(m)),
        (8, lwork < max1(n) && !query),
    ];
    if !legal::<T, I>(rc::<T>("ORGQR", "UNGQR"), info, &checks) {
        return;
    }
    set_work(work, max1(n));
    if query || n == 0 {
        return;
    }
    let tau = slice(tau as *mut T, k as usize);
    qr::orgqr(cm(a, m, n, lda), tau).done("orgqr");
}

/// `?ormqr` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn ormqr<T: Scalar, I: XerblaNames>(
    side: *const c_char,
    trans: *const c_char,
    m: *const I,
    n: *const I,
    k: *const I,
    a: *const T,
    lda: *const I,
    tau: *const T,
    c: *mut T,
    ldc: *const I,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    let (sd, op) = (side_of(ch(side)), qr_op::<T>(ch(trans)));
    let (m, n, k, lda, ldc, lwork) = (rd(m), rd(n), rd(k), rd(lda), rd(ldc), rd(lwork));
    let left = sd == Some(Side::Left);
    let (nq, nw) = if left { (m, max1(n)) } else { (n, max1(m)) };
    let query = lwork == -1;
    let checks = [
        (1, sd.is_none()),
        (2, op.is_none()),
        (3, m < 0),
        (4, n < 0),
        (5, k < 0 || k > nq),
        (7, lda < max1(nq)),
        (10, ldc < max1(m)),
        (12, lwork < nw && !query),
    ];
    if !legal::<T, I>(rc::<T>("ORMQR", "UNMQR"), info, &checks) {
        return;
    }
    set_work(work, nw);
    if query || m == 0 || n == 0 || k == 0 {
        return;
    }
    let (a, tau) = (cr(a, nq, k, lda), slice(tau as *mut T, k as usize));
    qr::ormqr(sd.unwrap(), op.unwrap(), a, tau, cm(c, m, n, ldc)).done("ormqr");
}

/// `?gels` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn gels<T: Scalar, I: XerblaNames>(
    trans: *const c_char,
    m: *const I,
    n: *const I,
    nrhs: *const I,
    a: *mut T,
    lda: *const I,
    b: *mut T,
    ldb: *const I,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    let op = qr_op::<T>(ch(trans));
    let (m, n, nrhs, lda, ldb, lwork) = (rd(m), rd(n), rd(nrhs), rd(lda), rd(ldb), rd(lwork));
    let mn = m.min(n);
    let need = max1(mn.saturating_add(mn.max(nrhs)));
    let query = lwork == -1;
    let checks = [
        (1, op.is_none()),
        (2, m < 0),
        (3, n < 0),
        (4, nrhs < 0),
        (6, lda < max1(m)),
        (8, ldb < max1(m.max(n))),
        (10, lwork < need && !query),
    ];
    if !legal::<T, I>("GELS", info, &checks) {
        return;
    }
    set_work(work, need);
    if query {
        return;
    }
    let mut b = cm(b, m.max(n), nrhs, ldb);
    if mn == 0 || nrhs == 0 {
        // As LAPACK: the solution of an empty system is zero.
        for j in 0..b.ncols() {
            for i in 0..b.nrows() {
                b.set(i, j, T::zero());
            }
        }
        return;
    }
    set_info(info, qr::gels(op.unwrap(), cm(a, m, n, lda), b).out("gels"));
}

/// `?geqp3` for both argument lists (complex ones add `RWORK`, unused).
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
unsafe fn geqp3_any<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    a: *mut T,
    lda: *const I,
    jpvt: *mut I,
    tau: *mut T,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    let (m, n, lda, lwork) = (rd(m), rd(n), rd(lda), rd(lwork));
    let need = match (m.min(n), T::IS_COMPLEX) {
        (0, _) => 1,
        (_, true) => n.saturating_add(1),
        (_, false) => n.saturating_mul(3).saturating_add(1),
    };
    let query = lwork == -1;
    let checks = [
        (1, m < 0),
        (2, n < 0),
        (4, lda < max1(m)),
        (8, lwork < need && !query),
    ];
    if !legal::<T, I>("GEQP3", info, &checks) {
        return;
    }
    set_work(work, need);
    if query || n == 0 {
        return;
    }
    let jp = slice(jpvt, n as usize);
    // The core reads "nonzero = leading column" and returns 0-based columns.
    let mut piv: Vec<usize> = jp.iter().map(|p| (p.get() != 0) as usize).collect();
    let tau = slice(tau, m.min(n) as usize);
    qr::geqp3(cm(a, m, n, lda), &mut piv, tau).done("geqp3");
    for (d, p) in jp.iter_mut().zip(piv) {
        *d = I::from_i64(p as i64 + 1);
    }
}

/// `?geqp3` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn geqp3<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    a: *mut T,
    lda: *const I,
    jpvt: *mut I,
    tau: *mut T,
    work: *mut T,
    lwork: *const I,
    info: *mut I,
) {
    geqp3_any::<T, I>(m, n, a, lda, jpvt, tau, work, lwork, info)
}

/// `?geqp3_c` with LAPACK's argument list.
///
/// # Safety
/// The LAPACK contract: each pointer addresses the scalar or array LAPACK
/// documents for that argument, of the size the dimensions give.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn geqp3_c<T: Scalar, I: XerblaNames>(
    m: *const I,
    n: *const I,
    a: *mut T,
    lda: *const I,
    jpvt: *mut I,
    tau: *mut T,
    work: *mut T,
    lwork: *const I,
    _rwork: *mut c_void,
    info: *mut I,
) {
    geqp3_any::<T, I>(m, n, a, lda, jpvt, tau, work, lwork, info)
}

f77!(geqrf [m: *const I, n: *const I, a: *mut T, lda: *const I, tau: *mut T, work: *mut T,
    lwork: *const I, info: *mut I] {
    sgeqrf_ sgeqrf_64_: f32, dgeqrf_ dgeqrf_64_: f64, cgeqrf_ cgeqrf_64_: c32, zgeqrf_ zgeqrf_64_: c64,
});
f77!(orgqr [m: *const I, n: *const I, k: *const I, a: *mut T, lda: *const I, tau: *const T,
    work: *mut T, lwork: *const I, info: *mut I] {
    sorgqr_ sorgqr_64_: f32, dorgqr_ dorgqr_64_: f64, cungqr_ cungqr_64_: c32, zungqr_ zungqr_64_: c64,
});
f77!(ormqr [side: *const c_char, trans: *const c_char, m: *const I, n: *const I, k: *const I,
    a: *const T, lda: *const I, tau: *const T, c: *mut T, ldc: *const I, work: *mut T,
    lwork: *const I, info: *mut I] {
    sormqr_ sormqr_64_: f32, dormqr_ dormqr_64_: f64, cunmqr_ cunmqr_64_: c32, zunmqr_ zunmqr_64_: c64,
});
f77!(gels [trans: *const c_char, m: *const I, n: *const I, nrhs: *const I, a: *mut T,
    lda: *const I, b: *mut T, ldb: *const I, work: *mut T, lwork: *const I, info: *mut I] {
    sgels_ sgels_64_: f32, dgels_ dgels_64_: f64, cgels_ cgels_64_: c32, zgels_ zgels_64_: c64,
});
f77!(geqp3 [m: *const I, n: *const I, a: *mut T, lda: *const I, jpvt: *mut I, tau: *mut T,
    work: *mut T, lwork: *const I, info: *mut I] {
    sgeqp3_ sgeqp3_64_: f32, dgeqp3_ dgeqp3_64_: f64,
});
f77!(geqp3_c [m: *const I, n: *const I, a: *mut T, lda: *const I, jpvt: *mut I, tau: *mut T,
    work: *mut T, lwork: *const I, rwork: *mut c_void, info: *mut I] {
    cgeqp3_ cgeqp3_64_: c32, zgeqp3_ zgeqp3_64_: c64,
});
