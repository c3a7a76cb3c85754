/* liboxblas's LAPACK door, called as a C program calls Fortran LAPACK:
 * every exported routine in s, d, c, z, LP64 (dgetrf_) and ILP64
 * (dgetrf_64_), checked by LAPACK-style residuals computed here and against
 * Debian's reference LAPACK (loaded with dlmopen into its own namespace, so
 * that its internal calls cannot reach oxblas): info values, pivots,
 * solutions, norms; illegal arguments (xerbla name and position, also
 * confirmed against the reference in a forked child, whose XERBLA stops);
 * singular and non-positive-definite inputs; zero sizes; workspace queries.
 *
 *   test_lapack [PATH_TO_REFERENCE_LIBLAPACK_SO]
 *
 * Prints one line per group and "lapack: N checks, M failed". */
#define _GNU_SOURCE
#include <complex.h>
#include <dlfcn.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef float complex c32;
typedef double complex c64;
typedef double complex z;

/* ---- prototypes of the routines under test (gfortran convention) ----------- */
#define DECL(P, T, R, I, S, ORG, ORM)                                                           \
    void P##getrf##S(const I *, const I *, T *, const I *, I *, I *);                          \
    void P##getrs##S(const char *, const I *, const I *, const T *, const I *, const I *, T *, \
                     const I *, I *, size_t);                                                   \
    void P##gesv##S(const I *, const I *, T *, const I *, I *, T *, const I *, I *);           \
    void P##getri##S(const I *, T *, const I *, const I *, T *, const I *, I *);               \
    void P##gecon##S(const char *, const I *, const T *, const I *, const R *, R *, T *,       \
                     void *, I *, size_t);                                                      \
    void P##potrf##S(const char *, const I *, T *, const I *, I *, size_t);                    \
    void P##potri##S(const char *, const I *, T *, const I *, I *, size_t);                    \
    void P##potrs##S(const char *, const I *, const I *, const T *, const I *, T *, const I *, \
                     I *, size_t);                                                              \
    void P##posv##S(const char *, const I *, const I *, T *, const I *, T *, const I *, I *,   \
                    size_t);                                                                    \
    void P##trtri##S(const char *, const char *, const I *, T *, const I *, I *, size_t,       \
                     size_t);                                                                   \
    void P##trtrs##S(const char *, const char *, const char *, const I *, const I *,           \
                     const T *, const I *, T *, const I *, I *, size_t, size_t, size_t);        \
    void P##geqrf##S(const I *, const I *, T *, const I *, T *, T *, const I *, I *);          \
    void P##ORG##S(const I *, const I *, const I *, T *, const I *, const T *, T *, const I *, \
                   I *);                                                                        \
    void P##ORM##S(const char *, const char *, const I *, const I *, const I *, const T *,     \
                   const I *, const T *, T *, const I *, T *, const I *, I *, size_t, size_t); \
    void P##gels##S(const char *, const I *, const I *, const I *, T *, const I *, T *,        \
                    const I *, T *, const I *, I *, size_t);                                    \
    R P##lange##S(const char *, const I *, const I *, const T *, const I *, R *, size_t);      \
    R P##lansy##S(const char *, const char *, const I *, const T *, const I *, R *, size_t,    \
                  size_t);                                                                      \
    R P##lantr##S(const char *, const char *, const char *, const I *, const I *, const T *,   \
                  const I *, R *, size_t, size_t, size_t);
#define DECL_R(P, T, I, S) void P##geqp3##S(const I *, const I *, T *, const I *, I *, T *, T *, const I *, I *);
#define DECL_C(P, T, R, I, S)                                                                   \
    void P##geqp3##S(const I *, const I *, T *, const I *, I *, T *, T *, const I *, R *, I *); \
    R P##lanhe##S(const char *, const char *, const I *, const T *, const I *, R *, size_t, size_t);
#define DECL2(P, T, R, ORG, ORM) DECL(P, T, R, int, _, ORG, ORM) DECL(P, T, R, int64_t, _64_, ORG, ORM)
DECL2(s, float, float, orgqr, ormqr)
DECL2(d, double, double, orgqr, ormqr)
DECL2(c, c32, float, ungqr, unmqr)
DECL2(z, c64, double, ungqr, unmqr)
DECL_R(s, float, int, _) DECL_R(s, float, int64_t, _64_)
DECL_R(d, double, int, _) DECL_R(d, double, int64_t, _64_)
DECL_C(c, c32, float, int, _) DECL_C(c, c32, float, int64_t, _64_)
DECL_C(z, c64, double, int, _) DECL_C(z, c64, double, int64_t, _64_)

