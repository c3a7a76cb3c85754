//! `VSimd` on x86-64: AVX2+FMA (ymm, 16 registers) and AVX-512F (zmm, 32
//! registers). Every method is one intrinsic or a short fixed sequence; the
//! callers are `#[target_feature]` entry points enabling the matching ISA.

use super::simd::{VSimd, Widen};
use core::arch::x86_64::*;

/// AVX2 lane masks for the first `k` 64-bit / 32-bit lanes (sign bit set
/// in the selected lanes), as `vmaskmov` wants them.
// SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
#[inline(always)]
unsafe fn mask64(k: usize) -> __m256i {
    _mm256_cmpgt_epi64(_mm256_set1_epi64x(k as i64), _mm256_setr_epi64x(0, 1, 2, 3))
}
// SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
#[inline(always)]
unsafe fn mask32(k: usize) -> __m256i {
    _mm256_cmpgt_epi32(
        _mm256_set1_epi32(k as i32),
        _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7),
    )
}

/// 4 x f64 in a ymm register.
pub(crate) struct Avx2F64;
/// 8 x f32 in a ymm register.
pub(crate) struct Avx2F32;
/// 8 x f64 in a zmm register.
pub(crate) struct Avx512F64;
/// 16 x f32 in a zmm register.
pub(crate) struct Avx512F32;

