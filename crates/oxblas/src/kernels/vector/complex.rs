//! Level 1 loops on contiguous interleaved complex data, over the real
//! vector type of the ISA (`LANES / 2` complex numbers per register).
//!
//! The complex product `a * x` is formed without shuffling the data stream
//! more than once per vector: with `x = (xr, xi)` lanes and a scalar `a`,
//!
//! ```text
//!   a * x = x * ar  +  swap(x) * (-ai, ai)       (swap: (xr, xi) -> (xi, xr))
//! ```
//!
//! two FMAs and one in-register permute. Dot products accumulate
//! `x * y` and `x * swap(y)` lane-wise and separate real and imaginary parts
//! only once at the end.

use super::simd::{conj_sign, neg_even, reduce, VSimd};
use crate::scalar::{Complex, Scalar};

type Cx<E> = Complex<E>;

/// `sum x[i]*y[i]` (or `sum conj(x[i])*y[i]` when `CONJ`) over `n` complex
/// elements.
///
/// Lane algebra: `p = x*y = (xr yr, xi yi)`, `q = x*swap(y) = (xr yi, xi yr)`.
/// Unconjugated: `re = sum(p.even) - sum(p.odd)`, `im = sum(q)`.
/// Conjugated:   `re = sum(p)`, `im = sum(q.even) - sum(q.odd)`.
#[inline(always)]
pub(crate) unsafe fn dot<S: VSimd, const U: usize, const CONJ: bool>(
    n: usize,
    x: *const Cx<S::E>,
    y: *const Cx<S::E>,
) -> Cx<S::E>
where
    Cx<S::E>: Scalar,
{
    let (xr, yr) = (x as *const S::E, y as *const S::E);
    let l = S::LANES;
    let len = 2 * n;
    let mut p = [S::zero(); U];
    let mut q = [S::zero(); U];
    let mut i = 0;
    while i + U * l <= len {
        for u in 0..U {
            let xv = S::load(xr.add(i + u * l));
            let yv = S::load(yr.add(i + u * l));
            p[u] = S::fma(xv, yv, p[u]);
            q[u] = S::fma(xv, S::swap_pairs(yv), q[u]);
        }
        i += U * l;
    }
    while i + l <= len {
        let xv = S::load(xr.add(i));
        let yv = S::load(yr.add(i));
        p[0] = S::fma(xv, yv, p[0]);
        q[0] = S::fma(xv, S::swap_pairs(yv), q[0]);
        i += l;
    }
    let sg = conj_sign::<S>();
    let (re, im) = if CONJ {
        (reduce::<S, U>(p), reduce::<S, 1>([S::mul(reduce_v::<S, U>(q), sg)]))
    } else {
        (reduce::<S, 1>([S::mul(reduce_v::<S, U>(p), sg)]), reduce::<S, U>(q))
    };
    let mut s = Cx::new(re, im);
    for k in i / 2..n {
        s += (*x.add(k)).conj_if(CONJ) * *y.add(k);
    }
    s
}

