#!/usr/bin/env bash
# Sets up a fresh machine and runs every oxblas test.
# Needs: a Rust toolchain (cargo). Installs nothing else yet.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "cargo not found: install Rust (https://rustup.rs) first" >&2
  exit 1
fi

echo "== oxblas configuration"
cargo run --quiet --release -p oxblas --example config

echo "== Rust tests (core engine; every ISA this CPU supports, 1 and 2+ threads)"
cargo test --workspace --release --no-fail-fast
