#!/usr/bin/env bash
# Rebuilds bench.wasm from bench.c. The .wasm is committed, so running the
# benchmarks needs only the .NET SDK.
#
#   benchmarks/guest/build.sh          rebuild bench.wasm in place
#   benchmarks/guest/build.sh --check  fail if the committed bench.wasm differs
#
# Needs Debian's clang-14 lld-14 libclang-rt-14-dev-wasm32 wasi-libc binaryen
# wabt (the same toolchain as tests/guests/build.sh). The output is
# deterministic: no debug info, no producers section, no paths.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../../tests/guests/toolchain.sh
source "$here/../../tests/guests/toolchain.sh"
guest_parse_args "$@"
guest_require_tools clang-14 wasm-ld-14 wasm-opt wasm-validate

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

clang-14 --target=wasm32-wasi -O2 -g0 -std=c11 -Wall -Wextra -Werror \
    -msimd128 -mbulk-memory \
    -nostartfiles -Wl,--no-entry -ffile-prefix-map="$here"=. \
    -o "$out/bench.raw.wasm" "$here/bench.c"
wasm-opt --strip-debug --strip-producers --strip-target-features \
    -o "$out/bench.wasm" "$out/bench.raw.wasm"
wasm-validate "$out/bench.wasm"

if [ "$check" -eq 1 ]; then
    if cmp -s "$out/bench.wasm" "$here/bench.wasm"; then
        echo "build.sh: bench.wasm is up to date"
        exit 0
    fi
    echo "build.sh: bench.wasm is out of date (run benchmarks/guest/build.sh)" >&2
    exit 1
fi

cp "$out/bench.wasm" "$here/bench.wasm"
echo "built benchmarks/guest/bench.wasm ($(wc -c <"$here/bench.wasm") bytes)"
