/*
 * bounded.wasm: a guest for bounding calls (cancellation, fuel, memory caps).
 *
 * `spin` never returns: only an epoch interruption (a cancelled token) or
 * exhausted fuel stops it. It takes bytes, so the host holds a guest block
 * while it runs, and an interrupted call that failed to free it would show
 * in `live_allocations`. `through_host` calls the `host.call_back` import,
 * whose host implementation calls back into this guest (re-entrancy).
 * `inflate` allocates a result `len * factor` bytes long and traps if the
 * allocator cannot (a memory cap refusing the growth).
 */
#include "alloc.h"

#include <stdint.h>

static volatile uint32_t bg_sink;

BG_EXPORT("spin")
int32_t spin(const uint8_t *data, uint32_t len) {
    for (;;) {
        bg_sink += len == 0 ? 1u : data[bg_sink % len];
    }
}

/* Finite work: hashes `data` `rounds` times. */
BG_EXPORT("churn")
int32_t churn(const uint8_t *data, uint32_t len, int32_t rounds) {
    uint32_t hash = 2166136261u;
    for (int32_t r = 0; r < rounds; r++) {
        for (uint32_t i = 0; i < len; i++) {
            hash = (hash ^ data[i]) * 16777619u;
        }
        bg_sink = hash;
    }
    return (int32_t)hash;
}

BG_EXPORT("add")
int32_t add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

BG_IMPORT("call_back")
int32_t host_call_back(const uint8_t *data, uint32_t len);

BG_EXPORT("through_host")
int32_t through_host(const uint8_t *data, uint32_t len) {
    return host_call_back(data, len) + 1;
}

BG_EXPORT("inflate")
void inflate(const uint8_t *data, uint32_t len, uint32_t factor, bg_buffer *ret) {
    uint64_t total = (uint64_t)len * factor;
    if (total > 0x7FFFFFFFu) {
        __builtin_trap();
    }
    uint8_t *out = bg_alloc_result((uint32_t)total); /* traps when malloc fails */
    for (uint64_t i = 0; i < total; i++) {
        out[i] = data[i % len];
    }
    bg_set_result(ret, out, (uint32_t)total);
}
