/*
 * The stages after the skeleton (cffinger.h): TripletEncoder's triangle codes with the capture's fit
 * to the code cap, CodeSet's sort, the vault scan that finds a touch's unlocked points, and the
 * enrollment's chaff, genuine-point evaluation and point sort (firmware/Biometrics).
 *
 * Single-precision rounding as the reference (C#'s float arithmetic): each +, -, *, / rounded to
 * float, square roots correctly rounded (sqrtf equals (float)Math.Sqrt), the arc tangent in double
 * rounded to single, read from finger_tables.c for the integer vectors of the card's triangles.
 * Compiled with -ffp-contract=off.
 */
#include "finger_internal.h"
#include "finger_tables.h"

#include <string.h>

#define DIMENSIONS 6
#define NO_CODE 0xFFFFFFFFu
#define MAX_CODE 0xFFFFFFu
#define FIELD_P 0x7FFFFFFFu

typedef struct {
    int min_side;
    int max_side;
    int side_bin;
    int side_bins;
    int angle_bins;
    int tolerant_dims;
    int max_variants;
    float edge_fraction;
    float order_tolerance;
} code_params;

typedef struct {
    uint8_t *x;
    uint8_t *y;
    uint8_t *type;
    float *angle;
    float *reliability;
    int count;
} minutiae;

typedef struct {
    int bins[DIMENSIONS];
    float fractions[DIMENSIONS];
} quantised;

/* Validates and unpacks the scheme's parameters; 0 when they are out of range. */
static int load_params(const int32_t *params, const float *tolerances, code_params *p)
{
    int64_t sides;
    if (params == NULL || tolerances == NULL) {
        return 0;
    }
    p->min_side = params[CF_CODE_MIN_SIDE];
    p->max_side = params[CF_CODE_MAX_SIDE];
    p->side_bin = params[CF_CODE_SIDE_BIN];
    p->angle_bins = params[CF_CODE_ANGLE_BINS];
    p->tolerant_dims = params[CF_CODE_TOLERANT_DIMS];
    p->edge_fraction = tolerances[0];
    p->order_tolerance = tolerances[1];
    if (p->min_side < 1 || p->max_side <= p->min_side || p->max_side > 1024 || p->side_bin < 1 ||
        p->angle_bins < 1 || p->angle_bins > 256 || p->tolerant_dims < 0 || p->tolerant_dims > DIMENSIONS ||
        !(p->edge_fraction >= 0.0f && p->edge_fraction <= 0.5f) || !(p->order_tolerance >= 0.0f)) {
        return 0;
    }
    p->side_bins = (p->max_side - p->min_side + p->side_bin - 1) / p->side_bin;
    p->max_variants = 3 * (1 << p->tolerant_dims);
    /* TripletEncoder.CodeSpace: C(SideBins + 2, 3) side triples times AngleBins^3, below 2^24. */
    sides = (int64_t)p->side_bins * (p->side_bins + 1) * (p->side_bins + 2) / 6;
    return sides * p->angle_bins * p->angle_bins * p->angle_bins <= (int64_t)MAX_CODE + 1 ? 1 : 0;
}

static float distance(const minutiae *m, int a, int b)
{
    float dx = (float)(m->x[a] - m->x[b]);
    float dy = (float)(m->y[a] - m->y[b]);
    return sqrtf(dx * dx + dy * dy);
}

float cf_finger_reference_angle(int dy, int dx)
{
    const int ady = dy < 0 ? -dy : dy;
    if (ady < CF_FINGER_ATAN2_RADIUS && dx >= -(int)cf_finger_atan2_half_width[ady] &&
        dx <= (int)cf_finger_atan2_half_width[ady]) {
        const float angle = cf_finger_atan2_angles[cf_finger_atan2_row_start[ady] + dx];
        return dy < 0 ? -angle : angle;
    }
    /* A side of CF_FINGER_ATAN2_RADIUS pixels or more: never at the card's parameters (MaxSide 100). */
    return CF_FINGER_ATAN2(dy, dx);
}

static float wrap_two_pi(float angle)
{
    const float two_pi = 2.0f * FPI;
    while (angle < 0.0f) {
        angle += two_pi;
    }
    while (angle >= two_pi) {
        angle -= two_pi;
    }
    return angle;
}

static void side_value(const code_params *p, float length, int d, quantised *q)
{
    float position = (length - (float)p->min_side) / (float)p->side_bin;
    int bin = (int)position;
    q->bins[d] = bin;
    q->fractions[d] = position - (float)bin;
}

static void angle_value(const code_params *p, float angle, int d, quantised *q)
{
    float position = wrap_two_pi(angle) * (float)p->angle_bins / (2.0f * FPI);
    int bin = (int)position;
    if (bin >= p->angle_bins) {
        bin = p->angle_bins - 1;
    }
    q->bins[d] = bin;
    q->fractions[d] = position - (float)bin;
}

