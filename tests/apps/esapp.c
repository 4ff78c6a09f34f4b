/* A deterministic OpenGL ES app on EGL and X11: frame N is a pure function of N and the GL
 * state built up so far, and each frame's hash is printed as "frame N HASH" (like detapp,
 * for the same tests).
 *
 * State glcr must bring back: a GLSL ES program with uniforms set once and every frame, a
 * vertex buffer, an element buffer, a texture with non-default parameters that is updated
 * from the framebuffer every frame, blending and depth state, the clear color.
 *
 *   esapp [--frames N] [--delay-ms D] [--size WxH] [--es 2|3] [--platform]
 *         [--samples N] [--start-file PATH]
 *
 * --es 3 asks for an OpenGL ES 3.0 context (GLSL ES 3.00 shaders, a vertex array object);
 * --platform reaches the display through eglGetPlatformDisplay(EGL_PLATFORM_X11_KHR)
 * instead of eglGetDisplay; --samples N asks for a multisample config (EGL_SAMPLES N): the
 * texture is then updated from the window's resolved samples. */
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GLES3/gl3.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct options {
    unsigned long frames;
    int delay_ms, width, height, es, samples;
    bool platform;
    const char *start_file;
};

struct app {
    Display *x;
    Window win;
    EGLDisplay dpy;
    EGLSurface surface;
    EGLContext ctx;
    GLuint program, vbo, ibo, vao, history;
    GLint u_angle, u_tint, u_history;
    int width, height;
    unsigned char *pixels;
};

static void die(const char *what)
{
    fprintf(stderr, "esapp: %s\n", what);
    exit(1);
}

static void check_gl(const char *when)
{
    GLenum e = glGetError();
    if (e != GL_NO_ERROR) {
        fprintf(stderr, "esapp: GL error 0x%x %s\n", e, when);
        exit(1);
    }
}

static void usage(int status)
{
    fputs("usage: esapp [--frames N] [--delay-ms D] [--size WxH] [--es 2|3] [--platform]\n"
          "             [--samples N] [--start-file PATH]\n\n"
          "Renders N deterministic OpenGL ES frames (default 300) through EGL into an X window\n"
          "on $DISPLAY and prints 'frame N HASH' per frame, then 'done'.\n",
          status ? stderr : stdout);
    exit(status);
}

static void parse_args(int argc, char **argv, struct options *o)
{
    *o = (struct options){.frames = 300, .width = 160, .height = 120, .es = 2};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0)
            usage(0);
        else if (strcmp(a, "--platform") == 0)
            o->platform = true;
        else if (!v)
            usage(2);
        else if (strcmp(a, "--frames") == 0 && ++i)
            o->frames = strtoul(v, NULL, 10);
        else if (strcmp(a, "--delay-ms") == 0 && ++i)
            o->delay_ms = atoi(v);
        else if (strcmp(a, "--es") == 0 && ++i)
            o->es = atoi(v);
        else if (strcmp(a, "--samples") == 0 && ++i)
            o->samples = atoi(v);
        else if (strcmp(a, "--start-file") == 0 && ++i)
            o->start_file = v;
        else if (strcmp(a, "--size") == 0 && ++i) {
            if (sscanf(v, "%dx%d", &o->width, &o->height) != 2 || o->width < 16 || o->height < 16)
                usage(2);
        } else
            usage(2);
    }
    if (o->es != 2 && o->es != 3)
        usage(2);
}

