/*
 * SHA-256 compression (FIPS 180-4 section 6.2.2) on the x86 SHA extensions, for the desktop build.
 * sha256.c calls it only when CPUID reports SHA, SSSE3 and SSE4.1 (cf_sha256_shani_available); the
 * portable compression stays the fallback and the reference, and the card never compiles this code
 * (CF_SHA256_SHANI is defined for x86-64 GCC/Clang builds only, internal.h).
 *
 * State layout: SHA256RNDS2 works on the eight working variables packed as ABEF and CDGH (Intel,
 * "Intel SHA Extensions", 2013, section "SHA-256 instructions"); the state words h[0..7] = A..H are
 * repacked on entry and exit. Each SHA256RNDS2 does two rounds with W_t + K_t from the low 64 bits
 * of its third operand; SHA256MSG1/MSG2 compute the schedule's sigma0 and sigma1 terms four words at
 * a time. Security: no data-dependent branches or table lookups; the schedule lives in registers.
 */
#include "internal.h"

#ifdef CF_SHA256_SHANI

#include <immintrin.h>

int cf_sha256_shani_available(void)
{
    return __builtin_cpu_supports("sha") && __builtin_cpu_supports("ssse3") &&
           __builtin_cpu_supports("sse4.1");
}

/* Four rounds 4i..4i+3 with the schedule words w (W_4i .. W_4i+3) and K's matching words. */
#define CF_ROUNDS4(w, i)                                                                          \
    do {                                                                                          \
        __m128i wk = _mm_add_epi32((w), _mm_loadu_si128((const __m128i *)(cf_sha256_k + 4 * (i)))); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                             \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));                    \
    } while (0)

/* w0 = W_4i..W_4i+3 from the four groups before it: W_t = s1(W_t-2) + W_t-7 + s0(W_t-15) + W_t-16. */
#define CF_SCHEDULE4(w0, w1, w2, w3)                                                              \
    (w0) = _mm_sha256msg2_epu32(_mm_add_epi32(_mm_sha256msg1_epu32((w0), (w1)),                   \
                                              _mm_alignr_epi8((w3), (w2), 4)),                    \
                                (w3))

/* h[0..7] = A..H into the ABEF / CDGH registers, and back. */
#define CF_LOAD_STATE(h, abef, cdgh)                                                              \
    do {                                                                                          \
        __m128i cdab_ = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(h)), 0xB1);           \
        __m128i efgh_ = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)((h) + 4)), 0x1B);     \
        (abef) = _mm_alignr_epi8(cdab_, efgh_, 8);                                                \
        (cdgh) = _mm_blend_epi16(efgh_, cdab_, 0xF0);                                             \
    } while (0)

#define CF_STORE_STATE(h, abef, cdgh)                                                             \
    do {                                                                                          \
        __m128i feba_ = _mm_shuffle_epi32((abef), 0x1B);                                          \
        __m128i dchg_ = _mm_shuffle_epi32((cdgh), 0xB1);                                          \
        _mm_storeu_si128((__m128i *)(h), _mm_blend_epi16(feba_, dchg_, 0xF0));                    \
        _mm_storeu_si128((__m128i *)((h) + 4), _mm_alignr_epi8(dchg_, feba_, 8));                 \
    } while (0)

__attribute__((target("sha,ssse3,sse4.1"))) void cf_sha256_compress_shani(uint32_t h[8], const uint8_t *blocks,
                                                                         size_t nblocks)
{
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i abef, cdgh;
    size_t b;
    CF_LOAD_STATE(h, abef, cdgh);
    for (b = 0; b < nblocks; b++) {
        const __m128i *m = (const __m128i *)(blocks + 64 * b);
        const __m128i abef_in = abef, cdgh_in = cdgh;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128(m), byteswap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128(m + 1), byteswap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128(m + 2), byteswap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128(m + 3), byteswap);
        int i;
        CF_ROUNDS4(w0, 0);
        CF_ROUNDS4(w1, 1);
        CF_ROUNDS4(w2, 2);
        CF_ROUNDS4(w3, 3);
        for (i = 4; i < 16; i += 4) {
            CF_SCHEDULE4(w0, w1, w2, w3);
            CF_ROUNDS4(w0, i);
            CF_SCHEDULE4(w1, w2, w3, w0);
            CF_ROUNDS4(w1, i + 1);
            CF_SCHEDULE4(w2, w3, w0, w1);
            CF_ROUNDS4(w2, i + 2);
            CF_SCHEDULE4(w3, w0, w1, w2);
            CF_ROUNDS4(w3, i + 3);
        }
        abef = _mm_add_epi32(abef, abef_in);
        cdgh = _mm_add_epi32(cdgh, cdgh_in);
    }
    CF_STORE_STATE(h, abef, cdgh);
}

