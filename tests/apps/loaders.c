/* loaders: proves that glcr's interception holds on every path an app can take to reach GL.
 *
 * Each MODE obtains the GLX and GL functions it needs in one way (linked, dlopen of one of
 * the GL libraries, libepoxy, glXGetProcAddressARB), renders one cleared frame with them,
 * and then asks dladdr() where every function pointer it obtained lives. Under glcr all of
 * them must live in libglcr; natively none do (the program then exits 1, which is expected).
 *
 * Only the `linked` and `getprocaddress` modes use GL symbols the executable links; the
 * dlopen modes use nothing but dlsym() results, and the epoxy mode (loaders_epoxy.c, whose
 * headers conflict with <GL/gl.h>) nothing but epoxy's pointers. */
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>

#define PROG "loaders"

#define WIN_SIZE 64
#define EXPECT_R 64
#define EXPECT_G 128
#define EXPECT_B 191
#define EXPECT_A 255

#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define EXIT_ENV 3

typedef void (*loaders_fn)(void);

/* The functions the common render path calls, in this order in every mode's table. */
enum {
    F_CHOOSE_VISUAL,
    F_CREATE_CONTEXT,
    F_MAKE_CURRENT,
    F_SWAP_BUFFERS,
    F_DESTROY_CONTEXT,
    F_CLEAR_COLOR,
    F_CLEAR,
    F_FINISH,
    F_READ_PIXELS,
    F_GET_STRING,
    F_COUNT
};

static const char *const fn_names[F_COUNT] = {
    [F_CHOOSE_VISUAL] = "glXChooseVisual",
    [F_CREATE_CONTEXT] = "glXCreateContext",
    [F_MAKE_CURRENT] = "glXMakeCurrent",
    [F_SWAP_BUFFERS] = "glXSwapBuffers",
    [F_DESTROY_CONTEXT] = "glXDestroyContext",
    [F_CLEAR_COLOR] = "glClearColor",
    [F_CLEAR] = "glClear",
    [F_FINISH] = "glFinish",
    [F_READ_PIXELS] = "glReadPixels",
    [F_GET_STRING] = "glGetString",
};

typedef XVisualInfo *(*fn_choose_visual)(Display *, int, int *);
typedef GLXContext (*fn_create_context)(Display *, XVisualInfo *, GLXContext, Bool);
typedef Bool (*fn_make_current)(Display *, GLXDrawable, GLXContext);
typedef void (*fn_swap_buffers)(Display *, GLXDrawable);
typedef void (*fn_destroy_context)(Display *, GLXContext);
typedef void (*fn_clear_color)(GLfloat, GLfloat, GLfloat, GLfloat);
typedef void (*fn_clear)(GLbitfield);
typedef void (*fn_finish)(void);
typedef void (*fn_read_pixels)(GLint, GLint, GLsizei, GLsizei, GLenum, GLenum, void *);
typedef const GLubyte *(*fn_get_string)(GLenum);

/* Defined in loaders_epoxy.c. */
void loaders_epoxy_fill(loaders_fn *fns, int count);

/* Every function pointer a mode obtained, for the dladdr() check. */
#define MAX_CHECKED 32
struct checked {
    const char *name[MAX_CHECKED];
    loaders_fn fn[MAX_CHECKED];
    int n;
};

static void check_add(struct checked *c, const char *name, loaders_fn fn)
{
    if (c->n < MAX_CHECKED) {
        c->name[c->n] = name;
        c->fn[c->n] = fn;
        c->n++;
    }
}

struct result {
    char renderer[256];
    unsigned char pixel[4];
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: " PROG " MODE\n"
            "\n"
            "Renders one cleared %dx%d frame on $DISPLAY with GL functions obtained one way,\n"
            "then checks with dladdr() that every function pointer lives in libglcr.\n"
            "MODE is one of:\n"
            "  linked               functions the executable links against libGL\n"
            "  dlopen-libgl         dlopen(\"libGL.so.1\") + dlsym\n"
            "  dlopen-glvnd         dlopen(\"libGLX.so.0\") and dlopen(\"libOpenGL.so.0\") + dlsym\n"
            "  dlopen-unversioned   dlopen(\"libGL.so\") + dlsym\n"
            "  epoxy                libepoxy's function pointers\n"
            "  getprocaddress       glXGetProcAddressARB for the gl* functions\n"
            "Prints 'renderer R', 'pixel R G B A', 'interposed N/M' (and for getprocaddress\n"
            "'unknown-null yes|no'). Exit 0 if all M pointers are in libglcr and the pixel is\n"
            "(64,128,191,255) +-1; 1 otherwise; 2 for bad usage; 3 if the environment lacks\n"
            "something (no display, dlopen failure).\n",
            WIN_SIZE, WIN_SIZE);
}

