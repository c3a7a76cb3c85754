/*
 * oxblas.h -- liboxblas extras beyond the BLAS standard.
 *
 * Link with -loxblas (pkg-config --libs oxblas). The BLAS itself is declared
 * in <cblas.h>; the Fortran symbols (dgemm_, dgemm_64_, ...) follow the
 * gfortran calling convention.
 */
#ifndef OXBLAS_H
#define OXBLAS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Threads used by oxblas (one pool for the process; n < 1 means 1).
 * The environment variable OXBLAS_NUM_THREADS sets the initial value. */
void oxblas_set_num_threads(int n);
int oxblas_get_num_threads(void);

/* A human-readable description of the configuration: chosen ISA
 * (override with OXBLAS_ISA), caches, block sizes, threads. The string
 * belongs to the library; do not free it. */
const char *oxblas_get_config(void);

/* Fortran error handler, as in the reference BLAS: prints
 * " ** On entry to NAME parameter number N had an illegal value" and
 * returns. A program's own xerbla_ takes precedence. */
void xerbla_(const char *srname, const int *info, size_t srname_len);
void xerbla_64_(const char *srname, const int64_t *info, size_t srname_len);

#ifdef __cplusplus
}
#endif

#endif /* OXBLAS_H */
