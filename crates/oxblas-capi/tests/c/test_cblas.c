/* Checks liboxblas through its C interfaces: CBLAS (row- and column-major),
 * the ILP64 symbols, the Fortran ABI called from C (including complex
 * results returned by value), the extras in oxblas.h, and that an illegal
 * argument is reported without ending the process.
 * Build: cc test_cblas.c -I include -L <dir> -loxblas -lm */
#include <complex.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cblas.h"
#include "oxblas.h"

/* Fortran symbols, declared by hand as a C caller of a Fortran BLAS would. */
void dgemm_(const char *ta, const char *tb, const int *m, const int *n, const int *k,
            const double *alpha, const double *a, const int *lda, const double *b,
            const int *ldb, const double *beta, double *c, const int *ldc, size_t, size_t);
void dgemm_64_(const char *ta, const char *tb, const int64_t *m, const int64_t *n,
               const int64_t *k, const double *alpha, const double *a, const int64_t *lda,
               const double *b, const int64_t *ldb, const double *beta, double *c,
               const int64_t *ldc, size_t, size_t);
double _Complex zdotc_(const int *n, const double _Complex *x, const int *incx,
                       const double _Complex *y, const int *incy);
float _Complex cdotu_(const int *n, const float _Complex *x, const int *incx,
                      const float _Complex *y, const int *incy);

static int failures = 0, checks = 0;

static void check(int ok, const char *what) {
    checks++;
    if (!ok) {
        failures++;
        printf("FAIL: %s\n", what);
    } else {
        printf("ok: %s\n", what);
    }
}

static double rnd(unsigned *s) {
    *s = *s * 1103515245u + 12345u;
    return ((*s >> 8) & 0xffff) / 32768.0 - 1.0;
}

/* C = alpha*op(A)*op(B) + beta*C, naive, column-major, real. */
static void ref_dgemm(int ta, int tb, int m, int n, int k, double alpha, const double *a, int lda,
                      const double *b, int ldb, double beta, double *c, int ldc) {
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int p = 0; p < k; p++) {
                double x = ta ? a[p + i * lda] : a[i + p * lda];
                double y = tb ? b[j + p * ldb] : b[p + j * ldb];
                s += x * y;
            }
            c[i + j * ldc] = alpha * s + (beta == 0 ? 0 : beta * c[i + j * ldc]);
        }
}

static double maxdiff(const double *x, const double *y, int n) {
    double d = 0;
    for (int i = 0; i < n; i++) d = fmax(d, fabs(x[i] - y[i]));
    return d;
}

