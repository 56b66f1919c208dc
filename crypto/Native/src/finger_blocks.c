/*
 * Fingerprint kernels before the filter: the contrast stretch (ContrastStretch.cs), the block
 * analysis (BlockAnalysis.cs: statistics, segmentation, orientation and its smoothing), the quality
 * gate's block sums (QualityGate.cs) and the block normalisation (RidgeEnhancer.Normalise).
 * Each follows its managed reference operation for operation (cffinger.h).
 */
#include "finger_internal.h"

#include <math.h>
#include <string.h>

#define TAIL_PERCENT 2
#define MIN_SPREAD 96
#define TARGET_SPREAD 176
#define MAX_GAIN 4
#define MIN_FOREGROUND_STD 14.0f
#define MAX_FOREGROUND_MEAN 235.0f
#define SMOOTH_RADIUS 2
#define SMOOTH_ROWS (SMOOTH_RADIUS + 1)
#define NORMALISED_MID 128
#define NORMALISED_SCALE 40.0f

static int percentile(const uint16_t *histogram, int rank)
{
    int seen = 0;
    for (int level = 0; level < 256; level++) {
        seen += histogram[level];
        if (seen > rank) {
            return level;
        }
    }
    return 255;
}

int cf_finger_stretch(uint8_t *frame)
{
    uint16_t histogram[256];
    memset(histogram, 0, sizeof histogram);
    for (int i = 0; i < CF_FINGER_FRAME; i++) {
        histogram[frame[i]]++;
    }

    const int tail = CF_FINGER_FRAME * TAIL_PERCENT / 100;
    const int dark = percentile(histogram, tail);
    const int white = percentile(histogram, CF_FINGER_FRAME - 1 - tail);
    cf_wipe(histogram, sizeof histogram);
    const int spread = white - dark;
    if (spread >= MIN_SPREAD) {
        return 0;
    }

    const int divisor = spread * MAX_GAIN >= TARGET_SPREAD ? spread : (TARGET_SPREAD + MAX_GAIN - 1) / MAX_GAIN;
    for (int i = 0; i < CF_FINGER_FRAME; i++) {
        const int depth = white - frame[i];
        const int v = 255 - (depth * TARGET_SPREAD + divisor / 2) / divisor;
        frame[i] = (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
    }
    return 1;
}

/* The mean and deviation from a window's integer sums (the reference's float operations, in its order). */
static void moments(int sum, int squares, int n, float *mean, float *std)
{
    const float m = (float)sum / (float)n;
    const float variance = (float)squares / (float)n - m * m;
    *mean = m;
    /* sqrtf is correctly rounded, so it equals the reference's (float)Math.Sqrt((double)variance). */
    *std = variance > 0.0f ? sqrtf(variance) : 0.0f;
}

/*
 * BlockAnalysis.Statistics (mean and deviation of the 16 x 16 window around a block) of the 24 blocks
 * of block row by at once: the window rows' column sums are
 * taken once (integers, so the same sums in any order), then each window adds its 16 (or, at the
 * frame's edge, 12) columns; a pixel is read once per block row instead of up to four times.
 */
static void row_statistics(const uint8_t *image, int by, float *means, float *deviations)
{
    uint32_t column_sum[FS];
    uint32_t column_squares[FS];
    const int y0 = cf_finger_clamp(by * FBS - FMARGIN, 0, FS);
    const int y1 = cf_finger_clamp((by + 1) * FBS + FMARGIN, 0, FS);
    memset(column_sum, 0, sizeof column_sum);
    memset(column_squares, 0, sizeof column_squares);
    for (int y = y0; y < y1; y++) {
        const uint8_t *row = image + y * FS;
        for (int x = 0; x < FS; x++) {
            const uint32_t v = row[x];
            column_sum[x] += v;
            column_squares[x] += v * v;
        }
    }

    for (int bx = 0; bx < FB; bx++) {
        const int x0 = cf_finger_clamp(bx * FBS - FMARGIN, 0, FS);
        const int x1 = cf_finger_clamp((bx + 1) * FBS + FMARGIN, 0, FS);
        uint32_t sum = 0;
        uint32_t squares = 0;
        for (int x = x0; x < x1; x++) {
            sum += column_sum[x];
            squares += column_squares[x];
        }
        moments((int)sum, (int)squares, (x1 - x0) * (y1 - y0), &means[bx], &deviations[bx]);
    }

    cf_wipe(column_sum, sizeof column_sum);
    cf_wipe(column_squares, sizeof column_squares);
}

float cf_finger_half_angle(float sin2, float cos2)
{
    float theta = 0.5f * CF_FINGER_ATAN2(sin2, cos2);
    while (theta < 0.0f) {
        theta += FPI;
    }
    while (theta >= FPI) {
        theta -= FPI;
    }
    return theta;
}

static int kernel_of(float theta)
{
    const int i = (int)(theta * (float)CF_FINGER_ORIENTATIONS / FPI + 0.5f);
    return i >= CF_FINGER_ORIENTATIONS ? i - CF_FINGER_ORIENTATIONS : i;
}

void cf_finger_direction(float sin2, float cos2, float *cos_theta, float *sin_theta)
{
    const float r = sqrtf(cos2 * cos2 + sin2 * sin2);
    if (r == 0.0f) {
        *cos_theta = 1.0f;
        *sin_theta = 0.0f;
        return;
    }
    const float c = cos2 / r;
    const float s = sin2 / r;
    if (c >= 0.0f) {
        const float h = sqrtf((1.0f + c) * 0.5f);
        *cos_theta = s >= 0.0f ? h : -h;
        *sin_theta = s / (2.0f * *cos_theta);
    } else {
        *sin_theta = sqrtf((1.0f - c) * 0.5f);
        *cos_theta = s / (2.0f * *sin_theta);
    }
}

/*
 * atan2(y, x) within 1.1e-5 radians: Abramowitz and Stegun 4.4.49 (|error| <= 1e-5 on [0, 1]) on
 * the octant's ratio, then the octant's symmetries, in single precision.
 */
static float approximate_atan2(float y, float x)
{
    const float ax = fabsf(x);
    const float ay = fabsf(y);
    if (ax == 0.0f && ay == 0.0f) {
        return 0.0f;
    }
    const int steep = ay > ax;
    const float r = steep ? ax / ay : ay / ax;
    const float r2 = r * r;
    float a = r * (0.9998660f + r2 * (-0.3302995f + r2 * (0.1801410f + r2 * (-0.0851330f + r2 * 0.0208351f))));
    if (steep) {
        a = 0.5f * FPI - a;
    }
    if (x < 0.0f) {
        a = FPI - a;
    }
    return y < 0.0f ? -a : a;
}

/*
 * How close (in steps of the index) the approximate index may come to a step before the exact one is
 * taken: 1.1e-5 radians of arc tangent move it by 16 / pi / 2 x 1.1e-5 < 3e-5, plus the rounding of a
 * few single-precision operations near 16 (below 1e-5); the margin is some 25 times that.
 */
#define KERNEL_STEP_MARGIN 1e-3f

int cf_finger_kernel_of(float sin2, float cos2)
{
    float theta = 0.5f * approximate_atan2(sin2, cos2);
    while (theta < 0.0f) {
        theta += FPI;
    }
    while (theta >= FPI) {
        theta -= FPI;
    }
    const float v = theta * (float)CF_FINGER_ORIENTATIONS / FPI + 0.5f;
    const float step = (float)(int)(v + 0.5f);
    if (fabsf(v - step) < KERNEL_STEP_MARGIN) {
        return kernel_of(cf_finger_half_angle(sin2, cos2));
    }
    const int i = (int)v;
    return i >= CF_FINGER_ORIENTATIONS ? i - CF_FINGER_ORIENTATIONS : i;
}

static void segment(const uint8_t *image, uint8_t *foreground, uint8_t *mask)
{
    float means[FB];
    float deviations[FB];
    for (int by = 0; by < FB; by++) {
        row_statistics(image, by, means, deviations);
        for (int bx = 0; bx < FB; bx++) {
            mask[by * FB + bx] = (uint8_t)(deviations[bx] >= MIN_FOREGROUND_STD && means[bx] <= MAX_FOREGROUND_MEAN ? 1 : 0);
        }
    }
    cf_wipe(means, sizeof means);
    cf_wipe(deviations, sizeof deviations);

    /* One 3 x 3 majority vote removes isolated specks and fills pin holes. */
    for (int by = 0; by < FB; by++) {
        for (int bx = 0; bx < FB; bx++) {
            int votes = 0;
            int cells = 0;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    const int yy = by + dy;
                    const int xx = bx + dx;
                    if (yy >= 0 && yy < FB && xx >= 0 && xx < FB) {
                        votes += mask[yy * FB + xx];
                        cells++;
                    }
                }
            }
            foreground[by * FB + bx] = (uint8_t)(2 * votes > cells ? 1 : 0);
        }
    }
}

