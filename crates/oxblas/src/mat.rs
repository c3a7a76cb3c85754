//! Strided matrix and vector views.
//!
//! A view is a pointer to element (0, 0) plus a shape and a row and a column
//! stride in elements. Any stride is allowed, including negative ones (NumPy's
//! `a[::-1, ::2]`) and zero for read-only views of broadcast data. The checked
//! constructors prove, with overflow-checked arithmetic, that every element a
//! view can address lies inside the slice it borrows; mutable views also prove
//! that no two elements share memory. Past construction, the core trusts the
//! shape and never sees a raw pointer without one.

use crate::error::{Error, Result};
use core::marker::PhantomData;

/// Lowest and highest element offsets (relative to element (0,0)) reached by
/// an `nrows x ncols` view with strides `rs`, `cs`. None on overflow.
/// Empty views reach nothing and return (0, 0).
#[inline]
fn offset_range(nrows: usize, ncols: usize, rs: isize, cs: isize) -> Option<(isize, isize)> {
    if nrows == 0 || ncols == 0 {
        return Some((0, 0));
    }
    let r = rs.checked_mul(isize::try_from(nrows - 1).ok()?)?;
    let c = cs.checked_mul(isize::try_from(ncols - 1).ok()?)?;
    let lo = r.min(0).checked_add(c.min(0))?;
    let hi = r.max(0).checked_add(c.max(0))?;
    // The byte range must also fit an isize for pointer arithmetic.
    lo.checked_mul(16)?;
    hi.checked_mul(16)?;
    Some((lo, hi))
}

/// Checks that `offset + [lo, hi]` lies inside `0..len`.
#[inline]
fn check_in_buffer(
    len: usize,
    offset: usize,
    nrows: usize,
    ncols: usize,
    rs: isize,
    cs: isize,
    what: &'static str,
) -> Result<()> {
    let (lo, hi) = offset_range(nrows, ncols, rs, cs).ok_or(Error::Overflow { what })?;
    if nrows == 0 || ncols == 0 {
        return if offset <= len {
            Ok(())
        } else {
            Err(Error::OutOfBounds { what })
        };
    }
    let off = isize::try_from(offset).map_err(|_| Error::Overflow { what })?;
    let first = off.checked_add(lo).ok_or(Error::Overflow { what })?;
    let last = off.checked_add(hi).ok_or(Error::Overflow { what })?;
    if first < 0 || last as usize >= len {
        return Err(Error::OutOfBounds { what });
    }
    Ok(())
}

/// True when the map (i, j) -> i*rs + j*cs is injective on the shape; a
/// sufficient test: the smaller stride steps over nothing the larger reaches.
#[inline]
fn strides_distinct(nrows: usize, ncols: usize, rs: isize, cs: isize) -> bool {
    if nrows <= 1 && ncols <= 1 {
        return true;
    }
    if nrows <= 1 {
        return cs != 0;
    }
    if ncols <= 1 {
        return rs != 0;
    }
    let (a, na, b) = if rs.unsigned_abs() <= cs.unsigned_abs() {
        (rs.unsigned_abs(), nrows, cs.unsigned_abs())
    } else {
        (cs.unsigned_abs(), ncols, rs.unsigned_abs())
    };
    a >= 1 && a.checked_mul(na).is_some_and(|span| b >= span)
}

/// An immutable strided matrix view.
#[derive(Clone, Copy)]
pub struct MatRef<'a, T> {
    ptr: *const T,
    nrows: usize,
    ncols: usize,
    rs: isize,
    cs: isize,
    _life: PhantomData<&'a T>,
}

// SAFETY: a MatRef is a shared borrow of T data; sharing it across threads is
// as safe as sharing &[T], which requires T: Sync.
unsafe impl<T: Sync> Send for MatRef<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for MatRef<'_, T> {}

