/*
 * Runs one entry point (named by argv[1]) REPS times on fixed inputs, for instruction counting:
 * each entry's per-call count is (Ir of "name" - Ir of "none") / reps (argv[2], default REPS), see README.md "Instruction
 * counts" and count-instructions.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfnative.h"

#define REPS 100

/* Whole-round entry points: one honest base-OT setup (seeds1 = seeds0 where delta is 0). */
static uint8_t seeds0[192 * 16], seeds1[192 * 16], seeds_delta[192 * 16], delta[24], context[34], choices[76];
static uint8_t work[192 * 76], kos_message[192 * 76 + 48], alice_message[416 * 3 * 32 + 64], inputs[96], shares[64];

static uint8_t buf_a[32 * 64], buf_b[32 * 64], buf_out[32 * 64];
static uint8_t rows[24 * 608], chal[24 * 608];
static uint8_t columns[192 * 76], matrix[608 * 24];
static uint8_t point[33], point2[33], digest[32];
static uint32_t state[8];
/* Alice's round in pieces: the stream state after begin and after all 416 rows (set up outside the counted calls). */
static uint8_t stream_begun[CF_MUL_STREAM_BYTES], stream_rows_done[CF_MUL_STREAM_BYTES], stream[CF_MUL_STREAM_BYTES];

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
    size_t i;
    for (i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

static void run(const char *name)
{
    if (strcmp(name, "sha256_compress") == 0) {
        cf_sha256_compress_blocks(state, buf_a, 1);
    } else if (strcmp(name, "sha256_many1") == 0) {
        cf_sha256_many(buf_a, 55, 1, buf_out);
    } else if (strcmp(name, "sha256_many64") == 0) {
        cf_sha256_many(buf_a, 55, 64, buf_out);
    } else if (strcmp(name, "sha256_many64x183") == 0) {
        /* Three-block messages (183 bytes each): the per-block slope of the batch entry point. */
        cf_sha256_many(work, 183, 64, buf_out);
    } else if (strcmp(name, "sha256_expand76") == 0) {
        cf_sha256_expand(buf_a, 54, buf_out, 76);
    } else if (strcmp(name, "hmac_sha256_64") == 0) {
        cf_hmac_sha256(buf_a, 32, buf_b, 64, digest);
    } else if (strcmp(name, "modn_mul1") == 0) {
        cf_modn_mul_vec(buf_a, buf_b, 1, buf_out);
    } else if (strcmp(name, "modn_mul64") == 0) {
        cf_modn_mul_vec(buf_a, buf_b, 64, buf_out);
    } else if (strcmp(name, "modn_inner64") == 0) {
        cf_modn_inner_product(buf_a, buf_b, 64, digest);
    } else if (strcmp(name, "modn_add64") == 0) {
        cf_modn_add_vec(buf_a, buf_b, 64, buf_out);
    } else if (strcmp(name, "scalar_invert") == 0) {
        cf_scalar_invert(buf_a, digest);
    } else if (strcmp(name, "gf192_608") == 0) {
        cf_gf192_mul_acc(rows, chal, 608, digest);
    } else if (strcmp(name, "transpose") == 0) {
        cf_transpose(columns, 192, 76, matrix);
    } else if (strcmp(name, "rvole_bob_start") == 0) {
        cf_rvole_bob_start(seeds0, seeds1, context, choices, work, kos_message, digest);
    } else if (strcmp(name, "rvole_alice") == 0) {
        cf_rvole_alice(delta, seeds_delta, context, kos_message, inputs, work, alice_message, shares);
    } else if (strcmp(name, "rvole_alice_begin") == 0) {
        cf_rvole_alice_begin(delta, seeds_delta, context, kos_message, work, stream);
    } else if (strcmp(name, "rvole_alice_rows416") == 0) {
        memcpy(stream, stream_begun, sizeof stream);
        cf_rvole_alice_rows(delta, context, inputs, work, stream, 416, alice_message);
    } else if (strcmp(name, "rvole_alice_end") == 0) {
        memcpy(stream, stream_rows_done, sizeof stream);
        cf_rvole_alice_end(context, inputs, work, stream, alice_message + 416 * 3 * 32, shares);
    } else if (strcmp(name, "rvole_bob_finish") == 0) {
        cf_rvole_bob_finish(seeds0, choices, context, alice_message, work, shares);
    } else if (strcmp(name, "aead_seal_1k") == 0) {
        cf_chacha20poly1305_seal(seeds0, context, digest, 32, buf_out, 1024, buf_out);
    } else if (strcmp(name, "aead_seal_40k") == 0) {
        /* The largest message of a signing round: Alice's RVOLE message, sealed in place. */
        cf_chacha20poly1305_seal(seeds0, context, digest, 32, alice_message, sizeof alice_message - 16, alice_message);
#ifndef CF_NO_CURVE
    } else if (strcmp(name, "point_base_mul") == 0) {
        cf_point_base_mul(buf_a, point2);
    } else if (strcmp(name, "point_mul") == 0) {
        cf_point_mul(buf_b, point, 33, point2);
    } else if (strcmp(name, "point_add") == 0) {
        cf_point_add(point, 33, point, 33, point2);
#endif
    }
}

int main(int argc, char **argv)
{
    int i;
    const char *name = argc > 1 ? argv[1] : "none";
    int reps = argc > 2 ? atoi(argv[2]) : REPS;
    fill(buf_a, sizeof buf_a, 1);
    fill(buf_b, sizeof buf_b, 2);
    for (i = 0; i < 64; i++) {
        buf_a[32 * i] &= 0x7f; /* below n */
        buf_b[32 * i] &= 0x7f;
    }
    fill(rows, sizeof rows, 3);
    fill(chal, sizeof chal, 4);
    fill(columns, sizeof columns, 5);
    fill(seeds0, sizeof seeds0, 6);
    fill(seeds1, sizeof seeds1, 7);
    fill(delta, sizeof delta, 8);
    fill(context, sizeof context, 9);
    fill(choices, sizeof choices, 10);
    memcpy(inputs, buf_a, 96);
    for (i = 0; i < 192; i++) {
        memcpy(seeds_delta + 16 * i, ((delta[i >> 3] >> (i & 7)) & 1) ? seeds1 + 16 * i : seeds0 + 16 * i, 16);
    }
    /* The rounds' inputs are honest messages, produced outside the counted calls (also in "none"). */
    cf_rvole_bob_start(seeds0, seeds1, context, choices, work, kos_message, digest);
    cf_rvole_alice(delta, seeds_delta, context, kos_message, inputs, work, alice_message, shares);
    cf_rvole_alice_begin(delta, seeds_delta, context, kos_message, work, stream_begun);
    memcpy(stream_rows_done, stream_begun, sizeof stream);
    cf_rvole_alice_rows(delta, context, inputs, work, stream_rows_done, 416, alice_message);
#ifndef CF_NO_CURVE
    cf_init();
    cf_point_base_mul(buf_b + 32, point); /* set-up outside the counted calls is in "none" too */
#endif
    for (i = 0; i < reps; i++) {
        run(name);
    }
    printf("%02x\n", digest[0] ^ matrix[5] ^ point2[1] ^ (uint8_t)state[0]);
    return 0;
}
