/*
 * Arithmetic modulo the secp256k1 group order n (SEC 2 section 2.4.1), for what libsecp256k1's
 * public API does not offer. Invariants: every value is eight 32-bit little-endian limbs below n
 * (32-bit limbs and 64-bit products suit the ESP32-S3's Xtensa core as well as the desktop).
 * Products use Montgomery multiplication (CIOS, Koc et al. 1996) with R = 2^256; every loop runs a
 * fixed number of times and every choice is a mask, so time does not depend on the values.
 */
#include "internal.h"

#include <string.h>

typedef cf_sc sc;

static const uint32_t N[8] = {0xd0364141u, 0xbfd25e8cu, 0xaf48a03bu, 0xbaaedce6u,
                              0xfffffffeu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
/* -n^-1 mod 2^32. */
static const uint32_t N0INV = 0x5588b13fu;
/* R^2 mod n, to enter the Montgomery domain. */
static const sc R2 = {{0x67d7d140u, 0x896cf214u, 0x0e7cf878u, 0x741496c2u,
                       0x5bcd07c6u, 0xe697f5e4u, 0x81c69bc5u, 0x9d671cd5u}};

/* Loads 32 big-endian bytes; returns 1 when the value is at or above n (the value is kept as is). */
static uint32_t load32(sc *r, const uint8_t *b)
{
    uint64_t borrow = 0;
    int i;
    for (i = 0; i < 8; i++) {
        const uint8_t *p = b + 28 - 4 * i;
        r->v[i] = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
    }
    for (i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)r->v[i] - N[i] - borrow;
        borrow = (d >> 63) & 1u;
    }
    return (uint32_t)(borrow ^ 1u);
}

static void store32(uint8_t *b, const sc *a)
{
    int i;
    for (i = 0; i < 8; i++) {
        uint8_t *p = b + 28 - 4 * i;
        p[0] = (uint8_t)(a->v[i] >> 24);
        p[1] = (uint8_t)(a->v[i] >> 16);
        p[2] = (uint8_t)(a->v[i] >> 8);
        p[3] = (uint8_t)a->v[i];
    }
}

/* r = x - n when (carry:x) >= n, else x; carry is the bit above limb 7. */
static void reduce_once32(sc *r, const uint32_t x[8], uint32_t carry)
{
    uint32_t t[8];
    uint64_t borrow = 0;
    uint32_t mask;
    int i;
    for (i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)x[i] - N[i] - borrow;
        t[i] = (uint32_t)d;
        borrow = (d >> 63) & 1u;
    }
    /* Keep the difference unless it borrowed out of a value with no carry. */
    mask = (uint32_t)0 - (uint32_t)(carry | (uint32_t)(borrow ^ 1u));
    for (i = 0; i < 8; i++) {
        r->v[i] = (t[i] & mask) | (x[i] & ~mask);
    }
}

static void add32(sc *r, const sc *a, const sc *b)
{
    uint32_t s[8];
    uint64_t c = 0;
    int i;
    for (i = 0; i < 8; i++) {
        c += (uint64_t)a->v[i] + b->v[i];
        s[i] = (uint32_t)c;
        c >>= 32;
    }
    reduce_once32(r, s, (uint32_t)c);
}

static void negate32(sc *r, const sc *a)
{
    uint64_t borrow = 0;
    uint32_t nonzero = 0;
    uint32_t mask;
    int i;
    for (i = 0; i < 8; i++) {
        nonzero |= a->v[i];
    }
    mask = (uint32_t)0 - (uint32_t)((nonzero | (0u - nonzero)) >> 31);
    for (i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)N[i] - a->v[i] - borrow;
        r->v[i] = (uint32_t)d & mask;
        borrow = (d >> 63) & 1u;
    }
}

/* The digest of a SHA-256 final state (h[0] .. h[7] big-endian, most significant first), reduced once. */
static void from_sha256_32(sc *r, const uint32_t h[8])
{
    int i;
    for (i = 0; i < 8; i++) {
        r->v[i] = h[7 - i];
    }
    reduce_once32(r, r->v, 0);
}

