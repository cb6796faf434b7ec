/*
 * imports.wasm / imports_growing.wasm: a guest that calls host functions
 * imported from module "host", one per kind of import parameter/result
 * the Bindgen C convention supports (see docs/abi.md).
 *
 * Each `call_*` export forwards to the matching import so a host test can
 * drive the import from .NET and observe what the host implementation saw.
 */
#include "alloc.h"

#include <stdint.h>
#include <string.h>

/* ---- imports ------------------------------------------------------------- */

/* string parameter: the guest owns the bytes, the host copies them. */
BG_IMPORT("log")
void host_log(const uint8_t *ptr, uint32_t len);

BG_IMPORT("add")
int32_t host_add(int32_t a, int32_t b);

/* ReadOnlySpan<byte> parameter: a borrowed view, valid during the call. */
BG_IMPORT("checksum")
int32_t host_checksum(const uint8_t *ptr, uint32_t len);

/* Span<byte> parameter: a borrowed view the host writes into. */
BG_IMPORT("fill")
void host_fill(uint8_t *ptr, uint32_t len, int32_t value);

/* string -> string: the host allocates the result with this guest's malloc
 * and writes (ptr, len) into `ret`; the guest then owns the result. */
BG_IMPORT("upper")
void host_upper(const uint8_t *ptr, uint32_t len, bg_buffer *ret);

/* byte[] result, allocated by the host with this guest's malloc. */
BG_IMPORT("make_bytes")
void host_make_bytes(int32_t len, bg_buffer *ret);

/* The host calls back into this instance's `square` export. */
BG_IMPORT("reenter")
int32_t host_reenter(int32_t n);

/* ---- exports ------------------------------------------------------------- */

BG_EXPORT("square")
int32_t square(int32_t n) { return (int32_t)((uint32_t)n * (uint32_t)n); }

BG_EXPORT("call_log")
void call_log(const uint8_t *ptr, uint32_t len) { host_log(ptr, len); }

BG_EXPORT("call_add")
int32_t call_add(int32_t a, int32_t b) { return host_add(a, b); }

BG_EXPORT("call_checksum")
int32_t call_checksum(const uint8_t *ptr, uint32_t len) {
    return host_checksum(ptr, len);
}

/* Allocates `len` zeroed bytes, lets the host fill them, and returns the
 * buffer as a byte[] result. A negative len traps. */
BG_EXPORT("call_fill")
void call_fill(int32_t len, int32_t value, bg_buffer *ret) {
    if (len < 0) {
        __builtin_trap();
    }
    uint8_t *buf = bg_alloc_result((uint32_t)len);
    if (len != 0) {
        memset(buf, 0, (uint32_t)len);
    }
    host_fill(buf, (uint32_t)len, value);
    bg_set_result(ret, buf, (uint32_t)len);
}

/* The host's result is handed straight on as this export's result: the
 * guest receives ownership from host.upper and passes it to the caller. */
BG_EXPORT("call_upper")
void call_upper(const uint8_t *ptr, uint32_t len, bg_buffer *ret) {
    bg_buffer result = {0, 0};
    host_upper(ptr, len, &result);
    bg_set_result(ret, result.ptr, result.len);
}

BG_EXPORT("call_make_bytes")
void call_make_bytes(int32_t len, bg_buffer *ret) {
    bg_buffer result = {0, 0};
    host_make_bytes(len, &result);
    bg_set_result(ret, result.ptr, result.len);
}

BG_EXPORT("call_reenter")
int32_t call_reenter(int32_t n) { return host_reenter(n); }

/* Grows memory first, so a host that cached a view of memory from before
 * the growth would read through a stale view. */
BG_EXPORT("grow_then_checksum")
int32_t grow_then_checksum(const uint8_t *ptr, uint32_t len, int32_t pages) {
    if (__builtin_wasm_memory_grow(0, (size_t)(uint32_t)pages) == (size_t)-1) {
        __builtin_trap();
    }
    return host_checksum(ptr, len);
}
