//! QR with column pivoting (LAPACK's geqp3, laqps, laqp2): `A P = Q R`
//! where at every step the column of largest remaining norm is moved to
//! the front, so `|R(0,0)| >= |R(1,1)| >= ...` and a drop in `|R(k,k)|`
//! reveals the numerical rank.
//!
//! Column norms are not recomputed at each step but *downdated*: after a
//! step with pivot row r, column j's remaining norm is
//! `vn1_j * sqrt(1 - (|A(r,j)| / vn1_j)^2)`. The downdate loses accuracy
//! when it cancels, so LAPACK's safeguard (Drmac-Bujanovic) compares the
//! running norm `vn1_j` with `vn2_j`, the last *computed* norm: once
//! `(1 - (|A(r,j)|/vn1_j)^2) (vn1_j/vn2_j)^2 <= sqrt(eps)`, the norm is
//! recomputed from the column itself.
//!
//! Blocked form (Quintana-Orti, Sun, Bischof; [`laqps`]): the trailing
//! matrix is not updated after each reflector. Instead `F` accumulates the
//! update `A_trailing -= V F^H` for `nb` steps (each step only brings the
//! pivot column and the pivot row up to date, which is what the pivot
//! choice and the norm downdate need) and one GEMM applies it at the end
//! of the block. A block ends early when a norm must be recomputed, since
//! that needs the trailing matrix up to date. [`laqp2`] finishes the last
//! columns one reflector at a time.

use super::kernels::{
    axpy, axpy_k, dotc_k, gemv_c, larfg, larfg_k, nrm2, nrm2_k, reals, simd_dispatch,
};
use super::simd::Simd;
use super::util::{abs, Cm};
use crate::blas::level3::{gemm, Op};
use crate::scalar::{RealScalar, Scalar};

/// Columns per block of the blocked algorithm.
const NB: usize = 32;
/// The last columns, unblocked.
const NX: usize = 128;

/// First index of the largest element (NaN never wins, as in idamax).
fn iamax<R: RealScalar>(x: &[R]) -> usize {
    let mut best = 0;
    for (i, &v) in x.iter().enumerate().skip(1) {
        if v > x[best] {
            best = i;
        }
    }
    best
}

/// Swaps columns p and q of `a` (all rows).
unsafe fn swap_cols<T: Scalar>(a: Cm<T>, p: usize, q: usize) {
    if p != q {
        core::ptr::swap_nonoverlapping(a.at(0, p), a.at(0, q), a.m);
    }
}

/// Downdate of column j's norm after its entry `x` in the pivot row left
/// the trailing block; returns false when the norm must be recomputed.
#[inline]
fn downdate<R: RealScalar>(vn1: &mut R, vn2: R, x: R) -> bool {
    let tol3z = R::EPSILON.sqrt();
    let r = x / *vn1;
    let mut temp = (R::one() + r) * (R::one() - r);
    if temp < R::zero() {
        temp = R::zero();
    }
    let q = *vn1 / vn2;
    if temp * q * q <= tol3z {
        return false;
    }
    *vn1 *= temp.sqrt();
    true
}

/// QR with column pivoting of the column-major block `a`; `perm[j]` gets
/// the original index of the column now in position j; `fixed[j]` marks
/// columns that are moved to the front and not pivoted.
///
/// # Safety
/// `a` valid and exclusive; `perm`, `fixed` of length n; `tau` of length
/// at least min(m, n).
pub(super) unsafe fn geqp3_cm<T: Scalar>(
    a: Cm<T>,
    fixed: &[bool],
    perm: &mut [usize],
    tau: &mut [T],
) {
    let (m, n) = (a.m, a.n);
    let minmn = m.min(n);
    for (j, p) in perm.iter_mut().enumerate() {
        *p = j;
    }
    // Leading (fixed) columns to the front, in their order.
    let mut nfxd = 0;
    for (j, &fx) in fixed.iter().enumerate().take(n) {
        if fx {
            swap_cols(a, j, nfxd);
            perm.swap(j, nfxd);
            nfxd += 1;
        }
    }
    // Factor them without pivoting and update the rest.
    if nfxd > 0 {
        let na = m.min(nfxd);
        let lead = a.sub(0, 0, m, na);
        super::panel::geqrf_cm(lead, &mut tau[..na]);
        if na < n {
            super::apply::ormqr_impl(
                crate::blas::Side::Left,
                Op::ConjTrans,
                lead.rf(),
                &tau[..na],
                a.sub(0, na, m, n - na).mt(),
            );
        }
    }
    if nfxd >= minmn {
        return;
    }
    // Norms of the free columns below the fixed rows.
    let mut vn1: Vec<T::Real> = (0..n)
        .map(|j| {
            if j < nfxd {
                T::Real::zero()
            } else {
                nrm2(a.col(nfxd, j))
            }
        })
        .collect();
    let mut vn2 = vn1.clone();
    let mut j = nfxd;
    let sminmn = minmn - nfxd;
    if NX < sminmn {
        // (NB < NX, so blocks of NB columns fit.)
        let top = minmn - NX;
        let mut g = vec![T::zero(); NB * n];
        let mut aux = vec![T::zero(); 2 * NB];
        while j < top {
            let jb = NB.min(top - j);
            let gm = Cm {
                ptr: g.as_mut_ptr(),
                m: jb,
                n: n - j,
                ld: jb,
            };
            j += laqps(
                a.sub(0, j, m, n - j),
                j,
                jb,
                &mut perm[j..],
                &mut tau[j..],
                &mut vn1[j..],
                &mut vn2[j..],
                gm,
                &mut aux,
            );
        }
    }
    if j < minmn {
        laqp2(
            a.sub(0, j, m, n - j),
            j,
            &mut perm[j..],
            &mut tau[j..],
            &mut vn1[j..],
            &mut vn2[j..],
        );
    }
}

