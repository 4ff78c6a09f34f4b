/* The lower-half hooks library, preloaded only inside the lower half (the driver's own
 * ld.so and libc). It makes the lower half removable:
 *
 *  - malloc and friends come from mmap'ed memory: the lower libc must never move the
 *    process break, which belongs to the app's libc;
 *  - every mapping made through mmap/mremap/munmap is recorded, so teardown can unmap it;
 *  - file descriptors the driver opens are recorded, so teardown can close them;
 *  - threads the driver creates get their stacks from recorded memory, start with every
 *    signal blocked (signals belong to the app), and are counted;
 *  - exit() from driver code ends only the calling thread instead of the app.
 *
 * Built with -fno-builtin: GCC would otherwise fold malloc+memset into a call to calloc,
 * which is this file's own calloc. Mappings are made with raw system calls so the
 * allocator never recurses into the recording wrappers. */
/* This file defines both mmap and mmap64, open and open64: the plain names must not be
 * redirected to the 64-bit ones. */
#undef _FILE_OFFSET_BITS
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lower/shared.h"

#define EXPORT __attribute__((visibility("default")))
#define PAGE 4096UL
#define ROUND_PAGE(n) (((n) + PAGE - 1) & ~(PAGE - 1))

static struct glcr_lower_shared *shared_block;

/* The shared block, found from the environment on first use: the loader calls malloc
 * before any constructor runs. */
static struct glcr_lower_shared *lower_shared(void)
{
    if (!shared_block) {
        const char *addr = getenv("GLCR_LOWER_SHARED");
        struct glcr_lower_shared *s = addr ? (struct glcr_lower_shared *)(uintptr_t)strtoull(addr, NULL, 16) : NULL;
        if (s && s->magic == GLCR_LOWER_MAGIC)
            shared_block = s;
    }
    return shared_block;
}

#define shared (lower_shared())

/* ---- recording ------------------------------------------------------------------------- */

static void spin_lock(uint32_t *l)
{
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
        syscall(SYS_sched_yield);
}

static void spin_unlock(uint32_t *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

static void record_region_locked(uint64_t start, uint64_t length)
{
    if (shared->region_count == GLCR_LOWER_MAX_REGIONS) {
        shared->regions_overflowed = 1;
        return;
    }
    shared->regions[shared->region_count++] = (struct glcr_lower_region){start, length};
}

static void record_region(void *start, size_t length)
{
    if (!shared)
        return;
    spin_lock(&shared->lock);
    record_region_locked((uint64_t)(uintptr_t)start, ROUND_PAGE(length));
    spin_unlock(&shared->lock);
}

/* Removes [start, start+length) from the recorded set, splitting regions it cuts. */
static void forget_region(void *start_ptr, size_t length)
{
    if (!shared)
        return;
    uint64_t start = (uint64_t)(uintptr_t)start_ptr, end = start + ROUND_PAGE(length);
    spin_lock(&shared->lock);
    for (uint32_t i = 0; i < shared->region_count;) {
        struct glcr_lower_region *r = &shared->regions[i];
        uint64_t rs = r->start, re = r->start + r->length;
        if (re <= start || rs >= end) {
            i++;
            continue;
        }
        if (rs < start && re > end) {          /* cut out of the middle: two pieces */
            r->length = start - rs;
            record_region_locked(end, re - end);
            i++;
        } else if (rs < start) {
            r->length = start - rs;
            i++;
        } else if (re > end) {
            r->start = end;
            r->length = re - end;
            i++;
        } else {                               /* covered completely */
            *r = shared->regions[--shared->region_count];
        }
    }
    spin_unlock(&shared->lock);
}

static void *raw_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    long r = syscall(SYS_mmap, addr, len, prot, flags, fd, off);
    return r < 0 && r > -4096 ? MAP_FAILED : (void *)r;
}

EXPORT void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    void *p = raw_mmap(addr, len, prot, flags, fd, off);
    if (p != MAP_FAILED) {
        if (flags & MAP_FIXED)
            forget_region(p, len);
        record_region(p, len);
    }
    return p;
}

EXPORT void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    return mmap(addr, len, prot, flags, fd, off);
}

EXPORT int munmap(void *addr, size_t len)
{
    int r = (int)syscall(SYS_munmap, addr, len);
    if (r == 0)
        forget_region(addr, len);
    return r;
}

EXPORT void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    void *new_addr = NULL;
    if (flags & MREMAP_FIXED) {
        va_list ap;
        va_start(ap, flags);
        new_addr = va_arg(ap, void *);
        va_end(ap);
    }
    long r = syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
    if (r < 0 && r > -4096)
        return MAP_FAILED;
    forget_region(old, old_len);
    record_region((void *)r, new_len);
    return (void *)r;
}

