//! Splitting long level 1 (and level 2) operations between threads.
//!
//! Work is cut into chunks that the participating threads claim one at a
//! time from a shared counter, rather than into one fixed share per
//! thread: on a busy machine a worker that is scheduled late simply takes
//! fewer chunks (or none) instead of holding everyone back with its whole
//! share. Which thread computes a chunk never changes its arithmetic.
//!
//! Operands from 2 MiB up are split into dynamically claimed chunks.
//! Between `PAR_L2_MIN_BYTES` and 2 MiB they fit one core's L2, and
//! dynamically claimed chunks lose it: a chunk's data sits in the other
//! core's L2 on the next call about half the time (measured on the 2-core
//! Zen 5 VM, daxpy n=32768 on 2 threads: 104-244 GB/s from run to run
//! against 298 on one thread). So these sizes split into one fixed range
//! per thread (`parallel_for` piece `t`, which the pool hands to the same
//! thread call after call when it can), and each half stays in its core's
//! L2 across calls, as in OpenBLAS. Element-wise operations split into
//! contiguous ranges, which is trivially independent of the thread count.
//! Reductions are cut into chunks whose size depends only on `n`; each
//! chunk's partial result comes from the same kernel call whichever thread
//! runs it, and the partials are added in chunk order, so the result is
//! bitwise the same for any thread count.

use crate::threads::{num_threads, parallel_for};
use core::sync::atomic::{AtomicUsize, Ordering};

/// Operands from this size up run on several threads in dynamically
/// claimed chunks.
const PAR_MIN_BYTES: usize = 2 << 20;
/// Operands from this size up to `PAR_MIN_BYTES` (L2-sized) run on several
/// threads in one fixed range each; smaller ones on the calling thread.
const PAR_L2_MIN_BYTES: usize = 256 << 10;
/// Bytes each thread must get in the fixed-range split.
const PAR_L2_BYTES_PER_THREAD: usize = 128 << 10;
/// Bytes each thread must get.
const PAR_BYTES_PER_THREAD: usize = 1 << 20;
/// Reductions: at most this many chunks, each at least `MIN_CHUNK` long.
const MAX_CHUNKS: usize = 64;
const MIN_CHUNK: usize = 1 << 13;

/// A raw pointer the threads of one call may share: each writes only its
/// own disjoint range.
#[derive(Clone, Copy)]
pub(crate) struct SyncPtr<T>(pub *mut T);
// SAFETY: users write disjoint ranges and only read shared inputs.
unsafe impl<T> Sync for SyncPtr<T> {}
// SAFETY: as above.
unsafe impl<T> Send for SyncPtr<T> {}

impl<T> SyncPtr<T> {
    /// By method, so that closures capture the whole (Sync) wrapper.
    #[inline(always)]
    pub fn get(&self) -> *mut T {
        self.0
    }
}

fn threads_for(bytes: usize) -> usize {
    if bytes < PAR_L2_MIN_BYTES {
        1
    } else if bytes < PAR_MIN_BYTES {
        num_threads().min(bytes / PAR_L2_BYTES_PER_THREAD).max(1)
    } else {
        num_threads().min(bytes / PAR_BYTES_PER_THREAD).max(1)
    }
}

/// L2-sized work (`PAR_L2_MIN_BYTES` up to `PAR_MIN_BYTES`), split into
/// one fixed range or block per thread.
pub(crate) fn l2_sized(bytes: usize) -> bool {
    (PAR_L2_MIN_BYTES..PAR_MIN_BYTES).contains(&bytes)
}

/// Runs `f(c)` for every chunk `c < nchunks` exactly once, on up to `nt`
/// threads claiming chunks dynamically.
pub(crate) fn for_chunks(nchunks: usize, nt: usize, f: &(dyn Fn(usize) + Sync)) {
    if nt <= 1 || nchunks <= 1 {
        return (0..nchunks).for_each(f);
    }
    let next = AtomicUsize::new(0);
    parallel_for(nt.min(nchunks), &|_, _| loop {
        let c = next.fetch_add(1, Ordering::Relaxed);
        if c >= nchunks {
            break;
        }
        f(c);
    });
}

/// Runs `f(b)` for every block `b < blocks` exactly once on up to `nt`
/// threads: when `fixed` (L2-sized work), thread piece `t` always takes
/// the same run of blocks, so each keeps its blocks' data in its core's
/// L2 across calls; otherwise the blocks are claimed dynamically.
pub(crate) fn for_blocks(blocks: usize, nt: usize, fixed: bool, f: &(dyn Fn(usize) + Sync)) {
    if fixed && nt > 1 && blocks > 1 {
        parallel_for(nt.min(blocks), &|t, parts| {
            (blocks * t / parts..blocks * (t + 1) / parts).for_each(f)
        });
    } else {
        for_chunks(blocks, nt, f);
    }
}

/// Chunks per thread: enough that a late thread costs little.
const CHUNKS_PER_THREAD: usize = 8;

/// Runs `f(lo, hi)` over disjoint ranges covering `0..n` (cut at multiples
/// of 64 elements), on several threads when `bytes` (the memory the whole
/// operation touches) is large.
pub(crate) fn for_ranges(n: usize, bytes: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    for_ranges_in(n, 64, bytes, f)
}

/// As [`for_ranges`], with range boundaries at multiples of `unit` (e.g.
/// whole columns of a matrix, or groups of 8 columns): on the calling
/// thread below `PAR_L2_MIN_BYTES`; L2-sized work as one fixed range per
/// thread; larger work in about `CHUNKS_PER_THREAD` dynamically claimed
/// ranges per thread.
pub(crate) fn for_ranges_in(
    n: usize,
    unit: usize,
    bytes: usize,
    f: &(dyn Fn(usize, usize) + Sync),
) {
    let nt = threads_for(bytes);
    if nt <= 1 || n <= unit {
        return f(0, n);
    }
    let fixed = l2_sized(bytes);
    let per_thread = if fixed { 1 } else { CHUNKS_PER_THREAD };
    let chunk = n.div_ceil(nt * per_thread).next_multiple_of(unit);
    for_blocks(n.div_ceil(chunk), nt, fixed, &|c| {
        f(c * chunk, ((c + 1) * chunk).min(n))
    });
}

/// `sum_c f(chunk c)` over chunks of `0..n` whose boundaries depend only on
/// `n` and `bytes`, added in order.
pub(crate) fn chunked_sum<R>(n: usize, bytes: usize, f: &(dyn Fn(usize, usize) -> R + Sync)) -> R
where
    R: Copy + Send + Sync + Default + core::ops::AddAssign,
{
    if bytes < PAR_L2_MIN_BYTES {
        return f(0, n);
    }
    let chunk = n.div_ceil(MAX_CHUNKS).max(MIN_CHUNK).next_multiple_of(64);
    let nchunks = n.div_ceil(chunk);
    let mut parts = [R::default(); MAX_CHUNKS];
    let out = SyncPtr(parts.as_mut_ptr());
    let one = |c: usize| {
        let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(n));
        // SAFETY: c < nchunks <= MAX_CHUNKS, and each c is computed by
        // exactly one thread.
        unsafe { *out.get().add(c) = f(lo, hi) };
    };
    for_blocks(nchunks, threads_for(bytes), l2_sized(bytes), &one);
    let mut s = parts[0];
    for p in &parts[1..nchunks] {
        s += *p;
    }
    s
}
