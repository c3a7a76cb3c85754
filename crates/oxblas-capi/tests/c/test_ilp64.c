/* liboxblas's ILP64 BLAS called from C: for each of s, d, c, z, a
 * representative set of routines of each level, as Fortran `_64_` symbols
 * (int64_t by reference, gfortran convention: hidden CHARACTER lengths,
 * COMPLEX results returned by value like C _Complex) and as CBLAS
 * `cblas_*64_` symbols (int64_t by value, prototypes from cblas.h):
 *
 *   level 1  ?axpy ?dot / ?dotu ?dotc (cblas_?dot?_sub) ?nrm2 / ?cnrm2 ?znrm2
 *            i?amax ?rotg
 *   level 2  ?gemv ?trsv ?ger / ?geru ?gerc
 *   level 3  ?gemm ?trsm ?syrk / ?herk
 *
 * Every ILP64 result is compared bitwise with the LP64 symbol's result on
 * identical inputs (whole output buffers, so the gaps between strided
 * elements too), and checked against naive loops in double (complex)
 * arithmetic: products (axpy, dot, gemv, ger, gemm, syrk, herk) within a
 * rounding-error bound, norms and indices directly, solves (trsv, trsm) by
 * residual, rotg by the rotation it defines. CBLAS calls are made in
 * column- and row-major layout. Increments include negative ones.
 *
 * 64-bit integers are read whole: an N whose low 32 bits are 3 and whose
 * value is negative makes ?axpy_64_ do nothing and ?gemm_64_ report M; an
 * LDA of 2^32 + 1 is accepted by ?gemm_64_.
 *
 * Illegal arguments to ILP64 routines reach the program's own xerbla_64_
 * (never its LP64 xerbla_) with the routine's name and the argument's
 * position; CBLAS-only errors reach its cblas_xerbla64_; xerbla_array_64_
 * and xerbla_array_ forward to the handler of their own width.
 *
 * Build: cc -std=c11 test_ilp64.c -I include -L <dir> -loxblas -lm
 * Prints one line per group and "capi-ilp64: N passed, M failed".
 *
 * The per-type checks are the second half of this file, which includes
 * itself once per scalar type (ILP64_PASS defined). */
#ifndef ILP64_PASS

#include <complex.h>
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cblas.h"

typedef float _Complex c32;
typedef double _Complex c64;

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define CAT3(a, b, c) CAT(CAT(a, b), c)
#define STR_(x) #x
#define XSTR(x) STR_(x)

/* ---- Fortran prototypes (gfortran convention), LP64 (_) and ILP64 (_64_) ---- */
#define F77_DECL(P, T, INT, S)                                                                      \
    void P##axpy##S(const INT *n, const T *alpha, const T *x, const INT *incx, T *y,               \
                    const INT *incy);                                                               \
    INT i##P##amax##S(const INT *n, const T *x, const INT *incx);                                   \
    void P##gemv##S(const char *trans, const INT *m, const INT *n, const T *alpha, const T *a,      \
                    const INT *lda, const T *x, const INT *incx, const T *beta, T *y,              \
                    const INT *incy, size_t);                                                       \
    void P##trsv##S(const char *uplo, const char *trans, const char *diag, const INT *n,           \
                    const T *a, const INT *lda, T *x, const INT *incx, size_t, size_t, size_t);    \
    void P##gemm##S(const char *ta, const char *tb, const INT *m, const INT *n, const INT *k,      \
                    const T *alpha, const T *a, const INT *lda, const T *b, const INT *ldb,        \
                    const T *beta, T *c, const INT *ldc, size_t, size_t);                          \
    void P##trsm##S(const char *side, const char *uplo, const char *ta, const char *diag,         \
                    const INT *m, const INT *n, const T *alpha, const T *a, const INT *lda, T *b,  \
                    const INT *ldb, size_t, size_t, size_t, size_t);                               \
    void P##syrk##S(const char *uplo, const char *trans, const INT *n, const INT *k,              \
                    const T *alpha, const T *a, const INT *lda, const T *beta, T *c,               \
                    const INT *ldc, size_t, size_t);
#define F77_DECL_R(P, T, INT, S)                                                                    \
    T P##dot##S(const INT *n, const T *x, const INT *incx, const T *y, const INT *incy);           \
    T P##nrm2##S(const INT *n, const T *x, const INT *incx);                                        \
    void P##rotg##S(T *a, T *b, T *c, T *s);                                                        \
    void P##ger##S(const INT *m, const INT *n, const T *alpha, const T *x, const INT *incx,        \
                   const T *y, const INT *incy, T *a, const INT *lda);
#define F77_DECL_C(P, T, R, NRM2, INT, S)                                                           \
    T P##dotu##S(const INT *n, const T *x, const INT *incx, const T *y, const INT *incy);          \
    T P##dotc##S(const INT *n, const T *x, const INT *incx, const T *y, const INT *incy);          \
    R NRM2##S(const INT *n, const T *x, const INT *incx);                                           \
    void P##rotg##S(T *a, const T *b, R *c, T *s);                                                  \
    void P##geru##S(const INT *m, const INT *n, const T *alpha, const T *x, const INT *incx,       \
                    const T *y, const INT *incy, T *a, const INT *lda);                             \
    void P##gerc##S(const INT *m, const INT *n, const T *alpha, const T *x, const INT *incx,       \
                    const T *y, const INT *incy, T *a, const INT *lda);                             \
    void P##herk##S(const char *uplo, const char *trans, const INT *n, const INT *k,              \
                    const R *alpha, const T *a, const INT *lda, const R *beta, T *c,               \
                    const INT *ldc, size_t, size_t);
#define F77_DECL2(P, T) F77_DECL(P, T, int, _) F77_DECL(P, T, int64_t, _64_)
F77_DECL2(s, float)
F77_DECL2(d, double)
F77_DECL2(c, c32)
F77_DECL2(z, c64)
F77_DECL_R(s, float, int, _) F77_DECL_R(s, float, int64_t, _64_)
F77_DECL_R(d, double, int, _) F77_DECL_R(d, double, int64_t, _64_)
F77_DECL_C(c, c32, float, scnrm2, int, _) F77_DECL_C(c, c32, float, scnrm2, int64_t, _64_)
F77_DECL_C(z, c64, double, dznrm2, int, _) F77_DECL_C(z, c64, double, dznrm2, int64_t, _64_)
void xerbla_array_(const char *name, const int *len, const int *info, size_t);
void xerbla_array_64_(const char *name, const int64_t *len, const int64_t *info, size_t);

/* ---- bookkeeping ----------------------------------------------------------------------- */
static int checks = 0, failures = 0, gchecks = 0, gfailures = 0;
static char gname[96];
static void group(const char *name) {
    snprintf(gname, sizeof gname, "%s", name);
    gchecks = gfailures = 0;
}
static void group_end(void) {
    if (gfailures)
        printf("FAIL %s: %d of %d checks failed\n", gname, gfailures, gchecks);
    else
        printf("ok   %s: %d checks\n", gname, gchecks);
}
static void check(int ok, const char *fmt, ...) {
    checks++;
    gchecks++;
    if (ok) return;
    failures++;
    gfailures++;
    va_list ap;
    va_start(ap, fmt);
    printf("  FAIL: ");
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}
static int same(const void *a, const void *b, size_t bytes) { return memcmp(a, b, bytes) == 0; }

