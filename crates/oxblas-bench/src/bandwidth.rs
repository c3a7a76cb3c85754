//! Bandwidth probe, beside the FMA peak probe: vectorised read (a sum) of a
//! buffer sized for L1, L2, L3 and DRAM, and a STREAM-like copy and triad
//! at DRAM size, on each thread count. These are the roofs the Level-1/2
//! rows (GB/s) are shared against: `roof_for` picks the level by a row's
//! working set against the detected caches.

use std::hint::black_box;
use std::sync::Barrier;
use std::time::Instant;

use crate::rows::Row;
use crate::timing::{wait_until_quiet, ForeignLoad, DISTURBED_CORES};

/// Doubles per unrolled step of the sum kernels (8 vectors of 8).
const STEP: usize = 64;

#[derive(Clone, Debug)]
pub struct Roof {
    /// `L1`, `L2`, `L3`, `DRAM`.
    pub level: &'static str,
    /// `read`, `copy` or `triad`.
    pub kind: &'static str,
    pub threads: usize,
    /// Bytes of buffer, all threads together.
    pub bytes: usize,
    pub gbs: f64,
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::STEP;
    use std::arch::x86_64::*;

    #[target_feature(enable = "avx512f")]
    fn sum512(x: &[f64]) -> f64 {
        let mut acc = [_mm512_setzero_pd(); 8];
        for chunk in x.chunks_exact(STEP) {
            for (j, a) in acc.iter_mut().enumerate() {
                // SAFETY: chunk holds STEP = 64 doubles; 8j + 8 <= 64.
                let v = unsafe { _mm512_loadu_pd(chunk.as_ptr().add(8 * j)) };
                *a = _mm512_add_pd(*a, v);
            }
        }
        let mut s = acc[0];
        for a in &acc[1..] {
            s = _mm512_add_pd(s, *a);
        }
        _mm512_reduce_add_pd(s)
    }

    #[target_feature(enable = "avx2")]
    fn sum256(x: &[f64]) -> f64 {
        let mut acc = [_mm256_setzero_pd(); 8];
        for chunk in x.chunks_exact(STEP / 2) {
            for (j, a) in acc.iter_mut().enumerate() {
                // SAFETY: chunk holds 32 doubles; 4j + 4 <= 32.
                let v = unsafe { _mm256_loadu_pd(chunk.as_ptr().add(4 * j)) };
                *a = _mm256_add_pd(*a, v);
            }
        }
        let mut s = acc[0];
        for a in &acc[1..] {
            s = _mm256_add_pd(s, *a);
        }
        let mut out = [0.0f64; 4];
        // SAFETY: `out` has room for the 4 doubles of one unaligned store.
        unsafe { _mm256_storeu_pd(out.as_mut_ptr(), s) };
        out.iter().sum()
    }

    /// The widest vector sum the CPU runs.
    pub fn sum(x: &[f64]) -> f64 {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: avx512f was just detected.
            unsafe { sum512(x) }
        } else if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: avx2 was just detected.
            unsafe { sum256(x) }
        } else {
            x.iter().sum()
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn vsum(x: &[f64]) -> f64 {
    x86::sum(x)
}
#[cfg(not(target_arch = "x86_64"))]
fn vsum(x: &[f64]) -> f64 {
    x.iter().sum()
}

#[derive(Clone, Copy)]
enum Kernel {
    Read,
    Copy,
    Triad,
}

impl Kernel {
    fn name(self) -> &'static str {
        match self {
            Kernel::Read => "read",
            Kernel::Copy => "copy",
            Kernel::Triad => "triad",
        }
    }
    /// Arrays per thread, and bytes counted per element (STREAM's rule:
    /// copy 16, triad 24; no write-allocate traffic).
    fn arrays_and_bytes(self) -> (usize, f64) {
        match self {
            Kernel::Read => (1, 8.0),
            Kernel::Copy => (2, 16.0),
            Kernel::Triad => (3, 24.0),
        }
    }
}

