//! LU factorisation with partial pivoting and what is built on it:
//! solve, inverse, condition estimate, determinant.
//!
//! | routine | LAPACK | file |
//! |---|---|---|
//! | [`getrf`] | xGETRF (blocked, look-ahead; recursive panels as xGETRF2) | `lu_blocked.rs`, `lu_factor.rs` |
//! | [`getrs`], [`gesv`] | xGETRS, xGESV | here |
//! | [`getri`] | xGETRI | `lu_inverse.rs` |
//! | [`gecon`] | xGECON + xLACN2 | `lu_cond.rs` |
//! | [`det`], [`slogdet`] | (NumPy's det / slogdet) | here |
//!
//! Pivots are 0-based: row `i` was interchanged with row `ipiv[i] >= i`
//! (applied in order i = 0, 1, ...). `info` follows LAPACK: 0, or `k + 1`
//! when `U(k, k)` is exactly zero (the first such k); the factorisation is
//! still completed.

#[path = "lu_blocked.rs"]
mod blocked;
#[path = "lu_cond.rs"]
mod cond;
#[path = "lu_factor.rs"]
mod factor;
#[path = "lu_inverse.rs"]
mod inverse;

pub use cond::gecon;

use super::triangular::blk::Blk;
use super::triangular::tri_solve;
use crate::blas::level3::Op;
use crate::blas::{Diag, Uplo};
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::{RealScalar, Scalar};

fn require_square(what: &'static str, m: usize, n: usize) -> Result<()> {
    if m != n {
        return Err(Error::DimensionMismatch {
            what,
            expected: (m, m),
            found: (m, n),
        });
    }
    Ok(())
}

/// Checks that `ipiv` has `n` valid entries (each below `n`).
fn check_ipiv(routine: &'static str, position: i32, ipiv: &[usize], n: usize) -> Result<()> {
    if ipiv.len() < n {
        return Err(Error::IllegalArgument {
            routine,
            position,
            why: "ipiv is shorter than n",
        });
    }
    if ipiv[..n].iter().any(|&p| p >= n) {
        return Err(Error::IllegalArgument {
            routine,
            position,
            why: "ipiv holds a row index >= n",
        });
    }
    Ok(())
}

