//! GEMM cache blocking, derived from the detected caches. The formula lives
//! here and only here.
//!
//! The five loops (BLIS numbering) and what each block must fit:
//!
//! ```text
//! loop 5  jc over n in steps of NC   B block  KC x NC   lives in L3 (shared)
//! loop 4  pc over k in steps of KC   pack B(pc, jc) once per (jc, pc)
//! loop 3  ic over m in steps of MC   A block  MC x KC   lives in L2 (private)
//! loop 2  jr over NC in steps of NR  B micro-panel KC x NR lives in L1
//! loop 1  ir over MC in steps of MR  micro-kernel: MR x NR tile in registers
//! ```
//!
//! * KC: the B micro-panel (KC*NR elements) is reused by every A micro-panel
//!   of the block, so it should stay in L1 while A micro-panels stream through
//!   it: give it half of L1 -> `KC = (L1/2) / (NR * size)`; but no larger than
//!   leaves room for `MIN_A_PANELS` A micro-panels in the A block (below).
//! * MC: the packed A block is reused for every B micro-panel of the NC
//!   block: let it fill half of L2 (the other half holds B micro-panels and
//!   C lines in flight) -> `MC = (L2/2) / (KC * size)`, a multiple of MR.
//! * NC: the packed B block is reused for every A block: let it take half of
//!   L3 -> `NC = (L3/2) / (KC * size)`, a multiple of NR, at most 8192.
//!
//! `OXBLAS_MC`, `OXBLAS_KC`, `OXBLAS_NC` override for tuning runs. The k
//! block (`k_block`: KC, or k cut evenly into blocks of at most KC) alone
//! decides the floating-point summation order, and it depends only on the
//! type, the ISA, the caches and k, never on the thread count.

use crate::arch::{caches, Isa};
use crate::scalar::{Scalar, ScalarKind};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Blocking {
    pub mr: usize,
    pub nr: usize,
    pub mc: usize,
    pub kc: usize,
    pub nc: usize,
}

fn env_overrides() -> &'static [Option<usize>; 3] {
    static OVR: OnceLock<[Option<usize>; 3]> = OnceLock::new();
    OVR.get_or_init(|| {
        let get = |v: &str| {
            std::env::var(v)
                .ok()
                .and_then(|s| s.trim().parse::<usize>().ok())
                .filter(|&x| x > 0)
        };
        [get("OXBLAS_MC"), get("OXBLAS_KC"), get("OXBLAS_NC")]
    })
}

/// The k block actually used for a product of depth `k`: `k` cut into the
/// fewest blocks of at most `kc`, all of (nearly) the same length, rounded
/// up to a multiple of 8. A depth just past a multiple of KC (a 512-deep
/// panel with KC = 384) would otherwise leave a short last block whose C
/// tile loads and stores weigh on a few k steps (384 + 128 instead of
/// 256 + 256). Depends on `k` and `kc` only, never on the thread count, so
/// the summation order stays the same for every thread count.
pub fn k_block(k: usize, kc: usize) -> usize {
    if k <= kc {
        return kc;
    }
    even_split(k, kc, 8)
}

/// The width of the blocks that cut `len` into as few blocks of at most
/// `max` as possible, all about equal, rounded up to a multiple of `unit`
/// (and never above `max`, itself at least `unit`).
fn even_split(len: usize, max: usize, unit: usize) -> usize {
    let max = max.max(unit);
    let blocks = len.div_ceil(max).max(1);
    len.div_ceil(blocks).next_multiple_of(unit).min(max)
}

/// The fewest MR-row panels an A block (MC x KC, half of L2) should hold:
/// KC is lowered until it does. The first tile to use a B micro-panel reads
/// it from L3; the other tiles of the block find it in L1 or L2, so the
/// fewer the panels, the more of the time B's L3 latency shows. With the
/// L1 rule alone, f32 and c32 (48- and 24-row tiles) got KC = 768 and a
/// 3-panel block; KC = 544 with 5 panels ran sgemm 4096 +10%, 2048 +4%,
/// cgemm 2048 and 4096 +4% (Zen 5, paired runs). KC = 384 with 7 panels
/// did as well at 4096 but cost 4% at 512 (two k blocks instead of one).
/// f64 and c64 already had 7 panels and do not change.
const MIN_A_PANELS: usize = 5;

