/*
 * cblas.h -- the C interface to the BLAS, as provided by liboxblas.
 *
 * Every routine exists twice in the same library:
 *   cblas_dgemm      sizes, increments and leading dimensions are `int`
 *   cblas_dgemm64_   the same routine with `int64_t` sizes (ILP64)
 * Enumerations keep the standard CBLAS values in both.
 * Complex scalars and arrays are passed as `void *` pointing to
 * {real, imaginary} pairs (C99 `float _Complex` / `double _Complex` layout).
 */
#ifndef OXBLAS_CBLAS_H
#define OXBLAS_CBLAS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum CBLAS_LAYOUT { CblasRowMajor = 101, CblasColMajor = 102 } CBLAS_LAYOUT;
typedef enum CBLAS_TRANSPOSE { CblasNoTrans = 111, CblasTrans = 112, CblasConjTrans = 113 } CBLAS_TRANSPOSE;
typedef enum CBLAS_UPLO { CblasUpper = 121, CblasLower = 122 } CBLAS_UPLO;
typedef enum CBLAS_DIAG { CblasNonUnit = 131, CblasUnit = 132 } CBLAS_DIAG;
typedef enum CBLAS_SIDE { CblasLeft = 141, CblasRight = 142 } CBLAS_SIDE;
typedef CBLAS_LAYOUT CBLAS_ORDER; /* the older name */

/* Index results (cblas_i?amax, cblas_i?amin): 0-based. */
#ifndef CBLAS_INDEX
#define CBLAS_INDEX size_t
#endif

/* The prototypes, written once for both integer widths: I is the integer
 * type, S the name suffix (empty or 64_). */
