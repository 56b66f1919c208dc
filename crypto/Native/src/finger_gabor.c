/*
 * Oriented Gabor filtering (GaborBank.cs, RidgeEnhancer.Filter; Hong, Wan and Jain 1998, section
 * 2.6): 16 even-symmetric 11 x 11 kernels, of which the first 61 taps in row-major order are
 * stored (tap t >= 61 is tap 120 - t: the kernels are point-symmetric); each finger pixel is
 * filtered with its block's kernel and is ridge where the response is negative. The kernels are
 * read from finger_tables.c: one bank per period the estimator can return, at the card's sigma.
 */
#include "finger_internal.h"
#include "finger_tables.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#define RADIUS 5
#define SIDE (2 * RADIUS + 1)
#define FILTER_ROWS (RADIUS + 1)

int cf_finger_gabor(float period, float sigma, float *kernels)
{
    if (sigma != CF_FINGER_GABOR_SIGMA) {
        return -CF_ERR_ARGUMENT;
    }
    for (int i = 0; i < CF_FINGER_GABOR_PERIODS; i++) {
        if (cf_finger_gabor_periods[i] == period) {
            memcpy(kernels, cf_finger_gabor_banks[i], sizeof cf_finger_gabor_banks[i]);
            return 0;
        }
    }
    return -CF_ERR_ARGUMENT;
}

static void write_back(const uint8_t *pending, uint8_t *image, int y)
{
    const int slot = (y % FILTER_ROWS) * FS;
    uint8_t *row = image + y * FS;
    for (int x = 0; x < FS; x++) {
        row[x] = (uint8_t)((pending[(slot + x) >> 3] >> ((slot + x) & 7)) & 1);
    }
}

/* The products of one kernel row with 11 pixels, added one by one in column order (written out:
 * the sum's order is the reference's, and a loop costs a third more instructions here). */
#define ROW_FORWARD(r, k, p)                                                                                \
    do {                                                                                                    \
        r += (k)[0] * (float)(p)[0]; r += (k)[1] * (float)(p)[1]; r += (k)[2] * (float)(p)[2];             \
        r += (k)[3] * (float)(p)[3]; r += (k)[4] * (float)(p)[4]; r += (k)[5] * (float)(p)[5];             \
        r += (k)[6] * (float)(p)[6]; r += (k)[7] * (float)(p)[7]; r += (k)[8] * (float)(p)[8];             \
        r += (k)[9] * (float)(p)[9]; r += (k)[10] * (float)(p)[10];                                        \
    } while (0)

/* The same with the row's taps read backwards from m (a row below the centre: tap t is tap 120 - t). */
#define ROW_MIRRORED(r, m, p)                                                                               \
    do {                                                                                                    \
        r += (m)[0] * (float)(p)[0]; r += (m)[-1] * (float)(p)[1]; r += (m)[-2] * (float)(p)[2];           \
        r += (m)[-3] * (float)(p)[3]; r += (m)[-4] * (float)(p)[4]; r += (m)[-5] * (float)(p)[5];          \
        r += (m)[-6] * (float)(p)[6]; r += (m)[-7] * (float)(p)[7]; r += (m)[-8] * (float)(p)[8];          \
        r += (m)[-9] * (float)(p)[9]; r += (m)[-10] * (float)(p)[10];                                      \
    } while (0)

/* The response of the full kernel at (x, y), its products summed in row-major order. */
static float response_at(const uint8_t *image, int x, int y, const float *kernel)
{
    float response = 0.0f;
    const uint8_t *row = image + (y - RADIUS) * FS + x - RADIUS;
    for (int ky = 0; ky < RADIUS; ky++, row += FS) {
        ROW_FORWARD(response, kernel + ky * SIDE, row);
    }

    /* The centre row: its first six taps stored, the last five mirrored (tap 60 is the centre). */
    const float *c = kernel + RADIUS * SIDE;
    response += c[0] * (float)row[0];
    response += c[1] * (float)row[1];
    response += c[2] * (float)row[2];
    response += c[3] * (float)row[3];
    response += c[4] * (float)row[4];
    response += c[5] * (float)row[5];
    response += c[4] * (float)row[6];
    response += c[3] * (float)row[7];
    response += c[2] * (float)row[8];
    response += c[1] * (float)row[9];
    response += c[0] * (float)row[10];
    row += FS;

    for (int ky = RADIUS + 1; ky < SIDE; ky++, row += FS) {
        ROW_MIRRORED(response, kernel + (SIDE * SIDE) - 1 - ky * SIDE, row);
    }
    return response;
}

/*
 * The filter decides only the sign of each response, so it first takes the response in fixed point,
 * exactly: taps rounded to multiples of 2^-FIXED_SHIFT, the point-symmetric pairs' pixels added first
 * (one product per pair), summed in 32-bit integers. That sum is within the kernel's margin of the
 * float response the reference computes (below); only when it is not farther than the margin from 0
 * does the filter compute the float response itself. So the ridge map is the reference's, bit for bit.
 *
 * Margin, in units of 2^-FIXED_SHIFT, for pixels in [0, 255]:
 *  - rounding the taps: |fixed sum - exact sum| <= 255 x sum over the 121 taps of |tap error|;
 *  - the reference's float sum of 121 rounded products: |float - exact| <= gamma_122 x 255 x sum |tap|
 *    (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 4.2; gamma_n = n u / (1 - n u),
 *    u = 2^-24), bounded by 123 x 2^-24;
 *  - the bound's own float evaluation, covered by an eighth more and one unit.
 * A kernel with a tap of magnitude 2 or more (or not a number) has no fixed form: margin INT32_MAX, so
 * every response of it is the float one (the card's kernels stay under 1.1).
 */
