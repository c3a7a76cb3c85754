//! GEMM against a naive triple loop: every type, every op pair, edge sizes,
//! every storage layout, alpha/beta specials, the NaN rules, every ISA this
//! CPU has, and bitwise identity across thread counts.

mod common;
use common::*;
use oxblas::arch::{with_isa, Isa};
use oxblas::{c32, c64, gemm, with_num_threads, Op, Scalar};

const OPS: [Op; 3] = [Op::NoTrans, Op::Trans, Op::ConjTrans];

/// Stored shape of an operand whose op() is rows x cols.
fn stored(op: Op, rows: usize, cols: usize) -> (usize, usize) {
    if op == Op::NoTrans {
        (rows, cols)
    } else {
        (cols, rows)
    }
}

fn op_at<T: Scalar>(x: &Mat<T>, op: Op, i: usize, j: usize) -> T {
    match op {
        Op::NoTrans => x.at(i, j),
        Op::Trans => x.at(j, i),
        Op::ConjTrans => x.at(j, i).conj(),
    }
}

/// Checks C against alpha*op(A)*op(B) + beta*C0 element by element, with the
/// error bound of a length-k dot product; also that padding is untouched.
#[allow(clippy::too_many_arguments)]
fn check<T: Scalar>(
    what: &str,
    op_a: Op,
    op_b: Op,
    alpha: T,
    a: &Mat<T>,
    b: &Mat<T>,
    beta: T,
    c0: &Mat<T>,
    c: &Mat<T>,
) {
    let (m, n) = (c.nrows, c.ncols);
    let k = if op_a == Op::NoTrans {
        a.ncols
    } else {
        a.nrows
    };
    for j in 0..n {
        for i in 0..m {
            let mut s = T::zero();
            let mut mag = 0.0;
            for p in 0..k {
                let (x, y) = (op_at(a, op_a, i, p), op_at(b, op_b, p, j));
                s += x * y;
                mag += abs(x) * abs(y);
            }
            let expect = if beta.is_zero() {
                alpha * s
            } else {
                alpha * s + beta * c0.at(i, j)
            };
            let bound = 4.0
                * (k as f64 + 4.0)
                * eps::<T>()
                * (abs(alpha) * mag + abs(beta) * abs(c0.at(i, j)) + 1e-30);
            let got = c.at(i, j);
            let err = abs(got - expect);
            assert!(
                err <= bound,
                "{what}: {:?} {op_a:?}{op_b:?} m={m} n={n} k={k} at ({i},{j}): got {got:?} want {expect:?} (err {err:e} > {bound:e})",
                T::KIND
            );
        }
    }
    assert!(c.padding() == c0.padding(), "{what}: gemm wrote outside C");
}

#[allow(clippy::too_many_arguments)]
fn run_case<T: Scalar>(
    rng: &mut Rng,
    what: &str,
    op_a: Op,
    op_b: Op,
    m: usize,
    n: usize,
    k: usize,
    layouts: [Layout; 3],
    alpha: T,
    beta: T,
) {
    let (ar, ac) = stored(op_a, m, k);
    let (br, bc) = stored(op_b, k, n);
    let a = Mat::new(ar, ac, layouts[0], || rng.scalar());
    let b = Mat::new(br, bc, layouts[1], || rng.scalar());
    let c0 = Mat::new(m, n, layouts[2], || rng.scalar());
    let mut c = c0.clone_layout();
    gemm(op_a, op_b, alpha, a.as_ref(), b.as_ref(), beta, c.as_mut()).unwrap();
    check(what, op_a, op_b, alpha, &a, &b, beta, &c0, &c);
}

/// alpha/beta values: 0, 1, -1, random, and (for complex) a pure imaginary.
fn specials<T: Scalar>(rng: &mut Rng) -> Vec<T> {
    let mut v = vec![T::zero(), T::one(), -T::one(), rng.scalar()];
    if T::IS_COMPLEX {
        v.push(T::from_parts(
            T::Real::from_f64(0.0),
            T::Real::from_f64(0.75),
        ));
    }
    v
}
use oxblas::RealScalar;

fn small_sizes_all_ops<T: Scalar>(isa: Isa, seed: u64) {
    with_isa(isa, || {
        let mut rng = Rng::new(seed);
        let sp = specials::<T>(&mut rng);
        let mut case = 0usize;
        for &op_a in &OPS {
            for &op_b in &OPS {
                for m in 0..=17 {
                    for n in 0..=17 {
                        for k in [0usize, 1, 2, 7, 16, 17] {
                            case += 1;
                            let alpha = sp[case % sp.len()];
                            let beta = sp[(case / sp.len()) % sp.len()];
                            let l = [
                                LAYOUTS[case % 4],
                                LAYOUTS[(case / 4) % 4],
                                LAYOUTS[(case / 16) % 4],
                            ];
                            run_case(&mut rng, isa.name(), op_a, op_b, m, n, k, l, alpha, beta);
                        }
                    }
                }
            }
        }
    })
}

