/*
 * Holds the desktop's fast paths to the portable code the card runs, on this machine:
 *  - the SHA-extension compression (sha256_shani.c) to the portable one (sha256.c): the three
 *    FIPS 180-2 appendix B messages hashed through each compression, then 10,000 random states with
 *    1 to 8 random blocks each, compared word for word; on a CPU without the SHA extensions (or a
 *    build without them) the portable code is checked alone and the output says so;
 *  - the two-message SHA-extension compression (sha256_shani.c) likewise: the FIPS messages through
 *    each of its two lanes (the other lane busy with random data), then 10,000 random pairs of
 *    states and blocks against two portable compressions;
 *  - the carry-less-multiply GF(2^192) product (gf192_pclmul.c) to the portable comb (gf192.c):
 *    10,000 random rows, challenges and accumulators plus the edge elements 0, 1, x^191 and all
 *    ones, compared word for word, and reduced;
 *  - the 64-bit Montgomery product to the 32-bit one (modn.c): 10,000 random pairs below n plus the
 *    edge values 0, 1, n-1, compared limb for limb; likewise the 64-bit sum, negation and difference
 *    (10,000 random pairs plus every pair of 0, 1, n-1), and the reduction of any 256-bit value, its
 *    big-endian load (value and at-or-above-n flag), the reduction of a SHA-256 state as a digest
 *    and the store (10,000 random values plus 0, n-1, n, n+1, 2^256-1).
 *  - Alice's RVOLE answer with her pads kept between her passes (rvole.c) to the card's, which hashes
 *    the rows again: 20 random sessions and a tampered KOS message, compared byte for byte;
 *  - a G + b P through libsecp256k1's recovery module (curve.c) to the constant-time operations:
 *    1,000 random cases and the edges a = 0, b = 0, both, and a sum at infinity.
 * Exit status 0 when everything agrees. Linked from the module's objects (not the shared library)
 * to reach the internal functions.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

typedef void (*compress_fn)(uint32_t h[8], const uint8_t *blocks, size_t nblocks);

static const uint32_t h0[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                               0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};

/* SHA-256 of `repeat` copies of text through one compression function (FIPS 180-4 section 5.1.1). */
static void hash_with(compress_fn compress, const char *text, size_t repeat, uint32_t h[8])
{
    uint8_t block[64];
    size_t len = strlen(text), total = len * repeat, done = 0, used = 0;
    uint64_t bits = (uint64_t)total * 8u;
    int i;
    memcpy(h, h0, sizeof h0);
    while (done < total) {
        block[used++] = (uint8_t)text[done++ % len];
        if (used == 64) {
            compress(h, block, 1);
            used = 0;
        }
    }
    block[used++] = 0x80;
    if (used > 56) {
        memset(block + used, 0, 64 - used);
        compress(h, block, 1);
        used = 0;
    }
    memset(block + used, 0, 56 - used);
    for (i = 0; i < 8; i++) {
        block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    }
    compress(h, block, 1);
}

static int check_fips(const char *name, compress_fn compress)
{
    static const struct {
        const char *text;
        size_t repeat;
        uint32_t digest[8];
    } cases[3] = {
        {"abc", 1, {0xba7816bfu, 0x8f01cfeau, 0x414140deu, 0x5dae2223u, 0xb00361a3u, 0x96177a9cu, 0xb410ff61u, 0xf20015adu}},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
         {0x248d6a61u, 0xd20638b8u, 0xe5c02693u, 0x0c3e6039u, 0xa33ce459u, 0x64ff2167u, 0xf6ecedd4u, 0x19db06c1u}},
        {"a", 1000000, {0xcdc76e5cu, 0x9914fb92u, 0x81a1c7e2u, 0x84d73e67u, 0xf1809a48u, 0xa497200eu, 0x046d39ccu, 0xc7112cd0u}},
    };
    int i, ok = 1;
    for (i = 0; i < 3; i++) {
        uint32_t h[8];
        hash_with(compress, cases[i].text, cases[i].repeat, h);
        if (memcmp(h, cases[i].digest, sizeof h) != 0) {
            printf("sha256 %s: FIPS 180-2 example %d differs\n", name, i + 1);
            ok = 0;
        }
    }
    return ok;
}

#if defined(CF_SHA256_SHANI) || defined(CF_MODN_64BIT) || defined(CF_GF192_PCLMUL) || defined(CF_RVOLE_KEEP_PADS) || \
    defined(CF_SECP256K1_RECOVERY)