/* ---- bookkeeping ------------------------------------------------------------------ */
static int checks = 0, failures = 0;
static const char *group = "";
static void check(int ok, const char *what, double value) {
    checks++;
    if (!ok) {
        failures++;
        printf("FAIL %s: %s (%g)\n", group, what, value);
    }
}

/* The program's own XERBLA handlers: oxblas must call these. */
static char xname[8];
static long xinfo;
static int xcalls;
static void xrecord(const char *s, long info, size_t len) {
    size_t n = len < 7 ? len : 7;
    memcpy(xname, s, n);
    xname[n] = 0;
    while (n > 0 && xname[n - 1] == ' ') xname[--n] = 0;
    xinfo = info;
    xcalls++;
}
void xerbla_(const char *s, const int *info, size_t len) { xrecord(s, *info, len); }
void xerbla_64_(const char *s, const int64_t *info, size_t len) { xrecord(s, (long)*info, len); }

/* ---- the reference LAPACK, in its own link-map namespace -------------------------- */
static void *ref;
static void *refsym(const char *name) {
    void *p = dlsym(ref, name);
    if (!p) {
        fprintf(stderr, "reference LAPACK lacks %s\n", name);
        exit(2);
    }
    return p;
}
/* Runs CALL (a reference routine given illegal arguments) in a child and
 * returns the parameter number the reference XERBLA printed (0 if none). */
#define REF_POS(out, CALL)                                                      \
    do {                                                                        \
        int pfd[2];                                                             \
        char buf[512] = {0};                                                    \
        if (pipe(pfd) != 0) exit(2);                                            \
        fflush(stdout);                                                         \
        pid_t pid = fork();                                                     \
        if (pid == 0) {                                                         \
            dup2(pfd[1], 1);                                                    \
            dup2(pfd[1], 2);                                                    \
            CALL;                                                               \
            _exit(0);                                                           \
        }                                                                       \
        close(pfd[1]);                                                          \
        size_t got = 0;                                                         \
        ssize_t r;                                                              \
        while ((r = read(pfd[0], buf + got, sizeof buf - 1 - got)) > 0) got += r; \
        close(pfd[0]);                                                          \
        waitpid(pid, NULL, 0);                                                  \
        const char *q = strstr(buf, "parameter number");                        \
        (out) = q ? atoi(q + 16) : 0;                                           \
    } while (0)

/* ---- residual helpers, all in double complex, column-major ld = rows ------------ */
static unsigned long long rng_state = 12345;
static double urand(void) {
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}
/* op(A)(i, j) for A stored with leading dimension lda; op 'N', 'T', 'C'. */
static z zop(const z *a, int lda, int i, int j, char op) {
    if (op == 'N') return a[i + (long)j * lda];
    z v = a[j + (long)i * lda];
    return op == 'C' ? conj(v) : v;
}
/* C (m x n) = op(A) op(B), inner dimension k. */
static void zmul(int m, int n, int k, const z *a, int lda, char oa, const z *b, int ldb, char ob,
                 z *c) {
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            z s = 0;
            for (int p = 0; p < k; p++) s += zop(a, lda, i, p, oa) * zop(b, ldb, p, j, ob);
            c[i + (long)j * m] = s;
        }
}
static double znorm1(int m, int n, const z *a, int lda) {
    double best = 0;
    for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < m; i++) s += cabs(a[i + (long)j * lda]);
        if (s > best || isnan(s)) best = s;
    }
    return best;
}
/* ||A - B||_1 for two m x n arrays with leading dimension m. */
static double zdiff1(int m, int n, const z *a, const z *b) {
    z *d = malloc(sizeof(z) * (m * (long)n + 1));
    for (long i = 0; i < (long)m * n; i++) d[i] = a[i] - b[i];
    double r = znorm1(m, n, d, m);
    free(d);
    return r;
}
/* ||I - A||_1 for an n x n array. */
static double zdiff_eye(int n, const z *a) {
    z *e = calloc((size_t)n * n + 1, sizeof(z));
    for (int i = 0; i < n; i++) e[i + (long)i * n] = 1;
    double r = zdiff1(n, n, a, e);
    free(e);
    return r;
}

#define CAT3_(a, b, c) a##b##c
#define CAT3(a, b, c) CAT3_(a, b, c)
#define XSTR_(a) #a
#define XSTR(a) XSTR_(a)

/* Argument sets for the illegal-argument, query and zero-size tables. */
enum { GETRF, GETRS, GESV, GETRI, GECON, POTRF, POTRI, POTRS, POSV, TRTRI, TRTRS, GEQRF, ORGQR,
       ORMQR, GELS, GEQP3, NROUT };
