/*
 * bench.wasm: the guest every benchmark in benchmarks/Bindgen.Benchmarks runs.
 *
 * It follows Bindgen's C convention (docs/abi.md): it exports `memory`,
 * `malloc` and `free` (wasi-libc's allocator, unwrapped, so the allocator
 * costs what a real guest's does), numbers travel as wasm values, buffers
 * as (ptr, len), and string results through an 8-byte return area.
 *
 * Each export does as little as its signature allows, so a benchmark
 * measures the host-side glue around the call rather than the guest's work.
 * Built with SIMD and bulk memory (memcpy/memset become memory.copy and
 * memory.fill), which Wasmtime enables by default.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("host"), import_name(name)))

/* The return area: ptr at offset 0, len at offset 4, little-endian i32. */
typedef struct {
    uint8_t *ptr;
    uint32_t len;
} result_t;

_Static_assert(sizeof(result_t) == 8, "return area must be 8 bytes");

EXPORT("malloc")
void *bench_malloc(size_t size) { return malloc(size); }

EXPORT("free")
void bench_free(void *ptr) { free(ptr); }

/* int Add(int a, int b): (i32, i32) -> i32, wrapping. */
EXPORT("add")
int32_t add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/* int Sum(ReadOnlySpan<byte> data): (i32 ptr, i32 len) -> i32.
 * The sum of the bytes, wrapping. 16 bytes per step with SIMD, so at 1 MiB
 * the guest's pass costs less than the host's copy and the benchmark
 * measures the copy. */
EXPORT("sum")
int32_t sum(const uint8_t *data, uint32_t len) {
    uint32_t i = 0;
    v128_t acc = wasm_i32x4_splat(0);
    for (; i + 16 <= len; i += 16) {
        v128_t bytes = wasm_v128_load(data + i);
        acc = wasm_i32x4_add(acc, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(bytes)));
    }
    uint32_t total = wasm_u32x4_extract_lane(acc, 0) + wasm_u32x4_extract_lane(acc, 1)
                   + wasm_u32x4_extract_lane(acc, 2) + wasm_u32x4_extract_lane(acc, 3);
    for (; i < len; i++) {
        total += data[i];
    }
    return (int32_t)total;
}

/* string Echo(string text): (i32 ptr, i32 len, i32 ret) -> ().
 * Returns a malloc'd copy; ownership passes to the host. */
EXPORT("echo")
void echo(const uint8_t *text, uint32_t len, result_t *ret) {
    if (len == 0) {
        ret->ptr = NULL;
        ret->len = 0;
        return;
    }
    uint8_t *copy = malloc(len);
    if (copy == NULL) {
        __builtin_trap();
    }
    memcpy(copy, text, len);
    ret->ptr = copy;
    ret->len = len;
}

/* void Fill(Span<byte> buffer, int value): (i32 ptr, i32 len, i32 value) -> ().
 * Overwrites the in/out buffer in place. */
EXPORT("fill")
void fill(uint8_t *buffer, uint32_t len, int32_t value) {
    memset(buffer, (uint8_t)value, len);
}

/* double SumF64(ReadOnlySpan<double> values): (i32 ptr, i32 count) -> f64.
 * The sum of the elements; the host places them 8-aligned. Two lanes and
 * four accumulators, so at 1 MiB the guest's pass stays below the cost of
 * the host's copy. The order of the additions differs from a plain loop;
 * the benchmarks use values whose sums are exact in any order. */
EXPORT("sum_f64")
double sum_f64(const double *values, uint32_t count) {
    uint32_t i = 0;
    v128_t a0 = wasm_f64x2_splat(0.0), a1 = a0, a2 = a0, a3 = a0;
    for (; i + 8 <= count; i += 8) {
        a0 = wasm_f64x2_add(a0, wasm_v128_load(values + i));
        a1 = wasm_f64x2_add(a1, wasm_v128_load(values + i + 2));
        a2 = wasm_f64x2_add(a2, wasm_v128_load(values + i + 4));
        a3 = wasm_f64x2_add(a3, wasm_v128_load(values + i + 6));
    }
    v128_t acc = wasm_f64x2_add(wasm_f64x2_add(a0, a1), wasm_f64x2_add(a2, a3));
    double total = wasm_f64x2_extract_lane(acc, 0) + wasm_f64x2_extract_lane(acc, 1);
    for (; i < count; i++) {
        total += values[i];
    }
    return total;
}

/* void Scale(Span<float> values, int factor): (i32 ptr, i32 count, i32 factor) -> ().
 * Multiplies every element in place (an in/out array, copied in and back). */
EXPORT("scale")
void scale(float *values, uint32_t count, int32_t factor) {
    float f = (float)factor;
    for (uint32_t i = 0; i < count; i++) {
        values[i] *= f;
    }
}

/* Host import: string Describe(ReadOnlySpan<byte> data).
 * The guest lends `data` (a buffer it owns) for the call; the host allocates
 * the result with this guest's malloc and writes (ptr, len) into `ret`. */
IMPORT("describe")
void host_describe(const uint8_t *data, uint32_t len, result_t *ret);

/* int CallDescribe(ReadOnlySpan<byte> data): (i32 ptr, i32 len) -> i32.
 * Calls host.describe on its own input, frees the host's result and returns
 * its length: one full host-import round trip per call. */
EXPORT("call_describe")
int32_t call_describe(const uint8_t *data, uint32_t len) {
    result_t result = {NULL, 0};
    host_describe(data, len, &result);
    uint32_t length = result.len;
    free(result.ptr);
    return (int32_t)length;
}

/* ---- A C library's calling shapes (docs/abi.md, "Structs, ref, out and in") ---- */

/* A C struct clang lays out as x at 0, y at 8, 16 bytes, 8-aligned. */
typedef struct {
    double x;
    double y;
} point;

_Static_assert(sizeof(point) == 16, "point layout");

/* double PointNorm2(in Point p): (i32 ptr) -> f64. A struct by pointer: the
 * host copies it into guest memory and passes its address. */
EXPORT("point_norm2")
double point_norm2(const point *p) { return p->x * p->x + p->y * p->y; }

/* int Divmod(int a, int b, out int rem): (i32, i32, i32 ptr) -> i32. An
 * out-parameter: the host passes the address of a 4-byte slot and reads it
 * back after the call. */
EXPORT("divmod")
int32_t divmod(int32_t a, int32_t b, int32_t *rem) {
    if (b == 0) {
        *rem = 0;
        return 0;
    }
    *rem = a % b;
    return a / b;
}

/* long Sum17(...): 17 wasm parameters, one more than Wasmtime's typed
 * delegates take, so every variant calls it through Function.Invoke. */
EXPORT("sum17")
int64_t sum17(int32_t a1, int32_t a2, int32_t a3, int32_t a4, int32_t a5, int32_t a6, int32_t a7,
              int32_t a8, int32_t a9, int32_t a10, int32_t a11, int32_t a12, int32_t a13, int32_t a14,
              int32_t a15, int64_t a16, double a17) {
    return (int64_t)a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * a6 + 7 * a7 + 8 * a8 + 9 * a9 + 10 * a10 +
           11 * a11 + 12 * a12 + 13 * a13 + 14 * a14 + 15 * a15 + 16 * a16 + (int64_t)(17 * a17);
}
