/* A program linked "-loxblas -llapack": oxblas's LAPACK routines come
 * first, the reference LAPACK supplies the rest. dgetrf_ must bind to
 * liboxblas, dsyev_ (which oxblas lacks) to liblapack.so.3, and both must
 * be correct (residuals computed here). dladdr() names the providers; the
 * test script also checks the dynamic loader's binding log. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

void dgetrf_(const int *, const int *, double *, const int *, int *, int *);
void dsyev_(const char *, const char *, const int *, double *, const int *, double *, double *,
            const int *, int *, size_t, size_t);

static int failures = 0;
static void check(int ok, const char *what, double v) {
    printf("%s %s (%g)\n", ok ? "ok  " : "FAIL", what, v);
    failures += !ok;
}
static const char *provider(void *f) {
    Dl_info d;
    return dladdr(f, &d) && d.dli_fname ? d.dli_fname : "?";
}

enum { N = 40 };
static double urand(unsigned *s) {
    *s = *s * 1103515245u + 12345u;
    return (double)(*s >> 8) / 8388608.0 - 1.0;
}

int main(void) {
    const char *pg = provider((void *)dgetrf_), *ps = provider((void *)dsyev_);
    printf("dgetrf_ from %s\ndsyev_ from %s\n", pg, ps);
    check(strstr(pg, "liboxblas") != NULL, "dgetrf_ is liboxblas's", 0);
    check(strstr(ps, "liblapack.so.3") != NULL, "dsyev_ is the reference LAPACK's", 0);

    unsigned seed = 7;
    static double a[N * N], s[N * N], lu[N * N], w[N], work[64 * N];
    for (int j = 0; j < N; j++)
        for (int i = 0; i <= j; i++) a[i + j * N] = a[j + i * N] = urand(&seed);
    int n = N, info, ipiv[N], lwork = 64 * N;

    /* dgetrf_ (oxblas): ||P A - L U|| / (n ||A|| eps). */
    memcpy(lu, a, sizeof a);
    dgetrf_(&n, &n, lu, &n, ipiv, &info);
    static double pa[N * N];
    memcpy(pa, a, sizeof a);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double t = pa[i + j * N];
            pa[i + j * N] = pa[ipiv[i] - 1 + j * N];
            pa[ipiv[i] - 1 + j * N] = t;
        }
    double err = 0, anorm = 0;
    for (int j = 0; j < N; j++) {
        double cs = 0, es = 0;
        for (int i = 0; i < N; i++) {
            double v = 0;
            for (int k = 0; k <= (i < j ? i : j); k++) v += (k == i ? 1 : lu[i + k * N]) * lu[k + j * N];
            es += fabs(pa[i + j * N] - v);
            cs += fabs(a[i + j * N]);
        }
        err = es > err ? es : err;
        anorm = cs > anorm ? cs : anorm;
    }
    double r = err / (N * anorm * DBL_EPSILON);
    check(info == 0 && r < 30, "dgetrf_ ||PA - LU|| / (n ||A|| eps) < 30", r);

    /* dsyev_ (reference; its own calls to dlansy_, dorgqr_, BLAS may reach
     * oxblas): ||A V - V diag(w)|| / (n ||A|| eps), ||I - V^T V|| / (n eps). */
    memcpy(s, a, sizeof a);
    dsyev_("V", "U", &n, s, &n, w, work, &lwork, &info, 1, 1);
    double e1 = 0, e2 = 0;
    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++) {
            double av = 0, vv = 0;
            for (int k = 0; k < N; k++) av += a[i + k * N] * s[k + j * N], vv += s[k + i * N] * s[k + j * N];
            e1 = fmax(e1, fabs(av - s[i + j * N] * w[j]));
            e2 = fmax(e2, fabs(vv - (i == j)));
        }
    int sorted = 1;
    for (int j = 1; j < N; j++) sorted &= w[j - 1] <= w[j];
    check(info == 0 && sorted && e1 / (N * anorm * DBL_EPSILON) < 30,
          "dsyev_ ||A V - V W|| / (n ||A|| eps) < 30", e1 / (N * anorm * DBL_EPSILON));
    check(e2 / (N * DBL_EPSILON) < 30, "dsyev_ ||I - V^T V|| / (n eps) < 30", e2 / (N * DBL_EPSILON));
    printf("mix: %d failed\n", failures);
    return failures != 0;
}
