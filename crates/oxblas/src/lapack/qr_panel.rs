//! Householder QR of column-major blocks: the unblocked leaf, the
//! recursive panel, and the blocked driver (LAPACK's geqr2, geqrt3, geqrf).
//!
//! * [`geqrf_cm`]: blocked QR. The matrix is cut into panels of `nb`
//!   columns; each panel is factored by [`panel`] (which also yields its T
//!   factor), and the trailing columns are updated with one block
//!   reflector (`qr_wy.rs`), i.e. GEMMs of depth nb.
//! * [`panel`]: recursive QR of a tall panel (Elmroth-Gustavson, LAPACK's
//!   geqrt3): factor the left half, update the right half with the left
//!   half's block reflector, factor the right half's lower part, and join
//!   the two T factors with `T12 = -T11 (V1^H V2) T22`. Almost all flops
//!   are GEMM/TRMM; panels of at most `LEAF` columns run the unblocked
//!   loop, and small narrow matrices run it whole.

use super::kernels::{axpy_k, dotc_k, larfg_k, simd_dispatch};
use super::simd::Simd;
use super::util::{Buf, Cm};
use super::wy::{apply_left, half, Refl};
use crate::blas::level3::{gemm, trmm, Op};
use crate::blas::{Diag, Side, Uplo};
use crate::scalar::Scalar;

/// Panels at most this wide are factored by the unblocked loop.
const LEAF: usize = 16;
/// Matrices at most this wide, and small enough to stay in cache, are
/// factored by the unblocked loop alone (no T factor, no GEMM calls).
const UNBLOCKED: usize = 32;
/// ... and so are matrices up to this wide that fit in L1 (`UNBLOCKED_L1`
/// bytes): at n = 64 the blocked path's many tiny GEMM/TRMM calls cost more
/// than the level 2 loop on an L1-resident matrix.
const UNBLOCKED_WIDE: usize = 64;
const UNBLOCKED_L1: usize = 64 * 1024;

/// Unblocked QR of the `m x n` block `a` (LAPACK's geqr2), and, when
/// `need_t` (only with `m >= n`), the upper triangular T (n x n) with
/// `H_1 ... H_n = I - V T V^H`. Runs in an instantiation for the widest
/// vector ISA in force (the column loops are its whole cost).
///
/// # Safety
/// `a` and `t` valid, disjoint blocks; `tau.len() >= min(m, n)`; the CPU
/// supports the ISA `I`.
#[inline(always)]
unsafe fn leaf_body<T: Scalar, I: Simd>(a: Cm<T>, t: Cm<T>, tau: &mut [T], need_t: bool) {
    let n = a.n;
    let k = a.m.min(n);
    for (j, tau_j) in tau.iter_mut().enumerate().take(k) {
        // Reflector H_j annihilating a[j+1.., j]; v = [1; a[j+1.., j]].
        let v = a.col(j + 1, j);
        let (beta, tj) = larfg_k::<T, I>(a.get(j, j), v);
        *tau_j = tj;
        if !tj.is_zero() {
            // a_c -= conj(tau) v (v^H a_c) for the columns to the right.
            for c in j + 1..n {
                let ac = a.col(j + 1, c);
                let w = a.get(j, c) + dotc_k::<T, I>(v, ac);
                let s = -(tj.conj() * w);
                a.set(j, c, a.get(j, c) + s);
                axpy_k::<T, I>(s, v, ac);
            }
        }
        a.set(j, j, beta);
    }
    if !need_t {
        return;
    }
    // T, column by column (LAPACK's larft, forward, columnwise):
    // T(0..i, i) = -tau_i T(0..i, 0..i) (V(:, 0..i)^H v_i), T(i, i) = tau_i.
    for (i, &ti) in tau.iter().enumerate().take(n) {
        if ti.is_zero() {
            for r in 0..=i {
                t.set(r, i, T::zero());
            }
            continue;
        }
        let vi = a.col(i + 1, i);
        for p in 0..i {
            // v_p^H v_i: v_i is zero above row i and one at row i.
            let z = a.get(i, p).conj() + dotc_k::<T, I>(a.colr(i + 1, p), vi);
            t.set(p, i, z);
        }
        // In place: row r needs z_r.. only, and rows go up.
        for r in 0..i {
            let mut s = T::zero();
            for q in r..i {
                s += t.get(r, q) * t.get(q, i);
            }
            t.set(r, i, -(ti * s));
        }
        t.set(i, i, ti);
    }
}

simd_dispatch!(unsafe fn leaf<T: Scalar>(a: Cm<T>, t: Cm<T>, tau: &mut [T], need_t: bool) => leaf_body);

/// Workspace (elements) that [`panel`] needs for an `m x n` panel (any
/// m: V is read in place, only its triangles are copied): the
/// explicit top of V1 and W, or the right half's own needs and V2's top.
pub(super) fn panel_work(n: usize) -> usize {
    if n <= LEAF {
        return 0;
    }
    let n1 = half(n);
    let n2 = n - n1;
    n1 * n1 + (n1 * n2).max(n2 * n2).max(panel_work(n2))
}

