/* The tests of test_lapack.c for one scalar type and integer width.
 * Parameters: P (s d c z), T, R, CPLX, EPS, ORG/ORM (orgqr/ormqr or
 * ungqr/unmqr); INT, S (_ or _64_), W (32 or 64). Undefines INT, S, W. */
#define ID CAT3(P, _, W)
#define FN(x) CAT3(x, _, ID)
#define OX(n) CAT3(P, n, S)
#define REFF(n) ((__typeof__(&CAT3(P, n, _)))refsym(XSTR(P) XSTR(n) "_"))
#if CPLX
#define RWARG rwork,
#define OPC 'C'
#else
#define RWARG
#define OPC 'T'
#endif

static T *FN(mk)(long len) {
    T *a = calloc(len + 1, sizeof(T));
    for (long i = 0; i < len; i++) {
        z v = urand();
        if (CPLX) v += urand() * _Complex_I;
        a[i] = (T)v;
    }
    return a;
}
static T *FN(dup)(const T *a, long len) {
    T *b = malloc(sizeof(T) * (len + 1));
    memcpy(b, a, sizeof(T) * len);
    return b;
}
static z *FN(toz)(const T *a, int m, int n, int lda) {
    z *b = malloc(sizeof(z) * ((long)m * n + 1));
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) b[i + (long)j * m] = a[i + (long)j * lda];
    return b;
}
/* Triangle of a (n x n, or m x n trapezoid), unit diagonal if asked. */
static z *FN(triz)(const T *a, int m, int n, int lda, char uplo, char diag) {
    z *b = FN(toz)(a, m, n, lda);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) {
            if ((uplo == 'U' && i > j) || (uplo == 'L' && i < j)) b[i + (long)j * m] = 0;
            if (i == j && diag == 'U') b[i + (long)j * m] = 1;
        }
    return b;
}
/* Hermitian positive definite: B^H B + n I. */
static T *FN(hpd)(int n) {
    T *b = FN(mk)((long)n * n);
    z *bz = FN(toz)(b, n, n, n), *c = malloc(sizeof(z) * n * n);
    zmul(n, n, n, bz, n, 'C', bz, n, 'N', c);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) b[i + j * n] = (T)(c[i + j * n] + (i == j ? n : 0));
    for (int i = 0; i < n; i++) b[i + i * n] = (T)creal(b[i + i * n]);
    free(bz);
    free(c);
    return b;
}
static double FN(rel)(double a, double b) { return fabs(a - b) / (fabs(b) > 0 ? fabs(b) : 1); }

/* ||op(A) X - B|| / (||A|| ||X|| n eps): A n x n, X and B n x nrhs. */
static double FN(solve_resid)(int n, int nrhs, const z *a, char op, const T *x, const T *b) {
    z *xz = FN(toz)(x, n, nrhs, n), *bz = FN(toz)(b, n, nrhs, n), *ax = malloc(sizeof(z) * n * nrhs);
    zmul(n, nrhs, n, a, n, op, xz, n, 'N', ax);
    double r = zdiff1(n, nrhs, ax, bz) / (znorm1(n, n, a, n) * znorm1(n, nrhs, xz, n) * n * EPS);
    free(xz);
    free(bz);
    free(ax);
    return r;
}

/* ---- LU ------------------------------------------------------------------------------ */
static void FN(t_lu)(void) {
    group = XSTR(OX(getrf));
    int shapes[3][2] = {{30, 30}, {37, 23}, {23, 37}};
    for (int s = 0; s < 3; s++) {
        int m = shapes[s][0], n = shapes[s][1], k = m < n ? m : n, rinfo;
        INT im = m, in = n, info = -7;
        T *a = FN(mk)((long)m * n), *f = FN(dup)(a, (long)m * n), *fr = FN(dup)(a, (long)m * n);
        INT *ipiv = malloc(sizeof(INT) * k);
        int *rpiv = malloc(sizeof(int) * k);
        OX(getrf)(&im, &in, f, &im, ipiv, &info);
        REFF(getrf)(&m, &n, fr, &m, rpiv, &rinfo);
        check(info == 0 && rinfo == 0, "getrf info 0", info);
        int same = 1;
        for (int i = 0; i < k; i++) same &= ipiv[i] == rpiv[i];
        check(same, "getrf ipiv equals the reference's", s);
        z *pa = FN(toz)(a, m, n, m), *l = FN(triz)(f, m, k, m, 'L', 'U'), *u = FN(triz)(f, k, n, m, 'U', 'N');
        for (int i = 0; i < k; i++)
            for (int j = 0; j < n; j++) {
                long p = ipiv[i] - 1;
                z t = pa[i + (long)j * m];
                pa[i + (long)j * m] = pa[p + (long)j * m];
                pa[p + (long)j * m] = t;
            }
        z *lu = malloc(sizeof(z) * m * n);
        zmul(m, n, k, l, m, 'N', u, k, 'N', lu);
        double r = zdiff1(m, n, pa, lu) / (n * znorm1(m, n, pa, m) * EPS);
        check(r < 30, "getrf ||PA - LU|| / (n ||A|| eps) < 30", r);
        free(a), free(f), free(fr), free(ipiv), free(rpiv), free(pa), free(l), free(u), free(lu);
    }
    /* Singular: column 5 is zero, so U(5,5) = 0 exactly: info = 5. */
    int n = 12, rinfo;
    INT in = n, info, ipiv[12];
    int rpiv[12];
    T *a = FN(mk)(n * n);
    for (int i = 0; i < n; i++) a[i + 4 * n] = 0;
    T *fr = FN(dup)(a, n * n);
    OX(getrf)(&in, &in, a, &in, ipiv, &info);
    REFF(getrf)(&n, &n, fr, &n, rpiv, &rinfo);
    check(info == 5 && rinfo == 5, "singular getrf info = 5 as the reference", info);
    free(a), free(fr);
}

