/*
 * Oriented Gabor filtering (GaborBank.cs, RidgeEnhancer.Filter; Hong, Wan and Jain 1998, section
 * 2.6): 16 even-symmetric 11 x 11 kernels, of which the first 61 taps in row-major order are
 * stored (tap t >= 61 is tap 120 - t: the kernels are point-symmetric); each finger pixel is
 * filtered with its block's kernel and is ridge where the response is negative.
 */
#include "finger_internal.h"

#include <math.h>
#include <string.h>

#define RADIUS 5
#define SIDE (2 * RADIUS + 1)
#define FILTER_ROWS (RADIUS + 1)

int cf_finger_gabor(float period, float sigma, float *kernels)
{
    const float frequency = 2.0f * FPI / period;
    const float inverse_two_sigma_squared = 1.0f / (2.0f * sigma * sigma);
    for (int o = 0; o < CF_FINGER_ORIENTATIONS; o++) {
        float *k = kernels + o * CF_FINGER_TAPS;
        const float ridge = (float)o * FPI / (float)CF_FINGER_ORIENTATIONS;
        /* The cosine runs across the ridges, i.e. along the normal of the ridge orientation. */
        const float nx = -(float)sin((double)ridge);
        const float ny = (float)cos((double)ridge);
        float sum = 0.0f;
        for (int y = -RADIUS; y <= RADIUS; y++) {
            for (int x = -RADIUS; x <= RADIUS; x++) {
                const float across = (float)x * nx + (float)y * ny;
                const float envelope = (float)exp((double)((float)(-(x * x + y * y)) * inverse_two_sigma_squared));
                const float value = envelope * (float)cos((double)(frequency * across));
                const int tap = (y + RADIUS) * SIDE + x + RADIUS;
                if (tap < CF_FINGER_TAPS) {
                    k[tap] = value;
                }
                sum += value;
            }
        }

        const float mean = sum / (float)(SIDE * SIDE);
        for (int i = 0; i < CF_FINGER_TAPS; i++) {
            k[i] -= mean;
        }
    }
    return 0;
}

static void write_back(const uint8_t *pending, uint8_t *image, int y)
{
    const int slot = (y % FILTER_ROWS) * FS;
    uint8_t *row = image + y * FS;
    for (int x = 0; x < FS; x++) {
        row[x] = (uint8_t)((pending[(slot + x) >> 3] >> ((slot + x) & 7)) & 1);
    }
}

/* The response of the full kernel at (x, y), its products summed in row-major order. */
static float response_at(const uint8_t *image, int x, int y, const float *kernel)
{
    float response = 0.0f;
    for (int ky = 0; ky < SIDE; ky++) {
        const uint8_t *row = image + (y + ky - RADIUS) * FS + x - RADIUS;
        const int kr = ky * SIDE;
        if (ky < RADIUS) {
            const float *kk = kernel + kr;
            for (int kx = 0; kx < SIDE; kx++) {
                response += kk[kx] * (float)row[kx];
            }
        } else if (ky == RADIUS) {
            for (int kx = 0; kx <= RADIUS; kx++) {
                response += kernel[kr + kx] * (float)row[kx];
            }
            for (int kx = RADIUS + 1; kx < SIDE; kx++) {
                response += kernel[(SIDE * SIDE) - 1 - kr - kx] * (float)row[kx];
            }
        } else {
            const float *mirror = kernel + (SIDE * SIDE) - 1 - kr;
            for (int kx = 0; kx < SIDE; kx++) {
                response += mirror[-kx] * (float)row[kx];
            }
        }
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
