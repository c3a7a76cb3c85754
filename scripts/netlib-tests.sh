#!/usr/bin/env bash
# Runs the reference BLAS test programs shipped by Debian (package
# libblas-test: xblat1/2/3 for s,d,c,z and the CBLAS testers x?cblat1/2/3)
# against liboxblas, which stands in for libblas.so.3 via LD_LIBRARY_PATH.
#
#   scripts/netlib-tests.sh            build, stage and run all 24 testers
#   OXBLAS_LIB=/path/liboxblas.so scripts/netlib-tests.sh   test that build
#   NETLIB_ONLY="xblat3d xdcblat3" scripts/netlib-tests.sh  a subset
#
# A tester passes when it exits normally, prints no FAIL / SUSPECT / FATAL /
# "******" line, and reaches its end (level 2/3: "END OF TESTS"; level 1:
# at least one PASS). Before running, the symbols a tester needs are checked
# against liboxblas so that a missing routine is named instead of a crash.
# Ends with the tally line "netlib: N passed, M failed"; exits 1 on any failure.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

# ---- what the tests need (a fresh Debian machine, as root) --------------------
need=()
dpkg -s libblas-test >/dev/null 2>&1 || need+=(libblas-test)
command -v gfortran >/dev/null 2>&1 || need+=(gfortran)
if [ ${#need[@]} -gt 0 ]; then
    echo "netlib: installing ${need[*]}" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >&2 \
        || { echo "netlib: could not install ${need[*]}"; echo "netlib: 0 passed, 1 failed"; exit 1; }
fi
multiarch="$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -dumpmachine)"
bin="/usr/lib/$multiarch/blas"

# ---- liboxblas, staged with the libblas.so.3 / libcblas.so.3 links ------------------
stage="$(mktemp -d /tmp/oxblas-netlib.XXXXXX)"
trap 'rm -rf "$stage"' EXIT
if ! "$root/crates/oxblas-capi/stage.sh" "$stage/prefix" ${OXBLAS_LIB:+"$OXBLAS_LIB"} >/dev/null; then
    echo "netlib: building liboxblas failed"
    echo "netlib: 0 passed, 1 failed"
    exit 1
fi
lib="$stage/prefix/lib/liboxblas.so"
libdir="$stage/prefix/lib/blas"
nm -D --defined-only "$lib" | awk '{print $3}' | sort -u > "$stage/have"

testers=()
for p in s d c z; do testers+=("xblat1$p" "xblat2$p" "xblat3$p"); done
for p in s d c z; do testers+=("x${p}cblat1" "x${p}cblat2" "x${p}cblat3"); done
[ -n "${NETLIB_ONLY:-}" ] && read -r -a testers <<< "$NETLIB_ONLY"

pass=0
fail=0
failed=()
for t in "${testers[@]}"; do
    exe="$bin/$t"
    work="$stage/run-$t"
    mkdir -p "$work"
    # Symbols the tester takes from the BLAS library.
    nm -D --undefined-only "$exe" | awk '{print $2}' | grep -E '^(cblas_|[a-z0-9]+_$)' | sort -u > "$work/need"
    missing="$(comm -23 "$work/need" "$stage/have" | tr '\n' ' ')"
    if [ -n "$missing" ]; then
        echo "FAIL $t: liboxblas lacks ${missing}"
        fail=$((fail + 1)); failed+=("$t"); continue
    fi
    p="${t: -1}"; [ "${t:0:5}" = "xblat" ] || p="${t:1:1}"
    case "$t" in
        xblat1?|x?cblat1) input=/dev/null ;;
        xblat2?) input="$bin/${p}blat2.in" ;;
        xblat3?) input="$bin/${p}blat3.in" ;;
        x?cblat2) input="$bin/${p}in2" ;;
        x?cblat3) input="$bin/${p}in3" ;;
    esac
    (cd "$work" && LD_LIBRARY_PATH="$libdir" timeout 900 "$exe" < "$input" > stdout.txt 2> stderr.txt)
    rc=$?
    # xblat2/3 write their summary to ?blat2.out / ?blat3.out.
    out="$work/stdout.txt"
    for f in "$work"/*blat?.out; do [ -f "$f" ] && out="$out $f"; done
    # shellcheck disable=SC2086
    bad="$(cat $out | grep -E 'FAIL|SUSPECT|FATAL|\*\*\*\*\*\*|NOT CALLED CORRECTLY|NOT DETECTED' | head -3)"
    case "$t" in
        xblat1?|x?cblat1) done_ok="$(grep -c 'PASS' "$work/stdout.txt")" ;;
        *) done_ok="$(cat $out | grep -c 'END OF TESTS')" ;;
    esac
    if [ "$rc" -ne 0 ] || [ -n "$bad" ] || [ "$done_ok" -eq 0 ]; then
        echo "FAIL $t: exit $rc ${bad:+: $(echo "$bad" | head -1 | tr -s ' ')}"
        tail -3 "$work/stderr.txt" | sed 's/^/    /'
        fail=$((fail + 1)); failed+=("$t")
    else
        echo "ok   $t"
        pass=$((pass + 1))
    fi
done
[ ${#failed[@]} -gt 0 ] && echo "failed: ${failed[*]}"
echo "netlib: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
