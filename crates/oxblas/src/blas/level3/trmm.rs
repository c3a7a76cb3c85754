//! TRMM (`B = alpha*op(A)*B` or `alpha*B*op(A)`) and TRSM (solve
//! `op(A)*X = alpha*B` or `X*op(A) = alpha*B`), A triangular.
//!
//! Both reduce to the left-side case on `T = op(A)` (the right side is the
//! transposed problem: `B*op(A) = (op(A)^T * B^T)^T`), then recurse on
//! T's diagonal: halving T puts half of the flops of each level into one
//! GEMM of size (m/2) x n x (m/2), so the routines run near GEMM speed.
//! Leaves of at most `LEAF` rows: TRMM multiplies by the densified
//! triangle; TRSM multiplies by the leaf's explicit inverse (computed by
//! substitution, as OpenBLAS's TRSM does), which keeps the leaf on the GEMM
//! kernels instead of a scalar substitution.
//!
//! On several threads the columns of B (independent of each other) are cut
//! into slabs that the threads claim one at a time, each slab running the
//! whole recursion on one thread: no barrier per GEMM, and the small GEMMs
//! near the leaves no longer pay a fork/join each. Every column of B gets
//! the same operations as on one thread, so the result does not depend on
//! the thread count.

use super::common::{op_operand, require_shape, sub_op, Block, Dense};
use super::gemm::{gemm_raw, scale_c, Op};
use super::pack::Operand;
use crate::blas::level1::par::for_chunks;
use crate::blas::{Diag, Side, Uplo};
use crate::error::{Error, Result};
use crate::mat::{MatMut, MatRef};
use crate::scalar::{RealScalar, Scalar};
use crate::threads::num_threads;

const LEAF: usize = 32;

/// The triangular operand `T = op(A)`, `m x m`, with which triangle of T
/// holds data and whether its diagonal is implicitly one.
struct Tri<T> {
    op: Operand<T>,
    lower: bool,
    unit: bool,
}

impl<T> Clone for Tri<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Tri<T> {}

impl<T: Scalar> Tri<T> {
    /// T's diagonal block at (i, i) of size s.
    fn diag_block(&self, i: usize) -> Tri<T> {
        Tri {
            op: sub_op(self.op, i, i),
            ..*self
        }
    }
    /// T(i, j) as stored: zero outside the triangle, one on a unit diagonal.
    // SAFETY: callers pass i, j inside the triangle's view; outside the stored triangle nothing is read.
    unsafe fn get(&self, i: usize, j: usize) -> T {
        if i == j && self.unit {
            return T::one();
        }
        let inside = if self.lower { i >= j } else { i <= j };
        if inside {
            (*self.op.at(i, j)).conj_if(self.op.conj)
        } else {
            T::zero()
        }
    }
    /// The `s x s` leaf as a dense column-major matrix.
    // SAFETY: callers pass s no larger than the view; every read goes through `get` on indices below s.
    unsafe fn dense(&self, s: usize) -> Dense<T> {
        let mut d = Dense::zeros(s, s);
        for j in 0..s {
            for i in 0..s {
                d.set(i, j, self.get(i, j));
            }
        }
        d
    }
    /// Inverse of the `s x s` leaf by substitution on the identity (column
    /// j of the inverse solves T x = e_j; it shares T's triangle).
    // SAFETY: as `dense`: s is no larger than the view; only `dense` reads T.
    unsafe fn dense_inverse(&self, s: usize) -> Dense<T> {
        let t = self.dense(s);
        let mut inv = Dense::zeros(s, s);
        for j in 0..s {
            if self.lower {
                for i in j..s {
                    let mut v = if i == j { T::one() } else { T::zero() };
                    for p in j..i {
                        v -= t.buf[i + p * s] * inv.buf[p + j * s];
                    }
                    inv.buf[i + j * s] = safe_div(v, t.buf[i + i * s]);
                }
            } else {
                for i in (0..=j).rev() {
                    let mut v = if i == j { T::one() } else { T::zero() };
                    for p in i + 1..=j {
                        v -= t.buf[i + p * s] * inv.buf[p + j * s];
                    }
                    inv.buf[i + j * s] = safe_div(v, t.buf[i + i * s]);
                }
            }
        }
        inv
    }
}