/* Opens the display, renders one frame with fns, and tears everything down again.
 * Returns EXIT_OK, EXIT_FAIL or EXIT_ENV (with a line on stderr). */
static int render(loaders_fn *fns, struct result *res)
{
    static int attrs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8,
                          GLX_BLUE_SIZE, 8, GLX_DEPTH_SIZE, 16, None};
    fn_choose_visual choose_visual = (fn_choose_visual)fns[F_CHOOSE_VISUAL];
    fn_create_context create_context = (fn_create_context)fns[F_CREATE_CONTEXT];
    fn_make_current make_current = (fn_make_current)fns[F_MAKE_CURRENT];
    fn_swap_buffers swap_buffers = (fn_swap_buffers)fns[F_SWAP_BUFFERS];
    fn_destroy_context destroy_context = (fn_destroy_context)fns[F_DESTROY_CONTEXT];
    fn_clear_color clear_color = (fn_clear_color)fns[F_CLEAR_COLOR];
    fn_clear clear = (fn_clear)fns[F_CLEAR];
    fn_finish finish = (fn_finish)fns[F_FINISH];
    fn_read_pixels read_pixels = (fn_read_pixels)fns[F_READ_PIXELS];
    fn_get_string get_string = (fn_get_string)fns[F_GET_STRING];

    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        const char *name = getenv("DISPLAY");
        fprintf(stderr, PROG ": cannot open display '%s'\n", name ? name : "(unset)");
        return EXIT_ENV;
    }
    XVisualInfo *vi = choose_visual(dpy, DefaultScreen(dpy), attrs);
    if (!vi) {
        fprintf(stderr, PROG ": glXChooseVisual found no double-buffered RGBA visual with depth\n");
        XCloseDisplay(dpy);
        return EXIT_ENV;
    }
    Window root = RootWindow(dpy, vi->screen);
    XSetWindowAttributes swa = {0};
    swa.colormap = XCreateColormap(dpy, root, vi->visual, AllocNone);
    swa.border_pixel = 0;
    Window win = XCreateWindow(dpy, root, 0, 0, WIN_SIZE, WIN_SIZE, 0, vi->depth, InputOutput,
                               vi->visual, CWColormap | CWBorderPixel, &swa);
    XMapWindow(dpy, win);
    XSync(dpy, False);

    int rc = EXIT_OK;
    GLXContext ctx = create_context(dpy, vi, NULL, True);
    if (!ctx) {
        fprintf(stderr, PROG ": glXCreateContext failed\n");
        rc = EXIT_FAIL;
    } else if (!make_current(dpy, win, ctx)) {
        fprintf(stderr, PROG ": glXMakeCurrent failed\n");
        rc = EXIT_FAIL;
    } else {
        clear_color(0.25f, 0.5f, 0.75f, 1.0f);
        clear(GL_COLOR_BUFFER_BIT);
        finish();
        read_pixels(WIN_SIZE / 2, WIN_SIZE / 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, res->pixel);
        const GLubyte *renderer = get_string(GL_RENDERER);
        snprintf(res->renderer, sizeof res->renderer, "%s",
                 renderer ? (const char *)renderer : "(null)");
        swap_buffers(dpy, win);
        make_current(dpy, None, NULL);
    }
    if (ctx)
        destroy_context(dpy, ctx);
    XDestroyWindow(dpy, win);
    XFreeColormap(dpy, swa.colormap);
    XFree(vi);
    XCloseDisplay(dpy);
    return rc;
}

/* ---- the modes: each fills fns and may add more pointers to check ---- */