/// A mutable strided matrix view (no two elements alias).
pub struct MatMut<'a, T> {
    ptr: *mut T,
    nrows: usize,
    ncols: usize,
    rs: isize,
    cs: isize,
    _life: PhantomData<&'a mut T>,
}

// SAFETY: a MatMut is an exclusive borrow of T data, like &mut [T], which is
// Send when T: Send.
unsafe impl<T: Send> Send for MatMut<'_, T> {}

impl<'a, T> MatRef<'a, T> {
    /// A view of `data` where element (i, j) is `data[offset + i*rs + j*cs]`.
    /// Fails if any element would fall outside `data` or offsets overflow.
    #[inline]
    pub fn from_slice(
        data: &'a [T],
        offset: usize,
        nrows: usize,
        ncols: usize,
        rs: isize,
        cs: isize,
    ) -> Result<Self> {
        check_in_buffer(data.len(), offset, nrows, ncols, rs, cs, "MatRef")?;
        Ok(MatRef {
            // SAFETY: check_in_buffer proved offset <= len (and < len when non-empty).
            ptr: unsafe { data.as_ptr().add(offset) },
            nrows,
            ncols,
            rs,
            cs,
            _life: PhantomData,
        })
    }

    /// Column-major (Fortran) storage with leading dimension `ld >= nrows`.
    #[inline]
    pub fn col_major(data: &'a [T], nrows: usize, ncols: usize, ld: usize) -> Result<Self> {
        if ld < nrows.max(1) {
            return Err(Error::IllegalArgument {
                routine: "MatRef::col_major",
                position: 4,
                why: "ld < nrows",
            });
        }
        let ld = isize::try_from(ld).map_err(|_| Error::Overflow { what: "MatRef" })?;
        Self::from_slice(data, 0, nrows, ncols, 1, ld)
    }

    /// Row-major (C) storage with leading dimension `ld >= ncols`.
    pub fn row_major(data: &'a [T], nrows: usize, ncols: usize, ld: usize) -> Result<Self> {
        if ld < ncols.max(1) {
            return Err(Error::IllegalArgument {
                routine: "MatRef::row_major",
                position: 4,
                why: "ld < ncols",
            });
        }
        let ld = isize::try_from(ld).map_err(|_| Error::Overflow { what: "MatRef" })?;
        Self::from_slice(data, 0, nrows, ncols, ld, 1)
    }

    /// # Safety
    /// Every element `ptr + i*rs + j*cs` for `i < nrows, j < ncols` must be
    /// valid for reads for the lifetime `'a`, and the offsets must not overflow.
    pub unsafe fn from_raw_parts(
        ptr: *const T,
        nrows: usize,
        ncols: usize,
        rs: isize,
        cs: isize,
    ) -> Self {
        MatRef {
            ptr,
            nrows,
            ncols,
            rs,
            cs,
            _life: PhantomData,
        }
    }

    #[inline(always)]
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    #[inline(always)]
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    #[inline(always)]
    pub fn row_stride(&self) -> isize {
        self.rs
    }
    #[inline(always)]
    pub fn col_stride(&self) -> isize {
        self.cs
    }
    #[inline(always)]
    pub fn as_ptr(&self) -> *const T {
        self.ptr
    }
    /// The transposed view (no data moves).
    #[inline(always)]
    pub fn transpose(self) -> MatRef<'a, T> {
        MatRef {
            ptr: self.ptr,
            nrows: self.ncols,
            ncols: self.nrows,
            rs: self.cs,
            cs: self.rs,
            _life: PhantomData,
        }
    }
    /// Element (i, j), bounds-checked.
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> T
    where
        T: Copy,
    {
        assert!(
            i < self.nrows && j < self.ncols,
            "MatRef::get({i}, {j}) out of {}x{}",
            self.nrows,
            self.ncols
        );
        // SAFETY: (i, j) is inside the shape, which the constructor proved in bounds.
        unsafe { *self.ptr_at(i, j) }
    }
    /// Pointer to element (i, j); (i, j) may be one past the shape only when
    /// the offset stays inside the borrowed allocation (callers ensure it).
    #[inline(always)]
    pub fn ptr_at(&self, i: usize, j: usize) -> *const T {
        self.ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs)
    }
    /// The `m x n` block starting at (i, j).
    pub fn submatrix(self, i: usize, j: usize, m: usize, n: usize) -> MatRef<'a, T> {
        assert!(
            i + m <= self.nrows && j + n <= self.ncols,
            "submatrix out of range"
        );
        let ptr = if m == 0 || n == 0 {
            self.ptr
        } else {
            self.ptr_at(i, j)
        };
        MatRef {
            ptr,
            nrows: m,
            ncols: n,
            rs: self.rs,
            cs: self.cs,
            _life: PhantomData,
        }
    }
}

