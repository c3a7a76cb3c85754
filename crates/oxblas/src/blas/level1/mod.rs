//! Level 1 BLAS: vector-vector operations.
