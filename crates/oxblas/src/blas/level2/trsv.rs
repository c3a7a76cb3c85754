//! Triangular solve `op(A) x = b` (x overwritten), blocked like trmv: the
//! diagonal blocks are solved `SB` (8) columns at a time, the reference
//! substitution on each small triangle (x's entries in registers) and the
//! gemv kernels (`alpha = -1`) for the rest of the block; the off-diagonal
//! panels run the gemv kernels too, so the bulk of the flops stream through
//! them. `NoTrans` below the size where those panels would be threaded is
//! not NB-blocked at all: one 8-column gemv pass per sub-block over all the
//! rows that follow, deferred by one sub-block so that it overlaps the next
//! substitution (see `tri_solve_block`). Measured on Zen 5, dtrsv LNN
//! n = 256: 58 -> ~87 GB/s (per-column axpy calls and a store-to-load
//! round trip per substitution step were most of the time).

use super::gemv::gemv_colmajor;
use super::trmv::{blocks, Tri, NB};
use super::{check_inc, check_len, check_square, with_contig_y};
use crate::arch::isa;
use crate::blas::{Diag, Op, Uplo};
use crate::error::Result;
use crate::kernels::vector::kernels;
use crate::mat::MatRef;
use crate::scalar::Scalar;
use crate::vec::VecMut;

/// Solves `op(A) x = b` for triangular `n x n` A; x holds b on entry
/// (strsv, dtrsv, ctrsv, ztrsv). No test for singularity: a zero diagonal
/// gives Inf/NaN, as in the reference (which, like this, skips the division
/// for a zero right-hand-side entry in the `NoTrans` case).
pub fn trsv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    a: MatRef<T>,
    mut x: VecMut<T>,
) -> Result<()> {
    let n = a.nrows();
    check_square("trsv: A", n, a.ncols())?;
    check_len("trsv: x", n, x.len())?;
    check_inc("trsv", x.inc(), 8)?;
    if n == 0 {
        return Ok(());
    }
    let t = Tri::new(uplo, op, diag, a);
    // SAFETY: the triangle's view is n x n and x has n contiguous elements.
    with_contig_y(&mut x, |xp| unsafe { trsv_raw(&t, n, xp) });
    Ok(())
}

/// Panel bytes from which `gemv_colmajor` may split a panel over two
/// threads (twice its bytes per thread); below it a NoTrans solve is not
/// blocked by NB.
const FLAT_BYTES: usize = 256 << 10;

/// Columns per sub-block of a diagonal block: the gemv kernels' column
/// group, so each sub-block's update of the rest of the block is one pass
/// over x's segment (one load and store of it per `SB` columns).
const SB: usize = crate::kernels::vector::TRSV_SB;

/// Substitution on the diagonal block `[k0, k1)`, the right-hand side
/// already reduced by everything outside the block.
///
/// With contiguous columns the block is cut into `SB`-column sub-blocks:
/// each sub-block's small triangle runs the reference substitution, and its
/// update of the rest of the block runs the gemv kernels with
/// `alpha = -1` (`NoTrans`: columns whose x entry is zero are skipped
/// there too, so a NaN in such a column does not propagate).
///
/// # Safety
/// The block lies inside the triangle's view; x has at least k1 elements.
pub(super) unsafe fn tri_solve_block<T: Scalar>(t: &Tri<T>, k0: usize, k1: usize, x: *mut T) {
    if t.rs != 1 || k1 - k0 <= SB {
        return tri_solve_small(t, k0, k1, x);
    }
    let k = kernels::<T>(isa());
    let ci = usize::from(t.conj);
    let m1 = -T::one();
    let lda = t.cs;
    let subs = (k0..k1).step_by(SB).map(|s0| (s0, (s0 + SB).min(k1)));
    match (t.upper, t.trans) {
        // NoTrans: sub-block s's columns update the next sub-block's rows
        // in the substitution itself (in registers), and the rows beyond
        // only after that next sub-block is solved, so the gemv pass (a
        // stream of independent loads and FMAs) follows the substitution's
        // chain of dependent divisions in program order and the core
        // overlaps the two.
        (upper, false) => {
            // Lower: sub-blocks from the top, each updating the rows below
            // it in the block. Upper: from the bottom (a partial one at the
            // top), each updating the rows above it.
            let nsub = (k1 - k0).div_ceil(SB);
            let sub = |b: usize| {
                if upper {
                    (k1.saturating_sub((b + 1) * SB).max(k0), k1 - b * SB)
                } else {
                    (k0 + b * SB, (k0 + (b + 1) * SB).min(k1))
                }
            };
            let mut prev = None;
            for (s0, s1) in (0..nsub).map(sub) {
                tri_solve_next(t, prev, s0, s1, x);
                if let Some(p0) = prev {
                    // Rows of the block not yet reached by the substitution.
                    let (r0, rows) = if upper { (k0, s0 - k0) } else { (s1, k1 - s1) };
                    if rows > 0 {
                        (k.gemv_n[ci])(
                            rows,
                            SB,
                            t.col(p0).add(r0),
                            lda,
                            m1,
                            x.add(p0),
                            1,
                            x.add(r0),
                        );
                    }
                }
                prev = Some(s0);
            }
        }
        (false, true) => {
            for (s0, s1) in subs.rev() {
                if s1 < k1 {
                    (k.gemv_t[ci])(
                        k1 - s1,
                        s1 - s0,
                        t.col(s0).add(s1),
                        lda,
                        x.add(s1),
                        m1,
                        T::one(),
                        x.add(s0),
                        1,
                    );
                }
                tri_solve_small(t, s0, s1, x);
            }
        }
        (true, true) => {
            for (s0, s1) in subs {
                if s0 > k0 {
                    (k.gemv_t[ci])(
                        s0 - k0,
                        s1 - s0,
                        t.col(s0).add(k0),
                        lda,
                        x.add(k0),
                        m1,
                        T::one(),
                        x.add(s0),
                        1,
                    );
                }
                tri_solve_small(t, s0, s1, x);
            }
        }
    }
}

