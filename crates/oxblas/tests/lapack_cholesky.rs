//! Cholesky (potrf, potrs, posv, potri) and triangular (trtri, trtrs)
//! routines, tested LAPACK-style: residuals computed in c64 by naive loops,
//! each required below 30, over every type, both triangles, sizes 0..300
//! (and 520, 600), well- and ill-conditioned and graded matrices (graded
//! triangles spanning 1e-6 .. 1e6), semidefinite (rank-deficient) ones,
//! every layout.

mod common;
use common::*;
use oxblas::lapack::cholesky::{posv, potrf, potri, potrs};
use oxblas::lapack::triangular::{trtri, trtrs};
use oxblas::{c32, c64, Diag, Error, MatMut, MatRef, Op, Scalar, Uplo};

const SIZES: [usize; 8] = [0, 1, 2, 5, 17, 64, 130, 300];
const THRESH: f64 = 30.0;
const UPLOS: [Uplo; 2] = [Uplo::Lower, Uplo::Upper];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    /// Eigenvalues in [1, 2].
    Well,
    /// Eigenvalues 1 .. 1e-3 (single) or 1e-8 (double), geometric.
    Ill,
    /// `D B D` for a well-conditioned B and D graded 1 .. 1e-4.
    Graded,
}
const KINDS: [Kind; 3] = [Kind::Well, Kind::Ill, Kind::Graded];

fn hpd<T: Scalar>(rng: &mut Rng, kind: Kind, n: usize) -> Dm {
    let cx = T::IS_COMPLEX;
    let decades = if eps::<T>() > 1e-10 { 3.0 } else { 8.0 };
    let ev: Vec<f64> = (0..n)
        .map(|i| match kind {
            Kind::Ill if n > 1 => 10f64.powf(-decades * i as f64 / (n - 1) as f64),
            _ => 1.0 + (i as f64 + 0.5) / n as f64,
        })
        .collect();
    let mut a = Dm::hermitian_with_eigenvalues(rng, &ev, cx);
    if kind == Kind::Graded {
        for j in 0..n {
            for i in 0..n {
                let g = |k: usize| 10f64.powf(-4.0 * k as f64 / (n.max(2) - 1) as f64);
                let v = a.get(i, j) * (g(i) * g(j));
                a.set(i, j, v);
            }
        }
    }
    let mut a = a.rounded::<T>();
    a.make_hermitian();
    a
}

/// The `uplo` triangle of a matrix as a full triangular Dm (unit diagonal
/// substituted when asked).
fn triangle(f: &Dm, uplo: Uplo, unit: bool) -> Dm {
    let n = f.n;
    let mut t = Dm::zeros(n, n);
    for j in 0..n {
        for i in 0..n {
            let inside = if uplo == Uplo::Lower { i >= j } else { i <= j };
            if i == j && unit {
                t.set(i, j, c64::new(1.0, 0.0));
            } else if inside {
                t.set(i, j, f.get(i, j));
            }
        }
    }
    t
}

/// The Hermitian matrix whose `uplo` triangle is stored in `f`.
fn hermitian_from(f: &Dm, uplo: Uplo) -> Dm {
    let n = f.n;
    let mut h = Dm::zeros(n, n);
    for j in 0..n {
        for i in 0..n {
            let stored = if uplo == Uplo::Lower { i >= j } else { i <= j };
            let v = if stored {
                f.get(i, j)
            } else {
                f.get(j, i).conj()
            };
            h.set(i, j, if i == j { c64::new(v.re, 0.0) } else { v });
        }
    }
    h
}

/// The strictly-other triangle must come back as it went in.
fn other_triangle_same<T: Scalar>(before: &Mat<T>, after: &Mat<T>, uplo: Uplo) -> bool {
    let n = before.nrows;
    (0..n).all(|j| {
        (0..n).all(|i| {
            let other = if uplo == Uplo::Lower { i < j } else { i > j };
            !other || same_bits(before.at(i, j), after.at(i, j))
        })
    })
}

fn inverse_residual<T: Scalar>(a: &Dm, x: &Dm) -> f64 {
    let n = a.n;
    if n == 0 {
        return 0.0;
    }
    let r = Dm::identity(n).sub(&a.mul(x));
    r.norm1() / (n as f64 * a.norm1() * x.norm1() * eps::<T>())
}

