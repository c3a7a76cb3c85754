//! `nrm2`: Euclidean norm without overflow or underflow (xNRM2, reference
//! 3.10+ semantics).
//!
//! * f32 and c32: the squares are summed in f64, where the square of any
//!   f32 (down to 2^-149, up to 2^128) is a normal number and a sum of up to
//!   2^50 of them cannot overflow, so no scaling is needed at all; one
//!   rounding to f32 at the end.
//! * f64 and c64: a fast vector pass sums the squares unscaled and tracks
//!   the largest |x_i|. If that is at most Blue's `tbig` (no square or sum
//!   can overflow) and the sum is at least `n * tsml^2 / eps` (underflowed
//!   squares of tiny elements cannot matter, and with FMA they are not even
//!   rounded separately), `sqrt(sum)` is the answer. Otherwise, rare in
//!   practice, a second pass runs Blue's three-accumulator algorithm as
//!   the reference dnrm2.f90 does.
//!
//! NaN anywhere gives NaN; an infinite element (and no NaN) gives +Inf.

use super::par::{chunked_sum, SyncPtr};
use super::{consts, unit_base};
use crate::arch::isa;
use crate::kernels::vector::{real_kernels, wide_kernels};
use crate::scalar::{RealScalar, Scalar, ScalarKind};
use crate::vec::VecRef;

/// `sqrt(sum |x_i|^2)` (snrm2, dnrm2, scnrm2, dznrm2).
pub fn nrm2<T: Scalar>(x: VecRef<T>) -> T::Real {
    let (n, inc, p) = (x.len(), x.inc(), x.as_ptr());
    if n == 0 {
        return T::Real::zero();
    }
    let w = if T::IS_COMPLEX { 2 } else { 1 };
    let base = unit_base(p, n, inc);
    // Every real component of the view, in order.
    let components = || {
        (0..n).flat_map(move |i| {
            // SAFETY: i < n, inside the view.
            let v = unsafe { *p.offset(i as isize * inc) };
            [v.re(), v.im()].into_iter().take(w)
        })
    };
    if <T::Real as Scalar>::KIND == ScalarKind::F32 {
        let s = match base {
            // SAFETY: n contiguous T are w*n contiguous f32 (T::Real is f32).
            Some(b) => {
                let (f, b) = (wide_kernels(isa()).sumsq, SyncPtr(b as *mut f32));
                // SAFETY: [lo, hi) lies within the w*n contiguous f32.
                chunked_sum(w * n, w * n * 4, &|lo, hi| unsafe {
                    f(hi - lo, b.get().add(lo))
                })
            }
            None => components().map(|v| v.to_f64() * v.to_f64()).sum(),
        };
        return T::Real::from_f64(s.sqrt());
    }
    let Some(b) = base else {
        return blue(components());
    };
    let len = w * n;
    let b = b as *const T::Real;
    let (f, bp) = (
        real_kernels::<T::Real>(isa()).sumsq_max,
        SyncPtr(b as *mut T::Real),
    );
    let bytes = len * core::mem::size_of::<T::Real>();
    let SumMax(s, mx) = chunked_sum(len, bytes, &|lo, hi| {
        // SAFETY: [lo, hi) lies within the len contiguous reals of the view.
        let (s, mx) = unsafe { f(hi - lo, bp.get().add(lo)) };
        SumMax(s, mx)
    });
    if s.is_nan() {
        return s;
    }
    let k = consts::<T::Real>();
    let floor = k.tsml * k.tsml / T::Real::EPSILON * T::Real::from_f64(len as f64);
    if mx <= k.tbig && (mx == T::Real::zero() || s >= floor) {
        return s.sqrt();
    }
    // SAFETY: as above.
    blue((0..len).map(|i| unsafe { *b.add(i) }))
}

/// A chunk's (sum of squares, largest magnitude); chunks combine by adding
/// the sums (in chunk order, see `chunked_sum`) and taking the larger max.
#[derive(Clone, Copy, Default)]
struct SumMax<R>(R, R);

impl<R: RealScalar> core::ops::AddAssign for SumMax<R> {
    fn add_assign(&mut self, o: Self) {
        self.0 += o.0;
        if o.1 > self.1 {
            self.1 = o.1;
        }
    }
}

/// Blue's algorithm as in the reference dnrm2.f90: squares of big values
/// (> tbig) summed scaled down by sbig, of small values (< tsml) scaled up
/// by ssml, of the rest unscaled; then the accumulators are combined.
fn blue<R: RealScalar>(vals: impl Iterator<Item = R>) -> R {
    let k = consts::<R>();
    let (zero, one) = (R::zero(), R::one());
    let (mut asml, mut amed, mut abig) = (zero, zero, zero);
    let mut notbig = true;
    for v in vals {
        let ax = v.abs();
        if ax > k.tbig {
            let t = ax * k.sbig;
            abig += t * t;
            notbig = false;
        } else if ax < k.tsml {
            if notbig {
                let t = ax * k.ssml;
                asml += t * t;
            }
        } else {
            amed += ax * ax;
        }
    }
    // amed > 0, or NaN (amed != amed): the reference's test for "used".
    let med_used = amed > zero || amed.is_nan();
    let (scl, sumsq) = if abig > zero {
        if med_used {
            abig += amed * k.sbig * k.sbig;
        }
        (one / k.sbig, abig)
    } else if asml > zero {
        if med_used {
            let amed = amed.sqrt();
            let asml = asml.sqrt() / k.ssml;
            let (ymin, ymax) = if asml > amed {
                (amed, asml)
            } else {
                (asml, amed)
            };
            let q = ymin / ymax;
            (one, ymax * ymax * (one + q * q))
        } else {
            (one / k.ssml, asml)
        }
    } else {
        (one, amed)
    };
    scl * sumsq.sqrt()
}