/* r = a * b * R^-1 mod n (CIOS) on 32-bit words: the card's product and the reference for the
 * 64-bit one. r may alias a or b. */
void cf_sc_mont_mul32(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    uint32_t t[10];
    int i, j;
    memset(t, 0, sizeof t);
    for (i = 0; i < 8; i++) {
        uint64_t c = 0;
        uint32_t m;
        for (j = 0; j < 8; j++) {
            c += (uint64_t)t[j] + (uint64_t)a->v[j] * b->v[i];
            t[j] = (uint32_t)c;
            c >>= 32;
        }
        c += t[8];
        t[8] = (uint32_t)c;
        t[9] = (uint32_t)(c >> 32);
        m = t[0] * N0INV;
        c = ((uint64_t)t[0] + (uint64_t)m * N[0]) >> 32;
        for (j = 1; j < 8; j++) {
            c += (uint64_t)t[j] + (uint64_t)m * N[j];
            t[j - 1] = (uint32_t)c;
            c >>= 32;
        }
        c += t[8];
        t[7] = (uint32_t)c;
        t[8] = t[9] + (uint32_t)(c >> 32);
    }
    reduce_once32(r, t, t[8]);
    cf_wipe(t, sizeof t);
}

#ifdef CF_MODN_64BIT

/* 64-bit little-endian hosts (the desktop): the same arithmetic on four 64-bit words with 128-bit
 * products, a quarter of the inner steps. The eight 32-bit limbs of a little-endian host are the
 * four 64-bit words in memory, so every function here reads and writes a scalar as 64-bit words:
 * a 64-bit load of two separate 32-bit stores cannot be forwarded from the store buffer and
 * stalls, and the row loops chain one result into the next operation. The words stay in local
 * variables (registers), not in stack arrays, so there is no temporary copy to wipe; the caller
 * wipes its scalars. Results below n are unique, so both word sizes give the same value; the card
 * (32-bit Xtensa, no 128-bit type) takes the 32-bit code. */
__extension__ typedef unsigned __int128 u128;

#define N64_0 0xbfd25e8cd0364141u
#define N64_1 0xbaaedce6af48a03bu
#define N64_2 0xfffffffffffffffeu
#define N64_3 0xffffffffffffffffu
/* -n^-1 mod 2^64. */
#define N0INV64 0x4b0dff665588b13fu

static uint64_t get64(const sc *a, int i)
{
    uint64_t w;
    memcpy(&w, &a->v[2 * i], sizeof w);
    return w;
}

static void set64(sc *r, int i, uint64_t w)
{
    memcpy(&r->v[2 * i], &w, sizeof w);
}

/* d = x - y - borrow and the new borrow (0 or 1). */
#define SUB_BORROW(d, x, y, borrow)                                                               \
    do {                                                                                          \
        u128 s_ = (u128)(x) - (y) - (borrow);                                                     \
        (d) = (uint64_t)s_;                                                                       \
        (borrow) = (uint64_t)(s_ >> 64) & 1u;                                                     \
    } while (0)

/* r = x - n when (carry:x) >= n, else x (reduce_once32 on 64-bit words; carry is 0 or 1). */
static void reduce_once64w(sc *r, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t carry)
{
    uint64_t t0, t1, t2, t3, mask, borrow = 0;
    SUB_BORROW(t0, x0, N64_0, borrow);
    SUB_BORROW(t1, x1, N64_1, borrow);
    SUB_BORROW(t2, x2, N64_2, borrow);
    SUB_BORROW(t3, x3, N64_3, borrow);
    /* Keep the difference unless it borrowed out of a value with no carry. */
    mask = (uint64_t)0 - ((carry | (borrow ^ 1u)) & 1u);
    set64(r, 0, (t0 & mask) | (x0 & ~mask));
    set64(r, 1, (t1 & mask) | (x1 & ~mask));
    set64(r, 2, (t2 & mask) | (x2 & ~mask));
    set64(r, 3, (t3 & mask) | (x3 & ~mask));
}

