//! Level 1 BLAS against naive loops: every routine, every type, every ISA
//! this CPU has, boundary sizes, positive and negative increments, padding
//! untouched, and the special values (nrm2 near overflow/underflow, iamax
//! ties and NaN, alpha = 0 / beta = 0 rules).
//!
//! Tolerances come from the standard error bounds: a sum of n products
//! carries at most `n * eps * sum |x_i y_i|` (plus a few eps for the final
//! roundings), an element-wise operation a few eps of its operands.

mod common;
use common::*;
use oxblas::arch::Isa;
use oxblas::blas::level1::*;
use oxblas::{c32, c64, Error, RealScalar, Scalar, VecMut, VecRef};

const SIZES: [usize; 13] = [0, 1, 2, 3, 7, 16, 17, 31, 32, 33, 100, 257, 1000];
const INCS: [isize; 4] = [1, 2, -1, -3];

fn rand_vec<T: Scalar>(rng: &mut Rng, n: usize, inc: isize) -> Vector<T> {
    Vector::new(n, inc, || rng.scalar())
}

/// `|got - want| <= c * eps * scale`, with a readable failure.
fn close<T: Scalar>(what: &str, got: T, want: T, scale: f64, c: f64) {
    let err = abs(got - want);
    let bound = c * eps::<T>() * scale + f64::MIN_POSITIVE;
    assert!(
        err <= bound,
        "{what}: {:?} got {got:?} want {want:?} (err {err:e} > {bound:e})",
        T::KIND
    );
}

fn pairs() -> impl Iterator<Item = (usize, isize, isize)> {
    SIZES.into_iter().flat_map(|n| {
        INCS.into_iter()
            .flat_map(move |a| INCS.into_iter().map(move |b| (n, a, b)))
    })
}

fn t_dot<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(1);
    for (n, ix, iy) in pairs() {
        let x = rand_vec::<T>(&mut rng, n, ix);
        let y = rand_vec::<T>(&mut rng, n, iy);
        let (mut s, mut sc, mut mag) = (T::zero(), T::zero(), 0.0);
        for i in 0..n {
            s += x.at(i) * y.at(i);
            sc += x.at(i).conj() * y.at(i);
            mag += abs(x.at(i)) * abs(y.at(i));
        }
        let c = 2.0 * (n as f64 + 4.0);
        let what = format!("dot {isa:?} n={n} incs {ix},{iy}");
        close(&what, dot(x.as_ref(), y.as_ref()).unwrap(), s, mag, c);
        close(&what, dotc(x.as_ref(), y.as_ref()).unwrap(), sc, mag, c);
    }
    let (x, y) = (rand_vec::<T>(&mut rng, 3, 1), rand_vec::<T>(&mut rng, 4, 1));
    assert!(matches!(
        dot(x.as_ref(), y.as_ref()),
        Err(Error::DimensionMismatch { .. })
    ));
}

fn t_axpy<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(2);
    let alphas = [T::zero(), T::one(), -T::one(), rng.scalar::<T>()];
    for (n, ix, iy) in pairs() {
        for &alpha in &alphas {
            for &beta in &[T::zero(), T::one(), rng.scalar::<T>()] {
                let x = rand_vec::<T>(&mut rng, n, ix);
                let y0 = rand_vec::<T>(&mut rng, n, iy);
                let mut y = Vector {
                    buf: y0.buf.clone(),
                    ..y0
                };
                axpy(alpha, x.as_ref(), y.as_mut()).unwrap();
                let mut z = Vector {
                    buf: y0.buf.clone(),
                    ..y0
                };
                axpby(alpha, x.as_ref(), beta, z.as_mut()).unwrap();
                for i in 0..n {
                    let (xi, yi) = (x.at(i), y0.at(i));
                    let what = format!("axpy {isa:?} n={n} incs {ix},{iy} alpha {alpha:?}");
                    close(
                        &what,
                        y.at(i),
                        yi + alpha * xi,
                        abs(alpha) * abs(xi) + abs(yi),
                        4.0,
                    );
                    let want = alpha * xi + beta * yi;
                    close(
                        &format!("axpby beta {beta:?} {what}"),
                        z.at(i),
                        want,
                        abs(alpha) * abs(xi) + abs(beta) * abs(yi),
                        6.0,
                    );
                }
                assert!(
                    y.padding() == y0.padding() && z.padding() == y0.padding(),
                    "axpy wrote padding"
                );
            }
        }
    }
    // alpha = 0 does not read x; beta = 0 does not read y.
    let nan = T::from_parts(T::Real::from_f64(f64::NAN), T::Real::zero());
    let x = Vector::new(5, 1, || nan);
    let mut y = Vector::new(5, 1, || T::one());
    axpy(T::zero(), x.as_ref(), y.as_mut()).unwrap();
    axpby(T::zero(), x.as_ref(), T::one(), y.as_mut()).unwrap();
    assert!(y.values().iter().all(|v| v.is_one()));
    let x = Vector::new(5, 1, || T::one());
    let mut y = Vector::new(5, -2, || nan);
    axpby(T::one(), x.as_ref(), T::zero(), y.as_mut()).unwrap();
    assert!(
        y.values().iter().all(|v| v.is_one()),
        "axpby beta = 0 read y"
    );
    let mut y = Vector::new(5, 1, || nan);
    axpby(T::zero(), x.as_ref(), T::zero(), y.as_mut()).unwrap();
    assert!(y.values().iter().all(|v| v.is_zero()));
}

