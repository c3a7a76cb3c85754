//! Level 3 BLAS: matrix-matrix operations, all built on the GEMM engine.

mod blocking;
pub mod gemm;
pub(crate) mod pack;

pub use blocking::{blocking, Blocking};
pub use gemm::{gemm, Op};
