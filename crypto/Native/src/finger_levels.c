/*
 * The sensor driver's grey-level percentiles (drivers/Fpc1020 AdcCalibration, ManagedGreyLevelPercentiles):
 * one histogram of the frame, then the rank-th level of each rank asked for. Integer only.
 */
#include "finger_internal.h"

#include <string.h>

int cf_finger_percentiles(const uint8_t *frame, int32_t count, const int32_t *ranks, int32_t rank_count, int32_t *levels)
{
    uint32_t histogram[256];
    if (frame == NULL || ranks == NULL || levels == NULL || count < 0 || rank_count < 0 ||
        rank_count > CF_PERCENTILE_RANKS) {
        return -CF_ERR_ARGUMENT;
    }

    memset(histogram, 0, sizeof histogram);
    for (int32_t i = 0; i < count; i++) {
        histogram[frame[i]]++;
    }

    for (int32_t r = 0; r < rank_count; r++) {
        /* The grey level below which at most ranks[r] pixels lie (255 when the frame holds fewer). */
        int64_t seen = 0;
        int32_t level = 255;
        for (int l = 0; l < 256; l++) {
            seen += histogram[l];
            if (seen > ranks[r]) {
                level = l;
                break;
            }
        }
        levels[r] = level;
    }

    cf_wipe(histogram, sizeof histogram);
    return 0;
}