fn t_scal_copy_swap<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(3);
    for n in SIZES {
        for inc in INCS {
            for alpha in [T::zero(), T::one(), -T::one(), rng.scalar::<T>()] {
                let x0 = rand_vec::<T>(&mut rng, n, inc);
                let mut x = Vector {
                    buf: x0.buf.clone(),
                    ..x0
                };
                scal(alpha, x.as_mut());
                let ar = alpha.re();
                let mut xr = Vector {
                    buf: x0.buf.clone(),
                    ..x0
                };
                scal_real(ar, xr.as_mut());
                for i in 0..n {
                    let v = x0.at(i);
                    let what = format!("scal {isa:?} n={n} inc={inc}");
                    close(&what, x.at(i), alpha * v, abs(alpha) * abs(v), 3.0);
                    let want = T::from_parts(ar * v.re(), ar * v.im());
                    assert!(same_bits(xr.at(i), want), "scal_real {what}");
                }
                assert!(x.padding() == x0.padding() && xr.padding() == x0.padding());
            }
            let x = rand_vec::<T>(&mut rng, n, inc);
            for inc2 in INCS {
                let y0 = rand_vec::<T>(&mut rng, n, inc2);
                let mut y = Vector {
                    buf: y0.buf.clone(),
                    ..y0
                };
                copy(x.as_ref(), y.as_mut()).unwrap();
                assert!(
                    y.values() == x.values() && y.padding() == y0.padding(),
                    "copy n={n} {inc},{inc2}"
                );
                let mut a = Vector {
                    buf: x.buf.clone(),
                    ..x
                };
                let mut b = Vector {
                    buf: y0.buf.clone(),
                    ..y0
                };
                swap(a.as_mut(), b.as_mut()).unwrap();
                assert!(
                    a.values() == y0.values() && b.values() == x.values(),
                    "swap n={n} {inc},{inc2}"
                );
                assert!(a.padding() == x.padding() && b.padding() == y0.padding());
            }
        }
    }
    // scal multiplies even by zero (reference semantics): NaN stays NaN.
    let mut x = Vector::from_values(&[T::from_real(T::Real::from_f64(f64::NAN)), T::one()], 1);
    scal(T::zero(), x.as_mut());
    assert!(x.at(0).has_nan() && x.at(1).is_zero());
}

fn t_rot<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(4);
    for (n, ix, iy) in pairs() {
        let (c, s) = (T::Real::from_f64(0.6), T::Real::from_f64(-0.8));
        let x0 = rand_vec::<T>(&mut rng, n, ix);
        let y0 = rand_vec::<T>(&mut rng, n, iy);
        let mut x = Vector {
            buf: x0.buf.clone(),
            ..x0
        };
        let mut y = Vector {
            buf: y0.buf.clone(),
            ..y0
        };
        rot(x.as_mut(), y.as_mut(), c, s).unwrap();
        let (cc, ss) = (T::from_real(c), T::from_real(s));
        for i in 0..n {
            let (a, b) = (x0.at(i), y0.at(i));
            let what = format!("rot {isa:?} n={n} incs {ix},{iy}");
            close(&what, x.at(i), cc * a + ss * b, abs(a) + abs(b), 4.0);
            close(&what, y.at(i), cc * b - ss * a, abs(a) + abs(b), 4.0);
        }
        assert!(x.padding() == x0.padding() && y.padding() == y0.padding());
    }
}

