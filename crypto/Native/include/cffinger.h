/*
 * cffinger: the fingerprint pipeline's image kernels, from one 192 x 192 capture to its one-pixel
 * ridge skeleton (firmware/Biometrics README, "stage" table; issue 15 "Card time").
 *
 * The managed code in firmware/Biometrics is the reference: every function here computes the same
 * bytes and the same single-precision values, operation for operation (the same sums in the same
 * order, single-precision rounding after every +, -, *, /; square roots correctly rounded; cosine,
 * sine, exponential and arc tangent in double precision rounded to single, as .NET's Math does).
 * The sources are compiled with -ffp-contract=off so that no multiply-add is fused.
 *
 * Conventions:
 *  - A frame is 36,864 bytes, 192 x 192 pixels row-major, ridges dark; block arrays have 576
 *    entries (24 x 24 blocks of 8 x 8 pixels), row-major.
 *  - Results >= 0 are values (counts, flags); a result < 0 is -CF_ERR_ARGUMENT.
 *  - No heap, no globals written; scratch on the stack (at most 2,592 bytes of arrays, in the block
 *    gradients; the other kernels under 600), wiped before returning.
 * Security: every buffer is biometric. The kernels are not constant time: their branches depend on
 * the image, like the managed reference's; the card runs them with no attacker-observable timing
 * beyond the touch's total, which the lockout already bounds.
 */
#ifndef CFFINGER_H
#define CFFINGER_H

#include "cfnative.h"

#ifdef __cplusplus
extern "C" {
#endif

#define CF_FINGER_SIDE 192
#define CF_FINGER_FRAME (CF_FINGER_SIDE * CF_FINGER_SIDE)
#define CF_FINGER_BLOCKS 24
#define CF_FINGER_BLOCK_COUNT (CF_FINGER_BLOCKS * CF_FINGER_BLOCKS)
#define CF_FINGER_ORIENTATIONS 16
#define CF_FINGER_TAPS 61 /* stored taps of one point-symmetric 11 x 11 Gabor kernel */
#define CF_FINGER_KERNELS (CF_FINGER_ORIENTATIONS * CF_FINGER_TAPS)

/* ContrastStretch.Run: stretches a compressed frame in place; 1 if it did, 0 if left as it was. */
CF_API int cf_finger_stretch(uint8_t *frame);

/*
 * BlockAnalysis.Run: foreground mask, doubled-angle ridge orientation (smoothed over 5 x 5 blocks),
 * coherence and Gabor kernel index per block. Returns 0.
 */
CF_API int cf_finger_blocks(const uint8_t *frame, uint8_t *foreground, float *cos2, float *sin2,
                            float *coherence, uint8_t *kernel_index);

/*
 * QualityGate.AssessBlocks' sums over the finger blocks: sums[0] = the blocks' grey-level
 * deviations, sums[1] = their coherences, each added in block order. Returns the finger blocks.
 */
CF_API int cf_finger_gate_sums(const uint8_t *frame, const uint8_t *foreground, const float *coherence,
                               float sums[2]);

/* RidgeEnhancer's block normalisation to mean 128, deviation 40, in place. Returns 0. */
CF_API int cf_finger_normalise(uint8_t *frame, const uint8_t *foreground);

/* RidgePeriodEstimator.Estimate over the normalised frame: period[0] = the capture's ridge period. Returns 0. */
CF_API int cf_finger_period(const uint8_t *frame, const uint8_t *foreground, const float *cos2,
                            const float *sin2, const float *coherence, float period[1]);

/* GaborBank's kernels for ridges period pixels apart, envelope sigma: 16 x 61 taps. Returns 0. */
CF_API int cf_finger_gabor(float period, float sigma, float *kernels);

/*
 * RidgeEnhancer.Filter: replaces the normalised frame by its ridge map (1 = ridge), in place.
 * Returns the ridge pixels, or -CF_ERR_ARGUMENT for a kernel index of 16 or more.
 */
CF_API int cf_finger_filter(uint8_t *frame, const uint8_t *foreground, const uint8_t *kernel_index,
                            const float *kernels);

/* Thinning.Run: Zhang-Suen thinning of the 0/1 map in place. Returns the passes. */
CF_API int cf_finger_thin(uint8_t *frame);

#ifdef __cplusplus
}
#endif

#endif
