#!/bin/sh
# Rebuilds wbvalues_bg.wasm from wbvalues.wat (wabt's wat2wasm); the .wasm is committed, so the build needs no wabt.
set -e
cd "$(dirname "$0")"
wat2wasm wbvalues.wat -o wbvalues_bg.wasm
