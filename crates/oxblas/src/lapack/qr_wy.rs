//! Block reflectors in the compact WY form (Schreiber-Van Loan).
//!
//! A product of k reflectors `H_0 ... H_{k-1}`, `H_i = I - tau_i v_i v_i^H`,
//! equals `Q = I - V T V^H` with V the m x k unit lower trapezoidal matrix
//! of the `v_i` and T a k x k upper triangular "T factor". With it,
//! applying k reflectors to C is three matrix products on the GEMM engine
//! (`W = V^H C; W = T^H W; C -= V W`) instead of k rank-one updates.
//!
//! V lives below the diagonal of a factored matrix, sharing its k x k top
//! with R. [`Refl`] copies that top triangle into a small explicit block
//! (ones on the diagonal, zeros above) and reads the rows below in place,
//! so each product is two GEMMs (triangle, rectangle) and no O(mk) copy or
//! workspace is needed.
//!
//! * [`apply_left`] / [`apply_right`]: `op(Q) C` and `C op(Q)` (larfb).
//! * [`t_factor`]: T from stored reflectors (larft) via the Gram matrix
//!   `V^H V` (HERK) and the recursive join `T12 = -T11 G12 T22`.

use super::util::{split_cols, split_rows, Cm};
use crate::blas::level3::{gemm, herk, trmm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::mat::{MatMut, MatRef};
use crate::scalar::Scalar;

/// k reflectors: the explicit k x k top of V and the rows below it.
pub(super) struct Refl<'a, T> {
    pub top: Cm<T>,
    pub low: MatRef<'a, T>,
}

