/*
 * secp256k1 point operations through libsecp256k1's public API (secp256k1.h, 0.2 or later). The
 * context lives in a static buffer (secp256k1_preallocated.h), so the module never allocates.
 * Scalars are checked by the module's own constant-time code first (modn.c) so that the error
 * codes match the managed backend: CF_ERR_ENCODING for k >= n, CF_ERR_ZERO for k = 0.
 * Security: ec_pubkey_create and ec_pubkey_tweak_mul are constant time in the scalar (libsecp256k1
 * ecmult_gen / ecmult_const); combine works on public points. The one variable-time operation is
 * cf_point_multi_mul_var (verification, public inputs), through the recovery module where the
 * library has it (CF_SECP256K1_RECOVERY, the desktop build).
 */
#include "internal.h"

#include <secp256k1.h>
#include <secp256k1_preallocated.h>
#ifdef CF_SECP256K1_RECOVERY
#include <secp256k1_recovery.h>
#endif
#include <string.h>

/* 0.2.0 needs 208 bytes on 64-bit hosts; the margin covers other builds and 32-bit targets. */
#define CTX_BYTES 1024

static union {
    uint8_t bytes[CTX_BYTES];
    uint64_t align;
} ctx_buf;
static secp256k1_context *ctx;

int cf_init(void)
{
    size_t need;
    if (ctx != NULL) {
        return CF_OK;
    }
    need = secp256k1_context_preallocated_size(SECP256K1_CONTEXT_NONE);
    if (need > CTX_BYTES) {
        return CF_ERR_STATE;
    }
    ctx = secp256k1_context_preallocated_create(ctx_buf.bytes, SECP256K1_CONTEXT_NONE);
    return ctx != NULL ? CF_OK : CF_ERR_STATE;
}

/* CF_OK for 0 < k < n, else the matching error, without branching on k's bits. */
static int check_nonzero_scalar(const uint8_t k[32])
{
    uint8_t copy[32];
    uint8_t acc = 0;
    int reduced = 0;
    int i;
    cf_scalar_reduce(k, copy, &reduced);
    for (i = 0; i < 32; i++) {
        acc |= k[i];
    }
    cf_wipe(copy, sizeof copy);
    if (reduced) {
        return CF_ERR_ENCODING;
    }
    return acc == 0 ? CF_ERR_ZERO : CF_OK;
}

static int parse(secp256k1_pubkey *p, const uint8_t *enc, size_t len)
{
    if (len != 33 && len != 65) {
        return CF_ERR_ARGUMENT;
    }
    /* libsecp256k1 also accepts the hybrid 0x06/0x07 forms; SEC 1 as used here does not. */
    if (len == 65 && enc[0] != 0x04) {
        return CF_ERR_ENCODING;
    }
    return secp256k1_ec_pubkey_parse(ctx, p, enc, len) ? CF_OK : CF_ERR_POINT;
}

static void serialize(uint8_t out[33], const secp256k1_pubkey *p)
{
    size_t len = 33;
    secp256k1_ec_pubkey_serialize(ctx, out, &len, p, SECP256K1_EC_COMPRESSED);
}

int cf_point_base_mul(const uint8_t k[32], uint8_t out[33])
{
    secp256k1_pubkey p;
    int rc = cf_init();
    if (rc == CF_OK) {
        rc = check_nonzero_scalar(k);
    }
    if (rc != CF_OK) {
        return rc;
    }
    if (!secp256k1_ec_pubkey_create(ctx, &p, k)) {
        return CF_ERR_ZERO;
    }
    serialize(out, &p);
    return CF_OK;
}

int cf_point_mul(const uint8_t k[32], const uint8_t *point, size_t point_len, uint8_t out[33])
{
    secp256k1_pubkey p;
    int rc = cf_init();
    if (rc == CF_OK) {
        rc = parse(&p, point, point_len);
    }
    if (rc == CF_OK) {
        rc = check_nonzero_scalar(k);
    }
    if (rc != CF_OK) {
        return rc;
    }
    if (!secp256k1_ec_pubkey_tweak_mul(ctx, &p, k)) {
        return CF_ERR_ZERO;
    }
    serialize(out, &p);
    return CF_OK;
}

int cf_point_add(const uint8_t *p, size_t p_len, const uint8_t *q, size_t q_len, uint8_t out[33])
{
    secp256k1_pubkey a, b, r;
    const secp256k1_pubkey *both[2];
    int rc = cf_init();
    if (rc == CF_OK) {
        rc = parse(&a, p, p_len);
    }
    if (rc == CF_OK) {
        rc = parse(&b, q, q_len);
    }
    if (rc != CF_OK) {
        return rc;
    }
    both[0] = &a;
    both[1] = &b;
    if (!secp256k1_ec_pubkey_combine(ctx, &r, both, 2)) {
        return CF_ERR_POINT; /* P + Q at infinity */
    }
    serialize(out, &r);
    return CF_OK;
}

