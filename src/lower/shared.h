/* The block of memory through which the upper half (libglcr) and the split lower half (its
 * own ld.so, libc, the lower program and the hooks library) talk. It lives in upper-half
 * memory; the lower half finds it from its command line and environment. Only plain types:
 * the two halves have different libcs. */
#ifndef GLCR_LOWER_SHARED_H
#define GLCR_LOWER_SHARED_H

#include <stdint.h>

#define GLCR_LOWER_MAGIC 0x676c6372u /* "glcr" */
#define GLCR_LOWER_MAX_REGIONS 8192
#define GLCR_LOWER_MAX_DONORS 256
#define GLCR_LOWER_MAX_FDS 1024

enum glcr_lower_state {
    GLCR_LOWER_BOOTING,
    GLCR_LOWER_READY,
    GLCR_LOWER_FAILED,
    GLCR_LOWER_GONE, /* lower main has exited */
};

enum glcr_lower_request {
    GLCR_LOWER_REQ_NONE,
    GLCR_LOWER_REQ_DONOR,    /* create a parked thread whose TCB an upper thread borrows */
    GLCR_LOWER_REQ_SHUTDOWN, /* record library mappings, end every lower thread, exit */
    GLCR_LOWER_REQ_OBJECTS,  /* record library mappings, go on serving */
};

/* A range of address space the lower half mapped. */
struct glcr_lower_region {
    uint64_t start, length;
};

/* A lower thread that lends its thread control block to one upper thread. */
struct glcr_lower_donor {
    uint64_t tcb;            /* its FS base */
    uint64_t upper_tcb;      /* the upper thread it serves (signal and callback trampolines) */
    uint32_t exit_request;   /* futex: set to 1 to make it exit */
    uint32_t alive;          /* futex: cleared by the kernel when the thread is gone */
};

struct glcr_lower_shared {
    uint32_t magic;
    uint32_t state;          /* futex, enum glcr_lower_state */
    char error[512];

    /* One request at a time (the upper half serializes them). */
    uint32_t request_seq;    /* futex: bumped by the upper half */
    uint32_t done_seq;       /* futex: set to request_seq by the lower half when done */
    uint32_t request;        /* enum glcr_lower_request */
    uint64_t result;

    /* Lower functions the upper half calls with the lower FS. */
    void *(*egl_lookup)(const char *name);  /* dlsym in libEGL, then eglGetProcAddress */
    uint64_t main_tcb;
    uint32_t main_alive;     /* futex, cleared by the kernel when lower main exits */

    struct glcr_lower_donor donors[GLCR_LOWER_MAX_DONORS];
    uint32_t donor_count;

    /* Filled by the hooks library while the lower half runs. */
    uint32_t lock;           /* spinlock over regions and fds */
    struct glcr_lower_region regions[GLCR_LOWER_MAX_REGIONS];
    uint32_t region_count;
    uint32_t regions_overflowed;
    int32_t fds[GLCR_LOWER_MAX_FDS];
    uint32_t fd_count;
    uint32_t live_threads;   /* driver threads created by the lower half and not yet ended */
    uint32_t signal_mask_ok;

    /* Filled by lower main at shutdown and on REQ_OBJECTS: the span and file of every
     * loaded object but the vDSO. */
    struct glcr_lower_region objects[512];
    char object_paths[512][256];
    uint32_t object_count;

    /* Every thread the lower half ever started (kernel thread ids), for the leftovers check. */
    int32_t tids[1024];
    uint32_t tid_count;
};

#endif
