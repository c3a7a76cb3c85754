//! AVX2 + FMA3 micro-kernels: 16 ymm registers.
//!
//! Register blocks (accumulators + A vectors + broadcasts <= 16):
//! * f64 8x6: 2 ymm of A (8 rows) x 6 columns = 12 accumulators, +2 +1.
//! * f32 16x6: the same shape with 8 lanes.
//! * c64 4x3: 2 ymm (2 complex each) x 3 columns x 2 (re/im parts of b) =
//!   12 accumulators, +2 +2 broadcasts = 16.
//! * c32 8x3: the same with 4 complex per ymm.
//!
//! Two 256-bit FMA pipes with 4-cycle latency need >= 8 independent
//! accumulators; 12 leave headroom.

use super::{complex_kernel, real_kernel, GemmKernel, Simd};
use crate::arch::Isa;
use crate::scalar::{c32, c64};
use core::arch::x86_64::*;

pub(crate) struct F64x4;
pub(crate) struct F32x8;

impl Simd for F64x4 {
    type E = f64;
    type V = __m256d;
    const LANES: usize = 4;
    #[inline(always)]
    unsafe fn zero() -> __m256d {
        _mm256_setzero_pd()
    }
    #[inline(always)]
    unsafe fn splat(x: f64) -> __m256d {
        _mm256_set1_pd(x)
    }
    #[inline(always)]
    unsafe fn load(p: *const f64) -> __m256d {
        _mm256_loadu_pd(p)
    }
    #[inline(always)]
    unsafe fn store(p: *mut f64, v: __m256d) {
        _mm256_storeu_pd(p, v)
    }
    #[inline(always)]
    unsafe fn add(a: __m256d, b: __m256d) -> __m256d {
        _mm256_add_pd(a, b)
    }
    #[inline(always)]
    unsafe fn mul(a: __m256d, b: __m256d) -> __m256d {
        _mm256_mul_pd(a, b)
    }
    #[inline(always)]
    unsafe fn fma(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fmadd_pd(a, b, c)
    }
    #[inline(always)]
    unsafe fn swap_pairs(a: __m256d) -> __m256d {
        _mm256_permute_pd::<0b0101>(a)
    }
    #[inline(always)]
    unsafe fn fmaddsub(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fmaddsub_pd(a, b, c)
    }
    #[inline(always)]
    unsafe fn fma_scalar(x: f64, y: f64, z: f64) -> f64 {
        x.mul_add(y, z)
    }
}

impl Simd for F32x8 {
    type E = f32;
    type V = __m256;
    const LANES: usize = 8;
    #[inline(always)]
    unsafe fn zero() -> __m256 {
        _mm256_setzero_ps()
    }
    #[inline(always)]
    unsafe fn splat(x: f32) -> __m256 {
        _mm256_set1_ps(x)
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> __m256 {
        _mm256_loadu_ps(p)
    }
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: __m256) {
        _mm256_storeu_ps(p, v)
    }
    #[inline(always)]
    unsafe fn add(a: __m256, b: __m256) -> __m256 {
        _mm256_add_ps(a, b)
    }
    #[inline(always)]
    unsafe fn mul(a: __m256, b: __m256) -> __m256 {
        _mm256_mul_ps(a, b)
    }
    #[inline(always)]
    unsafe fn fma(a: __m256, b: __m256, c: __m256) -> __m256 {
        _mm256_fmadd_ps(a, b, c)
    }
    #[inline(always)]
    unsafe fn swap_pairs(a: __m256) -> __m256 {
        _mm256_permute_ps::<0b1011_0001>(a)
    }
    #[inline(always)]
    unsafe fn fmaddsub(a: __m256, b: __m256, c: __m256) -> __m256 {
        _mm256_fmaddsub_ps(a, b, c)
    }
    #[inline(always)]
    unsafe fn fma_scalar(x: f32, y: f32, z: f32) -> f32 {
        x.mul_add(y, z)
    }
}

macro_rules! entry {
    ($name:ident, $t:ty, $body:ident, $simd:ty, $mv:literal, $nr:literal) => {
        /// # Safety
        /// The CPU must support AVX2 and FMA (guaranteed by dispatch through
        /// `arch::isa()`), and the pointers must satisfy `KernelFn`'s contract.
        #[target_feature(enable = "avx2,fma")]
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
entry!(dgemm_8x6, f64, real_kernel, F64x4, 2, 6);
entry!(sgemm_16x6, f32, real_kernel, F32x8, 2, 6);
entry!(zgemm_4x3, c64, complex_kernel, F64x4, 2, 3);
entry!(cgemm_8x3, c32, complex_kernel, F32x8, 2, 3);

pub(crate) static F64: GemmKernel<f64> = GemmKernel {
    isa: Isa::Avx2,
    mr: 8,
    nr: 6,
    packed_b: dgemm_8x6::<true>,
    strided_b: dgemm_8x6::<false>,
};
pub(crate) static F32: GemmKernel<f32> = GemmKernel {
    isa: Isa::Avx2,
    mr: 16,
    nr: 6,
    packed_b: sgemm_16x6::<true>,
    strided_b: sgemm_16x6::<false>,
};
pub(crate) static C64: GemmKernel<c64> = GemmKernel {
    isa: Isa::Avx2,
    mr: 4,
    nr: 3,
    packed_b: zgemm_4x3::<true>,
    strided_b: zgemm_4x3::<false>,
};
pub(crate) static C32: GemmKernel<c32> = GemmKernel {
    isa: Isa::Avx2,
    mr: 8,
    nr: 3,
    packed_b: cgemm_8x3::<true>,
    strided_b: cgemm_8x3::<false>,
};
