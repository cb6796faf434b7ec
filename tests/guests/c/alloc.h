/*
 * Shared allocator and result helpers for the C test guests.
 *
 * Every guest that follows the Bindgen C convention exports `memory`,
 * `malloc` and `free`. The test guests also export `live_allocations`
 * (successful mallocs minus frees of non-null pointers) so host tests can
 * prove that every temporary buffer was released.
 *
 * Two allocators are available:
 *   - default: wasi-libc's malloc/free, wrapped to count live blocks;
 *   - BINDGEN_GROWING_ALLOCATOR: a bump allocator that grows linear memory
 *     on EVERY allocation (one page, or more if the request needs it).
 *     Any pointer into memory that the host cached before an allocation is
 *     therefore stale after it, which is what the relocation-safety tests
 *     rely on. `free` only updates the live counter.
 *
 * Include this header exactly once per guest (it defines the exports).
 */
#ifndef BINDGEN_GUEST_ALLOC_H
#define BINDGEN_GUEST_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define BG_EXPORT(name) __attribute__((export_name(name)))
#define BG_IMPORT(name) __attribute__((import_module("host"), import_name(name)))

/* The 8-byte, 4-aligned return area used for string/byte[] results:
 * ptr at offset 0, len at offset 4, both little-endian i32. */
typedef struct bg_buffer {
    uint8_t *ptr;
    uint32_t len;
} bg_buffer;

_Static_assert(sizeof(bg_buffer) == 8, "return area must be 8 bytes");
_Static_assert(_Alignof(bg_buffer) == 4, "return area must be 4-aligned");

static int32_t bg_live;

#ifdef BINDGEN_GROWING_ALLOCATOR

extern unsigned char __heap_base;
static uintptr_t bg_heap_next;

static void *bg_raw_alloc(size_t size) {
    if (bg_heap_next == 0) {
        bg_heap_next = (uintptr_t)&__heap_base;
    }
    if (size == 0) {
        size = 1; /* every successful malloc returns a distinct block */
    }
    uint64_t start = ((uint64_t)bg_heap_next + 7u) & ~(uint64_t)7u;
    uint64_t end = start + (uint64_t)size;
    if (end > 0xFFFFFFFFull) {
        return NULL;
    }
    uint64_t pages_needed = (end + 0xFFFFu) >> 16;
    uint64_t pages_now = __builtin_wasm_memory_size(0);
    uint64_t grow = pages_needed > pages_now ? pages_needed - pages_now : 0;
    if (grow == 0) {
        grow = 1; /* grow on every allocation, needed or not */
    }
    if (__builtin_wasm_memory_grow(0, (size_t)grow) == (size_t)-1) {
        return NULL;
    }
    bg_heap_next = (uintptr_t)end;
    return (void *)(uintptr_t)start;
}

static void bg_raw_free(void *ptr) {
    (void)ptr; /* bump allocator: memory is never reused */
}

#else

#include <stdlib.h>

static void *bg_raw_alloc(size_t size) { return malloc(size); }
static void bg_raw_free(void *ptr) { free(ptr); }

#endif

BG_EXPORT("malloc")
void *bg_malloc(size_t size) {
    void *ptr = bg_raw_alloc(size);
    if (ptr != NULL) {
        bg_live++;
    }
    return ptr;
}

BG_EXPORT("free")
void bg_free(void *ptr) {
    if (ptr != NULL) {
        bg_live--;
        bg_raw_free(ptr);
    }
}

BG_EXPORT("live_allocations")
int32_t bg_live_allocations(void) { return bg_live; }

/* Stores a result into a return area. An empty result is always (0, 0). */
static inline void bg_set_result(bg_buffer *ret, uint8_t *ptr, uint32_t len) {
    ret->ptr = len == 0 ? NULL : ptr;
    ret->len = len;
}

/* Allocates a result buffer of `len` bytes through the exported allocator,
 * so the host can release it with `free`. Returns NULL for len 0; traps if
 * the allocation fails (a guest has no other way to report it). */
static inline uint8_t *bg_alloc_result(uint32_t len) {
    if (len == 0) {
        return NULL;
    }
    uint8_t *ptr = bg_malloc(len);
    if (ptr == NULL) {
        __builtin_trap();
    }
    return ptr;
}

#endif /* BINDGEN_GUEST_ALLOC_H */
