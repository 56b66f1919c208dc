/*
 * ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8) over a whole message: the Noise transport's cipher
 * (firmware/Channel/Noise), one call per message.
 *
 * ChaCha20 (section 2.3): 16 32-bit words, constants, key, 32-bit block counter, 96-bit nonce;
 * 20 rounds of additions, XORs and fixed rotations, so constant time by construction.
 * Poly1305 (section 2.5) in five 26-bit limbs with 64-bit products (the "donna" 32-bit layout):
 * every block, including the last, is a whole 16-byte block here because the AEAD pads aad and
 * ciphertext to 16 bytes (section 2.8), so the high bit 2^128 is always set; the final reduction
 * chooses h or h - p by mask, not by branch.
 */
#include "internal.h"

#include <string.h>

#define ROTL32(v, c) (((v) << (c)) | ((v) >> (32 - (c))))
#define QUARTER(a, b, c, d)                                                                        \
    do {                                                                                           \
        a += b; d ^= a; d = ROTL32(d, 16);                                                         \
        c += d; b ^= c; b = ROTL32(b, 12);                                                         \
        a += b; d ^= a; d = ROTL32(d, 8);                                                          \
        c += d; b ^= c; b = ROTL32(b, 7);                                                          \
    } while (0)

static uint32_t load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* Section 2.3: the state for key, nonce and block counter 0. */
static void chacha_init(uint32_t s[16], const uint8_t key[32], const uint8_t nonce[12])
{
    int i;
    s[0] = 0x61707865u;
    s[1] = 0x3320646eu;
    s[2] = 0x79622d32u;
    s[3] = 0x6b206574u;
    for (i = 0; i < 8; i++) {
        s[4 + i] = load32_le(key + 4 * i);
    }
    s[12] = 0;
    s[13] = load32_le(nonce);
    s[14] = load32_le(nonce + 4);
    s[15] = load32_le(nonce + 8);
}

/* One 64-byte keystream block of the state's counter; the counter then advances. */
static void chacha_block(uint32_t s[16], uint8_t out[64])
{
    uint32_t x[16];
    int i;
    memcpy(x, s, sizeof x);
    for (i = 0; i < 10; i++) {
        QUARTER(x[0], x[4], x[8], x[12]);
        QUARTER(x[1], x[5], x[9], x[13]);
        QUARTER(x[2], x[6], x[10], x[14]);
        QUARTER(x[3], x[7], x[11], x[15]);
        QUARTER(x[0], x[5], x[10], x[15]);
        QUARTER(x[1], x[6], x[11], x[12]);
        QUARTER(x[2], x[7], x[8], x[13]);
        QUARTER(x[3], x[4], x[9], x[14]);
    }
    for (i = 0; i < 16; i++) {
        store32_le(out + 4 * i, x[i] + s[i]);
    }
    s[12]++;
    cf_wipe(x, sizeof x);
}

/* out = in XOR keystream; in and out may be the same buffer (byte i is read before it is written). */
static void chacha_xor(uint32_t s[16], const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t ks[64];
    size_t i, n;
    while (len > 0) {
        chacha_block(s, ks);
        n = len < 64 ? len : 64;
        for (i = 0; i < n; i++) {
            out[i] = (uint8_t)(in[i] ^ ks[i]);
        }
        in += n;
        out += n;
        len -= n;
    }
    cf_wipe(ks, sizeof ks);
}

typedef struct {
    uint32_t r[5];
    uint32_t h[5];
    uint32_t pad[4];
} poly1305;

static void poly_init(poly1305 *p, const uint8_t key[32])
{
    /* r is clamped (section 2.5.1): r &= 0x0ffffffc0ffffffc0ffffffc0fffffff. */
    p->r[0] = load32_le(key + 0) & 0x3ffffffu;
    p->r[1] = (load32_le(key + 3) >> 2) & 0x3ffff03u;
    p->r[2] = (load32_le(key + 6) >> 4) & 0x3ffc0ffu;
    p->r[3] = (load32_le(key + 9) >> 6) & 0x3f03fffu;
    p->r[4] = (load32_le(key + 12) >> 8) & 0x00fffffu;
    memset(p->h, 0, sizeof p->h);
    p->pad[0] = load32_le(key + 16);
    p->pad[1] = load32_le(key + 20);
    p->pad[2] = load32_le(key + 24);
    p->pad[3] = load32_le(key + 28);
}

