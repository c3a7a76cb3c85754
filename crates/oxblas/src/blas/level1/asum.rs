//! `asum`: sum of absolute values (xASUM; |re| + |im| for complex).

use super::par::{chunked_sum, SyncPtr};
use super::unit_base;
use crate::arch::isa;
use crate::kernels::vector::real_kernels;
use crate::scalar::Scalar;
use crate::vec::VecRef;

/// `sum |x_i|` for real T, `sum |re x_i| + |im x_i|` for complex T (sasum,
/// dasum, scasum, dzasum). NaN anywhere gives NaN.
pub fn asum<T: Scalar>(x: VecRef<T>) -> T::Real {
    let (n, inc, p) = (x.len(), x.inc(), x.as_ptr());
    if n == 0 {
        return T::Real::zero();
    }
    if let Some(b) = unit_base(p, n, inc) {
        let len = if T::IS_COMPLEX { 2 * n } else { n };
        let f = real_kernels::<T::Real>(isa()).asum;
        let b = SyncPtr(b as *mut T::Real);
        let bytes = n * core::mem::size_of::<T>();
        // SAFETY: the view's memory is n contiguous T, i.e. len reals.
        return chunked_sum(len, bytes, &|lo, hi| unsafe { f(hi - lo, b.get().add(lo)) });
    }
    let mut s = T::Real::zero();
    for i in 0..n {
        // SAFETY: i < n, inside the view.
        s += unsafe { *p.offset(i as isize * inc) }.abs1();
    }
    s
}
