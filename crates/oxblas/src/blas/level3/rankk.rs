//! Triangle-only products: GEMMT (`C_tri = alpha*op(A)*op(B) + beta*C_tri`)
//! and the rank-k updates built on it: SYRK, HERK, SYR2K, HER2K.
//!
//! Recursive on the triangle: split C's diagonal block in two halves; the
//! off-diagonal quarter is a plain GEMM (the bulk of the work at every
//! level, so the whole routine runs near GEMM speed), the two diagonal
//! halves recurse. Diagonal blocks of at most `LEAF` are computed whole
//! into a temporary and only their triangle is merged, wasting at most
//! LEAF/n of the flops.
//!
//! Large triangles are first cut into column blocks of about equal area, a
//! number fixed by the size alone, which the threads claim one at a time:
//! each block is its diagonal triangle (the recursion) plus one GEMM for
//! the rectangle beside it, all on one thread. The cut never depends on the
//! thread count, so neither does the result.

use super::common::{op_operand, require_shape, sub_op, Block, Dense};
use super::gemm::{gemm_raw, Op};
use super::pack::Operand;
use super::trmm::Shared;
use crate::blas::level1::par::for_chunks;
use crate::blas::Uplo;
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;
use crate::threads::num_threads;

const LEAF: usize = 48;
/// Column blocks: at most this many, each at least `BLOCK_MIN` wide, and
/// only for at least `BLOCK_MIN_WORK` multiply-adds (`n^2 k / 2`).
const MAX_BLOCKS: usize = 8;
const BLOCK_MIN: usize = 64;
const BLOCK_MIN_WORK: usize = 1 << 21;

/// [`gemmt_raw`], cut into column blocks of equal area run on the threads
/// (see the module notes).
///
/// # Safety
/// As [`gemmt_raw`].
#[allow(clippy::too_many_arguments)]
unsafe fn gemmt_par<T: Scalar>(
    lower: bool,
    n: usize,
    k: usize,
    alpha: T,
    a: Operand<T>,
    b: Operand<T>,
    beta: T,
    c: Block<T>,
) {
    let blocks = (n / BLOCK_MIN).min(MAX_BLOCKS);
    if blocks < 2 || n * n / 2 * k < BLOCK_MIN_WORK {
        return gemmt_raw(lower, n, k, alpha, a, b, beta, c);
    }
    // Columns [0, bounds[g]) hold a fraction g / blocks of the triangle.
    let mut bounds = [0usize; MAX_BLOCKS + 1];
    for g in 1..blocks {
        let f = g as f64 / blocks as f64;
        let j = if lower {
            n as f64 * (1.0 - (1.0 - f).sqrt())
        } else {
            n as f64 * f.sqrt()
        } as usize;
        bounds[g] = (j / 8 * 8).clamp(bounds[g - 1], n);
    }
    bounds[blocks] = n;
    let isa = crate::arch::isa();
    let sh = Shared((a, b, c));
    for_chunks(blocks, num_threads().min(blocks), &|g| {
        let (a, b, c) = sh.get();
        let (j0, j1) = (bounds[g], bounds[g + 1]);
        let w = j1 - j0;
        // SAFETY: block g writes only C's columns j0..j1 (its diagonal
        // triangle and the rectangle beside it); A and B are only read.
        // Pool workers do not inherit this thread's ISA override.
        crate::arch::with_isa(isa, || unsafe {
            let (ad, bd) = (sub_op(a, j0, 0), sub_op(b, 0, j0));
            gemmt_raw(lower, w, k, alpha, ad, bd, beta, c.sub(j0, j0, w, w));
            let (r0, rows) = if lower { (j1, n - j1) } else { (0, j0) };
            let q = c.sub(r0, j0, rows, w);
            gemm_raw(
                rows,
                w,
                k,
                alpha,
                sub_op(a, r0, 0),
                bd,
                beta,
                q.ptr,
                q.rs,
                q.cs,
            );
        });
    });
}