/// NoTrans: removes the `SB` columns from `p0` (the sub-block solved just
/// before, already solved in x) from the rows `[k0, k1)`, skipping zero x
/// entries, then solves `[k0, k1)`.
///
/// # Safety
/// As [`tri_solve_block`]; `p0 + SB <= k0` (lower) or `k1 <= p0` (upper).
unsafe fn tri_solve_next<T: Scalar>(
    t: &Tri<T>,
    prev: Option<usize>,
    k0: usize,
    k1: usize,
    x: *mut T,
) {
    if k1 - k0 == SB {
        if t.rs == 1 && !t.conj {
            if let Some(f) = kernels::<T>(isa()).trsv_sub[usize::from(t.upper)] {
                let (pa, px) = match prev {
                    Some(p0) => (t.col(p0).add(k0), x.add(p0) as *const T),
                    None => (core::ptr::null(), core::ptr::null()),
                };
                return f(t.col(k0).add(k0), t.cs, pa, px, t.unit, x.add(k0));
            }
        }
        return tri_solve_sub(t, prev, k0, x);
    }
    if let Some(p0) = prev {
        for c in p0..p0 + SB {
            let xc = *x.add(c);
            if !xc.is_zero() {
                for i in k0..k1 {
                    *x.add(i) -= xc * t.at(i, c);
                }
            }
        }
    }
    tri_solve_small(t, k0, k1, x)
}

/// The reference substitution on the block `[k0, k1)` (scalar loops).
///
/// # Safety
/// As [`tri_solve_block`].
unsafe fn tri_solve_small<T: Scalar>(t: &Tri<T>, k0: usize, k1: usize, x: *mut T) {
    if k1 - k0 == SB {
        return tri_solve_sub(t, None, k0, x);
    }
    let diag = |j: usize| t.at(j, j);
    match (t.upper, t.trans) {
        (false, false) => {
            for j in k0..k1 {
                let mut xj = *x.add(j);
                if !xj.is_zero() {
                    if !t.unit {
                        xj = super::div(xj, diag(j));
                        *x.add(j) = xj;
                    }
                    for i in j + 1..k1 {
                        *x.add(i) -= xj * t.at(i, j);
                    }
                }
            }
        }
        (true, false) => {
            for j in (k0..k1).rev() {
                let mut xj = *x.add(j);
                if !xj.is_zero() {
                    if !t.unit {
                        xj = super::div(xj, diag(j));
                        *x.add(j) = xj;
                    }
                    for i in k0..j {
                        *x.add(i) -= xj * t.at(i, j);
                    }
                }
            }
        }
        (false, true) => {
            for j in (k0..k1).rev() {
                let mut s = *x.add(j);
                for i in j + 1..k1 {
                    s -= t.at(i, j) * *x.add(i);
                }
                *x.add(j) = if t.unit { s } else { super::div(s, diag(j)) };
            }
        }
        (true, true) => {
            for j in k0..k1 {
                let mut s = *x.add(j);
                for i in k0..j {
                    s -= t.at(i, j) * *x.add(i);
                }
                *x.add(j) = if t.unit { s } else { super::div(s, diag(j)) };
            }
        }
    }
}

