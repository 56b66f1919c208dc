/*
 * The two-party multiplication rounds of DKLs23 as whole entry points: the KOS15 OT extension with
 * its Fiat-Shamir consistency check and the RVOLE row loops (crypto/Threshold/README.md "Building
 * blocks"; the managed reference is crypto/Threshold/Kos.cs and Rvole.cs, and both must give the
 * same bytes). Every hash binds the session context (sid, bob, alice) with the domain tags of
 * crypto/Threshold/Tags.cs. Rows are formed eight at a time from the columns in the caller's work
 * buffer, so no 608-row matrix is held. Loops run a fixed number of times; secret bits select by
 * mask; only the public challenges index a table (gf192.c). The short hashes (PRG blocks, challenges,
 * row hashes, gadgets) are independent of each other and go two at a time through cf_sha256_block2,
 * each from a padded block kept for the loop in which only the index and the row change.
 */
#include "internal.h"

#include <string.h>

#define OT_WIDTH 192
#define ROW_BYTES 24
#define COLUMN_BYTES 76
#define EXTENDED 608
#define BATCH 416
#define USED_COLUMN_BYTES (BATCH / 8)
#define VOLE_COLUMNS 3
#define SEED_BYTES 16
#define SID_BYTES 32
#define U_BYTES (OT_WIDTH * COLUMN_BYTES)
#define TAU_BYTES (BATCH * VOLE_COLUMNS * 32)

/* Domain tags (crypto/Threshold/Tags.cs). */
#define TAG_PRG 1
#define TAG_KOS_CHALLENGE 2
#define TAG_OT_ROW 3
#define TAG_VOLE_CHALLENGE 5
#define TAG_VOLE_CHECK 6
#define TAG_OT_ROW_KEY 15

/* Message lengths of the one-block hashes. */
#define PRG_INPUT 54
#define CHALLENGE_INPUT 35
#define ROW_INPUT 53

static int bit_of(const uint8_t *bits, size_t index)
{
    return (bits[index >> 3] >> (index & 7)) & 1;
}

/* Starts SHA-256(tag || sid || 0 0 bob alice): the managed Ro(tag).Add(sid).AddInt(bob << 8 | alice). */
static void start_bound(cf_sha256_ctx *c, uint8_t tag, const uint8_t context[CF_MUL_CONTEXT_BYTES])
{
    uint8_t pair[5];
    pair[0] = tag;
    cf_sha256_init(c);
    cf_sha256_update(c, pair, 1);
    cf_sha256_update(c, context, SID_BYTES);
    pair[0] = 0;
    pair[1] = 0;
    pair[2] = context[SID_BYTES];
    pair[3] = context[SID_BYTES + 1];
    cf_sha256_update(c, pair, 4);
}

/* The PRG block of column k: tag || seed || sid || bob || alice || k (2, BE) || c, padded. */
static void prg_block(uint8_t in[64], const uint8_t context[CF_MUL_CONTEXT_BYTES], const uint8_t *seed, size_t column)
{
    in[0] = TAG_PRG;
    memcpy(in + 1, seed, SEED_BYTES);
    memcpy(in + 17, context, CF_MUL_CONTEXT_BYTES);
    in[51] = (uint8_t)(column >> 8);
    in[52] = (uint8_t)column;
    in[53] = 0;
    cf_sha256_pad(in, PRG_INPUT);
}

/* Two columns of the session, len bytes each: SHA-256(tag || seed || sid || bob || alice || k (2, BE)
 * || c), c = 0.., for (seed_a, ka) and (seed_b, kb) side by side. */
static void prg2(const uint8_t context[CF_MUL_CONTEXT_BYTES], const uint8_t *seed_a, size_t ka, uint8_t *out_a,
                 const uint8_t *seed_b, size_t kb, uint8_t *out_b, size_t len)
{
    uint8_t in_a[64], in_b[64];
    uint8_t digest[32];
    uint32_t ha[8], hb[8];
    size_t done = 0;
    uint8_t c = 0;
    prg_block(in_a, context, seed_a, ka);
    prg_block(in_b, context, seed_b, kb);
    while (done < len) {
        size_t take = len - done < 32 ? len - done : 32;
        in_a[53] = c;
        in_b[53] = c;
        c++;
        cf_sha256_block2(ha, hb, in_a, in_b, PRG_INPUT);
        cf_sha256_store(digest, ha);
        memcpy(out_a + done, digest, take);
        cf_sha256_store(digest, hb);
        memcpy(out_b + done, digest, take);
        done += take;
    }
    cf_wipe(in_a, sizeof in_a);
    cf_wipe(in_b, sizeof in_b);
    cf_wipe(digest, sizeof digest);
    cf_wipe(ha, sizeof ha);
    cf_wipe(hb, sizeof hb);
}

