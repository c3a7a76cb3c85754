//! The Cholesky engine (lower triangle; `cholesky.rs` maps the upper case
//! onto it): a right-looking blocked driver with look-ahead over recursive
//! tall panels.
//!
//! ```text
//! for each panel of NB columns (j .. j+jb):
//!     factor the tall panel [A11; A21] = [L11; L21] L11^H       (recursive, below)
//!     trailing block columns c (each NB wide, the future panels):
//!         A_cc -= L_c L_c^H        (herk, the diagonal block)
//!         A_bc -= L_b L_c^H        (gemm, rows below the block)
//! ```
//!
//! The tall panel is factored by recursion on its columns, the Cholesky
//! analogue of the recursive LU panel: factor the left half of the panel
//! (all rows), update the right half with one HERK (its top square) and one
//! GEMM (the rows below), factor the right half. This does the work of
//! LAPACK's `L21 = A21 L11^-H` TRSM as GEMMs on column-major blocks, which
//! run faster than a right-side TRSM. Panels of at most `LEAF_W` columns
//! are factored by an unblocked left-looking kernel on contiguous columns,
//! compiled per ISA so that its column loops vectorise.
//!
//! The trailing update is always cut into the same NB-wide block columns,
//! whatever the thread count. With more than one thread, thread 0 updates
//! the next panel's block column and factors that panel while the others
//! take the remaining block columns from a counter (look-ahead); the
//! arithmetic per element does not depend on who computes it, so results
//! are bitwise identical for every thread count.

