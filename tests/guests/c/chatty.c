/*
 * chatty.wasm: a WASI reactor that writes to stdout and stderr through
 * wasi-libc's stdio (fd_write on fds 1 and 2), for the tests that route a
 * guest's output to ILogger. stdout is line-buffered by wasi-libc only when
 * it is a terminal, so every export flushes explicitly, and `say_partial`
 * leaves a line without its end for the host to flush when the lease ends.
 */
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>

/* Prints "<text> #<n>" once per line for n = 1..count, then returns count. */
BG_EXPORT("say")
int32_t say(const char *text, size_t len, int32_t count) {
    for (int32_t i = 1; i <= count; i++) {
        printf("%.*s #%d\n", (int)len, text, (int)i);
    }
    fflush(stdout);
    return count;
}

/* Writes a line to stderr. */
BG_EXPORT("complain")
void complain(const char *text, size_t len) {
    fprintf(stderr, "error: %.*s\n", (int)len, text);
    fflush(stderr);
}

/* Writes text to stdout without a line end, in two pieces. */
BG_EXPORT("say_partial")
void say_partial(const char *text, size_t len) {
    size_t half = len / 2;
    printf("%.*s", (int)half, text);
    fflush(stdout);
    printf("%.*s", (int)(len - half), text + half);
    fflush(stdout);
}