/*
 * One pixel row's gradient terms (Sobel gx, gy as floats: gx^2 - gy^2, 2 gx gy, gx^2 + gy^2) for
 * columns 1..190, the three sums a block's window adds up.
 */
static void row_terms(const uint8_t *image, int y, float *gxx, float *gxy, float *energy)
{
    for (int x = 1; x < FS - 1; x++) {
        const uint8_t *p = image + y * FS + x;
        const int a = p[-FS - 1];
        const int c = p[-FS + 1];
        const int g = p[FS - 1];
        const int i = p[FS + 1];
        /* Sobel operator. */
        const int gx = (c + 2 * p[1] + i) - (a + 2 * p[-1] + g);
        const int gy = (g + 2 * p[FS] + i) - (a + 2 * p[-FS] + c);
        const float fx = (float)gx;
        const float fy = (float)gy;
        gxx[x] = fx * fx - fy * fy;
        gxy[x] = 2.0f * fx * fy;
        energy[x] = fx * fx + fy * fy;
    }
}

/* Window rows [y0, y1) of block row by, as the reference clamps them (the Sobel operator needs a border). */
static int window_top(int by)
{
    return cf_finger_clamp(by * FBS - FMARGIN, 1, FS - 1);
}

static int window_bottom(int by)
{
    return cf_finger_clamp((by + 1) * FBS + FMARGIN, 1, FS - 1);
}