/// The KC x NC block of B takes this fraction of L3. Every A block of the
/// pass re-reads it, while A and C stream through the same L3 on their way
/// from and to DRAM (and, on a shared host, other cores' data with them);
/// at half of L3 part of it fell out between A blocks. A quarter ran
/// zgemm 4096 +4.6%, cgemm 4096 +2.5%, dgemm 4096 +2.4% (Zen 5, 32 MiB
/// L3, paired runs); `column_block` keeps the blocks of a product even.
const L3_SHARE_FOR_B: usize = 4;

/// NC for a product with `n` columns: at most `nc`, in as few blocks as
/// that allows, of even width (a multiple of `nr`), so that no block is a
/// sliver that pays a full pass over A for a few columns.
pub fn column_block(n: usize, nc: usize, nr: usize) -> usize {
    even_split(n, nc, nr)
}

/// Block sizes for GEMM on `T` with the kernels of `isa`, computed once
/// per (type, ISA) and cached: small products cannot afford the divisions.
pub fn blocking<T: Scalar>(isa: Isa) -> Blocking {
    #[allow(clippy::declare_interior_mutable_const)]
    const EMPTY: OnceLock<Blocking> = OnceLock::new();
    #[allow(clippy::declare_interior_mutable_const)]
    const ROW: [OnceLock<Blocking>; 3] = [EMPTY; 3];
    static CACHE: [[OnceLock<Blocking>; 3]; 4] = [ROW; 4];
    let t = match T::KIND {
        ScalarKind::F32 => 0,
        ScalarKind::F64 => 1,
        ScalarKind::C32 => 2,
        ScalarKind::C64 => 3,
    };
    *CACHE[t][isa as usize].get_or_init(|| compute::<T>(isa))
}

fn compute<T: Scalar>(isa: Isa) -> Blocking {
    let kern = T::gemm_kernel(isa);
    let (mr, nr) = (kern.mr, kern.nr);
    let size = core::mem::size_of::<T>();
    let c = caches();
    let kc = ((c.l1d / 2) / (nr * size))
        .min((c.l2 / 2) / (MIN_A_PANELS * mr * size))
        .clamp(64, 1024)
        / 8
        * 8;
    let mc = (((c.l2 / 2) / (kc * size)).max(mr) / mr * mr)
        .min(1200 / mr * mr)
        .max(mr);
    let nc = (((c.l3 / L3_SHARE_FOR_B) / (kc * size)).clamp(nr, 8192)) / nr * nr;
    let o = env_overrides();
    let kc = o[1].unwrap_or(kc);
    let mc = o[0].map_or(mc, |v| v.max(mr) / mr * mr);
    let nc = o[2].map_or(nc, |v| v.max(nr) / nr * nr);
    Blocking { mr, nr, mc, kc, nc }
}

#[cfg(test)]
mod tests {
    use super::{column_block, k_block};

    #[test]
    fn column_blocks_are_even_and_bounded() {
        assert_eq!(column_block(4096, 1924, 4), 1368);
        assert_eq!(column_block(2048, 1924, 4), 1024);
        assert_eq!(column_block(1000, 2728, 8), 1000);
        for n in 1..5000 {
            for (nc, nr) in [(1924, 4), (2728, 8), (8, 8), (4, 4)] {
                let b = column_block(n, nc, nr);
                assert!(b.is_multiple_of(nr) && b <= nc && b > 0, "n={n} nc={nc}");
                assert_eq!(n.div_ceil(b), n.div_ceil(nc), "n={n} nc={nc}");
            }
        }
    }

    #[test]
    fn k_blocks_are_even_and_bounded() {
        assert_eq!(k_block(100, 384), 384);
        assert_eq!(k_block(384, 384), 384);
        assert_eq!(k_block(512, 384), 256);
        assert_eq!(k_block(768, 384), 384);
        assert_eq!(k_block(2048, 384), 344);
        for k in 1..3000 {
            for kc in [64, 256, 384, 1000] {
                let b = k_block(k, kc);
                assert!(b <= kc && b.is_multiple_of(8) || b == kc);
                // No more blocks than the plain KC split.
                assert_eq!(k.div_ceil(b), k.div_ceil(kc), "k={k} kc={kc}");
            }
        }
    }
}
