#!/usr/bin/env bash
# Tests of liboxblas as C, Fortran and NumPy programs see it:
#   * the exported symbols (LP64 and ILP64 twins, soname);
#   * a C program on cblas.h/oxblas.h via pkg-config (cblas_dgemm row- and
#     column-major, cblas_zgemm, cblas_dgemm64_, dgemm_64_, complex results
#     returned by value, extras);
#   * a program's own xerbla_/cblas_xerbla being the handlers called;
#   * the ILP64 BLAS (test_ilp64.c): for s, d, c, z, Level 1-3 routines as
#     Fortran _64_ and cblas_*64_ symbols, bitwise against the LP64 symbols
#     and against naive loops; 64-bit integers read whole; illegal arguments
#     reaching the program's xerbla_64_/cblas_xerbla64_ (name, position);
#     xerbla_array_64_;
#   * a gfortran program calling DGEMM, ZDOTC, DGESV, SLANGE and ZGEQRF;
#   * the LAPACK door (test_lapack.c): every exported LAPACK routine in
#     s, d, c, z, LP64 and ILP64, by residuals and against Debian's reference
#     liblapack3 (info, pivots, illegal arguments, queries, zero sizes);
#   * a program linked -loxblas -llapack: dgetrf_ binds to oxblas, dsyev_ to
#     the reference LAPACK (test_lapack_mix.c, loader binding log);
#   * Debian's python3-numpy with libblas.so.3 -> liboxblas.so, proving the
#     binding with /proc/self/maps and the dynamic loader's binding log; and
#     with liboxblas preloaded ahead of the reference liblapack.so.3, running
#     numpy.linalg (solve, inv, det, cholesky, qr, lstsq) on oxblas's LAPACK.
#
#   scripts/capi-tests.sh                      build, stage, test
#   OXBLAS_LIB=/path/liboxblas.so scripts/capi-tests.sh
#
# Ends with "capi: N passed, M failed"; exits 1 on any failure.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
capi="$root/crates/oxblas-capi"

need=()
command -v gcc >/dev/null 2>&1 || need+=(gcc)
command -v gfortran >/dev/null 2>&1 || need+=(gfortran)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || need+=(python3-numpy)
# Debian's reference LAPACK (not the alternatives link, which may be OpenBLAS).
march="$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)"
reflapack="/usr/lib/$march/lapack/liblapack.so.3"
[ -e "$reflapack" ] || need+=(liblapack3)
if [ ${#need[@]} -gt 0 ]; then
    echo "capi: installing ${need[*]}" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >&2 \
        || { echo "capi: could not install ${need[*]}"; echo "capi: 0 passed, 1 failed"; exit 1; }
fi

work="$(mktemp -d /tmp/oxblas-capi.XXXXXX)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
if ! "$capi/stage.sh" "$prefix" ${OXBLAS_LIB:+"$OXBLAS_LIB"} >/dev/null; then
    echo "capi: building liboxblas failed"; echo "capi: 0 passed, 1 failed"; exit 1
fi
lib="$prefix/lib/liboxblas.so"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"

pass=0
fail=0
result() { # result NAME STATUS
    if [ "$2" -eq 0 ]; then echo "ok   $1"; pass=$((pass + 1)); else echo "FAIL $1"; fail=$((fail + 1)); fi
}

# ---- symbols ---------------------------------------------------------------------------
nm -D --defined-only "$lib" | awk '{print $3}' | sort -u > "$work/syms"
f77=$(grep -cE '^[a-z][a-z0-9]*_$' "$work/syms")
f77_64=$(grep -cE '^[a-z][a-z0-9]*_64_$' "$work/syms")
cb=$(grep -E '^cblas_' "$work/syms" | grep -cvE '64_$')
cb_64=$(grep -cE '^cblas_.*64_$' "$work/syms")
lap=$(grep -cE '^[sdcz](ge(trf|trs|sv|tri|con|qrf|ls|qp3)|po(trf|trs|sv|tri)|tr(tri|trs)|or(gqr|mqr)|un(gqr|mqr)|lan(ge|sy|he|tr))_$' "$work/syms")
echo "symbols: $f77 Fortran (of which $lap LAPACK) + $f77_64 Fortran ILP64 (_64_), $cb CBLAS + $cb_64 CBLAS ILP64 (64_)"
[ "$lap" -eq 78 ]; result "78 LAPACK routines exported (got $lap)" $?
missing64=0
while read -r s; do
    case "$s" in
        lsame_) continue ;;
        cblas_*) twin="${s}64_" ;;
        *) twin="${s}64_" ;;
    esac
    grep -qx "$twin" "$work/syms" || { echo "  no ILP64 twin for $s"; missing64=1; }
done < <(grep -E '^(cblas_[a-z0-9_]*[a-z0-9]|[a-z][a-z0-9_]*_)$' "$work/syms" | grep -vE '64_$')
result "every LP64 symbol has its ILP64 twin" "$missing64"
soname="$(readelf -d "$lib" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')"
[ "$soname" = "liboxblas.so.0" ]; result "soname is liboxblas.so.0 (got '$soname')" $?

# ---- C and Fortran programs ---------------------------------------------------------------
cc_flags="-std=c11 -Wall -Werror -O1 $(pkg-config --cflags oxblas)"
cc_libs="$(pkg-config --libs oxblas)"
run() { # run NAME CMD...: build/run output indented
    local name="$1"; shift
    "$@" > "$work/$name.log" 2>&1; local rc=$?
    [ "$rc" -ne 0 ] && sed 's/^/    /' "$work/$name.log" | tail -25
    return $rc
}
# shellcheck disable=SC2086
run build-c gcc $cc_flags "$capi/tests/c/test_cblas.c" $cc_libs -lm -o "$work/test_cblas" \
    && run test-c env LD_LIBRARY_PATH="$prefix/lib" "$work/test_cblas"