/* Everything allocated during a group, freed at its end. */
static void **arena;
static size_t narena, carena;
static void *alloc(size_t bytes) {
    if (narena == carena) {
        carena = carena ? 2 * carena : 256;
        arena = realloc(arena, carena * sizeof *arena);
        if (!arena) exit(2);
    }
    void *p = calloc(1, bytes + 16);
    if (!p) exit(2);
    return arena[narena++] = p;
}
static void arena_free(void) {
    for (size_t i = 0; i < narena; i++) free(arena[i]);
    narena = 0;
}

static unsigned seed = 12345;
static double rnd(void) {
    seed = seed * 1103515245u + 12345u;
    return ((seed >> 8) & 0xffff) / 32768.0 - 1.0;
}

/* ---- naive reference arithmetic, in double complex -------------------------------------- */
/* A matrix view: element (i, j) at p[i * rs + j * cs]. */
typedef struct {
    const c64 *p;
    long rs, cs;
} zmat;
static c64 zel(zmat a, long i, long j) { return a.p[i * a.rs + j * a.cs]; }
/* op(A)(i, p). */
static c64 opel(zmat a, char op, long i, long p) {
    c64 v = op == 'N' ? zel(a, i, p) : zel(a, p, i);
    return op == 'C' ? conj(v) : v;
}
/* Offset of logical element 0 of an n-vector with increment inc (BLAS rule). */
static long voff(long n, long inc) { return inc < 0 ? (1 - n) * inc : 0; }
/* Buffer length of an n-vector with increment inc. */
static long vlen(long n, long inc) { return 1 + (n - 1) * labs(inc); }

/* max |C - (alpha op(A) op(B) + beta C0)| / bound over the m x n elements in
 * triangle `uplo` ('U', 'L', or 'A' for all), where bound = (|alpha| sum_p
 * |op(A)(i,p)| |op(B)(p,j)| + |beta C0(i,j)|) (k + 2) eps: a rounding-error
 * bound for any summation order. Elements outside the triangle must equal
 * C0 exactly (else infinity). */
static double prod_err(char uplo, long m, long n, long k, c64 alpha, zmat a, char ta, zmat b,
                       char tb, c64 beta, zmat c0, zmat c, double eps) {
    double worst = 0;
    for (long j = 0; j < n; j++)
        for (long i = 0; i < m; i++) {
            if ((uplo == 'U' && i > j) || (uplo == 'L' && i < j)) {
                if (zel(c, i, j) != zel(c0, i, j)) return INFINITY;
                continue;
            }
            c64 s = 0;
            double sa = 0;
            for (long p = 0; p < k; p++) {
                c64 x = opel(a, ta, i, p), y = opel(b, tb, p, j);
                s += x * y;
                sa += cabs(x) * cabs(y);
            }
            c64 bc = beta == 0 ? 0 : beta * zel(c0, i, j);
            c64 want = alpha * s + bc;
            double bound = (cabs(alpha) * sa + cabs(bc)) * (k + 2) * eps + DBL_MIN;
            double e = cabs(zel(c, i, j) - want) / bound;
            if (!(e <= worst)) worst = e; /* NaN propagates */
        }
    return worst;
}

static CBLAS_TRANSPOSE ctrans(char t) { return t == 'N' ? CblasNoTrans : t == 'T' ? CblasTrans : CblasConjTrans; }
static CBLAS_UPLO cuplo(char u) { return u == 'U' ? CblasUpper : CblasLower; }
static CBLAS_DIAG cdiag(char d) { return d == 'U' ? CblasUnit : CblasNonUnit; }
static CBLAS_SIDE cside(char s) { return s == 'L' ? CblasLeft : CblasRight; }
static CBLAS_LAYOUT clayout(int row) { return row ? CblasRowMajor : CblasColMajor; }

/* ---- the program's own error handlers --------------------------------------------------- */
static char xname[16], cxrout[40];
static int64_t xinfo, cxinfo;
static int x32, x64, cx32, cx64; /* calls of xerbla_, xerbla_64_, cblas_xerbla, cblas_xerbla64_ */
static void xrecord(const char *s, size_t len) {
    size_t n = len < 15 ? len : 15;
    memcpy(xname, s, n);
    xname[n] = 0;
    while (n > 0 && xname[n - 1] == ' ') xname[--n] = 0;
}
void xerbla_(const char *s, const int *info, size_t len) {
    xrecord(s, len);
    xinfo = *info;
    x32++;
}
void xerbla_64_(const char *s, const int64_t *info, size_t len) {
    xrecord(s, len);
    xinfo = *info;
    x64++;
}
void cblas_xerbla(int p, const char *rout, const char *form, ...) {
    (void)form;
    snprintf(cxrout, sizeof cxrout, "%s", rout);
    cxinfo = p;
    cx32++;
}
void cblas_xerbla64_(int64_t p, const char *rout, const char *form, ...) {
    (void)form;
    snprintf(cxrout, sizeof cxrout, "%s", rout);
    cxinfo = p;
    cx64++;
}
static void xreset(void) {
    x32 = x64 = cx32 = cx64 = 0;
    xinfo = cxinfo = 0;
    xname[0] = cxrout[0] = 0;
}
/* Exactly one call, of xerbla_64_, with NAME and POS. */
static int x64_got(const char *name, int64_t pos) {
    return x64 == 1 && x32 == 0 && cx32 == 0 && cx64 == 0 && strcmp(xname, name) == 0 && xinfo == pos;
}
static const char *upname(const char *pfx, const char *base) {
    static char buf[16];
    size_t i = 0;
    for (const char *s = pfx; *s && i < 15; s++) buf[i++] = (char)(*s - 'a' + 'A');
    for (const char *s = base; *s && i < 15; s++) buf[i++] = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
    buf[i] = 0;
    return buf;
}

/* 3 - 2^32: negative as a 64-bit integer, 3 in its low 32 bits. */
static const int64_t NEG_LOW3 = (int64_t)3 - ((int64_t)1 << 32);

/* ---- the per-type checks ---------------------------------------------------------------- */
#define ILP64_PASS

#define P s
#define T float
#define R float
#define CPLX 0
#define EPS FLT_EPSILON
#define NRM2 snrm2
#define GER ger
#include "test_ilp64.c"

#define P d
#define T double
#define R double
#define CPLX 0
#define EPS DBL_EPSILON
#define NRM2 dnrm2
#define GER ger
#include "test_ilp64.c"

#define P c
#define T c32
#define R float
#define CPLX 1
#define EPS FLT_EPSILON
#define NRM2 scnrm2
#define GER geru
#include "test_ilp64.c"

#define P z
#define T c64
#define R double
#define CPLX 1
#define EPS DBL_EPSILON
#define NRM2 dznrm2
#define GER geru
#include "test_ilp64.c"

