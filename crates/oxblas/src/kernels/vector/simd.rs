//! The vector abstraction the level 1/2 kernels are written against, and its
//! portable implementation.
//!
//! A `VSimd` is one register of `LANES` real lanes (f32 or f64) plus the few
//! operations the loops need. Complex data is handled as interleaved
//! `(re, im)` lane pairs of the same real vector, so every complex kernel runs
//! on the real type of its ISA. The x86 implementations live in `simd_x86.rs`;
//! each method is one or two instructions and is only ever inlined into a
//! `#[target_feature]` entry point that enables its ISA.

use crate::scalar::RealScalar;

/// Widest vector any implementation has (f32 on AVX-512), in lanes; sizes
/// the stack buffers used for edge rows.
pub(crate) const MAX_LANES: usize = 16;

#[allow(clippy::missing_safety_doc)]
pub(crate) trait VSimd {
    type E: RealScalar;
    type V: Copy;
    const LANES: usize;
    unsafe fn zero() -> Self::V;
    unsafe fn splat(x: Self::E) -> Self::V;
    unsafe fn load(p: *const Self::E) -> Self::V;
    unsafe fn store(p: *mut Self::E, v: Self::V);
    unsafe fn add(a: Self::V, b: Self::V) -> Self::V;
    unsafe fn mul(a: Self::V, b: Self::V) -> Self::V;
    /// `a*b + c` (one rounding where the ISA has FMA).
    unsafe fn fma(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// The scalar operation that matches `fma` lane for lane.
    fn fma_s(a: Self::E, b: Self::E, c: Self::E) -> Self::E;
    unsafe fn abs(a: Self::V) -> Self::V;
    /// `a > b ? a : b` per lane (x86 MAXPD): a NaN in `a` yields `b`.
    unsafe fn max(a: Self::V, b: Self::V) -> Self::V;
    /// `a < b ? a : b` per lane (x86 MINPD): a NaN in `a` yields `b`.
    unsafe fn min(a: Self::V, b: Self::V) -> Self::V;
    /// Sum of the lanes, in a fixed order.
    unsafe fn hsum(a: Self::V) -> Self::E;
    /// Largest lane (the lanes hold no NaN).
    unsafe fn hmax(a: Self::V) -> Self::E;
    /// Smallest lane (the lanes hold no NaN).
    unsafe fn hmin(a: Self::V) -> Self::E;
    /// Swap each (even, odd) lane pair: (re, im) -> (im, re).
    unsafe fn swap_pairs(a: Self::V) -> Self::V;
    /// Bit `i` set when lane `i` of `a` equals lane `i` of `b`.
    unsafe fn eq_mask(a: Self::V, b: Self::V) -> u64;
}

/// f64 vectors that can load f32 data widened to f64 (for snrm2 and the
/// double-accumulating dsdot/sdsdot).
pub(crate) trait Widen: VSimd<E = f64> {
    /// Loads `LANES` f32 values and converts each to f64.
    unsafe fn load_f32(p: *const f32) -> Self::V;
}

/// `[1, -1, 1, -1, ...]`: multiplying by it conjugates interleaved complex
/// values.
#[inline(always)]
pub(crate) unsafe fn conj_sign<S: VSimd>() -> S::V {
    let mut b = [S::E::one(); MAX_LANES];
    for v in b.iter_mut().skip(1).step_by(2) {
        *v = -S::E::one();
    }
    S::load(b.as_ptr())
}

/// `[-1, 1, -1, 1, ...]`: with `swap_pairs` forms the `i*` in complex
/// products, `swap(v) * neg_even = i * v`.
#[inline(always)]
pub(crate) unsafe fn neg_even<S: VSimd>() -> S::V {
    let mut b = [S::E::one(); MAX_LANES];
    for v in b.iter_mut().step_by(2) {
        *v = -S::E::one();
    }
    S::load(b.as_ptr())
}

/// Adds `N` vectors pairwise (a fixed tree), then across lanes.
#[inline(always)]
pub(crate) unsafe fn reduce<S: VSimd, const N: usize>(mut acc: [S::V; N]) -> S::E {
    let mut w = N;
    while w > 1 {
        let h = w / 2;
        for i in 0..h {
            acc[i] = S::add(acc[i], acc[i + h]);
        }
        if w % 2 == 1 {
            acc[0] = S::add(acc[0], acc[w - 1]);
        }
        w = h;
    }
    S::hsum(acc[0])
}

/// Plain-Rust vectors: `N` lanes in an array, which LLVM maps onto whatever
/// SIMD the compile target has (SSE2 on any x86-64). No FMA: `fma` is a
/// multiply then an add, and `fma_s` matches it.
#[derive(Clone, Copy)]
pub(crate) struct Portable<E, const N: usize>(core::marker::PhantomData<E>);

macro_rules! portable_impl {
    ($e:ty, $n:literal) => {
        impl VSimd for Portable<$e, $n> {
            type E = $e;
            type V = [$e; $n];
            const LANES: usize = $n;
            #[inline(always)]
            unsafe fn zero() -> [$e; $n] {
                [0.0; $n]
            }
            #[inline(always)]
            unsafe fn splat(x: $e) -> [$e; $n] {
                [x; $n]
            }
            #[inline(always)]
            unsafe fn load(p: *const $e) -> [$e; $n] {
                (p as *const [$e; $n]).read_unaligned()
            }
            #[inline(always)]
            unsafe fn store(p: *mut $e, v: [$e; $n]) {
                (p as *mut [$e; $n]).write_unaligned(v)
            }
            #[inline(always)]
            unsafe fn add(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| a[i] + b[i])
            }
            #[inline(always)]
            unsafe fn mul(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| a[i] * b[i])
            }
            #[inline(always)]
            unsafe fn fma(a: [$e; $n], b: [$e; $n], c: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| a[i] * b[i] + c[i])
            }
            #[inline(always)]
            fn fma_s(a: $e, b: $e, c: $e) -> $e {
                a * b + c
            }
            #[inline(always)]
            unsafe fn abs(a: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| a[i].abs())
            }
            #[inline(always)]
            unsafe fn max(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| if a[i] > b[i] { a[i] } else { b[i] })
            }
            #[inline(always)]
            unsafe fn min(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| if a[i] < b[i] { a[i] } else { b[i] })
            }
            #[inline(always)]
            unsafe fn hsum(a: [$e; $n]) -> $e {
                let mut v = a;
                let mut w = $n;
                while w > 1 {
                    w /= 2;
                    for i in 0..w {
                        v[i] += v[i + w];
                    }
                }
                v[0]
            }
            #[inline(always)]
            unsafe fn hmax(a: [$e; $n]) -> $e {
                a.iter().fold(a[0], |m, &x| if x > m { x } else { m })
            }
            #[inline(always)]
            unsafe fn hmin(a: [$e; $n]) -> $e {
                a.iter().fold(a[0], |m, &x| if x < m { x } else { m })
            }
            #[inline(always)]
            unsafe fn swap_pairs(a: [$e; $n]) -> [$e; $n] {
                core::array::from_fn(|i| a[i ^ 1])
            }
            #[inline(always)]
            unsafe fn eq_mask(a: [$e; $n], b: [$e; $n]) -> u64 {
                let mut m = 0u64;
                for i in 0..$n {
                    m |= u64::from(a[i] == b[i]) << i;
                }
                m
            }
        }
    };
}
portable_impl!(f64, 4);
portable_impl!(f32, 8);

impl Widen for Portable<f64, 4> {
    #[inline(always)]
    unsafe fn load_f32(p: *const f32) -> [f64; 4] {
        let v = (p as *const [f32; 4]).read_unaligned();
        core::array::from_fn(|i| v[i] as f64)
    }
}
