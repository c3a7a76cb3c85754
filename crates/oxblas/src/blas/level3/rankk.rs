//! Triangle-only products: GEMMT (`C_tri = alpha*op(A)*op(B) + beta*C_tri`)
//! and the rank-k updates built on it: SYRK, HERK, SYR2K, HER2K.
//!
//! The triangle runs the GEMM's loops and micro-kernel directly, on the
//! register tiles that meet it (see `gemmt_direct`). Triangles of at most
//! `LEAF` are computed whole into a temporary and only their triangle is
//! merged.
//!
//! On several threads the triangle's columns are cut into parts of about
//! equal area claimed by the threads (`gemmt_par`); the register tiles keep
//! one grid whatever the cut, so the result does not depend on the thread
//! count.

use super::blocking::{blocking, k_block};
use super::common::{op_operand, require_shape, Block, Dense};
use super::gemm::{gemm_raw, Op};
use super::pack::{pack_panels, Operand};
use super::trmm::Shared;
use crate::arch::isa;
use crate::blas::level1::par::for_chunks;
use crate::blas::Uplo;
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::mem::{with_buffer, Slot};
use crate::scalar::Scalar;
use crate::threads::num_threads;

const LEAF: usize = 48;
/// Threaded triangles: parts per thread (claimed dynamically, so a thread
/// scheduled late costs little; each part packs its own rows of A), parts
/// at least `PART_MIN` columns wide, and only for at least `PAR_MIN_WORK`
/// multiply-adds (`n^2 k / 2`).
const PARTS_PER_THREAD: usize = 2;
const MAX_PARTS: usize = 16;
const PART_MIN: usize = 64;
const PAR_MIN_WORK: usize = 1 << 21;