fn t_asum_nrm2<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(5);
    for n in SIZES {
        for inc in INCS {
            let x = rand_vec::<T>(&mut rng, n, inc);
            let (mut s, mut q) = (0.0, 0.0);
            for v in x.values() {
                s += v.abs1().to_f64();
                q += abs(v) * abs(v);
            }
            let c = n as f64 + 4.0;
            let what = format!("{isa:?} n={n} inc={inc}");
            close(
                &format!("asum {what}"),
                T::from_real(asum(x.as_ref())),
                T::from_real(T::Real::from_f64(s)),
                s,
                c,
            );
            let want = T::from_real(T::Real::from_f64(q.sqrt()));
            close(
                &format!("nrm2 {what}"),
                T::from_real(nrm2(x.as_ref())),
                want,
                q.sqrt(),
                c,
            );
        }
    }
}

/// nrm2 of values whose squares overflow or underflow: `v * sqrt(n)`
/// exactly representable pattern, relative error a few eps.
fn t_nrm2_extremes<T: Scalar>(isa: Isa) {
    let is32 = T::Real::EPSILON.to_f64() > 1e-10;
    let (big, tiny) = if is32 { (1e30, 1e-30) } else { (1e300, 1e-300) };
    let w = if T::IS_COMPLEX { 2.0 } else { 1.0 };
    for &scale in &[big, tiny, 1.0, 1e150, 1e-150, 4e-320] {
        if is32 && (scale == 1e150 || scale == 1e-150 || scale == 4e-320) {
            continue;
        }
        for n in [1usize, 2, 7, 33, 1000] {
            for inc in [1isize, -1, 3] {
                let v = T::Real::from_f64(scale);
                let x = Vector::new(n, inc, || T::from_parts(v, v));
                let got = nrm2(x.as_ref()).to_f64();
                let want = scale * (w * n as f64).sqrt();
                let tol = (w * n as f64 + 8.0) * eps::<T>() * want
                    + if scale == 4e-320 {
                        1e-322 * n as f64
                    } else {
                        0.0
                    };
                assert!(
                    (got - want).abs() <= tol,
                    "nrm2 {isa:?} {:?} scale {scale:e} n={n} inc={inc}: {got:e} vs {want:e}",
                    T::KIND
                );
            }
        }
    }
    // Mixed magnitudes: a huge element dominates, tiny ones do not vanish
    // from a tiny-only vector.
    let b = T::Real::from_f64(big);
    let x = Vector::from_values(&[T::from_real(b), T::one(), T::from_real(b)], 1);
    let got = nrm2(x.as_ref()).to_f64();
    assert!(
        (got - big * 2f64.sqrt()).abs() <= 8.0 * eps::<T>() * got,
        "mixed big {got:e}"
    );
    let t = T::Real::from_f64(tiny);
    let x = Vector::from_values(
        &[T::from_real(t), T::from_real(t * T::Real::from_f64(2.0))],
        2,
    );
    let got = nrm2(x.as_ref()).to_f64();
    assert!(
        (got - tiny * 5f64.sqrt()).abs() <= 8.0 * eps::<T>() * got,
        "mixed tiny {got:e}"
    );
    // Inf and NaN.
    let inf = T::from_real(T::Real::from_f64(f64::INFINITY));
    let nan = T::from_real(T::Real::from_f64(f64::NAN));
    for inc in [1isize, 2] {
        assert_eq!(
            nrm2(Vector::from_values(&[T::one(), inf, T::one()], inc).as_ref()).to_f64(),
            f64::INFINITY
        );
        assert!(nrm2(Vector::from_values(&[T::one(), nan, T::one()], inc).as_ref()).is_nan());
        assert!(nrm2(Vector::from_values(&[inf, nan], inc).as_ref()).is_nan());
        assert_eq!(
            nrm2(Vector::from_values(&[T::zero(); 40], inc).as_ref()).to_f64(),
            0.0
        );
    }
}

fn naive_iamax<T: Scalar>(v: &[T], min: bool) -> Option<usize> {
    let mut best = v.first()?.abs1();
    let mut idx = 0;
    for (i, x) in v.iter().enumerate().skip(1) {
        let a = x.abs1();
        if (min && a < best) || (!min && a > best) {
            best = a;
            idx = i;
        }
    }
    Some(idx)
}