use super::super::triangular::blk::{axpy_sub, split, Blk, Dense};
use crate::arch::{isa, Isa};
use crate::blas::level3::{gemm, herk, Op};
use crate::blas::Uplo;
use crate::error::{Error, Result};
use crate::scalar::{RealScalar, Scalar};
use crate::threads::{num_threads, parallel_for};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Panel width (the rank of each trailing update; at most the GEMM
/// engine's KC so that each update is a single pass).
const NB: usize = 256;
/// Widest panel the unblocked kernel factors.
const LEAF_W: usize = 16;

/// Lower Cholesky of the square block `a` in place. Returns LAPACK's info.
///
/// # Safety
/// `a` valid, square and exclusive.
pub(crate) unsafe fn potrf_blocked<T: Scalar>(a: Blk<T>) -> Result<usize> {
    let n = a.n;
    if n <= NB {
        return chol_panel(a);
    }
    let nt = num_threads();
    let info = chol_panel(a.sub(0, 0, n, NB))?;
    if info > 0 {
        return Ok(info);
    }
    let mut j = 0;
    while j + NB < n {
        let next = j + NB;
        let jb_next = NB.min(n - next);
        let nchunks = (n - next).div_ceil(NB);
        let info = if nt > 1 && nchunks >= 2 {
            step_lookahead(a, j, next, jb_next, nchunks, nt)?
        } else {
            for c in 0..nchunks {
                update_block_column(a, j, next + c * NB)?;
            }
            chol_panel(a.sub(next, next, n - next, jb_next))?
        };
        if info > 0 {
            return Ok(info + next);
        }
        j = next;
    }
    Ok(0)
}

/// Applies panel `j .. j+NB` to the block column starting at `c0` (NB
/// wide or up to n): HERK on its diagonal block, GEMM below it.
unsafe fn update_block_column<T: Scalar>(a: Blk<T>, j: usize, c0: usize) -> Result<()> {
    let n = a.n;
    let c1 = (c0 + NB).min(n);
    let w = c1 - c0;
    let lc = a.sub(c0, j, w, NB);
    let one = T::Real::one();
    // SAFETY: the panel columns j..j+NB (read) and the block column c0..c1
    // (written) are disjoint.
    herk(
        Uplo::Lower,
        Op::NoTrans,
        -one,
        lc.rf(),
        one,
        a.sub(c0, c0, w, w).mt(),
    )?;
    if c1 < n {
        let lb = a.sub(c1, j, n - c1, NB);
        gemm(
            Op::NoTrans,
            Op::ConjTrans,
            -T::one(),
            lb.rf(),
            lc.rf(),
            T::one(),
            a.sub(c1, c0, n - c1, w).mt(),
        )?;
    }
    Ok(())
}

/// One look-ahead step (see the module docs). Returns the next panel's
/// info (relative to it).
unsafe fn step_lookahead<T: Scalar>(
    a: Blk<T>,
    j: usize,
    next: usize,
    jb_next: usize,
    nchunks: usize,
    nt: usize,
) -> Result<usize> {
    let counter = AtomicUsize::new(1);
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    let panel_info = AtomicUsize::new(0);
    let fail = |e: Error| {
        failure
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_or_insert(e);
    };
    parallel_for(nt, &|tid, _| {
        if tid == 0 {
            // SAFETY: only thread 0 touches the next panel's block column.
            let r = unsafe {
                update_block_column(a, j, next)
                    .and_then(|()| chol_panel(a.sub(next, next, a.n - next, jb_next)))
            };
            match r {
                Ok(info) => panel_info.store(info, Ordering::Relaxed),
                Err(e) => fail(e),
            }
        }
        loop {
            let c = counter.fetch_add(1, Ordering::Relaxed);
            if c >= nchunks {
                break;
            }
            // SAFETY: each block column index is taken once; block columns
            // are disjoint and right of the next panel.
            if let Err(e) = unsafe { update_block_column(a, j, next + c * NB) } {
                fail(e);
            }
        }
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    Ok(panel_info.into_inner())
}

/// Recursive Cholesky of the tall panel `p` (m x w, m >= w): its top w x w
/// block is a diagonal block of A (lower triangle referenced), the rows
/// below become L21. Returns the info relative to the panel.
unsafe fn chol_panel<T: Scalar>(p: Blk<T>) -> Result<usize> {
    let (m, w) = (p.m, p.n);
    if w <= LEAF_W {
        return Ok(leaf(p));
    }
    let n1 = split(w);
    let n2 = w - n1;
    let info = chol_panel(p.sub(0, 0, m, n1))?;
    if info > 0 {
        return Ok(info);
    }
    let l_top = p.sub(n1, 0, n2, n1);
    let one = T::Real::one();
    // SAFETY: the left half (read) and the right half (written) of the
    // panel are disjoint; HERK writes only the lower triangle of the square.
    herk(
        Uplo::Lower,
        Op::NoTrans,
        -one,
        l_top.rf(),
        one,
        p.sub(n1, n1, n2, n2).mt(),
    )?;
    if m > w {
        let l_below = p.sub(w, 0, m - w, n1);
        gemm(
            Op::NoTrans,
            Op::ConjTrans,
            -T::one(),
            l_below.rf(),
            l_top.rf(),
            T::one(),
            p.sub(w, n1, m - w, n2).mt(),
        )?;
    }
    let info = chol_panel(p.sub(n1, n1, m - n1, n2))?;
    Ok(if info > 0 { info + n1 } else { 0 })
}

/// Factors a panel of at most LEAF_W columns: in place when its columns
/// are contiguous, else on a copy (of which only the lower part returns).
unsafe fn leaf<T: Scalar>(p: Blk<T>) -> usize {
    let (m, w) = (p.m, p.n);
    if p.rs == 1 {
        return leaf_dispatch(p.ptr, p.cs, m, w);
    }
    let mut d = Dense::<T>::zeros(m, w);
    for j in 0..w {
        for i in j..m {
            d.set(i, j, p.get(i, j));
        }
    }
    let info = leaf_dispatch(d.buf.as_mut_ptr(), m as isize, m, w);
    for j in 0..w {
        for i in j..m {
            p.set(i, j, d.get(i, j));
        }
    }
    info
}

unsafe fn leaf_dispatch<T: Scalar>(p: *mut T, ld: isize, m: usize, w: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    match isa() {
        Isa::Avx512 => return leaf_avx512(p, ld, m, w),
        Isa::Avx2 => return leaf_avx2(p, ld, m, w),
        Isa::Portable => {}
    }
    leaf_kernel(p, ld, m, w)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn leaf_avx512<T: Scalar>(p: *mut T, ld: isize, m: usize, w: usize) -> usize {
    leaf_kernel(p, ld, m, w)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn leaf_avx2<T: Scalar>(p: *mut T, ld: isize, m: usize, w: usize) -> usize {
    leaf_kernel(p, ld, m, w)
}

#[inline(always)]
unsafe fn col<'a, T>(p: *mut T, ld: isize, m: usize, j: usize) -> &'a mut [T] {
    core::slice::from_raw_parts_mut(p.offset(j as isize * ld), m)
}

/// Left-looking unblocked Cholesky (xPOTF2) of an `m x w` panel with
/// contiguous columns `ld` apart:
/// `l_jj = sqrt(a_jj - sum_k |l_jk|^2)`, then
/// `l_ij = (a_ij - sum_k l_ik conj(l_jk)) / l_jj` as axpys on the columns.
/// On a non-positive (or NaN) pivot, stores it in `A(j, j)`, leaves the
/// rest of column j alone and returns `j + 1`, as LAPACK.
///
/// # Safety
/// `p + j*ld + i` valid for i < m, j < w; columns disjoint; m >= w.
#[inline(always)]
unsafe fn leaf_kernel<T: Scalar>(p: *mut T, ld: isize, m: usize, w: usize) -> usize {
    let zero = T::Real::zero();
    for j in 0..w {
        let cj = col(p, ld, m, j);
        let mut d = cj[j].re();
        for k in 0..j {
            let l = col(p, ld, m, k)[j];
            d -= l.re() * l.re() + l.im() * l.im();
        }
        // Not positive, or NaN.
        if d <= zero || d.is_nan() {
            cj[j] = T::from_real(d);
            return j + 1;
        }
        let below = &mut cj[j + 1..];
        let mut k = 0;
        if !T::IS_COMPLEX {
            // Four columns per pass over `below` (one load and store of it
            // per four multiply-subtracts, in the same order as one at a
            // time, so the rounding is the same).
            let r = below.len();
            while k + 4 <= j {
                let l = [0, 1, 2, 3].map(|q| &col(p, ld, m, k + q)[j..j + 1 + r]);
                let c = [l[0][0], l[1][0], l[2][0], l[3][0]];
                if c.iter().any(|v| v.is_zero()) {
                    break;
                }
                let (l0, l1, l2, l3) = (&l[0][1..], &l[1][1..], &l[2][1..], &l[3][1..]);
                for i in 0..r {
                    below[i] = below[i] - l0[i] * c[0] - l1[i] * c[1] - l2[i] * c[2] - l3[i] * c[3];
                }
                k += 4;
            }
        }
        for k in k..j {
            let ck = col(p, ld, m, k);
            let c = ck[j].conj();
            if c.is_zero() {
                continue;
            }
            axpy_sub(below, &ck[j + 1..], c);
        }
        let ljj = d.sqrt();
        let r = T::Real::one() / ljj;
        for x in below.iter_mut() {
            *x = T::from_parts(x.re() * r, x.im() * r);
        }
        cj[j] = T::from_real(ljj);
    }
    0
}
