//! The child process: loads one peer configuration, checks and times every
//! row it is given, and prints one tab-separated line per result:
//!
//! ```text
//! INFO    <key>  <value>
//! START   <row spec>                       (before each row: the parent's watchdog)
//! RESULT  <row spec>  OK      <median s> <rate> <repeats> <rel err> <tol> <foreign load, cores>
//! RESULT  <row spec>  FAILED  <rel err> <tol>
//! RESULT  <row spec>  ERROR   <message>
//! RESULT  <row spec>  NA      <why: the library lacks the routine>
//! ```
//!
//! The rate is GFLOP/s, or GB/s for Level 1/2 rows (`Row::rate`).
//!
//! ```text
//! ```

use std::io::Write;
use std::path::PathBuf;

use oxblas::{Op, RealScalar, Scalar};

use crate::peers::{self, Family, Loaded, PeerScalar};
use crate::rng;
use crate::routines::{self, Data};
use crate::rows::{Routine, Row, Ty};
use crate::timing::{self, Plan};

pub struct ChildArgs {
    pub family: Family,
    pub lib: Option<PathBuf>,
    pub prefix: String,
    pub threads: usize,
    pub rows: Vec<Row>,
    pub quick: bool,
    /// Only load the library and print its INFO lines.
    pub probe: bool,
}

fn emit(line: String) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}

pub fn run(args: ChildArgs) -> i32 {
    let (peer, info) = match peers::load(args.family, args.lib.as_deref(), &args.prefix) {
        Ok(x) => x,
        Err(e) => {
            emit(format!("LOADERROR\t{e}"));
            return 2;
        }
    };
    for (k, v) in info {
        emit(format!("INFO\t{k}\t{}", v.replace(['\t', '\n'], " ")));
    }
    if args.probe {
        return 0;
    }
    for row in &args.rows {
        emit(format!("START\t{}", row.spec()));
        let line = match (row.routine, row.ty) {
            (Routine::Gemm, Ty::S) => run_row::<f32>(&peer, row, &args),
            (Routine::Gemm, Ty::D) => run_row::<f64>(&peer, row, &args),
            (Routine::Gemm, Ty::C) => run_row::<oxblas::c32>(&peer, row, &args),
            (Routine::Gemm, Ty::Z) => run_row::<oxblas::c64>(&peer, row, &args),
            (_, Ty::D) => run_other(&peer, row, &args),
            _ => "ERROR\tonly double-precision rows besides GEMM".into(),
        };
        emit(format!("RESULT\t{}\t{line}", row.spec()));
    }
    0
}

fn cpus() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

fn run_row<T: PeerScalar>(peer: &Loaded, row: &Row, args: &ChildArgs) -> String {
    let (ar, ac) = row.a_dims();
    let (br, bc) = row.b_dims();
    let a: Vec<T> = rng::fill(rng::seed_of(&format!("{}/A", row.label())), ar * ac);
    let b: Vec<T> = rng::fill(rng::seed_of(&format!("{}/B", row.label())), br * bc);
    let mut c = vec![T::zero(); row.m * row.n];

    // The reference first (all cores), so that the peer's warm-up call
    // below absorbs whatever the reference left spinning. oxblas itself, and
    // every peer on huge rows (where a second full product would cost as
    // much as the measurement), are checked against exact sampled entries.
    let reference = match peer {
        Loaded::Oxblas => None,
        _ if row.huge => None,
        _ => {
            let mut r = vec![T::zero(); row.m * row.n];
            oxblas::set_num_threads(cpus());
            if let Err(e) = Loaded::Oxblas.gemm(row, &a, &b, &mut r, cpus()) {
                return format!("ERROR\toxblas reference failed: {e}");
            }
            Some(r)
        }
    };
    if matches!(peer, Loaded::Oxblas) {
        oxblas::set_num_threads(args.threads);
    }

    // Warm-up call, whose result is the one checked.
    if let Err(e) = peer.gemm(row, &a, &b, &mut c, args.threads) {
        return format!("ERROR\t{e}");
    }
    let (err, tol) = match &reference {
        Some(r) => compare(row, &c, r),
        None => sample_check(row, &a, &b, &c),
    };
    drop(reference);
    if err.is_nan() || err > tol {
        return format!("FAILED\t{err:.2e}\t{tol:.2e}");
    }

    let plan = Plan::for_row(row.huge, args.quick);
    // Small products take well under a microsecond: one timing runs enough
    // calls back to back to last >= MIN_SAMPLE_SECS, so the clock's
    // resolution and cost (tens of ns on a VM) do not weigh on the rate.
    let mut timed = |inner: usize| {
        let t = std::time::Instant::now();
        for _ in 0..inner {
            let _ = peer.gemm(row, &a, &b, &mut c, args.threads);
        }
        t.elapsed().as_secs_f64() / inner as f64
    };
    let t1 = timed(1).max(1e-9);
    let inner = ((MIN_SAMPLE_SECS / t1).ceil() as usize).clamp(1, 1 << 20);
    quiet_measure(plan, row, err, tol, || timed(inner))
}

