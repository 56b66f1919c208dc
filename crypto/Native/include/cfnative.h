/*
 * cfnative: the card's native arithmetic module (issue 14, DESIGN.md "Speed on the card").
 *
 * One C source tree for the card (nanoFramework interop, linked into the ESP32-S3 nanoCLR image)
 * and the desktop (a shared library reached by P/Invoke). Every entry point works on a batch so a
 * protocol round makes few managed-to-native calls.
 *
 * Conventions for every function:
 *  - Scalars are 32-byte big-endian integers; inputs must be below the secp256k1 group order n
 *    (else CF_ERR_ENCODING). Vectors of scalars are count * 32 contiguous bytes.
 *  - Points are SEC 1 compressed (33) or uncompressed (65) bytes, fully validated; point results
 *    are 33-byte compressed encodings.
 *  - Outputs are caller-owned, exactly sized, and must not alias inputs unless stated.
 *  - No heap, no globals written after cf_init, no I/O.
 * Security: functions are constant time in secret inputs; names ending in _var take public data only.
 */
#ifndef CFNATIVE_H
#define CFNATIVE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(CF_BUILD_SHARED)
#define CF_API __declspec(dllexport)
#elif defined(CF_BUILD_SHARED)
#define CF_API __attribute__((visibility("default")))
#else
#define CF_API
#endif

/* Result codes; the managed wrappers map them to CryptoError values. */
#define CF_OK 0
#define CF_ERR_ENCODING 1 /* a scalar at or above n, or a malformed point encoding */
#define CF_ERR_ZERO 2     /* a zero scalar where a non-zero one is required */
#define CF_ERR_POINT 3    /* a point off the curve, or a result at infinity */
#define CF_ERR_ARGUMENT 4 /* a length or count outside the documented range */
#define CF_ERR_STATE 5    /* the curve context could not be created */
#define CF_ERR_CHECK 6    /* a protocol consistency check failed (KOS or RVOLE): the peer cheated */

/* Module version: bumped when an entry point's contract changes. */
#define CF_VERSION 4

CF_API int cf_version(void);

/* ---- SHA-256 (FIPS 180-4) ---------------------------------------------------------------- */

/* out = SHA-256(data[0..len)). */
CF_API int cf_sha256(const uint8_t *data, size_t len, uint8_t out[32]);

/*
 * Runs the compression function over nblocks consecutive 64-byte blocks, updating the eight
 * big-endian-interpreted state words in place (no padding): the raw cost unit of the meter.
 */
CF_API int cf_sha256_compress_blocks(uint32_t state[8], const uint8_t *blocks, size_t nblocks);

/* out[32 i ..] = SHA-256(messages[len i .. len (i+1))) for i < count: many equal-length messages. */
CF_API int cf_sha256_many(const uint8_t *messages, size_t len, size_t count, uint8_t *out);

/*
 * Counter-mode expansion (the PRG and random-oracle streams): block c = SHA-256(prefix || c) with c
 * one byte, c = 0, 1, ...; the blocks are concatenated and truncated to out_len (at most 256 * 32).
 */
CF_API int cf_sha256_expand(const uint8_t *prefix, size_t prefix_len, uint8_t *out, size_t out_len);

/* out = HMAC-SHA256(key, data) (RFC 2104); keys longer than 64 bytes are hashed first. */
CF_API int cf_hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                          uint8_t out[32]);

/* ---- ChaCha20-Poly1305 (RFC 8439 section 2.8) ----------------------------------------------- */

/*
 * Seals a whole message: out[0..len) = ChaCha20(key, nonce, counter 1) XOR in, out[len..len+16) = the
 * Poly1305 tag over aad and the ciphertext. in and out may be the same buffer (in place); otherwise
 * they must not overlap. A (key, nonce) pair must never seal two messages.
 */
CF_API int cf_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out);

/*
 * Opens ciphertext || tag (len >= 16, else CF_ERR_ARGUMENT): checks the tag in constant time first;
 * when it does not match, out[0..len-16) is zeroed and the result is CF_ERR_CHECK; otherwise the
 * plaintext goes to out[0..len-16). In place as for seal.
 */
CF_API int cf_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad,
                                    size_t aad_len, const uint8_t *in, size_t len, uint8_t *out);

/* ---- Scalars modulo n --------------------------------------------------------------------- */

