/*
 * arrays.wasm / arrays_growing.wasm: arrays and spans of every primitive
 * element type, and the small scalars, the way C functions take them:
 * (const T *values, size_t count), results as (pointer, element count)
 * through the return area (see docs/abi.md).
 *
 * Every function that receives an array checks that its pointer is
 * naturally aligned for T and traps otherwise, so a host that places a
 * buffer misaligned in the call's block fails loudly.
 */
#include "alloc.h"

#include <stdint.h>

/* (pointer, element count) result; the same 8-byte return area as bytes. */
typedef struct bg_array {
    void *ptr;
    uint32_t count;
} bg_array;

#define BG_CHECK_ALIGNED(ptr, T)                                   \
    do {                                                           \
        if (((uintptr_t)(ptr) % _Alignof(T)) != 0) {               \
            __builtin_trap();                                      \
        }                                                          \
    } while (0)

/*
 * For each element type T (named N):
 *   sum_N(values, count)        -> the sum as double (exact for the tests' values)
 *   scale_N(values, count, k)   -> values[i] = values[i] * k + i, in place
 *   make_N(count, seed, ret)    -> a new array: element i = seed + i * 3
 *   reverse_N(values, count, ret) -> a new array, reversed
 */
#define BG_ARRAY_FUNCTIONS(N, T)                                               \
    BG_EXPORT("sum_" #N)                                                       \
    double sum_##N(const T *values, uint32_t count) {                          \
        if (count != 0) BG_CHECK_ALIGNED(values, T);                           \
        double total = 0;                                                      \
        for (uint32_t i = 0; i < count; i++) total += (double)values[i];       \
        return total;                                                          \
    }                                                                          \
    BG_EXPORT("scale_" #N)                                                     \
    void scale_##N(T *values, uint32_t count, int32_t k) {                     \
        if (count != 0) BG_CHECK_ALIGNED(values, T);                           \
        for (uint32_t i = 0; i < count; i++)                                   \
            values[i] = (T)(values[i] * (T)k + (T)i);                          \
    }                                                                          \
    BG_EXPORT("make_" #N)                                                      \
    void make_##N(int32_t count, int32_t seed, bg_array *ret) {               \
        T *out = (T *)bg_alloc_result((uint32_t)count * (uint32_t)sizeof(T));  \
        for (int32_t i = 0; i < count; i++) out[i] = (T)(seed + i * 3);        \
        ret->ptr = count == 0 ? NULL : out;                                    \
        ret->count = (uint32_t)count;                                          \
    }                                                                          \
    BG_EXPORT("reverse_" #N)                                                   \
    void reverse_##N(const T *values, uint32_t count, bg_array *ret) {        \
        if (count != 0) BG_CHECK_ALIGNED(values, T);                           \
        T *out = (T *)bg_alloc_result(count * (uint32_t)sizeof(T));            \
        for (uint32_t i = 0; i < count; i++) out[i] = values[count - 1 - i];   \
        ret->ptr = count == 0 ? NULL : out;                                    \
        ret->count = count;                                                    \
    }

BG_ARRAY_FUNCTIONS(i8, int8_t)
BG_ARRAY_FUNCTIONS(u8, uint8_t)
BG_ARRAY_FUNCTIONS(i16, int16_t)
BG_ARRAY_FUNCTIONS(u16, uint16_t)
BG_ARRAY_FUNCTIONS(i32, int32_t)
BG_ARRAY_FUNCTIONS(u32, uint32_t)
BG_ARRAY_FUNCTIONS(i64, int64_t)
BG_ARRAY_FUNCTIONS(u64, uint64_t)
BG_ARRAY_FUNCTIONS(f32, float)
BG_ARRAY_FUNCTIONS(f64, double)

/* A string of any length, then arrays: the host must pad to each array's
 * alignment. Returns the code points of the text plus the element sums. */
BG_EXPORT("mixed")
double mixed(const uint8_t *text, uint32_t text_len, const double *d, uint32_t d_count,
             const uint8_t *bytes, uint32_t bytes_len, const int16_t *s, uint32_t s_count) {
    (void)text;
    if (d_count != 0) BG_CHECK_ALIGNED(d, double);
    if (s_count != 0) BG_CHECK_ALIGNED(s, int16_t);
    double total = (double)text_len;
    for (uint32_t i = 0; i < d_count; i++) total += d[i];
    for (uint32_t i = 0; i < bytes_len; i++) total += bytes[i];
    for (uint32_t i = 0; i < s_count; i++) total += s[i];
    return total;
}

/* ---- small scalars: C passes them as i32 and returns them extended ---- */

BG_EXPORT("neg_i8")
int8_t neg_i8(int8_t v) { return (int8_t)-v; }

BG_EXPORT("inc_u8")
uint8_t inc_u8(uint8_t v) { return (uint8_t)(v + 1); }

BG_EXPORT("neg_i16")
int16_t neg_i16(int16_t v) { return (int16_t)-v; }

BG_EXPORT("inc_u16")
uint16_t inc_u16(uint16_t v) { return (uint16_t)(v + 1); }

/* A UTF-16 code unit: ASCII letters upper-cased, anything else as is. */
BG_EXPORT("upper_char")
uint16_t upper_char(uint16_t c) { return c >= 'a' && c <= 'z' ? (uint16_t)(c - 32) : c; }

/* Widens each small type to show the host sign- or zero-extends correctly. */
BG_EXPORT("widen")
int64_t widen(int8_t a, uint8_t b, int16_t c, uint16_t d) {
    return (int64_t)a * 1000000000LL + (int64_t)b * 1000000LL + (int64_t)c * 10LL + (int64_t)d;
}