/* TripletEncoder.Quantise: vertex a opposite side la, and so on; the longest side runs from b to c. */
static void quantise(const code_params *p, const minutiae *m, int a, int b, int c, float la, float lb, float lc,
                     quantised *q)
{
    float reference;
    side_value(p, la, 0, q);
    side_value(p, lb, 1, q);
    side_value(p, lc, 2, q);
    reference = cf_finger_reference_angle((int)m->y[c] - (int)m->y[b], (int)m->x[c] - (int)m->x[b]);
    angle_value(p, m->angle[a] - reference, 3, q);
    angle_value(p, m->angle[b] - reference, 4, q);
    angle_value(p, m->angle[c] - reference, 5, q);
}

static uint32_t pack(const code_params *p, int b0, int b1, int b2, int a0, int a1, int a2)
{
    int sides;
    if (b1 > b0 || b2 > b1) {
        return NO_CODE;
    }
    sides = (b0 * (b0 + 1) * (b0 + 2)) / 6 + (b1 * (b1 + 1)) / 2 + b2;
    return (uint32_t)(((sides * p->angle_bins + a0) * p->angle_bins + a1) * p->angle_bins + a2);
}

static void put_code(uint8_t *codes, int i, uint32_t code)
{
    codes[3 * i] = (uint8_t)(code >> 16);
    codes[3 * i + 1] = (uint8_t)(code >> 8);
    codes[3 * i + 2] = (uint8_t)code;
}

static uint32_t get_code(const uint8_t *codes, int i)
{
    return ((uint32_t)codes[3 * i] << 16) | ((uint32_t)codes[3 * i + 1] << 8) | codes[3 * i + 2];
}

static float edge_distance(float fraction)
{
    return fraction < 0.5f ? fraction : 1.0f - fraction;
}

/* The bin on the near side of the edge, or -1 if that is outside the side-length range. */
static int neighbour_bin(const code_params *p, const quantised *q, int d)
{
    int step = q->fractions[d] < 0.5f ? -1 : 1;
    int bin = q->bins[d] + step;
    if (d >= 3) {
        return bin < 0 ? p->angle_bins - 1 : (bin >= p->angle_bins ? 0 : bin);
    }
    return bin < 0 || bin >= p->side_bins ? -1 : bin;
}

/*
 * TripletEncoder.EmitVariants: every subset of the dimensions nearest an edge, the exact code last
 * (counted only when codes is NULL).
 * Each dimension's edge distance and neighbouring bin are taken once (they depend on the dimension
 * alone); the choices and the codes are the reference's.
 */
static int emit_variants(const code_params *p, const quantised *q, uint8_t *codes, int at)
{
    float edge[DIMENSIONS];
    int neighbour[DIMENSIONS];
    int v[DIMENSIONS];
    int chosen = 0;
    int candidates = 0;
    int candidate_count = 0;
    int pick;
    int count = 0;
    int subset;
    int d;
    for (d = 0; d < DIMENSIONS; d++) {
        edge[d] = edge_distance(q->fractions[d]);
        neighbour[d] = neighbour_bin(p, q, d);
        if (edge[d] < p->edge_fraction && neighbour[d] >= 0) {
            candidates |= 1 << d;
            candidate_count++;
        }
    }
    /* Each pick takes the nearest edge left among the candidates (the first of equals): with no more
     * candidates than picks, all of them. */
    if (candidate_count <= p->tolerant_dims) {
        chosen = candidates;
    } else {
        for (pick = 0; pick < p->tolerant_dims; pick++) {
            int best = -1;
            float best_edge = p->edge_fraction;
            for (d = 0; d < DIMENSIONS; d++) {
                if ((chosen & (1 << d)) != 0 || edge[d] >= best_edge || neighbour[d] < 0) {
                    continue;
                }
                best = d;
                best_edge = edge[d];
            }
            chosen |= 1 << best;
        }
    }

    if (codes == NULL) {
        /* pack refuses a code by its side bins alone: each side choice that packs counts once per
         * choice of the chosen angle dimensions. */
        const int angles = chosen >> 3;
        const int angle_choices = 1 << ((angles & 1) + (angles >> 1 & 1) + (angles >> 2 & 1));
        const int sides = chosen & 7;
        subset = sides;
        for (;;) {
            for (d = 0; d < 3; d++) {
                v[d] = (subset & (1 << d)) != 0 ? neighbour[d] : q->bins[d];
            }
            count += v[1] <= v[0] && v[2] <= v[1] ? angle_choices : 0;
            if (subset == 0) {
                return count;
            }
            subset = (subset - 1) & sides;
        }
    }

    subset = chosen;
    for (;;) {
        uint32_t code;
        for (d = 0; d < DIMENSIONS; d++) {
            v[d] = (subset & (1 << d)) != 0 ? neighbour[d] : q->bins[d];
        }
        code = pack(p, v[0], v[1], v[2], v[3], v[4], v[5]);
        if (code != NO_CODE) {
            put_code(codes, at + count, code);
            count++;
        }
        if (subset == 0) {
            break;
        }
        subset = (subset - 1) & chosen;
    }
    return count;
}