fn solve_residual<T: Scalar>(a: &Dm, x: &Dm, b: &Dm) -> f64 {
    let r = b.sub(&a.mul(x));
    let an = a.norm1();
    let mut worst: f64 = 0.0;
    for j in 0..x.n {
        let rn: f64 = (0..r.m).map(|i| r.get(i, j).norm()).sum();
        let xn: f64 = (0..x.m).map(|i| x.get(i, j).norm()).sum();
        if xn > 0.0 && an > 0.0 {
            worst = worst.max(rn / (an * xn * a.n as f64 * eps::<T>()));
        }
    }
    worst
}

fn cholesky_suite<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for (si, &n) in SIZES.iter().enumerate() {
        for (ki, &kind) in KINDS.iter().enumerate() {
            for (ui, &uplo) in UPLOS.iter().enumerate() {
                if n >= 300 && uplo == Uplo::Upper && kind != Kind::Ill {
                    continue; // keep the run short
                }
                let layout = LAYOUTS[(si + ki + ui) % LAYOUTS.len()];
                let ctx = format!("{:?} n={n} {kind:?} {uplo:?} {layout:?}", T::KIND);
                let a = hpd::<T>(&mut rng, kind, n);
                let orig = a.to_mat::<T>(layout);
                let mut fm = a.to_mat::<T>(layout);
                let pad = fm.padding();
                assert_eq!(potrf(uplo, fm.as_mut()).unwrap(), 0, "{ctx}: info");
                assert!(fm.padding() == pad, "{ctx}: wrote outside the view");
                assert!(
                    other_triangle_same(&orig, &fm, uplo),
                    "{ctx}: touched the other triangle"
                );
                let f = Dm::of(fm.as_ref());
                let t = triangle(&f, uplo, false);
                let llh = if uplo == Uplo::Lower {
                    t.mul(&t.adjoint())
                } else {
                    t.adjoint().mul(&t)
                };
                let an = a.norm1();
                let r = if n == 0 {
                    0.0
                } else {
                    a.sub(&llh).norm1() / (n as f64 * an * eps::<T>())
                };
                assert!(r < THRESH, "{ctx}: residual {r}");
                // potrs with 3 or 7 right-hand sides (column by column or
                // level 3), posv from scratch.
                let nrhs = if (si + ki) % 2 == 0 { 3 } else { 7 };
                let b = Dm::random(&mut rng, n, nrhs, T::IS_COMPLEX).rounded::<T>();
                let mut bm = b.to_mat::<T>(LAYOUTS[(si + 1) % 4]);
                potrs(uplo, fm.as_ref(), bm.as_mut()).unwrap();
                let r = solve_residual::<T>(&a, &Dm::of(bm.as_ref()), &b);
                assert!(r < THRESH, "{ctx}: potrs residual {r}");
                let mut am = a.to_mat::<T>(layout);
                let mut bm = b.to_mat::<T>(Layout::ColMajor);
                assert_eq!(posv(uplo, am.as_mut(), bm.as_mut()).unwrap(), 0);
                let r = solve_residual::<T>(&a, &Dm::of(bm.as_ref()), &b);
                assert!(r < THRESH, "{ctx}: posv residual {r}");
                // potri.
                let mut inv = fm.clone_layout();
                assert_eq!(potri(uplo, inv.as_mut()).unwrap(), 0, "{ctx}: potri info");
                assert!(
                    other_triangle_same(&orig, &inv, uplo),
                    "{ctx}: potri touched the other triangle"
                );
                let x = hermitian_from(&Dm::of(inv.as_ref()), uplo);
                let r = inverse_residual::<T>(&a, &x);
                assert!(r < THRESH, "{ctx}: potri residual {r}");
            }
        }
    }
}

#[test]
fn cholesky_f32() {
    cholesky_suite::<f32>(61);
}
#[test]
fn cholesky_f64() {
    cholesky_suite::<f64>(62);
}
#[test]
fn cholesky_c32() {
    cholesky_suite::<c32>(63);
}
#[test]
fn cholesky_c64() {
    cholesky_suite::<c64>(64);
}

