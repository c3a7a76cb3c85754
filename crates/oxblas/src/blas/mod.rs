//! BLAS levels 1-3 over strided views.

pub mod level1;
pub mod level2;
pub mod level3;