#define SWAP_INT(a, b) do { int t_ = (a); (a) = (b); (b) = t_; } while (0)
#define SWAP_FLOAT(a, b) do { float t_ = (a); (a) = (b); (b) = t_; } while (0)

/* TripletEncoder.EncodeTriangle: vertices ordered by the length of the side opposite them (counted only
 * when codes is NULL). */
static int encode_triangle(const code_params *p, const minutiae *m, int i, int j, int k, float oi, float oj, float ok,
                           int tolerant, uint8_t *codes, int at, quantised *q)
{
    int a = i, b = j, c = k;
    float la = oi, lb = oj, lc = ok;
    int count;
    if (lb > la) {
        SWAP_INT(a, b);
        SWAP_FLOAT(la, lb);
    }
    if (lc > la) {
        SWAP_INT(a, c);
        SWAP_FLOAT(la, lc);
    }
    if (lc > lb) {
        SWAP_INT(b, c);
        SWAP_FLOAT(lb, lc);
    }
    quantise(p, m, a, b, c, la, lb, lc, q);
    if (!tolerant) {
        if (codes == NULL) {
            return 1;
        }
        put_code(codes, at, pack(p, q->bins[0], q->bins[1], q->bins[2], q->bins[3], q->bins[4], q->bins[5]));
        return 1;
    }
    count = emit_variants(p, q, codes, at);
    if (la - lb < p->order_tolerance) {
        quantise(p, m, b, a, c, lb, la, lc, q);
        count += emit_variants(p, q, codes, at + count);
    }
    if (lb - lc < p->order_tolerance) {
        quantise(p, m, a, c, b, la, lc, lb, q);
        count += emit_variants(p, q, codes, at + count);
    }
    return count;
}

static int side_ok(const code_params *p, float d)
{
    return !(d < (float)p->min_side || d >= (float)p->max_side);
}

/* TripletEncoder.Encode: the codes in triangle scan order; *full when the next one would not fit. */
static int encode(const code_params *p, const minutiae *m, int tolerant, uint8_t *codes, int capacity, int *full,
                  quantised *q)
{
    int written = 0;
    int n = m->count;
    int i, j, k;
    int need = tolerant ? p->max_variants : 1;
    *full = 0;
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            float dij = distance(m, i, j);
            if (!side_ok(p, dij)) {
                continue;
            }
            for (k = j + 1; k < n; k++) {
                float dik = distance(m, i, k);
                float djk = distance(m, j, k);
                if (!side_ok(p, dik) || !side_ok(p, djk)) {
                    continue;
                }
                if (written + need > capacity) {
                    *full = 1;
                    return written;
                }
                written += encode_triangle(p, m, i, j, k, djk, dik, dij, tolerant, codes, written, q);
            }
        }
    }
    return written;
}

static void clear_minutia(minutiae *m, int i)
{
    m->x[i] = 0;
    m->y[i] = 0;
    m->type[i] = 0;
    m->angle[i] = 0.0f;
    m->reliability[i] = 0.0f;
}

/* MinutiaExtractor.KeepMostReliable(m, count - 1): the least coherent (first of equals) goes, the last
 * minutia takes its slot; returns that slot. */
static int drop_least_reliable(minutiae *m)
{
    int worst = 0;
    int i;
    int last = m->count - 1;
    for (i = 1; i < m->count; i++) {
        if (m->reliability[i] < m->reliability[worst]) {
            worst = i;
        }
    }
    m->x[worst] = m->x[last];
    m->y[worst] = m->y[last];
    m->type[worst] = m->type[last];
    m->angle[worst] = m->angle[last];
    m->reliability[worst] = m->reliability[last];
    clear_minutia(m, last);
    m->count--;
    return worst;
}

/*
 * The fitting loop (TripletEncoder's capture fit): encode, and while the codes do not fit drop the least
 * coherent minutia and encode again. Only the last encoding's codes are kept, so the loop is decided on
 * code counts alone: each triangle's count is taken once and cached by its three minutiae, not their
 * slots (a drop moves the last minutia into the dropped one's slot). The count depends on the vertices'
 * roles, ordered by the opposite side's length; on an exact tie that order follows the slots, so such a
 * triangle is counted again in every round. Up to FIT_MINUTIAE minutiae (MinutiaExtractor.MaxKept).
 */
#define FIT_MINUTIAE 24
#define FIT_TRIANGLES 2024 /* C(24, 3) */
#define FIT_OUT_OF_RANGE 0xFFu
#define FIT_TIED 0xFEu /* counts are at most 3 * 2^6 = 192 */

/* The card runs one touch at a time, so one static table serves it; the desktop library is called from
 * many threads at once, and there the table is per thread (as finger_frame.c's frame). */
