#!/usr/bin/env bash
# Installs the libraries oxblas-bench measures oxblas against, on a fresh
# Debian/Ubuntu machine, as root:
#   - OpenBLAS (pthreads)   apt: libopenblas0-pthread
#   - BLIS (pthreads)       apt: libblis4-pthread
#   - OpenBLAS, LP64 build  pip: scipy-openblas32
#   - MKL (libmkl_rt)       pip: mkl
#   - NumPy                 pip: numpy
# faer is a Cargo dependency: build oxblas-bench with `--features faer`.
#
# Idempotent: installed packages are left as they are. One failure does not
# stop the others; the script lists what failed and exits non-zero if any did.
set -u

failed=()
log=$(mktemp -t install-peers.XXXXXX)
trap 'rm -f "$log"' EXIT

step() { # step NAME COMMAND...
    local name=$1
    shift
    printf '  %-40s' "$name"
    if "$@" >"$log" 2>&1; then
        echo ok
    else
        echo FAILED
        tail -n 5 "$log" | sed 's/^/      /'
        failed+=("$name")
    fi
}

if [ "$(id -u)" -ne 0 ]; then
    echo "install-peers.sh: run as root (apt-get and system pip need it)" >&2
    exit 1
fi

echo "installing benchmark peers"
export DEBIAN_FRONTEND=noninteractive
if command -v apt-get >/dev/null 2>&1; then
    step "apt-get update" apt-get update -qq
    for pkg in libopenblas0-pthread libblis4-pthread; do
        step "apt: $pkg" apt-get install -y -qq --no-install-recommends "$pkg"
    done
else
    echo "  apt-get not found: skipping OpenBLAS and BLIS from Debian"
    failed+=("apt (no apt-get)")
fi

PYTHON=${PYTHON:-python3}
pip_install() { # A Debian-managed python refuses plain pip (PEP 668): say we mean it.
    "$PYTHON" -m pip install -q --disable-pip-version-check "$1" ||
        { grep -q externally-managed "$log" &&
            "$PYTHON" -m pip install -q --disable-pip-version-check --break-system-packages "$1"; }
}
if command -v "$PYTHON" >/dev/null 2>&1; then
    for pkg in scipy-openblas32 mkl numpy; do
        step "pip: $pkg" pip_install "$pkg"
    done
else
    echo "  $PYTHON not found: skipping scipy-openblas32, mkl, numpy"
    failed+=("pip (no $PYTHON)")
fi

if [ ${#failed[@]} -eq 0 ]; then
    echo "all peers installed"
else
    echo "failed: ${failed[*]}"
    exit 1
fi