static void FN(t_solve)(void) {
    group = XSTR(OX(getrs));
    int n = 25, nrhs = 3;
    INT in = n, inr = nrhs, info, ipiv[25];
    T *a = FN(mk)(n * n), *f = FN(dup)(a, n * n);
    z *az = FN(toz)(a, n, n, n);
    OX(getrf)(&in, &in, f, &in, ipiv, &info);
    const char ops[3] = {'N', 'T', 'C'};
    for (int o = 0; o < 3; o++) {
        T *b = FN(mk)(n * nrhs), *x = FN(dup)(b, n * nrhs);
        OX(getrs)(&ops[o], &in, &inr, f, &in, ipiv, x, &in, &info, 1);
        double r = FN(solve_resid)(n, nrhs, az, ops[o], x, b);
        check(info == 0 && r < 30, "getrs ||op(A) X - B|| / (||A|| ||X|| n eps) < 30", r);
        free(b), free(x);
    }
    free(a), free(f), free(az);

    group = XSTR(OX(gesv));
    n = 31, nrhs = 4, in = n, inr = nrhs;
    int rinfo, rpiv[31];
    INT piv[31];
    a = FN(mk)(n * n), f = FN(dup)(a, n * n);
    T *fr = FN(dup)(a, n * n), *b = FN(mk)(n * nrhs), *x = FN(dup)(b, n * nrhs), *xr = FN(dup)(b, n * nrhs);
    OX(gesv)(&in, &inr, f, &in, piv, x, &in, &info);
    REFF(gesv)(&n, &nrhs, fr, &n, rpiv, xr, &n, &rinfo);
    int same = info == rinfo;
    for (int i = 0; i < n; i++) same &= piv[i] == rpiv[i];
    check(info == 0 && same, "gesv info and ipiv equal the reference's", info);
    az = FN(toz)(a, n, n, n);
    double r = FN(solve_resid)(n, nrhs, az, 'N', x, b);
    check(r < 30, "gesv ||A X - B|| / (||A|| ||X|| n eps) < 30", r);
    for (int i = 0; i < n; i++) a[i + 6 * n] = 0; /* singular: info 7 */
    memcpy(f, a, sizeof(T) * n * n), memcpy(fr, a, sizeof(T) * n * n);
    OX(gesv)(&in, &inr, f, &in, piv, x, &in, &info);
    REFF(gesv)(&n, &nrhs, fr, &n, rpiv, xr, &n, &rinfo);
    check(info == 7 && rinfo == 7, "singular gesv info = 7 as the reference", info);
    free(a), free(f), free(fr), free(b), free(x), free(xr), free(az);
}

static void FN(t_inv)(void) {
    group = XSTR(OX(getri));
    int n = 28;
    INT in = n, info, ipiv[28], lwork = -1;
    T *a = FN(mk)(n * n), *f = FN(dup)(a, n * n), wq;
    OX(getrf)(&in, &in, f, &in, ipiv, &info);
    T *f0 = FN(dup)(f, n * n);
    OX(getri)(&in, f, &in, ipiv, &wq, &lwork, &info);
    check(info == 0 && creal(wq) >= n && !memcmp(f, f0, sizeof(T) * n * n),
          "getri workspace query: size >= n, A untouched", creal(wq));
    lwork = (INT)creal(wq);
    T *work = malloc(sizeof(T) * lwork);
    OX(getri)(&in, f, &in, ipiv, work, &lwork, &info);
    z *az = FN(toz)(a, n, n, n), *iz = FN(toz)(f, n, n, n), *c = malloc(sizeof(z) * n * n);
    zmul(n, n, n, az, n, 'N', iz, n, 'N', c);
    double anorm1 = znorm1(n, n, az, n), inorm1 = znorm1(n, n, iz, n);
    double r = zdiff_eye(n, c) / (n * anorm1 * inorm1 * EPS);
    check(info == 0 && r < 30, "getri ||A A^-1 - I|| / (n ||A|| ||A^-1|| eps) < 30", r);

    group = XSTR(OX(gecon));
    R an = OX(lange)("1", &in, &in, a, &in, NULL, 1), rc, rcr;
    R wr[4 * 28];
    int iw[28], rinfo;
    OX(gecon)("1", &in, f0, &in, &an, &rc, work, wr, &info, 1);
    T *wk = malloc(sizeof(T) * 4 * n);
    REFF(gecon)("1", &n, f0, &n, &an, &rcr, wk, CPLX ? (void *)wr : (void *)iw, &rinfo, 1);
    double truth = 1 / (anorm1 * inorm1);
    /* The estimate of ||A^-1|| is a lower bound, within a small factor. */
    check(info == 0 && rc >= truth / 1.01 && rc <= truth * 10,
          "gecon rcond within [true, 10 true] (1-norm)", rc / truth);
    check(rinfo == 0 && FN(rel)(rc, rcr) < 0.5, "gecon rcond close to the reference's", rc / rcr);
    an = OX(lange)("I", &in, &in, a, &in, (R *)wr, 1);
    OX(gecon)("I", &in, f0, &in, &an, &rc, work, wr, &info, 1);
    REFF(gecon)("I", &n, f0, &n, &an, &rcr, wk, CPLX ? (void *)wr : (void *)iw, &rinfo, 1);
    check(info == 0 && FN(rel)(rc, rcr) < 0.5, "gecon 'I' close to the reference's", rc / rcr);
    R nan = NAN;
    OX(gecon)("1", &in, f0, &in, &nan, &rc, work, wr, &info, 1);
    REFF(gecon)("1", &n, f0, &n, &nan, &rcr, wk, CPLX ? (void *)wr : (void *)iw, &rinfo, 1);
    check(isnan(rc) == isnan(rcr) && info == rinfo, "gecon with anorm = NaN as the reference", rc);

    group = XSTR(OX(getri));
    for (int i = 0; i < n; i++) a[i + 9 * n] = 0;
    memcpy(f, a, sizeof(T) * n * n);
    OX(getrf)(&in, &in, f, &in, ipiv, &info);
    INT info2;
    OX(getri)(&in, f, &in, ipiv, work, &lwork, &info2);
    check(info == 10 && info2 == 10, "singular getri info = 10", info2);
    free(a), free(f), free(f0), free(work), free(az), free(iz), free(c), free(wk);
}

