#include "internal.h"

void cf_wipe(void *p, size_t len)
{
    volatile uint8_t *v = (volatile uint8_t *)p;
    while (len--) {
        *v++ = 0;
    }
}

int cf_version(void)
{
    return CF_VERSION;
}
