//! The QR family: Householder QR (geqrf), forming and applying Q
//! (orgqr/ungqr, ormqr/unmqr), least squares (gels) and QR with column
//! pivoting (geqp3), generic over f32, f64, c32, c64.
//!
//! Conventions, as LAPACK's (but 0-based, and on strided views):
//!
//! * A factored matrix holds R on and above the diagonal and the
//!   Householder vectors `v_i` below it (`v_i(i) = 1` implicit, zeros
//!   above); `Q = H_0 H_1 ... H_{k-1}`, `H_i = I - tau_i v_i v_i^H`.
//! * Any strides are accepted. The factorisations copy a non-column-major
//!   A into a column-major buffer (O(mn) against O(mn^2) flops), so every
//!   column is a contiguous slice for the unblocked loops.
//! * Errors: an illegal argument gives `Error::IllegalArgument` with
//!   LAPACK's parameter position; operands whose shapes do not agree give
//!   `Error::DimensionMismatch`. Zero sizes are fine; NaN in gives NaN out.
//! * For complex types `Op::Trans` is illegal where LAPACK allows only 'N'
//!   or 'C'; for real types `Op::Trans` and `Op::ConjTrans` are the same.
//!
//! Layout of the implementation:
//! `qr_util.rs` (column-major blocks, safe scalar helpers),
//! `qr_kernels.rs` (vector loops: safe norm, reflector generation, dot,
//! axpy, matrix-vector products), `qr_simd.rs` (their SIMD registers),
//! `qr_wy.rs` (block reflectors and T factors), `qr_panel.rs` (unblocked
//! leaf, recursive panel, blocked QR), `qr_apply.rs` (ormqr, orgqr),
//! `qr_lstsq.rs` (gels), `qr_pivoted.rs` (geqp3).

#[path = "qr_apply.rs"]
mod apply;
#[path = "qr_kernels.rs"]
mod kernels;
#[path = "qr_lstsq.rs"]
mod lstsq;
#[path = "qr_panel.rs"]
mod panel;
#[path = "qr_pivoted.rs"]
mod pivoted;
#[path = "qr_simd.rs"]
mod simd;
#[path = "qr_util.rs"]
mod util;
#[path = "qr_wy.rs"]
mod wy;

use crate::blas::level3::Op;
use crate::blas::Side;
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

/// The real or complex LAPACK name of a routine.
fn name<T: Scalar>(real: &'static str, complex: &'static str) -> &'static str {
    if T::IS_COMPLEX {
        complex
    } else {
        real
    }
}

fn need_len(what: &'static str, need: usize, have: usize) -> Result<()> {
    if have < need {
        return Err(Error::DimensionMismatch {
            what,
            expected: (need, 1),
            found: (have, 1),
        });
    }
    Ok(())
}

/// `Trans` is `ConjTrans` for real types and illegal for complex ones.
fn conj_op<T: Scalar>(op: Op, routine: &'static str, position: i32) -> Result<Op> {
    match op {
        Op::NoTrans => Ok(Op::NoTrans),
        Op::ConjTrans => Ok(Op::ConjTrans),
        Op::Trans if !T::IS_COMPLEX => Ok(Op::ConjTrans),
        Op::Trans => Err(Error::IllegalArgument {
            routine,
            position,
            why: "complex routines take NoTrans or ConjTrans",
        }),
    }
}

/// QR factorisation `A = Q R` of the `m x n` matrix A (LAPACK's geqrf).
///
/// On return R (min(m,n) x n, upper trapezoidal) is on and above the
/// diagonal of `a`, the reflectors below it, and `tau[..min(m,n)]` holds
/// their factors. Blocked: panels are factored recursively and the
/// trailing matrix is updated with block reflectors on the GEMM engine.
pub fn geqrf<T: Scalar>(a: MatMut<'_, T>, tau: &mut [T]) -> Result<()> {
    let k = a.nrows().min(a.ncols());
    need_len("geqrf: tau", k, tau.len())?;
    util::with_col_major(a, |c| {
        // SAFETY: the block covers A's elements exclusively; tau holds k.
        unsafe { panel::geqrf_cm(c, &mut tau[..k]) }
    });
    Ok(())
}

/// Forms the `m x n` matrix Q with orthonormal columns (`m >= n >= k`),
/// the first n columns of `H_0 ... H_{k-1}`, from the first k = tau.len()
/// reflectors stored in `a` by [`geqrf`] (LAPACK's orgqr).
pub fn orgqr<T: Scalar>(a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
    let routine = name::<T>("orgqr", "ungqr");
    let (m, n, k) = (a.nrows(), a.ncols(), tau.len());
    if n > m {
        return Err(Error::IllegalArgument {
            routine,
            position: 2,
            why: "N > M",
        });
    }
    if k > n {
        return Err(Error::IllegalArgument {
            routine,
            position: 3,
            why: "K > N (tau longer than the number of columns)",
        });
    }
    util::with_col_major(a, |c| {
        // SAFETY: the block covers A's elements exclusively.
        unsafe { apply::orgqr_cm(c, tau) }
    });
    Ok(())
}

