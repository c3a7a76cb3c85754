//! Scaling: `scal` (xSCAL) and `scal_real` (CSSCAL/ZDSCAL).

use super::par::{for_ranges, SyncPtr};
use super::unit_base;
use crate::arch::isa;
use crate::kernels::vector::kernels;
use crate::scalar::Scalar;
use crate::vec::VecMut;

/// `x <- alpha * x` (sscal, dscal, cscal, zscal).
///
/// As the reference, every element is multiplied, also for `alpha == 0`
/// (so NaN and Inf in x become NaN, not 0); `alpha == 1` returns at once.
pub fn scal<T: Scalar>(alpha: T, mut x: VecMut<T>) {
    let (n, inc) = (x.len(), x.inc());
    if n == 0 || alpha.is_one() {
        return;
    }
    let p = x.as_mut_ptr();
    if let Some(b) = unit_base(p as *const T, n, inc) {
        let f = kernels::<T>(isa()).scal;
        let b = SyncPtr(b as *mut T);
        // SAFETY: b..b+n is the view's memory, contiguous and exclusive;
        // threads get disjoint ranges.
        for_ranges(n, 2 * n * core::mem::size_of::<T>(), &|lo, hi| unsafe {
            f(hi - lo, alpha, b.get().add(lo), b.get().add(lo))
        });
        return;
    }
    for i in 0..n {
        // SAFETY: i < n, inside the view.
        unsafe {
            let q = p.offset(i as isize * inc);
            *q = alpha * *q;
        }
    }
}

/// `x <- alpha * x` with a real `alpha` (csscal, zdscal; sscal/dscal for
/// real T). Complex elements scale componentwise, as the reference 3.11
/// does: `(alpha re, alpha im)`, so an infinite part does not leak NaN
/// into the other.
pub fn scal_real<T: Scalar>(alpha: T::Real, mut x: VecMut<T>) {
    let (n, inc) = (x.len(), x.inc());
    if n == 0 || alpha == T::Real::one() {
        return;
    }
    let p = x.as_mut_ptr();
    if let Some(b) = unit_base(p as *const T, n, inc) {
        let w = if T::IS_COMPLEX { 2 } else { 1 };
        let b = b as *mut T::Real;
        // SAFETY: the view's memory is n contiguous T, i.e. w*n reals.
        unsafe { (kernels::<T::Real>(isa()).scal)(w * n, alpha, b, b) };
        return;
    }
    for i in 0..n {
        // SAFETY: i < n, inside the view.
        unsafe {
            let q = p.offset(i as isize * inc);
            *q = T::from_parts(alpha * (*q).re(), alpha * (*q).im());
        }
    }
}
