//! Level 1 loops on contiguous real data, written once over `VSimd`.
//!
//! Reductions (dot, asum, sum of squares) keep `U` independent vector
//! accumulators: an FMA has 4 cycles of latency and two issue per cycle, so
//! one accumulator would run at 1/8 of the machine; with 2 loads per FMA the
//! loads cap a dot at one FMA per cycle, which 4 chains already reach, 8
//! leave slack for. Element-wise loops (axpy, scal, rot) have no chains and
//! are unrolled only to amortise the loop overhead. Tails shorter than a
//! vector run in scalar code with the matching scalar operation.

// Index loops over register blocks read closer to the machine they model.
#![allow(clippy::needless_range_loop)]

use super::simd::{load_n, reduce, store_n, VSimd, Widen};
use crate::scalar::{RealScalar, Scalar};

/// `sum x[i]*y[i]` over `n` contiguous elements.
#[inline(always)]
pub(crate) unsafe fn dot<S: VSimd, const U: usize>(
    n: usize,
    x: *const S::E,
    y: *const S::E,
) -> S::E {
    let l = S::LANES;
    if n < U * l {
        // Short: one accumulator, a masked last vector, no reduction tree.
        let mut acc = S::zero();
        let mut i = 0;
        while i < n {
            let r = l.min(n - i);
            acc = S::fma(S::load_part(x.add(i), r), S::load_part(y.add(i), r), acc);
            i += r;
        }
        return S::hsum(acc);
    }
    let mut acc = [S::zero(); U];
    // Peel to align x on a cache line: one of the two streams then never
    // splits a load across lines.
    let mis = (x as usize / core::mem::size_of::<S::E>()) % l;
    let mut i = if mis == 0 { 0 } else { (l - mis).min(n) };
    if i > 0 {
        acc[0] = S::fma(S::load_part(x, i), S::load_part(y, i), acc[0]);
    }
    while i + U * l <= n {
        for (u, a) in acc.iter_mut().enumerate() {
            *a = S::fma(S::load(x.add(i + u * l)), S::load(y.add(i + u * l)), *a);
        }
        i += U * l;
    }
    while i + l <= n {
        acc[0] = S::fma(S::load(x.add(i)), S::load(y.add(i)), acc[0]);
        i += l;
    }
    if i < n {
        acc[0] = S::fma(
            S::load_part(x.add(i), n - i),
            S::load_part(y.add(i), n - i),
            acc[0],
        );
    }
    reduce::<S, U>(acc)
}

/// `sum x[i]*y[i]` of f32 data accumulated in f64 (dsdot, sdsdot): every
/// product of two f32 is exact in f64.
#[inline(always)]
pub(crate) unsafe fn dot_widen<S: Widen, const U: usize>(
    n: usize,
    x: *const f32,
    y: *const f32,
) -> f64 {
    let l = S::LANES;
    let mut acc = [S::zero(); U];
    let mut i = 0;
    while i + U * l <= n {
        for (u, a) in acc.iter_mut().enumerate() {
            *a = S::fma(
                S::load_f32(x.add(i + u * l)),
                S::load_f32(y.add(i + u * l)),
                *a,
            );
        }
        i += U * l;
    }
    while i + l <= n {
        acc[0] = S::fma(S::load_f32(x.add(i)), S::load_f32(y.add(i)), acc[0]);
        i += l;
    }
    let mut s = reduce::<S, U>(acc);
    while i < n {
        s += *x.add(i) as f64 * *y.add(i) as f64;
        i += 1;
    }
    s
}

/// Elements to handle before `p` reaches a cache-line (vector) boundary.
#[inline(always)]
fn peel<S: VSimd>(p: *const S::E, n: usize) -> usize {
    let mis = (p as usize / core::mem::size_of::<S::E>()) % S::LANES;
    if mis == 0 {
        0
    } else {
        (S::LANES - mis).min(n)
    }
}

/// `y += alpha * x`. The first partial vector aligns y, so that no store
/// splits a cache line (worth 15-20% in L1/L2); edges use masked loads
/// and stores.
#[inline(always)]
pub(crate) unsafe fn axpy<S: VSimd>(n: usize, alpha: S::E, x: *const S::E, y: *mut S::E) {
    let l = S::LANES;
    let va = S::splat(alpha);
    let mut i = peel::<S>(y, n);
    if i > 0 {
        S::store_part(y, S::fma(S::load_part(x, i), va, S::load_part(y, i)), i);
    }
    while i + 4 * l <= n {
        for u in 0..4 {
            let p = y.add(i + u * l);
            S::store(p, S::fma(S::load(x.add(i + u * l)), va, S::load(p)));
        }
        i += 4 * l;
    }
    while i < n {
        let k = l.min(n - i);
        let p = y.add(i);
        store_n::<S>(
            p,
            S::fma(load_n::<S>(x.add(i), k), va, load_n::<S>(p, k)),
            k,
        );
        i += k;
    }
}

