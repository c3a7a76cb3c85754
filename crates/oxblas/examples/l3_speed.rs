//! Level 3 routines against dgemm at the same n, in one process, calls
//! alternating (tuning aid; the benchmark with peers is `oxblas-bench`):
//! `cargo run --release --example l3_speed -- symm 1024 1`
//! (routine: symm, trmm, trsm, syrk; GFLOP/s by the benchmark's counts).
use oxblas::blas::level3::{symm, syrk, trmm, trsm};
use oxblas::blas::{Diag, Side, Uplo};
use oxblas::{gemm, MatMut, MatRef, Op};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let what = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("symm")
        .to_string();
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1024);
    let nt: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    oxblas::set_num_threads(nt);
    let fill = |seed: usize| -> Vec<f64> {
        (0..n * n)
            .map(|i| {
                ((i * 7 + seed) % 13) as f64 / 13.0 - 0.5
                    + if i % (n + 1) == 0 { n as f64 } else { 0.0 }
            })
            .collect()
    };
    let (a, b) = (fill(1), fill(5));
    let mut c = vec![0.0; n * n];
    let routine = |c: &mut Vec<f64>| {
        let cm = MatMut::col_major(c, n, n, n).unwrap();
        match what.as_str() {
            "trmm" => trmm(
                Side::Left,
                Uplo::Lower,
                Op::NoTrans,
                Diag::NonUnit,
                1.0,
                MatRef::col_major(&a, n, n, n).unwrap(),
                cm,
            ),
            "trsm" => trsm(
                Side::Left,
                Uplo::Lower,
                Op::NoTrans,
                Diag::NonUnit,
                1.0,
                MatRef::col_major(&a, n, n, n).unwrap(),
                cm,
            ),
            "syrk" => syrk(
                Uplo::Lower,
                Op::NoTrans,
                1.0,
                MatRef::col_major(&a, n, n, n).unwrap(),
                0.0,
                cm,
            ),
            _ => symm(
                Side::Left,
                Uplo::Lower,
                1.0,
                MatRef::col_major(&a, n, n, n).unwrap(),
                MatRef::col_major(&b, n, n, n).unwrap(),
                0.0,
                cm,
            ),
        }
        .unwrap()
    };
    let flops = if what == "symm" { 2.0 } else { 1.0 } * (n * n * n) as f64;
    let reps = if n >= 2048 { 5 } else { 15 };
    let (mut tr, mut tg) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        c.copy_from_slice(&b);
        let t = Instant::now();
        routine(&mut c);
        tr.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        gemm(
            Op::NoTrans,
            Op::NoTrans,
            1.0,
            MatRef::col_major(&a, n, n, n).unwrap(),
            MatRef::col_major(&b, n, n, n).unwrap(),
            0.0,
            MatMut::col_major(&mut c, n, n, n).unwrap(),
        )
        .unwrap();
        tg.push(t.elapsed().as_secs_f64());
    }
    tr.sort_by(f64::total_cmp);
    tg.sort_by(f64::total_cmp);
    let (r, g) = (
        flops / tr[reps / 2] / 1e9,
        2.0 * (n * n * n) as f64 / tg[reps / 2] / 1e9,
    );
    println!(
        "{what} n={n} threads={nt}: {r:.1} GFLOP/s, dgemm {g:.1}, ratio {:.3}",
        r / g
    );
}
