#!/usr/bin/env bash
# Sets up a fresh machine and runs every oxblas test:
#   1. Rust tests of the core (every ISA this CPU supports, 1..3 threads) and
#      of the C door's unit tests;
#   2. Debian's netlib BLAS testers (xblat1/2/3, x?cblat1/2/3 for s, d, c, z)
#      against liboxblas.so standing in for libblas.so.3;
#   3. C, Fortran and NumPy programs against liboxblas.so.
# Needs a Rust toolchain; installs the Debian packages the tests use
# (libblas-test, gfortran, python3-numpy, liblapack3) itself when run as root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi

echo "== oxblas configuration"
cargo run --quiet --release -p oxblas --example config

echo "== Rust tests"
cargo test --workspace --release --no-fail-fast

echo "== netlib BLAS testers against liboxblas"
bash scripts/netlib-tests.sh

echo "== C, Fortran and NumPy programs against liboxblas"
bash scripts/capi-tests.sh
