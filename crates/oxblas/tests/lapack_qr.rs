//! The QR family (geqrf, orgqr/ungqr, ormqr/unmqr, gels, geqp3) tested
//! LAPACK-style: residuals computed in c64 by naive loops (tests/common),
//! each required below 30 (LAPACK testing's threshold), over every type,
//! shapes with m > n, m = n, m < n from 0x0 to 600x520 (crossing the panel
//! recursion and blocking levels), random / ill-conditioned / graded /
//! rank-deficient matrices, and every storage layout (padding untouched).

mod common;
use common::*;
use oxblas::lapack::qr::{gels, geqp3, geqrf, orgqr, ormqr, ungqr, unmqr};
use oxblas::{c32, c64, Error, MatMut, Op, RealScalar, Scalar, Side};

const THRESH: f64 = 30.0;
const SHAPES: [(usize, usize); 9] = [
    (0, 0),
    (1, 1),
    (5, 3),
    (3, 5),
    (17, 17),
    (64, 40),
    (40, 64),
    (130, 130),
    (300, 200),
];

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Random,
    /// Singular values 1 .. 1/cond, geometrically spaced (cond 1e12 for
    /// double, 1e5 for single precision).
    IllConditioned,
    /// Columns graded 1 .. 1e-8 (1e-4 single), in shuffled order.
    Graded,
    /// Rank min(m, n) / 2: a product of random m x r and r x n factors.
    RankDeficient,
    /// Rows and columns both graded 1 .. 1e-4 (1e-2 single), each in a
    /// random order: entries span 1 .. 1e-8 (1e-4 single).
    GradedBoth,
}

fn decades<T: Scalar>(double: f64, single: f64) -> f64 {
    if eps::<T>() < 1e-10 {
        double
    } else {
        single
    }
}

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
            let dec = decades::<T>(12.0, 5.0);
            let s: Vec<f64> = (0..k).map(|i| grade(i, k, dec)).collect();
            Dm::with_singular_values(rng, m, n, &s, cx)
        }
        Kind::Graded => {
            let mut d = Dm::random(rng, m, n, cx);
            let dec = decades::<T>(8.0, 4.0);
            for j in 0..n {
                let g = grade((j * 7) % n.max(1), n, dec);
                for i in 0..m {
                    let v = d.get(i, j) * g;
                    d.set(i, j, v);
                }
            }
            d
        }
        Kind::RankDeficient => {
            let r = (m.min(n) / 2).max(1);
            Dm::random(rng, m, r, cx).mul(&Dm::random(rng, r, n, cx))
        }
        Kind::GradedBoth => {
            let dec = decades::<T>(4.0, 2.0);
            let r = shuffled(rng, geometric(m, 0.0, -dec));
            let c = shuffled(rng, geometric(n, 0.0, -dec));
            Dm::random(rng, m, n, cx).scaled(&r, &c)
        }
    };
    d.rounded::<T>()
}

/// Columns `0..n` of `d` (all rows).
fn cols(d: &Dm, n: usize) -> Dm {
    let mut c = Dm::zeros(d.m, n);
    for j in 0..n.min(d.n) {
        for i in 0..d.m {
            c.set(i, j, d.get(i, j));
        }
    }
    c
}

/// The upper trapezoid of the first `k` rows of `d`.
fn upper(d: &Dm, k: usize) -> Dm {
    let mut r = Dm::zeros(k, d.n);
    for j in 0..d.n {
        for i in 0..k.min(j + 1) {
            r.set(i, j, d.get(i, j));
        }
    }
    r
}

fn check_padding<T: Scalar>(what: &str, mat: &Mat<T>) {
    let sentinel = T::from_parts(T::Real::from_f64(777.0), T::Real::from_f64(-555.0));
    assert!(
        mat.padding().iter().all(|&x| x == sentinel),
        "{what}: wrote outside the view"
    );
}

/// geqrf on `a` stored in `layout`: (factored matrix, tau).
fn factor<T: Scalar>(a: &Dm, layout: Layout) -> (Dm, Vec<T>) {
    let mut mat = a.to_mat::<T>(layout);
    let mut tau = vec![T::zero(); a.m.min(a.n)];
    geqrf(mat.as_mut(), &mut tau).unwrap();
    check_padding("geqrf", &mat);
    (Dm::of(mat.as_ref()), tau)
}

/// Q's first `n` columns (n >= tau.len()) from a factored matrix, by orgqr
/// on a copy stored in `layout`.
fn form_q<T: Scalar>(f: &Dm, tau: &[T], n: usize, layout: Layout) -> Dm {
    let mut q = cols(f, n).to_mat::<T>(layout);
    orgqr(q.as_mut(), tau).unwrap();
    check_padding("orgqr", &q);
    Dm::of(q.as_ref())
}