/* h = (h + block + 2^128) * r mod 2^130 - 5 for one whole 16-byte block. */
static void poly_block(poly1305 *p, const uint8_t m[16])
{
    const uint32_t r0 = p->r[0], r1 = p->r[1], r2 = p->r[2], r3 = p->r[3], r4 = p->r[4];
    const uint32_t s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
    uint32_t h0 = p->h[0], h1 = p->h[1], h2 = p->h[2], h3 = p->h[3], h4 = p->h[4];
    uint64_t d0, d1, d2, d3, d4;
    uint32_t c;

    h0 += load32_le(m + 0) & 0x3ffffffu;
    h1 += (load32_le(m + 3) >> 2) & 0x3ffffffu;
    h2 += (load32_le(m + 6) >> 4) & 0x3ffffffu;
    h3 += (load32_le(m + 9) >> 6) & 0x3ffffffu;
    h4 += (load32_le(m + 12) >> 8) | (1u << 24);

    d0 = (uint64_t)h0 * r0 + (uint64_t)h1 * s4 + (uint64_t)h2 * s3 + (uint64_t)h3 * s2 + (uint64_t)h4 * s1;
    d1 = (uint64_t)h0 * r1 + (uint64_t)h1 * r0 + (uint64_t)h2 * s4 + (uint64_t)h3 * s3 + (uint64_t)h4 * s2;
    d2 = (uint64_t)h0 * r2 + (uint64_t)h1 * r1 + (uint64_t)h2 * r0 + (uint64_t)h3 * s4 + (uint64_t)h4 * s3;
    d3 = (uint64_t)h0 * r3 + (uint64_t)h1 * r2 + (uint64_t)h2 * r1 + (uint64_t)h3 * r0 + (uint64_t)h4 * s4;
    d4 = (uint64_t)h0 * r4 + (uint64_t)h1 * r3 + (uint64_t)h2 * r2 + (uint64_t)h3 * r1 + (uint64_t)h4 * r0;

    c = (uint32_t)(d0 >> 26); h0 = (uint32_t)d0 & 0x3ffffffu;
    d1 += c; c = (uint32_t)(d1 >> 26); h1 = (uint32_t)d1 & 0x3ffffffu;
    d2 += c; c = (uint32_t)(d2 >> 26); h2 = (uint32_t)d2 & 0x3ffffffu;
    d3 += c; c = (uint32_t)(d3 >> 26); h3 = (uint32_t)d3 & 0x3ffffffu;
    d4 += c; c = (uint32_t)(d4 >> 26); h4 = (uint32_t)d4 & 0x3ffffffu;
    h0 += c * 5; c = h0 >> 26; h0 &= 0x3ffffffu;
    h1 += c;

    p->h[0] = h0; p->h[1] = h1; p->h[2] = h2; p->h[3] = h3; p->h[4] = h4;
}

/* Feeds data, zero-padding its last partial block to 16 bytes (section 2.8's pad16). */
static void poly_padded(poly1305 *p, const uint8_t *data, size_t len)
{
    uint8_t last[16];
    while (len >= 16) {
        poly_block(p, data);
        data += 16;
        len -= 16;
    }
    if (len > 0) {
        memset(last, 0, sizeof last);
        memcpy(last, data, len);
        poly_block(p, last);
        cf_wipe(last, sizeof last);
    }
}

