//! SYMM and HEMM: `C = alpha*A*B + beta*C` (Side::Left) or
//! `C = alpha*B*A + beta*C` (Side::Right) with A symmetric (Hermitian),
//! only its `uplo` triangle read.
//!
//! A is expanded into a dense temporary (all of it, or panels of columns
//! (Left) / rows (Right) when it would exceed `EXPAND_BYTES`), and each
//! panel goes through one GEMM, whose k loop then runs over the whole panel
//! in KC blocks. The expansion costs O(n^2) against GEMM's O(n^2 m); it is
//! cut into squares of one cache line a side (see `expand`), runs on the
//! GEMM's threads, and writes into a
//! per-thread buffer that is reused from call to call (no allocation, no
//! page faults after the first call).

use super::common::{require_shape, require_square, Block};
use super::gemm::{gemm_raw, scale_c};
use super::pack::Operand;
use crate::blas::level1::par::for_chunks;
use crate::blas::{Side, Uplo};
use crate::error::Result;
use crate::mat::{MatMut, MatRef};
use crate::mem::{with_buffer, Slot};
use crate::scalar::Scalar;
use crate::threads::num_threads;

/// Largest expanded panel: 64 MiB (all of A up to n = 2896 in f64).
const EXPAND_BYTES: usize = 64 << 20;
/// Columns of the expansion per unit of work shared among threads.
const GROUP: usize = 64;

/// Element (i, j) of the full symmetric/Hermitian matrix stored in one
/// triangle of `a` (Hermitian: the diagonal's imaginary part is ignored).
#[inline(always)]
// SAFETY: callers pass i, j inside the square view `a`; only the stored triangle is read.
unsafe fn full<T: Scalar>(a: &MatRef<'_, T>, lower: bool, herm: bool, i: usize, j: usize) -> T {
    let stored = if lower { i >= j } else { i <= j };
    let v = if stored {
        *a.ptr_at(i, j)
    } else {
        (*a.ptr_at(j, i)).conj_if(herm)
    };
    if herm && i == j {
        T::from_real(v.re())
    } else {
        v
    }
}