/// ||A - Q R||_1 / (m ||A||_1 eps).
fn qr_resid<T: Scalar>(a: &Dm, q: &Dm, r: &Dm) -> f64 {
    let na = a.norm1().max(f64::MIN_POSITIVE);
    a.sub(&q.mul(r)).norm1() / (a.m.max(1) as f64 * na * eps::<T>())
}

/// ||I - Q^H Q||_1 / (m eps).
fn orth_resid<T: Scalar>(q: &Dm) -> f64 {
    Dm::identity(q.n).sub(&q.adjoint().mul(q)).norm1() / (q.m.max(1) as f64 * eps::<T>())
}

/// geqrf + orgqr on every shape of SHAPES for each of `kinds`, then on
/// the `extra` cases: ||A - QR|| and ||I - Q^H Q|| ratios below THRESH.
fn check_qr<T: Scalar>(seed: u64, kinds: &[Kind], extra: &[(usize, usize, Kind)]) {
    let mut rng = Rng::new(seed);
    let mut case = 0;
    let mut shapes: Vec<(usize, usize, Kind)> = Vec::new();
    for &(m, n) in &SHAPES {
        for &kind in kinds {
            shapes.push((m, n, kind));
        }
    }
    shapes.extend_from_slice(extra);
    for (m, n, kind) in shapes {
        let layout = if m >= 520 {
            Layout::ColMajor
        } else {
            LAYOUTS[case % 4]
        };
        case += 1;
        let a = make::<T>(&mut rng, kind, m, n);
        let (f, tau) = factor::<T>(&a, layout);
        let k = m.min(n);
        let q = form_q(&f, &tau, k, LAYOUTS[(case + 1) % 4]);
        let r = upper(&f, k);
        let res = qr_resid::<T>(&a, &q, &r);
        let orth = orth_resid::<T>(&q);
        assert!(
            res < THRESH && orth < THRESH,
            "{:?} {m}x{n} {kind:?} {layout:?}: ||A-QR|| ratio {res:.2}, ||I-Q^HQ|| ratio {orth:.2}",
            T::KIND
        );
    }
}

#[test]
fn qr_factorisation_residuals() {
    const KINDS: [Kind; 3] = [Kind::Random, Kind::IllConditioned, Kind::Graded];
    const EXTRA: [(usize, usize, Kind); 2] = [(600, 520, Kind::Random), (520, 600, Kind::Graded)];
    check_qr::<f32>(1, &KINDS, &EXTRA);
    check_qr::<f64>(2, &KINDS, &EXTRA);
    check_qr::<c32>(3, &KINDS, &EXTRA);
    check_qr::<c64>(4, &KINDS, &EXTRA);
}

/// The same residuals on rank-deficient matrices (R's trailing diagonal
/// is rounding noise, the reflectors of those columns are arbitrary but
/// must stay orthogonal) and on matrices graded by rows and columns, up
/// to 400 x 300 (96-wide panels, see qr_panel::block_size), where the
/// blocked driver and its WY updates run; plus orgqr/ungqr with more
/// columns than reflectors on the same kinds.
#[test]
fn qr_rank_deficient_and_graded() {
    const KINDS: [Kind; 2] = [Kind::RankDeficient, Kind::GradedBoth];
    const EXTRA: [(usize, usize, Kind); 3] = [
        (400, 300, Kind::RankDeficient),
        (300, 400, Kind::GradedBoth),
        (300, 260, Kind::Graded),
    ];
    check_qr::<f32>(101, &KINDS, &EXTRA);
    check_qr::<f64>(102, &KINDS, &EXTRA);
    check_qr::<c32>(103, &KINDS, &EXTRA);
    check_qr::<c64>(104, &KINDS, &EXTRA);
    for kind in [Kind::RankDeficient, Kind::Graded, Kind::GradedBoth] {
        check_orgqr_partial::<f32>(105, kind);
        check_orgqr_partial::<f64>(106, kind);
        check_orgqr_partial::<c32>(107, kind);
        check_orgqr_partial::<c64>(108, kind);
    }
}

/// orgqr with k < n <= m: orthonormal columns, the first k equal to the
/// thin Q, and ungqr is the same routine.
fn check_orgqr_partial<T: Scalar>(seed: u64, kind: Kind) {
    let mut rng = Rng::new(seed);
    for &(m, n, k) in &[(7, 5, 3), (40, 40, 17), (150, 100, 70), (9, 4, 0)] {
        let a = make::<T>(&mut rng, kind, m, k);
        let (f, tau) = factor::<T>(&a, Layout::ColMajor);
        let thin = form_q(&f, &tau, k, Layout::RowMajor);
        let mut q = cols(&f, n).to_mat::<T>(Layout::Strided);
        ungqr(q.as_mut(), &tau).unwrap();
        let q = Dm::of(q.as_ref());
        let orth = orth_resid::<T>(&q);
        let diff = cols(&q, k).sub(&thin).norm1() / (m as f64 * eps::<T>());
        assert!(
            orth < THRESH && diff < THRESH,
            "{:?} orgqr {m}x{n} k={k} {kind:?}: orth {orth:.2} diff {diff:.2}",
            T::KIND
        );
    }
}

