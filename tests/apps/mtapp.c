/* mtapp: a multithreaded deterministic OpenGL test app for glcr.
 *
 * A plain X11 + GLX 1.x program that knows nothing about glcr. It calls XInitThreads() and
 * starts --threads N render threads on one shared Display. Each thread has its own window and
 * its own legacy GLX context (no share list), created and made current on that thread, and
 * renders --frames frames. Frame K of thread T is a pure function of T, K and the GL state the
 * thread accumulated so far: a display list (which also carries matrix operations and
 * materials), fixed-function lighting with an eye-space light, a two-level modelview stack,
 * a checker texture with non-default parameters, and a texture that receives the previous
 * frame through glCopyTexSubImage2D (so lost texture contents show in every later frame).
 * Each thread prints 'thread T frame K HASH' (FNV-1a 64 of glReadPixels) per frame; after all
 * threads finished the app prints 'done' and exits 0.
 *
 * The threads create their contexts at the same time (their first GLX calls race, as in
 * real apps; --serial-setup takes turns instead) and render at the same time (a barrier
 * releases them together after setup), so a driver reload or checkpoint has to park several
 * threads with different current contexts.
 *
 * Only features glcr restores today are used: no shaders, FBOs, VAOs or samplers. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <GL/gl.h>
#include <GL/glx.h>

#define PROG "mtapp"

#define DEFAULT_THREADS 2UL
#define MAX_THREADS 16UL
#define DEFAULT_FRAMES 60UL
#define MAX_FRAMES 100000000UL
#define DEFAULT_SIZE 128UL
#define MIN_SIZE 32UL
#define MAX_SIZE 1024UL
#define MAX_DELAY_MS 3600000UL

#define CHECKER_SIZE 32
#define FEEDBACK_SIZE 32

struct options {
    unsigned long threads, frames, delay_ms, idle_ms, width, height;
    bool serial_setup;
};

struct render_thread {
    unsigned id;
    pthread_t thread;
    Window win;
    GLXContext ctx;
    GLuint prism_list, checker_tex, feedback_tex;
    unsigned char *pixels;
};

static struct options opt;
static Display *dpy;
static XVisualInfo *visual;
static pthread_barrier_t start_barrier;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t setup_lock = PTHREAD_MUTEX_INITIALIZER;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " PROG " [--threads N] [--frames N] [--delay-ms D] [--idle-ms D] [--size WxH]\n"
            "             [--serial-setup]\n"
            "\n"
            "Starts N render threads (default %lu, at most %lu), each with its own window and\n"
            "GLX context, renders deterministic frames and prints 'thread T frame K HASH' per\n"
            "frame, then 'done'.\n"
            "  --threads N    number of render threads\n"
            "  --frames N     frames per thread (default %lu)\n"
            "  --delay-ms D   sleep D milliseconds after each presented frame (default 0)\n"
            "  --idle-ms D    thread 0 only: sleep D milliseconds after each frame, its context\n"
            "                 current (an idle UI thread next to busy render threads)\n"
            "  --size WxH     window size, each side %lu..%lu (default %lux%lu)\n"
            "  --serial-setup threads create their contexts and GL objects one at a time\n"
            "                 (default: all at once)\n"
            "  --help         print this text\n",
            DEFAULT_THREADS, MAX_THREADS, DEFAULT_FRAMES, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE,
            DEFAULT_SIZE);
}

static _Noreturn void usage_error(const char *what, const char *arg)
{
    fprintf(stderr, PROG ": %s '%s' (try --help)\n", what, arg);
    exit(2);
}

static _Noreturn void die(const char *msg)
{
    fprintf(stderr, PROG ": %s\n", msg);
    exit(1);
}

static _Noreturn void die_thread(unsigned id, const char *msg)
{
    fprintf(stderr, PROG ": thread %u: %s\n", id, msg);
    exit(1);
}

/* Strict decimal: strtoul alone would accept signs, spaces and wrap "-1" around. */
static const char *parse_ulong(const char *s, unsigned long min, unsigned long max,
                               unsigned long *out)
{
    if (*s < '0' || *s > '9')
        return NULL;
    errno = 0;
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || v < min || v > max)
        return NULL;
    *out = v;
    return end;
}