/* xorshift64*: a fixed stream of test inputs (not for keys). */
static uint64_t next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545f4914f6cdd1dULL;
}
#endif

#ifdef CF_SHA256_SHANI
/* One lane of the two-message compression, the other lane compressing random data meanwhile. */
static uint64_t lane_seed = 0x4c414e45ULL;

static void x2_busy(uint32_t other[8], uint8_t block[64])
{
    int i;
    for (i = 0; i < 8; i++) {
        other[i] = (uint32_t)next(&lane_seed);
    }
    for (i = 0; i < 64; i++) {
        block[i] = (uint8_t)next(&lane_seed);
    }
}

static void compress_lane_a(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
    size_t b;
    for (b = 0; b < nblocks; b++) {
        uint32_t other[8];
        uint8_t block[64];
        x2_busy(other, block);
        cf_sha256_compress_shani_x2(h, other, blocks + 64 * b, block);
    }
}

static void compress_lane_b(uint32_t h[8], const uint8_t *blocks, size_t nblocks)
{
    size_t b;
    for (b = 0; b < nblocks; b++) {
        uint32_t other[8];
        uint8_t block[64];
        x2_busy(other, block);
        cf_sha256_compress_shani_x2(other, h, block, blocks + 64 * b);
    }
}

static int check_shani_x2(void)
{
    enum { cases = 10000 };
    uint64_t seed = 0x58322d4e49ULL;
    int c, i, differ = 0, ok;
    ok = check_fips("sha-ni x2 lane a", compress_lane_a);
    ok &= check_fips("sha-ni x2 lane b", compress_lane_b);
    for (c = 0; c < cases; c++) {
        uint8_t blocks[2][64];
        uint32_t portable[2][8], x2[2][8];
        for (i = 0; i < 16; i++) {
            portable[i / 8][i % 8] = x2[i / 8][i % 8] = (uint32_t)next(&seed);
        }
        for (i = 0; i < 128; i++) {
            blocks[i / 64][i % 64] = (uint8_t)next(&seed);
        }
        cf_sha256_compress_portable(portable[0], blocks[0], 1);
        cf_sha256_compress_portable(portable[1], blocks[1], 1);
        cf_sha256_compress_shani_x2(x2[0], x2[1], blocks[0], blocks[1]);
        differ += memcmp(portable, x2, sizeof x2) != 0;
    }
    printf("sha256 two-message compression: FIPS examples on both lanes, %d random pairs, %d differ\n", cases, differ);
    return ok && differ == 0;
}
#endif

#ifdef CF_GF192_PCLMUL
static int check_gf192_pclmul(void)
{
    enum { cases = 10000, edges = 4 };
    uint64_t seed = 0x50434c4dULL;
    int c, i, differ = 0;
    for (c = 0; c < cases + edges * edges; c++) {
        uint32_t row[6], chal[6], portable[12], pclmul[12], reduced_portable[6], reduced_pclmul[6];
        for (i = 0; i < 6; i++) {
            row[i] = (uint32_t)next(&seed);
            chal[i] = (uint32_t)next(&seed);
        }
        for (i = 0; i < 12; i++) {
            portable[i] = pclmul[i] = (uint32_t)next(&seed);
        }
        if (c >= cases) { /* every pair of 0, 1, x^191, all ones */
            int e[2], k;
            e[0] = (c - cases) / edges;
            e[1] = (c - cases) % edges;
            for (k = 0; k < 2; k++) {
                uint32_t *v = k == 0 ? row : chal;
                memset(v, e[k] == 3 ? 0xff : 0, 6 * sizeof *v);
                if (e[k] == 1) {
                    v[0] = 1;
                } else if (e[k] == 2) {
                    v[5] = 0x80000000u;
                }
            }
        }
        cf_gf192_mul_acc_words_portable(portable, row, chal);
        cf_gf192_mul_acc_words_pclmul(pclmul, row, chal);
        cf_gf192_reduce(reduced_portable, portable);
        cf_gf192_reduce(reduced_pclmul, pclmul);
        differ += memcmp(portable, pclmul, sizeof pclmul) != 0 || memcmp(reduced_portable, reduced_pclmul, sizeof reduced_pclmul) != 0;
    }
    printf("GF(2^192) product: %d random triples and %d edge pairs, %d differ\n", cases, edges * edges, differ);
    return differ == 0;
}
#endif

