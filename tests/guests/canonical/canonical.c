/*
 * A canonical-ABI guest written by hand: the core-module side of
 * text.wit, as wit-bindgen's C output would lower it (flattened parameters,
 * spilled results behind a static return area, cabi_realloc, cabi_post_*).
 *
 * Built twice: with wasi-libc's realloc, and with -DBINDGEN_GROWING_ALLOCATOR,
 * whose cabi_realloc grows (and, under the relocating engine, moves) memory on
 * every call. Argument memory is the callee's: results may point into it, and
 * the cabi_post_* of the echo exports frees it, as wit-bindgen's output does
 * (the growing allocator never reuses memory, so there freeing does nothing).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define TEXT(name) EXPORT("local:demo/text@1.0.0#" name)
#define POST(name) EXPORT("cabi_post_local:demo/text@1.0.0#" name)

typedef struct { uint8_t *ptr; uint32_t len; } str_t;
typedef struct { str_t *ptr; uint32_t len; } strs_t;
typedef struct { uint32_t *ptr; uint32_t len; } u32s_t;
typedef struct { int32_t x, y; } point_t;
typedef struct { str_t name; u32s_t values; } entry_t;
typedef struct { uint8_t is_some; entry_t val; } opt_entry_t;
typedef struct { opt_entry_t *ptr; uint32_t len; } opt_entries_t;
typedef struct { uint8_t tag; union { float circle; point_t rect; } val; } shape_t;
typedef struct { uint8_t is_err; union { strs_t ok; shape_t err; } val; } nested_t;

_Static_assert(sizeof(opt_entry_t) == 20, "option<entry> is 20 bytes");
_Static_assert(sizeof(shape_t) == 12, "shape is 12 bytes");
_Static_assert(sizeof(nested_t) == 16, "result<list<string>, shape> is 16 bytes");

#ifdef BINDGEN_GROWING_ALLOCATOR
extern unsigned char __heap_base;
static uintptr_t heap_next;

/* Bump allocator that grows memory by at least one page on every call. */
EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size) {
    if (heap_next == 0) heap_next = (uintptr_t)&__heap_base;
    uint64_t start = ((uint64_t)heap_next + align - 1) & ~(uint64_t)(align - 1);
    uint64_t end = start + size;
    uint64_t pages = (end + 0xFFFFu) >> 16, now = __builtin_wasm_memory_size(0);
    if (__builtin_wasm_memory_grow(0, pages > now ? pages - now : 1) == (size_t)-1) __builtin_trap();
    heap_next = (uintptr_t)end;
    if (old != NULL) memcpy((void *)(uintptr_t)start, old, old_size < size ? old_size : size);
    return (void *)(uintptr_t)start;
}
static void release(void *ptr, uint32_t len) { (void)ptr; (void)len; }
#else
#include <stdlib.h>
/* A zero-length block is the alignment itself (see cabi_realloc), never malloc's. */
static void release(void *ptr, uint32_t len) { if (len != 0) free(ptr); }
EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size) {
    (void)old_size;
    if (size == 0) return (void *)align;
    void *ptr = realloc(old, size);
    if (ptr == NULL) __builtin_trap();
    return ptr;
}
#endif

static union { str_t s; strs_t strs; u32s_t u32s; entry_t entry; opt_entries_t entries;
               int32_t words[4]; uint64_t wide[7]; point_t point; shape_t shape; nested_t nested; } ret;
static uint32_t post_calls;

TEXT("count-words") uint32_t count_words(uint8_t *p, uint32_t n) {
    uint32_t words = 0;
    for (uint32_t i = 0, in = 0; i < n; i++) {
        int space = p[i] == ' ' || p[i] == '\n' || p[i] == '\t';
        if (!space && !in) words++;
        in = !space;
    }
    return words;
}
/* Counts post-return calls, so tests see that the host calls them for scalar results too. */
POST("count-words") void count_words_post(uint32_t result) { (void)result; post_calls++; }
TEXT("post-calls") uint32_t get_post_calls(void) { return post_calls; }

TEXT("echo-string") str_t *echo_string(uint8_t *p, uint32_t n) { ret.s = (str_t){p, n}; return &ret.s; }
POST("echo-string") void echo_string_post(str_t *r) { release(r->ptr, r->len); post_calls++; }

TEXT("reverse-strings") strs_t *reverse_strings(str_t *items, uint32_t n) {
    for (uint32_t i = 0; i < n / 2; i++) { str_t t = items[i]; items[i] = items[n - 1 - i]; items[n - 1 - i] = t; }
    ret.strs = (strs_t){items, n};
    return &ret.strs;
}

TEXT("sum-bytes") uint64_t sum_bytes(uint8_t *p, uint32_t n) {
    uint64_t sum = 0;
    for (uint32_t i = 0; i < n; i++) sum += p[i];
    return sum;
}

TEXT("echo-bytes") str_t *echo_bytes(uint8_t *p, uint32_t n) { ret.s = (str_t){p, n}; return &ret.s; }
POST("echo-bytes") void echo_bytes_post(str_t *r) { release(r->ptr, r->len); }

