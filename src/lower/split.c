/* The split driver half: the GL driver stack lives in a lower half of the app's address
 * space, with its own copy of the system's dynamic loader and libc, started on a thread of
 * its own, and removed completely at teardown (threads ended, mappings unmapped, file
 * descriptors closed), so that a checkpointer sees none of it. A fresh copy is loaded at
 * the next boot: its constructors initialize the driver as in a new process.
 *
 * Boot: map ld.so (the app's PT_INTERP) ourselves, build an initial stack (argv, envp, and
 * the app's auxv with ld.so as the program: it then loads the lower program named in argv
 * like `ld.so PROGRAM`), and clone a thread that starts in ld.so with every signal blocked.
 * The lower program loads libEGL and serves requests through shared memory (shared.h). */
#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <asm/prctl.h>

#include "common/clock.h"
#include "common/log.h"
#include "lower/driver_half.h"
#include "lower/fsswitch.h"
#include "lower/shared.h"
#include "lower/split.h"
#include "winsys/egl.h"

bool glcr_fs_wrfsbase;
unsigned glcr_lower_generation;

static struct glcr_lower_shared *shared;
static pthread_mutex_t request_lock = PTHREAD_MUTEX_INITIALIZER;
static void *main_stack, *boot_tls;
static size_t main_stack_len;
static struct glcr_lower_region loader_scratch; /* the lower ld.so's own early allocations */

/* Lower TCB -> the app thread's FS base, for signal and callback trampolines. */
static struct {
    uint64_t lower, upper;
} fs_map[GLCR_LOWER_MAX_DONORS];
static uint32_t fs_map_count;

#define MAIN_STACK_SIZE (8UL << 20)
#define BOOT_TIMEOUT_MS 30000

void glcr_fs_set_slow(uint64_t base)
{
    syscall(SYS_arch_prctl, ARCH_SET_FS, base);
}

uint64_t glcr_fs_get_slow(void)
{
    uint64_t base = 0;
    syscall(SYS_arch_prctl, ARCH_GET_FS, &base);
    return base;
}

static void futex_wait_ms(uint32_t *word, uint32_t value, int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    syscall(SYS_futex, word, FUTEX_WAIT, value, &ts, NULL, 0);
}

static void futex_wake(uint32_t *word)
{
    syscall(SYS_futex, word, FUTEX_WAKE, 1 << 30, NULL, NULL, 0);
}

/* ---- files ---------------------------------------------------------------------------------- */

/* The dynamic loader the app itself was started with (PT_INTERP of the main program). */
static bool app_interpreter(char *out, size_t len)
{
    const ElfW(Phdr) *phdr = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    size_t phnum = getauxval(AT_PHNUM);
    uintptr_t load_bias = 0;
    for (size_t i = 0; phdr && i < phnum; i++)
        if (phdr[i].p_type == PT_PHDR)
            load_bias = (uintptr_t)phdr - phdr[i].p_vaddr;
    for (size_t i = 0; phdr && i < phnum; i++)
        if (phdr[i].p_type == PT_INTERP) {
            snprintf(out, len, "%s", (const char *)(load_bias + phdr[i].p_vaddr));
            return true;
        }
    return false;
}

/* A file that sits next to libglcr.so (build tree) or in its glcr/ subdirectory (installed). */
static bool companion_file(const char *name, char *out, size_t len)
{
    Dl_info info;
    if (!dladdr((void *)companion_file, &info) || !info.dli_fname)
        return false;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", info.dli_fname);
    char *slash = strrchr(dir, '/');
    if (!slash)
        return false;
    *slash = 0;
    const char *subdirs[] = {"", "/glcr", "/lower"};
    for (size_t i = 0; i < sizeof subdirs / sizeof *subdirs; i++) {
        snprintf(out, len, "%s%s/%s", dir, subdirs[i], name);
        if (access(out, R_OK) == 0)
            return true;
    }
    return false;
}

/* ---- mapping the loader --------------------------------------------------------------------- */

struct loaded_elf {
    uint8_t *base;
    size_t span;
    uint64_t entry, phdr;
    uint64_t phnum;
};

static int elf_prot(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) | (flags & PF_X ? PROT_EXEC : 0);
}