#ifdef CF_MODN_64BIT
static const uint32_t n_words[8] = {0xd0364141u, 0xbfd25e8cu, 0xaf48a03bu, 0xbaaedce6u,
                                    0xfffffffeu, 0xffffffffu, 0xffffffffu, 0xffffffffu};

/* Edge e of the scalars below n: 0, 1, n-1. */
static void scalar_edge(cf_sc *x, int e)
{
    memset(x->v, 0, sizeof x->v);
    if (e == 1) {
        x->v[0] = 1;
    } else if (e == 2) {
        memcpy(x->v, n_words, sizeof x->v);
        x->v[0] -= 1;
    }
}

/* The 64-bit sum, negation and reduction (modn.c) against the 32-bit ones. */
static int check_modn_words(void)
{
    enum { cases = 10000 };
    uint64_t seed = 0x41444453ULL;
    int c, i, differ_sum = 0, differ_negation = 0, differ_difference = 0, differ_reduction = 0, differ_bytes = 0;
    for (c = 0; c < cases + 9; c++) {
        cf_sc x, y, r32, r64;
        for (i = 0; i < 8; i++) {
            x.v[i] = (uint32_t)next(&seed);
            y.v[i] = (uint32_t)next(&seed);
        }
        x.v[7] &= 0x7fffffffu; /* below n */
        y.v[7] &= 0x7fffffffu;
        if (c >= cases) {
            scalar_edge(&x, (c - cases) / 3);
            scalar_edge(&y, (c - cases) % 3);
        }
        cf_sc_add32(&r32, &x, &y);
        cf_sc_add64(&r64, &x, &y);
        differ_sum += memcmp(r32.v, r64.v, sizeof r32.v) != 0;
        cf_sc_negate32(&r32, &x);
        cf_sc_negate64(&r64, &x);
        differ_negation += memcmp(r32.v, r64.v, sizeof r32.v) != 0;
        cf_sc_sub32(&r32, &x, &y);
        cf_sc_sub64(&r64, &x, &y);
        differ_difference += memcmp(r32.v, r64.v, sizeof r32.v) != 0;
    }
    for (c = 0; c < cases + 5; c++) {
        cf_sc x, r32, r64;
        for (i = 0; i < 8; i++) {
            x.v[i] = (uint32_t)next(&seed);
        }
        if (c >= cases) { /* 0, n-1, n, n+1, 2^256-1 */
            int e = c - cases;
            memcpy(x.v, n_words, sizeof x.v);
            if (e == 0) {
                memset(x.v, 0, sizeof x.v);
            } else if (e == 1) {
                x.v[0] -= 1;
            } else if (e == 3) {
                x.v[0] += 1;
            } else if (e == 4) {
                memset(x.v, 0xff, sizeof x.v);
            }
        }
        cf_sc_reduce32(&r32, &x);
        cf_sc_reduce64(&r64, &x);
        differ_reduction += memcmp(r32.v, r64.v, sizeof r32.v) != 0;
        {
            /* The same value as bytes (big-endian, as a digest) and as a SHA-256 state: load with
             * its at-or-above-n flag, the digest reduced, and the store of the reduced value. */
            uint8_t bytes[32], out32[32], out64[32];
            uint32_t h[8];
            for (i = 0; i < 8; i++) {
                h[i] = x.v[7 - i];
                bytes[4 * i] = (uint8_t)(h[i] >> 24);
                bytes[4 * i + 1] = (uint8_t)(h[i] >> 16);
                bytes[4 * i + 2] = (uint8_t)(h[i] >> 8);
                bytes[4 * i + 3] = (uint8_t)h[i];
            }
            differ_bytes += cf_sc_load32(&r32, bytes) != cf_sc_load64(&r64, bytes);
            differ_bytes += memcmp(r32.v, r64.v, sizeof r32.v) != 0;
            cf_sc_from_sha256_32(&r32, h);
            cf_sc_from_sha256_64(&r64, h);
            differ_bytes += memcmp(r32.v, r64.v, sizeof r32.v) != 0;
            cf_sc_store32(out32, &r32);
            cf_sc_store64(out64, &r32);
            differ_bytes += memcmp(out32, out64, sizeof out32) != 0;
        }
    }
    printf("mod-n sum, negation, difference: %d random pairs and 9 edge pairs, %d, %d and %d differ; reduction, load, store, digest reduction: %d random values and 5 edges, %d and %d differ\n",
           cases, differ_sum, differ_negation, differ_difference, cases, differ_reduction, differ_bytes);
    return differ_sum == 0 && differ_negation == 0 && differ_difference == 0 && differ_reduction == 0 && differ_bytes == 0;
}
#endif