#[test]
fn orgqr_more_columns_than_reflectors() {
    check_orgqr_partial::<f32>(5, Kind::Random);
    check_orgqr_partial::<f64>(6, Kind::Random);
    check_orgqr_partial::<c32>(7, Kind::Random);
    check_orgqr_partial::<c64>(8, Kind::Random);
}

fn apply_op(q: &Dm, op: Op) -> Dm {
    if op == Op::NoTrans {
        q.clone()
    } else {
        q.adjoint()
    }
}

/// ormqr/unmqr against products with the explicit Q from orgqr, for the
/// reflectors of a `kind_a` matrix applied to a `kind_c` matrix.
fn check_ormqr<T: Scalar>(seed: u64, shapes: &[(usize, usize)], kind_a: Kind, kind_c: Kind) {
    let mut rng = Rng::new(seed);
    let ops: &[Op] = if T::IS_COMPLEX {
        &[Op::NoTrans, Op::ConjTrans]
    } else {
        &[Op::NoTrans, Op::Trans, Op::ConjTrans]
    };
    let mut case = 0;
    for &(m, n) in shapes {
        let a = make::<T>(&mut rng, kind_a, m, n);
        let (f, tau) = factor::<T>(&a, Layout::ColMajor);
        // Full m x m Q: orgqr on m columns, the first k holding reflectors.
        let q = form_q(&f, &tau, m, Layout::ColMajor);
        // The reflectors as an m x k matrix, in some layout.
        let k = m.min(n);
        let refl = cols(&f, k).to_mat::<T>(LAYOUTS[case % 4]);
        for side in [Side::Left, Side::Right] {
            for &op in ops {
                let p = [1, 4, 37][case % 3];
                case += 1;
                let (cm, cn) = if side == Side::Left { (m, p) } else { (p, m) };
                let c0 = make::<T>(&mut rng, kind_c, cm, cn);
                let mut c = c0.to_mat::<T>(LAYOUTS[case % 4]);
                let res = if case % 2 == 0 {
                    ormqr(side, op, refl.as_ref(), &tau, c.as_mut())
                } else {
                    unmqr(side, op, refl.as_ref(), &tau, c.as_mut())
                };
                res.unwrap();
                check_padding("ormqr", &c);
                let want = if side == Side::Left {
                    apply_op(&q, op).mul(&c0)
                } else {
                    c0.mul(&apply_op(&q, op))
                };
                let got = Dm::of(c.as_ref());
                let nc = c0.norm1().max(f64::MIN_POSITIVE);
                let ratio = got.sub(&want).norm1() / (m.max(1) as f64 * nc * eps::<T>());
                assert!(
                    ratio < THRESH,
                    "{:?} ormqr {side:?} {op:?} A {m}x{n} {kind_a:?}, C {cm}x{cn} {kind_c:?}: \
                     ratio {ratio:.2}",
                    T::KIND
                );
            }
        }
    }
}

const ORMQR_SHAPES: [(usize, usize); 8] = [
    (0, 0),
    (1, 1),
    (5, 3),
    (3, 5),
    (17, 17),
    (64, 40),
    (130, 130),
    (300, 280),
];

#[test]
fn ormqr_matches_explicit_q() {
    let (s, r) = (&ORMQR_SHAPES, Kind::Random);
    check_ormqr::<f32>(9, s, r, r);
    check_ormqr::<f64>(10, s, r, r);
    check_ormqr::<c32>(11, s, r, r);
    check_ormqr::<c64>(12, s, r, r);
}

/// ormqr/unmqr with the reflectors of ill-conditioned (cond 1e12, 1e5
/// single), column-graded, row-and-column-graded and rank-deficient
/// matrices, applied to random or graded C (the blocked application at
/// 300 x 280: k >= 256).
#[test]
fn ormqr_ill_conditioned_and_graded() {
    let s = &ORMQR_SHAPES[4..];
    for (i, (ka, kc)) in [
        (Kind::IllConditioned, Kind::Random),
        (Kind::Graded, Kind::GradedBoth),
        (Kind::GradedBoth, Kind::Graded),
        (Kind::RankDeficient, Kind::GradedBoth),
    ]
    .into_iter()
    .enumerate()
    {
        let seed = 110 + 4 * i as u64;
        check_ormqr::<f32>(seed, s, ka, kc);
        check_ormqr::<f64>(seed + 1, s, ka, kc);
        check_ormqr::<c32>(seed + 2, s, ka, kc);
        check_ormqr::<c64>(seed + 3, s, ka, kc);
    }
}

/// op(A) as a dense matrix.
fn op_of(a: &Dm, op: Op) -> Dm {
    apply_op(a, op)
}

