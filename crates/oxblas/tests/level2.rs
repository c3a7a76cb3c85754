//! Level 2 BLAS against naive loops on dense copies: every routine, every
//! type, every ISA, every uplo/op/diag, boundary sizes (and sizes past the
//! kernels' blocks and the triangular block size), every storage layout,
//! positive and negative increments, alpha/beta specials, the rules that
//! beta = 0 does not read y and alpha = 0 reads neither A nor x, that the
//! triangle not stored is never read (it holds NaN) nor written, that the
//! imaginary part of a Hermitian diagonal is ignored and zeroed, that
//! padding around every operand is untouched, and that threaded gemv, ger and symv are
//! bitwise identical to the single-threaded one.
//!
//! Tolerance of an entry that sums k products: `c (k + 2) eps` times the
//! sum of the magnitudes involved (standard dot-product error bound).

#![allow(clippy::needless_range_loop, clippy::useless_vec)]

mod common;
use common::*;
use oxblas::arch::Isa;
use oxblas::blas::level2::*;
use oxblas::blas::{Diag, Op, Uplo};
use oxblas::{c32, c64, with_num_threads, Error, MatRef, RealScalar, Scalar};

const SIZES: [usize; 9] = [0, 1, 2, 3, 7, 16, 17, 33, 70];
const INCS: [isize; 4] = [1, 2, -1, -3];
const OPS: [Op; 3] = [Op::NoTrans, Op::Trans, Op::ConjTrans];
const UPLOS: [Uplo; 2] = [Uplo::Upper, Uplo::Lower];
const DIAGS: [Diag; 2] = [Diag::NonUnit, Diag::Unit];

fn nan<T: Scalar>() -> T {
    T::from_parts(T::Real::from_f64(f64::NAN), T::Real::from_f64(f64::NAN))
}
fn real<T: Scalar>(x: f64) -> T {
    T::from_real(T::Real::from_f64(x))
}
fn scalars<T: Scalar>(rng: &mut Rng) -> Vec<T> {
    vec![T::zero(), T::one(), -T::one(), rng.scalar(), rng.scalar()]
}
fn op_at<T: Scalar>(a: &[Vec<T>], op: Op, i: usize, j: usize) -> T {
    match op {
        Op::NoTrans => a[i][j],
        Op::Trans => a[j][i],
        Op::ConjTrans => a[j][i].conj(),
    }
}
fn dense<T: Scalar>(a: &Mat<T>) -> Vec<Vec<T>> {
    (0..a.nrows)
        .map(|i| (0..a.ncols).map(|j| a.at(i, j)).collect())
        .collect()
}
fn copy_vec<T: Scalar>(v: &Vector<T>) -> Vector<T> {
    Vector {
        buf: v.buf.clone(),
        ..*v
    }
}
fn copy_mat<T: Scalar>(a: &Mat<T>) -> Mat<T> {
    a.clone_layout()
}

/// `y_i` against `alpha * sum_j op(A)_ij x_j + beta y0_i` on a dense op(A).
#[allow(clippy::too_many_arguments)]
fn check_mv<T: Scalar>(
    what: &str,
    opa: &dyn Fn(usize, usize) -> T,
    rows: usize,
    cols: usize,
    alpha: T,
    x: &[T],
    beta: T,
    y0: &[T],
    y: &Vector<T>,
) {
    for i in 0..rows {
        let (mut s, mut mag) = (T::zero(), 0.0);
        for j in 0..cols {
            s += opa(i, j) * x[j];
            mag += abs(opa(i, j)) * abs(x[j]);
        }
        let want = if beta.is_zero() {
            alpha * s
        } else {
            alpha * s + beta * y0[i]
        };
        let scale = abs(alpha) * mag
            + if beta.is_zero() {
                0.0
            } else {
                abs(beta) * abs(y0[i])
            };
        let bound = 4.0 * (cols as f64 + 2.0) * eps::<T>() * scale + 1e-30;
        let err = abs(y.at(i) - want);
        assert!(
            err <= bound,
            "{what}: {:?} row {i}: got {:?} want {want:?} ({err:e} > {bound:e})",
            T::KIND,
            y.at(i)
        );
    }
}

