/*
 * The capture's ridge period (RidgePeriodEstimator.cs; Hong, Wan and Jain 1998, section 2.4,
 * "x-signature"): per coherent finger block, the grey levels of a 32 x 16 window across the ridges
 * averaged along them; the capture's period is the median of the blocks' peak spacings in
 * quarter-pixel bins, clamped to [7, 12], 9 if fewer than 16 blocks give one.
 */
#include "finger_internal.h"

#include <string.h>

#define MIN_COHERENCE 0.5f
#define FALLBACK 9.0f
#define MIN_PERIOD 7.0f
#define MAX_PERIOD 12.0f
#define MIN_BLOCKS 16
#define LENGTH 32
#define WIDTH 16
#define BIN_WIDTH 0.25f
#define LOWEST_PERIOD 4.0f
#define BINS 48

/* Mean spacing of the local maxima and minima of the [1 2 1]-smoothed signature; 0 if none. */
static float peak_spacing(const float *s)
{
    int first_max = -1, last_max = -1, maxima = 0;
    int first_min = -1, last_min = -1, minima = 0;
    float prev = (s[0] * 3.0f + s[1]) / 4.0f;
    float cur = (s[0] + 2.0f * s[1] + s[2]) / 4.0f;
    for (int k = 1; k < LENGTH - 1; k++) {
        const float next = k + 2 < LENGTH ? (s[k] + 2.0f * s[k + 1] + s[k + 2]) / 4.0f : (s[k] + 3.0f * s[k + 1]) / 4.0f;
        if (cur > prev && cur >= next) {
            if (first_max < 0) {
                first_max = k;
            }
            last_max = k;
            maxima++;
        } else if (cur < prev && cur <= next) {
            if (first_min < 0) {
                first_min = k;
            }
            last_min = k;
            minima++;
        }
        prev = cur;
        cur = next;
    }

    const int gaps = (maxima > 1 ? maxima - 1 : 0) + (minima > 1 ? minima - 1 : 0);
    if (gaps == 0) {
        return 0.0f;
    }
    const int span = (maxima > 1 ? last_max - first_max : 0) + (minima > 1 ? last_min - first_min : 0);
    return (float)span / (float)gaps;
}

/* Whether the window's sample (d, k) with along_x[d] = ox, along_y[d] = oy lies inside the frame. */
static int corner_inside(float ox, float oy, float ax, float ay, int k)
{
    const float t = (float)k - (float)LENGTH / 2.0f;
    const int x = (int)(ox - t * ay + 0.5f);
    const int y = (int)(oy + t * ax + 0.5f);
    return x >= 0 && y >= 0 && x < FS && y < FS;
}

int cf_finger_period(const uint8_t *frame, const uint8_t *foreground, const float *cos2, const float *sin2,
                     const float *coherence, float period[1])
{
    float signature[LENGTH];
    float histogram[BINS];
    memset(histogram, 0, sizeof histogram);
    int counted = 0;
    for (int b = 0; b < CF_FINGER_BLOCK_COUNT; b++) {
        if (foreground[b] == 0 || coherence[b] < MIN_COHERENCE) {
            continue;
        }

        float ax;
        float ay;
        cf_finger_direction(sin2[b], cos2[b], &ax, &ay);
        const float cx = (float)((b % FB) * FBS) + (float)FBS / 2.0f;
        const float cy = (float)((b / FB) * FBS) + (float)FBS / 2.0f;
        /* The window's sample (d, k) sits at ((cx + u ax) - t ay + 0.5, (cy + u ay) + t ax + 0.5), u = d - 8,
         * t = k - 16: the reference's operations in its order, the terms that depend on d or k alone
         * taken once per block. */
        float along_x[WIDTH];
        float along_y[WIDTH];
        for (int d = 0; d < WIDTH; d++) {
            const float u = (float)d - (float)WIDTH / 2.0f;
            along_x[d] = cx + u * ax;
            along_y[d] = cy + u * ay;
        }

        /* The reference drops a block as soon as one sample falls outside the frame. Every float
         * operation here rounds monotonically, so a sample's x and y are monotone in d and in k
         * separately (along_x[d] - t ay, along_y[d] + t ax, each step rounded, then truncated):
         * the window's extremes are its four corners, checked once instead of every sample. */
        if (!corner_inside(along_x[0], along_y[0], ax, ay, 0) || !corner_inside(along_x[0], along_y[0], ax, ay, LENGTH - 1) ||
            !corner_inside(along_x[WIDTH - 1], along_y[WIDTH - 1], ax, ay, 0) ||
            !corner_inside(along_x[WIDTH - 1], along_y[WIDTH - 1], ax, ay, LENGTH - 1)) {
            continue;
        }

        /* The reference sums in float; every partial sum is an integer below 16 x 255 < 2^24, exact in
         * float, so an integer sum gives the same signature. */
        for (int k = 0; k < LENGTH; k++) {
            int sum = 0;
            const float t = (float)k - (float)LENGTH / 2.0f;
            const float across_x = t * ay;
            const float across_y = t * ax;
            for (int d = 0; d < WIDTH; d++) {
                const int x = (int)(along_x[d] - across_x + 0.5f);
                const int y = (int)(along_y[d] + across_y + 0.5f);
                sum += frame[y * FS + x];
            }
            signature[k] = (float)sum;
        }

        const float p = peak_spacing(signature);
        if (p < LOWEST_PERIOD) {
            continue;
        }

        const int bin = (int)((p - LOWEST_PERIOD) / BIN_WIDTH);
        if (bin >= BINS) {
            continue;
        }

        histogram[bin] += 1.0f;
        counted++;
    }

    float result = FALLBACK;
    if (counted >= MIN_BLOCKS) {
        const float half = (float)counted / 2.0f;
        float acc = 0.0f;
        for (int i = 0; i < BINS; i++) {
            acc += histogram[i];
            if (acc >= half) {
                result = LOWEST_PERIOD + ((float)i + 0.5f) * BIN_WIDTH;
                break;
            }
        }
    }

    cf_wipe(signature, sizeof signature);
    cf_wipe(histogram, sizeof histogram);
    period[0] = result < MIN_PERIOD ? MIN_PERIOD : (result > MAX_PERIOD ? MAX_PERIOD : result);
    return 0;
}