/// Writes the full symmetric (Hermitian) matrix's block rows `r0..r0+rows`,
/// columns `c0..c0+cols` into `dst` (column-major, leading dimension
/// `rows`). Blocks of the stored triangle are column copies; blocks of the
/// other triangle are transposed from their mirror in squares of one cache
/// line a side (8 x 8 f64), so each line read or written is used whole and
/// the few lines in flight fit L1 even when A's and the buffer's columns
/// are 4 KiB apart (all in one cache set: a larger square thrashed that
/// set, and the expansion took 15% of a 1024 SYMM). Groups of `GROUP`
/// columns are shared out among the threads.
///
/// # Safety
/// `dst` must be valid for `rows * cols` writes; the block must lie in A.
#[allow(clippy::too_many_arguments)]
unsafe fn expand<T: Scalar>(
    a: &MatRef<'_, T>,
    lower: bool,
    herm: bool,
    r0: usize,
    c0: usize,
    rows: usize,
    cols: usize,
    dst: *mut T,
) {
    struct Dst<T>(*mut T);
    // SAFETY: each column group is written by one thread only.
    unsafe impl<T> Sync for Dst<T> {}
    let out = Dst(dst);
    let w = (64 / core::mem::size_of::<T>()).max(1);
    let groups = cols.div_ceil(GROUP);
    let nt = if rows * cols >= 1 << 16 {
        num_threads()
    } else {
        1
    };
    let (rs, cs) = (a.row_stride(), a.col_stride());
    for_chunks(groups, nt, &|g| {
        let out = &out;
        let (g0, g1) = (g * GROUP, ((g + 1) * GROUP).min(cols));
        let mut j0 = g0;
        while j0 < g1 {
            let j1 = (j0 + w).min(g1);
            let mut i0 = 0;
            while i0 < rows {
                let i1 = (i0 + w).min(rows);
                let (gi0, gi1, gj0, gj1) = (r0 + i0, r0 + i1, c0 + j0, c0 + j1);
                let stored = if lower { gi0 >= gj1 } else { gi1 <= gj0 };
                let mirrored = if lower { gi1 <= gj0 } else { gi0 >= gj1 };
                // SAFETY (all branches): rows r0+i and columns c0+j of the
                // square lie in A (the caller's contract), and so do their
                // mirrored positions; dst + i + j*rows lies in dst.
                unsafe {
                    if stored {
                        for j in j0..j1 {
                            let src = a.ptr_at(gi0, c0 + j);
                            let col = out.0.add(j * rows + i0);
                            for i in 0..i1 - i0 {
                                *col.add(i) = *src.offset(i as isize * rs);
                            }
                        }
                    } else if mirrored {
                        // dst(i, j) = A(c0+j, r0+i): column r0+i of A read
                        // down its rows j0..j1.
                        for j in j0..j1 {
                            let src = a.ptr_at(c0 + j, gi0);
                            let col = out.0.add(j * rows + i0);
                            for i in 0..i1 - i0 {
                                *col.add(i) = (*src.offset(i as isize * cs)).conj_if(herm);
                            }
                        }
                    } else {
                        for j in j0..j1 {
                            let col = out.0.add(j * rows);
                            for i in i0..i1 {
                                *col.add(i) = full(a, lower, herm, r0 + i, c0 + j);
                            }
                        }
                    }
                }
                i0 = i1;
            }
            j0 = j1;
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn symm_impl<T: Scalar>(
    budget: usize,
    herm: bool,
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let what = if herm { "hemm" } else { "symm" };
    let (m, n) = (c.nrows(), c.ncols());
    require_square(what, a.nrows(), a.ncols())?;
    let ka = if side == Side::Left { m } else { n };
    require_shape(what, (ka, ka), (a.nrows(), a.ncols()))?;
    require_shape(what, (m, n), (b.nrows(), b.ncols()))?;
    let cb = Block::of(&mut c);
    let lower = uplo == Uplo::Lower;
    let bo = Operand {
        ptr: b.as_ptr(),
        rs: b.row_stride(),
        cs: b.col_stride(),
        conj: false,
    };
    // SAFETY: shapes were checked above; every index below stays inside A
    // (ka x ka), B and C (m x n), which the views guarantee are valid.
    unsafe {
        if m == 0 || n == 0 {
            return Ok(());
        }
        if alpha.is_zero() {
            scale_c(m, n, beta, cb.ptr, cb.rs, cb.cs);
            return Ok(());
        }
        // Panel width: all of A when it fits the budget, else a multiple
        // of 8 columns (rows).
        let other = if side == Side::Left { m } else { n };
        let sz = core::mem::size_of::<T>();
        let fit = budget / (other * sz).max(1);
        let panel = if fit >= ka {
            ka
        } else {
            (fit / 8 * 8).clamp(8, ka)
        };
        with_buffer(Slot::Operand, other * panel * sz, |buf| {
            let d: *mut T = buf.as_mut_ptr();
            let mut p0 = 0;
            while p0 < ka {
                let kb = panel.min(ka - p0);
                let beta_p = if p0 == 0 { beta } else { T::one() };
                // The buffer holds other * panel >= other * kb elements; A's
                // indices stay below ka (checked shapes).
                {
                    if side == Side::Left {
                        // C += alpha * A[:, p0..p0+kb] * B[p0..p0+kb, :]
                        expand(&a, lower, herm, 0, p0, m, kb, d);
                        let dense = Operand {
                            ptr: d as *const T,
                            rs: 1,
                            cs: m as isize,
                            conj: false,
                        };
                        let bsub = Operand {
                            ptr: bo.at(p0, 0),
                            ..bo
                        };
                        gemm_raw(m, n, kb, alpha, dense, bsub, beta_p, cb.ptr, cb.rs, cb.cs);
                    } else {
                        // C += alpha * B[:, p0..p0+kb] * A[p0..p0+kb, :],
                        // the panel stored transposed (n x kb, column j of
                        // it = row p0+j of A = column p0+j, conjugated for
                        // a Hermitian A).
                        expand(&a, lower, herm, 0, p0, n, kb, d);
                        let dense_t = Operand {
                            ptr: d as *const T,
                            rs: n as isize,
                            cs: 1,
                            conj: herm,
                        };
                        let bsub = Operand {
                            ptr: bo.at(0, p0),
                            ..bo
                        };
                        gemm_raw(m, n, kb, alpha, bsub, dense_t, beta_p, cb.ptr, cb.rs, cb.cs);
                    }
                }
                p0 += kb;
            }
        });
    }
    Ok(())
}

/// `C = alpha*A*B + beta*C` (Left) or `alpha*B*A + beta*C` (Right), A symmetric.
pub fn symm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    symm_impl(EXPAND_BYTES, false, side, uplo, alpha, a, b, beta, c)
}

/// As [`symm`] with A Hermitian (for real types, the same as symm).
pub fn hemm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    symm_impl(
        EXPAND_BYTES,
        T::IS_COMPLEX,
        side,
        uplo,
        alpha,
        a,
        b,
        beta,
        c,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scalar::c64;

    /// A budget of a few columns forces several panels (and a last, narrower
    /// one); the result must match the single-panel product to rounding.
    #[test]
    fn panels_match_one_expansion() {
        let (m, n) = (61, 37);
        for side in [Side::Left, Side::Right] {
            for uplo in [Uplo::Lower, Uplo::Upper] {
                let ka = if side == Side::Left { m } else { n };
                let val = |i: usize, s: f64| {
                    c64::new(
                        ((i * 37 + 11) % 101) as f64 / 50.0 - 1.0,
                        s * ((i * 13 % 29) as f64),
                    )
                };
                let a: Vec<c64> = (0..ka * ka).map(|i| val(i, 0.03)).collect();
                let b: Vec<c64> = (0..m * n).map(|i| val(i + 7, -0.02)).collect();
                let c0: Vec<c64> = (0..m * n).map(|i| val(i + 3, 0.01)).collect();
                let (alpha, beta) = (c64::new(0.5, -1.25), c64::new(-0.75, 0.5));
                let run = |budget: usize| {
                    let mut c = c0.clone();
                    symm_impl(
                        budget,
                        true,
                        side,
                        uplo,
                        alpha,
                        MatRef::col_major(&a, ka, ka, ka).unwrap(),
                        MatRef::col_major(&b, m, n, m).unwrap(),
                        beta,
                        MatMut::col_major(&mut c, m, n, m).unwrap(),
                    )
                    .unwrap();
                    c
                };
                let whole = run(usize::MAX / 2);
                let other = if side == Side::Left { m } else { n };
                let split = run(16 * other * 16 + 1);
                for (x, y) in whole.iter().zip(&split) {
                    assert!((x - y).norm() <= 1e-12 * (1.0 + x.norm()), "{x} vs {y}");
                }
            }
        }
    }
}