/* Maps a position-independent ELF object the way the kernel maps an interpreter. */
static bool map_elf(const char *path, struct loaded_elf *e, char *err, size_t err_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ElfW(Ehdr) eh;
    ElfW(Phdr) ph[32];
    if (fd < 0 || pread(fd, &eh, sizeof eh, 0) != sizeof eh || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
        eh.e_type != ET_DYN || eh.e_phnum > 32 ||
        pread(fd, ph, eh.e_phnum * sizeof *ph, (off_t)eh.e_phoff) != (ssize_t)(eh.e_phnum * sizeof *ph)) {
        snprintf(err, err_len, "cannot read the dynamic loader %s as an ELF shared object", path);
        if (fd >= 0)
            close(fd);
        return false;
    }
    uint64_t lo = UINT64_MAX, hi = 0, page = (uint64_t)getpagesize();
    for (int i = 0; i < eh.e_phnum; i++)
        if (ph[i].p_type == PT_LOAD) {
            lo = ph[i].p_vaddr < lo ? ph[i].p_vaddr & ~(page - 1) : lo;
            uint64_t end = (ph[i].p_vaddr + ph[i].p_memsz + page - 1) & ~(page - 1);
            hi = end > hi ? end : hi;
        }
    uint8_t *base = mmap(NULL, hi - lo, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        snprintf(err, err_len, "cannot reserve %lu bytes for %s", (unsigned long)(hi - lo), path);
        close(fd);
        return false;
    }
    base -= lo;
    for (int i = 0; i < eh.e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD)
            continue;
        uint64_t start = ph[i].p_vaddr & ~(page - 1), off = ph[i].p_offset & ~(page - 1);
        uint64_t file_end = ph[i].p_vaddr + ph[i].p_filesz;
        uint64_t mem_end = (ph[i].p_vaddr + ph[i].p_memsz + page - 1) & ~(page - 1);
        uint64_t file_map_end = (file_end + page - 1) & ~(page - 1);
        int prot = elf_prot(ph[i].p_flags);
        if (ph[i].p_filesz &&
            mmap(base + start, file_map_end - start, prot | (ph[i].p_memsz > ph[i].p_filesz ? PROT_WRITE : 0),
                 MAP_PRIVATE | MAP_FIXED, fd, (off_t)off) == MAP_FAILED) {
            snprintf(err, err_len, "cannot map %s: %s", path, strerror(errno));
            munmap(base + lo, hi - lo);
            close(fd);
            return false;
        }
        if (ph[i].p_memsz > ph[i].p_filesz) {
            /* .bss: the rest of the last file page is zeroed, whole pages are anonymous. */
            memset(base + file_end, 0, file_map_end - file_end);
            if (mem_end > file_map_end)
                mmap(base + file_map_end, mem_end - file_map_end, prot,
                     MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
            mprotect(base + start, file_map_end - start, prot);
        }
    }
    close(fd);
    e->base = base + lo;
    e->span = hi - lo;
    e->entry = (uint64_t)(base + eh.e_entry);
    e->phdr = (uint64_t)(base + eh.e_phoff);
    e->phnum = eh.e_phnum;
    return true;
}

/* ---- the lower half's environment and initial stack --------------------------------------- */

static bool keep_for_lower(const char *var)
{
    static const char *const dropped[] = {
        "LD_", "DISPLAY=", "WAYLAND_DISPLAY=", "GLCR_CONTROL=", "GLIBC_TUNABLES=", "XAUTHORITY=",
    };
    for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++)
        if (strncmp(var, dropped[i], strlen(dropped[i])) == 0)
            return false;
    return true;
}

/* The app's environment minus what must not reach the driver (the app's LD_PRELOAD and
 * LD_LIBRARY_PATH, the window system), plus the lower half's own settings. */
static int lower_environment(char **out, int max, char *scratch, size_t scratch_len,
                             const char *hooks, uint64_t shared_addr)
{
    extern char **environ;
    int n = 0;
    for (char **e = environ; *e && n < max - 6; e++)
        if (keep_for_lower(*e))
            out[n++] = *e;
    const char *lib_path = getenv("GLCR_LOWER_LD_LIBRARY_PATH");
    int used = snprintf(scratch, scratch_len, "LD_PRELOAD=%s", hooks) + 1;
    out[n++] = scratch;
    out[n++] = scratch + used;
    used += snprintf(scratch + used, scratch_len - (size_t)used, "GLCR_LOWER_SHARED=%lx",
                     (unsigned long)shared_addr) + 1;
    out[n++] = scratch + used;
    /* The app's libc registered this thread's rseq area; the lower libc must not try. */
    used += snprintf(scratch + used, scratch_len - (size_t)used, "GLIBC_TUNABLES=glibc.pthread.rseq=0") + 1;
    if (lib_path && *lib_path) {
        out[n++] = scratch + used;
        snprintf(scratch + used, scratch_len - (size_t)used, "LD_LIBRARY_PATH=%s", lib_path);
    }
    out[n] = NULL;
    return n;
}

/* Copies a string to the top of the stack being built, returns its address. */
static char *push_string(char **top, const char *s)
{
    size_t n = strlen(s) + 1;
    *top -= n;
    memcpy(*top, s, n);
    return *top;
}

/* Lays out argc, argv, envp and auxv as the kernel does for a new program; the loader is
 * the program, so it loads argv[1] itself. Returns the initial stack pointer. */