#if defined(CF_BUILD_SHARED) && (defined(__GNUC__) || defined(__clang__))
#define FIT_STORAGE static __thread
#else
#define FIT_STORAGE static
#endif

/* Biometric (a triangle's code count shows its shape), wiped before cf_finger_codes returns. */
FIT_STORAGE uint8_t fit_counts[FIT_TRIANGLES];

/* C(c, 3) and C(b, 2) for c, b < FIT_MINUTIAE. */
static const uint16_t choose3[FIT_MINUTIAE] = {0,   0,   0,   1,   4,   10,  20,  35,  56,  84,   120,  165,
                                                220, 286, 364, 455, 560, 680, 816, 969, 1140, 1330, 1540, 1771};
static const uint16_t choose2[FIT_MINUTIAE] = {0,  0,  1,  3,  6,  10,  15,  21,  28,  36,  45,  55,
                                                66, 78, 91, 105, 120, 136, 153, 171, 190, 210, 231, 253};

/* The triangle of minutiae a < b < c in the combinatorial number system: C(c, 3) + C(b, 2) + a. */
static int triangle_index(int a, int b, int c)
{
    return choose3[c] + choose2[b] + a;
}

/* encode's *full for the minutiae in their current slots (id[slot] names the minutia in the cache), and
 * when full, in *stop how many codes encode writes before it stops. */
static int codes_overflow(const code_params *p, const minutiae *m, const uint8_t *id, const uint32_t *near, int tolerant,
                          int capacity, quantised *q, int *stop)
{
    int n = m->count;
    int need = tolerant ? p->max_variants : 1;
    int written = 0;
    int last = 0;
    int any = 0;
    int i, j, k;
    *stop = -1;
    for (i = 0; i < n; i++) {
        const uint32_t near_i = near[id[i]];
        for (j = i + 1; j < n; j++) {
            uint32_t near_ij;
            if ((near_i >> id[j] & 1u) == 0) {
                continue;
            }
            near_ij = near_i & near[id[j]];
            for (k = j + 1; k < n; k++) {
                int a = id[i], b = id[j], c = id[k];
                int count;
                if ((near_ij >> c & 1u) == 0) {
                    continue;
                }
                if (a > b) {
                    SWAP_INT(a, b);
                }
                if (b > c) {
                    SWAP_INT(b, c);
                }
                if (a > b) {
                    SWAP_INT(a, b);
                }
                count = fit_counts[triangle_index(a, b, c)];
                if (count == FIT_TIED) {
                    count = encode_triangle(p, m, i, j, k, distance(m, j, k), distance(m, i, k), distance(m, i, j),
                                            tolerant, NULL, 0, q);
                }
                if (*stop < 0 && written + need > capacity) {
                    *stop = written;
                }
                written += count;
                last = count;
                any = 1;
            }
        }
    }
    /* encode checks written + need > capacity before each triangle: true before some triangle exactly
     * when true before the last one, written being non-decreasing. */
    return any && written - last + need > capacity;
}

/* Drops minutiae as the fitting loop would (m->count <= FIT_MINUTIAE); returns the most codes an
 * encoding before the last one wrote. */
static int fit_minutiae(const code_params *p, minutiae *m, int tolerant, int capacity, quantised *q)
{
    uint8_t id[FIT_MINUTIAE];
    uint32_t near[FIT_MINUTIAE]; /* bit b of near[a]: the side from minutia a to b is in range */
    int n = m->count;
    int highest = 0;
    int stop;
    int a, b, c;
    for (a = 0; a < n; a++) {
        id[a] = (uint8_t)a;
        near[a] = 0;
    }
    for (a = 0; a < n; a++) {
        for (b = a + 1; b < n; b++) {
            if (side_ok(p, distance(m, a, b))) {
                near[a] |= 1u << b;
                near[b] |= 1u << a;
            }
        }
    }
    for (c = 2; c < n; c++) {
        for (b = 1; b < c; b++) {
            for (a = 0; a < b; a++) {
                uint8_t *entry = &fit_counts[triangle_index(a, b, c)];
                float ab, ac, bc;
                if ((near[a] >> b & 1u) == 0 || (near[a] >> c & 1u) == 0 || (near[b] >> c & 1u) == 0) {
                    *entry = FIT_OUT_OF_RANGE;
                    continue;
                }
                ab = distance(m, a, b);
                ac = distance(m, a, c);
                bc = distance(m, b, c);
                *entry = ab == ac || ab == bc || ac == bc
                             ? FIT_TIED
                             : (uint8_t)encode_triangle(p, m, a, b, c, bc, ac, ab, tolerant, NULL, 0, q);
            }
        }
    }
    while (m->count > 3 && codes_overflow(p, m, id, near, tolerant, capacity, q, &stop)) {
        const int slot = drop_least_reliable(m);
        id[slot] = id[m->count];
        highest = stop > highest ? stop : highest;
    }
    cf_wipe(fit_counts, sizeof fit_counts);
    cf_wipe(near, sizeof near);
    cf_wipe(id, sizeof id);
    return highest;
}

