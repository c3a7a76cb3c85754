//! Least squares and minimum norm solutions of full-rank systems through
//! QR or LQ factorisations (LAPACK's gels).
//!
//! | shape  | op      | problem                          | method                           |
//! |--------|---------|----------------------------------|----------------------------------|
//! | m >= n | NoTrans | min ||B - A X||                  | A = QR; R X = (Q^H B)(0..n)      |
//! | m >= n | ConjT.  | min ||X|| s.t. A^H X = B         | R^H Y = B; X = Q [Y; 0]          |
//! | m < n  | NoTrans | min ||X|| s.t. A X = B           | A = LQ; L Y = B; X = Q^H [Y; 0]  |
//! | m < n  | ConjT.  | min ||B - A^H X||                | L^H X = (Q B)(0..m)              |
//!
//! The LQ factorisation of A is the QR factorisation of `W = A^H`
//! (`A = R_W^H Q_W^H`: L = R_W^H, Q = Q_W^H): A^H is copied into a
//! column-major W, factored by the blocked QR, and written back as W^H,
//! which is exactly what LAPACK's gelqf leaves in A (L on and below the
//! diagonal, the conjugated reflectors to the right of it).
//!
//! As in LAPACK, A and B are first scaled into [smlnum, bignum] when their
//! largest entries lie outside it (so that squaring-free but
//! range-sensitive steps cannot overflow), and the solution is scaled back.

use super::apply::ormqr_impl;
use super::panel::geqrf_cm;
use super::util::{is_finite, min_positive, Buf};
use crate::blas::level3::Op;
use crate::blas::{Diag, Side, Uplo};
use crate::lapack::triangular::tri_solve;
use crate::mat::{MatMut, MatRef};
use crate::scalar::{RealScalar, Scalar};

/// Largest |re| or |im| over the matrix; NaN if any entry is NaN.
fn max_abs<T: Scalar>(a: MatRef<'_, T>) -> T::Real {
    let mut big = T::Real::zero();
    for j in 0..a.ncols() {
        for i in 0..a.nrows() {
            let v = a.get(i, j);
            if v.has_nan() {
                return v.re() + v.im();
            }
            let x = super::util::abs(v);
            if x > big {
                big = x;
            }
        }
    }
    big
}

/// Multiplies `a` by `cto / cfrom` without over- or underflow, in as many
/// safe steps as needed (LAPACK's lascl for a full matrix).
pub(super) fn lascl<T: Scalar>(cfrom: T::Real, cto: T::Real, mut a: MatMut<'_, T>) {
    let smlnum = min_positive::<T::Real>();
    let bignum = T::Real::one() / smlnum;
    let (mut cfromc, mut ctoc) = (cfrom, cto);
    loop {
        let cfrom1 = cfromc * smlnum;
        let (mul, done);
        if cfrom1 == cfromc {
            // cfromc is +-Inf: the multiplier is a correctly signed zero or NaN.
            mul = ctoc / cfromc;
            done = true;
        } else {
            let cto1 = ctoc / bignum;
            if cto1 == ctoc {
                // ctoc is zero or +-Inf.
                mul = ctoc;
                done = true;
                cfromc = T::Real::one();
            } else if cfrom1.abs() > ctoc.abs() && ctoc != T::Real::zero() {
                mul = smlnum;
                done = false;
                cfromc = cfrom1;
            } else if cto1.abs() > cfromc.abs() {
                mul = bignum;
                done = false;
                ctoc = cto1;
            } else {
                mul = ctoc / cfromc;
                done = true;
            }
        }
        let s = T::from_real(mul);
        for j in 0..a.ncols() {
            for i in 0..a.nrows() {
                let v = a.get(i, j);
                a.set(i, j, v * s);
            }
        }
        if done {
            return;
        }
    }
}

/// Zeros rows `r0..` of `b`.
fn zero_rows<T: Scalar>(b: &mut MatMut<'_, T>, r0: usize) {
    for j in 0..b.ncols() {
        for i in r0..b.nrows() {
            b.set(i, j, T::zero());
        }
    }
}

/// LAPACK's trtrs check: the 1-based index of the first exactly zero
/// diagonal entry of the `n x n` triangle of `r`, or 0.
fn zero_diagonal<T: Scalar>(r: MatRef<'_, T>, n: usize) -> usize {
    (0..n).find(|&i| r.get(i, i).is_zero()).map_or(0, |i| i + 1)
}

/// `op(U) X = B` (op NoTrans or ConjTrans), U the upper triangle of `u`'s
/// leading `n x n` block (n = rows of B); X overwrites B. TRSM and TRSV
/// divide with Smith's complex division, so a tiny complex diagonal (as
/// left by gels's scaling) cannot underflow in `|d|^2`.
fn solve_upper<T: Scalar>(op: Op, u: MatRef<'_, T>, b: MatMut<'_, T>) {
    let n = b.nrows();
    tri_solve(Uplo::Upper, op, Diag::NonUnit, u.submatrix(0, 0, n, n), b)
        .expect("solve_upper: shapes");
}

