//! LU (getrf, getrs, gesv, getri, gecon, det, slogdet) and norms (lange,
//! lansy, lanhe, lantr), tested LAPACK-style: residuals computed in c64 by
//! naive loops, each required below 30 (LAPACK testing's threshold), over
//! every type, sizes 0..300 (and 600), random / ill-conditioned / graded /
//! singular / rank-deficient matrices, and every storage layout; at 300 the
//! blocked driver runs with look-ahead (two threads).

mod common;
use common::*;
use oxblas::lapack::lu::{det, gecon, gesv, getrf, getri, getrs, slogdet};
use oxblas::lapack::norms::{lange, lanhe, lansy, lantr, Norm};
use oxblas::Op;
use oxblas::{c32, c64, Diag, Error, MatMut, RealScalar, Scalar, Uplo};

// Whole-block unblocked kernel up to 45 (c64) and 64 (f64); 65: recursion.
const SIZES: [usize; 10] = [0, 1, 2, 5, 17, 45, 64, 65, 130, 300];
const THRESH: f64 = 30.0;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Random,
    /// Singular values 1 .. 1e-6, geometrically spaced.
    IllConditioned,
    /// Rows graded 1 .. 1e-6, columns 1 .. 1e-3.
    Graded,
    /// A zero column at n/2: exactly singular.
    Singular,
    /// Rank n/2 (a product of random n x n/2 and n/2 x n factors).
    RankDeficient,
    /// Rows 1, 3, 5, ... zero: rank r = ceil(n/2) exactly. Zero rows
    /// stay exactly zero under elimination, so after the r nonzero rows
    /// are used up the pivot column is exactly zero: info = r + 1.
    ZeroRows,
}
const KINDS: [Kind; 6] = [
    Kind::Random,
    Kind::IllConditioned,
    Kind::Graded,
    Kind::Singular,
    Kind::RankDeficient,
    Kind::ZeroRows,
];

fn grade(i: usize, n: usize, decades: f64) -> f64 {
    if n <= 1 {
        1.0
    } else {
        10f64.powf(-decades * i as f64 / (n - 1) as f64)
    }
}

fn make<T: Scalar>(rng: &mut Rng, kind: Kind, m: usize, n: usize) -> Dm {
    let cx = T::IS_COMPLEX;
    let d = match kind {
        Kind::Random => Dm::random(rng, m, n, cx),
        Kind::IllConditioned => {
            let k = m.min(n);
            let s: Vec<f64> = (0..k).map(|i| grade(i, k, 6.0)).collect();
            Dm::with_singular_values(rng, m, n, &s, cx)
        }
        Kind::Graded => {
            let mut d = Dm::random(rng, m, n, cx);
            for j in 0..n {
                for i in 0..m {
                    let v = d.get(i, j) * (grade(i, m, 6.0) * grade(j, n, 3.0));
                    d.set(i, j, v);
                }
            }
            d
        }
        Kind::Singular => {
            let mut d = Dm::random(rng, m, n, cx);
            if n > 0 {
                for i in 0..m {
                    d.set(i, n / 2, c64::new(0.0, 0.0));
                }
            }
            d
        }
        Kind::RankDeficient => {
            let r = (m.min(n) / 2).max(1);
            Dm::random(rng, m, r, cx).mul(&Dm::random(rng, r, n, cx))
        }
        Kind::ZeroRows => {
            let mut d = Dm::random(rng, m, n, cx);
            for j in 0..n {
                for i in (1..m).step_by(2) {
                    d.set(i, j, c64::new(0.0, 0.0));
                }
            }
            d
        }
    };
    d.rounded::<T>()
}