/* Shell sort (Ciura's gaps, as CodeSet.Sort) of the three-byte codes codes[first .. last). */
static void shell_sort_codes(uint8_t *codes, int first, int last)
{
    static const int gaps[] = {1750, 701, 301, 132, 57, 23, 10, 4, 1};
    size_t g;
    for (g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        int gap = gaps[g];
        int i;
        for (i = first + gap; i < last; i++) {
            uint32_t key = get_code(codes, i);
            int j = i;
            while (j - gap >= first && get_code(codes, j - gap) > key) {
                put_code(codes, j, get_code(codes, j - gap));
                j -= gap;
            }
            put_code(codes, j, key);
        }
    }
}

/*
 * CodeSet.Sort's order (ascending; equal codes are equal bytes, so any sort gives the reference's
 * result): the codes placed in place into 512 buckets by their top nine bits (a permutation by
 * cycles), then each bucket Shell sorted. Bucket bounds fit 16 bits: at most SORT_MAX_CODES codes.
 */
#define SORT_BUCKETS 512
#define SORT_SHIFT 15 /* codes are below 2^24 */
#define SORT_MAX_CODES 65535
static void sort_codes(uint8_t *codes, int count)
{
    uint16_t next[SORT_BUCKETS]; /* the bucket's first unplaced slot */
    uint16_t end[SORT_BUCKETS];
    int b;
    if (count > SORT_MAX_CODES) {
        shell_sort_codes(codes, 0, count);
        return;
    }
    memset(end, 0, sizeof end);
    for (b = 0; b < count; b++) {
        end[get_code(codes, b) >> SORT_SHIFT]++;
    }
    next[0] = 0;
    for (b = 1; b < SORT_BUCKETS; b++) {
        next[b] = end[b - 1];
        end[b] = (uint16_t)(end[b] + next[b]);
    }
    for (b = 0; b < SORT_BUCKETS; b++) {
        while (next[b] < end[b]) {
            uint32_t code = get_code(codes, next[b]);
            int home = (int)(code >> SORT_SHIFT);
            while (home != b) {
                const uint32_t displaced = get_code(codes, next[home]);
                put_code(codes, next[home]++, code);
                code = displaced;
                home = (int)(code >> SORT_SHIFT);
            }
            put_code(codes, next[b]++, code);
        }
    }
    for (b = 0; b < SORT_BUCKETS; b++) {
        shell_sort_codes(codes, b == 0 ? 0 : end[b - 1], end[b]);
    }
    /* The bucket sizes count the touch's codes. */
    cf_wipe(next, sizeof next);
    cf_wipe(end, sizeof end);
}

int cf_finger_codes(uint8_t *x, uint8_t *y, uint8_t *type, float *angle, float *reliability, int32_t *count,
                    int32_t tolerant, const int32_t *params, const float *tolerances, uint8_t *codes,
                    int32_t capacity)
{
    code_params p;
    minutiae m;
    quantised q;
    int written;
    int highest = 0;
    int unique = 0;
    int i;
    if (x == NULL || y == NULL || type == NULL || angle == NULL || reliability == NULL || count == NULL ||
        codes == NULL || !load_params(params, tolerances, &p) || *count < 0 || *count > 255 ||
        capacity < p.max_variants) {
        return -CF_ERR_ARGUMENT;
    }
    m.x = x;
    m.y = y;
    m.type = type;
    m.angle = angle;
    m.reliability = reliability;
    m.count = *count;
    if (m.count <= FIT_MINUTIAE) {
        int full;
        highest = fit_minutiae(&p, &m, tolerant != 0, capacity, &q);
        written = encode(&p, &m, tolerant != 0, codes, capacity, &full, &q);
    } else {
        for (;;) {
            int full;
            written = encode(&p, &m, tolerant != 0, codes, capacity, &full, &q);
            if (!full || m.count <= 3) {
                break;
            }
            highest = written > highest ? written : highest;
            drop_least_reliable(&m);
        }
    }
    *count = m.count;
    /* TripletEncoder.EncodeFitting: no code of an encoding before the last stays behind the codes. */
    if (highest > written) {
        memset(codes + 3 * written, 0, (size_t)(highest - written) * 3);
    }

    sort_codes(codes, written);
    for (i = 0; i < written; i++) {
        uint32_t code = get_code(codes, i);
        if (unique == 0 || get_code(codes, unique - 1) != code) {
            put_code(codes, unique++, code);
        }
    }
    memset(codes + 3 * unique, 0, (size_t)(written - unique) * 3);
    cf_wipe(&q, sizeof q);
    return unique;
}

