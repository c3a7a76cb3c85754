//! The CBLAS ABI: layout and enumeration handling over the Fortran door's
//! checks and computations.
//!
//! Row-major calls are checked as the reference CBLAS checks them, by the
//! Fortran-level check on the transposed problem (so that error positions
//! reach `xerbla_`/`cblas_xerbla` exactly as there), then computed directly
//! on row-major views: the core takes any strides, so no conjugated copies
//! are needed.

mod common;
mod level1;
mod level2;
mod level3;
