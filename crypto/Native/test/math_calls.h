/*
 * For the instruction-count drivers (callgrind_finger.c, callgrind_codes.c): calls of the
 * double-precision functions the kernels use. The LX7 has no double-precision unit, so each is a
 * soft-float routine there, priced apart in the cost table. Linked with
 * -Wl,--wrap=cos,--wrap=sin,--wrap=sincos,--wrap=exp,--wrap=atan2: each call is counted, then passed on.
 */
#ifndef CF_TEST_MATH_CALLS_H
#define CF_TEST_MATH_CALLS_H

#include <stdio.h>

static long math_calls;
double __real_cos(double);
double __real_sin(double);
void __real_sincos(double, double *, double *);
double __real_exp(double);
double __real_atan2(double, double);
double __wrap_cos(double x);
double __wrap_sin(double x);
void __wrap_sincos(double x, double *s, double *c);
double __wrap_exp(double x);
double __wrap_atan2(double y, double x);
double __wrap_cos(double x) { math_calls++; return __real_cos(x); }
double __wrap_sin(double x) { math_calls++; return __real_sin(x); }
void __wrap_sincos(double x, double *s, double *c) { math_calls += 2; __real_sincos(x, s, c); }
double __wrap_exp(double x) { math_calls++; return __real_exp(x); }
double __wrap_atan2(double y, double x) { math_calls++; return __real_atan2(y, x); }

static void report(const char *stage)
{
    printf("double-math %s %ld\n", stage, math_calls);
    math_calls = 0;
}


#endif
