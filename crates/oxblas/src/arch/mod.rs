//! What machine are we on: instruction sets, cache sizes, and the ISA that
//! the kernels use. Everything here is detected once and cached.

mod cache;
mod isa;

pub use cache::{caches, CacheInfo};
pub use isa::{detected_isa, isa, set_isa_for_testing, with_isa, Isa};

/// A one-line description of the configuration in force: ISA, caches, GEMM
/// block sizes for f64, and the thread count. `oxblas::config_report()`.
pub fn config_report() -> String {
    let c = caches();
    let isa = isa();
    let d = crate::blas::level3::blocking::<f64>(isa);
    let z = crate::blas::level3::blocking::<crate::c64>(isa);
    format!(
        "oxblas {}: isa={} (cpu supports {}), L1d={}K L2={}K L3={}K ({}), dgemm MRxNR={}x{} MC={} KC={} NC={}, zgemm MRxNR={}x{} MC={} KC={} NC={}, threads={}",
        env!("CARGO_PKG_VERSION"),
        isa.name(),
        detected_isa().name(),
        c.l1d / 1024,
        c.l2 / 1024,
        c.l3 / 1024,
        c.source,
        d.mr, d.nr, d.mc, d.kc, d.nc,
        z.mr, z.nr, z.mc, z.kc, z.nc,
        crate::threads::num_threads()
    )
}