static void record_fd(int fd)
{
    if (!shared || fd < 0)
        return;
    spin_lock(&shared->lock);
    if (shared->fd_count < GLCR_LOWER_MAX_FDS)
        shared->fds[shared->fd_count++] = fd;
    spin_unlock(&shared->lock);
}

static void forget_fd(int fd)
{
    if (!shared)
        return;
    spin_lock(&shared->lock);
    for (uint32_t i = 0; i < shared->fd_count; i++)
        if (shared->fds[i] == fd) {
            shared->fds[i] = shared->fds[--shared->fd_count];
            break;
        }
    spin_unlock(&shared->lock);
}

EXPORT int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
    if (fd < 0)
        return -1; /* syscall() has set errno */
    record_fd(fd);
    return fd;
}

EXPORT int open64(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return open(path, flags, mode);
}

EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    int fd = (int)syscall(SYS_openat, dirfd, path, flags, mode);
    if (fd < 0)
        return -1; /* syscall() has set errno */
    record_fd(fd);
    return fd;
}

EXPORT int close(int fd)
{
    forget_fd(fd);
    int r = (int)syscall(SYS_close, fd);
    if (r < 0)
        return -1; /* syscall() has set errno */
    return 0;
}

EXPORT int dup(int fd)
{
    int r = (int)syscall(SYS_dup, fd);
    if (r < 0)
        return -1; /* syscall() has set errno */
    record_fd(r);
    return r;
}

EXPORT int socket(int domain, int type, int protocol)
{
    int r = (int)syscall(SYS_socket, domain, type, protocol);
    if (r < 0)
        return -1; /* syscall() has set errno */
    record_fd(r);
    return r;
}

/* ---- memory allocator --------------------------------------------------------------------
 * Size classes up to 32 KiB carved from 1 MiB chunks with free lists; larger blocks are
 * mappings of their own. Each block has a 16-byte header: class index, or a mark for a
 * large or an aligned block. */

#define HEADER 16
#define CHUNK (1UL << 20)
#define MARK_LARGE 0xffffu
#define MARK_ALIGNED 0xfffeu

static const uint32_t class_size[] = {
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896,
    1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192, 10240, 12288,
    14336, 16384, 20480, 24576, 28672, 32768,
};
#define CLASSES (sizeof class_size / sizeof *class_size)

struct header {
    uint32_t mark;     /* class index, MARK_LARGE or MARK_ALIGNED */
    uint32_t unused;
    uint64_t value;    /* large: mapping length; aligned: offset back to the real block */
};

struct free_block {
    struct free_block *next;
};

static struct free_block *free_lists[CLASSES];
static char *chunk_cursor, *chunk_end;
static uint32_t alloc_lock;