/* Block row by's orientation and coherence from its windows' sums (the reference's operations), and the sums cleared. */
static void finish_row(const uint8_t *foreground, int by, float *sum_gxx, float *sum_gxy, float *sum_energy, float *cos2,
                       float *sin2, float *coherence)
{
    for (int bx = 0; bx < FB; bx++) {
        const int b = by * FB + bx;
        cos2[b] = 0.0f;
        sin2[b] = 0.0f;
        coherence[b] = 0.0f;
        const float gxx = sum_gxx[bx];
        const float gxy = sum_gxy[bx];
        const float energy = sum_energy[bx];
        sum_gxx[bx] = 0.0f;
        sum_gxy[bx] = 0.0f;
        sum_energy[bx] = 0.0f;
        if (foreground[b] == 0) {
            continue;
        }
        const float magnitude = sqrtf(gxx * gxx + gxy * gxy);
        if (energy > 0.0f && magnitude > 0.0f) {
            coherence[b] = magnitude / energy;
            cos2[b] = gxx / magnitude;
            sin2[b] = gxy / magnitude;
        }
    }
}

/*
 * The least-squares doubled-angle gradient of every finger block's window. Neighbouring block rows'
 * windows overlap by half, so each pixel row's terms are taken once and added to the windows of the
 * (at most two) block rows that hold the row; each block still adds its own terms row by row,
 * column by column, in the reference's order. Block rows by and by + 2 share a slot of sums: by's
 * window ends (and its results are taken) at the row where by + 2's begins.
 */
