#!/bin/sh
# Rebuilds wbshapes_bg.wasm from wbshapes.wat (wabt's wat2wasm); the .wasm is committed, so the build needs no wabt.
set -e
cd "$(dirname "$0")"
wat2wasm wbshapes.wat -o wbshapes_bg.wasm