/// The complex name of [`orgqr`] (the same routine).
pub fn ungqr<T: Scalar>(a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
    orgqr(a, tau)
}

/// `C = op(Q) C` (`Side::Left`) or `C = C op(Q)` (`Side::Right`), with
/// `Q = H_0 ... H_{k-1}` given by the reflectors in the `nq x k` matrix
/// `a` and `tau[..k]` as [`geqrf`] leaves them (nq = rows of C for Left,
/// columns for Right; LAPACK's ormqr). Blocked on the GEMM engine.
pub fn ormqr<T: Scalar>(
    side: Side,
    op: Op,
    a: MatRef<'_, T>,
    tau: &[T],
    c: MatMut<'_, T>,
) -> Result<()> {
    let routine = name::<T>("ormqr", "unmqr");
    let op = conj_op::<T>(op, routine, 2)?;
    let nq = if side == Side::Left {
        c.nrows()
    } else {
        c.ncols()
    };
    let k = a.ncols();
    if k > nq {
        return Err(Error::IllegalArgument {
            routine,
            position: 5,
            why: "K > NQ (more reflectors than rows of Q)",
        });
    }
    if a.nrows() != nq {
        return Err(Error::DimensionMismatch {
            what: "ormqr: reflectors vs C",
            expected: (nq, k),
            found: (a.nrows(), k),
        });
    }
    need_len("ormqr: tau", k, tau.len())?;
    // SAFETY: A is borrowed shared and C exclusively, so they are disjoint.
    unsafe { apply::ormqr_impl(side, op, a, &tau[..k], c) };
    Ok(())
}

/// The complex name of [`ormqr`] (the same routine).
pub fn unmqr<T: Scalar>(
    side: Side,
    op: Op,
    a: MatRef<'_, T>,
    tau: &[T],
    c: MatMut<'_, T>,
) -> Result<()> {
    ormqr(side, op, a, tau, c)
}

/// Least squares or minimum norm solution of a full-rank system (LAPACK's
/// gels): with A `m x n` and B `max(m,n) x nrhs`,
///
/// * `NoTrans`, m >= n: X minimises ||B - A X||;
/// * `NoTrans`, m < n: X is the minimum norm solution of A X = B;
/// * `ConjTrans`, m >= n: X is the minimum norm solution of A^H X = B;
/// * `ConjTrans`, m < n: X minimises ||B - A^H X||.
///
/// X overwrites the leading rows of B (n rows for NoTrans, m for
/// ConjTrans); for least squares, the residual sum of squares of column j
/// is the sum of squares of B's remaining rows. A is overwritten by its QR
/// (m >= n) or LQ (m < n) factorisation. Returns LAPACK's info: 0, or
/// `i > 0` when the i-th diagonal entry of R (or L) is exactly zero, so A
/// is rank deficient and no solution was computed.
pub fn gels<T: Scalar>(op: Op, a: MatMut<'_, T>, b: MatMut<'_, T>) -> Result<usize> {
    let op = conj_op::<T>(op, "gels", 1)?;
    let (m, n) = (a.nrows(), a.ncols());
    if b.nrows() != m.max(n) {
        return Err(Error::DimensionMismatch {
            what: "gels: B must have max(m, n) rows",
            expected: (m.max(n), b.ncols()),
            found: (b.nrows(), b.ncols()),
        });
    }
    Ok(lstsq::gels_impl(op, a, b))
}

/// QR factorisation with column pivoting `A P = Q R` (LAPACK's geqp3).
///
/// On entry `jpvt[j] != 0` marks column j as a leading column: it is moved
/// to the front (in order) and factored without pivoting; columns with
/// `jpvt[j] == 0` are free and pivoted by largest remaining norm, so
/// `|R(0,0)| >= |R(1,1)| >= ...` over the free part. On return `jpvt[j]`
/// is the (0-based) index of the column of A that became column j of A P;
/// R, the reflectors and `tau[..min(m,n)]` are stored as by [`geqrf`].
pub fn geqp3<T: Scalar>(a: MatMut<'_, T>, jpvt: &mut [usize], tau: &mut [T]) -> Result<()> {
    let (m, n) = (a.nrows(), a.ncols());
    if jpvt.len() != n {
        return Err(Error::DimensionMismatch {
            what: "geqp3: jpvt must have one entry per column",
            expected: (n, 1),
            found: (jpvt.len(), 1),
        });
    }
    let k = m.min(n);
    need_len("geqp3: tau", k, tau.len())?;
    let fixed: Vec<bool> = jpvt.iter().map(|&p| p != 0).collect();
    util::with_col_major(a, |c| {
        // SAFETY: the block covers A's elements exclusively; fixed and
        // jpvt have n entries, tau at least min(m, n).
        unsafe { pivoted::geqp3_cm(c, &fixed, jpvt, &mut tau[..k]) }
    });
    Ok(())
}
