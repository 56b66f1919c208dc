/*
 * Generator and check of src/finger_tables.c, the fingerprint kernels' constant tables (README.md
 * "Fingerprint tables"): the values the managed reference computes with .NET's double-precision
 * Math rounded to single, computed here the same way (glibc's cos, exp and atan2, which .NET calls
 * on Linux; every other operation in single precision, -ffp-contract=off), so that the card reads
 * them instead of calling soft-float double routines on every touch.
 *
 *   finger_tables_gen > src/finger_tables.c   writes the tables;
 *   finger_tables_gen --check                  recomputes every entry and compares it, bit for bit,
 *                                              with the tables linked in (exit status 0 when all agree).
 *
 * --check also holds the kernel index's shortcut (cf_finger_kernel_of: a single-precision arc tangent,
 * the double-precision one near a step) to the exact index on random and near-step directions.
 *
 * Tables:
 *  - the Gabor bank (GaborBank.Build) at sigma CF_FINGER_GABOR_SIGMA for every period the period
 *    estimator can return (RidgePeriodEstimator: the quarter-pixel bin centres 4 + (i + 1/2) / 4
 *    inside [7, 12], the bounds 7 and 12, and the fallback 9): 23 banks of 16 x 61 taps;
 *  - the triangle's reference angle atan2(dy, dx) (TripletEncoder.Quantise) for every integer vector
 *    with dy >= 0 and dx^2 + dy^2 < CF_FINGER_ATAN2_RADIUS^2: a side shorter than the code's longest
 *    side at the card's parameters (TripletEncoder.MaxSide = 100); dy < 0 is the negated entry of
 *    -dy (atan2 is odd in y; the check covers those vectors too).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "finger_internal.h"
#include "finger_tables.h"

#define RADIUS 5
#define SIDE (2 * RADIUS + 1)

/* RidgePeriodEstimator's constants (finger_period.c). */
#define MIN_PERIOD 7.0f
#define MAX_PERIOD 12.0f
#define FALLBACK 9.0f
#define BIN_WIDTH 0.25f
#define LOWEST_PERIOD 4.0f
#define BINS 48

static float periods[CF_FINGER_GABOR_PERIODS];
static float banks[CF_FINGER_GABOR_PERIODS][CF_FINGER_KERNELS];
static float angles[CF_FINGER_ATAN2_ENTRIES];
static int row_start[CF_FINGER_ATAN2_RADIUS];
static int row_half_width[CF_FINGER_ATAN2_RADIUS];

/* Every value finger_period.c can return, ascending; the count found. */
static int list_periods(float *out)
{
    int n = 0;
    float candidates[BINS + 1];
    for (int i = 0; i < BINS; i++) {
        const float p = LOWEST_PERIOD + ((float)i + 0.5f) * BIN_WIDTH;
        candidates[i] = p < MIN_PERIOD ? MIN_PERIOD : (p > MAX_PERIOD ? MAX_PERIOD : p);
    }
    candidates[BINS] = FALLBACK;
    for (int i = 0; i <= BINS; i++) {
        int seen = 0;
        for (int j = 0; j < n; j++) {
            seen |= out[j] == candidates[i];
        }
        if (!seen) {
            if (n == CF_FINGER_GABOR_PERIODS) {
                return n + 1;
            }
            out[n++] = candidates[i];
        }
    }
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && out[j - 1] > out[j]; j--) {
            const float t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    }
    return n;
}