/* Rows 8 jb .. 8 jb + 7 (ROW_BYTES each) of OT_WIDTH columns of column_bytes bytes (transpose.c). */
static void row_block(const uint8_t *columns, size_t column_bytes, size_t jb, uint8_t out[8 * ROW_BYTES])
{
    size_t kb;
    int i;
    for (kb = 0; kb < ROW_BYTES; kb++) {
        uint64_t x = 0;
        for (i = 0; i < 8; i++) {
            x |= (uint64_t)columns[(8 * kb + (size_t)i) * column_bytes + jb] << (8 * i);
        }
        x = cf_transpose8(x);
        for (i = 0; i < 8; i++) {
            out[(size_t)i * ROW_BYTES + kb] = (uint8_t)(x >> (8 * i));
        }
    }
}

/* The KOS challenge seed SHA-256(tag || sid || pair || u); challenge j is its first 24 bytes of
 * SHA-256(tag || seed || j (2, BE)). Public. The block of the challenges' hash goes to both blocks. */
static void kos_seed(const uint8_t context[CF_MUL_CONTEXT_BYTES], const uint8_t *u, uint8_t in_a[64], uint8_t in_b[64])
{
    cf_sha256_ctx c;
    start_bound(&c, TAG_KOS_CHALLENGE, context);
    cf_sha256_update(&c, u, U_BYTES);
    in_a[0] = TAG_KOS_CHALLENGE;
    cf_sha256_final(&c, in_a + 1);
    in_a[33] = 0;
    in_a[34] = 0;
    cf_sha256_pad(in_a, CHALLENGE_INPUT);
    memcpy(in_b, in_a, 64);
}

/* Challenges j and j + 1. */
static void kos_challenge2(uint8_t in_a[64], uint8_t in_b[64], size_t j, uint32_t chi_a[6], uint32_t chi_b[6])
{
    uint8_t digest[32];
    uint32_t ha[8], hb[8];
    in_a[33] = (uint8_t)(j >> 8);
    in_a[34] = (uint8_t)j;
    in_b[33] = (uint8_t)((j + 1) >> 8);
    in_b[34] = (uint8_t)(j + 1);
    cf_sha256_block2(ha, hb, in_a, in_b, CHALLENGE_INPUT);
    cf_sha256_store(digest, ha);
    cf_gf192_load(chi_a, digest);
    cf_sha256_store(digest, hb);
    cf_gf192_load(chi_b, digest);
}

/* The two row-hash blocks of the session: tag || key || index (4, BE) || row, padded, where the
 * row key is the first 24 bytes of SHA-256(tag || sid || pair). */
static void row_blocks(const uint8_t context[CF_MUL_CONTEXT_BYTES], uint8_t block_a[64], uint8_t block_b[64])
{
    cf_sha256_ctx c;
    uint8_t digest[32];
    start_bound(&c, TAG_OT_ROW_KEY, context);
    cf_sha256_final(&c, digest);
    block_a[0] = TAG_OT_ROW;
    memcpy(block_a + 1, digest, 24);
    memset(block_a + 25, 0, ROW_INPUT - 25);
    cf_sha256_pad(block_a, ROW_INPUT);
    memcpy(block_b, block_a, 64);
    cf_wipe(digest, sizeof digest);
}

static void row_input(uint8_t block[64], size_t j, int k, const uint8_t *row)
{
    uint32_t index = ((uint32_t)j << 2) | (uint32_t)k;
    block[25] = (uint8_t)(index >> 24);
    block[26] = (uint8_t)(index >> 16);
    block[27] = (uint8_t)(index >> 8);
    block[28] = (uint8_t)index;
    memcpy(block + 29, row, ROW_BYTES);
}

/* Column ka of row ja's random-OT output and column kb of row jb's, side by side:
 * SHA-256(tag || key || (j << 2 | k) (4, BE) || row) mod n. */
