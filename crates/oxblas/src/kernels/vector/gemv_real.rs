//! Matrix-vector kernels for real types on a column-major panel (unit row
//! stride, column stride `lda`).
//!
//! * `gemv_n`: `y += A * (alpha x)`, axpy-style. `NC` columns pass over a
//!   chunk of `U` vectors of y held in registers, so y is loaded and stored
//!   once per `NC` columns instead of once per column; the `U` rows chains
//!   hide FMA latency. Columns whose `x_j` is zero are skipped, as the
//!   reference dgemv does (a NaN in such a column does not reach y). Rows
//!   are walked in blocks whose slice of y stays in L1.
//! * `gemv_t`: `y_j = beta y_j + alpha * dot(A[:, j], x)`, `NC` dot products
//!   at once sharing each load of x, `K` accumulators per column.
//! * `symv_panel`: both at once on the same panel, reading A once (the
//!   off-diagonal part of symv); `symv_group` adds the group's diagonal
//!   block (masked loads of the stored lanes only).
//!
//! Every row of y sees the same sequence of operations whichever row block,
//! tail or thread it falls in: edge rows go through the same vector code
//! with masked (partial) loads and stores.

// Index loops over register blocks read closer to the machine they model.
#![allow(clippy::needless_range_loop)]

use super::simd::{hsum2, load_n, reduce_v, store_n, VSimd};
use crate::scalar::Scalar;

/// Rows of y kept in L1 while all columns pass over them.
pub(crate) const ROW_BLOCK_BYTES: usize = 16 * 1024;

/// `y[0..mb] += sum_c xs[c] * col_c[0..mb]`, columns applied in order.
#[inline(always)]
unsafe fn panel_n<S: VSimd, const U: usize, const NC: usize>(
    mb: usize,
    cols: &[*const S::E; NC],
    xs: &[S::V; NC],
    y: *mut S::E,
) {
    let l = S::LANES;
    let mut i = 0;
    while i + U * l <= mb {
        let mut acc = [S::zero(); U];
        for (u, a) in acc.iter_mut().enumerate() {
            *a = S::load(y.add(i + u * l));
        }
        for c in 0..NC {
            let col = cols[c].add(i);
            for (u, a) in acc.iter_mut().enumerate() {
                *a = S::fma(S::load(col.add(u * l)), xs[c], *a);
            }
        }
        for (u, a) in acc.iter().enumerate() {
            S::store(y.add(i + u * l), *a);
        }
        i += U * l;
    }
    while i + l <= mb {
        let mut acc = S::load(y.add(i));
        for c in 0..NC {
            acc = S::fma(S::load(cols[c].add(i)), xs[c], acc);
        }
        S::store(y.add(i), acc);
        i += l;
    }
    if i < mb {
        let r = mb - i;
        let mut acc = load_n::<S>(y.add(i), r);
        for c in 0..NC {
            acc = S::fma(load_n::<S>(cols[c].add(i), r), xs[c], acc);
        }
        store_n::<S>(y.add(i), acc, r);
    }
}

/// `y[0..m] += A[0..m, 0..n] * (alpha * x)`, y contiguous, x with stride
/// `incx`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemv_n<S: VSimd, const U: usize, const NC: usize>(
    m: usize,
    n: usize,
    a: *const S::E,
    lda: isize,
    alpha: S::E,
    x: *const S::E,
    incx: isize,
    y: *mut S::E,
) {
    let rb = (ROW_BLOCK_BYTES / core::mem::size_of::<S::E>()).max(U * S::LANES);
    let mut i0 = 0;
    while i0 < m {
        let mb = rb.min(m - i0);
        let mut cols = [core::ptr::null::<S::E>(); NC];
        let mut xs = [S::zero(); NC];
        let mut k = 0;
        for j in 0..n {
            let xj = *x.offset(j as isize * incx);
            if xj.is_zero() {
                continue;
            }
            cols[k] = a.offset(j as isize * lda).add(i0);
            xs[k] = S::splat(alpha * xj);
            k += 1;
            if k == NC {
                panel_n::<S, U, NC>(mb, &cols, &xs, y.add(i0));
                k = 0;
            }
        }
        for c in 0..k {
            panel_n::<S, U, 1>(mb, &[cols[c]], &[xs[c]], y.add(i0));
        }
        i0 += mb;
    }
}

