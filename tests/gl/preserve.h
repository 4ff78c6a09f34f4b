/* ZDTM-style GL preserve tests: each program sets up one category of GL state, goes
 * through pt_checkpoint() — a driver reload, or a real checkpoint and restore — and then
 * proves the state is still there, by glGet queries and by rendering, printing one line
 * per fact. run_preserve.py runs each program without a reload, with a reload
 * (GLCR_RELOAD_EVERY=1: the swap in pt_checkpoint reloads the driver) and through CRIU
 * (checkpoint --kill + restore while the program waits in pt_checkpoint), and requires the
 * three outputs to be identical.
 *
 * Usage:  int main(int argc, char **argv) {
 *             pt_init(argc, argv, PT_COMPAT);      (or PT_CORE for a 4.5 core context)
 *             ... set up state ...
 *             pt_checkpoint();
 *             pt_int("GL_FOO", value); pt_frame("after draw"); ...
 *             return pt_done();
 *         }
 *
 * Header-only on purpose: every test is one small C file. */
#ifndef GLCR_TESTS_GL_PRESERVE_H
#define GLCR_TESTS_GL_PRESERVE_H

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>
#include <X11/Xlib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum pt_profile { PT_COMPAT, PT_CORE };

#define PT_W 64
#define PT_H 64

struct pt_state {
    Display *dpy;
    Window win;
    GLXContext ctx;
    const char *name;
};

static struct pt_state pt;

static inline void pt_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", pt.name ? pt.name : "preserve");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static inline void pt_check_error(const char *where)
{
    GLenum e = glGetError();
    if (e != GL_NO_ERROR)
        pt_fail("GL error 0x%x %s", e, where);
}

/* A mapped PT_W x PT_H window at (x, 0) for the first config matching attribs. */
static inline Window pt_window(const int *attribs, int x, GLXFBConfig *config)
{
    int n = 0;
    GLXFBConfig *configs = glXChooseFBConfig(pt.dpy, DefaultScreen(pt.dpy), attribs, &n);
    if (!configs || n == 0)
        pt_fail("no GLX config matches the attributes the test asks for");
    XVisualInfo *vi = glXGetVisualFromFBConfig(pt.dpy, configs[0]);
    XSetWindowAttributes swa = {.colormap = XCreateColormap(pt.dpy, RootWindow(pt.dpy, vi->screen), vi->visual, AllocNone),
                                .border_pixel = 0};
    Window win = XCreateWindow(pt.dpy, RootWindow(pt.dpy, vi->screen), x, 0, PT_W, PT_H, 0, vi->depth, InputOutput,
                               vi->visual, CWColormap | CWBorderPixel, &swa);
    XMapWindow(pt.dpy, win);
    *config = configs[0];
    XFree(configs);
    XFree(vi);
    return win;
}

static inline void pt_init(int argc, char **argv, enum pt_profile profile)
{
    (void)argc;
    pt.name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    pt.dpy = XOpenDisplay(NULL);
    if (!pt.dpy)
        pt_fail("cannot open the X display");
    int attribs[] = {GLX_X_RENDERABLE, True, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT,
                     GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8, GLX_ALPHA_SIZE, 8,
                     GLX_DEPTH_SIZE, 24, GLX_STENCIL_SIZE, 8, GLX_DOUBLEBUFFER, True, None};
    GLXFBConfig config;
    pt.win = pt_window(attribs, 0, &config);
    if (profile == PT_CORE) {
        PFNGLXCREATECONTEXTATTRIBSARBPROC create = (PFNGLXCREATECONTEXTATTRIBSARBPROC)glXGetProcAddressARB(
            (const GLubyte *)"glXCreateContextAttribsARB");
        int ca[] = {GLX_CONTEXT_MAJOR_VERSION_ARB, 4, GLX_CONTEXT_MINOR_VERSION_ARB, 5,
                    GLX_CONTEXT_PROFILE_MASK_ARB, GLX_CONTEXT_CORE_PROFILE_BIT_ARB, None};
        pt.ctx = create ? create(pt.dpy, config, NULL, True, ca) : NULL;
    } else {
        pt.ctx = glXCreateNewContext(pt.dpy, config, GLX_RGBA_TYPE, NULL, True);
    }
    if (!pt.ctx || !glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot create a %s context", profile == PT_CORE ? "4.5 core" : "compatibility");
    glViewport(0, 0, PT_W, PT_H);
    pt_check_error("after context creation");
}

/* The point where the state must survive: a swap (GLCR_RELOAD_EVERY=1 reloads the driver
 * there), then, when PT_RESUME_FILE is set, a pause in which a checkpointer takes and
 * restores the process. The wait keeps making a trivial GL call so that glcr can quiesce. */
static inline void pt_checkpoint(void)
{
    pt_check_error("before the checkpoint");
    glXSwapBuffers(pt.dpy, pt.win);
    const char *resume = getenv("PT_RESUME_FILE");
    if (resume) {
        printf("checkpoint-here\n");
        fflush(stdout);
        while (access(resume, F_OK) != 0) {
            glGetError();
            struct timespec ts = {0, 10 * 1000 * 1000};
            nanosleep(&ts, NULL);
        }
    }
    pt_check_error("after the checkpoint");
}

static inline void pt_int(const char *what, long long v)
{
    printf("%s %lld\n", what, v);
}

static inline void pt_float(const char *what, double v)
{
    printf("%s %.9g\n", what, v);
}

static inline void pt_floats(const char *what, const GLfloat *v, int n)
{
    printf("%s", what);
    for (int i = 0; i < n; i++)
        printf(" %.9g", v[i]);
    printf("\n");
}

static inline uint64_t pt_fnv(const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ULL;
    return h;
}

static inline void pt_bytes(const char *what, const void *data, size_t n)
{
    printf("%s %016" PRIx64 "\n", what, pt_fnv(data, n));
}

/* Hash of what the default framebuffer holds now (the back buffer). */
static inline void pt_frame(const char *what)
{
    static unsigned char pixels[PT_W * PT_H * 4];
    glFinish();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    pt_check_error(what);
    pt_bytes(what, pixels, sizeof pixels);
}

static inline int pt_done(void)
{
    pt_check_error("at the end");
    printf("done\n");
    fflush(stdout);
    glXMakeCurrent(pt.dpy, None, NULL);
    glXDestroyContext(pt.dpy, pt.ctx);
    XCloseDisplay(pt.dpy);
    return 0;
}

#endif
