/*
 * clib.wasm / clib_growing.wasm: a small C library written the way C
 * libraries are: structs passed by value and by pointer, results through
 * out-pointers, struct results, a single-field struct, arrays of structs,
 * a 17-parameter function. Nothing in it knows about Bindgen except the
 * allocator exports every C-convention guest has.
 */
#include "alloc.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct point {
    int32_t x;
    double y;
    uint8_t tag;
} point; /* 24 bytes, 8-aligned: x at 0, y at 8, tag at 16 */

typedef struct segment {
    point from;
    point to;
} segment;

typedef struct meters {
    double value;
} meters; /* one field: C passes and returns it as a double */

typedef struct pair16 {
    int16_t lo;
    int16_t hi;
} pair16;

_Static_assert(sizeof(point) == 24, "point layout");
_Static_assert(sizeof(segment) == 48, "segment layout");

typedef struct bg_array {
    void *ptr;
    uint32_t count;
} bg_array;

BG_EXPORT("point_norm2")
double point_norm2(const point *p) { return (double)p->x * p->x + p->y * p->y + p->tag; }

/* By value in, by value out: clang passes a pointer to a copy and returns through sret. */
BG_EXPORT("point_scale")
point point_scale(point p, double k) {
    point r = {(int32_t)(p.x * k), p.y * k, (uint8_t)(p.tag + 1)};
    return r;
}

BG_EXPORT("point_translate")
void point_translate(point *p, int32_t dx, double dy) {
    p->x += dx;
    p->y += dy;
}

BG_EXPORT("segment_length2")
double segment_length2(const segment *s) {
    double dx = (double)(s->to.x - s->from.x), dy = s->to.y - s->from.y;
    return dx * dx + dy * dy;
}

BG_EXPORT("meters_add")
meters meters_add(meters a, meters b) {
    meters r = {a.value + b.value};
    return r;
}

BG_EXPORT("pair_swap")
pair16 pair_swap(pair16 p) {
    pair16 r = {p.hi, p.lo};
    return r;
}

/* out-parameters: the Try pattern and a second result */
BG_EXPORT("divmod")
int32_t divmod(int32_t a, int32_t b, int32_t *rem) {
    if (b == 0) {
        *rem = 0;
        return 0;
    }
    *rem = a % b;
    return a / b;
}

BG_EXPORT("try_parse_int")
bool try_parse_int(const uint8_t *text, uint32_t len, int32_t *out) {
    int64_t value = 0;
    bool negative = len > 0 && text[0] == '-';
    uint32_t i = negative ? 1 : 0;
    if (i == len) return false;
    for (; i < len; i++) {
        if (text[i] < '0' || text[i] > '9') return false;
        value = value * 10 + (text[i] - '0');
        if (value > 2147483648LL) return false;
    }
    if (negative) value = -value;
    if (value > 2147483647LL || value < -2147483648LL) return false;
    *out = (int32_t)value;
    return true;
}

/* in/out of every width */
BG_EXPORT("bump_all")
void bump_all(int8_t *a, int16_t *b, int64_t *c, float *d, bool *e) {
    *a += 1;
    *b += 1;
    *c += 1;
    *d += 1.0f;
    *e = !*e;
}

/* arrays of structs */
BG_EXPORT("points_sum_x")
int64_t points_sum_x(const point *pts, uint32_t n) {
    int64_t sum = 0;
    for (uint32_t i = 0; i < n; i++) sum += pts[i].x;
    return sum;
}

BG_EXPORT("points_shift")
void points_shift(point *pts, uint32_t n, int32_t dx) {
    for (uint32_t i = 0; i < n; i++) {
        pts[i].x += dx;
        pts[i].tag = (uint8_t)i;
    }
}

