//! Build script for liboxblas.so.
//!
//! 1. Gives the shared object the soname `liboxblas.so.0`, so programs linked
//!    with `-loxblas` record that name and a `libblas.so.3 -> liboxblas.so`
//!    link can stand in for the system BLAS.
//! 2. Detects which core routines exist. Level 1, Level 2 and most of Level 3
//!    are being written in the core concurrently with this crate; each C/Fortran
//!    wrapper is compiled only once the core routine it calls is present
//!    (`cfg(core_has_<name>)`), so the crate builds at every step.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Core routines the wrappers call, by the directory that defines them.
const PROBES: &[(&str, &[&str])] = &[
    (
        "level1",
        &[
            "rotg",
            "rotmg",
            "rotm",
            "rot",
            "swap",
            "copy",
            "scal",
            "scal_real",
            "axpy",
            "axpby",
            "dot",
            "dotc",
            "sdsdot",
            "dsdot",
            "nrm2",
            "asum",
            "iamax",
            "iamin",
        ],
    ),
    (
        "level2",
        &[
            "gemv", "gbmv", "symv", "hemv", "sbmv", "hbmv", "spmv", "hpmv", "trmv", "trsv", "tbmv",
            "tbsv", "tpmv", "tpsv", "ger", "gerc", "syr", "her", "spr", "hpr", "syr2", "her2",
            "spr2", "hpr2",
        ],
    ),
    (
        "level3",
        &[
            "symm", "hemm", "syrk", "herk", "syr2k", "her2k", "trmm", "trsm", "gemmt",
        ],
    ),
];

fn public_fns(dir: &Path, out: &mut BTreeSet<String>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            public_fns(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let Ok(text) = fs::read_to_string(&p) else {
                continue;
            };
            for line in text.lines() {
                let t = line.trim_start();
                if let Some(rest) = t.strip_prefix("pub fn ") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.insert(name);
                } else if t.starts_with("pub use ") {
                    // `pub use rankk::{gemmt, syrk};` re-exports count too.
                    for w in t.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                        out.insert(w.to_string());
                    }
                }
            }
        }
    }
}

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liboxblas.so.0");
    }
    let blas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../oxblas/src/blas");
    println!("cargo:rerun-if-changed=build.rs");
    for (dir, names) in PROBES {
        let d = blas.join(dir);
        println!("cargo:rerun-if-changed={}", d.display());
        let mut found = BTreeSet::new();
        public_fns(&d, &mut found);
        for n in *names {
            println!("cargo::rustc-check-cfg=cfg(core_has_{n})");
            if found.contains(*n) {
                println!("cargo:rustc-cfg=core_has_{n}");
            }
        }
    }
}
