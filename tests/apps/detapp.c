/* detapp: the deterministic OpenGL test app for glcr.
 *
 * A plain X11 + GLX 1.x compatibility-profile program that knows nothing about glcr. Frame N
 * is a pure function of N and the GL state accumulated so far, and the app prints a hash of
 * every frame, so a run that was checkpointed and restored can be compared line by line with
 * an uninterrupted one. The scene deliberately leans on the kinds of state glcr has to carry
 * across a restore: a display list, fixed-function lighting with an eye-space light position,
 * a two-level modelview stack, texture objects and their parameters, a buffer object bound to
 * the vertex array, and a texture whose contents are the previous frame (so a frame depends
 * on every frame before it, and lost texture contents show up in every later hash).
 *
 * Only features glcr restores today are used: no shaders, FBOs, VAOs or samplers. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>

#define PROG "detapp"

#define DEFAULT_FRAMES 300UL
#define DEFAULT_SIZE 256UL
#define MIN_SIZE 16UL
#define MAX_SIZE 4096UL
#define MAX_FRAMES 100000000UL
#define MAX_DELAY_MS 3600000UL

#define CHECKER_SIZE 64
#define FEEDBACK_MAX 128
#define RING_TEETH 12

struct options {
    unsigned long frames;
    unsigned long delay_ms;
    unsigned long idle_ms;
    unsigned long width, height;
    const char *start_file;
    const char *end_file;
    bool shader; /* also create a shader object: state glcr cannot restore yet */
    bool block_rt_signals;
};

struct app {
    Display *dpy;
    XVisualInfo *vi;
    Colormap cmap;
    Window win;
    GLXContext ctx;
    int width, height;

    GLuint gem_list;
    GLuint checker_tex;
    GLuint feedback_tex;
    GLuint ring_buffer;
    GLsizei ring_vertices;

    /* The centred square of the window that each frame copies into feedback_tex. */
    int feedback_size, copy_x, copy_y;

    unsigned char *pixels;
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " PROG " [--frames N] [--delay-ms D] [--idle-ms D] [--size WxH] [--start-file PATH] [--shader]\n"
            "              [--end-file PATH] [--block-rt-signals]\n"
            "\n"
            "Renders N deterministic OpenGL frames (default %lu) into a WxH window (default\n"
            "%lux%lu) on $DISPLAY and prints 'frame N HASH' per frame, then 'done'.\n"
            "  --frames N         number of frames to render\n"
            "  --delay-ms D       sleep D milliseconds after each presented frame (default 0)\n"
            "  --idle-ms D        after each frame, wait D milliseconds in an X event loop (poll on\n"
            "                     the connection), with the context current, like an idle GUI\n"
            "  --size WxH         window size, each side %lu..%lu\n"
            "  --start-file PATH  after setup, wait until PATH exists before frame 1\n"
            "  --end-file PATH    after 'done', keep the window open (X event loop, last frame\n"
            "                     shown) until PATH exists\n"
            "  --shader           also create a (unused) shader object\n"
            "  --block-rt-signals block the real-time signals (SIGRTMIN..SIGRTMAX) in the thread\n"
            "  --help             print this text\n",
            DEFAULT_FRAMES, DEFAULT_SIZE, DEFAULT_SIZE, MIN_SIZE, MAX_SIZE);
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