/// Solves the Hermitian positive definite system `G Y = B` by Cholesky in
/// c64 (a reference independent of the library).
fn chol_solve(g: &Dm, b: &Dm) -> Dm {
    let n = g.n;
    let mut l = Dm::zeros(n, n);
    for j in 0..n {
        let mut d = g.get(j, j).re;
        for p in 0..j {
            d -= l.get(j, p).norm_sqr();
        }
        let d = d.sqrt();
        l.set(j, j, c64::new(d, 0.0));
        for i in j + 1..n {
            let mut s = g.get(i, j);
            for p in 0..j {
                s -= l.get(i, p) * l.get(j, p).conj();
            }
            l.set(i, j, s / d);
        }
    }
    let mut y = b.clone();
    for c in 0..b.n {
        for i in 0..n {
            let mut s = y.get(i, c);
            for p in 0..i {
                s -= l.get(i, p) * y.get(p, c);
            }
            y.set(i, c, s / l.get(i, i));
        }
        for i in (0..n).rev() {
            let mut s = y.get(i, c);
            for p in i + 1..n {
                s -= l.get(p, i).conj() * y.get(p, c);
            }
            y.set(i, c, s / l.get(i, i));
        }
    }
    y
}

/// Rows `r0..r1` of `d`.
fn rows(d: &Dm, r0: usize, r1: usize) -> Dm {
    let mut c = Dm::zeros(r1 - r0, d.n);
    for j in 0..d.n {
        for i in r0..r1 {
            c.set(i - r0, j, d.get(i, j));
        }
    }
    c
}

/// Runs gels on copies of A and B in the given layouts; returns (info, B out).
fn run_gels<T: Scalar>(op: Op, a: &Dm, b: &Dm, la: Layout, lb: Layout) -> (usize, Dm) {
    let mut am = a.to_mat::<T>(la);
    let mut bm = b.to_mat::<T>(lb);
    let info = gels(op, am.as_mut(), bm.as_mut()).unwrap();
    check_padding("gels A", &am);
    check_padding("gels B", &bm);
    (info, Dm::of(bm.as_ref()))
}

fn check_gels<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let e = eps::<T>();
    let ops: &[Op] = if T::IS_COMPLEX {
        &[Op::NoTrans, Op::ConjTrans]
    } else {
        &[Op::NoTrans, Op::Trans]
    };
    let mut case = 0;
    for &(m, n) in &[
        (1, 1),
        (5, 3),
        (3, 5),
        (17, 17),
        (64, 40),
        (40, 64),
        (130, 130),
        (300, 200),
        (200, 300),
    ] {
        for &op in ops {
            for nrhs in [1, 3, 6] {
                case += 1;
                let (la, lb) = (LAYOUTS[case % 4], LAYOUTS[(case / 4) % 4]);
                let mx = m.max(n);
                // Singular values in [1, 10]: cond 10, known for the
                // reference comparison below.
                let k = m.min(n);
                let s: Vec<f64> = (0..k).map(|i| 1.0 + 9.0 * grade(i, k, 1.0)).collect();
                let a = Dm::with_singular_values(&mut rng, m, n, &s, T::IS_COMPLEX).rounded::<T>();
                let oa = op_of(&a, op); // the system matrix, rows x cols
                let (rows_b, cols_x) = (oa.m, oa.n);
                let b0 = make::<T>(&mut rng, Kind::Random, rows_b, nrhs);
                let mut bfull = Dm::zeros(mx, nrhs);
                for j in 0..nrhs {
                    for i in 0..rows_b {
                        bfull.set(i, j, b0.get(i, j));
                    }
                }
                let (info, out) = run_gels::<T>(op, &a, &bfull, la, lb);
                assert_eq!(info, 0);
                let x = rows(&out, 0, cols_x);
                let r = b0.sub(&oa.mul(&x));
                let (na, nb, nx) = (a.norm1(), b0.norm1(), x.norm1());
                let what = format!(
                    "{:?} gels {op:?} {m}x{n} nrhs={nrhs} {la:?}/{lb:?}",
                    T::KIND
                );
                if rows_b > cols_x {
                    // Least squares: the residual is orthogonal to range(op(A)).
                    let ratio = r.adjoint().mul(&oa).norm1() / (na * nb * mx.max(nrhs) as f64 * e);
                    assert!(ratio < THRESH, "{what}: ||r^H op(A)|| ratio {ratio:.2}");
                    // B's rows past n hold the residual's coordinates.
                    for j in 0..nrhs {
                        let tail: f64 = (cols_x..rows_b).map(|i| out.get(i, j).norm_sqr()).sum();
                        let rr: f64 = (0..rows_b).map(|i| r.get(i, j).norm_sqr()).sum();
                        let d = (tail.sqrt() - rr.sqrt()).abs() / (nb * mx as f64 * e);
                        assert!(
                            d < THRESH,
                            "{what}: residual norm from B's tail ratio {d:.2}"
                        );
                    }
                } else {
                    // Square or minimum norm: op(A) X = B ...
                    let ratio = r.norm1() / (na * nx * mx as f64 * e);
                    assert!(ratio < THRESH, "{what}: ||B - op(A) X|| ratio {ratio:.2}");
                    // ... and X in the row space of op(A): X = op(A)^H (op(A) op(A)^H)^-1 B.
                    let g = oa.mul(&oa.adjoint());
                    let xref = oa.adjoint().mul(&chol_solve(&g, &b0));
                    let ratio = x.sub(&xref).norm1() / (xref.norm1() * 10.0 * mx as f64 * e);
                    assert!(
                        ratio < THRESH,
                        "{what}: X vs minimum norm solution ratio {ratio:.2}"
                    );
                }
            }
        }
    }
    // Consistent ill-conditioned systems: ||B - A X|| / (||A|| ||X|| eps) stays small.
    for &(m, n) in &[(64, 40), (130, 130), (40, 64)] {
        let a = make::<T>(&mut rng, Kind::IllConditioned, m, n);
        let x0 = make::<T>(&mut rng, Kind::Random, n, 2);
        let b0 = a.mul(&x0);
        let mut bfull = Dm::zeros(m.max(n), 2);
        for j in 0..2 {
            for i in 0..m {
                bfull.set(i, j, b0.get(i, j));
            }
        }
        let (info, out) = run_gels::<T>(Op::NoTrans, &a, &bfull, Layout::ColMajor, Layout::Strided);
        assert_eq!(info, 0);
        let x = rows(&out, 0, n);
        let ratio = b0.sub(&a.mul(&x)).norm1() / (a.norm1() * x.norm1() * m.max(n) as f64 * e);
        assert!(
            ratio < THRESH,
            "{:?} ill-conditioned gels {m}x{n}: ratio {ratio:.2}",
            T::KIND
        );
    }
}