/// `A = P L U` in place for an `m x n` A (LAPACK xGETRF): L unit lower
/// trapezoidal below the diagonal, U upper on and above it; `ipiv[..min(m,
/// n)]` receives the 0-based row interchanges.
///
/// Returns `Ok(0)`, or `Ok(k + 1)` when `U(k, k)` is exactly zero (first
/// such k). Errors: `ipiv` shorter than `min(m, n)` (position 5).
pub fn getrf<T: Scalar>(mut a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<usize> {
    let k = a.nrows().min(a.ncols());
    if ipiv.len() < k {
        return Err(Error::IllegalArgument {
            routine: "getrf",
            position: 5,
            why: "ipiv is shorter than min(m, n)",
        });
    }
    let blk = Blk::of(&mut a);
    // SAFETY: `blk` covers the exclusive view `a`, and ipiv has k entries.
    unsafe { blocked::getrf_blocked(blk, &mut ipiv[..k]) }
}

/// Solves `op(A) X = B` with the factors of [`getrf`] (LAPACK xGETRS),
/// overwriting B (n x nrhs) with X.
///
/// Errors: non-square LU or B with other than n rows (DimensionMismatch),
/// ipiv shorter than n or out of range (position 6).
pub fn getrs<T: Scalar>(
    op: Op,
    lu: MatRef<'_, T>,
    ipiv: &[usize],
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let n = lu.nrows();
    require_square("getrs: LU", n, lu.ncols())?;
    if b.nrows() != n {
        return Err(Error::DimensionMismatch {
            what: "getrs: B",
            expected: (n, b.ncols()),
            found: (b.nrows(), b.ncols()),
        });
    }
    check_ipiv("getrs", 6, ipiv, n)?;
    if n == 0 || b.ncols() == 0 {
        return Ok(());
    }
    let piv = &ipiv[..n];
    if op == Op::NoTrans {
        // A = P^T L U:  X = U^-1 L^-1 P B.
        // SAFETY: B's block covers its exclusive view; pivots checked < n.
        unsafe { factor::laswp(Blk::of(&mut b), 0, piv, true) };
        tri_solve(Uplo::Lower, Op::NoTrans, Diag::Unit, lu, b.rb_mut())?;
        tri_solve(Uplo::Upper, Op::NoTrans, Diag::NonUnit, lu, b.rb_mut())?;
    } else {
        // op(A) = op(U) op(L) P:  X = P^T op(L)^-1 op(U)^-1 B.
        tri_solve(Uplo::Upper, op, Diag::NonUnit, lu, b.rb_mut())?;
        tri_solve(Uplo::Lower, op, Diag::Unit, lu, b.rb_mut())?;
        // SAFETY: as above.
        unsafe { factor::laswp(Blk::of(&mut b), 0, piv, false) };
    }
    Ok(())
}

/// Solves `A X = B` (LAPACK xGESV): A (n x n) is overwritten by its LU
/// factors, B by X. Returns [`getrf`]'s info; when it is positive, A is
/// singular and B is left unchanged.
pub fn gesv<T: Scalar>(
    mut a: MatMut<'_, T>,
    ipiv: &mut [usize],
    b: MatMut<'_, T>,
) -> Result<usize> {
    let n = a.nrows();
    require_square("gesv: A", n, a.ncols())?;
    if b.nrows() != n {
        return Err(Error::DimensionMismatch {
            what: "gesv: B",
            expected: (n, b.ncols()),
            found: (b.nrows(), b.ncols()),
        });
    }
    if ipiv.len() < n {
        return Err(Error::IllegalArgument {
            routine: "gesv",
            position: 5,
            why: "ipiv is shorter than n",
        });
    }
    let info = getrf(a.rb_mut(), ipiv)?;
    if info == 0 {
        getrs(Op::NoTrans, a.rb(), ipiv, b)?;
    }
    Ok(info)
}

/// Inverse of A from its [`getrf`] factors, in place (LAPACK xGETRI).
///
/// Returns `Ok(k + 1)` (and leaves the factors unchanged) when `U(k, k)` is
/// exactly zero, else `Ok(0)`. Errors: non-square (DimensionMismatch),
/// ipiv short or out of range (position 4).
pub fn getri<T: Scalar>(mut lu: MatMut<'_, T>, ipiv: &[usize]) -> Result<usize> {
    let n = lu.nrows();
    require_square("getri: LU", n, lu.ncols())?;
    check_ipiv("getri", 4, ipiv, n)?;
    let info = super::triangular::trtri(Uplo::Upper, Diag::NonUnit, lu.rb_mut())?;
    if info > 0 {
        return Ok(info);
    }
    if n > inverse::SMALL {
        super::triangular::trtri(Uplo::Lower, Diag::Unit, lu.rb_mut())?;
    }
    let blk = Blk::of(&mut lu);
    // SAFETY: `blk` covers the exclusive square view; the pivots are < n.
    unsafe {
        if n > inverse::SMALL {
            inverse::ul_product(blk)?;
        } else {
            inverse::solve_xl_small(blk);
        }
        // A^-1 = U^-1 L^-1 P: column interchanges in reverse order.
        factor::laswp(blk.t(), 0, &ipiv[..n], false);
    }
    Ok(0)
}

/// Checks LU and ipiv for det/slogdet; returns n.
fn det_args<T: Scalar>(lu: &MatRef<'_, T>, ipiv: &[usize]) -> usize {
    let n = lu.nrows();
    assert_eq!(n, lu.ncols(), "det: LU must be square");
    assert!(ipiv.len() >= n, "det: ipiv is shorter than n");
    n
}

/// Number of actual interchanges is odd.
fn odd_permutation(ipiv: &[usize]) -> bool {
    ipiv.iter().enumerate().filter(|&(i, &p)| p != i).count() % 2 == 1
}

/// Determinant from the factors of [`getrf`]: the product of U's diagonal,
/// negated for an odd number of interchanges. The running product is kept
/// as `m * 2^e` (rescaled by exact powers of two), so it overflows or
/// underflows only when the determinant itself does; a singular U gives
/// exactly 0 and a NaN gives NaN.
///
/// # Panics
/// If LU is not square or ipiv is shorter than n.
pub fn det<T: Scalar>(lu: MatRef<'_, T>, ipiv: &[usize]) -> T {
    let n = det_args(&lu, ipiv);
    let big = T::Real::from_f64(2f64.powi(64));
    let small = T::Real::from_f64(2f64.powi(-64));
    let (up, down) = (T::from_real(big), T::from_real(small));
    let mut m = T::one();
    let mut e: i64 = 0;
    for i in 0..n {
        let u = lu.get(i, i);
        if u.is_zero() {
            // Exactly singular, unless a NaN elsewhere says otherwise.
            let nan = (0..n).any(|k| lu.get(k, k).has_nan());
            return if nan {
                T::from_real(T::Real::from_f64(f64::NAN))
            } else {
                T::zero()
            };
        }
        // Both factors within [2^-64, 2^64] (exact power-of-two scalings),
        // so their product can neither overflow nor underflow.
        let mut u = u;
        for x in [&mut u, &mut m] {
            while x.abs1() > big && x.abs1() < T::Real::from_f64(f64::INFINITY) {
                *x *= down;
                e += 64;
            }
            while x.abs1() < small {
                *x *= up;
                e -= 64;
            }
        }
        m *= u;
    }
    while e > 0 && m.abs1() < T::Real::from_f64(f64::INFINITY) {
        m *= up;
        e -= 64;
    }
    while e < 0 && !m.is_zero() {
        m *= down;
        e += 64;
    }
    if odd_permutation(&ipiv[..n]) {
        m = -m;
    }
    m
}

/// Sign and log of |det| from the factors of [`getrf`] (NumPy's slogdet):
/// returns `(s, l)` with `det = s * exp(l)`, `s = ±1` (real) or a complex
/// number of modulus 1. A singular U gives `(0, -inf)`; NaN gives NaN.
///
/// # Panics
/// If LU is not square or ipiv is shorter than n.
pub fn slogdet<T: Scalar>(lu: MatRef<'_, T>, ipiv: &[usize]) -> (T, T::Real) {
    let n = det_args(&lu, ipiv);
    let mut sign = if odd_permutation(&ipiv[..n]) {
        -T::one()
    } else {
        T::one()
    };
    let mut log = 0.0f64;
    for i in 0..n {
        let u = lu.get(i, i);
        let a = super::norms::abs(u);
        if a.is_zero() {
            return (T::zero(), T::Real::from_f64(f64::NEG_INFINITY));
        }
        log += a.to_f64().ln();
        if T::IS_COMPLEX {
            sign *= T::from_parts(u.re() / a, u.im() / a);
            // Renormalise so rounding cannot drift the modulus away from 1.
            let m = super::norms::abs(sign);
            sign = T::from_parts(sign.re() / m, sign.im() / m);
        } else if u.re() < T::Real::zero() {
            sign = -sign;
        } else if u.has_nan() {
            sign = u;
        }
    }
    (sign, T::Real::from_f64(log))
}
