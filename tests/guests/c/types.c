/*
 * types.wasm / types_growing.wasm: one export per kind of value the
 * Bindgen C convention supports (see docs/abi.md).
 *
 * Built twice from this file: once with wasi-libc's allocator and once with
 * -DBINDGEN_GROWING_ALLOCATOR, whose malloc grows linear memory on every
 * call. Both builds have the same exports.
 */
#include "alloc.h"

#include <stdint.h>
#include <string.h>

/* ---- integers, floats, bools, enums ---------------------------------- */

BG_EXPORT("add_i32")
int32_t add_i32(int32_t a, int32_t b) {
    return (int32_t)((uint32_t)a + (uint32_t)b); /* wrapping */
}

BG_EXPORT("max_u32")
uint32_t max_u32(uint32_t a, uint32_t b) { return a > b ? a : b; }

BG_EXPORT("add_i64")
int64_t add_i64(int64_t a, int64_t b) {
    return (int64_t)((uint64_t)a + (uint64_t)b); /* wrapping */
}

BG_EXPORT("max_u64")
uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

BG_EXPORT("mul_f32")
float mul_f32(float a, float b) { return a * b; }

BG_EXPORT("mul_f64")
double mul_f64(double a, double b) { return a * b; }

/* bool arrives as 0/1; a returned bool is true when non-zero. */
BG_EXPORT("negate")
int32_t negate(int32_t value) { return value == 0 ? 1 : 0; }

BG_EXPORT("is_even")
int32_t is_even(int32_t value) { return (value & 1) == 0 ? 1 : 0; }

/* enum Color : int { Red = 0, Green = 1, Blue = 2 } */
BG_EXPORT("next_color")
int32_t next_color(int32_t color) {
    return (int32_t)(((uint32_t)color + 1u) % 3u);
}

/* an enum over long/ulong travels as i64 */
BG_EXPORT("flip_high_bit")
int64_t flip_high_bit(int64_t value) {
    return (int64_t)((uint64_t)value ^ 0x8000000000000000ull);
}

/* ---- void functions ----------------------------------------------------- */

static int32_t bump_counter;

BG_EXPORT("bump")
void bump(void) { bump_counter++; }

BG_EXPORT("bump_count")
int32_t bump_count(void) { return bump_counter; }

/* ---- string parameters and results -------------------------------------- */

BG_EXPORT("utf8_code_points")
int32_t utf8_code_points(const uint8_t *ptr, uint32_t len) {
    int32_t count = 0;
    for (uint32_t i = 0; i < len; i++) {
        if ((ptr[i] & 0xC0u) != 0x80u) {
            count++;
        }
    }
    return count;
}

BG_EXPORT("to_upper")
void to_upper(const uint8_t *ptr, uint32_t len, bg_buffer *ret) {
    uint8_t *out = bg_alloc_result(len);
    for (uint32_t i = 0; i < len; i++) {
        uint8_t c = ptr[i];
        out[i] = (c >= 'a' && c <= 'z') ? (uint8_t)(c - ('a' - 'A')) : c;
    }
    bg_set_result(ret, out, len);
}

BG_EXPORT("concat")
void concat(const uint8_t *a, uint32_t alen, const uint8_t *b, uint32_t blen,
            bg_buffer *ret) {
    if (blen > UINT32_MAX - alen) {
        __builtin_trap();
    }
    uint32_t len = alen + blen;
    uint8_t *out = bg_alloc_result(len);
    if (alen != 0) {
        memcpy(out, a, alen);
    }
    if (blen != 0) {
        memcpy(out + alen, b, blen);
    }
    bg_set_result(ret, out, len);
}

/* A non-positive count gives the empty string. */
BG_EXPORT("repeat")
void repeat(const uint8_t *ptr, uint32_t len, int32_t count, bg_buffer *ret) {
    if (count <= 0 || len == 0) {
        bg_set_result(ret, NULL, 0);
        return;
    }
    uint64_t total = (uint64_t)len * (uint64_t)count;
    if (total > 0x7FFFFFFFull) {
        __builtin_trap();
    }
    uint8_t *out = bg_alloc_result((uint32_t)total);
    for (int32_t i = 0; i < count; i++) {
        memcpy(out + (uint32_t)i * len, ptr, len);
    }
    bg_set_result(ret, out, (uint32_t)total);
}