static const char *rout_name[NROUT] = {"GETRF", "GETRS", "GESV",  "GETRI", "GECON", "POTRF",
                                       "POTRI", "POTRS", "POSV",  "TRTRI", "TRTRS", "GEQRF",
                                       "ORGQR", "ORMQR", "GELS",  "GEQP3"};
enum { F_M, F_N, F_K, F_NRHS, F_LDA, F_LDB, F_LDC, F_LWORK, F_TRANS, F_UPLO, F_DIAG, F_SIDE,
       F_NORM, F_ANORM };
struct args {
    long m, n, k, nrhs, lda, ldb, ldc, lwork;
    char trans, uplo, diag, side, norm;
    double anorm;
};
static struct args defaults(void) {
    struct args g = {4, 4, 4, 4, 4, 4, 4, 64, 'N', 'U', 'N', 'L', '1', 1.0};
    return g;
}
/* BADQ: the TRANS letter illegal for the type in ormqr/unmqr and gels. */
#define BADQ (-1000)
static void set_field(struct args *g, int f, double v) {
    long *ints[] = {&g->m, &g->n, &g->k, &g->nrhs, &g->lda, &g->ldb, &g->ldc, &g->lwork};
    if (f <= F_LWORK) *ints[f] = (long)v;
    else if (f == F_ANORM) g->anorm = v;
    else {
        char *cs[] = {&g->trans, &g->uplo, &g->diag, &g->side, &g->norm};
        *cs[f - F_TRANS] = (char)v;
    }
}
struct bad { int rout, field; double value; int pos; };
static const struct bad bads[] = {
    {GETRF, F_M, -1, 1}, {GETRF, F_N, -1, 2}, {GETRF, F_LDA, 3, 4},
    {GETRS, F_TRANS, 'X', 1}, {GETRS, F_N, -1, 2}, {GETRS, F_NRHS, -1, 3}, {GETRS, F_LDA, 3, 5},
    {GETRS, F_LDB, 3, 8},
    {GESV, F_N, -1, 1}, {GESV, F_NRHS, -1, 2}, {GESV, F_LDA, 3, 4}, {GESV, F_LDB, 3, 7},
    {GETRI, F_N, -1, 1}, {GETRI, F_LDA, 3, 3}, {GETRI, F_LWORK, 3, 6},
    {GECON, F_NORM, 'X', 1}, {GECON, F_N, -1, 2}, {GECON, F_LDA, 3, 4}, {GECON, F_ANORM, -1, 5},
    {POTRF, F_UPLO, 'X', 1}, {POTRF, F_N, -1, 2}, {POTRF, F_LDA, 3, 4},
    {POTRI, F_UPLO, 'X', 1}, {POTRI, F_N, -1, 2}, {POTRI, F_LDA, 3, 4},
    {POTRS, F_UPLO, 'X', 1}, {POTRS, F_N, -1, 2}, {POTRS, F_NRHS, -1, 3}, {POTRS, F_LDA, 3, 5},
    {POTRS, F_LDB, 3, 7},
    {POSV, F_UPLO, 'X', 1}, {POSV, F_N, -1, 2}, {POSV, F_NRHS, -1, 3}, {POSV, F_LDA, 3, 5},
    {POSV, F_LDB, 3, 7},
    {TRTRI, F_UPLO, 'X', 1}, {TRTRI, F_DIAG, 'X', 2}, {TRTRI, F_N, -1, 3}, {TRTRI, F_LDA, 3, 5},
    {TRTRS, F_UPLO, 'X', 1}, {TRTRS, F_TRANS, 'X', 2}, {TRTRS, F_DIAG, 'X', 3},
    {TRTRS, F_N, -1, 4}, {TRTRS, F_NRHS, -1, 5}, {TRTRS, F_LDA, 3, 7}, {TRTRS, F_LDB, 3, 9},
    {GEQRF, F_M, -1, 1}, {GEQRF, F_N, -1, 2}, {GEQRF, F_LDA, 3, 4}, {GEQRF, F_LWORK, 3, 7},
    {ORGQR, F_M, -1, 1}, {ORGQR, F_N, 5, 2}, {ORGQR, F_K, 5, 3}, {ORGQR, F_LDA, 3, 5},
    {ORGQR, F_LWORK, 3, 8},
    {ORMQR, F_SIDE, 'X', 1}, {ORMQR, F_TRANS, BADQ, 2}, {ORMQR, F_M, -1, 3}, {ORMQR, F_N, -1, 4},
    {ORMQR, F_K, 5, 5}, {ORMQR, F_LDA, 3, 7}, {ORMQR, F_LDC, 3, 10}, {ORMQR, F_LWORK, 3, 12},
    {GELS, F_TRANS, BADQ, 1}, {GELS, F_M, -1, 2}, {GELS, F_N, -1, 3}, {GELS, F_NRHS, -1, 4},
    {GELS, F_LDA, 3, 6}, {GELS, F_LDB, 3, 8}, {GELS, F_LWORK, 7, 10},
    {GEQP3, F_M, -1, 1}, {GEQP3, F_N, -1, 2}, {GEQP3, F_LDA, 3, 4}, {GEQP3, F_LWORK, 4, 8},
};
/* Empty problems: each routine with these sizes must do nothing (or what
 * LAPACK does: gels zeroes B, gecon returns 1, geqp3 numbers the columns). */
