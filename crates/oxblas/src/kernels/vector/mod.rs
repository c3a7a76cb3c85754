//! SIMD kernels for level 1 and level 2 BLAS (vector and matrix-vector loops), per ISA.
//!
//! Layout of this module:
//!
//! * `simd.rs` / `simd_x86.rs`: the `VSimd` vector abstraction (one register
//!   of real lanes) for portable Rust, AVX2+FMA and AVX-512F.
//! * `real.rs`, `complex.rs`: level 1 loops (dot, axpy, axpby, scal, asum,
//!   sum of squares, rot, iamax) on contiguous data.
//! * `gemv_real.rs`, `gemv_complex.rs`: column-panel kernels for gemv (both
//!   orientations) and the fused symv/hemv panel.
//! * `tables.rs`: one `#[target_feature]` entry point per (routine, type,
//!   ISA), instantiating the generic bodies with that ISA's register blocks,
//!   gathered into static tables.
//!
//! Drivers (`blas::level1`, `blas::level2`) pick a table once per call with
//! [`kernels`] / [`real_kernels`] / [`wide_kernels`] for `arch::isa()`, and
//! only ever hand the kernels contiguous runs (unit stride): strided data is
//! handled by the drivers, with scalar loops or a contiguous copy.

use crate::arch::Isa;
use crate::scalar::{RealScalar, Scalar, ScalarKind};
use core::any::Any;

mod complex;
mod gemv_complex;
mod gemv_real;
mod real;
mod simd;
#[cfg(target_arch = "x86_64")]
mod simd_x86;
mod tables;

/// `y[0..m] += op(A)[0..m, 0..n] * (alpha x)`; A column-major with column
/// stride `lda`, x strided (`incx`), y contiguous. Columns with `x_j == 0`
/// are skipped.
pub(crate) type GemvN<T> = unsafe fn(usize, usize, *const T, isize, T, *const T, isize, *mut T);
/// `y_j = beta y_j + alpha op(A[0..m, j]) . x[0..m]` for `j < n`; x
/// contiguous, y strided (`incy`); `beta == 0` does not read y.
pub(crate) type GemvT<T> = unsafe fn(usize, usize, *const T, isize, *const T, T, T, *mut T, isize);
/// One pass over an `m x symv_nc` column panel: `y[0..m] += opn(A) xs` and
/// `t[c] = opt(A[0..m, c]) . x[0..m]`; x, y contiguous; `xs` (and `t`)
/// hold `symv_nc` values.
pub(crate) type SymvPanel<T> =
    unsafe fn(usize, *const T, isize, *const T, *const T, *mut T, *mut T);

/// NoTrans trsv on one [`TRSV_SB`]-column diagonal block (see
/// `gemv_real::trsv_sub`): `(a, lda, prev, xprev, unit, x)`.
pub(crate) type TrsvSub<T> = unsafe fn(*const T, isize, *const T, *const T, bool, *mut T);

/// Columns per sub-block of trsv's diagonal blocks (the `trsv_sub` width).
pub(crate) const TRSV_SB: usize = 8;

/// Columns per call of the `ger` kernel.
pub(crate) const GER_NC: usize = 4;

/// The kernels of one element type on one ISA. All pointers address
/// contiguous runs of the stated length (unless a stride is passed).
pub(crate) struct Kernels<T: Scalar> {
    /// `sum x_i y_i`.
    pub dot: unsafe fn(usize, *const T, *const T) -> T,
    /// `sum conj(x_i) y_i`.
    pub dotc: unsafe fn(usize, *const T, *const T) -> T,
    /// `y += alpha x`.
    pub axpy: unsafe fn(usize, T, *const T, *mut T),
    /// `y = alpha x + beta y`, `beta == 0` not reading y.
    pub axpby: unsafe fn(usize, T, *const T, T, *mut T),
    /// `y = alpha x` (x may equal y).
    pub scal: unsafe fn(usize, T, *const T, *mut T),
    /// First index of the largest / smallest abs1, reference NaN rules.
    pub iamax: unsafe fn(usize, *const T) -> usize,
    pub iamin: unsafe fn(usize, *const T) -> usize,
    /// Rank-1 update of [`GER_NC`] columns of m contiguous elements:
    /// `cols[c][0..m] += ws[c] * x[0..m]`, each element by the same
    /// operation as `axpy` (so the result equals `GER_NC` axpy calls).
    pub ger: unsafe fn(usize, *const T, *const *mut T, *const T),
    /// `[plain, conjugated A]`.
    pub gemv_n: [GemvN<T>; 2],
    pub gemv_t: [GemvT<T>; 2],
    /// Indexed `[conj n-part][conj t-part]`.
    pub symv: [[SymvPanel<T>; 2]; 2],
    /// Columns per `symv` panel.
    pub symv_nc: usize,
    /// Real types, indexed `[upper]`: a whole `symv_nc`-column group with
    /// its diagonal block (`gemv_real::symv_group`), the panel's arguments
    /// with `a`, x, y and m as documented there; `t` receives the column
    /// sums. `None` for complex types.
    pub symv_grp: [Option<SymvPanel<T>>; 2],
    /// Real types, indexed `[upper]`; `None` for complex types.
    pub trsv_sub: [Option<TrsvSub<T>>; 2],
}

