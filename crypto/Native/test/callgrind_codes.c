/*
 * Instruction-count driver for the stages after the skeleton (cffinger.h cf_finger_codes ... ):
 * each entry point once on an input at the top of what the card gives it, at the card's parameters
 * (firmware/Biometrics TripletEncoder, FuzzyVault): 24 minutiae packed so that every triangle is in
 * range, tolerant, against the 4,096-code cap (the fitting loop drops minutiae); one 64-point window
 * scanned against 4,096 codes; one 2,048-byte chaff block into a vault of 1,600 of 1,700 points (each
 * new code compared with every point); the 1,700-point sort; 400 genuine points of a K = 22 polynomial;
 * one decoding of the largest attempt (K + 2 MaxErrors = ATTEMPT points, MaxErrors of them wrong).
 */
#include "cffinger.h"
#include "math_calls.h"

#include <stdio.h>
#include <string.h>

static const int32_t params[CF_CODE_PARAMS] = {12, 100, 7, 32, 4};
static const float tolerances[CF_CODE_TOLERANCES] = {0.35f, 3.0f};

static uint8_t codes[3 * 8192];
#define VAULT 1700
#define GENUINE 400
#define K 22
#ifndef MAX_ERRORS
#define MAX_ERRORS 6
#endif
#define ATTEMPT (K + 2 * MAX_ERRORS)

static uint32_t xs[VAULT];
static uint32_t ys[VAULT];
static uint8_t random_block[2048];
static uint32_t work[9 * ATTEMPT + 5];
static uint32_t decoded[K];

static uint32_t seed = 1;

static uint32_t next(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed;
}

int main(void)
{
    uint8_t mx[24], my[24], mtype[24];
    float mangle[24], mrel[24];
    int32_t count = 24;
    uint8_t points[64 * 7];
    int32_t last_x = -1;
    uint16_t unlocked[256];
    uint32_t coefficients[K];
    int32_t tries = 0;
    int i;
    for (i = 0; i < 24; i++) {
        mx[i] = (uint8_t)(40 + (i % 5) * 15 + (next() >> 29));
        my[i] = (uint8_t)(40 + (i / 5) * 15 + (next() >> 29));
        mtype[i] = 1;
        mangle[i] = (float)(next() >> 8) / 16777216.0f * 6.2831853f;
        mrel[i] = (float)(next() >> 8) / 16777216.0f;
    }
    math_calls = 0;
    const int unique = cf_finger_codes(mx, my, mtype, mangle, mrel, &count, 1, params, tolerances, codes, 4096);
    report("cf_finger_codes");

    /* One helper-data window (HelperData.WindowPoints = 64), well formed so that every point is checked. */
    for (i = 0; i < 64 * 7; i++) {
        points[i] = (uint8_t)next();
    }
    for (i = 0; i < 64; i++) {
        points[7 * i] = (uint8_t)(i * 4);
        points[7 * i + 3] &= 0x7F;
    }
    const int checked = cf_finger_check_points(points, 64, &last_x);
    const int matched = cf_finger_match(codes, 4096, points, 64, 0, unlocked, 0, 256);

    for (i = 0; i < VAULT; i++) {
        xs[i] = next() >> 8;
        ys[i] = next() >> 1;
    }
    for (i = 0; i < (int)sizeof random_block; i++) {
        random_block[i] = (uint8_t)(next() >> 24);
    }
    const int filled = cf_finger_chaff(random_block, (int32_t)sizeof random_block, 192, params, tolerances, xs, ys, VAULT - 100,
                                       VAULT, &tries, 64 * VAULT);
    cf_finger_sort_points(xs, ys, VAULT);
    for (i = 0; i < K; i++) {
        coefficients[i] = next() >> 1;
    }
    cf_finger_vault_evaluate(coefficients, K, xs, ys, GENUINE);
    for (i = 0; i < MAX_ERRORS; i++) {
        ys[i * 5] ^= 1;
    }
    const int decodes = cf_finger_rs_decode(xs, ys, ATTEMPT, K, work, 9 * ATTEMPT + 5, decoded);
    printf("codes %d (minutiae left %d), window check %d, matched %d, chaff to %d in %d tries, decoded %d\n", unique, (int)count, checked, matched,
           filled, (int)tries, decodes);
    return 0;
}