/// `passes` sweeps of `kernel` over each thread's own buffers of `len`
/// doubles, all threads at once; returns GB/s (all threads together).
fn once(kernel: Kernel, len: usize, threads: usize, passes: usize) -> f64 {
    let barrier = Barrier::new(threads);
    let secs = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let barrier = &barrier;
                s.spawn(move || {
                    // Allocated and first touched by the thread that reads them.
                    let arrays = kernel.arrays_and_bytes().0;
                    // 8 spare elements: each array starts on a cache line,
                    // so that no 64-byte load splits across two.
                    let mut store: Vec<Vec<f64>> = (0..arrays)
                        .map(|a| vec![1.0 + (t + a) as f64 * 1e-3; len + 8])
                        .collect();
                    let mut bufs: Vec<&mut [f64]> = store
                        .iter_mut()
                        .map(|v| {
                            let off = v.as_ptr().align_offset(64).min(8);
                            &mut v[off..off + len]
                        })
                        .collect();
                    let mut sink = 0.0;
                    for x in bufs.iter() {
                        sink += vsum(x); // warm: caches filled
                    }
                    barrier.wait();
                    let t0 = Instant::now();
                    for _ in 0..passes {
                        match kernel {
                            Kernel::Read => sink += vsum(black_box(&*bufs[0])),
                            Kernel::Copy => {
                                let (dst, src) = bufs.split_at_mut(1);
                                dst[0].copy_from_slice(src[0]);
                                black_box(&dst[0]);
                            }
                            Kernel::Triad => {
                                let (dst, src) = bufs.split_at_mut(1);
                                let s = black_box(0.5);
                                let (b, c) = (&*src[0], &*src[1]);
                                for ((a, b), c) in dst[0].iter_mut().zip(b).zip(c) {
                                    *a = b + s * c;
                                }
                                black_box(&dst[0]);
                            }
                        }
                    }
                    let secs = t0.elapsed().as_secs_f64();
                    black_box(sink);
                    secs
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(f64::INFINITY))
            .fold(0.0, f64::max)
    });
    let per_elem = kernel.arrays_and_bytes().1;
    per_elem * len as f64 * (passes * threads) as f64 / secs / 1e9
}

/// Buffer bytes (all threads) of each probed level: half of L1d and L2 per
/// thread, half the shared L3, and 8 x L3 (>= 256 MiB) for DRAM.
fn level_bytes(threads: usize) -> [(&'static str, usize); 4] {
    let c = oxblas::arch::caches();
    [
        ("L1", c.l1d / 2 * threads),
        ("L2", c.l2 / 2 * threads),
        ("L3", c.l3 / 2),
        ("DRAM", (8 * c.l3).max(256 << 20)),
    ]
}

/// Best of several repeats for every level and thread count.
pub fn measure(thread_counts: &[usize], quick: bool) -> Vec<Roof> {
    let (target_secs, repeats) = if quick { (0.01, 3) } else { (0.03, 5) };
    let mut out = Vec::new();
    for &threads in thread_counts {
        let mut jobs: Vec<(&'static str, Kernel, usize)> = level_bytes(threads)
            .iter()
            .map(|&(l, b)| (l, Kernel::Read, b))
            .collect();
        let dram = level_bytes(threads)[3].1;
        jobs.push(("DRAM", Kernel::Copy, dram));
        jobs.push(("DRAM", Kernel::Triad, dram));
        for (level, kernel, bytes) in jobs {
            let arrays = kernel.arrays_and_bytes().0;
            // Per thread and array, a multiple of the sum kernels' step.
            let len = (bytes / 8 / threads / arrays).max(STEP) / STEP * STEP;
            // Calibrate the number of passes from one.
            let one = once(kernel, len, threads, 1);
            let secs_per_pass = kernel.arrays_and_bytes().1 * (len * threads) as f64 / one / 1e9;
            let passes = ((target_secs / secs_per_pass) as usize).clamp(1, 1 << 20);
            // Best of the repeats; when other processes were busy meanwhile,
            // wait (5 s at most) for a quiet moment and try once more: 12
            // probes, so fewer rounds than the FMA peak probe.
            let mut best = 0.0f64;
            for _ in 0..2 {
                let load = ForeignLoad::start();
                for _ in 0..repeats {
                    best = best.max(once(kernel, len, threads, passes));
                }
                if load.cores() <= DISTURBED_CORES {
                    break;
                }
                wait_until_quiet(5.0);
            }
            out.push(Roof {
                level,
                kind: kernel.name(),
                threads,
                bytes: len * 8 * threads * arrays,
                gbs: best,
            });
        }
    }
    out
}

/// The roof a bandwidth-bound row is shared against at `threads`: the
/// first level whose capacity (per-core caches times threads, the shared
/// L3) holds 3/4 of the row's working set; at DRAM, the triad for rows that
/// write as much as they read (axpy, ger), else the read bandwidth.
pub fn roof_for<'a>(roofs: &'a [Roof], row: &Row, threads: usize) -> Option<&'a Roof> {
    let c = oxblas::arch::caches();
    let ws = row.working_set();
    let fits = |cap: usize| ws <= 0.75 * cap as f64;
    let level = if fits(c.l1d * threads) {
        "L1"
    } else if fits(c.l2 * threads) {
        "L2"
    } else if fits(c.l3) {
        "L3"
    } else {
        "DRAM"
    };
    let writes = matches!(
        row.routine,
        crate::rows::Routine::Axpy | crate::rows::Routine::Ger
    );
    let kind = if level == "DRAM" && writes {
        "triad"
    } else {
        "read"
    };
    roofs
        .iter()
        .find(|r| r.level == level && r.kind == kind && r.threads == threads)
}
