//! Level 3 routines other than GEMM against naive loops on densified
//! matrices: every type, side, uplo, op, diag; sizes crossing the recursion
//! leaves and panels; every layout; alpha/beta specials; untouched triangles
//! and padding.

mod common;
use common::*;
use oxblas::blas::level3::{gemmt, hemm, her2k, herk, symm, syr2k, syrk, trmm, trsm};
use oxblas::{c32, c64, Diag, Op, RealScalar, Scalar, Side, Uplo};

const SIZES: [usize; 7] = [0, 1, 3, 17, 40, 70, 133];

fn dense<T: Scalar>(m: usize, n: usize, f: impl Fn(usize, usize) -> T) -> Vec<Vec<T>> {
    (0..m).map(|i| (0..n).map(|j| f(i, j)).collect()).collect()
}

fn matmul<T: Scalar>(a: &[Vec<T>], b: &[Vec<T>], n: usize) -> (Vec<Vec<T>>, Vec<Vec<f64>>) {
    let m = a.len();
    let k = b.len();
    let mut c = vec![vec![T::zero(); n]; m];
    let mut mag = vec![vec![0.0; n]; m];
    for i in 0..m {
        for j in 0..n {
            for p in 0..k {
                c[i][j] += a[i][p] * b[p][j];
                mag[i][j] += abs(a[i][p]) * abs(b[p][j]);
            }
        }
    }
    (c, mag)
}

fn op_dense<T: Scalar>(x: &Mat<T>, op: Op) -> Vec<Vec<T>> {
    match op {
        Op::NoTrans => dense(x.nrows, x.ncols, |i, j| x.at(i, j)),
        Op::Trans => dense(x.ncols, x.nrows, |i, j| x.at(j, i)),
        Op::ConjTrans => dense(x.ncols, x.nrows, |i, j| x.at(j, i).conj()),
    }
}

fn close<T: Scalar>(what: &str, got: T, want: T, mag: f64, k: usize) {
    let bound = 8.0 * (k as f64 + 4.0) * eps::<T>() * (mag + 1e-30) + 8.0 * eps::<T>() * abs(want);
    assert!(
        abs(got - want) <= bound,
        "{what}: got {got:?} want {want:?} (bound {bound:e})"
    );
}

fn scalars<T: Scalar>(rng: &mut Rng) -> [T; 4] {
    [T::zero(), T::one(), rng.scalar(), -T::one()]
}

fn check_symm<T: Scalar>(herm: bool) {
    let mut rng = Rng::new(11);
    let mut case = 0;
    for &side in &[Side::Left, Side::Right] {
        for &uplo in &[Uplo::Upper, Uplo::Lower] {
            for &(m, n) in &[
                (0usize, 3usize),
                (3, 0),
                (1, 1),
                (17, 5),
                (40, 70),
                (133, 17),
                (600, 9),
            ] {
                case += 1;
                let ka = if side == Side::Left { m } else { n };
                let a = Mat::new(ka, ka, LAYOUTS[case % 4], || rng.scalar::<T>());
                let b = Mat::new(m, n, LAYOUTS[(case + 1) % 4], || rng.scalar::<T>());
                let c0 = Mat::new(m, n, LAYOUTS[(case + 2) % 4], || rng.scalar::<T>());
                let sc = scalars::<T>(&mut rng);
                let (alpha, beta) = (sc[case % 4], sc[(case / 4) % 4]);
                let lower = uplo == Uplo::Lower;
                let full = dense(ka, ka, |i, j| {
                    let stored = if lower { i >= j } else { i <= j };
                    let v = if stored {
                        a.at(i, j)
                    } else if herm {
                        a.at(j, i).conj()
                    } else {
                        a.at(j, i)
                    };
                    if herm && i == j {
                        T::from_real(v.re())
                    } else {
                        v
                    }
                });
                let bd = op_dense(&b, Op::NoTrans);
                let (p, mag) = if side == Side::Left {
                    matmul(&full, &bd, n)
                } else {
                    matmul(&bd, &full, n)
                };
                let mut c = c0.clone_layout();
                if herm {
                    hemm(side, uplo, alpha, a.as_ref(), b.as_ref(), beta, c.as_mut()).unwrap();
                } else {
                    symm(side, uplo, alpha, a.as_ref(), b.as_ref(), beta, c.as_mut()).unwrap();
                }
                for i in 0..m {
                    for j in 0..n {
                        let want = alpha * p[i][j]
                            + if beta.is_zero() {
                                T::zero()
                            } else {
                                beta * c0.at(i, j)
                            };
                        close(
                            "symm/hemm",
                            c.at(i, j),
                            want,
                            abs(alpha) * mag[i][j] + abs(beta) * abs(c0.at(i, j)),
                            ka,
                        );
                    }
                }
                assert!(c.padding() == c0.padding(), "symm wrote outside C");
            }
        }
    }
}

