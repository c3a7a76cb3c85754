//! Entry points: each generic body instantiated with one ISA's vector type
//! and register blocks inside a function compiled for that ISA
//! (`#[target_feature]`), so the `VSimd` methods inline to single
//! instructions. The tables are what the drivers dispatch through.
//!
//! Register blocks (`U`: vectors of rows per step, `NC`: columns per pass,
//! `K`: accumulators per dot):
//!
//! | ISA (regs) | dot U | gemv_n U x NC | gemv_t NC x K | symv U x NC | complex gemv_n U x NC, gemv_t NC, symv U x NC |
//! |------------|-------|---------------|---------------|-------------|---------------------------------|
//! | avx512 (32)| 8     | 4 x 8         | 6 x 1         | 2 x 8       | 4x4, 4, 2x4 |
//! | avx2 (16)  | 4     | 4 x 8         | 4 x 2         | 2 x 4       | 2x4, 4, 1x2 |
//! | portable   | 4     | 2 x 4         | 4 x 1         | 1 x 4       | 1x2, 2, 1x2 |
//!
//! gemv_n: `U` accumulators + `NC` broadcasts stay in registers; gemv_t:
//! `NC*K` accumulators give 6-8 independent FMA chains (4-cycle latency, 2
//! per cycle) on the x86 ISAs. Measured against OpenBLAS (SkylakeX kernels)
//! on Zen 5 for n = 128..4096: the gemv_n row depth (U = 4 or 8) hardly
//! matters; 16 columns per pass collapse when the column stride is a
//! multiple of 4 KiB (the columns then share L1 sets); 6 dots per pass are
//! a little faster than 8 at those strides and no slower elsewhere.
//! The real types' `symv_grp` (a symv column group with its diagonal block)
//! uses the symv register block; `trsv_sub` is `TRSV_SB` (8) wide.

use super::{complex, gemv_complex as gc, gemv_real as gr, real};
use super::{Kernels, RealKernels, WideKernels, GER_NC, TRSV_SB};
use crate::scalar::{c32, c64};