static void parse_args(int argc, char **argv, struct options *o)
{
    o->frames = DEFAULT_FRAMES;
    o->delay_ms = 0;
    o->idle_ms = 0;
    o->width = o->height = DEFAULT_SIZE;
    o->start_file = o->end_file = NULL;
    o->shader = false;
    o->block_rt_signals = false;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(0);
        }
        if (!strcmp(a, "--shader")) {
            o->shader = true;
            continue;
        }
        if (!strcmp(a, "--block-rt-signals")) {
            o->block_rt_signals = true;
            continue;
        }
        bool known = !strcmp(a, "--frames") || !strcmp(a, "--delay-ms") || !strcmp(a, "--idle-ms") ||
                     !strcmp(a, "--size") || !strcmp(a, "--start-file") || !strcmp(a, "--end-file");
        if (!known)
            usage_error("unknown argument", a);
        if (i + 1 >= argc)
            usage_error("missing value for", a);
        const char *v = argv[++i];
        const char *end;
        if (!strcmp(a, "--frames")) {
            end = parse_ulong(v, 0, MAX_FRAMES, &o->frames);
            if (!end || *end)
                usage_error("--frames wants a number of frames, not", v);
        } else if (!strcmp(a, "--idle-ms")) {
            end = parse_ulong(v, 0, MAX_DELAY_MS, &o->idle_ms);
            if (!end || *end)
                usage_error("--idle-ms wants milliseconds, not", v);
        } else if (!strcmp(a, "--delay-ms")) {
            end = parse_ulong(v, 0, MAX_DELAY_MS, &o->delay_ms);
            if (!end || *end)
                usage_error("--delay-ms wants milliseconds, not", v);
        } else if (!strcmp(a, "--size")) {
            end = parse_ulong(v, MIN_SIZE, MAX_SIZE, &o->width);
            if (!end || *end != 'x' || !(end = parse_ulong(end + 1, MIN_SIZE, MAX_SIZE, &o->height)) ||
                *end)
                usage_error("--size wants WxH with each side 16..4096, not", v);
        } else {
            if (!*v)
                usage_error("an empty path for", a);
            *(!strcmp(a, "--start-file") ? &o->start_file : &o->end_file) = v;
        }
    }
}

/* Xlib's default handler prints several lines; tests want one. */
static int x_error(Display *dpy, XErrorEvent *e)
{
    char text[256];
    XGetErrorText(dpy, e->error_code, text, sizeof text);
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

/* The run length is fixed by --frames so every run prints the same lines; window events,
 * WM_DELETE_WINDOW included, are drained only so the X queue does not grow. */
static void drain_events(Display *dpy)
{
    while (XPending(dpy)) {
        XEvent ev;
        XNextEvent(dpy, &ev);
    }
}

static double monotonic_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* What a GUI toolkit does between frames: block in poll() on the X connection and handle
 * events as they come, holding the GL context all the while. A signal (a checkpoint) makes
 * poll return EINTR; the loop goes on until the time is up. */
static void idle_in_event_loop(Display *dpy, unsigned long ms)
{
    double deadline = monotonic_ms() + (double)ms;
    for (double now = monotonic_ms(); now < deadline; now = monotonic_ms()) {
        struct pollfd p = {.fd = ConnectionNumber(dpy), .events = POLLIN};
        int rc = poll(&p, 1, (int)(deadline - now) + 1);
        if (rc < 0 && errno != EINTR)
            die("poll on the X connection failed");
        drain_events(dpy);
    }
}

static void check_gl(const char *when)
{
    GLenum err = glGetError();
    if (err != GL_NO_ERROR) {
        fprintf(stderr, PROG ": GL error 0x%04x %s\n", (unsigned)err, when);
        exit(1);
    }
}

static void open_window(struct app *a, const struct options *o)
{
    const char *name = getenv("DISPLAY");
    a->dpy = XOpenDisplay(NULL);
    if (!a->dpy) {
        fprintf(stderr, PROG ": cannot open X display '%s'\n", name ? name : "(DISPLAY unset)");
        exit(1);
    }
    XSetErrorHandler(x_error);

    int error_base, event_base;
    if (!glXQueryExtension(a->dpy, &error_base, &event_base))
        die("the X server has no GLX extension");

    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8,
                     GLX_BLUE_SIZE, 8, GLX_DEPTH_SIZE, 24, None};
    int screen = DefaultScreen(a->dpy);
    a->vi = glXChooseVisual(a->dpy, screen, attribs);
    if (!a->vi)
        die("no GLX visual with double-buffered RGB888 and a 24-bit depth buffer");

    Window root = RootWindow(a->dpy, screen);
    a->cmap = XCreateColormap(a->dpy, root, a->vi->visual, AllocNone);
    XSetWindowAttributes swa;
    memset(&swa, 0, sizeof swa);
    swa.colormap = a->cmap;
    swa.border_pixel = 0;
    swa.event_mask = StructureNotifyMask | ExposureMask;
    a->width = (int)o->width;
    a->height = (int)o->height;
    a->win = XCreateWindow(a->dpy, root, 0, 0, (unsigned)a->width, (unsigned)a->height, 0,
                           a->vi->depth, InputOutput, a->vi->visual,
                           CWColormap | CWBorderPixel | CWEventMask, &swa);
    if (!a->win)
        die("cannot create the window");
    XStoreName(a->dpy, a->win, PROG);

    /* Pixels are hashed, so a window manager must not resize the window. */
    XSizeHints *hints = XAllocSizeHints();
    if (!hints)
        die("out of memory");
    hints->flags = PMinSize | PMaxSize;
    hints->min_width = hints->max_width = a->width;
    hints->min_height = hints->max_height = a->height;
    XSetWMNormalHints(a->dpy, a->win, hints);
    XFree(hints);

    Atom wm_delete = XInternAtom(a->dpy, "WM_DELETE_WINDOW", False);
    XSetWMProtocols(a->dpy, a->win, &wm_delete, 1);

    XMapWindow(a->dpy, a->win);
    for (;;) {
        XEvent ev;
        XNextEvent(a->dpy, &ev);
        if (ev.type == MapNotify && ev.xmap.window == a->win)
            break;
    }

    a->ctx = glXCreateContext(a->dpy, a->vi, NULL, True);
    if (!a->ctx)
        die("glXCreateContext failed");
    if (!glXMakeCurrent(a->dpy, a->win, a->ctx))
        die("glXMakeCurrent failed");
}