static void fill_linked(loaders_fn *fns, struct checked *extra)
{
    fns[F_CHOOSE_VISUAL] = (loaders_fn)&glXChooseVisual;
    fns[F_CREATE_CONTEXT] = (loaders_fn)&glXCreateContext;
    fns[F_MAKE_CURRENT] = (loaders_fn)&glXMakeCurrent;
    fns[F_SWAP_BUFFERS] = (loaders_fn)&glXSwapBuffers;
    fns[F_DESTROY_CONTEXT] = (loaders_fn)&glXDestroyContext;
    fns[F_CLEAR_COLOR] = (loaders_fn)&glClearColor;
    fns[F_CLEAR] = (loaders_fn)&glClear;
    fns[F_FINISH] = (loaders_fn)&glFinish;
    fns[F_READ_PIXELS] = (loaders_fn)&glReadPixels;
    fns[F_GET_STRING] = (loaders_fn)&glGetString;
    check_add(extra, "glXGetProcAddressARB", (loaders_fn)&glXGetProcAddressARB);
    check_add(extra, "glXGetProcAddressARB(glGenTextures)",
              glXGetProcAddressARB((const GLubyte *)"glGenTextures"));
}

/* glX* functions linked directly; every gl* function from glXGetProcAddressARB. */
static void fill_getprocaddress(loaders_fn *fns, struct checked *extra, bool *unknown_null)
{
    fill_linked(fns, &(struct checked){0});
    for (int i = F_CLEAR_COLOR; i < F_COUNT; i++)
        fns[i] = glXGetProcAddressARB((const GLubyte *)fn_names[i]);
    check_add(extra, "glXGetProcAddressARB", (loaders_fn)&glXGetProcAddressARB);
    check_add(extra, "glGenTextures", glXGetProcAddressARB((const GLubyte *)"glGenTextures"));
    check_add(extra, "glBindFramebufferEXT",
              glXGetProcAddressARB((const GLubyte *)"glBindFramebufferEXT"));
    *unknown_null = glXGetProcAddressARB((const GLubyte *)"glNotARealFunction123") == NULL;
}

static void *open_lib(const char *name)
{
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!h)
        fprintf(stderr, PROG ": dlopen(\"%s\") failed: %s\n", name, dlerror());
    return h;
}

static loaders_fn lookup(void *handle, const char *lib, const char *name, bool *ok)
{
    dlerror();
    loaders_fn fn = (loaders_fn)dlsym(handle, name);
    if (!fn) {
        const char *err = dlerror();
        fprintf(stderr, PROG ": dlsym(%s, \"%s\") failed: %s\n", lib, name, err ? err : "NULL");
        *ok = false;
    }
    return fn;
}

/* glX* from glx_handle, gl* from gl_handle (the same handle unless glvnd's split libraries). */
static bool fill_dlsym(loaders_fn *fns, struct checked *extra, void *glx_handle,
                       const char *glx_lib, void *gl_handle, const char *gl_lib)
{
    bool ok = true;
    for (int i = 0; i < F_COUNT; i++) {
        bool is_glx = strncmp(fn_names[i], "glX", 3) == 0;
        fns[i] = lookup(is_glx ? glx_handle : gl_handle, is_glx ? glx_lib : gl_lib, fn_names[i],
                        &ok);
    }
    check_add(extra, "glXGetProcAddressARB",
              lookup(glx_handle, glx_lib, "glXGetProcAddressARB", &ok));
    return ok;
}

/* Counts the pointers that live in a shared object whose path contains "libglcr"; lists the
 * others on stderr. */