#[test]
fn cholesky_large_and_threads() {
    // 600 crosses the blocked driver; 1100 runs look-ahead steps. Factors
    // are bitwise identical on 1 and 2 threads.
    fn one<T: Scalar>(seed: u64, n: usize, uplo: Uplo, layout: Layout, full_check: bool) {
        let mut rng = Rng::new(seed);
        let a = hpd::<T>(&mut rng, Kind::Ill, n);
        let mut f1 = a.to_mat::<T>(layout);
        let mut f2 = a.to_mat::<T>(layout);
        assert_eq!(
            oxblas::with_num_threads(1, || potrf(uplo, f1.as_mut()).unwrap()),
            0
        );
        assert_eq!(
            oxblas::with_num_threads(2, || potrf(uplo, f2.as_mut()).unwrap()),
            0
        );
        assert!(
            f1.buf.iter().zip(&f2.buf).all(|(x, y)| same_bits(*x, *y)),
            "{:?} n={n}: thread count changed the factor",
            T::KIND
        );
        let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
        let mut bm = b.to_mat::<T>(Layout::ColMajor);
        potrs(uplo, f2.as_ref(), bm.as_mut()).unwrap();
        let r = solve_residual::<T>(&a, &Dm::of(bm.as_ref()), &b);
        assert!(r < THRESH, "{:?} n={n}: potrs residual {r}", T::KIND);
        if full_check {
            let t = triangle(&Dm::of(f2.as_ref()), uplo, false);
            let llh = if uplo == Uplo::Lower {
                t.mul(&t.adjoint())
            } else {
                t.adjoint().mul(&t)
            };
            let r = a.sub(&llh).norm1() / (n as f64 * a.norm1() * eps::<T>());
            assert!(r < THRESH, "{:?} n={n}: residual {r}", T::KIND);
        }
    }
    one::<f64>(71, 600, Uplo::Lower, Layout::ColMajor, true);
    one::<c32>(72, 600, Uplo::Upper, Layout::RowMajor, true);
    one::<f64>(73, 1100, Uplo::Upper, Layout::ColMajor, false);
    one::<c64>(74, 1030, Uplo::Lower, Layout::ColMajor, false);
}

