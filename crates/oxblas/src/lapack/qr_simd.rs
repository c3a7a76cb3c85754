//! Explicit SIMD for the QR vector loops: dot products, axpy and a
//! four-column matrix^H-vector product, on *real views* of the data (a
//! complex slice is read as `re, im, re, im, ...`).
//!
//! With `s = +1, -1, +1, ...` and `x^` the pair-swapped vector
//! (`x^_t = x_(t^1)`, one in-register permute):
//!
//! ```text
//! conj(x) . y = sum_t x_t y_t  +  i sum_t s_t x_t y^_t
//! y += a x:     y_t += re(a) x_t - s_t im(a) x^_t
//! ```
//!
//! so complex arithmetic is two real FMA streams. Each ISA is a marker
//! type implementing [`Simd`]; the loops are written once over a vector
//! type ([`Vr`]) per (ISA, real type), and callers pick the marker once
//! per leaf or per call (see `simd_dispatch!` in `qr_kernels.rs`).

use crate::scalar::{RealScalar, Scalar, ScalarKind};

/// A SIMD register of reals.
pub(super) trait Vr: Copy {
    type R: RealScalar;
    /// Lanes (even).
    const W: usize;
    unsafe fn zero() -> Self;
    unsafe fn splat(x: Self::R) -> Self;
    unsafe fn load(p: *const Self::R) -> Self;
    unsafe fn store(self, p: *mut Self::R);
    /// `a * b + c`.
    unsafe fn fma(a: Self, b: Self, c: Self) -> Self;
    unsafe fn add(a: Self, b: Self) -> Self;
    /// Lanes swapped in pairs: `[x1, x0, x3, x2, ...]`.
    unsafe fn swap(self) -> Self;
    /// Sum of the lanes.
    unsafe fn sum(self) -> Self::R;
}

/// `(sum_t x_t y_t, sum_t s_t x_t y^_t)`, the second only when `cx`.
#[inline(always)]
unsafe fn dot_v<V: Vr>(cx: bool, x: &[V::R], y: &[V::R]) -> (V::R, V::R) {
    let n = x.len().min(y.len());
    let (xp, yp) = (x.as_ptr(), y.as_ptr());
    let w = V::W;
    let (mut p0, mut p1, mut q0, mut q1) = (V::zero(), V::zero(), V::zero(), V::zero());
    let mut i = 0;
    while i + 2 * w <= n {
        let (a0, b0) = (V::load(xp.add(i)), V::load(yp.add(i)));
        let (a1, b1) = (V::load(xp.add(i + w)), V::load(yp.add(i + w)));
        p0 = V::fma(a0, b0, p0);
        p1 = V::fma(a1, b1, p1);
        if cx {
            q0 = V::fma(a0, b0.swap(), q0);
            q1 = V::fma(a1, b1.swap(), q1);
        }
        i += 2 * w;
    }
    if i + w <= n {
        let (a0, b0) = (V::load(xp.add(i)), V::load(yp.add(i)));
        p0 = V::fma(a0, b0, p0);
        if cx {
            q0 = V::fma(a0, b0.swap(), q0);
        }
        i += w;
    }
    let mut sp = V::add(p0, p1).sum();
    let mut sq = if cx {
        alt::<V>(V::add(q0, q1))
    } else {
        V::R::zero()
    };
    tail(cx, &x[i..n], &y[i..n], &mut sp, &mut sq);
    (sp, sq)
}

/// `sum_t s_t v_t` over the lanes.
#[inline(always)]
unsafe fn alt<V: Vr>(v: V) -> V::R {
    // v - v^ has (v_0 - v_1) in even lanes and its negative in odd ones.
    let mut buf = [V::R::zero(); 16];
    V::add(v, V::fma(V::splat(-V::R::one()), v.swap(), V::zero())).store(buf.as_mut_ptr());
    let mut s = V::R::zero();
    for t in (0..V::W).step_by(2) {
        s += buf[t];
    }
    s
}

