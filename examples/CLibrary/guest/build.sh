#!/usr/bin/env bash
# Rebuilds tinyhash.wasm (committed, so running the example needs only the .NET SDK).
# Needs Debian's clang-14 lld-14 libclang-rt-14-dev-wasm32 wasi-libc binaryen.
# A library, not a program: no main, no _start (-nostartfiles, --no-entry); it imports nothing.
set -euo pipefail
cd "$(dirname "$0")"
clang-14 --target=wasm32-wasi -O2 -g0 -std=c11 -Wall -Wextra -Werror -nostartfiles -Wl,--no-entry -Wl,--strip-debug \
    -o tinyhash.wasm tinyhash.c
wasm-opt --strip-debug --strip-producers --strip-target-features -O2 tinyhash.wasm -o tinyhash.wasm