static void parse_args(int argc, char **argv)
{
    opt.threads = DEFAULT_THREADS;
    opt.frames = DEFAULT_FRAMES;
    opt.delay_ms = 0;
    opt.idle_ms = 0;
    opt.width = opt.height = DEFAULT_SIZE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        }
        if (!strcmp(a, "--serial-setup")) {
            opt.serial_setup = true;
            continue;
        }
        bool known = !strcmp(a, "--threads") || !strcmp(a, "--frames") ||
                     !strcmp(a, "--delay-ms") || !strcmp(a, "--idle-ms") || !strcmp(a, "--size");
        if (!known)
            usage_error("unknown argument", a);
        if (i + 1 >= argc)
            usage_error("missing value for", a);
        const char *v = argv[++i];
        const char *end;
        if (!strcmp(a, "--threads")) {
            end = parse_ulong(v, 1, MAX_THREADS, &opt.threads);
            if (!end || *end)
                usage_error("--threads wants 1..16, not", v);
        } else if (!strcmp(a, "--frames")) {
            end = parse_ulong(v, 0, MAX_FRAMES, &opt.frames);
            if (!end || *end)
                usage_error("--frames wants a number of frames, not", v);
        } else if (!strcmp(a, "--idle-ms")) {
            end = parse_ulong(v, 0, MAX_DELAY_MS, &opt.idle_ms);
            if (!end || *end)
                usage_error("--idle-ms wants milliseconds, not", v);
        } else if (!strcmp(a, "--delay-ms")) {
            end = parse_ulong(v, 0, MAX_DELAY_MS, &opt.delay_ms);
            if (!end || *end)
                usage_error("--delay-ms wants milliseconds, not", v);
        } else {
            end = parse_ulong(v, MIN_SIZE, MAX_SIZE, &opt.width);
            if (!end || *end != 'x' ||
                !(end = parse_ulong(end + 1, MIN_SIZE, MAX_SIZE, &opt.height)) || *end)
                usage_error("--size wants WxH with each side 32..1024, not", v);
        }
    }
}

static int x_error(Display *d, XErrorEvent *e)
{
    char text[256];
    XGetErrorText(d, e->error_code, text, sizeof text);
    fprintf(stderr, PROG ": X error: %s (request %u.%u)\n", text, e->request_code, e->minor_code);
    exit(1);
}

static void sleep_ms(unsigned long ms)
{
    struct timespec t = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    /* A checkpoint or restore may interrupt the sleep; finish it so the pacing holds. */
    while (nanosleep(&t, &t) == -1 && errno == EINTR)
        ;
}

static void check_gl(unsigned id, const char *when)
{
    GLenum err = glGetError();
    if (err != GL_NO_ERROR) {
        fprintf(stderr, PROG ": thread %u: GL error 0x%04x %s\n", id, (unsigned)err, when);
        exit(1);
    }
}

