/*
 * Zhang-Suen parallel thinning (Thinning.cs; Zhang and Suen, CACM 27(3) 1984): ridge pixels are
 * peeled alternately from the south-east and the north-west until every ridge is one pixel wide.
 */
#include "finger_internal.h"

#define MARKED 2
#define MAX_PASSES 64

/*
 * Whether a ridge pixel goes, by its neighbours P2..P9 (clockwise from north, Zhang-Suen numbering)
 * as bits 0..7: bit 0 of the entry for the first sub-iteration, bit 1 for the second. An entry is
 * set when 2 <= N <= 6, exactly one 0 -> 1 transition around the pixel, and P2 P4 P6 = P4 P6 P8 = 0
 * (first) or P2 P4 P8 = P2 P6 P8 = 0 (second): the conditions the reference tests one by one,
 * tabulated for all 256 neighbourhoods (generated from them).
 */
static const uint8_t removable[256] = {
    0, 0, 0, 3, 0, 0, 3, 3, 0, 0, 0, 0, 3, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 3, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 3, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 2, 0,
    0, 3, 0, 3, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    3, 3, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    3, 3, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 1, 0, 0, 0, 0, 3, 1, 0, 0, 2, 0, 0, 0,
};

static int step(uint8_t *m, int phase)
{
    const int bit = 1 << phase;
    int any = 0;
    for (int y = 1; y < FS - 1; y++) {
        for (int x = 1; x < FS - 1; x++) {
            const int p = y * FS + x;
            if (m[p] != 1) {
                continue;
            }

            const int neighbours = (m[p - FS] != 0) | (m[p - FS + 1] != 0) << 1 | (m[p + 1] != 0) << 2 |
                                   (m[p + FS + 1] != 0) << 3 | (m[p + FS] != 0) << 4 | (m[p + FS - 1] != 0) << 5 |
                                   (m[p - 1] != 0) << 6 | (m[p - FS - 1] != 0) << 7;
            if (removable[neighbours] & bit) {
                m[p] = MARKED;
                any = 1;
            }
        }
    }

    for (int i = 0; i < CF_FINGER_FRAME; i++) {
        if (m[i] == MARKED) {
            m[i] = 0;
        }
    }
    return any;
}

int cf_finger_thin(uint8_t *frame)
{
    int passes = 0;
    int changed = 1;
    while (changed && passes < MAX_PASSES) {
        changed = step(frame, 0);
        changed |= step(frame, 1);
        passes++;
    }
    return passes;
}
