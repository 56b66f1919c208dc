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
#endif

/* SHA-256 whose whole state is plain words and bytes (the module's own compression, never a
 * peripheral context): for a hash resumed from bytes its caller keeps between calls, and the
 * desktop's context. The bytes waiting in buf for a block are the last total % 64 absorbed. */
typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    uint64_t total;
} cf_sha256_words;

void cf_sha256_words_init(cf_sha256_words *c);
void cf_sha256_words_update(cf_sha256_words *c, const uint8_t *data, size_t len);
/* Writes the digest and wipes the state. */
void cf_sha256_words_final(cf_sha256_words *c, uint8_t out[32]);

#ifndef CF_SHA256_MBEDTLS
typedef cf_sha256_words cf_sha256_ctx;
#endif

void cf_sha256_init(cf_sha256_ctx *c);
void cf_sha256_update(cf_sha256_ctx *c, const uint8_t *data, size_t len);
void cf_sha256_final(cf_sha256_ctx *c, uint8_t out[32]);

/* Messages of at most 55 bytes, one padded block each (FIPS 180-4 section 5.1.1), for the row
 * loops: the caller keeps the block (message then cf_sha256_pad's padding) and rewrites only the
 * bytes that change between hashes; the result is the final state, whose words big-endian are the
 * digest (cf_sha256_store). cf_sha256_block2 hashes two such messages of the same length side by
 * side (the SHA-extension path interleaves them). With CF_SHA256_MBEDTLS the first len bytes go
 * through mbedTLS (the card's SHA peripheral) and the padding is not read. */
void cf_sha256_pad(uint8_t block[64], size_t len);
void cf_sha256_block(uint32_t h[8], const uint8_t block[64], size_t len);
void cf_sha256_block2(uint32_t ha[8], uint32_t hb[8], const uint8_t block_a[64], const uint8_t block_b[64],
                      size_t len);
void cf_sha256_store(uint8_t out[32], const uint32_t h[8]);

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
/* One block into each of two states, the two compressions interleaved. */
void cf_sha256_compress_shani_x2(uint32_t ha[8], uint32_t hb[8], const uint8_t block_a[64],
                                 const uint8_t block_b[64]);
#endif

/* Scalars modulo n (modn.c): eight 32-bit little-endian limbs, always below n; constant time. */
typedef struct {
    uint32_t v[8];
} cf_sc;

/* Loads 32 big-endian bytes; returns 1 when the value is at or above n. */
uint32_t cf_sc_load(cf_sc *r, const uint8_t b[32]);
/* Loads 32 big-endian bytes reduced modulo n (hash outputs). */
void cf_sc_load_reduced(cf_sc *r, const uint8_t b[32]);
/* The digest of a SHA-256 final state h reduced modulo n: cf_sc_load_reduced of cf_sha256_store(h)
 * without the bytes in between. */
void cf_sc_from_sha256(cf_sc *r, const uint32_t h[8]);
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
#if defined(__SIZEOF_INT128__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    !defined(CF_MODN_32BIT_ONLY)
#define CF_MODN_64BIT 1
void cf_sc_mont_mul64(cf_sc *r, const cf_sc *a, const cf_sc *b);
#endif
/* The sum, the negation (n - a, 0 for 0), the difference, the reduction of any 256-bit value below
 * 2n, the big-endian load (with its at-or-above-n flag) and store, and the digest of a SHA-256 state
 * reduced, on 32-bit words (the card's, and the reference) and, with CF_MODN_64BIT (little-endian
 * hosts with a 128-bit type), on 64-bit words (the desktop's, which every cf_sc_ function then uses:
 * a scalar's memory is then always written and read as 64-bit words); both give the same value, the
 * unique one below n, and the same bytes. */
