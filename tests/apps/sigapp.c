/* Signals and driver callbacks meet the app's thread-local storage.
 *
 * A helper thread sends SIGUSR1 to the rendering thread thousands of times while it makes
 * GL calls, so signals land while the thread runs driver code. The handler increments a
 * __thread counter and checks a __thread canary: if it ran on the driver's TLS, the counts
 * disagree or the canary is wrong. The GL debug callback is exercised the same way with
 * glDebugMessageInsert: it must run on the app's TLS and receive the app's user pointer.
 *
 * Prints "ok signals=N callbacks=M" and exits 0, or one line saying what went wrong. */
#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>
#include <X11/Xlib.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CANARY 0x5eed5eedu

static __thread unsigned tls_canary = CANARY;
static __thread unsigned long tls_signals, tls_callbacks;
static atomic_ulong handled, sent;
static atomic_int bad_canary, done;
static pthread_t render_thread;
static int user_token;

static void on_signal(int sig)
{
    (void)sig;
    if (tls_canary != CANARY)
        atomic_store(&bad_canary, 1);
    tls_signals++;
    atomic_fetch_add(&handled, 1);
}

static void GLAPIENTRY on_debug(GLenum source, GLenum type, GLuint id, GLenum severity, GLsizei length,
                                const GLchar *message, const void *user)
{
    (void)source; (void)type; (void)severity; (void)length; (void)message;
    if (tls_canary != CANARY || user != &user_token || id != 42)
        atomic_store(&bad_canary, 2);
    tls_callbacks++;
}

static void *pester(void *arg)
{
    (void)arg;
    while (!atomic_load(&done)) {
        pthread_kill(render_thread, SIGUSR1);
        atomic_fetch_add(&sent, 1);
        usleep(200);
    }
    return NULL;
}

static int fail(const char *what)
{
    fprintf(stderr, "sigapp: %s\n", what);
    return 1;
}

int main(int argc, char **argv)
{
    int frames = argc > 1 ? atoi(argv[1]) : 200;
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy)
        return fail("cannot open the X display");
    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, None};
    XVisualInfo *vi = glXChooseVisual(dpy, DefaultScreen(dpy), attribs);
    if (!vi)
        return fail("no visual");
    XSetWindowAttributes swa = {.colormap = XCreateColormap(dpy, RootWindow(dpy, vi->screen), vi->visual, AllocNone)};
    Window win = XCreateWindow(dpy, RootWindow(dpy, vi->screen), 0, 0, 64, 64, 0, vi->depth, InputOutput,
                               vi->visual, CWColormap, &swa);
    XMapWindow(dpy, win);
    GLXContext ctx = glXCreateContext(dpy, vi, NULL, True);
    if (!ctx || !glXMakeCurrent(dpy, win, ctx))
        return fail("cannot create a GL context");
    glEnable(GL_DEBUG_OUTPUT);
    glEnable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
    glDebugMessageCallback(on_debug, &user_token);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    struct sigaction back;
    sigaction(SIGUSR1, NULL, &back);
    if (back.sa_handler != on_signal)
        return fail("sigaction does not report the handler the app installed");

    render_thread = pthread_self();
    pthread_t t;
    pthread_create(&t, NULL, pester, NULL);
    unsigned long inserted = 0;
    for (int f = 0; f < frames; f++) {
        /* Many cheap calls: most of the time is spent in the driver. */
        for (int i = 0; i < 2000; i++)
            glColor4f((float)i / 2000.0f, 0.5f, 0.25f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        glDebugMessageInsert(GL_DEBUG_SOURCE_APPLICATION, GL_DEBUG_TYPE_MARKER, 42,
                             GL_DEBUG_SEVERITY_NOTIFICATION, -1, "frame");
        inserted++;
        glXSwapBuffers(dpy, win);
    }
    atomic_store(&done, 1);
    pthread_join(t, NULL);
    /* Let the last signals in flight arrive. */
    usleep(20000);
    GLDEBUGPROC cb = NULL;
    glGetPointerv(GL_DEBUG_CALLBACK_FUNCTION, (void **)&cb);
    if (cb != on_debug)
        return fail("glGetPointerv(GL_DEBUG_CALLBACK_FUNCTION) is not the app's callback");
    if (atomic_load(&bad_canary))
        return fail(atomic_load(&bad_canary) == 1 ? "a signal handler ran on the driver's TLS"
                                                  : "the debug callback ran on the driver's TLS or lost its user pointer");
    if (tls_signals != atomic_load(&handled))
        return fail("signal handlers counted on another thread's TLS");
    if (tls_callbacks != inserted)
        return fail("the debug callback did not run once per inserted message");
    printf("ok signals=%lu callbacks=%lu\n", tls_signals, tls_callbacks);
    glXMakeCurrent(dpy, None, NULL);
    glXDestroyContext(dpy, ctx);
    XCloseDisplay(dpy);
    return 0;
}
