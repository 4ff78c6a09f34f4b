#include "state/gate.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/log.h"
#include "gl_dispatch.h"
#include "lower/fsswitch.h"
#include "lower/signals.h"
#include "lower/split.h"
#include "state/context.h"
#include "winsys/egl.h"

atomic_int glcr_gate_closed;
__thread unsigned glcr_gl_depth __attribute__((tls_model("initial-exec")));

/* gate_lock guards the let_go flags of the contexts and the counters below. Lock order:
 * gate_lock, then glcr_registry_lock. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int released_threads;       /* let go by the park signal, not yet taken back */
static atomic_int binding_changes; /* threads inside glXMakeCurrent and the like */
static __thread bool inside_begin_end __attribute__((tls_model("initial-exec")));
static __thread bool released_by_signal __attribute__((tls_model("initial-exec")));

void glcr_binding_change(int delta)
{
    atomic_fetch_add(&binding_changes, delta);
}

/* glBegin/glEnd pairs cannot be interrupted: the driver would lose the primitive. */
void hook_glBegin(GLenum mode)
{
    inside_begin_end = true;
    glcr_driver.Begin(mode);
}

void hook_glEnd(void)
{
    glcr_driver.End();
    inside_begin_end = false;
}

/* Marks the calling thread's context let go (its driver binding already dropped). Caller
 * holds gate_lock. */
static void let_go_locked(struct glcr_context *ctx)
{
    ctx->let_go = true;
    pthread_cond_broadcast(&gate_cond);
}

/* Takes the calling thread's context back in the driver after the gate opened. */
static void take_back(struct glcr_context *ctx)
{
    if (ctx && !glcr_egl_make_current(ctx->egl))
        log_error("context %u: cannot be made current again after the checkpoint", ctx->id);
}

/* A thread entering GL while the gate is not open: while a checkpoint is prepared it lets go
 * of its context (so the agent can use and then drop it) and waits until the driver is back;
 * after one, a thread the park signal released takes its context back. */
void glcr_gate_wait(void)
{
    if (inside_begin_end)
        return; /* let it reach a point where the state is complete */
    if (atomic_load(&glcr_gate_closed) != GLCR_GATE_CLOSED && !released_by_signal)
        return;
    struct glcr_context *ctx = glcr_self.ctx;
    pthread_mutex_lock(&gate_lock);
    if (atomic_load(&glcr_gate_closed) == GLCR_GATE_CLOSED && ctx && !ctx->let_go) {
        glcr_egl_make_current(EGL_NO_CONTEXT);
        let_go_locked(ctx);
    }
    while (atomic_load(&glcr_gate_closed) == GLCR_GATE_CLOSED)
        pthread_cond_wait(&gate_cond, &gate_lock);
    if (ctx)
        ctx->let_go = false;
    if (released_by_signal) {
        released_by_signal = false;
        int closed = GLCR_GATE_REBIND;
        if (--released_threads == 0)
            atomic_compare_exchange_strong(&glcr_gate_closed, &closed, GLCR_GATE_OPEN);
    }
    pthread_mutex_unlock(&gate_lock);
    take_back(ctx);
}

/* The park signal: a thread outside GL lets go of its context and goes on with what it was
 * doing (its event loop sees EINTR, as from any signal). It runs no app code and takes only
 * gate_lock, which no thread holds outside GL, and the driver's own locks, which the
 * interrupted thread cannot hold outside GL. */
__attribute__((no_stack_protector)) static void on_park_signal(int sig, siginfo_t *info, void *uc)
{
    (void)sig;
    (void)info;
    (void)uc;
    /* With a lower TCB as FS base the thread is inside the driver: inside GL. Nothing of
     * the app's TLS may be touched before this test. */
    if (glcr_lower_upper_fs_of(glcr_fs_get()))
        return;
    struct glcr_context *ctx = glcr_self.ctx;
    if (glcr_gl_depth || inside_begin_end || !ctx || released_by_signal ||
        atomic_load(&glcr_gate_closed) != GLCR_GATE_CLOSED)
        return;
    int saved_errno = errno;
    glcr_gl_depth++;
    pthread_mutex_lock(&gate_lock);
    if (!ctx->let_go && glcr_egl_make_current(EGL_NO_CONTEXT)) {
        released_by_signal = true;
        released_threads++;
        let_go_locked(ctx);
        int open = GLCR_GATE_OPEN; /* the checkpoint gave up meanwhile: rebind at the next call */
        atomic_compare_exchange_strong(&glcr_gate_closed, &open, GLCR_GATE_REBIND);
    }
    pthread_mutex_unlock(&gate_lock);
    glcr_gl_depth--;
    errno = saved_errno;
}

int glcr_gate_park_signal(void)
{
    static int sig;
    if (!sig) {
        const char *env = getenv("GLCR_PARK_SIGNAL");
        int n = env ? atoi(env) : 0;
        sig = n >= SIGRTMIN && n <= SIGRTMAX ? n : SIGRTMAX - 3;
    }
    return sig;
}

/* Installs the park handler unless the app handles that signal itself: "" or why not. */
static const char *arm_park_signal(void)
{
    int sig = glcr_gate_park_signal();
    struct sigaction now;
    if (glcr_libc_sigaction(sig, NULL, &now) != 0)
        return "its handler cannot be read";
    if ((now.sa_flags & SA_SIGINFO) && now.sa_sigaction == on_park_signal)
        return "";
    if (glcr_app_handles_signal(sig))
        return "the app handles that signal itself (set GLCR_PARK_SIGNAL to a free one)";
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_sigaction = on_park_signal;
    act.sa_flags = SA_SIGINFO | SA_RESTART;
    sigfillset(&act.sa_mask);
    return glcr_libc_sigaction(sig, &act, NULL) == 0 ? "" : "its handler cannot be installed";
}

