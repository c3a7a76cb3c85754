"""A real consumer: Debian's NumPy using liboxblas as its libblas.so.3.

Run with LD_LIBRARY_PATH pointing at the directory holding the
libblas.so.3 -> liboxblas.so link (see stage.sh). Checks a matrix product
and dot products against plain-Python arithmetic, and proves through
/proc/self/maps that liboxblas is the BLAS loaded into the process.

With --lapack (run with LD_PRELOAD=liboxblas.so ahead of the reference
liblapack.so.3) also checks numpy.linalg: solve, inv, det, cholesky, qr,
lstsq by residuals computed in plain Python, and that both liboxblas and
liblapack.so.3 are mapped (the test script checks which one the loader
bound dgesv_/dgetrf_ to).
Prints "numpy-smoke: N passed, M failed".
"""

import random
import sys

import numpy as np

passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print("ok:", what)
    else:
        failed += 1
        print("FAIL:", what)


rng = random.Random(3)
m, k, n = 67, 45, 53
a = [[rng.uniform(-1, 1) for _ in range(k)] for _ in range(m)]
b = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(k)]
want = [[sum(a[i][p] * b[p][j] for p in range(k)) for j in range(n)] for i in range(m)]

A, B = np.array(a), np.array(b)
got = A @ B  # float64 matmul: cblas_dgemm
err = max(abs(got[i, j] - want[i][j]) for i in range(m) for j in range(n))
check(err < 1e-12, f"float64 matrix product (max error {err:.1e})")

got_t = np.asfortranarray(A) @ B.T.copy().T  # mixed layouts
err = float(np.max(np.abs(got_t - np.array(want))))
check(err < 1e-12, f"float64 product, Fortran-ordered A (max error {err:.1e})")

Z = (A + 1j * A[:, ::-1].copy())[:, :k]
zw = Z @ Z.conj().T  # complex128: cblas_zgemm (or zsyrk/zherk paths)
zref = [[sum(Z[i, p] * Z[j, p].conjugate() for p in range(k)) for j in range(m)] for i in range(m)]
err = max(abs(zw[i, j] - zref[i][j]) for i in range(m) for j in range(m))
check(err < 1e-11, f"complex128 product Z Z^H (max error {err:.1e})")

x = [rng.uniform(-1, 1) for _ in range(1000)]
y = [rng.uniform(-1, 1) for _ in range(1000)]
d = float(np.dot(np.array(x), np.array(y)))  # cblas_ddot
want_d = sum(p * q for p, q in zip(x, y))
check(abs(d - want_d) < 1e-12, f"float64 dot ({d:.6f})")

zx = np.array(x[:100]) + 1j * np.array(y[:100])
zd = np.vdot(zx, zx[::-1])  # cblas_zdotc_sub
want_z = sum(p.conjugate() * q for p, q in zip(zx, zx[::-1]))
check(abs(zd - want_z) < 1e-12, "complex128 vdot")



def pmul(a, b):
    """Plain-Python product of two lists of lists."""
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]


def pnorm1(a):
    return max(sum(abs(a[i][j]) for i in range(len(a))) for j in range(len(a[0])))


def pdiff(a, b):
    return pnorm1([[x - y for x, y in zip(r, s)] for r, s in zip(a, b)])