static int contains(const uint8_t *codes, int count, uint32_t code)
{
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) >> 1;
        uint32_t v = get_code(codes, mid);
        if (v == code) {
            return 1;
        }
        if (v < code) {
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return 0;
}

int cf_finger_match(const uint8_t *codes, int32_t code_count, const uint8_t *points, int32_t point_count,
                    int32_t first, uint16_t *unlocked, int32_t unlocked_count, int32_t max_unlocked)
{
    int i;
    if (codes == NULL || points == NULL || unlocked == NULL || code_count < 0 || point_count < 0 || first < 0 ||
        first + point_count > 65536 || unlocked_count < 0 || unlocked_count > max_unlocked) {
        return -CF_ERR_ARGUMENT;
    }
    for (i = 0; i < point_count && unlocked_count < max_unlocked; i++) {
        const uint8_t *pt = points + 7 * i;
        uint32_t px = ((uint32_t)pt[0] << 16) | ((uint32_t)pt[1] << 8) | pt[2];
        if (contains(codes, code_count, px)) {
            unlocked[unlocked_count++] = (uint16_t)(first + i);
        }
    }
    return unlocked_count;
}

int cf_finger_check_points(const uint8_t *points, int32_t point_count, int32_t *last_x)
{
    int i;
    if (points == NULL || last_x == NULL || point_count < 0 || point_count > 4096) {
        return -CF_ERR_ARGUMENT;
    }
    int32_t previous = *last_x;
    for (i = 0; i < point_count; i++) {
        const uint8_t *pt = points + 7 * i;
        const int32_t x = (int32_t)(((uint32_t)pt[0] << 16) | ((uint32_t)pt[1] << 8) | pt[2]);
        const uint32_t y = ((uint32_t)pt[3] << 24) | ((uint32_t)pt[4] << 16) | ((uint32_t)pt[5] << 8) | pt[6];
        if (y >= 0x7FFFFFFFu || (previous >= 0 && x <= previous)) {
            return -CF_ERR_ENCODING;
        }
        previous = x;
    }
    *last_x = previous;
    return 0;
}

static uint32_t word_at(const uint8_t *r)
{
    return ((uint32_t)r[0] << 24) | ((uint32_t)r[1] << 16) | ((uint32_t)r[2] << 8) | r[3];
}

static int in_points(const uint32_t *xs, int count, uint32_t code)
{
    int i;
    for (i = 0; i < count; i++) {
        if (xs[i] == code) {
            return 1;
        }
    }
    return 0;
}

#define CHAFF_ATTEMPT_BYTES 40 /* ten words: six positions, three directions, one y */

int cf_finger_chaff(const uint8_t *random, int32_t random_len, int32_t side, const int32_t *params,
                    const float *tolerances, uint32_t *xs, uint32_t *ys, int32_t count, int32_t size,
                    int32_t *tries, int32_t max_tries)
{
    code_params p;
    quantised q;
    uint8_t px[3], py[3], ptype[3];
    float pangle[3], prel[3];
    uint8_t code[3];
    minutiae m;
    int used = 0;
    if (random == NULL || xs == NULL || ys == NULL || tries == NULL || random_len < 0 || side < 1 || side > 256 ||
        count < 0 || size < count || *tries < 0 || !load_params(params, tolerances, &p)) {
        return -CF_ERR_ARGUMENT;
    }
    m.x = px;
    m.y = py;
    m.type = ptype;
    m.angle = pangle;
    m.reliability = prel;
    m.count = 3;
    while (count < size && *tries < max_tries && random_len - used >= CHAFF_ATTEMPT_BYTES) {
        const uint8_t *r = random + used;
        int v;
        int full;
        uint32_t cx;
        uint32_t cy;
        (*tries)++;
        px[0] = (uint8_t)(word_at(r) % (uint32_t)side);
        py[0] = (uint8_t)(word_at(r + 4) % (uint32_t)side);
        px[1] = (uint8_t)(word_at(r + 8) % (uint32_t)side);
        py[1] = (uint8_t)(word_at(r + 12) % (uint32_t)side);
        used += 16;
        if (!side_ok(&p, distance(&m, 0, 1))) {
            continue;
        }
        px[2] = (uint8_t)(word_at(r + 16) % (uint32_t)side);
        py[2] = (uint8_t)(word_at(r + 20) % (uint32_t)side);
        used += 8;
        if (!side_ok(&p, distance(&m, 0, 2)) || !side_ok(&p, distance(&m, 1, 2))) {
            continue;
        }
        for (v = 0; v < 3; v++) {
            pangle[v] = (float)(word_at(r + 24 + 4 * v) & 0xFFFFu) * (2.0f * FPI) / 65536.0f;
            ptype[v] = 1;
            prel[v] = 1.0f;
        }
        used += 12;
        if (encode(&p, &m, 0, code, 1, &full, &q) != 1) {
            continue;
        }
        cx = get_code(code, 0);
        if (in_points(xs, count, cx)) {
            continue;
        }
        cy = word_at(r + 36) & FIELD_P;
        used += 4;
        if (cy == FIELD_P) {
            continue;
        }
        xs[count] = cx;
        ys[count] = cy;
        count++;
    }
    cf_wipe(&q, sizeof q);
    return count;
}