/// ||A - P^T L U||_1 / (max(m, n) ||A||_1 eps) from the factored matrix.
fn lu_residual<T: Scalar>(a: &Dm, f: &Dm, ipiv: &[usize]) -> f64 {
    let (m, n) = (a.m, a.n);
    let k = m.min(n);
    let mut l = Dm::zeros(m, k);
    let mut u = Dm::zeros(k, n);
    for j in 0..k {
        l.set(j, j, c64::new(1.0, 0.0));
        for i in j + 1..m {
            l.set(i, j, f.get(i, j));
        }
    }
    for j in 0..n {
        for i in 0..=j.min(k.saturating_sub(1)) {
            if i < k {
                u.set(i, j, f.get(i, j));
            }
        }
    }
    let mut lu = l.mul(&u);
    // Undo the interchanges in reverse order: A = P^T (L U).
    for i in (0..k).rev() {
        let p = ipiv[i];
        assert!(p >= i && p < m, "ipiv[{i}] = {p} out of range");
        for j in 0..n {
            let (x, y) = (lu.get(i, j), lu.get(p, j));
            lu.set(i, j, y);
            lu.set(p, j, x);
        }
    }
    let an = a.norm1();
    if an == 0.0 {
        return lu.norm1();
    }
    a.sub(&lu).norm1() / (m.max(n) as f64 * an * eps::<T>())
}

/// max_j ||b_j - op(A) x_j||_1 / (||A||_1 ||x_j||_1 n eps) (LAPACK's xGET02).
fn solve_residual<T: Scalar>(opa: &Dm, x: &Dm, b: &Dm) -> f64 {
    let r = b.sub(&opa.mul(x));
    let an = opa.norm1();
    let n = opa.n.max(1) as f64;
    let mut worst: f64 = 0.0;
    for j in 0..x.n {
        let rn: f64 = (0..r.m).map(|i| r.get(i, j).norm()).sum();
        let xn: f64 = (0..x.m).map(|i| x.get(i, j).norm()).sum();
        if xn > 0.0 && an > 0.0 {
            worst = worst.max(rn / (an * xn * n * eps::<T>()));
        }
    }
    worst
}

/// ||I - A X||_1 / (n ||A||_1 ||X||_1 eps) (LAPACK's xGET03).
fn inverse_residual<T: Scalar>(a: &Dm, x: &Dm) -> f64 {
    let n = a.n;
    if n == 0 {
        return 0.0;
    }
    let r = Dm::identity(n).sub(&a.mul(x));
    r.norm1() / (n as f64 * a.norm1() * x.norm1() * eps::<T>())
}

fn ipiv_for(n: usize) -> Vec<usize> {
    vec![usize::MAX; n]
}

