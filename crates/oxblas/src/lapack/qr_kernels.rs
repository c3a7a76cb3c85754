//! Vector loops of the unblocked QR code (reflector generation and
//! application, the pivoted QR's matrix-vector products).
//!
//! Each loop is an `#[inline(always)]` body generic over the scalar type
//! and an ISA marker (`qr_simd.rs`), run inside an instantiation compiled
//! for the widest vector ISA in force ([`simd_dispatch`]): hot callers
//! (the panel leaf) dispatch once for the whole leaf, the plain wrappers
//! (`dotc`, `axpy`, `nrm2`, `larfg`, `gemv_c`) once per call.

use super::simd::Simd;
use super::util::{is_finite, lapy3, min_positive, recip, sign, Cm};
use crate::scalar::{RealScalar, Scalar};

/// Views a slice of T as its real components (2 per complex element).
#[inline(always)]
pub(super) fn reals<T: Scalar>(x: &[T]) -> &[T::Real] {
    let k = if T::IS_COMPLEX { 2 } else { 1 };
    // SAFETY: T is either T::Real itself or num_complex's #[repr(C)]
    // {re, im} pair of T::Real, so the slice is 'k * len' reals in a row.
    unsafe { core::slice::from_raw_parts(x.as_ptr() as *const T::Real, x.len() * k) }
}

#[inline(always)]
fn reals_mut<T: Scalar>(x: &mut [T]) -> &mut [T::Real] {
    let k = if T::IS_COMPLEX { 2 } else { 1 };
    // SAFETY: as in `reals`, and the borrow is exclusive.
    unsafe { core::slice::from_raw_parts_mut(x.as_mut_ptr() as *mut T::Real, x.len() * k) }
}

/// `sum conj(x_i) * y_i` over the common length.
///
/// # Safety
/// The CPU supports the ISA `I`.
#[inline(always)]
pub(super) unsafe fn dotc_k<T: Scalar, I: Simd>(x: &[T], y: &[T]) -> T {
    let (re, im) = I::dot(T::IS_COMPLEX, reals(x), reals(y));
    T::from_parts(re, im)
}

/// `y += alpha * x` over the common length.
///
/// # Safety
/// The CPU supports the ISA `I`.
#[inline(always)]
pub(super) unsafe fn axpy_k<T: Scalar, I: Simd>(alpha: T, x: &[T], y: &mut [T]) {
    I::axpy(
        T::IS_COMPLEX,
        alpha.re(),
        alpha.im(),
        reals(x),
        reals_mut(y),
    )
}

/// `x *= alpha`.
#[inline(always)]
pub(super) fn scal<T: Scalar>(alpha: T, x: &mut [T]) {
    for v in x {
        *v *= alpha;
    }
}

/// The 2-norm of `x` without overflow or harmful underflow.
///
/// Fast path: the plain sum of squares, accepted when it is finite and far
/// above the underflow threshold (then no square lost relative accuracy
/// that matters). Otherwise a second pass scales by the largest component,
/// as the reference nrm2 does. NaN anywhere gives NaN.
///
/// # Safety
/// The CPU supports the ISA `I`.
#[inline(always)]
pub(super) unsafe fn nrm2_k<T: Scalar, I: Simd>(x: &[T]) -> T::Real {
    let r = reals(x);
    let (ssq, _) = I::dot(false, r, r);
    let eps = T::Real::EPSILON;
    let low = min_positive::<T::Real>() / (eps * eps);
    if is_finite(ssq) && ssq >= low {
        return ssq.sqrt();
    }
    if ssq.is_nan() {
        return ssq;
    }
    nrm2_scaled(r)
}
/// The rare path of nrm2: scale by the largest component.
#[inline(never)]
fn nrm2_scaled<R: RealScalar>(r: &[R]) -> R {
    // Largest magnitude component (NaN was excluded; Inf is kept).
    let mut big = R::zero();
    for &v in r {
        let a = v.abs();
        if a > big {
            big = a;
        }
    }
    if big == R::zero() || !is_finite(big) {
        return big;
    }
    let mut s = R::zero();
    for &v in r {
        let q = v / big;
        s += q * q;
    }
    big * s.sqrt()
}