int cf_finger_sort_points(uint32_t *xs, uint32_t *ys, int32_t count)
{
    static const int gaps[] = {1750, 701, 301, 132, 57, 23, 10, 4, 1};
    size_t g;
    if (xs == NULL || ys == NULL || count < 0) {
        return -CF_ERR_ARGUMENT;
    }
    for (g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        int gap = gaps[g];
        int i;
        for (i = gap; i < count; i++) {
            uint32_t key = xs[i];
            uint32_t companion = ys[i];
            int j = i;
            while (j >= gap && xs[j - gap] > key) {
                xs[j] = xs[j - gap];
                ys[j] = ys[j - gap];
                j -= gap;
            }
            xs[j] = key;
            ys[j] = companion;
        }
    }
    return 0;
}

/* PrimeField: a value below 2^62 reduced mod 2^31 - 1, without a branch. */
static uint32_t field_reduce(uint64_t v)
{
    uint64_t folded = (v & FIELD_P) + (v >> 31);
    uint32_t r;
    uint32_t mask;
    folded = (folded & FIELD_P) + (folded >> 31);
    r = (uint32_t)folded;
    /* r < 2^31 + 1; subtract p when r >= p (mask all ones then). */
    mask = (uint32_t)0 - (((r - FIELD_P) >> 31) ^ 1u);
    return r - (FIELD_P & mask);
}

int cf_finger_vault_evaluate(const uint32_t *coefficients, int32_t k, const uint32_t *xs, uint32_t *ys, int32_t count)
{
    int i;
    if (coefficients == NULL || xs == NULL || ys == NULL || k < 1 || count < 0) {
        return -CF_ERR_ARGUMENT;
    }
    for (i = 0; i < count; i++) {
        uint32_t x = xs[i];
        uint32_t y = 0;
        int c;
        for (c = k - 1; c >= 0; c--) {
            y = field_reduce((uint64_t)field_reduce((uint64_t)y * x) + coefficients[c]);
        }
        ys[i] = y;
    }
    return 0;
}

static uint32_t field_sub(uint32_t a, uint32_t b)
{
    return field_reduce((uint64_t)a + FIELD_P - b);
}

static uint32_t field_mul(uint32_t a, uint32_t b)
{
    return field_reduce((uint64_t)a * b);
}

/* a^(p-2) (Fermat; a fixed exponent, every step a multiplication). */
static uint32_t field_inverse(uint32_t a)
{
    uint32_t result = 1;
    uint32_t b = a;
    uint32_t e = FIELD_P - 2;
    int i;
    for (i = 0; i < 31; i++) {
        uint32_t m = field_mul(result, b);
        uint32_t take = (uint32_t)0 - ((e >> i) & 1u);
        result = (m & take) | (result & ~take);
        b = field_mul(b, b);
    }
    return result;
}

static uint32_t field_add(uint32_t a, uint32_t b)
{
    return field_reduce((uint64_t)a + b);
}

/* All ones when a (below 2^31) is not zero. */
static uint32_t nonzero_mask(uint32_t a)
{
    return (uint32_t)0 - ((a | ((uint32_t)0 - a)) >> 31);
}

/* All ones when a <= limit (both in [0, 2^31)). */
static uint32_t at_most_mask(int a, int limit)
{
    return (uint32_t)0 - ((((uint32_t)(limit - a)) >> 31) ^ 1u);
}

static uint32_t select_word(uint32_t mask, uint32_t a, uint32_t b)
{
    return (a & mask) | (b & ~mask);
}

/* ReedSolomonDecoder.BerlekampMassey: fixed schedule, the length change by mask. Returns L. */
static int berlekamp_massey(const uint32_t *syn, uint32_t *c, uint32_t *b, uint32_t *tmp, int s)
{
    int length = 0, r, i;
    uint32_t last = 1;
    c[0] = 1;
    if (s > 0) {
        b[1] = 1;
    }
    for (r = 0; r < s; r++) {
        uint32_t discrepancy = 0, factor, change;
        for (i = 0; i <= r; i++) {
            discrepancy = field_add(discrepancy, field_mul(c[i], syn[r - i]));
        }
        factor = field_mul(discrepancy, field_inverse(last));
        change = nonzero_mask(discrepancy) & at_most_mask(2 * length, r);
        for (i = 0; i <= s; i++) {
            tmp[i] = c[i];
            c[i] = field_sub(c[i], field_mul(factor, b[i]));
        }
        length = (int)select_word(change, (uint32_t)(r + 1 - length), (uint32_t)length);
        last = select_word(change, discrepancy, last);
        for (i = s; i > 0; i--) {
            b[i] = select_word(change, tmp[i - 1], b[i - 1]);
        }
        b[0] = 0;
    }
    return length;
}