static void open_window(struct app *a, const struct options *o)
{
    a->x = XOpenDisplay(NULL);
    if (!a->x)
        die("cannot open the X display");
    if (o->platform) {
        PFNEGLGETPLATFORMDISPLAYEXTPROC get = (PFNEGLGETPLATFORMDISPLAYEXTPROC)eglGetProcAddress("eglGetPlatformDisplayEXT");
        if (!get)
            die("no eglGetPlatformDisplayEXT");
        a->dpy = get(EGL_PLATFORM_X11_KHR, a->x, NULL);
    } else {
        a->dpy = eglGetDisplay((EGLNativeDisplayType)a->x);
    }
    EGLint major, minor;
    if (a->dpy == EGL_NO_DISPLAY || !eglInitialize(a->dpy, &major, &minor))
        die("eglInitialize failed");
    const EGLint attribs[] = {EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_DEPTH_SIZE, 16,
                              EGL_SURFACE_TYPE, EGL_WINDOW_BIT,
                              EGL_RENDERABLE_TYPE, o->es == 3 ? EGL_OPENGL_ES3_BIT : EGL_OPENGL_ES2_BIT,
                              EGL_SAMPLE_BUFFERS, o->samples > 0, EGL_SAMPLES, o->samples, EGL_NONE};
    EGLConfig config;
    EGLint n = 0, samples = -1;
    if (!eglChooseConfig(a->dpy, attribs, &config, 1, &n) || n < 1)
        die("no EGL config with RGB888, depth and the samples asked for");
    if (!eglGetConfigAttrib(a->dpy, config, EGL_SAMPLES, &samples) || (samples > 0) != (o->samples > 0))
        die("the EGL config chosen has another number of samples than asked for");
    EGLint visual_id;
    eglGetConfigAttrib(a->dpy, config, EGL_NATIVE_VISUAL_ID, &visual_id);
    XVisualInfo tmpl = {.visualid = (VisualID)visual_id}, *vi;
    int count;
    if (!(vi = XGetVisualInfo(a->x, VisualIDMask, &tmpl, &count)))
        die("the EGL config has no X visual");
    Window root = RootWindow(a->x, DefaultScreen(a->x));
    XSetWindowAttributes swa = {.colormap = XCreateColormap(a->x, root, vi->visual, AllocNone)};
    a->width = o->width;
    a->height = o->height;
    a->win = XCreateWindow(a->x, root, 0, 0, (unsigned)a->width, (unsigned)a->height, 0, vi->depth,
                           InputOutput, vi->visual, CWColormap, &swa);
    XFree(vi);
    /* Pixels are hashed, so a window manager must not resize the window. */
    XSizeHints hints = {.flags = PMinSize | PMaxSize, .min_width = a->width, .max_width = a->width,
                        .min_height = a->height, .max_height = a->height};
    XSetWMNormalHints(a->x, a->win, &hints);
    XStoreName(a->x, a->win, "esapp");
    XMapWindow(a->x, a->win);
    XSync(a->x, False);

    a->surface = eglCreateWindowSurface(a->dpy, config, (EGLNativeWindowType)a->win, NULL);
    if (a->surface == EGL_NO_SURFACE)
        die("eglCreateWindowSurface failed");
    eglBindAPI(EGL_OPENGL_ES_API);
    const EGLint ctx_attribs[] = {EGL_CONTEXT_CLIENT_VERSION, o->es, EGL_NONE};
    a->ctx = eglCreateContext(a->dpy, config, EGL_NO_CONTEXT, ctx_attribs);
    if (a->ctx == EGL_NO_CONTEXT || !eglMakeCurrent(a->dpy, a->surface, a->surface, a->ctx))
        die("cannot create or bind an OpenGL ES context");
}

static const char *vs2 =
    "attribute vec2 position;\n"
    "attribute vec3 color;\n"
    "uniform float angle;\n"
    "varying vec3 v_color;\n"
    "varying vec2 v_uv;\n"
    "void main() {\n"
    "  float c = cos(angle), s = sin(angle);\n"
    "  v_color = color;\n"
    "  v_uv = position * 0.5 + 0.5;\n"
    "  gl_Position = vec4(c * position.x - s * position.y, s * position.x + c * position.y, position.x * 0.25, 1.0);\n"
    "}\n";

static const char *fs2 =
    "precision mediump float;\n"
    "uniform vec3 tint;\n"
    "uniform sampler2D history;\n"
    "varying vec3 v_color;\n"
    "varying vec2 v_uv;\n"
    "void main() {\n"
    "  vec3 h = texture2D(history, v_uv).rgb;\n"
    "  gl_FragColor = vec4(mix(v_color * tint, h, 0.25), 0.8);\n"
    "}\n";

static const char *vs3 =
    "#version 300 es\n"
    "layout(location = 0) in vec2 position;\n"
    "layout(location = 1) in vec3 color;\n"
    "uniform float angle;\n"
    "out vec3 v_color;\n"
    "out vec2 v_uv;\n"
    "void main() {\n"
    "  float c = cos(angle), s = sin(angle);\n"
    "  v_color = color;\n"
    "  v_uv = position * 0.5 + 0.5;\n"
    "  gl_Position = vec4(c * position.x - s * position.y, s * position.x + c * position.y, position.x * 0.25, 1.0);\n"
    "}\n";

static const char *fs3 =
    "#version 300 es\n"
    "precision mediump float;\n"
    "uniform vec3 tint;\n"
    "uniform sampler2D history;\n"
    "in vec3 v_color;\n"
    "in vec2 v_uv;\n"
    "out vec4 frag;\n"
    "void main() {\n"
    "  vec3 h = texture(history, v_uv).rgb;\n"
    "  frag = vec4(mix(v_color * tint, h, 0.25), 0.8);\n"
    "}\n";

static GLuint shader(GLenum type, const char *src)
{
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = "";
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        fprintf(stderr, "esapp: shader does not compile: %s\n", log);
        exit(1);
    }
    return s;
}

