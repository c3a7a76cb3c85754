//! Build script for liboxblas.so: gives the shared object the soname
//! `liboxblas.so.0`, so programs linked with `-loxblas` record that name and
//! a `libblas.so.3 -> liboxblas.so` link can stand in for the system BLAS.

fn main() {
    let target_os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if target_os == "linux" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liboxblas.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