static void *build_stack(void *stack, size_t len, char *const argv[], char *const envp[],
                         const struct loaded_elf *ldso)
{
    char *top = (char *)stack + len;
    int argc = 0, envc = 0;
    while (argv[argc])
        argc++;
    while (envp[envc])
        envc++;
    char **arg_copy = alloca((size_t)(argc + 1) * sizeof *arg_copy);
    char **env_copy = alloca((size_t)(envc + 1) * sizeof *env_copy);
    for (int i = 0; i < argc; i++)
        arg_copy[i] = push_string(&top, argv[i]);
    for (int i = 0; i < envc; i++)
        env_copy[i] = push_string(&top, envp[i]);

    /* The app's auxv, with the loader in the place of the program. AT_RANDOM stays the
     * app's: stack canary and pointer guard must agree between the halves. The kernel's copy
     * (/proc/self/auxv) only says which entries there are: the values are the ones the app's
     * libc started with (getauxval). They differ in a process DMTCP restarted, where the
     * kernel's copy describes the restart program (its stack strings, its vDSO). */
    Elf64_auxv_t auxv[64];
    int nauxv = 0;
    int fd = open("/proc/self/auxv", O_RDONLY | O_CLOEXEC);
    Elf64_auxv_t a;
    while (fd >= 0 && nauxv < 60 && read(fd, &a, sizeof a) == sizeof a && a.a_type != AT_NULL) {
        errno = 0;
        unsigned long started_with = getauxval(a.a_type);
        if (started_with || errno != ENOENT)
            a.a_un.a_val = started_with;
        switch (a.a_type) {
        case AT_PHDR: a.a_un.a_val = ldso->phdr; break;
        case AT_PHNUM: a.a_un.a_val = ldso->phnum; break;
        case AT_PHENT: a.a_un.a_val = sizeof(ElfW(Phdr)); break;
        case AT_ENTRY: a.a_un.a_val = ldso->entry; break;
        case AT_BASE: a.a_un.a_val = 0; break;
        case AT_SECURE: a.a_un.a_val = 0; break;
        default: break;
        }
        auxv[nauxv++] = a;
    }
    if (fd >= 0)
        close(fd);
    auxv[nauxv].a_type = AT_NULL;
    auxv[nauxv].a_un.a_val = 0;
    nauxv++;

    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + (size_t)nauxv * 2;
    uint64_t *sp = (uint64_t *)(((uintptr_t)top - words * 8) & ~(uintptr_t)15);
    uint64_t *w = sp;
    *w++ = (uint64_t)argc;
    for (int i = 0; i < argc; i++)
        *w++ = (uint64_t)arg_copy[i];
    *w++ = 0;
    for (int i = 0; i < envc; i++)
        *w++ = (uint64_t)env_copy[i];
    *w++ = 0;
    memcpy(w, auxv, (size_t)nauxv * sizeof *auxv);
    return sp;
}

/* Starts a thread at `entry` with stack pointer `sp`, as the kernel starts a program: no
 * C code runs on the new thread. Its TLS is a scratch block until the loader sets its own. */
static long start_lower_thread(void *sp, uint64_t entry, uint32_t *clear_tid, void *tls)
{
    register long rax __asm__("rax") = SYS_clone;
    register unsigned long rdi __asm__("rdi") =
        CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
        CLONE_SETTLS | CLONE_CHILD_CLEARTID;
    register void *rsi __asm__("rsi") = sp;
    register void *rdx __asm__("rdx") = NULL;
    register void *r10 __asm__("r10") = clear_tid;
    register void *r8 __asm__("r8") = tls;
    register uint64_t r9 __asm__("r9") = entry;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "xor %%edx, %%edx\n\t"
                     "jmp *%%r9\n"
                     "1:\n\t"
                     : "+r"(rax)
                     : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return rax;
}

/* ---- address space bookkeeping ------------------------------------------------------------ */

struct vma_list {
    struct glcr_lower_region *v;
    size_t n;
};

static void read_vmas(struct vma_list *l)
{
    l->v = NULL;
    l->n = 0;
    FILE *f = fopen("/proc/self/maps", "re");
    if (!f)
        return;
    size_t cap = 0;
    unsigned long s, e;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx", &s, &e) != 2)
            continue;
        if (l->n == cap) {
            cap = cap ? cap * 2 : 256;
            struct glcr_lower_region *v = realloc(l->v, cap * sizeof *v);
            if (!v)
                break;
            l->v = v;
        }
        l->v[l->n++] = (struct glcr_lower_region){s, e - s};
    }
    fclose(f);
}

/* The part of the mapping around `addr` that did not exist before the lower half booted:
 * the loader's early allocations (the lower main thread's TCB and static TLS). The kernel
 * may have merged them with a neighbouring mapping of the app; that part is excluded. */