#[test]
fn gels_least_squares_and_minimum_norm() {
    check_gels::<f32>(13);
    check_gels::<f64>(14);
    check_gels::<c32>(15);
    check_gels::<c64>(16);
}

/// A and B scaled to the edges of the range go through gels's scaling.
fn check_gels_scaling<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let e = eps::<T>();
    let (tiny, huge) = if e < 1e-10 {
        (1e-300, 1e300)
    } else {
        (1e-36, 1e36)
    };
    for &(m, n) in &[(9, 6), (6, 9)] {
        for &(sa, sb) in &[
            (tiny, 1.0),
            (huge, 1.0),
            (1.0, tiny),
            (1.0, huge),
            (huge, huge),
        ] {
            let scale = |d: &Dm, s: f64| {
                let mut c = d.clone();
                for z in c.a.iter_mut() {
                    *z *= s;
                }
                c.rounded::<T>()
            };
            let a = scale(&make::<T>(&mut rng, Kind::Random, m, n), sa);
            let b0 = scale(&make::<T>(&mut rng, Kind::Random, m, 1), sb);
            let mut bfull = Dm::zeros(m.max(n), 1);
            for i in 0..m {
                bfull.set(i, 0, b0.get(i, 0));
            }
            let (info, out) =
                run_gels::<T>(Op::NoTrans, &a, &bfull, Layout::ColMajor, Layout::ColMajor);
            assert_eq!(info, 0);
            let x = rows(&out, 0, n);
            let r = b0.sub(&a.mul(&x));
            let what = format!("{:?} gels scaled A*{sa:e} B*{sb:e} {m}x{n}", T::KIND);
            assert!(!x.has_nan() && x.norm1() > 0.0, "{what}: {x:?}");
            let ratio = if m > n {
                r.adjoint().mul(&a).norm1() / (a.norm1() * b0.norm1() * m as f64 * e)
            } else {
                r.norm1() / (a.norm1() * x.norm1() * n as f64 * e)
            };
            assert!(ratio < THRESH, "{what}: ratio {ratio:.2}");
        }
    }
}

#[test]
fn gels_scales_extreme_matrices() {
    check_gels_scaling::<f32>(17);
    check_gels_scaling::<f64>(18);
    check_gels_scaling::<c32>(19);
    check_gels_scaling::<c64>(20);
}

/// A P: column j is column jpvt[j] of A.
fn permuted(a: &Dm, jpvt: &[usize]) -> Dm {
    let mut ap = Dm::zeros(a.m, a.n);
    for (j, &p) in jpvt.iter().enumerate() {
        for i in 0..a.m {
            ap.set(i, j, a.get(i, p));
        }
    }
    ap
}