/// getrf on every size, kind and layout; then getrs, gesv, getri, gecon,
/// det and slogdet on the square ones.
fn lu_suite<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for (si, &n) in SIZES.iter().enumerate() {
        for (ki, &kind) in KINDS.iter().enumerate() {
            let layout = LAYOUTS[(si + ki) % LAYOUTS.len()];
            let a = make::<T>(&mut rng, kind, n, n);
            let ctx = format!("{:?} n={n} {kind:?} {layout:?}", T::KIND);
            let mut fm = a.to_mat::<T>(layout);
            let pad = fm.padding();
            let mut ipiv = ipiv_for(n);
            // From 256 pivots getrf runs the blocked driver (lu_blocked.rs,
            // 64-wide panels below 1024), with look-ahead when more than
            // one thread is allowed: two there, whatever this machine has.
            let info = if n >= 256 {
                oxblas::with_num_threads(2, || getrf(fm.as_mut(), &mut ipiv).unwrap())
            } else {
                getrf(fm.as_mut(), &mut ipiv).unwrap()
            };
            assert!(fm.padding() == pad, "{ctx}: wrote outside the view");
            let f = Dm::of(fm.as_ref());
            assert!(!f.has_nan(), "{ctx}: NaN in the factors");
            let r = lu_residual::<T>(&a, &f, &ipiv);
            assert!(r < THRESH, "{ctx}: LU residual {r}");
            match kind {
                Kind::Singular if n > 0 => assert_eq!(info, n / 2 + 1, "{ctx}: info"),
                Kind::ZeroRows => {
                    let r = n.div_ceil(2);
                    assert_eq!(info, if r < n { r + 1 } else { 0 }, "{ctx}: info");
                    // U's rows from r on are exactly zero.
                    for i in r..n {
                        for j in i..n {
                            assert!(f.get(i, j).norm() == 0.0, "{ctx}: U({i},{j}) nonzero");
                        }
                    }
                }
                Kind::RankDeficient | Kind::Singular => {}
                _ => assert_eq!(info, 0, "{ctx}: info"),
            }
            // det: our pivots' product with our parity, computed here in c64
            // (where it cannot overflow), then compared where T can hold it.
            let d = to_c64(det(fm.as_ref(), &ipiv));
            let mut prod = c64::new(1.0, 0.0);
            let mut swaps = 0;
            for (i, &p) in ipiv.iter().enumerate() {
                prod *= f.get(i, i);
                swaps += (p != i) as usize;
            }
            if swaps % 2 == 1 {
                prod = -prod;
            }
            let (tiny, huge) = if eps::<T>() > 1e-10 {
                (1e-36, 1e37)
            } else {
                (1e-300, 1e300)
            };
            if prod.norm() == 0.0 {
                assert!(d.norm() == 0.0, "{ctx}: det {d} of a singular matrix");
            } else if prod.norm() > huge {
                assert!(d.norm() > huge / 10.0, "{ctx}: det {d} vs {prod}");
            } else if prod.norm() < tiny {
                assert!(d.norm() < tiny * 10.0, "{ctx}: det {d} vs {prod}");
            } else {
                let err = (d - prod).norm() / prod.norm();
                assert!(
                    err <= 10.0 * n as f64 * eps::<T>(),
                    "{ctx}: det {d} vs {prod}"
                );
            }
            let (sg, logabs) = slogdet(fm.as_ref(), &ipiv);
            if info > 0 {
                assert!(
                    sg.is_zero() && logabs.to_f64() == f64::NEG_INFINITY,
                    "{ctx}: slogdet singular"
                );
            }
            if info == 0 && kind != Kind::RankDeficient {
                check_square_solvers::<T>(&mut rng, &a, &fm, &ipiv, layout, &ctx);
                // ...and close to an independent elimination in c64.
                let (rphase, rlog) = a.slogdet();
                let cond = cond1::<T>(&fm, &ipiv, &a);
                let tol = 10.0 * (n as f64 + 1.0) * eps::<T>() * cond;
                assert!(
                    (logabs.to_f64() - rlog).abs() <= tol.max(1e-12),
                    "{ctx}: log|det| {} vs {rlog}",
                    logabs.to_f64()
                );
                if tol < 0.1 {
                    assert!(
                        (to_c64(sg) - rphase).norm() <= 10.0 * tol.max(1e-12),
                        "{ctx}: phase {:?} vs {rphase}",
                        sg
                    );
                }
            }
        }
    }
}

/// ||A||_1 ||A^-1||_1 with the inverse from getri.
fn cond1<T: Scalar>(fm: &Mat<T>, ipiv: &[usize], a: &Dm) -> f64 {
    let mut inv = fm.clone_layout();
    getri(inv.as_mut(), ipiv).unwrap();
    a.norm1() * Dm::of(inv.as_ref()).norm1()
}