static struct glcr_lower_region new_part_around(uint64_t addr, const struct vma_list *before)
{
    struct vma_list now;
    struct glcr_lower_region r = {0, 0};
    read_vmas(&now);
    for (size_t i = 0; i < now.n && !r.length; i++) {
        uint64_t s = now.v[i].start, e = s + now.v[i].length;
        if (addr < s || addr >= e)
            continue;
        uint64_t lo = s, hi = e;
        for (size_t j = 0; j < before->n; j++) {
            uint64_t bs = before->v[j].start, be = bs + before->v[j].length;
            if (be <= lo || bs >= hi)
                continue;
            if (bs <= addr && be > addr) { /* the address itself was mapped before: keep out */
                lo = hi = 0;
                break;
            }
            if (be <= addr)
                lo = be > lo ? be : lo;
            else
                hi = bs < hi ? bs : hi;
        }
        r = (struct glcr_lower_region){lo, hi - lo};
    }
    free(now.v);
    return r;
}

static bool is_device_fd(int fd)
{
    char path[64], target[256];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n <= 0)
        return false;
    target[n] = 0;
    return strncmp(target, "/dev/dri/", 9) == 0 || strncmp(target, "/dev/nvidia", 11) == 0;
}

/* ---- leftovers check (GLCR_VERIFY) -----------------------------------------------------------
 * After teardown nothing of the lower half may remain: no mapping of a file only the lower
 * half had mapped (the same file mapped more often than before boot, for files both halves
 * use, like libc), none of its threads, no descriptor of a device file. */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Number of mappings of each file in /proc/self/maps, for the given sorted paths. */
static void count_file_mappings(char **paths, size_t n, unsigned *counts)
{
    memset(counts, 0, n * sizeof *counts);
    FILE *f = fopen("/proc/self/maps", "re");
    char line[1024];
    while (f && fgets(line, sizeof line, f)) {
        char *path = strchr(line, '/');
        if (!path)
            continue;
        path[strcspn(path, "\n")] = 0;
        char **hit = bsearch(&path, paths, n, sizeof *paths, cmp_str);
        if (hit)
            counts[hit - paths]++;
    }
    if (f)
        fclose(f);
}

static char **baseline_paths;
static unsigned *baseline_counts;
static size_t baseline_n;

static void forget_baseline(void)
{
    for (size_t i = 0; i < baseline_n; i++)
        free(baseline_paths[i]);
    free(baseline_paths);
    free(baseline_counts);
    baseline_paths = NULL;
    baseline_counts = NULL;
    baseline_n = 0;
}

/* Before boot: how often is each file mapped? (Which files matter is known only after the
 * lower half ran, so every file mapped now is counted.) */
static void take_baseline(void)
{
    forget_baseline();
    FILE *f = fopen("/proc/self/maps", "re");
    char line[1024];
    size_t cap = 0;
    while (f && fgets(line, sizeof line, f)) {
        char *path = strchr(line, '/');
        if (!path)
            continue;
        path[strcspn(path, "\n")] = 0;
        if (baseline_n == cap) {
            cap = cap ? cap * 2 : 256;
            char **grown = realloc(baseline_paths, cap * sizeof *grown);
            if (!grown)
                break;
            baseline_paths = grown;
        }
        baseline_paths[baseline_n++] = strdup(path);
    }
    if (f)
        fclose(f);
    if (!baseline_n)
        return;
    qsort(baseline_paths, baseline_n, sizeof *baseline_paths, cmp_str);
    size_t unique = 0;
    for (size_t i = 0; i < baseline_n; i++)
        if (!unique || strcmp(baseline_paths[unique - 1], baseline_paths[i]))
            baseline_paths[unique++] = baseline_paths[i];
        else
            free(baseline_paths[i]);
    baseline_n = unique;
    baseline_counts = calloc(baseline_n, sizeof *baseline_counts);
    if (baseline_counts)
        count_file_mappings(baseline_paths, baseline_n, baseline_counts);
}

static unsigned baseline_count_of(const char *path)
{
    char **hit = bsearch(&path, baseline_paths, baseline_n, sizeof *baseline_paths, cmp_str);
    return hit && baseline_counts ? baseline_counts[hit - baseline_paths] : 0;
}

static size_t append(char *err, size_t len, size_t used, const char *fmt, const char *what)
{
    if (used < len)
        used += (size_t)snprintf(err + used, len - used, fmt, used ? "; " : "", what);
    return used;
}

