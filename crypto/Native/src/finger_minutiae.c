/*
 * MinutiaExtractor.Run (cffinger.h cf_finger_minutiae): crossing-number candidates inside the finger,
 * each ridge traced one period out to drop spurs and bridges and to give the direction its sense,
 * artefact pairs removed, the most coherent kept. Same operations in the same order as the
 * reference: single-precision float arithmetic, the sense test in double as C#'s Math.Cos/Math.Sin
 * give it (CF_FINGER_SINGLE_MATH: in single precision), -ffp-contract=off.
 */
#include "finger_internal.h"

#include <string.h>

typedef struct {
    uint8_t *x;
    uint8_t *y;
    uint8_t *type;
    float *angle;
    float *reliability;
    int count;
    int capacity;
} minutia_set;

/* Ring order N, NE, E, SE, S, SW, W, NW. */
static const int ring_dx[8] = {0, 1, 1, 1, 0, -1, -1, -1};
static const int ring_dy[8] = {-1, -1, 0, 1, 1, 1, 0, -1};

static int ring(const uint8_t *s, int p, int r)
{
    return s[p + ring_dy[r] * FS + ring_dx[r]] != 0 ? 1 : 0;
}

static int inside_finger(const uint8_t *foreground, int x, int y)
{
    int bx = x / FBS;
    int by = y / FBS;
    int dy, dx;
    for (dy = -1; dy <= 1; dy++) {
        for (dx = -1; dx <= 1; dx++) {
            int yy = by + dy;
            int xx = bx + dx;
            if (yy < 0 || yy >= FB || xx < 0 || xx >= FB) {
                return 0;
            }
            if (foreground[yy * FB + xx] == 0) {
                return 0;
            }
        }
    }
    return 1;
}

/* Bilinear interpolation of the doubled-angle field between the four nearest block centres. */
static float orientation_at(const float *cos2, const float *sin2, int x, int y)
{
    float fx = ((float)x - (float)FBS / 2.0f) / (float)FBS;
    float fy = ((float)y - (float)FBS / 2.0f) / (float)FBS;
    int x0 = cf_finger_clamp((int)fx, 0, FB - 2);
    int y0 = cf_finger_clamp((int)fy, 0, FB - 2);
    float ax = fx - (float)x0;
    float ay = fy - (float)y0;
    int b;
    float c, s;
    ax = ax < 0.0f ? 0.0f : (ax > 1.0f ? 1.0f : ax);
    ay = ay < 0.0f ? 0.0f : (ay > 1.0f ? 1.0f : ay);
    b = y0 * FB + x0;
    c = (1.0f - ax) * (1.0f - ay) * cos2[b] + ax * (1.0f - ay) * cos2[b + 1] + (1.0f - ax) * ay * cos2[b + FB] +
        ax * ay * cos2[b + FB + 1];
    s = (1.0f - ax) * (1.0f - ay) * sin2[b] + ax * (1.0f - ay) * sin2[b + 1] + (1.0f - ax) * ay * sin2[b + FB] +
        ax * ay * sin2[b + FB + 1];
    return cf_finger_half_angle(s, c);
}

static void move_minutia(minutia_set *m, int from, int to)
{
    m->x[to] = m->x[from];
    m->y[to] = m->y[from];
    m->type[to] = m->type[from];
    m->angle[to] = m->angle[from];
    m->reliability[to] = m->reliability[from];
}

static void clear_tail(minutia_set *m, int from, int to)
{
    int i;
    for (i = from; i < to; i++) {
        m->x[i] = 0;
        m->y[i] = 0;
        m->type[i] = 0;
        m->angle[i] = 0.0f;
        m->reliability[i] = 0.0f;
    }
}