/* ---- Cholesky ----------------------------------------------------------------------- */
static void FN(t_chol)(void) {
    int n = 27, nrhs = 3, rinfo;
    INT in = n, inr = nrhs, info;
    T *a = FN(hpd)(n);
    z *az = FN(toz)(a, n, n, n);
    double anorm = znorm1(n, n, az, n);
    const char *uplos = "UL";
    for (int u = 0; u < 2; u++) {
        const char *ul = &uplos[u];
        group = XSTR(OX(potrf));
        T *f = FN(dup)(a, n * n);
        OX(potrf)(ul, &in, f, &in, &info, 1);
        z *tz = FN(triz)(f, n, n, n, *ul, 'N'), *c = malloc(sizeof(z) * n * n);
        if (*ul == 'U') zmul(n, n, n, tz, n, 'C', tz, n, 'N', c);
        else zmul(n, n, n, tz, n, 'N', tz, n, 'C', c);
        double r = zdiff1(n, n, c, az) / (n * anorm * EPS);
        check(info == 0 && r < 30, "potrf ||A - U^H U|| (or L L^H) / (n ||A|| eps) < 30", r);

        group = XSTR(OX(potrs));
        T *b = FN(mk)(n * nrhs), *x = FN(dup)(b, n * nrhs);
        OX(potrs)(ul, &in, &inr, f, &in, x, &in, &info, 1);
        r = FN(solve_resid)(n, nrhs, az, 'N', x, b);
        check(info == 0 && r < 30, "potrs solve residual < 30", r);

        group = XSTR(OX(posv));
        T *g = FN(dup)(a, n * n);
        memcpy(x, b, sizeof(T) * n * nrhs);
        OX(posv)(ul, &in, &inr, g, &in, x, &in, &info, 1);
        r = FN(solve_resid)(n, nrhs, az, 'N', x, b);
        check(info == 0 && r < 30, "posv solve residual < 30", r);

        group = XSTR(OX(potri));
        OX(potri)(ul, &in, f, &in, &info, 1);
        z *iz = FN(toz)(f, n, n, n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
                if ((*ul == 'U') ? i > j : i < j) iz[i + j * n] = conj(iz[j + i * n]);
        zmul(n, n, n, az, n, 'N', iz, n, 'N', c);
        r = zdiff_eye(n, c) / (n * anorm * znorm1(n, n, iz, n) * EPS);
        check(info == 0 && r < 30, "potri ||A A^-1 - I|| / (n ||A|| ||A^-1|| eps) < 30", r);

        /* Not positive definite: A(8,8) = -1; info as the reference. */
        group = XSTR(OX(potrf));
        T *np = FN(dup)(a, n * n), *npr = FN(dup)(a, n * n);
        np[7 + 7 * n] = npr[7 + 7 * n] = -1;
        OX(potrf)(ul, &in, np, &in, &info, 1);
        REFF(potrf)(ul, &n, npr, &n, &rinfo, 1);
        check(info > 0 && info == rinfo, "non-positive-definite potrf info as the reference", info);
        memcpy(np, a, sizeof(T) * n * n), memcpy(npr, a, sizeof(T) * n * n);
        np[7 + 7 * n] = npr[7 + 7 * n] = -1;
        T *xr = FN(dup)(b, n * nrhs);
        memcpy(x, b, sizeof(T) * n * nrhs);
        OX(posv)(ul, &in, &inr, np, &in, x, &in, &info, 1);
        REFF(posv)(ul, &n, &nrhs, npr, &n, xr, &n, &rinfo, 1);
        check(info > 0 && info == rinfo && !memcmp(x, b, sizeof(T) * n * nrhs),
              "non-positive-definite posv: info as the reference, B untouched", info);
        free(f), free(tz), free(c), free(b), free(x), free(g), free(iz), free(np), free(npr), free(xr);
    }
    free(a), free(az);
}

/* ---- triangular --------------------------------------------------------------------- */
static void FN(t_tri)(void) {
    int n = 26, nrhs = 4, rinfo;
    INT in = n, inr = nrhs, info;
    T *a = FN(mk)(n * n);
    for (int i = 0; i < n * n; i++) a[i] *= 0.1f;
    for (int i = 0; i < n; i++) a[i + i * n] += 2;
    for (int u = 0; u < 2; u++)
        for (int d = 0; d < 2; d++) {
            const char *ul = &"UL"[u], *dg = &"NU"[d];
            group = XSTR(OX(trtri));
            T *f = FN(dup)(a, n * n);
            OX(trtri)(ul, dg, &in, f, &in, &info, 1, 1);
            z *tz = FN(triz)(a, n, n, n, *ul, *dg), *iz = FN(triz)(f, n, n, n, *ul, *dg);
            z *c = malloc(sizeof(z) * n * n);
            zmul(n, n, n, tz, n, 'N', iz, n, 'N', c);
            double r = zdiff_eye(n, c) / (n * znorm1(n, n, tz, n) * znorm1(n, n, iz, n) * EPS);
            check(info == 0 && r < 30, "trtri ||T T^-1 - I|| / (n ||T|| ||T^-1|| eps) < 30", r);
            int untouched = 1;
            for (int j = 0; j < n; j++)
                for (int i = 0; i < n; i++)
                    if ((*ul == 'U') ? i > j : i < j) untouched &= f[i + j * n] == a[i + j * n];
            check(untouched, "trtri leaves the other triangle alone", 0);

            group = XSTR(OX(trtrs));
            for (int o = 0; o < 3; o++) {
                const char *op = &"NTC"[o];
                T *b = FN(mk)(n * nrhs), *x = FN(dup)(b, n * nrhs);
                OX(trtrs)(ul, op, dg, &in, &inr, a, &in, x, &in, &info, 1, 1, 1);
                r = FN(solve_resid)(n, nrhs, tz, *op, x, b);
                check(info == 0 && r < 30, "trtrs solve residual < 30", r);
                free(b), free(x);
            }
            free(f), free(tz), free(iz), free(c);
        }
    /* Zero at A(7,7): info 7 (non-unit), nothing changed; unit ignores it. */
    T *s = FN(dup)(a, n * n), *sr;
    s[6 + 6 * n] = 0;
    sr = FN(dup)(s, n * n);
    T *s0 = FN(dup)(s, n * n), *b = FN(mk)(n * nrhs), *b0 = FN(dup)(b, n * nrhs);
    group = XSTR(OX(trtri));
    OX(trtri)("U", "N", &in, s, &in, &info, 1, 1);
    REFF(trtri)("U", "N", &n, sr, &n, &rinfo, 1, 1);
    check(info == 7 && rinfo == 7 && !memcmp(s, s0, sizeof(T) * n * n),
          "singular trtri: info 7 as the reference, A untouched", info);
    OX(trtri)("U", "U", &in, s, &in, &info, 1, 1);
    check(info == 0, "unit trtri ignores the zero diagonal", info);
    group = XSTR(OX(trtrs));
    OX(trtrs)("L", "N", "N", &in, &inr, s0, &in, b, &in, &info, 1, 1, 1);
    REFF(trtrs)("L", "N", "N", &n, &nrhs, s0, &n, b0, &n, &rinfo, 1, 1, 1);
    check(info == 7 && rinfo == 7 && !memcmp(b, b0, sizeof(T) * n * nrhs),
          "singular trtrs: info 7 as the reference, B untouched", info);
    free(a), free(s), free(sr), free(s0), free(b), free(b0);
}

/* ---- QR ------------------------------------------------------------------------------ */
/* ||I - Q^H Q|| / (m eps) for Q m x n. */
static double FN(orth)(int m, int n, const T *q) {
    z *qz = FN(toz)(q, m, n, m), *c = malloc(sizeof(z) * n * n);
    zmul(n, n, m, qz, m, 'C', qz, m, 'N', c);
    double r = zdiff_eye(n, c) / (m * EPS);
    free(qz), free(c);
    return r;
}
/* ||A - Q R|| / (||A|| m eps): A m x n, Q m x k, R the k x n upper part of f. */
static double FN(qr_resid)(int m, int n, int k, const z *a, const T *q, const T *f) {
    z *qz = FN(toz)(q, m, k, m), *rz = FN(triz)(f, k, n, m, 'U', 'N'), *c = malloc(sizeof(z) * m * n);
    zmul(m, n, k, qz, m, 'N', rz, k, 'N', c);
    double r = zdiff1(m, n, c, a) / (znorm1(m, n, a, m) * m * EPS);
    free(qz), free(rz), free(c);
    return r;
}

static void FN(t_qr)(void) {
    int shapes[2][2] = {{40, 25}, {20, 30}};
    for (int s = 0; s < 2; s++) {
        int m = shapes[s][0], n = shapes[s][1], k = m < n ? m : n;
        INT im = m, in = n, ik = k, info, lwork = -1;
        group = XSTR(OX(geqrf));
        T *a = FN(mk)(m * n), *f = FN(dup)(a, m * n), *tau = calloc(k, sizeof(T)), wq = 0;
        OX(geqrf)(&im, &in, f, &im, tau, &wq, &lwork, &info);
        check(info == 0 && creal(wq) >= n && !memcmp(f, a, sizeof(T) * m * n),
              "geqrf workspace query: size >= n, A untouched", creal(wq));
        lwork = (INT)creal(wq);
        T *work = malloc(sizeof(T) * (lwork + 64 * 64));
        OX(geqrf)(&im, &in, f, &im, tau, work, &lwork, &info);
        check(info == 0, "geqrf info 0", info);
        /* Q: the first k columns (m x k), from the k reflectors. */
        group = XSTR(OX(ORG));
        T *q = FN(dup)(f, m * k);
        lwork = -1;
        OX(ORG)(&im, &ik, &ik, q, &im, tau, &wq, &lwork, &info);
        check(info == 0 && creal(wq) >= k, "orgqr/ungqr workspace query", creal(wq));
        lwork = (INT)creal(wq);
        OX(ORG)(&im, &ik, &ik, q, &im, tau, work, &lwork, &info);
        double r = FN(orth)(m, k, q);
        check(info == 0 && r < 30, "orgqr/ungqr ||I - Q^H Q|| / (m eps) < 30", r);
        z *az = FN(toz)(a, m, n, m);
        r = FN(qr_resid)(m, n, k, az, q, f);
        check(r < 30, "geqrf ||A - Q R|| / (||A|| m eps) < 30", r);

        /* ormqr/unmqr against the explicit m x m Q. */
        group = XSTR(OX(ORM));
        T *qf = calloc((size_t)m * m, sizeof(T));
        memcpy(qf, f, sizeof(T) * m * k);
        lwork = 64 * 64;
        OX(ORG)(&im, &im, &ik, qf, &im, tau, work, &lwork, &info);
        z *qz = FN(toz)(qf, m, m, m);
        int p = 7;
        for (int sd = 0; sd < 2; sd++)
            for (int o = 0; o < 2; o++) {
                const char side = "LR"[sd], op = o ? OPC : 'N';
                int cm = sd == 0 ? m : p, cn = sd == 0 ? p : m;
                INT icm = cm, icn = cn;
                T *c = FN(mk)(cm * cn), *c1 = FN(dup)(c, cm * cn);
                lwork = -1;
                OX(ORM)(&side, &op, &icm, &icn, &ik, f, &im, tau, c1, &icm, &wq, &lwork, &info, 1, 1);
                check(info == 0 && creal(wq) >= (sd == 0 ? cn : cm) &&
                          !memcmp(c, c1, sizeof(T) * cm * cn),
                      "ormqr/unmqr workspace query", creal(wq));
                lwork = (INT)creal(wq);
                OX(ORM)(&side, &op, &icm, &icn, &ik, f, &im, tau, c1, &icm, work, &lwork, &info, 1, 1);
                z *cz = FN(toz)(c, cm, cn, cm), *want = malloc(sizeof(z) * cm * cn);
                z *got = FN(toz)(c1, cm, cn, cm);
                if (sd == 0) zmul(cm, cn, m, qz, m, op, cz, cm, 'N', want);
                else zmul(cm, cn, m, cz, cm, 'N', qz, m, op, want);
                r = zdiff1(cm, cn, got, want) / (m * znorm1(cm, cn, cz, cm) * EPS);
                check(info == 0 && r < 30, "ormqr/unmqr ||op(Q) C - explicit|| / (m ||C|| eps) < 30", r);
                free(c), free(c1), free(cz), free(want), free(got);
            }
        free(a), free(f), free(tau), free(work), free(q), free(az), free(qf), free(qz);
    }
}

static void FN(t_gels)(void) {
    group = XSTR(OX(gels));
    int shapes[2][2] = {{40, 25}, {20, 30}}, nrhs = 3;
    for (int s = 0; s < 2; s++)
        for (int o = 0; o < 2; o++) {
            int m = shapes[s][0], n = shapes[s][1], mx = m > n ? m : n, rinfo, rl;
            const char op = o ? OPC : 'N';
            INT im = m, in = n, inr = nrhs, imx = mx, info, lwork = -1;
            T *a = FN(mk)(m * n), *f = FN(dup)(a, m * n), *fr = FN(dup)(a, m * n);
            T *b = FN(mk)(mx * nrhs), *x = FN(dup)(b, mx * nrhs), *xr = FN(dup)(b, mx * nrhs), wq;
            OX(gels)(&op, &im, &in, &inr, f, &im, x, &imx, &wq, &lwork, &info, 1);
            check(info == 0 && !memcmp(f, a, sizeof(T) * m * n), "gels workspace query", creal(wq));
            lwork = (INT)creal(wq);
            T *work = malloc(sizeof(T) * lwork);
            OX(gels)(&op, &im, &in, &inr, f, &im, x, &imx, work, &lwork, &info, 1);
            rl = -1;
            REFF(gels)(&op, &m, &n, &nrhs, fr, &m, xr, &mx, &wq, &rl, &rinfo, 1);
            rl = (int)creal(wq);
            T *rw = malloc(sizeof(T) * rl);
            REFF(gels)(&op, &m, &n, &nrhs, fr, &m, xr, &mx, rw, &rl, &rinfo, 1);
            /* op(A) is rows x cols; X has cols rows. */
            int rows = op == 'N' ? m : n, cols = op == 'N' ? n : m;
            z *az = FN(toz)(a, m, n, m), *xz = FN(toz)(x, cols, nrhs, mx), *bz = FN(toz)(b, rows, nrhs, mx);
            z *xrz = FN(toz)(xr, cols, nrhs, mx), *ax = malloc(sizeof(z) * rows * nrhs);
            zmul(rows, nrhs, cols, az, m, op, xz, cols, 'N', ax);
            double an = znorm1(m, n, az, m), xn = znorm1(cols, nrhs, xz, cols);
            double d = zdiff1(cols, nrhs, xz, xrz) / znorm1(cols, nrhs, xrz, cols);
            check(info == 0 && rinfo == 0 && d < 100 * mx * EPS,
                  "gels X close to the reference's", d / EPS);
            double r;
            if (rows >= cols) { /* least squares: op(A)^H (B - op(A) X) = 0 */
                for (int i = 0; i < rows * nrhs; i++) ax[i] = bz[i] - ax[i];
                z *g = malloc(sizeof(z) * cols * nrhs);
                zmul(cols, nrhs, rows, az, m, op == 'N' ? 'C' : 'N', ax, rows, 'N', g);
                r = znorm1(cols, nrhs, g, cols) /
                    (mx * an * (znorm1(rows, nrhs, bz, rows) + an * xn) * EPS);
                check(r < 30, "gels normal equations ||op(A)^H r|| / (max(m,n) ||A|| (||B|| + ||A|| ||X||) eps) < 30", r);
                free(g);
            } else { /* minimum norm: op(A) X = B */
                r = zdiff1(rows, nrhs, ax, bz) / (an * xn * mx * EPS);
                check(r < 30, "gels minimum norm ||op(A) X - B|| / (||A|| ||X|| max(m,n) eps) < 30", r);
            }
            free(a), free(f), free(fr), free(b), free(x), free(xr), free(work), free(rw);
            free(az), free(xz), free(bz), free(xrz), free(ax);
        }
    /* Rank deficient (zero column 4): info = 4 as the reference. */
    int m = 20, n = 10, mx = 20, rinfo, rl = 64 * 64;
    INT im = m, in = n, inr = nrhs, imx = mx, info, lwork = 64 * 64;
    T *a = FN(mk)(m * n), *b = FN(mk)(m * nrhs), *work = malloc(sizeof(T) * lwork);
    for (int i = 0; i < m; i++) a[i + 3 * m] = 0;
    T *ar = FN(dup)(a, m * n), *br = FN(dup)(b, m * nrhs);
    OX(gels)("N", &im, &in, &inr, a, &im, b, &imx, work, &lwork, &info, 1);
    REFF(gels)("N", &m, &n, &nrhs, ar, &m, br, &mx, work, &rl, &rinfo, 1);
    check(info == 4 && rinfo == 4, "rank-deficient gels info = 4 as the reference", info);
    free(a), free(b), free(work), free(ar), free(br);
}

static void FN(t_geqp3)(void) {
    group = XSTR(OX(geqp3));
    int m = 30, n = 20, rinfo, rl;
    INT im = m, in = n, info, lwork = -1, jp[20];
    int rjp[20];
    T *a = FN(mk)(m * n), wq;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < m; i++) a[i + j * m] *= 1 + 0.25 * ((j * 7) % n);
    R rwork[2 * 20];
    (void)rwork;
    for (int fixed = 0; fixed < 2; fixed++) {
        for (int j = 0; j < n; j++) jp[j] = rjp[j] = fixed && (j == 5 || j == 12);
        T *f = FN(dup)(a, m * n), *fr = FN(dup)(a, m * n), *tau = calloc(n, sizeof(T)), *taur = calloc(n, sizeof(T));
        lwork = -1;
        OX(geqp3)(&im, &in, f, &im, jp, tau, &wq, &lwork, RWARG & info);
        check(info == 0 && creal(wq) >= (CPLX ? n + 1 : 3 * n + 1) && !memcmp(f, a, sizeof(T) * m * n),
              "geqp3 workspace query", creal(wq));
        lwork = (INT)creal(wq);
        T *work = malloc(sizeof(T) * lwork);
        OX(geqp3)(&im, &in, f, &im, jp, tau, work, &lwork, RWARG & info);
        rl = 64 * 64;
        T *rw = malloc(sizeof(T) * rl);
        REFF(geqp3)(&m, &n, fr, &m, rjp, taur, rw, &rl, RWARG & rinfo);
        int same = info == 0 && rinfo == 0;
        for (int j = 0; j < n; j++) same &= jp[j] == rjp[j];
        check(same, fixed ? "geqp3 with fixed columns: jpvt equals the reference's"
                          : "geqp3 jpvt equals the reference's", 0);
        if (fixed) check(jp[0] == 6 && jp[1] == 13, "geqp3 moves the fixed columns to the front", jp[0]);
        /* ||A P - Q R||. */
        z *ap = malloc(sizeof(z) * m * n);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < m; i++) ap[i + j * m] = a[i + (jp[j] - 1) * m];
        T *q = FN(dup)(f, m * n);
        INT lw2 = lwork;
        OX(ORG)(&im, &in, &in, q, &im, tau, work, &lw2, &info);
        double r = FN(qr_resid)(m, n, n, ap, q, f);
        check(r < 30, "geqp3 ||A P - Q R|| / (||A|| m eps) < 30", r);
        int dec = 1;
        for (int j = 2 + fixed; j < n; j++) dec &= cabs(f[j + j * m]) <= cabs(f[j - 1 + (j - 1) * m]) * (1 + 1e-3);
        check(dec, "geqp3 |R(j,j)| non-increasing over the free columns", 0);
        free(f), free(fr), free(tau), free(taur), free(work), free(rw), free(ap), free(q);
    }
    free(a);
}