/// [`gemmt_raw`] on the threads: the triangle's columns are cut into
/// parts of about equal area (at multiples of NR) claimed by the threads,
/// each running [`gemmt_direct`] on its columns. The register tiles lie on
/// one grid fixed by the size (rows at multiples of MR, columns of NR)
/// whatever the cut, so every element gets the same operations for any
/// thread count.
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
    let nt = num_threads();
    let parts = (nt * PARTS_PER_THREAD).min(n / PART_MIN);
    if n <= LEAF || nt <= 1 || parts < 2 || n * n / 2 * k < PAR_MIN_WORK {
        return gemmt_raw(lower, n, k, alpha, a, b, beta, c);
    }
    let nr = blocking::<T>(T::gemm_kernel(isa()).isa).nr;
    // Columns [0, bounds[g]) hold a fraction g / parts of the triangle.
    let mut bounds = [0usize; MAX_PARTS + 1];
    let parts = parts.min(MAX_PARTS);
    for g in 1..parts {
        let f = g as f64 / parts as f64;
        let j = if lower {
            n as f64 * (1.0 - (1.0 - f).sqrt())
        } else {
            n as f64 * f.sqrt()
        } as usize;
        bounds[g] = (j / nr * nr).clamp(bounds[g - 1], n);
    }
    bounds[parts] = n;
    let isa = crate::arch::isa();
    let sh = Shared((a, b, c));
    for_chunks(parts, nt.min(parts), &|g| {
        let (a, b, c) = sh.get();
        // SAFETY: part g writes only C's columns bounds[g]..bounds[g + 1];
        // A and B are only read. Pool workers do not inherit this thread's
        // ISA override.
        crate::arch::with_isa(isa, || unsafe {
            gemmt_direct(lower, n, k, bounds[g], bounds[g + 1], alpha, a, b, beta, c)
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
    gemmt_direct(lower, n, k, 0, n, alpha, a, b, beta, c);
}

/// The triangle by the GEMM's own loops (Goto/BLIS): B packed once per
/// k block for all of the column block, A once per row block, and the
/// micro-kernel run only on the register tiles that meet the triangle;
/// tiles crossing the diagonal go through a scratch tile of which only the
/// triangle's part is merged into C. So the packing is done once, as in a
/// GEMM (a recursion on the triangle would repack the same panels for the
/// small GEMMs near the diagonal, costing them a fifth of their speed),
/// and at most one tile row per column panel is computed in excess.
///
/// Only columns `[j_lo, j_hi)` (multiples of NR, or n) are computed; the
/// tiles stay on the grid of the whole triangle (rows from multiples of
/// MR), so a cut into column ranges changes no result bit.
///
/// # Safety
/// As [`gemmt_raw`]; `j_lo <= j_hi <= n`.
#[allow(clippy::too_many_arguments)]
unsafe fn gemmt_direct<T: Scalar>(
    lower: bool,
    n: usize,
    k: usize,
    j_lo: usize,
    j_hi: usize,
    alpha: T,
    a: Operand<T>,
    b: Operand<T>,
    beta: T,
    c: Block<T>,
) {
    let kern = T::gemm_kernel(isa());
    let bl = blocking::<T>(kern.isa);
    let (mr, nr, kc) = (bl.mr, bl.nr, k_block(k, bl.kc));
    // Row blocks on the MR grid.
    let mc = (bl.mc / mr).max(1) * mr;
    let nc = bl.nc.min((j_hi - j_lo).next_multiple_of(nr)).max(nr);
    let sz = core::mem::size_of::<T>();
    let mut tile = vec![T::zero(); mr * nr];
    with_buffer(Slot::B, (kc * nc + 16) * sz, |bbuf| {
        let bp: *mut T = bbuf.as_mut_ptr();
        with_buffer(Slot::A, (mc * kc + 16) * sz, |abuf| {
            let ap: *mut T = abuf.as_mut_ptr();
            for jc in (j_lo..j_hi).step_by(nc) {
                let ncb = nc.min(j_hi - jc);
                // The rows of C that meet columns jc..jc+ncb in the
                // triangle, widened to the MR grid.
                let (r0, r1) = if lower {
                    (jc / mr * mr, n)
                } else {
                    (0, (jc + ncb).next_multiple_of(mr).min(n))
                };
                for pc in (0..k).step_by(kc) {
                    let kcb = kc.min(k - pc);
                    let src = Operand {
                        ptr: b.at(pc, jc),
                        ..b
                    };
                    // SAFETY: B's block (pc.., jc..) is kcb x ncb; the buffer
                    // holds kc * nc (+ padding) elements.
                    pack_panels(nr, ncb, kcb, src.t(), bp);
                    let beta_k = if pc == 0 { beta } else { T::one() };
                    for ic in (r0..r1).step_by(mc) {
                        let mcb = mc.min(r1 - ic);
                        let src = Operand {
                            ptr: a.at(ic, pc),
                            ..a
                        };
                        pack_panels(mr, mcb, kcb, src, ap);
                        for q in 0..ncb.div_ceil(nr) {
                            let j0 = jc + q * nr;
                            let nb = nr.min(jc + ncb - j0);
                            for ir in (0..mcb).step_by(mr) {
                                let i0 = ic + ir;
                                let mb = mr.min(mcb - ir);
                                // Tile rows i0..i0+mb, columns j0..j0+nb.
                                let (outside, inside) = if lower {
                                    (i0 + mb <= j0, i0 + 1 >= j0 + nb)
                                } else {
                                    (i0 + 1 > j0 + nb, i0 + mb <= j0 + 1)
                                };
                                if outside {
                                    continue;
                                }
                                let (pa, pb) = (ap.add(ir * kcb), bp.add(q * nr * kcb));
                                let (mrs, nrs) = (mr as isize, nr as isize);
                                if inside {
                                    let cp = c.at(i0, j0);
                                    (kern.packed_b)(
                                        kcb, pa, mrs, pb, nrs, 1, cp, c.rs, c.cs, mb, nb, alpha,
                                        beta_k,
                                    );
                                    continue;
                                }
                                let tp = tile.as_mut_ptr();
                                (kern.packed_b)(
                                    kcb,
                                    pa,
                                    mrs,
                                    pb,
                                    nrs,
                                    1,
                                    tp,
                                    1,
                                    mrs,
                                    mb,
                                    nb,
                                    alpha,
                                    T::zero(),
                                );
                                for jj in 0..nb {
                                    for ii in 0..mb {
                                        let (i, j) = (i0 + ii, j0 + jj);
                                        if (lower && i < j) || (!lower && i > j) {
                                            continue;
                                        }
                                        let p = c.at(i, j);
                                        let v = tile[ii + jj * mr];
                                        *p = if beta_k.is_zero() { v } else { v + beta_k * *p };
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    });
}

/// `C = beta*C` on the triangle (beta == 0 writes zeros without reading).
// SAFETY: `c` is a valid, exclusive square block (the caller's contract); only its triangle is touched.
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
// SAFETY: `c` is a valid, exclusive square block (the caller's contract); only its diagonal is touched.
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
