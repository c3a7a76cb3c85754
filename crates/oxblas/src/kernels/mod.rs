//! GEMM micro-kernels: the only code specialised per ISA and per type.
//!
//! A micro-kernel computes one `MR x NR` tile of C:
//!
//! ```text
//!   C[0..m, 0..n] = alpha * sum_p A[:, p] * B[p, :]  +  beta * C[0..m, 0..n]
//! ```
//!
//! holding the whole tile in vector registers for the entire k loop (register
//! blocking), so each step loads MR values of A and NR values of B for
//! MR*NR multiply-adds. A's `MR` values for one `p` are contiguous (packed
//! panel, or a column of a column-major matrix read in place); B's values are
//! broadcast one at a time from a packed panel (`PACKED_B`: NR contiguous per
//! step) or from any strided matrix (the unpacked small-size path).
//!
//! Full tiles with unit row stride are stored with vector loads/stores; edge
//! tiles (m < MR or n < NR) and other C layouts go through a tile on the stack,
//! so a kernel never reads or writes outside `C[0..m, 0..n]`. `beta == 0`
//! never reads C. Complex kernels keep two accumulators per output vector
//! (A*Re(b) and A*Im(b)) and combine them once at the end with a pair swap
//! and an fmaddsub, so the k loop is pure FMAs.
//!
//! The per-ISA files hold only the `Simd` implementations (which intrinsic is
//! an FMA, a broadcast, ...) and the register-block table; the loop nests below
//! are written once and inlined into a `#[target_feature]` entry point per
//! (type, ISA), so the intrinsics compile to single instructions.

use crate::arch::Isa;
use crate::scalar::{c32, c64, Scalar};

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod avx512;
mod portable;
pub(crate) mod vector;

/// The signature every micro-kernel shares.
///
/// `a`: MR rows for each p, consecutive p `a_cs` elements apart.
/// `b`: element (p, j) at `b + p*b_rs + j*b_cs` (ignored layout when packed:
/// then it is `b + p*NR + j`). `c`: element (i, j) at `c + i*rs_c + j*cs_c`.
/// Only `i < m <= MR`, `j < n <= NR` of C are touched.
pub type KernelFn<T> = unsafe fn(
    k: usize,
    a: *const T,
    a_cs: isize,
    b: *const T,
    b_rs: isize,
    b_cs: isize,
    c: *mut T,
    rs_c: isize,
    cs_c: isize,
    m: usize,
    n: usize,
    alpha: T,
    beta: T,
);

/// A micro-kernel pair with its register block.
pub struct GemmKernel<T: 'static> {
    pub isa: Isa,
    pub mr: usize,
    pub nr: usize,
    /// B packed in NR-wide panels.
    pub packed_b: KernelFn<T>,
    /// B read in place with any strides.
    pub strided_b: KernelFn<T>,
    /// Small-matrix kernels, B in place and A read in place with its rows
    /// masked to m: entry `v` serves `v*L < m <= (v+1)*L` rows (L = rows per
    /// vector), so a 16-row edge runs a 16-row kernel, not a padded 24-row one.
    pub masked: &'static [KernelFn<T>],
    /// Rows per SIMD vector (L above).
    pub rows_per_vector: usize,
    /// Optional `(W, kernel)` for C tiles of at most one vector of rows
    /// (`m <= L`, A and B read in place, A masked to m) and W columns: a
    /// short C loads A once per W multiply-adds and pays a tile's fixed cost
    /// (call, zeroing, final update) once per W columns instead of per NR.
    pub wide: Option<(usize, KernelFn<T>)>,
}

/// Types with GEMM micro-kernels (all four BLAS types; a supertrait of
/// `Scalar`, so generic code reaches the kernels through `T::gemm_kernel`).
pub trait HasKernels: Sized + 'static {
    fn gemm_kernel(isa: Isa) -> &'static GemmKernel<Self>;
}