/* Sends the park signal to every app thread that holds a context and has not let go of it.
 * Caller holds gate_lock and glcr_registry_lock. */
static void signal_holders(void)
{
    for (struct glcr_context *c = glcr_contexts; c; c = c->next)
        if (c->bound_tid && !c->let_go)
            syscall(SYS_tgkill, getpid(), c->bound_tid, glcr_gate_park_signal());
}

/* Whether thread tid blocks signal sig, read from /proc (for the error message). The app may
 * live in a PID namespace whose /proc is not mounted: the thread is found by the last field
 * of NSpid (its id in the app's own namespace). */
static bool thread_blocks(pid_t tid, int sig)
{
    DIR *tasks = opendir("/proc/self/task");
    unsigned long long mask = 0;
    bool found = false;
    for (struct dirent *e; tasks && !found && (e = readdir(tasks));) {
        char path[300], line[256];
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        FILE *f = e->d_name[0] == '.' ? NULL : fopen(path, "re");
        unsigned long long blocked = 0;
        long nspid = -1;
        while (f && fgets(line, sizeof line, f)) {
            if (!strncmp(line, "NSpid:", 6)) {
                char *last = strrchr(line, '\t');
                nspid = last ? atol(last + 1) : -1;
            }
            sscanf(line, "SigBlk: %llx", &blocked);
        }
        if (f)
            fclose(f);
        if (nspid == tid) {
            found = true;
            mask = blocked;
        }
    }
    if (tasks)
        closedir(tasks);
    return mask & (1ull << (sig - 1));
}

/* The first context still held, described for the user. Caller holds both locks. */
static void describe_holder(const char *why_no_signal, double timeout_ms, char *err, size_t err_len)
{
    struct glcr_context *c = glcr_contexts;
    while (c && !(c->bound_tid && !c->let_go))
        c = c->next;
    int sig = glcr_gate_park_signal();
    const char *why = why_no_signal;
    if (!*why && c)
        why = syscall(SYS_tgkill, getpid(), c->bound_tid, 0) != 0 ? "the thread has ended without releasing it"
              : thread_blocks(c->bound_tid, sig) ? "the thread blocks the park signal"
                                                  : "the thread is inside a GL call that has not returned";
    if (c)
        snprintf(err, err_len, "thread %d holds GL context %u and did not let go of it within %.0f s (%s, "
                 "signal %d); set GLCR_QUIESCE_TIMEOUT to wait longer", (int)c->bound_tid, c->id,
                 timeout_ms / 1000.0, *why ? why : "unknown", sig);
    else
        snprintf(err, err_len, "a thread stayed inside glXMakeCurrent for %.0f s; set "
                 "GLCR_QUIESCE_TIMEOUT to wait longer", timeout_ms / 1000.0);
}

static bool all_let_go(void)
{
    for (struct glcr_context *c = glcr_contexts; c; c = c->next)
        if (c->bound_tid && !c->let_go)
            return false;
    return atomic_load(&binding_changes) == 0;
}

void glcr_gate_open(void)
{
    pthread_mutex_lock(&gate_lock);
    atomic_store(&glcr_gate_closed, released_threads ? GLCR_GATE_REBIND : GLCR_GATE_OPEN);
    pthread_cond_broadcast(&gate_cond);
    pthread_mutex_unlock(&gate_lock);
}

bool glcr_gate_quiesce(char *err, size_t err_len)
{
    const char *env = getenv("GLCR_QUIESCE_TIMEOUT");
    double timeout_ms = (env && atof(env) > 0 ? atof(env) : 10.0) * 1000.0;
    double start = glcr_now_ms(), signalled = 0;
    /* Threads that call GL park by themselves within microseconds; only those that do not
     * get the signal, and again every 20 ms while they are inside a long GL call. */
    const double first_signal_ms = 10, signal_every_ms = 20;
    const char *why_no_signal = NULL;
    pthread_mutex_lock(&gate_lock);
    atomic_store(&glcr_gate_closed, GLCR_GATE_CLOSED);
    for (;;) {
        pthread_mutex_lock(&glcr_registry_lock);
        bool done = all_let_go();
        double now = glcr_now_ms();
        if (!done && now - start >= first_signal_ms && now - signalled >= signal_every_ms) {
            if (!why_no_signal)
                why_no_signal = arm_park_signal();
            if (!*why_no_signal)
                signal_holders();
            signalled = now;
        }
        if (!done && now - start > timeout_ms) {
            describe_holder(why_no_signal ? why_no_signal : "", timeout_ms, err, err_len);
            pthread_mutex_unlock(&glcr_registry_lock);
            pthread_mutex_unlock(&gate_lock);
            glcr_gate_open();
            return false;
        }
        pthread_mutex_unlock(&glcr_registry_lock);
        if (done)
            break;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 2 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&gate_cond, &gate_lock, &ts);
    }
    if (released_threads)
        log_info("quiesce: %d thread(s) busy outside GL let go of their context on signal %d",
                 released_threads, glcr_gate_park_signal());
    pthread_mutex_unlock(&gate_lock);
    return true;
}

void glcr_gate_park_self(void)
{
    struct glcr_context *ctx = glcr_self.ctx;
    if (!ctx)
        return;
    glcr_egl_make_current(EGL_NO_CONTEXT);
    pthread_mutex_lock(&gate_lock);
    let_go_locked(ctx);
    pthread_mutex_unlock(&gate_lock);
}

void glcr_gate_unpark_self(void)
{
    struct glcr_context *ctx = glcr_self.ctx;
    if (!ctx)
        return;
    pthread_mutex_lock(&gate_lock);
    ctx->let_go = false;
    pthread_mutex_unlock(&gate_lock);
    take_back(ctx);
}
