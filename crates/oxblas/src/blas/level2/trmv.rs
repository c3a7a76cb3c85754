//! Triangular matrix-vector product `x = op(A) x`, and what trmv and trsv
//! share: the canonical column-major form of a triangle and the unblocked
//! column algorithms used on diagonal blocks.
//!
//! Blocking: the triangle is cut into `NB`-column blocks. Each block's
//! diagonal `NB x NB` triangle runs the reference column algorithm (inner
//! loops on the axpy/dot kernels), and its off-diagonal panel, where almost
//! all the flops are, runs the gemv kernels (`gemv_colmajor`), in an order
//! that reads each part of x before it is overwritten.

use super::gemv::gemv_colmajor;
use super::{check_inc, check_len, check_square, seg_axpy, seg_dot, with_contig_y};
use crate::blas::{Diag, Op, Uplo};
use crate::error::Result;
use crate::mat::MatRef;
use crate::scalar::Scalar;
use crate::vec::VecMut;

/// Columns per block.
pub(super) const NB: usize = 64;

/// A triangle as its routines see it: `A(i, j) = a[i*rs + j*cs]`, with the
/// operation to apply (`trans`, `conj`), after turning a row-major view
/// into a column-major one (which flips the triangle and toggles `trans`).
/// `rs == 1` when the blocked kernels can run.
#[derive(Clone, Copy)]
pub(super) struct Tri<T> {
    pub a: *const T,
    pub rs: isize,
    pub cs: isize,
    pub upper: bool,
    pub trans: bool,
    pub conj: bool,
    pub unit: bool,
}

impl<T: Scalar> Tri<T> {
    pub fn new(uplo: Uplo, op: Op, diag: Diag, a: MatRef<T>) -> Tri<T> {
        let (mut rs, mut cs) = (a.row_stride(), a.col_stride());
        let (mut upper, mut trans) = (uplo == Uplo::Upper, op != Op::NoTrans);
        if a.nrows() <= 1 {
            (rs, cs) = (1, 1);
        } else if rs != 1 && cs == 1 {
            (rs, cs) = (1, rs);
            upper = !upper;
            trans = !trans;
        }
        let conj = op == Op::ConjTrans && T::IS_COMPLEX;
        Tri {
            a: a.as_ptr(),
            rs,
            cs,
            upper,
            trans,
            conj,
            unit: diag == Diag::Unit,
        }
    }
    /// op-conjugated element (i, j).
    ///
    /// # Safety
    /// (i, j) inside the n x n view.
    #[inline(always)]
    pub unsafe fn at(&self, i: usize, j: usize) -> T {
        (*self.col(j).offset(i as isize * self.rs)).conj_if(self.conj)
    }
    /// Pointer to element (0, j).
    #[inline(always)]
    pub fn col(&self, j: usize) -> *const T {
        self.a.wrapping_offset(j as isize * self.cs)
    }
}

/// `x[k0..k1] = op(A[k0..k1, k0..k1]) x[k0..k1]` (x contiguous), the
/// reference column algorithms, skipping columns whose x entry is zero.
///
/// # Safety
/// The block lies inside the triangle's view; x has at least k1 elements.
pub(super) unsafe fn tri_mul_block<T: Scalar>(t: &Tri<T>, k0: usize, k1: usize, x: *mut T) {
    let diag = |j: usize| if t.unit { T::one() } else { t.at(j, j) };
    match (t.upper, t.trans) {
        (false, false) => {
            for j in (k0..k1).rev() {
                let xj = *x.add(j);
                if !xj.is_zero() {
                    seg_axpy_op(t, k1 - j - 1, xj, j + 1, j, x.add(j + 1));
                    if !t.unit {
                        *x.add(j) = xj * diag(j);
                    }
                }
            }
        }
        (true, false) => {
            for j in k0..k1 {
                let xj = *x.add(j);
                if !xj.is_zero() {
                    seg_axpy_op(t, j - k0, xj, k0, j, x.add(k0));
                    if !t.unit {
                        *x.add(j) = xj * diag(j);
                    }
                }
            }
        }
        (false, true) => {
            for j in k0..k1 {
                let s = *x.add(j) * diag(j);
                *x.add(j) = s + seg_dot(
                    k1 - j - 1,
                    t.conj,
                    t.col(j).offset((j + 1) as isize * t.rs),
                    t.rs,
                    x.add(j + 1),
                );
            }
        }
        (true, true) => {
            for j in (k0..k1).rev() {
                let s = *x.add(j) * diag(j);
                *x.add(j) = s + seg_dot(
                    j - k0,
                    t.conj,
                    t.col(j).offset(k0 as isize * t.rs),
                    t.rs,
                    x.add(k0),
                );
            }
        }
    }
}