result "C program on cblas.h (test_cblas.c)" $?
# shellcheck disable=SC2086
run build-xerbla gcc $cc_flags "$capi/tests/c/test_xerbla.c" $cc_libs -o "$work/test_xerbla" \
    && run test-xerbla env LD_LIBRARY_PATH="$prefix/lib" "$work/test_xerbla"
result "program's own xerbla_/cblas_xerbla are called (test_xerbla.c)" $?
# shellcheck disable=SC2086
run build-ilp64 gcc $cc_flags "$capi/tests/c/test_ilp64.c" $cc_libs -lm -o "$work/test_ilp64" \
    && run test-ilp64 env LD_LIBRARY_PATH="$prefix/lib" "$work/test_ilp64"
rc=$?
result "ILP64 BLAS s/d/c/z, _64_ and cblas_*64_ vs LP64 and naive, errors to xerbla_64_ ($(tail -1 "$work/test-ilp64.log" 2>/dev/null))" $rc
run build-f gfortran -O1 "$capi/tests/c/test_fortran.f90" -L"$prefix/lib" -loxblas -o "$work/test_fortran" \
    && run test-f env LD_LIBRARY_PATH="$prefix/lib" "$work/test_fortran"
result "Fortran program: DGEMM, ZDOTC, DGESV, SLANGE, ZGEQRF query (test_fortran.f90)" $?

# ---- LAPACK ------------------------------------------------------------------------------
# A directory whose liblapack.so.3 is Debian's reference LAPACK.
mkdir -p "$work/refl" && ln -sfn "$reflapack" "$work/refl/liblapack.so.3"
run build-lapack gcc -std=gnu11 -Wall -Werror -O1 "$capi/tests/c/test_lapack.c" -L"$prefix/lib" -loxblas -ldl -lm \
        -o "$work/test_lapack" \
    && run test-lapack env LD_LIBRARY_PATH="$prefix/lib" "$work/test_lapack" "$reflapack"
rc=$?
result "LAPACK door, s/d/c/z LP64+ILP64, against the reference LAPACK ($(tail -1 "$work/test-lapack.log" 2>/dev/null))" $rc
run build-mix gcc -std=gnu11 -Wall -Werror -O1 "$capi/tests/c/test_lapack_mix.c" -L"$prefix/lib" -loxblas \
        -L"$work/refl" -l:liblapack.so.3 -lm -o "$work/test_mix" \
    && LD_DEBUG=bindings LD_DEBUG_OUTPUT="$work/mixld" \
        run test-mix env LD_LIBRARY_PATH="$prefix/lib:$work/refl" "$work/test_mix"
result "-loxblas -llapack: oxblas's dgetrf_ and the reference's dsyev_ both correct (test_lapack_mix.c)" $?
grep -hE "file $work/test_mix .* to $prefix/lib/liboxblas.so.0 .*symbol .dgetrf_'" "$work"/mixld.* >/dev/null 2>&1 \
    && grep -hE "file $work/test_mix .* to $work/refl/liblapack.so.3 .*symbol .dsyev_'" "$work"/mixld.* >/dev/null 2>&1
result "the loader bound dgetrf_ to liboxblas and dsyev_ to the reference liblapack.so.3" $?

# ---- NumPy as a real consumer ---------------------------------------------------------------
LD_LIBRARY_PATH="$prefix/lib/blas" LD_DEBUG=bindings LD_DEBUG_OUTPUT="$work/ld" \
    run numpy /usr/bin/python3 "$capi/tests/numpy_smoke.py"
result "python3-numpy on libblas.so.3 -> liboxblas (numpy_smoke.py)" $?
# The binding log names the library by the path it was opened under: the
# staged libblas.so.3 link to liboxblas.
grep -hE "_multiarray_umath.* to $prefix/lib/blas/libblas.so.3 .*cblas_dgemm" "$work"/ld.* >/dev/null 2>&1
result "the loader bound NumPy's cblas_dgemm to the libblas.so.3 -> liboxblas link" $?
# numpy.linalg with liboxblas preloaded ahead of the reference liblapack.so.3.
LD_PRELOAD="$lib" LD_LIBRARY_PATH="$prefix/lib/blas:$work/refl" LD_DEBUG=bindings LD_DEBUG_OUTPUT="$work/ldl" \
    run numpy-lapack /usr/bin/python3 "$capi/tests/numpy_smoke.py" --lapack
result "numpy.linalg with liboxblas preloaded ahead of liblapack.so.3 (numpy_smoke.py --lapack)" $?
bound=0
for s in dgesv_ dgetrf_ dpotrf_ dgeqrf_; do
    grep -hE "_umath_linalg.* to $lib .*symbol .$s'" "$work"/ldl.* >/dev/null 2>&1 || { echo "  $s not bound to liboxblas"; bound=1; }
done
grep -hE "_umath_linalg.* to $work/refl/liblapack.so.3 .*symbol .dgelsd_'" "$work"/ldl.* >/dev/null 2>&1 || { echo "  dgelsd_ not bound to liblapack"; bound=1; }
result "the loader bound NumPy's dgesv_/dgetrf_/dpotrf_/dgeqrf_ to liboxblas, dgelsd_ to liblapack.so.3" "$bound"

echo "capi: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