static int count_interposed(const loaders_fn *fns, const struct checked *extra, int *total)
{
    struct checked all = {0};
    for (int i = 0; i < F_COUNT; i++)
        check_add(&all, fn_names[i], fns[i]);
    for (int i = 0; i < extra->n; i++)
        check_add(&all, extra->name[i], extra->fn[i]);

    int n = 0;
    for (int i = 0; i < all.n; i++) {
        Dl_info info = {0};
        const char *where = "(null pointer)";
        if (all.fn[i]) {
            if (dladdr((void *)all.fn[i], &info) && info.dli_fname)
                where = info.dli_fname;
            else
                where = "(no shared object)";
        }
        if (all.fn[i] && strstr(where, "libglcr"))
            n++;
        else
            fprintf(stderr, PROG ": %s = %p resolves to %s\n", all.name[i], (void *)all.fn[i],
                    where);
    }
    *total = all.n;
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '\0') {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *mode = argv[1];
    if (!strcmp(mode, "-h") || !strcmp(mode, "--help")) {
        usage(stdout);
        return EXIT_OK;
    }

    loaders_fn fns[F_COUNT] = {0};
    struct checked extra = {0};
    void *handles[2] = {NULL, NULL};
    bool is_gpa = false, is_epoxy = false, unknown_null = false, ok = true;

    if (!strcmp(mode, "linked")) {
        fill_linked(fns, &extra);
    } else if (!strcmp(mode, "getprocaddress")) {
        is_gpa = true;
        fill_getprocaddress(fns, &extra, &unknown_null);
    } else if (!strcmp(mode, "epoxy")) {
        is_epoxy = true;
        loaders_epoxy_fill(fns, F_COUNT);
    } else if (!strcmp(mode, "dlopen-libgl") || !strcmp(mode, "dlopen-unversioned")) {
        const char *lib = !strcmp(mode, "dlopen-libgl") ? "libGL.so.1" : "libGL.so";
        if (!(handles[0] = open_lib(lib)))
            return EXIT_ENV;
        ok = fill_dlsym(fns, &extra, handles[0], lib, handles[0], lib);
    } else if (!strcmp(mode, "dlopen-glvnd")) {
        if (!(handles[0] = open_lib("libGLX.so.0")))
            return EXIT_ENV;
        if (!(handles[1] = open_lib("libOpenGL.so.0"))) {
            dlclose(handles[0]);
            return EXIT_ENV;
        }
        ok = fill_dlsym(fns, &extra, handles[0], "libGLX.so.0", handles[1], "libOpenGL.so.0");
    } else {
        fprintf(stderr, PROG ": unknown mode '%s'\n", mode);
        usage(stderr);
        return EXIT_USAGE;
    }

    int rc = EXIT_FAIL;
    struct result res = {.renderer = "(none)"};
    if (ok) {
        rc = render(fns, &res);
    } else {
        fprintf(stderr, PROG ": missing GL functions, not rendering\n");
    }
    if (rc == EXIT_ENV)
        goto out;

    /* epoxy rewrites its pointers to the resolved functions on first call: check those. */
    if (is_epoxy)
        loaders_epoxy_fill(fns, F_COUNT);

    int total = 0;
    int interposed = count_interposed(fns, &extra, &total);
    const unsigned char *px = res.pixel;
    bool pixel_ok = abs(px[0] - EXPECT_R) <= 1 && abs(px[1] - EXPECT_G) <= 1 &&
                    abs(px[2] - EXPECT_B) <= 1 && abs(px[3] - EXPECT_A) <= 1;

    printf("renderer %s\n", res.renderer);
    printf("pixel %u %u %u %u\n", px[0], px[1], px[2], px[3]);
    printf("interposed %d/%d\n", interposed, total);
    if (is_gpa)
        printf("unknown-null %s\n", unknown_null ? "yes" : "no");
    fflush(stdout);

    if (rc == EXIT_OK) {
        if (!pixel_ok) {
            fprintf(stderr, PROG ": pixel %u %u %u %u, expected %d %d %d %d (+-1)\n", px[0],
                    px[1], px[2], px[3], EXPECT_R, EXPECT_G, EXPECT_B, EXPECT_A);
            rc = EXIT_FAIL;
        }
        if (interposed != total) {
            fprintf(stderr, PROG ": %d of %d GL function pointers are not in libglcr\n",
                    total - interposed, total);
            rc = EXIT_FAIL;
        }
        if (is_gpa && !unknown_null) {
            fprintf(stderr, PROG ": glXGetProcAddressARB(\"glNotARealFunction123\") was not NULL\n");
            rc = EXIT_FAIL;
        }
    }

out:
    for (int i = 1; i >= 0; i--)
        if (handles[i])
            dlclose(handles[i]);
    return rc;
}