/* ---- the gem: a faceted object compiled into a display list ----------------------------- */

struct vec3 {
    float x, y, z;
};

static struct vec3 sub(struct vec3 a, struct vec3 b)
{
    return (struct vec3){a.x - b.x, a.y - b.y, a.z - b.z};
}

static struct vec3 cross(struct vec3 a, struct vec3 b)
{
    return (struct vec3){a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

static float dot(struct vec3 a, struct vec3 b)
{
    return a.x * b.x + a.y * b.y + a.z * b.z;
}

/* cos and sin of k * 45 degrees, as constants so no libm result enters the pixels. */
static const float cos45[8] = {1.0f, 0.70710678f, 0.0f, -0.70710678f,
                               -1.0f, -0.70710678f, 0.0f, 0.70710678f};
#define SIN45(k) cos45[((k) + 6) % 8]

/* Emits one convex face wound counter-clockwise seen from outside, as a triangle fan
 * inside an open glBegin(GL_TRIANGLES). The normal is left unnormalized: GL_NORMALIZE
 * rescales it, as it must anyway under the non-uniform scale of the scene matrix. */
static void emit_face(const struct vec3 *v, int n)
{
    struct vec3 normal = cross(sub(v[1], v[0]), sub(v[2], v[0]));
    struct vec3 centre = {0, 0, 0};
    for (int i = 0; i < n; i++) {
        centre.x += v[i].x;
        centre.y += v[i].y;
        centre.z += v[i].z;
    }
    /* The gem is convex around the origin: a normal pointing inward means the face was
     * listed clockwise. */
    bool flip = dot(normal, centre) < 0.0f;
    if (flip)
        normal = (struct vec3){-normal.x, -normal.y, -normal.z};
    glNormal3f(normal.x, normal.y, normal.z);
    for (int i = 1; i + 1 < n; i++) {
        int b = flip ? i + 1 : i, c = flip ? i : i + 1;
        glVertex3f(v[0].x, v[0].y, v[0].z);
        glVertex3f(v[b].x, v[b].y, v[b].z);
        glVertex3f(v[c].x, v[c].y, v[c].z);
    }
}

/* A brilliant-cut-like gem: octagonal table, 8 crown facets, 8 pavilion facets. Facets
 * alternate between two materials so the list also carries material changes. */
static void emit_gem_facets(int parity)
{
    const float table_y = 0.75f, table_r = 0.55f, girdle_y = 0.2f, girdle_r = 1.0f;
    const struct vec3 culet = {0.0f, -1.2f, 0.0f};
    struct vec3 table[8], girdle[8];
    for (int k = 0; k < 8; k++) {
        table[k] = (struct vec3){table_r * cos45[k], table_y, table_r * SIN45(k)};
        girdle[k] = (struct vec3){girdle_r * cos45[k], girdle_y, girdle_r * SIN45(k)};
    }
    if (parity == 0)
        emit_face(table, 8);
    for (int k = 0; k < 8; k++) {
        if (k % 2 != parity)
            continue;
        int k1 = (k + 1) % 8;
        struct vec3 crown[4] = {table[k], table[k1], girdle[k1], girdle[k]};
        emit_face(crown, 4);
        struct vec3 pavilion[3] = {girdle[k], girdle[k1], culet};
        emit_face(pavilion, 3);
    }
}

static GLuint compile_gem(void)
{
    static const GLfloat red[4] = {0.85f, 0.25f, 0.2f, 1.0f};
    static const GLfloat red_spec[4] = {0.6f, 0.6f, 0.6f, 1.0f};
    static const GLfloat red_shine[1] = {32.0f};
    static const GLfloat blue[4] = {0.2f, 0.55f, 0.9f, 1.0f};
    static const GLfloat blue_spec[4] = {0.9f, 0.9f, 0.9f, 1.0f};
    static const GLfloat blue_shine[1] = {64.0f};

    GLuint list = glGenLists(1);
    if (!list)
        die("glGenLists failed");
    glNewList(list, GL_COMPILE);
    glMaterialfv(GL_FRONT, GL_AMBIENT_AND_DIFFUSE, red);
    glMaterialfv(GL_FRONT, GL_SPECULAR, red_spec);
    glMaterialfv(GL_FRONT, GL_SHININESS, red_shine);
    glBegin(GL_TRIANGLES);
    emit_gem_facets(0);
    glEnd();
    glMaterialfv(GL_FRONT, GL_AMBIENT_AND_DIFFUSE, blue);
    glMaterialfv(GL_FRONT, GL_SPECULAR, blue_spec);
    glMaterialfv(GL_FRONT, GL_SHININESS, blue_shine);
    glBegin(GL_TRIANGLES);
    emit_gem_facets(1);
    glEnd();
    glEndList();
    return list;
}

/* ---- textures and the buffer object -------------------------------------------------------- */

static GLuint make_checker_texture(void)
{
    static unsigned char texels[CHECKER_SIZE][CHECKER_SIZE][4];
    for (int y = 0; y < CHECKER_SIZE; y++)
        for (int x = 0; x < CHECKER_SIZE; x++) {
            bool light = ((x / 8) + (y / 8)) % 2 == 0;
            texels[y][x][0] = (unsigned char)(x * 4);
            texels[y][x][1] = (unsigned char)(y * 4);
            texels[y][x][2] = light ? 230 : 60;
            texels[y][x][3] = 255;
        }
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, CHECKER_SIZE, CHECKER_SIZE, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, texels);
    /* Non-default filters and wrap modes, so a restore that loses parameters changes the
     * floor (the mipmapping default would even leave the texture incomplete). */
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_REPEAT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_MIRRORED_REPEAT);
    return tex;
}