/* MinutiaExtractor.Trace: outwards along the skeleton until the radius (1) or an end or fork (0). */
static int trace(const uint8_t *s, int radius, int ox, int oy, int sx, int sy, int *ex, int *ey)
{
    int cx = sx;
    int cy = sy;
    int cd = (cx - ox) * (cx - ox) + (cy - oy) * (cy - oy);
    *ex = cx;
    *ey = cy;
    while (cd < radius * radius) {
        int p, r, crossings = 0, best = -1, best_d = cd;
        if (cx < 1 || cy < 1 || cx >= FS - 1 || cy >= FS - 1) {
            return 0;
        }
        p = cy * FS + cx;
        for (r = 0; r < 8; r++) {
            crossings += ring(s, p, r) != ring(s, p, (r + 1) & 7) ? 1 : 0;
        }
        if (crossings != 4) {
            return 0;
        }
        for (r = 0; r < 8; r++) {
            int nx, ny, d;
            if (ring(s, p, r) == 0) {
                continue;
            }
            nx = cx + ring_dx[r] - ox;
            ny = cy + ring_dy[r] - oy;
            d = nx * nx + ny * ny;
            if (d > best_d) {
                best_d = d;
                best = r;
            }
        }
        if (best < 0) {
            return 0;
        }
        cx += ring_dx[best];
        cy += ring_dy[best];
        cd = best_d;
    }
    *ex = cx;
    *ey = cy;
    return 1;
}

/* cos(theta) dx + sin(theta) dy < 0, as C# computes it (Math in double). */
static int points_backwards(float theta, float dx, float dy)
{
#ifdef CF_FINGER_SINGLE_MATH
    return cosf(theta) * dx + sinf(theta) * dy < 0.0f;
#else
    return cos((double)theta) * (double)dx + sin((double)theta) * (double)dy < 0.0;
#endif
}

static void trace_and_clean(const uint8_t *s, int radius, minutia_set *m)
{
    int n = m->count;
    int kept = 0;
    int i;
    for (i = 0; i < n; i++) {
        int ox = m->x[i];
        int oy = m->y[i];
        int p = oy * FS + ox;
        float sum_x = 0.0f, sum_y = 0.0f;
        float bx0 = 0.0f, by0 = 0.0f, bx1 = 0.0f, by1 = 0.0f, bx2 = 0.0f, by2 = 0.0f;
        int branches = 0;
        int broken = 0;
        int r, type;
        float dx, dy, theta;
        for (r = 0; r < 8 && !broken; r++) {
            int start, ex, ey;
            float vx, vy, len;
            if (ring(s, p, r) == 0 || ring(s, p, (r + 7) & 7) != 0) {
                continue;
            }
            start = r;
            if ((r & 1) == 1 && ring(s, p, (r + 1) & 7) != 0) {
                start = (r + 1) & 7;
            }
            if (!trace(s, radius, ox, oy, ox + ring_dx[start], oy + ring_dy[start], &ex, &ey)) {
                broken = 1;
                break;
            }
            vx = (float)(ex - ox);
            vy = (float)(ey - oy);
            len = sqrtf(vx * vx + vy * vy);
            vx /= len;
            vy /= len;
            if (branches == 0) {
                bx0 = vx;
                by0 = vy;
            } else if (branches == 1) {
                bx1 = vx;
                by1 = vy;
            } else if (branches == 2) {
                bx2 = vx;
                by2 = vy;
            }
            sum_x += vx;
            sum_y += vy;
            branches++;
        }

        type = m->type[i];
        if (broken || branches != (type == 1 ? 1 : 3)) {
            continue;
        }
        if (type == 1) {
            dx = -bx0;
            dy = -by0;
        } else {
            float a0 = bx0 * (sum_x - bx0) + by0 * (sum_y - by0);
            float a1 = bx1 * (sum_x - bx1) + by1 * (sum_y - by1);
            float a2 = bx2 * (sum_x - bx2) + by2 * (sum_y - by2);
            dx = a0 <= a1 && a0 <= a2 ? bx0 : (a1 <= a2 ? bx1 : bx2);
            dy = a0 <= a1 && a0 <= a2 ? by0 : (a1 <= a2 ? by1 : by2);
        }
        theta = m->angle[i];
        if (points_backwards(theta, dx, dy)) {
            theta += FPI;
        }
        m->angle[i] = theta;
        move_minutia(m, i, kept);
        kept++;
    }
    clear_tail(m, kept, n);
    m->count = kept;
}

