//! Peak FLOP/s probe: long chains of independent vector FMAs, per ISA and
//! real type, on 1 and on several threads at once. The roof for "share of
//! peak" is the best ISA the CPU runs.

use std::hint::black_box;
use std::sync::Barrier;
use std::time::Instant;

use crate::timing::{wait_until_quiet, ForeignLoad, DISTURBED_CORES};

/// Independent accumulators: enough to cover FMA latency x pipes (4 x 2 on
/// recent cores) with room to spare, yet all in registers next to the two
/// operands: 16 of the 32 zmm, 12 of the 16 ymm (more would spill).
const ACCS_AVX512: usize = 16;
const ACCS_AVX2: usize = 12;

#[derive(Clone, Debug)]
pub struct Peak {
    pub isa: &'static str,
    /// `f64` or `f32`.
    pub real: &'static str,
    pub threads: usize,
    pub gflops: f64,
}

/// One FMA kernel: `run(iters)` does `iters * accs` vector FMAs of
/// `flops_per_fma` flops and returns a value that depends on all of them.
struct Kernel {
    isa: &'static str,
    real: &'static str,
    accs: usize,
    flops_per_fma: f64,
    run: fn(u64) -> f64,
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::{ACCS_AVX2, ACCS_AVX512};
    use std::arch::x86_64::*;
    use std::hint::black_box;

    macro_rules! fma_loop {
        ($name:ident, $feat:literal, $accs:expr, $vec:ty, $set1:ident, $fmadd:ident, $add:ident, $reduce:expr) => {
            #[target_feature(enable = $feat)]
            fn $name(iters: u64) -> f64 {
                // acc <- acc * x + y converges to y / (1 - x) ~ 1e-1: no
                // overflow, no denormals, and nothing the compiler can fold.
                let x: $vec = $set1(black_box(0.999_999));
                let y: $vec = $set1(black_box(1e-7));
                let mut acc: [$vec; $accs] = [$set1(black_box(1.0)); $accs];
                for _ in 0..iters {
                    for a in acc.iter_mut() {
                        *a = $fmadd(*a, x, y);
                    }
                }
                let mut s = acc[0];
                for a in &acc[1..] {
                    s = $add(s, *a);
                }
                $reduce(s)
            }
        };
    }

    #[target_feature(enable = "avx")]
    fn hsum256_pd(v: __m256d) -> f64 {
        let mut out = [0.0f64; 4];
        // SAFETY: `out` has room for the 4 doubles of one unaligned store.
        unsafe { _mm256_storeu_pd(out.as_mut_ptr(), v) };
        out.iter().sum()
    }

    #[target_feature(enable = "avx")]
    fn hsum256_ps(v: __m256) -> f64 {
        let mut out = [0.0f32; 8];
        // SAFETY: `out` has room for the 8 floats of one unaligned store.
        unsafe { _mm256_storeu_ps(out.as_mut_ptr(), v) };
        out.iter().map(|&x| x as f64).sum()
    }

    #[target_feature(enable = "avx512f")]
    fn hsum512_ps(v: __m512) -> f64 {
        _mm512_reduce_add_ps(v) as f64
    }

    fma_loop!(
        avx512_f64,
        "avx512f",
        ACCS_AVX512,
        __m512d,
        _mm512_set1_pd,
        _mm512_fmadd_pd,
        _mm512_add_pd,
        _mm512_reduce_add_pd
    );
    fma_loop!(
        avx512_f32,
        "avx512f",
        ACCS_AVX512,
        __m512,
        _mm512_set1_ps,
        _mm512_fmadd_ps,
        _mm512_add_ps,
        hsum512_ps
    );
    fma_loop!(
        avx2_f64,
        "avx2,fma",
        ACCS_AVX2,
        __m256d,
        _mm256_set1_pd,
        _mm256_fmadd_pd,
        _mm256_add_pd,
        hsum256_pd
    );
    fma_loop!(
        avx2_f32,
        "avx2,fma",
        ACCS_AVX2,
        __m256,
        _mm256_set1_ps,
        _mm256_fmadd_ps,
        _mm256_add_ps,
        hsum256_ps
    );

    // The wrappers below are only handed out by `kernels()` after the CPU was
    // checked for the feature.
    pub fn run_avx512_f64(iters: u64) -> f64 {
        // SAFETY: kernels() lists this only when avx512f is detected.
        unsafe { avx512_f64(iters) }
    }
    pub fn run_avx512_f32(iters: u64) -> f64 {
        // SAFETY: kernels() lists this only when avx512f is detected.
        unsafe { avx512_f32(iters) }
    }
    pub fn run_avx2_f64(iters: u64) -> f64 {
        // SAFETY: kernels() lists this only when avx2 and fma are detected.
        unsafe { avx2_f64(iters) }
    }
    pub fn run_avx2_f32(iters: u64) -> f64 {
        // SAFETY: kernels() lists this only when avx2 and fma are detected.
        unsafe { avx2_f32(iters) }
    }
}