static unsigned class_of(size_t size)
{
    unsigned lo = 0, hi = CLASSES - 1;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (class_size[mid] < size)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Large blocks are mappings of their own, rounded to a power of two pages. Freed ones of up
 * to 32 MiB (glibc's largest mmap threshold) stay mapped and are reused, never returned to
 * the kernel, as glibc keeps such blocks in its heap. Reuse spares the two system calls and
 * the page faults of a fresh mapping for the buffers drivers allocate and free every frame.
 *
 * Drivers read memory they do not own. Mesa 22.3's llvmpipe with several contexts on several
 * threads walks a scene's resource list (in 64 KiB scene data blocks) while a rasterizer
 * thread frees those blocks, and while another thread links a new block into the list before
 * clearing it. Three things keep such a walk from following garbage (mtapp, 3 threads, 5500
 * frames each, on a busy 2-core machine: 11 of 319 runs crashed with the first alone, 1 of 72
 * with the first two, none of 296 with all three; each run about 10% slower than with the
 * first alone, and 85 MiB more resident):
 *  - a freed block stays mapped (an unmapped one crashed mtapp with 3 threads at once);
 *  - it rests LARGE_REST_MS before it is handed out again, longer than a thread preempted in
 *    the middle of a walk waits for a CPU (blocks came back after 0.3 ms on average, 10000
 *    frees a second), unless LARGE_REST_BYTES of its size rest already: then the oldest is
 *    reused, so memory stays bounded whatever the driver frees;
 *  - a reused block reads as zeros up to the size asked for, as a fresh mapping does: a
 *    list entry linked in before it is cleared ends the walk instead of pointing anywhere. */
#define LARGE_BUCKETS 14 /* 2^0 .. 2^13 pages: up to 32 MiB */
#define LARGE_REST_MS 100
#define LARGE_REST_BYTES ((uint64_t)64 << 20) /* per size */

struct large_free_block {
    struct header header;
    struct large_free_block *next;
    uint64_t freed_ms;
};

/* Oldest first: a block a driver thread may still read stays untouched as long as possible. */
static struct large_free_block *large_free_oldest[LARGE_BUCKETS], *large_free_newest[LARGE_BUCKETS];
static uint64_t large_free_bytes[LARGE_BUCKETS];

static uint64_t coarse_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
    return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

/* The oldest freed block of bucket b once it has rested, or NULL. Caller holds alloc_lock. */
static struct large_free_block *take_rested(unsigned b, uint64_t now_ms)
{
    struct large_free_block *oldest = large_free_oldest[b];
    if (!oldest || (now_ms - oldest->freed_ms < LARGE_REST_MS && large_free_bytes[b] < LARGE_REST_BYTES))
        return NULL;
    large_free_oldest[b] = oldest->next;
    if (!oldest->next)
        large_free_newest[b] = NULL;
    large_free_bytes[b] -= PAGE << b;
    return oldest;
}

static unsigned large_bucket(size_t len)
{
    unsigned b = 0;
    while ((PAGE << b) < len)
        b++;
    return b;
}

static void *large_alloc(size_t size)
{
    size_t len = ROUND_PAGE(size + HEADER);
    unsigned b = large_bucket(len);
    char *p = NULL;
    if (b < LARGE_BUCKETS) {
        len = PAGE << b;
        uint64_t now_ms = coarse_now_ms();
        spin_lock(&alloc_lock);
        p = (char *)take_rested(b, now_ms);
        spin_unlock(&alloc_lock);
    }
    if (p) {
        memset(p + HEADER, 0, size); /* as a fresh mapping reads: see above */
    } else {
        p = raw_mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            errno = ENOMEM;
            return NULL;
        }
        record_region(p, len);
    }
    struct header *h = (struct header *)p;
    h->mark = MARK_LARGE;
    h->value = len;
    return p + HEADER;
}

static void large_free(struct header *h)
{
    size_t len = h->value;
    unsigned b = large_bucket(len);
    if (b < LARGE_BUCKETS && (PAGE << b) == len) {
        struct large_free_block *block = (struct large_free_block *)h;
        block->next = NULL;
        block->freed_ms = coarse_now_ms();
        spin_lock(&alloc_lock);
        if (large_free_newest[b])
            large_free_newest[b]->next = block;
        else
            large_free_oldest[b] = block;
        large_free_newest[b] = block;
        large_free_bytes[b] += len;
        spin_unlock(&alloc_lock);
        return;
    }
    syscall(SYS_munmap, h, len);
    forget_region(h, len);
}

EXPORT void *malloc(size_t size)
{
    if (size > class_size[CLASSES - 1])
        return large_alloc(size);
    unsigned c = class_of(size ? size : 1);
    size_t block = class_size[c] + HEADER;
    spin_lock(&alloc_lock);
    struct free_block *b = free_lists[c];
    char *p;
    if (b) {
        free_lists[c] = b->next;
        p = (char *)b - HEADER;
    } else {
        if (!chunk_cursor || (size_t)(chunk_end - chunk_cursor) < block) {
            char *chunk = raw_mmap(NULL, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (chunk == MAP_FAILED) {
                spin_unlock(&alloc_lock);
                errno = ENOMEM;
                return NULL;
            }
            record_region(chunk, CHUNK);
            chunk_cursor = chunk;
            chunk_end = chunk + CHUNK;
        }
        p = chunk_cursor;
        chunk_cursor += block;
    }
    spin_unlock(&alloc_lock);
    ((struct header *)p)->mark = c;
    return p + HEADER;
}

static struct header *header_of(void *ptr)
{
    return (struct header *)((char *)ptr - HEADER);
}

EXPORT void free(void *ptr)
{
    if (!ptr)
        return;
    struct header *h = header_of(ptr);
    if (h->mark == MARK_ALIGNED) {
        free((char *)ptr - h->value);
        return;
    }
    if (h->mark == MARK_LARGE) {
        large_free(h);
        return;
    }
    spin_lock(&alloc_lock);
    struct free_block *b = ptr;
    b->next = free_lists[h->mark];
    free_lists[h->mark] = b;
    spin_unlock(&alloc_lock);
}

EXPORT void cfree(void *ptr)
{
    free(ptr);
}

EXPORT size_t malloc_usable_size(void *ptr)
{
    if (!ptr)
        return 0;
    struct header *h = header_of(ptr);
    if (h->mark == MARK_ALIGNED)
        return malloc_usable_size((char *)ptr - h->value) - h->value;
    if (h->mark == MARK_LARGE)
        return h->value - HEADER;
    return class_size[h->mark];
}

EXPORT void *calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(n * size);
    if (p && n * size <= class_size[CLASSES - 1]) /* large blocks come zeroed */
        memset(p, 0, n * size);
    return p;
}

EXPORT void *realloc(void *ptr, size_t size)
{
    if (!ptr)
        return malloc(size);
    if (!size) {
        free(ptr);
        return NULL;
    }
    size_t have = malloc_usable_size(ptr);
    if (size <= have)
        return ptr;
    void *p = malloc(size);
    if (p) {
        memcpy(p, ptr, have);
        free(ptr);
    }
    return p;
}

EXPORT void *reallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, n * size);
}

