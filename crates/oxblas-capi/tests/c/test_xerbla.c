/* A program's own xerbla_ and cblas_xerbla must be the handlers oxblas
 * calls (as with the reference BLAS), not oxblas's built-in ones. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cblas.h"

void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t, size_t);

static char seen_name[16];
static int seen_info = -1, calls = 0;
static char seen_rout[32];
static int seen_cinfo = -1, ccalls = 0;

void xerbla_(const char *srname, const int *info, size_t len) {
    size_t n = len < 15 ? len : 15;
    memcpy(seen_name, srname, n);
    seen_name[n] = 0;
    seen_info = *info;
    calls++;
}

void cblas_xerbla(int info, const char *rout, const char *form, ...) {
    (void)form;
    snprintf(seen_rout, sizeof seen_rout, "%s", rout);
    seen_cinfo = info;
    ccalls++;
}

int main(void) {
    int failures = 0, checks = 0;
    double a[4] = {0}, b[4] = {0}, c[4] = {0}, one = 1.0;
    int m = 2, n = 2, k = 2, bad = 1, two = 2;

    /* LDA = 1 < M = 2: parameter 8. */
    dgemm_("N", "N", &m, &n, &k, &one, a, &bad, b, &two, &one, c, &two, 1, 1);
    checks++;
    if (calls != 1 || strncmp(seen_name, "DGEMM", 5) != 0 || seen_info != 8) {
        printf("FAIL: program's xerbla_ not called as expected (calls=%d name=%s info=%d)\n", calls,
               seen_name, seen_info);
        failures++;
    } else {
        printf("ok: program's xerbla_ received DGEMM, 8\n");
    }

    /* TRANSA = 'X': parameter 1. */
    dgemm_("X", "N", &m, &n, &k, &one, a, &two, b, &two, &one, c, &two, 1, 1);
    checks++;
    if (calls != 2 || seen_info != 1) {
        printf("FAIL: TRANSA='X' not reported as parameter 1 (info=%d)\n", seen_info);
        failures++;
    } else {
        printf("ok: TRANSA='X' reported as parameter 1\n");
    }

    /* CBLAS: an illegal layout goes to the program's cblas_xerbla. */
    cblas_dgemm((CBLAS_LAYOUT)0, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 2, b, 2, 0.0, c, 2);
    checks++;
    if (ccalls != 1 || strcmp(seen_rout, "cblas_dgemm") != 0 || seen_cinfo != 1) {
        printf("FAIL: program's cblas_xerbla not called as expected (calls=%d rout=%s info=%d)\n", ccalls,
               seen_rout, seen_cinfo);
        failures++;
    } else {
        printf("ok: program's cblas_xerbla received cblas_dgemm, 1\n");
    }

    /* CBLAS: a Fortran-level error (lda) reaches the program's xerbla_, as
     * with the reference CBLAS over a Fortran BLAS. */
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1.0, a, 1, b, 2, 0.0, c, 2);
    checks++;
    if (calls != 3 || seen_info != 8) {
        printf("FAIL: cblas_dgemm lda error not passed to xerbla_ (calls=%d info=%d)\n", calls, seen_info);
        failures++;
    } else {
        printf("ok: cblas_dgemm lda error reached xerbla_ as DGEMM, 8\n");
    }

    printf("capi-xerbla: %d passed, %d failed\n", checks - failures, failures);
    return failures != 0;
}