/// Pairwise sum of `N` vectors into one (the vector part of `reduce`).
#[inline(always)]
unsafe fn reduce_v<S: VSimd, const N: usize>(mut acc: [S::V; N]) -> S::V {
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

/// The broadcast pair `(ar, ar, ...)`, `(-ai, ai, ...)` of a complex scalar.
#[inline(always)]
pub(crate) unsafe fn bcast<S: VSimd>(a: Cx<S::E>) -> (S::V, S::V) {
    (S::splat(a.re), S::mul(S::splat(a.im), neg_even::<S>()))
}

/// `acc + a * v` for a broadcast complex scalar `(ar, ai_s) = bcast(a)`.
#[inline(always)]
pub(crate) unsafe fn cfma<S: VSimd>(v: S::V, ar: S::V, ai_s: S::V, acc: S::V) -> S::V {
    S::fma(S::swap_pairs(v), ai_s, S::fma(v, ar, acc))
}

/// `a * v` for a broadcast complex scalar.
#[inline(always)]
pub(crate) unsafe fn cmul<S: VSimd>(v: S::V, ar: S::V, ai_s: S::V) -> S::V {
    S::fma(S::swap_pairs(v), ai_s, S::mul(v, ar))
}

/// Scalar twins of `cfma` / `cmul`, for tails, with the same operations.
#[inline(always)]
pub(crate) fn cfma_s<S: VSimd>(v: Cx<S::E>, a: Cx<S::E>, acc: Cx<S::E>) -> Cx<S::E> {
    let re = S::fma_s(v.im, -a.im, S::fma_s(v.re, a.re, acc.re));
    let im = S::fma_s(v.re, a.im, S::fma_s(v.im, a.re, acc.im));
    Cx::new(re, im)
}

#[inline(always)]
pub(crate) fn cmul_s<S: VSimd>(v: Cx<S::E>, a: Cx<S::E>) -> Cx<S::E> {
    Cx::new(S::fma_s(v.im, -a.im, v.re * a.re), S::fma_s(v.re, a.im, v.im * a.re))
}

/// `y += alpha * x`.
#[inline(always)]
pub(crate) unsafe fn axpy<S: VSimd>(n: usize, alpha: Cx<S::E>, x: *const Cx<S::E>, y: *mut Cx<S::E>) {
    let (xr, yr) = (x as *const S::E, y as *mut S::E);
    let l = S::LANES;
    let len = 2 * n;
    let (ar, ai) = bcast::<S>(alpha);
    let mut i = 0;
    while i + 2 * l <= len {
        for u in 0..2 {
            let p = yr.add(i + u * l);
            S::store(p, cfma::<S>(S::load(xr.add(i + u * l)), ar, ai, S::load(p)));
        }
        i += 2 * l;
    }
    while i + l <= len {
        let p = yr.add(i);
        S::store(p, cfma::<S>(S::load(xr.add(i)), ar, ai, S::load(p)));
        i += l;
    }
    for k in i / 2..n {
        *y.add(k) = cfma_s::<S>(*x.add(k), alpha, *y.add(k));
    }
}

/// `y = alpha * x + beta * y`; `beta == 0` does not read y.
#[inline(always)]
pub(crate) unsafe fn axpby<S: VSimd>(
    n: usize,
    alpha: Cx<S::E>,
    x: *const Cx<S::E>,
    beta: Cx<S::E>,
    y: *mut Cx<S::E>,
) where
    Cx<S::E>: Scalar,
{
    if beta.is_zero() {
        return scal_into::<S>(n, alpha, x, y);
    }
    let (xr, yr) = (x as *const S::E, y as *mut S::E);
    let l = S::LANES;
    let len = 2 * n;
    let (ar, ai) = bcast::<S>(alpha);
    let (br, bi) = bcast::<S>(beta);
    let mut i = 0;
    while i + l <= len {
        let p = yr.add(i);
        let t = cmul::<S>(S::load(p), br, bi);
        S::store(p, cfma::<S>(S::load(xr.add(i)), ar, ai, t));
        i += l;
    }
    for k in i / 2..n {
        *y.add(k) = cfma_s::<S>(*x.add(k), alpha, cmul_s::<S>(*y.add(k), beta));
    }
}

/// `y = alpha * x` (x == y allowed: zscal, cscal).
#[inline(always)]
pub(crate) unsafe fn scal_into<S: VSimd>(n: usize, alpha: Cx<S::E>, x: *const Cx<S::E>, y: *mut Cx<S::E>) {
    let (xr, yr) = (x as *const S::E, y as *mut S::E);
    let l = S::LANES;
    let len = 2 * n;
    let (ar, ai) = bcast::<S>(alpha);
    let mut i = 0;
    while i + 2 * l <= len {
        for u in 0..2 {
            S::store(yr.add(i + u * l), cmul::<S>(S::load(xr.add(i + u * l)), ar, ai));
        }
        i += 2 * l;
    }
    while i + l <= len {
        S::store(yr.add(i), cmul::<S>(S::load(xr.add(i)), ar, ai));
        i += l;
    }
    for k in i / 2..n {
        *y.add(k) = cmul_s::<S>(*x.add(k), alpha);
    }
}
