//! Quick GEMM throughput check for tuning (the benchmark with peers is
//! `oxblas-bench`): `cargo run --release --example gemm_speed -- d 2048 1`.
use oxblas::{c32, c64, gemm, MatMut, MatRef, Op, Scalar};
use std::time::Instant;

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}
extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// Seconds of CPU time used by this process (all threads): on a loaded
/// machine it leaves out the time other processes held the CPU.
fn cpu_secs() -> f64 {
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: CLOCK_PROCESS_CPUTIME_ID (2) with a valid out-pointer.
    unsafe { clock_gettime(2, &mut ts) };
    ts.sec as f64 + ts.nsec as f64 * 1e-9
}

fn run<T: Scalar>(n: usize, m: usize, k: usize, reps: usize) -> f64 {
    // GEMM_OFFSET: start A, B and C this many elements past a 64-byte
    // boundary (alignment experiments; default 0).
    let off: usize = std::env::var("GEMM_OFFSET")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    // GEMM_LDA: A's leading dimension (default: its row count), e.g. a
    // block of a larger matrix.
    let lda: usize = std::env::var("GEMM_LDA")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let a_len = lda.max(m).max(k) * m.max(k);
    let a: Vec<T> = (0..a_len + 64)
        .map(|i| {
            T::from_real(<T::Real as oxblas::RealScalar>::from_f64(
                ((i * 7 % 13) as f64) / 13.0 - 0.5,
            ))
        })
        .collect();
    // GEMM_LDB: the same for B.
    let ldb: usize = std::env::var("GEMM_LDB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let b_len = ldb.max(k).max(n) * k.max(n);
    let b: Vec<T> = (0..b_len + 64)
        .map(|i| {
            T::from_real(<T::Real as oxblas::RealScalar>::from_f64(
                ((i * 5 % 11) as f64) / 11.0 - 0.5,
            ))
        })
        .collect();
    let mut c = vec![T::zero(); m * n + 64];
    let each = |v: &str| {
        std::env::var(v)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(off)
    };
    let skip =
        |p: *const T, o: usize| (64 - (p as usize) % 64) % 64 / core::mem::size_of::<T>() + o;
    let (sa, sb, sc) = (
        skip(a.as_ptr(), each("GEMM_OFFSET_A")),
        skip(b.as_ptr(), each("GEMM_OFFSET_B")),
        skip(c.as_ptr(), each("GEMM_OFFSET_C")),
    );
    let (a, b, c) = (
        &a[sa..sa + a_len],
        &b[sb..sb + b_len],
        &mut c[sc..sc + m * n],
    );
    // GEMM_OPS: two letters N/T/C for op(A), op(B) (operands stored so
    // that op(A) is m x k and op(B) k x n).
    let ops = std::env::var("GEMM_OPS").unwrap_or_else(|_| "NN".into());
    let op = |ch: Option<char>| match ch {
        Some('T') => Op::Trans,
        Some('C') => Op::ConjTrans,
        _ => Op::NoTrans,
    };
    let (op_a, op_b) = (op(ops.chars().next()), op(ops.chars().nth(1)));
    let (ar, ac) = if op_a == Op::NoTrans { (m, k) } else { (k, m) };
    let (br, bc) = if op_b == Op::NoTrans { (k, n) } else { (n, k) };
    // GEMM_BATCH: calls per timed sample (short calls are below the
    // clock's resolution).
    let batch: usize = std::env::var("GEMM_BATCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    // GEMM_CPUTIME: time by CPU time instead of the wall clock.
    let cpu = std::env::var("GEMM_CPUTIME").is_ok();
    let mut times = Vec::new();
    for _ in 0..reps + 1 {
        let t = Instant::now();
        let t_cpu = if cpu { cpu_secs() } else { 0.0 };
        for _ in 0..batch {
            gemm(
                op_a,
                op_b,
                T::one(),
                MatRef::col_major(a, ar, ac, lda.max(ar)).unwrap(),
                MatRef::col_major(b, br, bc, ldb.max(br)).unwrap(),
                T::zero(),
                MatMut::col_major(&mut *c, m, n, m).unwrap(),
            )
            .unwrap();
        }
        let secs = if cpu {
            cpu_secs() - t_cpu
        } else {
            t.elapsed().as_secs_f64()
        };
        times.push(secs / batch as f64);
    }
    times.remove(0);
    times.sort_by(|x, y| x.partial_cmp(y).unwrap());
    let flops = if T::IS_COMPLEX { 8.0 } else { 2.0 } * (m * n * k) as f64;
    flops / times[times.len() / 2] / 1e9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ty = args.get(1).map(|s| s.as_str()).unwrap_or("d");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1024);
    let nt: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let m: usize = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(n);
    let k: usize = args.get(5).and_then(|s| s.parse().ok()).unwrap_or(n);
    oxblas::set_num_threads(nt);
    // GEMM_REPS overrides the repeat count (long loops for perf/callgrind).
    let reps_env = std::env::var("GEMM_REPS").ok().and_then(|s| s.parse().ok());
    let reps = if let Some(r) = reps_env {
        r
    } else if n * m * k > 1 << 31 {
        3
    } else if n * m * k > 1 << 24 {
        10
    } else {
        200
    };
    let g = match ty {
        "s" => run::<f32>(n, m, k, reps),
        "c" => run::<c32>(n, m, k, reps),
        "z" => run::<c64>(n, m, k, reps),
        _ => run::<f64>(n, m, k, reps),
    };
    println!("{ty}gemm m={m} n={n} k={k} threads={nt}: {g:.1} GFLOP/s");
}