fn t_iamax<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(6);
    let r = |x: f64| T::from_real(T::Real::from_f64(x));
    for n in SIZES.into_iter().chain([1025, 2500, 4097]) {
        for inc in INCS {
            // Small integers make ties frequent.
            let x = Vector::new(n, inc, || {
                T::from_parts(
                    T::Real::from_f64(rng.below(9) as f64 - 4.0),
                    T::Real::from_f64(rng.below(5) as f64 - 2.0),
                )
            });
            let v = x.values();
            assert_eq!(
                iamax(x.as_ref()),
                naive_iamax(&v, false),
                "iamax {isa:?} n={n} inc={inc}"
            );
            assert_eq!(
                iamin(x.as_ref()),
                naive_iamax(&v, true),
                "iamin {isa:?} n={n} inc={inc}"
            );
            if n >= 3 {
                // A NaN in the middle is skipped; at element 0 it wins.
                let mut y = Vector {
                    buf: x.buf.clone(),
                    ..x
                };
                y.set(n / 2, r(f64::NAN));
                let w = y.values();
                assert_eq!(
                    iamax(y.as_ref()),
                    naive_iamax(&w, false),
                    "iamax NaN mid {isa:?} n={n}"
                );
                assert_eq!(
                    iamin(y.as_ref()),
                    naive_iamax(&w, true),
                    "iamin NaN mid {isa:?} n={n}"
                );
                y.set(0, r(f64::NAN));
                assert_eq!(iamax(y.as_ref()), Some(0));
                assert_eq!(iamin(y.as_ref()), Some(0));
            }
        }
    }
    // Ties go to the first; the max in a later block; infinities.
    let x = Vector::from_values(&[r(1.0), r(-3.0), r(3.0), r(2.0)], 1);
    assert_eq!(iamax(x.as_ref()), Some(1));
    let mut big = vec![r(1.0); 3000];
    big[2999] = r(-7.0);
    big[1500] = r(f64::NAN);
    assert_eq!(iamax(Vector::from_values(&big, 1).as_ref()), Some(2999));
    big[2100] = r(f64::NEG_INFINITY);
    assert_eq!(iamax(Vector::from_values(&big, 1).as_ref()), Some(2100));
    assert_eq!(iamax(Vector::<T>::new(0, 1, T::zero).as_ref()), None);
    if T::IS_COMPLEX {
        // abs1 = |re| + |im|: (3, 3) beats (-5, 0).
        let x = Vector::from_values(
            &[
                T::from_parts(T::Real::from_f64(-5.0), T::Real::zero()),
                T::from_parts(T::Real::from_f64(3.0), T::Real::from_f64(-3.0)),
            ],
            1,
        );
        assert_eq!(iamax(x.as_ref()), Some(1));
    }
}

fn for_types(f32f: fn(Isa), f64f: fn(Isa), c32f: fn(Isa), c64f: fn(Isa)) {
    for_each_isa(|isa| {
        f32f(isa);
        f64f(isa);
        c32f(isa);
        c64f(isa);
    });
}

macro_rules! all_types {
    ($name:ident, $f:ident) => {
        #[test]
        fn $name() {
            for_types($f::<f32>, $f::<f64>, $f::<c32>, $f::<c64>);
        }
    };
}
all_types!(dot_all, t_dot);
all_types!(axpy_axpby_all, t_axpy);
all_types!(scal_copy_swap_all, t_scal_copy_swap);
all_types!(rot_all, t_rot);
all_types!(asum_nrm2_all, t_asum_nrm2);
all_types!(nrm2_extremes_all, t_nrm2_extremes);
all_types!(iamax_all, t_iamax);

#[test]
fn sdsdot_dsdot() {
    let mut rng = Rng::new(7);
    for_each_isa(|isa| {
        for (n, ix, iy) in pairs() {
            let x = rand_vec::<f32>(&mut rng, n, ix);
            let y = rand_vec::<f32>(&mut rng, n, iy);
            let mut s = 0f64;
            for i in 0..n {
                s += x.at(i) as f64 * y.at(i) as f64;
            }
            let got = dsdot(x.as_ref(), y.as_ref()).unwrap();
            assert!(
                (got - s).abs() <= 1e-13 * (1.0 + s.abs()) * (n as f64 + 1.0),
                "dsdot {isa:?} n={n}"
            );
            let sb = 0.25f32;
            assert_eq!(
                sdsdot(sb, x.as_ref(), y.as_ref()).unwrap(),
                (sb as f64 + got) as f32
            );
        }
    });
    // Accumulation in f64: 2^24 + 1 - 2^24 is exact there, not in f32.
    let x = Vector::from_values(&[16777216f32, 1.0, -16777216.0], 1);
    let y = Vector::from_values(&[1f32, 1.0, 1.0], 1);
    assert_eq!(dsdot(x.as_ref(), y.as_ref()).unwrap(), 1.0);
}