static void hash_rows2(uint8_t block_a[64], uint8_t block_b[64], size_t ja, int ka, const uint8_t *row_a,
                       size_t jb, int kb, const uint8_t *row_b, cf_sc *out_a, cf_sc *out_b)
{
    uint32_t ha[8], hb[8];
    row_input(block_a, ja, ka, row_a);
    row_input(block_b, jb, kb, row_b);
    cf_sha256_block2(ha, hb, block_a, block_b, ROW_INPUT);
    cf_sc_from_sha256(out_a, ha);
    cf_sc_from_sha256(out_b, hb);
    cf_wipe(ha, sizeof ha);
    cf_wipe(hb, sizeof hb);
}

/* The public gadgets g_j and g_j+1 (j even): 2^j for j < 256, then SHA-256(tag || j (4, BE)) mod n
 * from the table (gadgets.c). */
static void gadget2(size_t j, cf_sc g[2])
{
    if (j < 256) {
        memset(g, 0, 2 * sizeof *g);
        g[0].v[j >> 5] = (uint32_t)1 << (j & 31);
        g[1].v[(j + 1) >> 5] = (uint32_t)1 << ((j + 1) & 31);
    } else {
        g[0] = cf_rvole_gadgets[j - 256];
        g[1] = cf_rvole_gadgets[j - 255];
    }
}

/* chi~_k = H(tag || digest || k (4, BE)) mod n, k = 0, 1, for the digest H(tag || sid || pair || tau). Public. */
static void chi_from_digest(const uint8_t digest[32], cf_sc chi[2])
{
    uint8_t in[37];
    uint8_t out[32];
    int k;
    in[0] = TAG_VOLE_CHALLENGE;
    memcpy(in + 1, digest, 32);
    for (k = 0; k < 2; k++) {
        in[33] = 0;
        in[34] = 0;
        in[35] = 0;
        in[36] = (uint8_t)k;
        cf_sha256(in, sizeof in, out);
        cf_sc_load_reduced(&chi[k], out);
    }
}

/* The RVOLE challenge chi~ = (H(tag || H(tag || sid || pair || tau) || k (4, BE)) mod n), k = 0, 1. Public. */
static void vole_challenge(const uint8_t context[CF_MUL_CONTEXT_BYTES], const uint8_t *tau, cf_sc chi[2])
{
    cf_sha256_ctx c;
    uint8_t digest[32];
    start_bound(&c, TAG_VOLE_CHALLENGE, context);
    cf_sha256_update(&c, tau, TAU_BYTES);
    cf_sha256_final(&c, digest);
    chi_from_digest(digest, chi);
}

int cf_rvole_bob_start(const uint8_t *seeds0, const uint8_t *seeds1, const uint8_t context[34],
                       const uint8_t choices[76], uint8_t *work, uint8_t *message, uint8_t b[32])
{
    uint8_t other[COLUMN_BYTES];
    uint8_t rows[8 * ROW_BYTES];
    uint8_t challenge_a[64], challenge_b[64];
    uint32_t chi[2][6], row[6], x_acc[6], t_acc[12], t[6];
    cf_sc acc, g[2], term;
    size_t k, j, jb, h;
    int i;
    for (k = 0; k < OT_WIDTH; k++) {
        uint8_t *column = work + k * COLUMN_BYTES;
        prg2(context, seeds0 + k * SEED_BYTES, k, column, seeds1 + k * SEED_BYTES, k, other, COLUMN_BYTES);
        for (j = 0; j < COLUMN_BYTES; j++) {
            message[k * COLUMN_BYTES + j] = (uint8_t)(column[j] ^ other[j] ^ choices[j]);
        }
    }

    /* x~ = sum x_j chi_j and t~ = sum t_j chi_j over GF(2^192). */
    kos_seed(context, message, challenge_a, challenge_b);
    memset(x_acc, 0, sizeof x_acc);
    memset(t_acc, 0, sizeof t_acc);
    for (jb = 0; jb < COLUMN_BYTES; jb++) {
        row_block(work, COLUMN_BYTES, jb, rows);
        for (i = 0; i < 8; i += 2) {
            kos_challenge2(challenge_a, challenge_b, 8 * jb + (size_t)i, chi[0], chi[1]);
            for (h = 0; h < 2; h++) {
                uint32_t mask;
                int w;
                j = 8 * jb + (size_t)i + h;
                mask = (uint32_t)0 - (uint32_t)bit_of(choices, j);
                for (w = 0; w < 6; w++) {
                    x_acc[w] ^= chi[h][w] & mask;
                }
                cf_gf192_load(row, rows + ((size_t)i + h) * ROW_BYTES);
                cf_gf192_mul_acc_words(t_acc, row, chi[h]);
            }
        }
    }
    cf_gf192_reduce(t, t_acc);
    cf_gf192_store(message + U_BYTES, x_acc);
    cf_gf192_store(message + U_BYTES + ROW_BYTES, t);

    /* b = sum g_j beta_j over the used rows. */
    memset(&acc, 0, sizeof acc);
    for (j = 0; j < BATCH; j += 2) {
        gadget2(j, g);
        for (h = 0; h < 2; h++) {
            cf_sc_masked(&term, &g[h], (uint32_t)bit_of(choices, j + h));
            cf_sc_add(&acc, &acc, &term);
        }
    }
    cf_sc_store(b, &acc);

    cf_wipe(other, sizeof other);
    cf_wipe(rows, sizeof rows);
    cf_wipe(row, sizeof row);
    cf_wipe(x_acc, sizeof x_acc);
    cf_wipe(t_acc, sizeof t_acc);
    cf_wipe(t, sizeof t);
    cf_wipe(&acc, sizeof acc);
    cf_wipe(&term, sizeof term);
    return CF_OK;
}

