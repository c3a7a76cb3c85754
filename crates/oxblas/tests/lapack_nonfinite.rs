//! NaN and Inf inputs to every LAPACK routine, each call under a timeout:
//! no panic, no hang, and a NaN that goes in comes out (or the routine
//! reports a positive info). Inf that goes into a factorisation survives in
//! the factors (it can only become NaN, never finite garbage). Also: exactly
//! singular positive semidefinite matrices give Cholesky's info.
//!
//! Sizes cross every code path: the unblocked leaves, the recursion and
//! the blocked drivers with look-ahead (n >= 512), on 1 and 2 threads.

mod common;
use common::*;
use oxblas::lapack::cholesky::{posv, potrf, potri, potrs};
use oxblas::lapack::lu::{det, gecon, gesv, getrf, getri, getrs, slogdet};
use oxblas::lapack::norms::{lange, lanhe, lantr, Norm};
use oxblas::lapack::qr::{gels, geqp3, geqrf, ormqr, ungqr};
use oxblas::lapack::triangular::{trtri, trtrs};
use oxblas::{c32, c64, Diag, MatRef, Op, RealScalar, Scalar, Side, Uplo};
use std::sync::mpsc;
use std::time::Duration;

/// Runs `f` on its own thread; fails the test if it takes longer than a
/// minute (a hang) and re-raises its panic if it panicked.
fn timed<R: Send + 'static>(what: String, f: impl FnOnce() -> R + Send + 'static) -> R {
    let (tx, rx) = mpsc::channel();
    let h = std::thread::spawn(move || {
        let r = f();
        let _ = tx.send(());
        r
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer after 60 s (hang)"),
        _ => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Bad {
    Nan,
    Inf,
    NegInf,
}
const BADS: [Bad; 3] = [Bad::Nan, Bad::Inf, Bad::NegInf];

fn bad_of<T: Scalar>(b: Bad) -> T {
    match b {
        Bad::Nan => nan_of::<T>(),
        Bad::Inf => T::from_real(T::Real::from_f64(f64::INFINITY)),
        Bad::NegInf => T::from_real(T::Real::from_f64(f64::NEG_INFINITY)),
    }
}

fn finite<T: Scalar>(x: T) -> bool {
    x.re().to_f64().is_finite() && x.im().to_f64().is_finite()
}

fn view_has<T: Scalar>(m: &Mat<T>, p: impl Fn(T) -> bool) -> bool {
    (0..m.ncols).any(|j| (0..m.nrows).any(|i| p(m.at(i, j))))
}

fn has_nan<T: Scalar>(m: &Mat<T>) -> bool {
    view_has(m, |x| x.has_nan())
}

fn non_finite<T: Scalar>(m: &Mat<T>) -> bool {
    view_has(m, |x| !finite(x))
}

/// Where a bad value goes in an n x n matrix.
fn positions(m: usize, n: usize) -> Vec<(usize, usize)> {
    let mut p = vec![(0, 0), (m / 2, n / 3), (m - 1, n - 1), (m - 1, 0)];
    p.dedup();
    p
}

/// A well-conditioned random square matrix (diagonally weighted).
fn square<T: Scalar>(rng: &mut Rng, n: usize) -> Dm {
    let mut a = Dm::random(rng, n, n, T::IS_COMPLEX);
    for i in 0..n {
        let v = a.get(i, i) + c64::new(n as f64, 0.0);
        a.set(i, i, v);
    }
    a.rounded::<T>()
}

fn lu_routines<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for n in [1usize, 7, 40, 600] {
        let a = square::<T>(&mut rng, n);
        for (pi, &(pr, pc)) in positions(n, n).iter().enumerate() {
            for bad in BADS {
                for nt in [1usize, 2] {
                    if n == 600 && (nt == 1) != (pi % 2 == 0) {
                        continue; // keep the run short
                    }
                    let ctx = format!("{:?} n={n} ({pr},{pc}) {bad:?} threads={nt}", T::KIND);
                    let layout = LAYOUTS[(pi + nt) % 4];
                    let mut am = a.to_mat::<T>(layout);
                    let i = am.index(pr, pc);
                    am.buf[i] = bad_of::<T>(bad);
                    let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
                    let c = ctx.clone();
                    timed(ctx.clone(), move || {
                        oxblas::with_num_threads(nt, || check_lu(&c, bad, am, &b))
                    });
                }
            }
        }
        // A NaN in the right-hand side of a finite system reaches X's
        // column (and only that column).
        let ctx = format!("{:?} n={n} NaN in B", T::KIND);
        let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
        timed(ctx.clone(), move || {
            let mut fm = a.to_mat::<T>(Layout::ColMajor);
            let mut ipiv = vec![0; n];
            assert_eq!(getrf(fm.as_mut(), &mut ipiv).unwrap(), 0, "{ctx}");
            for op in [Op::NoTrans, Op::Trans, Op::ConjTrans] {
                let mut bm = b.to_mat::<T>(Layout::RowMajor);
                let i = bm.index(n / 2, 1);
                bm.buf[i] = nan_of::<T>();
                getrs(op, fm.as_ref(), &ipiv, bm.as_mut()).unwrap();
                assert!((0..n).all(|i| finite(bm.at(i, 0))), "{ctx} {op:?}: col 0");
                assert!((0..n).any(|i| bm.at(i, 1).has_nan()), "{ctx} {op:?}: col 1");
            }
        });
    }
}

fn check_lu<T: Scalar>(ctx: &str, bad: Bad, am: Mat<T>, b: &Dm) {
    let n = am.nrows;
    let a0 = am;
    // lange sees the bad value.
    for norm in [Norm::One, Norm::Inf, Norm::Frobenius, Norm::Max] {
        let v = lange(norm, a0.as_ref()).to_f64();
        match bad {
            Bad::Nan => assert!(v.is_nan(), "{ctx}: lange {norm:?} = {v}"),
            _ => assert!(v == f64::INFINITY, "{ctx}: lange {norm:?} = {v}"),
        }
    }
    let mut fm = a0.clone_layout();
    let mut ipiv = vec![usize::MAX; n];
    let info = getrf(fm.as_mut(), &mut ipiv).unwrap();
    assert!(ipiv.iter().all(|&p| p < n), "{ctx}: ipiv {ipiv:?}");
    match bad {
        Bad::Nan => assert!(info > 0 || has_nan(&fm), "{ctx}: getrf lost the NaN"),
        _ => assert!(info > 0 || non_finite(&fm), "{ctx}: getrf lost the Inf"),
    }
    // Everything downstream of the factors runs and terminates.
    let anorm = lange(Norm::One, a0.as_ref());
    let rc = gecon(Norm::One, fm.as_ref(), anorm).map(|r| r.to_f64());
    if let Ok(rc) = rc {
        assert!(
            rc.is_nan() || rc == 0.0,
            "{ctx}: gecon {rc} for a non-finite matrix"
        );
    }
    let _ = det(fm.as_ref(), &ipiv);
    let (_, l) = slogdet(fm.as_ref(), &ipiv);
    if bad == Bad::Nan && info == 0 {
        assert!(l.to_f64().is_nan(), "{ctx}: slogdet lost the NaN");
    }
    let mut bm = b.to_mat::<T>(Layout::ColMajor);
    getrs(Op::NoTrans, fm.as_ref(), &ipiv, bm.as_mut()).unwrap();
    if bad == Bad::Nan && info == 0 {
        assert!(has_nan(&bm), "{ctx}: getrs lost the NaN");
    }
    let mut inv = fm.clone_layout();
    let info_i = getri(inv.as_mut(), &ipiv).unwrap();
    if bad == Bad::Nan && info_i == 0 {
        assert!(has_nan(&inv), "{ctx}: getri lost the NaN");
    }
    let mut am = a0.clone_layout();
    let mut bm = b.to_mat::<T>(Layout::Strided);
    let mut ipiv = vec![0; n];
    let info = gesv(am.as_mut(), &mut ipiv, bm.as_mut()).unwrap();
    if bad == Bad::Nan {
        assert!(info > 0 || has_nan(&bm), "{ctx}: gesv lost the NaN");
    }
}

/// An HPD matrix with eigenvalues in [1, 2].
fn hpd<T: Scalar>(rng: &mut Rng, n: usize) -> Dm {
    let ev: Vec<f64> = (0..n).map(|i| 1.0 + (i as f64 + 0.5) / n as f64).collect();
    let mut a = Dm::hermitian_with_eigenvalues(rng, &ev, T::IS_COMPLEX).rounded::<T>();
    a.make_hermitian();
    a
}

fn cholesky_routines<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for n in [1usize, 7, 40, 600] {
        let a = hpd::<T>(&mut rng, n);
        for (pi, &(pr, pc)) in positions(n, n).iter().enumerate() {
            for bad in BADS {
                for uplo in [Uplo::Lower, Uplo::Upper] {
                    if n == 600 && (uplo == Uplo::Lower) != (pi % 2 == 0) {
                        continue; // keep the run short
                    }
                    let nt = 1 + (pi + uplo as usize) % 2;
                    let ctx = format!("{:?} n={n} ({pr},{pc}) {bad:?} {uplo:?}", T::KIND);
                    // Symmetric placement so the stored triangle holds it.
                    let mut d = a.clone();
                    let v = to_c64(bad_of::<T>(bad));
                    d.set(pr, pc, v);
                    d.set(pc, pr, v.conj());
                    let am = d.to_mat::<T>(LAYOUTS[pi % 4]);
                    let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
                    let c = ctx.clone();
                    timed(ctx, move || {
                        oxblas::with_num_threads(nt, || check_cholesky(&c, bad, uplo, am, &b))
                    });
                }
            }
        }
        // NaN in the right-hand side of an HPD system.
        let ctx = format!("{:?} n={n} NaN in B", T::KIND);
        let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
        timed(ctx.clone(), move || {
            let mut fm = a.to_mat::<T>(Layout::ColMajor);
            assert_eq!(potrf(Uplo::Upper, fm.as_mut()).unwrap(), 0, "{ctx}");
            let mut bm = b.to_mat::<T>(Layout::Reversed);
            let i = bm.index(0, 0);
            bm.buf[i] = nan_of::<T>();
            potrs(Uplo::Upper, fm.as_ref(), bm.as_mut()).unwrap();
            assert!((0..n).all(|i| finite(bm.at(i, 1))), "{ctx}: col 1");
            assert!((0..n).any(|i| bm.at(i, 0).has_nan()), "{ctx}: col 0");
        });
    }
}

/// The stored triangle of `m` holds a value satisfying `p`.
fn triangle_has<T: Scalar>(m: &Mat<T>, uplo: Uplo, p: impl Fn(T) -> bool) -> bool {
    let n = m.nrows;
    (0..n).any(|j| {
        let (i0, i1) = if uplo == Uplo::Lower {
            (j, n)
        } else {
            (0, j + 1)
        };
        (i0..i1).any(|i| p(m.at(i, j)))
    })
}

fn check_cholesky<T: Scalar>(ctx: &str, bad: Bad, uplo: Uplo, a0: Mat<T>, b: &Dm) {
    let v = lanhe(Norm::One, uplo, a0.as_ref()).to_f64();
    assert!(
        v.is_nan() || v == f64::INFINITY,
        "{ctx}: lanhe {v} of a non-finite matrix"
    );
    let mut fm = a0.clone_layout();
    let info = potrf(uplo, fm.as_mut()).unwrap();
    let nan = triangle_has(&fm, uplo, |x| x.has_nan());
    let nonfin = triangle_has(&fm, uplo, |x| !finite(x));
    match bad {
        Bad::Nan => assert!(info > 0 || nan, "{ctx}: potrf lost the NaN"),
        _ => assert!(info > 0 || nonfin, "{ctx}: potrf lost the Inf"),
    }
    if info == 0 {
        let mut bm = b.to_mat::<T>(Layout::ColMajor);
        potrs(uplo, fm.as_ref(), bm.as_mut()).unwrap();
        if bad == Bad::Nan {
            assert!(has_nan(&bm), "{ctx}: potrs lost the NaN");
        }
        let mut inv = fm.clone_layout();
        let info_i = potri(uplo, inv.as_mut()).unwrap();
        if bad == Bad::Nan && info_i == 0 {
            assert!(
                triangle_has(&inv, uplo, |x| x.has_nan()),
                "{ctx}: potri lost the NaN"
            );
        }
    }
    let mut am = a0.clone_layout();
    let mut bm = b.to_mat::<T>(Layout::RowMajor);
    let info = posv(uplo, am.as_mut(), bm.as_mut()).unwrap();
    if bad == Bad::Nan {
        assert!(info > 0 || has_nan(&bm), "{ctx}: posv lost the NaN");
    }
}

fn triangular_routines<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for n in [1usize, 7, 40, 300] {
        // A well-conditioned triangle: unit-dominant diagonal.
        let base = square::<T>(&mut rng, n);
        for &(pr, pc) in &positions(n, n) {
            for bad in BADS {
                for uplo in [Uplo::Lower, Uplo::Upper] {
                    let (r, c) = if (uplo == Uplo::Lower) == (pr >= pc) {
                        (pr, pc)
                    } else {
                        (pc, pr)
                    };
                    let ctx = format!("{:?} n={n} ({r},{c}) {bad:?} {uplo:?}", T::KIND);
                    let mut d = base.clone();
                    d.set(r, c, to_c64(bad_of::<T>(bad)));
                    let am = d.to_mat::<T>(Layout::ColMajor);
                    let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
                    timed(ctx.clone(), move || {
                        let v = lantr(Norm::Max, uplo, Diag::NonUnit, am.as_ref()).to_f64();
                        assert!(v.is_nan() || v == f64::INFINITY, "{ctx}: lantr {v}");
                        let mut inv = am.clone_layout();
                        let info = trtri(uplo, Diag::NonUnit, inv.as_mut()).unwrap();
                        if bad == Bad::Nan {
                            assert!(
                                info > 0 || triangle_has(&inv, uplo, |x| x.has_nan()),
                                "{ctx}: trtri lost the NaN"
                            );
                        }
                        for op in [Op::NoTrans, Op::ConjTrans] {
                            let mut bm = b.to_mat::<T>(Layout::ColMajor);
                            let info =
                                trtrs(uplo, op, Diag::NonUnit, am.as_ref(), bm.as_mut()).unwrap();
                            // A NaN off the diagonal that the solve reaches
                            // (always: every x is nonzero almost surely).
                            if bad == Bad::Nan && info == 0 {
                                assert!(has_nan(&bm), "{ctx} {op:?}: trtrs lost the NaN");
                            }
                        }
                    });
                }
            }
        }
    }
}