/// Scalar tail of [`dot_v`] (starts at an even index).
#[inline(always)]
fn tail<R: RealScalar>(cx: bool, x: &[R], y: &[R], sp: &mut R, sq: &mut R) {
    for t in 0..x.len() {
        *sp += x[t] * y[t];
        if cx {
            let v = x[t] * y[t ^ 1];
            *sq = if t % 2 == 0 { *sq + v } else { *sq - v };
        }
    }
}

/// `y += ar x - s ai x^` (the last term only when `cx`).
#[inline(always)]
unsafe fn axpy_v<V: Vr>(cx: bool, ar: V::R, ai: V::R, x: &[V::R], y: &mut [V::R]) {
    let n = x.len().min(y.len());
    let (xp, yp) = (x.as_ptr(), y.as_mut_ptr());
    let w = V::W;
    let mut sbuf = [V::R::zero(); 16];
    for (t, v) in sbuf.iter_mut().enumerate().take(w) {
        *v = if t % 2 == 0 { -ai } else { ai };
    }
    let (va, vs) = (V::splat(ar), V::load(sbuf.as_ptr()));
    let mut i = 0;
    while i + w <= n {
        let a = V::load(xp.add(i));
        let mut b = V::fma(va, a, V::load(yp.add(i)));
        if cx {
            b = V::fma(vs, a.swap(), b);
        }
        b.store(yp.add(i));
        i += w;
    }
    for t in i..n {
        let mut v = y[t] + ar * x[t];
        if cx {
            v += sbuf[t % 2] * x[t ^ 1];
        }
        y[t] = v;
    }
}

/// Four dot products `conj(c_q) . x` sharing the loads of x.
#[inline(always)]
unsafe fn gemv4_v<V: Vr>(cx: bool, c: [&[V::R]; 4], x: &[V::R]) -> [(V::R, V::R); 4] {
    let n = x.len();
    let w = V::W;
    let mut p = [V::zero(); 4];
    let mut q = [V::zero(); 4];
    let mut i = 0;
    while i + w <= n {
        let xv = V::load(x.as_ptr().add(i));
        let xs = if cx { xv.swap() } else { xv };
        for k in 0..4 {
            let a = V::load(c[k].as_ptr().add(i));
            p[k] = V::fma(a, xv, p[k]);
            if cx {
                q[k] = V::fma(a, xs, q[k]);
            }
        }
        i += w;
    }
    // (No closures here: they would not inherit the caller's target
    // features, and the intrinsics in them would not be inlined.)
    let mut out = [(V::R::zero(), V::R::zero()); 4];
    for k in 0..4 {
        let mut sp = p[k].sum();
        let mut sq = if cx { alt::<V>(q[k]) } else { V::R::zero() };
        tail(cx, &c[k][i..n], &x[i..n], &mut sp, &mut sq);
        out[k] = (sp, sq);
    }
    out
}

/// The loops for one ISA, over either real type.
pub(super) trait Simd: Copy {
    unsafe fn dot<R: RealScalar>(cx: bool, x: &[R], y: &[R]) -> (R, R);
    unsafe fn axpy<R: RealScalar>(cx: bool, ar: R, ai: R, x: &[R], y: &mut [R]);
    unsafe fn gemv4<R: RealScalar>(cx: bool, c: [&[R]; 4], x: &[R]) -> [(R, R); 4];
}

/// Plain Rust (any CPU).
#[derive(Clone, Copy)]
pub(super) struct Portable;

impl Simd for Portable {
    #[inline(always)]
    unsafe fn dot<R: RealScalar>(cx: bool, x: &[R], y: &[R]) -> (R, R) {
        let n = x.len().min(y.len());
        let (mut sp, mut sq) = (R::zero(), R::zero());
        tail(cx, &x[..n], &y[..n], &mut sp, &mut sq);
        (sp, sq)
    }
    #[inline(always)]
    unsafe fn axpy<R: RealScalar>(cx: bool, ar: R, ai: R, x: &[R], y: &mut [R]) {
        for t in 0..x.len().min(y.len()) {
            let mut v = y[t] + ar * x[t];
            if cx {
                v += if t % 2 == 0 { -ai } else { ai } * x[t ^ 1];
            }
            y[t] = v;
        }
    }
    #[inline(always)]
    unsafe fn gemv4<R: RealScalar>(cx: bool, c: [&[R]; 4], x: &[R]) -> [(R, R); 4] {
        core::array::from_fn(|k| Self::dot(cx, c[k], x))
    }
}