impl<'a, T: Scalar> Refl<'a, T> {
    /// The reflectors stored below the diagonal of `a` (m x k, m >= k);
    /// the top triangle is copied into `buf` (k*k elements).
    ///
    /// # Safety
    /// `buf.len() >= k * k`, and `buf` outlives the returned value.
    pub unsafe fn new(a: MatRef<'a, T>, buf: &mut [T]) -> Refl<'a, T> {
        let (m, k) = (a.nrows(), a.ncols());
        debug_assert!(m >= k && buf.len() >= k * k);
        let top = Cm {
            ptr: buf.as_mut_ptr(),
            m: k,
            n: k,
            ld: k.max(1),
        };
        for j in 0..k {
            for i in 0..k {
                let v = match i.cmp(&j) {
                    core::cmp::Ordering::Less => T::zero(),
                    core::cmp::Ordering::Equal => T::one(),
                    core::cmp::Ordering::Greater => *a.ptr_at(i, j),
                };
                top.set(i, j, v);
            }
        }
        Refl {
            top,
            low: a.submatrix(k, 0, m - k, k),
        }
    }
    pub fn k(&self) -> usize {
        self.top.n
    }
}

fn product<T: Scalar>(
    op_a: Op,
    op_b: Op,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) {
    gemm(op_a, op_b, alpha, a, b, beta, c).expect("block reflector: shapes agree by construction");
}

/// `B = alpha op(T) B` or `alpha B op(T)`, T upper triangular.
///
/// # Safety
/// `t` valid for reads during the call, disjoint from B.
unsafe fn tri<T: Scalar>(side: Side, op: Op, alpha: T, t: Cm<T>, b: MatMut<'_, T>) {
    let t = t.rf();
    trmm(side, Uplo::Upper, op, Diag::NonUnit, alpha, t, b).expect("block reflector: T shapes");
}

/// `C = op(Q) C`, `Q = I - V T V^H`, op NoTrans (Q) or ConjTrans (Q^H);
/// C is m x n (any strides), `work.len() >= k * n`.
///
/// # Safety
/// `t` valid; C disjoint from V, T and work.
pub(super) unsafe fn apply_left<T: Scalar>(
    v: &Refl<'_, T>,
    t: Cm<T>,
    op: Op,
    c: MatMut<'_, T>,
    work: &mut [T],
) {
    let (k, n) = (v.k(), c.ncols());
    if k == 0 || n == 0 || c.nrows() == 0 {
        return;
    }
    let w = Cm {
        ptr: work.as_mut_ptr(),
        m: k,
        n,
        ld: k,
    };
    debug_assert!(work.len() >= k * n);
    let (mut c1, mut c2) = split_rows(c, k);
    // W = V^H C = top^H C1 + low^H C2
    product(
        Op::ConjTrans,
        Op::NoTrans,
        T::one(),
        v.top.rf(),
        c1.rb(),
        T::zero(),
        w.mt(),
    );
    product(
        Op::ConjTrans,
        Op::NoTrans,
        T::one(),
        v.low,
        c2.rb(),
        T::one(),
        w.mt(),
    );
    // W = op(T) W
    tri(Side::Left, op, T::one(), t, w.mt());
    // C -= V W
    product(
        Op::NoTrans,
        Op::NoTrans,
        -T::one(),
        v.low,
        w.rf(),
        T::one(),
        c2.rb_mut(),
    );
    product(
        Op::NoTrans,
        Op::NoTrans,
        -T::one(),
        v.top.rf(),
        w.rf(),
        T::one(),
        c1.rb_mut(),
    );
}

/// `C = C op(Q)`; C is m x nq with nq = rows of V (any strides),
/// `work.len() >= m * k`.
///
/// # Safety
/// `t` valid; C disjoint from V, T and work.
pub(super) unsafe fn apply_right<T: Scalar>(
    v: &Refl<'_, T>,
    t: Cm<T>,
    op: Op,
    c: MatMut<'_, T>,
    work: &mut [T],
) {
    let (m, k) = (c.nrows(), v.k());
    if k == 0 || m == 0 || c.ncols() == 0 {
        return;
    }
    let w = Cm {
        ptr: work.as_mut_ptr(),
        m,
        n: k,
        ld: m,
    };
    debug_assert!(work.len() >= m * k);
    let (mut c1, mut c2) = split_cols(c, k);
    // W = C V = C1 top + C2 low
    product(
        Op::NoTrans,
        Op::NoTrans,
        T::one(),
        c1.rb(),
        v.top.rf(),
        T::zero(),
        w.mt(),
    );
    product(
        Op::NoTrans,
        Op::NoTrans,
        T::one(),
        c2.rb(),
        v.low,
        T::one(),
        w.mt(),
    );
    // W = W op(T)
    tri(Side::Right, op, T::one(), t, w.mt());
    // C -= W V^H
    product(
        Op::NoTrans,
        Op::ConjTrans,
        -T::one(),
        w.rf(),
        v.low,
        T::one(),
        c2.rb_mut(),
    );
    product(
        Op::NoTrans,
        Op::ConjTrans,
        -T::one(),
        w.rf(),
        v.top.rf(),
        T::one(),
        c1.rb_mut(),
    );
}

/// T factor (k x k, upper) of the reflectors `v` with factors `tau`
/// (LAPACK's larft, forward, columnwise).
///
/// # Safety
/// `t` valid and disjoint from V.
pub(super) unsafe fn t_factor<T: Scalar>(v: &Refl<'_, T>, tau: &[T], t: Cm<T>) {
    if v.k() == 0 {
        return;
    }
    let one = T::Real::one();
    herk(
        Uplo::Upper,
        Op::ConjTrans,
        one,
        v.top.rf(),
        T::Real::zero(),
        t.mt(),
    )
    .expect("t_factor: Gram shapes");
    herk(Uplo::Upper, Op::ConjTrans, one, v.low, one, t.mt()).expect("t_factor: Gram shapes");
    join_t(t, tau);
}

/// Where the recursions split n columns: about half, a multiple of 8.
pub(super) fn half(n: usize) -> usize {
    (n / 2).next_multiple_of(8).min(n - 1).max(1)
}

/// Turns the strict upper triangle of the Gram matrix `G = V^H V` (in `t`)
/// into the T factor: `T(i,i) = tau_i` and, halving, `T12 = -T11 G12 T22`
/// (G12 = V1^H V2, so this is the join of the panel recursion).
unsafe fn join_t<T: Scalar>(t: Cm<T>, tau: &[T]) {
    let k = t.n;
    if k <= 16 {
        // Column by column: T(0..i, i) = -tau_i T(0..i, 0..i) G(0..i, i),
        // in place (row r needs G(r.., i) only, and rows go up).
        for (i, &ti) in tau.iter().enumerate().take(k) {
            for r in 0..i {
                let mut s = T::zero();
                for q in r..i {
                    s += t.get(r, q) * t.get(q, i);
                }
                t.set(r, i, -(ti * s));
            }
            t.set(i, i, ti);
        }
        return;
    }
    let k1 = half(k);
    let (t11, t22, t12) = (
        t.sub(0, 0, k1, k1),
        t.sub(k1, k1, k - k1, k - k1),
        t.sub(0, k1, k1, k - k1),
    );
    join_t(t11, &tau[..k1]);
    join_t(t22, &tau[k1..]);
    tri(Side::Left, Op::NoTrans, -T::one(), t11, t12.mt());
    tri(Side::Right, Op::NoTrans, T::one(), t22, t12.mt());
}