/* Alice's rows q_j = t_j ^ x_j delta in the work buffer's columns; CF_ERR_CHECK when the KOS check fails. */
static int kos_receive(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                       const uint8_t *bob_message, uint8_t *work)
{
    uint8_t rows[8 * ROW_BYTES];
    uint8_t challenge_a[64], challenge_b[64];
    uint32_t chi[2][6], row[6], q_acc[12], left[6], right[6], wide[12], d[6], x_tilde[6], t_tilde[6];
    uint32_t diff = 0;
    size_t k, j, jb, h;
    int i, w;
    for (k = 0; k < OT_WIDTH; k += 2) {
        prg2(context, seeds + k * SEED_BYTES, k, work + k * COLUMN_BYTES, seeds + (k + 1) * SEED_BYTES, k + 1,
             work + (k + 1) * COLUMN_BYTES, COLUMN_BYTES);
        for (h = 0; h < 2; h++) {
            uint8_t *column = work + (k + h) * COLUMN_BYTES;
            uint8_t mask = (uint8_t)(0u - (unsigned)bit_of(delta, k + h));
            for (j = 0; j < COLUMN_BYTES; j++) {
                column[j] ^= (uint8_t)(bob_message[(k + h) * COLUMN_BYTES + j] & mask);
            }
        }
    }

    kos_seed(context, bob_message, challenge_a, challenge_b);
    memset(q_acc, 0, sizeof q_acc);
    for (jb = 0; jb < COLUMN_BYTES; jb++) {
        row_block(work, COLUMN_BYTES, jb, rows);
        for (i = 0; i < 8; i += 2) {
            kos_challenge2(challenge_a, challenge_b, 8 * jb + (size_t)i, chi[0], chi[1]);
            for (h = 0; h < 2; h++) {
                cf_gf192_load(row, rows + ((size_t)i + h) * ROW_BYTES);
                cf_gf192_mul_acc_words(q_acc, row, chi[h]);
            }
        }
    }
    cf_gf192_reduce(left, q_acc);

    /* Accept iff sum q_j chi_j = t~ ^ x~ delta (x~ is public, delta secret). */
    cf_gf192_load(x_tilde, bob_message + U_BYTES);
    cf_gf192_load(t_tilde, bob_message + U_BYTES + ROW_BYTES);
    cf_gf192_load(d, delta);
    memset(wide, 0, sizeof wide);
    cf_gf192_mul_acc_words(wide, d, x_tilde);
    cf_gf192_reduce(right, wide);
    for (w = 0; w < 6; w++) {
        diff |= left[w] ^ right[w] ^ t_tilde[w];
    }
    cf_wipe(rows, sizeof rows);
    cf_wipe(row, sizeof row);
    cf_wipe(q_acc, sizeof q_acc);
    cf_wipe(left, sizeof left);
    cf_wipe(right, sizeof right);
    cf_wipe(wide, sizeof wide);
    cf_wipe(d, sizeof d);
    return diff == 0 ? CF_OK : CF_ERR_CHECK;
}