static void gradients(const uint8_t *image, const uint8_t *foreground, float *cos2, float *sin2, float *coherence)
{
    float row_gxx[FS];
    float row_gxy[FS];
    float row_energy[FS];
    float sums[2][3][FB];
    uint8_t any[FB];
    for (int by = 0; by < FB; by++) {
        any[by] = 0;
        for (int bx = 0; bx < FB; bx++) {
            any[by] |= foreground[by * FB + bx];
        }
    }
    memset(sums, 0, sizeof sums);
    int finished = 0; /* block rows 0 .. finished - 1 have their results */
    for (int y = 1; y < FS - 1; y++) {
        while (finished < FB && window_bottom(finished) <= y) {
            finish_row(foreground, finished, sums[finished % 2][0], sums[finished % 2][1], sums[finished % 2][2], cos2,
                       sin2, coherence);
            finished++;
        }

        const int last = (y + FMARGIN) / FBS < FB - 1 ? (y + FMARGIN) / FBS : FB - 1;
        const int lo = last - 1 < 0 ? 0 : last - 1;
        int needed = 0;
        for (int by = lo; by <= last; by++) {
            needed |= any[by] && y >= window_top(by) && y < window_bottom(by);
        }
        if (!needed) {
            continue;
        }

        row_terms(image, y, row_gxx, row_gxy, row_energy);
        for (int by = lo; by <= last; by++) {
            if (!any[by] || y < window_top(by) || y >= window_bottom(by)) {
                continue;
            }
            float *sum_gxx = sums[by % 2][0];
            float *sum_gxy = sums[by % 2][1];
            float *sum_energy = sums[by % 2][2];
            for (int bx = 0; bx < FB; bx++) {
                if (foreground[by * FB + bx] == 0) {
                    continue;
                }
                const int x0 = cf_finger_clamp(bx * FBS - FMARGIN, 1, FS - 1);
                const int x1 = cf_finger_clamp((bx + 1) * FBS + FMARGIN, 1, FS - 1);
                float gxx = sum_gxx[bx];
                float gxy = sum_gxy[bx];
                float energy = sum_energy[bx];
                for (int x = x0; x < x1; x++) {
                    gxx += row_gxx[x];
                    gxy += row_gxy[x];
                    energy += row_energy[x];
                }
                sum_gxx[bx] = gxx;
                sum_gxy[bx] = gxy;
                sum_energy[bx] = energy;
            }
        }
    }
    while (finished < FB) {
        finish_row(foreground, finished, sums[finished % 2][0], sums[finished % 2][1], sums[finished % 2][2], cos2, sin2,
                   coherence);
        finished++;
    }

    cf_wipe(row_gxx, sizeof row_gxx);
    cf_wipe(row_gxy, sizeof row_gxy);
    cf_wipe(row_energy, sizeof row_energy);
    cf_wipe(sums, sizeof sums);
}

/*
 * Coherence-weighted 5 x 5 average of the gradient vectors, turned into the ridge direction; in
 * place, each smoothed row held back (as in the reference) until its input rows are no longer read.
 */