/// Blocked solve on a contiguous x.
///
/// # Safety
/// `t` describes an n x n view; x has n writable elements.
pub(super) unsafe fn trsv_raw<T: Scalar>(t: &Tri<T>, n: usize, x: *mut T) {
    // NoTrans with the off-diagonal panels below what the gemv driver runs
    // on two threads: sub-blocks over the whole triangle (each sub-block's
    // gemv pass overlaps the next one's substitution, see
    // `tri_solve_block`), no NB blocking; by size only, so results do not
    // depend on the thread count.
    let flat = !t.trans && n * NB * core::mem::size_of::<T>() < FLAT_BYTES;
    if t.rs != 1 || n <= NB || flat {
        return tri_solve_block(t, 0, n, x);
    }
    let m1 = -T::one();
    let lda = t.cs;
    let blocks = blocks(n);
    match (t.upper, t.trans) {
        (false, false) => {
            // Forward: solve a block, then remove its columns from the rest.
            for (k0, k1) in blocks {
                tri_solve_block(t, k0, k1, x);
                gemv_colmajor(
                    false,
                    t.conj,
                    n - k1,
                    k1 - k0,
                    m1,
                    t.col(k0).add(k1),
                    lda,
                    x.add(k0),
                    1,
                    x.add(k1),
                    1,
                );
            }
        }
        (true, false) => {
            for (k0, k1) in blocks.rev() {
                tri_solve_block(t, k0, k1, x);
                gemv_colmajor(
                    false,
                    t.conj,
                    k0,
                    k1 - k0,
                    m1,
                    t.col(k0),
                    lda,
                    x.add(k0),
                    1,
                    x,
                    1,
                );
            }
        }
        (false, true) => {
            // Backward: reduce a block by the solved entries below, solve it.
            for (k0, k1) in blocks.rev() {
                gemv_colmajor(
                    true,
                    t.conj,
                    n - k1,
                    k1 - k0,
                    m1,
                    t.col(k0).add(k1),
                    lda,
                    x.add(k1),
                    1,
                    x.add(k0),
                    1,
                );
                tri_solve_block(t, k0, k1, x);
            }
        }
        (true, true) => {
            for (k0, k1) in blocks {
                gemv_colmajor(
                    true,
                    t.conj,
                    k0,
                    k1 - k0,
                    m1,
                    t.col(k0),
                    lda,
                    x,
                    1,
                    x.add(k0),
                    1,
                );
                tri_solve_block(t, k0, k1, x);
            }
        }
    }
}

/// [`tri_solve_next`] / [`tri_solve_small`] on a full sub-block
/// `[k0, k0 + SB)`, its x entries held in a local array (registers) rather
/// than updated through memory: the substitution is a chain of dependent
/// updates and divisions, and a store-to-load round trip per step
/// lengthened it by a third.
///
/// # Safety
/// As [`tri_solve_next`], with `k1 = k0 + SB`; `prev` only for NoTrans.
#[inline(always)]
#[allow(clippy::needless_range_loop)]
// SAFETY: contract of `tri_solve_next` (rows k0..k0+SB inside the triangle, x valid for n elements).
unsafe fn tri_solve_sub<T: Scalar>(t: &Tri<T>, prev: Option<usize>, k0: usize, x: *mut T) {
    let mut v = [T::zero(); SB];
    for (i, vi) in v.iter_mut().enumerate() {
        *vi = *x.add(k0 + i);
    }
    if let Some(p0) = prev {
        for c in p0..p0 + SB {
            let xc = *x.add(c);
            if !xc.is_zero() {
                for (i, vi) in v.iter_mut().enumerate() {
                    *vi -= xc * t.at(k0 + i, c);
                }
            }
        }
    }
    let at = |i: usize, j: usize| t.at(k0 + i, k0 + j);
    match (t.upper, t.trans) {
        (false, false) => {
            for j in 0..SB {
                let mut xj = v[j];
                if !xj.is_zero() {
                    if !t.unit {
                        xj = super::div(xj, at(j, j));
                        v[j] = xj;
                    }
                    for i in j + 1..SB {
                        v[i] -= xj * at(i, j);
                    }
                }
            }
        }
        (true, false) => {
            for j in (0..SB).rev() {
                let mut xj = v[j];
                if !xj.is_zero() {
                    if !t.unit {
                        xj = super::div(xj, at(j, j));
                        v[j] = xj;
                    }
                    for i in 0..j {
                        v[i] -= xj * at(i, j);
                    }
                }
            }
        }
        (false, true) => {
            for j in (0..SB).rev() {
                let mut s = v[j];
                for i in j + 1..SB {
                    s -= at(i, j) * v[i];
                }
                v[j] = if t.unit { s } else { super::div(s, at(j, j)) };
            }
        }
        (true, true) => {
            for j in 0..SB {
                let mut s = v[j];
                for i in 0..j {
                    s -= at(i, j) * v[i];
                }
                v[j] = if t.unit { s } else { super::div(s, at(j, j)) };
            }
        }
    }
    for (i, vi) in v.iter().enumerate() {
        *x.add(k0 + i) = *vi;
    }
}
