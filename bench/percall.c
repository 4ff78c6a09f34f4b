/* percall: the cost of one trivial GL call, with a current GLX context.
 *
 * Calls glColor4f (or glGetError) in a tight loop and prints the nanoseconds per call of each
 * repetition and their median. A plain GLX program: run it as it is for the native cost, and
 * under glcr (bench/run-percall does both, side by side) for the cost of each driver half.
 *
 * Why glColor4f: it is the cheapest useful GL entry point in Mesa that reaches the driver.
 * Outside glBegin/glEnd, Mesa's vbo_exec_Color4f stores four floats into the current vertex
 * attribute and sets a state flag: no lock, no allocation, no system call, no validation that
 * grows with the state. In glcr it has no hook and no wrapper (glcr reads the current colour
 * back at checkpoint time instead of recording it), so glcr_api.Color4f is the driver's
 * function itself (inproc) or the split trampoline around it: the loop measures exactly the
 * crossing into the driver half (the gate load, one indirect call, and for the split the FS
 * base switch there and back). glGetError (--call geterror) goes through a glcr hook in both
 * halves (an error left over from a reload is reported first), so it measures that hook too.
 *
 * The arguments vary with the loop counter so the calls cannot be merged or hoisted.
 *
 * --call pushpop measures a glPushAttrib(GL_LINE_BIT) + glPopAttrib pair: both are glcr hooks
 * that keep the attribute stack levels for a checkpoint (src/state/attribstack.c).
 *
 * --call wrfsbase measures no GL at all: two wrfsbase per iteration (there and back, what a
 * split call does at the least), the floor of the split's added cost on this CPU. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>

#include <X11/Xlib.h>

#include <GL/gl.h>
#include <GL/glx.h>

#define MAX_REPS 101

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static unsigned long parse(const char *s, const char *what)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || !*s || *end || v == 0) {
        fprintf(stderr, "percall: %s wants a positive number, not '%s'\n", what, s);
        exit(2);
    }
    return v;
}

/* noinline: one loop body per call kind, so the compiler keeps the loop as written. */
static __attribute__((noinline)) void loop_color(unsigned long calls)
{
    static const GLfloat level[4] = {0.25f, 0.5f, 0.75f, 1.0f};
    for (unsigned long i = 0; i < calls; i++)
        glColor4f(level[i & 3], 0.5f, level[(i >> 2) & 3], 1.0f);
}

static unsigned geterror_seen;

static __attribute__((noinline)) void loop_geterror(unsigned long calls)
{
    unsigned acc = 0;
    for (unsigned long i = 0; i < calls; i++)
        acc |= glGetError();
    geterror_seen |= acc;
}

static __attribute__((noinline)) void loop_pushpop(unsigned long calls)
{
    for (unsigned long i = 0; i < calls; i++) {
        glPushAttrib(GL_LINE_BIT);
        glPopAttrib();
    }
}

static __attribute__((noinline)) void loop_wrfsbase(unsigned long calls)
{
#if defined(__x86_64__)
    unsigned long base;
    __asm__ volatile("rdfsbase %0" : "=r"(base));
    for (unsigned long i = 0; i < calls; i++) {
        __asm__ volatile("wrfsbase %0" : : "r"(base) : "memory");
        __asm__ volatile("wrfsbase %0" : : "r"(base) : "memory");
    }
#else
    (void)calls;
#endif
}

/* The same repetitions and output for every kind of loop. */
static void measure(void (*loop)(unsigned long), unsigned long calls, unsigned long reps,
                    const char *what)
{
    double ns[MAX_REPS];
    loop(calls / 10 + 1); /* warm-up */
    for (unsigned long r = 0; r < reps; r++) {
        double t0 = now_ns();
        loop(calls);
        ns[r] = (now_ns() - t0) / (double)calls;
        printf("rep %lu %.3f\n", r + 1, ns[r]);
    }
    qsort(ns, reps, sizeof *ns, cmp_double);
    double median = reps % 2 ? ns[reps / 2] : (ns[reps / 2 - 1] + ns[reps / 2]) / 2.0;
    printf("call %s calls %lu reps %lu\n", what, calls, reps);
    printf("median %.3f min %.3f max %.3f\n", median, ns[0], ns[reps - 1]);
}