static void remove_artefact_pairs(minutia_set *m, int distance)
{
    int n = m->count;
    int kept = 0;
    int i, j;
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            int dx = m->x[i] - m->x[j];
            int dy = m->y[i] - m->y[j];
            if (dx * dx + dy * dy < distance * distance) {
                if (m->reliability[i] >= 0.0f) {
                    m->reliability[i] = -1.0f - m->reliability[i];
                }
                if (m->reliability[j] >= 0.0f) {
                    m->reliability[j] = -1.0f - m->reliability[j];
                }
            }
        }
    }
    for (i = 0; i < n; i++) {
        if (m->reliability[i] >= 0.0f) {
            move_minutia(m, i, kept);
            kept++;
        }
    }
    clear_tail(m, kept, n);
    m->count = kept;
}

static void keep_most_reliable(minutia_set *m, int limit)
{
    while (m->count > limit) {
        int worst = 0;
        int i;
        for (i = 1; i < m->count; i++) {
            if (m->reliability[i] < m->reliability[worst]) {
                worst = i;
            }
        }
        move_minutia(m, m->count - 1, worst);
        clear_tail(m, m->count - 1, m->count);
        m->count--;
    }
}

int cf_finger_minutiae(const uint8_t *skeleton, const uint8_t *foreground, const float *cos2, const float *sin2,
                       const float *coherence, const int32_t *params, uint8_t *x, uint8_t *y, uint8_t *type,
                       float *angle, float *reliability, int32_t capacity)
{
    minutia_set m;
    int margin, artefact, radius, keep;
    int px, py;
    if (skeleton == NULL || foreground == NULL || cos2 == NULL || sin2 == NULL || coherence == NULL || params == NULL ||
        x == NULL || y == NULL || type == NULL || angle == NULL || reliability == NULL || capacity < 0) {
        return -CF_ERR_ARGUMENT;
    }
    margin = params[CF_MINUTIA_FRAME_MARGIN];
    artefact = params[CF_MINUTIA_ARTEFACT_DISTANCE];
    radius = params[CF_MINUTIA_TRACE_RADIUS];
    keep = params[CF_MINUTIA_MAX_KEPT];
    /* The crossing number reads one pixel around a candidate; a trace stops one pixel from the edge. */
    if (margin < 1 || margin > FS / 2 || artefact < 0 || artefact > FS || radius < 1 || radius > FS || keep < 0) {
        return -CF_ERR_ARGUMENT;
    }
    m.x = x;
    m.y = y;
    m.type = type;
    m.angle = angle;
    m.reliability = reliability;
    m.capacity = capacity;
    m.count = 0;
    clear_tail(&m, 0, capacity);

    for (py = margin; py < FS - margin; py++) {
        for (px = margin; px < FS - margin; px++) {
            int p = py * FS + px;
            int n0, n1, n2, n3, n4, n5, n6, n7, crossings, t;
            if (skeleton[p] == 0 || !inside_finger(foreground, px, py)) {
                continue;
            }
            n0 = skeleton[p - FS];
            n1 = skeleton[p - FS + 1];
            n2 = skeleton[p + 1];
            n3 = skeleton[p + FS + 1];
            n4 = skeleton[p + FS];
            n5 = skeleton[p + FS - 1];
            n6 = skeleton[p - 1];
            n7 = skeleton[p - FS - 1];
            crossings = (n0 != n1) + (n1 != n2) + (n2 != n3) + (n3 != n4) + (n4 != n5) + (n5 != n6) + (n6 != n7) +
                        (n7 != n0);
            t = crossings / 2;
            if (t != 1 && t != 3) {
                continue;
            }
            if (m.count >= m.capacity) {
                /* MinutiaSet.Add refuses: the reference leaves this row. */
                break;
            }
            m.x[m.count] = (uint8_t)px;
            m.y[m.count] = (uint8_t)py;
            m.type[m.count] = (uint8_t)t;
            m.angle[m.count] = orientation_at(cos2, sin2, px, py);
            m.reliability[m.count] = coherence[(py / FBS) * FB + px / FBS];
            m.count++;
        }
    }

    trace_and_clean(skeleton, radius, &m);
    remove_artefact_pairs(&m, artefact);
    keep_most_reliable(&m, keep);
    return m.count;
}
