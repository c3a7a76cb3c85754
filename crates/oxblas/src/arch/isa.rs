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
    let (isa, message) =
        resolve_request(std::env::var("OXBLAS_ISA").ok().as_deref(), detected_isa());
    if let Some(m) = message {
        eprintln!("oxblas: {m}");
    }
    isa
}

/// The ISA to use for an `OXBLAS_ISA` value on a CPU whose best is `best`,
/// and the message to print when the request cannot be honoured.
fn resolve_request(request: Option<&str>, best: Isa) -> (Isa, Option<String>) {
    let Some(s) = request.filter(|s| !s.trim().is_empty()) else {
        return (best, None);
    };
    match Isa::parse(s) {
        Some(req) if req <= best => (req, None),
        Some(req) => (
            best,
            Some(format!(
                "OXBLAS_ISA={} is not supported by this CPU; using {} instead",
                req.name(),
                best.name()
            )),
        ),
        None => (
            best,
            Some(format!(
                "OXBLAS_ISA={s:?} is not one of portable, avx2, avx512; using {}",
                best.name()
            )),
        ),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_clamped_with_a_message() {
        assert_eq!(resolve_request(None, Isa::Avx2), (Isa::Avx2, None));
        assert_eq!(
            resolve_request(Some("portable"), Isa::Avx512).0,
            Isa::Portable
        );
        assert_eq!(
            resolve_request(Some("AVX2"), Isa::Avx512),
            (Isa::Avx2, None)
        );
        let (isa, msg) = resolve_request(Some("avx512"), Isa::Avx2);
        assert_eq!(isa, Isa::Avx2);
        assert!(msg.unwrap().contains("not supported"));
        let (isa, msg) = resolve_request(Some("sse9"), Isa::Portable);
        assert_eq!(isa, Isa::Portable);
        assert!(msg.unwrap().contains("not one of"));
    }

    #[test]
    fn with_isa_scopes_to_the_thread() {
        let outer = isa();
        with_isa(Isa::Portable, || assert_eq!(isa(), Isa::Portable));
        assert_eq!(isa(), outer);
    }
}