/* The state of Alice's round in pieces (CF_MUL_STREAM_BYTES, the caller's bytes between calls): the next row
 * and the running SHA-256 of tag || sid || pair || tau, kept as words so that no hash context (on the card,
 * possibly the SHA peripheral's) lives across calls. Public: it hashes only tau. */
typedef struct {
    cf_sha256_words hash;
    uint32_t next_row;
} alice_stream;

typedef char alice_stream_fits[(sizeof(alice_stream) <= CF_MUL_STREAM_BYTES) ? 1 : -1];

static int load_inputs(const uint8_t inputs[96], cf_sc a[VOLE_COLUMNS])
{
    uint32_t bad = 0;
    int k;
    for (k = 0; k < VOLE_COLUMNS; k++) {
        bad |= cf_sc_load(&a[k], inputs + 32 * k);
    }
    if (bad) {
        cf_wipe(a, VOLE_COLUMNS * sizeof *a);
        return CF_ERR_ENCODING;
    }
    return CF_OK;
}

int cf_rvole_alice_begin(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                         const uint8_t *bob_message, uint8_t *work, uint8_t state[CF_MUL_STREAM_BYTES])
{
    alice_stream s;
    uint8_t prefix[1 + SID_BYTES + 4];
    int result = kos_receive(delta, seeds, context, bob_message, work);
    if (result != CF_OK) {
        return result;
    }
    memset(&s, 0, sizeof s);
    cf_sha256_words_init(&s.hash);
    prefix[0] = TAG_VOLE_CHALLENGE;
    memcpy(prefix + 1, context, SID_BYTES);
    prefix[1 + SID_BYTES] = 0;
    prefix[2 + SID_BYTES] = 0;
    prefix[3 + SID_BYTES] = context[SID_BYTES];
    prefix[4 + SID_BYTES] = context[SID_BYTES + 1];
    cf_sha256_words_update(&s.hash, prefix, sizeof prefix);
    memset(state, 0, CF_MUL_STREAM_BYTES);
    memcpy(state, &s, sizeof s);
    return CF_OK;
}

/* Rows first .. first + rows - 1 of tau. kept is NULL (the pieces, the card) or room for all BATCH x
 * VOLE_COLUMNS pads alpha0 (the desktop's one-call round, CF_RVOLE_KEEP_PADS), which the end then reads
 * instead of hashing the rows again. Same bytes either way. */
static int alice_rows(const uint8_t delta[24], const uint8_t context[34], const uint8_t inputs[96],
                      const uint8_t *work, uint8_t state[CF_MUL_STREAM_BYTES], size_t rows, uint8_t *out,
                      cf_sc kept[][VOLE_COLUMNS])
{
    alice_stream s;
    uint8_t block[8 * ROW_BYTES];
    uint8_t flipped[ROW_BYTES];
    uint8_t hash_a[64], hash_b[64];
    cf_sc a[VOLE_COLUMNS], p0, p1;
    size_t first, j, jb;
    int i, k, result;
    memcpy(&s, state, sizeof s);
    first = s.next_row;
    if (rows == 0 || rows % 8 != 0 || first % 8 != 0 || rows > BATCH || first > BATCH - rows) {
        return CF_ERR_ARGUMENT;
    }
    result = load_inputs(inputs, a);
    if (result != CF_OK) {
        return result;
    }
    row_blocks(context, hash_a, hash_b);

    /* tau_j = alpha0_j - alpha1_j + a', rows first .. first + rows - 1. */
    for (jb = first / 8; jb < (first + rows) / 8; jb++) {
        row_block(work, COLUMN_BYTES, jb, block);
        for (i = 0; i < 8; i++) {
            const uint8_t *row = block + (size_t)i * ROW_BYTES;
            j = 8 * jb + (size_t)i;
            for (k = 0; k < ROW_BYTES; k++) {
                flipped[k] = (uint8_t)(row[k] ^ delta[k]);
            }
            for (k = 0; k < VOLE_COLUMNS; k++) {
                hash_rows2(hash_a, hash_b, j, k, row, j, k, flipped, &p0, &p1);
                if (kept != NULL) {
                    kept[j][k] = p0;
                }
                cf_sc_sub(&p0, &p0, &p1);
                cf_sc_add(&p0, &p0, &a[k]);
                cf_sc_store(out + 32 * (VOLE_COLUMNS * (j - first) + (size_t)k), &p0);
            }
        }
    }
    cf_sha256_words_update(&s.hash, out, rows * VOLE_COLUMNS * 32);
    s.next_row = (uint32_t)(first + rows);
    memcpy(state, &s, sizeof s);

    cf_wipe(block, sizeof block);
    cf_wipe(flipped, sizeof flipped);
    cf_wipe(hash_a, sizeof hash_a);
    cf_wipe(hash_b, sizeof hash_b);
    cf_wipe(a, sizeof a);
    cf_wipe(&p0, sizeof p0);
    cf_wipe(&p1, sizeof p1);
    return CF_OK;
}