/// Recursive QR of the `m x n` panel `a` (`m >= n`): reflectors below the
/// diagonal, R on and above it, `tau`, and, when `need_t`, T (n x n upper)
/// in `t`. A left half always needs its T (to update the right half); a
/// right half only when the whole does, so without `need_t` no T12 is
/// formed along the right spine.
///
/// # Safety
/// `a`, `t` valid disjoint blocks; `tau.len() >= n`;
/// `work.len() >= panel_work(n)`.
pub(super) unsafe fn panel<T: Scalar>(
    a: Cm<T>,
    t: Cm<T>,
    tau: &mut [T],
    work: &mut [T],
    need_t: bool,
) {
    let (m, n) = (a.m, a.n);
    if n <= LEAF {
        return leaf(a, t, tau, need_t);
    }
    let n1 = half(n);
    let n2 = n - n1;
    let (tau1, tau2) = tau.split_at_mut(n1);
    let t11 = t.sub(0, 0, n1, n1);
    let t22 = t.sub(n1, n1, n2, n2);
    let t12 = t.sub(0, n1, n1, n2);
    // 1. Left half.
    panel(a.sub(0, 0, m, n1), t11, tau1, work, true);
    // 2. Right half <- Q1^H right half.
    let (top1, rest) = work.split_at_mut(n1 * n1);
    let v1 = Refl::new(a.sub(0, 0, m, n1).rf(), top1);
    apply_left(&v1, t11, Op::ConjTrans, a.sub(0, n1, m, n2).mt(), rest);
    // 3. Lower part of the right half.
    let a22 = a.sub(n1, n1, m - n1, n2);
    panel(a22, t22, tau2, rest, need_t);
    if !need_t {
        return;
    }
    // 4. T12 = -T11 (V1^H V2) T22. V2 starts at row n1, where V1's rows
    // are its `low` part: V1^H V2 = low1[..n2]^H top2 + low1[n2..]^H low2.
    let v2 = Refl::new(a22.rf(), rest);
    let l1 = v1.low;
    let (l1a, l1b) = (
        l1.submatrix(0, 0, n2, n1),
        l1.submatrix(n2, 0, m - n1 - n2, n1),
    );
    gemm(
        Op::ConjTrans,
        Op::NoTrans,
        T::one(),
        l1a,
        v2.top.rf(),
        T::zero(),
        t12.mt(),
    )
    .expect("panel: T12 shapes");
    gemm(
        Op::ConjTrans,
        Op::NoTrans,
        T::one(),
        l1b,
        v2.low,
        T::one(),
        t12.mt(),
    )
    .expect("panel: T12 shapes");
    trmm(
        Side::Left,
        Uplo::Upper,
        Op::NoTrans,
        Diag::NonUnit,
        -T::one(),
        t11.rf(),
        t12.mt(),
    )
    .expect("panel: T11 shapes");
    trmm(
        Side::Right,
        Uplo::Upper,
        Op::NoTrans,
        Diag::NonUnit,
        T::one(),
        t22.rf(),
        t12.mt(),
    )
    .expect("panel: T22 shapes");
}

/// Panel width of the blocked QR for an m x n matrix; `OXBLAS_QR_NB`
/// overrides it for tuning runs.
///
/// Wider panels make the trailing update one deeper GEMM (better kernel
/// efficiency, fewer passes over the matrix) but cost more in the panel
/// (its recursion and T factor grow with the width) and in the block
/// reflector's triangles. Widths are multiples of 24, so that the
/// `nb x n` products of the update fill the micro-kernels' MR rows exactly
/// for every type and ISA (MR is 24, 48, 12 or 24 with AVX-512; 8, 16, 4
/// or 8 with AVX2).
pub(super) fn block_size(m: usize, n: usize) -> usize {
    static OVERRIDE: std::sync::OnceLock<Option<usize>> = std::sync::OnceLock::new();
    let k = m.min(n);
    let nb = OVERRIDE
        .get_or_init(|| {
            std::env::var("OXBLAS_QR_NB")
                .ok()
                .and_then(|s| s.trim().parse().ok())
        })
        .unwrap_or(if k >= 1536 {
            192
        } else if k >= 256 {
            96
        } else {
            48
        });
    nb.min(k).max(1)
}

/// Blocked Householder QR of the column-major `m x n` block (LAPACK's
/// geqrf): R on and above the diagonal, reflectors below, `tau[..min(m,n)]`.
///
/// # Safety
/// `a` valid and exclusive; `tau.len() >= min(m, n)`.
pub(super) unsafe fn geqrf_cm<T: Scalar>(a: Cm<T>, tau: &mut [T]) {
    let (m, n) = (a.m, a.n);
    let k = m.min(n);
    if k == 0 {
        return;
    }
    let bytes = m * n * core::mem::size_of::<T>();
    if n <= UNBLOCKED && bytes <= 256 * 1024 || n <= UNBLOCKED_WIDE && bytes <= UNBLOCKED_L1 {
        let no_t = Cm {
            ptr: core::ptr::NonNull::dangling().as_ptr(),
            m: 0,
            n: 0,
            ld: 1,
        };
        return leaf(a, no_t, tau, false);
    }
    let nb = block_size(m, n);
    let mut t = Buf::<T>::zeros(nb, nb);
    let t = t.cm();
    let len = panel_work(nb).max(nb * nb + nb * (n - nb.min(n)));
    let mut work = vec![T::zero(); len.max(1)];
    let mut j = 0;
    while j < k {
        let jb = nb.min(k - j);
        let p = a.sub(j, j, m - j, jb);
        let tj = t.sub(0, 0, jb, jb);
        panel(p, tj, &mut tau[j..j + jb], &mut work, j + jb < n);
        if j + jb < n {
            // Trailing columns <- Q_panel^H trailing columns.
            let (top, w) = work.split_at_mut(jb * jb);
            let v = Refl::new(p.rf(), top);
            let c = a.sub(j, j + jb, m - j, n - j - jb);
            apply_left(&v, tj, Op::ConjTrans, c.mt(), w);
        }
        j += jb;
    }
}