BG_EXPORT("points_make")
void points_make(int32_t count, bg_array *ret) {
    point *out = (point *)bg_alloc_result((uint32_t)count * (uint32_t)sizeof(point));
    for (int32_t i = 0; i < count; i++) {
        out[i].x = i;
        out[i].y = i * 0.5;
        out[i].tag = (uint8_t)(i * 3);
    }
    ret->ptr = count == 0 ? NULL : out;
    ret->count = (uint32_t)count;
}

/* More parameters than Wasmtime's typed delegates take (argon2_hash_ext takes 17). */
BG_EXPORT("sum17")
int64_t sum17(int32_t a1, int32_t a2, int32_t a3, int32_t a4, int32_t a5, int32_t a6, int32_t a7,
              int32_t a8, int32_t a9, int32_t a10, int32_t a11, int32_t a12, int32_t a13, int32_t a14,
              int32_t a15, int64_t a16, double a17) {
    return (int64_t)a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * a6 + 7 * a7 + 8 * a8 + 9 * a9 + 10 * a10 +
           11 * a11 + 12 * a12 + 13 * a13 + 14 * a14 + 15 * a15 + 16 * a16 + (int64_t)(17 * a17);
}

/* ---- C strings and null pointers -------------------------------------- */

BG_EXPORT("clib_version")
const char *clib_version(void) { return "clib 1.2.3 \xc3\xa9"; }

/* -1 for the null pointer, else strlen */
BG_EXPORT("c_strlen")
int32_t c_strlen(const char *s) {
    if (s == NULL) return -1;
    int32_t n = 0;
    while (s[n] != 0) n++;
    return n;
}

/* A new upper-cased copy the caller frees; NULL in, NULL out. */
BG_EXPORT("c_dup_upper")
char *c_dup_upper(const char *s) {
    if (s == NULL) return NULL;
    int32_t n = c_strlen(s);
    char *out = (char *)bg_alloc_result((uint32_t)n + 1);
    for (int32_t i = 0; i <= n; i++) out[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    return out;
}

/* A static message for each error code; NULL for 0 (no error). */
BG_EXPORT("c_error_text")
const char *c_error_text(int32_t code) {
    switch (code) {
    case 0: return NULL;
    case 1: return "out of range";
    default: return "unknown error";
    }
}

/* Hostile: a "string" whose NUL never comes before the end of memory. */
BG_EXPORT("c_no_nul")
const char *c_no_nul(void) {
    uintptr_t end = (uintptr_t)__builtin_wasm_memory_size(0) * 65536u;
    char *tail = (char *)(end - 8);
    for (int i = 0; i < 8; i++) tail[i] = 'x';
    return tail;
}

/* Tells null from empty: -1 for a null pointer, else the length, for both arguments. */
BG_EXPORT("nullable_pair")
int32_t nullable_pair(const uint8_t *a, uint32_t alen, const double *d, uint32_t dn) {
    int32_t first = a == NULL ? -1 : (int32_t)alen;
    int32_t second = d == NULL ? -1 : (int32_t)dn;
    return first * 1000 + second;
}

/* mode 0: null (0, 0); mode 1: empty (a 1-byte block, length 0); else three bytes. */
BG_EXPORT("maybe_bytes")
void maybe_bytes(int32_t mode, bg_buffer *ret) {
    if (mode == 0) {
        ret->ptr = NULL;
        ret->len = 0;
        return;
    }
    uint8_t *out = bg_malloc(mode == 1 ? 1 : 3);
    if (out == NULL) __builtin_trap();
    out[0] = 7;
    if (mode != 1) {
        out[1] = 8;
        out[2] = 9;
    }
    ret->ptr = out;
    ret->len = mode == 1 ? 0 : 3;
}

/* A caller-allocated output buffer, filled completely: the host need not copy it in. */
BG_EXPORT("fill_pattern")
int32_t fill_pattern(uint8_t *out, uint32_t cap, int32_t seed) {
    for (uint32_t i = 0; i < cap; i++) out[i] = (uint8_t)(seed + i * 7);
    return (int32_t)cap;
}