/* ---- type-independent: the xerbla_array twins, LP64 vs ILP64 handlers ------------------- */
static void t_handlers(void) {
    group("xerbla_array_64_ / xerbla_array_ and the handler of each width");
    {
        int64_t len = 6, info = 7;
        xreset();
        xerbla_array_64_("DGEMMX", &len, &info, 1);
        check(x64_got("DGEMMX", 7), "xerbla_array_64_ -> xerbla_64_(DGEMMX, 7) (got x64=%d x32=%d %s %ld)",
              x64, x32, xname, (long)xinfo);
    }
    {
        int len = 5, info = 9;
        xreset();
        xerbla_array_("ZTRSM", &len, &info, 1);
        check(x32 == 1 && x64 == 0 && strcmp(xname, "ZTRSM") == 0 && xinfo == 9,
              "xerbla_array_ -> xerbla_(ZTRSM, 9) (got x32=%d x64=%d %s %ld)", x32, x64, xname, (long)xinfo);
    }
    {
        /* Only the first SRNAME_LEN characters are passed on. */
        int64_t len = 4, info = 2;
        xreset();
        xerbla_array_64_("SGERXXXX", &len, &info, 1);
        check(x64_got("SGER", 2), "xerbla_array_64_ passes SRNAME_LEN characters (got %s)", xname);
    }
    {
        /* An LP64 error still goes to the LP64 handler. */
        double a[4] = {0}, b[4] = {0}, c[4] = {0}, one = 1;
        int m = 2, n = 2, k = 2, lda = 1, ld = 2;
        xreset();
        dgemm_("N", "N", &m, &n, &k, &one, a, &lda, b, &ld, &one, c, &ld, 1, 1);
        check(x32 == 1 && x64 == 0 && strcmp(xname, "DGEMM") == 0 && xinfo == 8,
              "LP64 dgemm_ lda error -> xerbla_(DGEMM, 8), not xerbla_64_ (got x32=%d x64=%d)", x32, x64);
    }
    group_end();
    arena_free();
}

int main(void) {
    t_level1_s(); t_level2_s(); t_level3_s(); t_errors_s();
    t_level1_d(); t_level2_d(); t_level3_d(); t_errors_d();
    t_level1_c(); t_level2_c(); t_level3_c(); t_errors_c();
    t_level1_z(); t_level2_z(); t_level3_z(); t_errors_z();
    t_handlers();
    printf("capi-ilp64: %d passed, %d failed\n", checks - failures, failures);
    free(arena);
    return failures != 0;
}

#else /* ILP64_PASS: the checks for one scalar type ----------------------------------------- */
/* Parameters: P (s d c z), T, R (its real type), CPLX, EPS, NRM2 (the nrm2
 * routine's name), GER (ger or geru). All are undefined at the end. */

#define FN(x) CAT3(x, _, P)
#define F(n) CAT3(P, n, _)
#define F64(n) CAT3(P, n, _64_)
#define CB(n) CAT3(cblas_, P, n)
#define CB64(n) CAT3(cblas_, P, CAT(n, 64_))
#define PS XSTR(P)
#if CPLX
#define SC(x) ((const void *)&(x)) /* CBLAS passes complex scalars by pointer */
#define OPS "NTC"
#define L2_EXTRA " ?gerc"
#define L3_EXTRA " ?herk"
#else
#define SC(x) (x)
#define OPS "NT"
#define L2_EXTRA ""
#define L3_EXTRA ""
#endif

static T FN(sc)(void) {
#if CPLX
    return (T)(rnd() + rnd() * I);
#else
    return (T)rnd();
#endif
}
static T *FN(mk)(long len) {
    T *a = alloc(sizeof(T) * len);
    for (long i = 0; i < len; i++) a[i] = FN(sc)();
    return a;
}
static T *FN(dup)(const T *a, long len) {
    T *b = alloc(sizeof(T) * len);
    memcpy(b, a, sizeof(T) * len);
    return b;
}
static c64 *FN(toz)(const T *a, long len) {
    c64 *z = alloc(sizeof(c64) * len);
    for (long i = 0; i < len; i++) z[i] = (c64)a[i];
    return z;
}
/* The n x n triangle of A (strides rs, cs) as a column-major c64 matrix. */
static zmat FN(tri)(const T *a, long n, long rs, long cs, char uplo, char diag) {
    c64 *t = alloc(sizeof(c64) * n * n);
    for (long j = 0; j < n; j++)
        for (long i = 0; i < n; i++) {
            int in = uplo == 'U' ? i <= j : i >= j;
            t[i + j * n] = i == j && diag == 'U' ? 1 : in ? (c64)a[i * rs + j * cs] : 0;
        }
    return (zmat){t, 1, n};
}
/* Random n x n (strides rs, cs) with a dominant diagonal: well conditioned. */
static T *FN(mktri)(long len, long n, long rs, long cs) {
    T *a = FN(mk)(len);
    for (long i = 0; i < n; i++) a[i * rs + i * cs] += (T)(n + 2);
    return a;
}
static zmat FN(zm)(const T *a, long len, long rs, long cs) { return (zmat){FN(toz)(a, len), rs, cs}; }
static zmat FN(zv)(const T *x, long n, long inc) {
    c64 *z = FN(toz)(x, vlen(n, inc));
    return (zmat){z + voff(n, inc), inc, 0};
}

