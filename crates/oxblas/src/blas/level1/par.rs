//! Splitting long level 1 operations between threads.
//!
//! Only operands far beyond the L2 cache are split (below that, waking a
//! thread costs more than the pass). Element-wise operations split into
//! contiguous ranges, which is trivially independent of the thread count.
//! Reductions are cut into chunks whose size depends only on `n`; each
//! chunk's partial result comes from the same kernel call whichever thread
//! runs it, and the partials are added in chunk order, so the result is
//! bitwise the same for any thread count.

use crate::threads::{num_threads, parallel_for};

/// Operands smaller than this run on the calling thread.
const PAR_MIN_BYTES: usize = 8 << 20;
/// Bytes each thread must get.
const PAR_BYTES_PER_THREAD: usize = 4 << 20;
/// Reductions: at most this many chunks, each at least `MIN_CHUNK` long.
const MAX_CHUNKS: usize = 64;
const MIN_CHUNK: usize = 1 << 16;

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

/// Runs `f(lo, hi)` over disjoint ranges covering `0..n` (cut at multiples
/// of 64 elements), on several threads when `bytes` (the memory the whole
/// operation touches) is large.
pub(crate) fn for_ranges(n: usize, bytes: usize, f: &(dyn Fn(usize, usize) + Sync)) {
    let nt = threads_for(bytes);
    if nt <= 1 {
        return f(0, n);
    }
    let units = n.div_ceil(64);
    parallel_for(nt, &|tid, nt| {
        let lo = (units * tid / nt * 64).min(n);
        let hi = (units * (tid + 1) / nt * 64).min(n);
        if hi > lo {
            f(lo, hi);
        }
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
    parallel_for(threads_for(bytes), &|tid, nt| {
        for c in nchunks * tid / nt..nchunks * (tid + 1) / nt {
            let (lo, hi) = (c * chunk, ((c + 1) * chunk).min(n));
            // SAFETY: c < nchunks <= MAX_CHUNKS, and each c is written by
            // exactly one thread.
            unsafe { *out.get().add(c) = f(lo, hi) };
        }
    });
    let mut s = parts[0];
    for p in &parts[1..nchunks] {
        s += *p;
    }
    s
}
