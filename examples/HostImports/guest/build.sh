#!/usr/bin/env bash
# Rebuilds plugin.wasm (committed, so running the example needs only the .NET SDK).
# Needs Debian's clang-14 lld-14 libclang-rt-14-dev-wasm32 wasi-libc binaryen.
set -euo pipefail
cd "$(dirname "$0")"
clang-14 --target=wasm32-wasi -O2 -g0 -nostartfiles -Wl,--no-entry -Wl,--strip-debug -Wl,--allow-undefined -o plugin.wasm plugin.c
wasm-opt --strip-debug --strip-producers --strip-target-features -O2 plugin.wasm -o plugin.wasm