/// Checks a triangle-only result: the `uplo` triangle equals `want`, the
/// other triangle and padding are untouched; Hermitian diagonals are real.
#[allow(clippy::too_many_arguments)]
fn check_tri<T: Scalar>(
    what: &str,
    uplo: Uplo,
    c0: &Mat<T>,
    c: &Mat<T>,
    want: &[Vec<T>],
    mag: &[Vec<f64>],
    k: usize,
    herm: bool,
) {
    let n = c.nrows;
    for i in 0..n {
        for j in 0..n {
            let inside = if uplo == Uplo::Lower { i >= j } else { i <= j };
            if inside {
                let w = if herm && i == j {
                    T::from_real(want[i][j].re())
                } else {
                    want[i][j]
                };
                close(what, c.at(i, j), w, mag[i][j], k);
                if herm && i == j {
                    assert!(
                        c.at(i, i).im() == T::Real::zero(),
                        "{what}: diagonal not real"
                    );
                }
            } else {
                assert!(
                    c.at(i, j) == c0.at(i, j),
                    "{what}: other triangle touched at ({i},{j})"
                );
            }
        }
    }
    assert!(c.padding() == c0.padding(), "{what}: wrote outside C");
}

fn check_rankk<T: Scalar>() {
    check_rankk_with::<T>(&SIZES, &[0, 1, 9, 64], None);
}

/// Triangles large enough to be cut into column blocks (run on the
/// threads): right on 1 and on 2 threads, and the same bits on both.
fn check_rankk_threads<T: Scalar>() {
    check_rankk_with::<T>(&[230], &[90], Some(1));
    check_rankk_with::<T>(&[230], &[90], Some(2));
    let mut rng = Rng::new(16);
    for (case, &uplo) in [Uplo::Upper, Uplo::Lower].iter().enumerate() {
        let (n, k) = (260, 80);
        let a = Mat::new(n, k, LAYOUTS[case], || rng.scalar::<T>());
        let b = Mat::new(k, n, LAYOUTS[case + 1], || rng.scalar::<T>());
        let c0 = Mat::new(n, n, LAYOUTS[case + 2], || rng.scalar::<T>());
        let alpha: T = rng.scalar();
        let run = |nt: usize, which: usize| {
            let mut c = c0.clone_layout();
            threads(Some(nt), || match which {
                0 => syrk(uplo, Op::NoTrans, alpha, a.as_ref(), alpha, c.as_mut()).unwrap(),
                1 => herk(
                    uplo,
                    Op::NoTrans,
                    alpha.re(),
                    a.as_ref(),
                    T::Real::from_f64(0.5),
                    c.as_mut(),
                )
                .unwrap(),
                2 => syr2k(
                    uplo,
                    Op::Trans,
                    alpha,
                    b.as_ref(),
                    b.as_ref(),
                    T::one(),
                    c.as_mut(),
                )
                .unwrap(),
                _ => gemmt(
                    uplo,
                    Op::NoTrans,
                    Op::NoTrans,
                    alpha,
                    a.as_ref(),
                    b.as_ref(),
                    T::zero(),
                    c.as_mut(),
                )
                .unwrap(),
            });
            c.buf
        };
        for which in 0..4 {
            let (c1, c2) = (run(1, which), run(2, which));
            assert!(
                c1.iter().zip(&c2).all(|(p, q)| same_bits(*p, *q)),
                "rank-k routine {which} {uplo:?}: differs across thread counts"
            );
        }
    }
}