/* a G + b P by the constant-time operations: the reference for the recovery path below. */
static int multi_mul_ct(const uint8_t a[32], int ra, const uint8_t b[32], int rb, secp256k1_pubkey *p, uint8_t out[33])
{
    secp256k1_pubkey ag, r;
    const secp256k1_pubkey *terms[2];
    int n = 0;
    /* Public inputs: a zero term is simply left out. */
    if (ra == CF_OK && secp256k1_ec_pubkey_create(ctx, &ag, a)) {
        terms[n++] = &ag;
    }
    if (rb == CF_OK && secp256k1_ec_pubkey_tweak_mul(ctx, p, b)) {
        terms[n++] = p;
    }
    memset(out, 0, 33);
    if (n == 0 || !secp256k1_ec_pubkey_combine(ctx, &r, terms, (size_t)n)) {
        return CF_OK; /* the sum is infinity: out stays all zero */
    }
    serialize(out, &r);
    return CF_OK;
}

#ifdef CF_SECP256K1_RECOVERY
/* a G + b P in variable time (public a, b and P only: verification), as one Strauss
 * multi-multiplication (libsecp256k1's ecmult) reached through ECDSA public-key recovery, which
 * returns Q = u1 G + u2 R with u1 = -r^-1 e and u2 = r^-1 s for the point R of x-coordinate r
 * (SEC 1 section 4.1.6): with R = P, r = x(P) mod n, s = b r and e = -a r, Q = a G + b P. Returns 0
 * where that does not apply (b = 0 or r = 0) or the sum is infinity; the caller then takes the
 * constant-time path. */
static int multi_mul_recover(const uint8_t a[32], const uint8_t b[32], const secp256k1_pubkey *p, uint8_t out[33])
{
    secp256k1_ecdsa_recoverable_signature signature;
    secp256k1_pubkey q;
    uint8_t xy[65], rs[64], ar[32], e[32];
    size_t len = sizeof xy;
    int high = 0;
    secp256k1_ec_pubkey_serialize(ctx, xy, &len, p, SECP256K1_EC_UNCOMPRESSED);
    cf_scalar_reduce(xy + 1, rs, &high); /* r = x mod n; x >= n is recovery id bit 1 */
    if (cf_scalar_mul(b, rs, rs + 32) != CF_OK || cf_scalar_mul(a, rs, ar) != CF_OK || cf_scalar_negate(ar, e) != CF_OK) {
        return 0;
    }
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &signature, rs, (xy[64] & 1) | (high ? 2 : 0)) ||
        !secp256k1_ecdsa_recover(ctx, &q, &signature, e)) {
        return 0;
    }
    serialize(out, &q);
    return 1;
}

#endif

/* a G + b P for public a, b and P: through recovery when recover is set and the build has it. */
static int multi_mul(const uint8_t a[32], const uint8_t b[32], const uint8_t *point, size_t point_len, uint8_t out[33],
                     int recover)
{
    secp256k1_pubkey p;
    int ra, rb;
    int rc = cf_init();
    if (rc == CF_OK) {
        rc = parse(&p, point, point_len);
    }
    if (rc != CF_OK) {
        return rc;
    }
    ra = check_nonzero_scalar(a);
    rb = check_nonzero_scalar(b);
    if (ra == CF_ERR_ENCODING || rb == CF_ERR_ENCODING) {
        return CF_ERR_ENCODING;
    }
#ifdef CF_SECP256K1_RECOVERY
    if (recover && multi_mul_recover(a, b, &p, out)) {
        return CF_OK;
    }
#else
    (void)recover;
#endif
    return multi_mul_ct(a, ra, b, rb, &p, out);
}

int cf_point_multi_mul_var(const uint8_t a[32], const uint8_t b[32], const uint8_t *point,
                           size_t point_len, uint8_t out[33])
{
    return multi_mul(a, b, point, point_len, out, 1);
}

#ifdef CF_SECP256K1_RECOVERY
int cf_point_multi_mul_var_ct(const uint8_t a[32], const uint8_t b[32], const uint8_t *point, size_t point_len,
                              uint8_t out[33])
{
    return multi_mul(a, b, point, point_len, out, 0);
}
#endif

int cf_point_reencode(const uint8_t *point, size_t point_len, int compressed, uint8_t *out)
{
    secp256k1_pubkey p;
    size_t len = compressed ? 33 : 65;
    int rc = cf_init();
    if (rc == CF_OK) {
        rc = parse(&p, point, point_len);
    }
    if (rc != CF_OK) {
        return rc;
    }
    secp256k1_ec_pubkey_serialize(ctx, out, &len, &p,
                                  compressed ? SECP256K1_EC_COMPRESSED : SECP256K1_EC_UNCOMPRESSED);
    return CF_OK;
}

int cf_point_lift_x(const uint8_t x[32], uint8_t out[33])
{
    /* BIP-340 lift_x is the compressed point 0x02 || x (even y); parsing validates x < p and x on the curve. */
    uint8_t enc[33];
    secp256k1_pubkey p;
    int rc = cf_init();
    if (rc != CF_OK) {
        return rc;
    }
    enc[0] = 0x02;
    memcpy(enc + 1, x, 32);
    rc = parse(&p, enc, 33);
    if (rc != CF_OK) {
        return rc;
    }
    serialize(out, &p);
    return CF_OK;
}
