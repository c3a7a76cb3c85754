//! The outer LU driver: right-looking, blocked by panels of 64 to `NB`
//! columns (see [`panel_width`]), with look-ahead on more than one thread.
//!
//! ```text
//! for each panel of nb columns (j .. j+jb):
//!     factor the panel [A11; A21] = P [L11; L21] U11      (recursive, lu_factor.rs)
//!     trailing columns:  rows swapped by P                 (laswp)
//!                        A12 <- L11^-1 A12                 (trsm)
//!                        A22 <- A22 - L21 A12              (gemm, k = jb)
//! finally: every panel's L columns get the later panels' row interchanges
//! ```
//!
//! Why blocked on top of the recursion: a rank-nb update with nb <= KC is
//! one pass of the GEMM engine over A22 at full speed, and the blocked
//! shape allows two things the pure recursion cannot:
//!
//! * The interchanges of later panels are applied to the earlier L columns
//!   once, at the end (nothing reads those columns again), in one sweep per
//!   column instead of one per recursion level.
//! * Look-ahead: with more than one thread, the trailing update is cut into
//!   column chunks. Thread 0 first updates the next panel's columns and
//!   factors that panel (the serial part of LU) while the other threads
//!   work through the chunks; then it joins them. The panel factorisation
//!   thus hides behind the update instead of idling every other thread.
//!
//! The arithmetic on every element is the same whichever thread runs a
//! chunk and however the columns are cut (GEMM and TRSM results do not
//! depend on the column partition), so results are bitwise identical for
//! every thread count.