fn check_rankk_with<T: Scalar>(sizes: &[usize], ks: &[usize], nt: Option<usize>) {
    threads(nt, || check_rankk_body::<T>(sizes, ks))
}

fn check_rankk_body<T: Scalar>(sizes: &[usize], ks: &[usize]) {
    let mut rng = Rng::new(12);
    let mut case = 0usize;
    for &uplo in &[Uplo::Upper, Uplo::Lower] {
        for &n in sizes {
            for &k in ks {
                case += 1;
                let sc = scalars::<T>(&mut rng);
                let (alpha, beta) = (sc[case % 4], sc[(case / 2) % 4]);
                let (ra, rb) = (T::from_real(alpha.re()), T::from_real(beta.re()));
                for &op in &[Op::NoTrans, Op::Trans, Op::ConjTrans] {
                    let (ar, ac) = if op == Op::NoTrans { (n, k) } else { (k, n) };
                    let a = Mat::new(ar, ac, LAYOUTS[case % 4], || rng.scalar::<T>());
                    let b = Mat::new(ar, ac, LAYOUTS[(case + 1) % 4], || rng.scalar::<T>());
                    let c0 = Mat::new(n, n, LAYOUTS[(case + 2) % 4], || rng.scalar::<T>());
                    let x = op_dense(
                        &a,
                        if op == Op::NoTrans {
                            Op::NoTrans
                        } else {
                            Op::Trans
                        },
                    );
                    let y = op_dense(
                        &b,
                        if op == Op::NoTrans {
                            Op::NoTrans
                        } else {
                            Op::Trans
                        },
                    );
                    let tr = |v: &[Vec<T>], conj: bool| dense(k, n, |i, j| v[j][i].conj_if(conj));
                    let combine = |p: &[Vec<T>], mp: &[Vec<f64>], al: T, be: T| {
                        let w = dense(n, n, |i, j| {
                            al * p[i][j]
                                + if be.is_zero() {
                                    T::zero()
                                } else {
                                    be * c0.at(i, j)
                                }
                        });
                        let mg =
                            dense(n, n, |i, j| abs(al) * mp[i][j] + abs(be) * abs(c0.at(i, j)));
                        (w, mg)
                    };
                    if op != Op::ConjTrans || !T::IS_COMPLEX {
                        // syrk: X X^T with X = op(A)
                        let (p, mp) = matmul(&x, &tr(&x, false), n);
                        let (w, mg) = combine(&p, &mp, alpha, beta);
                        let mut c = c0.clone_layout();
                        syrk(uplo, op, alpha, a.as_ref(), beta, c.as_mut()).unwrap();
                        check_tri("syrk", uplo, &c0, &c, &w, &mg, k, false);
                        // syr2k: X Y^T + Y X^T
                        let (p1, m1) = matmul(&x, &tr(&y, false), n);
                        let (p2, m2) = matmul(&y, &tr(&x, false), n);
                        let p = dense(n, n, |i, j| p1[i][j] + p2[i][j]);
                        let mp = dense(n, n, |i, j| m1[i][j] + m2[i][j]);
                        let (w, mg) = combine(&p, &mp, alpha, beta);
                        let mut c = c0.clone_layout();
                        syr2k(uplo, op, alpha, a.as_ref(), b.as_ref(), beta, c.as_mut()).unwrap();
                        check_tri("syr2k", uplo, &c0, &c, &w, &mg, 2 * k, false);
                    }
                    if op != Op::Trans || !T::IS_COMPLEX {
                        // herk: X X^H, X = A (NoTrans) or A^H
                        let xh = if op == Op::NoTrans {
                            x.clone()
                        } else {
                            op_dense(&a, Op::ConjTrans)
                        };
                        let yh = if op == Op::NoTrans {
                            y.clone()
                        } else {
                            op_dense(&b, Op::ConjTrans)
                        };
                        let (p, mp) = matmul(&xh, &tr(&xh, true), n);
                        let (w, mg) = combine(&p, &mp, ra, rb);
                        let mut c = c0.clone_layout();
                        herk(uplo, op, alpha.re(), a.as_ref(), beta.re(), c.as_mut()).unwrap();
                        let quick = (ra.is_zero() || k == 0) && rb.is_one();
                        if !quick {
                            check_tri("herk", uplo, &c0, &c, &w, &mg, k, T::IS_COMPLEX);
                        } else {
                            assert!(c.buf == c0.buf, "herk quick return must not touch C");
                        }
                        let (p1, m1) = matmul(&xh, &tr(&yh, true), n);
                        let (p2, m2) = matmul(&yh, &tr(&xh, true), n);
                        let p = dense(n, n, |i, j| alpha * p1[i][j] + alpha.conj() * p2[i][j]);
                        let mp = dense(n, n, |i, j| abs(alpha) * (m1[i][j] + m2[i][j]));
                        let (w, mg) = combine(&p, &mp, T::one(), rb);
                        let mut c = c0.clone_layout();
                        her2k(
                            uplo,
                            op,
                            alpha,
                            a.as_ref(),
                            b.as_ref(),
                            beta.re(),
                            c.as_mut(),
                        )
                        .unwrap();
                        let quick = (alpha.is_zero() || k == 0) && rb.is_one() && T::IS_COMPLEX;
                        if !quick {
                            check_tri("her2k", uplo, &c0, &c, &w, &mg, 2 * k, T::IS_COMPLEX);
                        }
                    }
                }
            }
        }
    }
}