def lapack_checks():
    eps = np.finfo(np.float64).eps
    n, nrhs = 40, 3
    a = [[rng.uniform(-1, 1) for _ in range(n)] for _ in range(n)]
    b = [[rng.uniform(-1, 1) for _ in range(nrhs)] for _ in range(n)]
    A, B = np.array(a), np.array(b)
    an = pnorm1(a)

    x = np.linalg.solve(A, B).tolist()  # dgesv_
    r = pdiff(pmul(a, x), b) / (an * pnorm1(x) * n * eps)
    check(r < 30, f"linalg.solve: ||AX - B|| / (||A|| ||X|| n eps) = {r:.2f}")

    zc = (A + 1j * A[::-1]).tolist()
    zb = (B + 1j * B[::-1]).tolist()
    zx = np.linalg.solve(np.array(zc), np.array(zb)).tolist()  # zgesv_
    r = pdiff(pmul(zc, zx), zb) / (pnorm1(zc) * pnorm1(zx) * n * eps)
    check(r < 30, f"linalg.solve complex128: residual {r:.2f}")

    ai = np.linalg.inv(A).tolist()  # dgesv_ on the identity
    eye = [[float(i == j) for j in range(n)] for i in range(n)]
    r = pdiff(pmul(a, ai), eye) / (an * pnorm1(ai) * n * eps)
    check(r < 30, f"linalg.inv: ||A A^-1 - I|| / (||A|| ||A^-1|| n eps) = {r:.2f}")

    # det (dgetrf_) against the product of the diagonal of a plain-Python
    # Gaussian elimination with partial pivoting.
    u = [row[:] for row in a]
    det = 1.0
    for k in range(n):
        p = max(range(k, n), key=lambda i: abs(u[i][k]))
        if p != k:
            u[k], u[p] = u[p], u[k]
            det = -det
        det *= u[k][k]
        for i in range(k + 1, n):
            f = u[i][k] / u[k][k]
            for j in range(k, n):
                u[i][j] -= f * u[k][j]
    d = float(np.linalg.det(A))
    check(abs(d - det) <= 1e3 * n * eps * abs(det), f"linalg.det = {d:.6e} (plain Python {det:.6e})")

    s = pmul([list(r) for r in zip(*a)], a)  # A^T A + n I: positive definite
    for i in range(n):
        s[i][i] += n
    lo = np.linalg.cholesky(np.array(s)).tolist()  # dpotrf_
    upper_zero = all(lo[i][j] == 0 for i in range(n) for j in range(i + 1, n))
    r = pdiff(pmul(lo, [list(r) for r in zip(*lo)]), s) / (pnorm1(s) * n * eps)
    check(upper_zero and r < 30, f"linalg.cholesky: ||S - L L^T|| / (||S|| n eps) = {r:.2f}")

    m, k = 50, 30
    c = [[rng.uniform(-1, 1) for _ in range(k)] for _ in range(m)]
    q, rr = np.linalg.qr(np.array(c))  # dgeqrf_ + dorgqr_
    q, rr = q.tolist(), rr.tolist()
    qtq = pmul([list(r) for r in zip(*q)], q)
    e1 = pdiff(qtq, [[float(i == j) for j in range(k)] for i in range(k)]) / (m * eps)
    e2 = pdiff(pmul(q, rr), c) / (pnorm1(c) * m * eps)
    check(e1 < 30 and e2 < 30, f"linalg.qr: ||I - Q^T Q|| {e1:.2f}, ||A - QR|| {e2:.2f} (/ m eps)")

    y = [[rng.uniform(-1, 1)] for _ in range(m)]
    xs = np.linalg.lstsq(np.array(c), np.array(y), rcond=None)[0].tolist()  # reference dgelsd_
    res = [[yi[0] - v[0]] for yi, v in zip(y, pmul(c, xs))]
    g = pmul([list(r) for r in zip(*c)], res)
    cn = pnorm1(c)
    r = pnorm1(g) / (m * cn * (pnorm1(y) + cn * pnorm1(xs)) * eps)
    check(r < 30, f"linalg.lstsq: normal equations ||A^T r|| residual {r:.2f}")


if "--lapack" in sys.argv:
    lapack_checks()

with open("/proc/self/maps") as f:
    maps = f.read()
loaded = sorted({line.split()[-1] for line in maps.splitlines() if "blas" in line and "/" in line})
print("BLAS-related mappings:", *loaded, sep="\n  ")
check(any("liboxblas" in p for p in loaded), "liboxblas is mapped into the process")
if "--lapack" in sys.argv:
    lapack = sorted({line.split()[-1] for line in maps.splitlines() if "liblapack" in line})
    print("LAPACK mappings:", *lapack, sep="\n  ")
    check(bool(lapack), "the reference liblapack.so.3 is mapped too")

print(f"numpy-smoke: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
