//! What machine are we on: instruction sets, cache sizes, and the ISA that
//! the kernels use. Everything here is detected once and cached.

mod cache;
mod isa;

pub use cache::{caches, CacheInfo};
pub use isa::{detected_isa, isa, set_isa_for_testing, with_isa, Isa};

/// A one-line description of the configuration in force: ISA, caches, GEMM
/// register and cache blocks for each type (MRxNR/MC/KC/NC), and the thread
/// count. `oxblas::config_report()`.
pub fn config_report() -> String {
    use crate::blas::level3::blocking;
    let c = caches();
    let isa = isa();
    let blocks = [
        ("s", blocking::<f32>(isa)),
        ("d", blocking::<f64>(isa)),
        ("c", blocking::<crate::c32>(isa)),
        ("z", blocking::<crate::c64>(isa)),
    ]
    .iter()
    .map(|(t, b)| format!("{t}={}x{}/{}/{}/{}", b.mr, b.nr, b.mc, b.kc, b.nc))
    .collect::<Vec<_>>()
    .join(" ");
    format!(
        "oxblas {}: isa={} (cpu supports {}), L1d={}K L2={}K L3={}K ({}), gemm MRxNR/MC/KC/NC {blocks}, threads={}",
        env!("CARGO_PKG_VERSION"),
        isa.name(),
        detected_isa().name(),
        c.l1d / 1024,
        c.l2 / 1024,
        c.l3 / 1024,
        c.source,
        crate::threads::num_threads()
    )
}
