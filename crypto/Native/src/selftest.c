/*
 * Known-answer self-test of every primitive (the idea of libsecp256k1's selftest.h): run once
 * before any key is unlocked. Each check uses a value with an independent source: FIPS 180-2
 * appendix B.1 and B.2, RFC 4231 test case 2, RFC 8439 section 2.8.2, SEC 2's generator G, the algebra of n
 * and of x^192; and the RVOLE gadget table against the hash that defines it.
 */
#include "internal.h"

#include <string.h>

static int check_sha256(void)
{
    static const uint8_t abc_digest[32] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    uint8_t out[32];
    cf_sha256((const uint8_t *)"abc", 3, out);
    return memcmp(out, abc_digest, 32) == 0;
}

/* FIPS 180-2 appendix B.2's two-block message through the raw compression: the portable code and
 * the one cf_sha256_compress_blocks chose for this CPU (the SHA extensions on most desktops). */
static int check_compressions(void)
{
    static const char text[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    static const uint32_t h0[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                   0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    static const uint32_t digest[8] = {0x248d6a61u, 0xd20638b8u, 0xe5c02693u, 0x0c3e6039u,
                                       0xa33ce459u, 0x64ff2167u, 0xf6ecedd4u, 0x19db06c1u};
    uint8_t blocks[128];
    uint32_t portable[8], chosen[8];
    memset(blocks, 0, sizeof blocks);
    memcpy(blocks, text, sizeof text - 1);
    blocks[sizeof text - 1] = 0x80;
    blocks[126] = 0x01; /* 448 bits, big-endian in the last eight bytes */
    blocks[127] = 0xc0;
    memcpy(portable, h0, sizeof h0);
    memcpy(chosen, h0, sizeof h0);
    cf_sha256_compress_portable(portable, blocks, 2);
    cf_sha256_compress_blocks(chosen, blocks, 2);
    return memcmp(portable, digest, sizeof digest) == 0 && memcmp(chosen, digest, sizeof digest) == 0;
}

static int check_hmac(void)
{
    static const uint8_t tag[32] = {
        0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e, 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
        0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83, 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43};
    static const char data[] = "what do ya want for nothing?";
    uint8_t out[32];
    cf_hmac_sha256((const uint8_t *)"Jefe", 4, (const uint8_t *)data, sizeof data - 1, out);
    return memcmp(out, tag, 32) == 0;
}

static int check_aead(void)
{
    /* RFC 8439 section 2.8.2: the tag, the first ciphertext bytes, and the message opening again. */
    static const uint8_t nonce[12] = {0x07, 0x00, 0x00, 0x00, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47};
    static const uint8_t aad[12] = {0x50, 0x51, 0x52, 0x53, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7};
    static const char text[] = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
                               "the future, sunscreen would be it.";
    static const uint8_t head[8] = {0xd3, 0x1a, 0x8d, 0x34, 0x64, 0x8e, 0x60, 0xdb};
    static const uint8_t tag[16] = {0x1a, 0xe1, 0x0b, 0x59, 0x4f, 0x09, 0xe2, 0x6a,
                                    0x7e, 0x90, 0x2e, 0xcb, 0xd0, 0x60, 0x06, 0x91};
    uint8_t key[32], sealed[sizeof text - 1 + 16], opened[sizeof text - 1];
    int i;
    for (i = 0; i < 32; i++) {
        key[i] = (uint8_t)(0x80 + i);
    }
    cf_chacha20poly1305_seal(key, nonce, aad, sizeof aad, (const uint8_t *)text, sizeof text - 1, sealed);
    if (memcmp(sealed, head, sizeof head) != 0 || memcmp(sealed + sizeof text - 1, tag, 16) != 0) {
        return 0;
    }
    return cf_chacha20poly1305_open(key, nonce, aad, sizeof aad, sealed, sizeof sealed, opened) == CF_OK &&
           memcmp(opened, text, sizeof opened) == 0;
}

static int check_scalars(void)
{
    /* (n-1)^2 = 1 and 2 * (1/2) = 1 modulo n. */
    static const uint8_t n_minus_1[32] = {
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x40};
    uint8_t one[32], two[32], half[32], out[32];
    memset(one, 0, 32);
    one[31] = 1;
    memset(two, 0, 32);
    two[31] = 2;
    if (cf_scalar_mul(n_minus_1, n_minus_1, out) != CF_OK || memcmp(out, one, 32) != 0) {
        return 0;
    }
    if (cf_scalar_invert(two, half) != CF_OK || cf_scalar_mul(two, half, out) != CF_OK) {
        return 0;
    }
    return memcmp(out, one, 32) == 0;
}

static int check_gf192(void)
{
    /* x * x^191 = x^192 = x^7 + x^2 + x + 1. */
    uint8_t a[24], b[24], out[24], want[24];
    memset(a, 0, 24);
    memset(b, 0, 24);
    memset(want, 0, 24);
    a[0] = 0x02;
    b[23] = 0x80;
    want[0] = 0x87;
    cf_gf192_mul_acc(a, b, 1, out);
    return memcmp(out, want, 24) == 0;
}

static int check_transpose(void)
{
    /* 8 columns of 1 byte where column k has only bit k set: the rows are the same matrix. */
    uint8_t cols[8], rows[8];
    int k;
    for (k = 0; k < 8; k++) {
        cols[k] = (uint8_t)(1u << k);
    }
    cols[1] |= 0x80; /* bit 7 of column 1 -> row 7, bit 1 */
    cf_transpose(cols, 8, 1, rows);
    for (k = 0; k < 7; k++) {
        if (rows[k] != (uint8_t)(1u << k)) {
            return 0;
        }
    }
    return rows[7] == (0x80 | 0x02);
}

static int check_curve(void)
{
    static const uint8_t g[33] = {
        0x02, 0x79, 0xbe, 0x66, 0x7e, 0xf9, 0xdc, 0xbb, 0xac, 0x55, 0xa0, 0x62, 0x95, 0xce, 0x87, 0x0b, 0x07,
        0x02, 0x9b, 0xfc, 0xdb, 0x2d, 0xce, 0x28, 0xd9, 0x59, 0xf2, 0x81, 0x5b, 0x16, 0xf8, 0x17, 0x98};
    uint8_t one[32], two[32], out[33], twice[33];
    memset(one, 0, 32);
    one[31] = 1;
    memset(two, 0, 32);
    two[31] = 2;
    if (cf_point_base_mul(one, out) != CF_OK || memcmp(out, g, 33) != 0) {
        return 0;
    }
    if (cf_point_base_mul(two, twice) != CF_OK || cf_point_add(g, 33, g, 33, out) != CF_OK) {
        return 0;
    }
    return memcmp(out, twice, 33) == 0;
}

/* The gadget table (gadgets.c) against its definition: SHA-256(4 || j (4, BE)) mod n. */
static int check_gadgets(void)
{
    uint8_t in[5], digest[32];
    cf_sc g;
    uint32_t differ = 0;
    int j, i;
    for (j = 0; j < CF_RVOLE_HASHED_GADGETS; j++) {
        uint32_t index = (uint32_t)j + 256u;
        in[0] = 4;
        in[1] = (uint8_t)(index >> 24);
        in[2] = (uint8_t)(index >> 16);
        in[3] = (uint8_t)(index >> 8);
        in[4] = (uint8_t)index;
        cf_sha256(in, sizeof in, digest);
        cf_sc_load_reduced(&g, digest);
        for (i = 0; i < 8; i++) {
            differ |= g.v[i] ^ cf_rvole_gadgets[j].v[i];
        }
    }
    return differ == 0;
}

int cf_selftest(void)
{
    int ok = check_sha256() & check_compressions() & check_hmac() & check_aead() & check_scalars() & check_gf192() & check_transpose() &
             check_curve() & check_gadgets();
    return ok ? CF_OK : CF_ERR_STATE;
}