/// `a / b` without the spurious underflow/overflow of the textbook complex
/// quotient (Smith's algorithm): `|b|^2` is never formed, so diagonals as
/// small as 1e-300 still invert.
#[inline]
fn safe_div<T: Scalar>(a: T, b: T) -> T {
    if !T::IS_COMPLEX {
        return a / b;
    }
    let (ar, ai, c, d) = (a.re(), a.im(), b.re(), b.im());
    if c.abs() >= d.abs() {
        let r = d / c;
        let den = c + d * r;
        T::from_parts((ar + ai * r) / den, (ai - ar * r) / den)
    } else {
        let r = c / d;
        let den = c * r + d;
        T::from_parts((ar * r + ai) / den, (ai * r - ar) / den)
    }
}

/// `B = alpha * T * B`, T m x m, B m x n.
// SAFETY: t's view is m x m and b a valid, exclusive m x n block (callers check shapes); the halves passed down are sub-views of both.
unsafe fn trmm_left<T: Scalar>(t: Tri<T>, alpha: T, b: Block<T>) {
    let m = b.m;
    if m == 0 || b.n == 0 {
        return;
    }
    if m <= LEAF {
        let d = t.dense(m);
        let copy = Dense::copy_of(&b);
        gemm_raw(
            m,
            b.n,
            m,
            alpha,
            d.operand(),
            copy.operand(),
            T::zero(),
            b.ptr,
            b.rs,
            b.cs,
        );
        return;
    }
    let h = (m / 2).next_multiple_of(8).min(m - 1);
    let (b1, b2) = (b.sub(0, 0, h, b.n), b.sub(h, 0, m - h, b.n));
    if t.lower {
        // [T11 0; T21 T22]: B2 = T22 B2 + T21 B1 (uses the old B1), then B1.
        trmm_left(t.diag_block(h), alpha, b2);
        gemm_raw(
            m - h,
            b.n,
            h,
            alpha,
            sub_op(t.op, h, 0),
            b1.operand(),
            T::one(),
            b2.ptr,
            b2.rs,
            b2.cs,
        );
        trmm_left(t, alpha, b1);
    } else {
        // [T11 T12; 0 T22]: B1 = T11 B1 + T12 B2 (uses the old B2), then B2.
        trmm_left(t, alpha, b1);
        gemm_raw(
            h,
            b.n,
            m - h,
            alpha,
            sub_op(t.op, 0, h),
            b2.operand(),
            T::one(),
            b1.ptr,
            b1.rs,
            b1.cs,
        );
        trmm_left(t.diag_block(h), alpha, b2);
    }
}

/// Solves `T * X = B` in place (B becomes X), T m x m.
// SAFETY: as `trmm_left`: t is m x m, b a valid exclusive m x n block; recursion passes sub-views.
unsafe fn trsm_left<T: Scalar>(t: Tri<T>, b: Block<T>) {
    let m = b.m;
    if m == 0 || b.n == 0 {
        return;
    }
    if m <= LEAF {
        let inv = t.dense_inverse(m);
        let copy = Dense::copy_of(&b);
        gemm_raw(
            m,
            b.n,
            m,
            T::one(),
            inv.operand(),
            copy.operand(),
            T::zero(),
            b.ptr,
            b.rs,
            b.cs,
        );
        return;
    }
    let h = (m / 2).next_multiple_of(8).min(m - 1);
    let (b1, b2) = (b.sub(0, 0, h, b.n), b.sub(h, 0, m - h, b.n));
    let minus_one = -T::one();
    if t.lower {
        trsm_left(t, b1);
        gemm_raw(
            m - h,
            b.n,
            h,
            minus_one,
            sub_op(t.op, h, 0),
            b1.operand(),
            T::one(),
            b2.ptr,
            b2.rs,
            b2.cs,
        );
        trsm_left(t.diag_block(h), b2);
    } else {
        trsm_left(t.diag_block(h), b2);
        gemm_raw(
            h,
            b.n,
            m - h,
            minus_one,
            sub_op(t.op, 0, h),
            b2.operand(),
            T::one(),
            b1.ptr,
            b1.rs,
            b1.cs,
        );
        trsm_left(t, b1);
    }
}

/// Columns per slab at least (and slabs per thread at most): enough for
/// the GEMMs of a slab to run at full speed, enough slabs that a thread
/// scheduled late costs little.
const SLAB_MIN: usize = 64;
const SLABS_PER_THREAD: usize = 4;
/// Below this many multiply-adds (`m^2 n / 2`) a product stays whole.
const SLAB_MIN_WORK: usize = 1 << 21;

