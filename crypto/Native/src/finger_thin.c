/*
 * Zhang-Suen parallel thinning (Thinning.cs; Zhang and Suen, CACM 27(3) 1984): ridge pixels are
 * peeled alternately from the south-east and the north-west until every ridge is one pixel wide.
 */
#include "finger_internal.h"

#include <string.h>

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

static void clear_marks(uint8_t *row)
{
    for (int x = 1; x < FS - 1; x++) {
        if (row[x] == MARKED) {
            row[x] = 0;
        }
    }
}

/*
 * One sub-iteration. A pixel's verdict depends only on its 3 x 3 neighbourhood at the step's start
 * (marked pixels still count as ridge until the step ends), so a row whose three rows did not change
 * in the two steps before (since its last step of the same phase, whose removals would have changed
 * them) has nothing to remove and is skipped: exactly the reference's result. changed[y] bit 0 says
 * row y changed in the step before, bit 1 the one before that; the step shifts in its own.
 * A row's marks are cleared once the next row is done (no later row reads it).
 */
static int step(uint8_t *m, int phase, uint8_t *changed)
{
    const int bit = 1 << phase;
    int any = 0;
    int marked_before = 0;
    for (int y = 1; y < FS - 1; y++) {
        const int near = (changed[y - 1] | changed[y] | changed[y + 1]) & 3;
        int marked = 0;
        if (near) {
            const uint8_t *row = m + y * FS;
            for (int x = 1; x < FS - 1; x++) {
                if (row[x] != 1) {
                    continue;
                }

                const uint8_t *c = row + x;
                const int neighbours = (c[-FS] != 0) | (c[-FS + 1] != 0) << 1 | (c[1] != 0) << 2 |
                                       (c[FS + 1] != 0) << 3 | (c[FS] != 0) << 4 | (c[FS - 1] != 0) << 5 |
                                       (c[-1] != 0) << 6 | (c[-FS - 1] != 0) << 7;
                if (removable[neighbours] & bit) {
                    m[y * FS + x] = MARKED;
                    marked = 1;
                }
            }
        }

        if (marked_before) {
            clear_marks(m + (y - 1) * FS);
        }
        /* Bit 2 holds this step's change until every row has read the old bits. */
        changed[y] = (uint8_t)(changed[y] | (marked << 2));
        marked_before = marked;
        any |= marked;
    }

    if (marked_before) {
        clear_marks(m + (FS - 2) * FS);
    }
    for (int y = 0; y < FS; y++) {
        changed[y] = (uint8_t)(((changed[y] << 1) & 2) | ((changed[y] >> 2) & 1));
    }
    return any;
}

int cf_finger_thin(uint8_t *frame)
{
    /* Every row counts as changed before the first two steps, so both phases look at the whole frame once. */
    uint8_t changed[FS];
    memset(changed, 3, sizeof changed);
    int passes = 0;
    int removed = 1;
    while (removed && passes < MAX_PASSES) {
        removed = step(frame, 0, changed);
        removed |= step(frame, 1, changed);
        passes++;
    }
    return passes;
}