fn t_gemv<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(11);
    let sc = scalars::<T>(&mut rng);
    let mut k = 0usize;
    for m in SIZES {
        for n in SIZES {
            for layout in LAYOUTS {
                for op in OPS {
                    k += 1;
                    let (alpha, beta) = (sc[k % 5], sc[(k / 5) % 5]);
                    let (ix, iy) = (INCS[k % 4], INCS[(k / 4) % 4]);
                    let a = Mat::new(m, n, layout, || rng.scalar::<T>());
                    let (lx, ly) = if op == Op::NoTrans { (n, m) } else { (m, n) };
                    let x = Vector::new(lx, ix, || rng.scalar::<T>());
                    let y0 = Vector::new(ly, iy, || rng.scalar::<T>());
                    let mut y = copy_vec(&y0);
                    gemv(op, alpha, a.as_ref(), x.as_ref(), beta, y.as_mut()).unwrap();
                    let d = dense(&a);
                    let what = format!("gemv {isa:?} {m}x{n} {layout:?} {op:?} inc {ix},{iy} a={alpha:?} b={beta:?}");
                    if m == 0 || n == 0 {
                        assert!(y.buf == y0.buf, "{what}: quick return touched y");
                    } else {
                        check_mv(
                            &what,
                            &|i, j| op_at(&d, op, i, j),
                            ly,
                            lx,
                            alpha,
                            &x.values(),
                            beta,
                            &y0.values(),
                            &y,
                        );
                    }
                    assert!(y.padding() == y0.padding(), "{what}: padding");
                }
            }
        }
    }
    // beta = 0 ignores NaN in y; alpha = 0 reads neither A nor x.
    for op in OPS {
        let a = Mat::new(5, 4, Layout::ColMajor, || rng.scalar::<T>());
        let (lx, ly) = if op == Op::NoTrans { (4, 5) } else { (5, 4) };
        let x = Vector::new(lx, 1, || rng.scalar::<T>());
        let mut y = Vector::new(ly, 1, nan::<T>);
        gemv(op, T::one(), a.as_ref(), x.as_ref(), T::zero(), y.as_mut()).unwrap();
        assert!(
            y.values().iter().all(|v| !v.has_nan()),
            "gemv beta=0 read y"
        );
        let an = Mat::new(5, 4, Layout::RowMajor, nan::<T>);
        let xn = Vector::new(lx, 1, nan::<T>);
        let mut y = Vector::new(ly, 1, T::one);
        gemv(
            op,
            T::zero(),
            an.as_ref(),
            xn.as_ref(),
            real(2.0),
            y.as_mut(),
        )
        .unwrap();
        assert!(
            y.values().iter().all(|v| *v == real(2.0)),
            "gemv alpha=0 read A or x"
        );
    }
}

/// Threaded gemv/ger must equal the one-thread result bit for bit.
fn t_gemv_threads<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(12);
    // About 0.6 MiB of A (L2-sized: one fixed block or range per thread),
    // 2.5 MiB (just past the dynamic split: two threads, two column
    // blocks) and 9 MiB (more blocks and chunks).
    for bytes in [600usize << 10, 2600 << 10, 9 << 20] {
        let n = ((bytes / core::mem::size_of::<T>()) as f64).sqrt() as usize;
        for layout in [Layout::ColMajor, Layout::RowMajor] {
            let a = Mat::new(n + 5, n, layout, || rng.scalar::<T>());
            for op in OPS {
                let (lx, ly) = if op == Op::NoTrans {
                    (n, n + 5)
                } else {
                    (n + 5, n)
                };
                let x = Vector::new(lx, 1, || rng.scalar::<T>());
                let y0 = Vector::new(ly, 1, || rng.scalar::<T>());
                let run = |nt: usize| {
                    let mut y = copy_vec(&y0);
                    with_num_threads(nt, || {
                        gemv(op, real(0.5), a.as_ref(), x.as_ref(), T::one(), y.as_mut()).unwrap()
                    });
                    y.buf
                };
                let (y1, y2) = (run(1), run(2));
                assert!(
                    y1.iter().zip(&y2).all(|(p, q)| same_bits(*p, *q)),
                    "gemv {isa:?} {layout:?} {op:?} differs across thread counts"
                );
                // The large-size paths (column blocks, chunks) are also right.
                let d = dense(&a);
                let got = Vector { buf: y1, ..y0 };
                let what = format!("large gemv {isa:?} {layout:?} {op:?}");
                check_mv(
                    &what,
                    &|i, j| op_at(&d, op, i, j),
                    ly,
                    lx,
                    real(0.5),
                    &x.values(),
                    T::one(),
                    &y0.values(),
                    &got,
                );
            }
            let x = Vector::new(n + 5, 1, || rng.scalar::<T>());
            let y = Vector::new(n, 1, || rng.scalar::<T>());
            let run = |nt: usize| {
                let mut b = copy_mat(&a);
                with_num_threads(nt, || {
                    ger(real(0.5), x.as_ref(), y.as_ref(), b.as_mut()).unwrap()
                });
                b.buf
            };
            let (b1, b2) = (run(1), run(2));
            assert!(
                b1.iter().zip(&b2).all(|(p, q)| same_bits(*p, *q)),
                "ger differs across thread counts"
            );
        }
    }
}

