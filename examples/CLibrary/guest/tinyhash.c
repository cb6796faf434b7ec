/*
 * tinyhash: a small hashing library written the way C libraries are, with
 * nothing in it that knows about .NET. examples/CLibrary binds it.
 *
 *   SHA-256 (FIPS 180-4), streaming: th_sha256_new / _update / _final / _free,
 *     each stream an opaque integer handle, plus a one-shot th_sha256.
 *   CRC-32 with caller-chosen parameters passed by pointer (th_crc32), so one
 *     function covers CRC-32 (zip, PNG) and CRC-32C (iSCSI, ext4).
 *   th_version and th_strerror return static C strings.
 *
 * Errors are negative return codes; th_strerror names them. Buffers the
 * library fills are the caller's, with their capacity: (uint8_t *out, size_t cap).
 *
 * The only things a host binding needs beyond the functions are the exports
 * every C-convention guest has: memory, malloc and free.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TH_API(name) __attribute__((export_name(name)))

enum {
    TH_OK = 0,
    TH_EBADHANDLE = -1, /* not a handle th_sha256_new returned, or freed */
    TH_EFINISHED = -2,  /* th_sha256_update after th_sha256_final */
    TH_ETOOSMALL = -3,  /* the output buffer is smaller than the result */
    TH_ENOMEM = -4,     /* no free handle, or malloc failed */
    TH_EINVAL = -5,     /* a parameter is out of range */
};

/* The allocator the host uses to pass buffers in (docs/abi.md). */
TH_API("malloc") void *th_malloc(size_t size) { return malloc(size); }
TH_API("free") void th_free(void *ptr) { free(ptr); }

TH_API("th_version")
const char *th_version(void) { return "tinyhash 1.0.0"; }

TH_API("th_strerror")
const char *th_strerror(int code) {
    switch (code) {
    case TH_OK: return "no error";
    case TH_EBADHANDLE: return "not a live hash handle";
    case TH_EFINISHED: return "the hash is already finished";
    case TH_ETOOSMALL: return "the output buffer is too small";
    case TH_ENOMEM: return "out of memory or handles";
    case TH_EINVAL: return "invalid parameter";
    default: return "unknown error";
    }
}

/* ---- SHA-256 ---------------------------------------------------------- */

/* The context holds fixed-size arrays, so the host never sees it: it holds a
 * handle, an index into this table (plus one, so 0 is never a handle). */
typedef struct {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    uint8_t block[64];
    uint32_t buffered; /* bytes waiting in block */
    int finished;
    uint8_t digest[32];
} sha256_ctx;

#define TH_MAX_HANDLES 16
static sha256_ctx *handles[TH_MAX_HANDLES];

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_init(sha256_ctx *c) {
    static const uint32_t initial[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };
    memset(c, 0, sizeof(*c));
    memcpy(c->state, initial, sizeof(initial));
}

/* One 64-byte block through the compression function (FIPS 180-4, 6.2.2). */
static void sha256_block(uint32_t state[8], const uint8_t *p) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
    }
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

static void sha256_update(sha256_ctx *c, const uint8_t *data, size_t len) {
    c->length += len;
    if (c->buffered > 0) {
        size_t take = 64 - c->buffered < len ? 64 - c->buffered : len;
        memcpy(c->block + c->buffered, data, take);
        c->buffered += (uint32_t)take;
        data += take;
        len -= take;
        if (c->buffered < 64) return;
        sha256_block(c->state, c->block);
        c->buffered = 0;
    }
    for (; len >= 64; data += 64, len -= 64) sha256_block(c->state, data);
    memcpy(c->block, data, len);
    c->buffered = (uint32_t)len;
}

