/*
 * A canonical-ABI guest that imports host functions, written by hand: each
 * `run` export forwards its (flattened) arguments to the matching `host`
 * import and returns what the host lowered into guest memory (allocated with
 * this module's cabi_realloc, through a return pointer the guest passes).
 * Built with wasi-libc's realloc and with the growing allocator.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define RUN(name) EXPORT("local:host-demo/run@1.0.0#" name)
#define HOST(name) __attribute__((import_module("local:host-demo/host@1.0.0"), import_name(name)))

typedef struct { uint8_t *ptr; uint32_t len; } str_t;

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
#else
#include <stdlib.h>
EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size) {
    (void)old_size;
    if (size == 0) return (void *)align;
    void *ptr = realloc(old, size);
    if (ptr == NULL) __builtin_trap();
    return ptr;
}
#endif

HOST("greet") void host_greet(uint8_t *p, uint32_t n, str_t *ret);
HOST("split") void host_split(uint8_t *p, uint32_t n, str_t *ret);
HOST("tally") int32_t host_tally(void *items, uint32_t n, int32_t is_some, uint8_t *p, uint32_t len);
HOST("add") int32_t host_add(int32_t a, int32_t b);

static str_t ret;

RUN("call-greet") str_t *call_greet(uint8_t *p, uint32_t n) { host_greet(p, n, &ret); return &ret; }
RUN("call-split") str_t *call_split(uint8_t *p, uint32_t n) { host_split(p, n, &ret); return &ret; }
RUN("call-tally") int32_t call_tally(void *items, uint32_t n, int32_t is_some, uint8_t *p, uint32_t len) {
    return host_tally(items, n, is_some, p, len);
}
RUN("call-add") int32_t call_add(int32_t a, int32_t b) { return host_add(a, b); }
