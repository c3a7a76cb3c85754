//! LAPACK in Rust on the oxblas engine. Routines are generic over
//! [`Scalar`](crate::Scalar), named without the type letter (`getrf`, not
//! `dgetrf`), work on strided views, and report LAPACK's `info` as values:
//! `Err(Error::IllegalArgument)` for a bad argument, `Ok(info > 0)`-style
//! results for singular pivots or non-positive-definite minors.

pub mod cholesky;
pub mod lu;
pub mod norms;
pub mod qr;
pub mod triangular;