/// Large symv/hemv (triangle split into column blocks run on the threads):
/// right against the naive product, and bitwise the same for 1 and 2
/// threads, for both triangles and layouts (an odd n leaves a partial
/// group of columns).
fn t_symv_threads<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(15);
    // About 0.3 MiB of triangle (two blocks, one fixed per thread), 1.3 MiB
    // (two blocks claimed dynamically) and 5 MiB (several).
    for bytes in [600usize << 10, 2600 << 10, 10 << 20] {
        let n = (((bytes / core::mem::size_of::<T>()) as f64).sqrt() as usize) | 1;
        for layout in [Layout::ColMajor, Layout::RowMajor] {
            for uplo in UPLOS {
                for herm in [false, true] {
                    let a = sym_mat::<T>(&mut rng, n, uplo, herm, layout);
                    let x = Vector::new(n, 1, || rng.scalar::<T>());
                    let y0 = Vector::new(n, -1, || rng.scalar::<T>());
                    let f = if herm { hemv::<T> } else { symv::<T> };
                    let run = |nt: usize| {
                        let mut y = copy_vec(&y0);
                        with_num_threads(nt, || {
                            f(
                                uplo,
                                real(0.5),
                                a.as_ref(),
                                x.as_ref(),
                                real(2.0),
                                y.as_mut(),
                            )
                            .unwrap()
                        });
                        y
                    };
                    let (y1, y2) = (run(1), run(2));
                    let what = format!("large symv {isa:?} n={n} {layout:?} {uplo:?} herm={herm}");
                    assert!(
                        y1.buf.iter().zip(&y2.buf).all(|(p, q)| same_bits(*p, *q)),
                        "{what}: differs across thread counts"
                    );
                    let full = sym_full(&dense(&a), uplo, herm);
                    check_mv(
                        &what,
                        &|i, j| full[i][j],
                        n,
                        n,
                        real(0.5),
                        &x.values(),
                        real(2.0),
                        &y0.values(),
                        &y1,
                    );
                }
            }
        }
    }
}

fn t_gbmv<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(13);
    let sc = scalars::<T>(&mut rng);
    let mut k = 0usize;
    for (m, n) in [
        (0, 3),
        (3, 0),
        (1, 1),
        (3, 5),
        (7, 7),
        (17, 9),
        (9, 17),
        (40, 33),
    ] {
        for (kl, ku) in [(0, 0), (1, 0), (0, 2), (2, 3), (5, 1), (20, 45)] {
            for layout in [Layout::ColMajor, Layout::RowMajor] {
                for op in OPS {
                    k += 1;
                    let (alpha, beta) = (sc[k % 5], sc[(k / 5) % 5]);
                    let (ix, iy) = (INCS[k % 4], INCS[(k / 4) % 4]);
                    let full: Vec<Vec<T>> = (0..m)
                        .map(|i| {
                            (0..n)
                                .map(|j| {
                                    if i + ku >= j && j + kl >= i {
                                        rng.scalar()
                                    } else {
                                        T::zero()
                                    }
                                })
                                .collect()
                        })
                        .collect();
                    let b = band_of(&full, m, n, kl, ku, layout);
                    let (lx, ly) = if op == Op::NoTrans { (n, m) } else { (m, n) };
                    let x = Vector::new(lx, ix, || rng.scalar::<T>());
                    let y0 = Vector::new(ly, iy, || rng.scalar::<T>());
                    let mut y = copy_vec(&y0);
                    gbmv(
                        op,
                        m,
                        n,
                        kl,
                        ku,
                        alpha,
                        b.as_ref(),
                        x.as_ref(),
                        beta,
                        y.as_mut(),
                    )
                    .unwrap();
                    let what = format!("gbmv {isa:?} {m}x{n} kl={kl} ku={ku} {layout:?} {op:?}");
                    if m > 0 && n > 0 {
                        check_mv(
                            &what,
                            &|i, j| op_at(&full, op, i, j),
                            ly,
                            lx,
                            alpha,
                            &x.values(),
                            beta,
                            &y0.values(),
                            &y,
                        );
                    }
                    assert!(y.padding() == y0.padding(), "{what}: padding");
                }
            }
        }
    }
    let b = Mat::new(2, 4, Layout::ColMajor, || T::one());
    let (x, mut y) = (Vector::new(4, 1, T::one), Vector::new(4, 1, T::one));
    let e = gbmv(
        Op::NoTrans,
        4,
        4,
        1,
        1,
        T::one(),
        b.as_ref(),
        x.as_ref(),
        T::one(),
        y.as_mut(),
    );
    assert!(
        matches!(e, Err(Error::IllegalArgument { position: 8, .. })),
        "gbmv short band: {e:?}"
    );
}

/// Full Hermitian/symmetric matrix from the stored triangle of `a`.
fn sym_full<T: Scalar>(a: &[Vec<T>], uplo: Uplo, herm: bool) -> Vec<Vec<T>> {
    let n = a.len();
    let stored = |i: usize, j: usize| if uplo == Uplo::Upper { i <= j } else { i >= j };
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    if i == j && herm {
                        T::from_real(a[i][i].re())
                    } else if stored(i, j) {
                        a[i][j]
                    } else {
                        a[j][i].conj_if(herm)
                    }
                })
                .collect()
        })
        .collect()
}

/// A random matrix whose unstored triangle is NaN and, for Hermitian
/// matrices, whose diagonal has a garbage imaginary part.
fn sym_mat<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo, herm: bool, layout: Layout) -> Mat<T> {
    let mut a = Mat::new(n, n, layout, || rng.scalar::<T>());
    for i in 0..n {
        for j in 0..n {
            let stored = if uplo == Uplo::Upper { i <= j } else { i >= j };
            let k = a.index(i, j);
            if !stored {
                a.buf[k] = nan();
            } else if i == j && herm && T::IS_COMPLEX {
                a.buf[k] = T::from_parts(a.buf[k].re(), T::Real::from_f64(123.0));
            }
        }
    }
    a
}