fn edge_sizes<T: Scalar>(isa: Isa, seed: u64) {
    with_isa(isa, || {
        let mut rng = Rng::new(seed);
        let sp = specials::<T>(&mut rng);
        let sizes = [31usize, 32, 33, 127, 128, 129];
        let mut case = 0usize;
        for &m in &sizes {
            for &n in &sizes {
                for &k in &sizes {
                    case += 1;
                    // Keep the suite fast: every (m, n) pair, k cycling.
                    if (case + m + n) % 3 != 0 {
                        continue;
                    }
                    let op_a = OPS[case % 3];
                    let op_b = OPS[(case / 3) % 3];
                    let l = [
                        LAYOUTS[case % 4],
                        LAYOUTS[(case / 2) % 4],
                        LAYOUTS[(case / 5) % 4],
                    ];
                    let alpha = sp[case % sp.len()];
                    let beta = sp[(case / 2) % sp.len()];
                    run_case(&mut rng, isa.name(), op_a, op_b, m, n, k, l, alpha, beta);
                }
            }
        }
    })
}

fn large_sizes<T: Scalar>(isa: Isa, seed: u64) {
    with_isa(isa, || {
        let mut rng = Rng::new(seed);
        let alpha: T = rng.scalar();
        let beta: T = rng.scalar();
        // Crosses MC, KC (and NC for complex) block edges; skinny shapes.
        let shapes = [
            (300usize, 257usize, 530usize),
            (1000, 9, 300),
            (7, 600, 800),
            (260, 270, 40),
            (333, 70, 600),
        ];
        for (idx, &(m, n, k)) in shapes.iter().enumerate() {
            let op_a = OPS[idx % 3];
            let op_b = OPS[(idx + 1) % 3];
            let l = [
                LAYOUTS[idx % 4],
                LAYOUTS[(idx + 1) % 4],
                LAYOUTS[(idx + 2) % 4],
            ];
            run_case(&mut rng, isa.name(), op_a, op_b, m, n, k, l, alpha, beta);
        }
    })
}

macro_rules! per_type {
    ($modname:ident, $t:ty, $seed:literal) => {
        mod $modname {
            use super::*;
            #[test]
            fn small_sizes_every_op_every_isa() {
                for isa in Isa::all_supported() {
                    small_sizes_all_ops::<$t>(isa, $seed);
                }
            }
            #[test]
            fn edge_sizes_every_isa() {
                for isa in Isa::all_supported() {
                    edge_sizes::<$t>(isa, $seed + 1);
                }
            }
            #[test]
            fn large_sizes_every_isa() {
                for isa in Isa::all_supported() {
                    large_sizes::<$t>(isa, $seed + 2);
                }
            }
            #[test]
            fn nan_rules() {
                nan_rules_for::<$t>();
            }
            #[test]
            fn thread_count_does_not_change_bits() {
                bitwise_across_threads::<$t>($seed + 3);
            }
        }
    };
}
per_type!(f32_gemm, f32, 10);
per_type!(f64_gemm, f64, 20);
per_type!(c32_gemm, c32, 30);
per_type!(c64_gemm, c64, 40);