/// `y[0..len] += alpha op(A[i0.., j])` on the column segment starting at
/// row i0 (conjugated when the triangle is).
#[inline]
pub(super) unsafe fn seg_axpy_op<T: Scalar>(
    t: &Tri<T>,
    len: usize,
    alpha: T,
    i0: usize,
    j: usize,
    y: *mut T,
) {
    let a = t.col(j).offset(i0 as isize * t.rs);
    if t.conj {
        // conj(a) * alpha = conj(a * conj(alpha)): on a contiguous copy-free
        // path this needs the conjugated kernel, rare enough for scalars.
        for k in 0..len {
            *y.add(k) += alpha * (*a.offset(k as isize * t.rs)).conj();
        }
    } else {
        seg_axpy(len, alpha, a, t.rs, y);
    }
}

/// `x = op(A) x` (strmv, dtrmv, ctrmv, ztrmv), A `n x n` triangular.
pub fn trmv<T: Scalar>(
    uplo: Uplo,
    op: Op,
    diag: Diag,
    a: MatRef<T>,
    mut x: VecMut<T>,
) -> Result<()> {
    let n = a.nrows();
    check_square("trmv: A", n, a.ncols())?;
    check_len("trmv: x", n, x.len())?;
    check_inc("trmv", x.inc(), 8)?;
    if n == 0 {
        return Ok(());
    }
    let t = Tri::new(uplo, op, diag, a);
    // SAFETY: the triangle's view is n x n and x has n contiguous elements.
    with_contig_y(&mut x, |xp| unsafe { trmv_raw(&t, n, xp) });
    Ok(())
}

/// The `NB`-column blocks `(k0, k1)` of an n x n triangle, in order.
pub(super) fn blocks(n: usize) -> impl DoubleEndedIterator<Item = (usize, usize)> + Clone {
    (0..n.div_ceil(NB)).map(move |b| (b * NB, ((b + 1) * NB).min(n)))
}

/// Blocked `x = op(A) x` on a contiguous x.
///
/// # Safety
/// `t` describes an n x n view; x has n writable elements.
pub(super) unsafe fn trmv_raw<T: Scalar>(t: &Tri<T>, n: usize, x: *mut T) {
    if t.rs != 1 || n <= NB {
        return tri_mul_block(t, 0, n, x);
    }
    let one = T::one();
    let lda = t.cs;
    let blocks = blocks(n);
    match (t.upper, t.trans) {
        (false, false) => {
            // Bottom-up: rows below a block get its columns' contribution
            // before the block's own x entries change.
            for (k0, k1) in blocks.clone().rev() {
                gemv_colmajor(
                    false,
                    t.conj,
                    n - k1,
                    k1 - k0,
                    one,
                    t.col(k0).add(k1),
                    lda,
                    x.add(k0),
                    1,
                    x.add(k1),
                    1,
                );
                tri_mul_block(t, k0, k1, x);
            }
        }
        (true, false) => {
            for (k0, k1) in blocks.clone() {
                gemv_colmajor(
                    false,
                    t.conj,
                    k0,
                    k1 - k0,
                    one,
                    t.col(k0),
                    lda,
                    x.add(k0),
                    1,
                    x,
                    1,
                );
                tri_mul_block(t, k0, k1, x);
            }
        }
        (false, true) => {
            // Top-down: x[k0..k1] = op(L_kk)^T x[k0..k1] + op(L[k1.., k])^T x[k1..].
            for (k0, k1) in blocks.clone() {
                tri_mul_block(t, k0, k1, x);
                gemv_colmajor(
                    true,
                    t.conj,
                    n - k1,
                    k1 - k0,
                    one,
                    t.col(k0).add(k1),
                    lda,
                    x.add(k1),
                    1,
                    x.add(k0),
                    1,
                );
            }
        }
        (true, true) => {
            for (k0, k1) in blocks.clone().rev() {
                tri_mul_block(t, k0, k1, x);
                gemv_colmajor(
                    true,
                    t.conj,
                    k0,
                    k1 - k0,
                    one,
                    t.col(k0),
                    lda,
                    x,
                    1,
                    x.add(k0),
                    1,
                );
            }
        }
    }
}
