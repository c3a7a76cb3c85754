//! Constructing plane rotations: `rotg` (Givens) and `rotmg` (modified
//! Givens). Scalar algorithms; no vectors involved.

use super::consts;
use crate::scalar::{RealScalar, Scalar};

/// Constructs a Givens rotation that zeroes `b`:
/// `[c s; -conj(s) c] [a; b] = [r; 0]`, returning `(c, s)`.
///
/// * real (srotg/drotg): `a <- r`, `b <- z`, the reconstruction value
///   (`z = s` if `|a| > |b|`, else `1/c` if `c != 0`, else 1).
/// * complex (crotg/zrotg): `a <- r`, `b` unchanged.
///
/// Both follow the reference BLAS 3.10 algorithms (Anderson, "Algorithm
/// 978: Safe scaling in the Level 1 BLAS"): no overflow or underflow
/// unless the result itself does.
pub fn rotg<T: Scalar>(a: &mut T, b: &mut T) -> (T::Real, T) {
    if T::IS_COMPLEX {
        let (c, s, r) = rotg_complex::<T>(*a, *b);
        *a = r;
        (c, s)
    } else {
        let (c, s, r, z) = rotg_real(a.re(), b.re());
        *a = T::from_real(r);
        *b = T::from_real(z);
        (c, T::from_real(s))
    }
}

/// Returns `(c, s, r, z)`.
fn rotg_real<R: RealScalar>(a: R, b: R) -> (R, R, R, R) {
    let k = consts::<R>();
    let (zero, one) = (R::zero(), R::one());
    let (anorm, bnorm) = (a.abs(), b.abs());
    if bnorm == zero {
        return (one, zero, a, zero);
    }
    if anorm == zero {
        return (zero, one, b, one);
    }
    let big = if anorm > bnorm { anorm } else { bnorm };
    let scl = min(k.safmax, max(k.safmin, big));
    let sigma = if anorm > bnorm { sign1(a) } else { sign1(b) };
    let (as_, bs) = (a / scl, b / scl);
    let r = sigma * (scl * (as_ * as_ + bs * bs).sqrt());
    let c = a / r;
    let s = b / r;
    let z = if anorm > bnorm {
        s
    } else if c != zero {
        one / c
    } else {
        one
    };
    (c, s, r, z)
}

fn sign1<R: RealScalar>(x: R) -> R {
    if x < R::zero() {
        -R::one()
    } else {
        R::one()
    }
}

fn max<R: RealScalar>(a: R, b: R) -> R {
    if a > b {
        a
    } else {
        b
    }
}

fn min<R: RealScalar>(a: R, b: R) -> R {
    if a < b {
        a
    } else {
        b
    }
}

/// `|re|^2 + |im|^2`.
fn abssq<T: Scalar>(z: T) -> T::Real {
    z.re() * z.re() + z.im() * z.im()
}

/// `z * r` and `z / r` for real `r`, componentwise.
fn cscale<T: Scalar>(z: T, r: T::Real) -> T {
    T::from_parts(z.re() * r, z.im() * r)
}

fn cdiv<T: Scalar>(z: T, r: T::Real) -> T {
    T::from_parts(z.re() / r, z.im() / r)
}

/// Complex rotation `(c, s, r)` of the reference zrotg.f90 (3.10+).
fn rotg_complex<T: Scalar>(f: T, g: T) -> (T::Real, T, T) {
    let k = consts::<T::Real>();
    let (zero, one) = (T::Real::zero(), T::Real::one());
    let rtmin = k.safmin.sqrt();
    let mut rtmax = (k.safmax / T::Real::from_f64(4.0)).sqrt();
    if g.is_zero() {
        return (one, T::zero(), f);
    }
    if f.is_zero() {
        // c = 0: s = conj(g)/|g|, r = |g|.
        let d = if g.re() == zero {
            g.im().abs()
        } else if g.im() == zero {
            g.re().abs()
        } else {
            let g1 = max(g.re().abs(), g.im().abs());
            if g1 > rtmin && g1 < rtmax {
                abssq(g).sqrt()
            } else {
                let u = min(k.safmax, max(k.safmin, g1));
                let gs = cdiv(g, u);
                let d = abssq(gs).sqrt();
                return (zero, cdiv(gs.conj(), d), T::from_real(d * u));
            }
        };
        return (zero, cdiv(g.conj(), d), T::from_real(d));
    }
    let f1 = max(f.re().abs(), f.im().abs());
    let g1 = max(g.re().abs(), g.im().abs());
    if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        // Unscaled algorithm.
        let f2 = abssq(f);
        let g2 = abssq(g);
        let h2 = f2 + g2;
        if f2 >= h2 * k.safmin {
            let c = (f2 / h2).sqrt();
            let r = cdiv(f, c);
            rtmax *= T::Real::from_f64(2.0);
            let s = if f2 > rtmin && h2 < rtmax {
                g.conj() * cdiv(f, (f2 * h2).sqrt())
            } else {
                g.conj() * cdiv(r, h2)
            };
            (c, s, r)
        } else {
            // f2/h2 may be subnormal and h2/f2 overflow; here h2 == g2.
            let d = (f2 * h2).sqrt();
            let c = f2 / d;
            let r = if c >= k.safmin {
                cdiv(f, c)
            } else {
                cscale(f, h2 / d)
            };
            (c, g.conj() * cdiv(f, d), r)
        }
    } else {
        // Scaled algorithm.
        let u = min(k.safmax, max(k.safmin, max(f1, g1)));
        let gs = cdiv(g, u);
        let g2 = abssq(gs);
        let (w, fs, f2, h2);
        if f1 / u < rtmin {
            // f is not well scaled by g's scale: scale it on its own.
            let v = min(k.safmax, max(k.safmin, f1));
            w = v / u;
            fs = cdiv(f, v);
            f2 = abssq(fs);
            h2 = f2 * w * w + g2;
        } else {
            w = one;
            fs = cdiv(f, u);
            f2 = abssq(fs);
            h2 = f2 + g2;
        }
        let (c, s, r);
        if f2 >= h2 * k.safmin {
            c = (f2 / h2).sqrt();
            r = cdiv(fs, c);
            rtmax *= T::Real::from_f64(2.0);
            s = if f2 > rtmin && h2 < rtmax {
                gs.conj() * cdiv(fs, (f2 * h2).sqrt())
            } else {
                gs.conj() * cdiv(r, h2)
            };
        } else {
            let d = (f2 * h2).sqrt();
            c = f2 / d;
            r = if c >= k.safmin {
                cdiv(fs, c)
            } else {
                cscale(fs, h2 / d)
            };
            s = gs.conj() * cdiv(fs, d);
        }
        (c * w, s, cscale(r, u))
    }
}

