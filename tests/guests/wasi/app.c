/*
 * A WASI preview-1 program (wasi-libc) with canonical-ABI exports written by
 * hand, as wit-bindgen's C output would lower app.wit: flattened parameters,
 * results spilled behind a static return area, cabi_realloc, cabi_post_*.
 * It prints, reads the environment and arguments, opens a file under a
 * preopened directory, and uses the clocks and the random source: everything
 * through wasi_snapshot_preview1, which the adapter turns into WASI 0.2.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define APP(name) EXPORT("local:wasi-demo/app@1.0.0#" name)
#define POST(name) EXPORT("cabi_post_local:wasi-demo/app@1.0.0#" name)

typedef struct { char *ptr; uint32_t len; } str_t;

static uint32_t ret_area[4];

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size) {
    (void)old_size;
    if (size == 0) return (void *)align;
    void *ptr = realloc(old, size);
    if (ptr == NULL) abort();
    return ptr;
}

/* Argument memory is the callee's; a zero-length block is cabi_realloc's alignment, never malloc's. */
static void release(void *ptr, uint32_t len) { if (len != 0) free(ptr); }

static str_t copy_str(const char *text, size_t len) {
    str_t s = { malloc(len ? len : 1), (uint32_t)len };
    if (s.ptr == NULL) abort();
    memcpy(s.ptr, text, len);
    return s;
}

static char *c_string(const char *ptr, uint32_t len) {
    char *s = malloc(len + 1u);
    if (s == NULL) abort();
    memcpy(s, ptr, len);
    s[len] = 0;
    return s;
}

APP("greet")
uint32_t *greet(char *name, uint32_t len) {
    char *text = malloc(len + 9u);
    if (text == NULL) abort();
    int n = sprintf(text, "Hello, %.*s!", (int)len, name);
    printf("%s\n", text);
    fflush(stdout);
    release(name, len);
    ret_area[0] = (uint32_t)(uintptr_t)text;
    ret_area[1] = (uint32_t)n;
    return ret_area;
}

POST("greet")
void post_greet(uint32_t *area) { free((void *)(uintptr_t)area[0]); }

APP("env")
uint32_t *env(char *name, uint32_t len) {
    char *key = c_string(name, len);
    release(name, len);
    const char *value = getenv(key);
    free(key);
    ret_area[0] = value != NULL;
    if (value != NULL) {
        str_t s = copy_str(value, strlen(value));
        ret_area[1] = (uint32_t)(uintptr_t)s.ptr;
        ret_area[2] = s.len;
    }
    return ret_area;
}

POST("env")
void post_env(uint32_t *area) { if (area[0]) free((void *)(uintptr_t)area[1]); }

/* wasi-libc keeps the arguments for main; a reactor asks for them itself. */
static char **read_args(size_t *count) {
    size_t size = 0;
    if (__wasi_args_sizes_get(count, &size) != 0) abort();
    char **argv = malloc((*count + 1) * sizeof(char *));
    char *buf = malloc(size ? size : 1);
    if (argv == NULL || buf == NULL) abort();
    if (__wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != 0) abort();
    argv[*count] = buf; /* kept after the arguments, to be freed */
    return argv;
}

APP("args")
uint32_t *args(void) {
    size_t count = 0;
    char **argv = read_args(&count);
    str_t *list = malloc((count ? count : 1) * sizeof(str_t));
    if (list == NULL) abort();
    for (size_t i = 0; i < count; i++) list[i] = copy_str(argv[i], strlen(argv[i]));
    free(argv[count]);
    free(argv);
    ret_area[0] = (uint32_t)(uintptr_t)list;
    ret_area[1] = (uint32_t)count;
    return ret_area;
}

POST("args")
void post_args(uint32_t *area) {
    str_t *list = (str_t *)(uintptr_t)area[0];
    for (uint32_t i = 0; i < area[1]; i++) free(list[i].ptr);
    free(list);
}