/* The 32-bit interface of reduce_once (carry is 0 or 1). */
static void reduce_once64_sc(sc *r, const uint32_t x[8], uint32_t carry)
{
    reduce_once64w(r, (uint64_t)x[0] | ((uint64_t)x[1] << 32), (uint64_t)x[2] | ((uint64_t)x[3] << 32),
                   (uint64_t)x[4] | ((uint64_t)x[5] << 32), (uint64_t)x[6] | ((uint64_t)x[7] << 32), carry);
}

static void add64(sc *r, const sc *a, const sc *b)
{
    uint64_t s0, s1, s2, s3;
    u128 c;
    c = (u128)get64(a, 0) + get64(b, 0);
    s0 = (uint64_t)c;
    c = (c >> 64) + get64(a, 1) + get64(b, 1);
    s1 = (uint64_t)c;
    c = (c >> 64) + get64(a, 2) + get64(b, 2);
    s2 = (uint64_t)c;
    c = (c >> 64) + get64(a, 3) + get64(b, 3);
    s3 = (uint64_t)c;
    reduce_once64w(r, s0, s1, s2, s3, (uint64_t)(c >> 64));
}

/* n - a, and 0 for a = 0 (negate32 on 64-bit words). */
static void negate64(sc *r, const sc *a)
{
    uint64_t x0 = get64(a, 0), x1 = get64(a, 1), x2 = get64(a, 2), x3 = get64(a, 3);
    uint64_t nonzero = x0 | x1 | x2 | x3;
    uint64_t mask = (uint64_t)0 - ((nonzero | (0u - nonzero)) >> 63);
    uint64_t d0, d1, d2, d3, borrow = 0;
    SUB_BORROW(d0, N64_0, x0, borrow);
    SUB_BORROW(d1, N64_1, x1, borrow);
    SUB_BORROW(d2, N64_2, x2, borrow);
    SUB_BORROW(d3, N64_3, x3, borrow);
    set64(r, 0, d0 & mask);
    set64(r, 1, d1 & mask);
    set64(r, 2, d2 & mask);
    set64(r, 3, d3 & mask);
}

/* a - b mod n: the difference, plus n when it borrowed (the value of add(a, negate(b))). */
static void sub64(sc *r, const sc *a, const sc *b)
{
    uint64_t d0, d1, d2, d3, mask, borrow = 0;
    u128 c;
    SUB_BORROW(d0, get64(a, 0), get64(b, 0), borrow);
    SUB_BORROW(d1, get64(a, 1), get64(b, 1), borrow);
    SUB_BORROW(d2, get64(a, 2), get64(b, 2), borrow);
    SUB_BORROW(d3, get64(a, 3), get64(b, 3), borrow);
    mask = (uint64_t)0 - borrow;
    c = (u128)d0 + (N64_0 & mask);
    set64(r, 0, (uint64_t)c);
    c = (c >> 64) + d1 + (N64_1 & mask);
    set64(r, 1, (uint64_t)c);
    c = (c >> 64) + d2 + (N64_2 & mask);
    set64(r, 2, (uint64_t)c);
    c = (c >> 64) + d3 + (N64_3 & mask);
    set64(r, 3, (uint64_t)c);
}

/* One CIOS step: t = t + x y_i, then t = (t + m n) / 2^64 with m = t_0 (-n^-1) mod 2^64. */
#define MAC(t, x, y, c)                                                                           \
    do {                                                                                          \
        u128 p_ = (u128)(x) * (y) + (t) + (c);                                                    \
        (t) = (uint64_t)p_;                                                                       \
        (c) = (uint64_t)(p_ >> 64);                                                               \
    } while (0)
