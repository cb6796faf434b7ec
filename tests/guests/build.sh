#!/usr/bin/env bash
# Rebuilds every test guest (tests/guests/*.wasm) from its source.
#
#   tests/guests/build.sh          rebuild all guests in place
#   tests/guests/build.sh --check  rebuild into a temporary folder and fail
#                                  if any committed .wasm differs
#
# Needs Debian's clang-14 lld-14 libclang-rt-14-dev-wasm32 wasi-libc wabt
# binaryen. The output is deterministic: no debug info, no producers
# section, no paths or timestamps.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=toolchain.sh
source "$here/toolchain.sh"
guest_parse_args "$@"
guest_require_tools clang-14 wasm-ld-14 wat2wasm wasm-validate wasm-opt node npm
[ -f /usr/lib/wasm32-wasi/libc.a ] \
    || guest_missing "wasi-libc not found (/usr/lib/wasm32-wasi/libc.a)"
builtins="$(clang-14 --target=wasm32-wasi -print-libgcc-file-name)"
[ -f "$builtins" ] || guest_missing "compiler builtins for wasm32 not found ($builtins)"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# C guests: two builds each, wasi-libc's malloc and the growing allocator.
cflags=(--target=wasm32-wasi -O2 -g0 -std=c11 -Wall -Wextra -Werror
        -ffile-prefix-map="$here"=.)

compile_c() { # name source [flags...]
    local name="$1" src="$2"
    shift 2
    clang-14 "${cflags[@]}" "$@" -o "$out/$name.raw.wasm" "$here/$src"
    wasm-opt --strip-debug --strip-producers --strip-target-features \
        -o "$out/$name.wasm" "$out/$name.raw.wasm"
    rm "$out/$name.raw.wasm"
}

# A library guest: no startup files, no entry point, no WASI imports.
build_c() { # name source [extra flags...]
    local name="$1" src="$2"
    shift 2
    compile_c "$name" "$src" -nostartfiles -Wl,--no-entry "$@"
}

build_c types c/types.c
build_c types_growing c/types.c -DBINDGEN_GROWING_ALLOCATOR
build_c imports c/imports.c
build_c arrays c/arrays.c
build_c arrays_growing c/arrays.c -DBINDGEN_GROWING_ALLOCATOR
build_c clib c/clib.c
build_c clib_growing c/clib.c -DBINDGEN_GROWING_ALLOCATOR
build_c array_imports c/array_imports.c -Wl,--allow-undefined
build_c array_imports_growing c/array_imports.c -DBINDGEN_GROWING_ALLOCATOR -Wl,--allow-undefined
build_c imports_growing c/imports.c -DBINDGEN_GROWING_ALLOCATOR
build_c bounded c/bounded.c
# A WASI reactor: wasi-libc's reactor startup exports _initialize.
compile_c reactor c/reactor.c -mexec-model=reactor
# A WASI reactor writing to stdout and stderr (guest output routed to ILogger).
compile_c chatty c/chatty.c -mexec-model=reactor

# Canonical-ABI guests, checked against their WIT and wrapped as components by
# the component tooling from npm (pinned in component/package-lock.json).
build_c canonical canonical/canonical.c
build_c canonical_growing canonical/canonical.c -DBINDGEN_GROWING_ALLOCATOR
[ -d "$here/component/node_modules" ] || (cd "$here/component" && npm ci --no-audit --no-fund >/dev/null)
build_c canonical_imports canonical/imports.c
build_c canonical_imports_growing canonical/imports.c -DBINDGEN_GROWING_ALLOCATOR
node "$here/component/make-components.mjs" "$here/canonical/text.wit" demo "$out" \
    "$out/canonical.wasm" "$out/canonical_growing.wasm"
node "$here/component/make-components.mjs" "$here/canonical/host.wit" imports-demo "$out" \
    "$out/canonical_imports.wasm" "$out/canonical_imports_growing.wasm"
# The same component under another name, bound with Host="Wasmtime.Components" (the fallback asked for).
cp "$out/canonical.component.wasm" "$out/canonical_fallback.component.wasm"
build_c shapes canonical/shapes.c
node "$here/component/make-components.mjs" "$here/canonical/shapes.wit" shapes "$out" "$out/shapes.wasm"
# WASI components (tests/guests/wasi): a C program built for WASI preview 1 with wasi-libc, wrapped with the
# preview-1 reactor adapter that @bytecodealliance/jco ships; and a JavaScript program made a WASI 0.2 component by
# componentize-js (which embeds a JavaScript engine). Both tools pinned in wasi/package-lock.json.
[ -d "$here/wasi/node_modules" ] || (cd "$here/wasi" && npm ci --no-audit --no-fund >/dev/null)
compile_c wasi_app_core wasi/app.c -mexec-model=reactor
node "$here/wasi/make-wasi-components.mjs" "$here/wasi/app.wit" wasi-demo reactor "$out/wasi_app.component.wasm" "$out/wasi_app_core.wasm"
rm "$out/wasi_app_core.wasm"
# The same component under another name, bound with Host="Bindgen" (Bindgen's WASI 0.2 host runs it whole, adapter included).
cp "$out/wasi_app.component.wasm" "$out/wasi_app_host.component.wasm"
node "$here/wasi/make-js-component.mjs" "$out/js_text.component.wasm"
# Hand-written components (nested components, outer aliases, shared memory, what Bindgen refuses), assembled by
# wasm-tools' own text parser from the same npm package.
# The composed components' text is generated (a callee and a caller per string encoding; see the script).
node "$here/component/make-compose-wat.mjs" "$here/component/wat/compose.wat"
node "$here/component/make-compose-wat.mjs" "$here/component/wat/compose_pair.wat" latin1 utf16
node "$here/component/make-wat-components.mjs" "$out" "$here"/component/wat/*.wat
# A component whose WIT has doc comments (docs.wasm, written in WAT, wrapped as the others; its package-docs section
# appended, see the script).
wat2wasm -o "$out/docs.wasm" "$here/component/docs/docs.wat"
node "$here/component/make-docs-component.mjs" "$out" "$out/docs.wasm"
# A component exporting a resource (resources/counters.wit, core module written in WAT).
node "$here/component/make-resources.mjs" "$out"

# WAT guests for edge cases.
for wat in "$here"/wat/*.wat; do
    name="$(basename "$wat" .wat)"
    wat2wasm --debug-names -o "$out/$name.wasm" "$wat"
done

for wasm in "$out"/*.wasm; do
    case "$wasm" in *.component.wasm) continue ;; esac # components: validated by componentNew
    wasm-validate "$wasm"
done

if [ "$check" -eq 1 ]; then
    status=0
    for wasm in "$out"/*.wasm; do
        name="$(basename "$wasm")"
        if [ "$name" = js_text.component.wasm ]; then
            # componentize-js snapshots a running JavaScript engine (wizer): no two builds are byte-identical.
            echo "build.sh: $name rebuilt but not compared (componentize-js output is not reproducible)"
            continue
        fi
        if ! cmp -s "$wasm" "$here/$name"; then
            echo "build.sh: $name is out of date (run tests/guests/build.sh)" >&2
            status=1
        fi
    done
    [ "$status" -eq 0 ] && echo "build.sh: all guests are up to date"
    exit "$status"
fi

cp "$out"/*.wasm "$here"/
for wasm in "$out"/*.wasm; do
    name="$(basename "$wasm")"
    echo "built tests/guests/$name ($(wc -c <"$here/$name") bytes)"
done
