//! Matrix-vector kernels for complex types, the complex twins of
//! `gemv_real.rs` on interleaved `(re, im)` lanes.
//!
//! Column updates `y += a * x_c` keep two accumulators per vector of y,
//! `r = y + sum_c a_c * re(x_c)` and `s = sum_c a_c * im(x_c)` (pure FMAs
//! with broadcast scalars), and combine them once per column group:
//! `y = r + swap(s) * (-1, 1)`, since `a * i*xi = (-ai xi, ar xi)`.
//!
//! Conjugated matrices (`CONJ`: y += conj(A) x) use
//! `y + conj(A) x = conj(conj(y) + A conj(x))`: the caller's x values come
//! in conjugated, y is conjugated on load and store, and the inner loop is
//! unchanged.
//!
//! Dot products accumulate `p = a * x` and `q = a * swap(x)` lane-wise;
//! `re(a.x) = sum(p.even) - sum(p.odd)`, `im = sum(q)`; with conj(a):
//! `re = sum(p)`, `im = sum(q.even) - sum(q.odd)`.

// Index loops over register blocks read closer to the machine they model.
#![allow(clippy::needless_range_loop)]

use super::complex::finish_dot;
use super::gemv_real::{update, ROW_BLOCK_BYTES};
use super::simd::{conj_sign, load_n, neg_even, store_n, VSimd};
use crate::scalar::{Complex, Scalar};

type Cx<E> = Complex<E>;

/// `y[0..mb] += sum_c x_c * col_c` (conjugated throughout when `CONJ`, see
/// the module docs); `xr`, `xi` are the broadcast parts of the x values.
#[inline(always)]
unsafe fn panel_n<S: VSimd, const U: usize, const NC: usize, const CONJ: bool>(
    mb: usize,
    cols: &[*const S::E; NC],
    xr: &[S::V; NC],
    xi: &[S::V; NC],
    y: *mut S::E,
) {
    let l = S::LANES;
    let len = 2 * mb;
    let (ne, cs) = (neg_even::<S>(), conj_sign::<S>());
    let ld = |v: S::V| if CONJ { S::mul(v, cs) } else { v };
    let fin = |r: S::V, s: S::V| {
        let v = S::fma(S::swap_pairs(s), ne, r);
        if CONJ {
            S::mul(v, cs)
        } else {
            v
        }
    };
    let mut i = 0;
    while i + U * l <= len {
        let mut r = [S::zero(); U];
        let mut s = [S::zero(); U];
        for (u, rv) in r.iter_mut().enumerate() {
            *rv = ld(S::load(y.add(i + u * l)));
        }
        for c in 0..NC {
            let col = cols[c].add(i);
            for u in 0..U {
                let v = S::load(col.add(u * l));
                r[u] = S::fma(v, xr[c], r[u]);
                s[u] = S::fma(v, xi[c], s[u]);
            }
        }
        for u in 0..U {
            S::store(y.add(i + u * l), fin(r[u], s[u]));
        }
        i += U * l;
    }
    while i < len {
        // Remaining single vectors, the last one partial (masked).
        let w = l.min(len - i);
        let mut r = ld(load_n::<S>(y.add(i), w));
        let mut s = S::zero();
        for c in 0..NC {
            let v = load_n::<S>(cols[c].add(i), w);
            r = S::fma(v, xr[c], r);
            s = S::fma(v, xi[c], s);
        }
        store_n::<S>(y.add(i), fin(r, s), w);
        i += w;
    }
}

/// `y[0..m] += op(A) (alpha x)`, op = identity or conj (`conj`); y
/// contiguous, x with stride `incx` (in complex elements). Columns with
/// `x_j == 0` are skipped as in the reference.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemv_n<S: VSimd, const U: usize, const NC: usize, const CONJ: bool>(
    m: usize,
    n: usize,
    a: *const Cx<S::E>,
    lda: isize,
    alpha: Cx<S::E>,
    x: *const Cx<S::E>,
    incx: isize,
    y: *mut Cx<S::E>,
) where
    Cx<S::E>: Scalar,
{
    let rb = (ROW_BLOCK_BYTES / core::mem::size_of::<Cx<S::E>>()).max(U * S::LANES);
    let mut i0 = 0;
    while i0 < m {
        let mb = rb.min(m - i0);
        let yb = y.add(i0) as *mut S::E;
        let mut cols = [core::ptr::null::<S::E>(); NC];
        let (mut xr, mut xi) = ([S::zero(); NC], [S::zero(); NC]);
        let mut k = 0;
        for j in 0..n {
            let xj = *x.offset(j as isize * incx);
            if xj.is_zero() {
                continue;
            }
            let t = (alpha * xj).conj_if(CONJ);
            cols[k] = a.offset(j as isize * lda).add(i0) as *const S::E;
            xr[k] = S::splat(t.re);
            xi[k] = S::splat(t.im);
            k += 1;
            if k == NC {
                panel_n::<S, U, NC, CONJ>(mb, &cols, &xr, &xi, yb);
                k = 0;
            }
        }
        for c in 0..k {
            panel_n::<S, U, 1, CONJ>(mb, &[cols[c]], &[xr[c]], &[xi[c]], yb);
        }
        i0 += mb;
    }
}

