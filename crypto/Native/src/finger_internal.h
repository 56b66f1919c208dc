/* Shared internals of the fingerprint kernels (finger_*.c): geometry and block statistics. */
#ifndef CFFINGER_INTERNAL_H
#define CFFINGER_INTERNAL_H

#include "cffinger.h"
#include "internal.h"

#include <math.h>

#define FS CF_FINGER_SIDE
#define FB CF_FINGER_BLOCKS
#define FBS 8     /* block side in pixels */
#define FMARGIN 4 /* a block's statistics window reaches 4 pixels past it on every side */
#define FPI 3.14159265f

static inline int cf_finger_clamp(int v, int lo, int hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

/*
 * Cosine, sine, exponential and arc tangent as the reference computes them: .NET's Math in double
 * precision, rounded to single. CF_FINGER_SINGLE_MATH computes them in single precision instead, as
 * nanoFramework's Math does on the ESP32-S3: a build for measuring what that changes (README.md
 * "Fingerprint kernels"), not the card's.
 */
#ifdef CF_FINGER_SINGLE_MATH
#define CF_FINGER_COS(x) cosf(x)
#define CF_FINGER_SIN(x) sinf(x)
#define CF_FINGER_EXP(x) expf(x)
#define CF_FINGER_ATAN2(y, x) atan2f(y, x)
#else
#define CF_FINGER_COS(x) ((float)cos((double)(x)))
#define CF_FINGER_SIN(x) ((float)sin((double)(x)))
#define CF_FINGER_EXP(x) ((float)exp((double)(x)))
#define CF_FINGER_ATAN2(y, x) ((float)atan2((double)(y), (double)(x)))
#endif

/* Angles.HalfAngle: the orientation in [0, pi) of the doubled angle (sin2, cos2). */
float cf_finger_half_angle(float sin2, float cos2);

/* Angles.Direction: (cos, sin) of that orientation by the half-angle identities, no trigonometry. */
void cf_finger_direction(float sin2, float cos2, float *cos_theta, float *sin_theta);

/*
 * GaborBank.IndexOf(Angles.HalfAngle(sin2, cos2)): the same kernel index, from a single-precision
 * arc tangent where the index is certain and the double-precision one where it is close to a step.
 */
int cf_finger_kernel_of(float sin2, float cos2);

#endif
