/* Milliseconds of CLOCK_MONOTONIC: every duration glcr measures or waits for. */
#ifndef GLCR_COMMON_CLOCK_H
#define GLCR_COMMON_CLOCK_H

#include <time.h>

static inline double glcr_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

#endif