static GLuint make_feedback_texture(struct app *a)
{
    int side = a->width < a->height ? a->width : a->height;
    a->feedback_size = (int)MIN_SIZE;
    while (a->feedback_size * 2 <= side && a->feedback_size * 2 <= FEEDBACK_MAX)
        a->feedback_size *= 2;
    a->copy_x = (a->width - a->feedback_size) / 2;
    a->copy_y = (a->height - a->feedback_size) / 2;

    /* Frame 1 blends this in too, so its contents must be defined: black. */
    size_t bytes = (size_t)a->feedback_size * (size_t)a->feedback_size * 4;
    unsigned char *black = calloc(1, bytes);
    if (!black)
        die("out of memory");
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    /* RGB: the copy must not depend on whether the window has alpha bits. */
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, a->feedback_size, a->feedback_size, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, black);
    free(black);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return tex;
}

/* A saw-toothed ring, wound counter-clockwise seen from +z. */
static void make_ring_buffer(struct app *a)
{
    static const float cos30[12] = {1.0f, 0.8660254f, 0.5f, 0.0f, -0.5f, -0.8660254f,
                                    -1.0f, -0.8660254f, -0.5f, 0.0f, 0.5f, 0.8660254f};
    const float inner = 0.35f, outer = 0.6f;
    GLfloat v[RING_TEETH * 3][3];
    for (int k = 0; k < RING_TEETH; k++) {
        int k1 = (k + 1) % RING_TEETH;
        float c0 = cos30[k], s0 = cos30[(k + 9) % 12], c1 = cos30[k1], s1 = cos30[(k1 + 9) % 12];
        const GLfloat tooth[3][3] = {
            {inner * c0, inner * s0, 0.0f}, {outer * c0, outer * s0, 0.0f}, {inner * c1, inner * s1, 0.0f}};
        memcpy(v[k * 3], tooth, sizeof tooth);
    }
    glGenBuffers(1, &a->ring_buffer);
    glBindBuffer(GL_ARRAY_BUFFER, a->ring_buffer);
    glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)sizeof v, v, GL_STATIC_DRAW);
    /* Set up once and left bound for the whole run: each frame's draw relies on the
     * restored buffer, binding and pointer. */
    glVertexPointer(3, GL_FLOAT, 0, (const void *)0);
    glEnableClientState(GL_VERTEX_ARRAY);
    a->ring_vertices = RING_TEETH * 3;
}