#ifdef CF_RVOLE_KEEP_PADS
/* Alice's answer with her pads kept (the desktop's) against the card's, which hashes the rows again:
 * 20 random honest base-OT setups, choices, inputs and sessions, each answered both ways (message,
 * shares and result compared byte for byte), then Bob's finish on the answer (it must accept); and
 * one answer to a tampered KOS message (both must refuse). */
static int check_rvole_pads(void)
{
    enum { cases = 20 };
    static uint8_t seeds0[192 * 16], seeds1[192 * 16], seeds_delta[192 * 16], work[192 * 76],
        bob_message[192 * 76 + 48], kept_message[416 * 3 * 32 + 64], rehashed_message[416 * 3 * 32 + 64];
    uint8_t delta[24], context[34], choices[76], inputs[96], b[32], kept_shares[64], rehashed_shares[64], bob_shares[64];
    uint64_t seed = 0x52564f4c45ULL;
    int c, differ = 0, refused = 0;
    size_t i;
    for (c = 0; c <= cases; c++) {
        int kept_result, rehashed_result;
        for (i = 0; i < sizeof seeds0; i++) {
            seeds0[i] = (uint8_t)next(&seed);
            seeds1[i] = (uint8_t)next(&seed);
        }
        for (i = 0; i < sizeof delta; i++) {
            delta[i] = (uint8_t)next(&seed);
        }
        for (i = 0; i < sizeof context; i++) {
            context[i] = (uint8_t)next(&seed);
        }
        for (i = 0; i < sizeof choices; i++) {
            choices[i] = (uint8_t)next(&seed);
        }
        for (i = 0; i < sizeof inputs; i++) {
            inputs[i] = (uint8_t)next(&seed);
        }
        inputs[0] &= 0x7f; /* below n */
        inputs[32] &= 0x7f;
        inputs[64] &= 0x7f;
        for (i = 0; i < 192; i++) {
            memcpy(seeds_delta + 16 * i, ((delta[i >> 3] >> (i & 7)) & 1) ? seeds1 + 16 * i : seeds0 + 16 * i, 16);
        }
        cf_rvole_bob_start(seeds0, seeds1, context, choices, work, bob_message, b);
        if (c == cases) {
            bob_message[100] ^= 1; /* a tampered KOS message */
        }
        memset(kept_message, 0, sizeof kept_message);
        memset(rehashed_message, 0, sizeof rehashed_message);
        memset(kept_shares, 0, sizeof kept_shares);
        memset(rehashed_shares, 0, sizeof rehashed_shares);
        kept_result = cf_rvole_alice(delta, seeds_delta, context, bob_message, inputs, work, kept_message, kept_shares);
        rehashed_result = cf_rvole_alice_rehashing(delta, seeds_delta, context, bob_message, inputs, work,
                                                   rehashed_message, rehashed_shares);
        differ += kept_result != rehashed_result || memcmp(kept_message, rehashed_message, sizeof kept_message) != 0 ||
                  memcmp(kept_shares, rehashed_shares, sizeof kept_shares) != 0;
        if (c < cases) {
            differ += kept_result != CF_OK ||
                      cf_rvole_bob_finish(seeds0, choices, context, kept_message, work, bob_shares) != CF_OK;
        } else {
            refused = kept_result == CF_ERR_CHECK;
        }
    }
    printf("RVOLE answer with kept pads: %d random sessions and a tampered one, %d differ, tampered %s\n", cases, differ,
           refused ? "refused" : "NOT refused");
    return differ == 0 && refused;
}
#endif

#ifdef CF_SECP256K1_RECOVERY
/* a G + b P through recovery (variable time) against the constant-time operations: 1,000 random
 * public a, b and P = k G, plus a = 0, b = 0, both 0, and a G + b P at infinity (P = G, b = n - a). */