/* Pads with 0x80, zeros and the bit length (FIPS 180-4, 5.1.1), then writes the state big-endian. */
static void sha256_final(sha256_ctx *c, uint8_t digest[32]) {
    uint64_t bits = c->length * 8;
    c->block[c->buffered++] = 0x80;
    if (c->buffered > 56) {
        memset(c->block + c->buffered, 0, 64 - c->buffered);
        sha256_block(c->state, c->block);
        c->buffered = 0;
    }
    memset(c->block + c->buffered, 0, 56 - c->buffered);
    for (int i = 0; i < 8; i++) c->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha256_block(c->state, c->block);
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(c->state[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(c->state[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(c->state[i] >> 8);
        digest[4 * i + 3] = (uint8_t)c->state[i];
    }
}

static sha256_ctx *lookup(int handle) {
    if (handle < 1 || handle > TH_MAX_HANDLES) return NULL;
    return handles[handle - 1];
}

/* Returns a handle (> 0), or TH_ENOMEM. */
TH_API("th_sha256_new")
int th_sha256_new(void) {
    for (int i = 0; i < TH_MAX_HANDLES; i++) {
        if (handles[i] == NULL) {
            sha256_ctx *c = malloc(sizeof(sha256_ctx));
            if (c == NULL) return TH_ENOMEM;
            sha256_init(c);
            handles[i] = c;
            return i + 1;
        }
    }
    return TH_ENOMEM;
}

TH_API("th_sha256_update")
int th_sha256_update(int handle, const uint8_t *data, size_t len) {
    sha256_ctx *c = lookup(handle);
    if (c == NULL) return TH_EBADHANDLE;
    if (c->finished) return TH_EFINISHED;
    sha256_update(c, data, len);
    return TH_OK;
}

/* Finishes the hash (once; later calls return the same digest) and copies the 32-byte digest into out. */
TH_API("th_sha256_final")
int th_sha256_final(int handle, uint8_t *out, size_t cap) {
    sha256_ctx *c = lookup(handle);
    if (c == NULL) return TH_EBADHANDLE;
    if (cap < 32) return TH_ETOOSMALL;
    if (!c->finished) {
        sha256_final(c, c->digest);
        c->finished = 1;
    }
    memcpy(out, c->digest, 32);
    return TH_OK;
}

/* Writes the finished digest as 64 lowercase hex digits and a NUL, so cap must be at least 65. */
TH_API("th_sha256_hex")
int th_sha256_hex(int handle, char *out, size_t cap) {
    static const char digits[] = "0123456789abcdef";
    uint8_t digest[32];
    int status = th_sha256_final(handle, digest, sizeof(digest));
    if (status != TH_OK) return status;
    if (cap < 65) return TH_ETOOSMALL;
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 15];
    }
    out[64] = '\0';
    return TH_OK;
}

/* What a stream has seen so far: filled in by th_sha256_stats through a caller's struct. */
typedef struct {
    uint64_t bytes; /* bytes passed to th_sha256_update */
    uint32_t blocks; /* whole 64-byte blocks among them */
    uint32_t finished; /* 1 once th_sha256_final ran */
} th_stats;

_Static_assert(sizeof(th_stats) == 16, "th_stats layout: bytes at 0, blocks at 8, finished at 12");

TH_API("th_sha256_stats")
int th_sha256_stats(int handle, th_stats *out) {
    sha256_ctx *c = lookup(handle);
    if (c == NULL) return TH_EBADHANDLE;
    out->bytes = c->length;
    out->blocks = (uint32_t)(c->length / 64);
    out->finished = (uint32_t)c->finished;
    return TH_OK;
}

TH_API("th_sha256_free")
int th_sha256_free(int handle) {
    sha256_ctx *c = lookup(handle);
    if (c == NULL) return TH_EBADHANDLE;
    free(c);
    handles[handle - 1] = NULL;
    return TH_OK;
}

/* One call: the digest of data into out (cap >= 32). */
TH_API("th_sha256")
int th_sha256(const uint8_t *data, size_t len, uint8_t *out, size_t cap) {
    if (cap < 32) return TH_ETOOSMALL;
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, data, len);
    sha256_final(&c, out);
    return TH_OK;
}

/* ---- CRC-32 ----------------------------------------------------------- */

/* A reflected CRC-32's parameters, as catalogues of CRCs list them. */
typedef struct {
    uint32_t polynomial; /* reversed: 0xEDB88320 for CRC-32, 0x82F63B78 for CRC-32C */
    uint32_t init;
    uint32_t xor_out;
} th_crc_params;

/* Bit by bit: slower than a table, but the parameters can be anything. */
TH_API("th_crc32")
uint32_t th_crc32(const th_crc_params *params, const uint8_t *data, size_t len) {
    uint32_t crc = params->init;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (params->polynomial & (0u - (crc & 1)));
    }
    return crc ^ params->xor_out;
}