void cf_sc_add32(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_negate32(cf_sc *r, const cf_sc *a);
void cf_sc_sub32(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_reduce32(cf_sc *r, const cf_sc *a);
uint32_t cf_sc_load32(cf_sc *r, const uint8_t b[32]);
void cf_sc_store32(uint8_t b[32], const cf_sc *a);
void cf_sc_from_sha256_32(cf_sc *r, const uint32_t h[8]);
#ifdef CF_MODN_64BIT
void cf_sc_add64(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_negate64(cf_sc *r, const cf_sc *a);
void cf_sc_sub64(cf_sc *r, const cf_sc *a, const cf_sc *b);
void cf_sc_reduce64(cf_sc *r, const cf_sc *a);
uint32_t cf_sc_load64(cf_sc *r, const uint8_t b[32]);
void cf_sc_store64(uint8_t b[32], const cf_sc *a);
void cf_sc_from_sha256_64(cf_sc *r, const uint32_t h[8]);
#endif
/* r = a when bit is 1, 0 when bit is 0, by mask. */
void cf_sc_masked(cf_sc *r, const cf_sc *a, uint32_t bit);

/* GF(2^192) in six 32-bit words (gf192.c); products accumulate unreduced in twelve words. */
void cf_gf192_load(uint32_t e[6], const uint8_t *b);
void cf_gf192_store(uint8_t *b, const uint32_t e[6]);
/* acc ^= row * chal; constant time in row, chal is public. The carry-less-multiply product
 * (gf192_pclmul.c) when the build has it and CPUID reports it, else the portable comb. */
void cf_gf192_mul_acc_words(uint32_t acc[12], const uint32_t row[6], const uint32_t chal[6]);
/* The portable comb: the card's product and the reference for the carry-less one. */
void cf_gf192_mul_acc_words_portable(uint32_t acc[12], const uint32_t row[6], const uint32_t chal[6]);
/* The x86 carry-less-multiply product (gf192_pclmul.c), on x86-64 desktop builds by GCC or Clang;
 * call it only when cf_gf192_pclmul_available() says the CPU has PCLMULQDQ. Defining
 * CF_GF192_NO_PCLMUL builds the portable code alone. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(CF_GF192_NO_PCLMUL)
#define CF_GF192_PCLMUL 1
int cf_gf192_pclmul_available(void);
void cf_gf192_mul_acc_words_pclmul(uint32_t acc[12], const uint32_t row[6], const uint32_t chal[6]);
#else
/* Without the carry-less multiply (the card) the comb is called directly, with no choice to make. */
#define cf_gf192_mul_acc_words cf_gf192_mul_acc_words_portable
#endif
void cf_gf192_reduce(uint32_t r[6], const uint32_t wide[12]);

/* The desktop library keeps Alice's 416 x 3 RVOLE pads (39,936 bytes on the stack, wiped) between her
 * two passes instead of hashing the rows again (rvole.c); the card, with no room for them, hashes
 * again, and so does a desktop build with CF_RVOLE_REHASH_PADS. cf_rvole_alice_rehashing is the
 * card's way on the desktop, for the fast-path check. */
#if defined(CF_BUILD_SHARED) && !defined(CF_RVOLE_REHASH_PADS)
#define CF_RVOLE_KEEP_PADS 1
int cf_rvole_alice_rehashing(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                             const uint8_t *bob_message, const uint8_t inputs[96], uint8_t *work,
                             uint8_t *message, uint8_t shares[64]);
#endif

/* The RVOLE gadgets g_j = SHA-256(4 || j (4, BE)) mod n for j = 256 .. 415 (gadgets.c); g_j = 2^j below. */
#define CF_RVOLE_HASHED_GADGETS 160
extern const cf_sc cf_rvole_gadgets[CF_RVOLE_HASHED_GADGETS];

/* cf_point_multi_mul_var by libsecp256k1's constant-time operations alone (curve.c): the reference the
 * fast-path check holds the recovery path to, on builds that have it. */
#ifdef CF_SECP256K1_RECOVERY
int cf_point_multi_mul_var_ct(const uint8_t a[32], const uint8_t b[32], const uint8_t *point, size_t point_len,
                              uint8_t out[33]);
#endif

/* Transposes an 8x8 bit block (byte i = row i, bit j = column j) (transpose.c). */
uint64_t cf_transpose8(uint64_t x);

/* Overwrites len bytes so that the compiler keeps the stores (wipe.c). With GCC or Clang it is
 * inline: memset, then an empty asm that claims to read the memory (the idiom of BoringSSL's
 * OPENSSL_cleanse), so a fixed-size wipe of a small temporary costs a few stores, not a call. */
#if defined(__GNUC__) || defined(__clang__)
#include <string.h>
static inline void cf_wipe(void *p, size_t len)
{
    memset(p, 0, len);
    __asm__ __volatile__("" : : "r"(p) : "memory");
}
#else
void cf_wipe(void *p, size_t len);
#endif

#endif