fn check_geqp3<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let e = eps::<T>();
    let mut case = 0;
    let mut shapes: Vec<(usize, usize)> = SHAPES.to_vec();
    shapes.push((400, 300));
    for &(m, n) in &shapes {
        for kind in [
            Kind::Random,
            Kind::RankDeficient,
            Kind::Graded,
            Kind::IllConditioned,
        ] {
            if m >= 300 && kind == Kind::IllConditioned {
                continue;
            }
            case += 1;
            let layout = LAYOUTS[case % 4];
            let a = make::<T>(&mut rng, kind, m, n);
            let mut mat = a.to_mat::<T>(layout);
            let k = m.min(n);
            let mut tau = vec![T::zero(); k];
            let mut jpvt = vec![0usize; n];
            geqp3(mat.as_mut(), &mut jpvt, &mut tau).unwrap();
            check_padding("geqp3", &mat);
            let what = format!("{:?} geqp3 {m}x{n} {kind:?} {layout:?}", T::KIND);
            let mut seen = vec![false; n];
            for &p in &jpvt {
                assert!(
                    p < n && !seen[p],
                    "{what}: jpvt is not a permutation: {jpvt:?}"
                );
                seen[p] = true;
            }
            let f = Dm::of(mat.as_ref());
            let ap = permuted(&a, &jpvt);
            let q = form_q(&f, &tau, k, LAYOUTS[(case + 2) % 4]);
            let r = upper(&f, k);
            let res = qr_resid::<T>(&ap, &q, &r);
            let orth = orth_resid::<T>(&q);
            assert!(
                res < THRESH && orth < THRESH,
                "{what}: ||AP-QR|| {res:.2}, orth {orth:.2}"
            );
            // |R(j,j)| non-increasing (up to the norm downdate's accuracy).
            let d: Vec<f64> = (0..k).map(|j| f.get(j, j).norm()).collect();
            for j in 1..k {
                assert!(
                    d[j] <= d[j - 1] * (1.0 + 1e3 * e.sqrt()) + 30.0 * e * d[0],
                    "{what}: |R({j},{j})| = {} > |R({},{})| = {}",
                    d[j],
                    j - 1,
                    j - 1,
                    d[j - 1]
                );
            }
            if kind == Kind::RankDeficient && k >= 2 {
                let rank = (k / 2).max(1);
                let bound = THRESH * m.max(n) as f64 * e * d[0];
                assert!(
                    d[rank - 1] > 10.0 * bound,
                    "{what}: rank {rank} not kept: {d:?}"
                );
                assert!(
                    d[rank] <= bound,
                    "{what}: |R(r,r)| = {} above {bound:e}",
                    d[rank]
                );
            }
        }
    }
}

#[test]
fn geqp3_pivoted_residuals_and_rank() {
    check_geqp3::<f32>(21);
    check_geqp3::<f64>(22);
    check_geqp3::<c32>(23);
    check_geqp3::<c64>(24);
}

/// Leading columns marked in jpvt go first, in order; the rest pivot.
fn check_geqp3_fixed<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for &(m, n) in &[(8, 6), (200, 170), (5, 9)] {
        let a = make::<T>(&mut rng, Kind::Random, m, n);
        let mut mat = a.to_mat::<T>(Layout::ColMajor);
        let mut jpvt = vec![0usize; n];
        jpvt[3] = 1;
        jpvt[1] = 1;
        let k = m.min(n);
        let mut tau = vec![T::zero(); k];
        geqp3(mat.as_mut(), &mut jpvt, &mut tau).unwrap();
        assert_eq!(&jpvt[..2], &[1, 3], "{:?} geqp3 fixed columns", T::KIND);
        let f = Dm::of(mat.as_ref());
        let ap = permuted(&a, &jpvt);
        let q = form_q(&f, &tau, k, Layout::ColMajor);
        let res = qr_resid::<T>(&ap, &q, &upper(&f, k));
        assert!(res < THRESH, "{:?} geqp3 fixed {m}x{n}: {res:.2}", T::KIND);
    }
}

#[test]
fn geqp3_leading_columns() {
    check_geqp3_fixed::<f32>(25);
    check_geqp3_fixed::<f64>(26);
    check_geqp3_fixed::<c32>(27);
    check_geqp3_fixed::<c64>(28);
}

