/*
 * reactor.wasm: a WASI reactor (clang -mexec-model=reactor). wasi-libc's
 * reactor startup exports `_initialize`, which runs the C constructors; the
 * host must call it once before any other export. Until it has run, the
 * exports below answer wrongly (zeros and an empty string), which is what
 * the initialization tests detect.
 *
 * The constructor reads the environment variable BINDGEN_GREETING through
 * wasi-libc's getenv, so the module imports WASI functions and must be
 * instantiated through a linker with WASI defined.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int32_t squares[16];
static char greeting[64];
static uint32_t greeting_len;
static int32_t constructions;

__attribute__((constructor)) static void construct(void) {
    for (int32_t i = 0; i < 16; i++) {
        squares[i] = i * i;
    }
    const char *who = getenv("BINDGEN_GREETING");
    if (who == NULL) {
        who = "world";
    }
    size_t len = strlen(who);
    if (len > sizeof greeting - 7) {
        len = sizeof greeting - 7;
    }
    memcpy(greeting, "Hello, ", 7);
    memcpy(greeting + 7, who, len);
    greeting_len = (uint32_t)(7 + len);
    constructions++;
}

/* i * i for 0 <= i < 16, from a table the constructor fills. */
BG_EXPORT("square_of")
int32_t square_of(int32_t i) { return squares[i & 15]; }

/* "Hello, <BINDGEN_GREETING>", built by the constructor. */
BG_EXPORT("greeting")
void greeting_export(bg_buffer *ret) {
    uint8_t *out = bg_alloc_result(greeting_len);
    if (greeting_len != 0) {
        memcpy(out, greeting, greeting_len);
    }
    bg_set_result(ret, out, greeting_len);
}

/* How many times the constructors have run: 1 after a correct start. */
BG_EXPORT("constructions")
int32_t constructions_export(void) { return constructions; }
