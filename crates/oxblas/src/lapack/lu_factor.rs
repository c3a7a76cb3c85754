//! The LU factorisation engine: left-right recursion (Toledo 1997,
//! Gustavson; LAPACK's xGETRF2) with a vectorised leaf kernel, and the row
//! interchanges (xLASWP).
//!
//! For an `m x n` block with `m >= n`, split the columns in two, `n1 + n2`:
//!
//! ```text
//!   [A11 A12]   1. factor the left panel [A11; A21] = P1 [L11; L21] U11   (recurse)
//!   [A21 A22]   2. apply P1 to the right panel [A12; A22]                  (laswp)
//!               3. A12 <- L11^-1 A12                                       (trsm)
//!               4. A22 <- A22 - L21 A12                                    (gemm)
//!               5. factor A22 = P2 L22 U22                                 (recurse)
//!               6. apply P2 to A21                                         (laswp)
//! ```
//!
//! Each level puts most of its flops into one GEMM of size
//! `(m - n1) x n2 x n1`, so at n = 4096 three quarters of the work runs in
//! GEMMs with k >= 512 and the rest mostly in TRSM, itself on GEMM.
//! Panels of at most `LEAF_W` columns are factored by a right-looking
//! unblocked kernel (xGETF2) on contiguous columns (in place when the
//! column stride is the only non-unit one, else on a copy), compiled once
//! per ISA so that its column loops vectorise. Zero pivots are skipped, not
//! divided by, so a singular matrix factors into finite L and U (info
//! reports the first zero pivot), as in LAPACK.

