//! Splitting long level 1 (and level 2) operations between threads.
//!
//! Work is cut into chunks that the participating threads claim one at a
//! time from a shared counter, rather than into one fixed share per
//! thread: on a busy machine a worker that is scheduled late simply takes
//! fewer chunks (or none) instead of holding everyone back with its whole
//! share. Which thread computes a chunk never changes its arithmetic.
//!
//! Operands from 2 MiB up are split. Below that they fit one core's L2, and
//! a split loses it: chunks are claimed dynamically, so a chunk's data sits
//! in the other core's L2 on the next call about half the time (measured on
//! the 2-core Zen 5 VM, daxpy n=32768 on 2 threads: 104-244 GB/s from run
//! to run against 298 on one thread; a fixed chunk-to-core assignment would
//! be needed to gain there). Element-wise operations split into
//! contiguous ranges, which is trivially independent of the thread count.
//! Reductions are cut into chunks whose size depends only on `n`; each
//! chunk's partial result comes from the same kernel call whichever thread
//! runs it, and the partials are added in chunk order, so the result is
//! bitwise the same for any thread count.

use crate::threads::{num_threads, parallel_for};
use core::sync::atomic::{AtomicUsize, Ordering};

/// Operands smaller than this run on the calling thread.
const PAR_MIN_BYTES: usize = 2 << 20;
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
    if bytes < PAR_MIN_BYTES {
        1
    } else {
        num_threads().min(bytes / PAR_BYTES_PER_THREAD).max(1)
    }
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

/// Chunks per thread: enough that a late thread costs little.
const CHUNKS_PER_THREAD: usize = 8;

/// Runs `f(lo, hi)` over disjoint ranges covering `0..n` (cut at multiples
/// of 64 elements), on several threads when `bytes` (the memory the whole
/// operation touches) is large.
pub(crate) fn for_ranges(n: usize, bytes: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    let nt = threads_for(bytes);
    if nt <= 1 {
        return f(0, n);
    }
    let chunk = n.div_ceil(nt * CHUNKS_PER_THREAD).next_multiple_of(64);
    for_chunks(n.div_ceil(chunk), nt, &|c| {
        f(c * chunk, ((c + 1) * chunk).min(n))
    });
}

/// `sum_c f(chunk c)` over chunks of `0..n` whose boundaries depend only on
/// `n` and `bytes`, added in order.
pub(crate) fn chunked_sum<R>(n: usize, bytes: usize, f: &(dyn Fn(usize, usize) -> R + Sync)) -> R
where
    R: Copy + Send + Sync + Default + core::ops::AddAssign,
{
    if bytes < PAR_MIN_BYTES {
        return f(0, n);
    }
    let chunk = n.div_ceil(MAX_CHUNKS).max(MIN_CHUNK).next_multiple_of(64);
    let nchunks = n.div_ceil(chunk);
    let mut parts = [R::default(); MAX_CHUNKS];
    let out = SyncPtr(parts.as_mut_ptr());
    for_chunks(nchunks, threads_for(bytes), &|c| {
        let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(n));
        // SAFETY: c < nchunks <= MAX_CHUNKS, and each c is computed by
        // exactly one thread.
        unsafe { *out.get().add(c) = f(lo, hi) };
    });
    let mut s = parts[0];
    for p in &parts[1..nchunks] {
        s += *p;
    }
    s
}
