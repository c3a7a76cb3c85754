#!/usr/bin/env bash
# Lays out liboxblas for use without installing it system-wide:
#
#   stage.sh DEST [LIBOXBLAS_SO]
#
#   DEST/lib/liboxblas.so            the library (soname liboxblas.so.0)
#   DEST/lib/liboxblas.so.0          -> liboxblas.so   (what -loxblas programs load)
#   DEST/lib/blas/libblas.so.3       -> ../liboxblas.so (stands in for the system BLAS)
#   DEST/lib/blas/libcblas.so.3      -> ../liboxblas.so
#   DEST/include/{cblas.h,oxblas.h}
#   DEST/lib/pkgconfig/oxblas.pc
#
# Programs linked with -lblas / -lcblas (NumPy, R, the netlib testers) use
# oxblas with LD_LIBRARY_PATH=DEST/lib/blas; the links live in their own
# directory so that pointing a program at oxblas is a deliberate choice.
# Without LIBOXBLAS_SO the release build is made (in CARGO_TARGET_DIR, by
# default the workspace's target/, shared with `cargo test`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:?usage: stage.sh DEST [LIBOXBLAS_SO]}"
so="${2:-}"
if [ -z "$so" ]; then
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd "$here/../.." && pwd)/target}"
    cargo build --release --manifest-path "$here/Cargo.toml" -p oxblas-capi >&2
    so="$CARGO_TARGET_DIR/release/liboxblas.so"
fi
version="$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$here/../../Cargo.toml" | head -1)"
mkdir -p "$dest/lib/blas" "$dest/include" "$dest/lib/pkgconfig"
dest="$(cd "$dest" && pwd)"
cp -f "$so" "$dest/lib/liboxblas.so"
ln -sfn liboxblas.so "$dest/lib/liboxblas.so.0"
ln -sfn ../liboxblas.so "$dest/lib/blas/libblas.so.3"
ln -sfn ../liboxblas.so "$dest/lib/blas/libcblas.so.3"
cp -f "$here/include/cblas.h" "$here/include/oxblas.h" "$dest/include/"
sed -e "s|@PREFIX@|$dest|" -e "s|@VERSION@|${version:-0.1.0}|" "$here/oxblas.pc.in" \
    > "$dest/lib/pkgconfig/oxblas.pc"
echo "$dest"
