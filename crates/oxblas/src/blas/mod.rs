//! BLAS levels 1-3 over strided views.

pub mod level3;