fn t_symv<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(14);
    let sc = scalars::<T>(&mut rng);
    let mut k = 0usize;
    for n in SIZES.into_iter().chain([150]) {
        for layout in LAYOUTS {
            for uplo in UPLOS {
                for herm in [false, true] {
                    k += 1;
                    let (alpha, beta) = (sc[k % 5], sc[(k / 5) % 5]);
                    let (ix, iy) = (INCS[k % 4], INCS[(k / 4) % 4]);
                    let a = sym_mat::<T>(&mut rng, n, uplo, herm, layout);
                    let full = sym_full(&dense(&a), uplo, herm);
                    let x = Vector::new(n, ix, || rng.scalar::<T>());
                    let y0 = Vector::new(n, iy, || rng.scalar::<T>());
                    let mut y = copy_vec(&y0);
                    let f = if herm { hemv::<T> } else { symv::<T> };
                    f(uplo, alpha, a.as_ref(), x.as_ref(), beta, y.as_mut()).unwrap();
                    let what = format!(
                        "{} {isa:?} n={n} {layout:?} {uplo:?} inc {ix},{iy}",
                        if herm { "hemv" } else { "symv" }
                    );
                    check_mv(
                        &what,
                        &|i, j| full[i][j],
                        n,
                        n,
                        alpha,
                        &x.values(),
                        beta,
                        &y0.values(),
                        &y,
                    );
                    assert!(y.padding() == y0.padding(), "{what}: padding");
                    // Band storage with k = n - 1 (or fewer) off-diagonals,
                    // and packed storage, of the same matrix.
                    for kd in [0usize, 1, 3, n.saturating_sub(1)] {
                        let bf: Vec<Vec<T>> = (0..n)
                            .map(|i| {
                                (0..n)
                                    .map(|j| {
                                        if i.abs_diff(j) <= kd {
                                            full[i][j]
                                        } else {
                                            T::zero()
                                        }
                                    })
                                    .collect()
                            })
                            .collect();
                        let (kl, ku) = if uplo == Uplo::Upper {
                            (0, kd)
                        } else {
                            (kd, 0)
                        };
                        let mut bst = dense(&a);
                        for (i, row) in bst.iter_mut().enumerate() {
                            for (j, v) in row.iter_mut().enumerate() {
                                if i.abs_diff(j) > kd {
                                    *v = nan();
                                }
                            }
                        }
                        let b = band_of(
                            &bst,
                            n,
                            n,
                            kl,
                            ku,
                            if k.is_multiple_of(2) {
                                Layout::ColMajor
                            } else {
                                Layout::RowMajor
                            },
                        );
                        let b = MatRef::from_slice(&b.buf, b.offset, kl + ku + 1, n, b.rs, b.cs)
                            .unwrap();
                        let mut y = copy_vec(&y0);
                        let f = if herm { hbmv::<T> } else { sbmv::<T> };
                        f(uplo, kd, alpha, b, x.as_ref(), beta, y.as_mut()).unwrap();
                        check_mv(
                            &format!("band k={kd} {what}"),
                            &|i, j| bf[i][j],
                            n,
                            n,
                            alpha,
                            &x.values(),
                            beta,
                            &y0.values(),
                            &y,
                        );
                    }
                    let ap = packed_of(&dense(&a), uplo);
                    let mut y = copy_vec(&y0);
                    let f = if herm { hpmv::<T> } else { spmv::<T> };
                    f(uplo, n, alpha, &ap, x.as_ref(), beta, y.as_mut()).unwrap();
                    check_mv(
                        &format!("packed {what}"),
                        &|i, j| full[i][j],
                        n,
                        n,
                        alpha,
                        &x.values(),
                        beta,
                        &y0.values(),
                        &y,
                    );
                }
            }
        }
    }
    // beta = 0 / alpha = 0 rules.
    let a = sym_mat::<T>(&mut rng, 6, Uplo::Lower, false, Layout::ColMajor);
    let x = Vector::new(6, 1, || rng.scalar::<T>());
    let mut y = Vector::new(6, 1, nan::<T>);
    symv(
        Uplo::Lower,
        T::one(),
        a.as_ref(),
        x.as_ref(),
        T::zero(),
        y.as_mut(),
    )
    .unwrap();
    assert!(y.values().iter().all(|v| !v.has_nan()));
    let an = Mat::new(6, 6, Layout::ColMajor, nan::<T>);
    let mut y = Vector::new(6, 1, T::one);
    hemv(
        Uplo::Upper,
        T::zero(),
        an.as_ref(),
        Vector::new(6, 1, nan::<T>).as_ref(),
        real(3.0),
        y.as_mut(),
    )
    .unwrap();
    assert!(y.values().iter().all(|v| *v == real(3.0)));
    let mut y = Vector::new(6, 1, nan::<T>);
    spmv(
        Uplo::Upper,
        6,
        T::zero(),
        &vec![nan::<T>(); 21],
        x.as_ref(),
        T::zero(),
        y.as_mut(),
    )
    .unwrap();
    assert!(y.values().iter().all(|v| v.is_zero()));
    assert!(matches!(
        spmv(
            Uplo::Upper,
            6,
            T::one(),
            &[T::zero(); 20],
            x.as_ref(),
            T::one(),
            y.as_mut()
        ),
        Err(Error::DimensionMismatch { .. })
    ));
}