/// Generates an elementary reflector (LAPACK's larfg): given `alpha` and
/// the vector `x`, finds `tau` and `v = [1; x']` with
///
/// ```text
/// H^H [alpha; x] = [beta; 0],   H = I - tau v v^H,   beta real,
/// ```
///
/// overwrites `x` with `x'` and returns `(beta, tau)`. `tau == 0` (H = I)
/// when `x == 0` and `alpha` is real; otherwise `1 <= re(tau) <= 2` and
/// `|tau - 1| <= 1`. Tiny vectors are rescaled (by 1/safmin, at most 20
/// times) so that `beta` is not subnormal, and `beta` is scaled back.
///
/// # Safety
/// The CPU supports the ISA `I`.
#[inline(always)]
pub(super) unsafe fn larfg_k<T: Scalar, I: Simd>(alpha: T, x: &mut [T]) -> (T, T) {
    let zero = T::Real::zero();
    let mut xnorm = nrm2_k::<T, I>(x);
    let (mut ar, mut ai) = (alpha.re(), alpha.im());
    if xnorm == zero && ai == zero {
        return (alpha, T::zero());
    }
    let mut beta = -sign(lapy3(ar, ai, xnorm), ar);
    let safmin = min_positive::<T::Real>() / T::Real::EPSILON;
    let rsafmn = T::Real::one() / safmin;
    let mut knt = 0;
    if beta.abs() < safmin {
        // beta may be inaccurate: scale x and recompute it.
        loop {
            knt += 1;
            scal(T::from_real(rsafmn), x);
            beta *= rsafmn;
            ai *= rsafmn;
            ar *= rsafmn;
            if beta.abs() >= safmin || knt >= 20 {
                break;
            }
        }
        xnorm = nrm2_k::<T, I>(x);
        beta = -sign(lapy3(ar, ai, xnorm), ar);
    }
    let tau = T::from_parts((beta - ar) / beta, -ai / beta);
    let s = recip(T::from_parts(ar, ai) - T::from_real(beta));
    scal(s, x);
    for _ in 0..knt {
        beta *= safmin;
    }
    (T::from_real(beta), tau)
}

/// `y_j = alpha * conj(A(:, j)) . x` for the columns of the column-major
/// block `a` (LAPACK's gemv with A^H): four columns at a time, so each
/// chunk of `x` is loaded once per four products.
///
/// # Safety
/// The CPU supports `I`; `a` valid (m x n) and not written meanwhile;
/// `x.len() >= m`, `y.len() >= n`.
#[inline(always)]
unsafe fn gemv_c_k<T: Scalar, I: Simd>(alpha: T, a: Cm<T>, x: &[T], y: &mut [T]) {
    let (m, n) = (a.m, a.n);
    let x = &x[..m];
    let mut j = 0;
    while j + 4 <= n {
        let c: [&[T::Real]; 4] = core::array::from_fn(|q| reals(a.colr(0, j + q)));
        let r = I::gemv4(T::IS_COMPLEX, c, reals(x));
        for (q, &(re, im)) in r.iter().enumerate() {
            y[j + q] = alpha * T::from_parts(re, im);
        }
        j += 4;
    }
    while j < n {
        y[j] = alpha * dotc_k::<T, I>(a.colr(0, j), x);
        j += 1;
    }
}