/* ---- level 1 ---------------------------------------------------------------------------- */
static void FN(t_level1)(void) {
    group(PS ": level 1 ?axpy ?dot ?nrm2 i?amax ?rotg, _64_ and cblas_*64_ vs LP64 and naive");
    const long incs[][2] = {{1, 1}, {2, -3}, {-2, 1}, {-1, -2}};
    const zmat one = {(const c64[]){1}, 0, 0};
    for (int t = 0; t < 4; t++) {
        const long n = 37, incx = incs[t][0], incy = incs[t][1];
        const long lx = vlen(n, incx), ly = vlen(n, incy);
        int in = (int)n, iix = (int)incx, iiy = (int)incy;
        int64_t ln = n, lix = incx, liy = incy;
        T *x = FN(mk)(lx), *y0 = FN(mk)(ly), *y1 = FN(dup)(y0, ly), *y2 = FN(dup)(y0, ly);
        T alpha = FN(sc)();
        zmat X = FN(zv)(x, n, incx), Y0 = FN(zv)(y0, n, incy);

        /* axpy */
        F(axpy)(&in, &alpha, x, &iix, y1, &iiy);
        F64(axpy)(&ln, &alpha, x, &lix, y2, &liy);
        check(same(y1, y2, sizeof(T) * ly), PS "axpy_64_ == " PS "axpy_ (incx %ld incy %ld)", incx, incy);
        double e = prod_err('A', n, 1, 1, alpha, X, 'N', one, 'N', 1, Y0, FN(zv)(y2, n, incy), EPS);
        check(e <= 1, PS "axpy_64_ vs naive (incx %ld incy %ld): %g", incx, incy, e);
        memcpy(y1, y0, sizeof(T) * ly);
        memcpy(y2, y0, sizeof(T) * ly);
        CB(axpy)(in, SC(alpha), x, iix, y1, iiy);
        CB64(axpy)(ln, SC(alpha), x, lix, y2, liy);
        check(same(y1, y2, sizeof(T) * ly), "cblas_" PS "axpy64_ == cblas_" PS "axpy (incx %ld incy %ld)", incx, incy);
        e = prod_err('A', n, 1, 1, alpha, X, 'N', one, 'N', 1, Y0, FN(zv)(y2, n, incy), EPS);
        check(e <= 1, "cblas_" PS "axpy64_ vs naive: %g", e);

        /* dot */
        const zmat zero = {(const c64[]){0}, 0, 0};
        zmat Xrow = {X.p, 0, incx}; /* x as a 1 x n matrix */
        zmat Yc = {Y0.p, incy, 0};  /* y as an n x 1 matrix */
#if CPLX
        T d1 = F(dotu)(&in, x, &iix, y0, &iiy), d2 = F64(dotu)(&ln, x, &lix, y0, &liy);
        check(same(&d1, &d2, sizeof d1), PS "dotu_64_ == " PS "dotu_ (returned by value)");
        e = prod_err('A', 1, 1, n, 1, Xrow, 'N', Yc, 'N', 0, zero, (zmat){(c64[]){d2}, 0, 0}, EPS);
        check(e <= 1, PS "dotu_64_ vs naive: %g", e);
        T c1 = F(dotc)(&in, x, &iix, y0, &iiy), c2 = F64(dotc)(&ln, x, &lix, y0, &liy);
        check(same(&c1, &c2, sizeof c1), PS "dotc_64_ == " PS "dotc_ (returned by value)");
        e = prod_err('A', 1, 1, n, 1, (zmat){X.p, incx, 0}, 'C', Yc, 'N', 0, zero, (zmat){(c64[]){c2}, 0, 0}, EPS);
        check(e <= 1, PS "dotc_64_ vs naive: %g", e);
        T s1, s2;
        CB(dotu_sub)(in, x, iix, y0, iiy, &s1);
        CB64(dotu_sub)(ln, x, lix, y0, liy, &s2);
        check(same(&s1, &s2, sizeof s1) && same(&s2, &d2, sizeof s2),
              "cblas_" PS "dotu_sub64_ == cblas_" PS "dotu_sub == " PS "dotu_64_");
        CB(dotc_sub)(in, x, iix, y0, iiy, &s1);
        CB64(dotc_sub)(ln, x, lix, y0, liy, &s2);
        check(same(&s1, &s2, sizeof s1) && same(&s2, &c2, sizeof s2),
              "cblas_" PS "dotc_sub64_ == cblas_" PS "dotc_sub == " PS "dotc_64_");
#else
        T d1 = F(dot)(&in, x, &iix, y0, &iiy), d2 = F64(dot)(&ln, x, &lix, y0, &liy);
        check(same(&d1, &d2, sizeof d1), PS "dot_64_ == " PS "dot_");
        e = prod_err('A', 1, 1, n, 1, Xrow, 'N', Yc, 'N', 0, zero, (zmat){(c64[]){d2}, 0, 0}, EPS);
        check(e <= 1, PS "dot_64_ vs naive: %g", e);
        T s1 = CB(dot)(in, x, iix, y0, iiy), s2 = CB64(dot)(ln, x, lix, y0, liy);
        check(same(&s1, &s2, sizeof s1) && same(&s2, &d2, sizeof s2),
              "cblas_" PS "dot64_ == cblas_" PS "dot == " PS "dot_64_");
#endif

        /* nrm2 */
        R r1 = CAT(NRM2, _)(&in, x, &iix), r2 = CAT(NRM2, _64_)(&ln, x, &lix);
        check(same(&r1, &r2, sizeof r1), XSTR(NRM2) "_64_ == " XSTR(NRM2) "_ (incx %ld)", incx);
        double ss = 0;
        for (long i = 0; i < n; i++) ss += pow(cabs(zel(X, i, 0)), 2);
        check(fabs(r2 - sqrt(ss)) <= 4 * (n + 2) * EPS * sqrt(ss), XSTR(NRM2) "_64_ vs naive: %g vs %g",
              (double)r2, sqrt(ss));
        R q1 = CAT(cblas_, NRM2)(in, x, iix), q2 = CAT3(cblas_, NRM2, 64_)(ln, x, lix);
        check(same(&q1, &q2, sizeof q1) && same(&q2, &r2, sizeof q2),
              "cblas_" XSTR(NRM2) "64_ == cblas_" XSTR(NRM2) " == " XSTR(NRM2) "_64_");

        /* i?amax (incx > 0 only, as the reference: 0 for incx <= 0) */
        long iincx = labs(incx);
        int iiincx = (int)iincx;
        int64_t liincx = iincx;
        int j1 = CAT3(i, P, amax_)(&in, x, &iiincx);
        int64_t j2 = CAT3(i, P, amax_64_)(&ln, x, &liincx);
        long want = 0;
        R best = -1;
        for (long i = 0; i < n; i++) {
#if CPLX
            R v = (R)fabs(creal(x[i * iincx])) + (R)fabs(cimag(x[i * iincx]));
#else
            R v = (R)fabs(x[i * iincx]);
#endif
            if (v > best) best = v, want = i + 1;
        }
        check(j1 == j2 && j2 == want, "i" PS "amax_64_ == i" PS "amax_ == naive (%ld, %ld, %ld)", (long)j1,
              (long)j2, want);
        size_t k1 = CAT3(cblas_i, P, amax)(in, x, iiincx), k2 = CAT3(cblas_i, P, amax64_)(ln, x, liincx);
        check(k1 == k2 && (long)k2 == want - 1, "cblas_i" PS "amax64_ == cblas_i" PS "amax == naive - 1 (%zu, %zu)",
              k1, k2);

        /* 64-bit N read whole: 3 - 2^32 is negative, so nothing happens. */
        int64_t nbig = NEG_LOW3;
        memcpy(y2, y0, sizeof(T) * ly);
        F64(axpy)(&nbig, &alpha, x, &lix, y2, &liy);
        CB64(axpy)(nbig, SC(alpha), x, lix, y2, liy);
        check(same(y2, y0, sizeof(T) * ly), PS "axpy_64_ / cblas_" PS "axpy64_ with N = 3 - 2^32 do nothing");
    }

    /* rotg: no integer arguments, but exported in both widths. */
    for (int t = 0; t < 3; t++) {
        T a0 = FN(sc)(), b0 = t == 2 ? 0 : FN(sc)();
        T a1 = a0, b1 = b0, s1, a2 = a0, b2 = b0, s2;
        R c1, c2;
        F(rotg)(&a1, &b1, &c1, &s1);
        F64(rotg)(&a2, &b2, &c2, &s2);
        check(same(&a1, &a2, sizeof a1) && same(&b1, &b2, sizeof b1) && same(&c1, &c2, sizeof c1) &&
                  same(&s1, &s2, sizeof s1),
              PS "rotg_64_ == " PS "rotg_");
        /* [c s; -conj(s) c] [a; b] = [r; 0] with c^2 + |s|^2 = 1 */
        c64 za = a0, zb = b0, zs = s2, r = a2;
        double scale = cabs(za) + cabs(zb);
        check(fabs(c2 * (double)c2 + cabs(zs) * cabs(zs) - 1) <= 8 * EPS &&
                  cabs(c2 * za + zs * zb - r) <= 8 * EPS * scale && cabs(-conj(zs) * za + c2 * zb) <= 8 * EPS * scale,
              PS "rotg_64_ defines the rotation taking (a, b) to (r, 0)");
        T fa = a2, fs = s2;
        R fc = c2;
        a1 = a0, b1 = b0;
        CB(rotg)(&a1, &b1, &c1, &s1);
        a2 = a0, b2 = b0;
        CB64(rotg)(&a2, &b2, &c2, &s2);
        check(same(&a1, &a2, sizeof a1) && same(&b1, &b2, sizeof b1) && same(&c1, &c2, sizeof c1) &&
                  same(&s1, &s2, sizeof s1) && same(&a2, &fa, sizeof fa) && same(&c2, &fc, sizeof fc) &&
                  same(&s2, &fs, sizeof fs),
              "cblas_" PS "rotg64_ == cblas_" PS "rotg == " PS "rotg_64_");
    }
    group_end();
    arena_free();
}