static uint64_t fnv1a64(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* ---- windows (created by the main thread, before the render threads start) -------------- */

static Bool is_map_notify(Display *d, XEvent *ev, XPointer win)
{
    (void)d;
    return ev->type == MapNotify && ev->xmap.window == *(Window *)win;
}

static Window open_window(unsigned id)
{
    Window root = RootWindow(dpy, visual->screen);
    XSetWindowAttributes swa;
    memset(&swa, 0, sizeof swa);
    swa.colormap = XCreateColormap(dpy, root, visual->visual, AllocNone);
    swa.event_mask = StructureNotifyMask;
    Window win = XCreateWindow(dpy, root, (int)(id * 40), (int)(id * 30), (unsigned)opt.width,
                               (unsigned)opt.height, 0, visual->depth, InputOutput,
                               visual->visual, CWColormap | CWBorderPixel | CWEventMask, &swa);
    if (!win)
        die("cannot create a window");
    char title[32];
    snprintf(title, sizeof title, PROG " %u", id);
    XStoreName(dpy, win, title);
    XSizeHints *hints = XAllocSizeHints();
    if (!hints)
        die("out of memory");
    hints->flags = PMinSize | PMaxSize;
    hints->min_width = hints->max_width = (int)opt.width;
    hints->min_height = hints->max_height = (int)opt.height;
    XSetWMNormalHints(dpy, win, hints);
    XFree(hints);
    XMapWindow(dpy, win);
    XEvent ev;
    XIfEvent(dpy, &ev, is_map_notify, (XPointer)&win);
    return win;
}

/* ---- per-thread GL state ------------------------------------------------------------------ */

/* A prism of 5 + T side faces around the y axis, each face placed by a glRotatef inside the
 * list, with two materials alternating: the list carries geometry, matrix operations and
 * material changes. */
static GLuint compile_prism(unsigned id)
{
    const GLfloat mat_a[4] = {0.9f, 0.3f + 0.1f * (float)(id % 4), 0.2f, 1.0f};
    const GLfloat mat_b[4] = {0.2f, 0.5f, 0.9f - 0.1f * (float)(id % 4), 1.0f};
    static const GLfloat spec[4] = {0.7f, 0.7f, 0.7f, 1.0f};
    unsigned sides = 5 + id % 4;
    GLuint list = glGenLists(1);
    if (!list)
        die_thread(id, "glGenLists failed");
    glNewList(list, GL_COMPILE);
    glMaterialfv(GL_FRONT, GL_SPECULAR, spec);
    glMaterialf(GL_FRONT, GL_SHININESS, 24.0f + 8.0f * (float)id);
    for (unsigned k = 0; k < sides; k++) {
        glMaterialfv(GL_FRONT, GL_AMBIENT_AND_DIFFUSE, k % 2 ? mat_b : mat_a);
        glPushMatrix();
        glRotatef(360.0f * (float)k / (float)sides, 0.0f, 1.0f, 0.0f);
        glBegin(GL_QUADS);
        glNormal3f(0.0f, 0.0f, 1.0f);
        glVertex3f(-0.45f, -0.8f, 0.7f);
        glVertex3f(0.45f, -0.8f, 0.7f);
        glVertex3f(0.45f, 0.8f, 0.7f);
        glVertex3f(-0.45f, 0.8f, 0.7f);
        glEnd();
        glPopMatrix();
    }
    glEndList();
    return list;
}

static GLuint make_checker_texture(unsigned id)
{
    static __thread unsigned char texels[CHECKER_SIZE][CHECKER_SIZE][4];
    int cell = 4 + (int)(id % 3) * 2;
    for (int y = 0; y < CHECKER_SIZE; y++)
        for (int x = 0; x < CHECKER_SIZE; x++) {
            bool light = ((x / cell) + (y / cell)) % 2 == 0;
            texels[y][x][0] = (unsigned char)(x * 8);
            texels[y][x][1] = (unsigned char)(40 * id + (unsigned)y * 4);
            texels[y][x][2] = light ? 220 : 50;
            texels[y][x][3] = 255;
        }
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, CHECKER_SIZE, CHECKER_SIZE, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, texels);
    /* Non-default parameters: a restore that loses them changes the floor (the default
     * mipmap filter would even leave the texture incomplete). */
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_REPEAT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_MIRRORED_REPEAT);
    return tex;
}

static GLuint make_feedback_texture(void)
{
    static __thread unsigned char black[FEEDBACK_SIZE * FEEDBACK_SIZE * 4];
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, FEEDBACK_SIZE, FEEDBACK_SIZE, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, black);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return tex;
}

