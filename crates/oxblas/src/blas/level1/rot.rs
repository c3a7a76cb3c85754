//! Applying plane rotations: `rot` (Givens, real c and s) and `rotm`
//! (modified Givens).

use super::{same_len, unit_pair};
use crate::arch::isa;
use crate::error::Result;
use crate::kernels::vector::real_kernels;
use crate::scalar::{RealScalar, Scalar};
use crate::vec::VecMut;

/// `(x_i, y_i) <- (c x_i + s y_i, c y_i - s x_i)` with real `c`, `s`
/// (srot, drot, csrot, zdrot: complex vectors rotate componentwise).
pub fn rot<T: Scalar>(mut x: VecMut<T>, mut y: VecMut<T>, c: T::Real, s: T::Real) -> Result<()> {
    let n = x.len();
    same_len("rot: x and y", n, y.len())?;
    if n == 0 {
        return Ok(());
    }
    let (incx, incy) = (x.inc(), y.inc());
    let (px, py) = (x.as_mut_ptr(), y.as_mut_ptr());
    if let Some((bx, by)) = unit_pair(px as *const T, incx, py as *const T, incy, n) {
        // Complex data rotate as 2n reals: c and s are real.
        let w = if T::IS_COMPLEX { 2 } else { 1 };
        let k = real_kernels::<T::Real>(isa());
        // SAFETY: both runs are n contiguous elements inside exclusive
        // views (unit_pair gives their lowest addresses); x and y are
        // distinct borrows, so the runs do not overlap.
        unsafe { (k.rot)(w * n, bx as *mut T::Real, by as *mut T::Real, c, s) };
        return Ok(());
    }
    for i in 0..n {
        // SAFETY: i < n, inside both views.
        unsafe {
            let (xp, yp) = (px.offset(i as isize * incx), py.offset(i as isize * incy));
            let (xv, yv) = (*xp, *yp);
            *xp = T::from_parts(c * xv.re() + s * yv.re(), c * xv.im() + s * yv.im());
            *yp = T::from_parts(c * yv.re() - s * xv.re(), c * yv.im() - s * xv.im());
        }
    }
    Ok(())
}

/// Applies the modified Givens transformation `param = [flag, h11, h21,
/// h12, h22]` (as returned by [`rotmg`](super::rotmg)) to the pairs
/// `(x_i, y_i)`: `(x, y) <- (h11 x + h12 y, h21 x + h22 y)` with the
/// implicit entries of flags 0 and 1, nothing for flag -2 (srotm, drotm).
pub fn rotm<R: RealScalar>(mut x: VecMut<R>, mut y: VecMut<R>, param: &[R; 5]) -> Result<()> {
    let n = x.len();
    same_len("rotm: x and y", n, y.len())?;
    let flag = param[0];
    let (zero, one, two) = (R::zero(), R::one(), R::from_f64(2.0));
    if n == 0 || flag + two == zero {
        return Ok(());
    }
    let (h11, h21, h12, h22) = if flag < zero {
        (param[1], param[2], param[3], param[4])
    } else if flag == zero {
        (one, param[2], param[3], one)
    } else {
        (param[1], -one, one, param[4])
    };
    let (incx, incy) = (x.inc(), y.inc());
    let (px, py) = (x.as_mut_ptr(), y.as_mut_ptr());
    // The three flag cases as the reference writes them (no multiplication
    // by the implicit ones), so results match it exactly.
    let apply = |w: R, z: R| -> (R, R) {
        if flag < zero {
            (w * h11 + z * h12, w * h21 + z * h22)
        } else if flag == zero {
            (w + z * h12, w * h21 + z)
        } else {
            (w * h11 + z, -w + h22 * z)
        }
    };
    if let Some((bx, by)) = unit_pair(px as *const R, incx, py as *const R, incy, n) {
        let (bx, by) = (bx as *mut R, by as *mut R);
        for k in 0..n {
            // SAFETY: k < n within both contiguous runs (see rot).
            unsafe {
                let (w, z) = apply(*bx.add(k), *by.add(k));
                *bx.add(k) = w;
                *by.add(k) = z;
            }
        }
        return Ok(());
    }
    for i in 0..n {
        // SAFETY: i < n, inside both views.
        unsafe {
            let (xp, yp) = (px.offset(i as isize * incx), py.offset(i as isize * incy));
            let (w, z) = apply(*xp, *yp);
            *xp = w;
            *yp = z;
        }
    }
    Ok(())
}
