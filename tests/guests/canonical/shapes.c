/*
 * A canonical-ABI guest of shapes.wit, written by hand: `scene.render` draws
 * each shape through the host's `canvas.draw` (a variant, an enum and flags
 * flattened into seven core parameters, a result<u32, string> written by the
 * host through a return pointer) and stops at the first error; `scene.find`
 * asks the host's `canvas.lookup` for each name (an option<shape> through a
 * return pointer, its label string allocated by the host with cabi_realloc).
 * Arguments the host passed are freed here; what is returned is freed by the
 * post-return functions (empty strings and lists are not blocks: never freed).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define SCENE(name) EXPORT("local:shapes/scene@0.1.0#" name)
#define POST(name) EXPORT("cabi_post_local:shapes/scene@0.1.0#" name)
#define CANVAS(name) __attribute__((import_module("local:shapes/canvas@0.1.0"), import_name(name)))

typedef struct { uint8_t *ptr; uint32_t len; } str_t;
typedef struct { int32_t x, y; } point_t;
/* variant shape: an 8-bit discriminant, the payload at offset 4; 20 bytes. */
typedef struct {
    uint8_t tag; /* 0 dot, 1 line, 2 label, 3 none */
    union { point_t dot; struct { point_t a, b; } line; str_t label; } u;
} shape_t;
/* result<u32, string>: 12 bytes; option<shape>: 24 bytes. */
typedef struct { uint8_t tag; union { uint32_t ok; str_t err; } u; } result_t;
typedef struct { uint8_t tag; shape_t value; } option_shape_t;

_Static_assert(sizeof(shape_t) == 20 && sizeof(result_t) == 12 && sizeof(option_shape_t) == 24, "canonical layouts");

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size) {
    (void)old_size;
    if (size == 0) return (void *)align;
    void *ptr = realloc(old, size);
    if (ptr == NULL) __builtin_trap();
    return ptr;
}

CANVAS("draw") void canvas_draw(int32_t tag, int32_t p0, int32_t p1, int32_t p2, int32_t p3, int32_t layer, int32_t style, result_t *ret);
CANVAS("lookup") void canvas_lookup(uint8_t *name, uint32_t len, option_shape_t *ret);

static void flatten(const shape_t *s, int32_t f[4]) {
    f[0] = f[1] = f[2] = f[3] = 0;
    switch (s->tag) {
    case 0: f[0] = s->u.dot.x; f[1] = s->u.dot.y; break;
    case 1: f[0] = s->u.line.a.x; f[1] = s->u.line.a.y; f[2] = s->u.line.b.x; f[3] = s->u.line.b.y; break;
    case 2: f[0] = (int32_t)(uintptr_t)s->u.label.ptr; f[1] = (int32_t)s->u.label.len; break;
    default: break;
    }
}

static void free_shapes(shape_t *shapes, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        if (shapes[i].tag == 2 && shapes[i].u.label.len != 0) free(shapes[i].u.label.ptr);
    }
    if (n != 0) free(shapes);
}

static result_t render_ret;

/* The style of the i-th shape: bold for odd positions, dashed for every third. */
SCENE("render") result_t *render(shape_t *shapes, uint32_t n, int32_t layer) {
    uint32_t sum = 0;
    render_ret.tag = 0;
    for (uint32_t i = 0; i < n; i++) {
        int32_t f[4];
        flatten(&shapes[i], f);
        int32_t style = (int32_t)((i % 2 == 1 ? 1u : 0u) | (i % 3 == 0 ? 2u : 0u));
        result_t r;
        canvas_draw(shapes[i].tag, f[0], f[1], f[2], f[3], layer, style, &r);
        if (r.tag != 0) {
            render_ret = r;
            break;
        }
        sum += r.u.ok;
    }
    if (render_ret.tag == 0) render_ret.u.ok = sum;
    free_shapes(shapes, n);
    return &render_ret;
}

POST("render") void post_render(result_t *r) {
    if (r->tag != 0 && r->u.err.len != 0) free(r->u.err.ptr);
}

static struct { option_shape_t *ptr; uint32_t len; } find_ret;

SCENE("find") void *find(str_t *names, uint32_t n) {
    option_shape_t *out = cabi_realloc(NULL, 0, 4, n * sizeof(option_shape_t));
    for (uint32_t i = 0; i < n; i++) {
        canvas_lookup(names[i].ptr, names[i].len, &out[i]);
        if (names[i].len != 0) free(names[i].ptr);
    }
    if (n != 0) free(names);
    find_ret.ptr = out;
    find_ret.len = n;
    return &find_ret;
}

POST("find") void post_find(void *ret) {
    (void)ret;
    for (uint32_t i = 0; i < find_ret.len; i++) {
        shape_t *s = &find_ret.ptr[i].value;
        if (find_ret.ptr[i].tag == 1 && s->tag == 2 && s->u.label.len != 0) free(s->u.label.ptr);
    }
    if (find_ret.len != 0) free(find_ret.ptr);
}

SCENE("add") uint32_t add(uint32_t a, uint32_t b) { return a + b; }