fn kernels() -> Vec<Kernel> {
    #[allow(unused_mut)]
    let mut ks = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            ks.push(Kernel {
                isa: "avx512",
                real: "f64",
                accs: ACCS_AVX512,
                flops_per_fma: 16.0,
                run: x86::run_avx512_f64,
            });
            ks.push(Kernel {
                isa: "avx512",
                real: "f32",
                accs: ACCS_AVX512,
                flops_per_fma: 32.0,
                run: x86::run_avx512_f32,
            });
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            ks.push(Kernel {
                isa: "avx2",
                real: "f64",
                accs: ACCS_AVX2,
                flops_per_fma: 8.0,
                run: x86::run_avx2_f64,
            });
            ks.push(Kernel {
                isa: "avx2",
                real: "f32",
                accs: ACCS_AVX2,
                flops_per_fma: 16.0,
                run: x86::run_avx2_f32,
            });
        }
    }
    ks
}

/// GFLOP/s of `threads` copies of `k` running at once (wall-clock).
fn once(k: &Kernel, iters: u64, threads: usize) -> f64 {
    let barrier = Barrier::new(threads);
    let secs = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    barrier.wait();
                    let t = Instant::now();
                    black_box((k.run)(black_box(iters)));
                    t.elapsed().as_secs_f64()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or(f64::INFINITY))
            .fold(0.0, f64::max)
    });
    let flops = iters as f64 * k.accs as f64 * k.flops_per_fma * threads as f64;
    flops / secs / 1e9
}

/// Best of several repeats for every (ISA, type, thread count).
pub fn measure(thread_counts: &[usize], quick: bool) -> Vec<Peak> {
    let (target_secs, repeats) = if quick { (0.01, 3) } else { (0.05, 7) };
    let mut out = Vec::new();
    for k in kernels() {
        // Calibrate the loop length on one thread.
        let probe = 100_000u64;
        let t = Instant::now();
        black_box((k.run)(black_box(probe)));
        let per_iter = t.elapsed().as_secs_f64().max(1e-9) / probe as f64;
        let iters = ((target_secs / per_iter) as u64).max(probe);
        for &threads in thread_counts {
            // Best of the repeats; when other processes were busy meanwhile,
            // wait for a quiet moment and try again (3 rounds at most).
            let mut best = 0.0f64;
            for _ in 0..3 {
                let load = ForeignLoad::start();
                for _ in 0..repeats {
                    best = best.max(once(&k, iters, threads));
                }
                if load.cores() <= DISTURBED_CORES {
                    break;
                }
                wait_until_quiet(10.0);
            }
            out.push(Peak {
                isa: k.isa,
                real: k.real,
                threads,
                gflops: best,
            });
        }
    }
    out
}

/// Raises each probe in `peaks` to the same probe in `again` when that one
/// measured higher (a roof is the fastest the machine was seen to go).
pub fn keep_highest(peaks: &mut [Peak], again: &[Peak]) {
    for p in peaks.iter_mut() {
        if let Some(q) = again
            .iter()
            .find(|q| q.isa == p.isa && q.real == p.real && q.threads == p.threads)
        {
            p.gflops = p.gflops.max(q.gflops);
        }
    }
}

/// The roof for a type whose real part is f64 (`double`) or f32, at
/// `threads`: the best ISA measured.
pub fn roof(peaks: &[Peak], double: bool, threads: usize) -> Option<f64> {
    let real = if double { "f64" } else { "f32" };
    peaks
        .iter()
        .filter(|p| p.real == real && p.threads == threads)
        .map(|p| p.gflops)
        .reduce(f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(isa: &'static str, threads: usize, gflops: f64) -> Peak {
        Peak {
            isa,
            real: "f64",
            threads,
            gflops,
        }
    }

    #[test]
    fn keep_highest_raises_matching_probes_only() {
        let mut peaks = vec![p("avx512", 1, 120.0), p("avx512", 2, 250.0)];
        keep_highest(&mut peaks, &[p("avx512", 1, 131.0), p("avx512", 2, 240.0)]);
        assert_eq!(peaks[0].gflops, 131.0);
        assert_eq!(peaks[1].gflops, 250.0);
        keep_highest(&mut peaks, &[p("avx2", 1, 500.0)]);
        assert_eq!(peaks[0].gflops, 131.0);
    }
}
