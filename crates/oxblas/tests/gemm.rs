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
                    if !(case + m + n).is_multiple_of(3) {
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
            // One column panel or less: A read in place over KC blocks.
            (700, 8, 600),
            (650, 5, 530),
            // Small C, deep k: edge row tiles through the sized kernels.
            (32, 32, 1100),
            (57, 20, 700),
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

/// Short C (at most one SIMD vector of rows) with several wide column
/// panels and a remainder: the tiny path's wide kernels, then its regular
/// tiles, every op pair, every layout, alpha/beta specials.
fn short_and_wide<T: Scalar>(isa: Isa, seed: u64) {
    with_isa(isa, || {
        let mut rng = Rng::new(seed);
        let sp = specials::<T>(&mut rng);
        let mut case = 0usize;
        for &m in &[1usize, 3, 8, 9, 15, 16, 17] {
            for &n in &[16usize, 31, 32, 33, 48, 50] {
                for &k in &[1usize, 5, 16, 33] {
                    case += 1;
                    let op_a = OPS[case % 3];
                    let op_b = OPS[(case / 3) % 3];
                    let l = [
                        LAYOUTS[(case / 2) % 4],
                        LAYOUTS[(case / 7) % 4],
                        LAYOUTS[case % 4],
                    ];
                    let alpha = sp[case % sp.len()];
                    let beta = sp[(case / sp.len()) % sp.len()];
                    run_case(&mut rng, isa.name(), op_a, op_b, m, n, k, l, alpha, beta);
                    // The in-place (column-major, no transpose) case that the
                    // wide kernels serve, every time.
                    let l = [Layout::ColMajor, Layout::ColMajor, l[2]];
                    run_case(
                        &mut rng,
                        isa.name(),
                        Op::NoTrans,
                        Op::NoTrans,
                        m,
                        n,
                        k,
                        l,
                        alpha,
                        beta,
                    );
                }
            }
        }
    })
}

/// Copies the `rows x cols` block at (i0, j0) of `x` into a new matrix.
fn block<T: Scalar>(x: &Mat<T>, i0: usize, j0: usize, rows: usize, cols: usize) -> Mat<T> {
    let mut out = Mat::new(rows, cols, Layout::ColMajor, T::zero);
    for j in 0..cols {
        for i in 0..rows {
            let idx = out.index(i, j);
            out.buf[idx] = x.at(i0 + i, j0 + j);
        }
    }
    out
}

/// With one k block (k <= KC), an element of C gets the same arithmetic
/// whichever path computes it: a block of C computed alone (the tiny path,
/// wide kernels, masked tiles) has exactly the bits it has inside a large
/// product (threaded unpacked path; blocked path with A in place or packed).
fn block_alone_matches_block_inside<T: Scalar>(seed: u64) {
    for isa in Isa::all_supported() {
        with_isa(isa, || {
            let mut rng = Rng::new(seed);
            for &(big_m, big_n, k, op_a, op_b) in &[
                (300usize, 300usize, 40usize, Op::NoTrans, Op::NoTrans),
                (4000, 40, 40, Op::NoTrans, Op::NoTrans),
                (4000, 300, 33, Op::Trans, Op::NoTrans),
                (300, 300, 40, Op::NoTrans, Op::Trans),
            ] {
                let (ar, ac) = stored(op_a, big_m, k);
                let (br, bc) = stored(op_b, k, big_n);
                let a = Mat::new(ar, ac, Layout::ColMajor, || rng.scalar());
                let b = Mat::new(br, bc, Layout::ColMajor, || rng.scalar());
                let c0 = Mat::new(big_m, big_n, Layout::ColMajor, || rng.scalar());
                let alpha: T = rng.scalar();
                let beta: T = rng.scalar();
                let mut c = c0.clone_layout();
                with_num_threads(2, || {
                    gemm(op_a, op_b, alpha, a.as_ref(), b.as_ref(), beta, c.as_mut()).unwrap()
                });
                for &(i0, j0, m, n) in &[
                    (0usize, 0usize, 16usize, 16usize),
                    (17, 5, 8, 16),
                    (100, 3, 13, 33),
                    (31, 0, 1, 1),
                    (7, 2, 24, 17),
                ] {
                    let sa = if op_a == Op::NoTrans {
                        block(&a, i0, 0, m, k)
                    } else {
                        block(&a, 0, i0, k, m)
                    };
                    let sb = if op_b == Op::NoTrans {
                        block(&b, 0, j0, k, n)
                    } else {
                        block(&b, j0, 0, n, k)
                    };
                    let mut sc = block(&c0, i0, j0, m, n);
                    gemm(
                        op_a,
                        op_b,
                        alpha,
                        sa.as_ref(),
                        sb.as_ref(),
                        beta,
                        sc.as_mut(),
                    )
                    .unwrap();
                    for j in 0..n {
                        for i in 0..m {
                            assert!(
                                sc.at(i, j) == c.at(i0 + i, j0 + j),
                                "{isa:?} {:?} {op_a:?}{op_b:?} block {m}x{n} at ({i0},{j0}) of {big_m}x{big_n}x{k}: ({i},{j}) differs",
                                T::KIND
                            );
                        }
                    }
                }
            }
        })
    }
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
            fn short_and_wide_every_isa() {
                for isa in Isa::all_supported() {
                    short_and_wide::<$t>(isa, $seed + 4);
                }
            }
            #[test]
            fn block_alone_has_the_bits_of_the_block_inside() {
                block_alone_matches_block_inside::<$t>($seed + 5);
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
            for &(m, n, k) in &[
                (5usize, 3usize, 4usize),
                (8, 32, 16),
                (16, 33, 16),
                (40, 33, 20),
                (130, 70, 90),
            ] {
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
