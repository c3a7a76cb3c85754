//! Strided vector views: a pointer to element 0, a length and an increment
//! (any sign, as BLAS `incx`; zero only for read-only views).
//!
//! Note on BLAS negative increments: the reference BLAS, given `x` and
//! `incx < 0`, starts at `x[(1-n)*incx]` and walks backwards. The C ABI door
//! builds such views with [`VecRef::from_blas`], so that element `i` of the
//! view is the `i`-th element BLAS would visit; the core then never
//! special-cases the sign.

use crate::error::{Error, Result};
use core::marker::PhantomData;

fn check(len: usize, offset: usize, n: usize, inc: isize, what: &'static str) -> Result<()> {
    if n == 0 {
        return if offset <= len {
            Ok(())
        } else {
            Err(Error::OutOfBounds { what })
        };
    }
    let span = inc
        .checked_mul(isize::try_from(n - 1).map_err(|_| Error::Overflow { what })?)
        .ok_or(Error::Overflow { what })?;
    span.checked_mul(16).ok_or(Error::Overflow { what })?;
    let off = isize::try_from(offset).map_err(|_| Error::Overflow { what })?;
    let last = off.checked_add(span).ok_or(Error::Overflow { what })?;
    if off as usize >= len || last < 0 || last as usize >= len {
        return Err(Error::OutOfBounds { what });
    }
    Ok(())
}

/// Offset of the first visited element for a BLAS vector of `n` elements
/// with increment `inc` (`(n-1)*|inc|` when `inc < 0`, else 0).
pub fn blas_start(n: usize, inc: isize) -> usize {
    if inc < 0 && n > 0 {
        (n - 1) * inc.unsigned_abs()
    } else {
        0
    }
}

/// An immutable strided vector view.
#[derive(Clone, Copy)]
pub struct VecRef<'a, T> {
    ptr: *const T,
    len: usize,
    inc: isize,
    _life: PhantomData<&'a T>,
}

// SAFETY: a shared view of T data, like &[T].
unsafe impl<T: Sync> Send for VecRef<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for VecRef<'_, T> {}

/// A mutable strided vector view (increment non-zero when len > 1).
pub struct VecMut<'a, T> {
    ptr: *mut T,
    len: usize,
    inc: isize,
    _life: PhantomData<&'a mut T>,
}

// SAFETY: an exclusive view of T data, like &mut [T].
unsafe impl<T: Send> Send for VecMut<'_, T> {}

impl<'a, T> VecRef<'a, T> {
    /// Element i is `data[offset + i*inc]`; fails if any is out of bounds.
    pub fn from_slice(data: &'a [T], offset: usize, len: usize, inc: isize) -> Result<Self> {
        check(data.len(), offset, len, inc, "VecRef")?;
        // SAFETY: check proved offset <= data.len().
        Ok(VecRef {
            ptr: unsafe { data.as_ptr().add(offset) },
            len,
            inc,
            _life: PhantomData,
        })
    }
    /// Contiguous view of a whole slice.
    pub fn from_contiguous(data: &'a [T]) -> Self {
        VecRef {
            ptr: data.as_ptr(),
            len: data.len(),
            inc: 1,
            _life: PhantomData,
        }
    }
    /// A BLAS vector argument: `n` elements of `data` with increment `inc`,
    /// negative increments walking backwards from the end as the reference
    /// BLAS does.
    pub fn from_blas(data: &'a [T], n: usize, inc: isize) -> Result<Self> {
        Self::from_slice(data, blas_start(n, inc), n, inc)
    }
    /// # Safety
    /// `ptr + i*inc` must be valid for reads for `i < len` during `'a`.
    pub unsafe fn from_raw_parts(ptr: *const T, len: usize, inc: isize) -> Self {
        VecRef {
            ptr,
            len,
            inc,
            _life: PhantomData,
        }
    }
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    #[inline(always)]
    pub fn inc(&self) -> isize {
        self.inc
    }
    #[inline(always)]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
    #[inline]
    pub fn get(&self, i: usize) -> T
    where
        T: Copy,
    {
        assert!(i < self.len, "VecRef::get({i}) out of {}", self.len);
        // SAFETY: i < len, proven in bounds at construction.
        unsafe { *self.ptr.offset(i as isize * self.inc) }
    }
    /// Elements `start..start+len`.
    pub fn subvector(self, start: usize, len: usize) -> VecRef<'a, T> {
        assert!(start + len <= self.len, "subvector out of range");
        let ptr = if len == 0 {
            self.ptr
        } else {
            self.ptr.wrapping_offset(start as isize * self.inc)
        };
        VecRef {
            ptr,
            len,
            inc: self.inc,
            _life: PhantomData,
        }
    }
}