/* tag = (h mod p + s) mod 2^128, choosing h or h - p by mask. */
static void poly_final(poly1305 *p, uint8_t tag[16])
{
    uint32_t h0 = p->h[0], h1 = p->h[1], h2 = p->h[2], h3 = p->h[3], h4 = p->h[4];
    uint32_t g0, g1, g2, g3, g4, c, mask;
    uint64_t f;

    c = h1 >> 26; h1 &= 0x3ffffffu;
    h2 += c; c = h2 >> 26; h2 &= 0x3ffffffu;
    h3 += c; c = h3 >> 26; h3 &= 0x3ffffffu;
    h4 += c; c = h4 >> 26; h4 &= 0x3ffffffu;
    h0 += c * 5; c = h0 >> 26; h0 &= 0x3ffffffu;
    h1 += c;

    g0 = h0 + 5; c = g0 >> 26; g0 &= 0x3ffffffu;
    g1 = h1 + c; c = g1 >> 26; g1 &= 0x3ffffffu;
    g2 = h2 + c; c = g2 >> 26; g2 &= 0x3ffffffu;
    g3 = h3 + c; c = g3 >> 26; g3 &= 0x3ffffffu;
    g4 = h4 + c - (1u << 26);

    /* g4's top bit is set when h < p: then keep h. */
    mask = (g4 >> 31) - 1u;
    g0 &= mask; g1 &= mask; g2 &= mask; g3 &= mask; g4 &= mask;
    mask = ~mask;
    h0 = (h0 & mask) | g0;
    h1 = (h1 & mask) | g1;
    h2 = (h2 & mask) | g2;
    h3 = (h3 & mask) | g3;
    h4 = (h4 & mask) | g4;

    h0 = h0 | (h1 << 26);
    h1 = (h1 >> 6) | (h2 << 20);
    h2 = (h2 >> 12) | (h3 << 14);
    h3 = (h3 >> 18) | (h4 << 8);

    f = (uint64_t)h0 + p->pad[0]; h0 = (uint32_t)f;
    f = (uint64_t)h1 + p->pad[1] + (f >> 32); h1 = (uint32_t)f;
    f = (uint64_t)h2 + p->pad[2] + (f >> 32); h2 = (uint32_t)f;
    f = (uint64_t)h3 + p->pad[3] + (f >> 32); h3 = (uint32_t)f;

    store32_le(tag + 0, h0);
    store32_le(tag + 4, h1);
    store32_le(tag + 8, h2);
    store32_le(tag + 12, h3);
}

/* Section 2.8: the Poly1305 key from block 0, the tag over aad, ciphertext and their lengths.
 * s is left at block counter 1, ready for the ciphertext. */
static void aead_tag(uint32_t s[16], const uint8_t *aad, size_t aad_len, const uint8_t *ct, size_t ct_len,
                     uint8_t tag[16])
{
    uint8_t block0[64];
    uint8_t lengths[16];
    poly1305 p;
    uint32_t saved = s[12];

    s[12] = 0;
    chacha_block(s, block0);
    s[12] = saved;
    poly_init(&p, block0);
    poly_padded(&p, aad, aad_len);
    poly_padded(&p, ct, ct_len);
    store32_le(lengths + 0, (uint32_t)aad_len);
    store32_le(lengths + 4, (uint32_t)((uint64_t)aad_len >> 32));
    store32_le(lengths + 8, (uint32_t)ct_len);
    store32_le(lengths + 12, (uint32_t)((uint64_t)ct_len >> 32));
    poly_block(&p, lengths);
    poly_final(&p, tag);
    cf_wipe(block0, sizeof block0);
    cf_wipe(&p, sizeof p);
}

int cf_chacha20poly1305_seal(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out)
{
    uint32_t s[16];
    chacha_init(s, key, nonce);
    s[12] = 1;
    chacha_xor(s, in, out, len);
    aead_tag(s, aad, aad_len, out, len, out + len);
    cf_wipe(s, sizeof s);
    return CF_OK;
}

int cf_chacha20poly1305_open(const uint8_t key[32], const uint8_t nonce[12], const uint8_t *aad, size_t aad_len,
                             const uint8_t *in, size_t len, uint8_t *out)
{
    uint32_t s[16];
    uint8_t expected[16];
    uint32_t diff = 0;
    size_t i, ct_len;
    if (len < 16) {
        return CF_ERR_ARGUMENT;
    }
    ct_len = len - 16;
    chacha_init(s, key, nonce);
    aead_tag(s, aad, aad_len, in, ct_len, expected);
    for (i = 0; i < 16; i++) {
        diff |= (uint32_t)(expected[i] ^ in[ct_len + i]);
    }
    cf_wipe(expected, sizeof expected);
    if (diff != 0) {
        /* Nothing of a forged message is released: the output region is zeroed. */
        memset(out, 0, ct_len);
        cf_wipe(s, sizeof s);
        return CF_ERR_CHECK;
    }
    s[12] = 1;
    chacha_xor(s, in, out, ct_len);
    cf_wipe(s, sizeof s);
    return CF_OK;
}
