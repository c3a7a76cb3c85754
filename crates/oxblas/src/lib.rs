//! # oxblas
//!
//! BLAS and LAPACK in Rust. This core crate holds the engine every door
//! (the C ABI `liboxblas.so`, the Python package) calls:
//!
//! * [`Scalar`]: f32, f64, [`c32`], [`c64`] behind one trait.
//! * [`MatRef`] / [`MatMut`]: strided views with checked constructors.
//! * [`arch`]: CPU features, caches, run-time ISA choice (`OXBLAS_ISA`).
//! * [`threads`]: one pool, one knob (`OXBLAS_NUM_THREADS`).
//! * [`blas`]: level 3 GEMM in the Goto/BLIS style over per-ISA micro-kernels.
//!
//! ```
//! use oxblas::{gemm, MatMut, MatRef, Op};
//! let a = [1.0, 2.0, 3.0, 4.0]; // 2x2 column-major: [[1, 3], [2, 4]]
//! let b = [1.0, 0.0, 0.0, 1.0];
//! let mut c = [0.0; 4];
//! gemm(Op::NoTrans, Op::NoTrans, 1.0,
//!      MatRef::col_major(&a, 2, 2, 2).unwrap(),
//!      MatRef::col_major(&b, 2, 2, 2).unwrap(),
//!      0.0, MatMut::col_major(&mut c, 2, 2, 2).unwrap()).unwrap();
//! assert_eq!(c, a);
//! ```

pub mod arch;
pub mod blas;
pub mod error;
pub(crate) mod kernels;
pub mod lapack;
pub mod mat;
mod mem;
pub mod scalar;
pub mod threads;
pub mod vec;

pub use arch::config_report;
pub use blas::level3::{gemm, Op};
pub use blas::{Diag, Side, Uplo};
pub use error::{Error, Result};
pub use kernels::HasKernels;
pub use mat::{MatMut, MatRef};
pub use scalar::{c32, c64, RealScalar, Scalar, ScalarKind};
pub use threads::{num_threads, set_num_threads, with_num_threads};
pub use vec::{VecMut, VecRef};