use super::super::triangular::blk::{
    axpy_sub, lower_solve, recip, scale, sfmin, split, Blk, Dense,
};
use crate::arch::{isa, Isa};
use crate::blas::level3::{gemm, trsm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::error::Result;
use crate::lapack::norms::abs;
use crate::scalar::Scalar;
use crate::threads::{num_threads, parallel_for};

/// Widest panel the unblocked kernel factors inside the recursion.
const LEAF_W: usize = 16;
/// A whole block of at most this many rows and bytes (it sits in L1) is
/// factored by the unblocked kernel directly: at n <= 64 the recursion's
/// small TRSM and GEMM calls cost more than the rank-1 updates they replace
/// (measured 1 thread: n = 32 about 15% faster unblocked, n = 64 about 7%).
const SMALL_LEAF_M: usize = 64;
const SMALL_LEAF_BYTES: usize = 32 * 1024;

/// Factors the `m x n` block in place: `a = P L U`, pivots into `ipiv`
/// (`min(m, n)` entries, 0-based within the block). Returns LAPACK's info
/// (first zero pivot, 1-based; 0 if none).
///
/// # Safety
/// `a` is a valid, exclusive block; `ipiv.len() == min(m, n)`.
pub(crate) unsafe fn getrf_rec<T: Scalar>(a: Blk<T>, ipiv: &mut [usize]) -> Result<usize> {
    let (m, n) = (a.m, a.n);
    if m == 0 || n == 0 {
        return Ok(0);
    }
    if n > m {
        // Wide: factor the leading square block, then the columns right of
        // it only need the interchanges and U12 = L11^-1 A12.
        let (left, right) = (a.sub(0, 0, m, m), a.sub(0, m, m, n - m));
        let info = getrf_rec(left, ipiv)?;
        laswp(right, 0, ipiv, true);
        // SAFETY: `left` (read) and `right` (written) are disjoint.
        trsm_unit_lower(left, right)?;
        return Ok(info);
    }
    let small = m <= SMALL_LEAF_M && m * n * core::mem::size_of::<T>() <= SMALL_LEAF_BYTES;
    if n <= LEAF_W || small {
        return Ok(leaf(a, ipiv));
    }
    let n1 = split(n);
    let n2 = n - n1;
    let (ipiv1, ipiv2) = ipiv.split_at_mut(n1);
    let info1 = getrf_rec(a.sub(0, 0, m, n1), ipiv1)?;
    laswp(a.sub(0, n1, m, n2), 0, ipiv1, true);
    let (a11, a12) = (a.sub(0, 0, n1, n1), a.sub(0, n1, n1, n2));
    let (a21, a22) = (a.sub(n1, 0, m - n1, n1), a.sub(n1, n1, m - n1, n2));
    // SAFETY: the four quarters are disjoint; each call writes one of them
    // and reads others.
    trsm_unit_lower(a11, a12)?;
    gemm(
        Op::NoTrans,
        Op::NoTrans,
        -T::one(),
        a21.rf(),
        a12.rf(),
        T::one(),
        a22.mt(),
    )?;
    let info2 = getrf_rec(a22, ipiv2)?;
    for p in ipiv2.iter_mut() {
        *p += n1;
    }
    laswp(a.sub(0, 0, m, n1), n1, ipiv2, true);
    Ok(if info1 > 0 {
        info1
    } else if info2 > 0 {
        info2 + n1
    } else {
        0
    })
}

/// `B <- L^-1 B` for the unit lower triangle L of `l` (n1 x n1) and B
/// (n1 x n2). Small column-major problems (the inner levels of the
/// recursion) are solved by column substitution, one axpy per entry of B;
/// the level 3 TRSM inverts its diagonal blocks on every call, which costs
/// as much as the solve itself at these sizes.
///
/// # Safety
/// `l` and `b` valid and disjoint, `b` exclusive.
pub(crate) unsafe fn trsm_unit_lower<T: Scalar>(l: Blk<T>, b: Blk<T>) -> Result<()> {
    if l.n > SMALL_TRSM || l.rs != 1 || b.rs != 1 {
        // SAFETY: disjoint blocks (caller).
        return trsm(
            Side::Left,
            Uplo::Lower,
            Op::NoTrans,
            Diag::Unit,
            T::one(),
            l.rf(),
            b.mt(),
        );
    }
    #[cfg(target_arch = "x86_64")]
    match isa() {
        Isa::Avx512 => trsm_avx512(l, b),
        Isa::Avx2 => trsm_avx2(l, b),
        Isa::Portable => trsm_kernel(l, b),
    }
    #[cfg(not(target_arch = "x86_64"))]
    trsm_kernel(l, b);
    Ok(())
}

/// Largest triangle [`trsm_unit_lower`] solves by substitution.
const SMALL_TRSM: usize = 32;

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn trsm_avx512<T: Scalar>(l: Blk<T>, b: Blk<T>) {
    trsm_kernel(l, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn trsm_avx2<T: Scalar>(l: Blk<T>, b: Blk<T>) {
    trsm_kernel(l, b)
}

/// `B <- L^-1 B` by column substitution ([`lower_solve`]).
///
/// # Safety
/// As [`trsm_unit_lower`], with `l.rs == b.rs == 1`.
#[inline(always)]
unsafe fn trsm_kernel<T: Scalar>(l: Blk<T>, b: Blk<T>) {
    lower_solve(l.ptr, l.cs, l.n, None, b.ptr, b.cs, b.n)
}

/// Row interchanges (LAPACK xLASWP): for t in order (reverse order when
/// `!forward`), swap rows `k0 + t` and `piv[t]` of `a`. Columns are
/// independent, so large swaps split the columns over the threads.
///
/// # Safety
/// `a` valid and exclusive; every `piv[t]` and `k0 + t` below `a.m`.
pub(crate) unsafe fn laswp<T: Scalar>(a: Blk<T>, k0: usize, piv: &[usize], forward: bool) {
    let (n, np) = (a.n, piv.len());
    if n == 0 || np == 0 {
        return;
    }
    let nt = if n * np >= 1 << 16 {
        num_threads().min(n / 16).max(1)
    } else {
        1
    };
    if nt <= 1 {
        return swap_rows(a, k0, piv, forward);
    }
    parallel_for(nt, &|tid, nt| {
        let (j0, j1) = (n * tid / nt, n * (tid + 1) / nt);
        if j0 < j1 {
            // SAFETY: threads own disjoint column ranges of `a`.
            unsafe { swap_rows(a.sub(0, j0, a.m, j1 - j0), k0, piv, forward) };
        }
    });
}

unsafe fn swap_rows<T: Scalar>(a: Blk<T>, k0: usize, piv: &[usize], forward: bool) {
    let np = piv.len();
    let order = |t: usize| if forward { t } else { np - 1 - t };
    if a.rs.unsigned_abs() > a.cs.unsigned_abs() {
        // Rows are contiguous: swap whole rows.
        for t in 0..np {
            let t = order(t);
            let (r1, r2) = (k0 + t, piv[t]);
            if r1 != r2 {
                for j in 0..a.n {
                    core::ptr::swap(a.at(r1, j), a.at(r2, j));
                }
            }
        }
        return;
    }
    // Columns are the short-stride direction: one column at a time, all
    // interchanges while it sits in cache. (Blocks of columns, as the
    // reference xLASWP does, thrash the cache sets when the leading
    // dimension is a power of two.) The pivot rows are scattered: when
    // they are dense in the rows they span, the column's span is first
    // read in order, which the hardware prefetcher streams, instead of
    // paying one cache miss per pivot row.
    let lo = k0;
    let hi = piv.iter().copied().fold(k0 + np - 1, usize::max);
    let touch = hi - lo < 8 * np;
    let step = (64 / core::mem::size_of::<T>()).max(1) as isize;
    for j in 0..a.n {
        if touch {
            let mut p = a.at(lo, j);
            let stride = a.rs * step;
            for _ in (lo..=hi).step_by(step as usize) {
                // The read is what matters; black_box keeps it.
                core::hint::black_box(core::ptr::read(p));
                p = p.wrapping_offset(stride);
            }
        }
        for t in 0..np {
            let t = order(t);
            let (r1, r2) = (k0 + t, piv[t]);
            if r1 != r2 {
                core::ptr::swap(a.at(r1, j), a.at(r2, j));
            }
        }
    }
}

/// Factors a panel of at most LEAF_W columns, or a small block (see
/// SMALL_LEAF_M), with m >= n, by the unblocked kernel.
unsafe fn leaf<T: Scalar>(a: Blk<T>, ipiv: &mut [usize]) -> usize {
    let (m, w) = (a.m, a.n);
    if a.rs == 1 {
        // Columns are contiguous slices already.
        return leaf_dispatch(a.ptr, a.cs, m, w, ipiv);
    }
    let mut d = Dense::<T>::zeros(m, w);
    for j in 0..w {
        for i in 0..m {
            d.set(i, j, a.get(i, j));
        }
    }
    let info = leaf_dispatch(d.buf.as_mut_ptr(), m as isize, m, w, ipiv);
    for j in 0..w {
        for i in 0..m {
            a.set(i, j, d.get(i, j));
        }
    }
    info
}

/// Runs the leaf kernel compiled for the current ISA (the arithmetic is the
/// same for every ISA: no FMA contraction, only wider vectors).
unsafe fn leaf_dispatch<T: Scalar>(
    p: *mut T,
    ld: isize,
    m: usize,
    w: usize,
    ipiv: &mut [usize],
) -> usize {
    #[cfg(target_arch = "x86_64")]
    match isa() {
        Isa::Avx512 => return leaf_avx512(p, ld, m, w, ipiv),
        Isa::Avx2 => return leaf_avx2(p, ld, m, w, ipiv),
        Isa::Portable => {}
    }
    leaf_kernel(p, ld, m, w, ipiv)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn leaf_avx512<T: Scalar>(
    p: *mut T,
    ld: isize,
    m: usize,
    w: usize,
    ipiv: &mut [usize],
) -> usize {
    leaf_kernel(p, ld, m, w, ipiv)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn leaf_avx2<T: Scalar>(
    p: *mut T,
    ld: isize,
    m: usize,
    w: usize,
    ipiv: &mut [usize],
) -> usize {
    leaf_kernel(p, ld, m, w, ipiv)
}

/// Column `j` of the panel as a slice.
#[inline(always)]
unsafe fn col<'a, T>(p: *mut T, ld: isize, m: usize, j: usize) -> &'a mut [T] {
    core::slice::from_raw_parts_mut(p.offset(j as isize * ld), m)
}

/// Right-looking unblocked LU (xGETF2) of the `m x w` panel at `p` with
/// contiguous columns `ld` apart.
///
/// # Safety
/// `p + j*ld + i` valid for i < m, j < w; columns disjoint; m >= w.
#[inline(always)]
unsafe fn leaf_kernel<T: Scalar>(
    p: *mut T,
    ld: isize,
    m: usize,
    w: usize,
    ipiv: &mut [usize],
) -> usize {
    let sfmin = sfmin::<T>();
    let mut info = 0;
    for j in 0..w.min(m) {
        let cj = col(p, ld, m, j);
        // Pivot: the first largest |re| + |im| (IxAMAX); NaN never wins a
        // comparison, so a NaN column keeps its diagonal and spreads NaN.
        let mut piv = j;
        let mut best = cj[j].abs1();
        for (i, x) in cj.iter().enumerate().skip(j + 1) {
            let v = x.abs1();
            if v > best {
                best = v;
                piv = i;
            }
        }
        ipiv[j] = piv;
        if !cj[piv].is_zero() {
            if piv != j {
                for k in 0..w {
                    if k == j {
                        cj.swap(j, piv);
                    } else {
                        col(p, ld, m, k).swap(j, piv);
                    }
                }
            }
            let pv = cj[j];
            let below = &mut cj[j + 1..];
            if abs(pv) >= sfmin {
                scale(below, recip(pv));
            } else {
                for x in below.iter_mut() {
                    *x = *x / pv;
                }
            }
        } else if info == 0 {
            // Exact zero pivot: the column below is zero too; leave it.
            info = j + 1;
        }
        // Rank-1 update of the panel's trailing columns.
        let lj = &cj[j + 1..];
        for k in j + 1..w {
            let ck = &mut col(p, ld, m, k)[j..];
            let u = ck[0];
            if u.is_zero() {
                continue;
            }
            axpy_sub(&mut ck[1..], lj, u);
        }
    }
    info
}
