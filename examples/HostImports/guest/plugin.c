// The HostImports guest: a "plugin" that calls back into its host (Bindgen's C convention, docs/abi.md).
#include <stdlib.h>
#include <string.h>

typedef struct { char *ptr; int len; } result_t;

// Host functions, imported from module "host".
__attribute__((import_module("host"), import_name("log"))) void host_log(const char *text, int len);
__attribute__((import_module("host"), import_name("lookup"))) void host_lookup(const char *key, int len, result_t *ret);

__attribute__((export_name("malloc"))) void *guest_malloc(size_t size) { return malloc(size); }
__attribute__((export_name("free"))) void guest_free(void *ptr) { free(ptr); }

// render(template) -> string: replaces every "{key}" with the host's lookup(key).
__attribute__((export_name("render")))
void render(const char *tpl, int len, result_t *ret) {
    int cap = len + 64, used = 0;
    char *out = malloc(cap);
    if (!out) __builtin_trap();
    for (int i = 0; i < len; i++) {
        const char *close = tpl[i] == '{' ? memchr(tpl + i, '}', len - i) : NULL;
        const char *piece = tpl + i;
        int piece_len = 1;
        result_t value = {0, 0};
        if (close) {
            host_log(tpl + i + 1, (int)(close - tpl - i - 1));          // a string parameter: the host copies it
            host_lookup(tpl + i + 1, (int)(close - tpl - i - 1), &value); // a string result: we own it
            piece = value.ptr;
            piece_len = value.len;
            i = (int)(close - tpl);
        }
        if (used + piece_len > cap) {
            cap = (used + piece_len) * 2;
            out = realloc(out, cap);
            if (!out) __builtin_trap();
        }
        memcpy(out + used, piece, piece_len);
        used += piece_len;
        free(value.ptr);
    }
    ret->ptr = out;
    ret->len = used;
}
