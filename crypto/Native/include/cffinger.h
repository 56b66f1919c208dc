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
 *  - No heap, no globals written but the resident frame (below); scratch on the stack (at most 2,592 bytes of arrays, in the block
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

/*
 * MinutiaExtractor.Run on the skeleton (the thinned frame) with the block arrays of cf_finger_blocks:
 * clears the capacity entries of the minutia arrays (x, y, type bytes; angle, reliability floats),
 * fills them and returns the minutiae kept. params: CF_MINUTIA_FRAME_MARGIN (pixels, at least 1),
 * CF_MINUTIA_ARTEFACT_DISTANCE, CF_MINUTIA_TRACE_RADIUS (pixels), CF_MINUTIA_MAX_KEPT.
 */
#define CF_MINUTIA_FRAME_MARGIN 0
#define CF_MINUTIA_ARTEFACT_DISTANCE 1
#define CF_MINUTIA_TRACE_RADIUS 2
#define CF_MINUTIA_MAX_KEPT 3
#define CF_MINUTIA_PARAMS 4
CF_API int cf_finger_minutiae(const uint8_t *skeleton, const uint8_t *foreground, const float *cos2, const float *sin2,
                              const float *coherence, const int32_t *params, uint8_t *x, uint8_t *y, uint8_t *type,
                              float *angle, float *reliability, int32_t capacity);


/*
 * The sensor driver's grey-level percentiles (drivers/Fpc1020 AdcCalibration): levels[r] = the grey
 * level below which at most ranks[r] of frame[0 .. count) lie (the ranks[r]-th darkest pixel,
 * 0-based; 255 when the frame holds no more than ranks[r] pixels), for r below rank_count (at most
 * CF_PERCENTILE_RANKS). Returns 0. The histogram (1 KB of stack) is wiped.
 */
/*
 * Resident frame (finger_frame.c): the card's one sensor frame, held by the module so that it never
 * takes 36,864 bytes of the managed heap. The sensor driver writes it row_count rows at a time from
 * row first_row (rows: row_count x 192 bytes); cf_finger_frame() is where it lives, passed to the
 * kernels above like any frame (the interop layers pass it when the managed side names the resident
 * frame with a zero-length array); cf_finger_frame_clear wipes it (after every touch, on every path)
 * and cf_finger_frame_is_clear says whether every byte is zero (1) or not (0). The card holds one
 * frame (one touch at a time); the desktop library one per calling thread.
 * Security: biometric. The write refuses (-CF_ERR_ARGUMENT) rows outside the frame and writes nothing.
 */
CF_API uint8_t *cf_finger_frame(void);
CF_API int cf_finger_frame_write(const uint8_t *rows, int32_t first_row, int32_t row_count);
CF_API int cf_finger_frame_clear(void);
CF_API int cf_finger_frame_is_clear(void);

#define CF_PERCENTILE_RANKS 16
CF_API int cf_finger_percentiles(const uint8_t *frame, int32_t count, const int32_t *ranks, int32_t rank_count,
                                 int32_t *levels);

/*
 * The stages after the skeleton (firmware/Biometrics ICodeKernels; issue 15 "Card time"): a touch's
 * triangle code set, the vault points it unlocks, and an enrollment's chaff. The scheme's parameters
 * are arguments, not constants, so that the managed side stays the one place they are set:
 *   params[CF_CODE_MIN_SIDE], [CF_CODE_MAX_SIDE]  triangle sides considered, [min, max) pixels;
 *   params[CF_CODE_SIDE_BIN]                      side-length bin width in pixels;
 *   params[CF_CODE_ANGLE_BINS]                    direction bins per 2 pi (1 to 256);
 *   params[CF_CODE_TOLERANT_DIMS]                 most dimensions a tolerant code varies (0 to 6);
 *   tolerances[0] edge fraction, tolerances[1] order tolerance (TripletEncoder's EdgeFraction and
 *   OrderTolerance). Rejected (-CF_ERR_ARGUMENT) when the code space reaches 2^24.
 * Minutiae are TripletEncoder's structure of arrays: x, y, type (bytes), angle, reliability (floats).
 * Codes are three big-endian bytes each (CodeBuffer); vault points seven (x(3) | y(4), HelperData).
 */
#define CF_CODE_MIN_SIDE 0
#define CF_CODE_MAX_SIDE 1
#define CF_CODE_SIDE_BIN 2
#define CF_CODE_ANGLE_BINS 3
#define CF_CODE_TOLERANT_DIMS 4
#define CF_CODE_PARAMS 5
#define CF_CODE_TOLERANCES 2

/*
 * TripletEncoder.EncodeFitting then CodeSet.SortUnique: the codes of the *count minutiae (exact, or
 * with edge variants when tolerant != 0) into codes[0 .. capacity), sorted and distinct, the freed
 * tail of what was written zeroed; while they would not fit, the least reliable minutia is removed
 * (the arrays and *count change as the reference's do). Returns the distinct codes.
 */
CF_API int cf_finger_codes(uint8_t *x, uint8_t *y, uint8_t *type, float *angle, float *reliability,
                           int32_t *count, int32_t tolerant, const int32_t *params, const float *tolerances,
                           uint8_t *codes, int32_t capacity);

/*
 * FuzzyVault.Unlock's scan over one window of vault points: for each of the point_count points
 * (7 bytes apiece), in order, whose x is in the sorted code set codes[0 .. code_count), appends
 * first + its index to unlocked[] while fewer than max_unlocked are there. Returns the new count
 * (unlocked_count on entry).
 */
CF_API int cf_finger_match(const uint8_t *codes, int32_t code_count, const uint8_t *points, int32_t point_count,
                           int32_t first, uint16_t *unlocked, int32_t unlocked_count, int32_t max_unlocked);

/*
 * HelperData's check of one window of vault points read from flash (untrusted): every point's
 * y (bytes 3-6) below 2^31 - 1 and its x (bytes 0-2) above the one before it, the first above
 * *last_x unless *last_x is negative (the first window, or a jump). On success *last_x becomes the
 * window's last x and the result is 0; a point that breaks a rule gives -CF_ERR_ENCODING (*last_x
 * left as it was). point_count 0 to 4,096. Public data: not constant time.
 */
CF_API int cf_finger_check_points(const uint8_t *points, int32_t point_count, int32_t *last_x);

/*
 * FuzzyVault's chaff from one block of random bytes: attempts, each on a fresh 40 bytes or less of
 * random (a block's tail shorter than 40 bytes is not used), while count < size and *tries <
 * max_tries: a random triangle (three positions in the side x side window, x and y each a 32-bit
 * big-endian word modulo side; a pair of sides out of range ends the attempt as soon as it is seen;
 * then three directions of 16 bits each) whose exact code is not among xs[0 .. count) becomes point
 * (code, y) with y the next word masked to 31 bits, the attempt failing if that is 2^31 - 1.
 * Returns the new count. Not constant time: chaff is public once locked, and holds no secret.
 */
CF_API int cf_finger_chaff(const uint8_t *random, int32_t random_len, int32_t side, const int32_t *params,
                           const float *tolerances, uint32_t *xs, uint32_t *ys, int32_t count, int32_t size,
                           int32_t *tries, int32_t max_tries);

/*
 * CodeSet.Sort with companions: sorts xs[0 .. count) ascending, ys moving with them. Returns 0.
 * Security: the moves depend on the public x only, never on y (a genuine y is a secret polynomial's value).
 */
CF_API int cf_finger_sort_points(uint32_t *xs, uint32_t *ys, int32_t count);

/*
 * FuzzyVault's genuine points: ys[i] = P(xs[i]) over GF(2^31 - 1) by Horner's rule, P's k
 * coefficients constant term first (each below 2^31 - 1). Returns 0.
 * Security: constant time in the coefficients and the values (no branch, no table).
 */
CF_API int cf_finger_vault_evaluate(const uint32_t *coefficients, int32_t k, const uint32_t *xs, uint32_t *ys,
                                    int32_t count);

/*
 * ReedSolomonDecoder.Decode over GF(2^31 - 1) in O(count) memory (syndromes of the generalized RS code,
 * Berlekamp-Massey, interpolation of y times the error locator, exact division): the k coefficients of
 * the polynomial of degree < k through all but at most (count - k) / 2 of the points (xs[i], ys[i]),
 * distinct x below 2^24, count <= 255, in coefficients (constant term first). work (at least
 * 9 count + 5 words, ReedSolomonDecoder.WorkWords) is the caller's work space, zeroed first and wiped
 * before returning. Returns 1, or 0 when no such polynomial exists (coefficients then zeroed).
 * Security: a fixed schedule for given (count, k): loop bounds are count, k and (count - k) / 2 only,
 * every decision on values is a mask (no branch, no table, the inverse a fixed exponentiation).
 */
CF_API int cf_finger_rs_decode(const uint32_t *xs, const uint32_t *ys, int32_t count, int32_t k, uint32_t *work,
                               int32_t work_words, uint32_t *coefficients);

#ifdef __cplusplus
}
#endif

#endif