#define CIOS_STEP(yi)                                                                             \
    do {                                                                                          \
        uint64_t c_ = 0, m_;                                                                      \
        u128 s_;                                                                                  \
        MAC(t0, x0, (yi), c_);                                                                    \
        MAC(t1, x1, (yi), c_);                                                                    \
        MAC(t2, x2, (yi), c_);                                                                    \
        MAC(t3, x3, (yi), c_);                                                                    \
        s_ = (u128)t4 + c_;                                                                       \
        t4 = (uint64_t)s_;                                                                        \
        t5 = (uint64_t)(s_ >> 64);                                                                \
        m_ = t0 * N0INV64;                                                                        \
        c_ = (uint64_t)(((u128)m_ * N64_0 + t0) >> 64);                                           \
        s_ = (u128)m_ * N64_1 + t1 + c_;                                                          \
        t0 = (uint64_t)s_;                                                                        \
        c_ = (uint64_t)(s_ >> 64);                                                                \
        s_ = (u128)m_ * N64_2 + t2 + c_;                                                          \
        t1 = (uint64_t)s_;                                                                        \
        c_ = (uint64_t)(s_ >> 64);                                                                \
        s_ = (u128)m_ * N64_3 + t3 + c_;                                                          \
        t2 = (uint64_t)s_;                                                                        \
        c_ = (uint64_t)(s_ >> 64);                                                                \
        s_ = (u128)t4 + c_;                                                                       \
        t3 = (uint64_t)s_;                                                                        \
        t4 = t5 + (uint64_t)(s_ >> 64);                                                           \
    } while (0)

void cf_sc_mont_mul64(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    const uint64_t x0 = get64(a, 0), x1 = get64(a, 1), x2 = get64(a, 2), x3 = get64(a, 3);
    const uint64_t y0 = get64(b, 0), y1 = get64(b, 1), y2 = get64(b, 2), y3 = get64(b, 3);
    uint64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5;
    CIOS_STEP(y0);
    CIOS_STEP(y1);
    CIOS_STEP(y2);
    CIOS_STEP(y3);
    reduce_once64w(r, t0, t1, t2, t3, t4);
}

/* Big-endian bytes to words and back, a 64-bit word at a time. */
static uint64_t be64(const uint8_t *p)
{
    return ((uint64_t)p[0] << 56) | ((uint64_t)p[1] << 48) | ((uint64_t)p[2] << 40) | ((uint64_t)p[3] << 32) |
           ((uint64_t)p[4] << 24) | ((uint64_t)p[5] << 16) | ((uint64_t)p[6] << 8) | p[7];
}

static uint32_t load64(sc *r, const uint8_t *b)
{
    uint64_t x0 = be64(b + 24), x1 = be64(b + 16), x2 = be64(b + 8), x3 = be64(b), d, borrow = 0;
    set64(r, 0, x0);
    set64(r, 1, x1);
    set64(r, 2, x2);
    set64(r, 3, x3);
    SUB_BORROW(d, x0, N64_0, borrow);
    SUB_BORROW(d, x1, N64_1, borrow);
    SUB_BORROW(d, x2, N64_2, borrow);
    SUB_BORROW(d, x3, N64_3, borrow);
    (void)d;
    return (uint32_t)(borrow ^ 1u);
}

static void store64(uint8_t *b, const sc *a)
{
    int i, k;
    for (i = 0; i < 4; i++) {
        uint64_t w = get64(a, i);
        for (k = 0; k < 8; k++) {
            b[31 - 8 * i - k] = (uint8_t)(w >> (8 * k));
        }
    }
}

/* The digest of a SHA-256 final state, h[0] most significant, reduced once. */
static void from_sha256_64(sc *r, const uint32_t h[8])
{
    reduce_once64w(r, ((uint64_t)h[6] << 32) | h[7], ((uint64_t)h[4] << 32) | h[5], ((uint64_t)h[2] << 32) | h[3],
                   ((uint64_t)h[0] << 32) | h[1], 0);
}

static void masked64(sc *r, const sc *a, uint32_t bit)
{
    uint64_t mask = (uint64_t)0 - (bit & 1u);
    int i;
    for (i = 0; i < 4; i++) {
        set64(r, i, get64(a, i) & mask);
    }
}

