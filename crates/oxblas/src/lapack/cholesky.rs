//! Cholesky factorisation of Hermitian (real: symmetric) positive definite
//! matrices and what is built on it (LAPACK xPOTRF, xPOTRS, xPOSV, xPOTRI).
//!
//! `potrf` is blocked right-looking with look-ahead over recursive tall
//! panels (`cholesky_factor.rs`); nearly all of its n^3/3 flops run in
//! GEMMs and HERKs on the GEMM engine.
//!
//! The upper case is the lower case on the transposed view. For real A this
//! is plain symmetry. For complex A, the transposed view `B = A^T` holds in
//! its lower triangle the Hermitian matrix `conj(A)`; if `conj(A) = L L^H`
//! then `A = conj(L) L^T = U^H U` with `U = L^T`, and `L^T` stored through
//! `B` lands exactly where U belongs. The same argument carries `potri`'s
//! inverse, so one code path serves both triangles.

#[path = "cholesky_factor.rs"]
mod factor;

use super::triangular::blk::{split, Blk, Dense};
use super::triangular::tri_solve;
use crate::blas::level3::{herk, trmm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

const LEAF: usize = 32;

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

/// The lower-triangle block for `uplo` (the transposed view for Upper).
fn lower_blk<T: Scalar>(uplo: Uplo, a: &mut MatMut<'_, T>) -> Blk<T> {
    let b = Blk::of(a);
    if uplo == Uplo::Lower {
        b
    } else {
        b.t()
    }
}

/// Cholesky factorisation in place (LAPACK xPOTRF): `A = L L^H` (Lower) or
/// `A = U^H U` (Upper), reading and writing only the `uplo` triangle (the
/// imaginary parts of the diagonal are taken as zero).
///
/// Returns `Ok(0)`, or `Ok(k + 1)` when the leading minor of order `k + 1`
/// is not positive definite (or holds a NaN); the factorisation stops
/// there, as in LAPACK.
pub fn potrf<T: Scalar>(uplo: Uplo, mut a: MatMut<'_, T>) -> Result<usize> {
    require_square("potrf: A", a.nrows(), a.ncols())?;
    let blk = lower_blk(uplo, &mut a);
    // SAFETY: `blk` covers the exclusive view `a` (transposed for Upper).
    unsafe { factor::potrf_blocked(blk) }
}

/// Solves `A X = B` with the Cholesky factor of [`potrf`] (LAPACK xPOTRS),
/// overwriting B (n x nrhs) with X.
pub fn potrs<T: Scalar>(uplo: Uplo, a: MatRef<'_, T>, mut b: MatMut<'_, T>) -> Result<()> {
    let n = a.nrows();
    require_square("potrs: A", n, a.ncols())?;
    if b.nrows() != n {
        return Err(Error::DimensionMismatch {
            what: "potrs: B",
            expected: (n, b.ncols()),
            found: (b.nrows(), b.ncols()),
        });
    }
    let (first, second) = if uplo == Uplo::Lower {
        (Op::NoTrans, Op::ConjTrans) // L L^H
    } else {
        (Op::ConjTrans, Op::NoTrans) // U^H U
    };
    tri_solve(uplo, first, Diag::NonUnit, a, b.rb_mut())?;
    tri_solve(uplo, second, Diag::NonUnit, a, b.rb_mut())
}

/// Solves `A X = B` for Hermitian positive definite A (LAPACK xPOSV): A is
/// overwritten by its Cholesky factor, B by X. Returns [`potrf`]'s info;
/// when positive, B is left unchanged.
pub fn posv<T: Scalar>(uplo: Uplo, mut a: MatMut<'_, T>, b: MatMut<'_, T>) -> Result<usize> {
    let n = a.nrows();
    require_square("posv: A", n, a.ncols())?;
    if b.nrows() != n {
        return Err(Error::DimensionMismatch {
            what: "posv: B",
            expected: (n, b.ncols()),
            found: (b.nrows(), b.ncols()),
        });
    }
    let info = potrf(uplo, a.rb_mut())?;
    if info == 0 {
        potrs(uplo, a.rb(), b)?;
    }
    Ok(info)
}

/// `L <- L^H L` on the lower triangle, in place (LAPACK xLAUUM, lower):
///
/// ```text
/// [L11  0 ]^H [L11  0 ]   [L11^H L11 + L21^H L21   *        ]
/// [L21 L22]   [L21 L22] = [L22^H L21               L22^H L22]
/// ```
///
/// in the order recurse(11), HERK into 11, TRMM into 21, recurse(22), so
/// each input is read before it is overwritten.
unsafe fn lauum_lower<T: Scalar>(a: Blk<T>) -> Result<()> {
    let n = a.n;
    if n <= LEAF {
        let l = Dense::copy_tri(a, true);
        for j in 0..n {
            for i in j..n {
                let mut s = T::zero();
                for k in i..n {
                    s += l.get(k, i).conj() * l.get(k, j);
                }
                a.set(i, j, s);
            }
        }
        return Ok(());
    }
    let n1 = split(n);
    let n2 = n - n1;
    let (a11, a21, a22) = (
        a.sub(0, 0, n1, n1),
        a.sub(n1, 0, n2, n1),
        a.sub(n1, n1, n2, n2),
    );
    lauum_lower(a11)?;
    let one = T::Real::one();
    // SAFETY: disjoint quarters; each call writes one of them.
    herk(Uplo::Lower, Op::ConjTrans, one, a21.rf(), one, a11.mt())?;
    trmm(
        Side::Left,
        Uplo::Lower,
        Op::ConjTrans,
        Diag::NonUnit,
        T::one(),
        a22.rf(),
        a21.mt(),
    )?;
    lauum_lower(a22)
}

/// Inverse of a Hermitian positive definite A from its [`potrf`] factor, in
/// place (LAPACK xPOTRI): the `uplo` triangle of A^-1. Returns `Ok(k + 1)`
/// (factor left unchanged) when the factor's diagonal has an exact zero.
pub fn potri<T: Scalar>(uplo: Uplo, mut a: MatMut<'_, T>) -> Result<usize> {
    require_square("potri: A", a.nrows(), a.ncols())?;
    let info = super::triangular::trtri(uplo, Diag::NonUnit, a.rb_mut())?;
    if info > 0 {
        return Ok(info);
    }
    // A^-1 = L^-H L^-1 (lower) = lauum of the inverted factor.
    let blk = lower_blk(uplo, &mut a);
    // SAFETY: `blk` covers the exclusive view `a`.
    unsafe { lauum_lower(blk)? };
    Ok(0)
}