fn check_square_solvers<T: Scalar>(
    rng: &mut Rng,
    a: &Dm,
    fm: &Mat<T>,
    ipiv: &[usize],
    layout: Layout,
    ctx: &str,
) {
    let n = a.n;
    // getrs with every op, 1, 3 or 9 right-hand sides (the column-by-column
    // and the level 3 solves) in another layout.
    for (oi, op) in [Op::NoTrans, Op::Trans, Op::ConjTrans]
        .into_iter()
        .enumerate()
    {
        let b = Dm::random(rng, n, [3, 1, 9][oi], T::IS_COMPLEX).rounded::<T>();
        let mut bm = b.to_mat::<T>(LAYOUTS[(layout as usize + 1) % 4]);
        getrs(op, fm.as_ref(), ipiv, bm.as_mut()).unwrap();
        let x = Dm::of(bm.as_ref());
        let opa = match op {
            Op::NoTrans => a.clone(),
            Op::Trans => {
                let mut t = a.adjoint();
                t.a.iter_mut().for_each(|z| *z = z.conj());
                t
            }
            Op::ConjTrans => a.adjoint(),
        };
        let r = solve_residual::<T>(&opa, &x, &b);
        assert!(r < THRESH, "{ctx}: getrs {op:?} residual {r}");
    }
    // gesv from scratch.
    let b = Dm::random(rng, n, 2, T::IS_COMPLEX).rounded::<T>();
    let mut am = a.to_mat::<T>(layout);
    let mut bm = b.to_mat::<T>(Layout::ColMajor);
    let mut ipiv2 = ipiv_for(n);
    assert_eq!(
        gesv(am.as_mut(), &mut ipiv2, bm.as_mut()).unwrap(),
        0,
        "{ctx}: gesv info"
    );
    let r = solve_residual::<T>(a, &Dm::of(bm.as_ref()), &b);
    assert!(r < THRESH, "{ctx}: gesv residual {r}");
    // getri.
    let mut inv = fm.clone_layout();
    assert_eq!(getri(inv.as_mut(), ipiv).unwrap(), 0, "{ctx}: getri info");
    let x = Dm::of(inv.as_ref());
    let r = inverse_residual::<T>(a, &x);
    assert!(r < THRESH, "{ctx}: getri residual {r}");
    // gecon against the condition numbers of the explicit inverse.
    for norm in [Norm::One, Norm::Inf] {
        let (an, xn) = match norm {
            Norm::One => (a.norm1(), x.norm1()),
            _ => (a.adjoint().norm1(), x.adjoint().norm1()),
        };
        let am = a.to_mat::<T>(Layout::ColMajor);
        let anorm = lange(norm, am.as_ref());
        assert!(
            (anorm.to_f64() - an).abs() <= 1e-3 * an,
            "{ctx}: lange {norm:?}"
        );
        let rc = gecon(norm, fm.as_ref(), anorm).unwrap().to_f64();
        let truth = if n == 0 { 1.0 } else { 1.0 / (an * xn) };
        assert!(
            rc >= truth / 10.0 && rc <= truth * 10.0,
            "{ctx}: gecon {norm:?} {rc} vs {truth}"
        );
    }
}

#[test]
fn lu_f32() {
    lu_suite::<f32>(11);
}
#[test]
fn lu_f64() {
    lu_suite::<f64>(12);
}
#[test]
fn lu_c32() {
    lu_suite::<c32>(13);
}
#[test]
fn lu_c64() {
    lu_suite::<c64>(14);
}

/// Rectangular getrf (tall and wide), and a 600 that crosses more recursion
/// levels.
fn rectangular<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let shapes = [
        (5, 3),
        (3, 5),
        (130, 64),
        (64, 130),
        (300, 17),
        (17, 300),
        (1, 7),
        (7, 1),
        (0, 4),
        (4, 0),
    ];
    for (idx, &(m, n)) in shapes.iter().enumerate() {
        for kind in [Kind::Random, Kind::Singular, Kind::Graded] {
            let layout = LAYOUTS[idx % 4];
            let a = make::<T>(&mut rng, kind, m, n);
            let mut fm = a.to_mat::<T>(layout);
            let mut ipiv = ipiv_for(m.min(n));
            let info = getrf(fm.as_mut(), &mut ipiv).unwrap();
            let f = Dm::of(fm.as_ref());
            assert!(!f.has_nan(), "{m}x{n} {kind:?}: NaN");
            let r = lu_residual::<T>(&a, &f, &ipiv);
            assert!(
                r < THRESH,
                "{:?} {m}x{n} {kind:?} {layout:?}: residual {r}",
                T::KIND
            );
            if kind == Kind::Singular && n > 0 && n / 2 < m {
                assert_eq!(info, n / 2 + 1, "{m}x{n}: info");
            }
        }
    }
}

#[test]
fn rectangular_all_types() {
    rectangular::<f32>(21);
    rectangular::<f64>(22);
    rectangular::<c32>(23);
    rectangular::<c64>(24);
}