/* ---- level 2 ---------------------------------------------------------------------------- */
static void FN(t_level2)(void) {
    group(PS ": level 2 ?gemv ?trsv ?" XSTR(GER) L2_EXTRA ", _64_ and cblas_*64_ vs LP64 and naive");
    const long m = 23, n = 17, lda = 29, alen = lda * 23;
    T *a = FN(mk)(alen);
    const long incs[][2] = {{1, 1}, {-2, 3}};

    /* gemv: Fortran, then CBLAS column- and row-major. */
    for (const char *tp = OPS; *tp; tp++)
        for (int v = 0; v < 2; v++) {
            const char tr = *tp;
            const long incx = incs[v][0], incy = incs[v][1];
            const long xl = tr == 'N' ? n : m, yl = tr == 'N' ? m : n, lx = vlen(xl, incx), ly = vlen(yl, incy);
            T *x = FN(mk)(lx), *y0 = FN(mk)(ly), *y1 = FN(dup)(y0, ly), *y2 = FN(dup)(y0, ly);
            T alpha = FN(sc)(), beta = FN(sc)();
            int im = (int)m, in = (int)n, ilda = (int)lda, iix = (int)incx, iiy = (int)incy;
            int64_t lm = m, ln = n, llda = lda, lix = incx, liy = incy;
            F(gemv)(&tr, &im, &in, &alpha, a, &ilda, x, &iix, &beta, y1, &iiy, 1);
            F64(gemv)(&tr, &lm, &ln, &alpha, a, &llda, x, &lix, &beta, y2, &liy, 1);
            check(same(y1, y2, sizeof(T) * ly), PS "gemv_64_ == " PS "gemv_ (trans %c incx %ld incy %ld)", tr, incx,
                  incy);
            double e = prod_err('A', yl, 1, xl, alpha, FN(zm)(a, alen, 1, lda), tr, FN(zv)(x, xl, incx), 'N', beta,
                                FN(zv)(y0, yl, incy), FN(zv)(y2, yl, incy), EPS);
            check(e <= 1, PS "gemv_64_ vs naive (trans %c incx %ld incy %ld): %g", tr, incx, incy, e);
            for (int row = 0; row < 2; row++) {
                memcpy(y1, y0, sizeof(T) * ly);
                memcpy(y2, y0, sizeof(T) * ly);
                CB(gemv)(clayout(row), ctrans(tr), im, in, SC(alpha), a, ilda, x, iix, SC(beta), y1, iiy);
                CB64(gemv)(clayout(row), ctrans(tr), lm, ln, SC(alpha), a, llda, x, lix, SC(beta), y2, liy);
                check(same(y1, y2, sizeof(T) * ly), "cblas_" PS "gemv64_ == cblas_" PS "gemv (%s trans %c incx %ld)",
                      row ? "row" : "col", tr, incx);
                zmat A = row ? FN(zm)(a, alen, lda, 1) : FN(zm)(a, alen, 1, lda);
                e = prod_err('A', yl, 1, xl, alpha, A, tr, FN(zv)(x, xl, incx), 'N', beta, FN(zv)(y0, yl, incy),
                             FN(zv)(y2, yl, incy), EPS);
                check(e <= 1, "cblas_" PS "gemv64_ vs naive (%s trans %c incx %ld): %g", row ? "row" : "col", tr,
                      incx, e);
            }
        }

    /* trsv: residual op(A) x = b. */
    {
        const long tn = 19, tlda = 23, tlen = tlda * tn;
        for (const char *up = "UL"; *up; up++)
            for (const char *tp = OPS; *tp; tp++)
                for (const char *dg = "NU"; *dg; dg++)
                    for (int v = 0; v < 2; v++) {
                        const char uplo = *up, tr = *tp, diag = *dg;
                        const long incx = v ? -2 : 1, lx = vlen(tn, incx);
                        T *ta = FN(mktri)(tlen, tn, 1, tlda), *b = FN(mk)(lx), *x1 = FN(dup)(b, lx), *x2 = FN(dup)(b, lx);
                        int in = (int)tn, ilda = (int)tlda, iix = (int)incx;
                        int64_t ln = tn, llda = tlda, lix = incx;
                        F(trsv)(&uplo, &tr, &diag, &in, ta, &ilda, x1, &iix, 1, 1, 1);
                        F64(trsv)(&uplo, &tr, &diag, &ln, ta, &llda, x2, &lix, 1, 1, 1);
                        check(same(x1, x2, sizeof(T) * lx), PS "trsv_64_ == " PS "trsv_ (%c%c%c incx %ld)", uplo, tr,
                              diag, incx);
                        const zmat zero = {(const c64[]){0}, 0, 0};
                        double e = prod_err('A', tn, 1, tn, 1, FN(tri)(ta, tn, 1, tlda, uplo, diag), tr,
                                            FN(zv)(x2, tn, incx), 'N', 0, zero, FN(zv)(b, tn, incx), EPS);
                        check(e <= 4, PS "trsv_64_ residual (%c%c%c incx %ld): %g", uplo, tr, diag, incx, e);
                        for (int row = 0; row < 2; row++) {
                            memcpy(x1, b, sizeof(T) * lx);
                            memcpy(x2, b, sizeof(T) * lx);
                            CB(trsv)(clayout(row), cuplo(uplo), ctrans(tr), cdiag(diag), in, ta, ilda, x1, iix);
                            CB64(trsv)(clayout(row), cuplo(uplo), ctrans(tr), cdiag(diag), ln, ta, llda, x2, lix);
                            check(same(x1, x2, sizeof(T) * lx), "cblas_" PS "trsv64_ == cblas_" PS "trsv (%s %c%c%c)",
                                  row ? "row" : "col", uplo, tr, diag);
                            zmat At = row ? FN(tri)(ta, tn, tlda, 1, uplo, diag) : FN(tri)(ta, tn, 1, tlda, uplo, diag);
                            e = prod_err('A', tn, 1, tn, 1, At, tr, FN(zv)(x2, tn, incx), 'N', 0, zero,
                                         FN(zv)(b, tn, incx), EPS);
                            check(e <= 4, "cblas_" PS "trsv64_ residual (%s %c%c%c): %g", row ? "row" : "col", uplo, tr,
                                  diag, e);
                        }
                    }
    }

    /* ger / geru (and gerc): A + alpha x op(y). */
    {
        const long gm = 13, gn = 11, glda = 16, glen = glda * 13;
#if CPLX
        const int nvar = 2;
#else
        const int nvar = 1;
#endif
        for (int cj = 0; cj < nvar; cj++)
            for (int v = 0; v < 2; v++) {
                const long incx = v ? 2 : 1, incy = v ? -1 : 1, lx = vlen(gm, incx), ly = vlen(gn, incy);
                T *x = FN(mk)(lx), *y = FN(mk)(ly), *a0 = FN(mk)(glen), *a1 = FN(dup)(a0, glen), *a2 = FN(dup)(a0, glen);
                T alpha = FN(sc)();
                int im = (int)gm, in = (int)gn, ilda = (int)glda, iix = (int)incx, iiy = (int)incy;
                int64_t lm = gm, ln = gn, llda = glda, lix = incx, liy = incy;
                const char *nm = cj ? "gerc" : XSTR(GER);
#if CPLX
                if (cj) {
                    F(gerc)(&im, &in, &alpha, x, &iix, y, &iiy, a1, &ilda);
                    F64(gerc)(&lm, &ln, &alpha, x, &lix, y, &liy, a2, &llda);
                } else
#endif
                {
                    CAT3(P, GER, _)(&im, &in, &alpha, x, &iix, y, &iiy, a1, &ilda);
                    CAT3(P, GER, _64_)(&lm, &ln, &alpha, x, &lix, y, &liy, a2, &llda);
                }
                check(same(a1, a2, sizeof(T) * glen), PS "%s_64_ == " PS "%s_ (incx %ld incy %ld)", nm, nm, incx, incy);
                double e = prod_err('A', gm, gn, 1, alpha, FN(zv)(x, gm, incx), 'N', FN(zv)(y, gn, incy),
                                    cj ? 'C' : 'T', 1, FN(zm)(a0, glen, 1, glda), FN(zm)(a2, glen, 1, glda), EPS);
                check(e <= 1, PS "%s_64_ vs naive: %g", nm, e);
                for (int row = 0; row < 2; row++) {
                    memcpy(a1, a0, sizeof(T) * glen);
                    memcpy(a2, a0, sizeof(T) * glen);
#if CPLX
                    if (cj) {
                        CB(gerc)(clayout(row), im, in, SC(alpha), x, iix, y, iiy, a1, ilda);
                        CB64(gerc)(clayout(row), lm, ln, SC(alpha), x, lix, y, liy, a2, llda);
                    } else
#endif
                    {
                        CB(GER)(clayout(row), im, in, SC(alpha), x, iix, y, iiy, a1, ilda);
                        CB64(GER)(clayout(row), lm, ln, SC(alpha), x, lix, y, liy, a2, llda);
                    }
                    check(same(a1, a2, sizeof(T) * glen), "cblas_" PS "%s64_ == cblas_" PS "%s (%s)", nm, nm,
                          row ? "row" : "col");
                    zmat A0 = row ? FN(zm)(a0, glen, glda, 1) : FN(zm)(a0, glen, 1, glda);
                    zmat A2 = row ? FN(zm)(a2, glen, glda, 1) : FN(zm)(a2, glen, 1, glda);
                    e = prod_err('A', gm, gn, 1, alpha, FN(zv)(x, gm, incx), 'N', FN(zv)(y, gn, incy), cj ? 'C' : 'T', 1,
                                 A0, A2, EPS);
                    check(e <= 1, "cblas_" PS "%s64_ vs naive (%s): %g", nm, row ? "row" : "col", e);
                }
            }
    }
    group_end();
    arena_free();
}

