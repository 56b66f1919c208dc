/*
 * SHA-256 (FIPS 180-4 section 6.2) and the batch entry points built on it. With CF_SHA256_MBEDTLS
 * the context forwards to mbedTLS (the S3 SHA peripheral on the card); the raw compression entry
 * point always uses the module's own compression, since mbedTLS exposes no state-in/state-out
 * compression. The module's compression is the portable C below or, on an x86-64 desktop whose CPU
 * has the SHA extensions, sha256_shani.c; the choice is CPUID's (public), made on each call from
 * the flags the C runtime read at load time.
 */
#include "internal.h"

#include <string.h>

const uint32_t cf_sha256_k[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void compress_portable(uint32_t h[8], const uint8_t *block)
{
    uint32_t w[64];
    uint32_t a, b, c, d, e, f, g, hh;
    int t;
    for (t = 0; t < 16; t++) {
        w[t] = ((uint32_t)block[4 * t] << 24) | ((uint32_t)block[4 * t + 1] << 16) |
               ((uint32_t)block[4 * t + 2] << 8) | (uint32_t)block[4 * t + 3];
    }
    for (t = 16; t < 64; t++) {
        uint32_t s0 = ROTR(w[t - 15], 7) ^ ROTR(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ROTR(w[t - 2], 17) ^ ROTR(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3]; e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (t = 0; t < 64; t++) {
        uint32_t t1 = hh + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + cf_sha256_k[t] + w[t];
        uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    cf_wipe(w, sizeof w);
}

void cf_sha256_compress_portable(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
    size_t i;
    for (i = 0; i < nblocks; i++) {
        compress_portable(h, blocks + 64 * i);
    }
}

static void compress(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
#ifdef CF_SHA256_SHANI
    if (cf_sha256_shani_available()) {
        cf_sha256_compress_shani(h, blocks, nblocks);
        return;
    }
#endif
    cf_sha256_compress_portable(h, blocks, nblocks);
}

int cf_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t nblocks)
{
    compress(state, blocks, nblocks);
    return CF_OK;
}

static const uint32_t H0[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                               0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};

/* The digest: the state words big-endian (FIPS 180-4 section 6.2.2, step 4). */
static void store_digest(uint8_t out[32], const uint32_t h[8])
{
    int i;
    for (i = 0; i < 8; i++) {
        const uint32_t w = h[i]; /* read once: out may alias h, and the four stores then merge */
        out[4 * i] = (uint8_t)(w >> 24);
        out[4 * i + 1] = (uint8_t)(w >> 16);
        out[4 * i + 2] = (uint8_t)(w >> 8);
        out[4 * i + 3] = (uint8_t)w;
    }
}

void cf_sha256_store(uint8_t out[32], const uint32_t h[8])
{
    store_digest(out, h);
}

/* FIPS 180-4 section 5.1.1 for a message of len <= 55 bytes: 0x80, zeros, the bit length in the
 * last eight bytes. */
void cf_sha256_pad(uint8_t block[64], size_t len)
{
    uint64_t bits = (uint64_t)len * 8u;
    int i;
    block[len] = 0x80;
    memset(block + len + 1, 0, 55 - len);
    for (i = 0; i < 8; i++) {
        block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    }
}

#ifdef CF_SHA256_MBEDTLS

/* The card: the message through mbedTLS, its digest read back as state words. */
void cf_sha256_block(uint32_t h[8], const uint8_t block[64], size_t len)
{
    uint8_t digest[32];
    int i;
    cf_sha256(block, len, digest);
    for (i = 0; i < 8; i++) {
        h[i] = ((uint32_t)digest[4 * i] << 24) | ((uint32_t)digest[4 * i + 1] << 16) |
               ((uint32_t)digest[4 * i + 2] << 8) | (uint32_t)digest[4 * i + 3];
    }
    cf_wipe(digest, sizeof digest);
}

void cf_sha256_block2(uint32_t ha[8], uint32_t hb[8], const uint8_t block_a[64], const uint8_t block_b[64],
                      size_t len)
{
    cf_sha256_block(ha, block_a, len);
    cf_sha256_block(hb, block_b, len);
}

#else

void cf_sha256_block(uint32_t h[8], const uint8_t block[64], size_t len)
{
    (void)len; /* the padding in the block says it */
    memcpy(h, H0, sizeof H0);
    compress(h, block, 1);
}

void cf_sha256_block2(uint32_t ha[8], uint32_t hb[8], const uint8_t block_a[64], const uint8_t block_b[64],
                      size_t len)
{
    (void)len;
    memcpy(ha, H0, sizeof H0);
    memcpy(hb, H0, sizeof H0);
#ifdef CF_SHA256_SHANI
    if (cf_sha256_shani_available()) {
        cf_sha256_compress_shani_x2(ha, hb, block_a, block_b);
        return;
    }
#endif
    cf_sha256_compress_portable(ha, block_a, 1);
    cf_sha256_compress_portable(hb, block_b, 1);
}

#endif

#ifdef CF_SHA256_MBEDTLS

/* mbedTLS 3 (ESP-IDF 5) names the int-returning calls without the _ret suffix that 2.x used. */
#if MBEDTLS_VERSION_MAJOR >= 3
#define CF_MBED_STARTS mbedtls_sha256_starts
#define CF_MBED_UPDATE mbedtls_sha256_update
#define CF_MBED_FINISH mbedtls_sha256_finish
#else
#define CF_MBED_STARTS mbedtls_sha256_starts_ret
#define CF_MBED_UPDATE mbedtls_sha256_update_ret
#define CF_MBED_FINISH mbedtls_sha256_finish_ret
#endif

/* With a valid context and buffers these calls cannot fail (the ALT driver falls back to software
 * when the peripheral is busy), so their results are not checked. */
void cf_sha256_init(cf_sha256_ctx *c)
{
    mbedtls_sha256_init(&c->ctx);
    (void)CF_MBED_STARTS(&c->ctx, 0);
}

void cf_sha256_update(cf_sha256_ctx *c, const uint8_t *data, size_t len)
{
    (void)CF_MBED_UPDATE(&c->ctx, data, len);
}

void cf_sha256_final(cf_sha256_ctx *c, uint8_t out[32])
{
    (void)CF_MBED_FINISH(&c->ctx, out);
    mbedtls_sha256_free(&c->ctx);
}

#else

void cf_sha256_init(cf_sha256_ctx *c)
{
    cf_sha256_words_init(c);
}

void cf_sha256_update(cf_sha256_ctx *c, const uint8_t *data, size_t len)
{
    cf_sha256_words_update(c, data, len);
}

void cf_sha256_final(cf_sha256_ctx *c, uint8_t out[32])
{
    cf_sha256_words_final(c, out);
}

#endif

void cf_sha256_words_init(cf_sha256_words *c)
{
    memcpy(c->h, H0, sizeof H0);
    c->total = 0;
}

void cf_sha256_words_update(cf_sha256_words *c, const uint8_t *data, size_t len)
{
    size_t used = (size_t)(c->total % 64);
    if (len == 0) {
        return; /* data may be NULL for an empty range */
    }
    c->total += len;
    if (used > 0) {
        size_t take = 64 - used < len ? 64 - used : len;
        memcpy(c->buf + used, data, take);
        data += take;
        len -= take;
        if (used + take < 64) {
            return;
        }
        compress(c->h, c->buf, 1);
    }
    if (len >= 64) {
        compress(c->h, data, len / 64);
        data += len - len % 64;
        len %= 64;
    }
    memcpy(c->buf, data, len);
}

void cf_sha256_words_final(cf_sha256_words *c, uint8_t out[32])
{
    size_t used = (size_t)(c->total % 64);
    uint64_t bits = c->total * 8u;
    int i;
    c->buf[used++] = 0x80;
    if (used > 56) {
        memset(c->buf + used, 0, 64 - used);
        compress(c->h, c->buf, 1);
        used = 0;
    }
    memset(c->buf + used, 0, 56 - used);
    for (i = 0; i < 8; i++) {
        c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    }
    compress(c->h, c->buf, 1);
    store_digest(out, c->h);
    cf_wipe(c, sizeof *c);
}

int cf_sha256(const uint8_t *data, size_t len, uint8_t out[32])
{
    cf_sha256_ctx c;
#ifndef CF_SHA256_MBEDTLS
    /* Up to 55 bytes the padded message is one block (FIPS 180-4 section 5.1.1): build it and
     * compress once, without the streaming context. */
    if (len <= 55) {
        uint8_t block[64];
        if (len > 0) {
            memcpy(block, data, len);
        }
        cf_sha256_pad(block, len);
        cf_sha256_block(c.h, block, len);
        store_digest(out, c.h);
        cf_wipe(block, sizeof block);
        cf_wipe(c.h, sizeof c.h);
        return CF_OK;
    }
#endif
    cf_sha256_init(&c);
    cf_sha256_update(&c, data, len);
    cf_sha256_final(&c, out);
    return CF_OK;
}

int cf_sha256_many(const uint8_t *messages, size_t len, size_t count, uint8_t *out)
{
    size_t i;
    for (i = 0; i < count; i++) {
        cf_sha256(messages + len * i, len, out + 32 * i);
    }
    return CF_OK;
}

int cf_sha256_expand(const uint8_t *prefix, size_t prefix_len, uint8_t *out, size_t out_len)
{
    uint8_t block[32];
    uint8_t counter;
    size_t done = 0;
    unsigned c;
    if (out_len > 256u * 32u) {
        return CF_ERR_ARGUMENT;
    }
    for (c = 0; done < out_len; c++) {
        cf_sha256_ctx ctx;
        size_t take = out_len - done < 32 ? out_len - done : 32;
        counter = (uint8_t)c;
        cf_sha256_init(&ctx);
        cf_sha256_update(&ctx, prefix, prefix_len);
        cf_sha256_update(&ctx, &counter, 1);
        cf_sha256_final(&ctx, block);
        memcpy(out + done, block, take);
        done += take;
    }
    cf_wipe(block, sizeof block);
    return CF_OK;
}

int cf_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len, uint8_t out[32])
{
    uint8_t k[64];
    uint8_t pad[64];
    uint8_t inner[32];
    cf_sha256_ctx c;
    int i;
    memset(k, 0, sizeof k);
    if (key_len > 64) {
        cf_sha256(key, key_len, k);
    } else if (key_len > 0) {
        memcpy(k, key, key_len);
    }
    for (i = 0; i < 64; i++) {
        pad[i] = (uint8_t)(k[i] ^ 0x36);
    }
    cf_sha256_init(&c);
    cf_sha256_update(&c, pad, 64);
    cf_sha256_update(&c, data, len);
    cf_sha256_final(&c, inner);
    for (i = 0; i < 64; i++) {
        pad[i] = (uint8_t)(k[i] ^ 0x5c);
    }
    cf_sha256_init(&c);
    cf_sha256_update(&c, pad, 64);
    cf_sha256_update(&c, inner, 32);
    cf_sha256_final(&c, out);
    cf_wipe(k, sizeof k);
    cf_wipe(pad, sizeof pad);
    cf_wipe(inner, sizeof inner);
    return CF_OK;
}