/// Kernels on the real type (also used for complex data viewed as 2n reals:
/// asum, nrm2, rot with real c and s, scaling by a real).
pub(crate) struct RealKernels<R> {
    /// `sum |x_i|`.
    pub asum: unsafe fn(usize, *const R) -> R,
    /// `(sum x_i^2, max |x_i|)`, NaN left out of the max.
    pub sumsq_max: unsafe fn(usize, *const R) -> (R, R),
    /// `(x, y) <- (c x + s y, c y - s x)`.
    pub rot: unsafe fn(usize, *mut R, *mut R, R, R),
}

/// f32 data accumulated in f64.
pub(crate) struct WideKernels {
    /// `sum x_i^2` in f64.
    pub sumsq: unsafe fn(usize, *const f32) -> f64,
    /// `sum x_i y_i` in f64.
    pub dot: unsafe fn(usize, *const f32, *const f32) -> f64,
}

/// The kernel table for `T` on `isa`.
#[inline]
pub(crate) fn kernels<T: Scalar>(isa: Isa) -> &'static Kernels<T> {
    let t: &'static dyn Any = match (T::KIND, isa) {
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F64, Isa::Avx512) => &tables::avx512::F64,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F32, Isa::Avx512) => &tables::avx512::F32,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::C64, Isa::Avx512) => &tables::avx512::C64,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::C32, Isa::Avx512) => &tables::avx512::C32,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F64, Isa::Avx2) => &tables::avx2::F64,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F32, Isa::Avx2) => &tables::avx2::F32,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::C64, Isa::Avx2) => &tables::avx2::C64,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::C32, Isa::Avx2) => &tables::avx2::C32,
        (ScalarKind::F64, _) => &tables::portable::F64,
        (ScalarKind::F32, _) => &tables::portable::F32,
        (ScalarKind::C64, _) => &tables::portable::C64,
        (ScalarKind::C32, _) => &tables::portable::C32,
    };
    // The downcast checks the type itself, not just the KIND tag, so a
    // foreign `Scalar` impl can never be handed kernels for another type.
    t.downcast_ref::<Kernels<T>>()
        .expect("oxblas: Scalar is implemented only for f32, f64, c32, c64")
}

/// The real-data kernel table for `R` on `isa`.
#[inline]
pub(crate) fn real_kernels<R: RealScalar>(isa: Isa) -> &'static RealKernels<R> {
    let t: &'static dyn Any = match (R::KIND, isa) {
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F64, Isa::Avx512) => &tables::avx512::R64,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F32, Isa::Avx512) => &tables::avx512::R32,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F64, Isa::Avx2) => &tables::avx2::R64,
        #[cfg(target_arch = "x86_64")]
        (ScalarKind::F32, Isa::Avx2) => &tables::avx2::R32,
        (ScalarKind::F32, _) => &tables::portable::R32,
        _ => &tables::portable::R64,
    };
    t.downcast_ref::<RealKernels<R>>()
        .expect("oxblas: RealScalar is implemented only for f32, f64")
}

/// The f32-in-f64 kernels on `isa`.
#[inline]
pub(crate) fn wide_kernels(isa: Isa) -> &'static WideKernels {
    match isa {
        #[cfg(target_arch = "x86_64")]
        Isa::Avx512 => &tables::avx512::WIDE,
        #[cfg(target_arch = "x86_64")]
        Isa::Avx2 => &tables::avx2::WIDE,
        _ => &tables::portable::WIDE,
    }
}