macro_rules! kernel_table {
    ($t:ty, $portable:expr, $avx2:expr, $avx512:expr) => {
        impl HasKernels for $t {
            #[inline]
            fn gemm_kernel(isa: Isa) -> &'static GemmKernel<$t> {
                match isa {
                    #[cfg(target_arch = "x86_64")]
                    Isa::Avx512 => &$avx512,
                    #[cfg(target_arch = "x86_64")]
                    Isa::Avx2 => &$avx2,
                    _ => &$portable,
                }
            }
        }
    };
}
kernel_table!(f64, portable::F64, avx2::F64, avx512::F64);
kernel_table!(f32, portable::F32, avx2::F32, avx512::F32);
kernel_table!(c64, portable::C64, avx2::C64, avx512::C64);
kernel_table!(c32, portable::C32, avx2::C32, avx512::C32);

/// One SIMD vector type of real lanes and the handful of operations the
/// kernels need. Implementations are `#[inline(always)]` wrappers around one
/// intrinsic each, only ever called from inside a `#[target_feature]` entry
/// point that enables their ISA.
#[allow(dead_code)]
pub(crate) trait Simd {
    type E: Copy + Scalar;
    type V: Copy;
    const LANES: usize;
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn zero() -> Self::V;
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn splat(x: Self::E) -> Self::V;
    // SAFETY: caller's contract: the ISA is enabled, and the lanes named are valid to access at p.
    unsafe fn load(p: *const Self::E) -> Self::V;
    // SAFETY: caller's contract: the ISA is enabled, and the lanes named are valid to access at p.
    unsafe fn store(p: *mut Self::E, v: Self::V);
    /// Loads lanes `0..n` (n <= LANES), zero elsewhere; never touches memory
    /// past lane n.
    // SAFETY: caller's contract: the ISA is enabled, and the lanes named are valid to access at p.
    unsafe fn load_partial(p: *const Self::E, n: usize) -> Self::V;
    /// Stores lanes `0..n` only.
    // SAFETY: caller's contract: the ISA is enabled, and the lanes named are valid to access at p.
    unsafe fn store_partial(p: *mut Self::E, n: usize, v: Self::V);
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn add(a: Self::V, b: Self::V) -> Self::V;
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn mul(a: Self::V, b: Self::V) -> Self::V;
    /// a*b + c, one rounding.
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn fma(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// Swap each (re, im) lane pair.
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn swap_pairs(a: Self::V) -> Self::V;
    /// Even lanes a*b - c, odd lanes a*b + c.
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn fmaddsub(a: Self::V, b: Self::V, c: Self::V) -> Self::V;
    /// x*y + z on scalars with one rounding (the FMA instruction).
    // SAFETY: caller's contract: call only where the implementing ISA is enabled (register-only).
    unsafe fn fma_scalar(x: Self::E, y: Self::E, z: Self::E) -> Self::E;
}

/// Shortest k loop for which the kernels ask for C ahead: shorter ones
/// (small products, whose C is usually in L1 already) have too few FMAs
/// to hide a miss behind.
const PREFETCH_MIN_K: usize = 32;

/// Prefetches every cache line of the `bytes` bytes from `p` into L1 (a
/// hint: never faults, whatever the address, so a line past the end is
/// harmless). The kernels ask for a C tile's columns with it, one column
/// at a time (see `C_PREFETCH_SPACING`), so misses on a C in L3 or DRAM
/// overlap with the FMAs that follow instead of stalling the final
/// update; packing asks for source runs ahead with it.
#[inline(always)]
pub(crate) fn prefetch_lines(p: *const u8, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        let mut off = 0;
        while off < bytes + 63 {
            // SAFETY: prefetch is a hint that never faults, for any address.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(off) as *const i8) };
            off += 64;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (p, bytes);
}

/// Loads A vector `i` of a tile: the last one (`i == MV-1`) only `rem` lanes
/// wide when the kernel is `MASKED` (rows past m are never read).
#[inline(always)]
unsafe fn load_a<S: Simd, const MV: usize, const MASKED: bool>(
    p: *const S::E,
    i: usize,
    rem: usize,
) -> S::V {
    if MASKED && i == MV - 1 {
        S::load_partial(p, rem)
    } else {
        S::load(p)
    }
}

/// `C = ab + beta*C` for one vector of C (`lanes` wide), `ab` already scaled
/// by alpha. beta == 0 does not read C.
#[inline(always)]
unsafe fn update_c<S: Simd>(p: *mut S::E, lanes: usize, ab: S::V, beta: S::E, vb: S::V) {
    let full = lanes == S::LANES;
    if beta.is_zero() {
    } else {
        let cv = if full {
            S::load(p)
        } else {
            S::load_partial(p, lanes)
        };
        let r = if beta.is_one() {
            S::add(cv, ab)
        } else {
            S::fma(cv, vb, ab)
        };
        return if full {
            S::store(p, r)
        } else {
            S::store_partial(p, lanes, r)
        };
    }
    if full {
        S::store(p, ab)
    } else {
        S::store_partial(p, lanes, ab)
    }
}

/// How many k steps ahead a packed-B kernel asks for B's next line.
///
/// A packed B micro-panel (KC steps of NR values, 24 KiB for f64) is read
/// from L3 by the first A tile that uses it: one new line per k step,
/// which the hardware prefetchers serve late, stalling the FMAs (a
/// macro-kernel model with B panels in L3 ran 100-105 GFLOP/s packed
/// against 115 read in place, and 117 packed with this prefetch, on Zen
/// 5). Later tiles find the panel in L1 or L2, where the prefetch costs
/// one load slot. B read in place (eight column streams) gained nothing
/// from the same treatment.
const B_PREFETCH_STEPS: isize = 16;

/// Prefetches the packed B line at `p` (a hint: never faults).
#[inline(always)]
fn prefetch_packed_b<E>(p: *const E) {
    prefetch_lines(p as *const u8, 1)
}

/// k steps between the prefetches of two C columns in the real kernel.
/// Asking for all of a tile's lines at once (24 lines for a 24 x 8 f64
/// tile, from L3 or DRAM) fills the core's miss buffers and holds up the A
/// and B loads of the first k steps; one column every four steps does not
/// (dgemm 4096 +7%, 2048 +1-2%, 256 +2%, sgemm 2048 +3%; complex tiles,
/// with 12 lines, +0.4-2.7%; Zen 5, paired runs).
const C_PREFETCH_SPACING: usize = 4;

/// The k loop of the real and complex kernels: `$k` calls of `$step`.
/// When the C tile is column-major (`$c_cols`) and the loop long enough,
/// the tile's first `min($n, NR)` columns (`$col_bytes` each, `$col_stride`
/// bytes apart from the byte pointer `$c`) are prefetched over the first
/// steps, one column every `C_PREFETCH_SPACING` steps. A macro, not a
/// function taking the step closure: the closure must be called from the
/// kernel's own `#[target_feature]` body, where its intrinsics inline (one
/// level further down it was compiled as a call without the ISA, 2-50x
/// slower).
macro_rules! k_loop {
    ($nr:expr, $k:expr, $step:ident, $c_cols:expr, $c:expr, $col_stride:expr, $col_bytes:expr, $n:expr) => {{
        let mut done = 0;
        if $c_cols && $k >= C_PREFETCH_SPACING * $nr && $k >= PREFETCH_MIN_K {
            for j in 0..$nr {
                if j < $n {
                    prefetch_lines($c.wrapping_offset(j as isize * $col_stride), $col_bytes);
                }
                for _ in 0..C_PREFETCH_SPACING {
                    $step();
                }
            }
            done = C_PREFETCH_SPACING * $nr;
        }
        for _ in done..$k {
            $step();
        }
    }};
}

/// The part of a k step common to the real and complex kernels: the
/// packed-B prefetch and the MV vectors of A.
#[inline(always)]
unsafe fn step_loads<S: Simd, const MV: usize, const PACKED_B: bool, const MASKED: bool, B>(
    pa: *const S::E,
    b_col0: *const B,
    off: isize,
    b_rs: isize,
    rem: usize,
) -> [S::V; MV] {
    if PACKED_B {
        prefetch_packed_b(b_col0.wrapping_offset(off + B_PREFETCH_STEPS * b_rs));
    }
    let mut av = [S::zero(); MV];
    for (i, v) in av.iter_mut().enumerate() {
        *v = load_a::<S, MV, MASKED>(pa.add(i * S::LANES), i, rem);
    }
    av
}

/// One k step of the real kernel: MV vectors of A times NR broadcasts of
/// B, with the packed-B prefetch.
#[inline(always)]
unsafe fn real_step<
    S: Simd,
    const MV: usize,
    const NR: usize,
    const PACKED_B: bool,
    const MASKED: bool,
>(
    acc: &mut [[S::V; MV]; NR],
    pa: *const S::E,
    cols: &[*const S::E; NR],
    off: isize,
    b_rs: isize,
    rem: usize,
) {
    let av = step_loads::<S, MV, PACKED_B, MASKED, _>(pa, cols[0], off, b_rs, rem);
    for (j, accj) in acc.iter_mut().enumerate() {
        let bj = S::splat(*cols[j].offset(off));
        for i in 0..MV {
            accj[i] = S::fma(av[i], bj, accj[i]);
        }
    }
}

/// Real micro-kernel: MR = MV * LANES rows, NR columns.
///
/// Register use: MV*NR accumulators + MV vectors of A + one broadcast of B.
/// `MASKED` kernels serve tiles of `m` rows with `(MV-1)*LANES < m <= MR` read
/// in place: the last A vector and C vector are masked to `m`. Unmasked
/// kernels may read all MR rows of A (packed, zero-padded panels).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn real_kernel<
    S: Simd,
    const MV: usize,
    const NR: usize,
    const PACKED_B: bool,
    const MASKED: bool,
>(
    k: usize,
    a: *const S::E,
    a_cs: isize,
    b: *const S::E,
    b_rs: isize,
    b_cs: isize,
    c: *mut S::E,
    rs_c: isize,
    cs_c: isize,
    m: usize,
    n: usize,
    alpha: S::E,
    beta: S::E,
) {
    let (b_rs, b_cs) = if PACKED_B {
        (NR as isize, 1)
    } else {
        (b_rs, b_cs)
    };
    let mr = MV * S::LANES;
    let rem = if MASKED {
        m - (MV - 1) * S::LANES
    } else {
        S::LANES
    };
    let mut acc = [[S::zero(); MV]; NR];
    let mut pa = a;
    // B element (p, j) is read at `cols[j] + p*b_rs`: one pointer per column
    // and one running offset, so the addresses of a step depend on the
    // previous step through a single add (computing column j from column
    // j-1 chains NR dependent adds per step, longer than the FMAs of a
    // one- or two-vector tile).
    let cols: [*const S::E; NR] = core::array::from_fn(|j| b.wrapping_offset(j as isize * b_cs));
    let mut off: isize = 0;
    // One k step, then on to the next column of A and row of B.
    let mut step = || {
        real_step::<S, MV, NR, PACKED_B, MASKED>(&mut acc, pa, &cols, off, b_rs, rem);
        pa = pa.offset(a_cs);
        off += b_rs;
    };
    let elem = core::mem::size_of::<S::E>();
    k_loop!(
        NR,
        k,
        step,
        rs_c == 1,
        c as *const u8,
        cs_c * elem as isize,
        m.min(mr) * elem,
        n
    );

    if rs_c == 1 && (MASKED || m == mr) {
        let va = S::splat(alpha);
        let vb = S::splat(beta);
        for (j, accj) in acc.iter().enumerate().take(n) {
            let cj = c.offset(j as isize * cs_c);
            for (i, &x) in accj.iter().enumerate() {
                let lanes = if MASKED && i == MV - 1 { rem } else { S::LANES };
                update_c::<S>(cj.add(i * S::LANES), lanes, S::mul(x, va), beta, vb);
            }
        }
    } else {
        // Edge tile or non-unit row stride: spill the tile, update element-wise
        // with the same arithmetic (round(alpha*ab), then one fused beta step).
        let mut tile = [[S::E::zero(); 64]; NR];
        debug_assert!(mr <= 64);
        for (j, accj) in acc.iter().enumerate() {
            for (i, &x) in accj.iter().enumerate() {
                S::store(tile[j].as_mut_ptr().add(i * S::LANES), x);
            }
        }
        for (j, tj) in tile.iter().enumerate().take(n) {
            for (i, &t) in tj.iter().enumerate().take(m) {
                let p = c.offset(i as isize * rs_c + j as isize * cs_c);
                let ab = alpha * t;
                *p = if beta.is_zero() {
                    ab
                } else if beta.is_one() {
                    *p + ab
                } else {
                    S::fma_scalar(*p, beta, ab)
                };
            }
        }
    }
}

/// `C = x + beta*C` for one vector of complex C (`lanes` real lanes).
#[inline(always)]
unsafe fn update_c_complex<S: Simd>(
    p: *mut S::E,
    lanes: usize,
    x: S::V,
    br: S::V,
    bi: S::V,
    beta_zero: bool,
    beta_one: bool,
) {
    let full = lanes == S::LANES;
    let r = if beta_zero {
        x
    } else {
        let cv = if full {
            S::load(p)
        } else {
            S::load_partial(p, lanes)
        };
        if beta_one {
            S::add(cv, x)
        } else {
            S::add(x, S::fmaddsub(cv, br, S::mul(S::swap_pairs(cv), bi)))
        }
    };
    if full {
        S::store(p, r)
    } else {
        S::store_partial(p, lanes, r)
    }
}

/// One k step of the complex kernel: MV vectors of A times the real and
/// imaginary parts of NR values of B, with the packed-B prefetch.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn complex_step<
    S: Simd,
    const MV: usize,
    const NR: usize,
    const PACKED_B: bool,
    const MASKED: bool,
>(
    acc_re: &mut [[S::V; MV]; NR],
    acc_im: &mut [[S::V; MV]; NR],
    pa: *const S::E,
    cols: &[*const num_complex::Complex<S::E>; NR],
    off: isize,
    b_rs: isize,
    rem: usize,
) {
    let av = step_loads::<S, MV, PACKED_B, MASKED, _>(pa, cols[0], off, b_rs, rem);
    for j in 0..NR {
        let bp = cols[j].offset(off) as *const S::E;
        let br = S::splat(*bp);
        let bi = S::splat(*bp.add(1));
        for i in 0..MV {
            acc_re[j][i] = S::fma(av[i], br, acc_re[j][i]);
            acc_im[j][i] = S::fma(av[i], bi, acc_im[j][i]);
        }
    }
}

/// Complex micro-kernel on interleaved (re, im) data: MR = MV * LANES / 2
/// complex rows, NR complex columns. `a`, `b`, `c` and all strides are in
/// complex elements; `MASKED` as for the real kernel.
///
/// For a vector `a = [ar, ai, ...]` and a scalar `b = br + i*bi`, the k loop
/// accumulates `x += a*br` and `y += a*bi`; at the end
/// `a*b = fmaddsub(x, 1, swap(y)) = [ar*br - ai*bi, ai*br + ar*bi, ...]`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub(crate) unsafe fn complex_kernel<
    S: Simd,
    const MV: usize,
    const NR: usize,
    const PACKED_B: bool,
    const MASKED: bool,
>(
    k: usize,
    a: *const num_complex::Complex<S::E>,
    a_cs: isize,
    b: *const num_complex::Complex<S::E>,
    b_rs: isize,
    b_cs: isize,
    c: *mut num_complex::Complex<S::E>,
    rs_c: isize,
    cs_c: isize,
    m: usize,
    n: usize,
    alpha: num_complex::Complex<S::E>,
    beta: num_complex::Complex<S::E>,
) where
    num_complex::Complex<S::E>: Scalar,
{
    type Cx<E> = num_complex::Complex<E>;
    let (b_rs, b_cs) = if PACKED_B {
        (NR as isize, 1)
    } else {
        (b_rs, b_cs)
    };
    let mr = MV * S::LANES / 2;
    let rem = if MASKED {
        2 * m - (MV - 1) * S::LANES
    } else {
        S::LANES
    };
    let mut acc_re = [[S::zero(); MV]; NR];
    let mut acc_im = [[S::zero(); MV]; NR];
    let mut pa = a as *const S::E;
    // One pointer per column of B and one running offset, as in the real
    // kernel.
    let cols: [*const Cx<S::E>; NR] =
        core::array::from_fn(|j| b.wrapping_offset(j as isize * b_cs));
    let mut off: isize = 0;
    // One k step, then on to the next column of A and row of B.
    let mut step = || {
        complex_step::<S, MV, NR, PACKED_B, MASKED>(
            &mut acc_re,
            &mut acc_im,
            pa,
            &cols,
            off,
            b_rs,
            rem,
        );
        pa = pa.offset(2 * a_cs);
        off += b_rs;
    };
    let elem = 2 * core::mem::size_of::<S::E>();
    k_loop!(
        NR,
        k,
        step,
        rs_c == 1,
        c as *const u8,
        cs_c * elem as isize,
        m.min(mr) * elem,
        n
    );

    // Combine the two accumulators and apply alpha, all in registers.
    let one = S::splat(<S::E as Scalar>::one());
    let ar = S::splat(alpha.re);
    let ai = S::splat(alpha.im);
    let mut prod = [[S::zero(); MV]; NR];
    for j in 0..NR {
        for i in 0..MV {
            let ab = S::fmaddsub(acc_re[j][i], one, S::swap_pairs(acc_im[j][i]));
            prod[j][i] = S::fmaddsub(ab, ar, S::mul(S::swap_pairs(ab), ai));
        }
    }

    if rs_c == 1 && (MASKED || m == mr) {
        let (br, bi) = (S::splat(beta.re), S::splat(beta.im));
        let (beta_zero, beta_one) = (beta.is_zero(), beta.is_one());
        for (j, pj) in prod.iter().enumerate().take(n) {
            let cj = c.offset(j as isize * cs_c) as *mut S::E;
            for (i, &x) in pj.iter().enumerate() {
                let lanes = if MASKED && i == MV - 1 { rem } else { S::LANES };
                update_c_complex::<S>(cj.add(i * S::LANES), lanes, x, br, bi, beta_zero, beta_one);
            }
        }
    } else {
        let mut tile = [[Cx::<S::E>::zero(); 32]; NR];
        debug_assert!(mr <= 32);
        for (j, pj) in prod.iter().enumerate() {
            for (i, &x) in pj.iter().enumerate() {
                S::store((tile[j].as_mut_ptr() as *mut S::E).add(i * S::LANES), x);
            }
        }
        for (j, tj) in tile.iter().enumerate().take(n) {
            for (i, &t) in tj.iter().enumerate().take(m) {
                let p = c.offset(i as isize * rs_c + j as isize * cs_c);
                *p = if beta.is_zero() {
                    t
                } else if beta.is_one() {
                    *p + t
                } else {
                    // Same operation order as the vector path: t + (c*beta).
                    let cv = *p;
                    let re = S::fma_scalar(cv.re, beta.re, -(cv.im * beta.im));
                    let im = S::fma_scalar(cv.im, beta.re, cv.re * beta.im);
                    t + Cx::new(re, im)
                };
            }
        }
    }
}
