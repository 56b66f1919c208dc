/*
 * GF(2^192) = GF(2)[x] / (x^192 + x^7 + x^2 + x + 1), the KOS15 consistency-check field, with the
 * element layout of crypto/Threshold/Gf192.cs: 24 bytes, byte k holding bits 8k..8k+7, LSB first.
 * Inside, an element is six 32-bit little-endian words; products are accumulated unreduced in
 * twelve words and reduced once per call. The table is built from the secret row without branches
 * and indexed only with nibbles of the public challenge (comb method, see mul_acc). On an x86-64
 * desktop with PCLMULQDQ the product is gf192_pclmul.c's instead (the same accumulator, same bits).
 */
#include "internal.h"

#include <string.h>

#define W 6 /* words per element */

void cf_gf192_load(uint32_t e[W], const uint8_t *b)
{
    int i;
    for (i = 0; i < W; i++) {
        e[i] = (uint32_t)b[4 * i] | ((uint32_t)b[4 * i + 1] << 8) | ((uint32_t)b[4 * i + 2] << 16) |
               ((uint32_t)b[4 * i + 3] << 24);
    }
}

void cf_gf192_store(uint8_t *b, const uint32_t e[W])
{
    int i;
    for (i = 0; i < W; i++) {
        b[4 * i] = (uint8_t)e[i];
        b[4 * i + 1] = (uint8_t)(e[i] >> 8);
        b[4 * i + 2] = (uint8_t)(e[i] >> 16);
        b[4 * i + 3] = (uint8_t)(e[i] >> 24);
    }
}

/* acc (2W words) ^= row * chal, with a 4-bit window over the public challenge. */
void cf_gf192_mul_acc_words_portable(uint32_t acc[2 * W], const uint32_t row[W], const uint32_t chal[W])
{
    uint32_t table[16][W + 1];
    uint32_t partial[2 * W];
    int v, i, nib;
    memset(table[0], 0, sizeof table[0]);
    for (i = 0; i < W; i++) {
        table[1][i] = row[i];
    }
    table[1][W] = 0;
    for (v = 2; v < 16; v++) {
        if ((v & 1) == 0) {
            const uint32_t *h = table[v >> 1];
            for (i = W; i > 0; i--) {
                table[v][i] = (h[i] << 1) | (h[i - 1] >> 31);
            }
            table[v][0] = h[0] << 1;
        } else {
            for (i = 0; i <= W; i++) {
                table[v][i] = table[v - 1][i] ^ table[1][i];
            }
        }
    }
    /* Comb over the challenge (Lopez-Dahab style): for each 4-bit position s within a word, add
     * table[nibble] at every word offset, then shift the whole sum by 4 bits: eight shifts per
     * product instead of 48. Every partial sum is an exact partial product, so nothing exceeds
     * degree 382. */
    memset(partial, 0, sizeof partial);
    for (nib = 7; nib >= 0; nib--) {
        int w;
        if (nib != 7) {
            for (i = 2 * W - 1; i > 0; i--) {
                partial[i] = (partial[i] << 4) | (partial[i - 1] >> 28);
            }
            partial[0] <<= 4;
        }
        for (w = 0; w < W; w++) {
            const uint32_t *t = table[(chal[w] >> (4 * nib)) & 15u];
            for (i = 0; i <= W; i++) {
                partial[w + i] ^= t[i];
            }
        }
    }
    for (i = 0; i < 2 * W; i++) {
        acc[i] ^= partial[i];
    }
    cf_wipe(table, sizeof table);
    cf_wipe(partial, sizeof partial);
}

#ifdef CF_GF192_PCLMUL
void cf_gf192_mul_acc_words(uint32_t acc[2 * W], const uint32_t row[W], const uint32_t chal[W])
{
    if (cf_gf192_pclmul_available()) {
        cf_gf192_mul_acc_words_pclmul(acc, row, chal);
        return;
    }
    cf_gf192_mul_acc_words_portable(acc, row, chal);
}
#endif

/* t (W+1 words) ^= h (W words) << s, for 0 <= s < 32. */
static void xor_shifted(uint32_t t[W + 1], const uint32_t h[W], int s)
{
    int i;
    if (s == 0) {
        for (i = 0; i < W; i++) {
            t[i] ^= h[i];
        }
        return;
    }
    t[0] ^= h[0] << s;
    for (i = 1; i < W; i++) {
        t[i] ^= (h[i] << s) | (h[i - 1] >> (32 - s));
    }
    t[W] ^= h[W - 1] >> (32 - s);
}

/* r = wide mod (x^192 + x^7 + x^2 + x + 1): x^192 = x^7 + x^2 + x + 1, folded twice. */
void cf_gf192_reduce(uint32_t r[W], const uint32_t wide[2 * W])
{
    uint32_t t[W + 1];
    uint32_t spill[W];
    int i;
    for (i = 0; i < W; i++) {
        t[i] = wide[i];
    }
    t[W] = 0;
    xor_shifted(t, wide + W, 0);
    xor_shifted(t, wide + W, 1);
    xor_shifted(t, wide + W, 2);
    xor_shifted(t, wide + W, 7);
    memset(spill, 0, sizeof spill);
    spill[0] = t[W]; /* at most 7 bits above x^191 */
    t[W] = 0;
    xor_shifted(t, spill, 0);
    xor_shifted(t, spill, 1);
    xor_shifted(t, spill, 2);
    xor_shifted(t, spill, 7);
    for (i = 0; i < W; i++) {
        r[i] = t[i];
    }
    cf_wipe(t, sizeof t);
}

int cf_gf192_mul_acc(const uint8_t *rows, const uint8_t *challenges, size_t count, uint8_t out[24])
{
    uint32_t acc[2 * W];
    uint32_t row[W], chal[W], r[W];
    size_t j;
    memset(acc, 0, sizeof acc);
    for (j = 0; j < count; j++) {
        cf_gf192_load(row, rows + 24 * j);
        cf_gf192_load(chal, challenges + 24 * j);
        cf_gf192_mul_acc_words(acc, row, chal);
    }
    cf_gf192_reduce(r, acc);
    cf_gf192_store(out, r);
    cf_wipe(acc, sizeof acc);
    cf_wipe(row, sizeof row);
    cf_wipe(r, sizeof r);
    return CF_OK;
}