/* Run after unmapping, with the shared block still readable. */
static bool check_leftovers(const struct glcr_lower_shared *s, char *err, size_t err_len)
{
    size_t used = 0, n = s->object_count;
    char **paths = calloc(n + 1, sizeof *paths);
    unsigned *counts = calloc(n + 1, sizeof *counts);
    size_t np = 0;
    /* /proc/self/maps shows the files' real paths, not the loader's names for them. */
    for (size_t i = 0; paths && i < n; i++)
        if (s->object_paths[i][0] == '/' && (paths[np] = realpath(s->object_paths[i], NULL)))
            np++;
    if (paths && counts && np) {
        qsort(paths, np, sizeof *paths, cmp_str);
        count_file_mappings(paths, np, counts);
        for (size_t i = 0; i < np; i++)
            if (counts[i] > baseline_count_of(paths[i]))
                used = append(err, err_len, used, "%smapping of %s", paths[i]);
    }
    for (size_t i = 0; i < np; i++)
        free(paths[i]);
    free(paths);
    free(counts);
    uint32_t tids = s->tid_count < 1024 ? s->tid_count : 1024;
    for (uint32_t i = 0; i < tids; i++) {
        char path[64], what[32];
        snprintf(path, sizeof path, "/proc/self/task/%d", s->tids[i]);
        snprintf(what, sizeof what, "%d", s->tids[i]);
        if (access(path, F_OK) == 0)
            used = append(err, err_len, used, "%sthread %s", what);
    }
    for (int fd = 3; fd < 4096; fd++)
        if (is_device_fd(fd)) {
            char what[16];
            snprintf(what, sizeof what, "%d", fd);
            used = append(err, err_len, used, "%sdevice file descriptor %s", what);
        }
    return used == 0;
}

static bool verifying(void)
{
    const char *v = getenv("GLCR_VERIFY");
    return v && *v && *v != '0';
}

/* ---- boot ----------------------------------------------------------------------------------- */

/* libc's internal signals (cancellation, set*id broadcast: 32 and 33) have process-wide
 * dispositions that belong to the app's libc; the lower libc may install its own. */
struct kernel_sigaction {
    void *handler;
    unsigned long flags;
    void *restorer;
    unsigned long mask;
};

struct internal_dispositions {
    struct kernel_sigaction sig[2];
};

static void save_internal_dispositions(struct internal_dispositions *d)
{
    syscall(SYS_rt_sigaction, 32, NULL, &d->sig[0], 8);
    syscall(SYS_rt_sigaction, 33, NULL, &d->sig[1], 8);
}

static void restore_internal_dispositions(const struct internal_dispositions *d)
{
    syscall(SYS_rt_sigaction, 32, &d->sig[0], NULL, 8);
    syscall(SYS_rt_sigaction, 33, &d->sig[1], NULL, 8);
}

static uint64_t lower_request(enum glcr_lower_request req)
{
    pthread_mutex_lock(&request_lock);
    shared->request = req;
    uint32_t seq = __atomic_add_fetch(&shared->request_seq, 1, __ATOMIC_ACQ_REL);
    futex_wake(&shared->request_seq);
    while (__atomic_load_n(&shared->done_seq, __ATOMIC_ACQUIRE) != seq &&
           __atomic_load_n(&shared->state, __ATOMIC_ACQUIRE) == GLCR_LOWER_READY)
        futex_wait_ms(&shared->done_seq, __atomic_load_n(&shared->done_seq, __ATOMIC_ACQUIRE), 100);
    uint64_t result = shared->result;
    pthread_mutex_unlock(&request_lock);
    return result;
}

static bool wait_ready(char *err, size_t err_len)
{
    double deadline = glcr_now_ms() + BOOT_TIMEOUT_MS;
    uint32_t st;
    while ((st = __atomic_load_n(&shared->state, __ATOMIC_ACQUIRE)) == GLCR_LOWER_BOOTING) {
        if (glcr_now_ms() > deadline || !__atomic_load_n(&shared->main_alive, __ATOMIC_ACQUIRE)) {
            snprintf(err, err_len, "the lower half did not start (its loader %s)",
                     shared->main_alive ? "hangs" : "exited");
            return false;
        }
        futex_wait_ms(&shared->state, GLCR_LOWER_BOOTING, 50);
    }
    if (st != GLCR_LOWER_READY) {
        snprintf(err, err_len, "lower half: %s", shared->error[0] ? shared->error : "failed to start");
        return false;
    }
    return true;
}

static void release_memory(void);