/* "<text>|<n>|<big>|<flag>" */

static uint32_t format_i64(int64_t value, uint8_t *out) {
    uint8_t digits[20];
    uint32_t count = 0;
    uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
    do {
        digits[count++] = (uint8_t)('0' + magnitude % 10u);
        magnitude /= 10u;
    } while (magnitude != 0);
    uint32_t len = 0;
    if (value < 0) {
        out[len++] = '-';
    }
    while (count > 0) {
        out[len++] = digits[--count];
    }
    return len;
}

BG_EXPORT("describe")
void describe(int32_t n, int64_t big, int32_t flag, const uint8_t *ptr,
              uint32_t len, bg_buffer *ret) {
    uint8_t n_text[21];
    uint8_t big_text[21];
    uint32_t n_len = format_i64(n, n_text);
    uint32_t big_len = format_i64(big, big_text);
    const char *flag_text = flag != 0 ? "true" : "false";
    uint32_t flag_len = flag != 0 ? 4u : 5u;
    if (len > 0x7FFFFFFFu - 64u) {
        __builtin_trap();
    }
    uint32_t total = len + 1u + n_len + 1u + big_len + 1u + flag_len;
    uint8_t *out = bg_alloc_result(total);
    uint8_t *p = out;
    if (len != 0) {
        memcpy(p, ptr, len);
        p += len;
    }
    *p++ = '|';
    memcpy(p, n_text, n_len);
    p += n_len;
    *p++ = '|';
    memcpy(p, big_text, big_len);
    p += big_len;
    *p++ = '|';
    memcpy(p, flag_text, flag_len);
    bg_set_result(ret, out, total);
}

/* ---- byte parameters and results ---------------------------------------- */

BG_EXPORT("sum_bytes")
int32_t sum_bytes(const uint8_t *ptr, uint32_t len) {
    uint32_t sum = 0;
    for (uint32_t i = 0; i < len; i++) {
        sum += ptr[i];
    }
    return (int32_t)sum;
}

BG_EXPORT("fnv1a")
uint32_t fnv1a(const uint8_t *ptr, uint32_t len) {
    uint32_t hash = 2166136261u;
    for (uint32_t i = 0; i < len; i++) {
        hash ^= ptr[i];
        hash *= 16777619u;
    }
    return hash;
}

BG_EXPORT("reverse")
void reverse(const uint8_t *ptr, uint32_t len, bg_buffer *ret) {
    uint8_t *out = bg_alloc_result(len);
    for (uint32_t i = 0; i < len; i++) {
        out[i] = ptr[len - 1u - i];
    }
    bg_set_result(ret, out, len);
}

/* byte[i] = (seed + i*31) & 0xFF; a negative len traps. */
BG_EXPORT("make_bytes")
void make_bytes(int32_t len, int32_t seed, bg_buffer *ret) {
    if (len < 0) {
        __builtin_trap();
    }
    uint8_t *out = bg_alloc_result((uint32_t)len);
    for (uint32_t i = 0; i < (uint32_t)len; i++) {
        out[i] = (uint8_t)(((uint32_t)seed + i * 31u) & 0xFFu);
    }
    bg_set_result(ret, out, (uint32_t)len);
}

/* Span<byte> in/out: modified in place, the host copies the bytes back. */
BG_EXPORT("xor_fill")
void xor_fill(uint8_t *ptr, uint32_t len, int32_t value) {
    for (uint32_t i = 0; i < len; i++) {
        ptr[i] ^= (uint8_t)(((uint32_t)value + i) & 0xFFu);
    }
}

/* ---- traps and memory growth -------------------------------------------- */

BG_EXPORT("trap_now")
void trap_now(void) { __builtin_trap(); }

/* Traps after touching its input, so a test can check that the host still
 * frees the buffer it allocated for the argument. */
BG_EXPORT("trap_with_input")
int32_t trap_with_input(const uint8_t *ptr, uint32_t len) {
    volatile uint32_t sink = 0;
    for (uint32_t i = 0; i < len; i++) {
        sink += ptr[i];
    }
    (void)sink;
    __builtin_trap();
}

/* Returns the previous size in pages, or -1 if the memory cannot grow. */
BG_EXPORT("grow_memory")
int32_t grow_memory(int32_t pages) {
    return (int32_t)__builtin_wasm_memory_grow(0, (size_t)(uint32_t)pages);
}
