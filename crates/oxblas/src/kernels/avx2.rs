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

/// All-ones in 64-bit lanes `0..n`, zero above (a vmaskmov mask).
// SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
#[inline(always)]
unsafe fn lane_mask_64(n: usize) -> __m256i {
    _mm256_cmpgt_epi64(_mm256_set1_epi64x(n as i64), _mm256_setr_epi64x(0, 1, 2, 3))
}

/// All-ones in 32-bit lanes `0..n`, zero above.
// SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
#[inline(always)]
unsafe fn lane_mask_32(n: usize) -> __m256i {
    _mm256_cmpgt_epi32(
        _mm256_set1_epi32(n as i32),
        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
    )
}

pub(crate) struct F64x4;
pub(crate) struct F32x8;

impl Simd for F64x4 {
    type E = f64;
    type V = __m256d;
    const LANES: usize = 4;
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn zero() -> __m256d {
        _mm256_setzero_pd()
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn splat(x: f64) -> __m256d {
        _mm256_set1_pd(x)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load(p: *const f64) -> __m256d {
        _mm256_loadu_pd(p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store(p: *mut f64, v: __m256d) {
        _mm256_storeu_pd(p, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_partial(p: *const f64, n: usize) -> __m256d {
        // vmaskmov does not access (or fault on) masked-off lanes.
        _mm256_maskload_pd(p, lane_mask_64(n))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_partial(p: *mut f64, n: usize, v: __m256d) {
        _mm256_maskstore_pd(p, lane_mask_64(n), v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn add(a: __m256d, b: __m256d) -> __m256d {
        _mm256_add_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn mul(a: __m256d, b: __m256d) -> __m256d {
        _mm256_mul_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fmadd_pd(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m256d) -> __m256d {
        _mm256_permute_pd::<0b0101>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fmaddsub(a: __m256d, b: __m256d, c: __m256d) -> __m256d {
        _mm256_fmaddsub_pd(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma_scalar(x: f64, y: f64, z: f64) -> f64 {
        x.mul_add(y, z)
    }
}

impl Simd for F32x8 {
    type E = f32;
    type V = __m256;
    const LANES: usize = 8;
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn zero() -> __m256 {
        _mm256_setzero_ps()
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn splat(x: f32) -> __m256 {
        _mm256_set1_ps(x)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load(p: *const f32) -> __m256 {
        _mm256_loadu_ps(p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: __m256) {
        _mm256_storeu_ps(p, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_partial(p: *const f32, n: usize) -> __m256 {
        _mm256_maskload_ps(p, lane_mask_32(n))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_partial(p: *mut f32, n: usize, v: __m256) {
        _mm256_maskstore_ps(p, lane_mask_32(n), v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn add(a: __m256, b: __m256) -> __m256 {
        _mm256_add_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn mul(a: __m256, b: __m256) -> __m256 {
        _mm256_mul_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma(a: __m256, b: __m256, c: __m256) -> __m256 {
        _mm256_fmadd_ps(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m256) -> __m256 {
        _mm256_permute_ps::<0b1011_0001>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fmaddsub(a: __m256, b: __m256, c: __m256) -> __m256 {
        _mm256_fmaddsub_ps(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma_scalar(x: f32, y: f32, z: f32) -> f32 {
        x.mul_add(y, z)
    }
}

macro_rules! entry {
    ($name:ident, $t:ty, $body:ident, $simd:ty, $nr:literal) => {
        /// # Safety
        /// The CPU must support the ISA (guaranteed by dispatch through
        /// `arch::isa()`), and the pointers must satisfy `KernelFn`'s contract.
        // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
        #[target_feature(enable = "avx2,fma")]
        #[allow(clippy::too_many_arguments)]
        unsafe fn $name<const MV: usize, const PACKED_B: bool, const MASKED: bool>(
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
            $body::<$simd, MV, $nr, PACKED_B, MASKED>(
                k, a as _, a_cs, b as _, b_rs, b_cs, c as _, rs_c, cs_c, m, n, alpha, beta,
            )
        }
    };
}
entry!(dgemm_x6, f64, real_kernel, F64x4, 6);
entry!(sgemm_x6, f32, real_kernel, F32x8, 6);
entry!(zgemm_x3, c64, complex_kernel, F64x4, 3);
entry!(cgemm_x3, c32, complex_kernel, F32x8, 3);

macro_rules! table {
    ($static:ident, $t:ty, $f:ident, $mr:literal, $nr:literal, $rows_per_vec:literal) => {
        pub(crate) static $static: GemmKernel<$t> = GemmKernel {
            isa: Isa::Avx2,
            mr: $mr,
            nr: $nr,
            packed_b: $f::<2, true, false>,
            strided_b: $f::<2, false, false>,
            masked: &[$f::<1, false, true>, $f::<2, false, true>],
            rows_per_vector: $rows_per_vec,
            wide: None,
        };
    };
}
table!(F64, f64, dgemm_x6, 8, 6, 4);
table!(F32, f32, sgemm_x6, 16, 6, 8);
table!(C64, c64, zgemm_x3, 4, 3, 2);
table!(C32, c32, cgemm_x3, 8, 3, 4);