/* ---- setup and frames ------------------------------------------------------------------- */

static void setup_gl(struct app *a)
{
    static const GLfloat light_ambient[4] = {0.15f, 0.15f, 0.2f, 1.0f};
    static const GLfloat light_diffuse[4] = {0.9f, 0.85f, 0.8f, 1.0f};
    static const GLfloat light_specular[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    static const GLfloat light_position[4] = {2.5f, 4.0f, 3.0f, 1.0f};
    static const GLfloat model_ambient[4] = {0.1f, 0.1f, 0.1f, 1.0f};

    glViewport(0, 0, a->width, a->height);
    glClearColor(0.10f, 0.12f, 0.18f, 1.0f);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);

    float aspect = (float)a->width / (float)a->height;
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    glFrustum(-0.5 * aspect, 0.5 * aspect, -0.5, 0.5, 1.0, 30.0);

    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glTranslatef(0.0f, 0.0f, -6.0f);
    glRotatef(25.0f, 1.0f, 0.0f, 0.0f);
    /* Specified under the camera matrix, so the driver stores it in eye space: a restore
     * must bring back the transformed position, not the one passed here. */
    glLightfv(GL_LIGHT0, GL_AMBIENT, light_ambient);
    glLightfv(GL_LIGHT0, GL_DIFFUSE, light_diffuse);
    glLightfv(GL_LIGHT0, GL_SPECULAR, light_specular);
    glLightfv(GL_LIGHT0, GL_POSITION, light_position);
    glLightModelfv(GL_LIGHT_MODEL_AMBIENT, model_ambient);
    /* The extra level lives for the whole run, so a snapshot always holds a stack of depth
     * two whose levels differ. */
    glPushMatrix();
    glScalef(1.1f, 0.9f, 1.1f);

    glEnable(GL_LIGHT0);
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_CULL_FACE);
    glEnable(GL_NORMALIZE);
    glShadeModel(GL_FLAT);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_MODULATE);

    a->gem_list = compile_gem();
    a->checker_tex = make_checker_texture();
    a->feedback_tex = make_feedback_texture(a);
    make_ring_buffer(a);

    size_t bytes = (size_t)a->width * (size_t)a->height * 4;
    a->pixels = malloc(bytes);
    if (!a->pixels)
        die("out of memory");
    check_gl("during setup");
}