EXPORT void *memalign(size_t align, size_t size)
{
    if (align <= HEADER)
        return malloc(size);
    if (align & (align - 1)) {
        errno = EINVAL;
        return NULL;
    }
    char *raw = malloc(size + align + HEADER);
    if (!raw)
        return NULL;
    uintptr_t p = ((uintptr_t)raw + HEADER + align - 1) & ~(uintptr_t)(align - 1);
    struct header *h = header_of((void *)p);
    h->mark = MARK_ALIGNED;
    h->value = p - (uintptr_t)raw;
    return (void *)p;
}

EXPORT int posix_memalign(void **out, size_t align, size_t size)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = memalign(align, size);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

EXPORT void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

EXPORT void *valloc(size_t size)
{
    return memalign(PAGE, size);
}

EXPORT void *pvalloc(size_t size)
{
    return memalign(PAGE, ROUND_PAGE(size));
}

/* ---- threads -------------------------------------------------------------------------------- */

#define DEFAULT_STACK (8UL << 20)

struct thread_start {
    void *(*fn)(void *);
    void *arg;
};

static void record_tid(void)
{
    uint32_t slot = __atomic_fetch_add(&shared->tid_count, 1, __ATOMIC_RELAXED);
    if (slot < sizeof shared->tids / sizeof *shared->tids)
        shared->tids[slot] = (int32_t)syscall(SYS_gettid);
}

static void *thread_main(void *p)
{
    record_tid();
    struct thread_start start = *(struct thread_start *)p;
    free(p);
    void *result = start.fn(start.arg);
    __atomic_sub_fetch(&shared->live_threads, 1, __ATOMIC_RELAXED);
    return result;
}

/* The lower libc installs its own handlers for its internal signals (cancellation and
 * set*id broadcast) process-wide when it first creates a thread; the app's libc owns
 * those dispositions, so they are put back. */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
};

EXPORT int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    if (!real)
        real = (int (*)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *))dlsym(RTLD_NEXT, "pthread_create");
    size_t stack_size = DEFAULT_STACK;
    pthread_attr_t own;
    pthread_attr_init(&own);
    if (attr) {
        int detach;
        size_t size;
        if (pthread_attr_getdetachstate(attr, &detach) == 0)
            pthread_attr_setdetachstate(&own, detach);
        if (pthread_attr_getstacksize(attr, &size) == 0 && size >= (size_t)PTHREAD_STACK_MIN)
            stack_size = ROUND_PAGE(size);
    }
    /* glibc caches the stacks it allocates itself, out of reach of teardown. */
    void *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    struct thread_start *start = malloc(sizeof *start);
    if (stack == MAP_FAILED || !start) {
        pthread_attr_destroy(&own);
        return EAGAIN;
    }
    pthread_attr_setstack(&own, stack, stack_size);
    start->fn = fn;
    start->arg = arg;
    sigset_t all, old;
    sigfillset(&all);
    struct kernel_sigaction saved[2];
    syscall(SYS_rt_sigaction, 32, NULL, &saved[0], 8);
    syscall(SYS_rt_sigaction, 33, NULL, &saved[1], 8);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    __atomic_add_fetch(&shared->live_threads, 1, __ATOMIC_RELAXED);
    int r = real(thread, &own, thread_main, start);
    if (r != 0) {
        __atomic_sub_fetch(&shared->live_threads, 1, __ATOMIC_RELAXED);
        free(start);
        munmap(stack, stack_size);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    syscall(SYS_rt_sigaction, 32, &saved[0], NULL, 8);
    syscall(SYS_rt_sigaction, 33, &saved[1], NULL, 8);
    pthread_attr_destroy(&own);
    return r;
}

/* exit() would be exit_group: it would end the app. A driver that exits ends its thread. */
EXPORT void exit(int status)
{
    if (shared) {
        static const char msg[] = "glcr lower half: the GL driver called exit(); its thread ends\n";
        syscall(SYS_write, 2, msg, sizeof msg - 1);
    }
    (void)status;
    for (;;)
        syscall(SYS_exit, 0);
}