/* ---- norms --------------------------------------------------------------------------- */
static void FN(t_norms)(void) {
    group = XSTR(OX(lange));
    int m = 13, n = 9;
    INT im = m, in = n;
    R work[64];
    T *a = FN(mk)(m * n);
    const char *norms = "M1OIFE";
    for (int k = 0; k < 6; k++) {
        const char *nm = &norms[k];
        R got = OX(lange)(nm, &im, &in, a, &im, work, 1), want = REFF(lange)(nm, &m, &n, a, &m, work, 1);
        check(FN(rel)(got, want) < 4 * n * EPS, "lange equals the reference's", FN(rel)(got, want));
        for (int u = 0; u < 2; u++) {
            const char *ul = &"UL"[u];
            group = XSTR(OX(lansy));
            got = OX(lansy)(nm, ul, &in, a, &im, work, 1, 1);
            want = REFF(lansy)(nm, ul, &n, a, &m, work, 1, 1);
            check(FN(rel)(got, want) < 4 * n * EPS, "lansy equals the reference's", FN(rel)(got, want));
#if CPLX
            group = XSTR(OX(lanhe));
            got = OX(lanhe)(nm, ul, &in, a, &im, work, 1, 1);
            want = REFF(lanhe)(nm, ul, &n, a, &m, work, 1, 1);
            check(FN(rel)(got, want) < 4 * n * EPS, "lanhe equals the reference's", FN(rel)(got, want));
#endif
            group = XSTR(OX(lantr));
            for (int d = 0; d < 2; d++)
                for (int t = 0; t < 2; t++) { /* 13 x 9 and 9 x 13 trapezoids */
                    const char *dg = &"NU"[d];
                    INT tm = t ? n : m, tn = t ? m : n;
                    int rm = tm, rn = tn;
                    got = OX(lantr)(nm, ul, dg, &tm, &tn, a, &tm, work, 1, 1, 1);
                    want = REFF(lantr)(nm, ul, dg, &rm, &rn, a, &rm, work, 1, 1, 1);
                    check(FN(rel)(got, want) < 4 * n * EPS, "lantr equals the reference's", FN(rel)(got, want));
                }
        }
        group = XSTR(OX(lange));
    }
    a[5] = NAN;
    check(isnan(OX(lange)("M", &im, &in, a, &im, work, 1)) && isnan(OX(lange)("F", &im, &in, a, &im, work, 1)) &&
              isnan(REFF(lange)("M", &m, &n, a, &m, work, 1)),
          "lange propagates NaN as the reference", 0);
    INT zero = 0;
    int rzero = 0;
    check(OX(lange)("1", &zero, &in, a, &im, work, 1) == 0 && REFF(lange)("1", &rzero, &n, a, &m, work, 1) == 0,
          "lange of an empty matrix is 0", 0);
    INT short_ld = m - 1;
    check(isnan(OX(lange)("1", &im, &in, a, &short_ld, work, 1)) &&
              isnan(OX(lantr)("1", "U", "N", &im, &in, a, &short_ld, work, 1, 1, 1)),
          "lange/lantr with LDA < M give NaN (oxblas; LAPACK does not check)", 0);
    free(a);
}

