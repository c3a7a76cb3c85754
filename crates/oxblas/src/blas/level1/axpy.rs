//! `axpy` (xAXPY) and `axpby` (xAXPBY).

use super::par::{for_ranges, SyncPtr};
use super::{same_len, unit_pair};
use crate::arch::isa;
use crate::error::Result;
use crate::kernels::vector::kernels;
use crate::scalar::Scalar;
use crate::vec::{VecMut, VecRef};

/// `y <- alpha x + y`. As the reference, `alpha == 0` returns without
/// reading x or touching y.
pub fn axpy<T: Scalar>(alpha: T, x: VecRef<T>, mut y: VecMut<T>) -> Result<()> {
    let n = x.len();
    same_len("axpy: x and y", n, y.len())?;
    if n == 0 || alpha.is_zero() {
        return Ok(());
    }
    let (px, incx, incy) = (x.as_ptr(), x.inc(), y.inc());
    let py = y.as_mut_ptr();
    // Short vectors: a plain loop beats choosing and calling a kernel.
    if n < 8 {
        for i in 0..n {
            // SAFETY: i < n, inside both views.
            unsafe { *py.offset(i as isize * incy) += alpha * *px.offset(i as isize * incx) };
        }
        return Ok(());
    }
    if let Some((bx, by)) = unit_pair(px, incx, py as *const T, incy, n) {
        let f = kernels::<T>(isa()).axpy;
        let (bx, by) = (SyncPtr(bx as *mut T), SyncPtr(by as *mut T));
        // SAFETY: [lo, hi) lies within both runs of n contiguous elements;
        // ranges are disjoint between threads; y is exclusive.
        for_ranges(n, 3 * n * core::mem::size_of::<T>(), &|lo, hi| unsafe {
            f(hi - lo, alpha, bx.get().add(lo), by.get().add(lo))
        });
        return Ok(());
    }
    for i in 0..n {
        // SAFETY: i < n, inside both views.
        unsafe {
            let q = py.offset(i as isize * incy);
            *q += alpha * *px.offset(i as isize * incx);
        }
    }
    Ok(())
}

/// `y <- alpha x + beta y`.
///
/// Special values follow the BLAS conventions of the level 2/3 routines
/// (the reference 3.11 has no axpby; OpenBLAS and MKL behave this way):
/// `beta == 0` writes `alpha x` without reading y (NaN in y does not
/// survive); `alpha == 0` only scales y (`y <- beta y`, or zeros when
/// `beta == 0`) without reading x.
pub fn axpby<T: Scalar>(alpha: T, x: VecRef<T>, beta: T, mut y: VecMut<T>) -> Result<()> {
    let n = x.len();
    same_len("axpby: x and y", n, y.len())?;
    if n == 0 {
        return Ok(());
    }
    let (incx, incy) = (x.inc(), y.inc());
    let py = y.as_mut_ptr();
    if alpha.is_zero() {
        if beta.is_zero() {
            for i in 0..n {
                // SAFETY: i < n, inside y.
                unsafe { *py.offset(i as isize * incy) = T::zero() };
            }
        } else {
            super::scal(beta, y);
        }
        return Ok(());
    }
    let px = x.as_ptr();
    if let Some((bx, by)) = unit_pair(px, incx, py as *const T, incy, n) {
        let f = kernels::<T>(isa()).axpby;
        let (bx, by) = (SyncPtr(bx as *mut T), SyncPtr(by as *mut T));
        // SAFETY: as in axpy.
        for_ranges(n, 3 * n * core::mem::size_of::<T>(), &|lo, hi| unsafe {
            f(hi - lo, alpha, bx.get().add(lo), beta, by.get().add(lo))
        });
        return Ok(());
    }
    for i in 0..n {
        // SAFETY: i < n, inside both views.
        unsafe {
            let q = py.offset(i as isize * incy);
            let ax = alpha * *px.offset(i as isize * incx);
            *q = if beta.is_zero() { ax } else { ax + beta * *q };
        }
    }
    Ok(())
}