/// Reinterprets reals of type R as `U` (same type, checked by kind).
#[inline(always)]
unsafe fn cast<R, U>(x: &[R]) -> &[U] {
    core::slice::from_raw_parts(x.as_ptr() as *const U, x.len())
}
#[inline(always)]
unsafe fn cast_mut<R, U>(x: &mut [R]) -> &mut [U] {
    core::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut U, x.len())
}

/// Implements [`Simd`] for an ISA marker from its f64 and f32 registers.
/// The real type is told apart by `R::KIND` (RealScalar's two types).
macro_rules! simd_isa {
    ($isa:ident, $v64:ident, $v32:ident) => {
        impl Simd for $isa {
            #[inline(always)]
            unsafe fn dot<R: RealScalar>(cx: bool, x: &[R], y: &[R]) -> (R, R) {
                // SAFETY (all casts): R::KIND says which of f64/f32 R is.
                if R::KIND == ScalarKind::F64 {
                    let (a, b) = dot_v::<$v64>(cx, cast(x), cast(y));
                    (R::from_f64(a), R::from_f64(b))
                } else {
                    let (a, b) = dot_v::<$v32>(cx, cast(x), cast(y));
                    (R::from_f64(a as f64), R::from_f64(b as f64))
                }
            }
            #[inline(always)]
            unsafe fn axpy<R: RealScalar>(cx: bool, ar: R, ai: R, x: &[R], y: &mut [R]) {
                if R::KIND == ScalarKind::F64 {
                    axpy_v::<$v64>(cx, ar.to_f64(), ai.to_f64(), cast(x), cast_mut(y))
                } else {
                    let (ar, ai) = (ar.to_f64() as f32, ai.to_f64() as f32);
                    axpy_v::<$v32>(cx, ar, ai, cast(x), cast_mut(y))
                }
            }
            #[inline(always)]
            unsafe fn gemv4<R: RealScalar>(cx: bool, c: [&[R]; 4], x: &[R]) -> [(R, R); 4] {
                if R::KIND == ScalarKind::F64 {
                    let r = gemv4_v::<$v64>(cx, c.map(|s| cast(s)), cast(x));
                    r.map(|(a, b)| (R::from_f64(a), R::from_f64(b)))
                } else {
                    let r = gemv4_v::<$v32>(cx, c.map(|s| cast(s)), cast(x));
                    r.map(|(a, b)| (R::from_f64(a as f64), R::from_f64(b as f64)))
                }
            }
        }
    };
}