/// `y = alpha * x + beta * y`; `beta == 0` writes `alpha * x` without
/// reading y.
#[inline(always)]
pub(crate) unsafe fn axpby<S: VSimd>(
    n: usize,
    alpha: S::E,
    x: *const S::E,
    beta: S::E,
    y: *mut S::E,
) {
    if beta.is_zero() {
        return scal_into::<S>(n, alpha, x, y);
    }
    let l = S::LANES;
    let (va, vb) = (S::splat(alpha), S::splat(beta));
    let mut i = peel::<S>(y, n);
    if i > 0 {
        S::store_part(
            y,
            S::fma(S::load_part(x, i), va, S::mul(S::load_part(y, i), vb)),
            i,
        );
    }
    while i + 2 * l <= n {
        for u in 0..2 {
            let p = y.add(i + u * l);
            S::store(
                p,
                S::fma(S::load(x.add(i + u * l)), va, S::mul(S::load(p), vb)),
            );
        }
        i += 2 * l;
    }
    while i < n {
        let k = l.min(n - i);
        let p = y.add(i);
        store_n::<S>(
            p,
            S::fma(load_n::<S>(x.add(i), k), va, S::mul(load_n::<S>(p, k), vb)),
            k,
        );
        i += k;
    }
}

/// `y = alpha * x` (x and y may be the same pointer: in-place scal).
#[inline(always)]
pub(crate) unsafe fn scal_into<S: VSimd>(n: usize, alpha: S::E, x: *const S::E, y: *mut S::E) {
    let l = S::LANES;
    let va = S::splat(alpha);
    let mut i = peel::<S>(y, n);
    if i > 0 {
        S::store_part(y, S::mul(S::load_part(x, i), va), i);
    }
    while i + 4 * l <= n {
        for u in 0..4 {
            S::store(y.add(i + u * l), S::mul(S::load(x.add(i + u * l)), va));
        }
        i += 4 * l;
    }
    while i < n {
        let k = l.min(n - i);
        store_n::<S>(y.add(i), S::mul(load_n::<S>(x.add(i), k), va), k);
        i += k;
    }
}

/// `sum |x[i]|`.
#[inline(always)]
pub(crate) unsafe fn asum<S: VSimd, const U: usize>(n: usize, x: *const S::E) -> S::E {
    let l = S::LANES;
    let mut acc = [S::zero(); U];
    let mut i = 0;
    while i + U * l <= n {
        for (u, a) in acc.iter_mut().enumerate() {
            *a = S::add(*a, S::abs(S::load(x.add(i + u * l))));
        }
        i += U * l;
    }
    while i + l <= n {
        acc[0] = S::add(acc[0], S::abs(S::load(x.add(i))));
        i += l;
    }
    let mut s = reduce::<S, U>(acc);
    while i < n {
        s += RealScalar::abs(*x.add(i));
        i += 1;
    }
    s
}

/// `(sum x[i]^2, max |x[i]|)` with NaNs left out of the max (they do reach
/// the sum). The nrm2 driver checks the max against Blue's thresholds to see
/// whether the plain sum is trustworthy.
#[inline(always)]
pub(crate) unsafe fn sumsq_max<S: VSimd, const U: usize>(n: usize, x: *const S::E) -> (S::E, S::E) {
    let l = S::LANES;
    let mut acc = [S::zero(); U];
    let mut mx = [S::zero(); U];
    let mut i = 0;
    while i + U * l <= n {
        for u in 0..U {
            let v = S::load(x.add(i + u * l));
            acc[u] = S::fma(v, v, acc[u]);
            mx[u] = S::max(S::abs(v), mx[u]);
        }
        i += U * l;
    }
    while i + l <= n {
        let v = S::load(x.add(i));
        acc[0] = S::fma(v, v, acc[0]);
        mx[0] = S::max(S::abs(v), mx[0]);
        i += l;
    }
    for u in 1..U {
        mx[0] = S::max(mx[u], mx[0]);
    }
    let mut s = reduce::<S, U>(acc);
    let mut m = S::hmax(mx[0]);
    while i < n {
        let v = *x.add(i);
        s = S::fma_s(v, v, s);
        if RealScalar::abs(v) > m {
            m = RealScalar::abs(v);
        }
        i += 1;
    }
    (s, m)
}

