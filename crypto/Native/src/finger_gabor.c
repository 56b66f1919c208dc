/*
 * Oriented Gabor filtering (GaborBank.cs, RidgeEnhancer.Filter; Hong, Wan and Jain 1998, section
 * 2.6): 16 even-symmetric 11 x 11 kernels, of which the first 61 taps in row-major order are
 * stored (tap t >= 61 is tap 120 - t: the kernels are point-symmetric); each finger pixel is
 * filtered with its block's kernel and is ridge where the response is negative. The kernels are
 * read from finger_tables.c: one bank per period the estimator can return, at the card's sigma.
 */
#include "finger_internal.h"
#include "finger_tables.h"

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

int cf_finger_filter(uint8_t *frame, const uint8_t *foreground, const uint8_t *kernel_index, const float *kernels)
{
    for (int b = 0; b < CF_FINGER_BLOCK_COUNT; b++) {
        if (kernel_index[b] >= CF_FINGER_ORIENTATIONS) {
            return -CF_ERR_ARGUMENT;
        }
    }

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
                if (response_at(frame, x, y, kernels + kernel_index[b] * CF_FINGER_TAPS) < 0.0f) {
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
    return ridge_pixels;
}
