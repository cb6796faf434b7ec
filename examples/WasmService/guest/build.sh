#!/usr/bin/env bash
# Rebuilds service.wasm (committed, so running the example needs only the .NET SDK).
# Needs Debian's clang-14 lld-14 libclang-rt-14-dev-wasm32 wasi-libc binaryen.
set -euo pipefail
cd "$(dirname "$0")"
clang-14 --target=wasm32-wasi -O2 -g0 -std=c11 -Wall -Wextra -Werror -mexec-model=reactor -o service.wasm service.c
wasm-opt --strip-debug --strip-producers --strip-target-features -O2 service.wasm -o service.wasm
