//! Moving data: `copy` (xCOPY) and `swap` (xSWAP).

use super::{same_len, unit_pair};
use crate::error::Result;
use crate::vec::{VecMut, VecRef};

/// `y <- x`.
pub fn copy<T: Copy>(x: VecRef<T>, mut y: VecMut<T>) -> Result<()> {
    let n = x.len();
    same_len("copy: x and y", n, y.len())?;
    let (px, incx, incy) = (x.as_ptr(), x.inc(), y.inc());
    let py = y.as_mut_ptr();
    if let Some((bx, by)) = unit_pair(px, incx, py as *const T, incy, n) {
        // SAFETY: two runs of n contiguous elements inside their views;
        // `copy` (memmove) is correct even if a caller of the unsafe view
        // constructors made them overlap.
        unsafe { core::ptr::copy(bx, by as *mut T, n) };
        return Ok(());
    }
    for i in 0..n {
        // SAFETY: i < n, inside both views.
        unsafe { *py.offset(i as isize * incy) = *px.offset(i as isize * incx) };
    }
    Ok(())
}

/// `x <-> y`.
pub fn swap<T: Copy>(mut x: VecMut<T>, mut y: VecMut<T>) -> Result<()> {
    let n = x.len();
    same_len("swap: x and y", n, y.len())?;
    let (incx, incy) = (x.inc(), y.inc());
    let (px, py) = (x.as_mut_ptr(), y.as_mut_ptr());
    if let Some((bx, by)) = unit_pair(px as *const T, incx, py as *const T, incy, n) {
        // SAFETY: x and y are distinct exclusive views, so their runs of n
        // contiguous elements do not overlap.
        unsafe { core::ptr::swap_nonoverlapping(bx as *mut T, by as *mut T, n) };
        return Ok(());
    }
    for i in 0..n {
        // SAFETY: i < n, inside both views, which do not alias.
        unsafe { core::ptr::swap(px.offset(i as isize * incx), py.offset(i as isize * incy)) };
    }
    Ok(())
}