static int alice_end(const uint8_t context[34], const uint8_t inputs[96], const uint8_t *work,
                     uint8_t state[CF_MUL_STREAM_BYTES], uint8_t out[64], uint8_t shares[64],
                     const cf_sc kept[][VOLE_COLUMNS])
{
    alice_stream s;
    uint8_t rows[8 * ROW_BYTES];
    uint8_t hash_a[64], hash_b[64];
    uint8_t r_bytes[32];
    uint8_t digest[32];
    cf_sc a[VOLE_COLUMNS], chi[2], chi_r[2], pad[2][VOLE_COLUMNS], r, g[2], term, c1, c2;
    cf_sha256_ctx check;
    size_t j, jb, h;
    int i, k, result;
    memcpy(&s, state, sizeof s);
    if (s.next_row != BATCH) {
        return CF_ERR_ARGUMENT;
    }
    result = load_inputs(inputs, a);
    if (result != CF_OK) {
        return result;
    }
    cf_sha256_words_final(&s.hash, digest);
    row_blocks(context, hash_a, hash_b);

    /* c_i = -sum g_j alpha0_{j,i}; r_j = <(chi~, 1), alpha0_j>; rho = H(sid, pair, r).
     * One Montgomery product per term: chi~ enters the Montgomery domain once (chi~ R), and the sums
     * c_i collect g_j alpha0_{j,i} R^-1, corrected by R once at the end. Rows go two at a time. */
    chi_from_digest(digest, chi);
    cf_sc_to_mont(&chi_r[0], &chi[0]);
    cf_sc_to_mont(&chi_r[1], &chi[1]);
    start_bound(&check, TAG_VOLE_CHECK, context);
    memset(&c1, 0, sizeof c1);
    memset(&c2, 0, sizeof c2);
    for (jb = 0; jb < USED_COLUMN_BYTES; jb++) {
        if (kept == NULL) {
            row_block(work, COLUMN_BYTES, jb, rows);
        }
        for (i = 0; i < 8; i += 2) {
            j = 8 * jb + (size_t)i;
            for (k = 0; k < VOLE_COLUMNS; k++) {
                if (kept != NULL) {
                    pad[0][k] = kept[j][k];
                    pad[1][k] = kept[j + 1][k];
                } else {
                    hash_rows2(hash_a, hash_b, j, k, rows + (size_t)i * ROW_BYTES, j + 1, k,
                               rows + ((size_t)i + 1) * ROW_BYTES, &pad[0][k], &pad[1][k]);
                }
            }
            gadget2(j, g);
            for (h = 0; h < 2; h++) {
                cf_sc_mont_mul(&r, &chi_r[0], &pad[h][0]);
                cf_sc_mont_mul(&term, &chi_r[1], &pad[h][1]);
                cf_sc_add(&r, &r, &term);
                cf_sc_add(&r, &r, &pad[h][2]);
                cf_sc_store(r_bytes, &r);
                cf_sha256_update(&check, r_bytes, 32);
                cf_sc_mont_mul(&term, &g[h], &pad[h][0]);
                cf_sc_sub(&c1, &c1, &term);
                cf_sc_mont_mul(&term, &g[h], &pad[h][1]);
                cf_sc_sub(&c2, &c2, &term);
            }
        }
    }
    cf_sc_to_mont(&c1, &c1);
    cf_sc_to_mont(&c2, &c2);

    /* u = chi~_1 a_1 + chi~_2 a_2 + a^. */
    cf_sc_mul(&r, &chi[0], &a[0]);
    cf_sc_mul(&term, &chi[1], &a[1]);
    cf_sc_add(&r, &r, &term);
    cf_sc_add(&r, &r, &a[2]);
    cf_sc_store(out, &r);
    cf_sha256_final(&check, out + 32);
    cf_sc_store(shares, &c1);
    cf_sc_store(shares + 32, &c2);

    cf_wipe(rows, sizeof rows);
    cf_wipe(hash_a, sizeof hash_a);
    cf_wipe(hash_b, sizeof hash_b);
    cf_wipe(r_bytes, sizeof r_bytes);
    cf_wipe(a, sizeof a);
    cf_wipe(pad, sizeof pad);
    cf_wipe(&r, sizeof r);
    cf_wipe(&term, sizeof term);
    cf_wipe(&c1, sizeof c1);
    cf_wipe(&c2, sizeof c2);
    return CF_OK;
}