/// `NC` dot products `A[0..m, c] . x[0..m]`.
#[inline(always)]
unsafe fn dots<S: VSimd, const NC: usize, const K: usize>(
    m: usize,
    a: *const S::E,
    lda: isize,
    x: *const S::E,
) -> [S::E; NC] {
    let l = S::LANES;
    let mut cols = [core::ptr::null::<S::E>(); NC];
    for (c, p) in cols.iter_mut().enumerate() {
        *p = a.offset(c as isize * lda);
    }
    let mut acc = [[S::zero(); K]; NC];
    let mut i = 0;
    while i + K * l <= m {
        for k in 0..K {
            let xv = S::load(x.add(i + k * l));
            for c in 0..NC {
                acc[c][k] = S::fma(S::load(cols[c].add(i + k * l)), xv, acc[c][k]);
            }
        }
        i += K * l;
    }
    while i + l <= m {
        let xv = S::load(x.add(i));
        for c in 0..NC {
            acc[c][0] = S::fma(S::load(cols[c].add(i)), xv, acc[c][0]);
        }
        i += l;
    }
    if i < m {
        let xv = load_n::<S>(x.add(i), m - i);
        for c in 0..NC {
            acc[c][0] = S::fma(load_n::<S>(cols[c].add(i), m - i), xv, acc[c][0]);
        }
    }
    // Horizontal sums two columns at a time (hsum2); an odd last column is
    // paired with itself. Each column's sum comes out of the same sequence
    // of additions whichever slot or group it falls in (threads may start
    // their column ranges anywhere), so results do not depend on the split.
    let mut out = [S::E::zero(); NC];
    let mut c = 0;
    while c < NC {
        let d = (c + 1).min(NC - 1);
        (out[c], out[d]) = hsum2::<S>(reduce_v::<S, K>(acc[c]), reduce_v::<S, K>(acc[d]));
        c += 2;
    }
    out
}

/// `y_j = beta*y_j + alpha*d` with the BLAS rule that `beta == 0` does not
/// read y (the same two roundings as the reference's separate passes).
#[inline(always)]
pub(crate) unsafe fn update<T: Scalar>(y: *mut T, d: T, alpha: T, beta: T) {
    *y = if beta.is_zero() {
        alpha * d
    } else {
        beta * *y + alpha * d
    };
}

/// `y_j = beta*y_j + alpha * A[0..m, j] . x` for `j < n`; x contiguous.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemv_t<S: VSimd, const NC: usize, const K: usize>(
    m: usize,
    n: usize,
    a: *const S::E,
    lda: isize,
    x: *const S::E,
    alpha: S::E,
    beta: S::E,
    y: *mut S::E,
    incy: isize,
) {
    let mut j = 0;
    while j + NC <= n {
        let d = dots::<S, NC, K>(m, a.offset(j as isize * lda), lda, x);
        for (c, &dc) in d.iter().enumerate() {
            update(y.offset((j + c) as isize * incy), dc, alpha, beta);
        }
        j += NC;
    }
    while j < n {
        let d = dots::<S, 1, K>(m, a.offset(j as isize * lda), lda, x);
        update(y.offset(j as isize * incy), d[0], alpha, beta);
        j += 1;
    }
}

/// One pass over the `m x NC` panel `A` (columns `lda` apart):
/// `y[0..m] += A * xs` and returns `A^T x[0..m]`. The symmetric product's
/// off-diagonal block contributes both ways from the same loads.
///
/// Per vector of rows: `NC` loads of A feed `NC` FMAs into y and `NC` into
/// the column sums `t`. The y update is split into two half chains (columns
/// `0..NC/2` onto y, the rest onto zero, added at the end) so its FMA
/// latency does not serialise the pass; `U` row vectors per step give the
/// `t` chains room as well.
#[inline(always)]
pub(crate) unsafe fn symv_panel<S: VSimd, const U: usize, const NC: usize>(
    m: usize,
    a: *const S::E,
    lda: isize,
    xs: &[S::E; NC],
    x: *const S::E,
    y: *mut S::E,
) -> [S::E; NC] {
    let (cols, xb) = symv_setup::<S, NC>(a, lda, xs);
    let mut t = [S::zero(); NC];
    symv_rows::<S, U, NC>(0, m, &cols, &xb, x, y, &mut t);
    symv_sums::<S, NC>(&t)
}

/// Column pointers and broadcast multipliers of a symv panel.
#[inline(always)]
unsafe fn symv_setup<S: VSimd, const NC: usize>(
    a: *const S::E,
    lda: isize,
    xs: &[S::E; NC],
) -> ([*const S::E; NC], [S::V; NC]) {
    let mut cols = [core::ptr::null::<S::E>(); NC];
    let mut xb = [S::zero(); NC];
    for c in 0..NC {
        cols[c] = a.offset(c as isize * lda);
        xb[c] = S::splat(xs[c]);
    }
    (cols, xb)
}

