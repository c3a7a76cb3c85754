//! Building blocks of the QR family: raw column-major blocks, owned
//! column-major buffers, and safe scalar helpers (the vector loops are in
//! `qr_kernels.rs`).
//!
//! Everything below the public routines works on *column-major* storage
//! (unit row stride): the public routines copy any other layout into a
//! column-major buffer first, which costs O(mn) against the O(mn^2) of the
//! factorisation and lets every column be a contiguous slice.

use crate::mat::{MatMut, MatRef};
use crate::scalar::{RealScalar, Scalar};

/// A column-major block: element (i, j) at `ptr + i + j*ld`, `ld >= max(1, m)`.
///
/// Invariant (kept by every constructor and `sub`): all `m x n` elements are
/// valid for reads and writes while the block is in use, and the code using
/// a block does not touch the same elements through another path at the
/// same time.
pub(super) struct Cm<T> {
    pub ptr: *mut T,
    pub m: usize,
    pub n: usize,
    pub ld: usize,
}

impl<T> Clone for Cm<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Cm<T> {}

impl<T: Scalar> Cm<T> {
    /// A block over a column-major view (unit row stride, positive column
    /// stride); None for any other layout.
    pub fn of(a: &mut MatMut<'_, T>) -> Option<Cm<T>> {
        let (m, n) = (a.nrows(), a.ncols());
        let cs = a.col_stride();
        let unit_rows = a.row_stride() == 1 || m <= 1;
        let ld_ok = n <= 1 || (cs > 0 && cs as usize >= m.max(1));
        if !(unit_rows && ld_ok) {
            return None;
        }
        let ld = if n <= 1 { m.max(1) } else { cs as usize };
        Some(Cm {
            ptr: a.as_mut_ptr(),
            m,
            n,
            ld,
        })
    }
    #[inline(always)]
    pub fn at(&self, i: usize, j: usize) -> *mut T {
        self.ptr.wrapping_add(i + j * self.ld)
    }
    /// The `m x n` block at (i, j).
    #[inline]
    pub fn sub(&self, i: usize, j: usize, m: usize, n: usize) -> Cm<T> {
        debug_assert!(i + m <= self.m && j + n <= self.n, "Cm::sub out of range");
        Cm {
            ptr: self.at(i, j),
            m,
            n,
            ld: self.ld,
        }
    }
    /// # Safety
    /// (i, j) inside the block.
    #[inline(always)]
    pub unsafe fn get(&self, i: usize, j: usize) -> T {
        *self.at(i, j)
    }
    /// # Safety
    /// (i, j) inside the block.
    #[inline(always)]
    pub unsafe fn set(&self, i: usize, j: usize, v: T) {
        *self.at(i, j) = v
    }
    /// Rows `i..m` of column `j` as a slice.
    ///
    /// # Safety
    /// j < n, i <= m; no other live reference to those elements.
    #[inline(always)]
    pub unsafe fn col<'a>(&self, i: usize, j: usize) -> &'a mut [T] {
        core::slice::from_raw_parts_mut(self.at(i, j), self.m - i)
    }
    /// Rows `i..m` of column `j` as a shared slice.
    ///
    /// # Safety
    /// j < n, i <= m; no live mutable reference to those elements.
    #[inline(always)]
    pub unsafe fn colr<'a>(&self, i: usize, j: usize) -> &'a [T] {
        core::slice::from_raw_parts(self.at(i, j), self.m - i)
    }
    /// # Safety
    /// The block's invariant must hold for `'a`.
    pub unsafe fn rf<'a>(&self) -> MatRef<'a, T> {
        MatRef::from_raw_parts(self.ptr, self.m, self.n, 1, self.ld as isize)
    }
    /// # Safety
    /// The block's invariant must hold for `'a`, exclusively.
    pub unsafe fn mt<'a>(&self) -> MatMut<'a, T> {
        MatMut::from_raw_parts(self.ptr, self.m, self.n, 1, self.ld as isize)
    }
}

/// An owned column-major `m x n` matrix (ld = max(1, m)).
pub(super) struct Buf<T> {
    pub data: Vec<T>,
    pub m: usize,
    pub n: usize,
}

impl<T: Scalar> Buf<T> {
    pub fn zeros(m: usize, n: usize) -> Buf<T> {
        Buf {
            data: vec![T::zero(); (m.max(1) * n).max(1)],
            m,
            n,
        }
    }
    /// A column-major copy of `a`.
    pub fn copy_of(a: MatRef<'_, T>) -> Buf<T> {
        let mut b = Buf::zeros(a.nrows(), a.ncols());
        let ld = b.m.max(1);
        for j in 0..b.n {
            for i in 0..b.m {
                b.data[i + j * ld] = a.get(i, j);
            }
        }
        b
    }
    /// Writes the buffer back into `a` (same shape).
    pub fn copy_to(&self, a: &mut MatMut<'_, T>) {
        let ld = self.m.max(1);
        for j in 0..self.n {
            for i in 0..self.m {
                a.set(i, j, self.data[i + j * ld]);
            }
        }
    }
    pub fn cm(&mut self) -> Cm<T> {
        Cm {
            ptr: self.data.as_mut_ptr(),
            m: self.m,
            n: self.n,
            ld: self.m.max(1),
        }
    }
}