/* Two independent compressions of one block each, their instructions interleaved: SHA256RNDS2 has a
 * latency of several cycles and each round depends on the previous one, so a second message fills
 * the pipeline that one message leaves idle (the multi-buffer technique). Same operations per
 * message as cf_sha256_compress_shani. */
#define CF_ROUNDS4_X2(wa, wb, i)                                                                  \
    do {                                                                                          \
        const __m128i k_ = _mm_loadu_si128((const __m128i *)(cf_sha256_k + 4 * (i)));            \
        __m128i wka = _mm_add_epi32((wa), k_);                                                    \
        __m128i wkb = _mm_add_epi32((wb), k_);                                                    \
        cdgh_a = _mm_sha256rnds2_epu32(cdgh_a, abef_a, wka);                                      \
        cdgh_b = _mm_sha256rnds2_epu32(cdgh_b, abef_b, wkb);                                      \
        abef_a = _mm_sha256rnds2_epu32(abef_a, cdgh_a, _mm_shuffle_epi32(wka, 0x0E));             \
        abef_b = _mm_sha256rnds2_epu32(abef_b, cdgh_b, _mm_shuffle_epi32(wkb, 0x0E));             \
    } while (0)

__attribute__((target("sha,ssse3,sse4.1"))) void cf_sha256_compress_shani_x2(uint32_t ha[8], uint32_t hb[8],
                                                                            const uint8_t block_a[64],
                                                                            const uint8_t block_b[64])
{
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    const __m128i *ma = (const __m128i *)block_a;
    const __m128i *mb = (const __m128i *)block_b;
    __m128i abef_a, cdgh_a, abef_b, cdgh_b, abef_a_in, cdgh_a_in, abef_b_in, cdgh_b_in;
    __m128i a0, a1, a2, a3, b0, b1, b2, b3;
    int i;
    CF_LOAD_STATE(ha, abef_a, cdgh_a);
    CF_LOAD_STATE(hb, abef_b, cdgh_b);
    abef_a_in = abef_a;
    cdgh_a_in = cdgh_a;
    abef_b_in = abef_b;
    cdgh_b_in = cdgh_b;
    a0 = _mm_shuffle_epi8(_mm_loadu_si128(ma), byteswap);
    a1 = _mm_shuffle_epi8(_mm_loadu_si128(ma + 1), byteswap);
    a2 = _mm_shuffle_epi8(_mm_loadu_si128(ma + 2), byteswap);
    a3 = _mm_shuffle_epi8(_mm_loadu_si128(ma + 3), byteswap);
    b0 = _mm_shuffle_epi8(_mm_loadu_si128(mb), byteswap);
    b1 = _mm_shuffle_epi8(_mm_loadu_si128(mb + 1), byteswap);
    b2 = _mm_shuffle_epi8(_mm_loadu_si128(mb + 2), byteswap);
    b3 = _mm_shuffle_epi8(_mm_loadu_si128(mb + 3), byteswap);
    CF_ROUNDS4_X2(a0, b0, 0);
    CF_ROUNDS4_X2(a1, b1, 1);
    CF_ROUNDS4_X2(a2, b2, 2);
    CF_ROUNDS4_X2(a3, b3, 3);
    for (i = 4; i < 16; i += 4) {
        CF_SCHEDULE4(a0, a1, a2, a3);
        CF_SCHEDULE4(b0, b1, b2, b3);
        CF_ROUNDS4_X2(a0, b0, i);
        CF_SCHEDULE4(a1, a2, a3, a0);
        CF_SCHEDULE4(b1, b2, b3, b0);
        CF_ROUNDS4_X2(a1, b1, i + 1);
        CF_SCHEDULE4(a2, a3, a0, a1);
        CF_SCHEDULE4(b2, b3, b0, b1);
        CF_ROUNDS4_X2(a2, b2, i + 2);
        CF_SCHEDULE4(a3, a0, a1, a2);
        CF_SCHEDULE4(b3, b0, b1, b2);
        CF_ROUNDS4_X2(a3, b3, i + 3);
    }
    abef_a = _mm_add_epi32(abef_a, abef_a_in);
    cdgh_a = _mm_add_epi32(cdgh_a, cdgh_a_in);
    abef_b = _mm_add_epi32(abef_b, abef_b_in);
    cdgh_b = _mm_add_epi32(cdgh_b, cdgh_b_in);
    CF_STORE_STATE(ha, abef_a, cdgh_a);
    CF_STORE_STATE(hb, abef_b, cdgh_b);
}

#else

/* ISO C needs a declaration in every translation unit; this build has no SHA extensions. */
typedef int cf_sha256_shani_absent;

#endif
