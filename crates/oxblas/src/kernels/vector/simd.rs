//! The vector abstraction the level 1/2 kernels are written against, and its
//! portable implementation.
//!
//! A `VSimd` is one register of `LANES` real lanes (f32 or f64) plus the few
//! operations the loops need. Complex data is handled as interleaved
//! `(re, im)` lane pairs of the same real vector, so every complex kernel runs
//! on the real type of its ISA. The x86 implementations live in `simd_x86.rs`;
//! each method is one or two instructions and is only ever inlined into a
//! `#[target_feature]` entry point that enables its ISA.

use crate::scalar::{RealScalar, Scalar};

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
    unsafe fn sub(a: Self::V, b: Self::V) -> Self::V;
    /// Even lanes from `a`, odd lanes from `b`.
    unsafe fn blend_eo(a: Self::V, b: Self::V) -> Self::V;
    /// (sum of the even lanes, sum of the odd lanes): the sum of the
    /// interleaved complex numbers a vector holds.
    unsafe fn hsum_pairs(a: Self::V) -> (Self::E, Self::E);
    /// Lanes `0..k` from `p` (`k < LANES`), the others zero; nothing past
    /// `p + k` is read (masked loads do not fault on masked-out lanes).
    unsafe fn load_part(p: *const Self::E, k: usize) -> Self::V;
    /// Stores lanes `0..k` to `p`; nothing past `p + k` is written.
    unsafe fn store_part(p: *mut Self::E, v: Self::V, k: usize);
    /// Lanes `lo..hi` from `p` (`lo <= hi <= LANES`), the others zero;
    /// only `p + lo .. p + hi` is read.
    unsafe fn load_range(p: *const Self::E, lo: usize, hi: usize) -> Self::V;
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

/// `k <= LANES` lanes from `p`: a plain load when the vector is whole.
#[inline(always)]
pub(crate) unsafe fn load_n<S: VSimd>(p: *const S::E, k: usize) -> S::V {
    if k == S::LANES {
        S::load(p)
    } else {
        S::load_part(p, k)
    }
}

/// Stores `k <= LANES` lanes to `p`: a plain store when the vector is whole.
#[inline(always)]
pub(crate) unsafe fn store_n<S: VSimd>(p: *mut S::E, v: S::V, k: usize) {
    if k == S::LANES {
        S::store(p, v)
    } else {
        S::store_part(p, v, k)
    }
}

/// Pairwise sum of `N` vectors into one (the vector part of `reduce`).
#[inline(always)]
pub(crate) unsafe fn reduce_v<S: VSimd, const N: usize>(mut acc: [S::V; N]) -> S::V {
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
    acc[0]
}

/// Two horizontal sums for the price of one and a bit: pair sums of `a`
/// in the even lanes, of `b` in the odd lanes, then one pairwise reduction.
#[inline(always)]
pub(crate) unsafe fn hsum2<S: VSimd>(a: S::V, b: S::V) -> (S::E, S::E) {
    S::hsum_pairs(S::blend_eo(
        S::add(a, S::swap_pairs(a)),
        S::add(b, S::swap_pairs(b)),
    ))
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

/// `[f(0), .., f(N-1)]` by an explicit loop: `core::array::from_fn` may be
/// left out of line, and a kernel must never call out of its loop.
macro_rules! lanes {
    ($n:literal, |$i:ident| $e:expr) => {{
        let mut out = [0.0; $n];
        for $i in 0..$n {
            out[$i] = $e;
        }
        out
    }};
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
                lanes!($n, |i| a[i] + b[i])
            }
            #[inline(always)]
            unsafe fn mul(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| a[i] * b[i])
            }
            #[inline(always)]
            unsafe fn fma(a: [$e; $n], b: [$e; $n], c: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| a[i] * b[i] + c[i])
            }
            #[inline(always)]
            fn fma_s(a: $e, b: $e, c: $e) -> $e {
                a * b + c
            }
            #[inline(always)]
            unsafe fn abs(a: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| a[i].abs())
            }
            #[inline(always)]
            unsafe fn max(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| if a[i] > b[i] { a[i] } else { b[i] })
            }
            #[inline(always)]
            unsafe fn min(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| if a[i] < b[i] { a[i] } else { b[i] })
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
                lanes!($n, |i| a[i ^ 1])
            }
            #[inline(always)]
            unsafe fn sub(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| a[i] - b[i])
            }
            #[inline(always)]
            unsafe fn blend_eo(a: [$e; $n], b: [$e; $n]) -> [$e; $n] {
                lanes!($n, |i| if i % 2 == 0 { a[i] } else { b[i] })
            }
            #[inline(always)]
            unsafe fn hsum_pairs(a: [$e; $n]) -> ($e, $e) {
                let mut v = a;
                let mut w = $n;
                while w > 2 {
                    w /= 2;
                    for i in 0..w {
                        v[i] += v[i + w];
                    }
                }
                (v[0], v[1])
            }
            #[inline(always)]
            unsafe fn load_part(p: *const $e, k: usize) -> [$e; $n] {
                let mut v = [0.0; $n];
                core::ptr::copy_nonoverlapping(p, v.as_mut_ptr(), k);
                v
            }
            #[inline(always)]
            unsafe fn store_part(p: *mut $e, v: [$e; $n], k: usize) {
                core::ptr::copy_nonoverlapping(v.as_ptr(), p, k);
            }
            #[inline(always)]
            unsafe fn load_range(p: *const $e, lo: usize, hi: usize) -> [$e; $n] {
                let mut v = [0.0; $n];
                for i in lo..hi {
                    v[i] = *p.add(i);
                }
                v
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
        lanes!(4, |i| v[i] as f64)
    }
}