/// A triangular test matrix: off-diagonal entries small enough that the
/// matrix is well conditioned, the other triangle NaN, the diagonal NaN
/// when it is implicit (unit).
fn tri_mat<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo, diag: Diag, layout: Layout) -> Mat<T> {
    let s = T::Real::from_f64(1.0 / (n as f64).sqrt().max(1.0));
    let mut a = Mat::new(n, n, layout, || rng.scalar::<T>());
    for i in 0..n {
        for j in 0..n {
            let k = a.index(i, j);
            let stored = if uplo == Uplo::Upper { i < j } else { i > j };
            a.buf[k] = if i == j {
                if diag == Diag::Unit {
                    nan()
                } else {
                    let v = a.buf[k];
                    T::from_parts(T::Real::from_f64(2.0) + v.re().abs(), v.im())
                }
            } else if stored {
                let v = a.buf[k];
                T::from_parts(v.re() * s, v.im() * s)
            } else {
                nan()
            };
        }
    }
    a
}

fn tri_full<T: Scalar>(a: &[Vec<T>], uplo: Uplo, diag: Diag) -> Vec<Vec<T>> {
    let n = a.len();
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| {
                    let stored = if uplo == Uplo::Upper { i < j } else { i > j };
                    if i == j {
                        if diag == Diag::Unit {
                            T::one()
                        } else {
                            a[i][i]
                        }
                    } else if stored {
                        a[i][j]
                    } else {
                        T::zero()
                    }
                })
                .collect()
        })
        .collect()
}

/// Checks `x_new == op(A) x_old` (mul) or `op(A) x_new == x_old` (solve)
/// with the backward-error bound.
fn check_tri<T: Scalar>(
    what: &str,
    full: &[Vec<T>],
    op: Op,
    solve: bool,
    x_old: &[T],
    x: &Vector<T>,
) {
    let n = full.len();
    let xn = x.values();
    for i in 0..n {
        let (mut s, mut mag) = (T::zero(), 0.0);
        let v = if solve { &xn } else { x_old };
        for j in 0..n {
            let a = op_at(full, op, i, j);
            s += a * v[j];
            mag += abs(a) * abs(v[j]);
        }
        let want = if solve { x_old[i] } else { xn[i] };
        let bound = 6.0 * (n as f64 + 2.0) * eps::<T>() * (mag + abs(want)) + 1e-30;
        let err = abs(s - want);
        assert!(
            err <= bound,
            "{what}: {:?} row {i}: residual {err:e} > {bound:e}",
            T::KIND
        );
    }
}

fn t_trmv_trsv<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(15);
    let mut k = 0usize;
    for n in SIZES.into_iter().chain([150, 200]) {
        for layout in LAYOUTS {
            for uplo in UPLOS {
                for op in OPS {
                    for diag in DIAGS {
                        k += 1;
                        let inc = INCS[k % 4];
                        if n >= 150
                            && (layout == Layout::Strided || layout == Layout::Reversed)
                            && !k.is_multiple_of(3)
                        {
                            continue;
                        }
                        let a = tri_mat::<T>(&mut rng, n, uplo, diag, layout);
                        let full = tri_full(&dense(&a), uplo, diag);
                        let x0 = Vector::new(n, inc, || rng.scalar::<T>());
                        let what =
                            format!("{isa:?} n={n} {layout:?} {uplo:?} {op:?} {diag:?} inc={inc}");
                        let mut x = copy_vec(&x0);
                        trmv(uplo, op, diag, a.as_ref(), x.as_mut()).unwrap();
                        check_tri(&format!("trmv {what}"), &full, op, false, &x0.values(), &x);
                        assert!(x.padding() == x0.padding());
                        let mut x = copy_vec(&x0);
                        trsv(uplo, op, diag, a.as_ref(), x.as_mut()).unwrap();
                        check_tri(&format!("trsv {what}"), &full, op, true, &x0.values(), &x);
                        assert!(x.padding() == x0.padding());
                        if n > 70 || layout != Layout::ColMajor {
                            continue;
                        }
                        // Band (kd off-diagonals) and packed forms.
                        for kd in [0usize, 1, 4, n.saturating_sub(1)] {
                            let mut bst = dense(&a);
                            for (i, row) in bst.iter_mut().enumerate() {
                                for (j, v) in row.iter_mut().enumerate() {
                                    if i.abs_diff(j) > kd && !v.has_nan() {
                                        *v = T::zero();
                                    }
                                }
                            }
                            let bfull = tri_full(&bst, uplo, diag);
                            let (kl, ku) = if uplo == Uplo::Upper {
                                (0, kd)
                            } else {
                                (kd, 0)
                            };
                            let mut bnan = bst.clone();
                            for (i, row) in bnan.iter_mut().enumerate() {
                                for (j, v) in row.iter_mut().enumerate() {
                                    if i.abs_diff(j) > kd {
                                        *v = nan();
                                    }
                                }
                            }
                            let b = band_of(
                                &bnan,
                                n,
                                n,
                                kl,
                                ku,
                                if k.is_multiple_of(2) {
                                    Layout::ColMajor
                                } else {
                                    Layout::RowMajor
                                },
                            );
                            let b = MatRef::from_slice(&b.buf, b.offset, kd + 1, n, b.rs, b.cs)
                                .unwrap();
                            let mut x = copy_vec(&x0);
                            tbmv(uplo, op, diag, kd, b, x.as_mut()).unwrap();
                            check_tri(
                                &format!("tbmv k={kd} {what}"),
                                &bfull,
                                op,
                                false,
                                &x0.values(),
                                &x,
                            );
                            let mut x = copy_vec(&x0);
                            tbsv(uplo, op, diag, kd, b, x.as_mut()).unwrap();
                            check_tri(
                                &format!("tbsv k={kd} {what}"),
                                &bfull,
                                op,
                                true,
                                &x0.values(),
                                &x,
                            );
                        }
                        let ap = packed_of(&dense(&a), uplo);
                        let mut x = copy_vec(&x0);
                        tpmv(uplo, op, diag, n, &ap, x.as_mut()).unwrap();
                        check_tri(&format!("tpmv {what}"), &full, op, false, &x0.values(), &x);
                        let mut x = copy_vec(&x0);
                        tpsv(uplo, op, diag, n, &ap, x.as_mut()).unwrap();
                        check_tri(&format!("tpsv {what}"), &full, op, true, &x0.values(), &x);
                    }
                }
            }
        }
    }
}

