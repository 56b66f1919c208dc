#include "internal.h"

#if !(defined(__GNUC__) || defined(__clang__))
/* Other compilers: byte by byte through a volatile pointer (GCC and Clang inline it, internal.h). */
void cf_wipe(void *p, size_t len)
{
    volatile uint8_t *v = (volatile uint8_t *)p;
    while (len--) {
        *v++ = 0;
    }
}
#endif

int cf_version(void)
{
    return CF_VERSION;
}
