/* Shared internals of the module: the SHA-256 context and the wipe helper. */
#ifndef CFNATIVE_INTERNAL_H
#define CFNATIVE_INTERNAL_H

#include "cfnative.h"

#ifdef CF_SHA256_MBEDTLS
/* On the card the ESP32-S3 SHA peripheral is reached through the mbedTLS the nanoCLR links
 * (ESP-IDF builds mbedTLS with MBEDTLS_SHA256_ALT on the hardware accelerator). */
#include "mbedtls/sha256.h"
#include "mbedtls/version.h"
typedef struct {
    mbedtls_sha256_context ctx;
} cf_sha256_ctx;
#else
typedef struct {
    uint32_t h[8];
    uint8_t buf[64];
    uint64_t total;
    size_t used;
} cf_sha256_ctx;
#endif

void cf_sha256_init(cf_sha256_ctx *c);
void cf_sha256_update(cf_sha256_ctx *c, const uint8_t *data, size_t len);
void cf_sha256_final(cf_sha256_ctx *c, uint8_t out[32]);

/* Overwrites len bytes through a volatile pointer so the compiler keeps the stores. */
void cf_wipe(void *p, size_t len);

#endif