/// `got == a0 + upd` entrywise within `c eps` of the magnitudes.
/// trsv around the sub-block (8) and block (64) boundaries, past the size
/// from which NoTrans is blocked again (two-thread gemv panels), every
/// op/uplo/diag: the residual check, and (NoTrans, where the reference
/// skips a column whose solved x entry is zero) right-hand sides whose
/// solution has exact zeros, whose matrix columns (diagonal included) are
/// NaN: no NaN may reach x.
fn t_trsv_blocks<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(21);
    let mut k = 0usize;
    // 600: past the NB-blocked threshold for every type (c64 from 256).
    for n in [8usize, 9, 15, 16, 17, 63, 64, 65, 72, 129, 257, 600] {
        for layout in [
            Layout::ColMajor,
            Layout::RowMajor,
            Layout::Strided,
            Layout::Reversed,
        ] {
            if n >= 129 && layout != Layout::ColMajor && k.is_multiple_of(2) {
                k += 1;
                continue;
            }
            for uplo in UPLOS {
                for op in OPS {
                    for diag in DIAGS {
                        k += 1;
                        let inc = INCS[k % 4];
                        let what = format!(
                            "trsv {isa:?} n={n} {layout:?} {uplo:?} {op:?} {diag:?} inc={inc}"
                        );
                        let mut a = tri_mat::<T>(&mut rng, n, uplo, diag, layout);
                        // Zero solution entries: sub-block and block edges,
                        // a whole sub-block, a few more at random.
                        let mut zs: Vec<usize> =
                            [0, 7, 8, 9, 16, 17, 18, 19, 20, 21, 22, 23, 63, 64, n - 1]
                                .into_iter()
                                .filter(|&j| j < n)
                                .collect();
                        zs.extend((0..3).map(|_| rng.below(n)));
                        let nan_cols = op == Op::NoTrans && layout != Layout::RowMajor;
                        let stored =
                            |i: usize, j: usize| if uplo == Uplo::Upper { i < j } else { i > j };
                        if nan_cols {
                            // Row j of the strict triangle zero and b_j = 0 make
                            // x_j exactly 0; then column j (and its diagonal)
                            // is never applied, so it may hold NaN.
                            for &j in &zs {
                                for c in 0..n {
                                    if stored(j, c) {
                                        let q = a.index(j, c);
                                        a.buf[q] = T::zero();
                                    }
                                }
                            }
                        }
                        let mut full = tri_full(&dense(&a), uplo, diag);
                        let mut x0 = Vector::new(n, inc, || rng.scalar::<T>());
                        if nan_cols {
                            for &j in &zs {
                                x0.set(j, T::zero());
                                for i in 0..n {
                                    if stored(i, j) || (i == j && diag == Diag::NonUnit) {
                                        let q = a.index(i, j);
                                        a.buf[q] = nan();
                                    }
                                    full[i][j] = if i == j { T::one() } else { T::zero() };
                                }
                            }
                        }
                        let mut x = copy_vec(&x0);
                        trsv(uplo, op, diag, a.as_ref(), x.as_mut()).unwrap();
                        assert!(x.padding() == x0.padding(), "{what}: padding");
                        if nan_cols {
                            for &j in &zs {
                                assert!(x.at(j).is_zero(), "{what}: x[{j}] = {:?}, not 0", x.at(j));
                            }
                            assert!(!x.values().iter().any(|v| v.has_nan()), "{what}: NaN in x");
                        }
                        check_tri(&what, &full, op, true, &x0.values(), &x);
                    }
                }
            }
        }
    }
}