static void smooth(const uint8_t *foreground, float *cos2, float *sin2, const float *coherence, uint8_t *kernel_index)
{
    float pending_cos[SMOOTH_ROWS * FB];
    float pending_sin[SMOOTH_ROWS * FB];
    for (int by = 0; by < FB + SMOOTH_RADIUS; by++) {
        if (by < FB) {
            const int slot = (by % SMOOTH_ROWS) * FB;
            for (int bx = 0; bx < FB; bx++) {
                const int b = by * FB + bx;
                float c = 0.0f;
                float s = 0.0f;
                if (foreground[b] != 0) {
                    for (int dy = -SMOOTH_RADIUS; dy <= SMOOTH_RADIUS; dy++) {
                        for (int dx = -SMOOTH_RADIUS; dx <= SMOOTH_RADIUS; dx++) {
                            const int yy = by + dy;
                            const int xx = bx + dx;
                            if (yy >= 0 && yy < FB && xx >= 0 && xx < FB) {
                                const int n = yy * FB + xx;
                                const float weight = coherence[n];
                                c += weight * cos2[n];
                                s += weight * sin2[n];
                            }
                        }
                    }
                }

                const float norm = sqrtf(c * c + s * s);
                if (norm > 0.0f) {
                    pending_cos[slot + bx] = -c / norm;
                    pending_sin[slot + bx] = -s / norm;
                    kernel_index[b] = (uint8_t)cf_finger_kernel_of(-s, -c);
                } else {
                    pending_cos[slot + bx] = 0.0f;
                    pending_sin[slot + bx] = 0.0f;
                    kernel_index[b] = (uint8_t)kernel_of(0.0f);
                }
            }
        }

        if (by >= SMOOTH_RADIUS) {
            const int done = by - SMOOTH_RADIUS;
            const int slot = (done % SMOOTH_ROWS) * FB;
            memcpy(cos2 + done * FB, pending_cos + slot, FB * sizeof(float));
            memcpy(sin2 + done * FB, pending_sin + slot, FB * sizeof(float));
        }
    }

    cf_wipe(pending_cos, sizeof pending_cos);
    cf_wipe(pending_sin, sizeof pending_sin);
}

int cf_finger_blocks(const uint8_t *frame, uint8_t *foreground, float *cos2, float *sin2, float *coherence,
                     uint8_t *kernel_index)
{
    /* The threshold mask borrows the kernel indices, which the smoothing fills later. */
    segment(frame, foreground, kernel_index);
    gradients(frame, foreground, cos2, sin2, coherence);
    smooth(foreground, cos2, sin2, coherence, kernel_index);
    return 0;
}

int cf_finger_gate_sums(const uint8_t *frame, const uint8_t *foreground, const float *coherence, float sums[2])
{
    int count = 0;
    float contrast = 0.0f;
    float coherent = 0.0f;
    float means[FB];
    float deviations[FB];
    for (int by = 0; by < FB; by++) {
        int any = 0;
        for (int bx = 0; bx < FB; bx++) {
            any |= foreground[by * FB + bx];
        }
        if (!any) {
            continue;
        }
        row_statistics(frame, by, means, deviations);
        for (int bx = 0; bx < FB; bx++) {
            const int b = by * FB + bx;
            if (foreground[b] != 0) {
                count++;
                contrast += deviations[bx];
                coherent += coherence[b];
            }
        }
    }
    cf_wipe(means, sizeof means);
    cf_wipe(deviations, sizeof deviations);
    sums[0] = contrast;
    sums[1] = coherent;
    return count;
}

static void take_statistics(const uint8_t *image, int by, float *means, float *deviations)
{
    const int slot = (by % 2) * FB;
    row_statistics(image, by, means + slot, deviations + slot);
}

int cf_finger_normalise(uint8_t *frame, const uint8_t *foreground)
{
    /* A block's window reaches 4 rows into its neighbours, so block row by + 1's statistics are
     * taken before block row by is rewritten, and two block rows of them are kept. */
    float means[2 * FB];
    float deviations[2 * FB];
    take_statistics(frame, 0, means, deviations);
    for (int by = 0; by < FB; by++) {
        if (by + 1 < FB) {
            take_statistics(frame, by + 1, means, deviations);
        }

        const int slot = (by % 2) * FB;
        for (int y = by * FBS; y < (by + 1) * FBS; y++) {
            for (int x = 0; x < FS; x++) {
                const int bx = x / FBS;
                const int p = y * FS + x;
                const float std = deviations[slot + bx];
                if (foreground[by * FB + bx] == 0 || std <= 0.0f) {
                    frame[p] = NORMALISED_MID;
                    continue;
                }

                const float v = (float)NORMALISED_MID + NORMALISED_SCALE * ((float)frame[p] - means[slot + bx]) / std;
                frame[p] = (uint8_t)(v < 0.0f ? 0 : (v > 255.0f ? 255 : (int)v));
            }
        }
    }

    cf_wipe(means, sizeof means);
    cf_wipe(deviations, sizeof deviations);
    return 0;
}