/* ---- level 3 ---------------------------------------------------------------------------- */
static void FN(t_level3)(void) {
    group(PS ": level 3 ?gemm ?trsm ?syrk" L3_EXTRA ", _64_ and cblas_*64_ vs LP64 and naive");
    const long ld = 45, len = ld * ld;

    /* gemm */
    {
        const long m = 37, n = 29, k = 41;
        const char *pairs = CPLX ? "NNTNNTTTCNNCCT" : "NNTNNTTT";
        T *a = FN(mk)(len), *b = FN(mk)(len), *c0 = FN(mk)(len), *c1 = FN(dup)(c0, len), *c2 = FN(dup)(c0, len);
        for (const char *pp = pairs; *pp; pp += 2) {
            const char ta = pp[0], tb = pp[1];
            T alpha = FN(sc)(), beta = FN(sc)();
            int im = (int)m, in = (int)n, ik = (int)k, ild = (int)ld;
            int64_t lm = m, ln = n, lk = k, lld = ld;
            memcpy(c1, c0, sizeof(T) * len);
            memcpy(c2, c0, sizeof(T) * len);
            F(gemm)(&ta, &tb, &im, &in, &ik, &alpha, a, &ild, b, &ild, &beta, c1, &ild, 1, 1);
            F64(gemm)(&ta, &tb, &lm, &ln, &lk, &alpha, a, &lld, b, &lld, &beta, c2, &lld, 1, 1);
            check(same(c1, c2, sizeof(T) * len), PS "gemm_64_ == " PS "gemm_ (%c%c)", ta, tb);
            double e = prod_err('A', m, n, k, alpha, FN(zm)(a, len, 1, ld), ta, FN(zm)(b, len, 1, ld), tb, beta,
                                FN(zm)(c0, len, 1, ld), FN(zm)(c2, len, 1, ld), EPS);
            check(e <= 1, PS "gemm_64_ vs naive (%c%c): %g", ta, tb, e);
            for (int row = 0; row < 2; row++) {
                memcpy(c1, c0, sizeof(T) * len);
                memcpy(c2, c0, sizeof(T) * len);
                CB(gemm)(clayout(row), ctrans(ta), ctrans(tb), im, in, ik, SC(alpha), a, ild, b, ild, SC(beta), c1, ild);
                CB64(gemm)(clayout(row), ctrans(ta), ctrans(tb), lm, ln, lk, SC(alpha), a, lld, b, lld, SC(beta), c2,
                           lld);
                check(same(c1, c2, sizeof(T) * len), "cblas_" PS "gemm64_ == cblas_" PS "gemm (%s %c%c)",
                      row ? "row" : "col", ta, tb);
                long rs = row ? ld : 1, cs = row ? 1 : ld;
                e = prod_err('A', m, n, k, alpha, FN(zm)(a, len, rs, cs), ta, FN(zm)(b, len, rs, cs), tb, beta,
                             FN(zm)(c0, len, rs, cs), FN(zm)(c2, len, rs, cs), EPS);
                check(e <= 1, "cblas_" PS "gemm64_ vs naive (%s %c%c): %g", row ? "row" : "col", ta, tb, e);
            }
        }
    }

    /* trsm: residual op(A) X = alpha B (left) or X op(A) = alpha B (right). */
    {
        const long m = 21, n = 15, tld = 24, tlen = tld * tld;
        const zmat zero = {(const c64[]){0}, 0, 0};
        for (const char *sd = "LR"; *sd; sd++)
            for (const char *up = "UL"; *up; up++)
                for (const char *tp = OPS; *tp; tp++)
                    for (const char *dg = "NU"; *dg; dg++) {
                        const char side = *sd, uplo = *up, tr = *tp, diag = *dg;
                        const long na = side == 'L' ? m : n;
                        T *ta = FN(mktri)(tlen, na, 1, tld), *b0 = FN(mk)(tlen), *b1 = FN(dup)(b0, tlen),
                          *b2 = FN(dup)(b0, tlen);
                        T alpha = FN(sc)();
                        int im = (int)m, in = (int)n, ild = (int)tld;
                        int64_t lm = m, ln = n, lld = tld;
                        F(trsm)(&side, &uplo, &tr, &diag, &im, &in, &alpha, ta, &ild, b1, &ild, 1, 1, 1, 1);
                        F64(trsm)(&side, &uplo, &tr, &diag, &lm, &ln, &alpha, ta, &lld, b2, &lld, 1, 1, 1, 1);
                        check(same(b1, b2, sizeof(T) * tlen), PS "trsm_64_ == " PS "trsm_ (%c%c%c%c)", side, uplo, tr,
                              diag);
                        for (int row = -1; row < 2; row++) {
                            if (row >= 0) {
                                memcpy(b1, b0, sizeof(T) * tlen);
                                memcpy(b2, b0, sizeof(T) * tlen);
                                CB(trsm)(clayout(row), cside(side), cuplo(uplo), ctrans(tr), cdiag(diag), im, in,
                                         SC(alpha), ta, ild, b1, ild);
                                CB64(trsm)(clayout(row), cside(side), cuplo(uplo), ctrans(tr), cdiag(diag), lm, ln,
                                           SC(alpha), ta, lld, b2, lld);
                                check(same(b1, b2, sizeof(T) * tlen), "cblas_" PS "trsm64_ == cblas_" PS "trsm (%s %c%c%c%c)",
                                      row ? "row" : "col", side, uplo, tr, diag);
                            }
                            long rs = row == 1 ? tld : 1, cs = row == 1 ? 1 : tld;
                            zmat At = FN(tri)(ta, na, rs, cs, uplo, diag), X = FN(zm)(b2, tlen, rs, cs);
                            zmat B = FN(zm)(b0, tlen, rs, cs);
                            c64 *ab = alloc(sizeof(c64) * tlen);
                            for (long i = 0; i < tlen; i++) ab[i] = alpha * B.p[i];
                            zmat AB = {ab, rs, cs};
                            double e = side == 'L'
                                           ? prod_err('A', m, n, m, 1, At, tr, X, 'N', 0, zero, AB, EPS)
                                           : prod_err('A', m, n, n, 1, X, 'N', At, tr, 0, zero, AB, EPS);
                            check(e <= 4, "%s" PS "trsm%s residual (%s%c%c%c%c): %g", row < 0 ? "" : "cblas_",
                                  row < 0 ? "_64_" : "64_", row < 0 ? "" : row ? "row " : "col ", side, uplo, tr, diag,
                                  e);
                        }
                    }
    }

    /* syrk (and herk): the triangle of alpha op(A) op(A)^T (^H) + beta C, the other untouched. */
    {
        const long n = 19, k = 13, sld = 23, slen = sld * sld;
        T *a = FN(mk)(slen), *c0 = FN(mk)(slen), *c1 = FN(dup)(c0, slen), *c2 = FN(dup)(c0, slen);
#if CPLX
        const int nvar = 2;
        for (long i = 0; i < n; i++) c0[i * sld + i] = (T)creal(c0[i * sld + i]); /* herk: real diagonal */
#else
        const int nvar = 1;
#endif
        for (int h = 0; h < nvar; h++)
            for (const char *up = "UL"; *up; up++)
                for (int t = 0; t < 2; t++) {
                    const char uplo = *up, tr = t ? (h ? 'C' : 'T') : 'N';
                    const char ta = tr, tb = t ? 'N' : (h ? 'C' : 'T');
                    int in = (int)n, ik = (int)k, ild = (int)sld;
                    int64_t ln = n, lk = k, lld = sld;
                    T alpha = FN(sc)(), beta = FN(sc)();
                    R ra = (R)rnd(), rb = (R)rnd();
                    c64 za = h ? ra : alpha, zb = h ? rb : beta;
                    const char *nm = h ? "herk" : "syrk";
                    memcpy(c1, c0, sizeof(T) * slen);
                    memcpy(c2, c0, sizeof(T) * slen);
#if CPLX
                    if (h) {
                        F(herk)(&uplo, &tr, &in, &ik, &ra, a, &ild, &rb, c1, &ild, 1, 1);
                        F64(herk)(&uplo, &tr, &ln, &lk, &ra, a, &lld, &rb, c2, &lld, 1, 1);
                    } else
#endif
                    {
                        F(syrk)(&uplo, &tr, &in, &ik, &alpha, a, &ild, &beta, c1, &ild, 1, 1);
                        F64(syrk)(&uplo, &tr, &ln, &lk, &alpha, a, &lld, &beta, c2, &lld, 1, 1);
                    }
                    check(same(c1, c2, sizeof(T) * slen), PS "%s_64_ == " PS "%s_ (%c%c)", nm, nm, uplo, tr);
                    double e = prod_err(uplo, n, n, k, za, FN(zm)(a, slen, 1, sld), ta, FN(zm)(a, slen, 1, sld), tb, zb,
                                        FN(zm)(c0, slen, 1, sld), FN(zm)(c2, slen, 1, sld), EPS);
                    check(e <= 1, PS "%s_64_ vs naive (%c%c): %g", nm, uplo, tr, e);
                    for (int row = 0; row < 2; row++) {
                        memcpy(c1, c0, sizeof(T) * slen);
                        memcpy(c2, c0, sizeof(T) * slen);
#if CPLX
                        if (h) {
                            CB(herk)(clayout(row), cuplo(uplo), ctrans(tr), in, ik, ra, a, ild, rb, c1, ild);
                            CB64(herk)(clayout(row), cuplo(uplo), ctrans(tr), ln, lk, ra, a, lld, rb, c2, lld);
                        } else
#endif
                        {
                            CB(syrk)(clayout(row), cuplo(uplo), ctrans(tr), in, ik, SC(alpha), a, ild, SC(beta), c1, ild);
                            CB64(syrk)(clayout(row), cuplo(uplo), ctrans(tr), ln, lk, SC(alpha), a, lld, SC(beta), c2,
                                       lld);
                        }
                        check(same(c1, c2, sizeof(T) * slen), "cblas_" PS "%s64_ == cblas_" PS "%s (%s %c%c)", nm, nm,
                              row ? "row" : "col", uplo, tr);
                        long rs = row ? sld : 1, cs = row ? 1 : sld;
                        e = prod_err(uplo, n, n, k, za, FN(zm)(a, slen, rs, cs), ta, FN(zm)(a, slen, rs, cs), tb, zb,
                                     FN(zm)(c0, slen, rs, cs), FN(zm)(c2, slen, rs, cs), EPS);
                        check(e <= 1, "cblas_" PS "%s64_ vs naive (%s %c%c): %g", nm, row ? "row" : "col", uplo, tr, e);
                    }
                }
    }
    group_end();
    arena_free();
}