static void mont_mul(sc *r, const sc *a, const sc *b)
{
    cf_sc_mont_mul64(r, a, b);
}

static void reduce_once(sc *r, const uint32_t x[8], uint32_t carry)
{
    reduce_once64_sc(r, x, carry);
}

static void add(sc *r, const sc *a, const sc *b)
{
    add64(r, a, b);
}

static void negate(sc *r, const sc *a)
{
    negate64(r, a);
}

static void sub(sc *r, const sc *a, const sc *b)
{
    sub64(r, a, b);
}

static uint32_t load(sc *r, const uint8_t *b)
{
    return load64(r, b);
}

static void store(uint8_t *b, const sc *a)
{
    store64(b, a);
}

static void from_sha256(sc *r, const uint32_t h[8])
{
    from_sha256_64(r, h);
}

static void masked(sc *r, const sc *a, uint32_t bit)
{
    masked64(r, a, bit);
}

#else

static void mont_mul(sc *r, const sc *a, const sc *b)
{
    cf_sc_mont_mul32(r, a, b);
}

static void reduce_once(sc *r, const uint32_t x[8], uint32_t carry)
{
    reduce_once32(r, x, carry);
}

static void add(sc *r, const sc *a, const sc *b)
{
    add32(r, a, b);
}

static void negate(sc *r, const sc *a)
{
    negate32(r, a);
}

static void sub(sc *r, const sc *a, const sc *b)
{
    sc t;
    negate32(&t, b);
    add32(r, a, &t);
    cf_wipe(&t, sizeof t);
}

static uint32_t load(sc *r, const uint8_t *b)
{
    return load32(r, b);
}

static void store(uint8_t *b, const sc *a)
{
    store32(b, a);
}

static void from_sha256(sc *r, const uint32_t h[8])
{
    from_sha256_32(r, h);
}

static void masked(sc *r, const sc *a, uint32_t bit)
{
    uint32_t mask = (uint32_t)0 - (bit & 1u);
    int i;
    for (i = 0; i < 8; i++) {
        r->v[i] = a->v[i] & mask;
    }
}

#endif

/* r = a * b mod n. */
static void mul(sc *r, const sc *a, const sc *b)
{
    mont_mul(r, a, b);
    mont_mul(r, r, &R2);
}

int cf_scalar_reduce(const uint8_t x[32], uint8_t out[32], int *was_reduced)
{
    sc a;
    uint32_t high = load(&a, x);
    reduce_once(&a, a.v, 0);
    store(out, &a);
    if (was_reduced != NULL) {
        *was_reduced = (int)high;
    }
    cf_wipe(&a, sizeof a);
    return CF_OK;
}

int cf_scalar_add(const uint8_t a[32], const uint8_t b[32], uint8_t out[32])
{
    return cf_modn_add_vec(a, b, 1, out);
}

int cf_scalar_mul(const uint8_t a[32], const uint8_t b[32], uint8_t out[32])
{
    return cf_modn_mul_vec(a, b, 1, out);
}

int cf_scalar_negate(const uint8_t a[32], uint8_t out[32])
{
    sc x;
    if (load(&x, a)) {
        return CF_ERR_ENCODING;
    }
    negate(&x, &x);
    store(out, &x);
    cf_wipe(&x, sizeof x);
    return CF_OK;
}