#[test]
fn large_600() {
    fn one<T: Scalar>(seed: u64, kind: Kind, layout: Layout) {
        let mut rng = Rng::new(seed);
        let n = 600;
        let a = make::<T>(&mut rng, kind, n, n);
        let mut fm = a.to_mat::<T>(layout);
        let mut ipiv = ipiv_for(n);
        let info = getrf(fm.as_mut(), &mut ipiv).unwrap();
        assert_eq!(info, if kind == Kind::Singular { n / 2 + 1 } else { 0 });
        let r = lu_residual::<T>(&a, &Dm::of(fm.as_ref()), &ipiv);
        assert!(r < THRESH, "{:?} 600 {kind:?}: residual {r}", T::KIND);
    }
    one::<f64>(31, Kind::IllConditioned, Layout::ColMajor);
    one::<c32>(32, Kind::Random, Layout::RowMajor);
    one::<f32>(33, Kind::Singular, Layout::ColMajor);
}

#[test]
fn all_zero_and_nan_inputs() {
    // All zeros: info 1, factors stay zero, nothing NaN.
    let mut a = vec![0.0f64; 25];
    let mut ipiv = vec![0; 5];
    assert_eq!(
        getrf(MatMut::col_major(&mut a, 5, 5, 5).unwrap(), &mut ipiv).unwrap(),
        1
    );
    assert!(a.iter().all(|&x| x == 0.0));
    assert_eq!(ipiv, vec![0, 1, 2, 3, 4]);
    // NaN anywhere: no panic, NaN comes out (or a positive info).
    for n in [1usize, 5, 40, 600] {
        for pos in [0, n * n / 2, n * n - 1] {
            let mut rng = Rng::new(pos as u64 + n as u64);
            let mut a: Vec<c64> = (0..n * n).map(|_| rng.scalar()).collect();
            a[pos] = c64::new(f64::NAN, 0.0);
            let mut ipiv = vec![0; n];
            let info = getrf(MatMut::col_major(&mut a, n, n, n).unwrap(), &mut ipiv).unwrap();
            assert!(info > 0 || a.iter().any(|z| z.has_nan()));
            assert!(ipiv.iter().all(|&p| p < n));
            let lu = oxblas::MatRef::col_major(&a, n, n, n).unwrap();
            let rc = gecon(Norm::One, lu, 1.0).unwrap();
            assert!(rc.is_nan() || info > 0);
            let (_, l) = slogdet(lu, &ipiv);
            assert!(l.is_nan() || info > 0);
            let mut b = vec![c64::new(1.0, 0.0); n];
            getrs(
                Op::NoTrans,
                lu,
                &ipiv,
                MatMut::col_major(&mut b, n, 1, n).unwrap(),
            )
            .unwrap();
        }
    }
    // gecon of an exactly singular U is 0; getri reports it.
    let mut a = vec![1.0f32, 2.0, 2.0, 4.0];
    let mut ipiv = vec![0; 2];
    assert_eq!(
        getrf(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &mut ipiv).unwrap(),
        2
    );
    assert_eq!(
        gecon(
            Norm::Inf,
            oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap(),
            6.0
        )
        .unwrap(),
        0.0
    );
    assert_eq!(
        getri(MatMut::col_major(&mut a, 2, 2, 2).unwrap(), &ipiv).unwrap(),
        2
    );
    let (s, l) = slogdet(oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap(), &ipiv);
    assert!(s == 0.0 && l == f32::NEG_INFINITY);
}