fn t_rotg_real<R: RealScalar>() {
    let r = R::from_f64;
    for &(a, b) in &[
        (3.0, 4.0),
        (-3.0, 4.0),
        (4.0, -3.0),
        (0.0, 2.0),
        (2.0, 0.0),
        (0.0, 0.0),
        (1e30, 1e-30),
        (-1e-20, 5e-20),
    ] {
        let (mut ra, mut rb) = (r(a), r(b));
        let (c, s) = rotg(&mut ra, &mut rb);
        let (c, s, rr, z) = (c.to_f64(), s.to_f64(), ra.to_f64(), rb.to_f64());
        let e = 8.0 * R::EPSILON.to_f64();
        let h = a.hypot(b);
        assert!((rr.abs() - h).abs() <= e * h, "rotg r {a} {b}: {rr}");
        assert!(
            (c * a + s * b - rr).abs() <= e * h + 1e-300,
            "rotg rows {a} {b}"
        );
        assert!((c * b - s * a).abs() <= e * h + 1e-300, "rotg zero {a} {b}");
        assert!((c * c + s * s - 1.0).abs() <= e, "rotg norm {a} {b}");
        // Reconstruction value z: s when |a| > |b|, else 1/c (1 if c = 0).
        let want_z = if b == 0.0 {
            0.0
        } else if a.abs() > b.abs() {
            s
        } else if c != 0.0 {
            1.0 / c
        } else {
            1.0
        };
        assert!(
            (z - want_z).abs() <= e * want_z.abs().max(1.0),
            "rotg z {a} {b}: {z} vs {want_z}"
        );
        // Sign convention: r has the sign of the larger of a, b.
        if h > 0.0 {
            let big = if a.abs() > b.abs() { a } else { b };
            assert!(rr * big > 0.0, "rotg sign {a} {b}");
        }
    }
}

fn t_rotg_complex<T: Scalar>() {
    let mut rng = Rng::new(8);
    let mut cases: Vec<(T, T)> = (0..50).map(|_| (rng.scalar(), rng.scalar())).collect();
    let s = |x: f64, y: f64| T::from_parts(T::Real::from_f64(x), T::Real::from_f64(y));
    let big = if T::Real::EPSILON.to_f64() > 1e-10 {
        1e30
    } else {
        1e300
    };
    cases.extend([
        (s(0.0, 0.0), s(1.0, 2.0)),
        (s(1.0, -1.0), s(0.0, 0.0)),
        (s(0.0, 0.0), s(0.0, -3.0)),
        (s(big, big), s(1.0, 1.0)),
        (s(1.0, 0.5), s(big, -big)),
        (s(1.0 / big, 0.0), s(0.0, 1.0 / big)),
    ]);
    for (f, g) in cases {
        let (mut a, mut b) = (f, g);
        let (c, sn) = rotg(&mut a, &mut b);
        assert!(same_bits(b, g), "crotg must not change b");
        let c = T::from_real(c);
        let scale = abs(f).max(abs(g));
        // [c s; -conj(s) c] [f; g] = [r; 0], c real, c^2 + |s|^2 = 1.
        let e = 16.0 * eps::<T>();
        let unit = |v: T| v.re().to_f64() / scale;
        let _ = unit;
        let r1 = c * f + sn * g;
        let r2 = c * g - sn.conj() * f;
        assert!(
            abs(r1 - a) <= e * scale,
            "crotg r {f:?} {g:?}: {a:?} vs {r1:?}"
        );
        assert!(abs(r2) <= e * scale, "crotg zero {f:?} {g:?}");
        let n2 = abs(c) * abs(c) + abs(sn) * abs(sn);
        assert!((n2 - 1.0).abs() <= e, "crotg norm {f:?} {g:?}");
    }
}

#[test]
fn rotg_all() {
    t_rotg_real::<f32>();
    t_rotg_real::<f64>();
    t_rotg_complex::<c32>();
    t_rotg_complex::<c64>();
}

