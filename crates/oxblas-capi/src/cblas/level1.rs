//! CBLAS Level 1: the Fortran door's computations with values for pointers.
//! `cblas_i?amax` return a 0-based `CBLAS_INDEX` (`size_t`).

use crate::abi::*;
use crate::fortran::level1::*;
use ox::{c32, c64, RealScalar, Scalar};

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_rotg<T: Scalar, I: Int>(a: *mut T, b: *mut T, c: *mut T::Real, s: *mut T) {
    run_rotg(a, b, c, s)
}
cblas!(c_rotg [a: *mut T, b: *mut T, c: *mut <T as Scalar>::Real, s: *mut T] {
    cblas_srotg cblas_srotg64_: f32, cblas_drotg cblas_drotg64_: f64,
    cblas_crotg cblas_crotg64_: c32, cblas_zrotg cblas_zrotg64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_rotmg<T: RealScalar, I: Int>(d1: *mut T, d2: *mut T, b1: *mut T, b2: T, p: *mut T) {
    run_rotmg(d1, d2, b1, b2, p)
}
cblas!(c_rotmg [d1: *mut T, d2: *mut T, b1: *mut T, b2: T, p: *mut T] {
    cblas_srotmg cblas_srotmg64_: f32, cblas_drotmg cblas_drotmg64_: f64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_rotm<T: RealScalar, I: Int>(n: I, x: *mut T, incx: I, y: *mut T, incy: I, p: *const T) {
    run_rotm(n.get(), x, incx.get(), y, incy.get(), p)
}
cblas!(c_rotm [n: I, x: *mut T, incx: I, y: *mut T, incy: I, p: *const T] {
    cblas_srotm cblas_srotm64_: f32, cblas_drotm cblas_drotm64_: f64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_rot<T: Scalar, I: Int>(
    n: I,
    x: *mut T,
    incx: I,
    y: *mut T,
    incy: I,
    c: T::Real,
    s: T::Real,
) {
    run_rot(n.get(), x, incx.get(), y, incy.get(), c, s)
}
cblas!(c_rot [n: I, x: *mut T, incx: I, y: *mut T, incy: I, c: <T as Scalar>::Real,
    s: <T as Scalar>::Real] {
    cblas_srot cblas_srot64_: f32, cblas_drot cblas_drot64_: f64,
    cblas_csrot cblas_csrot64_: c32, cblas_zdrot cblas_zdrot64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_swap<T: Scalar, I: Int>(n: I, x: *mut T, incx: I, y: *mut T, incy: I) {
    run_swap(n.get(), x, incx.get(), y, incy.get())
}
cblas!(c_swap [n: I, x: *mut T, incx: I, y: *mut T, incy: I] {
    cblas_sswap cblas_sswap64_: f32, cblas_dswap cblas_dswap64_: f64,
    cblas_cswap cblas_cswap64_: c32, cblas_zswap cblas_zswap64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_copy<T: Scalar, I: Int>(n: I, x: *const T, incx: I, y: *mut T, incy: I) {
    run_copy(n.get(), x, incx.get(), y, incy.get())
}
cblas!(c_copy [n: I, x: *const T, incx: I, y: *mut T, incy: I] {
    cblas_scopy cblas_scopy64_: f32, cblas_dcopy cblas_dcopy64_: f64,
    cblas_ccopy cblas_ccopy64_: c32, cblas_zcopy cblas_zcopy64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_axpy<T: CArg, I: Int>(n: I, alpha: T::Arg, x: *const T, incx: I, y: *mut T, incy: I) {
    run_axpy(n.get(), T::read(alpha), x, incx.get(), y, incy.get())
}
cblas!(c_axpy [n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I, y: *mut T, incy: I] {
    cblas_saxpy cblas_saxpy64_: f32, cblas_daxpy cblas_daxpy64_: f64,
    cblas_caxpy cblas_caxpy64_: c32, cblas_zaxpy cblas_zaxpy64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_axpby<T: CArg, I: Int>(
    n: I,
    alpha: T::Arg,
    x: *const T,
    incx: I,
    beta: T::Arg,
    y: *mut T,
    incy: I,
) {
    run_axpby(
        n.get(),
        T::read(alpha),
        x,
        incx.get(),
        T::read(beta),
        y,
        incy.get(),
    )
}
cblas!(c_axpby [n: I, alpha: <T as CArg>::Arg, x: *const T, incx: I, beta: <T as CArg>::Arg,
    y: *mut T, incy: I] {
    cblas_saxpby cblas_saxpby64_: f32, cblas_daxpby cblas_daxpby64_: f64,
    cblas_caxpby cblas_caxpby64_: c32, cblas_zaxpby cblas_zaxpby64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_scal<T: CArg, I: Int>(n: I, alpha: T::Arg, x: *mut T, incx: I) {
    run_scal(n.get(), T::read(alpha), x, incx.get())
}
cblas!(c_scal [n: I, alpha: <T as CArg>::Arg, x: *mut T, incx: I] {
    cblas_sscal cblas_sscal64_: f32, cblas_dscal cblas_dscal64_: f64,
    cblas_cscal cblas_cscal64_: c32, cblas_zscal cblas_zscal64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_scal_real<T: Scalar, I: Int>(n: I, alpha: T::Real, x: *mut T, incx: I) {
    run_scal_real(n.get(), alpha, x, incx.get())
}
cblas!(c_scal_real [n: I, alpha: <T as Scalar>::Real, x: *mut T, incx: I] {
    cblas_csscal cblas_csscal64_: c32, cblas_zdscal cblas_zdscal64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_dot<T: Scalar, I: Int>(n: I, x: *const T, incx: I, y: *const T, incy: I) -> T {
    run_dot(n.get(), x, incx.get(), y, incy.get())
}
cblas!(c_dot [n: I, x: *const T, incx: I, y: *const T, incy: I] -> T {
    cblas_sdot cblas_sdot64_: f32, cblas_ddot cblas_ddot64_: f64,
});
// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_dotu_sub<T: Scalar, I: Int>(
    n: I,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    out: *mut T,
) {
    *out = run_dot(n.get(), x, incx.get(), y, incy.get())
}
cblas!(c_dotu_sub [n: I, x: *const T, incx: I, y: *const T, incy: I, out: *mut T] {
    cblas_cdotu_sub cblas_cdotu_sub64_: c32, cblas_zdotu_sub cblas_zdotu_sub64_: c64,
});
// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_dotc_sub<T: Scalar, I: Int>(
    n: I,
    x: *const T,
    incx: I,
    y: *const T,
    incy: I,
    out: *mut T,
) {
    *out = run_dotc(n.get(), x, incx.get(), y, incy.get())
}
cblas!(c_dotc_sub [n: I, x: *const T, incx: I, y: *const T, incy: I, out: *mut T] {
    cblas_cdotc_sub cblas_cdotc_sub64_: c32, cblas_zdotc_sub cblas_zdotc_sub64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_sdsdot<T, I: Int>(
    n: I,
    sb: f32,
    x: *const f32,
    incx: I,
    y: *const f32,
    incy: I,
) -> f32 {
    run_sdsdot(n.get(), sb, x, incx.get(), y, incy.get())
}
cblas!(c_sdsdot [n: I, sb: f32, x: *const f32, incx: I, y: *const f32, incy: I] -> f32 {
    cblas_sdsdot cblas_sdsdot64_: f32,
});
// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_dsdot<T, I: Int>(n: I, x: *const f32, incx: I, y: *const f32, incy: I) -> f64 {
    run_dsdot(n.get(), x, incx.get(), y, incy.get())
}
cblas!(c_dsdot [n: I, x: *const f32, incx: I, y: *const f32, incy: I] -> f64 {
    cblas_dsdot cblas_dsdot64_: f64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_nrm2<T: Scalar, I: Int>(n: I, x: *const T, incx: I) -> T::Real {
    run_nrm2(n.get(), x, incx.get())
}
cblas!(c_nrm2 [n: I, x: *const T, incx: I] -> <T as Scalar>::Real {
    cblas_snrm2 cblas_snrm264_: f32, cblas_dnrm2 cblas_dnrm264_: f64,
    cblas_scnrm2 cblas_scnrm264_: c32, cblas_dznrm2 cblas_dznrm264_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_asum<T: Scalar, I: Int>(n: I, x: *const T, incx: I) -> T::Real {
    run_asum(n.get(), x, incx.get())
}
cblas!(c_asum [n: I, x: *const T, incx: I] -> <T as Scalar>::Real {
    cblas_sasum cblas_sasum64_: f32, cblas_dasum cblas_dasum64_: f64,
    cblas_scasum cblas_scasum64_: c32, cblas_dzasum cblas_dzasum64_: c64,
});

/// 0-based, and 0 for an empty vector (as the reference CBLAS).
// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_iamax<T: Scalar, I: Int>(n: I, x: *const T, incx: I) -> usize {
    (run_iamx(false, n.get(), x, incx.get()) - 1).max(0) as usize
}
cblas!(c_iamax [n: I, x: *const T, incx: I] -> usize {
    cblas_isamax cblas_isamax64_: f32, cblas_idamax cblas_idamax64_: f64,
    cblas_icamax cblas_icamax64_: c32, cblas_izamax cblas_izamax64_: c64,
});
// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_iamin<T: Scalar, I: Int>(n: I, x: *const T, incx: I) -> usize {
    (run_iamx(true, n.get(), x, incx.get()) - 1).max(0) as usize
}
cblas!(c_iamin [n: I, x: *const T, incx: I] -> usize {
    cblas_isamin cblas_isamin64_: f32, cblas_idamin cblas_idamin64_: f64,
    cblas_icamin cblas_icamin64_: c32, cblas_izamin cblas_izamin64_: c64,
});

// SAFETY: called only by its cblas_* entry points with the C caller's pointers, valid under the CBLAS contract; run_* checks sizes and increments first.
unsafe fn c_cabs1<T: Scalar, I: Int>(z: *const T) -> T::Real {
    (*z).abs1()
}
cblas!(c_cabs1 [z: *const T] -> <T as Scalar>::Real {
    cblas_scabs1 cblas_scabs164_: c32, cblas_dcabs1 cblas_dcabs164_: c64,
});