/// `NC` dot products `op(A[0..m, c]) . x[0..m]`.
#[inline(always)]
unsafe fn dots<S: VSimd, const NC: usize, const CONJ: bool>(
    m: usize,
    a: *const Cx<S::E>,
    lda: isize,
    x: *const S::E,
) -> [Cx<S::E>; NC] {
    let l = S::LANES;
    let len = 2 * m;
    let mut cols = [core::ptr::null::<S::E>(); NC];
    for (c, p) in cols.iter_mut().enumerate() {
        *p = a.offset(c as isize * lda) as *const S::E;
    }
    let mut p = [S::zero(); NC];
    let mut q = [S::zero(); NC];
    let mut i = 0;
    while i + l <= len {
        let xv = S::load(x.add(i));
        let xs = S::swap_pairs(xv);
        for c in 0..NC {
            let v = S::load(cols[c].add(i));
            p[c] = S::fma(v, xv, p[c]);
            q[c] = S::fma(v, xs, q[c]);
        }
        i += l;
    }
    if i < len {
        let xv = load_n::<S>(x.add(i), len - i);
        let xs = S::swap_pairs(xv);
        for c in 0..NC {
            let v = load_n::<S>(cols[c].add(i), len - i);
            p[c] = S::fma(v, xv, p[c]);
            q[c] = S::fma(v, xs, q[c]);
        }
    }
    let mut out = [Cx::new(S::E::zero(), S::E::zero()); NC];
    for c in 0..NC {
        out[c] = finish_dot::<S, CONJ>(p[c], q[c]);
    }
    out
}

/// `y_j = beta*y_j + alpha * op(A[0..m, j]) . x` for `j < n`; x contiguous.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemv_t<S: VSimd, const NC: usize, const CONJ: bool>(
    m: usize,
    n: usize,
    a: *const Cx<S::E>,
    lda: isize,
    x: *const Cx<S::E>,
    alpha: Cx<S::E>,
    beta: Cx<S::E>,
    y: *mut Cx<S::E>,
    incy: isize,
) where
    Cx<S::E>: Scalar,
{
    let xr = x as *const S::E;
    let mut j = 0;
    while j + NC <= n {
        let d = dots::<S, NC, CONJ>(m, a.offset(j as isize * lda), lda, xr);
        for (c, &dc) in d.iter().enumerate() {
            update(y.offset((j + c) as isize * incy), dc, alpha, beta);
        }
        j += NC;
    }
    while j < n {
        let d = dots::<S, 1, CONJ>(m, a.offset(j as isize * lda), lda, xr);
        update(y.offset(j as isize * incy), d[0], alpha, beta);
        j += 1;
    }
}

/// Complex `symv_panel`: one pass over the `m x NC` panel doing
/// `y += opn(A) xs` and returning `opt(A)^T x`, where `opn` conjugates when
/// `CN` and `opt` when `CT` (hemv conjugates the reflected half). `xs` must
/// already be conjugated when `CN`.
#[inline(always)]
pub(crate) unsafe fn symv_panel<
    S: VSimd,
    const U: usize,
    const NC: usize,
    const CN: bool,
    const CT: bool,
>(
    m: usize,
    a: *const Cx<S::E>,
    lda: isize,
    xs: &[Cx<S::E>; NC],
    x: *const Cx<S::E>,
    y: *mut Cx<S::E>,
) -> [Cx<S::E>; NC] {
    let l = S::LANES;
    let len = 2 * m;
    let (x, y) = (x as *const S::E, y as *mut S::E);
    let (ne, cs) = (neg_even::<S>(), conj_sign::<S>());
    let mut cols = [core::ptr::null::<S::E>(); NC];
    let (mut xr, mut xi) = ([S::zero(); NC], [S::zero(); NC]);
    for c in 0..NC {
        cols[c] = a.offset(c as isize * lda) as *const S::E;
        xr[c] = S::splat(xs[c].re);
        xi[c] = S::splat(xs[c].im);
    }
    let mut p = [S::zero(); NC];
    let mut q = [S::zero(); NC];
    let ld = |v: S::V| if CN { S::mul(v, cs) } else { v };
    let mut i = 0;
    // U vectors of rows per step: U independent r/s chains for y.
    while i + U * l <= len {
        let (mut r, mut s, mut xv, mut xsw) = (
            [S::zero(); U],
            [S::zero(); U],
            [S::zero(); U],
            [S::zero(); U],
        );
        for u in 0..U {
            r[u] = ld(S::load(y.add(i + u * l)));
            xv[u] = S::load(x.add(i + u * l));
            xsw[u] = S::swap_pairs(xv[u]);
        }
        for c in 0..NC {
            for u in 0..U {
                let v = S::load(cols[c].add(i + u * l));
                r[u] = S::fma(v, xr[c], r[u]);
                s[u] = S::fma(v, xi[c], s[u]);
                p[c] = S::fma(v, xv[u], p[c]);
                q[c] = S::fma(v, xsw[u], q[c]);
            }
        }
        for u in 0..U {
            S::store(y.add(i + u * l), ld(S::fma(S::swap_pairs(s[u]), ne, r[u])));
        }
        i += U * l;
    }
    while i < len {
        let w = l.min(len - i);
        let mut r = ld(load_n::<S>(y.add(i), w));
        let mut s = S::zero();
        let xv = load_n::<S>(x.add(i), w);
        let xsw = S::swap_pairs(xv);
        for c in 0..NC {
            let v = load_n::<S>(cols[c].add(i), w);
            r = S::fma(v, xr[c], r);
            s = S::fma(v, xi[c], s);
            p[c] = S::fma(v, xv, p[c]);
            q[c] = S::fma(v, xsw, q[c]);
        }
        store_n::<S>(y.add(i), ld(S::fma(S::swap_pairs(s), ne, r)), w);
        i += w;
    }
    let mut out = [Cx::new(S::E::zero(), S::E::zero()); NC];
    for c in 0..NC {
        out[c] = finish_dot::<S, CT>(p[c], q[c]);
    }
    out
}