static void setup_gl(struct render_thread *t)
{
    static const GLfloat light_diffuse[4] = {0.9f, 0.85f, 0.8f, 1.0f};
    static const GLfloat light_specular[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    const GLfloat light_ambient[4] = {0.1f + 0.05f * (float)(t->id % 3), 0.15f, 0.2f, 1.0f};
    const GLfloat light_position[4] = {2.0f - (float)(t->id % 5), 3.0f, 3.0f, 1.0f};
    int w = (int)opt.width, h = (int)opt.height;

    glViewport(0, 0, w, h);
    glClearColor(0.05f * (float)(t->id % 8), 0.1f, 0.2f, 1.0f);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    double aspect = (double)w / (double)h;
    glFrustum(-0.5 * aspect, 0.5 * aspect, -0.5, 0.5, 1.0, 20.0);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glTranslatef(0.0f, 0.0f, -4.5f);
    glRotatef(20.0f + 5.0f * (float)t->id, 1.0f, 0.0f, 0.0f);
    /* Given under the camera matrix, so the driver keeps it in eye space. */
    glLightfv(GL_LIGHT0, GL_AMBIENT, light_ambient);
    glLightfv(GL_LIGHT0, GL_DIFFUSE, light_diffuse);
    glLightfv(GL_LIGHT0, GL_SPECULAR, light_specular);
    glLightfv(GL_LIGHT0, GL_POSITION, light_position);
    /* A second stack level that lives for the whole run. */
    glPushMatrix();
    glScalef(1.0f, 0.9f + 0.05f * (float)(t->id % 3), 1.0f);

    glEnable(GL_LIGHT0);
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_CULL_FACE);
    glEnable(GL_NORMALIZE);
    glShadeModel(GL_FLAT);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_MODULATE);

    t->prism_list = compile_prism(t->id);
    t->checker_tex = make_checker_texture(t->id);
    t->feedback_tex = make_feedback_texture();
    t->pixels = malloc((size_t)w * (size_t)h * 4);
    if (!t->pixels)
        die("out of memory");
    check_gl(t->id, "during setup");
}

static void draw_frame(const struct render_thread *t, unsigned long k)
{
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);

    /* The floor, scrolling by whole 32ths so the texture coordinates stay exact. */
    float s = (float)((k + t->id * 7) % 64) / 32.0f;
    glDisable(GL_LIGHTING);
    glEnable(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, t->checker_tex);
    glColor4f(1.0f, 0.9f, 0.85f, 1.0f);
    glBegin(GL_QUADS);
    glTexCoord2f(s, 0.0f);
    glVertex3f(-2.5f, -1.2f, 2.5f);
    glTexCoord2f(s + 2.0f, 0.0f);
    glVertex3f(2.5f, -1.2f, 2.5f);
    glTexCoord2f(s + 2.0f, 2.0f);
    glVertex3f(2.5f, -1.2f, -2.5f);
    glTexCoord2f(s, 2.0f);
    glVertex3f(-2.5f, -1.2f, -2.5f);
    glEnd();
    glDisable(GL_TEXTURE_2D);

    /* The prism, lit. */
    glEnable(GL_LIGHTING);
    glPushMatrix();
    glRotatef((float)((4 * k + 40 * t->id) % 360), 0.0f, 1.0f, 0.0f);
    glCallList(t->prism_list);
    glPopMatrix();
    glDisable(GL_LIGHTING);

    /* The previous frame's centre, blended into a corner under an ortho projection. */
    glMatrixMode(GL_PROJECTION);
    glPushMatrix();
    glLoadIdentity();
    glOrtho(0.0, 1.0, 0.0, 1.0, -1.0, 1.0);
    glMatrixMode(GL_MODELVIEW);
    glPushMatrix();
    glLoadIdentity();
    glDisable(GL_DEPTH_TEST);
    glEnable(GL_BLEND);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_FALSE);
    glEnable(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, t->feedback_tex);
    glColor4f(1.0f, 1.0f, 1.0f, 0.7f);
    glBegin(GL_QUADS);
    glTexCoord2f(0.0f, 0.0f);
    glVertex2f(0.05f, 0.6f);
    glTexCoord2f(1.0f, 0.0f);
    glVertex2f(0.4f, 0.6f);
    glTexCoord2f(1.0f, 1.0f);
    glVertex2f(0.4f, 0.95f);
    glTexCoord2f(0.0f, 1.0f);
    glVertex2f(0.05f, 0.95f);
    glEnd();
    glDisable(GL_TEXTURE_2D);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDisable(GL_BLEND);
    glEnable(GL_DEPTH_TEST);
    glPopMatrix();
    glMatrixMode(GL_PROJECTION);
    glPopMatrix();
    glMatrixMode(GL_MODELVIEW);

    /* Before the swap, while the back buffer holds this frame. */
    glBindTexture(GL_TEXTURE_2D, t->feedback_tex);
    glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, ((int)opt.width - FEEDBACK_SIZE) / 2,
                        ((int)opt.height - FEEDBACK_SIZE) / 2, FEEDBACK_SIZE, FEEDBACK_SIZE);
}