fn qr_routines<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for &(m, n) in &[(1usize, 1usize), (9, 5), (5, 9), (70, 66), (300, 280)] {
        let a = Dm::random(&mut rng, m, n, T::IS_COMPLEX).rounded::<T>();
        for (pi, &(pr, pc)) in positions(m, n).iter().enumerate() {
            for bad in BADS {
                let nt = 1 + pi % 2;
                let ctx = format!("{:?} {m}x{n} ({pr},{pc}) {bad:?} threads={nt}", T::KIND);
                let mut am = a.to_mat::<T>(LAYOUTS[pi % 4]);
                let i = am.index(pr, pc);
                am.buf[i] = bad_of::<T>(bad);
                let b = Dm::random(&mut rng, m.max(n), 2, T::IS_COMPLEX).rounded::<T>();
                let c = ctx.clone();
                timed(ctx, move || {
                    oxblas::with_num_threads(nt, || check_qr(&c, bad, am, &b))
                });
            }
        }
    }
}

fn check_qr<T: Scalar>(ctx: &str, bad: Bad, a0: Mat<T>, b: &Dm) {
    let (m, n) = (a0.nrows, a0.ncols);
    let k = m.min(n);
    let lost = |what: &str, yes: bool| {
        assert!(yes, "{ctx}: {what} lost the {bad:?}");
    };
    let mut fm = a0.clone_layout();
    let mut tau = vec![T::zero(); k];
    geqrf(fm.as_mut(), &mut tau).unwrap();
    let tau_bad = |t: &[T], p: &dyn Fn(T) -> bool| t.iter().any(|&x| p(x));
    if bad == Bad::Nan {
        lost("geqrf", has_nan(&fm) || tau_bad(&tau, &|x| x.has_nan()));
    } else {
        lost("geqrf", non_finite(&fm) || tau_bad(&tau, &|x| !finite(x)));
    }
    // Q from the (non-finite) reflectors, and Q^H applied to C.
    let mut q = Mat::<T>::new(m, k, Layout::ColMajor, T::zero);
    for j in 0..k {
        for i in 0..m {
            let idx = q.index(i, j);
            q.buf[idx] = fm.at(i, j);
        }
    }
    ungqr(q.as_mut(), &tau).unwrap();
    // C = the first m rows of b, row-major.
    let mut c = Mat::<T>::new(m, b.n, Layout::RowMajor, T::zero);
    for j in 0..b.n {
        for i in 0..m {
            let idx = c.index(i, j);
            c.buf[idx] = from_c64::<T>(b.get(i, j));
        }
    }
    let qf = MatRef::from_slice(&fm.buf, fm.offset, m, k, fm.rs, fm.cs).unwrap();
    ormqr(Side::Left, Op::ConjTrans, qf, &tau, c.as_mut()).unwrap();
    // Q depends on tau and the reflectors below the diagonal only (a NaN
    // that stays in R, or a 1 x 1 real problem's tau = 0, leaves Q finite).
    let refl_nan = tau.iter().any(|x| x.has_nan())
        || (0..k).any(|j| (j + 1..m).any(|i| fm.at(i, j).has_nan()));
    if refl_nan {
        lost("ungqr", has_nan(&q));
        lost("ormqr", has_nan(&c));
    }
    let mut pm = a0.clone_layout();
    let mut jpvt = vec![0; n];
    geqp3(pm.as_mut(), &mut jpvt, &mut tau).unwrap();
    let mut seen = jpvt.clone();
    seen.sort_unstable();
    assert!(seen.iter().copied().eq(0..n), "{ctx}: jpvt {jpvt:?}");
    if bad == Bad::Nan {
        lost("geqp3", has_nan(&pm) || tau_bad(&tau, &|x| x.has_nan()));
    } else {
        lost("geqp3", non_finite(&pm) || tau_bad(&tau, &|x| !finite(x)));
    }
    for op in [Op::NoTrans, Op::ConjTrans] {
        let mut am = a0.clone_layout();
        let mut bm = b.to_mat::<T>(Layout::ColMajor);
        let info = gels(op, am.as_mut(), bm.as_mut()).unwrap();
        if bad == Bad::Nan {
            lost("gels", info > 0 || has_nan(&bm));
        }
    }
}