/// Graded and semidefinite matrices through the blocked driver with
/// look-ahead (cholesky_factor.rs: panels of NB = 256, look-ahead with two
/// threads once two block columns trail a panel, i.e. n > 512), n = 520:
///
/// * graded `D B D` (D 1 .. 1e-4): factor bitwise identical on 1 and 2
///   threads, ||A - L L^H|| and potrs residuals;
/// * the same matrix with row and column 400 zeroed (positive
///   semidefinite, rank n - 1): the pivot of column 400 is exactly zero,
///   so info = 401, found in the panel the look-ahead step factored; the
///   leading 400 x 400 factor is complete;
/// * rank 260 (> NB, so the breakdown is in the second panel): the
///   leading 260 x 260 block is well conditioned, the Schur complement of
///   it is rounding noise, so info > 260 (a noise pivot, Hermitian and
///   indefinite, cannot stay positive for 260 columns) and the leading
///   (info - 1) columns are a complete factor.
fn blocked_graded_semidefinite<T: Scalar>(seed: u64, uplo: Uplo, layout: Layout) {
    let mut rng = Rng::new(seed);
    let n = 520;
    let ctx = format!("{:?} n={n} {uplo:?} {layout:?}", T::KIND);
    // ||A11 - L11 L11^H|| / (k ||A11|| eps) for the leading k x k block.
    let leading = |a: &Dm, fm: &Mat<T>, k: usize| {
        let f = Dm::of(fm.as_ref());
        let mut t = Dm::zeros(k, k);
        let mut a11 = Dm::zeros(k, k);
        for j in 0..k {
            for i in 0..k {
                let inside = if uplo == Uplo::Lower { i >= j } else { i <= j };
                if inside {
                    t.set(i, j, f.get(i, j));
                }
                a11.set(i, j, a.get(i, j));
            }
        }
        let llh = if uplo == Uplo::Lower {
            t.mul(&t.adjoint())
        } else {
            t.adjoint().mul(&t)
        };
        let an = a11.norm1().max(f64::MIN_POSITIVE);
        a11.sub(&llh).norm1() / (k.max(1) as f64 * an * eps::<T>())
    };
    let a = hpd::<T>(&mut rng, Kind::Graded, n);
    let mut f1 = a.to_mat::<T>(layout);
    let mut f2 = a.to_mat::<T>(layout);
    let i1 = oxblas::with_num_threads(1, || potrf(uplo, f1.as_mut()).unwrap());
    let i2 = oxblas::with_num_threads(2, || potrf(uplo, f2.as_mut()).unwrap());
    assert_eq!((i1, i2), (0, 0), "{ctx} graded: info");
    assert!(
        f1.buf.iter().zip(&f2.buf).all(|(x, y)| same_bits(*x, *y)),
        "{ctx} graded: thread count changed the factor"
    );
    let r = leading(&a, &f2, n);
    assert!(r < THRESH, "{ctx} graded: residual {r}");
    let b = Dm::random(&mut rng, n, 3, T::IS_COMPLEX).rounded::<T>();
    let mut bm = b.to_mat::<T>(Layout::ColMajor);
    potrs(uplo, f2.as_ref(), bm.as_mut()).unwrap();
    let r = solve_residual::<T>(&a, &Dm::of(bm.as_ref()), &b);
    assert!(r < THRESH, "{ctx} graded: potrs residual {r}");

    let k = 400;
    let mut z = a.clone();
    for i in 0..n {
        z.set(i, k, c64::new(0.0, 0.0));
        z.set(k, i, c64::new(0.0, 0.0));
    }
    let mut fm = z.to_mat::<T>(layout);
    let info = oxblas::with_num_threads(2, || potrf(uplo, fm.as_mut()).unwrap());
    assert_eq!(info, k + 1, "{ctx} zero row/column {k}: info");
    let r = leading(&z, &fm, k);
    assert!(
        r < THRESH,
        "{ctx} zero row/column {k}: leading residual {r}"
    );

    let rank = 260;
    let mut p = Dm::psd_with_rank(&mut rng, n, rank, T::IS_COMPLEX).rounded::<T>();
    p.make_hermitian();
    let mut fm = p.to_mat::<T>(layout);
    let info = oxblas::with_num_threads(2, || potrf(uplo, fm.as_mut()).unwrap());
    assert!(
        info > rank && info <= n,
        "{ctx} rank {rank}: info {info}, expected in ({rank}, {n}]"
    );
    let r = leading(&p, &fm, info - 1);
    assert!(
        r < THRESH,
        "{ctx} rank {rank}: leading residual {r} (info {info})"
    );
    let mut m2 = p.to_mat::<T>(Layout::ColMajor);
    let mut b = Dm::zeros(n, 1).to_mat::<T>(Layout::ColMajor);
    let info2 = oxblas::with_num_threads(2, || posv(uplo, m2.as_mut(), b.as_mut()).unwrap());
    assert!(info2 > rank, "{ctx} rank {rank}: posv info {info2}");
}

#[test]
fn cholesky_blocked_graded_semidefinite_real() {
    blocked_graded_semidefinite::<f32>(75, Uplo::Lower, Layout::ColMajor);
    blocked_graded_semidefinite::<f64>(76, Uplo::Upper, Layout::RowMajor);
}

#[test]
fn cholesky_blocked_graded_semidefinite_complex() {
    blocked_graded_semidefinite::<c32>(77, Uplo::Upper, Layout::ColMajor);
    blocked_graded_semidefinite::<c64>(78, Uplo::Lower, Layout::Strided);
}