/* GaborBank.Build, operation for operation. */
static void gabor(float period, float sigma, float *kernels)
{
    const float frequency = 2.0f * FPI / period;
    const float inverse_two_sigma_squared = 1.0f / (2.0f * sigma * sigma);
    for (int o = 0; o < CF_FINGER_ORIENTATIONS; o++) {
        float *k = kernels + o * CF_FINGER_TAPS;
        const float ridge = (float)o * FPI / (float)CF_FINGER_ORIENTATIONS;
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
}

static float reference_angle(int dy, int dx)
{
    return (float)atan2((double)dy, (double)dx);
}

/* Fills the tables; 0 when the sizes in finger_tables.h are right. */
static int compute(void)
{
    if (list_periods(periods) != CF_FINGER_GABOR_PERIODS) {
        fprintf(stderr, "finger_tables: the period estimator has other than %d values\n", CF_FINGER_GABOR_PERIODS);
        return 1;
    }
    for (int i = 0; i < CF_FINGER_GABOR_PERIODS; i++) {
        gabor(periods[i], CF_FINGER_GABOR_SIGMA, banks[i]);
    }
    int at = 0;
    for (int dy = 0; dy < CF_FINGER_ATAN2_RADIUS; dy++) {
        int w = 0;
        while ((w + 1) * (w + 1) + dy * dy < CF_FINGER_ATAN2_RADIUS * CF_FINGER_ATAN2_RADIUS) {
            w++;
        }
        row_start[dy] = at + w;
        row_half_width[dy] = w;
        for (int dx = -w; dx <= w; dx++) {
            if (at == CF_FINGER_ATAN2_ENTRIES) {
                fprintf(stderr, "finger_tables: more than %d arc tangents\n", CF_FINGER_ATAN2_ENTRIES);
                return 1;
            }
            angles[at++] = reference_angle(dy, dx);
        }
    }
    if (at != CF_FINGER_ATAN2_ENTRIES) {
        fprintf(stderr, "finger_tables: %d arc tangents, not %d\n", at, CF_FINGER_ATAN2_ENTRIES);
        return 1;
    }
    return 0;
}

static void print_floats(const float *v, int n)
{
    for (int i = 0; i < n; i++) {
        printf("%s%a", i % 6 == 0 ? "\n    " : " ", (double)v[i]);
        printf(i + 1 < n ? "f," : "f");
    }
}

static void print_ints(const int *v, int n)
{
    for (int i = 0; i < n; i++) {
        printf("%s%d%s", i % 12 == 0 ? "\n    " : " ", v[i], i + 1 < n ? "," : "");
    }
}

static void write_tables(void)
{
    printf("/* Generated by test/finger_tables_gen.c (README.md \"Fingerprint tables\"); do not edit. */\n");
    printf("#include \"finger_tables.h\"\n\n");
    printf("const float cf_finger_gabor_periods[CF_FINGER_GABOR_PERIODS] = {");
    print_floats(periods, CF_FINGER_GABOR_PERIODS);
    printf("};\n\nconst float cf_finger_gabor_banks[CF_FINGER_GABOR_PERIODS][CF_FINGER_KERNELS] = {");
    for (int i = 0; i < CF_FINGER_GABOR_PERIODS; i++) {
        printf("\n  {");
        print_floats(banks[i], CF_FINGER_KERNELS);
        printf("}%s", i + 1 < CF_FINGER_GABOR_PERIODS ? "," : "");
    }
    printf("};\n\nconst uint16_t cf_finger_atan2_row_start[CF_FINGER_ATAN2_RADIUS] = {");
    print_ints(row_start, CF_FINGER_ATAN2_RADIUS);
    printf("};\n\nconst uint8_t cf_finger_atan2_half_width[CF_FINGER_ATAN2_RADIUS] = {");
    print_ints(row_half_width, CF_FINGER_ATAN2_RADIUS);
    printf("};\n\nconst float cf_finger_atan2_angles[CF_FINGER_ATAN2_ENTRIES] = {");
    print_floats(angles, CF_FINGER_ATAN2_ENTRIES);
    printf("};\n");
}

static int same(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Every table entry against the recomputed value, and the lookups the kernels use. */
static int check(void)
{
    long differ = 0, checked = 0;
    for (int i = 0; i < CF_FINGER_GABOR_PERIODS; i++) {
        differ += !same(periods[i], cf_finger_gabor_periods[i]);
        for (int t = 0; t < CF_FINGER_KERNELS; t++) {
            differ += !same(banks[i][t], cf_finger_gabor_banks[i][t]);
        }
        float kernels[CF_FINGER_KERNELS];
        differ += cf_finger_gabor(periods[i], CF_FINGER_GABOR_SIGMA, kernels) != 0 ||
                  memcmp(kernels, banks[i], sizeof kernels) != 0;
        checked += 1 + 2 * CF_FINGER_KERNELS;
    }
    for (int dy = 0; dy < CF_FINGER_ATAN2_RADIUS; dy++) {
        differ += row_start[dy] != cf_finger_atan2_row_start[dy] || row_half_width[dy] != cf_finger_atan2_half_width[dy];
    }
    for (int i = 0; i < CF_FINGER_ATAN2_ENTRIES; i++) {
        differ += !same(angles[i], cf_finger_atan2_angles[i]);
    }
    /* Every integer vector of the kernels' range through the lookup, both signs of dy; outside the
     * disk the lookup falls back to the double-precision function, which the wider square covers. */
    for (int dy = -CF_FINGER_ATAN2_RADIUS - 2; dy <= CF_FINGER_ATAN2_RADIUS + 2; dy++) {
        for (int dx = -CF_FINGER_ATAN2_RADIUS - 2; dx <= CF_FINGER_ATAN2_RADIUS + 2; dx++) {
            differ += !same(cf_finger_reference_angle(dy, dx), reference_angle(dy, dx));
            checked++;
        }
    }
    printf("finger tables: %ld values checked, %ld differ\n", checked + CF_FINGER_ATAN2_ENTRIES, differ);
    return differ == 0 ? 0 : 1;
}

/* The index GaborBank.IndexOf(Angles.HalfAngle(sin2, cos2)) computes, with the double-precision arc tangent. */
static int exact_kernel(float sin2, float cos2)
{
    const int i = (int)(cf_finger_half_angle(sin2, cos2) * (float)CF_FINGER_ORIENTATIONS / FPI + 0.5f);
    return i >= CF_FINGER_ORIENTATIONS ? i - CF_FINGER_ORIENTATIONS : i;
}

/*
 * cf_finger_kernel_of against the exact index: 2,000,000 random unit-ish vectors of random length,
 * then, at each of the 32 steps of the doubled angle, the 20,001 single-precision neighbours of the
 * step's direction on the unit circle (where the shortcut must hand over to the exact arc tangent).
 */
static int check_kernel_index(void)
{
    long differ = 0, checked = 0;
    uint32_t state = 0x9E3779B9u;
    for (long n = 0; n < 2000000; n++) {
        state = state * 1664525u + 1013904223u;
        const float c = (float)((int32_t)state) / 2147483648.0f;
        state = state * 1664525u + 1013904223u;
        const float s = (float)((int32_t)state) / 2147483648.0f;
        differ += cf_finger_kernel_of(s, c) != exact_kernel(s, c);
        checked++;
    }
    for (int k = 0; k < 2 * CF_FINGER_ORIENTATIONS; k++) {
        const double step = ((double)k + 0.5) * 3.14159265358979323846 / CF_FINGER_ORIENTATIONS;
        const float c0 = (float)cos(step);
        const float s0 = (float)sin(step);
        float c = c0;
        float s = s0;
        for (int i = 0; i < 10000; i++) {
            c = nextafterf(c, 2.0f);
            s = nextafterf(s, -2.0f);
        }
        for (int i = -10000; i <= 10000; i++) {
            differ += cf_finger_kernel_of(s, c) != exact_kernel(s, c);
            checked++;
            c = nextafterf(c, -2.0f);
            s = nextafterf(s, 2.0f);
        }
    }
    printf("finger kernel index: %ld directions checked, %ld differ\n", checked, differ);
    return differ == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (compute() != 0) {
        return 1;
    }
    if (argc > 1 && strcmp(argv[1], "--check") == 0) {
        return check() | check_kernel_index();
    }
    write_tables();
    return 0;
}