/// The horizontal sums of the `t` accumulators.
#[inline(always)]
unsafe fn symv_sums<S: VSimd, const NC: usize>(t: &[S::V; NC]) -> [S::E; NC] {
    let mut out = [S::E::zero(); NC];
    for c in 0..NC {
        out[c] = S::hsum(t[c]);
    }
    out
}

/// The loop of [`symv_panel`] over rows `i0..m`, accumulating into `t`.
#[inline(always)]
unsafe fn symv_rows<S: VSimd, const U: usize, const NC: usize>(
    i0: usize,
    m: usize,
    cols: &[*const S::E; NC],
    xb: &[S::V; NC],
    x: *const S::E,
    y: *mut S::E,
    t: &mut [S::V; NC],
) {
    let l = S::LANES;
    let h = NC / 2;
    let mut i = i0;
    while i + U * l <= m {
        let mut y0 = [S::zero(); U];
        let mut y1 = [S::zero(); U];
        let mut xv = [S::zero(); U];
        for u in 0..U {
            y0[u] = S::load(y.add(i + u * l));
            xv[u] = S::load(x.add(i + u * l));
        }
        for c in 0..NC {
            for u in 0..U {
                let v = S::load(cols[c].add(i + u * l));
                if c < h {
                    y0[u] = S::fma(v, xb[c], y0[u]);
                } else {
                    y1[u] = S::fma(v, xb[c], y1[u]);
                }
                t[c] = S::fma(v, xv[u], t[c]);
            }
        }
        for u in 0..U {
            S::store(y.add(i + u * l), S::add(y0[u], y1[u]));
        }
        i += U * l;
    }
    while i < m {
        let r = l.min(m - i);
        let mut y0 = load_n::<S>(y.add(i), r);
        let mut y1 = S::zero();
        let xv = load_n::<S>(x.add(i), r);
        for c in 0..NC {
            let v = load_n::<S>(cols[c].add(i), r);
            if c < h {
                y0 = S::fma(v, xb[c], y0);
            } else {
                y1 = S::fma(v, xb[c], y1);
            }
            t[c] = S::fma(v, xv, t[c]);
        }
        store_n::<S>(y.add(i), S::add(y0, y1), r);
        i += r;
    }
}

/// The diagonal `NC x NC` block at row `i` of the group's columns (`NC <=
/// LANES`): `y[i..i+NC] += A_blk xs` and `t[c] += A_blk[:, c] . x[i..]`
/// over the strictly lower (`UPPER == false`: lanes `c+1..NC` of column c)
/// or strictly upper (lanes `0..c`) part, masked loads reading nothing of
/// the other triangle, plus the diagonal `a_cc xs[c]` into `y_{i+c}`.
#[inline(always)]
unsafe fn symv_diag<S: VSimd, const NC: usize, const UPPER: bool>(
    i: usize,
    cols: &[*const S::E; NC],
    xb: &[S::V; NC],
    x: *const S::E,
    y: *mut S::E,
    t: &mut [S::V; NC],
) {
    let h = NC / 2;
    let mut y0 = load_n::<S>(y.add(i), NC);
    let mut y1 = S::zero();
    let xv = load_n::<S>(x.add(i), NC);
    for c in 0..NC {
        // The y part takes the diagonal lane too, the t part does not (two
        // masked loads of the same L1 line: no vector built from scalars,
        // whose store-to-load round trip would stall the group).
        let p = cols[c].add(i);
        let (vy, vt) = if UPPER {
            (S::load_range(p, 0, c + 1), S::load_range(p, 0, c))
        } else {
            (S::load_range(p, c, NC), S::load_range(p, c + 1, NC))
        };
        if c < h {
            y0 = S::fma(vy, xb[c], y0);
        } else {
            y1 = S::fma(vy, xb[c], y1);
        }
        t[c] = S::fma(vt, xv, t[c]);
    }
    store_n::<S>(y.add(i), S::add(y0, y1), NC);
}