#[test]
fn not_positive_definite() {
    fn one<T: Scalar>(seed: u64) {
        let mut rng = Rng::new(seed);
        for n in [1usize, 5, 40, 300] {
            for k in [0, n / 2, n - 1] {
                for (bad, uplo) in [
                    (-1.0, Uplo::Lower),
                    (0.0, Uplo::Upper),
                    (f64::NAN, Uplo::Lower),
                ] {
                    // Make the leading minor of order k+1 indefinite (or NaN):
                    // a_kk = bad - (what the earlier columns remove).
                    let mut a = hpd::<T>(&mut rng, Kind::Well, n);
                    let v = if bad.is_nan() { bad } else { bad * 1e3 - 1e3 };
                    a.set(k, k, c64::new(v, 0.0));
                    let mut m = a.to_mat::<T>(LAYOUTS[k % 4]);
                    let info = potrf(uplo, m.as_mut()).unwrap();
                    assert_eq!(info, k + 1, "{:?} n={n} k={k} {bad}", T::KIND);
                    let mut m2 = a.to_mat::<T>(Layout::ColMajor);
                    let mut b = Dm::zeros(n, 1).to_mat::<T>(Layout::ColMajor);
                    assert_eq!(posv(uplo, m2.as_mut(), b.as_mut()).unwrap(), k + 1);
                }
            }
        }
    }
    one::<f32>(81);
    one::<f64>(82);
    one::<c32>(83);
    one::<c64>(84);
    // NaN off the diagonal: no panic, and a NaN or a positive info (also
    // through the blocked driver).
    let mut a = vec![4.0f64, 1.0, f64::NAN, 1.0, 4.0, 1.0, 0.5, 1.0, 4.0];
    let info = potrf(Uplo::Lower, MatMut::col_major(&mut a, 3, 3, 3).unwrap()).unwrap();
    assert!(info > 0 || a.iter().any(|x| x.is_nan()));
    let n = 700;
    let mut a = hpd::<f64>(&mut Rng::new(85), Kind::Well, n);
    a.set(650, 3, c64::new(f64::NAN, 0.0));
    let mut m = a.to_mat::<f64>(Layout::ColMajor);
    let info = potrf(Uplo::Lower, m.as_mut()).unwrap();
    assert!(info > 0 || m.buf.iter().any(|x| x.is_nan()));
}

// ------------------------------------------------------------ triangular

/// A triangular test matrix: the Cholesky factor of an HPD matrix
/// (well or ill conditioned), so that it is not exponentially ill
/// conditioned the way random triangles are.
fn tri_matrix<T: Scalar>(rng: &mut Rng, kind: Kind, n: usize, uplo: Uplo) -> Dm {
    let a = hpd::<T>(rng, kind, n);
    let mut m = a.to_mat::<T>(Layout::ColMajor);
    assert_eq!(potrf(uplo, m.as_mut()).unwrap(), 0);
    let mut t = triangle(&Dm::of(m.as_ref()), uplo, false);
    // Random values in the other triangle must be ignored.
    for j in 0..n {
        for i in 0..n {
            let other = if uplo == Uplo::Lower { i < j } else { i > j };
            if other {
                t.set(i, j, to_c64(rng.scalar::<T>()) * 100.0);
            }
        }
    }
    t.rounded::<T>()
}

fn triangular_suite<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for (si, &n) in SIZES.iter().enumerate() {
        for (ui, &uplo) in UPLOS.iter().enumerate() {
            for (di, &diag) in [Diag::NonUnit, Diag::Unit].iter().enumerate() {
                let kind = if (si + di) % 2 == 0 {
                    Kind::Well
                } else {
                    Kind::Ill
                };
                let layout = LAYOUTS[(si + ui + di) % 4];
                let ctx = format!("{:?} n={n} {uplo:?} {diag:?} {kind:?} {layout:?}", T::KIND);
                let a = tri_matrix::<T>(&mut rng, kind, n, uplo);
                let t = triangle(&a, uplo, diag == Diag::Unit);
                let orig = a.to_mat::<T>(layout);
                let mut m = a.to_mat::<T>(layout);
                assert_eq!(trtri(uplo, diag, m.as_mut()).unwrap(), 0, "{ctx}");
                assert!(
                    other_triangle_same(&orig, &m, uplo),
                    "{ctx}: touched the other triangle"
                );
                if diag == Diag::Unit {
                    assert!(
                        (0..n).all(|i| same_bits(orig.at(i, i), m.at(i, i))),
                        "{ctx}: wrote the unit diagonal"
                    );
                }
                let x = triangle(&Dm::of(m.as_ref()), uplo, diag == Diag::Unit);
                let r = inverse_residual::<T>(&t, &x);
                assert!(r < THRESH, "{ctx}: trtri residual {r}");
                // trtrs with every op, 2 or 6 right-hand sides.
                for (oi, op) in [Op::NoTrans, Op::Trans, Op::ConjTrans]
                    .into_iter()
                    .enumerate()
                {
                    let nrhs = if (oi + si) % 2 == 0 { 2 } else { 6 };
                    let b = Dm::random(&mut rng, n, nrhs, T::IS_COMPLEX).rounded::<T>();
                    let mut bm = b.to_mat::<T>(LAYOUTS[(si + 2) % 4]);
                    assert_eq!(
                        trtrs(uplo, op, diag, orig.as_ref(), bm.as_mut()).unwrap(),
                        0
                    );
                    let opt = match op {
                        Op::NoTrans => t.clone(),
                        Op::Trans => {
                            let mut x = t.adjoint();
                            x.a.iter_mut().for_each(|z| *z = z.conj());
                            x
                        }
                        Op::ConjTrans => t.adjoint(),
                    };
                    let r = solve_residual::<T>(&opt, &Dm::of(bm.as_ref()), &b);
                    assert!(r < THRESH, "{ctx}: trtrs {op:?} residual {r}");
                }
            }
        }
    }
}

