/* The lower-half program. glcr starts it with a private copy of the system's dynamic
 * loader on a thread of the app (see split.c); from here on this is an ordinary program
 * with its own libc, which loads libEGL and the vendor driver. It lends thread control
 * blocks to app threads that call GL and, at teardown, ends every lower thread.
 *
 * It never returns from main: that would be exit_group, the end of the app. */
#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/futex.h>

#include "lower/shared.h"

static struct glcr_lower_shared *shared;
static const char *program_path = "";
static void *libegl;
static void *(*egl_get_proc_address)(const char *);

/* Shared futexes: the words are watched from the other half's threads too, and the
 * kernel's wake at thread exit is a shared wake. */
static void futex_wait(uint32_t *word, uint32_t value)
{
    syscall(SYS_futex, word, FUTEX_WAIT, value, NULL, NULL, 0);
}

static void futex_wake(uint32_t *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE, 1 << 30, NULL, NULL, 0);
}

/* Called by app threads running with a borrowed lower TCB. */
static void *egl_lookup(const char *name)
{
    void *fn = dlsym(libegl, name);
    if (!fn && egl_get_proc_address)
        fn = egl_get_proc_address(name);
    return fn;
}

static _Noreturn void exit_thread(uint32_t *alive_word)
{
    /* The kernel clears *alive_word and wakes its waiters once this thread is gone: only
     * then may its stack and TCB be unmapped. */
    syscall(SYS_set_tid_address, alive_word);
    for (;;)
        syscall(SYS_exit, 0);
}

static void *donor_main(void *arg)
{
    struct glcr_lower_donor *d = arg;
    __atomic_store_n(&d->tcb, (uint64_t)pthread_self(), __ATOMIC_RELEASE);
    futex_wake((uint32_t *)&d->tcb);
    while (!__atomic_load_n(&d->exit_request, __ATOMIC_ACQUIRE))
        futex_wait(&d->exit_request, 0);
    /* Not a pthread exit: this thread's TCB was on loan, and its libc bookkeeping dies with
     * the whole lower half anyway. */
    __atomic_sub_fetch(&shared->live_threads, 1, __ATOMIC_RELAXED);
    exit_thread(&d->alive);
}

static uint64_t make_donor(void)
{
    if (shared->donor_count == GLCR_LOWER_MAX_DONORS)
        return 0;
    struct glcr_lower_donor *d = &shared->donors[shared->donor_count];
    d->tcb = 0;
    d->exit_request = 0;
    d->alive = 1;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    int rc = pthread_create(&t, &attr, donor_main, d);
    pthread_attr_destroy(&attr);
    if (rc != 0)
        return 0;
    shared->donor_count++;
    while (!__atomic_load_n(&d->tcb, __ATOMIC_ACQUIRE))
        futex_wait((uint32_t *)&d->tcb, 0);
    return d->tcb;
}

static int record_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    uint64_t lo = UINT64_MAX, hi = 0;
    if (info->dlpi_addr == getauxval(AT_SYSINFO_EHDR))
        return 0; /* the vDSO is the kernel's, shared with the app */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *p = &info->dlpi_phdr[i];
        if (p->p_type != PT_LOAD)
            continue;
        uint64_t start = (info->dlpi_addr + p->p_vaddr) & ~4095UL;
        uint64_t end = (info->dlpi_addr + p->p_vaddr + p->p_memsz + 4095) & ~4095UL;
        if (start < lo)
            lo = start;
        if (end > hi)
            hi = end;
    }
    if (hi > lo && shared->object_count < sizeof shared->objects / sizeof *shared->objects) {
        char *path = shared->object_paths[shared->object_count];
        if (info->dlpi_name && info->dlpi_name[0])
            snprintf(path, sizeof shared->object_paths[0], "%s", info->dlpi_name);
        else
            snprintf(path, sizeof shared->object_paths[0], "%s", program_path);
        shared->objects[shared->object_count++] = (struct glcr_lower_region){lo, hi - lo};
    }
    return 0;
}

static void record_objects(void)
{
    shared->object_count = 0;
    dl_iterate_phdr(record_object, NULL);
}

static _Noreturn void shutdown(void)
{
    for (uint32_t i = 0; i < shared->donor_count; i++) {
        __atomic_store_n(&shared->donors[i].exit_request, 1, __ATOMIC_RELEASE);
        futex_wake(&shared->donors[i].exit_request);
    }
    for (uint32_t i = 0; i < shared->donor_count; i++)
        while (__atomic_load_n(&shared->donors[i].alive, __ATOMIC_ACQUIRE))
            futex_wait(&shared->donors[i].alive, 1);
    record_objects();
    __atomic_store_n(&shared->state, GLCR_LOWER_GONE, __ATOMIC_RELEASE);
    __atomic_store_n(&shared->done_seq, shared->request_seq, __ATOMIC_RELEASE);
    futex_wake(&shared->done_seq);
    exit_thread(&shared->main_alive);
}

static void fail(const char *fmt, const char *arg)
{
    snprintf(shared->error, sizeof shared->error, fmt, arg);
    __atomic_store_n(&shared->state, GLCR_LOWER_FAILED, __ATOMIC_RELEASE);
    futex_wake(&shared->state);
    exit_thread(&shared->main_alive);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 0; /* run by hand: nothing to serve */
    shared = (struct glcr_lower_shared *)(uintptr_t)strtoull(argv[1], NULL, 16);
    program_path = argv[0];
    if (!shared || shared->magic != GLCR_LOWER_MAGIC)
        for (;;)
            syscall(SYS_exit, 0);
    const char *egl = getenv("GLCR_LOWER_EGL");
    libegl = dlopen(egl && *egl ? egl : "libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!libegl)
        fail("cannot load libEGL in the lower half: %s", dlerror());
    egl_get_proc_address = (void *(*)(const char *))dlsym(libegl, "eglGetProcAddress");
    if (!egl_get_proc_address)
        fail("libEGL has no eglGetProcAddress (%s)", egl ? egl : "libEGL.so.1");
    shared->egl_lookup = egl_lookup;
    shared->main_tcb = (uint64_t)pthread_self();
    __atomic_store_n(&shared->state, GLCR_LOWER_READY, __ATOMIC_RELEASE);
    futex_wake(&shared->state);

    uint32_t served = 0;
    for (;;) {
        uint32_t seq = __atomic_load_n(&shared->request_seq, __ATOMIC_ACQUIRE);
        if (seq == served) {
            futex_wait(&shared->request_seq, seq);
            continue;
        }
        served = seq;
        switch (shared->request) {
        case GLCR_LOWER_REQ_DONOR:
            shared->result = make_donor();
            break;
        case GLCR_LOWER_REQ_OBJECTS:
            record_objects();
            shared->result = shared->object_count;
            break;
        case GLCR_LOWER_REQ_SHUTDOWN:
            shutdown();
        default:
            shared->result = 0;
        }
        __atomic_store_n(&shared->done_seq, seq, __ATOMIC_RELEASE);
        futex_wake(&shared->done_seq);
    }
}