#[test]
fn illegal_arguments() {
    let mut a = vec![1.0f64; 12];
    let mut ipiv = vec![0; 2];
    let e = getrf(MatMut::col_major(&mut a, 3, 4, 3).unwrap(), &mut ipiv).unwrap_err();
    assert!(
        matches!(
            e,
            Error::IllegalArgument {
                routine: "getrf",
                position: 5,
                ..
            }
        ),
        "{e:?}"
    );
    let mut b = vec![1.0f64; 3];
    let lu = oxblas::MatRef::col_major(&a, 3, 4, 3).unwrap();
    let e = getrs(
        Op::NoTrans,
        lu,
        &[0, 1, 2],
        MatMut::col_major(&mut b, 3, 1, 3).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(e, Error::DimensionMismatch { .. }), "{e:?}");
    let lu = oxblas::MatRef::col_major(&a, 3, 3, 3).unwrap();
    let e = getrs(
        Op::NoTrans,
        lu,
        &[0, 7, 2],
        MatMut::col_major(&mut b, 3, 1, 3).unwrap(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e,
            Error::IllegalArgument {
                routine: "getrs",
                position: 6,
                ..
            }
        ),
        "{e:?}"
    );
    let e = gecon(Norm::Max, lu, 1.0).unwrap_err();
    assert!(matches!(
        e,
        Error::IllegalArgument {
            routine: "gecon",
            position: 1,
            ..
        }
    ));
    let e = gecon(Norm::One, lu, -1.0).unwrap_err();
    assert!(matches!(
        e,
        Error::IllegalArgument {
            routine: "gecon",
            position: 5,
            ..
        }
    ));
    assert!(gecon(Norm::One, lu, f64::NAN).unwrap().is_nan());
    let e = getri(MatMut::col_major(&mut a, 3, 3, 3).unwrap(), &[0, 1]).unwrap_err();
    assert!(matches!(
        e,
        Error::IllegalArgument {
            routine: "getri",
            position: 4,
            ..
        }
    ));
    let mut ip = [0usize; 2];
    let e = gesv(
        MatMut::col_major(&mut a, 3, 3, 3).unwrap(),
        &mut ip,
        MatMut::col_major(&mut b, 3, 1, 3).unwrap(),
    )
    .unwrap_err();
    assert!(matches!(
        e,
        Error::IllegalArgument {
            routine: "gesv",
            position: 5,
            ..
        }
    ));
    // Zero sizes.
    let mut e0: Vec<f64> = vec![];
    assert_eq!(
        getrf(MatMut::col_major(&mut e0, 0, 0, 1).unwrap(), &mut []).unwrap(),
        0
    );
    assert_eq!(
        gecon(
            Norm::One,
            oxblas::MatRef::col_major(&e0, 0, 0, 1).unwrap(),
            0.0
        )
        .unwrap(),
        1.0
    );
    assert_eq!(
        det(oxblas::MatRef::col_major(&e0, 0, 0, 1).unwrap(), &[]),
        1.0
    );
}

// ----------------------------------------------------------------- norms

fn naive_norms(d: &Dm) -> [f64; 4] {
    let one = d.norm1();
    let inf = d.adjoint().norm1();
    let max = d.a.iter().map(|z| z.norm()).fold(0.0, f64::max);
    let fro = d.a.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt();
    [one, inf, fro, max]
}
const NORMS: [Norm; 4] = [Norm::One, Norm::Inf, Norm::Frobenius, Norm::Max];

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(f64::MIN_POSITIVE)
}

fn norms_suite<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let tol = 100.0 * eps::<T>();
    for (idx, &(m, n)) in [(0, 0), (1, 1), (3, 5), (17, 4), (64, 64), (33, 33)]
        .iter()
        .enumerate()
    {
        let layout = LAYOUTS[idx % 4];
        let a = Dm::random(&mut rng, m, n, T::IS_COMPLEX).rounded::<T>();
        let am = a.to_mat::<T>(layout);
        let want = naive_norms(&a);
        for (k, norm) in NORMS.iter().enumerate() {
            let got = lange(*norm, am.as_ref()).to_f64();
            assert!(
                close(got, want[k], tol),
                "lange {norm:?} {m}x{n}: {got} vs {}",
                want[k]
            );
        }
        if m != n {
            // lantr on trapezoids
            for uplo in [Uplo::Upper, Uplo::Lower] {
                for diag in [Diag::NonUnit, Diag::Unit] {
                    let t = tri_of(&a, uplo, diag, false);
                    let want = naive_norms(&t);
                    for (k, norm) in NORMS.iter().enumerate() {
                        let got = lantr(*norm, uplo, diag, am.as_ref()).to_f64();
                        assert!(
                            close(got, want[k], tol),
                            "lantr {norm:?} {uplo:?} {diag:?} {m}x{n}"
                        );
                    }
                }
            }
            continue;
        }
        for uplo in [Uplo::Upper, Uplo::Lower] {
            for diag in [Diag::NonUnit, Diag::Unit] {
                let t = tri_of(&a, uplo, diag, false);
                let want = naive_norms(&t);
                for (k, norm) in NORMS.iter().enumerate() {
                    let got = lantr(*norm, uplo, diag, am.as_ref()).to_f64();
                    assert!(
                        close(got, want[k], tol),
                        "lantr {norm:?} {uplo:?} {diag:?} n={n}: {got} vs {}",
                        want[k]
                    );
                }
            }
            for herm in [false, true] {
                let s = tri_of(&a, uplo, Diag::NonUnit, true);
                let mut full = s.clone();
                for j in 0..n {
                    for i in 0..n {
                        let (si, sj) = if (uplo == Uplo::Lower) == (i >= j) {
                            (i, j)
                        } else {
                            (j, i)
                        };
                        let mut v = a.get(si, sj);
                        if herm && (si, sj) != (i, j) {
                            v = v.conj();
                        }
                        if herm && i == j {
                            v = c64::new(v.re, 0.0);
                        }
                        full.set(i, j, v);
                    }
                }
                let want = naive_norms(&full);
                for (k, norm) in NORMS.iter().enumerate() {
                    let got = if herm {
                        lanhe(*norm, uplo, am.as_ref())
                    } else {
                        lansy(*norm, uplo, am.as_ref())
                    };
                    let got = got.to_f64();
                    assert!(
                        close(got, want[k], tol),
                        "lan{} {norm:?} {uplo:?} n={n}: {got} vs {}",
                        if herm { "he" } else { "sy" },
                        want[k]
                    );
                }
            }
        }
    }
}