fn check_gemmt<T: Scalar>() {
    let mut rng = Rng::new(13);
    let ops = [Op::NoTrans, Op::Trans, Op::ConjTrans];
    let mut case = 0usize;
    for &uplo in &[Uplo::Upper, Uplo::Lower] {
        for &n in &SIZES {
            for &k in &[0usize, 5, 70] {
                case += 1;
                let (op_a, op_b) = (ops[case % 3], ops[(case / 3) % 3]);
                let (ar, ac) = if op_a == Op::NoTrans { (n, k) } else { (k, n) };
                let (br, bc) = if op_b == Op::NoTrans { (k, n) } else { (n, k) };
                let a = Mat::new(ar, ac, LAYOUTS[case % 4], || rng.scalar::<T>());
                let b = Mat::new(br, bc, LAYOUTS[(case + 3) % 4], || rng.scalar::<T>());
                let c0 = Mat::new(n, n, LAYOUTS[(case + 1) % 4], || rng.scalar::<T>());
                let sc = scalars::<T>(&mut rng);
                let (alpha, beta) = (sc[(case + 1) % 4], sc[case % 4]);
                let (p, mp) = matmul(&op_dense(&a, op_a), &op_dense(&b, op_b), n);
                let w = dense(n, n, |i, j| {
                    alpha * p[i][j]
                        + if beta.is_zero() {
                            T::zero()
                        } else {
                            beta * c0.at(i, j)
                        }
                });
                let mg = dense(n, n, |i, j| {
                    abs(alpha) * mp[i][j] + abs(beta) * abs(c0.at(i, j))
                });
                let mut c = c0.clone_layout();
                gemmt(
                    uplo,
                    op_a,
                    op_b,
                    alpha,
                    a.as_ref(),
                    b.as_ref(),
                    beta,
                    c.as_mut(),
                )
                .unwrap();
                check_tri("gemmt", uplo, &c0, &c, &w, &mg, k, false);
            }
        }
    }
}

/// Runs `f` with the thread count `nt` (None: the default).
fn threads<R>(nt: Option<usize>, f: impl FnOnce() -> R) -> R {
    match nt {
        Some(n) => oxblas::with_num_threads(n, f),
        None => f(),
    }
}

