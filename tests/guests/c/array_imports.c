/*
 * array_imports.wasm / array_imports_growing.wasm: a guest that passes
 * arrays of primitives to host imports (module "host") and receives them
 * back, so the host side of arrays is exercised in both directions.
 * Each call_* export builds its input in guest memory, calls one import
 * and reduces the answer to a number the test can check.
 */
#include "alloc.h"

#include <stdint.h>

typedef struct bg_array {
    void *ptr;
    uint32_t count;
} bg_array;

BG_IMPORT("sum_f64") double host_sum_f64(const double *values, uint32_t count);
BG_IMPORT("fill_i32") void host_fill_i32(int32_t *values, uint32_t count, int32_t seed);
BG_IMPORT("codes") void host_codes(const int32_t *values, uint32_t count, bg_array *ret);
BG_IMPORT("halve") int16_t host_halve(int16_t value);

/* values[i] = i + 0.5; returns what the host says their sum is. */
BG_EXPORT("call_sum_f64")
double call_sum_f64(int32_t count) {
    double *values = (double *)bg_alloc_result((uint32_t)count * 8u);
    for (int32_t i = 0; i < count; i++) values[i] = i + 0.5;
    double result = host_sum_f64(values, (uint32_t)count);
    bg_free(values);
    return result;
}

/* The host fills the array; returns a checksum of what it wrote. */
BG_EXPORT("call_fill_i32")
int64_t call_fill_i32(int32_t count, int32_t seed) {
    int32_t *values = (int32_t *)bg_alloc_result((uint32_t)count * 4u);
    host_fill_i32(values, (uint32_t)count, seed);
    int64_t sum = 0;
    for (int32_t i = 0; i < count; i++) sum += (int64_t)values[i] * (i + 1);
    bg_free(values);
    return sum;
}

/* values[i] = i * 7; the host returns an array of uint16 codes, owned by the
 * guest; returns their weighted sum after checking alignment, then frees it. */
BG_EXPORT("call_codes")
int64_t call_codes(int32_t count) {
    int32_t *values = (int32_t *)bg_alloc_result((uint32_t)count * 4u);
    for (int32_t i = 0; i < count; i++) values[i] = i * 7;
    bg_array ret = {0, 0};
    host_codes(values, (uint32_t)count, &ret);
    bg_free(values);
    if (ret.count != 0 && ((uintptr_t)ret.ptr % 2u) != 0) __builtin_trap();
    const uint16_t *codes = (const uint16_t *)ret.ptr;
    int64_t sum = ret.count;
    for (uint32_t i = 0; i < ret.count; i++) sum += (int64_t)codes[i] * (i + 1);
    bg_free(ret.ptr);
    return sum;
}

BG_EXPORT("call_halve")
int32_t call_halve(int32_t value) { return host_halve((int16_t)value); }

/* More parameters than Wasmtime's typed callbacks take: the host defines it untyped. */
BG_IMPORT("weigh13") int64_t host_weigh13(int32_t a1, int32_t a2, int32_t a3, int32_t a4, int32_t a5, int32_t a6,
                                          int32_t a7, int32_t a8, int32_t a9, int32_t a10, int32_t a11, int64_t a12,
                                          double a13);

BG_EXPORT("call_weigh13")
int64_t call_weigh13(int32_t base) {
    return host_weigh13(base, base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8,
                        base + 9, base + 10, (int64_t)base << 33, 0.5);
}

/* ---- structs and out-parameters in imports -------------------------------- */

typedef struct point {
    int32_t x;
    double y;
    uint8_t tag;
} point;

BG_IMPORT("nudge") void host_nudge(point *p);
BG_IMPORT("try_lookup") int32_t host_try_lookup(int32_t key, double *out);
BG_IMPORT("mirror") point host_mirror(point p);

BG_EXPORT("call_nudge")
double call_nudge(int32_t x) {
    point p = {x, 1.5, 7};
    host_nudge(&p);
    return p.x + p.y + p.tag;
}

BG_EXPORT("call_try_lookup")
double call_try_lookup(int32_t key) {
    double value = -1;
    return host_try_lookup(key, &value) ? value : -1000;
}

/* Hostile: an out pointer past the end of memory. The host must refuse it before the implementation runs. */
BG_EXPORT("call_try_lookup_bad")
int32_t call_try_lookup_bad(void) { return host_try_lookup(1, (double *)(uintptr_t)0xFFFFFFF0u); }

BG_EXPORT("call_mirror")
double call_mirror(int32_t x) {
    point p = {x, 2.5, 3};
    point r = host_mirror(p);
    return r.x * 1000.0 + r.y + r.tag;
}
