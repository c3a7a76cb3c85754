#!/usr/bin/env bash
# The main job: sets up a fresh machine and measures oxblas against every
# BLAS it can find (OpenBLAS, BLIS, MKL, faer), side by side in one run:
# GEMM, BLAS Level 1/2/3 and LAPACK rows (--suite gemm,blas,lapack).
# Output: a table on stdout and bench-out/performance.md.
# Extra arguments go to oxblas-bench (e.g. --quick, --suite lapack,
# --filter dgemm, --threads 1, --rounds 1). Small rows run in 3 interleaved
# rounds by default (median kept): on a shared machine one process's
# placement moves a microsecond timing by 10-30%.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1; then
  bash scripts/install-peers.sh || echo "some peers could not be installed; they will be skipped"
fi

echo "== building oxblas-bench (with faer)"
cargo build --release -p oxblas-bench --features faer

mkdir -p bench-out
./target/release/oxblas-bench --rounds 3 --markdown bench-out/performance.md "$@" | tee bench-out/bench.txt
echo "table: bench-out/performance.md (docs/performance.md keeps the last published one)"