#[test]
fn triangular_f32() {
    triangular_suite::<f32>(91);
}
#[test]
fn triangular_f64() {
    triangular_suite::<f64>(92);
}
#[test]
fn triangular_c32() {
    triangular_suite::<c32>(93);
}
#[test]
fn triangular_c64() {
    triangular_suite::<c64>(94);
}

/// A graded triangle. NonUnit: `diag(r) T0 diag(c)` with T0 a well
/// conditioned Cholesky factor, r spanning 1e6 .. 1e-6 down the rows and c
/// spanning 1e-6 .. 1e6 over the columns in a random order (the diagonal
/// stays nonzero, ||T|| ||T^-1|| is astronomically large). Unit: the
/// similarity `D T0 D^-1` with D spanning 1e6 .. 1e-6 (the unit diagonal is
/// kept, the off-diagonal entries are scaled by up to 1e12 either way:
/// lower entries shrink, upper ones grow).
fn graded_tri<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo, unit: bool) -> Dm {
    let t0 = tri_matrix::<T>(rng, Kind::Well, n, uplo);
    let d = geometric(n, 6.0, -6.0);
    let g = if unit {
        let inv: Vec<f64> = d.iter().map(|x| 1.0 / x).collect();
        t0.scaled(&d, &inv)
    } else {
        let c = shuffled(rng, geometric(n, -6.0, 6.0));
        t0.scaled(&d, &c)
    };
    g.rounded::<T>()
}

/// trtri and trtrs on graded triangles (both triangles, unit and non-unit
/// diagonal, sizes across the recursion's leaves and TRMM levels up to
/// 300): ||I - T T^-1|| / (n ||T|| ||T^-1|| eps) and, for every op,
/// ||b - op(T) x|| / (||T|| ||x|| n eps) per column.
fn graded_triangular<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for (si, &n) in [1usize, 2, 5, 17, 64, 130, 300].iter().enumerate() {
        for (ui, &uplo) in UPLOS.iter().enumerate() {
            for (di, &diag) in [Diag::NonUnit, Diag::Unit].iter().enumerate() {
                let unit = diag == Diag::Unit;
                let layout = LAYOUTS[(si + ui + 2 * di) % 4];
                let ctx = format!("{:?} n={n} {uplo:?} {diag:?} graded {layout:?}", T::KIND);
                let a = graded_tri::<T>(&mut rng, n, uplo, unit);
                let t = triangle(&a, uplo, unit);
                let orig = a.to_mat::<T>(layout);
                let mut m = a.to_mat::<T>(layout);
                assert_eq!(trtri(uplo, diag, m.as_mut()).unwrap(), 0, "{ctx}");
                assert!(
                    other_triangle_same(&orig, &m, uplo),
                    "{ctx}: touched the other triangle"
                );
                let x = triangle(&Dm::of(m.as_ref()), uplo, unit);
                assert!(!x.has_nan(), "{ctx}: NaN in the inverse");
                let r = inverse_residual::<T>(&t, &x);
                assert!(r < THRESH, "{ctx}: trtri residual {r}");
                for (oi, op) in [Op::NoTrans, Op::Trans, Op::ConjTrans]
                    .into_iter()
                    .enumerate()
                {
                    let nrhs = if (oi + si) % 2 == 0 { 1 } else { 5 };
                    let b = Dm::random(&mut rng, n, nrhs, T::IS_COMPLEX).rounded::<T>();
                    let mut bm = b.to_mat::<T>(LAYOUTS[(si + oi) % 4]);
                    assert_eq!(
                        trtrs(uplo, op, diag, orig.as_ref(), bm.as_mut()).unwrap(),
                        0
                    );
                    let opt = match op {
                        Op::NoTrans => t.clone(),
                        Op::Trans => {
                            let mut x = t.adjoint();
                            x.a.iter_mut().for_each(|z| *z = z.conj());
                            x
                        }
                        Op::ConjTrans => t.adjoint(),
                    };
                    let x = Dm::of(bm.as_ref());
                    assert!(!x.has_nan(), "{ctx}: trtrs {op:?} NaN");
                    let r = solve_residual::<T>(&opt, &x, &b);
                    assert!(r < THRESH, "{ctx}: trtrs {op:?} residual {r}");
                }
            }
        }
    }
}

