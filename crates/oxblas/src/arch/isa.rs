//! Run-time choice of the instruction set for the micro-kernels.
//!
//! The best ISA the CPU supports is chosen once. `OXBLAS_ISA=portable|avx2|avx512`
//! asks for another; a request above what the CPU can run is clamped down,
//! with a message on stderr, never executed.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// The kernel families oxblas ships, ordered from least to most capable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Isa {
    /// Plain Rust, any CPU.
    Portable = 0,
    /// x86-64 AVX2 + FMA3 (16 ymm registers).
    Avx2 = 1,
    /// x86-64 AVX-512F (32 zmm registers).
    Avx512 = 2,
}

impl Isa {
    pub fn name(self) -> &'static str {
        match self {
            Isa::Portable => "portable",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
        }
    }
    pub fn parse(s: &str) -> Option<Isa> {
        match s.trim().to_ascii_lowercase().as_str() {
            "portable" | "generic" | "scalar" => Some(Isa::Portable),
            "avx2" | "fma" | "haswell" => Some(Isa::Avx2),
            "avx512" | "avx512f" | "skx" => Some(Isa::Avx512),
            _ => None,
        }
    }
    fn from_u8(v: u8) -> Isa {
        match v {
            2 => Isa::Avx512,
            1 => Isa::Avx2,
            _ => Isa::Portable,
        }
    }
    /// Every ISA this CPU can run, from portable up.
    pub fn all_supported() -> Vec<Isa> {
        [Isa::Portable, Isa::Avx2, Isa::Avx512]
            .into_iter()
            .filter(|&i| i <= detected_isa())
            .collect()
    }
}

/// The best ISA the CPU (and OS, via XSAVE state) supports.
pub fn detected_isa() -> Isa {
    static DETECTED: OnceLock<Isa> = OnceLock::new();
    *DETECTED.get_or_init(|| {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f") {
                return Isa::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2")
                && std::arch::is_x86_feature_detected!("fma")
            {
                return Isa::Avx2;
            }
        }
        Isa::Portable
    })
}

const UNSET: u8 = u8::MAX;
static CURRENT: AtomicU8 = AtomicU8::new(UNSET);

thread_local! {
    static THREAD_ISA: core::cell::Cell<u8> = const { core::cell::Cell::new(UNSET) };
}

/// The ISA in use: a `with_isa` override on this thread, else the detected
/// one or OXBLAS_ISA clamped to it.
#[inline]
pub fn isa() -> Isa {
    let t = THREAD_ISA.with(|c| c.get());
    if t != UNSET {
        return Isa::from_u8(t);
    }
    let v = CURRENT.load(Ordering::Relaxed);
    if v != UNSET {
        return Isa::from_u8(v);
    }
    let chosen = choose_from_env();
    CURRENT.store(chosen as u8, Ordering::Relaxed);
    chosen
}

fn choose_from_env() -> Isa {
    let best = detected_isa();
    match std::env::var("OXBLAS_ISA") {
        Ok(s) if !s.trim().is_empty() => match Isa::parse(&s) {
            Some(req) if req <= best => req,
            Some(req) => {
                eprintln!(
                    "oxblas: OXBLAS_ISA={} is not supported by this CPU; using {} instead",
                    req.name(),
                    best.name()
                );
                best
            }
            None => {
                eprintln!(
                    "oxblas: OXBLAS_ISA={s:?} is not one of portable, avx2, avx512; using {}",
                    best.name()
                );
                best
            }
        },
        _ => best,
    }
}

/// Runs `f` with `req` (clamped to the CPU) as the ISA of calls made from
/// this thread; tests use it to exercise every kernel family side by side.
pub fn with_isa<R>(req: Isa, f: impl FnOnce() -> R) -> R {
    let chosen = req.min(detected_isa());
    let prev = THREAD_ISA.with(|c| c.replace(chosen as u8));
    struct Restore(u8);
    impl Drop for Restore {
        fn drop(&mut self) {
            THREAD_ISA.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(prev);
    f()
}

/// Switch the ISA for the whole process (tests and benchmarks use it to run
/// every kernel family); clamped to what the CPU supports. Returns the ISA set.
pub fn set_isa_for_testing(req: Isa) -> Isa {
    let chosen = req.min(detected_isa());
    CURRENT.store(chosen as u8, Ordering::Relaxed);
    chosen
}
