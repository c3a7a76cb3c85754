"""A real consumer: Debian's NumPy using liboxblas as its libblas.so.3.

Run with LD_LIBRARY_PATH pointing at the directory holding the
libblas.so.3 -> liboxblas.so link (see stage.sh). Checks a matrix product
and dot products against plain-Python arithmetic, and proves through
/proc/self/maps that liboxblas is the BLAS loaded into the process.
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

with open("/proc/self/maps") as f:
    maps = f.read()
loaded = sorted({line.split()[-1] for line in maps.splitlines() if "blas" in line and "/" in line})
print("BLAS-related mappings:", *loaded, sep="\n  ")
check(any("liboxblas" in p for p in loaded), "liboxblas is mapped into the process")

print(f"numpy-smoke: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
