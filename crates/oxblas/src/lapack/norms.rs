//! Matrix norms: general (`lange`), symmetric (`lansy`), Hermitian
//! (`lanhe`) and triangular/trapezoidal (`lantr`), as LAPACK's xLANGE,
//! xLANSY, xLANHE and xLANTR.
//!
//! * One: the largest column sum of |a_ij|; Inf: the largest row sum;
//!   Max: the largest |a_ij| (not a consistent norm, as in LAPACK);
//!   Frobenius: sqrt(sum |a_ij|^2).
//! * |a_ij| of a complex number is its modulus, computed without overflow.
//! * NaN propagates: a NaN anywhere gives NaN (LAPACK's `DISNAN` tests).
//! * Frobenius never overflows or underflows in the intermediate sum: the
//!   squares are accumulated in f64 in three bins (Blue's algorithm, as in
//!   LAPACK 3.10's xLASSQ): values above `2^486` are scaled down by
//!   `2^-538`, values below `2^-511` scaled up by `2^537`, the rest summed
//!   as is; f32 data never leaves the middle bin.

use crate::blas::{Diag, Uplo};
use crate::mat::MatRef;
use crate::scalar::{RealScalar, Scalar};

/// Which norm (LAPACK's `NORM` argument: '1'/'O', 'I', 'F'/'E', 'M').
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Norm {
    /// Largest column sum of absolute values.
    One,
    /// Largest row sum of absolute values.
    Inf,
    /// Square root of the sum of squares.
    Frobenius,
    /// Largest absolute value.
    Max,
}

/// |z| without overflow: the modulus for complex, abs for real.
#[inline]
pub(crate) fn abs<T: Scalar>(z: T) -> T::Real {
    if !T::IS_COMPLEX {
        return z.re().abs();
    }
    let (a, b) = (z.re().abs(), z.im().abs());
    if a.is_nan() || b.is_nan() {
        return a + b;
    }
    let (big, small) = if a >= b { (a, b) } else { (b, a) };
    if big.is_zero() || small.is_zero() || big == big + big {
        // zero, a pure real/imaginary number, or an infinity
        return big + small;
    }
    let r = small / big;
    big * (T::Real::one() + r * r).sqrt()
}

/// `max(v, x)` that keeps a NaN once one has been seen.
#[inline(always)]
fn max_nan<R: RealScalar>(v: R, x: R) -> R {
    if v < x || x.is_nan() {
        x
    } else {
        v
    }
}

/// Blue's scaled sum of squares (see the module docs), in f64.
#[derive(Default)]
pub(crate) struct SumSq {
    small: f64,
    med: f64,
    big: f64,
}

const TSML: f64 = 1.4916681462400413e-154; // 2^-511
const TBIG: f64 = 1.997919072202235e146; // 2^486
const SSML: f64 = 4.4989137945431964e161; // 2^537
const SBIG: f64 = 1.1113793747425387e-162; // 2^-538

impl SumSq {
    /// Adds x^2 for one real value.
    #[inline(always)]
    pub fn add(&mut self, x: f64) {
        let ax = x.abs();
        if ax > TBIG {
            let s = ax * SBIG;
            self.big += s * s;
        } else if ax < TSML {
            if self.big == 0.0 {
                let s = ax * SSML;
                self.small += s * s;
            }
        } else {
            // NaN lands here too and poisons the sum, as it should.
            self.med += ax * ax;
        }
    }
    /// Adds |z|^2.
    #[inline(always)]
    pub fn add_scalar<T: Scalar>(&mut self, z: T) {
        self.add(z.re().to_f64());
        if T::IS_COMPLEX {
            self.add(z.im().to_f64());
        }
    }
    /// Adds |z|^2 for a contiguous column: squares summed in LANES f64
    /// partial sums as long as every value is in the middle range (or
    /// zero); a column with a value outside it, or a NaN, takes the
    /// per-value path.
    pub fn add_column<T: Scalar>(&mut self, c: &[T]) {
        let n = if T::IS_COMPLEX { 2 * c.len() } else { c.len() };
        // SAFETY: a complex Scalar is `#[repr(C)] {re, im}` of T::Real (see
        // scalar.rs), so the column is n reals in the same memory.
        let xs = unsafe { core::slice::from_raw_parts(c.as_ptr() as *const T::Real, n) };
        let mut acc = [0.0f64; LANES];
        let mut ok = true;
        let chunks = xs.chunks_exact(LANES);
        let rest = chunks.remainder();
        for ch in chunks {
            for k in 0..LANES {
                let a = ch[k].to_f64().abs();
                ok &= (TSML..=TBIG).contains(&a) || a == 0.0;
                acc[k] += a * a;
            }
        }
        for x in rest {
            let a = x.to_f64().abs();
            ok &= (TSML..=TBIG).contains(&a) || a == 0.0;
            acc[0] += a * a;
        }
        if ok {
            self.med += acc.iter().sum::<f64>();
        } else {
            xs.iter().for_each(|x| self.add(x.to_f64()));
        }
    }
    /// sqrt of the sum.
    pub fn sqrt(&self) -> f64 {
        if self.big > 0.0 || self.big.is_nan() {
            // Medium values are negligible next to big ones unless NaN.
            let mut big = self.big;
            if self.med > 0.0 || self.med.is_nan() {
                big += (self.med * SBIG) * SBIG;
            }
            return big.sqrt() / SBIG;
        }
        if self.small > 0.0 {
            if self.med > 0.0 || self.med.is_nan() {
                let med = self.med.sqrt();
                let small = self.small.sqrt() / SSML;
                let (lo, hi) = if small > med {
                    (med, small)
                } else {
                    (small, med)
                };
                let r = lo / hi;
                return hi * (1.0 + r * r).sqrt();
            }
            return self.small.sqrt() / SSML;
        }
        self.med.sqrt()
    }
}