use super::super::triangular::blk::Blk;
use super::factor::{getrf_rec, laswp};
use crate::blas::level3::{gemm, trsm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::error::{Error, Result};
use crate::scalar::Scalar;
use crate::threads::{num_threads, parallel_for};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Widest panel: the rank of each trailing update. At most the GEMM
/// engine's KC (256 for f64 on AVX-512), so each update is a single pass
/// over A22.
const NB: usize = 256;
/// Smallest column chunk of a look-ahead update.
const MIN_CHUNK: usize = 64;
/// Below this many pivots the recursion alone is used (one thread: as
/// fast; two threads: too little work to overlap).
const BLOCKED_MIN: usize = 256;

/// `A = P L U` of the `m x n` block (see the module docs); ipiv has
/// `min(m, n)` entries. Returns LAPACK's info.
///
/// # Safety
/// `a` valid and exclusive; `ipiv.len() == min(m, n)`.
/// Panel width for a factorisation of `k = min(m, n)` pivots. It depends
/// on k only, never on the thread count, so that every thread count runs
/// the same arithmetic. Narrow panels at moderate k give the look-ahead
/// several steps to overlap (at k = 256 a 256-wide panel leaves nothing to
/// overlap); wide ones at large k keep each update one full-rank GEMM pass.
fn panel_width(k: usize) -> usize {
    if k < 1024 {
        64
    } else if k < 2048 {
        128
    } else {
        NB
    }
}

pub(crate) unsafe fn getrf_blocked<T: Scalar>(a: Blk<T>, ipiv: &mut [usize]) -> Result<usize> {
    let (m, n) = (a.m, a.n);
    let k = m.min(n);
    if k < BLOCKED_MIN {
        return getrf_rec(a, ipiv);
    }
    let nb = panel_width(k);
    let nt = num_threads();
    let mut info = factor_panel(a, 0, nb.min(k), &mut ipiv[..nb.min(k)])?;
    let mut j = 0;
    while j < k {
        let jb = nb.min(k - j);
        let next = j + jb;
        let jb_next = nb.min(k.saturating_sub(next));
        if next < n {
            let (done, rest) = ipiv.split_at_mut(next);
            let piv = &done[j..];
            let pinfo = if nt > 1 && n - next >= 2 * nb {
                step_lookahead(a, j, jb, jb_next, piv, &mut rest[..jb_next], nt)?
            } else {
                update_cols(a, j, jb, next, n, piv)?;
                if jb_next > 0 {
                    factor_panel(a, next, jb_next, &mut rest[..jb_next])?
                } else {
                    0
                }
            };
            if info == 0 {
                info = pinfo;
            }
        }
        j = next;
    }
    // The later panels' interchanges, applied to each panel's L columns.
    let mut j = 0;
    while j < k {
        let jb = nb.min(k - j);
        laswp(a.sub(0, j, m, jb), j + jb, &ipiv[j + jb..k], true);
        j += jb;
    }
    Ok(info)
}

/// Factors the panel of columns `j .. j + jb` (rows j..m); pivots come out
/// absolute (row indices of `a`); returns the global info of the panel.
unsafe fn factor_panel<T: Scalar>(
    a: Blk<T>,
    j: usize,
    jb: usize,
    ipiv: &mut [usize],
) -> Result<usize> {
    let pinfo = getrf_rec(a.sub(j, j, a.m - j, jb), ipiv)?;
    for p in ipiv.iter_mut() {
        *p += j;
    }
    Ok(if pinfo > 0 { pinfo + j } else { 0 })
}

/// Applies the factored panel (columns j..j+jb, pivots `piv`) to columns
/// `c0 .. c1`: interchanges, `A12 <- L11^-1 A12`, `A22 -= L21 A12`.
unsafe fn update_cols<T: Scalar>(
    a: Blk<T>,
    j: usize,
    jb: usize,
    c0: usize,
    c1: usize,
    piv: &[usize],
) -> Result<()> {
    let m = a.m;
    let w = c1 - c0;
    if w == 0 {
        return Ok(());
    }
    laswp(a.sub(0, c0, m, w), j, piv, true);
    let (l11, a12) = (a.sub(j, j, jb, jb), a.sub(j, c0, jb, w));
    let (l21, a22) = (
        a.sub(j + jb, j, m - j - jb, jb),
        a.sub(j + jb, c0, m - j - jb, w),
    );
    // SAFETY: the panel (read) and the columns c0..c1 (written) are disjoint,
    // and A12 / A22 are disjoint row ranges of those columns.
    trsm(
        Side::Left,
        Uplo::Lower,
        Op::NoTrans,
        Diag::Unit,
        T::one(),
        l11.rf(),
        a12.mt(),
    )?;
    gemm(
        Op::NoTrans,
        Op::NoTrans,
        -T::one(),
        l21.rf(),
        a12.rf(),
        T::one(),
        a22.mt(),
    )
}

/// One step with look-ahead on `nt` threads: thread 0 updates the next
/// panel's columns and factors that panel, the others (and thread 0 when
/// done) update the remaining columns in chunks taken from a cursor.
/// Returns the next panel's info.
unsafe fn step_lookahead<T: Scalar>(
    a: Blk<T>,
    j: usize,
    jb: usize,
    jb_next: usize,
    piv: &[usize],
    next_piv: &mut [usize],
    nt: usize,
) -> Result<usize> {
    let next = j + jb;
    let start = next + jb_next;
    let n = a.n;
    // Guided self-scheduling: each grab takes a share of what is left
    // (never below MIN_CHUNK columns, so that re-packing L21 per chunk costs
    // nothing noticeable), so the threads finish close together.
    let cursor = AtomicUsize::new(start);
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    let panel_out: Mutex<(Vec<usize>, usize)> = Mutex::new((vec![0; jb_next], 0));
    let run_chunks = || loop {
        let c0 = cursor.load(Ordering::Relaxed);
        if c0 >= n {
            break;
        }
        let w = ((n - c0) / (2 * nt))
            .max(MIN_CHUNK)
            .next_multiple_of(16)
            .min(n - c0);
        if cursor
            .compare_exchange(c0, c0 + w, Ordering::Relaxed, Ordering::Relaxed)
            .is_err()
        {
            continue;
        }
        // SAFETY: the compare-exchange hands out disjoint column ranges
        // right of the next panel.
        if let Err(e) = unsafe { update_cols(a, j, jb, c0, c0 + w, piv) } {
            failure
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .get_or_insert(e);
        }
    };
    parallel_for(nt, &|tid, _| {
        if tid == 0 && jb_next > 0 {
            let mut out = panel_out.lock().unwrap_or_else(|p| p.into_inner());
            // SAFETY: only thread 0 touches the next panel's columns.
            let r = unsafe {
                update_cols(a, j, jb, next, start, piv)
                    .and_then(|()| factor_panel(a, next, jb_next, &mut out.0))
            };
            match r {
                Ok(info) => out.1 = info,
                Err(e) => {
                    failure
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .get_or_insert(e);
                }
            }
        }
        run_chunks();
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(e);
    }
    let (pv, info) = panel_out.into_inner().unwrap_or_else(|p| p.into_inner());
    next_piv.copy_from_slice(&pv);
    Ok(info)
}