static bool split_boot(char *err, size_t err_len)
{
    char ldso_path[PATH_MAX], prog[PATH_MAX], hooks[PATH_MAX];
    if (!app_interpreter(ldso_path, sizeof ldso_path)) {
        snprintf(err, err_len, "split driver half: the app has no dynamic loader (statically linked?)");
        return false;
    }
    if (!companion_file("glcr-lower", prog, sizeof prog) ||
        !companion_file("libglcr-lower-hooks.so", hooks, sizeof hooks)) {
        snprintf(err, err_len, "split driver half: glcr-lower or libglcr-lower-hooks.so not found next "
                               "to libglcr.so (incomplete installation)");
        return false;
    }
    glcr_fs_wrfsbase = (getauxval(AT_HWCAP2) & 2) != 0; /* HWCAP2_FSGSBASE */
    const char *fs_switch = getenv("GLCR_FS_SWITCH"); /* to test the fallback where wrfsbase works */
    if (fs_switch && strcmp(fs_switch, "arch_prctl") == 0)
        glcr_fs_wrfsbase = false;
    else if (fs_switch && *fs_switch && strcmp(fs_switch, "auto") != 0)
        log_warn("GLCR_FS_SWITCH=%s not understood (auto or arch_prctl); using %s", fs_switch,
                 glcr_fs_wrfsbase ? "wrfsbase" : "arch_prctl");
    double t0 = glcr_now_ms();
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    main_stack_len = MAIN_STACK_SIZE;
    main_stack = mmap(NULL, main_stack_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    boot_tls = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED || main_stack == MAP_FAILED || boot_tls == MAP_FAILED) {
        snprintf(err, err_len, "split driver half: out of memory");
        return false;
    }
    shared->magic = GLCR_LOWER_MAGIC;
    shared->state = GLCR_LOWER_BOOTING;
    shared->main_alive = 1;

    struct vma_list before;
    read_vmas(&before);
    if (verifying())
        take_baseline();
    struct loaded_elf ldso;
    if (!map_elf(ldso_path, &ldso, err, err_len)) {
        free(before.v);
        return false;
    }
    char addr[32], scratch[PATH_MAX + 256];
    snprintf(addr, sizeof addr, "%lx", (unsigned long)(uintptr_t)shared);
    char *argv[] = {ldso_path, prog, addr, NULL};
    char *envp[1024];
    lower_environment(envp, 1024, scratch, sizeof scratch, hooks, (uint64_t)(uintptr_t)shared);
    void *sp = build_stack(main_stack, main_stack_len, argv, envp, &ldso);

    /* The new thread starts with every signal blocked: signals are the app's business. */
    sigset_t all, old;
    sigfillset(&all);
    struct internal_dispositions saved;
    save_internal_dispositions(&saved);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    long tid = start_lower_thread(sp, ldso.entry, &shared->main_alive, boot_tls);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (tid > 0)
        shared->tids[shared->tid_count++] = (int32_t)tid;
    bool ok = tid > 0 && wait_ready(err, err_len);
    restore_internal_dispositions(&saved);
    if (tid <= 0)
        snprintf(err, err_len, "split driver half: cannot start the lower thread: %s", strerror((int)-tid));
    if (ok) {
        loader_scratch = new_part_around(shared->main_tcb, &before);
        glcr_lower_generation++;
        log_debug("split lower half up in %.1f ms (%s, FS switch by %s)", glcr_now_ms() - t0, ldso_path,
                  glcr_fs_wrfsbase ? "wrfsbase" : "arch_prctl");
    }
    free(before.v);
    if (!ok)
        release_memory();
    return ok;
}

/* ---- calls into the lower half -------------------------------------------------------------- */

void glcr_lower_thread_attach(void)
{
    if (!shared || __atomic_load_n(&shared->state, __ATOMIC_ACQUIRE) != GLCR_LOWER_READY) {
        log_error("a GL or EGL call reached glcr while no driver is loaded; ending the app");
        abort();
    }
    uint64_t tcb = lower_request(GLCR_LOWER_REQ_DONOR);
    if (!tcb) {
        log_error("the lower half cannot lend a thread control block (%u threads use GL); ending the app",
                  shared->donor_count);
        abort();
    }
    glcr_self.upper_fs = glcr_fs_get();
    glcr_self.lower_fs = tcb;
    glcr_self.lower_generation = glcr_lower_generation;
    uint32_t slot = __atomic_fetch_add(&fs_map_count, 1, __ATOMIC_ACQ_REL);
    if (slot < GLCR_LOWER_MAX_DONORS) {
        __atomic_store_n(&fs_map[slot].upper, glcr_self.upper_fs, __ATOMIC_RELEASE);
        __atomic_store_n(&fs_map[slot].lower, tcb, __ATOMIC_RELEASE);
    }
}

/* Read from signal handlers at any moment, also while the lower half is being removed:
 * upper memory that is never unmapped, entries written lower-last and cleared lower-first. */
uint64_t glcr_lower_upper_fs_of(uint64_t fs)
{
    if (fs == 0)
        return 0;
    uint32_t n = __atomic_load_n(&fs_map_count, __ATOMIC_ACQUIRE);
    for (uint32_t i = 0; i < n && i < GLCR_LOWER_MAX_DONORS; i++)
        if (__atomic_load_n(&fs_map[i].lower, __ATOMIC_ACQUIRE) == fs)
            return __atomic_load_n(&fs_map[i].upper, __ATOMIC_ACQUIRE);
    return 0;
}