macro_rules! per_type {
    ($name:ident, $f:ident) => {
        #[test]
        fn $name() {
            $f::<f32>(1);
            $f::<f64>(2);
            $f::<c32>(3);
            $f::<c64>(4);
        }
    };
}
per_type!(lu_nan_inf, lu_routines);
per_type!(cholesky_nan_inf, cholesky_routines);
per_type!(triangular_nan_inf, triangular_routines);
per_type!(qr_nan_inf, qr_routines);

/// An exactly singular positive semidefinite matrix (a zero row and
/// column k, through every path): potrf and posv stop at info = k + 1 and
/// leave no NaN in what they computed.
fn semidefinite<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for n in [1usize, 6, 40, 130, 600] {
        let a = hpd::<T>(&mut rng, n);
        for k in [0, n / 2, n - 1] {
            let mut d = a.clone();
            for i in 0..n {
                d.set(i, k, c64::new(0.0, 0.0));
                d.set(k, i, c64::new(0.0, 0.0));
            }
            for uplo in [Uplo::Lower, Uplo::Upper] {
                let ctx = format!("{:?} n={n} k={k} {uplo:?}", T::KIND);
                let mut fm = d.to_mat::<T>(LAYOUTS[k % 4]);
                assert_eq!(potrf(uplo, fm.as_mut()).unwrap(), k + 1, "{ctx}: potrf");
                assert!(
                    !triangle_has(&fm, uplo, |x| x.has_nan()),
                    "{ctx}: NaN garbage in the factor"
                );
                let mut am = d.to_mat::<T>(Layout::ColMajor);
                let b = Dm::random(&mut rng, n, 1, T::IS_COMPLEX).rounded::<T>();
                let mut bm = b.to_mat::<T>(Layout::ColMajor);
                assert_eq!(posv(uplo, am.as_mut(), bm.as_mut()).unwrap(), k + 1);
                // The singular LU of the same matrix: info = first zero pivot.
                let mut lm = d.to_mat::<T>(Layout::RowMajor);
                let mut ipiv = vec![0; n];
                let info = getrf(lm.as_mut(), &mut ipiv).unwrap();
                assert!(info > 0, "{ctx}: getrf info 0 for a singular matrix");
                assert!(!has_nan(&lm), "{ctx}: NaN garbage in the LU factors");
                let mut bm = b.to_mat::<T>(Layout::ColMajor);
                let mut lm = d.to_mat::<T>(Layout::ColMajor);
                assert_eq!(gesv(lm.as_mut(), &mut ipiv, bm.as_mut()).unwrap(), info);
                assert!(
                    (0..n).all(|i| same_bits(bm.at(i, 0), from_c64::<T>(b.get(i, 0)))),
                    "{ctx}: gesv changed B although A is singular"
                );
            }
        }
    }
}
per_type!(semidefinite_and_singular_info, semidefinite);