/* ---- special values: NaN / Inf inputs, a zero matrix, as the reference ---------------- */
static void FN(t_special)(void) {
    group = "special values " XSTR(ID);
    int n = 9, nrhs = 2, rinfo, rpiv[9], lw = 64 * 64;
    INT in = n, inr = nrhs, info, piv[9], ilw = lw;
    T *work = malloc(sizeof(T) * lw);
    /* getrf with a NaN below a pivot, a NaN pivot, an Inf pivot: the pivots after
     * a NaN depend on the BLAS's i?amax (the reference LAPACK's comes from
     * whichever libblas.so.3 is installed), so compare info and whether
     * the NaN reached the factors. */
    for (int v = 0; v < 3; v++) {
        T *a = FN(mk)(n * n);
        a[v == 0 ? 3 : 0] = v == 2 ? INFINITY : NAN;
        T *ar = FN(dup)(a, n * n);
        OX(getrf)(&in, &in, a, &in, piv, &info);
        REFF(getrf)(&n, &n, ar, &n, rpiv, &rinfo);
        int nan = 0, rnan = 0;
        for (int i = 0; i < n * n; i++) nan |= isnan(creal(a[i])) || isnan(cimag(a[i])),
                                       rnan |= isnan(creal(ar[i])) || isnan(cimag(ar[i]));
        check(info == rinfo && nan == rnan, "getrf with NaN/Inf: info and NaN in the factors as the reference", v);
        if (v == 2) { /* an Inf pivot: multipliers 0, the rest pivots as usual */
            int same = 1;
            for (int i = 0; i < n; i++) same &= piv[i] == rpiv[i];
            check(same && piv[0] == 1, "getrf with an Inf pivot: ipiv as the reference", piv[0]);
        }
        free(a), free(ar);
    }
    T *h = FN(hpd)(n), *hr;
    h[4 + 4 * n] = NAN;
    hr = FN(dup)(h, n * n);
    OX(potrf)("L", &in, h, &in, &info, 1);
    REFF(potrf)("L", &n, hr, &n, &rinfo, 1);
    check(info == 5 && rinfo == 5, "potrf with a NaN on the diagonal: info 5 as the reference", info);
    /* gels of a zero matrix: X = 0, info 0. */
    T *a = calloc(n * n, sizeof(T)), *ar = calloc(n * n, sizeof(T));
    T *b = FN(mk)(n * nrhs), *br = FN(dup)(b, n * nrhs);
    OX(gels)("N", &in, &in, &inr, a, &in, b, &in, work, &ilw, &info, 1);
    REFF(gels)("N", &n, &n, &nrhs, ar, &n, br, &n, work, &lw, &rinfo, 1);
    int zero = 1;
    for (int i = 0; i < n * nrhs; i++) zero &= b[i] == 0 && br[i] == 0;
    check(info == 0 && rinfo == 0 && zero, "gels of a zero matrix gives X = 0 as the reference", info);
    /* geqp3 with tied column norms: the same pivots as the reference. */
    INT jp[9] = {0};
    int rjp[9] = {0};
    jp[4] = rjp[4] = 1;
    for (int i = 0; i < n * n; i++) a[i] = ar[i] = 1 + i % 3;
    R rwork[18];
    (void)rwork;
    T *tau = malloc(sizeof(T) * n);
    OX(geqp3)(&in, &in, a, &in, jp, tau, work, &ilw, RWARG & info);
    REFF(geqp3)(&n, &n, ar, &n, rjp, tau, work, &lw, RWARG & rinfo);
    int same = info == rinfo;
    for (int i = 0; i < n; i++) same &= jp[i] == rjp[i];
    check(same, "geqp3 with tied norms and a fixed column: jpvt as the reference", jp[0]);
    free(work), free(h), free(hr), free(a), free(ar), free(b), free(br), free(tau);
}

