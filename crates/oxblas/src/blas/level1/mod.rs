//! Level 1 BLAS: vector-vector operations.
//!
//! Every routine takes strided views ([`VecRef`]/[`VecMut`]; a BLAS vector
//! with a negative increment is built with `from_blas`, so element `i` of
//! the view is the `i`-th element the reference visits). Contiguous views
//! (increment +1, or -1 on every operand of an element-wise operation) run
//! the SIMD kernels of `kernels::vector` for the current ISA; other strides
//! run scalar loops.
//!
//! | routine | reference |
//! |---|---|
//! | [`rotg`], [`rotmg`], [`rot`], [`rotm`] | xROTG (3.10+ algorithms), xROTMG, xROT/CSROT/ZDROT, xROTM |
//! | [`swap`], [`copy`] | xSWAP, xCOPY |
//! | [`scal`], [`scal_real`] | xSCAL, CSSCAL/ZDSCAL |
//! | [`axpy`], [`axpby`] | xAXPY, xAXPBY |
//! | [`dot`], [`dotc`], [`sdsdot`], [`dsdot`] | SDOT/DDOT/CDOTU/ZDOTU, CDOTC/ZDOTC, SDSDOT, DSDOT |
//! | [`nrm2`] | SNRM2/DNRM2/SCNRM2/DZNRM2 (3.10+, no overflow or underflow) |
//! | [`asum`] | SASUM/DASUM/SCASUM/DZASUM |
//! | [`iamax`], [`iamin`] | IxAMAX (and the common IxAMIN extension), 0-based |

mod asum;
mod axpy;
mod copy;
mod dot;
mod iamax;
mod nrm2;
pub(crate) mod par;
mod rot;
mod rotg;
mod scal;

pub use asum::asum;
pub use axpy::{axpby, axpy};
pub use copy::{copy, swap};
pub use dot::{dot, dotc, dsdot, sdsdot};
pub use iamax::{iamax, iamin};
pub use nrm2::nrm2;
pub use rot::{rot, rotm};
pub use rotg::{rotg, rotmg};
pub use scal::{scal, scal_real};

use crate::error::{Error, Result};
use crate::scalar::{RealScalar, ScalarKind};

/// `DimensionMismatch` unless the two vector lengths agree.
pub(crate) fn same_len(what: &'static str, nx: usize, ny: usize) -> Result<()> {
    if nx == ny {
        Ok(())
    } else {
        Err(Error::DimensionMismatch {
            what,
            expected: (nx, 1),
            found: (ny, 1),
        })
    }
}

/// The lowest-addressed element of an `n`-element run with increment
/// `inc`, when `|inc| == 1` (or `n <= 1`): the contiguous memory a kernel
/// can walk forwards. Element-wise operations may reorder freely as long as
/// every operand is walked the same way (see [`unit_pair`]).
#[inline]
pub(crate) fn unit_base<T>(p: *const T, n: usize, inc: isize) -> Option<*const T> {
    match inc {
        _ if n <= 1 => Some(p),
        1 => Some(p),
        -1 => Some(p.wrapping_offset(1 - n as isize)),
        _ => None,
    }
}

/// Lowest-addressed bases of two `n`-element runs that are both contiguous
/// in the same direction, so that pairing memory element `k` of one with
/// memory element `k` of the other pairs view elements `i` and `i`.
#[inline]
pub(crate) fn unit_pair<T, U>(
    x: *const T,
    incx: isize,
    y: *const U,
    incy: isize,
    n: usize,
) -> Option<(*const T, *const U)> {
    if n > 1 && incx != incy {
        return None;
    }
    Some((unit_base(x, n, incx)?, unit_base(y, n, incy)?))
}

/// Machine constants of the reference BLAS 3.10 routines (Anderson's
/// safe-scaling rotg and Blue's nrm2), for f32 and f64.
pub(crate) struct Consts<R> {
    /// Smallest normal number, `radix^max(minexp-1, 1-maxexp)`.
    pub safmin: R,
    /// `1 / safmin`.
    pub safmax: R,
    /// Blue's thresholds: squares of values in `[tsml, tbig]` neither
    /// underflow nor (summed) overflow.
    pub tsml: R,
    pub tbig: R,
    /// Scalings for the small and big accumulators.
    pub ssml: R,
    pub sbig: R,
}

pub(crate) fn consts<R: RealScalar>() -> Consts<R> {
    let p = |e: i32| R::from_f64(2f64.powi(e));
    if R::KIND == ScalarKind::F32 {
        // minexponent -125, maxexponent 128, digits 24.
        Consts {
            safmin: p(-126),
            safmax: p(126),
            tsml: p(-63),
            tbig: p(52),
            ssml: p(75),
            sbig: p(-76),
        }
    } else {
        // minexponent -1021, maxexponent 1024, digits 53.
        Consts {
            safmin: p(-1022),
            safmax: p(1022),
            tsml: p(-511),
            tbig: p(486),
            ssml: p(537),
            sbig: p(-538),
        }
    }
}
