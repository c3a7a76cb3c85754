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
//!   it: give it half of L1 -> `KC = (L1/2) / (NR * size)`.
//! * MC: the packed A block is reused for every B micro-panel of the NC
//!   block: let it fill half of L2 (the other half holds B micro-panels and
//!   C lines in flight) -> `MC = (L2/2) / (KC * size)`, a multiple of MR.
//! * NC: the packed B block is reused for every A block: let it take half of
//!   L3 -> `NC = (L3/2) / (KC * size)`, a multiple of NR, at most 8192.
//!
//! `OXBLAS_MC`, `OXBLAS_KC`, `OXBLAS_NC` override for tuning runs. KC alone
//! decides the floating-point summation order, and it depends only on the
//! type, the ISA and the caches, never on the thread count.

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
    let kc = ((c.l1d / 2) / (nr * size)).clamp(64, 1024) / 8 * 8;
    let mc = (((c.l2 / 2) / (kc * size)).max(mr) / mr * mr)
        .min(1200 / mr * mr)
        .max(mr);
    let nc = (((c.l3 / 2) / (kc * size)).clamp(nr, 8192)) / nr * nr;
    let o = env_overrides();
    let kc = o[1].unwrap_or(kc);
    let mc = o[0].map_or(mc, |v| v.max(mr) / mr * mr);
    let nc = o[2].map_or(nc, |v| v.max(nr) / nr * nr);
    Blocking { mr, nr, mc, kc, nc }
}