/* ---- illegal arguments, workspace queries, zero sizes ----------------------------------- */
struct FN(iv) { INT m, n, k, nrhs, lda, ldb, ldc, lwork, info; INT ipiv[64]; };
struct FN(rv) { int m, n, k, nrhs, lda, ldb, ldc, lwork, info; int ipiv[64]; };
/* Buffers every call of the table uses, large enough for any legal size. */
struct FN(buf) { T a[256], b[256], c[256], tau[64], work[256]; R anorm, rcond, rwork[256]; };
#define SETV(V, g) \
    (V.m = g->m, V.n = g->n, V.k = g->k, V.nrhs = g->nrhs, V.lda = g->lda, V.ldb = g->ldb, \
     V.ldc = g->ldc, V.lwork = g->lwork, V.info = -99)
#define CALLS(F, V, B, g)                                                                            \
    switch (rout) {                                                                                  \
    case GETRF: F(getrf)(&V.m, &V.n, B->a, &V.lda, V.ipiv, &V.info); break;                          \
    case GETRS: F(getrs)(&g->trans, &V.n, &V.nrhs, B->a, &V.lda, V.ipiv, B->b, &V.ldb, &V.info, 1); break; \
    case GESV: F(gesv)(&V.n, &V.nrhs, B->a, &V.lda, V.ipiv, B->b, &V.ldb, &V.info); break;            \
    case GETRI: F(getri)(&V.n, B->a, &V.lda, V.ipiv, B->work, &V.lwork, &V.info); break;             \
    case GECON: F(gecon)(&g->norm, &V.n, B->a, &V.lda, &B->anorm, &B->rcond, B->work, B->rwork, &V.info, 1); break; \
    case POTRF: F(potrf)(&g->uplo, &V.n, B->a, &V.lda, &V.info, 1); break;                           \
    case POTRI: F(potri)(&g->uplo, &V.n, B->a, &V.lda, &V.info, 1); break;                           \
    case POTRS: F(potrs)(&g->uplo, &V.n, &V.nrhs, B->a, &V.lda, B->b, &V.ldb, &V.info, 1); break;    \
    case POSV: F(posv)(&g->uplo, &V.n, &V.nrhs, B->a, &V.lda, B->b, &V.ldb, &V.info, 1); break;      \
    case TRTRI: F(trtri)(&g->uplo, &g->diag, &V.n, B->a, &V.lda, &V.info, 1, 1); break;              \
    case TRTRS: F(trtrs)(&g->uplo, &g->trans, &g->diag, &V.n, &V.nrhs, B->a, &V.lda, B->b, &V.ldb, &V.info, 1, 1, 1); break; \
    case GEQRF: F(geqrf)(&V.m, &V.n, B->a, &V.lda, B->tau, B->work, &V.lwork, &V.info); break;       \
    case ORGQR: F(ORG)(&V.m, &V.n, &V.k, B->a, &V.lda, B->tau, B->work, &V.lwork, &V.info); break;   \
    case ORMQR: F(ORM)(&g->side, &g->trans, &V.m, &V.n, &V.k, B->a, &V.lda, B->tau, B->c, &V.ldc, B->work, &V.lwork, &V.info, 1, 1); break; \
    case GELS: F(gels)(&g->trans, &V.m, &V.n, &V.nrhs, B->a, &V.lda, B->b, &V.ldb, B->work, &V.lwork, &V.info, 1); break; \
    case GEQP3: { R *rwork = B->rwork; (void)rwork; F(geqp3)(&V.m, &V.n, B->a, &V.lda, V.ipiv, B->tau, B->work, &V.lwork, RWARG &V.info); } break; \
    }

