//! `iamax` / `iamin`: index of the element of largest / smallest abs1.

use crate::arch::isa;
use crate::kernels::vector::kernels;
use crate::scalar::Scalar;
use crate::vec::VecRef;

/// Scalar reference loop: first index whose abs1 beats every earlier one.
fn scan<T: Scalar>(x: VecRef<T>, better: impl Fn(T::Real, T::Real) -> bool) -> usize {
    let (n, inc, p) = (x.len(), x.inc(), x.as_ptr());
    // SAFETY: element 0 exists (n >= 1 checked by the callers).
    let mut best = unsafe { *p }.abs1();
    let mut idx = 0;
    for i in 1..n {
        // SAFETY: i < n, inside the view.
        let a = unsafe { *p.offset(i as isize * inc) }.abs1();
        if better(a, best) {
            best = a;
            idx = i;
        }
    }
    idx
}

/// 0-based index of the first element of largest `abs1` (`|x|` for real
/// T, `|re| + |im|` for complex T), as isamax/idamax/icamax/izamax
/// (minus one); `None` for an empty vector.
///
/// NaN: as the reference loop `if (abs1(x_i) > max)`, a NaN never compares
/// greater, so NaNs are skipped; but a NaN in element 0 seeds the running
/// maximum and nothing beats it, so the answer is then 0.
pub fn iamax<T: Scalar>(x: VecRef<T>) -> Option<usize> {
    let n = x.len();
    if n == 0 {
        return None;
    }
    if x.inc() == 1 || n == 1 {
        // SAFETY: n contiguous elements starting at the view's pointer.
        return Some(unsafe { (kernels::<T>(isa()).iamax)(n, x.as_ptr()) });
    }
    Some(scan(x, |a, b| a > b))
}

/// 0-based index of the first element of smallest `abs1`; `None` when
/// empty. NaN rules mirror [`iamax`] (NaNs skipped unless in element 0).
pub fn iamin<T: Scalar>(x: VecRef<T>) -> Option<usize> {
    let n = x.len();
    if n == 0 {
        return None;
    }
    if x.inc() == 1 || n == 1 {
        // SAFETY: n contiguous elements starting at the view's pointer.
        return Some(unsafe { (kernels::<T>(isa()).iamin)(n, x.as_ptr()) });
    }
    Some(scan(x, |a, b| a < b))
}