/// beta = 0 overwrites C without reading it; alpha = 0 or k = 0 reads neither
/// A nor B; NaN in A propagates when it is used.
fn nan_rules_for<T: Scalar>() {
    let nan = T::from_real(T::Real::from_f64(f64::NAN));
    for isa in Isa::all_supported() {
        with_isa(isa, || {
            for &(m, n, k) in &[(5usize, 3usize, 4usize), (40, 33, 20), (130, 70, 90)] {
                let mut rng = Rng::new(7);
                let a = Mat::new(m, k, Layout::ColMajor, || rng.scalar());
                let b = Mat::new(k, n, Layout::ColMajor, || rng.scalar());
                let mut c = Mat::new(m, n, Layout::ColMajor, || nan);
                gemm(
                    Op::NoTrans,
                    Op::NoTrans,
                    T::one(),
                    a.as_ref(),
                    b.as_ref(),
                    T::zero(),
                    c.as_mut(),
                )
                .unwrap();
                for j in 0..n {
                    for i in 0..m {
                        assert!(
                            !c.at(i, j).has_nan(),
                            "beta=0 must not read C ({isa:?} {m}x{n}x{k})"
                        );
                    }
                }
                // alpha = 0: A and B full of NaN are not read; C scaled by beta.
                let an = Mat::new(m, k, Layout::ColMajor, || nan);
                let bn = Mat::new(k, n, Layout::ColMajor, || nan);
                let two = T::from_real(T::Real::from_f64(2.0));
                let c0 = Mat::new(m, n, Layout::RowMajor, || rng.scalar());
                let mut c = c0.clone_layout();
                gemm(
                    Op::NoTrans,
                    Op::Trans,
                    T::zero(),
                    an.as_ref(),
                    bn.transpose_owned().as_ref(),
                    two,
                    c.as_mut(),
                )
                .unwrap();
                for j in 0..n {
                    for i in 0..m {
                        assert_eq!(c.at(i, j), two * c0.at(i, j), "alpha=0 must only scale C");
                    }
                }
                // alpha = 0 and beta = 0: exact zeros even over NaN in C.
                let mut c = Mat::new(m, n, Layout::Strided, || nan);
                gemm(
                    Op::NoTrans,
                    Op::NoTrans,
                    T::zero(),
                    an.as_ref(),
                    bn.as_ref(),
                    T::zero(),
                    c.as_mut(),
                )
                .unwrap();
                assert!((0..n).all(|j| (0..m).all(|i| c.at(i, j).is_zero())));
                // k = 0: C = beta*C, operands of width zero.
                let a0 = Mat::new(m, 0, Layout::ColMajor, || nan);
                let b0 = Mat::new(0, n, Layout::ColMajor, || nan);
                let mut c = c0.clone_layout();
                gemm(
                    Op::NoTrans,
                    Op::NoTrans,
                    T::one(),
                    a0.as_ref(),
                    b0.as_ref(),
                    two,
                    c.as_mut(),
                )
                .unwrap();
                assert!((0..n).all(|j| (0..m).all(|i| c.at(i, j) == two * c0.at(i, j))));
                // A NaN in A reaches exactly its row of C.
                let mut a1 = a.clone_layout();
                let idx = a1.index(m / 2, k / 2);
                a1.buf[idx] = nan;
                let mut c = Mat::new(m, n, Layout::ColMajor, T::zero);
                gemm(
                    Op::NoTrans,
                    Op::NoTrans,
                    T::one(),
                    a1.as_ref(),
                    b.as_ref(),
                    T::zero(),
                    c.as_mut(),
                )
                .unwrap();
                for j in 0..n {
                    for i in 0..m {
                        assert_eq!(
                            c.at(i, j).has_nan(),
                            i == m / 2,
                            "NaN propagation at ({i},{j})"
                        );
                    }
                }
            }
        })
    }
}

trait TransposeOwned<T> {
    fn transpose_owned(&self) -> Mat<T>;
}
impl<T: Scalar> TransposeOwned<T> for Mat<T> {
    fn transpose_owned(&self) -> Mat<T> {
        Mat {
            buf: self.buf.clone(),
            offset: self.offset,
            nrows: self.ncols,
            ncols: self.nrows,
            rs: self.cs,
            cs: self.rs,
        }
    }
}

/// 1 and 2 threads (and 3, which the pool may grant partly) give the same bits.
fn bitwise_across_threads<T: Scalar>(seed: u64) {
    let mut rng = Rng::new(seed);
    for &(m, n, k, op_a, op_b) in &[
        (300usize, 280usize, 300usize, Op::NoTrans, Op::NoTrans),
        (517, 64, 700, Op::Trans, Op::NoTrans),
        (64, 900, 333, Op::NoTrans, Op::ConjTrans),
        (129, 129, 129, Op::ConjTrans, Op::Trans),
        (301, 40, 600, Op::NoTrans, Op::NoTrans),
    ] {
        let (ar, ac) = stored(op_a, m, k);
        let (br, bc) = stored(op_b, k, n);
        let a = Mat::new(ar, ac, Layout::ColMajor, || rng.scalar());
        let b = Mat::new(br, bc, Layout::ColMajor, || rng.scalar());
        let c0 = Mat::new(m, n, Layout::ColMajor, || rng.scalar());
        let alpha: T = rng.scalar();
        let beta: T = rng.scalar();
        let run = |nt: usize| {
            let mut c = c0.clone_layout();
            with_num_threads(nt, || {
                gemm(op_a, op_b, alpha, a.as_ref(), b.as_ref(), beta, c.as_mut()).unwrap()
            });
            c.buf
        };
        let one = run(1);
        assert!(run(2) == one, "2 threads changed the result ({m}x{n}x{k})");
        assert!(run(3) == one, "3 threads changed the result ({m}x{n}x{k})");
    }
}

#[test]
fn dimension_mismatch_is_an_error() {
    let a = vec![0.0f64; 6];
    let b = vec![0.0f64; 6];
    let mut c = vec![0.0f64; 4];
    let r = gemm(
        Op::NoTrans,
        Op::NoTrans,
        1.0,
        oxblas::MatRef::col_major(&a, 2, 3, 2).unwrap(),
        oxblas::MatRef::col_major(&b, 2, 3, 2).unwrap(),
        0.0,
        oxblas::MatMut::col_major(&mut c, 2, 2, 2).unwrap(),
    );
    assert!(matches!(r, Err(oxblas::Error::DimensionMismatch { .. })));
}
