/* App signal handlers always run with the app's TLS. A signal can arrive while an app
 * thread executes driver code with a lower TCB as its FS base; the handler would then use
 * the driver's TLS (errno, the app's __thread variables) or crash in libc. glcr therefore
 * installs every handler the app sets through a wrapper that switches the FS base back to
 * the app thread's own for the duration of the handler (the FS base is not part of the
 * signal frame, so it is restored by hand). */
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "intercept/dispatch.h"
#include "lower/fsswitch.h"
#include "lower/signals.h"
#include "lower/split.h"

struct app_handler {
    void (*handler)(int);
    void (*action)(int, siginfo_t *, void *);
    int flags;
};

static struct app_handler handlers[NSIG];
static int (*libc_sigaction)(int, const struct sigaction *, struct sigaction *);

__attribute__((no_stack_protector)) static void run_app_handler(int sig, siginfo_t *info, void *uc)
{
    uint64_t fs = glcr_fs_get();
    uint64_t app_fs = glcr_lower_upper_fs_of(fs);
    if (app_fs)
        glcr_fs_set(app_fs);
    struct app_handler h = handlers[sig];
    if (h.flags & SA_RESETHAND)
        memset(&handlers[sig], 0, sizeof handlers[sig]); /* the kernel reset it to SIG_DFL */
    if (h.flags & SA_SIGINFO)
        h.action(sig, info, uc);
    else if (h.handler)
        h.handler(sig);
    if (app_fs)
        glcr_fs_set(fs);
}

static bool wrappable(int sig, const struct sigaction *act)
{
    if (!act || sig <= 0 || sig >= NSIG)
        return false;
    if (act->sa_flags & SA_SIGINFO)
        return act->sa_sigaction != NULL;
    return act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN && act->sa_handler != SIG_ERR;
}

int glcr_libc_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    if (!libc_sigaction)
        libc_sigaction = (int (*)(int, const struct sigaction *, struct sigaction *))dlsym(RTLD_NEXT, "sigaction");
    return libc_sigaction(sig, act, old);
}

bool glcr_app_handles_signal(int sig)
{
    return sig > 0 && sig < NSIG && (handlers[sig].handler || handlers[sig].action);
}

GLCR_EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    struct app_handler previous = sig > 0 && sig < NSIG ? handlers[sig] : (struct app_handler){0};
    int rc;
    if (wrappable(sig, act)) {
        struct sigaction wrapped = *act;
        wrapped.sa_flags |= SA_SIGINFO;
        wrapped.sa_sigaction = run_app_handler;
        struct app_handler next = {act->sa_handler, act->sa_sigaction, act->sa_flags};
        handlers[sig] = next;
        rc = glcr_libc_sigaction(sig, &wrapped, old);
        if (rc != 0)
            handlers[sig] = previous;
    } else {
        rc = glcr_libc_sigaction(sig, act, old);
        if (rc == 0 && act && sig > 0 && sig < NSIG)
            memset(&handlers[sig], 0, sizeof handlers[sig]);
    }
    /* The app sees its own handler, never the wrapper. */
    if (rc == 0 && old && old->sa_sigaction == run_app_handler) {
        old->sa_flags = previous.flags;
        if (previous.flags & SA_SIGINFO)
            old->sa_sigaction = previous.action;
        else
            old->sa_handler = previous.handler;
    }
    return rc;
}

GLCR_EXPORT sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART; /* glibc's signal() has BSD semantics */
    sigemptyset(&act.sa_mask);
    sigaddset(&act.sa_mask, sig);
    if (sigaction(sig, &act, &old) != 0)
        return SIG_ERR;
    return old.sa_handler;
}
