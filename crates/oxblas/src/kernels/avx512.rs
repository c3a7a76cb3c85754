//! AVX-512F micro-kernels: 32 zmm registers.
//!
//! Register blocks (accumulators + A vectors + broadcasts <= 32):
//! * f64 24x8: 3 zmm of A (24 rows) x 8 columns = 24 accumulators, +3 +1.
//! * f32 48x8: the same shape with 16 lanes.
//! * c64 12x4: 3 zmm (4 complex each) x 4 columns x 2 (re/im parts of b) =
//!   24 accumulators, +3 +2 broadcasts.
//! * c32 24x4: the same with 8 complex per zmm.
//! * wide (short C, one zmm of rows): f64 8x16 and f32 16x16, 16 accumulators.
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
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn zero() -> __m512d {
        _mm512_setzero_pd()
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn splat(x: f64) -> __m512d {
        _mm512_set1_pd(x)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load(p: *const f64) -> __m512d {
        _mm512_loadu_pd(p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store(p: *mut f64, v: __m512d) {
        _mm512_storeu_pd(p, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_partial(p: *const f64, n: usize) -> __m512d {
        // Masked-off lanes are not accessed, so they cannot fault.
        _mm512_maskz_loadu_pd(((1u32 << n) - 1) as __mmask8, p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_partial(p: *mut f64, n: usize, v: __m512d) {
        _mm512_mask_storeu_pd(p, ((1u32 << n) - 1) as __mmask8, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn add(a: __m512d, b: __m512d) -> __m512d {
        _mm512_add_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn mul(a: __m512d, b: __m512d) -> __m512d {
        _mm512_mul_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmadd_pd(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m512d) -> __m512d {
        _mm512_permute_pd::<0b0101_0101>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fmaddsub(a: __m512d, b: __m512d, c: __m512d) -> __m512d {
        _mm512_fmaddsub_pd(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma_scalar(x: f64, y: f64, z: f64) -> f64 {
        x.mul_add(y, z)
    }
}

impl Simd for F32x16 {
    type E = f32;
    type V = __m512;
    const LANES: usize = 16;
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn zero() -> __m512 {
        _mm512_setzero_ps()
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn splat(x: f32) -> __m512 {
        _mm512_set1_ps(x)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load(p: *const f32) -> __m512 {
        _mm512_loadu_ps(p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store(p: *mut f32, v: __m512) {
        _mm512_storeu_ps(p, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_partial(p: *const f32, n: usize) -> __m512 {
        _mm512_maskz_loadu_ps(((1u32 << n) - 1) as __mmask16, p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_partial(p: *mut f32, n: usize, v: __m512) {
        _mm512_mask_storeu_ps(p, ((1u32 << n) - 1) as __mmask16, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn add(a: __m512, b: __m512) -> __m512 {
        _mm512_add_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn mul(a: __m512, b: __m512) -> __m512 {
        _mm512_mul_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fma(a: __m512, b: __m512, c: __m512) -> __m512 {
        _mm512_fmadd_ps(a, b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m512) -> __m512 {
        _mm512_permute_ps::<0b1011_0001>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn fmaddsub(a: __m512, b: __m512, c: __m512) -> __m512 {
        _mm512_fmaddsub_ps(a, b, c)
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
        #[target_feature(enable = "avx512f,fma")]
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
entry!(dgemm_x8, f64, real_kernel, F64x8, 8);
entry!(sgemm_x8, f32, real_kernel, F32x16, 8);
entry!(zgemm_x4, c64, complex_kernel, F64x8, 4);
entry!(cgemm_x4, c32, complex_kernel, F32x16, 4);
// One vector of rows by 16 columns (16 accumulators): the wide kernels for
// short C (m <= 8 f64, m <= 16 f32).
entry!(dgemm_x16, f64, real_kernel, F64x8, 16);
entry!(sgemm_x16, f32, real_kernel, F32x16, 16);

macro_rules! table {
    ($static:ident, $t:ty, $f:ident, $mr:literal, $nr:literal, $rows_per_vec:literal, $wide:expr) => {
        pub(crate) static $static: GemmKernel<$t> = GemmKernel {
            isa: Isa::Avx512,
            mr: $mr,
            nr: $nr,
            packed_b: $f::<3, true, false>,
            strided_b: $f::<3, false, false>,
            masked: &[
                $f::<1, false, true>,
                $f::<2, false, true>,
                $f::<3, false, true>,
            ],
            rows_per_vector: $rows_per_vec,
            wide: $wide,
        };
    };
}
table!(
    F64,
    f64,
    dgemm_x8,
    24,
    8,
    8,
    Some((16, dgemm_x16::<1, false, true>))
);
table!(
    F32,
    f32,
    sgemm_x8,
    48,
    8,
    16,
    Some((16, sgemm_x16::<1, false, true>))
);
table!(C64, c64, zgemm_x4, 12, 4, 4, None);
table!(C32, c32, cgemm_x4, 24, 4, 8, None);
