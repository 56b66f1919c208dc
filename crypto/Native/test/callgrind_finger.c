/*
 * Instruction-count driver for the fingerprint kernels (count-instructions.sh --finger): one
 * capture through every stage in the pipeline's order. The capture is a raw 192 x 192 frame read
 * from the file given as the first argument, or, without one, a whorl of concentric ridges 9 px
 * apart over the whole window (every block finger: the filter's most work) with seeded noise.
 */
#include "cffinger.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "math_calls.h"

static uint8_t frame[CF_FINGER_FRAME];
static uint8_t foreground[CF_FINGER_BLOCK_COUNT];
static uint8_t kernel_index[CF_FINGER_BLOCK_COUNT];
static float cos2[CF_FINGER_BLOCK_COUNT];
static float sin2[CF_FINGER_BLOCK_COUNT];
static float coherence[CF_FINGER_BLOCK_COUNT];
static float kernels[CF_FINGER_KERNELS];
static uint8_t mx[128], my[128], mtype[128];
static float mangle[128], mrel[128];
static const int32_t minutia_params[CF_MINUTIA_PARAMS] = {10, 6, 9, 24};

static void whorl(void)
{
    uint32_t seed = 1;
    for (int y = 0; y < CF_FINGER_SIDE; y++) {
        for (int x = 0; x < CF_FINGER_SIDE; x++) {
            const double r = sqrt((double)((x - 90) * (x - 90) + (y - 100) * (y - 100)));
            seed = seed * 1664525u + 1013904223u;
            const double v = 128.0 + 90.0 * cos(r * 2.0 * 3.14159265358979 / 9.0) + (double)(seed >> 28) - 8.0;
            frame[y * CF_FINGER_SIDE + x] = (uint8_t)(v < 0 ? 0 : (v > 255 ? 255 : v));
        }
    }
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        FILE *f = fopen(argv[1], "rb");
        if (f == NULL || fread(frame, 1, sizeof frame, f) != sizeof frame) {
            fprintf(stderr, "cannot read a %d-byte frame from %s\n", CF_FINGER_FRAME, argv[1]);
            return 2;
        }
        fclose(f);
    } else {
        whorl();
    }

    float sums[2];
    float period[1];
    /* The sensor driver's 2nd and 98th percentiles (AdcCalibration) of the raw frame. */
    const int32_t ranks[2] = {CF_FINGER_FRAME * 2 / 100, CF_FINGER_FRAME - 1 - CF_FINGER_FRAME * 2 / 100};
    int32_t levels[2];
    cf_finger_percentiles(frame, CF_FINGER_FRAME, ranks, 2, levels);
    /* The resident frame (the card's): one 8-row batch from the driver, the check and the wipe. */
    cf_finger_frame_write(frame, 0, 8);
    cf_finger_frame_is_clear();
    cf_finger_frame_clear();
    math_calls = 0;
    const int stretched = cf_finger_stretch(frame);
    report("cf_finger_stretch");
    cf_finger_blocks(frame, foreground, cos2, sin2, coherence, kernel_index);
    report("cf_finger_blocks");
    const int blocks = cf_finger_gate_sums(frame, foreground, coherence, sums);
    report("cf_finger_gate_sums");
    cf_finger_normalise(frame, foreground);
    report("cf_finger_normalise");
    cf_finger_period(frame, foreground, cos2, sin2, coherence, period);
    report("cf_finger_period");
    cf_finger_gabor(period[0], 4.0f, kernels);
    report("cf_finger_gabor");
    const int ridges = cf_finger_filter(frame, foreground, kernel_index, kernels);
    report("cf_finger_filter");
    const int passes = cf_finger_thin(frame);
    report("cf_finger_thin");
    const int minutiae = cf_finger_minutiae(frame, foreground, cos2, sin2, coherence, minutia_params, mx, my, mtype,
                                            mangle, mrel, 128);
    report("cf_finger_minutiae");
    printf("stretched %d, finger blocks %d, period %.2f, ridge pixels %d, thinning passes %d, minutiae %d\n", stretched,
           blocks, (double)period[0], ridges, passes, minutiae);
    return 0;
}