int cf_finger_rs_decode(const uint32_t *xs, const uint32_t *ys, int32_t count, int32_t k, uint32_t *work,
                        int32_t work_words, uint32_t *coefficients)
{
    int n = count, t, s, i, j, d, l, length;
    uint32_t *v, *power, *syn, *c, *b, *tmp, *m, *acc, *lambda;
    uint32_t ok = 0xFFFFFFFFu, inverse;
    if (xs == NULL || ys == NULL || work == NULL || coefficients == NULL || k < 1 || count < k || count > 255 ||
        work_words < 9 * count + 5) {
        return -CF_ERR_ARGUMENT;
    }
    t = (n - k) / 2;
    s = 2 * t;
    /* ReedSolomonDecoder.Run's layout: v[n] | power[n] | S[n] | C[n+1] | B[n+1] | T[n+1] | M[n+1] | Q[n] | Lambda[n+1]. */
    v = work;
    power = work + n;
    syn = work + 2 * n;
    c = work + 3 * n;
    b = work + 4 * n + 1;
    tmp = work + 5 * n + 2;
    m = work + 6 * n + 3;
    acc = work + 7 * n + 4;
    lambda = work + 8 * n + 4;
    for (i = 0; i < 9 * n + 5; i++) {
        work[i] = 0;
    }

    /* Column multipliers v_i = 1 / prod_{j != i}(x_i - x_j) by one inversion (Montgomery's trick). */
    for (i = 0; i < n; i++) {
        uint32_t di = 1;
        for (j = 0; j < n; j++) {
            if (j != i) {
                di = field_mul(di, field_sub(xs[i], xs[j]));
            }
        }
        v[i] = di;
        power[i] = i == 0 ? di : field_mul(power[i - 1], di);
    }
    ok &= nonzero_mask(power[n - 1]);
    inverse = field_inverse(power[n - 1]);
    for (i = n - 1; i > 0; i--) {
        uint32_t di = v[i];
        v[i] = field_mul(inverse, power[i - 1]);
        inverse = field_mul(inverse, di);
    }
    v[0] = inverse;

    /* Syndromes S_j = sum_i v_i y_i (x_i + 1)^j, j < s. */
    for (i = 0; i < n; i++) {
        power[i] = field_mul(v[i], ys[i]);
    }
    for (j = 0; j < s; j++) {
        uint32_t sum = 0;
        for (i = 0; i < n; i++) {
            sum = field_add(sum, power[i]);
            power[i] = field_mul(power[i], field_add(xs[i], 1));
        }
        syn[j] = sum;
    }

    length = berlekamp_massey(syn, c, b, tmp, s);
    ok &= at_most_mask(length, t);

    /* Lambda(x) = sum_{j <= t} C_j (x + 1)^(t - j), monic of degree t. */
    for (j = 0; j <= t; j++) {
        for (d = j; d > 0; d--) {
            lambda[d] = field_add(lambda[d], lambda[d - 1]);
        }
        lambda[0] = field_add(lambda[0], c[j]);
    }

    /* M(x) = prod_i (x - x_i). */
    m[0] = 1;
    for (i = 0; i < n; i++) {
        m[i + 1] = m[i];
        for (d = i; d > 0; d--) {
            m[d] = field_sub(m[d - 1], field_mul(xs[i], m[d]));
        }
        m[0] = field_sub(0, field_mul(xs[i], m[0]));
    }

    /* Q = sum_i y_i Lambda(x_i) v_i M(x) / (x - x_i). */
    for (i = 0; i < n; i++) {
        uint32_t value = 0, scale, quotient = 1;
        for (d = t; d >= 0; d--) {
            value = field_add(field_mul(value, xs[i]), lambda[d]);
        }
        scale = field_mul(field_mul(ys[i], value), v[i]);
        for (d = n - 1; d >= 0; d--) {
            acc[d] = field_add(acc[d], field_mul(scale, quotient));
            quotient = field_add(m[d], field_mul(xs[i], quotient));
        }
    }

    /* Q = f Lambda with deg f < k. */
    for (d = k + t; d < n; d++) {
        ok &= ~nonzero_mask(acc[d]);
    }
    for (d = k + t - 1; d >= t; d--) {
        uint32_t lead = acc[d];
        coefficients[d - t] = lead;
        for (l = 0; l < t; l++) {
            acc[d - t + l] = field_sub(acc[d - t + l], field_mul(lead, lambda[l]));
        }
        acc[d] = 0;
    }
    for (d = 0; d < t; d++) {
        ok &= ~nonzero_mask(acc[d]);
    }
    for (i = 0; i < k; i++) {
        coefficients[i] &= ok;
    }
    cf_wipe(work, (size_t)(9 * n + 5) * sizeof(uint32_t));
    return (int)(ok & 1u);
}
