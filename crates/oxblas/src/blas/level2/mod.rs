//! Level 2 BLAS: matrix-vector operations.