int cf_rvole_alice_rows(const uint8_t delta[24], const uint8_t context[34], const uint8_t inputs[96],
                        const uint8_t *work, uint8_t state[CF_MUL_STREAM_BYTES], size_t rows, uint8_t *out)
{
    return alice_rows(delta, context, inputs, work, state, rows, out, NULL);
}

int cf_rvole_alice_end(const uint8_t context[34], const uint8_t inputs[96], const uint8_t *work,
                       uint8_t state[CF_MUL_STREAM_BYTES], uint8_t out[64], uint8_t shares[64])
{
    return alice_end(context, inputs, work, state, out, shares, NULL);
}

/* The one-call round: the pieces in one call, with the pads kept between the passes where kept is given. */
static int rvole_alice(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                       const uint8_t *bob_message, const uint8_t inputs[96], uint8_t *work,
                       uint8_t *message, uint8_t shares[64], cf_sc kept[][VOLE_COLUMNS])
{
    uint8_t state[CF_MUL_STREAM_BYTES];
    cf_sc a[VOLE_COLUMNS];
    int result = load_inputs(inputs, a);
    cf_wipe(a, sizeof a);
    if (result == CF_OK) {
        result = cf_rvole_alice_begin(delta, seeds, context, bob_message, work, state);
    }
    if (result == CF_OK) {
        result = alice_rows(delta, context, inputs, work, state, BATCH, message, kept);
    }
    if (result == CF_OK) {
        result = alice_end(context, inputs, work, state, message + TAU_BYTES, shares, (const cf_sc(*)[VOLE_COLUMNS])kept);
    }
    cf_wipe(state, sizeof state);
    return result;
}

int cf_rvole_alice(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                   const uint8_t *bob_message, const uint8_t inputs[96], uint8_t *work,
                   uint8_t *message, uint8_t shares[64])
{
#ifdef CF_RVOLE_KEEP_PADS
    cf_sc kept[BATCH][VOLE_COLUMNS];
    int result = rvole_alice(delta, seeds, context, bob_message, inputs, work, message, shares, kept);
    cf_wipe(kept, sizeof kept);
    return result;
#else
    return rvole_alice(delta, seeds, context, bob_message, inputs, work, message, shares, NULL);
#endif
}

#ifdef CF_RVOLE_KEEP_PADS
int cf_rvole_alice_rehashing(const uint8_t delta[24], const uint8_t *seeds, const uint8_t context[34],
                             const uint8_t *bob_message, const uint8_t inputs[96], uint8_t *work,
                             uint8_t *message, uint8_t shares[64])
{
    return rvole_alice(delta, seeds, context, bob_message, inputs, work, message, shares, NULL);
}
#endif

