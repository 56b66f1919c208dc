/* Runs the module's known-answer self-test; exit status 0 when every primitive passes. */
#include <stdio.h>

#include "cfnative.h"

int main(void)
{
    int rc = cf_selftest();
    printf("cfnative selftest: %s\n", rc == CF_OK ? "ok" : "FAILED");
    return rc == CF_OK ? 0 : 1;
}