static int check_multi_mul(void)
{
    enum { cases = 1000 };
    uint64_t seed = 0x4d554c54ULL;
    int c, differ = 0;
    size_t i;
    for (c = 0; c < cases + 4; c++) {
        uint8_t a[32], b[32], k[32], p[33], fast[33], reference[33];
        for (i = 0; i < 32; i++) {
            a[i] = (uint8_t)next(&seed);
            b[i] = (uint8_t)next(&seed);
            k[i] = (uint8_t)next(&seed);
        }
        a[0] &= 0x7f; /* below n */
        b[0] &= 0x7f;
        k[0] &= 0x7f;
        k[31] |= 1;
        if (c == cases || c == cases + 2) {
            memset(a, 0, sizeof a);
        }
        if (c == cases + 1 || c == cases + 2) {
            memset(b, 0, sizeof b);
        }
        if (c == cases + 3) { /* P = G and b = n - a: the sum is infinity */
            memset(k, 0, sizeof k);
            k[31] = 1;
            cf_scalar_negate(a, b);
        }
        cf_point_base_mul(k, p);
        differ += cf_point_multi_mul_var(a, b, p, sizeof p, fast) != cf_point_multi_mul_var_ct(a, b, p, sizeof p, reference) ||
                  memcmp(fast, reference, sizeof fast) != 0;
    }
    printf("a G + b P through recovery: %d random cases and 4 edges, %d differ\n", cases, differ);
    return differ == 0;
}
#endif

int main(void)
{
    int ok = check_fips("portable", cf_sha256_compress_portable);
#ifdef CF_SHA256_SHANI
    if (cf_sha256_shani_available()) {
        enum { cases = 10000 };
        uint64_t seed = 0x5348412d4e49ULL;
        int c, differ = 0;
        ok &= check_fips("sha-ni", cf_sha256_compress_shani);
        for (c = 0; c < cases; c++) {
            uint8_t blocks[8 * 64];
            uint32_t a[8], b[8];
            size_t n = 1 + (size_t)(next(&seed) % 8), i;
            for (i = 0; i < 8; i++) {
                a[i] = b[i] = (uint32_t)next(&seed);
            }
            for (i = 0; i < n * 64; i++) {
                blocks[i] = (uint8_t)next(&seed);
            }
            cf_sha256_compress_portable(a, blocks, n);
            cf_sha256_compress_shani(b, blocks, n);
            differ += memcmp(a, b, sizeof a) != 0;
        }
        printf("sha256 compression: FIPS examples on both, %d random cases, %d differ\n", cases, differ);
        ok &= differ == 0;
        ok &= check_shani_x2();
    } else {
        printf("sha256 compression: this CPU lacks the SHA extensions; portable code checked alone\n");
    }
#else
    printf("sha256 compression: built without the SHA extensions; portable code checked alone\n");
#endif
#ifdef CF_GF192_PCLMUL
    if (cf_gf192_pclmul_available()) {
        ok &= check_gf192_pclmul();
    } else {
        printf("GF(2^192) product: this CPU lacks PCLMULQDQ; portable code checked alone\n");
    }
#else
    printf("GF(2^192) product: built without the carry-less multiply; portable code only\n");
#endif
#ifdef CF_MODN_64BIT
    {
        enum { cases = 10000 };
        static const uint32_t n_minus_1[8] = {0xd0364140u, 0xbfd25e8cu, 0xaf48a03bu, 0xbaaedce6u,
                                              0xfffffffeu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
        uint64_t seed = 0x4d4f4e54ULL;
        int c, differ = 0;
        for (c = 0; c < cases + 9; c++) {
            cf_sc x, y, p32, p64;
            int i;
            for (i = 0; i < 8; i++) {
                x.v[i] = (uint32_t)next(&seed);
                y.v[i] = (uint32_t)next(&seed);
            }
            x.v[7] &= 0x7fffffffu; /* below n */
            y.v[7] &= 0x7fffffffu;
            if (c >= cases) { /* the edges: every pair of 0, 1, n-1 */
                const uint32_t *edge[3];
                uint32_t zero[8] = {0}, one[8] = {1};
                edge[0] = zero;
                edge[1] = one;
                edge[2] = n_minus_1;
                memcpy(x.v, edge[(c - cases) / 3], sizeof x.v);
                memcpy(y.v, edge[(c - cases) % 3], sizeof y.v);
            }
            cf_sc_mont_mul32(&p32, &x, &y);
            cf_sc_mont_mul64(&p64, &x, &y);
            differ += memcmp(p32.v, p64.v, sizeof p32.v) != 0;
        }
        printf("Montgomery product: %d random pairs and 9 edge pairs, %d differ\n", cases, differ);
        ok &= differ == 0;
    }
    ok &= check_modn_words();
#else
    printf("Montgomery product: this build has the 32-bit product only\n");
#endif
#ifdef CF_RVOLE_KEEP_PADS
    ok &= check_rvole_pads();
#endif
#ifdef CF_SECP256K1_RECOVERY
    ok &= check_multi_mul();
#endif
    printf("fast paths check: %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
