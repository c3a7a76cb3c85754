//! BLAS levels 1-3 over strided views.
//!
//! Routines are generic over [`Scalar`](crate::Scalar) and named without the
//! type letter (`gemm`, not `dgemm`); the C ABI maps `dgemm_` to `gemm::<f64>`.

pub mod level1;
pub mod level2;
pub mod level3;

pub use level3::Op;

/// Which triangle of a symmetric, Hermitian or triangular matrix is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Uplo {
    Upper,
    Lower,
}

/// Whether a triangular matrix has an implicit unit diagonal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Diag {
    Unit,
    NonUnit,
}

/// On which side the special matrix multiplies (`Left`: op(A)*B).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Left,
    Right,
}
