//! AVX-512F micro-kernels: 32 zmm registers.
//!
//! Register blocks (accumulators + A vectors + broadcasts <= 32):
//! * f64 24x8: 3 zmm of A (24 rows) x 8 columns = 24 accumulators, +3 +1.
//! * f32 48x8: the same shape with 16 lanes.
//! * c64 12x4: 3 zmm (4 complex each) x 4 columns x 2 (re/im parts of b) =
//!   24 accumulators, +3 +2 broadcasts.
//! * c32 24x4: the same with 8 complex per zmm.
//!
//! On Zen 4 a zmm FMA issues at one per cycle (two 256-bit pipes), on Zen 5
//! and Intel server cores at two per cycle with 4-cycle latency: 24
//! independent accumulators keep either busy.

use super::{complex_kernel, real_kernel, GemmKernel, Simd};
use crate::arch::Isa;
use crate::scalar::{c32, c64};
use core::arch::x86_64::*;

pub(crate) struct F64x8;
pub(crate) struct F32x16;

impl Simd for F64x8 {
    type E = f64;
    type V = __m512d;
    const LANES: usize = 8;
    #[inline(always)]
    unsafe fn zero() -> __m512d {
        _mm512_setzero_pd()
    }
    #[inline(always)]
    unsafe fn splat(x: f64) -> __m512d {
        _mm512_set1_pd(x)
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> __m512d {
        _mm512_loadu_pd(p)
    }
    #[inline(always)]
    unsafe fn store(p: *mut f64, v: __m512d) {
        _mm512_storeu_pd(p, v)
    }
    #[inline(always)]
    unsafe fn add(a: __m512d, b: __m512d) -> __m512d {
        _mm512_add_pd(a, b)
    }
    #[inline(always)]
    unsafe fn mul(a: __m512d, b: __m512d) -> __m512d {
        _mm512_mul_pd(a, b)
    }
    #[inline(always)]
    unsafe fn fma(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmadd_pd(a, b, c)
    }
    #[inline(always)]
    unsafe fn swap_pairs(a: __m512d) -> __m512d {
        _mm512_permute_pd::<0b0101_0101>(a)
    }
    #[inline(always)]
    unsafe fn fmaddsub(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmaddsub_pd(a, b, c)
    }
    #[inline(always)]
    unsafe fn fma_scalar(x: f64, y: f64, z: f64) -> f64 {
        x.mul_add(y, z)
    }
}

impl Simd for F32x16 {
    type E = f32;
    type V = __m512;
    const LANES: usize = 16;
    #[inline(always)]
    unsafe fn zero() -> __m512 {
        _mm512_setzero_ps()
    }
    #[inline(always)]
    unsafe fn splat(x: f32) -> __m512 {
        _mm512_set1_ps(x)
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> __m512 {
        _mm512_loadu_ps(p)
    }
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: __m512) {
        _mm512_storeu_ps(p, v)
    }
    #[inline(always)]
    unsafe fn add(a: __m512, b: __m512) -> __m512 {
        _mm512_add_ps(a, b)
    }
    #[inline(always)]
    unsafe fn mul(a: __m512, b: __m512) -> __m512 {
        _mm512_mul_ps(a, b)
    }
    #[inline(always)]
    unsafe fn fma(a: __m512, b: __m512, c: __m512) -> __m512 {
        _mm512_fmadd_ps(a, b, c)
    }
    #[inline(always)]
    unsafe fn swap_pairs(a: __m512) -> __m512 {
        _mm512_permute_ps::<0b1011_0001>(a)
    }
    #[inline(always)]
    unsafe fn fmaddsub(a: __m512, b: __m512, c: __m512) -> __m512 {
        _mm512_fmaddsub_ps(a, b, c)
    }
    #[inline(always)]
    unsafe fn fma_scalar(x: f32, y: f32, z: f32) -> f32 {
        x.mul_add(y, z)
    }
}

macro_rules! entry {
    ($name:ident, $t:ty, $body:ident, $simd:ty, $mv:literal, $nr:literal) => {
        /// # Safety
        /// The CPU must support AVX-512F (guaranteed by dispatch through
        /// `arch::isa()`), and the pointers must satisfy `KernelFn`'s contract.
        #[target_feature(enable = "avx512f,fma")]
        #[allow(clippy::too_many_arguments)]
        unsafe fn $name<const PACKED_B: bool>(
            k: usize,
            a: *const $t,
            a_cs: isize,
            b: *const $t,
            b_rs: isize,
            b_cs: isize,
            c: *mut $t,
            rs_c: isize,
            cs_c: isize,
            m: usize,
            n: usize,
            alpha: $t,
            beta: $t,
        ) {
            $body::<$simd, $mv, $nr, PACKED_B>(
                k, a as _, a_cs, b as _, b_rs, b_cs, c as _, rs_c, cs_c, m, n, alpha, beta,
            )
        }
    };
}
entry!(dgemm_24x8, f64, real_kernel, F64x8, 3, 8);
entry!(sgemm_48x8, f32, real_kernel, F32x16, 3, 8);
entry!(zgemm_12x4, c64, complex_kernel, F64x8, 3, 4);
entry!(cgemm_24x4, c32, complex_kernel, F32x16, 3, 4);

pub(crate) static F64: GemmKernel<f64> = GemmKernel {
    isa: Isa::Avx512,
    mr: 24,
    nr: 8,
    packed_b: dgemm_24x8::<true>,
    strided_b: dgemm_24x8::<false>,
};
pub(crate) static F32: GemmKernel<f32> = GemmKernel {
    isa: Isa::Avx512,
    mr: 48,
    nr: 8,
    packed_b: sgemm_48x8::<true>,
    strided_b: sgemm_48x8::<false>,
};
pub(crate) static C64: GemmKernel<c64> = GemmKernel {
    isa: Isa::Avx512,
    mr: 12,
    nr: 4,
    packed_b: zgemm_12x4::<true>,
    strided_b: zgemm_12x4::<false>,
};
pub(crate) static C32: GemmKernel<c32> = GemmKernel {
    isa: Isa::Avx512,
    mr: 24,
    nr: 4,
    packed_b: cgemm_24x4::<true>,
    strided_b: cgemm_24x4::<false>,
};
