/* Shared internals of the module: the SHA-256 context and the wipe helper. */
#ifndef CFNATIVE_INTERNAL_H
#define CFNATIVE_INTERNAL_H

#include "cfnative.h"

#ifdef CF_SHA256_MBEDTLS
/* On the card the ESP32-S3 SHA peripheral is reached through the mbedTLS the nanoCLR links
 * (ESP-IDF builds mbedTLS with MBEDTLS_SHA256_ALT on the hardware accelerator). */
#include "mbedtls/sha256.h"
#include "mbedtls/version.h"
typedef struct {
    mbedtls_sha256_context ctx;
} cf_sha256_ctx;
#else
typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    uint64_t total;
    size_t used;
} cf_sha256_ctx;
#endif

void cf_sha256_init(cf_sha256_ctx *c);
void cf_sha256_update(cf_sha256_ctx *c, const uint8_t *data, size_t len);
void cf_sha256_final(cf_sha256_ctx *c, uint8_t out[32]);

/* FIPS 180-4 section 4.2.2's round constants, and the portable compression of nblocks blocks
 * (sha256.c): the reference the self-test holds the SHA-extension compression to. */
extern const uint32_t cf_sha256_k[64];
void cf_sha256_compress_portable(uint32_t h[8], const uint8_t *blocks, size_t nblocks);

/* The x86 SHA-extension compression (sha256_shani.c), on x86-64 desktop builds by GCC or Clang;
 * call it only when cf_sha256_shani_available() says the CPU has the instructions. Defining
 * CF_SHA256_NO_SHANI builds the portable code alone. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(CF_SHA256_NO_SHANI)
#define CF_SHA256_SHANI 1
int cf_sha256_shani_available(void);
void cf_sha256_compress_shani(uint32_t h[8], const uint8_t *blocks, size_t nblocks);
#endif

/* Scalars modulo n (modn.c): eight 32-bit little-endian limbs, always below n; constant time. */
typedef struct {
    uint32_t v[8];
} cf_sc;

/* Loads 32 big-endian bytes; returns 1 when the value is at or above n. */
uint32_t cf_sc_load(cf_sc *r, const uint8_t b[32]);
/* Loads 32 big-endian bytes reduced modulo n (hash outputs). */
void cf_sc_load_reduced(cf_sc *r, const uint8_t b[32]);
void cf_sc_store(uint8_t b[32], const cf_sc *a);
void cf_sc_add(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_sub(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_mul(cf_sc *r, const cf_sc *a, const cf_sc *b);
/* Montgomery's product r = a b R^-1 and the entry r = a R (R = 2^256), for loops that multiply
 * by the same factor many times: mont_mul(a R, b) = a b, and a sum of products taken as mont_mul
 * terms becomes the plain sum through one cf_sc_to_mont. */
void cf_sc_mont_mul(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_to_mont(cf_sc *r, const cf_sc *a);
/* r = a b 2^-256 mod n (Montgomery's product, modn.c): on 32-bit words (the card's, and the
 * reference) and, where the compiler has a 128-bit type and CF_MODN_32BIT_ONLY is not defined, on
 * 64-bit words (the desktop's); both give the same value. */
void cf_sc_mont_mul32(cf_sc *r, const cf_sc *a, const cf_sc *b);
#if defined(__SIZEOF_INT128__) && !defined(CF_MODN_32BIT_ONLY)
#define CF_MODN_64BIT 1
void cf_sc_mont_mul64(cf_sc *r, const cf_sc *a, const cf_sc *b);
#endif
/* r = a when bit is 1, 0 when bit is 0, by mask. */
void cf_sc_masked(cf_sc *r, const cf_sc *a, uint32_t bit);

/* GF(2^192) in six 32-bit words (gf192.c); products accumulate unreduced in twelve words. */
void cf_gf192_load(uint32_t e[6], const uint8_t *b);
void cf_gf192_store(uint8_t *b, const uint32_t e[6]);
/* acc ^= row * chal; constant time in row, chal is public. */
void cf_gf192_mul_acc_words(uint32_t acc[12], const uint32_t row[6], const uint32_t chal[6]);
void cf_gf192_reduce(uint32_t r[6], const uint32_t wide[12]);

/* Transposes an 8x8 bit block (byte i = row i, bit j = column j) (transpose.c). */
uint64_t cf_transpose8(uint64_t x);

/* Overwrites len bytes through a volatile pointer so the compiler keeps the stores. */
void cf_wipe(void *p, size_t len);

#endif