int cf_rvole_bob_finish(const uint8_t *seeds0, const uint8_t choices[76], const uint8_t context[34],
                        const uint8_t *alice_message, uint8_t *work, uint8_t shares[64])
{
    uint8_t rows[8 * ROW_BYTES];
    uint8_t hash_a[64], hash_b[64];
    uint8_t r_bytes[32];
    uint8_t expected[32];
    cf_sc chi[2], chi_r[2], u, tau, d[2][VOLE_COLUMNS], r, g[2], term, d1, d2;
    cf_sha256_ctx check;
    uint32_t bad = 0, diff = 0;
    size_t j, jb, k, h;
    int i, c;

    /* Alice's scalars are public: validate them all before any secret work. */
    for (j = 0; j < BATCH * VOLE_COLUMNS + 1; j++) {
        bad |= cf_sc_load(&tau, alice_message + 32 * j);
    }
    if (bad) {
        return CF_ERR_ENCODING;
    }
    cf_sc_load(&u, alice_message + TAU_BYTES);

    /* t_j is bit j of the columns PRG(k0_k): only their first BATCH bits are needed again. */
    for (k = 0; k < OT_WIDTH; k += 2) {
        prg2(context, seeds0 + k * SEED_BYTES, k, work + k * USED_COLUMN_BYTES, seeds0 + (k + 1) * SEED_BYTES,
             k + 1, work + (k + 1) * USED_COLUMN_BYTES, USED_COLUMN_BYTES);
    }
    /* Montgomery products as in Alice's pass 2: chi~ R once, d_i summed as R^-1 multiples. */
    vole_challenge(context, alice_message, chi);
    cf_sc_to_mont(&chi_r[0], &chi[0]);
    cf_sc_to_mont(&chi_r[1], &chi[1]);
    row_blocks(context, hash_a, hash_b);
    start_bound(&check, TAG_VOLE_CHECK, context);
    memset(&d1, 0, sizeof d1);
    memset(&d2, 0, sizeof d2);
    for (jb = 0; jb < USED_COLUMN_BYTES; jb++) {
        row_block(work, USED_COLUMN_BYTES, jb, rows);
        for (i = 0; i < 8; i += 2) {
            j = 8 * jb + (size_t)i;
            for (c = 0; c < VOLE_COLUMNS; c++) {
                hash_rows2(hash_a, hash_b, j, c, rows + (size_t)i * ROW_BYTES, j + 1, c,
                           rows + ((size_t)i + 1) * ROW_BYTES, &d[0][c], &d[1][c]);
            }
            gadget2(j, g);
            for (h = 0; h < 2; h++) {
                uint32_t bit = (uint32_t)bit_of(choices, j + h);
                for (c = 0; c < VOLE_COLUMNS; c++) {
                    /* d = gamma + beta tau: the mask hides which tau is added. */
                    cf_sc_load(&tau, alice_message + 32 * (VOLE_COLUMNS * (j + h) + (size_t)c));
                    cf_sc_masked(&term, &tau, bit);
                    cf_sc_add(&d[h][c], &d[h][c], &term);
                }
                cf_sc_mont_mul(&r, &chi_r[0], &d[h][0]);
                cf_sc_mont_mul(&term, &chi_r[1], &d[h][1]);
                cf_sc_add(&r, &r, &term);
                cf_sc_add(&r, &r, &d[h][2]);
                cf_sc_masked(&term, &u, bit);
                cf_sc_sub(&r, &r, &term);
                cf_sc_store(r_bytes, &r);
                cf_sha256_update(&check, r_bytes, 32);
                cf_sc_mont_mul(&term, &g[h], &d[h][0]);
                cf_sc_add(&d1, &d1, &term);
                cf_sc_mont_mul(&term, &g[h], &d[h][1]);
                cf_sc_add(&d2, &d2, &term);
            }
        }
    }
    cf_sc_to_mont(&d1, &d1);
    cf_sc_to_mont(&d2, &d2);
    cf_sha256_final(&check, expected);
    for (k = 0; k < 32; k++) {
        diff |= (uint32_t)(expected[k] ^ alice_message[TAU_BYTES + 32 + k]);
    }
    if (diff == 0) {
        cf_sc_store(shares, &d1);
        cf_sc_store(shares + 32, &d2);
    }

    cf_wipe(rows, sizeof rows);
    cf_wipe(hash_a, sizeof hash_a);
    cf_wipe(hash_b, sizeof hash_b);
    cf_wipe(r_bytes, sizeof r_bytes);
    cf_wipe(d, sizeof d);
    cf_wipe(&r, sizeof r);
    cf_wipe(&term, sizeof term);
    cf_wipe(&tau, sizeof tau);
    cf_wipe(&d1, sizeof d1);
    cf_wipe(&d2, sizeof d2);
    return diff == 0 ? CF_OK : CF_ERR_CHECK;
}