impl VSimd for Avx2F64 {
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
    #[inline(always)]
    fn fma_s(a: f64, b: f64, c: f64) -> f64 {
        a.mul_add(b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn abs(a: __m256d) -> __m256d {
        _mm256_andnot_pd(_mm256_set1_pd(-0.0), a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn max(a: __m256d, b: __m256d) -> __m256d {
        _mm256_max_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn min(a: __m256d, b: __m256d) -> __m256d {
        _mm256_min_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum(a: __m256d) -> f64 {
        let s = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd::<1>(a));
        _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmax(a: __m256d) -> f64 {
        let s = _mm_max_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd::<1>(a));
        _mm_cvtsd_f64(_mm_max_sd(s, _mm_unpackhi_pd(s, s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmin(a: __m256d) -> f64 {
        let s = _mm_min_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd::<1>(a));
        _mm_cvtsd_f64(_mm_min_sd(s, _mm_unpackhi_pd(s, s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m256d) -> __m256d {
        _mm256_permute_pd::<0b0101>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn sub(a: __m256d, b: __m256d) -> __m256d {
        _mm256_sub_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn blend_eo(a: __m256d, b: __m256d) -> __m256d {
        _mm256_blend_pd::<0b1010>(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum_pairs(a: __m256d) -> (f64, f64) {
        let s = _mm_add_pd(_mm256_castpd256_pd128(a), _mm256_extractf128_pd::<1>(a));
        (_mm_cvtsd_f64(s), _mm_cvtsd_f64(_mm_unpackhi_pd(s, s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_part(p: *const f64, k: usize) -> __m256d {
        _mm256_maskload_pd(p, mask64(k))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_range(p: *const f64, lo: usize, hi: usize) -> __m256d {
        _mm256_maskload_pd(p, _mm256_andnot_si256(mask64(lo), mask64(hi)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_part(p: *mut f64, v: __m256d, k: usize) {
        // vmaskmov stores are microcoded and slow on AMD: spill and copy.
        let mut b = [0.0f64; 4];
        _mm256_storeu_pd(b.as_mut_ptr(), v);
        for (i, &e) in b.iter().enumerate().take(k) {
            *p.add(i) = e;
        }
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn eq_mask(a: __m256d, b: __m256d) -> u64 {
        _mm256_movemask_pd(_mm256_cmp_pd::<_CMP_EQ_OQ>(a, b)) as u32 as u64
    }
}

impl Widen for Avx2F64 {
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_f32(p: *const f32) -> __m256d {
        _mm256_cvtps_pd(_mm_loadu_ps(p))
    }
}

impl VSimd for Avx2F32 {
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
    #[inline(always)]
    fn fma_s(a: f32, b: f32, c: f32) -> f32 {
        a.mul_add(b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn abs(a: __m256) -> __m256 {
        _mm256_andnot_ps(_mm256_set1_ps(-0.0), a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn max(a: __m256, b: __m256) -> __m256 {
        _mm256_max_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn min(a: __m256, b: __m256) -> __m256 {
        _mm256_min_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum(a: __m256) -> f32 {
        let s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps::<1>(a));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmax(a: __m256) -> f32 {
        let s = _mm_max_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps::<1>(a));
        let s = _mm_max_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_max_ss(s, _mm_movehdup_ps(s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmin(a: __m256) -> f32 {
        let s = _mm_min_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps::<1>(a));
        let s = _mm_min_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_min_ss(s, _mm_movehdup_ps(s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m256) -> __m256 {
        _mm256_permute_ps::<0b1011_0001>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn sub(a: __m256, b: __m256) -> __m256 {
        _mm256_sub_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn blend_eo(a: __m256, b: __m256) -> __m256 {
        _mm256_blend_ps::<0b1010_1010>(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum_pairs(a: __m256) -> (f32, f32) {
        let s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps::<1>(a));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        (_mm_cvtss_f32(s), _mm_cvtss_f32(_mm_movehdup_ps(s)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_part(p: *const f32, k: usize) -> __m256 {
        _mm256_maskload_ps(p, mask32(k))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_range(p: *const f32, lo: usize, hi: usize) -> __m256 {
        _mm256_maskload_ps(p, _mm256_andnot_si256(mask32(lo), mask32(hi)))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_part(p: *mut f32, v: __m256, k: usize) {
        // vmaskmov stores are microcoded and slow on AMD: spill and copy.
        let mut b = [0.0f32; 8];
        _mm256_storeu_ps(b.as_mut_ptr(), v);
        for (i, &e) in b.iter().enumerate().take(k) {
            *p.add(i) = e;
        }
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn eq_mask(a: __m256, b: __m256) -> u64 {
        _mm256_movemask_ps(_mm256_cmp_ps::<_CMP_EQ_OQ>(a, b)) as u32 as u64
    }
}

impl VSimd for Avx512F64 {
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
    #[inline(always)]
    fn fma_s(a: f64, b: f64, c: f64) -> f64 {
        a.mul_add(b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn abs(a: __m512d) -> __m512d {
        _mm512_abs_pd(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn max(a: __m512d, b: __m512d) -> __m512d {
        _mm512_max_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn min(a: __m512d, b: __m512d) -> __m512d {
        _mm512_min_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum(a: __m512d) -> f64 {
        let h = _mm256_add_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd::<1>(a));
        Avx2F64::hsum(h)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmax(a: __m512d) -> f64 {
        let h = _mm256_max_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd::<1>(a));
        Avx2F64::hmax(h)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmin(a: __m512d) -> f64 {
        let h = _mm256_min_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd::<1>(a));
        Avx2F64::hmin(h)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m512d) -> __m512d {
        _mm512_permute_pd::<0b0101_0101>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn sub(a: __m512d, b: __m512d) -> __m512d {
        _mm512_sub_pd(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn blend_eo(a: __m512d, b: __m512d) -> __m512d {
        _mm512_mask_blend_pd(0b1010_1010, a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum_pairs(a: __m512d) -> (f64, f64) {
        let h = _mm256_add_pd(_mm512_castpd512_pd256(a), _mm512_extractf64x4_pd::<1>(a));
        Avx2F64::hsum_pairs(h)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_part(p: *const f64, k: usize) -> __m512d {
        _mm512_maskz_loadu_pd(((1u32 << k) - 1) as __mmask8, p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_range(p: *const f64, lo: usize, hi: usize) -> __m512d {
        _mm512_maskz_loadu_pd((((1u32 << hi) - 1) & !((1u32 << lo) - 1)) as __mmask8, p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_part(p: *mut f64, v: __m512d, k: usize) {
        _mm512_mask_storeu_pd(p, ((1u32 << k) - 1) as __mmask8, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn eq_mask(a: __m512d, b: __m512d) -> u64 {
        _mm512_cmp_pd_mask::<_CMP_EQ_OQ>(a, b) as u64
    }
}

impl Widen for Avx512F64 {
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_f32(p: *const f32) -> __m512d {
        _mm512_cvtps_pd(_mm256_loadu_ps(p))
    }
}

impl VSimd for Avx512F32 {
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
    #[inline(always)]
    fn fma_s(a: f32, b: f32, c: f32) -> f32 {
        a.mul_add(b, c)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn abs(a: __m512) -> __m512 {
        _mm512_abs_ps(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn max(a: __m512, b: __m512) -> __m512 {
        _mm512_max_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn min(a: __m512, b: __m512) -> __m512 {
        _mm512_min_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum(a: __m512) -> f32 {
        let lo = _mm512_castps512_ps256(a);
        let hi = _mm256_castpd_ps(_mm512_extractf64x4_pd::<1>(_mm512_castps_pd(a)));
        Avx2F32::hsum(_mm256_add_ps(lo, hi))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmax(a: __m512) -> f32 {
        let lo = _mm512_castps512_ps256(a);
        let hi = _mm256_castpd_ps(_mm512_extractf64x4_pd::<1>(_mm512_castps_pd(a)));
        Avx2F32::hmax(_mm256_max_ps(lo, hi))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hmin(a: __m512) -> f32 {
        let lo = _mm512_castps512_ps256(a);
        let hi = _mm256_castpd_ps(_mm512_extractf64x4_pd::<1>(_mm512_castps_pd(a)));
        Avx2F32::hmin(_mm256_min_ps(lo, hi))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn swap_pairs(a: __m512) -> __m512 {
        _mm512_permute_ps::<0b1011_0001>(a)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn sub(a: __m512, b: __m512) -> __m512 {
        _mm512_sub_ps(a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn blend_eo(a: __m512, b: __m512) -> __m512 {
        _mm512_mask_blend_ps(0b1010_1010_1010_1010, a, b)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn hsum_pairs(a: __m512) -> (f32, f32) {
        let lo = _mm512_castps512_ps256(a);
        let hi = _mm256_castpd_ps(_mm512_extractf64x4_pd::<1>(_mm512_castps_pd(a)));
        Avx2F32::hsum_pairs(_mm256_add_ps(lo, hi))
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_part(p: *const f32, k: usize) -> __m512 {
        _mm512_maskz_loadu_ps(((1u32 << k) - 1) as __mmask16, p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn load_range(p: *const f32, lo: usize, hi: usize) -> __m512 {
        _mm512_maskz_loadu_ps((((1u32 << hi) - 1) & !((1u32 << lo) - 1)) as __mmask16, p)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn store_part(p: *mut f32, v: __m512, k: usize) {
        _mm512_mask_storeu_ps(p, ((1u32 << k) - 1) as __mmask16, v)
    }
    // SAFETY: one intrinsic, inlined only into #[target_feature] entry points of this ISA, chosen after the CPU was checked; pointer arguments follow the trait's contract.
    #[inline(always)]
    unsafe fn eq_mask(a: __m512, b: __m512) -> u64 {
        _mm512_cmp_ps_mask::<_CMP_EQ_OQ>(a, b) as u64
    }
}
