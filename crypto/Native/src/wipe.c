#include "internal.h"

#include <string.h>

void cf_wipe(void *p, size_t len)
{
#if defined(__GNUC__) || defined(__clang__)
    /* memset, then an empty asm that claims to read the memory: the compiler must keep the stores
     * (the idiom of BoringSSL's OPENSSL_cleanse), at memset speed rather than byte by byte. */
    memset(p, 0, len);
    __asm__ __volatile__("" : : "r"(p) : "memory");
#else
    volatile uint8_t *v = (volatile uint8_t *)p;
    while (len--) {
        *v++ = 0;
    }
#endif
}

int cf_version(void)
{
    return CF_VERSION;
}