impl<'a, T> MatMut<'a, T> {
    /// A mutable view of `data` where element (i, j) is
    /// `data[offset + i*rs + j*cs]`; fails if out of bounds or aliasing.
    #[inline]
    pub fn from_slice(
        data: &'a mut [T],
        offset: usize,
        nrows: usize,
        ncols: usize,
        rs: isize,
        cs: isize,
    ) -> Result<Self> {
        check_in_buffer(data.len(), offset, nrows, ncols, rs, cs, "MatMut")?;
        if !strides_distinct(nrows, ncols, rs, cs) {
            return Err(Error::Aliasing { what: "MatMut" });
        }
        Ok(MatMut {
            // SAFETY: check_in_buffer proved offset <= len.
            ptr: unsafe { data.as_mut_ptr().add(offset) },
            nrows,
            ncols,
            rs,
            cs,
            _life: PhantomData,
        })
    }

    #[inline]
    pub fn col_major(data: &'a mut [T], nrows: usize, ncols: usize, ld: usize) -> Result<Self> {
        if ld < nrows.max(1) {
            return Err(Error::IllegalArgument {
                routine: "MatMut::col_major",
                position: 4,
                why: "ld < nrows",
            });
        }
        let ld = isize::try_from(ld).map_err(|_| Error::Overflow { what: "MatMut" })?;
        Self::from_slice(data, 0, nrows, ncols, 1, ld)
    }

    pub fn row_major(data: &'a mut [T], nrows: usize, ncols: usize, ld: usize) -> Result<Self> {
        if ld < ncols.max(1) {
            return Err(Error::IllegalArgument {
                routine: "MatMut::row_major",
                position: 4,
                why: "ld < ncols",
            });
        }
        let ld = isize::try_from(ld).map_err(|_| Error::Overflow { what: "MatMut" })?;
        Self::from_slice(data, 0, nrows, ncols, ld, 1)
    }

    /// # Safety
    /// Every element `ptr + i*rs + j*cs` must be valid for reads and writes
    /// for `'a`, no other reference may access them, and distinct (i, j) must
    /// address distinct elements.
    pub unsafe fn from_raw_parts(
        ptr: *mut T,
        nrows: usize,
        ncols: usize,
        rs: isize,
        cs: isize,
    ) -> Self {
        MatMut {
            ptr,
            nrows,
            ncols,
            rs,
            cs,
            _life: PhantomData,
        }
    }