APP("read-file")
uint32_t *read_file(char *path, uint32_t len) {
    char *name = c_string(path, len);
    release(path, len);
    FILE *f = fopen(name, "rb");
    free(name);
    str_t s;
    if (f == NULL) {
        const char *message = strerror(errno);
        s = copy_str(message, strlen(message));
        ret_area[0] = 1;
    } else {
        char *buf = NULL;
        size_t used = 0, got;
        char chunk[512];
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
            buf = realloc(buf, used + got);
            if (buf == NULL) abort();
            memcpy(buf + used, chunk, got);
            used += got;
        }
        fclose(f);
        s.ptr = buf != NULL ? buf : malloc(1);
        s.len = (uint32_t)used;
        ret_area[0] = 0;
    }
    ret_area[1] = (uint32_t)(uintptr_t)s.ptr;
    ret_area[2] = s.len;
    return ret_area;
}

POST("read-file")
void post_read_file(uint32_t *area) { free((void *)(uintptr_t)area[1]); }

static void error_text(void) {
    const char *message = strerror(errno);
    str_t s = copy_str(message, strlen(message));
    ret_area[0] = 1;
    ret_area[1] = (uint32_t)(uintptr_t)s.ptr;
    ret_area[2] = s.len;
}

APP("write-file")
uint32_t *write_file(char *path, uint32_t len, char *text, uint32_t text_len) {
    char *name = c_string(path, len);
    release(path, len);
    FILE *f = fopen(name, "wb");
    free(name);
    if (f == NULL) {
        error_text();
    } else {
        size_t written = fwrite(text, 1, text_len, f);
        if (fclose(f) != 0) {
            error_text();
        } else {
            ret_area[0] = 0;
            ret_area[1] = (uint32_t)written;
        }
    }
    release(text, text_len);
    return ret_area;
}

POST("write-file")
void post_write_file(uint32_t *area) { if (area[0] == 1) free((void *)(uintptr_t)area[1]); }

static int by_name(const void *a, const void *b) {
    const str_t *x = a, *y = b;
    uint32_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->ptr, y->ptr, n);
    return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

APP("list-dir")
uint32_t *list_dir(char *path, uint32_t len) {
    char *name = c_string(path, len);
    release(path, len);
    DIR *dir = opendir(name);
    free(name);
    if (dir == NULL) {
        error_text();
        return ret_area;
    }
    str_t *list = NULL;
    uint32_t count = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        list = realloc(list, (count + 1) * sizeof(str_t));
        if (list == NULL) abort();
        list[count++] = copy_str(entry->d_name, strlen(entry->d_name));
    }
    closedir(dir);
    if (count > 1) qsort(list, count, sizeof(str_t), by_name);
    ret_area[0] = 0;
    ret_area[1] = (uint32_t)(uintptr_t)(list != NULL ? list : malloc(1));
    ret_area[2] = count;
    return ret_area;
}

POST("list-dir")
void post_list_dir(uint32_t *area) {
    if (area[0] == 1) {
        free((void *)(uintptr_t)area[1]);
        return;
    }
    str_t *list = (str_t *)(uintptr_t)area[1];
    for (uint32_t i = 0; i < area[2]; i++) free(list[i].ptr);
    free(list);
}

APP("write-stdout")
uint32_t write_stdout(uint8_t *data, uint32_t len) {
    size_t written = fwrite(data, 1, len, stdout);
    fflush(stdout);
    release(data, len);
    return (uint32_t)written;
}

APP("warn")
void warn(char *text, uint32_t len) {
    fprintf(stderr, "%.*s\n", (int)len, text);
    release(text, len);
}

APP("wall-seconds")
uint64_t wall_seconds(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0) abort();
    return (uint64_t)ts.tv_sec;
}

APP("monotonic-increases")
uint32_t monotonic_increases(void) {
    struct timespec a, b;
    if (clock_gettime(CLOCK_MONOTONIC, &a) != 0) abort();
    volatile uint32_t spin = 0;
    for (uint32_t i = 0; i < 100000; i++) spin = spin + i;
    (void)spin;
    if (clock_gettime(CLOCK_MONOTONIC, &b) != 0) abort();
    return b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec > a.tv_nsec);
}

APP("random-distinct")
uint32_t random_distinct(uint32_t n) {
    uint8_t seen[256] = {0};
    uint32_t distinct = 0;
    uint8_t buf[256];
    while (n > 0) {
        uint32_t chunk = n < sizeof buf ? n : sizeof buf;
        if (getentropy(buf, chunk) != 0) abort();
        for (uint32_t i = 0; i < chunk; i++) if (!seen[buf[i]]++) distinct++;
        n -= chunk;
    }
    return distinct;
}

APP("add")
uint32_t add(uint32_t a, uint32_t b) { return a + b; }