/// One trmm and one trsm case against naive products; with several
/// thread counts, also that every count gives the same bits.
#[allow(clippy::too_many_arguments)]
fn tri_case<T: Scalar>(
    rng: &mut Rng,
    case: usize,
    (side, uplo, op, diag): (Side, Uplo, Op, Diag),
    m: usize,
    n: usize,
    counts: &[Option<usize>],
) {
    let ka = if side == Side::Left { m } else { n };
    // Well-conditioned triangle: dominant diagonal.
    let nd = T::from_real(T::Real::from_f64(ka as f64 + 2.0));
    let mut a = Mat::new(ka, ka, LAYOUTS[case % 4], || rng.scalar::<T>());
    for i in 0..ka {
        let idx = a.index(i, i);
        a.buf[idx] += nd;
    }
    let b0 = Mat::new(m, n, LAYOUTS[(case + 1) % 4], || rng.scalar::<T>());
    let sc = scalars::<T>(rng);
    let alpha = sc[case % 4];
    let lower = uplo == Uplo::Lower;
    let tri = dense(ka, ka, |i, j| {
        if i == j && diag == Diag::Unit {
            T::one()
        } else if (lower && i >= j) || (!lower && i <= j) {
            a.at(i, j)
        } else {
            T::zero()
        }
    });
    let opt = match op {
        Op::NoTrans => tri.clone(),
        Op::Trans => dense(ka, ka, |i, j| tri[j][i]),
        Op::ConjTrans => dense(ka, ka, |i, j| tri[j][i].conj()),
    };
    let what = format!("{side:?} {uplo:?} {op:?} {diag:?} {m}x{n}");
    let bd = op_dense(&b0, Op::NoTrans);
    // trmm: B = alpha * op(A) * B (or B * op(A))
    let (p, mp) = if side == Side::Left {
        matmul(&opt, &bd, n)
    } else {
        matmul(&bd, &opt, n)
    };
    let runs: Vec<Mat<T>> = counts
        .iter()
        .map(|&nt| {
            let mut b = b0.clone_layout();
            threads(nt, || {
                trmm(side, uplo, op, diag, alpha, a.as_ref(), b.as_mut()).unwrap()
            });
            b
        })
        .collect();
    let b = &runs[0];
    for r in &runs[1..] {
        assert!(
            r.buf.iter().zip(&b.buf).all(|(p, q)| same_bits(*p, *q)),
            "trmm {what}: differs across thread counts"
        );
    }
    for i in 0..m {
        for j in 0..n {
            close(
                &format!("trmm {what}"),
                b.at(i, j),
                alpha * p[i][j],
                abs(alpha) * mp[i][j],
                ka,
            );
        }
    }
    assert!(b.padding() == b0.padding(), "trmm wrote outside B");
    // trsm: solve, then multiply back and compare with alpha*B0.
    let runs: Vec<Mat<T>> = counts
        .iter()
        .map(|&nt| {
            let mut x = b0.clone_layout();
            threads(nt, || {
                trsm(side, uplo, op, diag, alpha, a.as_ref(), x.as_mut()).unwrap()
            });
            x
        })
        .collect();
    let x = &runs[0];
    for r in &runs[1..] {
        assert!(
            r.buf.iter().zip(&x.buf).all(|(p, q)| same_bits(*p, *q)),
            "trsm {what}: differs across thread counts"
        );
    }
    let xd = op_dense(x, Op::NoTrans);
    let (r, mr) = if side == Side::Left {
        matmul(&opt, &xd, n)
    } else {
        matmul(&xd, &opt, n)
    };
    for i in 0..m {
        for j in 0..n {
            let want = alpha * b0.at(i, j);
            close(
                &format!("trsm residual {what}"),
                r[i][j],
                want,
                4.0 * mr[i][j] + abs(want),
                4 * ka,
            );
        }
    }
    assert!(x.padding() == b0.padding(), "trsm wrote outside B");
}

const TRI_CASES: usize = 24;

