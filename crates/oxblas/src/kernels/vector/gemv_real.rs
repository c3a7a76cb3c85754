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
//!   off-diagonal part of symv).
//!
//! Every row of y sees the same sequence of operations whichever row block,
//! tail or thread it falls in: edge rows go through the same vector code on
//! a zero-padded copy in a stack buffer.

use super::simd::{reduce, VSimd, MAX_LANES};
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
        let mut yb = [S::E::zero(); MAX_LANES];
        let mut ab = [S::E::zero(); MAX_LANES];
        core::ptr::copy_nonoverlapping(y.add(i), yb.as_mut_ptr(), r);
        let mut acc = S::load(yb.as_ptr());
        for c in 0..NC {
            core::ptr::copy_nonoverlapping(cols[c].add(i), ab.as_mut_ptr(), r);
            acc = S::fma(S::load(ab.as_ptr()), xs[c], acc);
        }
        S::store(yb.as_mut_ptr(), acc);
        core::ptr::copy_nonoverlapping(yb.as_ptr(), y.add(i), r);
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

/// `NC` dot products `A[0..m, c] . x[0..m]`; `xt` holds x's last partial
/// vector zero-padded.
#[inline(always)]
unsafe fn dots<S: VSimd, const NC: usize, const K: usize>(
    m: usize,
    a: *const S::E,
    lda: isize,
    x: *const S::E,
    xt: &[S::E; MAX_LANES],
) -> [S::E; NC] {
    let l = S::LANES;
    let cols: [*const S::E; NC] = core::array::from_fn(|c| a.offset(c as isize * lda));
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
        let xv = S::load(xt.as_ptr());
        let mut ab = [S::E::zero(); MAX_LANES];
        for c in 0..NC {
            core::ptr::copy_nonoverlapping(cols[c].add(i), ab.as_mut_ptr(), m - i);
            acc[c][0] = S::fma(S::load(ab.as_ptr()), xv, acc[c][0]);
        }
    }
    core::array::from_fn(|c| reduce::<S, K>(acc[c]))
}

/// `y_j = beta*y_j + alpha*d` with the BLAS rule that `beta == 0` does not
/// read y (the same two roundings as the reference's separate passes).
#[inline(always)]
pub(crate) unsafe fn update<T: Scalar>(y: *mut T, d: T, alpha: T, beta: T) {
    *y = if beta.is_zero() { alpha * d } else { beta * *y + alpha * d };
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
    let mut xt = [S::E::zero(); MAX_LANES];
    let mv = m - m % S::LANES;
    core::ptr::copy_nonoverlapping(x.add(mv), xt.as_mut_ptr(), m - mv);
    let mut j = 0;
    while j + NC <= n {
        let d = dots::<S, NC, K>(m, a.offset(j as isize * lda), lda, x, &xt);
        for (c, &dc) in d.iter().enumerate() {
            update(y.offset((j + c) as isize * incy), dc, alpha, beta);
        }
        j += NC;
    }
    while j < n {
        let d = dots::<S, 1, K>(m, a.offset(j as isize * lda), lda, x, &xt);
        update(y.offset(j as isize * incy), d[0], alpha, beta);
        j += 1;
    }
}

/// One vector of rows of `symv_panel`: returns the new y, updates `t`.
#[inline(always)]
unsafe fn sym_step<S: VSimd, const NC: usize>(
    yv: S::V,
    xv: S::V,
    av: &[S::V; NC],
    xb: &[S::V; NC],
    t: &mut [S::V; NC],
) -> S::V {
    let mut yv = yv;
    for c in 0..NC {
        yv = S::fma(av[c], xb[c], yv);
        t[c] = S::fma(av[c], xv, t[c]);
    }
    yv
}

/// One pass over the `m x NC` panel `A` (columns `lda` apart):
/// `y[0..m] += A * xs` and returns `A^T x[0..m]`. The symmetric product's
/// off-diagonal block contributes both ways from the same loads.
#[inline(always)]
pub(crate) unsafe fn symv_panel<S: VSimd, const U: usize, const NC: usize>(
    m: usize,
    a: *const S::E,
    lda: isize,
    xs: &[S::E; NC],
    x: *const S::E,
    y: *mut S::E,
) -> [S::E; NC] {
    let l = S::LANES;
    let cols: [*const S::E; NC] = core::array::from_fn(|c| a.offset(c as isize * lda));
    let xb: [S::V; NC] = core::array::from_fn(|c| S::splat(xs[c]));
    let mut t = [S::zero(); NC];
    let mut i = 0;
    while i + U * l <= m {
        let mut yv = [S::zero(); U];
        for u in 0..U {
            let o = i + u * l;
            yv[u] = S::load(y.add(o));
            let xv = S::load(x.add(o));
            for c in 0..NC {
                let v = S::load(cols[c].add(o));
                yv[u] = S::fma(v, xb[c], yv[u]);
                t[c] = S::fma(v, xv, t[c]);
            }
        }
        for (u, v) in yv.iter().enumerate() {
            S::store(y.add(i + u * l), *v);
        }
        i += U * l;
    }
    while i + l <= m {
        let av: [S::V; NC] = core::array::from_fn(|c| S::load(cols[c].add(i)));
        let yv = sym_step::<S, NC>(S::load(y.add(i)), S::load(x.add(i)), &av, &xb, &mut t);
        S::store(y.add(i), yv);
        i += l;
    }
    if i < m {
        let r = m - i;
        let mut yb = [S::E::zero(); MAX_LANES];
        let mut xbuf = [S::E::zero(); MAX_LANES];
        let mut ab = [[S::E::zero(); MAX_LANES]; NC];
        core::ptr::copy_nonoverlapping(y.add(i), yb.as_mut_ptr(), r);
        core::ptr::copy_nonoverlapping(x.add(i), xbuf.as_mut_ptr(), r);
        for c in 0..NC {
            core::ptr::copy_nonoverlapping(cols[c].add(i), ab[c].as_mut_ptr(), r);
        }
        let av: [S::V; NC] = core::array::from_fn(|c| S::load(ab[c].as_ptr()));
        let yv = sym_step::<S, NC>(S::load(yb.as_ptr()), S::load(xbuf.as_ptr()), &av, &xb, &mut t);
        S::store(yb.as_mut_ptr(), yv);
        core::ptr::copy_nonoverlapping(yb.as_ptr(), y.add(i), r);
    }
    core::array::from_fn(|c| S::hsum(t[c]))
}