#define FIXED_SHIFT 14
#define FIXED_ONE 16384.0f
#define FIXED_TAP_LIMIT 2.0f

typedef struct {
    int16_t taps[CF_FINGER_KERNELS];
    int32_t margin[CF_FINGER_ORIENTATIONS];
} fixed_bank;

static void fix_bank(const float *kernels, fixed_bank *f)
{
    for (int o = 0; o < CF_FINGER_ORIENTATIONS; o++) {
        const float *k = kernels + o * CF_FINGER_TAPS;
        int16_t *q = f->taps + o * CF_FINGER_TAPS;
        float magnitude = 0.0f;
        float rounding = 0.0f;
        int fits = 1;
        for (int t = 0; t < CF_FINGER_TAPS; t++) {
            if (!(fabsf(k[t]) < FIXED_TAP_LIMIT)) {
                fits = 0;
                q[t] = 0;
                continue;
            }
            q[t] = (int16_t)floorf(k[t] * FIXED_ONE + 0.5f);
            /* Taps 0..59 stand for two taps of the full kernel each, tap 60 (the centre) for one. */
            const float weight = t < CF_FINGER_TAPS - 1 ? 2.0f : 1.0f;
            magnitude += weight * fabsf(k[t]);
            rounding += weight * fabsf((float)q[t] / FIXED_ONE - k[t]);
        }
        const float bound = 255.0f * (rounding + magnitude * (123.0f / 16777216.0f));
        f->margin[o] = fits ? (int32_t)(bound * 1.125f * FIXED_ONE) + 1 : INT32_MAX;
    }
}

/* Pair (ky, kx) of the rows above the centre: tap ky * 11 + kx with its mirror, 10 - kx of the row 10 - ky. */
#define PAIR_ROW(r, q, top, bottom)                                                                         \
    do {                                                                                                    \
        r += (q)[0] * ((top)[0] + (bottom)[10]) + (q)[1] * ((top)[1] + (bottom)[9]);                        \
        r += (q)[2] * ((top)[2] + (bottom)[8]) + (q)[3] * ((top)[3] + (bottom)[7]);                         \
        r += (q)[4] * ((top)[4] + (bottom)[6]) + (q)[5] * ((top)[5] + (bottom)[5]);                         \
        r += (q)[6] * ((top)[6] + (bottom)[4]) + (q)[7] * ((top)[7] + (bottom)[3]);                         \
        r += (q)[8] * ((top)[8] + (bottom)[2]) + (q)[9] * ((top)[9] + (bottom)[1]);                         \
        r += (q)[10] * ((top)[10] + (bottom)[0]);                                                           \
    } while (0)

/* The fixed-point response at (x, y): exact integer arithmetic, so any order of the sum. */
static int32_t fixed_response_at(const uint8_t *image, int x, int y, const int16_t *q)
{
    int32_t r = 0;
    const uint8_t *top = image + (y - RADIUS) * FS + x - RADIUS;
    const uint8_t *bottom = image + (y + RADIUS) * FS + x - RADIUS;
    for (int ky = 0; ky < RADIUS; ky++, top += FS, bottom -= FS) {
        PAIR_ROW(r, q + ky * SIDE, top, bottom);
    }
    const int16_t *c = q + RADIUS * SIDE;
    r += c[0] * (top[0] + top[10]) + c[1] * (top[1] + top[9]) + c[2] * (top[2] + top[8]);
    r += c[3] * (top[3] + top[7]) + c[4] * (top[4] + top[6]) + c[5] * top[5];
    return r;
}

/* Whether (x, y) is ridge: the reference's verdict, response < 0 in its float arithmetic. */
static int is_ridge(const uint8_t *image, int x, int y, const fixed_bank *f, int o, const float *kernels)
{
    const int32_t r = fixed_response_at(image, x, y, f->taps + o * CF_FINGER_TAPS);
    if (r > f->margin[o]) {
        return 0;
    }
    if (r < -f->margin[o]) {
        return 1;
    }
    return response_at(image, x, y, kernels + o * CF_FINGER_TAPS) < 0.0f;
}

int cf_finger_filter(uint8_t *frame, const uint8_t *foreground, const uint8_t *kernel_index, const float *kernels)
{
    for (int b = 0; b < CF_FINGER_BLOCK_COUNT; b++) {
        if (kernel_index[b] >= CF_FINGER_ORIENTATIONS) {
            return -CF_ERR_ARGUMENT;
        }
    }

    fixed_bank fixed;
    fix_bank(kernels, &fixed);

    /* In place: output row y waits (one bit a pixel) until input row y + r is done. */
    uint8_t pending[FILTER_ROWS * FS / 8];
    int ridge_pixels = 0;
    for (int y = 0; y < FS; y++) {
        const int by = y / FBS;
        const int slot = (y % FILTER_ROWS) * FS;
        memset(pending + (slot >> 3), 0, FS >> 3);
        if (y >= RADIUS && y < FS - RADIUS) {
            for (int x = RADIUS; x < FS - RADIUS; x++) {
                const int b = by * FB + x / FBS;
                if (foreground[b] == 0) {
                    continue;
                }
                if (is_ridge(frame, x, y, &fixed, kernel_index[b], kernels)) {
                    pending[(slot + x) >> 3] |= (uint8_t)(1 << ((slot + x) & 7));
                    ridge_pixels++;
                }
            }
        }
        if (y >= RADIUS) {
            write_back(pending, frame, y - RADIUS);
        }
    }

    for (int y = FS - RADIUS; y < FS; y++) {
        write_back(pending, frame, y);
    }
    cf_wipe(pending, sizeof pending);
    cf_wipe(&fixed, sizeof fixed);
    return ridge_pixels;
}