/// Runs `f` on a column-major block holding `a`: in place when `a` already
/// is column-major, else on a copy that is written back afterwards.
pub(super) fn with_col_major<T: Scalar, R>(mut a: MatMut<'_, T>, f: impl FnOnce(Cm<T>) -> R) -> R {
    if let Some(c) = Cm::of(&mut a) {
        return f(c);
    }
    let mut b = Buf::copy_of(a.rb());
    let r = f(b.cm());
    b.copy_to(&mut a);
    r
}

/// Splits `b` into rows `..h` and `h..` (h <= rows).
pub(super) fn split_rows<T>(mut b: MatMut<'_, T>, h: usize) -> (MatMut<'_, T>, MatMut<'_, T>) {
    let (n, c) = (b.nrows(), b.ncols());
    let (rs, cs) = (b.row_stride(), b.col_stride());
    debug_assert!(h <= n);
    let p1 = b.as_mut_ptr();
    let p2 = b.ptr_at(h, 0);
    // SAFETY: the two row ranges are disjoint parts of b's elements, which
    // b borrows exclusively (b is consumed); p2 is only dereferenced when
    // the second part is non-empty, i.e. inside b.
    unsafe {
        (
            MatMut::from_raw_parts(p1, h, c, rs, cs),
            MatMut::from_raw_parts(p2, n - h, c, rs, cs),
        )
    }
}

/// Splits `b` into columns `..h` and `h..` (h <= columns).
pub(super) fn split_cols<T>(b: MatMut<'_, T>, h: usize) -> (MatMut<'_, T>, MatMut<'_, T>) {
    let (x, y) = split_rows(b.transpose(), h);
    (x.transpose(), y.transpose())
}

// ---------------------------------------------------------------------------
// Real constants and safe scalar helpers.

/// Smallest positive normal number of the real type.
pub(super) fn min_positive<R: RealScalar>() -> R {
    if core::mem::size_of::<R>() == 4 {
        R::from_f64(f32::MIN_POSITIVE as f64)
    } else {
        R::from_f64(f64::MIN_POSITIVE)
    }
}

/// Largest finite number of the real type.
pub(super) fn max_finite<R: RealScalar>() -> R {
    if core::mem::size_of::<R>() == 4 {
        R::from_f64(f32::MAX as f64)
    } else {
        R::from_f64(f64::MAX)
    }
}

/// Neither infinite nor NaN.
#[inline(always)]
pub(super) fn is_finite<R: RealScalar>(x: R) -> bool {
    x.abs() <= max_finite::<R>()
}

/// `|a|` with the sign of `b` (Fortran SIGN; `-0` counts as positive).
#[inline(always)]
pub(super) fn sign<R: RealScalar>(a: R, b: R) -> R {
    if b >= R::zero() {
        a.abs()
    } else {
        -a.abs()
    }
}

/// `sqrt(x^2 + y^2 + z^2)` without needless overflow or underflow
/// (LAPACK's dlapy3); NaN in gives NaN out.
pub(super) fn lapy3<R: RealScalar>(x: R, y: R, z: R) -> R {
    if x.is_nan() || y.is_nan() || z.is_nan() {
        return x + y + z;
    }
    let (xa, ya, za) = (x.abs(), y.abs(), z.abs());
    let mut w = xa;
    if ya > w {
        w = ya;
    }
    if za > w {
        w = za;
    }
    if w == R::zero() || !is_finite(w) {
        // Zero, or an infinity: the sum of magnitudes is the exact answer.
        return xa + ya + za;
    }
    let (p, q, r) = (xa / w, ya / w, za / w);
    w * (p * p + q * q + r * r).sqrt()
}

/// `1 / z` by Smith's algorithm for complex z (no overflow in |z|^2).
#[inline]
pub(super) fn recip<T: Scalar>(z: T) -> T {
    if !T::IS_COMPLEX {
        return T::one() / z;
    }
    let (c, d) = (z.re(), z.im());
    let one = T::Real::one();
    if c.abs() >= d.abs() {
        let r = d / c;
        let den = c + d * r;
        T::from_parts(one / den, -r / den)
    } else {
        let r = c / d;
        let den = d + c * r;
        T::from_parts(r / den, -one / den)
    }
}

/// `|z|` of a scalar without overflow (for real types, plain `abs`).
#[inline]
pub(super) fn abs<T: Scalar>(z: T) -> T::Real {
    if T::IS_COMPLEX {
        lapy3(z.re(), z.im(), T::Real::zero())
    } else {
        z.re().abs()
    }
}