    #[inline(always)]
    pub fn nrows(&self) -> usize {
        self.nrows
    }
    #[inline(always)]
    pub fn ncols(&self) -> usize {
        self.ncols
    }
    #[inline(always)]
    pub fn row_stride(&self) -> isize {
        self.rs
    }
    #[inline(always)]
    pub fn col_stride(&self) -> isize {
        self.cs
    }
    #[inline(always)]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr
    }
    /// A shorter-lived mutable view of the same elements.
    #[inline(always)]
    pub fn rb_mut(&mut self) -> MatMut<'_, T> {
        MatMut {
            ptr: self.ptr,
            nrows: self.nrows,
            ncols: self.ncols,
            rs: self.rs,
            cs: self.cs,
            _life: PhantomData,
        }
    }
    /// A read-only view of the same elements.
    #[inline(always)]
    pub fn rb(&self) -> MatRef<'_, T> {
        MatRef {
            ptr: self.ptr,
            nrows: self.nrows,
            ncols: self.ncols,
            rs: self.rs,
            cs: self.cs,
            _life: PhantomData,
        }
    }
    #[inline(always)]
    pub fn transpose(self) -> MatMut<'a, T> {
        MatMut {
            ptr: self.ptr,
            nrows: self.ncols,
            ncols: self.nrows,
            rs: self.cs,
            cs: self.rs,
            _life: PhantomData,
        }
    }
    #[inline(always)]
    pub fn ptr_at(&mut self, i: usize, j: usize) -> *mut T {
        self.ptr
            .wrapping_offset(i as isize * self.rs + j as isize * self.cs)
    }
    #[inline]
    pub fn get(&self, i: usize, j: usize) -> T
    where
        T: Copy,
    {
        self.rb().get(i, j)
    }
    #[inline]
    pub fn set(&mut self, i: usize, j: usize, v: T) {
        assert!(
            i < self.nrows && j < self.ncols,
            "MatMut::set({i}, {j}) out of {}x{}",
            self.nrows,
            self.ncols
        );
        // SAFETY: (i, j) is inside the shape, proven in bounds at construction.
        unsafe { *self.ptr_at(i, j) = v }
    }
    /// The `m x n` block starting at (i, j).
    pub fn submatrix(self, i: usize, j: usize, m: usize, n: usize) -> MatMut<'a, T> {
        assert!(
            i + m <= self.nrows && j + n <= self.ncols,
            "submatrix out of range"
        );
        let ptr = if m == 0 || n == 0 {
            self.ptr
        } else {
            self.ptr
                .wrapping_offset(i as isize * self.rs + j as isize * self.cs)
        };
        MatMut {
            ptr,
            nrows: m,
            ncols: n,
            rs: self.rs,
            cs: self.cs,
            _life: PhantomData,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_constructors() {
        let v: Vec<f64> = (0..12).map(|x| x as f64).collect();
        let a = MatRef::col_major(&v, 3, 4, 3).unwrap();
        assert_eq!(a.get(2, 3), 11.0);
        let t = a.transpose();
        assert_eq!(t.get(3, 2), 11.0);
        assert!(MatRef::col_major(&v, 3, 5, 3).is_err());
        assert!(MatRef::col_major(&v, 4, 3, 3).is_err());
        // Negative strides: view reversed rows, NumPy a[::-1, :].
        let r = MatRef::from_slice(&v, 2, 3, 4, -1, 3).unwrap();
        assert_eq!(r.get(0, 0), 2.0);
        assert_eq!(r.get(2, 3), 9.0);
        assert!(MatRef::from_slice(&v, 1, 3, 4, -1, 3).is_err());
        // Overflowing strides are caught, not wrapped.
        assert!(matches!(
            MatRef::from_slice(&v, 0, 3, 3, isize::MAX, 1),
            Err(Error::Overflow { .. })
        ));
        // Empty views are fine anywhere inside (or at the end of) the slice.
        assert!(MatRef::from_slice(&v, 12, 0, 5, 1, 100).is_ok());
    }

    #[test]
    fn mutable_views_reject_aliasing() {
        let mut v = vec![0.0f32; 16];
        assert!(matches!(
            MatMut::from_slice(&mut v, 0, 4, 4, 1, 2),
            Err(Error::Aliasing { .. })
        ));
        assert!(MatMut::from_slice(&mut v, 0, 2, 4, 1, 0).is_err());
        let mut m = MatMut::from_slice(&mut v, 0, 2, 4, 4, 1).unwrap();
        m.set(1, 3, 5.0);
        assert_eq!(v[7], 5.0);
    }
}