static void draw_floor(const struct app *a, unsigned long n)
{
    /* Scrolling by whole 64ths keeps the texture coordinates exact. */
    float s = (float)(n % 128) / 64.0f;
    const float y = -1.6f, e = 3.0f;
    glDisable(GL_LIGHTING);
    glEnable(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, a->checker_tex);
    glColor4f(1.0f, 0.95f, 0.9f, 1.0f);
    glBegin(GL_QUADS);
    glTexCoord2f(s, 0.0f);
    glVertex3f(-e, y, e);
    glTexCoord2f(s + 3.0f, 0.0f);
    glVertex3f(e, y, e);
    glTexCoord2f(s + 3.0f, 3.0f);
    glVertex3f(e, y, -e);
    glTexCoord2f(s, 3.0f);
    glVertex3f(-e, y, -e);
    glEnd();
    glDisable(GL_TEXTURE_2D);
}

static void draw_gem(const struct app *a, unsigned long n)
{
    glEnable(GL_LIGHTING);
    glPushMatrix();
    glRotatef((float)((3 * n) % 360), 0.0f, 1.0f, 0.0f);
    glRotatef(20.0f, 0.0f, 0.0f, 1.0f);
    glCallList(a->gem_list);
    glPopMatrix();
    glDisable(GL_LIGHTING);
}

static void draw_ring(const struct app *a, unsigned long n)
{
    glPushMatrix();
    glTranslatef(1.9f, 1.1f, -1.0f);
    glRotatef(-(float)((5 * n) % 360), 0.0f, 0.0f, 1.0f);
    glColor4f((float)(n % 8) / 7.0f, 0.8f, (float)(7 - n % 8) / 7.0f, 1.0f);
    glDrawArrays(GL_TRIANGLES, 0, a->ring_vertices);
    glPopMatrix();
}

/* The previous frame's centre, blended into the top-left corner. */
static void draw_feedback(const struct app *a)
{
    glMatrixMode(GL_PROJECTION);
    glPushMatrix();
    glLoadIdentity();
    glOrtho(0.0, 1.0, 0.0, 1.0, -1.0, 1.0);
    glMatrixMode(GL_MODELVIEW);
    glPushMatrix();
    glLoadIdentity();

    glDisable(GL_DEPTH_TEST);
    glEnable(GL_BLEND);
    /* Every other draw writes alpha 1; keeping it so makes glReadPixels independent of
     * whether the window has alpha bits. */
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_FALSE);
    glEnable(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, a->feedback_tex);
    glColor4f(1.0f, 1.0f, 1.0f, 0.75f);
    glBegin(GL_QUADS);
    glTexCoord2f(0.0f, 0.0f);
    glVertex2f(0.04f, 0.56f);
    glTexCoord2f(1.0f, 0.0f);
    glVertex2f(0.44f, 0.56f);
    glTexCoord2f(1.0f, 1.0f);
    glVertex2f(0.44f, 0.96f);
    glTexCoord2f(0.0f, 1.0f);
    glVertex2f(0.04f, 0.96f);
    glEnd();
    glDisable(GL_TEXTURE_2D);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glDisable(GL_BLEND);
    glEnable(GL_DEPTH_TEST);

    glPopMatrix();
    glMatrixMode(GL_PROJECTION);
    glPopMatrix();
    glMatrixMode(GL_MODELVIEW);
}