TEXT("echo-entry") entry_t *echo_entry(uint8_t *name, uint32_t name_len, uint32_t *values, uint32_t count) {
    ret.entry = (entry_t){{name, name_len}, {values, count}};
    return &ret.entry;
}
POST("echo-entry") void echo_entry_post(entry_t *e) {
    release(e->name.ptr, e->name.len);
    release(e->values.ptr, e->values.len * 4);
}

TEXT("echo-entries") opt_entries_t *echo_entries(opt_entry_t *items, uint32_t n) {
    ret.entries = (opt_entries_t){items, n};
    return &ret.entries;
}

TEXT("parse-number") int32_t *parse_number(uint8_t *p, uint32_t n) {
    int64_t value = 0;
    int negative = n > 0 && p[0] == '-';
    uint32_t i = negative ? 1 : 0;
    int ok = n > i && n - i <= 9;
    for (; ok && i < n; i++) {
        if (p[i] < '0' || p[i] > '9') ok = 0; else value = value * 10 + (p[i] - '0');
    }
    ret.words[0] = ok ? 0 : 1;
    if (ok) { ret.words[1] = (int32_t)(negative ? -value : value); }
    else { ret.words[1] = (int32_t)(uintptr_t)p; ret.words[2] = (int32_t)n; }
    return ret.words;
}

TEXT("find") int32_t *find(str_t *items, uint32_t n, uint8_t *needle, uint32_t needle_len) {
    ret.words[0] = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (items[i].len == needle_len && memcmp(items[i].ptr, needle, needle_len) == 0) {
            ret.words[0] = 1; ret.words[1] = (int32_t)i; break;
        }
    }
    return ret.words;
}

TEXT("swap") uint8_t *swap(int32_t color, int32_t perms) {
    uint8_t *out = (uint8_t *)&ret;
    out[0] = (uint8_t)perms; out[1] = (uint8_t)color;
    return out;
}

TEXT("add-points") point_t *add_points(int32_t ax, int32_t ay, int32_t bx, int32_t by) {
    ret.point = (point_t){ax + bx, ay + by};
    return &ret.point;
}

TEXT("scalars") uint8_t *scalars(int32_t a, int32_t b, int32_t c, int32_t d, int32_t e, int32_t f, int32_t g,
                                 int64_t h, int64_t i, float j, double k, int32_t l) {
    uint8_t *o = (uint8_t *)&ret;
    o[0] = (uint8_t)(a != 0); o[1] = (uint8_t)b; o[2] = (uint8_t)c;
    memcpy(o + 4, &(int16_t){(int16_t)d}, 2); memcpy(o + 6, &(uint16_t){(uint16_t)e}, 2);
    memcpy(o + 8, &f, 4); memcpy(o + 12, &g, 4); memcpy(o + 16, &h, 8); memcpy(o + 24, &i, 8);
    memcpy(o + 32, &j, 4); memcpy(o + 40, &k, 8); memcpy(o + 48, &l, 4);
    return o;
}

/* 17 flat parameters exceed MAX_FLAT_PARAMS (16): they arrive as one pointer to a tuple. */
TEXT("sum17") uint64_t sum17(uint32_t *args) {
    uint64_t sum = 0;
    for (int i = 0; i < 17; i++) sum += (uint64_t)args[i] * (uint64_t)(i + 1);
    return sum;
}

TEXT("next-color") int32_t next_color(int32_t c) { return (c + 1) % 3; }
TEXT("negate") int32_t negate(int32_t b) { return !b; }

TEXT("echo-shape") shape_t *echo_shape(int32_t tag, int32_t a, int32_t b) {
    ret.shape.tag = (uint8_t)tag;
    if (tag == 0) memcpy(&ret.shape.val.circle, &a, 4);
    if (tag == 1) ret.shape.val.rect = (point_t){a, b};
    return &ret.shape;
}

TEXT("echo-nested") nested_t *echo_nested(int32_t is_err, int32_t a, int32_t b, int32_t c) {
    ret.nested.is_err = (uint8_t)is_err;
    if (!is_err) ret.nested.val.ok = (strs_t){(str_t *)(uintptr_t)a, (uint32_t)b};
    else { shape_t *s = echo_shape(a, b, c); ret.nested.val.err = *s; ret.nested.is_err = 1; }
    return &ret.nested;
}

/* Protocol violations the host must catch. */
static uint8_t invalid[] = {0x66, 0xff, 0x6f};
TEXT("bad-utf8") str_t *bad_utf8(void) { ret.s = (str_t){invalid, 3}; return &ret.s; }
TEXT("bad-discriminant") int32_t *bad_discriminant(void) { ret.words[0] = 2; ret.words[1] = 0; return ret.words; }
TEXT("bad-char") int32_t bad_char(void) { return 0xD800; }
TEXT("bad-pointer") str_t *bad_pointer(void) { ret.s = (str_t){(uint8_t *)(uintptr_t)0xFFFFFF00u, 0x1000}; return &ret.s; }
