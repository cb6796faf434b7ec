/*
 * service.wasm: the guest the WasmService example runs once per request. A WASI
 * reactor: it logs to stderr (which the host routes to ILogger), and exports
 * the C convention's memory, malloc and free.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("malloc") void *guest_malloc(size_t size) { return malloc(size); }
EXPORT("free") void guest_free(void *p) { free(p); }

typedef struct { char *ptr; size_t len; } buffer;

/* Calls this instance has answered: 1 on a fresh instance's first call. */
static int32_t calls;

/* "Hello, NAME! (call N of this instance)", written into a malloc'ed result. */
EXPORT("greet")
void greet(const char *name, size_t len, buffer *ret) {
    calls++;
    size_t cap = len + 64;
    char *out = malloc(cap);
    int n = snprintf(out, cap, "Hello, %.*s! (call %d of this instance)", (int)len, name, (int)calls);
    fprintf(stderr, "greeted %.*s\n", (int)len, name);
    ret->ptr = out;
    ret->len = (size_t)n;
}

/* FNV-1a over a counter, `rounds` times: CPU work that fuel and deadlines bound. */
EXPORT("work")
uint32_t work(uint32_t rounds) {
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < rounds; i++) {
        h = (h ^ (i & 0xff)) * 16777619u;
    }
    return h;
}

/* Grows memory by `pages` 64 KiB pages; -1 when the store's memory cap refuses. */
EXPORT("grow")
int32_t grow(int32_t pages) { return (int32_t)__builtin_wasm_memory_grow(0, (uint32_t)pages); }