#define OXBLAS_CBLAS_PROTOTYPES(I, S) \
/* ---- Level 1 ---- */ \
float  cblas_sdsdot##S(const I N, const float alpha, const float *X, const I incX, const float *Y, const I incY); \
double cblas_dsdot##S(const I N, const float *X, const I incX, const float *Y, const I incY); \
float  cblas_sdot##S(const I N, const float *X, const I incX, const float *Y, const I incY); \
double cblas_ddot##S(const I N, const double *X, const I incX, const double *Y, const I incY); \
void cblas_cdotu_sub##S(const I N, const void *X, const I incX, const void *Y, const I incY, void *dotu); \
void cblas_cdotc_sub##S(const I N, const void *X, const I incX, const void *Y, const I incY, void *dotc); \
void cblas_zdotu_sub##S(const I N, const void *X, const I incX, const void *Y, const I incY, void *dotu); \
void cblas_zdotc_sub##S(const I N, const void *X, const I incX, const void *Y, const I incY, void *dotc); \
float  cblas_snrm2##S(const I N, const float *X, const I incX); \
float  cblas_sasum##S(const I N, const float *X, const I incX); \
double cblas_dnrm2##S(const I N, const double *X, const I incX); \
double cblas_dasum##S(const I N, const double *X, const I incX); \
float  cblas_scnrm2##S(const I N, const void *X, const I incX); \
float  cblas_scasum##S(const I N, const void *X, const I incX); \
double cblas_dznrm2##S(const I N, const void *X, const I incX); \
double cblas_dzasum##S(const I N, const void *X, const I incX); \
float  cblas_scabs1##S(const void *z); \
double cblas_dcabs1##S(const void *z); \
CBLAS_INDEX cblas_isamax##S(const I N, const float *X, const I incX); \
CBLAS_INDEX cblas_idamax##S(const I N, const double *X, const I incX); \
CBLAS_INDEX cblas_icamax##S(const I N, const void *X, const I incX); \
CBLAS_INDEX cblas_izamax##S(const I N, const void *X, const I incX); \
CBLAS_INDEX cblas_isamin##S(const I N, const float *X, const I incX); \
CBLAS_INDEX cblas_idamin##S(const I N, const double *X, const I incX); \
CBLAS_INDEX cblas_icamin##S(const I N, const void *X, const I incX); \
CBLAS_INDEX cblas_izamin##S(const I N, const void *X, const I incX); \
void cblas_sswap##S(const I N, float *X, const I incX, float *Y, const I incY); \
void cblas_scopy##S(const I N, const float *X, const I incX, float *Y, const I incY); \
void cblas_saxpy##S(const I N, const float alpha, const float *X, const I incX, float *Y, const I incY); \
void cblas_saxpby##S(const I N, const float alpha, const float *X, const I incX, const float beta, float *Y, const I incY); \
void cblas_dswap##S(const I N, double *X, const I incX, double *Y, const I incY); \
void cblas_dcopy##S(const I N, const double *X, const I incX, double *Y, const I incY); \
void cblas_daxpy##S(const I N, const double alpha, const double *X, const I incX, double *Y, const I incY); \
void cblas_daxpby##S(const I N, const double alpha, const double *X, const I incX, const double beta, double *Y, const I incY); \
void cblas_cswap##S(const I N, void *X, const I incX, void *Y, const I incY); \
void cblas_ccopy##S(const I N, const void *X, const I incX, void *Y, const I incY); \
void cblas_caxpy##S(const I N, const void *alpha, const void *X, const I incX, void *Y, const I incY); \
void cblas_caxpby##S(const I N, const void *alpha, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_zswap##S(const I N, void *X, const I incX, void *Y, const I incY); \
void cblas_zcopy##S(const I N, const void *X, const I incX, void *Y, const I incY); \
void cblas_zaxpy##S(const I N, const void *alpha, const void *X, const I incX, void *Y, const I incY); \
void cblas_zaxpby##S(const I N, const void *alpha, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_srotg##S(float *a, float *b, float *c, float *s); \
void cblas_srotmg##S(float *d1, float *d2, float *b1, const float b2, float *P); \
void cblas_srot##S(const I N, float *X, const I incX, float *Y, const I incY, const float c, const float s); \
void cblas_srotm##S(const I N, float *X, const I incX, float *Y, const I incY, const float *P); \
void cblas_drotg##S(double *a, double *b, double *c, double *s); \
void cblas_drotmg##S(double *d1, double *d2, double *b1, const double b2, double *P); \
void cblas_drot##S(const I N, double *X, const I incX, double *Y, const I incY, const double c, const double s); \
void cblas_drotm##S(const I N, double *X, const I incX, double *Y, const I incY, const double *P); \
void cblas_crotg##S(void *a, void *b, float *c, void *s); \
void cblas_zrotg##S(void *a, void *b, double *c, void *s); \
void cblas_csrot##S(const I N, void *X, const I incX, void *Y, const I incY, const float c, const float s); \
void cblas_zdrot##S(const I N, void *X, const I incX, void *Y, const I incY, const double c, const double s); \
void cblas_sscal##S(const I N, const float alpha, float *X, const I incX); \
void cblas_dscal##S(const I N, const double alpha, double *X, const I incX); \
void cblas_cscal##S(const I N, const void *alpha, void *X, const I incX); \
void cblas_zscal##S(const I N, const void *alpha, void *X, const I incX); \
void cblas_csscal##S(const I N, const float alpha, void *X, const I incX); \
void cblas_zdscal##S(const I N, const double alpha, void *X, const I incX); \
/* ---- Level 2 ---- */ \
void cblas_sgemv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const float alpha, const float *A, const I lda, const float *X, const I incX, const float beta, float *Y, const I incY); \
void cblas_sgbmv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const I KL, const I KU, const float alpha, const float *A, const I lda, const float *X, const I incX, const float beta, float *Y, const I incY); \
void cblas_strmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const float *A, const I lda, float *X, const I incX); \
void cblas_stbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const float *A, const I lda, float *X, const I incX); \
void cblas_stpmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const float *Ap, float *X, const I incX); \
void cblas_strsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const float *A, const I lda, float *X, const I incX); \
void cblas_stbsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const float *A, const I lda, float *X, const I incX); \
void cblas_stpsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const float *Ap, float *X, const I incX); \
void cblas_dgemv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const double alpha, const double *A, const I lda, const double *X, const I incX, const double beta, double *Y, const I incY); \
void cblas_dgbmv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const I KL, const I KU, const double alpha, const double *A, const I lda, const double *X, const I incX, const double beta, double *Y, const I incY); \
void cblas_dtrmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const double *A, const I lda, double *X, const I incX); \
void cblas_dtbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const double *A, const I lda, double *X, const I incX); \
void cblas_dtpmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const double *Ap, double *X, const I incX); \
void cblas_dtrsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const double *A, const I lda, double *X, const I incX); \
void cblas_dtbsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const double *A, const I lda, double *X, const I incX); \
void cblas_dtpsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const double *Ap, double *X, const I incX); \
void cblas_cgemv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_cgbmv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const I KL, const I KU, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_ctrmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *A, const I lda, void *X, const I incX); \
void cblas_ctbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const void *A, const I lda, void *X, const I incX); \
void cblas_ctpmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *Ap, void *X, const I incX); \
void cblas_ctrsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *A, const I lda, void *X, const I incX); \
void cblas_ctbsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const void *A, const I lda, void *X, const I incX); \
void cblas_ctpsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *Ap, void *X, const I incX); \
void cblas_zgemv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_zgbmv##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, const I M, const I N, const I KL, const I KU, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_ztrmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *A, const I lda, void *X, const I incX); \
void cblas_ztbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const void *A, const I lda, void *X, const I incX); \
void cblas_ztpmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *Ap, void *X, const I incX); \
void cblas_ztrsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *A, const I lda, void *X, const I incX); \
void cblas_ztbsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const I K, const void *A, const I lda, void *X, const I incX); \
void cblas_ztpsv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I N, const void *Ap, void *X, const I incX); \
void cblas_ssymv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const float *A, const I lda, const float *X, const I incX, const float beta, float *Y, const I incY); \
void cblas_ssbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const I K, const float alpha, const float *A, const I lda, const float *X, const I incX, const float beta, float *Y, const I incY); \
void cblas_sspmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const float *Ap, const float *X, const I incX, const float beta, float *Y, const I incY); \
void cblas_sger##S(CBLAS_LAYOUT layout, const I M, const I N, const float alpha, const float *X, const I incX, const float *Y, const I incY, float *A, const I lda); \
void cblas_ssyr##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const float *X, const I incX, float *A, const I lda); \
void cblas_sspr##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const float *X, const I incX, float *Ap); \
void cblas_ssyr2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const float *X, const I incX, const float *Y, const I incY, float *A, const I lda); \
void cblas_sspr2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const float *X, const I incX, const float *Y, const I incY, float *A); \
void cblas_dsymv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const double *A, const I lda, const double *X, const I incX, const double beta, double *Y, const I incY); \
void cblas_dsbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const I K, const double alpha, const double *A, const I lda, const double *X, const I incX, const double beta, double *Y, const I incY); \
void cblas_dspmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const double *Ap, const double *X, const I incX, const double beta, double *Y, const I incY); \
void cblas_dger##S(CBLAS_LAYOUT layout, const I M, const I N, const double alpha, const double *X, const I incX, const double *Y, const I incY, double *A, const I lda); \
void cblas_dsyr##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const double *X, const I incX, double *A, const I lda); \
void cblas_dspr##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const double *X, const I incX, double *Ap); \
void cblas_dsyr2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const double *X, const I incX, const double *Y, const I incY, double *A, const I lda); \
void cblas_dspr2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const double *X, const I incX, const double *Y, const I incY, double *A); \
void cblas_chemv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_chbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const I K, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_chpmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *Ap, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_cgeru##S(CBLAS_LAYOUT layout, const I M, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *A, const I lda); \
void cblas_cgerc##S(CBLAS_LAYOUT layout, const I M, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *A, const I lda); \
void cblas_cher##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const void *X, const I incX, void *A, const I lda); \
void cblas_chpr##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const float alpha, const void *X, const I incX, void *A); \
void cblas_cher2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *A, const I lda); \
void cblas_chpr2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *Ap); \
void cblas_zhemv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_zhbmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const I K, const void *alpha, const void *A, const I lda, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_zhpmv##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *Ap, const void *X, const I incX, const void *beta, void *Y, const I incY); \
void cblas_zgeru##S(CBLAS_LAYOUT layout, const I M, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *A, const I lda); \
void cblas_zgerc##S(CBLAS_LAYOUT layout, const I M, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *A, const I lda); \
void cblas_zher##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const void *X, const I incX, void *A, const I lda); \
void cblas_zhpr##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const double alpha, const void *X, const I incX, void *A); \
void cblas_zher2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *A, const I lda); \
void cblas_zhpr2##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, const I N, const void *alpha, const void *X, const I incX, const void *Y, const I incY, void *Ap); \
/* ---- Level 3 ---- */ \
void cblas_sgemm##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I M, const I N, const I K, const float alpha, const float *A, const I lda, const float *B, const I ldb, const float beta, float *C, const I ldc); \
void cblas_sgemmt##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I N, const I K, const float alpha, const float *A, const I lda, const float *B, const I ldb, const float beta, float *C, const I ldc); \
void cblas_ssymm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, const I M, const I N, const float alpha, const float *A, const I lda, const float *B, const I ldb, const float beta, float *C, const I ldc); \
void cblas_ssyrk##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const float alpha, const float *A, const I lda, const float beta, float *C, const I ldc); \
void cblas_ssyr2k##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const float alpha, const float *A, const I lda, const float *B, const I ldb, const float beta, float *C, const I ldc); \
void cblas_strmm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const float alpha, const float *A, const I lda, float *B, const I ldb); \
void cblas_strsm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const float alpha, const float *A, const I lda, float *B, const I ldb); \
void cblas_dgemm##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I M, const I N, const I K, const double alpha, const double *A, const I lda, const double *B, const I ldb, const double beta, double *C, const I ldc); \
void cblas_dgemmt##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I N, const I K, const double alpha, const double *A, const I lda, const double *B, const I ldb, const double beta, double *C, const I ldc); \
void cblas_dsymm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, const I M, const I N, const double alpha, const double *A, const I lda, const double *B, const I ldb, const double beta, double *C, const I ldc); \
void cblas_dsyrk##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const double alpha, const double *A, const I lda, const double beta, double *C, const I ldc); \
void cblas_dsyr2k##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const double alpha, const double *A, const I lda, const double *B, const I ldb, const double beta, double *C, const I ldc); \
void cblas_dtrmm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const double alpha, const double *A, const I lda, double *B, const I ldb); \
void cblas_dtrsm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const double alpha, const double *A, const I lda, double *B, const I ldb); \
void cblas_cgemm##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I M, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_cgemmt##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_csymm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, const I M, const I N, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_chemm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, const I M, const I N, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_csyrk##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const void *alpha, const void *A, const I lda, const void *beta, void *C, const I ldc); \
void cblas_cherk##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const float alpha, const void *A, const I lda, const float beta, void *C, const I ldc); \
void cblas_csyr2k##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_cher2k##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const float beta, void *C, const I ldc); \
void cblas_ctrmm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const void *alpha, const void *A, const I lda, void *B, const I ldb); \
void cblas_ctrsm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const void *alpha, const void *A, const I lda, void *B, const I ldb); \
void cblas_zgemm##S(CBLAS_LAYOUT layout, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I M, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_zgemmt##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_TRANSPOSE TransB, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_zsymm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, const I M, const I N, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_zhemm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, const I M, const I N, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_zsyrk##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const void *alpha, const void *A, const I lda, const void *beta, void *C, const I ldc); \
void cblas_zherk##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const double alpha, const void *A, const I lda, const double beta, void *C, const I ldc); \
void cblas_zsyr2k##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const void *beta, void *C, const I ldc); \
void cblas_zher2k##S(CBLAS_LAYOUT layout, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE Trans, const I N, const I K, const void *alpha, const void *A, const I lda, const void *B, const I ldb, const double beta, void *C, const I ldc); \
void cblas_ztrmm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const void *alpha, const void *A, const I lda, void *B, const I ldb); \
void cblas_ztrsm##S(CBLAS_LAYOUT layout, CBLAS_SIDE Side, CBLAS_UPLO Uplo, CBLAS_TRANSPOSE TransA, CBLAS_DIAG Diag, const I M, const I N, const void *alpha, const void *A, const I lda, void *B, const I ldb);

OXBLAS_CBLAS_PROTOTYPES(int, )
OXBLAS_CBLAS_PROTOTYPES(int64_t, 64_)

#undef OXBLAS_CBLAS_PROTOTYPES

/* Error handlers. oxblas's own print a message to stderr and return; a
 * program may define its own (its definition is the one oxblas calls). */
void cblas_xerbla(int p, const char *rout, const char *form, ...);
void cblas_xerbla64_(int64_t p, const char *rout, const char *form, ...);

#ifdef __cplusplus
}
#endif

#endif /* OXBLAS_CBLAS_H */