static void *render_main(void *arg)
{
    struct render_thread *t = arg;
    if (opt.serial_setup)
        pthread_mutex_lock(&setup_lock);
    t->ctx = glXCreateContext(dpy, visual, NULL, True);
    if (!t->ctx)
        die_thread(t->id, "glXCreateContext failed");
    if (!glXMakeCurrent(dpy, t->win, t->ctx))
        die_thread(t->id, "glXMakeCurrent failed");
    setup_gl(t);
    if (opt.serial_setup)
        pthread_mutex_unlock(&setup_lock);
    pthread_barrier_wait(&start_barrier);

    size_t bytes = opt.width * opt.height * 4;
    for (unsigned long k = 1; k <= opt.frames; k++) {
        draw_frame(t, k);
        glFinish();
        glReadPixels(0, 0, (GLsizei)opt.width, (GLsizei)opt.height, GL_RGBA, GL_UNSIGNED_BYTE,
                     t->pixels);
        check_gl(t->id, "while drawing a frame");
        uint64_t hash = fnv1a64(t->pixels, bytes);
        pthread_mutex_lock(&out_lock);
        printf("thread %u frame %lu %016" PRIx64 "\n", t->id, k, hash);
        int flushed = fflush(stdout);
        pthread_mutex_unlock(&out_lock);
        if (flushed != 0)
            die("cannot write to stdout");
        glXSwapBuffers(dpy, t->win);
        if (opt.delay_ms)
            sleep_ms(opt.delay_ms);
        if (opt.idle_ms && t->id == 0)
            sleep_ms(opt.idle_ms);
    }

    glPopMatrix();
    glDeleteLists(t->prism_list, 1);
    glDeleteTextures(1, &t->checker_tex);
    glDeleteTextures(1, &t->feedback_tex);
    check_gl(t->id, "at the end");
    glXMakeCurrent(dpy, None, NULL);
    glXDestroyContext(dpy, t->ctx);
    free(t->pixels);
    return NULL;
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    if (!XInitThreads())
        die("XInitThreads failed");
    const char *name = getenv("DISPLAY");
    dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, PROG ": cannot open X display '%s'\n", name ? name : "(DISPLAY unset)");
        return 1;
    }
    XSetErrorHandler(x_error);
    int error_base, event_base;
    if (!glXQueryExtension(dpy, &error_base, &event_base))
        die("the X server has no GLX extension");
    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8,
                     GLX_BLUE_SIZE, 8, GLX_DEPTH_SIZE, 24, None};
    visual = glXChooseVisual(dpy, DefaultScreen(dpy), attribs);
    if (!visual)
        die("no GLX visual with double-buffered RGB888 and a 24-bit depth buffer");

    struct render_thread threads[MAX_THREADS];
    memset(threads, 0, sizeof threads);
    for (unsigned i = 0; i < opt.threads; i++) {
        threads[i].id = i;
        threads[i].win = open_window(i);
    }
    if (pthread_barrier_init(&start_barrier, NULL, (unsigned)opt.threads) != 0)
        die("pthread_barrier_init failed");
    for (unsigned i = 0; i < opt.threads; i++)
        if (pthread_create(&threads[i].thread, NULL, render_main, &threads[i]) != 0)
            die("cannot start a render thread");
    for (unsigned i = 0; i < opt.threads; i++)
        pthread_join(threads[i].thread, NULL);

    printf("done\n");
    if (fflush(stdout) != 0)
        die("cannot write to stdout");
    for (unsigned i = 0; i < opt.threads; i++)
        XDestroyWindow(dpy, threads[i].win);
    XFree(visual);
    XCloseDisplay(dpy);
    return 0;
}