/// The `uplo` trapezoid of `a` (unit diagonal substituted).
fn tri_of(a: &Dm, uplo: Uplo, diag: Diag, _sym: bool) -> Dm {
    let mut t = Dm::zeros(a.m, a.n);
    for j in 0..a.n {
        for i in 0..a.m {
            let inside = if uplo == Uplo::Upper { i <= j } else { i >= j };
            if inside {
                t.set(
                    i,
                    j,
                    if i == j && diag == Diag::Unit {
                        c64::new(1.0, 0.0)
                    } else {
                        a.get(i, j)
                    },
                );
            }
        }
    }
    t
}

#[test]
fn norms_all_types() {
    norms_suite::<f32>(41);
    norms_suite::<f64>(42);
    norms_suite::<c32>(43);
    norms_suite::<c64>(44);
}

#[test]
fn norms_extreme_values() {
    // Frobenius neither overflows nor underflows.
    for scale in [1e300, 1e-300, 1e-320] {
        let a = vec![scale; 12];
        let v = lange(
            Norm::Frobenius,
            oxblas::MatRef::col_major(&a, 3, 4, 3).unwrap(),
        );
        assert!(close(v, scale * 12f64.sqrt(), 1e-6), "{scale}: {v}");
    }
    let a = vec![c32::new(3e37, 4e37); 4];
    let v = lange(
        Norm::Frobenius,
        oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap(),
    );
    assert!(close(v as f64, 1e38, 1e-5), "{v}");
    let v = lange(Norm::Max, oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap());
    assert!(close(v as f64, 5e37, 1e-5), "{v}");
    // NaN propagates through every norm; Inf gives Inf.
    for bad in [f64::NAN, f64::INFINITY] {
        let mut a = vec![1.0f64; 9];
        a[4] = bad;
        for norm in NORMS {
            let v = lange(norm, oxblas::MatRef::col_major(&a, 3, 3, 3).unwrap());
            assert!(
                if bad.is_nan() {
                    v.is_nan()
                } else {
                    v == f64::INFINITY
                },
                "{norm:?} {bad}: {v}"
            );
            let v = lansy(
                norm,
                Uplo::Upper,
                oxblas::MatRef::col_major(&a, 3, 3, 3).unwrap(),
            );
            assert!(if bad.is_nan() {
                v.is_nan()
            } else {
                v == f64::INFINITY
            });
        }
    }
    // Long columns (the lane kernels): NaN or Inf inside a lane block, and
    // one column of huge values next to ordinary ones.
    for bad in [f64::NAN, f64::INFINITY] {
        for layout in [Layout::ColMajor, Layout::RowMajor] {
            let mut d = Dm::random(&mut Rng::new(5), 37, 5, true);
            d.set(13, 2, c64::new(0.5, bad));
            let m = d.to_mat::<c64>(layout);
            for norm in NORMS {
                let v = lange(norm, m.as_ref());
                assert!(
                    if bad.is_nan() {
                        v.is_nan()
                    } else {
                        v == f64::INFINITY
                    },
                    "{norm:?} {bad} {layout:?}: {v}"
                );
            }
        }
    }
    let mut d = Dm::random(&mut Rng::new(6), 37, 5, false);
    for i in 0..37 {
        d.set(i, 1, c64::new(1e150 * (i as f64 + 1.0), 0.0));
    }
    let want = naive_norms(&d);
    assert!(want.iter().all(|w| w.is_finite()));
    let m = d.to_mat::<f64>(Layout::ColMajor);
    for (k, norm) in NORMS.iter().enumerate() {
        let v = lange(*norm, m.as_ref());
        assert!(close(v, want[k], 1e-12), "{norm:?}: {v} vs {}", want[k]);
    }
    let a = vec![f64::NAN, 1.0, 1.0, f64::INFINITY];
    assert!(lange(
        Norm::Frobenius,
        oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap()
    )
    .is_nan());
    assert!(lange(Norm::Max, oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap()).is_nan());
}