/* A well-defined legal input: a diagonally dominant HPD A, 1-based
 * identity pivots, random B and C. */
static void FN(fill_buf)(struct FN(buf) * B) {
    T *r = FN(mk)(256);
    memcpy(B->b, r, sizeof B->b), memcpy(B->c, r, sizeof B->c);
    for (int i = 0; i < 256; i++) B->a[i] = r[(i * 7) % 256] * 0.1f;
    for (int i = 0; i < 4; i++) B->a[i + i * 4] = 4;
    for (int i = 0; i < 64; i++) B->tau[i] = 0.5f;
    memset(B->work, 0, sizeof B->work);
    B->anorm = 1;
    B->rcond = -1;
    free(r);
}
static void FN(call_ox)(int rout, const struct args *g, struct FN(buf) * B, struct FN(iv) * v) {
    SETV((*v), g);
    for (int i = 0; i < 64; i++) v->ipiv[i] = (i % 4) + 1;
    B->anorm = g->anorm;
    CALLS(OX, (*v), B, g)
}
static void FN(call_ref)(int rout, const struct args *g, struct FN(buf) * B, struct FN(rv) * v) {
    SETV((*v), g);
    for (int i = 0; i < 64; i++) v->ipiv[i] = (i % 4) + 1;
    B->anorm = g->anorm;
    CALLS(REFF, (*v), B, g)
}
static void FN(rname)(int rout, char *out) {
    const char *base = rout_name[rout];
    if (CPLX && rout == ORGQR) base = "UNGQR";
    if (CPLX && rout == ORMQR) base = "UNMQR";
    snprintf(out, 8, "%c%s", XSTR(P)[0] - 32, base);
}