struct empty { int rout, field; long value; };
static const struct empty empties[] = {
    {GETRF, F_M, 0}, {GETRF, F_N, 0}, {GETRS, F_N, 0}, {GETRS, F_NRHS, 0}, {GESV, F_N, 0},
    {GETRI, F_N, 0}, {GECON, F_N, 0}, {POTRF, F_N, 0}, {POTRI, F_N, 0}, {POTRS, F_N, 0},
    {POTRS, F_NRHS, 0}, {POSV, F_N, 0}, {TRTRI, F_N, 0}, {TRTRS, F_N, 0}, {GEQRF, F_M, 0},
    {GEQRF, F_N, 0}, {ORGQR, F_K, 0}, {ORMQR, F_K, 0}, {ORMQR, F_N, 0}, {GELS, F_M, 0},
    {GELS, F_NRHS, 0}, {GEQP3, F_M, 0}, {GEQP3, F_N, 0},
};
/* Routines taking LWORK. */
static const int queries[] = {GETRI, GEQRF, ORGQR, ORMQR, GELS, GEQP3};

/* ---- one body per type and integer width ------------------------------------------ */
#define P s
#define T float
#define R float
#define CPLX 0
#define EPS FLT_EPSILON
#define ORG orgqr
#define ORM ormqr
#define INT int
#define S _
#define W 32
#include "lapack_body.h"
#define INT int64_t
#define S _64_
#define W 64
#include "lapack_body.h"
#undef P
#undef T
#undef R
#undef CPLX
#undef EPS
#undef ORG
#undef ORM
#define P d
#define T double
#define R double
#define CPLX 0
#define EPS DBL_EPSILON
#define ORG orgqr
#define ORM ormqr
#define INT int
#define S _
#define W 32
#include "lapack_body.h"
#define INT int64_t
#define S _64_
#define W 64
#include "lapack_body.h"
#undef P
#undef T
#undef R
#undef CPLX
#undef EPS
#undef ORG
#undef ORM
#define P c
#define T c32
#define R float
#define CPLX 1
#define EPS FLT_EPSILON
#define ORG ungqr
#define ORM unmqr
#define INT int
#define S _
#define W 32
#include "lapack_body.h"
#define INT int64_t
#define S _64_
#define W 64
#include "lapack_body.h"
#undef P
#undef T
#undef R
#undef CPLX
#undef EPS
#undef ORG
#undef ORM
#define P z
#define T c64
#define R double
#define CPLX 1
#define EPS DBL_EPSILON
#define ORG ungqr
#define ORM unmqr
#define INT int
#define S _
#define W 32
#include "lapack_body.h"
#define INT int64_t
#define S _64_
#define W 64
#include "lapack_body.h"
#undef P
#undef T
#undef R
#undef CPLX
#undef EPS
#undef ORG
#undef ORM

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3";
    /* The reference XERBLA's message must reach the pipe before its STOP,
     * even when stdout is not a terminal. */
    setenv("GFORTRAN_UNBUFFERED_PRECONNECTED", "y", 1);
    ref = dlmopen(LM_ID_NEWLM, path, RTLD_NOW | RTLD_LOCAL);
    if (!ref) {
        printf("FAIL: cannot load the reference LAPACK %s: %s\n", path, dlerror());
        return 1;
    }
    /* The reference must not be oxblas: its dgetrf_ is another function. */
    Dl_info di;
    check(dladdr(refsym("dgetrf_"), &di) && !strstr(di.dli_fname, "oxblas"),
          "the reference dgetrf_ is not liboxblas's", 0);
    check(dladdr((void *)dgetrf_, &di) && strstr(di.dli_fname, "oxblas"),
          "the program's dgetrf_ is liboxblas's", 0);
    run_s_32();
    run_s_64();
    run_d_32();
    run_d_64();
    run_c_32();
    run_c_64();
    run_z_32();
    run_z_64();
    printf("lapack: %d checks, %d failed\n", checks, failures);
    return failures != 0;
}
