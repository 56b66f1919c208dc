/*
 * Zhang-Suen parallel thinning (Thinning.cs; Zhang and Suen, CACM 27(3) 1984): ridge pixels are
 * peeled alternately from the south-east and the north-west until every ridge is one pixel wide.
 */
#include "finger_internal.h"

#define MARKED 2
#define MAX_PASSES 64

static int rise(int a, int b)
{
    return a == 0 && b == 1 ? 1 : 0;
}

static int step(uint8_t *m, int phase)
{
    int any = 0;
    for (int y = 1; y < FS - 1; y++) {
        for (int x = 1; x < FS - 1; x++) {
            const int p = y * FS + x;
            if (m[p] != 1) {
                continue;
            }

            /* Neighbours P2..P9 clockwise from north (Zhang-Suen numbering). */
            const int p2 = m[p - FS] != 0;
            const int p3 = m[p - FS + 1] != 0;
            const int p4 = m[p + 1] != 0;
            const int p5 = m[p + FS + 1] != 0;
            const int p6 = m[p + FS] != 0;
            const int p7 = m[p + FS - 1] != 0;
            const int p8 = m[p - 1] != 0;
            const int p9 = m[p - FS - 1] != 0;
            const int neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
            if (neighbours < 2 || neighbours > 6) {
                continue;
            }

            const int transitions = rise(p2, p3) + rise(p3, p4) + rise(p4, p5) + rise(p5, p6) + rise(p6, p7) +
                                    rise(p7, p8) + rise(p8, p9) + rise(p9, p2);
            if (transitions != 1) {
                continue;
            }

            const int remove = phase == 0 ? (p2 * p4 * p6 == 0 && p4 * p6 * p8 == 0)
                                          : (p2 * p4 * p8 == 0 && p2 * p6 * p8 == 0);
            if (remove) {
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