int cf_scalar_invert(const uint8_t a[32], uint8_t out[32])
{
    /* a^(n-2) (Fermat), left to right over the public exponent four bits at a time: 14 products
     * fill the table of a^0 .. a^15, then each nibble costs four squarings and at most one product
     * (about 330 Montgomery products against about 450 bit by bit). Which products run depends only
     * on the exponent; the table is indexed by the exponent's nibbles. */
    static const uint32_t E[8] = {0xd036413fu, 0xbfd25e8cu, 0xaf48a03bu, 0xbaaedce6u,
                                  0xfffffffeu, 0xffffffffu, 0xffffffffu, 0xffffffffu};
    sc x, acc, one, table[16];
    uint32_t nonzero = 0;
    int i;
    if (load(&x, a)) {
        return CF_ERR_ENCODING;
    }
    for (i = 0; i < 8; i++) {
        nonzero |= x.v[i];
    }
    if (nonzero == 0) {
        return CF_ERR_ZERO;
    }
    memset(&one, 0, sizeof one);
    one.v[0] = 1;
    mont_mul(&table[0], &one, &R2); /* R, i.e. 1 in the Montgomery domain */
    mont_mul(&table[1], &x, &R2);   /* x R */
    for (i = 2; i < 16; i++) {
        mont_mul(&table[i], &table[i - 1], &table[1]);
    }
    acc = table[E[7] >> 28];
    for (i = 62; i >= 0; i--) {
        uint32_t nibble = (E[i >> 3] >> (4 * (i & 7))) & 15u;
        mont_mul(&acc, &acc, &acc);
        mont_mul(&acc, &acc, &acc);
        mont_mul(&acc, &acc, &acc);
        mont_mul(&acc, &acc, &acc);
        if (nibble != 0) {
            mont_mul(&acc, &acc, &table[nibble]);
        }
    }
    mont_mul(&acc, &acc, &one);
    store(out, &acc);
    cf_wipe(&x, sizeof x);
    cf_wipe(&acc, sizeof acc);
    cf_wipe(table, sizeof table);
    return CF_OK;
}

/* Checks every scalar of a vector before any output is written, so an error leaves out untouched. */
static int check_vec(const uint8_t *v, size_t count)
{
    sc x;
    uint32_t bad = 0;
    size_t i;
    for (i = 0; i < count; i++) {
        bad |= load(&x, v + 32 * i);
    }
    cf_wipe(&x, sizeof x);
    return bad ? CF_ERR_ENCODING : CF_OK;
}

int cf_modn_add_vec(const uint8_t *a, const uint8_t *b, size_t count, uint8_t *out)
{
    sc x, y;
    size_t i;
    if (check_vec(a, count) != CF_OK || check_vec(b, count) != CF_OK) {
        return CF_ERR_ENCODING;
    }
    for (i = 0; i < count; i++) {
        load(&x, a + 32 * i);
        load(&y, b + 32 * i);
        add(&x, &x, &y);
        store(out + 32 * i, &x);
    }
    cf_wipe(&x, sizeof x);
    cf_wipe(&y, sizeof y);
    return CF_OK;
}

int cf_modn_sub_vec(const uint8_t *a, const uint8_t *b, size_t count, uint8_t *out)
{
    sc x, y;
    size_t i;
    if (check_vec(a, count) != CF_OK || check_vec(b, count) != CF_OK) {
        return CF_ERR_ENCODING;
    }
    for (i = 0; i < count; i++) {
        load(&x, a + 32 * i);
        load(&y, b + 32 * i);
        sub(&x, &x, &y);
        store(out + 32 * i, &x);
    }
    cf_wipe(&x, sizeof x);
    cf_wipe(&y, sizeof y);
    return CF_OK;
}

int cf_modn_mul_vec(const uint8_t *a, const uint8_t *b, size_t count, uint8_t *out)
{
    sc x, y;
    size_t i;
    if (check_vec(a, count) != CF_OK || check_vec(b, count) != CF_OK) {
        return CF_ERR_ENCODING;
    }
    for (i = 0; i < count; i++) {
        load(&x, a + 32 * i);
        load(&y, b + 32 * i);
        mul(&x, &x, &y);
        store(out + 32 * i, &x);
    }
    cf_wipe(&x, sizeof x);
    cf_wipe(&y, sizeof y);
    return CF_OK;
}

