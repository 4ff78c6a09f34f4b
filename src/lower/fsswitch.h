/* Calls across the halves. GL and libc keep per-thread state in TLS, addressed through
 * the FS base: an app thread runs lower-half code with the FS base of a lower thread control
 * block lent to it (a "donor" thread parked in the lower half), and switches back after.
 * wrfsbase costs a few nanoseconds; without FSGSBASE the fallback is arch_prctl (a system
 * call, ~300 ns). Nothing between enter and leave may touch the app's TLS. */
#ifndef GLCR_LOWER_FSSWITCH_H
#define GLCR_LOWER_FSSWITCH_H

#include <stdbool.h>
#include <stdint.h>

#include "state/context.h"

extern bool glcr_fs_wrfsbase;   /* the CPU and kernel allow wrfsbase/rdfsbase */
extern unsigned glcr_lower_generation; /* bumped at every boot of a split lower half */

void glcr_fs_set_slow(uint64_t base);
uint64_t glcr_fs_get_slow(void);
/* Gives the calling thread a lower TCB of the current lower half. */
void glcr_lower_thread_attach(void);

static inline __attribute__((always_inline)) void glcr_fs_set(uint64_t base)
{
    if (__builtin_expect(glcr_fs_wrfsbase, 1))
        __asm__ volatile("wrfsbase %0" : : "r"(base) : "memory");
    else
        glcr_fs_set_slow(base);
}

static inline __attribute__((always_inline)) uint64_t glcr_fs_get(void)
{
    uint64_t base;
    if (__builtin_expect(glcr_fs_wrfsbase, 1))
        __asm__ volatile("rdfsbase %0" : "=r"(base) : : "memory");
    else
        base = glcr_fs_get_slow();
    return base;
}

/* Switches to this thread's lower TCB; returns the FS base to go back to. */
static inline __attribute__((always_inline)) uint64_t glcr_fs_enter(void)
{
    if (__builtin_expect(glcr_self.lower_generation != glcr_lower_generation, 0))
        glcr_lower_thread_attach();
    uint64_t upper = glcr_self.upper_fs;
    glcr_fs_set(glcr_self.lower_fs);
    return upper;
}

static inline __attribute__((always_inline)) void glcr_fs_leave(uint64_t upper)
{
    glcr_fs_set(upper);
}

/* GL functions of the split lower half, called through generated trampolines. */
extern void *glcr_lower_fn[];
extern void *const glcr_split_slot[];

#endif