/// `C_tri = alpha * A * B + beta * C_tri` for `A: n x k`, `B: k x n`.
///
/// # Safety
/// Operands and block valid for those shapes; C disjoint from A and B.
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn gemmt_raw<T: Scalar>(
    lower: bool,
    n: usize,
    k: usize,
    alpha: T,
    a: Operand<T>,
    b: Operand<T>,
    beta: T,
    c: Block<T>,
) {
    if n == 0 {
        return;
    }
    if n <= LEAF {
        let mut t = Dense::zeros(n, n);
        let tb = t.block();
        gemm_raw(n, n, k, alpha, a, b, T::zero(), tb.ptr, tb.rs, tb.cs);
        for j in 0..n {
            let (i0, i1) = if lower { (j, n) } else { (0, j + 1) };
            for i in i0..i1 {
                let p = c.at(i, j);
                let v = t.buf[i + j * n];
                *p = if beta.is_zero() { v } else { v + beta * *p };
            }
        }
        return;
    }
    let h = (n / 2).next_multiple_of(8).min(n - 1);
    gemmt_raw(lower, h, k, alpha, a, b, beta, c.sub(0, 0, h, h));
    gemmt_raw(
        lower,
        n - h,
        k,
        alpha,
        sub_op(a, h, 0),
        sub_op(b, 0, h),
        beta,
        c.sub(h, h, n - h, n - h),
    );
    if lower {
        let q = c.sub(h, 0, n - h, h);
        gemm_raw(
            n - h,
            h,
            k,
            alpha,
            sub_op(a, h, 0),
            b,
            beta,
            q.ptr,
            q.rs,
            q.cs,
        );
    } else {
        let q = c.sub(0, h, h, n - h);
        gemm_raw(
            h,
            n - h,
            k,
            alpha,
            a,
            sub_op(b, 0, h),
            beta,
            q.ptr,
            q.rs,
            q.cs,
        );
    }
}

/// `C = beta*C` on the triangle (beta == 0 writes zeros without reading).
unsafe fn scale_tri<T: Scalar>(lower: bool, beta: T, c: Block<T>) {
    if beta.is_one() {
        return;
    }
    for j in 0..c.n {
        let (i0, i1) = if lower { (j, c.n) } else { (0, j + 1) };
        for i in i0..i1 {
            let p = c.at(i, j);
            *p = if beta.is_zero() { T::zero() } else { beta * *p };
        }
    }
}

/// Sets the imaginary part of C's diagonal to zero (HERK/HER2K contract).
unsafe fn real_diagonal<T: Scalar>(c: Block<T>) {
    if T::IS_COMPLEX {
        for j in 0..c.n {
            let p = c.at(j, j);
            *p = T::from_real((*p).re());
        }
    }
}

fn check_square_c<T>(what: &'static str, c: &MatMut<'_, T>) -> Result<usize> {
    if c.nrows() != c.ncols() {
        return Err(Error::DimensionMismatch {
            what,
            expected: (c.nrows(), c.nrows()),
            found: (c.nrows(), c.ncols()),
        });
    }
    Ok(c.nrows())
}

/// `C_tri = alpha*op(A)*op(B) + beta*C_tri` (only the `uplo` triangle of the
/// n x n matrix C is read or written).
#[allow(clippy::too_many_arguments)]
pub fn gemmt<T: Scalar>(
    uplo: Uplo,
    op_a: Op,
    op_b: Op,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let n = check_square_c("gemmt", &c)?;
    let (ao, am, ak) = op_operand(&a, op_a);
    let (bo, bk, bn) = op_operand(&b, op_b);
    require_shape("gemmt: op(A)", (n, ak), (am, ak))?;
    require_shape("gemmt: op(B)", (ak, n), (bk, bn))?;
    let cb = Block::of(&mut c);
    let lower = uplo == Uplo::Lower;
    // SAFETY: shapes checked; views valid and C exclusive.
    unsafe {
        if alpha.is_zero() || ak == 0 {
            scale_tri(lower, beta, cb);
        } else {
            gemmt_par(lower, n, ak, alpha, ao, bo, beta, cb);
        }
    }
    Ok(())
}

/// The two factors of a rank-k product and k: `op` NoTrans gives
/// `X = A (n x k), Y = A^T` (or `A^H` when `conj`); otherwise
/// `X = A^T` (or `A^H`), `Y = A`.
fn rankk_operands<T>(
    what: &'static str,
    a: &MatRef<'_, T>,
    op: Op,
    n: usize,
    conj: bool,
) -> Result<(Operand<T>, Operand<T>, usize)> {
    let base = Operand {
        ptr: a.as_ptr(),
        rs: a.row_stride(),
        cs: a.col_stride(),
        conj: false,
    };
    let (rows, k) = if op == Op::NoTrans {
        (a.nrows(), a.ncols())
    } else {
        (a.ncols(), a.nrows())
    };
    if rows != n {
        return Err(Error::DimensionMismatch {
            what,
            expected: (n, k),
            found: (rows, k),
        });
    }
    let flipped = Operand { conj, ..base.t() };
    Ok(if op == Op::NoTrans {
        (base, flipped, k)
    } else {
        (flipped, base, k)
    })
}