/* out = x mod n for any 32-byte x; *was_reduced = 1 when x >= n. */
CF_API int cf_scalar_reduce(const uint8_t x[32], uint8_t out[32], int *was_reduced);
CF_API int cf_scalar_add(const uint8_t a[32], const uint8_t b[32], uint8_t out[32]);
CF_API int cf_scalar_mul(const uint8_t a[32], const uint8_t b[32], uint8_t out[32]);
CF_API int cf_scalar_negate(const uint8_t a[32], uint8_t out[32]);
/* out = 1/a mod n (Fermat, fixed exponent); a = 0 gives CF_ERR_ZERO. */
CF_API int cf_scalar_invert(const uint8_t a[32], uint8_t out[32]);

/* Element-wise over count scalars: out_i = a_i + b_i, a_i - b_i, a_i * b_i, s * a_i. */
CF_API int cf_modn_add_vec(const uint8_t *a, const uint8_t *b, size_t count, uint8_t *out);
CF_API int cf_modn_sub_vec(const uint8_t *a, const uint8_t *b, size_t count, uint8_t *out);
CF_API int cf_modn_mul_vec(const uint8_t *a, const uint8_t *b, size_t count, uint8_t *out);
CF_API int cf_modn_scale_vec(const uint8_t s[32], const uint8_t *a, size_t count, uint8_t *out);
/* out = sum_j g_j * a_j mod n (a whole RVOLE row loop's multiply-accumulate). */
CF_API int cf_modn_inner_product(const uint8_t *g, const uint8_t *a, size_t count, uint8_t out[32]);

/* ---- GF(2^192) = GF(2)[x]/(x^192 + x^7 + x^2 + x + 1) ---------------------------------------- */

/*
 * out = sum_i rows_i * challenges_i, each element 24 bytes, byte k holding bits 8k..8k+7 LSB first
 * (crypto/Threshold/Gf192.cs). Security: constant time in rows; the challenges are public (a 4-bit
 * window indexes a table with their bits).
 */
CF_API int cf_gf192_mul_acc(const uint8_t *rows, const uint8_t *challenges, size_t count,
                            uint8_t out[24]);

/* ---- Bit-matrix transpose (crypto/Threshold/BitMatrix.cs) ---------------------------------- */

/*
 * columns: width columns of column_bytes bytes (bit j of a column = bit j&7 of byte j/8);
 * rows: column_bytes*8 rows of width/8 bytes, row j bit k = bit j of column k. width % 8 == 0.
 */
CF_API int cf_transpose(const uint8_t *columns, size_t width, size_t column_bytes, uint8_t *rows);

/* ---- secp256k1 points (libsecp256k1) -------------------------------------------------------- */

/* Creates the curve context in a static buffer (idempotent); the other curve calls call it.
 * Not thread-safe on its first call: run it (or cf_selftest) once before concurrent use. */
CF_API int cf_init(void);
CF_API int cf_point_base_mul(const uint8_t k[32], uint8_t out[33]);
CF_API int cf_point_mul(const uint8_t k[32], const uint8_t *point, size_t point_len, uint8_t out[33]);
CF_API int cf_point_add(const uint8_t *p, size_t p_len, const uint8_t *q, size_t q_len, uint8_t out[33]);
/* out = a*G + b*P for public a, b, P; when the sum is infinity, out is 33 zero bytes (CF_OK). */
CF_API int cf_point_multi_mul_var(const uint8_t a[32], const uint8_t b[32], const uint8_t *point,
                                  size_t point_len, uint8_t out[33]);
/* Validates a point and writes it compressed (33) or uncompressed (65). */
CF_API int cf_point_reencode(const uint8_t *point, size_t point_len, int compressed, uint8_t *out);
/* BIP-340 lift_x: the point with x-coordinate x and even y, as 33 bytes. */
CF_API int cf_point_lift_x(const uint8_t x[32], uint8_t out[33]);

/* ---- Two-party multiplication: KOS15 OT extension and DKLs23 RVOLE (crypto/Threshold/Kos.cs, Rvole.cs) -- */