/// Constructs the modified Givens transformation `H` that zeroes the second
/// component of `(sqrt(d1) x1, sqrt(d2) y1)` (srotmg/drotmg). Updates `d1`,
/// `d2`, `x1` and returns `param = [flag, h11, h21, h12, h22]`:
///
/// * flag -1: `H = [h11 h12; h21 h22]` (all four entries set);
/// * flag 0: `H = [1 h12; h21 1]` (h11, h22 returned as 0);
/// * flag 1: `H = [h11 1; -1 h22]` (h21, h12 returned as 0);
/// * flag -2: `H = I` (d1, d2, x1 unchanged).
///
/// The reference leaves the entries a flag does not use unchanged in the
/// caller's array; here they are 0, so a C ABI wrapper that must preserve
/// them copies only the entries the flag uses. Rescaling uses the
/// reference's `gam = 4096` and its `rgamsq = 5.9604645e-8` literal.
pub fn rotmg<R: RealScalar>(d1: &mut R, d2: &mut R, x1: &mut R, y1: R) -> [R; 5] {
    let zero = R::zero();
    let one = R::one();
    let gam = R::from_f64(4096.0);
    let gamsq = R::from_f64(16777216.0);
    let rgamsq = R::from_f64(5.9604645e-8);
    let (mut h11, mut h12, mut h21, mut h22) = (zero, zero, zero, zero);
    let mut flag;
    let zero_all = |d1: &mut R, d2: &mut R, x1: &mut R| {
        *d1 = zero;
        *d2 = zero;
        *x1 = zero;
        [-one, zero, zero, zero, zero]
    };
    if *d1 < zero {
        return zero_all(d1, d2, x1);
    }
    let p2 = *d2 * y1;
    if p2 == zero {
        return [R::from_f64(-2.0), zero, zero, zero, zero];
    }
    let p1 = *d1 * *x1;
    let q2 = p2 * y1;
    let q1 = p1 * *x1;
    if q1.abs() > q2.abs() {
        h21 = -y1 / *x1;
        h12 = p2 / p1;
        let u = one - h12 * h21;
        if u > zero {
            flag = zero;
            *d1 = *d1 / u;
            *d2 = *d2 / u;
            *x1 *= u;
        } else {
            // Only reachable through rounding in edge cases.
            return zero_all(d1, d2, x1);
        }
    } else {
        if q2 < zero {
            return zero_all(d1, d2, x1);
        }
        flag = one;
        h11 = p1 / p2;
        h22 = *x1 / y1;
        let u = one + h11 * h22;
        let t = *d2 / u;
        *d2 = *d1 / u;
        *d1 = t;
        *x1 = y1 * u;
    }
    // Keep d1, d2 within [rgamsq, gamsq] by moving powers of gam into H,
    // which first becomes a full matrix (flag -1, implicit entries made
    // explicit).
    let fill = |flag: &mut R, h11: &mut R, h12: &mut R, h21: &mut R, h22: &mut R| {
        if *flag == zero {
            *h11 = one;
            *h22 = one;
            *flag = -one;
        } else if *flag == one {
            *h21 = -one;
            *h12 = one;
            *flag = -one;
        }
    };
    if *d1 != zero {
        while *d1 <= rgamsq || *d1 >= gamsq {
            fill(&mut flag, &mut h11, &mut h12, &mut h21, &mut h22);
            if *d1 <= rgamsq {
                *d1 *= gam * gam;
                *x1 = *x1 / gam;
                h11 = h11 / gam;
                h12 = h12 / gam;
            } else {
                *d1 = *d1 / (gam * gam);
                *x1 *= gam;
                h11 *= gam;
                h12 *= gam;
            }
        }
    }
    if *d2 != zero {
        while d2.abs() <= rgamsq || d2.abs() >= gamsq {
            fill(&mut flag, &mut h11, &mut h12, &mut h21, &mut h22);
            if d2.abs() <= rgamsq {
                *d2 *= gam * gam;
                h21 = h21 / gam;
                h22 = h22 / gam;
            } else {
                *d2 = *d2 / (gam * gam);
                h21 *= gam;
                h22 *= gam;
            }
        }
    }
    if flag < zero {
        [flag, h11, h21, h12, h22]
    } else if flag == zero {
        [flag, zero, h21, h12, zero]
    } else {
        [flag, h11, zero, zero, h22]
    }
}