static void setup_gl(struct app *a, int es)
{
    GLuint vs = shader(GL_VERTEX_SHADER, es == 3 ? vs3 : vs2);
    GLuint fs = shader(GL_FRAGMENT_SHADER, es == 3 ? fs3 : fs2);
    a->program = glCreateProgram();
    glAttachShader(a->program, vs);
    glAttachShader(a->program, fs);
    if (es == 2) {
        glBindAttribLocation(a->program, 0, "position");
        glBindAttribLocation(a->program, 1, "color");
    }
    glLinkProgram(a->program);
    GLint ok = 0;
    glGetProgramiv(a->program, GL_LINK_STATUS, &ok);
    if (!ok)
        die("the program does not link");
    glDeleteShader(vs);
    glDeleteShader(fs);
    glUseProgram(a->program);
    a->u_angle = glGetUniformLocation(a->program, "angle");
    a->u_tint = glGetUniformLocation(a->program, "tint");
    a->u_history = glGetUniformLocation(a->program, "history");
    glUniform1i(a->u_history, 0);

    /* A hexagon fan around the centre: position xy + color rgb per vertex. */
    static const GLfloat vertices[] = {
        0.0f, 0.0f, 1.0f, 1.0f, 1.0f,    0.8f, 0.0f, 1.0f, 0.2f, 0.2f,
        0.4f, 0.7f, 0.2f, 1.0f, 0.2f,    -0.4f, 0.7f, 0.2f, 0.2f, 1.0f,
        -0.8f, 0.0f, 1.0f, 1.0f, 0.2f,   -0.4f, -0.7f, 0.2f, 1.0f, 1.0f,
        0.4f, -0.7f, 1.0f, 0.2f, 1.0f,
    };
    static const GLushort indices[] = {0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 5, 0, 5, 6, 0, 6, 1};
    if (es == 3) {
        glGenVertexArrays(1, &a->vao);
        glBindVertexArray(a->vao);
    }
    glGenBuffers(1, &a->vbo);
    glBindBuffer(GL_ARRAY_BUFFER, a->vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof vertices, vertices, GL_STATIC_DRAW);
    glGenBuffers(1, &a->ibo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, a->ibo);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, sizeof indices, indices, GL_STATIC_DRAW);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 5 * sizeof(GLfloat), (void *)0);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 5 * sizeof(GLfloat), (void *)(2 * sizeof(GLfloat)));
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);

    /* The frame history: 64x64, copied from the framebuffer after each frame. */
    glGenTextures(1, &a->history);
    glBindTexture(GL_TEXTURE_2D, a->history);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB, 64, 64, 0, GL_RGB, GL_UNSIGNED_BYTE, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_MIRRORED_REPEAT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

    glViewport(0, 0, a->width, a->height);
    glClearColor(0.12f, 0.10f, 0.20f, 1.0f);
    glEnable(GL_BLEND);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    a->pixels = malloc((size_t)a->width * (size_t)a->height * 4);
    if (!a->pixels)
        die("out of memory");
    check_gl("during setup");
}

static void draw_frame(struct app *a, unsigned long n)
{
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glUniform1f(a->u_angle, (float)(n % 360) * 0.0174533f);
    glUniform3f(a->u_tint, (float)(n % 5) / 4.0f, 0.7f, (float)(4 - n % 5) / 4.0f);
    glDrawElements(GL_TRIANGLES, 18, GL_UNSIGNED_SHORT, (void *)0);
    glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, a->width / 2 - 32, a->height / 2 - 32, 64, 64);
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

/* ESAPP_DUMP=DIR writes each frame as DIR/frame-N.ppm, to look at a mismatch. */
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

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

int main(int argc, char **argv)
{
    struct options o;
    parse_args(argc, argv, &o);
    struct app a = {0};
    open_window(&a, &o);
    setup_gl(&a, o.es);
    while (o.start_file && access(o.start_file, F_OK) != 0)
        sleep_ms(10);

    size_t bytes = (size_t)a.width * (size_t)a.height * 4;
    /* The frame number lives only here, so it carries across a checkpoint with memory. */
    for (unsigned long n = 1; n <= o.frames; n++) {
        draw_frame(&a, n);
        glReadPixels(0, 0, a.width, a.height, GL_RGBA, GL_UNSIGNED_BYTE, a.pixels);
        check_gl("while drawing a frame");
        printf("frame %lu %016" PRIx64 "\n", n, fnv1a64(a.pixels, bytes));
        if (getenv("ESAPP_DUMP"))
            dump_frame(getenv("ESAPP_DUMP"), n, a.pixels, a.width, a.height);
        if (fflush(stdout) != 0)
            die("cannot write to stdout");
        if (!eglSwapBuffers(a.dpy, a.surface))
            die("eglSwapBuffers failed");
        if (o.delay_ms)
            sleep_ms(o.delay_ms);
    }
    printf("done\n");
    if (fflush(stdout) != 0)
        die("cannot write to stdout");

    eglMakeCurrent(a.dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroyContext(a.dpy, a.ctx);
    eglDestroySurface(a.dpy, a.surface);
    eglTerminate(a.dpy);
    XDestroyWindow(a.x, a.win);
    XCloseDisplay(a.x);
    free(a.pixels);
    return 0;
}