int cf_modn_scale_vec(const uint8_t s[32], const uint8_t *a, size_t count, uint8_t *out)
{
    sc k, x;
    size_t i;
    if (check_vec(s, 1) != CF_OK || check_vec(a, count) != CF_OK) {
        return CF_ERR_ENCODING;
    }
    load(&k, s);
    mont_mul(&k, &k, &R2); /* k R, so that one Montgomery product per element gives k a_i */
    for (i = 0; i < count; i++) {
        load(&x, a + 32 * i);
        mont_mul(&x, &x, &k);
        store(out + 32 * i, &x);
    }
    cf_wipe(&k, sizeof k);
    cf_wipe(&x, sizeof x);
    return CF_OK;
}

int cf_modn_inner_product(const uint8_t *g, const uint8_t *a, size_t count, uint8_t out[32])
{
    sc acc, x, y;
    size_t i;
    if (check_vec(g, count) != CF_OK || check_vec(a, count) != CF_OK) {
        return CF_ERR_ENCODING;
    }
    /* Sum the products in the R^-1-scaled domain and correct once at the end. */
    memset(&acc, 0, sizeof acc);
    for (i = 0; i < count; i++) {
        load(&x, g + 32 * i);
        load(&y, a + 32 * i);
        mont_mul(&x, &x, &y);
        add(&acc, &acc, &x);
    }
    mont_mul(&acc, &acc, &R2);
    store(out, &acc);
    cf_wipe(&acc, sizeof acc);
    cf_wipe(&x, sizeof x);
    cf_wipe(&y, sizeof y);
    return CF_OK;
}

/* The internal scalar API of internal.h (for the RVOLE row loops in rvole.c). */
uint32_t cf_sc_load(cf_sc *r, const uint8_t b[32])
{
    return load(r, b);
}

void cf_sc_load_reduced(cf_sc *r, const uint8_t b[32])
{
    load(r, b);
    reduce_once(r, r->v, 0);
}

void cf_sc_from_sha256(cf_sc *r, const uint32_t h[8])
{
    from_sha256(r, h);
}

void cf_sc_store(uint8_t b[32], const cf_sc *a)
{
    store(b, a);
}

void cf_sc_add(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    add(r, a, b);
}

void cf_sc_add32(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    add32(r, a, b);
}

void cf_sc_negate32(cf_sc *r, const cf_sc *a)
{
    negate32(r, a);
}

void cf_sc_reduce32(cf_sc *r, const cf_sc *a)
{
    reduce_once32(r, a->v, 0);
}

void cf_sc_sub32(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    sc t;
    negate32(&t, b);
    add32(r, a, &t);
    cf_wipe(&t, sizeof t);
}

uint32_t cf_sc_load32(cf_sc *r, const uint8_t b[32])
{
    return load32(r, b);
}

void cf_sc_store32(uint8_t b[32], const cf_sc *a)
{
    store32(b, a);
}

void cf_sc_from_sha256_32(cf_sc *r, const uint32_t h[8])
{
    from_sha256_32(r, h);
}

#ifdef CF_MODN_64BIT
void cf_sc_add64(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    add64(r, a, b);
}

void cf_sc_negate64(cf_sc *r, const cf_sc *a)
{
    negate64(r, a);
}

void cf_sc_reduce64(cf_sc *r, const cf_sc *a)
{
    reduce_once64_sc(r, a->v, 0);
}

void cf_sc_sub64(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    sub64(r, a, b);
}

uint32_t cf_sc_load64(cf_sc *r, const uint8_t b[32])
{
    return load64(r, b);
}

void cf_sc_store64(uint8_t b[32], const cf_sc *a)
{
    store64(b, a);
}

void cf_sc_from_sha256_64(cf_sc *r, const uint32_t h[8])
{
    from_sha256_64(r, h);
}
#endif

void cf_sc_sub(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    sub(r, a, b);
}

void cf_sc_mul(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    mul(r, a, b);
}

void cf_sc_mont_mul(cf_sc *r, const cf_sc *a, const cf_sc *b)
{
    mont_mul(r, a, b);
}

void cf_sc_to_mont(cf_sc *r, const cf_sc *a)
{
    mont_mul(r, a, &R2);
}

void cf_sc_masked(cf_sc *r, const cf_sc *a, uint32_t bit)
{
    masked(r, a, bit);
}