/// Times `sample` (one timed call, returning its seconds) by `plan` and
/// formats the OK line. On a shared machine: if other processes took more
/// than a quarter of a core meanwhile, measure again (twice at most) and
/// keep the quietest; only when a measurement is cheap (under 2 s), to
/// bound the run time.
fn quiet_measure(
    plan: Plan,
    row: &Row,
    err: f64,
    tol: f64,
    mut sample: impl FnMut() -> f64,
) -> String {
    let mut best: Option<timing::Stats> = None;
    for _ in 0..3 {
        let t0 = std::time::Instant::now();
        let stats = timing::measure(plan, &mut sample);
        if best.is_none_or(|b| stats.foreign < b.foreign) {
            best = Some(stats);
        }
        if stats.foreign <= timing::DISTURBED_CORES || t0.elapsed().as_secs_f64() > 2.0 {
            break;
        }
    }
    let Some(stats) = best else {
        return "ERROR\tno measurement".into();
    };
    format!(
        "OK\t{:.6e}\t{:.3}\t{}\t{err:.2e}\t{tol:.2e}\t{:.2}",
        stats.median,
        row.rate(stats.median),
        stats.reps,
        stats.foreign
    )
}

/// Level 1/2 timings repeat the call this long at least, so that the timer
/// does not dominate a microsecond call.
const MIN_SAMPLE_SECS: f64 = 1e-3;

/// A non-GEMM row: bind the peer's routine (n/a if it has none), check
/// one call on fresh inputs (against oxblas's result for BLAS rows of
/// peers, else by `routines::check`), then time it. In-place routines get
/// their inputs back before each call: untimed for Level 3 and LAPACK;
/// inside the timed loop for trsv (n elements against its n^2/2 reads).
fn run_other(peer: &Loaded, row: &Row, args: &ChildArgs) -> String {
    let mut call = match routines::bind(peer, row, args.threads) {
        Ok(c) => c,
        Err(e) => return format!("NA\t{e}"),
    };
    let mut d = Data::new(row);
    let is_ox = matches!(peer, Loaded::Oxblas);
    let reference = if is_ox || row.huge || row.routine.level() == 0 {
        None
    } else {
        oxblas::set_num_threads(cpus());
        let mut r = Data::new(row);
        let run = routines::bind(&Loaded::Oxblas, row, cpus()).and_then(|mut f| f(&mut r));
        if let Err(e) = run {
            return format!("ERROR\toxblas reference failed: {e}");
        }
        Some(r.output(row).to_vec())
    };
    if is_ox {
        oxblas::set_num_threads(args.threads);
    }
    if row.routine == Routine::Getri {
        // getri times the inversion alone: this peer's own getrf, once.
        if let Err(e) = routines::prepare_getri(peer, row, args.threads, &mut d) {
            return format!("NA\tgetrf for getri: {e}");
        }
    }
    // Warm-up call, whose result is the one checked.
    if let Err(e) = call(&mut d) {
        return format!("ERROR\t{e}");
    }
    let (err, tol) = match &reference {
        Some(r) => routines::compare(d.output(row), r, routines::tolerance(row)),
        None => routines::check(row, &Data::new(row), &d),
    };
    drop(reference);
    if err.is_nan() || err > tol {
        return format!("FAILED\t{err:.2e}\t{tol:.2e}");
    }
    let mut plan = Plan::for_row(row.huge, args.quick);
    if row.huge {
        // Seconds a call, plus an untimed re-initialisation: 2 repeats.
        plan.min_reps = 2;
        plan.max_reps = 2;
    } else {
        // A third of GEMM's time per row: these suites have more rows.
        plan.min_secs = plan.min_secs.min(0.1);
    }
    // Level 1/2: `inner` calls in one timing (>= MIN_SAMPLE_SECS), the
    // restore (trsv's x, else nothing) inside it. Others: one call a timing.
    let bandwidth = row.routine.bandwidth_bound();
    let mut timed = |d: &mut Data, inner: usize| -> f64 {
        if !bandwidth {
            d.restore();
        }
        let t = std::time::Instant::now();
        for _ in 0..inner {
            if bandwidth {
                d.restore();
            }
            let _ = call(d);
        }
        t.elapsed().as_secs_f64() / inner as f64
    };
    let inner = if bandwidth {
        let t1 = timed(&mut d, 1).max(1e-9);
        ((MIN_SAMPLE_SECS / t1).ceil() as usize).clamp(1, 1 << 20)
    } else {
        1
    };
    quiet_measure(plan, row, err, tol, || timed(&mut d, inner))
}

