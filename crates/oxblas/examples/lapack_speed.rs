//! LAPACK throughput check for tuning (oxblas only; the benchmark with
//! peers is `oxblas-bench`): median GFLOP/s of getrf, potrf, geqrf, getri,
//! gesv and their ratio to oxblas's own GEMM at the same n.
//!
//! `cargo run --release --example lapack_speed -- d 64,256,1024 1 [routine,...]`
//! (type s/d/c/z, sizes, threads, routines; default all five).
use oxblas::lapack::{cholesky::potrf, lu, qr::geqrf};
use oxblas::{c32, c64, gemm, MatMut, MatRef, Op, RealScalar, Scalar, Uplo};
use std::time::Instant;

/// Deterministic, well-conditioned test matrix (diagonally weighted; HPD
/// when `hpd`).
fn matrix<T: Scalar>(n: usize, hpd: bool) -> Vec<T> {
    let mut s = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let mut a: Vec<T> = (0..n * n)
        .map(|_| T::from_parts(T::Real::from_f64(next()), T::Real::from_f64(next())))
        .collect();
    for j in 0..n {
        for i in 0..j {
            if hpd {
                a[i + j * n] = a[j + i * n].conj();
            }
        }
        let d = T::from_real(T::Real::from_f64(n as f64));
        a[j + j * n] = if hpd {
            T::from_real(T::Real::from_f64(n as f64 + 1.0))
        } else {
            a[j + j * n] + d
        };
    }
    a
}

/// Median seconds of `f` (which restores its input from `src` each time;
/// the copy is timed separately and subtracted).
fn median(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..reps + 1)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.remove(0);
    t.sort_by(|x, y| x.partial_cmp(y).unwrap());
    t[t.len() / 2]
}

fn run<T: Scalar>(routine: &str, n: usize, reps: usize) -> f64 {
    let src = matrix::<T>(n, routine == "potrf");
    let mut a = src.clone();
    let mut ipiv = vec![0usize; n];
    let mut tau = vec![T::zero(); n];
    let mut b = vec![T::one(); n];
    let copy = median(reps, || a.copy_from_slice(&src));
    let secs = match routine {
        "getrf" => median(reps, || {
            a.copy_from_slice(&src);
            lu::getrf(MatMut::col_major(&mut a, n, n, n).unwrap(), &mut ipiv).unwrap();
        }),
        "potrf" => median(reps, || {
            a.copy_from_slice(&src);
            potrf(Uplo::Lower, MatMut::col_major(&mut a, n, n, n).unwrap()).unwrap();
        }),
        "geqrf" => median(reps, || {
            a.copy_from_slice(&src);
            geqrf(MatMut::col_major(&mut a, n, n, n).unwrap(), &mut tau).unwrap();
        }),
        "getri" => {
            let mut f = src.clone();
            lu::getrf(MatMut::col_major(&mut f, n, n, n).unwrap(), &mut ipiv).unwrap();
            median(reps, || {
                a.copy_from_slice(&f);
                lu::getri(MatMut::col_major(&mut a, n, n, n).unwrap(), &ipiv).unwrap();
            })
        }
        "gesv" => median(reps, || {
            a.copy_from_slice(&src);
            b.fill(T::one());
            lu::gesv(
                MatMut::col_major(&mut a, n, n, n).unwrap(),
                &mut ipiv,
                MatMut::col_major(&mut b, n, 1, n).unwrap(),
            )
            .unwrap();
        }),
        "gemm" => {
            let c = src.clone();
            median(reps, || {
                gemm(
                    Op::NoTrans,
                    Op::NoTrans,
                    T::one(),
                    MatRef::col_major(&src, n, n, n).unwrap(),
                    MatRef::col_major(&c, n, n, n).unwrap(),
                    T::zero(),
                    MatMut::col_major(&mut a, n, n, n).unwrap(),
                )
                .unwrap();
            }) + copy
        }
        _ => panic!("unknown routine {routine}"),
    };
    let n3 = (n as f64).powi(3);
    let flops = match routine {
        "getrf" | "gesv" => 2.0 / 3.0 * n3,
        "potrf" => n3 / 3.0,
        "geqrf" | "getri" => 4.0 / 3.0 * n3,
        _ => 2.0 * n3,
    } * if T::IS_COMPLEX { 4.0 } else { 1.0 };
    flops / (secs - copy).max(1e-9) / 1e9
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let ty = args.get(1).map(|s| s.as_str()).unwrap_or("d");
    let sizes: Vec<usize> = args
        .get(2)
        .map(|s| s.as_str())
        .unwrap_or("64,256,1024")
        .split(',')
        .map(|s| s.parse().expect("size"))
        .collect();
    let nt: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(1);
    let routines: Vec<String> = args
        .get(4)
        .map(|s| s.as_str())
        .unwrap_or("getrf,potrf,geqrf,getri,gesv")
        .split(',')
        .map(String::from)
        .collect();
    oxblas::set_num_threads(nt);
    for &n in &sizes {
        let reps = (2e9 / (n as f64).powi(3)).clamp(3.0, 2000.0) as usize;
        let go = |r: &str| match ty {
            "s" => run::<f32>(r, n, reps),
            "c" => run::<c32>(r, n, reps),
            "z" => run::<c64>(r, n, reps),
            _ => run::<f64>(r, n, reps),
        };
        let g = go("gemm");
        print!("{ty} n={n} threads={nt} gemm {g:.1}");
        for r in &routines {
            let v = go(r);
            print!(" | {r} {v:.1} ({:.0}%)", 100.0 * v / g);
        }
        println!(" GFLOP/s");
    }
}