#[cfg(target_arch = "x86_64")]
pub(super) use x86::{Avx2, Avx512};

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::*;
    use core::arch::x86_64::*;

    /// AVX-512F (callers run inside `#[target_feature(enable = "avx512f")]`).
    #[derive(Clone, Copy)]
    pub struct Avx512;
    /// AVX2 + FMA.
    #[derive(Clone, Copy)]
    pub struct Avx2;

    macro_rules! vr {
        ($name:ident, $reg:ty, $r:ty, $w:expr,
         $zero:ident, $set1:ident, $loadu:ident, $storeu:ident, $fmadd:ident, $addv:ident,
         $swap:ident, $sum:ident) => {
            #[derive(Clone, Copy)]
            pub struct $name($reg);
            impl Vr for $name {
                type R = $r;
                const W: usize = $w;
                #[inline(always)]
                unsafe fn zero() -> Self {
                    $name($zero())
                }
                #[inline(always)]
                unsafe fn splat(x: $r) -> Self {
                    $name($set1(x))
                }
                #[inline(always)]
                unsafe fn load(p: *const $r) -> Self {
                    $name($loadu(p))
                }
                #[inline(always)]
                unsafe fn store(self, p: *mut $r) {
                    $storeu(p, self.0)
                }
                #[inline(always)]
                unsafe fn fma(a: Self, b: Self, c: Self) -> Self {
                    $name($fmadd(a.0, b.0, c.0))
                }
                #[inline(always)]
                unsafe fn add(a: Self, b: Self) -> Self {
                    $name($addv(a.0, b.0))
                }
                #[inline(always)]
                unsafe fn swap(self) -> Self {
                    $name($swap(self.0))
                }
                #[inline(always)]
                unsafe fn sum(self) -> $r {
                    $sum(self.0)
                }
            }
        };
    }

    vr!(
        Z64,
        __m512d,
        f64,
        8,
        _mm512_setzero_pd,
        _mm512_set1_pd,
        _mm512_loadu_pd,
        _mm512_storeu_pd,
        _mm512_fmadd_pd,
        _mm512_add_pd,
        swap_z64,
        hsum_z64
    );
    vr!(
        Z32,
        __m512,
        f32,
        16,
        _mm512_setzero_ps,
        _mm512_set1_ps,
        _mm512_loadu_ps,
        _mm512_storeu_ps,
        _mm512_fmadd_ps,
        _mm512_add_ps,
        swap_z32,
        hsum_z32
    );
    vr!(
        Y64,
        __m256d,
        f64,
        4,
        _mm256_setzero_pd,
        _mm256_set1_pd,
        _mm256_loadu_pd,
        _mm256_storeu_pd,
        _mm256_fmadd_pd,
        _mm256_add_pd,
        swap_y64,
        hsum_pd
    );
    vr!(
        Y32,
        __m256,
        f32,
        8,
        _mm256_setzero_ps,
        _mm256_set1_ps,
        _mm256_loadu_ps,
        _mm256_storeu_ps,
        _mm256_fmadd_ps,
        _mm256_add_ps,
        swap_y32,
        hsum_ps
    );

    // Pair swaps: per 128-bit lane, f64 (1, 0) and f32 (1, 0, 3, 2).
    #[inline(always)]
    unsafe fn swap_z64(v: __m512d) -> __m512d {
        _mm512_permute_pd::<0x55>(v)
    }
    #[inline(always)]
    unsafe fn swap_z32(v: __m512) -> __m512 {
        _mm512_permute_ps::<0xB1>(v)
    }
    #[inline(always)]
    unsafe fn swap_y64(v: __m256d) -> __m256d {
        _mm256_permute_pd::<0x5>(v)
    }
    #[inline(always)]
    unsafe fn swap_y32(v: __m256) -> __m256 {
        _mm256_permute_ps::<0xB1>(v)
    }

    // Horizontal sums (the _mm512_reduce_* helpers are not always inlined).
    #[inline(always)]
    unsafe fn hsum_z64(v: __m512d) -> f64 {
        let mut b = [0.0f64; 8];
        _mm512_storeu_pd(b.as_mut_ptr(), v);
        ((b[0] + b[4]) + (b[1] + b[5])) + ((b[2] + b[6]) + (b[3] + b[7]))
    }
    #[inline(always)]
    unsafe fn hsum_z32(v: __m512) -> f32 {
        let mut b = [0.0f32; 16];
        _mm512_storeu_ps(b.as_mut_ptr(), v);
        let mut h = [0.0f32; 8];
        for k in 0..8 {
            h[k] = b[k] + b[k + 8];
        }
        ((h[0] + h[4]) + (h[1] + h[5])) + ((h[2] + h[6]) + (h[3] + h[7]))
    }
    #[inline(always)]
    unsafe fn hsum_pd(v: __m256d) -> f64 {
        let s = _mm_add_pd(_mm256_castpd256_pd128(v), _mm256_extractf128_pd::<1>(v));
        _mm_cvtsd_f64(_mm_add_sd(s, _mm_unpackhi_pd(s, s)))
    }
    #[inline(always)]
    unsafe fn hsum_ps(v: __m256) -> f32 {
        let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps::<1>(v));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps::<0x1>(s, s)))
    }

    simd_isa!(Avx512, Z64, Z32);
    simd_isa!(Avx2, Y64, Y32);
}