static void FN(t_args)(void) {
    static struct FN(buf) B, B2;
    struct FN(iv) v;
    struct FN(rv) rv;
    char name[8];
    group = "illegal arguments " XSTR(ID);
    for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
        struct args g = defaults();
        int rout = bads[i].rout;
        double val = bads[i].value == BADQ ? (CPLX ? 'T' : 'C') : bads[i].value;
        set_field(&g, bads[i].field, val);
        FN(fill_buf)(&B);
        xcalls = 0;
        FN(call_ox)(rout, &g, &B, &v);
        FN(rname)(rout, name);
        int ok = xcalls == 1 && xinfo == bads[i].pos && v.info == -bads[i].pos && !strcmp(xname, name);
        if (!ok) printf("  %s: xerbla %d calls, %s %ld; info %ld; want %s %d\n", name, xcalls, xname, xinfo, (long)v.info, name, bads[i].pos);
        check(ok, "illegal argument: xerbla name and position, info = -position", bads[i].pos);
        if (W == 32) { /* the reference agrees (its XERBLA prints and stops) */
            int pos;
            REF_POS(pos, FN(call_ref)(rout, &g, &B, &rv));
            if (pos != bads[i].pos) printf("  %s: reference says position %d, want %d\n", name, pos, bads[i].pos);
            check(pos == bads[i].pos, "the reference LAPACK reports the same position", pos);
        }
    }
    group = "workspace queries " XSTR(ID);
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        struct args g = defaults();
        int rout = queries[i];
        g.lwork = -1;
        FN(fill_buf)(&B);
        B2 = B;
        xcalls = 0;
        FN(call_ox)(rout, &g, &B, &v);
        B2.work[0] = B.work[0];
        FN(rname)(rout, name);
        check(xcalls == 0 && v.info == 0 && !memcmp(&B, &B2, sizeof B) && creal(B.work[0]) >= 1,
              name, creal(B.work[0]));
        g.lwork = (long)creal(B.work[0]);
        FN(call_ox)(rout, &g, &B, &v);
        check(xcalls == 0 && v.info >= 0, "a call with the size the query returned is legal", v.info);
    }
    group = "zero sizes " XSTR(ID);
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        struct args g = defaults();
        int rout = empties[i].rout;
        set_field(&g, empties[i].field, empties[i].value);
        FN(fill_buf)(&B);
        B2 = B;
        xcalls = 0;
        FN(call_ox)(rout, &g, &B, &v);
        FN(call_ref)(rout, &g, &B2, &rv);
        int same = xcalls == 0 && v.info == rv.info && !memcmp(B.a, B2.a, sizeof B.a) &&
                   !memcmp(B.b, B2.b, sizeof B.b) && !memcmp(B.c, B2.c, sizeof B.c) &&
                   (rout != GECON || B.rcond == B2.rcond);
        for (int j = 0; j < 64; j++) same &= v.ipiv[j] == rv.ipiv[j];
        FN(rname)(rout, name);
        if (!same) printf("  %s with a zero size differs from the reference (info %ld vs %d)\n", name, (long)v.info, rv.info);
        check(same, "empty problem: same info and outputs as the reference", rout);
    }
}

static void FN(run)(void) {
    int before = failures;
    FN(t_lu)();
    FN(t_solve)();
    FN(t_inv)();
    FN(t_chol)();
    FN(t_tri)();
    FN(t_qr)();
    FN(t_gels)();
    FN(t_geqp3)();
    FN(t_norms)();
    FN(t_special)();
    FN(t_args)();
    printf("%s %s\n", failures == before ? "done" : "FAIL", XSTR(ID));
}

#undef ID
#undef FN
#undef OX
#undef REFF
#undef RWARG
#undef OPC
#undef SETV
#undef CALLS
#undef INT
#undef S
#undef W