fn eps<T: Scalar>() -> f64 {
    T::Real::EPSILON.to_f64()
}

/// The tolerance on max|C - C_ref| / max|C_ref|: a multiple of k * eps.
fn tolerance<T: Scalar>(row: &Row) -> f64 {
    let factor = if T::IS_COMPLEX { 4.0 } else { 2.0 };
    factor * row.k.max(1) as f64 * eps::<T>()
}

fn abs1(re: f64, im: f64) -> f64 {
    re.abs() + im.abs()
}

fn parts<T: Scalar>(x: T) -> (f64, f64) {
    (x.re().to_f64(), x.im().to_f64())
}

/// Relative max error of `c` against `r`, and the tolerance.
fn compare<T: Scalar>(row: &Row, c: &[T], r: &[T]) -> (f64, f64) {
    let (mut diff, mut size) = (0.0f64, 0.0f64);
    for (&x, &y) in c.iter().zip(r) {
        let ((xr, xi), (yr, yi)) = (parts(x), parts(y));
        // NaN in the peer's output must fail: max() would drop it.
        let d = abs1(xr - yr, xi - yi);
        diff = if d.is_nan() {
            f64::INFINITY
        } else {
            diff.max(d)
        };
        size = size.max(abs1(yr, yi));
    }
    (diff / size.max(f64::MIN_POSITIVE), tolerance::<T>(row))
}

/// 64 entries of C against dot products in f64: oxblas's own check, and
/// every peer's on huge rows.
fn sample_check<T: Scalar>(row: &Row, a: &[T], b: &[T], c: &[T]) -> (f64, f64) {
    let lda = row.a_dims().0.max(1);
    let ldb = row.b_dims().0.max(1);
    let elem = |x: &[T], ld: usize, op: Op, i: usize, j: usize| -> (f64, f64) {
        // Element (i, j) of op(X).
        let v = if op == Op::NoTrans {
            x[i + j * ld]
        } else {
            x[j + i * ld]
        };
        let (re, im) = parts(v);
        if op == Op::ConjTrans {
            (re, -im)
        } else {
            (re, im)
        }
    };
    let mut rng = rng::SplitMix64::new(rng::seed_of(&row.label()) ^ 0x5A5A);
    let (mut diff, mut size) = (0.0f64, 0.0f64);
    for _ in 0..64 {
        let i = (rng.next_u64() % row.m as u64) as usize;
        let j = (rng.next_u64() % row.n as u64) as usize;
        let (mut sr, mut si) = (0.0f64, 0.0f64);
        for p in 0..row.k {
            let (xr, xi) = elem(a, lda, row.op_a, i, p);
            let (yr, yi) = elem(b, ldb, row.op_b, p, j);
            sr += xr * yr - xi * yi;
            si += xr * yi + xi * yr;
        }
        let (cr, ci) = parts(c[i + j * row.m]);
        let d = abs1(cr - sr, ci - si);
        diff = if d.is_nan() {
            f64::INFINITY
        } else {
            diff.max(d)
        };
        size = size.max(abs1(sr, si));
    }
    (diff / size.max(f64::MIN_POSITIVE), tolerance::<T>(row))
}