/// The gels driver; `op` is NoTrans or ConjTrans; shapes already checked
/// (`b` has max(m, n) rows). Returns LAPACK's info.
pub(super) fn gels_impl<T: Scalar>(op: Op, mut a: MatMut<'_, T>, mut b: MatMut<'_, T>) -> usize {
    let (m, n, nrhs) = (a.nrows(), a.ncols(), b.ncols());
    let mx = m.max(n);
    if m.min(n).min(nrhs) == 0 {
        zero_rows(&mut b, 0);
        return 0;
    }
    // Scale A and B into the safe range when needed.
    let smlnum = min_positive::<T::Real>() / T::Real::EPSILON;
    let bignum = T::Real::one() / smlnum;
    let zero = T::Real::zero();
    let anrm = max_abs(a.rb());
    let mut ascl = None;
    if anrm > zero && anrm < smlnum {
        ascl = Some(smlnum);
    } else if anrm > bignum && is_finite(anrm) {
        ascl = Some(bignum);
    } else if anrm == zero {
        zero_rows(&mut b, 0);
        return 0;
    }
    if let Some(to) = ascl {
        lascl(anrm, to, a.rb_mut());
    }
    let brow = if op == Op::NoTrans { m } else { n };
    let bnrm = max_abs(b.rb().submatrix(0, 0, brow, nrhs));
    let mut bscl = None;
    if bnrm > zero && bnrm < smlnum {
        bscl = Some(smlnum);
    } else if bnrm > bignum && is_finite(bnrm) {
        bscl = Some(bignum);
    }
    if let Some(to) = bscl {
        lascl(bnrm, to, b.rb_mut().submatrix(0, 0, brow, nrhs));
    }

    let scllen;
    if m >= n {
        let mut tau = vec![T::zero(); n];
        super::util::with_col_major(a.rb_mut(), |c| {
            // SAFETY: the block covers A exclusively; tau holds min(m, n).
            unsafe { geqrf_cm(c, &mut tau) }
        });
        let info = zero_diagonal(a.rb(), n);
        if info > 0 {
            return info;
        }
        if op == Op::NoTrans {
            // SAFETY: A and B are distinct views (both borrowed from gels).
            unsafe { ormqr_impl(Side::Left, Op::ConjTrans, a.rb(), &tau, b.rb_mut()) };
            solve_upper(Op::NoTrans, a.rb(), b.rb_mut().submatrix(0, 0, n, nrhs));
            scllen = n;
        } else {
            solve_upper(Op::ConjTrans, a.rb(), b.rb_mut().submatrix(0, 0, n, nrhs));
            zero_rows(&mut b.rb_mut().submatrix(0, 0, m, nrhs), n);
            // SAFETY: A and B are distinct views (both borrowed from gels).
            unsafe { ormqr_impl(Side::Left, Op::NoTrans, a.rb(), &tau, b.rb_mut()) };
            scllen = m;
        }
    } else {
        // LQ of A as the QR of W = A^H (n x m).
        let mut w = Buf::copy_of(a.rb().transpose());
        if T::IS_COMPLEX {
            for v in w.data.iter_mut() {
                *v = v.conj();
            }
        }
        let mut tau = vec![T::zero(); m];
        let wc = w.cm();
        // SAFETY: wc covers the buffer w exclusively; tau holds min(n, m).
        unsafe { geqrf_cm(wc, &mut tau) };
        // A <- W^H: L and the (conjugated) reflectors, as gelqf leaves them.
        for j in 0..n {
            for i in 0..m {
                a.set(i, j, w.data[j + i * n].conj());
            }
        }
        // SAFETY: wc is alive (w is) and read-only from here on.
        let wr = unsafe { wc.rf() };
        let info = zero_diagonal(wr, m);
        if info > 0 {
            return info;
        }
        if op == Op::NoTrans {
            // L Y = B with L = R_W^H; X = Q_W [Y; 0].
            solve_upper(Op::ConjTrans, wr, b.rb_mut().submatrix(0, 0, m, nrhs));
            zero_rows(&mut b.rb_mut(), m);
            // SAFETY: W is a private buffer, B the caller's view.
            unsafe { ormqr_impl(Side::Left, Op::NoTrans, wr, &tau, b.rb_mut()) };
            scllen = n;
        } else {
            // min ||B - W X||: R_W X = (Q_W^H B)(0..m).
            // SAFETY: W is a private buffer, B the caller's view.
            unsafe { ormqr_impl(Side::Left, Op::ConjTrans, wr, &tau, b.rb_mut()) };
            solve_upper(Op::NoTrans, wr, b.rb_mut().submatrix(0, 0, m, nrhs));
            scllen = m;
        }
    }
    // Undo the scaling on the solution rows.
    let mut x = b.rb_mut().submatrix(0, 0, scllen.min(mx), nrhs);
    if let Some(to) = ascl {
        lascl(anrm, to, x.rb_mut());
    }
    if let Some(to) = bscl {
        lascl(to, bnrm, x.rb_mut());
    }
    0
}
