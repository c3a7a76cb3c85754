//! Level 1: vector operations. No argument here is ever illegal (Level 1
//! has no XERBLA calls); the reference rules for empty and non-positive
//! increments are kept: `scal`, `asum`, `nrm2`-free routines noted below
//! do nothing (or return 0) when `incx <= 0`, `axpy` ignores `alpha == 0`.
//!
//! The `run_*` helpers take values, so the CBLAS door shares them.

use crate::abi::*;
use ox::{c32, c64, Scalar};

pub(crate) use ox::blas::level1 as l1;

/// `n` as a count, None when the reference would return at once (`n <= 0`).
#[inline]
pub(crate) fn count(n: i64) -> Option<usize> {
    (n > 0).then_some(n as usize)
}

// ---- rotg / rotmg / rotm / rot ------------------------------------------------

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_rotg<T: Scalar>(a: *mut T, b: *mut T, c: *mut T::Real, s: *mut T) {
    // Real rotg overwrites b with z; complex rotg leaves b alone.
    let mut bb = *b;
    let (cc, ss) = l1::rotg(&mut *a, &mut bb);
    if !T::IS_COMPLEX {
        *b = bb;
    }
    *c = cc;
    *s = ss;
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn rotg<T: Scalar, I: Int>(a: *mut T, b: *mut T, c: *mut T::Real, s: *mut T) {
    run_rotg(a, b, c, s)
}
f77!(rotg [a: *mut T, b: *mut T, c: *mut <T as Scalar>::Real, s: *mut T] {
    srotg_ srotg_64_: f32, drotg_ drotg_64_: f64, crotg_ crotg_64_: c32, zrotg_ zrotg_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_rotmg<T: ox::RealScalar>(
    d1: *mut T,
    d2: *mut T,
    x1: *mut T,
    y1: T,
    p: *mut T,
) {
    let param = l1::rotmg(&mut *d1, &mut *d2, &mut *x1, y1);
    core::ptr::copy_nonoverlapping(param.as_ptr(), p, 5);
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn rotmg<T: ox::RealScalar, I: Int>(
    d1: *mut T,
    d2: *mut T,
    x1: *mut T,
    y1: *const T,
    p: *mut T,
) {
    run_rotmg(d1, d2, x1, *y1, p)
}
f77!(rotmg [d1: *mut T, d2: *mut T, x1: *mut T, y1: *const T, param: *mut T] {
    srotmg_ srotmg_64_: f32, drotmg_ drotmg_64_: f64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_rotm<T: ox::RealScalar>(
    n: i64,
    x: *mut T,
    incx: i64,
    y: *mut T,
    incy: i64,
    p: *const T,
) {
    let Some(n) = count(n) else { return };
    let param: [T; 5] = core::ptr::read(p as *const [T; 5]);
    // flag == -2 is the identity: the reference returns without touching x, y.
    if param[0] == T::from_f64(-2.0) {
        return;
    }
    l1::rotm(vecm(x, n, incx), vecm(y, n, incy), &param).done("rotm")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn rotm<T: ox::RealScalar, I: Int>(
    n: *const I,
    x: *mut T,
    incx: *const I,
    y: *mut T,
    incy: *const I,
    p: *const T,
) {
    run_rotm(rd(n), x, rd(incx), y, rd(incy), p)
}
f77!(rotm [n: *const I, x: *mut T, incx: *const I, y: *mut T, incy: *const I, param: *const T] {
    srotm_ srotm_64_: f32, drotm_ drotm_64_: f64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_rot<T: Scalar>(
    n: i64,
    x: *mut T,
    incx: i64,
    y: *mut T,
    incy: i64,
    c: T::Real,
    s: T::Real,
) {
    let Some(n) = count(n) else { return };
    l1::rot(vecm(x, n, incx), vecm(y, n, incy), c, s).done("rot")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn rot<T: Scalar, I: Int>(
    n: *const I,
    x: *mut T,
    incx: *const I,
    y: *mut T,
    incy: *const I,
    c: *const T::Real,
    s: *const T::Real,
) {
    run_rot(rd(n), x, rd(incx), y, rd(incy), *c, *s)
}
f77!(rot [n: *const I, x: *mut T, incx: *const I, y: *mut T, incy: *const I,
    c: *const <T as Scalar>::Real, s: *const <T as Scalar>::Real] {
    srot_ srot_64_: f32, drot_ drot_64_: f64, csrot_ csrot_64_: c32, zdrot_ zdrot_64_: c64,
});

// ---- swap / copy / axpy / axpby ---------------------------------------------------

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_swap<T: Scalar>(n: i64, x: *mut T, incx: i64, y: *mut T, incy: i64) {
    let Some(n) = count(n) else { return };
    l1::swap(vecm(x, n, incx), vecm(y, n, incy)).done("swap")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn swap<T: Scalar, I: Int>(
    n: *const I,
    x: *mut T,
    incx: *const I,
    y: *mut T,
    incy: *const I,
) {
    run_swap(rd(n), x, rd(incx), y, rd(incy))
}
f77!(swap [n: *const I, x: *mut T, incx: *const I, y: *mut T, incy: *const I] {
    sswap_ sswap_64_: f32, dswap_ dswap_64_: f64, cswap_ cswap_64_: c32, zswap_ zswap_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_copy<T: Scalar>(n: i64, x: *const T, incx: i64, y: *mut T, incy: i64) {
    let Some(n) = count(n) else { return };
    l1::copy(vecr(x, n, incx), vecm(y, n, incy)).done("copy")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn copy<T: Scalar, I: Int>(
    n: *const I,
    x: *const T,
    incx: *const I,
    y: *mut T,
    incy: *const I,
) {
    run_copy(rd(n), x, rd(incx), y, rd(incy))
}
f77!(copy [n: *const I, x: *const T, incx: *const I, y: *mut T, incy: *const I] {
    scopy_ scopy_64_: f32, dcopy_ dcopy_64_: f64, ccopy_ ccopy_64_: c32, zcopy_ zcopy_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_axpy<T: Scalar>(
    n: i64,
    alpha: T,
    x: *const T,
    incx: i64,
    y: *mut T,
    incy: i64,
) {
    let Some(n) = count(n) else { return };
    if alpha.is_zero() {
        return;
    }
    l1::axpy(alpha, vecr(x, n, incx), vecm(y, n, incy)).done("axpy")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn axpy<T: Scalar, I: Int>(
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    y: *mut T,
    incy: *const I,
) {
    run_axpy(rd(n), *alpha, x, rd(incx), y, rd(incy))
}
f77!(axpy [n: *const I, alpha: *const T, x: *const T, incx: *const I, y: *mut T, incy: *const I] {
    saxpy_ saxpy_64_: f32, daxpy_ daxpy_64_: f64, caxpy_ caxpy_64_: c32, zaxpy_ zaxpy_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_axpby<T: Scalar>(
    n: i64,
    alpha: T,
    x: *const T,
    incx: i64,
    beta: T,
    y: *mut T,
    incy: i64,
) {
    let Some(n) = count(n) else { return };
    l1::axpby(alpha, vecr(x, n, incx), beta, vecm(y, n, incy)).done("axpby")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn axpby<T: Scalar, I: Int>(
    n: *const I,
    alpha: *const T,
    x: *const T,
    incx: *const I,
    beta: *const T,
    y: *mut T,
    incy: *const I,
) {
    run_axpby(rd(n), *alpha, x, rd(incx), *beta, y, rd(incy))
}
f77!(axpby [n: *const I, alpha: *const T, x: *const T, incx: *const I, beta: *const T, y: *mut T,
    incy: *const I] {
    saxpby_ saxpby_64_: f32, daxpby_ daxpby_64_: f64, caxpby_ caxpby_64_: c32, zaxpby_ zaxpby_64_: c64,
});

// ---- scal ---------------------------------------------------------------------------

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_scal<T: Scalar>(n: i64, alpha: T, x: *mut T, incx: i64) {
    let Some(n) = count(n) else { return };
    if incx <= 0 {
        return;
    }
    l1::scal(alpha, vecm(x, n, incx))
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn scal<T: Scalar, I: Int>(
    n: *const I,
    alpha: *const T,
    x: *mut T,
    incx: *const I,
) {
    run_scal(rd(n), *alpha, x, rd(incx))
}
f77!(scal [n: *const I, alpha: *const T, x: *mut T, incx: *const I] {
    sscal_ sscal_64_: f32, dscal_ dscal_64_: f64, cscal_ cscal_64_: c32, zscal_ zscal_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_scal_real<T: Scalar>(n: i64, alpha: T::Real, x: *mut T, incx: i64) {
    let Some(n) = count(n) else { return };
    if incx <= 0 {
        return;
    }
    l1::scal_real(alpha, vecm(x, n, incx))
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn scal_real<T: Scalar, I: Int>(
    n: *const I,
    alpha: *const T::Real,
    x: *mut T,
    incx: *const I,
) {
    run_scal_real(rd(n), *alpha, x, rd(incx))
}
f77!(scal_real [n: *const I, alpha: *const <T as Scalar>::Real, x: *mut T, incx: *const I] {
    csscal_ csscal_64_: c32, zdscal_ zdscal_64_: c64,
});

// ---- dot products -------------------------------------------------------------------

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_dot<T: Scalar>(
    n: i64,
    x: *const T,
    incx: i64,
    y: *const T,
    incy: i64,
) -> T {
    let Some(n) = count(n) else { return T::zero() };
    l1::dot(vecr(x, n, incx), vecr(y, n, incy)).out("dot")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn dot<T: Scalar, I: Int>(
    n: *const I,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
) -> T {
    run_dot(rd(n), x, rd(incx), y, rd(incy))
}
// Complex results return in registers exactly like C `float _Complex` /
// `double _Complex` (c32/c64 are repr(C) pairs of floats), which is how
// gfortran returns COMPLEX functions.
f77!(dot [n: *const I, x: *const T, incx: *const I, y: *const T, incy: *const I] -> T {
    sdot_ sdot_64_: f32, ddot_ ddot_64_: f64, cdotu_ cdotu_64_: c32, zdotu_ zdotu_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_dotc<T: Scalar>(
    n: i64,
    x: *const T,
    incx: i64,
    y: *const T,
    incy: i64,
) -> T {
    let Some(n) = count(n) else { return T::zero() };
    l1::dotc(vecr(x, n, incx), vecr(y, n, incy)).out("dotc")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn dotc<T: Scalar, I: Int>(
    n: *const I,
    x: *const T,
    incx: *const I,
    y: *const T,
    incy: *const I,
) -> T {
    run_dotc(rd(n), x, rd(incx), y, rd(incy))
}
f77!(dotc [n: *const I, x: *const T, incx: *const I, y: *const T, incy: *const I] -> T {
    cdotc_ cdotc_64_: c32, zdotc_ zdotc_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_sdsdot(
    n: i64,
    sb: f32,
    x: *const f32,
    incx: i64,
    y: *const f32,
    incy: i64,
) -> f32 {
    let Some(n) = count(n) else { return sb };
    l1::sdsdot(sb, vecr(x, n, incx), vecr(y, n, incy)).out("sdsdot")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn sdsdot<T, I: Int>(
    n: *const I,
    sb: *const f32,
    x: *const f32,
    incx: *const I,
    y: *const f32,
    incy: *const I,
) -> f32 {
    run_sdsdot(rd(n), *sb, x, rd(incx), y, rd(incy))
}
f77!(sdsdot [n: *const I, sb: *const f32, x: *const f32, incx: *const I, y: *const f32, incy: *const I] -> f32 {
    sdsdot_ sdsdot_64_: f32,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_dsdot(n: i64, x: *const f32, incx: i64, y: *const f32, incy: i64) -> f64 {
    let Some(n) = count(n) else { return 0.0 };
    l1::dsdot(vecr(x, n, incx), vecr(y, n, incy)).out("dsdot")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn dsdot<T, I: Int>(
    n: *const I,
    x: *const f32,
    incx: *const I,
    y: *const f32,
    incy: *const I,
) -> f64 {
    run_dsdot(rd(n), x, rd(incx), y, rd(incy))
}
f77!(dsdot [n: *const I, x: *const f32, incx: *const I, y: *const f32, incy: *const I] -> f64 {
    dsdot_ dsdot_64_: f64,
});

// ---- norms and indices ------------------------------------------------------------------

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_nrm2<T: Scalar>(n: i64, x: *const T, incx: i64) -> T::Real {
    let Some(n) = count(n) else {
        return <T::Real as Scalar>::zero();
    };
    l1::nrm2(vecr(x, n, incx)).out("nrm2")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn nrm2<T: Scalar, I: Int>(n: *const I, x: *const T, incx: *const I) -> T::Real {
    run_nrm2(rd(n), x, rd(incx))
}
f77!(nrm2 [n: *const I, x: *const T, incx: *const I] -> <T as Scalar>::Real {
    snrm2_ snrm2_64_: f32, dnrm2_ dnrm2_64_: f64, scnrm2_ scnrm2_64_: c32, dznrm2_ dznrm2_64_: c64,
});

// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_asum<T: Scalar>(n: i64, x: *const T, incx: i64) -> T::Real {
    let Some(n) = count(n) else {
        return <T::Real as Scalar>::zero();
    };
    if incx <= 0 {
        return <T::Real as Scalar>::zero();
    }
    l1::asum(vecr(x, n, incx)).out("asum")
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn asum<T: Scalar, I: Int>(n: *const I, x: *const T, incx: *const I) -> T::Real {
    run_asum(rd(n), x, rd(incx))
}
f77!(asum [n: *const I, x: *const T, incx: *const I] -> <T as Scalar>::Real {
    sasum_ sasum_64_: f32, dasum_ dasum_64_: f64, scasum_ scasum_64_: c32, dzasum_ dzasum_64_: c64,
});

/// i?amax / i?amin: the 1-based index, 0 when `n < 1` or `incx <= 0`.
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn run_iamx<T: Scalar>(min: bool, n: i64, x: *const T, incx: i64) -> i64 {
    let Some(n) = count(n) else { return 0 };
    if incx <= 0 {
        return 0;
    }
    let v = vecr(x, n, incx);
    let r: Option<usize> = if min {
        l1::iamin(v).out("iamin")
    } else {
        l1::iamax(v).out("iamax")
    };
    r.map_or(0, |i| i as i64 + 1)
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn iamax<T: Scalar, I: Int>(n: *const I, x: *const T, incx: *const I) -> I {
    I::from_i64(run_iamx(false, rd(n), x, rd(incx)))
}
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn iamin<T: Scalar, I: Int>(n: *const I, x: *const T, incx: *const I) -> I {
    I::from_i64(run_iamx(true, rd(n), x, rd(incx)))
}
f77!(iamax [n: *const I, x: *const T, incx: *const I] -> I {
    isamax_ isamax_64_: f32, idamax_ idamax_64_: f64, icamax_ icamax_64_: c32, izamax_ izamax_64_: c64,
});
f77!(iamin [n: *const I, x: *const T, incx: *const I] -> I {
    isamin_ isamin_64_: f32, idamin_ idamin_64_: f64, icamin_ icamin_64_: c32, izamin_ izamin_64_: c64,
});

// ---- cabs1 ------------------------------------------------------------------------------

/// `|re(z)| + |im(z)|` (the reference `SCABS1`/`DCABS1`).
// SAFETY: reached only from the exported BLAS/LAPACK entry points, whose callers guarantee the pointer arguments under the BLAS/LAPACK contract; sizes are checked before any access.
pub(crate) unsafe fn cabs1<T: Scalar, I: Int>(z: *const T) -> T::Real {
    (*z).abs1()
}
f77!(cabs1 [z: *const T] -> <T as Scalar>::Real {
    scabs1_ scabs1_64_: c32, dcabs1_ dcabs1_64_: c64,
});