/// A whole column group of symv with its diagonal block (real types,
/// `NC <= LANES`), returning `t[c] = A[.., c]^T x` over the stored part of
/// column c below (lower) or above (upper) the diagonal; the caller adds
/// `alpha t[c]` to `y_c`. Lower: `a`, x and y start at the group's
/// diagonal row and `m >= NC` rows follow; upper: they start at row 0 and
/// the last `NC` of the `m` rows are the diagonal block.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn symv_group<S: VSimd, const U: usize, const NC: usize, const UPPER: bool>(
    m: usize,
    a: *const S::E,
    lda: isize,
    xs: &[S::E; NC],
    x: *const S::E,
    y: *mut S::E,
) -> [S::E; NC] {
    debug_assert!(NC <= S::LANES && m >= NC);
    let (cols, xb) = symv_setup::<S, NC>(a, lda, xs);
    let mut t = [S::zero(); NC];
    if UPPER {
        symv_rows::<S, U, NC>(0, m - NC, &cols, &xb, x, y, &mut t);
        symv_diag::<S, NC, true>(m - NC, &cols, &xb, x, y, &mut t);
    } else {
        symv_diag::<S, NC, false>(0, &cols, &xb, x, y, &mut t);
        symv_rows::<S, U, NC>(NC, m, &cols, &xb, x, y, &mut t);
    }
    symv_sums::<S, NC>(&t)
}

/// NoTrans triangular substitution on one `SB x SB` diagonal block (trsv,
/// real types), the block's x entries in registers and every update one
/// FMA, so the chain of dependent steps is an FMA and a division per
/// column: first, when `prev` is not null, `x[0..SB] -= A_prev xprev`
/// (the `SB` columns of the sub-block solved before, rows of this one;
/// columns whose `xprev` entry is zero skipped), then the reference
/// column substitution (lower: forward, upper: backward; a zero x entry
/// skips its column, division and all). `a` is the block's `A(0, 0)`.
#[inline(always)]
pub(crate) unsafe fn trsv_sub<S: VSimd, const SB: usize, const UPPER: bool>(
    a: *const S::E,
    lda: isize,
    prev: *const S::E,
    xprev: *const S::E,
    unit: bool,
    x: *mut S::E,
) {
    let mut v = [S::E::zero(); SB];
    for i in 0..SB {
        v[i] = *x.add(i);
    }
    if !prev.is_null() {
        for c in 0..SB {
            let xc = *xprev.add(c);
            if !xc.is_zero() {
                let col = prev.offset(c as isize * lda);
                for i in 0..SB {
                    v[i] = S::fma_s(-xc, *col.add(i), v[i]);
                }
            }
        }
    }
    for jj in 0..SB {
        let j = if UPPER { SB - 1 - jj } else { jj };
        let col = a.offset(j as isize * lda);
        let mut xj = v[j];
        if !xj.is_zero() {
            if !unit {
                xj = xj / *col.add(j);
                v[j] = xj;
            }
            for i in 0..SB {
                if (UPPER && i < j) || (!UPPER && i > j) {
                    v[i] = S::fma_s(-xj, *col.add(i), v[i]);
                }
            }
        }
    }
    for i in 0..SB {
        *x.add(i) = v[i];
    }
}

/// `cols[c][0..m] += ws[c] * x[0..m]` for `NC` columns (the rank-1 update
/// of ger), each load of x feeding all `NC` columns. Every element gets
/// `fma(x_i, ws[c], a_i)`, the operation of the axpy kernel.
#[inline(always)]
pub(crate) unsafe fn ger_cols<S: VSimd, const NC: usize>(
    m: usize,
    x: *const S::E,
    cols: &[*mut S::E; NC],
    ws: &[S::E; NC],
) {
    let l = S::LANES;
    let mut wv = [S::zero(); NC];
    for c in 0..NC {
        wv[c] = S::splat(ws[c]);
    }
    // All loads of a step before its stores: the columns are often a
    // multiple of 4 KiB apart, and a load issued after a store to another
    // column at the same offset would wait on a false (4K-aliased)
    // dependency.
    let mut i = 0;
    while i + 2 * l <= m {
        let (x0, x1) = (S::load(x.add(i)), S::load(x.add(i + l)));
        let mut v = [[S::zero(); 2]; NC];
        for c in 0..NC {
            let p = cols[c].add(i);
            v[c] = [S::load(p), S::load(p.add(l))];
        }
        for c in 0..NC {
            let p = cols[c].add(i);
            S::store(p, S::fma(x0, wv[c], v[c][0]));
            S::store(p.add(l), S::fma(x1, wv[c], v[c][1]));
        }
        i += 2 * l;
    }
    while i < m {
        let r = l.min(m - i);
        let xv = load_n::<S>(x.add(i), r);
        let mut v = [S::zero(); NC];
        for c in 0..NC {
            v[c] = load_n::<S>(cols[c].add(i), r);
        }
        for c in 0..NC {
            store_n::<S>(cols[c].add(i), S::fma(xv, wv[c], v[c]), r);
        }
        i += r;
    }
}