static void draw_frame(const struct app *a, unsigned long n)
{
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    draw_floor(a, n);
    draw_gem(a, n);
    draw_ring(a, n);
    draw_feedback(a);
    /* Before the swap, while the back buffer still holds this frame. */
    glBindTexture(GL_TEXTURE_2D, a->feedback_tex);
    glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, a->copy_x, a->copy_y, a->feedback_size,
                        a->feedback_size);
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

/* DETAPP_DUMP=DIR writes each frame as DIR/frame-N.ppm, to look at a mismatch. */
static void dump_frame(const char *dir, unsigned long n, const unsigned char *rgba, int w, int h)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/frame-%lu.ppm", dir, n);
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    fprintf(f, "P6\n%d %d\n255\n", w, h);
    for (int y = h - 1; y >= 0; y--)
        for (int x = 0; x < w; x++)
            fwrite(rgba + ((size_t)y * (size_t)w + (size_t)x) * 4, 3, 1, f);
    fclose(f);
}

static void wait_for_file(Display *dpy, const char *path)
{
    while (access(path, F_OK) != 0) {
        drain_events(dpy);
        sleep_ms(10);
    }
}

int main(int argc, char **argv)
{
    struct options o;
    parse_args(argc, argv, &o);

    struct app a;
    memset(&a, 0, sizeof a);
    open_window(&a, &o);
    setup_gl(&a);
    if (o.block_rt_signals) {
        sigset_t rt;
        sigemptyset(&rt);
        for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
            sigaddset(&rt, sig);
        if (sigprocmask(SIG_BLOCK, &rt, NULL) != 0)
            die("cannot block the real-time signals");
    }
    if (o.shader && !glCreateShader(GL_VERTEX_SHADER))
        die("glCreateShader failed");

    if (o.start_file)
        wait_for_file(a.dpy, o.start_file);

    size_t bytes = (size_t)a.width * (size_t)a.height * 4;
    /* The frame number lives only here, so it carries across a checkpoint with memory. */
    for (unsigned long n = 1; n <= o.frames; n++) {
        drain_events(a.dpy);
        draw_frame(&a, n);
        glFinish();
        glReadPixels(0, 0, a.width, a.height, GL_RGBA, GL_UNSIGNED_BYTE, a.pixels);
        check_gl("while drawing a frame");
        printf("frame %lu %016" PRIx64 "\n", n, fnv1a64(a.pixels, bytes));
        if (getenv("DETAPP_DUMP"))
            dump_frame(getenv("DETAPP_DUMP"), n, a.pixels, a.width, a.height);
        if (fflush(stdout) != 0)
            die("cannot write to stdout");
        glXSwapBuffers(a.dpy, a.win);
        if (o.delay_ms)
            sleep_ms(o.delay_ms);
        if (o.idle_ms)
            idle_in_event_loop(a.dpy, o.idle_ms);
    }

    /* A native swap is in X's hands once the server answered a round trip after it, so
     * whoever reads 'done' and then looks at the screen sees the last frame. */
    XSync(a.dpy, False);
    printf("done\n");
    if (fflush(stdout) != 0)
        die("cannot write to stdout");
    if (o.end_file)
        wait_for_file(a.dpy, o.end_file);

    glPopMatrix();
    glDeleteLists(a.gem_list, 1);
    glDeleteTextures(1, &a.checker_tex);
    glDeleteTextures(1, &a.feedback_tex);
    glDeleteBuffers(1, &a.ring_buffer);
    glXMakeCurrent(a.dpy, None, NULL);
    glXDestroyContext(a.dpy, a.ctx);
    XDestroyWindow(a.dpy, a.win);
    XFreeColormap(a.dpy, a.cmap);
    XFree(a.vi);
    XCloseDisplay(a.dpy);
    free(a.pixels);
    return 0;
}