/// Calls `$body::<T, I>` (an `#[inline(always)]` generic function) with
/// the ISA marker `I` of the widest vector ISA in force, inside an
/// instantiation compiled for it: the ISA is read once per call, not once
/// per vector loop.
macro_rules! simd_dispatch {
    ($(#[$m:meta])* $vis:vis unsafe fn $name:ident<$t:ident: Scalar>($($arg:ident: $ty:ty),*) $(-> $ret:ty)? => $body:ident) => {
        $(#[$m])*
        $vis unsafe fn $name<$t: Scalar>($($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx512f,avx2,fma")]
                unsafe fn wide512<$t: Scalar>($($arg: $ty),*) $(-> $ret)? {
                    $body::<$t, super::simd::Avx512>($($arg),*)
                }
                #[target_feature(enable = "avx2,fma")]
                unsafe fn wide256<$t: Scalar>($($arg: $ty),*) $(-> $ret)? {
                    $body::<$t, super::simd::Avx2>($($arg),*)
                }
                match crate::arch::isa() {
                    // SAFETY: the ISA in force never exceeds what the CPU has.
                    crate::arch::Isa::Avx512 => return wide512::<$t>($($arg),*),
                    // SAFETY: as above.
                    crate::arch::Isa::Avx2 => return wide256::<$t>($($arg),*),
                    crate::arch::Isa::Portable => {}
                }
            }
            $body::<$t, super::simd::Portable>($($arg),*)
        }
    };
}
pub(super) use simd_dispatch;

simd_dispatch!(unsafe fn dotc_d<T: Scalar>(x: &[T], y: &[T]) -> T => dotc_k);
simd_dispatch!(unsafe fn axpy_d<T: Scalar>(alpha: T, x: &[T], y: &mut [T]) => axpy_k);
simd_dispatch!(unsafe fn nrm2_d<T: Scalar>(x: &[T]) -> T::Real => nrm2_k);
simd_dispatch!(unsafe fn larfg_d<T: Scalar>(alpha: T, x: &mut [T]) -> (T, T) => larfg_k);
simd_dispatch!(
    /// [`gemv_c_k`], dispatched to the widest ISA in force.
    pub(super) unsafe fn gemv_c<T: Scalar>(alpha: T, a: Cm<T>, x: &[T], y: &mut [T]) => gemv_c_k
);

/// [`dotc_k`], dispatched to the widest ISA in force.
pub(super) fn dotc<T: Scalar>(x: &[T], y: &[T]) -> T {
    // SAFETY: simd_dispatch only runs code the CPU supports.
    unsafe { dotc_d(x, y) }
}
/// [`axpy_k`], dispatched.
pub(super) fn axpy<T: Scalar>(alpha: T, x: &[T], y: &mut [T]) {
    // SAFETY: as above.
    unsafe { axpy_d(alpha, x, y) }
}
/// [`nrm2_k`], dispatched.
pub(super) fn nrm2<T: Scalar>(x: &[T]) -> T::Real {
    // SAFETY: as above.
    unsafe { nrm2_d(x) }
}
/// [`larfg_k`], dispatched.
pub(super) fn larfg<T: Scalar>(alpha: T, x: &mut [T]) -> (T, T) {
    // SAFETY: as above.
    unsafe { larfg_d(alpha, x) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{c32, c64};

    #[test]
    fn nrm2_extremes() {
        assert_eq!(nrm2(&[3.0f64, 4.0]), 5.0);
        let big = [3e300f64, 4e300];
        assert!((nrm2(&big) / 5e300 - 1.0).abs() < 1e-15);
        let tiny = [3e-300f64, 4e-300];
        assert!((nrm2(&tiny) / 5e-300 - 1.0).abs() < 1e-15);
        assert!(nrm2(&[1.0f64, f64::NAN]).is_nan());
        assert_eq!(nrm2(&[1.0f64, f64::INFINITY]), f64::INFINITY);
        assert_eq!(nrm2::<f64>(&[]), 0.0);
        let z = [c64::new(3e-300, 4e-300)];
        assert!((nrm2(&z) / 5e-300 - 1.0).abs() < 1e-15);
    }

    #[test]
    fn complex_loops_match_scalar_arithmetic() {
        for n in [0usize, 1, 3, 4, 5, 9, 17] {
            let x: Vec<c32> = (0..n)
                .map(|i| c32::new(i as f32 * 0.5 - 1.0, 0.25 * i as f32 + 0.5))
                .collect();
            let y: Vec<c32> = (0..n)
                .map(|i| c32::new(1.0 - 0.125 * i as f32, 0.75 - i as f32))
                .collect();
            let want: c32 = x.iter().zip(&y).map(|(a, b)| a.conj() * b).sum();
            let got = dotc(&x, &y);
            assert!(
                (got - want).norm() <= 1e-4 * (1.0 + want.norm()),
                "dotc n={n}: {got} vs {want}"
            );
            let alpha = c32::new(0.3, -1.7);
            let mut z = y.clone();
            axpy(alpha, &x, &mut z);
            for i in 0..n {
                let w = y[i] + alpha * x[i];
                assert!(
                    (z[i] - w).norm() <= 1e-5 * (1.0 + w.norm()),
                    "axpy n={n} i={i}"
                );
            }
        }
    }

    #[test]
    fn larfg_annihilates() {
        let mut x = [c64::new(1.0, 2.0), c64::new(-0.5, 0.25)];
        let alpha = c64::new(0.3, -0.7);
        let orig = [alpha, x[0], x[1]];
        let (beta, tau) = larfg(alpha, &mut x);
        let v = [c64::new(1.0, 0.0), x[0], x[1]];
        // H^H y = y - conj(tau) v (v^H y)
        let vhy: c64 = v.iter().zip(&orig).map(|(a, b)| a.conj() * b).sum();
        for i in 0..3 {
            let r = orig[i] - tau.conj() * v[i] * vhy;
            let want = if i == 0 { beta } else { c64::new(0.0, 0.0) };
            assert!((r - want).norm() < 1e-14, "{i}: {r} vs {want}");
        }
        assert_eq!(beta.im, 0.0);
    }
}
