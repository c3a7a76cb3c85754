//! SIMD kernels for level 1 and level 2 BLAS (vector and matrix-vector loops), per ISA.
