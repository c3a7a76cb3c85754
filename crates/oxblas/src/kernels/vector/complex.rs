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

// Index loops over register blocks read closer to the machine they model.
#![allow(clippy::needless_range_loop)]

use super::simd::{load_n, neg_even, reduce_v, store_n, VSimd};
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
    let mut s = finish_dot::<S, CONJ>(reduce_v::<S, U>(p), reduce_v::<S, U>(q));
    for k in i / 2..n {
        s += (*x.add(k)).conj_if(CONJ) * *y.add(k);
    }
    s
}

/// Combines the `p`, `q` accumulators of a complex dot (see module docs)
/// with one horizontal reduction: pairwise differences / sums put the
/// real part's terms in the even lanes and the imaginary part's in the odd
/// lanes, then the lanes are summed as complex numbers.
#[inline(always)]
pub(crate) unsafe fn finish_dot<S: VSimd, const CONJ: bool>(p: S::V, q: S::V) -> Cx<S::E> {
    let (ps, qs) = (S::swap_pairs(p), S::swap_pairs(q));
    let z = if CONJ {
        // re = sum(p), im = sum(q.even) - sum(q.odd).
        S::blend_eo(S::add(p, ps), S::sub(qs, q))
    } else {
        // re = sum(p.even) - sum(p.odd), im = sum(q).
        S::blend_eo(S::sub(p, ps), S::add(q, qs))
    };
    let (re, im) = S::hsum_pairs(z);
    Cx::new(re, im)
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

/// Reals to handle before `p` reaches a vector boundary, if that keeps
/// (re, im) pairs whole (an element starting at an odd real cannot be
/// aligned); the stores of the main loop then never split a cache line.
#[inline(always)]
fn cpeel<S: VSimd>(p: *const S::E, len: usize) -> usize {
    let mis = (p as usize / core::mem::size_of::<S::E>()) % S::LANES;
    if mis == 0 || mis % 2 == 1 {
        0
    } else {
        (S::LANES - mis).min(len)
    }
}

/// `y += alpha * x`.
#[inline(always)]
pub(crate) unsafe fn axpy<S: VSimd>(
    n: usize,
    alpha: Cx<S::E>,
    x: *const Cx<S::E>,
    y: *mut Cx<S::E>,
) {
    let (xr, yr) = (x as *const S::E, y as *mut S::E);
    let l = S::LANES;
    let len = 2 * n;
    let (ar, ai) = bcast::<S>(alpha);
    let mut i = cpeel::<S>(yr, len);
    if i > 0 {
        S::store_part(
            yr,
            cfma::<S>(S::load_part(xr, i), ar, ai, S::load_part(yr, i)),
            i,
        );
    }
    while i + 2 * l <= len {
        for u in 0..2 {
            let p = yr.add(i + u * l);
            S::store(p, cfma::<S>(S::load(xr.add(i + u * l)), ar, ai, S::load(p)));
        }
        i += 2 * l;
    }
    while i < len {
        let k = l.min(len - i);
        let p = yr.add(i);
        store_n::<S>(
            p,
            cfma::<S>(load_n::<S>(xr.add(i), k), ar, ai, load_n::<S>(p, k)),
            k,
        );
        i += k;
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
    while i < len {
        let k = l.min(len - i);
        let p = yr.add(i);
        let t = cmul::<S>(load_n::<S>(p, k), br, bi);
        store_n::<S>(p, cfma::<S>(load_n::<S>(xr.add(i), k), ar, ai, t), k);
        i += k;
    }
}

/// `y = alpha * x` (x == y allowed: zscal, cscal).
#[inline(always)]
pub(crate) unsafe fn scal_into<S: VSimd>(
    n: usize,
    alpha: Cx<S::E>,
    x: *const Cx<S::E>,
    y: *mut Cx<S::E>,
) {
    let (xr, yr) = (x as *const S::E, y as *mut S::E);
    let l = S::LANES;
    let len = 2 * n;
    let (ar, ai) = bcast::<S>(alpha);
    let mut i = cpeel::<S>(yr, len);
    if i > 0 {
        S::store_part(yr, cmul::<S>(S::load_part(xr, i), ar, ai), i);
    }
    while i + 2 * l <= len {
        for u in 0..2 {
            S::store(
                yr.add(i + u * l),
                cmul::<S>(S::load(xr.add(i + u * l)), ar, ai),
            );
        }
        i += 2 * l;
    }
    while i < len {
        let k = l.min(len - i);
        store_n::<S>(yr.add(i), cmul::<S>(load_n::<S>(xr.add(i), k), ar, ai), k);
        i += k;
    }
}
