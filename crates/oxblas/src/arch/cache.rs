//! Cache sizes, read once from sysfs (Linux), else from CPUID, else defaults.

use std::sync::OnceLock;

#[derive(Clone, Copy, Debug)]
pub struct CacheInfo {
    /// Per-core L1 data cache, bytes.
    pub l1d: usize,
    pub l1d_ways: usize,
    /// Per-core (or per-cluster) L2, bytes.
    pub l2: usize,
    pub l2_ways: usize,
    /// Last-level cache as seen by one core, bytes.
    pub l3: usize,
    /// Where the numbers came from: "sysfs", "cpuid" or "default".
    pub source: &'static str,
}

impl CacheInfo {
    const DEFAULT: CacheInfo = CacheInfo {
        l1d: 32 << 10,
        l1d_ways: 8,
        l2: 1 << 20,
        l2_ways: 8,
        l3: 8 << 20,
        source: "default",
    };
}

/// Detected caches (cached after the first call). `OXBLAS_L1D`, `OXBLAS_L2`,
/// `OXBLAS_L3` (bytes, K or M suffix) override for tuning experiments.
pub fn caches() -> CacheInfo {
    static CACHES: OnceLock<CacheInfo> = OnceLock::new();
    *CACHES.get_or_init(|| {
        let mut c = from_sysfs()
            .or_else(from_cpuid)
            .unwrap_or(CacheInfo::DEFAULT);
        if let Some(v) = env_size("OXBLAS_L1D") {
            c.l1d = v;
        }
        if let Some(v) = env_size("OXBLAS_L2") {
            c.l2 = v;
        }
        if let Some(v) = env_size("OXBLAS_L3") {
            c.l3 = v;
        }
        c
    })
}

fn env_size(name: &str) -> Option<usize> {
    parse_size(&std::env::var(name).ok()?)
}

/// "48K", "1024K", "32M", "65536" -> bytes.
fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'K' | 'k' => (&s[..s.len() - 1], 1 << 10),
        'M' | 'm' => (&s[..s.len() - 1], 1 << 20),
        'G' | 'g' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim()
        .parse::<usize>()
        .ok()?
        .checked_mul(mult)
        .filter(|&v| v > 0)
}

fn from_sysfs() -> Option<CacheInfo> {
    let base = std::path::Path::new("/sys/devices/system/cpu/cpu0/cache");
    let mut c = CacheInfo {
        l1d: 0,
        l1d_ways: 0,
        l2: 0,
        l2_ways: 0,
        l3: 0,
        source: "sysfs",
    };
    for entry in std::fs::read_dir(base).ok()? {
        let dir = entry.ok()?.path();
        let read = |f: &str| {
            std::fs::read_to_string(dir.join(f))
                .ok()
                .map(|s| s.trim().to_string())
        };
        let (Some(level), Some(kind), Some(size)) = (read("level"), read("type"), read("size"))
        else {
            continue;
        };
        let size = parse_size(&size)?;
        let ways = read("ways_of_associativity")
            .and_then(|w| w.parse().ok())
            .unwrap_or(8);
        match (level.as_str(), kind.as_str()) {
            ("1", "Data") => (c.l1d, c.l1d_ways) = (size, ways),
            ("2", "Unified") => (c.l2, c.l2_ways) = (size, ways),
            ("3", "Unified") => c.l3 = size,
            _ => {}
        }
    }
    (c.l1d > 0 && c.l2 > 0).then(|| {
        if c.l3 == 0 {
            c.l3 = c.l2;
        }
        c
    })
}

#[cfg(target_arch = "x86_64")]
fn from_cpuid() -> Option<CacheInfo> {
    use std::arch::x86_64::{__cpuid, __cpuid_count};
    // CPUID exists on every x86-64 CPU (a safe intrinsic).
    let max_ext = __cpuid(0x8000_0000).eax;
    // Leaf 4 (Intel) and 0x8000_001D (AMD) have the same deterministic
    // cache-parameter layout.
    let leaf = if max_ext >= 0x8000_001D {
        0x8000_001D
    } else {
        4
    };
    let mut c = CacheInfo {
        l1d: 0,
        l1d_ways: 0,
        l2: 0,
        l2_ways: 0,
        l3: 0,
        source: "cpuid",
    };
    for sub in 0..8 {
        // Unknown sub-leaves report type 0, which ends the loop.
        let r = __cpuid_count(leaf, sub);
        let kind = r.eax & 0x1f;
        if kind == 0 {
            break;
        }
        let level = (r.eax >> 5) & 7;
        let ways = ((r.ebx >> 22) & 0x3ff) as usize + 1;
        let parts = ((r.ebx >> 12) & 0x3ff) as usize + 1;
        let line = (r.ebx & 0xfff) as usize + 1;
        let sets = r.ecx as usize + 1;
        let size = ways * parts * line * sets;
        match (level, kind) {
            (1, 1) => (c.l1d, c.l1d_ways) = (size, ways),
            (2, 3) => (c.l2, c.l2_ways) = (size, ways),
            (3, 3) => c.l3 = size,
            _ => {}
        }
    }
    (c.l1d > 0 && c.l2 > 0).then(|| {
        if c.l3 == 0 {
            c.l3 = c.l2;
        }
        c
    })
}

#[cfg(not(target_arch = "x86_64"))]
fn from_cpuid() -> Option<CacheInfo> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("48K"), Some(48 << 10));
        assert_eq!(parse_size("32768K"), Some(32 << 20));
        assert_eq!(parse_size("1M"), Some(1 << 20));
        assert_eq!(parse_size("x"), None);
        assert_eq!(parse_size("0"), None);
    }

    #[test]
    fn detected_caches_are_plausible() {
        let c = caches();
        assert!(c.l1d >= 8 << 10 && c.l1d <= 1 << 20, "{c:?}");
        assert!(c.l2 >= c.l1d && c.l3 >= c.l2 / 2, "{c:?}");
    }
}