macro_rules! isa_tables {
    (
        $modname:ident, [$($attr:meta),*], $F64:ty, $F32:ty,
        dot_u = $du:literal, gemv_n = ($gu:literal, $gnc:literal), gemv_t = ($tnc:literal, $tk:literal),
        symv = ($su:literal, $snc:literal), cgemv_n = ($cgu:literal, $cgnc:literal),
        cgemv_t = $ctnc:literal, csymv = ($csu:literal, $csnc:literal)
    ) => {
        pub(crate) mod $modname {
            #![allow(clippy::too_many_arguments)]
            use super::*;
            #[allow(unused_imports)]
            use crate::kernels::vector::simd::*;
            #[cfg(target_arch = "x86_64")]
            #[allow(unused_imports)]
            use crate::kernels::vector::simd_x86::*;

            isa_tables!(@real $($attr),*; $F64, f64, d, $du, $gu, $gnc, $tnc, $tk, $su, $snc, F64, R64);
            isa_tables!(@real $($attr),*; $F32, f32, s, $du, $gu, $gnc, $tnc, $tk, $su, $snc, F32, R32);
            isa_tables!(@cplx $($attr),*; $F64, c64, z, $du, $cgu, $cgnc, $ctnc, $csu, $csnc, C64);
            isa_tables!(@cplx $($attr),*; $F32, c32, c, $du, $cgu, $cgnc, $ctnc, $csu, $csnc, C32);

            $(#[$attr])*
            unsafe fn sumsq_wide(n: usize, x: *const f32) -> f64 {
                real::sumsq_widen::<$F64, 4>(n, x)
            }
            $(#[$attr])*
            unsafe fn dot_wide(n: usize, x: *const f32, y: *const f32) -> f64 {
                real::dot_widen::<$F64, 4>(n, x, y)
            }
            pub(crate) static WIDE: WideKernels = WideKernels { sumsq: sumsq_wide, dot: dot_wide };
        }
    };

    (@real $($attr:meta),*; $S:ty, $t:ty, $p:ident, $du:literal, $gu:literal, $gnc:literal,
     $tnc:literal, $tk:literal, $su:literal, $snc:literal, $K:ident, $R:ident) => {
        paste_fns! { $p;
            $(#[$attr])*
            unsafe fn dot(n: usize, x: *const $t, y: *const $t) -> $t {
                real::dot::<$S, $du>(n, x, y)
            }
            $(#[$attr])*
            unsafe fn axpy(n: usize, a: $t, x: *const $t, y: *mut $t) {
                real::axpy::<$S>(n, a, x, y)
            }
            $(#[$attr])*
            unsafe fn axpby(n: usize, a: $t, x: *const $t, b: $t, y: *mut $t) {
                real::axpby::<$S>(n, a, x, b, y)
            }
            $(#[$attr])*
            unsafe fn scal(n: usize, a: $t, x: *const $t, y: *mut $t) {
                real::scal_into::<$S>(n, a, x, y)
            }
            $(#[$attr])*
            unsafe fn iamax(n: usize, x: *const $t) -> usize {
                real::iamax::<$S, false, false>(n, x)
            }
            $(#[$attr])*
            unsafe fn iamin(n: usize, x: *const $t) -> usize {
                real::iamax::<$S, false, true>(n, x)
            }
            $(#[$attr])*
            unsafe fn asum(n: usize, x: *const $t) -> $t {
                real::asum::<$S, 4>(n, x)
            }
            $(#[$attr])*
            unsafe fn sumsq_max(n: usize, x: *const $t) -> ($t, $t) {
                real::sumsq_max::<$S, 4>(n, x)
            }
            $(#[$attr])*
            unsafe fn rot(n: usize, x: *mut $t, y: *mut $t, c: $t, s: $t) {
                real::rot::<$S>(n, x, y, c, s)
            }
            $(#[$attr])*
            unsafe fn gemv_n(m: usize, n: usize, a: *const $t, lda: isize, al: $t, x: *const $t, incx: isize, y: *mut $t) {
                gr::gemv_n::<$S, $gu, $gnc>(m, n, a, lda, al, x, incx, y)
            }
            $(#[$attr])*
            unsafe fn gemv_t(m: usize, n: usize, a: *const $t, lda: isize, x: *const $t, al: $t, be: $t, y: *mut $t, incy: isize) {
                gr::gemv_t::<$S, $tnc, $tk>(m, n, a, lda, x, al, be, y, incy)
            }
            $(#[$attr])*
            unsafe fn symv(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gr::symv_panel::<$S, $su, $snc>(m, a, lda, &*(xs as *const [$t; $snc]), x, y);
                (t as *mut [$t; $snc]).write_unaligned(d);
            }
            $(#[$attr])*
            unsafe fn symv_lo(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gr::symv_group::<$S, $su, $snc, false>(m, a, lda, &*(xs as *const [$t; $snc]), x, y);
                (t as *mut [$t; $snc]).write_unaligned(d);
            }
            $(#[$attr])*
            unsafe fn symv_up(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gr::symv_group::<$S, $su, $snc, true>(m, a, lda, &*(xs as *const [$t; $snc]), x, y);
                (t as *mut [$t; $snc]).write_unaligned(d);
            }
            $(#[$attr])*
            unsafe fn trsv_lo(a: *const $t, lda: isize, p: *const $t, xp: *const $t, unit: bool, x: *mut $t) {
                gr::trsv_sub::<$S, TRSV_SB, false>(a, lda, p, xp, unit, x)
            }
            $(#[$attr])*
            unsafe fn trsv_up(a: *const $t, lda: isize, p: *const $t, xp: *const $t, unit: bool, x: *mut $t) {
                gr::trsv_sub::<$S, TRSV_SB, true>(a, lda, p, xp, unit, x)
            }
            $(#[$attr])*
            unsafe fn ger(m: usize, x: *const $t, cols: *const *mut $t, ws: *const $t) {
                gr::ger_cols::<$S, GER_NC>(m, x, &*(cols as *const [*mut $t; GER_NC]), &*(ws as *const [$t; GER_NC]))
            }
            pub(crate) static $K: Kernels<$t> = Kernels {
                dot, dotc: dot, axpy, axpby, scal, iamax, iamin, ger,
                gemv_n: [gemv_n, gemv_n], gemv_t: [gemv_t, gemv_t],
                symv: [[symv, symv], [symv, symv]], symv_nc: $snc,
                symv_grp: [Some(symv_lo), Some(symv_up)],
                trsv_sub: [Some(trsv_lo), Some(trsv_up)],
            };
            pub(crate) static $R: RealKernels<$t> = RealKernels { asum, sumsq_max, rot };
        }
    };

    (@cplx $($attr:meta),*; $S:ty, $t:ty, $p:ident, $du:literal, $cgu:literal, $cgnc:literal,
     $ctnc:literal, $csu:literal, $csnc:literal, $K:ident) => {
        paste_fns! { $p;
            $(#[$attr])*
            unsafe fn dot(n: usize, x: *const $t, y: *const $t) -> $t {
                complex::dot::<$S, 4, false>(n, x, y)
            }
            $(#[$attr])*
            unsafe fn dotc(n: usize, x: *const $t, y: *const $t) -> $t {
                complex::dot::<$S, 4, true>(n, x, y)
            }
            $(#[$attr])*
            unsafe fn axpy(n: usize, a: $t, x: *const $t, y: *mut $t) {
                complex::axpy::<$S>(n, a, x, y)
            }
            $(#[$attr])*
            unsafe fn axpby(n: usize, a: $t, x: *const $t, b: $t, y: *mut $t) {
                complex::axpby::<$S>(n, a, x, b, y)
            }
            $(#[$attr])*
            unsafe fn scal(n: usize, a: $t, x: *const $t, y: *mut $t) {
                complex::scal_into::<$S>(n, a, x, y)
            }
            $(#[$attr])*
            unsafe fn iamax(n: usize, x: *const $t) -> usize {
                real::iamax::<$S, true, false>(n, x as *const _)
            }
            $(#[$attr])*
            unsafe fn iamin(n: usize, x: *const $t) -> usize {
                real::iamax::<$S, true, true>(n, x as *const _)
            }
            $(#[$attr])*
            unsafe fn gemv_n(m: usize, n: usize, a: *const $t, lda: isize, al: $t, x: *const $t, incx: isize, y: *mut $t) {
                gc::gemv_n::<$S, $cgu, $cgnc, false>(m, n, a, lda, al, x, incx, y)
            }
            $(#[$attr])*
            unsafe fn gemv_nc(m: usize, n: usize, a: *const $t, lda: isize, al: $t, x: *const $t, incx: isize, y: *mut $t) {
                gc::gemv_n::<$S, $cgu, $cgnc, true>(m, n, a, lda, al, x, incx, y)
            }
            $(#[$attr])*
            unsafe fn gemv_t(m: usize, n: usize, a: *const $t, lda: isize, x: *const $t, al: $t, be: $t, y: *mut $t, incy: isize) {
                gc::gemv_t::<$S, $ctnc, false>(m, n, a, lda, x, al, be, y, incy)
            }
            $(#[$attr])*
            unsafe fn gemv_tc(m: usize, n: usize, a: *const $t, lda: isize, x: *const $t, al: $t, be: $t, y: *mut $t, incy: isize) {
                gc::gemv_t::<$S, $ctnc, true>(m, n, a, lda, x, al, be, y, incy)
            }
            $(#[$attr])*
            unsafe fn symv_00(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gc::symv_panel::<$S, $csu, $csnc, false, false>(m, a, lda, &*(xs as *const [$t; $csnc]), x, y);
                (t as *mut [$t; $csnc]).write_unaligned(d);
            }
            $(#[$attr])*
            unsafe fn symv_01(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gc::symv_panel::<$S, $csu, $csnc, false, true>(m, a, lda, &*(xs as *const [$t; $csnc]), x, y);
                (t as *mut [$t; $csnc]).write_unaligned(d);
            }
            $(#[$attr])*
            unsafe fn symv_10(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gc::symv_panel::<$S, $csu, $csnc, true, false>(m, a, lda, &*(xs as *const [$t; $csnc]), x, y);
                (t as *mut [$t; $csnc]).write_unaligned(d);
            }
            $(#[$attr])*
            unsafe fn symv_11(m: usize, a: *const $t, lda: isize, xs: *const $t, x: *const $t, y: *mut $t, t: *mut $t) {
                let d = gc::symv_panel::<$S, $csu, $csnc, true, true>(m, a, lda, &*(xs as *const [$t; $csnc]), x, y);
                (t as *mut [$t; $csnc]).write_unaligned(d);
            }
            /// Complex rank-1 columns: one axpy each.
            $(#[$attr])*
            unsafe fn ger(m: usize, x: *const $t, cols: *const *mut $t, ws: *const $t) {
                for c in 0..GER_NC {
                    complex::axpy::<$S>(m, *ws.add(c), x, *cols.add(c));
                }
            }
            pub(crate) static $K: Kernels<$t> = Kernels {
                dot, dotc, axpy, axpby, scal, iamax, iamin, ger,
                gemv_n: [gemv_n, gemv_nc], gemv_t: [gemv_t, gemv_tc],
                symv: [[symv_00, symv_01], [symv_10, symv_11]], symv_nc: $csnc,
                symv_grp: [None, None],
                trsv_sub: [None, None],
            };
        }
    };
}

/// Puts a group of entry points in their own module (`d`, `s`, `z`, `c`)
/// so the four types can share function names, and re-exports its statics.
macro_rules! paste_fns {
    ($p:ident; $($body:tt)*) => {
        pub(crate) mod $p {
            use super::*;
            $($body)*
        }
        pub(crate) use $p::*;
    };
}

#[cfg(target_arch = "x86_64")]
isa_tables!(
    avx512,
    [target_feature(enable = "avx512f,avx2,fma")],
    Avx512F64,
    Avx512F32,
    dot_u = 8,
    gemv_n = (4, 8),
    gemv_t = (6, 1),
    symv = (2, 8),
    cgemv_n = (4, 4),
    cgemv_t = 4,
    csymv = (2, 4)
);
#[cfg(target_arch = "x86_64")]
isa_tables!(
    avx2,
    [target_feature(enable = "avx2,fma")],
    Avx2F64,
    Avx2F32,
    dot_u = 4,
    gemv_n = (4, 8),
    gemv_t = (4, 2),
    symv = (2, 4),
    cgemv_n = (2, 4),
    cgemv_t = 4,
    csymv = (1, 2)
);
isa_tables!(
    portable, [], Portable<f64, 4>, Portable<f32, 8>,
    dot_u = 4, gemv_n = (2, 4), gemv_t = (4, 1), symv = (1, 4), cgemv_n = (1, 2),
    cgemv_t = 2, csymv = (1, 2)
);