#[test]
fn illegal_arguments_and_mismatches() {
    let mut a = vec![c64::new(1.0, 0.0); 12];
    let mut tau = vec![c64::new(0.0, 0.0); 3];
    let illegal = |r: Result<(), Error>, pos: i32| match r {
        Err(Error::IllegalArgument { position, .. }) => assert_eq!(position, pos),
        other => panic!("expected IllegalArgument at {pos}, got {other:?}"),
    };
    // geqrf: tau too short.
    assert!(matches!(
        geqrf(MatMut::col_major(&mut a, 4, 3, 4).unwrap(), &mut tau[..2]),
        Err(Error::DimensionMismatch { .. })
    ));
    geqrf(MatMut::col_major(&mut a, 4, 3, 4).unwrap(), &mut tau).unwrap();
    // orgqr: N > M (2), K > N (3).
    let mut q = a.clone();
    illegal(orgqr(MatMut::col_major(&mut q, 3, 4, 3).unwrap(), &tau), 2);
    illegal(orgqr(MatMut::col_major(&mut q, 4, 2, 4).unwrap(), &tau), 3);
    // unmqr: Trans on complex (2), K > NQ (5), reflectors vs C rows.
    let aref = oxblas::MatRef::col_major(&a, 4, 3, 4).unwrap();
    let mut c = vec![c64::new(1.0, 0.0); 8];
    illegal(
        unmqr(
            Side::Left,
            Op::Trans,
            aref,
            &tau,
            MatMut::col_major(&mut c, 4, 2, 4).unwrap(),
        ),
        2,
    );
    let wide = oxblas::MatRef::col_major(&a, 2, 3, 2).unwrap();
    illegal(
        unmqr(
            Side::Left,
            Op::NoTrans,
            wide,
            &tau,
            MatMut::col_major(&mut c, 2, 4, 2).unwrap(),
        ),
        5,
    );
    assert!(matches!(
        unmqr(
            Side::Right,
            Op::NoTrans,
            aref,
            &tau,
            MatMut::col_major(&mut c, 2, 3, 2).unwrap()
        ),
        Err(Error::DimensionMismatch { .. })
    ));
    // gels: Trans on complex (1), B with the wrong number of rows.
    let mut b = vec![c64::new(1.0, 0.0); 8];
    let r = gels(
        Op::Trans,
        MatMut::col_major(&mut a, 4, 3, 4).unwrap(),
        MatMut::col_major(&mut b, 4, 2, 4).unwrap(),
    );
    assert!(matches!(r, Err(Error::IllegalArgument { position: 1, .. })));
    let r = gels(
        Op::NoTrans,
        MatMut::col_major(&mut a, 4, 3, 4).unwrap(),
        MatMut::col_major(&mut b, 3, 2, 3).unwrap(),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })));
    // geqp3: jpvt of the wrong length.
    let mut jpvt = vec![0usize; 2];
    assert!(matches!(
        geqp3(
            MatMut::col_major(&mut a, 4, 3, 4).unwrap(),
            &mut jpvt,
            &mut tau
        ),
        Err(Error::DimensionMismatch { .. })
    ));
}

fn check_degenerate<T: Scalar>() {
    let e = eps::<T>();
    // Zero sizes everywhere.
    let mut empty: Vec<T> = vec![];
    let mut tau: Vec<T> = vec![];
    geqrf(MatMut::col_major(&mut empty, 0, 0, 1).unwrap(), &mut tau).unwrap();
    let mut a3 = vec![T::one(); 3];
    geqrf(MatMut::col_major(&mut a3, 3, 0, 3).unwrap(), &mut tau).unwrap();
    orgqr(MatMut::col_major(&mut a3, 3, 0, 3).unwrap(), &tau).unwrap();
    let mut jp: Vec<usize> = vec![];
    geqp3(
        MatMut::col_major(&mut a3, 3, 0, 3).unwrap(),
        &mut jp,
        &mut tau,
    )
    .unwrap();
    // gels with nrhs = 0 or an empty A zeroes B.
    let mut b = vec![T::one(); 3];
    assert_eq!(
        gels(
            Op::NoTrans,
            MatMut::col_major(&mut a3, 3, 0, 3).unwrap(),
            MatMut::col_major(&mut b, 3, 1, 3).unwrap()
        )
        .unwrap(),
        0
    );
    assert!(b.iter().all(|x| x.is_zero()));
    // A zero matrix: gels returns zeros.
    let mut z = vec![T::zero(); 6];
    let mut b = vec![T::one(); 3];
    assert_eq!(
        gels(
            Op::NoTrans,
            MatMut::col_major(&mut z, 3, 2, 3).unwrap(),
            MatMut::col_major(&mut b, 3, 1, 3).unwrap()
        )
        .unwrap(),
        0
    );
    assert!(b.iter().all(|x| x.is_zero()));
    // An exactly zero diagonal of R (first column zero): info = 1.
    let mut rng = Rng::new(99);
    let mut a: Vec<T> = (0..12)
        .map(|i| if i < 4 { T::zero() } else { rng.scalar() })
        .collect();
    let mut b: Vec<T> = (0..4).map(|_| rng.scalar()).collect();
    assert_eq!(
        gels(
            Op::NoTrans,
            MatMut::col_major(&mut a, 4, 3, 4).unwrap(),
            MatMut::col_major(&mut b, 4, 1, 4).unwrap()
        )
        .unwrap(),
        1
    );
    // ... and for m < n a zero first row of A: L(0,0) = 0.
    let mut a: Vec<T> = (0..12)
        .map(|i| if i % 3 == 0 { T::zero() } else { rng.scalar() })
        .collect();
    let mut b: Vec<T> = (0..4).map(|_| rng.scalar()).collect();
    assert_eq!(
        gels(
            Op::NoTrans,
            MatMut::col_major(&mut a, 3, 4, 3).unwrap(),
            MatMut::col_major(&mut b, 4, 1, 4).unwrap()
        )
        .unwrap(),
        1
    );
    // NaN in gives NaN out, no panic, no hang, for every routine.
    for &(m, n) in &[(6, 4), (4, 6), (150, 140)] {
        let mut a: Vec<T> = (0..m * n).map(|_| rng.scalar()).collect();
        a[m + 1] = T::from_real(T::Real::from_f64(f64::NAN));
        let a0 = a.clone();
        let k = m.min(n);
        let mut tau = vec![T::zero(); k];
        geqrf(MatMut::col_major(&mut a, m, n, m).unwrap(), &mut tau).unwrap();
        assert!(
            a.iter().chain(&tau).any(|x| x.has_nan()),
            "geqrf lost the NaN"
        );
        let mut a = a0.clone();
        let mut jpvt = vec![0; n];
        geqp3(
            MatMut::col_major(&mut a, m, n, m).unwrap(),
            &mut jpvt,
            &mut tau,
        )
        .unwrap();
        assert!(
            a.iter().chain(&tau).any(|x| x.has_nan()),
            "geqp3 lost the NaN"
        );
        let mut a = a0.clone();
        let mx = m.max(n);
        let mut b: Vec<T> = (0..mx).map(|_| rng.scalar()).collect();
        gels(
            Op::NoTrans,
            MatMut::col_major(&mut a, m, n, m).unwrap(),
            MatMut::col_major(&mut b, mx, 1, mx).unwrap(),
        )
        .unwrap();
        assert!(b.iter().any(|x| x.has_nan()), "gels lost the NaN");
    }
    // A reflector that is the identity (tau = 0) when the column below the
    // diagonal is already zero and the diagonal real: R = A exactly.
    let mut a = vec![T::zero(); 9];
    for (i, v) in [2.0, -3.0, 4.0].iter().enumerate() {
        a[i * 4] = T::from_real(T::Real::from_f64(*v));
    }
    a[3] = T::one();
    let a0 = a.clone();
    let mut tau = vec![T::one(); 3];
    geqrf(MatMut::col_major(&mut a, 3, 3, 3).unwrap(), &mut tau).unwrap();
    assert!(
        tau.iter().all(|t| t.is_zero()) && a == a0,
        "upper triangular input must be left as is"
    );
    let _ = e;
}