/// symv/hemv around the kernels' column groups (2, 4 or 8 columns, with
/// the diagonal block inside the group kernel for real types), the other
/// triangle NaN.
fn t_symv_groups<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(22);
    let mut k = 0usize;
    for n in [2usize, 4, 5, 8, 9, 12, 15, 16, 23, 24, 25, 31, 32, 40, 65] {
        for layout in [Layout::ColMajor, Layout::RowMajor] {
            for uplo in UPLOS {
                for herm in [false, true] {
                    k += 1;
                    let alpha = if k.is_multiple_of(3) {
                        real(-0.5)
                    } else {
                        rng.scalar::<T>()
                    };
                    let beta = if k.is_multiple_of(2) {
                        T::zero()
                    } else {
                        rng.scalar::<T>()
                    };
                    let a = sym_mat::<T>(&mut rng, n, uplo, herm, layout);
                    let full = sym_full(&dense(&a), uplo, herm);
                    let x = Vector::new(n, INCS[k % 4], || rng.scalar::<T>());
                    let y0 = Vector::new(n, 1, || rng.scalar::<T>());
                    let mut y = copy_vec(&y0);
                    let f = if herm { hemv::<T> } else { symv::<T> };
                    f(uplo, alpha, a.as_ref(), x.as_ref(), beta, y.as_mut()).unwrap();
                    let what = format!("symv groups {isa:?} n={n} {layout:?} {uplo:?} herm={herm}");
                    check_mv(
                        &what,
                        &|i, j| full[i][j],
                        n,
                        n,
                        alpha,
                        &x.values(),
                        beta,
                        &y0.values(),
                        &y,
                    );
                    assert!(y.padding() == y0.padding(), "{what}: padding");
                }
            }
        }
    }
}

fn check_entry<T: Scalar>(what: &str, got: T, want: T, scale: f64) {
    let bound = 8.0 * eps::<T>() * scale + 1e-30;
    let err = abs(got - want);
    assert!(
        err <= bound,
        "{what}: {:?} got {got:?} want {want:?} ({err:e} > {bound:e})",
        T::KIND
    );
}

fn t_ger<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(16);
    let sc = scalars::<T>(&mut rng);
    let mut k = 0usize;
    for m in SIZES {
        for n in SIZES {
            for layout in LAYOUTS {
                for conj in [false, true] {
                    k += 1;
                    let alpha = sc[k % 5];
                    let (ix, iy) = (INCS[k % 4], INCS[(k / 4) % 4]);
                    let a0 = Mat::new(m, n, layout, || rng.scalar::<T>());
                    let x = Vector::new(m, ix, || rng.scalar::<T>());
                    let y = Vector::new(n, iy, || rng.scalar::<T>());
                    let mut a = copy_mat(&a0);
                    let f = if conj { gerc::<T> } else { ger::<T> };
                    f(alpha, x.as_ref(), y.as_ref(), a.as_mut()).unwrap();
                    for i in 0..m {
                        for j in 0..n {
                            let u = alpha * x.at(i) * y.at(j).conj_if(conj);
                            let s = abs(a0.at(i, j)) + abs(alpha) * abs(x.at(i)) * abs(y.at(j));
                            check_entry(
                                &format!("ger {isa:?} {m}x{n} {layout:?} conj={conj}"),
                                a.at(i, j),
                                a0.at(i, j) + u,
                                s,
                            );
                        }
                    }
                    assert!(a.padding() == a0.padding(), "ger padding");
                }
            }
        }
    }
}