fn t_rotmg_rotm<R: RealScalar>() {
    let r = R::from_f64;
    let mut rng = Rng::new(9);
    let mut cases: Vec<(f64, f64, f64, f64)> = (0..200)
        .map(|_| {
            (
                rng.uniform().abs() * 4.0,
                rng.uniform().abs() * 4.0,
                rng.uniform(),
                rng.uniform(),
            )
        })
        .collect();
    cases.extend([
        (1.0, 1.0, 1.0, 0.0),
        (1.0, 0.0, 1.0, 1.0),
        (-1.0, 1.0, 1.0, 1.0),
        (1e-9, 1e9, 1.0, 1.0),
        (1e9, 1e-9, 1e-3, 1.0),
        (2.0, 3.0, 0.0, 1.0),
        (1e-12, 1e-12, 1.0, 2.0),
    ]);
    for (d1, d2, x1, y1) in cases {
        let (mut rd1, mut rd2, mut rx1) = (r(d1), r(d2), r(x1));
        let p = rotmg(&mut rd1, &mut rd2, &mut rx1, r(y1));
        let flag = p[0].to_f64();
        assert!([-2.0, -1.0, 0.0, 1.0].contains(&flag), "rotmg flag {flag}");
        if d1 < 0.0 {
            assert!(
                flag == -1.0 && rd1.to_f64() == 0.0 && rd2.to_f64() == 0.0 && rx1.to_f64() == 0.0
            );
            continue;
        }
        if flag == -2.0 {
            assert!(d2 * y1 == 0.0 && rd1.to_f64() == d1 && rx1.to_f64() == x1);
            continue;
        }
        // Apply H with rotm to (x1, y1): the second component vanishes and
        // d1' x1'^2 = d1 x1^2 + d2 y1^2.
        let mut xv = Vector::from_values(&[r(x1)], 1);
        let mut yv = Vector::from_values(&[r(y1)], 1);
        rotm(xv.as_mut(), yv.as_mut(), &p).unwrap();
        let e = 64.0 * R::EPSILON.to_f64();
        let sc =
            (x1.abs() + y1.abs()) * (1.0 + p.iter().map(|v| v.to_f64().abs()).fold(0.0, f64::max));
        assert!(
            yv.at(0).to_f64().abs() <= e * sc,
            "rotmg zero: {d1} {d2} {x1} {y1} -> {p:?} y={:?}",
            yv.at(0)
        );
        assert!(
            (xv.at(0).to_f64() - rx1.to_f64()).abs() <= e * sc,
            "rotmg x1: {d1} {d2} {x1} {y1}"
        );
        let lhs = rd1.to_f64() * rx1.to_f64().powi(2);
        let rhs = d1 * x1 * x1 + d2 * y1 * y1;
        assert!(
            (lhs - rhs).abs() <= e * rhs.abs().max(1e-30),
            "rotmg energy {d1} {d2} {x1} {y1}: {lhs} vs {rhs}"
        );
    }
}

fn t_rotm_vectors<R: RealScalar>(isa: Isa) {
    let mut rng = Rng::new(10);
    let r = R::from_f64;
    let hs = [
        [-1.0, 0.5, -0.25, 2.0, 0.75],
        [0.0, 9.0, 0.3, -0.4, 9.0],
        [1.0, 0.6, 9.0, 9.0, -1.5],
        [-2.0, 9.0, 9.0, 9.0, 9.0],
    ];
    for (n, ix, iy) in pairs() {
        for h in hs {
            let p = h.map(r);
            let x0 = rand_vec::<R>(&mut rng, n, ix);
            let y0 = rand_vec::<R>(&mut rng, n, iy);
            let mut x = Vector {
                buf: x0.buf.clone(),
                ..x0
            };
            let mut y = Vector {
                buf: y0.buf.clone(),
                ..y0
            };
            rotm(x.as_mut(), y.as_mut(), &p).unwrap();
            let (h11, h21, h12, h22) = match h[0] {
                f if f < 0.0 && f != -2.0 => (h[1], h[2], h[3], h[4]),
                0.0 => (1.0, h[2], h[3], 1.0),
                1.0 => (h[1], -1.0, 1.0, h[4]),
                _ => (1.0, 0.0, 0.0, 1.0),
            };
            for i in 0..n {
                let (a, b) = (x0.at(i).to_f64(), y0.at(i).to_f64());
                let e = 4.0 * R::EPSILON.to_f64() * 3.0 * (a.abs() + b.abs());
                assert!(
                    (x.at(i).to_f64() - (h11 * a + h12 * b)).abs() <= e,
                    "rotm {isa:?} x n={n}"
                );
                assert!(
                    (y.at(i).to_f64() - (h21 * a + h22 * b)).abs() <= e,
                    "rotm {isa:?} y n={n}"
                );
            }
            assert!(x.padding() == x0.padding() && y.padding() == y0.padding());
        }
    }
}

