/* The split driver half (split.c): what other parts of glcr need from it. */
#ifndef GLCR_LOWER_SPLIT_H
#define GLCR_LOWER_SPLIT_H

#include <stdint.h>

/* The app thread's FS base for a lower TCB lent to it, 0 when fs is not one (signal and
 * callback trampolines use it to get back to the app's TLS). */
uint64_t glcr_lower_upper_fs_of(uint64_t fs);

#endif
