// The Quickstart guest: a tiny text library following Bindgen's C convention (docs/abi.md).
#include <stdlib.h>
#include <string.h>

// A string or byte[] result: the host passes an 8-byte return area; we store (ptr, len) there.
typedef struct { char *ptr; int len; } result_t;

__attribute__((export_name("malloc"))) void *guest_malloc(size_t size) { return malloc(size); }
__attribute__((export_name("free"))) void guest_free(void *ptr) { free(ptr); }

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

__attribute__((export_name("word_count")))
int word_count(const char *text, int len) {
    int words = 0, in_word = 0;
    for (int i = 0; i < len; i++) {
        if (is_space(text[i])) in_word = 0;
        else if (!in_word) { in_word = 1; words++; }
    }
    return words;
}

__attribute__((export_name("greet")))
void greet(const char *name, int len, result_t *ret) {
    static const char prefix[] = "Hello, ";
    int total = (int)sizeof(prefix) - 1 + len + 1;
    char *out = malloc(total);
    if (!out) __builtin_trap();
    memcpy(out, prefix, sizeof(prefix) - 1);
    memcpy(out + sizeof(prefix) - 1, name, len);
    out[total - 1] = '!';
    ret->ptr = out;
    ret->len = total;
}

__attribute__((export_name("checksum")))
unsigned checksum(const unsigned char *data, int len) {
    unsigned hash = 2166136261u;  // FNV-1a
    for (int i = 0; i < len; i++) hash = (hash ^ data[i]) * 16777619u;
    return hash;
}