#[test]
fn rotmg_rotm_all() {
    t_rotmg_rotm::<f32>();
    t_rotmg_rotm::<f64>();
    for_each_isa(|isa| {
        t_rotm_vectors::<f32>(isa);
        t_rotm_vectors::<f64>(isa);
    });
}

/// Long vectors are split between threads; results must not depend on
/// the thread count (chunked reductions added in a fixed order).
fn t_thread_invariance<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(11);
    // 12 MiB per vector: past the splitting threshold of every routine here.
    let n = (12 << 20) / core::mem::size_of::<T>();
    let x = rand_vec::<T>(&mut rng, n, 1);
    let y = rand_vec::<T>(&mut rng, n, -1);
    let alpha = rng.scalar::<T>();
    let run = |nt: usize| {
        oxblas::with_num_threads(nt, || {
            let d = dot(x.as_ref(), y.as_ref()).unwrap();
            let dc = dotc(x.as_ref(), y.as_ref()).unwrap();
            let s = asum(x.as_ref());
            let mut z = Vector {
                buf: y.buf.clone(),
                ..y
            };
            axpy(alpha, x.as_ref(), z.as_mut()).unwrap();
            axpby(alpha, x.as_ref(), alpha, z.as_mut()).unwrap();
            scal(alpha, z.as_mut());
            (d, dc, s, z.buf)
        })
    };
    let (a, b) = (run(1), run(2));
    let what = format!("{isa:?} {:?}", T::KIND);
    assert!(
        same_bits(a.0, b.0) && same_bits(a.1, b.1),
        "dot differs across thread counts {what}"
    );
    assert!(
        same_bits(T::from_real(a.2), T::from_real(b.2)),
        "asum differs {what}"
    );
    assert!(
        a.3.iter().zip(&b.3).all(|(p, q)| same_bits(*p, *q)),
        "axpy/axpby/scal differ {what}"
    );
    // And the chunked sums are still accurate.
    let (mut s, mut mag) = (T::zero(), 0.0);
    for i in 0..n {
        s += x.at(i) * y.at(i);
        mag += abs(x.at(i)) * abs(y.at(i));
    }
    close(&what, a.0, s, mag, 2.0 * (n as f64 + 4.0));
}
all_types!(thread_invariance_all, t_thread_invariance);