static void forget_fs_map(void)
{
    for (uint32_t i = 0; i < GLCR_LOWER_MAX_DONORS; i++)
        __atomic_store_n(&fs_map[i].lower, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&fs_map_count, 0, __ATOMIC_RELEASE);
}

/* EGL functions glcr calls, each through a trampoline that switches to the lower TCB. */
#define EGL_FUNCTIONS(X)                                                                       \
    X(EGLDisplay, eglGetPlatformDisplayEXT, (EGLenum p, void *d, const EGLint *a), (p, d, a))  \
    X(EGLBoolean, eglInitialize, (EGLDisplay d, EGLint *ma, EGLint *mi), (d, ma, mi))          \
    X(EGLBoolean, eglTerminate, (EGLDisplay d), (d))                                           \
    X(EGLBoolean, eglBindAPI, (EGLenum api), (api))                                            \
    X(EGLContext, eglCreateContext, (EGLDisplay d, EGLConfig c, EGLContext s, const EGLint *a), (d, c, s, a)) \
    X(EGLBoolean, eglDestroyContext, (EGLDisplay d, EGLContext c), (d, c))                     \
    X(EGLBoolean, eglMakeCurrent, (EGLDisplay d, EGLSurface w, EGLSurface r, EGLContext c), (d, w, r, c)) \
    X(EGLContext, eglGetCurrentContext, (void), ())                                            \
    X(const char *, eglQueryString, (EGLDisplay d, EGLint n), (d, n))                          \
    X(EGLint, eglGetError, (void), ())                                                         \
    X(EGLBoolean, eglQueryDevicesEXT, (EGLint m, EGLDeviceEXT *d, EGLint *n), (m, d, n))       \
    X(const char *, eglQueryDeviceStringEXT, (EGLDeviceEXT d, EGLint n), (d, n))               \
    X(void *, eglGetProcAddress, (const char *n), (n))

#define DECLARE_SLOT(ret, name, params, args) static ret(*lower_##name) params;
EGL_FUNCTIONS(DECLARE_SLOT)

#define DEFINE_TRAMPOLINE(ret, name, params, args)                                             \
    __attribute__((no_stack_protector)) static ret split_##name params                          \
    {                                                                                          \
        uint64_t upper = glcr_fs_enter();                                                      \
        ret result_ = lower_##name args;                                                       \
        glcr_fs_leave(upper);                                                                  \
        return result_;                                                                        \
    }
EGL_FUNCTIONS(DEFINE_TRAMPOLINE)

__attribute__((no_stack_protector)) static void *lookup_in_lower(const char *name)
{
    uint64_t upper = glcr_fs_enter();
    void *fn = shared->egl_lookup(name);
    glcr_fs_leave(upper);
    return fn;
}