/* ---- illegal arguments and 64-bit integers read whole ------------------------------------ */
static void FN(t_errors)(void) {
    group(PS ": illegal arguments to _64_ / cblas_*64_ reach the program's xerbla_64_ / cblas_xerbla64_");
    T a[64], b[64], c[64], c0[64], one = 1, zero = 0;
    for (int i = 0; i < 64; i++) a[i] = FN(sc)(), b[i] = FN(sc)(), c0[i] = c[i] = FN(sc)();
    int64_t two = 2, onei = 1, neg = -1, big = NEG_LOW3, zeroi = 0;

    xreset();
    F64(gemm)("N", "N", &neg, &two, &two, &one, a, &two, b, &two, &zero, c, &two, 1, 1);
    check(x64_got(upname(PS, "gemm"), 3) && same(c, c0, sizeof c), PS "gemm_64_ M = -1: xerbla_64_(%s, 3), C untouched (got x64=%d x32=%d %s %ld)",
          upname(PS, "gemm"), x64, x32, xname, (long)xinfo);
    xreset();
    F64(gemm)("N", "N", &big, &two, &two, &one, a, &two, b, &two, &zero, c, &two, 1, 1);
    check(x64_got(upname(PS, "gemm"), 3) && same(c, c0, sizeof c), PS "gemm_64_ M = 3 - 2^32: xerbla_64_(%s, 3) (got %s %ld)",
          upname(PS, "gemm"), xname, (long)xinfo);
    xreset();
    F64(gemm)("N", "N", &two, &two, &two, &one, a, &two, b, &two, &zero, c, &onei, 1, 1);
    check(x64_got(upname(PS, "gemm"), 13) && same(c, c0, sizeof c), PS "gemm_64_ LDC = 1 < M: xerbla_64_(%s, 13) (got %s %ld)",
          upname(PS, "gemm"), xname, (long)xinfo);
    xreset();
    F64(gemv)("N", &two, &two, &one, a, &onei, b, &onei, &zero, c, &onei, 1);
    check(x64_got(upname(PS, "gemv"), 6) && same(c, c0, sizeof c), PS "gemv_64_ LDA = 1 < M: xerbla_64_(%s, 6) (got %s %ld)",
          upname(PS, "gemv"), xname, (long)xinfo);
    xreset();
    F64(trsv)("X", "N", "N", &two, a, &two, c, &onei, 1, 1, 1);
    check(x64_got(upname(PS, "trsv"), 1) && same(c, c0, sizeof c), PS "trsv_64_ UPLO = 'X': xerbla_64_(%s, 1) (got %s %ld)",
          upname(PS, "trsv"), xname, (long)xinfo);
    xreset();
    CAT3(P, GER, _64_)(&two, &two, &one, a, &zeroi, b, &onei, c, &two);
    check(x64_got(upname(PS, XSTR(GER)), 5) && same(c, c0, sizeof c), PS XSTR(GER) "_64_ INCX = 0: xerbla_64_(%s, 5) (got %s %ld)",
          upname(PS, XSTR(GER)), xname, (long)xinfo);
    xreset();
    F64(trsm)("X", "U", "N", "N", &two, &two, &one, a, &two, c, &two, 1, 1, 1, 1);
    check(x64_got(upname(PS, "trsm"), 1) && same(c, c0, sizeof c), PS "trsm_64_ SIDE = 'X': xerbla_64_(%s, 1) (got %s %ld)",
          upname(PS, "trsm"), xname, (long)xinfo);
    xreset();
    F64(syrk)("U", "N", &neg, &two, &one, a, &two, &zero, c, &two, 1, 1);
    check(x64_got(upname(PS, "syrk"), 3) && same(c, c0, sizeof c), PS "syrk_64_ N = -1: xerbla_64_(%s, 3) (got %s %ld)",
          upname(PS, "syrk"), xname, (long)xinfo);
#if CPLX
    {
        R rone = 1, rzero = 0;
        xreset();
        F64(herk)("U", "T", &two, &two, &rone, a, &two, &rzero, c, &two, 1, 1);
        check(x64_got(upname(PS, "herk"), 2) && same(c, c0, sizeof c), PS "herk_64_ TRANS = 'T': xerbla_64_(%s, 2) (got %s %ld)",
              upname(PS, "herk"), xname, (long)xinfo);
    }
#endif

    /* CBLAS: an illegal layout or enumeration goes to cblas_xerbla64_ ... */
    xreset();
    CB64(gemm)((CBLAS_LAYOUT)0, CblasNoTrans, CblasNoTrans, 2, 2, 2, SC(one), a, 2, b, 2, SC(zero), c, 2);
    char rout[32];
    snprintf(rout, sizeof rout, "cblas_%sgemm", PS);
    check(cx64 == 1 && cx32 == 0 && x64 == 0 && x32 == 0 && strcmp(cxrout, rout) == 0 && cxinfo == 1 && same(c, c0, sizeof c),
          "cblas_" PS "gemm64_ layout 0: cblas_xerbla64_(1, %s) (got cx64=%d cx32=%d %s %ld)", rout, cx64, cx32, cxrout,
          (long)cxinfo);
    xreset();
    CB64(gemv)(CblasRowMajor, (CBLAS_TRANSPOSE)7, 2, 2, SC(one), a, 2, b, 1, SC(zero), c, 1);
    snprintf(rout, sizeof rout, "cblas_%sgemv", PS);
    check(cx64 == 1 && cx32 == 0 && x64 == 0 && strcmp(cxrout, rout) == 0 && cxinfo == 2 && same(c, c0, sizeof c),
          "cblas_" PS "gemv64_ TransA 7: cblas_xerbla64_(2, %s) (got %s %ld)", rout, cxrout, (long)cxinfo);
    /* ... and a Fortran-level one (lda) to xerbla_64_, as the reference CBLAS does. */
    xreset();
    CB64(gemm)(CblasColMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, SC(one), a, 1, b, 2, SC(zero), c, 2);
    check(x64_got(upname(PS, "gemm"), 8) && same(c, c0, sizeof c), "cblas_" PS "gemm64_ lda = 1: xerbla_64_(%s, 8) (got x64=%d %s %ld)",
          upname(PS, "gemm"), x64, xname, (long)xinfo);
    xreset();
    CB64(gemm)(CblasColMajor, CblasNoTrans, CblasNoTrans, big, 2, 2, SC(one), a, 2, b, 2, SC(zero), c, 2);
    check(x64_got(upname(PS, "gemm"), 3) && same(c, c0, sizeof c), "cblas_" PS "gemm64_ M = 3 - 2^32: xerbla_64_(%s, 3) (got %s %ld)",
          upname(PS, "gemm"), xname, (long)xinfo);

    /* LDA = 2^32 + 1 >= M is legal (only A's first column is read when K = 1);
     * read as 32 bits it would be 1 < M. */
    {
        int64_t hlda = ((int64_t)1 << 32) + 1, m2 = 2, n1 = 1, k1 = 1;
        int im = 2, in = 1, ik = 1, ild = 2;
        T alpha = FN(sc)(), beta = FN(sc)(), c1[2] = {c0[0], c0[1]}, c2[2] = {c0[0], c0[1]};
        xreset();
        F64(gemm)("N", "N", &m2, &n1, &k1, &alpha, a, &hlda, b, &m2, &beta, c2, &m2, 1, 1);
        F(gemm)("N", "N", &im, &in, &ik, &alpha, a, &ild, b, &ild, &beta, c1, &ild, 1, 1);
        check(x64 == 0 && x32 == 0 && same(c1, c2, sizeof c1), PS "gemm_64_ LDA = 2^32 + 1 accepted, result == " PS
              "gemm_ with LDA = 2 (x64=%d)", x64);
        c2[0] = c0[0], c2[1] = c0[1];
        CB64(gemm)(CblasColMajor, CblasNoTrans, CblasNoTrans, m2, n1, k1, SC(alpha), a, hlda, b, m2, SC(beta), c2, m2);
        check(x64 == 0 && cx64 == 0 && same(c1, c2, sizeof c1), "cblas_" PS "gemm64_ lda = 2^32 + 1 accepted, same result");
    }
    group_end();
    arena_free();
}

#undef FN
#undef F
#undef F64
#undef CB
#undef CB64
#undef PS
#undef SC
#undef OPS
#undef L2_EXTRA
#undef L3_EXTRA
#undef P
#undef T
#undef R
#undef CPLX
#undef EPS
#undef NRM2
#undef GER
#endif /* ILP64_PASS */