int main(void) {
    unsigned seed = 7;
    const int m = 37, n = 29, k = 41, lda = 50, ldb = 50, ldc = 40;
    double *a = malloc(sizeof(double) * lda * 50), *b = malloc(sizeof(double) * ldb * 50);
    double *c = malloc(sizeof(double) * ldc * 50), *r = malloc(sizeof(double) * ldc * 50);
    for (int i = 0; i < lda * 50; i++) a[i] = rnd(&seed);
    for (int i = 0; i < ldb * 50; i++) b[i] = rnd(&seed);

    /* Column-major, every transpose combination. */
    for (int ta = 0; ta < 2; ta++)
        for (int tb = 0; tb < 2; tb++) {
            for (int i = 0; i < ldc * 50; i++) c[i] = r[i] = rnd(&seed);
            cblas_dgemm(CblasColMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                        m, n, k, 0.5, a, lda, b, ldb, -1.5, c, ldc);
            ref_dgemm(ta, tb, m, n, k, 0.5, a, lda, b, ldb, -1.5, r, ldc);
            char what[80];
            snprintf(what, sizeof what, "cblas_dgemm col-major ta=%d tb=%d", ta, tb);
            check(maxdiff(c, r, ldc * n) < 1e-12, what);
        }

    /* Row-major: C (m x n, ldc) = A (m x k, lda) * B (k x n, ldb); as
     * column-major this is C^T = B^T A^T. */
    for (int i = 0; i < ldc * 50; i++) c[i] = r[i] = rnd(&seed);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
    ref_dgemm(0, 0, n, m, k, 1.0, b, ldb, a, lda, 0.0, r, ldc);
    check(maxdiff(c, r, ldc * m) < 1e-12, "cblas_dgemm row-major");

    /* beta = 0 must overwrite NaN in C. */
    for (int i = 0; i < ldc * 50; i++) c[i] = NAN;
    for (int i = 0; i < ldc * 50; i++) r[i] = 0;
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, lda, b, ldb, 0.0, c, ldc);
    ref_dgemm(0, 0, m, n, k, 1.0, a, lda, b, ldb, 0.0, r, ldc);
    int finite = 1;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) finite &= isfinite(c[i + j * ldc]) && fabs(c[i + j * ldc] - r[i + j * ldc]) < 1e-12;
    check(finite, "cblas_dgemm beta=0 overwrites NaN");

    /* ILP64: CBLAS and Fortran. */
    for (int i = 0; i < ldc * 50; i++) c[i] = r[i] = rnd(&seed);
    cblas_dgemm64_(CblasColMajor, CblasTrans, CblasNoTrans, (int64_t)m, (int64_t)n, (int64_t)k, 2.0, a,
                   (int64_t)lda, b, (int64_t)ldb, 1.0, c, (int64_t)ldc);
    ref_dgemm(1, 0, m, n, k, 2.0, a, lda, b, ldb, 1.0, r, ldc);
    check(maxdiff(c, r, ldc * n) < 1e-12, "cblas_dgemm64_");
    {
        int64_t M = m, N = n, K = k, LDA = lda, LDB = ldb, LDC = ldc;
        double al = -1.0, be = 0.25;
        for (int i = 0; i < ldc * 50; i++) c[i] = r[i] = rnd(&seed);
        dgemm_64_("N", "T", &M, &N, &K, &al, a, &LDA, b, &LDB, &be, c, &LDC, 1, 1);
        ref_dgemm(0, 1, m, n, k, al, a, lda, b, ldb, be, r, ldc);
        check(maxdiff(c, r, ldc * n) < 1e-12, "dgemm_64_");
    }
    {
        int M = m, N = n, K = k, LDA = lda, LDB = ldb, LDC = ldc;
        double al = 1.0, be = 0.0;
        for (int i = 0; i < ldc * 50; i++) c[i] = r[i] = rnd(&seed);
        dgemm_("T", "T", &M, &N, &K, &al, a, &LDA, b, &LDB, &be, c, &LDC, 1, 1);
        ref_dgemm(1, 1, m, n, k, al, a, lda, b, ldb, be, r, ldc);
        check(maxdiff(c, r, ldc * n) < 1e-12, "dgemm_ from C");
    }

    /* zgemm, row- and column-major, ConjTrans, against a naive loop. */
    {
        enum { ZM = 9, ZN = 7, ZK = 11 };
        double _Complex za[ZM * ZK], zb[ZK * ZN], zc[ZM * ZN], zr[ZM * ZN];
        for (int i = 0; i < ZM * ZK; i++) za[i] = rnd(&seed) + I * rnd(&seed);
        for (int i = 0; i < ZK * ZN; i++) zb[i] = rnd(&seed) + I * rnd(&seed);
        double _Complex alpha = 0.5 - 1.0 * I, beta = 0.75 + 0.25 * I;
        for (int layout = 0; layout < 2; layout++) {
            for (int i = 0; i < ZM * ZN; i++) zc[i] = zr[i] = rnd(&seed) + I * rnd(&seed);
            /* op(A) = A^H with A stored k x m; op(B) = B stored k x n. */
            for (int i = 0; i < ZM; i++)
                for (int j = 0; j < ZN; j++) {
                    double _Complex s = 0;
                    for (int p = 0; p < ZK; p++) {
                        double _Complex aa = layout ? za[p * ZM + i] : za[p + i * ZK];
                        double _Complex bb = layout ? zb[p * ZN + j] : zb[p + j * ZK];
                        s += conj(aa) * bb;
                    }
                    double _Complex *cij = layout ? &zr[i * ZN + j] : &zr[i + j * ZM];
                    *cij = alpha * s + beta * *cij;
                }
            if (layout)
                cblas_zgemm(CblasRowMajor, CblasConjTrans, CblasNoTrans, ZM, ZN, ZK, &alpha, za, ZM, zb, ZN,
                            &beta, zc, ZN);
            else
                cblas_zgemm(CblasColMajor, CblasConjTrans, CblasNoTrans, ZM, ZN, ZK, &alpha, za, ZK, zb, ZK,
                            &beta, zc, ZM);
            double d = 0;
            for (int i = 0; i < ZM * ZN; i++) d = fmax(d, cabs(zc[i] - zr[i]));
            check(d < 1e-12, layout ? "cblas_zgemm row-major ConjTrans" : "cblas_zgemm col-major ConjTrans");
        }
    }

    /* Complex functions return their value in registers (C _Complex ABI). */
    {
        double _Complex x[3] = {1 + 2 * I, 3 - 1 * I, -2 + 0.5 * I};
        double _Complex y[3] = {0.5 + 1 * I, -1 + 2 * I, 4 - 3 * I};
        int n3 = 3, one = 1;
        double _Complex want = 0;
        for (int i = 0; i < 3; i++) want += conj(x[i]) * y[i];
        double _Complex got = zdotc_(&n3, x, &one, y, &one);
        check(cabs(got - want) < 1e-12, "zdotc_ returns double _Complex by value");
        float _Complex fx[3] = {1 + 2 * I, 3 - 1 * I, -2 + 0.5 * I};
        float _Complex fy[3] = {0.5 + 1 * I, -1 + 2 * I, 4 - 3 * I};
        float _Complex fwant = 0;
        for (int i = 0; i < 3; i++) fwant += fx[i] * fy[i];
        float _Complex fgot = cdotu_(&n3, fx, &one, fy, &one);
        check(cabsf(fgot - fwant) < 1e-5f, "cdotu_ returns float _Complex by value");
        double _Complex sub;
        cblas_zdotc_sub(3, x, 1, y, 1, &sub);
        check(cabs(sub - want) < 1e-12, "cblas_zdotc_sub");
        double dx[4] = {1, -7, 3, 7};
        check(cblas_idamax(4, dx, 1) == 1, "cblas_idamax is 0-based");
        check(cblas_idamax64_(0, dx, 1) == 0, "cblas_idamax64_ of empty vector");
    }

    /* An illegal argument is reported on stderr and the call returns. */
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, 1, b, ldb, 0.0, c, ldc);
    check(1, "illegal lda reported without exiting");

    /* Extras. */
    int nt = oxblas_get_num_threads();
    oxblas_set_num_threads(1);
    check(oxblas_get_num_threads() == 1, "oxblas_set_num_threads(1)");
    oxblas_set_num_threads(nt);
    const char *cfg = oxblas_get_config();
    check(cfg != NULL && strlen(cfg) > 0, "oxblas_get_config");

    printf("capi-c: %d passed, %d failed\n", checks - failures, failures);
    free(a); free(b); free(c); free(r);
    return failures != 0;
}
