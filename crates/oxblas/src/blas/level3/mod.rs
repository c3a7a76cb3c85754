//! Level 3 BLAS: matrix-matrix operations, all built on the GEMM engine.

mod blocking;
mod common;
pub mod gemm;
pub(crate) mod pack;
mod rankk;
mod symm;
mod trmm;

pub use blocking::{blocking, Blocking};
pub use gemm::{gemm, Op};
pub use rankk::{gemmt, her2k, herk, syr2k, syrk};
pub use symm::{hemm, symm};
pub use trmm::{trmm, trsm};