#[test]
fn triangular_graded() {
    graded_triangular::<f32>(95);
    graded_triangular::<f64>(96);
    graded_triangular::<c32>(97);
    graded_triangular::<c64>(98);
}

#[test]
fn singular_triangles_and_arguments() {
    // A zero on the diagonal: info k+1, A unchanged, B unchanged.
    for n in [1usize, 7, 70] {
        for k in [0, n / 2, n - 1] {
            let mut rng = Rng::new(n as u64 * 7 + k as u64);
            let mut a = Dm::random(&mut rng, n, n, true);
            for i in 0..n {
                a.set(i, i, c64::new(2.0, 0.0));
            }
            a.set(k, k, c64::new(0.0, 0.0));
            for uplo in UPLOS {
                let mut m = a.to_mat::<c64>(Layout::ColMajor);
                let before = m.buf.clone();
                assert_eq!(trtri(uplo, Diag::NonUnit, m.as_mut()).unwrap(), k + 1);
                assert!(m.buf == before);
                // Unit diagonal: the zero is not looked at.
                assert_eq!(trtri(uplo, Diag::Unit, m.as_mut()).unwrap(), 0);
                let mut b = Dm::random(&mut rng, n, 1, true).to_mat::<c64>(Layout::ColMajor);
                let bb = b.buf.clone();
                assert_eq!(
                    trtrs(uplo, Op::NoTrans, Diag::NonUnit, m.as_ref(), b.as_mut()).unwrap(),
                    k + 1
                );
                assert!(b.buf == bb);
                // potri on a factor with a zero diagonal reports it too.
                let mut m = a.to_mat::<c64>(Layout::RowMajor);
                assert_eq!(potri(uplo, m.as_mut()).unwrap(), k + 1);
            }
        }
    }
    // Shapes.
    let mut v = vec![1.0f64; 12];
    let e = potrf(Uplo::Lower, MatMut::col_major(&mut v, 3, 4, 3).unwrap()).unwrap_err();
    assert!(matches!(e, Error::DimensionMismatch { .. }));
    let e = trtri(
        Uplo::Lower,
        Diag::Unit,
        MatMut::col_major(&mut v, 4, 3, 4).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::DimensionMismatch { .. }));
    let mut b = vec![1.0f64; 4];
    let a = vec![1.0f64; 9];
    let e = potrs(
        Uplo::Lower,
        MatRef::col_major(&a, 3, 3, 3).unwrap(),
        MatMut::col_major(&mut b, 4, 1, 4).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::DimensionMismatch { .. }));
    let e = trtrs(
        Uplo::Lower,
        Op::NoTrans,
        Diag::Unit,
        MatRef::col_major(&a, 3, 3, 3).unwrap(),
        MatMut::col_major(&mut b, 2, 2, 2).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::DimensionMismatch { .. }));
    // Zero sizes.
    let mut e0: Vec<f64> = vec![];
    assert_eq!(
        potrf(Uplo::Upper, MatMut::col_major(&mut e0, 0, 0, 1).unwrap()).unwrap(),
        0
    );
    assert_eq!(
        potri(Uplo::Upper, MatMut::col_major(&mut e0, 0, 0, 1).unwrap()).unwrap(),
        0
    );
    assert_eq!(
        trtri(
            Uplo::Upper,
            Diag::NonUnit,
            MatMut::col_major(&mut e0, 0, 0, 1).unwrap()
        )
        .unwrap(),
        0
    );
}