static void *split_egl_proc(const char *name)
{
#define MATCH(ret, fn, params, args)                                                           \
    if (strcmp(name, #fn) == 0) {                                                              \
        lower_##fn = (ret(*) params)lookup_in_lower(name);                                     \
        return lower_##fn ? (void *)split_##fn : NULL;                                         \
    }
    EGL_FUNCTIONS(MATCH)
#undef MATCH
    log_error("split driver half: glcr has no trampoline for %s", name);
    return NULL;
}

/* ---- teardown -------------------------------------------------------------------------------- */

static void close_lower_fds(void)
{
    for (uint32_t i = 0; i < shared->fd_count; i++)
        close(shared->fds[i]);
    /* Device files opened by the loader or the driver outside the recorded calls. */
    for (int fd = 3; fd < 4096; fd++)
        if (is_device_fd(fd))
            close(fd);
}

static void unmap_region(const struct glcr_lower_region *r)
{
    if (r->length)
        munmap((void *)(uintptr_t)r->start, r->length);
}

static void release_memory(void)
{
    if (main_stack && main_stack != MAP_FAILED)
        munmap(main_stack, main_stack_len);
    if (boot_tls && boot_tls != MAP_FAILED)
        munmap(boot_tls, 4096);
    if (shared && shared != MAP_FAILED)
        munmap(shared, sizeof *shared);
    main_stack = boot_tls = NULL;
    shared = NULL;
}

static bool split_teardown(char *err, size_t err_len)
{
    if (!shared)
        return true;
    lower_request(GLCR_LOWER_REQ_SHUTDOWN);
    double deadline = glcr_now_ms() + 5000;
    while (__atomic_load_n(&shared->main_alive, __ATOMIC_ACQUIRE)) {
        if (glcr_now_ms() > deadline) {
            snprintf(err, err_len, "the lower half's main thread did not end");
            return false;
        }
        futex_wait_ms(&shared->main_alive, 1, 50);
    }
    uint32_t threads = __atomic_load_n(&shared->live_threads, __ATOMIC_ACQUIRE);
    if (threads) {
        /* Their code and stacks would be unmapped under them. */
        snprintf(err, err_len, "%u GL driver threads are still running after eglTerminate; the "
                 "driver cannot be removed", threads);
        return false;
    }
    if (shared->regions_overflowed)
        log_warn("split driver half: more than %d driver mappings; some stay after teardown",
                 GLCR_LOWER_MAX_REGIONS);
    close_lower_fds();
    for (uint32_t i = 0; i < shared->object_count; i++)
        unmap_region(&shared->objects[i]);
    for (uint32_t i = 0; i < shared->region_count; i++)
        unmap_region(&shared->regions[i]);
    unmap_region(&loader_scratch);
    loader_scratch.length = 0;
    char left[1024];
    bool clean = !verifying() || check_leftovers(shared, left, sizeof left);
    forget_fs_map();
    release_memory();
    if (!clean) {
        snprintf(err, err_len, "the driver half left something behind: %s", left);
        return false;
    }
    return true;
}

/* ---- left out of a process image (DMTCP) ------------------------------------------------------
 * The lower half stays loaded and running while a checkpointer writes the image without it:
 * its library spans (recorded now by lower main), every mapping the hooks library recorded
 * (read live: lower threads keep running and could map or unmap meanwhile), the loader's
 * early allocations, and the lower main thread's stack and boot TLS. */

static bool split_mark_out_of_image(void)
{
    if (!shared || __atomic_load_n(&shared->state, __ATOMIC_ACQUIRE) != GLCR_LOWER_READY)
        return false;
    lower_request(GLCR_LOWER_REQ_OBJECTS);
    if (shared->regions_overflowed) {
        log_warn("split driver half: more than %d driver mappings; it is dropped instead of being "
                 "left out of the image", GLCR_LOWER_MAX_REGIONS);
        return false;
    }
    return true;
}

static void spin_lock(uint32_t *l)
{
    while (__atomic_exchange_n(l, 1, __ATOMIC_ACQUIRE))
        syscall(SYS_sched_yield);
}

static void spin_unlock(uint32_t *l)
{
    __atomic_store_n(l, 0, __ATOMIC_RELEASE);
}

/* The i-th range the lower half occupies (some may be empty). */
static struct glcr_lower_region lower_range(uint32_t i)
{
    uint32_t objects = shared->object_count, regions = shared->region_count;
    if (i < objects)
        return shared->objects[i];
    i -= objects;
    if (i < regions)
        return shared->regions[i];
    i -= regions;
    switch (i) {
    case 0: return loader_scratch;
    case 1: return (struct glcr_lower_region){(uint64_t)(uintptr_t)main_stack, main_stack ? main_stack_len : 0};
    default: return (struct glcr_lower_region){(uint64_t)(uintptr_t)boot_tls, boot_tls ? 4096 : 0};
    }
}

static bool split_image_part(uint64_t start, uint64_t end, uint64_t *keep_start, uint64_t *keep_end)
{
    spin_lock(&shared->lock);
    uint32_t count = shared->object_count + shared->region_count + 3;
    uint64_t pos = start;
    /* Past every lower range that covers pos (they may touch or overlap one another). */
    for (bool moved = true; moved && pos < end;) {
        moved = false;
        for (uint32_t i = 0; i < count; i++) {
            struct glcr_lower_region r = lower_range(i);
            if (r.length && r.start <= pos && pos < r.start + r.length) {
                pos = r.start + r.length;
                moved = true;
            }
        }
    }
    uint64_t next = end;
    for (uint32_t i = 0; pos < end && i < count; i++) {
        struct glcr_lower_region r = lower_range(i);
        if (r.length && r.start > pos && r.start < next)
            next = r.start;
    }
    spin_unlock(&shared->lock);
    *keep_start = pos;
    *keep_end = next;
    return pos < end;
}

static void split_forget(void)
{
    forget_fs_map();
    /* The shared block is upper-half memory: it came back with the image, stale. The lower
     * half's own ranges, its main stack and boot TLS did not; what lives there now (if
     * anything) is not ours to unmap. */
    if (shared)
        munmap(shared, sizeof *shared);
    shared = NULL;
    main_stack = boot_tls = NULL;
    loader_scratch.length = 0;
}

const struct glcr_lower_ops glcr_lower_split = {
    .name = "split",
    .switches_fs = true,
    .boot = split_boot,
    .egl_proc = split_egl_proc,
    .teardown = split_teardown,
    .mark_out_of_image = split_mark_out_of_image,
    .image_part = split_image_part,
    .forget = split_forget,
};