/// syr/her/syr2/her2 and the packed spr/hpr/spr2/hpr2.
fn t_syr<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(17);
    let sc = scalars::<T>(&mut rng);
    let mut k = 0usize;
    for n in SIZES {
        for layout in LAYOUTS {
            for uplo in UPLOS {
                for herm in [false, true] {
                    for two in [false, true] {
                        k += 1;
                        let alpha = if herm && !two {
                            T::from_real(sc[k % 5].re())
                        } else {
                            sc[k % 5]
                        };
                        let (ix, iy) = (INCS[k % 4], INCS[(k / 4) % 4]);
                        let a0 = sym_mat::<T>(&mut rng, n, uplo, herm, layout);
                        let x = Vector::new(n, ix, || rng.scalar::<T>());
                        let y = Vector::new(n, iy, || rng.scalar::<T>());
                        let mut a = copy_mat(&a0);
                        let d0 = dense(&a0);
                        let mut ap = packed_of(&d0, uplo);
                        let ap0 = ap.clone();
                        match (herm, two) {
                            (false, false) => {
                                syr(uplo, alpha, x.as_ref(), a.as_mut()).unwrap();
                                spr(uplo, n, alpha, x.as_ref(), &mut ap).unwrap();
                            }
                            (true, false) => {
                                her(uplo, alpha.re(), x.as_ref(), a.as_mut()).unwrap();
                                hpr(uplo, n, alpha.re(), x.as_ref(), &mut ap).unwrap();
                            }
                            (false, true) => {
                                syr2(uplo, alpha, x.as_ref(), y.as_ref(), a.as_mut()).unwrap();
                                spr2(uplo, n, alpha, x.as_ref(), y.as_ref(), &mut ap).unwrap();
                            }
                            (true, true) => {
                                her2(uplo, alpha, x.as_ref(), y.as_ref(), a.as_mut()).unwrap();
                                hpr2(uplo, n, alpha, x.as_ref(), y.as_ref(), &mut ap).unwrap();
                            }
                        }
                        let what = format!(
                            "rank-{} herm={herm} {isa:?} n={n} {layout:?} {uplo:?}",
                            if two { 2 } else { 1 }
                        );
                        if alpha.is_zero() {
                            // Quick return: A untouched, even a Hermitian diagonal.
                            assert!(
                                a.buf.iter().zip(&a0.buf).all(|(p, q)| same_bits(*p, *q))
                                    && ap.iter().zip(&ap0).all(|(p, q)| same_bits(*p, *q)),
                                "{what}: alpha = 0 changed A"
                            );
                            continue;
                        }
                        let da = dense(&a);
                        let dp = unpacked_of(&ap, n, uplo);
                        for i in 0..n {
                            for j in 0..n {
                                let stored = if uplo == Uplo::Upper { i <= j } else { i >= j };
                                if !stored {
                                    assert!(
                                        same_bits(da[i][j], d0[i][j]),
                                        "{what}: wrote the other triangle"
                                    );
                                    continue;
                                }
                                let (xi, xj, yi, yj) = (x.at(i), x.at(j), y.at(i), y.at(j));
                                let (u, mag) = if two {
                                    let u = alpha * xi * yj.conj_if(herm)
                                        + alpha.conj_if(herm) * yi * xj.conj_if(herm);
                                    (
                                        u,
                                        2.0 * abs(alpha) * (abs(xi) * abs(yj) + abs(yi) * abs(xj)),
                                    )
                                } else {
                                    (
                                        alpha * xi * xj.conj_if(herm),
                                        abs(alpha) * abs(xi) * abs(xj),
                                    )
                                };
                                let mut want = d0[i][j] + u;
                                if herm && i == j {
                                    want = T::from_real(want.re());
                                }
                                let s = abs(d0[i][j]) + mag;
                                check_entry(&what, da[i][j], want, s);
                                check_entry(&format!("packed {what}"), dp[i][j], want, s);
                                if herm && i == j {
                                    assert!(
                                        da[i][i].im().to_f64() == 0.0
                                            && dp[i][i].im().to_f64() == 0.0,
                                        "{what}: diagonal not real"
                                    );
                                }
                            }
                        }
                        assert!(a.padding() == a0.padding(), "{what}: padding");
                        assert!(
                            ap[ap.len() - 3..] == ap0[ap0.len() - 3..],
                            "{what}: packed padding"
                        );
                    }
                }
            }
        }
    }
}

fn for_types(fs: [fn(Isa); 4]) {
    for_each_isa(|isa| fs.iter().for_each(|f| f(isa)));
}

macro_rules! all_types {
    ($name:ident, $f:ident) => {
        #[test]
        fn $name() {
            for_types([$f::<f32>, $f::<f64>, $f::<c32>, $f::<c64>]);
        }
    };
}
all_types!(gemv_all, t_gemv);
all_types!(gemv_ger_thread_invariance, t_gemv_threads);
all_types!(gbmv_all, t_gbmv);
all_types!(symv_hemv_band_packed_all, t_symv);
all_types!(symv_hemv_thread_invariance, t_symv_threads);
all_types!(trmv_trsv_band_packed_all, t_trmv_trsv);
all_types!(trsv_blocks_zeros_nan, t_trsv_blocks);
all_types!(symv_groups, t_symv_groups);
all_types!(ger_all, t_ger);
all_types!(syr_her_all, t_syr);

#[test]
fn argument_errors() {
    let a = [0.0f64; 12];
    let a34 = MatRef::col_major(&a, 3, 4, 3).unwrap();
    let x = [1.0f64; 4];
    let mut y = [0.0f64; 4];
    let e = gemv(
        Op::NoTrans,
        1.0,
        a34,
        oxblas::VecRef::from_contiguous(&x[..3]),
        0.0,
        oxblas::VecMut::from_contiguous(&mut y[..3]),
    );
    assert!(matches!(e, Err(Error::DimensionMismatch { .. })));
    let e = gemv(
        Op::NoTrans,
        1.0,
        a34,
        oxblas::VecRef::from_slice(&x, 0, 4, 0).unwrap(),
        0.0,
        oxblas::VecMut::from_contiguous(&mut y[..3]),
    );
    assert!(
        matches!(
            e,
            Err(Error::IllegalArgument {
                routine: "gemv",
                position: 8,
                ..
            })
        ),
        "{e:?}"
    );
    let e = trsv(
        Uplo::Upper,
        Op::NoTrans,
        Diag::Unit,
        a34,
        oxblas::VecMut::from_contiguous(&mut y[..3]),
    );
    assert!(matches!(e, Err(Error::DimensionMismatch { .. })));
    let e = ger(
        1.0,
        oxblas::VecRef::from_contiguous(&x[..3]),
        oxblas::VecRef::from_contiguous(&x[..3]),
        oxblas::MatMut::col_major(&mut y, 2, 2, 2).unwrap(),
    );
    assert!(matches!(e, Err(Error::DimensionMismatch { .. })));
}
