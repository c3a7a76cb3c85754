//! The Fortran BLAS ABI. Each file holds, per routine, the argument check in
//! the reference order (shared with the CBLAS door), the computation on
//! views (`run_*`, layout-aware so CBLAS reuses it) and the exported symbols.

pub(crate) mod level1;
pub(crate) mod level2;
pub(crate) mod level3;