/// A value the threads of one call share; see each use for why that holds.
pub(super) struct Shared<X>(pub X);
// SAFETY: used only for raw operands of which each thread writes a
// disjoint part (see the callers).
unsafe impl<X> Sync for Shared<X> {}

impl<X: Copy> Shared<X> {
    /// By method, so closures capture the whole (Sync) wrapper.
    #[inline(always)]
    pub fn get(&self) -> X {
        self.0
    }
}

/// Runs `f` on B whole (one thread), or on column slabs of B claimed by
/// the threads, each under the calling thread's ISA.
///
/// # Safety
/// `f` must touch only the columns of B it is given (the columns of B are
/// independent problems).
unsafe fn by_slabs<T: Scalar>(b: Block<T>, f: &(dyn Fn(Block<T>) + Sync)) {
    let nt = num_threads();
    let slabs = (nt * SLABS_PER_THREAD).min(b.n / SLAB_MIN);
    if nt <= 1 || slabs < 2 || b.m * b.m / 2 * b.n < SLAB_MIN_WORK {
        return f(b);
    }
    let w = b.n.div_ceil(slabs).next_multiple_of(8);
    let isa = crate::arch::isa();
    let sb = Shared(b);
    for_chunks(b.n.div_ceil(w), nt, &|c| {
        let b = sb.get();
        let j0 = c * w;
        // Pool workers do not inherit this thread's ISA override.
        crate::arch::with_isa(isa, || f(b.sub(0, j0, b.m, w.min(b.n - j0))));
    });
}

/// Shared argument handling: returns the left-side problem (T, B block).
#[allow(clippy::too_many_arguments)]
fn setup<T: Scalar>(
    what: &'static str,
    side: Side,
    uplo: Uplo,
    op: Op,
    diag: Diag,
    a: &MatRef<'_, T>,
    b: &mut MatMut<'_, T>,
) -> Result<(Tri<T>, Block<T>)> {
    let (m, n) = (b.nrows(), b.ncols());
    let k = if side == Side::Left { m } else { n };
    if a.nrows() != a.ncols() {
        return Err(Error::DimensionMismatch {
            what,
            expected: (k, k),
            found: (a.nrows(), a.ncols()),
        });
    }
    require_shape(what, (k, k), (a.nrows(), a.ncols()))?;
    let (o, _, _) = op_operand(a, op);
    // op(A) is lower when A is lower and not transposed, or upper and transposed.
    let lower = (uplo == Uplo::Lower) == (op == Op::NoTrans);
    let tri = Tri {
        op: o,
        lower,
        unit: diag == Diag::Unit,
    };
    let blk = Block::of(b);
    Ok(if side == Side::Left {
        (tri, blk)
    } else {
        // B*op(A) = (op(A)^T B^T)^T: transpose T (its triangle flips) and B.
        (
            Tri {
                op: tri.op.t(),
                lower: !tri.lower,
                unit: tri.unit,
            },
            blk.t(),
        )
    })
}

/// `B = alpha*op(A)*B` (Side::Left) or `B = alpha*B*op(A)` (Side::Right),
/// A triangular (`uplo`, `diag`).
pub fn trmm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    op: Op,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let (t, blk) = setup("trmm", side, uplo, op, diag, &a, &mut b)?;
    // SAFETY: shapes checked in setup; B exclusive and disjoint from A.
    unsafe {
        if alpha.is_zero() {
            scale_c(blk.m, blk.n, T::zero(), blk.ptr, blk.rs, blk.cs);
        } else {
            let t = Shared(t);
            // SAFETY: each slab is a column block of B, T only read.
            by_slabs(blk, &|b| trmm_left(t.get(), alpha, b));
        }
    }
    Ok(())
}

/// Solves `op(A)*X = alpha*B` (Side::Left) or `X*op(A) = alpha*B`
/// (Side::Right) for X, overwriting B. A singular triangle gives Inf/NaN,
/// as in the reference BLAS (which does no singularity test either).
pub fn trsm<T: Scalar>(
    side: Side,
    uplo: Uplo,
    op: Op,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let (t, blk) = setup("trsm", side, uplo, op, diag, &a, &mut b)?;
    // SAFETY: shapes checked in setup; B exclusive and disjoint from A.
    unsafe {
        scale_c(blk.m, blk.n, alpha, blk.ptr, blk.rs, blk.cs);
        if !alpha.is_zero() {
            let t = Shared(t);
            // SAFETY: each slab is a column block of B, T only read.
            by_slabs(blk, &|b| trsm_left(t.get(), b));
        }
    }
    Ok(())
}
