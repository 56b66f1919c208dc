/*
 * The GF(2^192) product on the x86 carry-less multiply (PCLMULQDQ), for the desktop build. gf192.c
 * calls it only when CPUID reports PCLMULQDQ (cf_gf192_pclmul_available); the portable comb stays
 * the fallback and the reference, and the card never compiles this code (CF_GF192_PCLMUL is defined
 * for x86-64 GCC/Clang builds only, internal.h).
 *
 * An element's six 32-bit words are three 64-bit words a0 + a1 x^64 + a2 x^128 (little-endian, as
 * in memory). The 384-bit product is the schoolbook sum of the nine 128-bit products a_i b_j at
 * x^(64 (i + j)), added (XOR) into the same unreduced twelve-word accumulator as the portable code.
 * Security: PCLMULQDQ takes the same time for every operand; no branch or table depends on the row.
 */
#include "internal.h"

#ifdef CF_GF192_PCLMUL

#include <immintrin.h>

int cf_gf192_pclmul_available(void)
{
    return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2");
}

__attribute__((target("pclmul,sse2"))) void cf_gf192_mul_acc_words_pclmul(uint32_t acc[12], const uint32_t row[6],
                                                                         const uint32_t chal[6])
{
    const __m128i a01 = _mm_loadu_si128((const __m128i *)row);
    const __m128i a2 = _mm_loadl_epi64((const __m128i *)(row + 4));
    const __m128i b01 = _mm_loadu_si128((const __m128i *)chal);
    const __m128i b2 = _mm_loadl_epi64((const __m128i *)(chal + 4));
    /* The terms at x^0, x^64, x^128, x^192 and x^256; bit 0 of the immediate picks the first
     * operand's high half, bit 4 the second's. */
    const __m128i t0 = _mm_clmulepi64_si128(a01, b01, 0x00);
    const __m128i t1 = _mm_xor_si128(_mm_clmulepi64_si128(a01, b01, 0x10), _mm_clmulepi64_si128(a01, b01, 0x01));
    const __m128i t2 = _mm_xor_si128(_mm_xor_si128(_mm_clmulepi64_si128(a01, b2, 0x00), _mm_clmulepi64_si128(a01, b01, 0x11)),
                                     _mm_clmulepi64_si128(a2, b01, 0x00));
    const __m128i t3 = _mm_xor_si128(_mm_clmulepi64_si128(a01, b2, 0x01), _mm_clmulepi64_si128(a2, b01, 0x10));
    const __m128i t4 = _mm_clmulepi64_si128(a2, b2, 0x00);
    __m128i *out = (__m128i *)acc;
    const __m128i low = _mm_xor_si128(t0, _mm_slli_si128(t1, 8));
    const __m128i middle = _mm_xor_si128(_mm_xor_si128(t2, _mm_srli_si128(t1, 8)), _mm_slli_si128(t3, 8));
    const __m128i high = _mm_xor_si128(t4, _mm_srli_si128(t3, 8));
    _mm_storeu_si128(out, _mm_xor_si128(_mm_loadu_si128(out), low));
    _mm_storeu_si128(out + 1, _mm_xor_si128(_mm_loadu_si128(out + 1), middle));
    _mm_storeu_si128(out + 2, _mm_xor_si128(_mm_loadu_si128(out + 2), high));
}

#else

/* ISO C needs a declaration in every translation unit; this build has no carry-less multiply. */
typedef int cf_gf192_pclmul_absent;

#endif
