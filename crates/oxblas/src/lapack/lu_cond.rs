//! Reciprocal condition number of a matrix from its LU factors (LAPACK
//! xGECON) and the 1-norm estimator behind it (Hager 1984, Higham 1988;
//! LAPACK's xLACN2).
//!
//! The estimator never forms `B = A^-1`: it maximises `||B x||_1` over the
//! unit ball by a few steps of a gradient ascent that each cost one solve
//! with `B` and one with `B^H` (triangular solves with the LU factors),
//! followed by one extra probe with an alternating-sign vector that catches
//! matrices the ascent misses. LAPACK's control flow (written there as
//! reverse communication) becomes a plain loop over two closures here.

use super::super::norms::{abs, Norm};
use super::super::triangular::blk::{axpy_sub, dotc, sfmin};
use crate::arch::{isa, Isa};
use crate::blas::level3::{trsm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::{RealScalar, Scalar};

/// `x <- op(T)^-1 x` for the lower-unit (L) or upper (U) triangle of the
/// LU factors, op = NoTrans or ConjTrans (`ct`). Column-major factors take
/// a substitution that streams along the columns (axpys for NoTrans, dot
/// products for ConjTrans), compiled per ISA; the level 3 TRSM would invert
/// its diagonal blocks on every one of the estimator's solves. Other
/// layouts go through TRSM.
fn trsv<T: Scalar>(
    lu: &MatRef<'_, T>,
    lower: bool,
    unit: bool,
    ct: bool,
    x: &mut [T],
) -> Result<()> {
    let n = lu.nrows();
    if lu.row_stride() != 1 {
        let (uplo, diag) = if lower {
            (Uplo::Lower, Diag::Unit)
        } else {
            (Uplo::Upper, Diag::NonUnit)
        };
        let op = if ct { Op::ConjTrans } else { Op::NoTrans };
        return trsm(
            Side::Left,
            uplo,
            op,
            diag,
            T::one(),
            *lu,
            MatMut::col_major(x, n, 1, n.max(1))?,
        );
    }
    let (p, ld) = (lu.as_ptr(), lu.col_stride());
    // SAFETY: unit row stride: column j is the n contiguous elements at
    // p + j*ld, inside the view; x has n elements.
    unsafe {
        #[cfg(target_arch = "x86_64")]
        match isa() {
            Isa::Avx512 => trsv_avx512(p, ld, n, lower, unit, ct, x),
            Isa::Avx2 => trsv_avx2(p, ld, n, lower, unit, ct, x),
            Isa::Portable => trsv_kernel(p, ld, n, lower, unit, ct, x),
        }
        #[cfg(not(target_arch = "x86_64"))]
        trsv_kernel(p, ld, n, lower, unit, ct, x);
    }
    Ok(())
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn trsv_avx512<T: Scalar>(
    p: *const T,
    ld: isize,
    n: usize,
    lower: bool,
    unit: bool,
    ct: bool,
    x: &mut [T],
) {
    trsv_kernel(p, ld, n, lower, unit, ct, x)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn trsv_avx2<T: Scalar>(
    p: *const T,
    ld: isize,
    n: usize,
    lower: bool,
    unit: bool,
    ct: bool,
    x: &mut [T],
) {
    trsv_kernel(p, ld, n, lower, unit, ct, x)
}

#[inline(always)]
unsafe fn trsv_kernel<T: Scalar>(
    p: *const T,
    ld: isize,
    n: usize,
    lower: bool,
    unit: bool,
    ct: bool,
    x: &mut [T],
) {
    let col = |j: usize| core::slice::from_raw_parts(p.offset(j as isize * ld), n);
    let diag = |j: usize, v: T| {
        if unit {
            v
        } else if ct {
            v / col(j)[j].conj()
        } else {
            v / col(j)[j]
        }
    };
    match (lower, ct) {
        (true, false) => {
            for j in 0..n {
                x[j] = diag(j, x[j]);
                let (head, tail) = x.split_at_mut(j + 1);
                axpy_sub(tail, &col(j)[j + 1..], head[j]);
            }
        }
        (false, false) => {
            for j in (0..n).rev() {
                x[j] = diag(j, x[j]);
                let (head, tail) = x.split_at_mut(j);
                axpy_sub(head, &col(j)[..j], tail[0]);
            }
        }
        (true, true) => {
            for i in (0..n).rev() {
                let s = dotc(&col(i)[i + 1..], &x[i + 1..]);
                x[i] = diag(i, x[i] - s);
            }
        }
        (false, true) => {
            for i in 0..n {
                let s = dotc(&col(i)[..i], &x[..i]);
                x[i] = diag(i, x[i] - s);
            }
        }
    }
}

/// At most this many ascent steps (LAPACK's ITMAX).
const ITMAX: usize = 5;

fn sum_abs<T: Scalar>(x: &[T]) -> T::Real {
    x.iter().fold(T::Real::zero(), |s, &v| s + abs(v))
}

/// First index of the largest |x_i| (NaN never wins).
fn iamax<T: Scalar>(x: &[T]) -> usize {
    let mut j = 0;
    let mut best = abs(x[0]);
    for (i, &v) in x.iter().enumerate().skip(1) {
        let a = abs(v);
        if a > best {
            best = a;
            j = i;
        }
    }
    j
}

/// Replaces x by its sign vector: ±1 for real (recorded in `isgn`),
/// `x_i / |x_i|` for complex (1 for tiny or zero x_i).
fn signs<T: Scalar>(x: &mut [T], isgn: &mut [bool]) {
    let safmin = sfmin::<T>();
    for (v, s) in x.iter_mut().zip(isgn.iter_mut()) {
        if T::IS_COMPLEX {
            let a = abs(*v);
            *v = if a > safmin {
                T::from_parts(v.re() / a, v.im() / a)
            } else {
                T::one()
            };
        } else {
            *s = v.re() >= T::Real::zero();
            *v = if *s { T::one() } else { -T::one() };
        }
    }
}

/// Estimates `||B||_1` for an `n x n` operator given by `apply(x)`:
/// x <- B x and `apply_h(x)`: x <- B^H x. The estimate is a lower bound,
/// in practice within a factor of a few of the true norm.
pub(crate) fn norm1_estimate<T: Scalar>(
    n: usize,
    mut apply: impl FnMut(&mut [T]) -> Result<()>,
    mut apply_h: impl FnMut(&mut [T]) -> Result<()>,
) -> Result<T::Real> {
    let (zero, one) = (T::Real::zero(), T::Real::one());
    if n == 0 {
        return Ok(zero);
    }
    let nr = T::Real::from_f64(n as f64);
    // Start from the uniform vector e/n.
    let mut x = vec![T::from_real(one / nr); n];
    apply(&mut x)?;
    if n == 1 {
        return Ok(abs(x[0]));
    }
    let mut est = sum_abs(&x);
    let mut isgn = vec![false; n];
    signs(&mut x, &mut isgn);
    apply_h(&mut x)?;
    let mut j = iamax(&x);
    let mut iter = 2;
    // Ascent: probe the column e_j that the gradient points at.
    loop {
        x.fill(T::zero());
        x[j] = T::one();
        apply(&mut x)?;
        let estold = est;
        est = sum_abs(&x);
        if !T::IS_COMPLEX && x.iter().zip(&isgn).all(|(v, &s)| (v.re() >= zero) == s) {
            break; // repeated sign vector: converged
        }
        if est <= estold {
            break; // no progress (cycling)
        }
        signs(&mut x, &mut isgn);
        apply_h(&mut x)?;
        let jlast = j;
        j = iamax(&x);
        let xl = if T::IS_COMPLEX {
            abs(x[jlast])
        } else {
            x[jlast].re()
        };
        if xl != abs(x[j]) && iter < ITMAX {
            iter += 1;
            continue;
        }
        break;
    }
    // The alternative probe x_i = (-1)^i (1 + i/(n-1)).
    let denom = T::Real::from_f64((n - 1) as f64);
    for (i, v) in x.iter_mut().enumerate() {
        let mag = one + T::Real::from_f64(i as f64) / denom;
        *v = T::from_real(if i % 2 == 0 { mag } else { -mag });
    }
    apply(&mut x)?;
    let temp = T::Real::from_f64(2.0) * sum_abs(&x) / (T::Real::from_f64(3.0) * nr);
    if temp > est {
        est = temp;
    }
    Ok(est)
}

/// Reciprocal condition number `1 / (||A|| ||A^-1||)` in the 1-norm
/// (`Norm::One`) or infinity norm (`Norm::Inf`) from the LU factors of
/// [`getrf`](super::getrf), given `anorm = ||A||` in that norm (LAPACK
/// xGECON). `||A^-1||` is estimated, so the result is an estimate (in
/// practice within a factor of a few, never above the true value by more
/// than rounding).
///
/// Returns 0 for an exactly singular U or when the solves overflow, 1 for
/// n = 0, NaN when `anorm` or the factors hold a NaN.
pub fn gecon<T: Scalar>(norm: Norm, lu: MatRef<'_, T>, anorm: T::Real) -> Result<T::Real> {
    let one_norm = match norm {
        Norm::One => true,
        Norm::Inf => false,
        _ => {
            return Err(Error::IllegalArgument {
                routine: "gecon",
                position: 1,
                why: "norm must be One or Inf",
            })
        }
    };
    let n = lu.nrows();
    if lu.ncols() != n {
        return Err(Error::DimensionMismatch {
            what: "gecon: LU",
            expected: (n, n),
            found: (n, lu.ncols()),
        });
    }
    let (zero, one) = (T::Real::zero(), T::Real::one());
    if anorm < zero {
        return Err(Error::IllegalArgument {
            routine: "gecon",
            position: 5,
            why: "anorm < 0",
        });
    }
    if n == 0 {
        return Ok(one);
    }
    if anorm.is_nan() {
        return Ok(anorm);
    }
    if anorm.is_zero() || anorm == anorm + anorm {
        return Ok(zero); // ||A|| = 0 or infinite
    }
    let mut nan = false;
    for j in 0..n {
        for i in 0..n {
            nan |= lu.get(i, j).has_nan();
        }
    }
    if nan {
        return Ok(T::Real::from_f64(f64::NAN));
    }
    if (0..n).any(|i| lu.get(i, i).is_zero()) {
        return Ok(zero);
    }
    // x <- A^-1 x without the permutation (norms do not see it):
    // U^-1 L^-1 x, and the conjugate transpose L^-H U^-H x.
    let solve = |x: &mut [T], h: bool| -> Result<()> {
        // (lower, unit) for L and U, in the order they apply.
        let order = if h {
            [(false, false), (true, true)]
        } else {
            [(true, true), (false, false)]
        };
        for (lower, unit) in order {
            trsv(&lu, lower, unit, h, x)?;
        }
        Ok(())
    };
    let est = if one_norm {
        norm1_estimate::<T>(n, |x| solve(x, false), |x| solve(x, true))?
    } else {
        // ||A^-1||_inf = ||A^-H||_1.
        norm1_estimate::<T>(n, |x| solve(x, true), |x| solve(x, false))?
    };
    // Zero, infinite or NaN (an overflow in the solves): singular to
    // working precision.
    if est <= zero || est == est + est || est.is_nan() {
        return Ok(zero);
    }
    Ok((one / est) / anorm)
}