/// `C_tri = alpha*op(A)*op(A)^T + beta*C_tri` (op NoTrans: A*A^T; Trans: A^T*A).
pub fn syrk<T: Scalar>(
    uplo: Uplo,
    op: Op,
    alpha: T,
    a: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let n = check_square_c("syrk", &c)?;
    if op == Op::ConjTrans && T::IS_COMPLEX {
        return Err(Error::IllegalArgument {
            routine: "syrk",
            position: 2,
            why: "ConjTrans is not allowed for complex syrk",
        });
    }
    let (x, y, k) = rankk_operands("syrk", &a, op, n, false)?;
    let cb = Block::of(&mut c);
    let lower = uplo == Uplo::Lower;
    // SAFETY: shapes checked; C exclusive.
    unsafe {
        if alpha.is_zero() || k == 0 {
            scale_tri(lower, beta, cb);
        } else {
            gemmt_par(lower, n, k, alpha, x, y, beta, cb);
        }
    }
    Ok(())
}

/// `C_tri = alpha*A*A^H + beta*C_tri` (op NoTrans) or `alpha*A^H*A + beta*C`
/// (op ConjTrans), alpha and beta real; C's diagonal comes out real.
pub fn herk<T: Scalar>(
    uplo: Uplo,
    op: Op,
    alpha: T::Real,
    a: MatRef<'_, T>,
    beta: T::Real,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let n = check_square_c("herk", &c)?;
    if op == Op::Trans && T::IS_COMPLEX {
        return Err(Error::IllegalArgument {
            routine: "herk",
            position: 2,
            why: "Trans is not allowed for herk",
        });
    }
    let (x, y, k) = rankk_operands("herk", &a, op, n, true)?;
    let cb = Block::of(&mut c);
    let lower = uplo == Uplo::Lower;
    let (alpha, beta) = (T::from_real(alpha), T::from_real(beta));
    // SAFETY: shapes checked; C exclusive.
    unsafe {
        if alpha.is_zero() || k == 0 {
            if beta.is_one() {
                return Ok(());
            }
            scale_tri(lower, beta, cb);
        } else {
            gemmt_par(lower, n, k, alpha, x, y, beta, cb);
        }
        real_diagonal(cb);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn rank2k<T: Scalar>(
    what: &'static str,
    herm: bool,
    uplo: Uplo,
    op: Op,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let n = check_square_c(what, &c)?;
    let (xa, ya, k) = rankk_operands(what, &a, op, n, herm)?;
    let (xb, yb, kb) = rankk_operands(what, &b, op, n, herm)?;
    if k != kb {
        return Err(Error::DimensionMismatch {
            what,
            expected: (n, k),
            found: (n, kb),
        });
    }
    let cb = Block::of(&mut c);
    let lower = uplo == Uplo::Lower;
    // SAFETY: shapes checked; C exclusive.
    unsafe {
        if alpha.is_zero() || k == 0 {
            if herm && beta.is_one() {
                return Ok(());
            }
            scale_tri(lower, beta, cb);
        } else {
            // alpha*A*B^T + alpha*B*A^T (Hermitian: alpha*A*B^H + conj(alpha)*B*A^H)
            gemmt_par(lower, n, k, alpha, xa, yb, beta, cb);
            let alpha2 = if herm { alpha.conj() } else { alpha };
            gemmt_par(lower, n, k, alpha2, xb, ya, T::one(), cb);
        }
        if herm {
            real_diagonal(cb);
        }
    }
    Ok(())
}

/// `C_tri = alpha*(op(A)*op(B)^T + op(B)*op(A)^T) + beta*C_tri`.
#[allow(clippy::too_many_arguments)]
pub fn syr2k<T: Scalar>(
    uplo: Uplo,
    op: Op,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    if op == Op::ConjTrans && T::IS_COMPLEX {
        return Err(Error::IllegalArgument {
            routine: "syr2k",
            position: 2,
            why: "ConjTrans is not allowed for complex syr2k",
        });
    }
    rank2k("syr2k", false, uplo, op, alpha, a, b, beta, c)
}

/// `C_tri = alpha*op(A)*op(B)^H + conj(alpha)*op(B)*op(A)^H + beta*C_tri`,
/// beta real; C's diagonal comes out real.
#[allow(clippy::too_many_arguments)]
pub fn her2k<T: Scalar>(
    uplo: Uplo,
    op: Op,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T::Real,
    c: MatMut<'_, T>,
) -> Result<()> {
    if op == Op::Trans && T::IS_COMPLEX {
        return Err(Error::IllegalArgument {
            routine: "her2k",
            position: 2,
            why: "Trans is not allowed for her2k",
        });
    }
    rank2k(
        "her2k",
        T::IS_COMPLEX,
        uplo,
        op,
        alpha,
        a,
        b,
        T::from_real(beta),
        c,
    )
}