#[test]
fn degenerate_inputs() {
    check_degenerate::<f32>();
    check_degenerate::<f64>();
    check_degenerate::<c32>();
    check_degenerate::<c64>();
}

/// The factorisation is bitwise identical for every thread count (the
/// GEMM engine never splits k; everything else runs on the caller).
fn check_thread_invariance<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    let a = make::<T>(&mut rng, Kind::Random, 420, 300);
    let run = |threads: usize| {
        oxblas::with_num_threads(threads, || {
            let (f, tau) = factor::<T>(&a, Layout::ColMajor);
            let q = form_q(&f, &tau, 300, Layout::ColMajor);
            (f, q)
        })
    };
    let (f1, q1) = run(1);
    let (f2, q2) = run(2);
    let same = |x: &Dm, y: &Dm| {
        x.a.iter()
            .zip(&y.a)
            .all(|(u, v)| u.re.to_bits() == v.re.to_bits() && u.im.to_bits() == v.im.to_bits())
    };
    assert!(
        same(&f1, &f2) && same(&q1, &q2),
        "{:?}: results depend on the thread count",
        T::KIND
    );
}

#[test]
fn results_do_not_depend_on_thread_count() {
    check_thread_invariance::<f64>(29);
    check_thread_invariance::<c32>(30);
}

/// The vector loops have AVX-512, AVX2 and portable versions: every one
/// this CPU runs gives LAPACK-accurate factorisations.
fn check_isa<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for &(m, n) in &[(17, 17), (64, 40), (40, 64), (200, 150)] {
        let a = make::<T>(&mut rng, Kind::Random, m, n);
        let k = m.min(n);
        let what = format!("{:?} {:?} {m}x{n}", T::KIND, oxblas::arch::isa());
        let (f, tau) = factor::<T>(&a, Layout::RowMajor);
        let q = form_q(&f, &tau, k, Layout::ColMajor);
        let (res, orth) = (qr_resid::<T>(&a, &q, &upper(&f, k)), orth_resid::<T>(&q));
        assert!(
            res < THRESH && orth < THRESH,
            "{what} geqrf: {res:.2} {orth:.2}"
        );
        let mut mat = a.to_mat::<T>(Layout::ColMajor);
        let mut jpvt = vec![0usize; n];
        let mut tau = vec![T::zero(); k];
        geqp3(mat.as_mut(), &mut jpvt, &mut tau).unwrap();
        let f = Dm::of(mat.as_ref());
        let q = form_q(&f, &tau, k, Layout::ColMajor);
        let res = qr_resid::<T>(&permuted(&a, &jpvt), &q, &upper(&f, k));
        assert!(res < THRESH, "{what} geqp3: {res:.2}");
    }
}

#[test]
fn every_isa_is_accurate() {
    for_each_isa(|_| {
        check_isa::<f32>(31);
        check_isa::<f64>(32);
        check_isa::<c32>(33);
        check_isa::<c64>(34);
    });
}