impl<'a, T> VecMut<'a, T> {
    pub fn from_slice(data: &'a mut [T], offset: usize, len: usize, inc: isize) -> Result<Self> {
        check(data.len(), offset, len, inc, "VecMut")?;
        if inc == 0 && len > 1 {
            return Err(Error::Aliasing { what: "VecMut" });
        }
        // SAFETY: check proved offset <= data.len().
        Ok(VecMut {
            ptr: unsafe { data.as_mut_ptr().add(offset) },
            len,
            inc,
            _life: PhantomData,
        })
    }
    pub fn from_contiguous(data: &'a mut [T]) -> Self {
        VecMut {
            ptr: data.as_mut_ptr(),
            len: data.len(),
            inc: 1,
            _life: PhantomData,
        }
    }
    /// See [`VecRef::from_blas`].
    pub fn from_blas(data: &'a mut [T], n: usize, inc: isize) -> Result<Self> {
        Self::from_slice(data, blas_start(n, inc), n, inc)
    }
    /// # Safety
    /// `ptr + i*inc` must be valid for reads and writes for `i < len` during
    /// `'a`, exclusively, and distinct `i` must address distinct elements.
    pub unsafe fn from_raw_parts(ptr: *mut T, len: usize, inc: isize) -> Self {
        VecMut {
            ptr,
            len,
            inc,
            _life: PhantomData,
        }
    }
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    #[inline(always)]
    pub fn inc(&self) -> isize {
        self.inc
    }
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }
    #[inline(always)]
    pub fn rb(&self) -> VecRef<'_, T> {
        VecRef {
            ptr: self.ptr,
            len: self.len,
            inc: self.inc,
            _life: PhantomData,
        }
    }
    #[inline(always)]
    pub fn rb_mut(&mut self) -> VecMut<'_, T> {
        VecMut {
            ptr: self.ptr,
            len: self.len,
            inc: self.inc,
            _life: PhantomData,
        }
    }
    #[inline]
    pub fn get(&self, i: usize) -> T
    where
        T: Copy,
    {
        self.rb().get(i)
    }
    #[inline]
    pub fn set(&mut self, i: usize, v: T) {
        assert!(i < self.len, "VecMut::set({i}) out of {}", self.len);
        // SAFETY: i < len, proven in bounds at construction.
        unsafe { *self.ptr.offset(i as isize * self.inc) = v }
    }
    pub fn subvector(self, start: usize, len: usize) -> VecMut<'a, T> {
        assert!(start + len <= self.len, "subvector out of range");
        let ptr = if len == 0 {
            self.ptr
        } else {
            self.ptr.wrapping_offset(start as isize * self.inc)
        };
        VecMut {
            ptr,
            len,
            inc: self.inc,
            _life: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blas_negative_increment_walks_backwards() {
        let v = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let x = VecRef::from_blas(&v, 3, -2).unwrap();
        assert_eq!((x.get(0), x.get(1), x.get(2)), (4.0, 2.0, 0.0));
        let y = VecRef::from_blas(&v, 4, 2).unwrap();
        assert_eq!(y.get(3), 6.0);
        assert!(VecRef::from_blas(&v, 5, 2).is_err());
        assert!(VecRef::from_slice(&v, 0, 3, isize::MAX).is_err());
        let mut w = v;
        assert!(VecMut::from_slice(&mut w, 0, 2, 0).is_err());
    }
}