/// The elements a norm runs over. `for_each` calls `visit(i, j, |a_ij|,
/// a_ij, mirrored)` for every element that counts (with unit or real
/// diagonals already substituted); `mirrored` marks an off-diagonal element
/// of a symmetric matrix that stands for itself and its mirror (which also
/// counts in row j and column i).
trait Elems<T: Scalar> {
    fn for_each(&self, visit: impl FnMut(usize, usize, T::Real, T, bool));
}

/// Reduces the elements to the norm.
fn reduce<T: Scalar>(norm: Norm, m: usize, n: usize, e: impl Elems<T>) -> T::Real {
    let zero = T::Real::zero();
    match norm {
        Norm::Max => {
            let mut v = zero;
            e.for_each(|_, _, x, _, _| v = max_nan(v, x));
            v
        }
        Norm::One | Norm::Inf => {
            // Column sums (One) or row sums (Inf); a mirrored element adds to
            // both its row and its column.
            let one = norm == Norm::One;
            let mut sums = vec![zero; if one { n } else { m }];
            e.for_each(|i, j, x, _, mirrored| {
                let (own, other) = if one { (j, i) } else { (i, j) };
                sums[own] += x;
                if mirrored {
                    sums[other] += x;
                }
            });
            sums.into_iter().fold(zero, max_nan)
        }
        Norm::Frobenius => {
            let mut s = SumSq::default();
            e.for_each(|_, _, _, z, mirrored| {
                s.add_scalar(z);
                if mirrored {
                    s.add_scalar(z);
                }
            });
            T::Real::from_f64(s.sqrt())
        }
    }
}

struct General<'a, T>(MatRef<'a, T>);
impl<T: Scalar> Elems<T> for General<'_, T> {
    #[inline(always)]
    fn for_each(&self, mut visit: impl FnMut(usize, usize, T::Real, T, bool)) {
        let a = self.0;
        for j in 0..a.ncols() {
            for i in 0..a.nrows() {
                // SAFETY: (i, j) is inside the view.
                let z = unsafe { *a.ptr_at(i, j) };
                visit(i, j, abs(z), z, false);
            }
        }
    }
}

/// Norm of a general `m x n` matrix (LAPACK xLANGE). Zero for empty A.
pub fn lange<T: Scalar>(norm: Norm, a: MatRef<'_, T>) -> T::Real {
    // Contiguous columns (or rows: the transpose swaps One and Inf) take the
    // column kernels below; other strides the element-wise reduction.
    let (a, norm) = if a.row_stride() != 1 && a.col_stride() == 1 {
        let swapped = match norm {
            Norm::One => Norm::Inf,
            Norm::Inf => Norm::One,
            other => other,
        };
        (a.transpose(), swapped)
    } else {
        (a, norm)
    };
    if a.row_stride() != 1 || a.nrows() == 0 {
        return reduce::<T>(norm, a.nrows(), a.ncols(), General(a));
    }
    let (m, n) = (a.nrows(), a.ncols());
    // SAFETY: unit row stride, so column j is m contiguous elements of the view.
    let col = |j: usize| unsafe { core::slice::from_raw_parts(a.ptr_at(0, j), m) };
    let zero = T::Real::zero();
    match norm {
        Norm::Max => (0..n).fold(zero, |v, j| max_nan(v, col_max(col(j)))),
        Norm::One => (0..n).fold(zero, |v, j| max_nan(v, col_sum(col(j)))),
        Norm::Inf => {
            let mut sums = vec![zero; m];
            for j in 0..n {
                for (s, &z) in sums.iter_mut().zip(col(j)) {
                    *s += abs_fast(z);
                }
            }
            sums.into_iter().fold(zero, max_nan)
        }
        Norm::Frobenius => {
            let mut s = SumSq::default();
            for j in 0..n {
                s.add_column(col(j));
            }
            T::Real::from_f64(s.sqrt())
        }
    }
}

/// Independent partial results per column kernel (breaks the dependency
/// chain of a single running sum or maximum so the loops vectorise).
const LANES: usize = 8;

