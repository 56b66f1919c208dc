/*
 * The fingerprint kernels' constant tables (finger_tables.c, generated and checked by
 * test/finger_tables_gen.c; README.md "Fingerprint tables"): values the managed reference computes
 * with double-precision cosine, exponential and arc tangent, which on the ESP32-S3 (single-precision
 * FPU only) would be soft-float library calls on every touch.
 */
#ifndef CFFINGER_TABLES_H
#define CFFINGER_TABLES_H

#include "cffinger.h"

/* The Gabor envelope the card uses (CaptureAnalyzer.GaborSigma) and the periods the estimator returns. */
#define CF_FINGER_GABOR_SIGMA 4.0f
#define CF_FINGER_GABOR_PERIODS 23

/* Arc tangents of the integer vectors (dx, dy), dy >= 0, shorter than this many pixels. */
#define CF_FINGER_ATAN2_RADIUS 100
#define CF_FINGER_ATAN2_ENTRIES 15798

/* Ascending; bank i is GaborBank(cf_finger_gabor_periods[i], CF_FINGER_GABOR_SIGMA).Kernels. */
extern const float cf_finger_gabor_periods[CF_FINGER_GABOR_PERIODS];
extern const float cf_finger_gabor_banks[CF_FINGER_GABOR_PERIODS][CF_FINGER_KERNELS];

/* Row dy holds dx in [-half_width[dy], half_width[dy]]; (dx, dy) is entry row_start[dy] + dx. */
extern const uint16_t cf_finger_atan2_row_start[CF_FINGER_ATAN2_RADIUS];
extern const uint8_t cf_finger_atan2_half_width[CF_FINGER_ATAN2_RADIUS];
extern const float cf_finger_atan2_angles[CF_FINGER_ATAN2_ENTRIES];

/* (float)atan2((double)dy, (double)dx), from the table when the vector is in it. */
float cf_finger_reference_angle(int dy, int dx);

#endif