/// `sum x[i]^2` of f32 data in f64: cannot overflow or underflow (f32's
/// range squared fits f64's), so snrm2/scnrm2 need no scaling at all.
#[inline(always)]
pub(crate) unsafe fn sumsq_widen<S: Widen, const U: usize>(n: usize, x: *const f32) -> f64 {
    let l = S::LANES;
    let mut acc = [S::zero(); U];
    let mut i = 0;
    while i + U * l <= n {
        for (u, a) in acc.iter_mut().enumerate() {
            let v = S::load_f32(x.add(i + u * l));
            *a = S::fma(v, v, *a);
        }
        i += U * l;
    }
    while i + l <= n {
        let v = S::load_f32(x.add(i));
        acc[0] = S::fma(v, v, acc[0]);
        i += l;
    }
    let mut s = reduce::<S, U>(acc);
    while i < n {
        let v = *x.add(i) as f64;
        s += v * v;
        i += 1;
    }
    s
}

/// Plane rotation: `(x, y) <- (c*x + s*y, c*y - s*x)`.
#[inline(always)]
pub(crate) unsafe fn rot<S: VSimd>(n: usize, x: *mut S::E, y: *mut S::E, c: S::E, s: S::E) {
    let l = S::LANES;
    let (vc, vs, vns) = (S::splat(c), S::splat(s), S::splat(-s));
    // First a partial vector up to x's alignment (if any), then whole ones.
    let mut i = 0;
    let mut k = match peel::<S>(x, n) {
        0 => l.min(n),
        p => p,
    };
    while i < n {
        let (xv, yv) = (load_n::<S>(x.add(i), k), load_n::<S>(y.add(i), k));
        store_n::<S>(x.add(i), S::fma(xv, vc, S::mul(yv, vs)), k);
        store_n::<S>(y.add(i), S::fma(yv, vc, S::mul(xv, vns)), k);
        i += k;
        k = l.min(n - i);
    }
}

/// Index of the first element of largest (`MIN = false`) or smallest `abs1`
/// among `n >= 1` elements; `CX` when the data are interleaved complex
/// (`n` complex elements, `abs1 = |re| + |im|`).
///
/// Reference semantics (isamax etc.): the running best is replaced only by
/// a strictly better value, so ties go to the first; NaN compares false, so
/// a NaN never wins, except that a NaN in element 0 makes the answer 0
/// (it seeds the running best and nothing compares better than NaN).
///
/// One pass computes the best value of each block of `BLK` elements with
/// vector max/min (NaN-ignoring by operand order); a second, short pass
/// finds the first element equal to the winner inside the winning block.
#[inline(always)]
pub(crate) unsafe fn iamax<S: VSimd, const CX: bool, const MIN: bool>(
    n: usize,
    x: *const S::E,
) -> usize {
    const BLK: usize = 1024;
    let w = if CX { 2 } else { 1 };
    let l = S::LANES;
    let abs1 = |i: usize| -> S::E {
        if CX {
            RealScalar::abs(*x.add(2 * i)) + RealScalar::abs(*x.add(2 * i + 1))
        } else {
            RealScalar::abs(*x.add(i))
        }
    };
    let better = |a: S::E, b: S::E| if MIN { a < b } else { a > b };
    // |v| per lane, or abs1 duplicated into both lanes of each pair.
    let absv = |p: *const S::E| -> S::V {
        let a = S::abs(S::load(p));
        if CX {
            S::add(a, S::swap_pairs(a))
        } else {
            a
        }
    };
    let first = abs1(0);
    if first.is_nan() {
        return 0;
    }
    let init = if MIN {
        S::E::from_f64(f64::INFINITY)
    } else {
        -S::E::one()
    };
    let (mut best, mut best_blk) = (first, usize::MAX);
    let mut b0 = 0;
    while b0 < n {
        let b1 = n.min(b0 + BLK);
        // Reals [b0*w, b1*w) in whole vectors, then single elements.
        let mut acc = S::splat(init);
        let mut r = b0 * w;
        while r + l <= b1 * w {
            acc = if MIN {
                S::min(absv(x.add(r)), acc)
            } else {
                S::max(absv(x.add(r)), acc)
            };
            r += l;
        }
        let mut e = if MIN { S::hmin(acc) } else { S::hmax(acc) };
        for i in r / w..b1 {
            let a = abs1(i);
            if better(a, e) {
                e = a;
            }
        }
        if better(e, best) {
            best = e;
            best_blk = b0;
        }
        b0 = b1;
    }
    if best_blk == usize::MAX {
        return 0;
    }
    let b1 = n.min(best_blk + BLK);
    let target = S::splat(best);
    let mut r = best_blk * w;
    while r + l <= b1 * w {
        let m = S::eq_mask(absv(x.add(r)), target);
        if m != 0 {
            return (r + m.trailing_zeros() as usize) / w;
        }
        r += l;
    }
    (r / w..b1).find(|&i| abs1(i) == best).unwrap_or(best_blk)
}
