//! Portable micro-kernels in plain Rust, for any CPU: 8x4 real and 4x2 complex
//! register block written over the generic `Scalar` arithmetic. The compiler
//! keeps the tile in registers and vectorises what the target allows.

use super::{GemmKernel, KernelFn};
use crate::arch::Isa;
use crate::scalar::{c32, c64, Scalar};

/// `MR x NR` tile, every type, no SIMD assumptions. Full and edge tiles use
/// the same arithmetic (alpha*ab, then + beta*c), so results do not depend on
/// where a tile falls.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn scalar_kernel<
    T: Scalar,
    const MR: usize,
    const NR: usize,
    const PACKED_B: bool,
    const MASKED: bool,
>(
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
) {
    let (b_rs, b_cs) = if PACKED_B {
        (NR as isize, 1)
    } else {
        (b_rs, b_cs)
    };
    let mut acc = [[T::zero(); MR]; NR];
    let mut pa = a;
    let mut pb = b;
    for _ in 0..k {
        let mut av = [T::zero(); MR];
        for (i, v) in av.iter_mut().enumerate() {
            // MASKED: rows at or past m are not read (A is read in place).
            *v = if MASKED && i >= m {
                T::zero()
            } else {
                *pa.add(i)
            };
        }
        for (j, accj) in acc.iter_mut().enumerate() {
            let bj = *pb.offset(j as isize * b_cs);
            for i in 0..MR {
                accj[i] += av[i] * bj;
            }
        }
        pa = pa.offset(a_cs);
        pb = pb.offset(b_rs);
    }
    for (j, accj) in acc.iter().enumerate().take(n) {
        for (i, &t) in accj.iter().enumerate().take(m) {
            let p = c.offset(i as isize * rs_c + j as isize * cs_c);
            let ab = alpha * t;
            *p = if beta.is_zero() {
                ab
            } else if beta.is_one() {
                *p + ab
            } else {
                *p * beta + ab
            };
        }
    }
}

macro_rules! portable {
    ($static:ident, $t:ty, $mr:literal, $nr:literal) => {
        pub(crate) static $static: GemmKernel<$t> = GemmKernel {
            isa: Isa::Portable,
            mr: $mr,
            nr: $nr,
            packed_b: scalar_kernel::<$t, $mr, $nr, true, false> as KernelFn<$t>,
            strided_b: scalar_kernel::<$t, $mr, $nr, false, false> as KernelFn<$t>,
            masked: &[scalar_kernel::<$t, $mr, $nr, false, true> as KernelFn<$t>],
            rows_per_vector: $mr,
            wide: None,
        };
    };
}
portable!(F64, f64, 8, 4);
portable!(F32, f32, 8, 4);
portable!(C64, c64, 4, 2);
portable!(C32, c32, 4, 2);