/// Up to `nb` pivoted steps on the block `a` (all m rows; its first
/// `offset` rows are finished R rows), deferring the trailing update
/// `A -= V F^H` into `g = F^H` (nb x n; stored as F^H so that each
/// column's share is contiguous). Returns the number of steps done.
#[allow(clippy::too_many_arguments)]
unsafe fn laqps<T: Scalar>(
    a: Cm<T>,
    offset: usize,
    nb: usize,
    perm: &mut [usize],
    tau: &mut [T],
    vn1: &mut [T::Real],
    vn2: &mut [T::Real],
    g: Cm<T>,
    aux: &mut [T],
) -> usize {
    let (m, n) = (a.m, a.n);
    let lastrk = m.min(n + offset);
    let mut recompute: Vec<usize> = Vec::new();
    let (auxv, arow) = aux.split_at_mut(nb);
    let mut k = 0;
    while k < nb && recompute.is_empty() {
        let rk = offset + k;
        // Pivot: the column of largest remaining norm.
        let pvt = k + iamax(&vn1[k..n]);
        if pvt != k {
            swap_cols(a, pvt, k);
            core::ptr::swap_nonoverlapping(g.at(0, pvt), g.at(0, k), k);
            perm.swap(pvt, k);
            vn1[pvt] = vn1[k];
            vn2[pvt] = vn2[k];
        }
        // Bring the pivot column up to date: A(rk.., k) -= A(rk.., :k) G(:k, k).
        for p in 0..k {
            axpy(-g.get(p, k), a.colr(rk, p), a.col(rk, k));
        }
        // Reflector for it.
        let (beta, tk) = larfg(a.get(rk, k), a.col(rk + 1, k));
        tau[k] = tk;
        a.set(rk, k, T::one());
        // auxv = -tau_k A(rk.., :k)^H v_k: the earlier reflectors' share
        // of the update, as seen by this one; arow = A(rk, ..=k).
        let v: &[T] = a.colr(rk, k);
        gemv_c(-tk, a.sub(rk, 0, m - rk, k), v, &mut auxv[..k]);
        for (p, x) in arow.iter_mut().enumerate().take(k + 1) {
            *x = a.get(rk, p);
        }
        for p in 0..=k {
            g.set(k, p, T::zero());
        }
        let step = Step {
            tk,
            k,
            auxv: &auxv[..k],
            arow: &arow[..=k],
            downdate: rk + 1 < lastrk,
        };
        columns(
            &step,
            a.sub(rk, k + 1, m - rk, n - k - 1),
            v,
            g.sub(0, k + 1, nb, n - k - 1),
            &mut vn1[k + 1..],
            &vn2[k + 1..],
            &mut recompute,
        );
        a.set(rk, k, beta);
        k += 1;
    }
    let kb = k;
    let rk = offset + kb;
    // The deferred update: A(rk.., kb..) -= A(rk.., :kb) G(:kb, kb..).
    if kb < n.min(m - offset) {
        gemm(
            Op::NoTrans,
            Op::NoTrans,
            -T::one(),
            a.sub(rk, 0, m - rk, kb).rf(),
            g.sub(0, kb, kb, n - kb).rf(),
            T::one(),
            a.sub(rk, kb, m - rk, n - kb).mt(),
        )
        .expect("laqps: update shapes");
    }
    for jj in recompute {
        vn1[jj] = nrm2(a.col(rk.min(m), jj));
        vn2[jj] = vn1[jj];
    }
    kb
}

/// What one laqps step hands to [`columns`].
struct Step<'s, T> {
    tk: T,
    k: usize,
    auxv: &'s [T],
    arow: &'s [T],
    downdate: bool,
}