int main(int argc, char **argv)
{
    unsigned long calls = 20000000, reps = 5;
    const char *call = "color";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--calls") && i + 1 < argc)
            calls = parse(argv[++i], "--calls");
        else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = parse(argv[++i], "--reps");
        else if (!strcmp(argv[i], "--call") && i + 1 < argc)
            call = argv[++i];
        else {
            fprintf(stderr, "usage: percall [--calls N] [--reps R] [--call color|geterror|pushpop|wrfsbase]\n");
            return 2;
        }
    }
    if (reps > MAX_REPS) {
        fprintf(stderr, "percall: at most %d repetitions\n", MAX_REPS);
        return 2;
    }
    if (!strcmp(call, "wrfsbase")) {
#if defined(__x86_64__)
        if (getauxval(AT_HWCAP2) & 2) { /* HWCAP2_FSGSBASE */
            measure(loop_wrfsbase, calls, reps, "2x wrfsbase");
            return 0;
        }
#endif
        fprintf(stderr, "percall: this CPU or kernel does not allow wrfsbase\n");
        return 1;
    }
    if (strcmp(call, "color") && strcmp(call, "geterror") && strcmp(call, "pushpop")) {
        fprintf(stderr, "percall: --call is color, geterror, pushpop or wrfsbase, not '%s'\n", call);
        return 2;
    }

    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "percall: cannot open the X display\n");
        return 1;
    }
    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8,
                     GLX_BLUE_SIZE, 8, None};
    XVisualInfo *vi = glXChooseVisual(dpy, DefaultScreen(dpy), attribs);
    if (!vi) {
        fprintf(stderr, "percall: no RGB888 double-buffered GLX visual\n");
        return 1;
    }
    Window root = RootWindow(dpy, vi->screen);
    XSetWindowAttributes swa;
    memset(&swa, 0, sizeof swa);
    swa.colormap = XCreateColormap(dpy, root, vi->visual, AllocNone);
    Window win = XCreateWindow(dpy, root, 0, 0, 64, 64, 0, vi->depth, InputOutput, vi->visual,
                               CWColormap | CWBorderPixel, &swa);
    XMapWindow(dpy, win);
    GLXContext ctx = glXCreateContext(dpy, vi, NULL, True);
    if (!ctx || !glXMakeCurrent(dpy, win, ctx)) {
        fprintf(stderr, "percall: cannot create and bind a GLX context\n");
        return 1;
    }
    glClear(GL_COLOR_BUFFER_BIT);
    glXSwapBuffers(dpy, win);
    const char *renderer = (const char *)glGetString(GL_RENDERER);
    printf("renderer %s\n", renderer ? renderer : "?");

    /* The warm-up in measure() also resolves glcr's lazy dispatch slot. */
    if (!strcmp(call, "color"))
        measure(loop_color, calls, reps, "glColor4f");
    else if (!strcmp(call, "pushpop"))
        measure(loop_pushpop, calls, reps, "glPushAttrib + glPopAttrib");
    else
        measure(loop_geterror, calls, reps, "glGetError");

    glFinish();
    if (geterror_seen)
        fprintf(stderr, "percall: GL error 0x%04x during the loop\n", geterror_seen);
    glXMakeCurrent(dpy, None, NULL);
    glXDestroyContext(dpy, ctx);
    XDestroyWindow(dpy, win);
    XFreeColormap(dpy, swa.colormap);
    XFree(vi);
    XCloseDisplay(dpy);
    return geterror_seen ? 1 : 0;
}
