//! Inner products: `dot`, `dotc`, and the f32-in-f64 `sdsdot`, `dsdot`.

use super::par::{chunked_sum, SyncPtr};
use super::{same_len, unit_pair};
use crate::arch::isa;
use crate::error::Result;
use crate::kernels::vector::{kernels, wide_kernels};
use crate::scalar::Scalar;
use crate::vec::VecRef;

fn dot_impl<T: Scalar>(x: VecRef<T>, y: VecRef<T>, conj: bool, what: &'static str) -> Result<T> {
    let n = x.len();
    same_len(what, n, y.len())?;
    if n == 0 {
        return Ok(T::zero());
    }
    let (px, py, incx, incy) = (x.as_ptr(), y.as_ptr(), x.inc(), y.inc());
    if n < SMALL {
        return Ok(dot_loop(n, px, incx, py, incy, conj));
    }
    if let Some((bx, by)) = unit_pair(px, incx, py, incy, n) {
        let k = kernels::<T>(isa());
        let f = if conj { k.dotc } else { k.dot };
        let (bx, by) = (SyncPtr(bx as *mut T), SyncPtr(by as *mut T));
        let bytes = 2 * n * core::mem::size_of::<T>();
        // SAFETY: [lo, hi) lies within the n contiguous elements of each view.
        return Ok(chunked_sum(n, bytes, &|lo, hi| unsafe {
            f(hi - lo, bx.get().add(lo), by.get().add(lo))
        }));
    }
    Ok(dot_loop(n, px, incx, py, incy, conj))
}

/// Below this length a plain loop beats choosing and calling a kernel.
const SMALL: usize = 8;

/// `sum op(x_i) y_i` in a scalar loop (short or strided vectors).
fn dot_loop<T: Scalar>(
    n: usize,
    px: *const T,
    incx: isize,
    py: *const T,
    incy: isize,
    conj: bool,
) -> T {
    let mut s = T::zero();
    for i in 0..n {
        // SAFETY: the callers pass the pointers and increments of two views
        // of at least n elements.
        let (a, b) = unsafe { (*px.offset(i as isize * incx), *py.offset(i as isize * incy)) };
        s += a.conj_if(conj) * b;
    }
    s
}

/// `sum x_i y_i`, unconjugated (sdot, ddot, cdotu, zdotu).
pub fn dot<T: Scalar>(x: VecRef<T>, y: VecRef<T>) -> Result<T> {
    dot_impl(x, y, false, "dot: x and y")
}

/// `sum conj(x_i) y_i` (cdotc, zdotc; same as [`dot`] for real T).
pub fn dotc<T: Scalar>(x: VecRef<T>, y: VecRef<T>) -> Result<T> {
    dot_impl(x, y, true, "dotc: x and y")
}

/// `sum x_i y_i` of f32 vectors accumulated in f64 (each product is exact).
pub fn dsdot(x: VecRef<f32>, y: VecRef<f32>) -> Result<f64> {
    let n = x.len();
    same_len("dsdot: x and y", n, y.len())?;
    let (px, py, incx, incy) = (x.as_ptr(), y.as_ptr(), x.inc(), y.inc());
    if let Some((bx, by)) = unit_pair(px, incx, py, incy, n) {
        // SAFETY: n contiguous elements in each view.
        return Ok(unsafe { (wide_kernels(isa()).dot)(n, bx, by) });
    }
    let mut s = 0f64;
    for i in 0..n {
        // SAFETY: i < n, inside both views.
        unsafe { s += *px.offset(i as isize * incx) as f64 * *py.offset(i as isize * incy) as f64 };
    }
    Ok(s)
}

/// `sb + sum x_i y_i` accumulated in f64, rounded once to f32 (sdsdot).
pub fn sdsdot(sb: f32, x: VecRef<f32>, y: VecRef<f32>) -> Result<f32> {
    Ok((sb as f64 + dsdot(x, y)?) as f32)
}