/// |z|: the plain formula where it cannot overflow or underflow (always for
/// f32, whose squares are formed in f64), else [`abs`].
#[inline(always)]
fn abs_fast<T: Scalar>(z: T) -> T::Real {
    if !T::IS_COMPLEX {
        return z.re().abs();
    }
    let (a, b) = (z.re().to_f64(), z.im().to_f64());
    let s = a * a + b * b;
    if s.is_finite() && s >= f64::MIN_POSITIVE || s == 0.0 {
        T::Real::from_f64(s.sqrt())
    } else {
        abs(z)
    }
}

fn col_sum<T: Scalar>(c: &[T]) -> T::Real {
    let mut acc = [T::Real::zero(); LANES];
    let chunks = c.chunks_exact(LANES);
    let rest = chunks
        .remainder()
        .iter()
        .fold(T::Real::zero(), |s, &z| s + abs_fast(z));
    for ch in chunks {
        for k in 0..LANES {
            acc[k] += abs_fast(ch[k]);
        }
    }
    acc.iter().fold(rest, |s, &v| s + v)
}

fn col_max<T: Scalar>(c: &[T]) -> T::Real {
    let mut acc = [T::Real::zero(); LANES];
    let chunks = c.chunks_exact(LANES);
    let rest = chunks
        .remainder()
        .iter()
        .fold(T::Real::zero(), |s, &z| max_nan(s, abs_fast(z)));
    for ch in chunks {
        for k in 0..LANES {
            acc[k] = max_nan(acc[k], abs_fast(ch[k]));
        }
    }
    acc.iter().fold(rest, |s, &v| max_nan(s, v))
}

struct Symmetric<'a, T> {
    a: MatRef<'a, T>,
    lower: bool,
    herm: bool,
}
impl<T: Scalar> Elems<T> for Symmetric<'_, T> {
    #[inline(always)]
    fn for_each(&self, mut visit: impl FnMut(usize, usize, T::Real, T, bool)) {
        let n = self.a.nrows();
        for j in 0..n {
            let (i0, i1) = if self.lower { (j, n) } else { (0, j + 1) };
            for i in i0..i1 {
                let z = self.a.get(i, j);
                if i == j && self.herm {
                    // The imaginary part of a Hermitian diagonal is not referenced.
                    let d = T::from_real(z.re());
                    visit(i, j, d.re().abs(), d, false);
                } else {
                    visit(i, j, abs(z), z, i != j);
                }
            }
        }
    }
}

fn lansy_impl<T: Scalar>(norm: Norm, uplo: Uplo, a: MatRef<'_, T>, herm: bool) -> T::Real {
    let n = a.nrows();
    assert_eq!(n, a.ncols(), "lansy/lanhe: A must be square");
    let lower = uplo == Uplo::Lower;
    reduce::<T>(norm, n, n, Symmetric { a, lower, herm })
}

/// Norm of a symmetric matrix given by its `uplo` triangle (LAPACK xLANSY;
/// for complex T the matrix is complex symmetric, `A^T = A`).
///
/// # Panics
/// If A is not square.
pub fn lansy<T: Scalar>(norm: Norm, uplo: Uplo, a: MatRef<'_, T>) -> T::Real {
    lansy_impl(norm, uplo, a, false)
}

/// Norm of a Hermitian matrix given by its `uplo` triangle (LAPACK xLANHE;
/// the imaginary parts of the diagonal are taken as zero). Same as
/// [`lansy`] for real T.
///
/// # Panics
/// If A is not square.
pub fn lanhe<T: Scalar>(norm: Norm, uplo: Uplo, a: MatRef<'_, T>) -> T::Real {
    lansy_impl(norm, uplo, a, true)
}

/// Norm of an `m x n` upper or lower trapezoidal matrix (LAPACK xLANTR):
/// elements with `i <= j` (Upper) or `i >= j` (Lower); with `Diag::Unit` the
/// diagonal counts as ones and is not read.
pub fn lantr<T: Scalar>(norm: Norm, uplo: Uplo, diag: Diag, a: MatRef<'_, T>) -> T::Real {
    let (m, n) = (a.nrows(), a.ncols());
    let t = Trapezoid {
        a,
        lower: uplo == Uplo::Lower,
        unit: diag == Diag::Unit,
    };
    reduce::<T>(norm, m, n, t)
}

struct Trapezoid<'a, T> {
    a: MatRef<'a, T>,
    lower: bool,
    unit: bool,
}
impl<T: Scalar> Elems<T> for Trapezoid<'_, T> {
    #[inline(always)]
    fn for_each(&self, mut visit: impl FnMut(usize, usize, T::Real, T, bool)) {
        let (m, n) = (self.a.nrows(), self.a.ncols());
        for j in 0..n {
            let (i0, i1) = if self.lower {
                (j, m)
            } else {
                (0, (j + 1).min(m))
            };
            for i in i0..i1 {
                if self.unit && i == j {
                    visit(i, j, T::Real::one(), T::one(), false);
                } else {
                    let z = self.a.get(i, j);
                    visit(i, j, abs(z), z, false);
                }
            }
        }
    }
}