/*
 * Whole protocol rounds, byte for byte the managed reference of crypto/Threshold (README "Building
 * blocks"). Fixed sizes: 192 base OTs, seeds of 16 bytes (seeds: 192 * 16 bytes), 608 extended OTs
 * (columns of 76 bytes, rows of 24), 416 used rows, 3 scalars per row. context is the session id
 * (32) followed by the OT-extension receiver's (Bob's) and sender's (Alice's) party indices (1 each):
 * every PRG and random-oracle call binds it. work is a caller-owned buffer of CF_MUL_WORK_BYTES that
 * holds the extension columns; it is left holding secrets and the caller wipes it (it is allocated
 * once per round on the card).
 */
#define CF_MUL_CONTEXT_BYTES 34
#define CF_MUL_WORK_BYTES (192 * 76)
#define CF_KOS_MESSAGE_BYTES (192 * 76 + 2 * 24)
#define CF_RVOLE_ALICE_MESSAGE_BYTES (416 * 3 * 32 + 32 + 32)

/*
 * Bob's round: from both seeds of every base OT and his 76 bytes of choice bits, writes the KOS
 * message u || x~ || t~ (CF_KOS_MESSAGE_BYTES) and his RVOLE input b = sum_j<416 g_j beta_j (32).
 * Security: constant time in seeds and choices.
 */
CF_API int cf_rvole_bob_start(const uint8_t *seeds0, const uint8_t *seeds1, const uint8_t context[34],
                              const uint8_t choices[76], uint8_t *work, uint8_t *message, uint8_t b[32]);

/*
 * Alice's round: derives her rows from her seeds, her correlation delta (24 bytes) and Bob's KOS
 * message, checks KOS consistency (CF_ERR_CHECK, nothing written), then writes her RVOLE message
 * tau || u || rho (CF_RVOLE_ALICE_MESSAGE_BYTES) for inputs a1 || a2 || check mask (3 scalars below
 * n, else CF_ERR_ENCODING) and her shares c1 || c2 (64). Security: constant time in delta, seeds,
 * rows and inputs; whether the check fails depends on delta and is the caller's to record.
 */
CF_API int cf_rvole_alice(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                          const uint8_t *bob_message, const uint8_t inputs[96], uint8_t *work,
                          uint8_t *message, uint8_t shares[64]);

/*
 * Alice's round in pieces, the same bytes as cf_rvole_alice (which is the three in one call), for a party
 * that sends her message as it is made. cf_rvole_alice_begin derives her rows and checks KOS consistency
 * (CF_ERR_CHECK) and starts state (CF_MUL_STREAM_BYTES, the caller's between calls, public: it hashes
 * only tau); work then holds her rows (secret) until cf_rvole_alice_end. cf_rvole_alice_rows writes tau
 * of the next rows (a positive multiple of 8, 96 bytes a row; CF_ERR_ARGUMENT past row 416) and absorbs
 * them into the challenge hash; cf_rvole_alice_end, after row 416, writes u || rho (64) and her shares.
 * Security: constant time in delta, seeds, rows and inputs.
 */
#define CF_MUL_STREAM_BYTES 112
CF_API int cf_rvole_alice_begin(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                                const uint8_t *bob_message, uint8_t *work, uint8_t state[CF_MUL_STREAM_BYTES]);
CF_API int cf_rvole_alice_rows(const uint8_t delta[24], const uint8_t context[34], const uint8_t inputs[96],
                               const uint8_t *work, uint8_t state[CF_MUL_STREAM_BYTES], size_t rows, uint8_t *out);
CF_API int cf_rvole_alice_end(const uint8_t context[34], const uint8_t inputs[96], const uint8_t *work,
                              uint8_t state[CF_MUL_STREAM_BYTES], uint8_t out[64], uint8_t shares[64]);

/*
 * Bob's finish: re-expands the used part of his columns from seeds0, checks Alice's message (every
 * scalar below n, else CF_ERR_ENCODING; the RVOLE check, else CF_ERR_CHECK) and writes his shares
 * d1 || d2 (64) only when both pass. Security: constant time in seeds and choices.
 */
CF_API int cf_rvole_bob_finish(const uint8_t *seeds0, const uint8_t choices[76], const uint8_t context[34],
                               const uint8_t *alice_message, uint8_t *work, uint8_t shares[64]);

/* Known-answer self-test of every primitive (libsecp256k1 selftest.h idea); CF_OK when all pass. */
CF_API int cf_selftest(void);

#ifdef __cplusplus
}
#endif

#endif