/// Blocked path with look-ahead: the factors are bitwise identical on 1 and
/// 2 threads, the solve residual is small; tall and wide blocked shapes.
#[test]
fn blocked_lookahead_and_threads() {
    fn one<T: Scalar>(seed: u64, n: usize) {
        let mut rng = Rng::new(seed);
        let a = make::<T>(&mut rng, Kind::Graded, n, n);
        let mut f1 = a.to_mat::<T>(Layout::ColMajor);
        let mut f2 = a.to_mat::<T>(Layout::ColMajor);
        let (mut p1, mut p2) = (ipiv_for(n), ipiv_for(n));
        let i1 = oxblas::with_num_threads(1, || getrf(f1.as_mut(), &mut p1).unwrap());
        let i2 = oxblas::with_num_threads(2, || getrf(f2.as_mut(), &mut p2).unwrap());
        assert_eq!((i1, &p1), (i2, &p2));
        assert!(
            f1.buf.iter().zip(&f2.buf).all(|(x, y)| same_bits(*x, *y)),
            "{:?}: thread count changed the factors",
            T::KIND
        );
        let b = Dm::random(&mut rng, n, 2, T::IS_COMPLEX).rounded::<T>();
        let mut bm = b.to_mat::<T>(Layout::ColMajor);
        getrs(Op::NoTrans, f2.as_ref(), &p2, bm.as_mut()).unwrap();
        let r = solve_residual::<T>(&a, &Dm::of(bm.as_ref()), &b);
        assert!(r < THRESH, "{:?} n={n}: solve residual {r}", T::KIND);
    }
    one::<f64>(51, 1100);
    one::<c32>(52, 1030);
    // Around the blocked driver's thresholds: recursion below 256 pivots,
    // 64-wide panels up to 1023, 128-wide from 1024.
    for (seed, n) in [
        (54, 255),
        (55, 256),
        (56, 257),
        (57, 400),
        (58, 1023),
        (59, 1024),
    ] {
        one::<f64>(seed, n);
    }
    one::<f32>(60, 320);
    one::<c64>(61, 300);
    // Tall and wide matrices through the blocked driver.
    let mut rng = Rng::new(53);
    for (m, n) in [(900, 530), (530, 900), (300, 256), (256, 300), (700, 260)] {
        let a = make::<f64>(&mut rng, Kind::Random, m, n);
        let mut fm = a.to_mat::<f64>(Layout::RowMajor);
        let mut ipiv = ipiv_for(m.min(n));
        assert_eq!(getrf(fm.as_mut(), &mut ipiv).unwrap(), 0);
        let r = lu_residual::<f64>(&a, &Dm::of(fm.as_ref()), &ipiv);
        assert!(r < THRESH, "{m}x{n}: residual {r}");
    }
}