/// Sizes just below, at and above the lengths from which dot (2n elements
/// moved) and axpy (3n) are split between threads (256 KiB in total: one
/// fixed range per thread; 2 MiB: dynamically claimed chunks), at every
/// alignment offset of x and y up to 3 elements and with a negative
/// increment (never split): 1 and 2 threads agree bit for bit, and both
/// agree with naive loops. The longest sizes also split nrm2 (n elements).
fn t_split_threshold<T: Scalar>(isa: Isa) {
    let mut rng = Rng::new(13);
    let sz = core::mem::size_of::<T>();
    let (d0, a0) = ((2 << 20) / (2 * sz), (2 << 20) / (3 * sz));
    let (l0, la) = ((256 << 10) / (2 * sz), (256 << 10) / (3 * sz));
    let what = |n: usize, s: (usize, usize)| format!("{isa:?} n={n} shifts={s:?}");
    for n in [
        l0 - 1,
        l0,
        l0 + 1,
        la - 1,
        la + 1,
        2 * l0 + 67,
        d0 - 1,
        d0,
        d0 + 1,
        a0 - 1,
        a0 + 1,
        2 * d0 + 67,
    ] {
        let xb: Vec<T> = (0..n + 4).map(|_| rng.scalar()).collect();
        let yb: Vec<T> = (0..n + 4).map(|_| rng.scalar()).collect();
        let alpha = rng.scalar::<T>();
        for (sx, sy) in [(0, 0), (1, 1), (1, 3), (3, 2), (2, 0)] {
            let (x, y) = (&xb[sx..sx + n], &yb[sy..sy + n]);
            let (mut s, mut mag) = (T::zero(), 0.0);
            for i in 0..n {
                s += x[i] * y[i];
                mag += abs(x[i]) * abs(y[i]);
            }
            let run = |nt: usize| {
                oxblas::with_num_threads(nt, || {
                    let d = dot(VecRef::from_contiguous(x), VecRef::from_contiguous(y)).unwrap();
                    let mut z = y.to_vec();
                    axpy(
                        alpha,
                        VecRef::from_contiguous(x),
                        VecMut::from_contiguous(&mut z),
                    )
                    .unwrap();
                    let r = nrm2(VecRef::from_contiguous(x));
                    (d, z, r)
                })
            };
            let ((d1, z1, r1), (d2, z2, r2)) = (run(1), run(2));
            let w = what(n, (sx, sy));
            assert!(same_bits(d1, d2), "dot differs across thread counts {w}");
            assert!(
                r1.to_f64().to_bits() == r2.to_f64().to_bits(),
                "nrm2 differs across thread counts {w}"
            );
            let ss: f64 = x.iter().map(|v| abs(*v) * abs(*v)).sum();
            let rel = (r1.to_f64() - ss.sqrt()).abs() / ss.sqrt();
            assert!(
                rel <= 4.0 * eps::<T>() * (n as f64).sqrt() + 1e-15,
                "nrm2 {w}: {rel:e}"
            );
            close(&w, d1, s, mag, 2.0 * (n as f64 + 4.0));
            assert!(
                z1.iter().zip(&z2).all(|(p, q)| same_bits(*p, *q)),
                "axpy differs across thread counts {w}"
            );
            for i in 0..n {
                let want = y[i] + alpha * x[i];
                close(&w, z1[i], want, abs(y[i]) + abs(alpha) * abs(x[i]), 4.0);
            }
        }
        // Negative increments: the strided loop, the same sums.
        let (x, y) = (
            VecRef::from_blas(&xb[..n], n, -1).unwrap(),
            VecRef::from_blas(&yb[..n], n, -1).unwrap(),
        );
        let (mut s, mut mag) = (T::zero(), 0.0);
        for i in 0..n {
            s += xb[i] * yb[i];
            mag += abs(xb[i]) * abs(yb[i]);
        }
        close(
            &what(n, (0, 0)),
            dot(x, y).unwrap(),
            s,
            mag,
            2.0 * (n as f64 + 4.0),
        );
    }
}
all_types!(split_threshold_all, t_split_threshold);

/// c32 has 4-byte alignment, so its (re, im) pairs may start at an odd
/// f32 position relative to a vector boundary: the kernels must not
/// realign by splitting a pair.
#[test]
fn c32_odd_alignment() {
    let mut rng = Rng::new(12);
    for_each_isa(|isa| {
        for n in [1usize, 3, 8, 17, 64, 100] {
            for shift in 0..4usize {
                let mut bx: Vec<f32> = (0..2 * n + 8).map(|_| rng.uniform() as f32).collect();
                let mut by: Vec<f32> = (0..2 * n + 8).map(|_| rng.uniform() as f32).collect();
                // SAFETY: c32 is repr(C) {f32, f32} with 4-byte alignment;
                // n elements from f32 index `shift` fit in the buffers.
                let x: &[c32] = unsafe {
                    core::slice::from_raw_parts(bx.as_mut_ptr().add(shift) as *const c32, n)
                };
                // SAFETY: as above, read-only copy of the same range of `by`.
                let y0: Vec<c32> =
                    unsafe { core::slice::from_raw_parts(by.as_ptr().add(shift) as *const c32, n) }
                        .to_vec();
                // SAFETY: as above; `by` is not otherwise borrowed while `y` lives.
                let y: &mut [c32] = unsafe {
                    core::slice::from_raw_parts_mut(by.as_mut_ptr().add(shift) as *mut c32, n)
                };
                let alpha = c32::new(0.5, -0.25);
                axpy(
                    alpha,
                    oxblas::VecRef::from_contiguous(x),
                    oxblas::VecMut::from_contiguous(y),
                )
                .unwrap();
                for i in 0..n {
                    close(
                        &format!("c32 axpy {isa:?} n={n} shift={shift}"),
                        y[i],
                        y0[i] + alpha * x[i],
                        2.0,
                        4.0,
                    );
                }
                scal(alpha, oxblas::VecMut::from_contiguous(y));
                let d = dotc(
                    oxblas::VecRef::from_contiguous(x),
                    oxblas::VecRef::from_contiguous(x),
                )
                .unwrap();
                let want: f64 = x.iter().map(|v| (v.norm_sqr()) as f64).sum();
                close(
                    &format!("c32 dotc {isa:?} n={n}"),
                    d,
                    c32::new(want as f32, 0.0),
                    want,
                    2.0 * (n as f64 + 4.0),
                );
            }
        }
    });
}