/// A NaN (or a subnormal, whose reciprocal is Inf) on the first diagonal
/// entry a column sweep meets stays where the reference TRTRI puts it: in
/// the inverse's column that entry starts, never in the columns that do not
/// depend on it (the reference skips zero entries before scaling them, so
/// `0 * (1/NaN)` never happens). The rest of the inverse is the inverse of
/// the finite block, checked by its residual.
fn inverse_keeps_nonfinite_in_place<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let tiny = if T::Real::from_f64(1e-300).to_f64() == 0.0 {
        1e-45
    } else {
        1e-310
    };
    for n in [2usize, 9, 16, 17, 40] {
        let base = square::<T>(&mut rng, n);
        for bad in [f64::NAN, tiny] {
            for uplo in [Uplo::Lower, Uplo::Upper] {
                let ctx = format!("{:?} n={n} bad={bad:e} {uplo:?}", T::KIND);
                // Lower: L(0,0) is bad, so only column 0 of L^-1 may be
                // non-finite and the block 1..n is inv(L(1..n, 1..n)).
                // Upper: U(n-1,n-1) is bad, the block 0..n-1 is clean.
                let (p, lo) = if uplo == Uplo::Lower {
                    (0, 1)
                } else {
                    (n - 1, 0)
                };
                let mut d = base.clone();
                d.set(p, p, oxblas::c64::new(bad, 0.0));
                let mut inv = d.to_mat::<T>(Layout::ColMajor);
                trtri(uplo, Diag::NonUnit, inv.as_mut()).unwrap();
                let inv = Dm::of(inv.as_ref());
                let m = n - 1;
                let (mut a, mut x) = (Dm::zeros(m, m), Dm::zeros(m, m));
                for j in 0..m {
                    for i in 0..m {
                        let inside = if uplo == Uplo::Lower { i >= j } else { i <= j };
                        if inside {
                            a.set(i, j, d.get(lo + i, lo + j));
                            x.set(i, j, inv.get(lo + i, lo + j));
                        }
                    }
                }
                let clean = (0..m).all(|j| {
                    (0..m).all(|i| x.get(i, j).re.is_finite() && x.get(i, j).im.is_finite())
                });
                assert!(clean, "{ctx}: NaN/Inf spread into the clean block");
                let r = a.mul(&x).sub(&Dm::identity(m)).norm1();
                let bound = 30.0 * (m.max(1) as f64) * eps::<T>() * a.norm1() * x.norm1();
                assert!(r <= bound, "{ctx}: residual {r:e} > {bound:e}");
            }
        }
    }
}
per_type!(
    trtri_nonfinite_stays_in_place,
    inverse_keeps_nonfinite_in_place
);