/// The trailing columns' share of one laqps step, fused per column so the
/// pivot row's entry is still in cache when it is updated: with
/// `d_j = A(rk.., j)^H v`,
///
/// ```text
/// G(k, j)  = conj(tau_k d_j) + sum_p G(p, j) conj(auxv_p)    (F(j, k), conjugated)
/// A(rk, j) -= sum_(p <= k) A(rk, p) G(p, j)                  (the pivot row)
/// ```
///
/// then the norm downdate; columns whose norm must be recomputed (their
/// index in `a` plus k + 1, i.e. in the caller's numbering) are collected.
///
/// # Safety
/// The CPU supports `I`; blocks valid; `v` disjoint from `a`.
#[inline(always)]
#[allow(clippy::too_many_arguments, clippy::needless_range_loop)]
unsafe fn columns_k<T: Scalar, I: Simd>(
    st: &Step<'_, T>,
    a: Cm<T>,
    v: &[T],
    g: Cm<T>,
    vn1: &mut [T::Real],
    vn2: &[T::Real],
    recompute: &mut Vec<usize>,
) {
    let n = a.n;
    let k = st.k;
    let mut d = [T::zero(); 4];
    let mut j = 0;
    while j < n {
        let w = (n - j).min(4);
        if w == 4 {
            let cols: [&[T::Real]; 4] = core::array::from_fn(|q| reals(a.colr(0, j + q)));
            let r = I::gemv4(T::IS_COMPLEX, cols, reals(v));
            for q in 0..4 {
                d[q] = T::from_parts(r[q].0, r[q].1);
            }
        } else {
            for q in 0..w {
                d[q] = dotc_k::<T, I>(a.colr(0, j + q), v);
            }
        }
        for q in 0..w {
            let jj = j + q;
            let gj = g.colr(0, jj);
            let mut f = (st.tk * d[q]).conj();
            for p in 0..k {
                f += gj[p] * st.auxv[p].conj();
            }
            g.set(k, jj, f);
            let gj = g.colr(0, jj);
            let mut s = T::zero();
            for p in 0..=k {
                s += st.arow[p] * gj[p];
            }
            let x = a.get(0, jj) - s;
            a.set(0, jj, x);
            if st.downdate && vn1[jj] != T::Real::zero() && !downdate(&mut vn1[jj], vn2[jj], abs(x))
            {
                recompute.push(jj + k + 1);
            }
        }
        j += w;
    }
}

simd_dispatch!(
    #[allow(clippy::too_many_arguments)]
    unsafe fn columns<T: Scalar>(st: &Step<'_, T>, a: Cm<T>, v: &[T], g: Cm<T>, vn1: &mut [T::Real], vn2: &[T::Real], recompute: &mut Vec<usize>) => columns_k
);

/// Unblocked pivoted QR of the block `a` below its first `offset` rows
/// (LAPACK's laqp2): pivot, reflector, apply it to the columns right of
/// it, downdate their norms (recomputing those that lost accuracy).
///
/// # Safety
/// The CPU supports `I`; `a` valid and exclusive; slices of length n.
#[inline(always)]
unsafe fn laqp2_k<T: Scalar, I: Simd>(
    a: Cm<T>,
    offset: usize,
    perm: &mut [usize],
    tau: &mut [T],
    vn1: &mut [T::Real],
    vn2: &mut [T::Real],
) {
    let (m, n) = (a.m, a.n);
    let mn = (m - offset).min(n);
    for i in 0..mn {
        let r = offset + i;
        let pvt = i + iamax(&vn1[i..n]);
        if pvt != i {
            swap_cols(a, pvt, i);
            perm.swap(pvt, i);
            vn1[pvt] = vn1[i];
            vn2[pvt] = vn2[i];
        }
        let v = a.col(r + 1, i);
        let (beta, ti) = larfg_k::<T, I>(a.get(r, i), v);
        tau[i] = ti;
        if !ti.is_zero() {
            for c in i + 1..n {
                let ac = a.col(r + 1, c);
                let w = a.get(r, c) + dotc_k::<T, I>(v, ac);
                let s = -(ti.conj() * w);
                a.set(r, c, a.get(r, c) + s);
                axpy_k::<T, I>(s, v, ac);
            }
        }
        a.set(r, i, beta);
        for j in i + 1..n {
            if vn1[j] != T::Real::zero() && !downdate(&mut vn1[j], vn2[j], abs(a.get(r, j))) {
                vn1[j] = if r + 1 < m {
                    nrm2_k::<T, I>(a.colr(r + 1, j))
                } else {
                    T::Real::zero()
                };
                vn2[j] = vn1[j];
            }
        }
    }
}

simd_dispatch!(
    unsafe fn laqp2<T: Scalar>(a: Cm<T>, offset: usize, perm: &mut [usize], tau: &mut [T], vn1: &mut [T::Real], vn2: &mut [T::Real]) => laqp2_k
);