/// Every (side, uplo, op, diag) combination, in a fixed order.
fn tri_combos() -> Vec<(Side, Uplo, Op, Diag)> {
    let mut v = Vec::with_capacity(TRI_CASES);
    for &side in &[Side::Left, Side::Right] {
        for &uplo in &[Uplo::Upper, Uplo::Lower] {
            for &op in &[Op::NoTrans, Op::Trans, Op::ConjTrans] {
                for &diag in &[Diag::NonUnit, Diag::Unit] {
                    v.push((side, uplo, op, diag));
                }
            }
        }
    }
    v
}

fn check_trmm_trsm<T: Scalar>() {
    let mut rng = Rng::new(14);
    let mut case = 0usize;
    for combo in tri_combos() {
        for &(m, n) in &[
            (0usize, 4usize),
            (1, 1),
            (5, 3),
            (33, 40),
            (100, 7),
            (7, 90),
        ] {
            case += 1;
            tri_case::<T>(&mut rng, case, combo, m, n, &[None]);
        }
    }
}

/// Products large enough to be cut into column slabs on the threads.
fn check_trmm_trsm_threads<T: Scalar>() {
    let mut rng = Rng::new(15);
    for (case, combo) in tri_combos().into_iter().enumerate() {
        if combo.3 == Diag::Unit && case % 4 != 1 {
            continue;
        }
        let (m, n) = if combo.0 == Side::Left {
            (150, 390)
        } else {
            (390, 150)
        };
        tri_case::<T>(&mut rng, case, combo, m, n, &[Some(1), Some(2)]);
    }
}

macro_rules! per_type {
    ($m:ident, $t:ty) => {
        mod $m {
            use super::*;
            #[test]
            fn symm_matches_naive() {
                check_symm::<$t>(false);
            }
            #[test]
            fn hemm_matches_naive() {
                check_symm::<$t>(true);
            }
            #[test]
            fn rank_k_updates_match_naive() {
                check_rankk::<$t>();
            }
            #[test]
            fn rank_k_updates_threads_match_naive_and_each_other() {
                check_rankk_threads::<$t>();
            }
            #[test]
            fn gemmt_matches_naive() {
                check_gemmt::<$t>();
            }
            #[test]
            fn trmm_and_trsm_match_naive() {
                check_trmm_trsm::<$t>();
            }
            #[test]
            fn trmm_and_trsm_threads_match_naive_and_each_other() {
                check_trmm_trsm_threads::<$t>();
            }
        }
    };
}
per_type!(f32_l3, f32);
per_type!(f64_l3, f64);
per_type!(c32_l3, c32);
per_type!(c64_l3, c64);

#[test]
fn trsm_alpha_zero_does_not_read_a() {
    let a = vec![f64::NAN; 9];
    let mut b = vec![f64::NAN; 6];
    trsm(
        Side::Left,
        Uplo::Lower,
        Op::NoTrans,
        Diag::NonUnit,
        0.0,
        oxblas::MatRef::col_major(&a, 3, 3, 3).unwrap(),
        oxblas::MatMut::col_major(&mut b, 3, 2, 3).unwrap(),
    )
    .unwrap();
    assert!(b.iter().all(|&x| x == 0.0));
}

#[test]
fn trsm_tiny_complex_diagonal_does_not_underflow() {
    // A = diag(1e-160 * (1 + i)): the textbook quotient squares the
    // diagonal (1e-320, below the smallest normal) and loses it.
    let d = c64::new(1e-160, 1e-160);
    let a = vec![d, c64::new(0.0, 0.0), c64::new(0.0, 0.0), d];
    let mut b = vec![c64::new(1e-160, 0.0); 2];
    trsm(
        Side::Left,
        Uplo::Upper,
        Op::NoTrans,
        Diag::NonUnit,
        c64::new(1.0, 0.0),
        oxblas::MatRef::col_major(&a, 2, 2, 2).unwrap(),
        oxblas::MatMut::col_major(&mut b, 2, 1, 2).unwrap(),
    )
    .unwrap();
    // x = 1e-160 / (1e-160 (1+i)) = (1 - i)/2
    for x in b {
        assert!(
            (x.re - 0.5).abs() < 1e-14 && (x.im + 0.5).abs() < 1e-14,
            "{x:?}"
        );
    }
}
