//! Triangular matrices: inverse in place (`trtri`) and solve with a
//! singularity check (`trtrs`).
//!
//! `trtri` recurses on the diagonal (as LAPACK's recursive xTRTRI): for a
//! lower triangle
//!
//! ```text
//! [L11  0 ]^-1   [ L11^-1              0     ]
//! [L21 L22]    = [ -L22^-1 L21 L11^-1  L22^-1 ]
//! ```
//!
//! so both diagonal blocks are inverted first (recursively), then
//! `L21 <- L22^-1 L21` and `L21 <- -L21 L11^-1` are two TRMMs with the
//! inverted blocks (TRMM takes alpha inside its GEMMs; a TRSM with
//! alpha = -1 would need an extra strided pass). Three quarters of the n^3/3
//! flops are in the two TRMMs of the top level, which run on the GEMM
//! engine. An upper triangle is the transposed problem:
//! `(U^-1)^T = (U^T)^-1` with `U^T` lower, so one code path serves both.
//! Leaves (<= `LEAF`) are inverted by substitution in a dense temporary.

#[path = "triangular_blk.rs"]
pub(crate) mod blk;

use crate::blas::level2::trsv;
use crate::blas::level3::{trmm, trsm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;
use crate::vec::VecMut;
use blk::{lower_solve, on_isa, split, Blk, Dense};

const LEAF: usize = 16;

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

/// First zero on the diagonal of a square view, as LAPACK's 1-based info.
pub(crate) fn zero_diagonal<T: Scalar>(a: &MatRef<'_, T>) -> usize {
    (0..a.nrows())
        .find(|&j| a.get(j, j).is_zero())
        .map_or(0, |j| j + 1)
}

/// Inverts the lower-triangular leaf `a` (n <= LEAF) by substitution:
/// column j of X = L^-1 solves L x = e_j, and x is zero above j.
unsafe fn leaf_inverse_lower<T: Scalar>(a: Blk<T>, unit: bool) {
    let n = a.n;
    if n == 0 {
        return;
    }
    let l = Dense::copy_tri(a, true);
    let mut x = Dense::<T>::zeros(n, n);
    let one = T::one();
    // Reciprocals of the diagonal, once.
    let rd: Vec<T> = (0..n)
        .map(|i| if unit { one } else { one / l.get(i, i) })
        .collect();
    for j in 0..n {
        x.set(j, j, one);
    }
    let (lp, xp) = (l.buf.as_ptr(), x.buf.as_mut_ptr());
    let rd = if unit { None } else { Some(&rd[..]) };
    // SAFETY: l and x are distinct n x n column-major buffers.
    on_isa(
        #[inline(always)]
        || unsafe { lower_solve(lp, n as isize, n, rd, xp, n as isize, n) },
    );
    x.store_tri(a, true, unit);
}

/// In-place inverse of the lower-triangular block `a` (nonsingular).
unsafe fn trtri_lower<T: Scalar>(a: Blk<T>, unit: bool) -> Result<()> {
    let n = a.n;
    if n <= LEAF {
        leaf_inverse_lower(a, unit);
        return Ok(());
    }
    let n1 = split(n);
    let n2 = n - n1;
    let (a11, a21, a22) = (
        a.sub(0, 0, n1, n1),
        a.sub(n1, 0, n2, n1),
        a.sub(n1, n1, n2, n2),
    );
    let d = if unit { Diag::Unit } else { Diag::NonUnit };
    trtri_lower(a11, unit)?;
    trtri_lower(a22, unit)?;
    // SAFETY: A11, A21 and A22 are disjoint quarters of `a`; A21 is the only
    // one written, and the triangles read from A11 / A22 stay unchanged.
    trmm(
        Side::Left,
        Uplo::Lower,
        Op::NoTrans,
        d,
        T::one(),
        a22.rf(),
        a21.mt(),
    )?;
    trmm(
        Side::Right,
        Uplo::Lower,
        Op::NoTrans,
        d,
        -T::one(),
        a11.rf(),
        a21.mt(),
    )
}

/// Inverse of a triangular matrix in place (LAPACK xTRTRI).
///
/// Returns `Ok(0)`, or `Ok(k + 1)` when `A(k, k)` is exactly zero (the first
/// such k); then A is left unchanged, as in LAPACK. With `Diag::Unit` the
/// diagonal is neither read nor written. Only the `uplo` triangle is
/// referenced.
pub fn trtri<T: Scalar>(uplo: Uplo, diag: Diag, mut a: MatMut<'_, T>) -> Result<usize> {
    require_square("trtri: A", a.nrows(), a.ncols())?;
    if diag == Diag::NonUnit {
        let info = zero_diagonal(&a.rb());
        if info > 0 {
            return Ok(info);
        }
    }
    let blk = Blk::of(&mut a);
    let blk = if uplo == Uplo::Lower { blk } else { blk.t() };
    // SAFETY: `blk` covers the exclusive view `a` (transposed for Upper:
    // the same elements); the recursion stays inside it.
    unsafe { trtri_lower(blk, diag == Diag::Unit)? };
    Ok(0)
}

/// Solves `op(A) X = B` for a triangular A, overwriting B with X (LAPACK
/// xTRTRS). A zero on a non-unit diagonal returns `Ok(k + 1)` before
/// anything is solved, as in LAPACK; otherwise `Ok(0)`.
pub fn trtrs<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    a: MatRef<'_, T>,
    b: MatMut<'_, T>,
) -> Result<usize> {
    require_square("trtrs: A", a.nrows(), a.ncols())?;
    if b.nrows() != a.nrows() {
        return Err(Error::DimensionMismatch {
            what: "trtrs: B",
            expected: (a.nrows(), b.ncols()),
            found: (b.nrows(), b.ncols()),
        });
    }
    if diag == Diag::NonUnit {
        let info = zero_diagonal(&a);
        if info > 0 {
            return Ok(info);
        }
    }
    tri_solve(uplo, op, diag, a, b)?;
    Ok(0)
}

/// Right-hand sides up to which [`tri_solve`] runs TRSV column by column
/// (one always; more only while the triangle stays in L2, since each TRSV
/// streams all of it).
const TRSV_NRHS: usize = 4;
const TRSV_BYTES: usize = 1 << 20;

/// `op(A) X = B` for triangular A (no singularity test), X overwriting B:
/// the level 3 TRSM, or for a few right-hand sides one TRSV per column
/// (TRSM inverts and packs its diagonal blocks on every call, which costs
/// more than a whole solve with one column; TRSV streams A once per
/// column through the gemv kernels). Both divide by the diagonal with
/// Smith's complex division, so tiny complex diagonals do not underflow.
pub(crate) fn tri_solve<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    a: MatRef<'_, T>,
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let (n, nrhs) = (b.nrows(), b.ncols());
    let fits = n * n * core::mem::size_of::<T>() <= TRSV_BYTES;
    if n == 0 || nrhs > 1 && (nrhs > TRSV_NRHS || !fits) {
        return trsm(Side::Left, uplo, op, diag, T::one(), a, b);
    }
    let rs = b.row_stride();
    for c in 0..nrhs {
        // SAFETY: column c of the exclusive view `b`: n elements `rs` apart,
        // distinct for distinct rows (a valid view has rs != 0 when n > 1),
        // borrowed only for this call.
        let x = unsafe { VecMut::from_raw_parts(b.ptr_at(0, c), n, if n > 1 { rs } else { 1 }) };
        trsv(uplo, op, diag, a, x)?;
    }
    Ok(())
}
