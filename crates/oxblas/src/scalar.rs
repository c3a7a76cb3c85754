//! The four BLAS element types behind one trait.
//!
//! `c32` and `c64` are `num_complex::Complex<f32/f64>`: `#[repr(C)]` structs of
//! `{re, im}`, which is exactly C99 `float _Complex` / Fortran `COMPLEX` layout,
//! so slices of them can cross the C ABI and NumPy's `complex64/complex128`
//! buffers without copies.

use core::fmt::Debug;
use core::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

pub use num_complex::Complex;

/// Single-precision complex, layout-compatible with C `float _Complex`.
#[allow(non_camel_case_types)]
pub type c32 = Complex<f32>;
/// Double-precision complex, layout-compatible with C `double _Complex`.
#[allow(non_camel_case_types)]
pub type c64 = Complex<f64>;

/// Which of the four BLAS types a `Scalar` is (the `s`, `d`, `c`, `z` prefix).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    F32,
    F64,
    C32,
    C64,
}

impl ScalarKind {
    /// The BLAS routine prefix letter.
    pub fn prefix(self) -> char {
        match self {
            ScalarKind::F32 => 's',
            ScalarKind::F64 => 'd',
            ScalarKind::C32 => 'c',
            ScalarKind::C64 => 'z',
        }
    }
}

/// The real types, f32 and f64.
pub trait RealScalar: Scalar<Real = Self> + PartialOrd + core::iter::Sum {
    const EPSILON: Self;
    fn from_f64(x: f64) -> Self;
    fn to_f64(self) -> f64;
    fn sqrt(self) -> Self;
    fn abs(self) -> Self;
    fn is_nan(self) -> bool;
}

/// An element type of BLAS: f32, f64, c32 or c64.
///
/// Everything generic in oxblas (views, drivers, packing) is written once over
/// this trait; only the micro-kernels are specialised per type and ISA.
pub trait Scalar:
    Copy
    + Send
    + Sync
    + 'static
    + Debug
    + Default
    + PartialEq
    + Add<Output = Self>
    + Sub<Output = Self>
    + Mul<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + crate::kernels::HasKernels
{
    /// The real type underneath (itself for f32/f64).
    type Real: RealScalar;
    const KIND: ScalarKind;
    const IS_COMPLEX: bool;

    fn zero() -> Self;
    fn one() -> Self;
    fn from_real(re: Self::Real) -> Self;
    fn from_parts(re: Self::Real, im: Self::Real) -> Self;
    fn re(self) -> Self::Real;
    fn im(self) -> Self::Real;
    /// Complex conjugate (identity for real types).
    fn conj(self) -> Self;
    /// `|re| + |im|`, the BLAS "abs1" used by iamax and asum.
    fn abs1(self) -> Self::Real;
    /// True only for +0/-0 in every component (NaN is not zero).
    #[inline(always)]
    fn is_zero(self) -> bool {
        self == Self::zero()
    }
    #[inline(always)]
    fn is_one(self) -> bool {
        self == Self::one()
    }
    /// Conjugate when `conj` is true.
    #[inline(always)]
    fn conj_if(self, conj: bool) -> Self {
        if conj {
            self.conj()
        } else {
            self
        }
    }
    /// True when any component is NaN.
    fn has_nan(self) -> bool;
}

macro_rules! real_scalar {
    ($t:ty, $kind:ident) => {
        impl Scalar for $t {
            type Real = $t;
            const KIND: ScalarKind = ScalarKind::$kind;
            const IS_COMPLEX: bool = false;
            #[inline(always)]
            fn zero() -> Self {
                0.0
            }
            #[inline(always)]
            fn one() -> Self {
                1.0
            }
            #[inline(always)]
            fn from_real(re: $t) -> Self {
                re
            }
            #[inline(always)]
            fn from_parts(re: $t, _im: $t) -> Self {
                re
            }
            #[inline(always)]
            fn re(self) -> $t {
                self
            }
            #[inline(always)]
            fn im(self) -> $t {
                0.0
            }
            #[inline(always)]
            fn conj(self) -> Self {
                self
            }
            #[inline(always)]
            fn abs1(self) -> $t {
                self.abs()
            }
            #[inline(always)]
            fn has_nan(self) -> bool {
                self.is_nan()
            }
        }
        impl RealScalar for $t {
            const EPSILON: Self = <$t>::EPSILON;
            #[inline(always)]
            fn from_f64(x: f64) -> Self {
                x as $t
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn sqrt(self) -> Self {
                <$t>::sqrt(self)
            }
            #[inline(always)]
            fn abs(self) -> Self {
                <$t>::abs(self)
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
        }
    };
}
real_scalar!(f32, F32);
real_scalar!(f64, F64);

macro_rules! complex_scalar {
    ($r:ty, $kind:ident) => {
        impl Scalar for Complex<$r> {
            type Real = $r;
            const KIND: ScalarKind = ScalarKind::$kind;
            const IS_COMPLEX: bool = true;
            #[inline(always)]
            fn zero() -> Self {
                Complex::new(0.0, 0.0)
            }
            #[inline(always)]
            fn one() -> Self {
                Complex::new(1.0, 0.0)
            }
            #[inline(always)]
            fn from_real(re: $r) -> Self {
                Complex::new(re, 0.0)
            }
            #[inline(always)]
            fn from_parts(re: $r, im: $r) -> Self {
                Complex::new(re, im)
            }
            #[inline(always)]
            fn re(self) -> $r {
                self.re
            }
            #[inline(always)]
            fn im(self) -> $r {
                self.im
            }
            #[inline(always)]
            fn conj(self) -> Self {
                Complex::new(self.re, -self.im)
            }
            #[inline(always)]
            fn abs1(self) -> $r {
                self.re.abs() + self.im.abs()
            }
            #[inline(always)]
            fn has_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
        }
    };
}
complex_scalar!(f32, C32);
complex_scalar!(f64, C64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_layout_matches_c() {
        assert_eq!(core::mem::size_of::<c64>(), 16);
        assert_eq!(core::mem::align_of::<c64>(), 8);
        assert_eq!(core::mem::size_of::<c32>(), 8);
        let z = [c64::new(1.0, 2.0), c64::new(3.0, 4.0)];
        // SAFETY: c64 is repr(C) {re, im}; reading 4 f64 from 2 c64 stays in bounds.
        let f: &[f64] = unsafe { core::slice::from_raw_parts(z.as_ptr() as *const f64, 4) };
        assert_eq!(f, &[1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn conj_and_abs1() {
        assert_eq!(c32::new(1.0, -2.0).conj(), c32::new(1.0, 2.0));
        assert_eq!(c64::new(-3.0, 4.0).abs1(), 7.0);
        assert_eq!((-2.5f64).abs1(), 2.5);
        assert!(!f64::NAN.is_zero());
        assert!(c64::new(0.0, f64::NAN).has_nan());
    }
}
