/* The EGL API as apps on X11 see it (EGL 1.5 with EGL_KHR_platform_x11), emulated like GLX:
 * configs are glcr's synthesized ones, window surfaces are glcr drawables presented through
 * glcr's own X connection, contexts are glcr contexts (desktop GL or OpenGL ES 2/3). The
 * EGL the driver half runs (winsys/egl.c) has no window system and is never seen by the app.
 * Pbuffer surfaces are glcr drawables with no window, pixmap surfaces GLX-style pixmaps.
 * What glcr cannot emulate (images, other platforms, OpenGL ES 1) fails
 * with the EGL error the spec names and one log line saying why. */
#include <X11/Xlib.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/checkpoint.h"
#include "state/gate.h"
#include "winsys/bind.h"
#include "winsys/drawable.h"
#include "winsys/fbconfig.h"

#define MAX_DISPLAYS 8

struct egl_display {
    Display *x;
    bool owns_x;      /* opened by glcr for EGL_DEFAULT_DISPLAY */
    bool initialized;
    int screen;
};

struct egl_surface {
    struct egl_display *dpy;
    struct glcr_drawable *drawable;
    const struct glcr_fbconfig *config;
    struct egl_surface *next;
};

struct egl_thread {
    EGLint error;
    EGLenum api;      /* 0 = EGL_OPENGL_ES_API, the EGL default */
    struct egl_display *dpy;
    struct egl_surface *draw, *read;
};

static struct egl_display displays[MAX_DISPLAYS];
static struct egl_surface *surfaces;
static pthread_mutex_t egl_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread struct egl_thread self __attribute__((tls_model("initial-exec")));
static int swap_interval = 1;

/* Records the thread's EGL error and returns `result`, so failures read as one line. */
#define FAIL(code, result, ...)                                                                \
    do {                                                                                       \
        log_error(__VA_ARGS__);                                                                \
        self.error = (code);                                                                   \
        return (result);                                                                       \
    } while (0)
#define OK(result)                                                                             \
    do {                                                                                       \
        self.error = EGL_SUCCESS;                                                              \
        return (result);                                                                       \
    } while (0)

static struct egl_display *display_of(EGLDisplay handle)
{
    struct egl_display *d = handle;
    return d >= displays && d < displays + MAX_DISPLAYS && d->x ? d : NULL;
}

/* The display, which must be initialized; sets the error otherwise. */
static struct egl_display *initialized(EGLDisplay handle, const char *call)
{
    struct egl_display *d = display_of(handle);
    if (!d) {
        log_error("%s: %p is not an EGLDisplay", call, handle);
        self.error = EGL_BAD_DISPLAY;
    } else if (!d->initialized) {
        log_error("%s: the EGLDisplay is not initialized (eglInitialize first)", call);
        self.error = EGL_NOT_INITIALIZED;
        d = NULL;
    }
    return d;
}

static const struct glcr_fbconfig *config_of(EGLConfig handle)
{
    const struct glcr_fbconfig *c = handle;
    return c && glcr_fbconfig_by_id(c->id) == c && c->double_buffer ? c : NULL;
}

static struct glcr_context *context_of(EGLContext handle)
{
    struct glcr_context *c = handle;
    return c && glcr_context_is_valid(c) ? c : NULL;
}

static struct egl_surface *surface_of(EGLSurface handle)
{
    pthread_mutex_lock(&egl_lock);
    struct egl_surface *s = surfaces;
    while (s && s != handle)
        s = s->next;
    pthread_mutex_unlock(&egl_lock);
    return s;
}

/* ---- displays ------------------------------------------------------------------------- */

static EGLDisplay display_for(Display *x, bool owns_x)
{
    pthread_mutex_lock(&egl_lock);
    struct egl_display *found = NULL, *free_slot = NULL;
    for (int i = 0; i < MAX_DISPLAYS && !found; i++) {
        if (displays[i].x == x)
            found = &displays[i];
        else if (!displays[i].x && !free_slot)
            free_slot = &displays[i];
    }
    if (!found && free_slot) {
        *free_slot = (struct egl_display){.x = x, .owns_x = owns_x, .screen = DefaultScreen(x)};
        found = free_slot;
    }
    pthread_mutex_unlock(&egl_lock);
    if (found && found->owns_x != owns_x && owns_x)
        XCloseDisplay(x); /* a second EGL_DEFAULT_DISPLAY lookup raced the first */
    return found ? (EGLDisplay)found : EGL_NO_DISPLAY;
}

static EGLDisplay default_display(void)
{
    for (int i = 0; i < MAX_DISPLAYS; i++)
        if (displays[i].owns_x)
            return &displays[i];
    Display *x = XOpenDisplay(NULL);
    if (!x)
        FAIL(EGL_BAD_DISPLAY, EGL_NO_DISPLAY, "eglGetDisplay(EGL_DEFAULT_DISPLAY): cannot open the X display %s",
             getenv("DISPLAY") ? getenv("DISPLAY") : "(DISPLAY is not set)");
    return display_for(x, true);
}

GLCR_EXPORT EGLDisplay eglGetDisplay(EGLNativeDisplayType native)
{
    GLCR_WINSYS_ENTER();
    EGLDisplay d = native ? display_for((Display *)native, false) : default_display();
    if (d == EGL_NO_DISPLAY)
        FAIL(EGL_BAD_ALLOC, EGL_NO_DISPLAY, "eglGetDisplay: more than %d X displays", MAX_DISPLAYS);
    OK(d);
}

GLCR_EXPORT EGLDisplay eglGetPlatformDisplay(EGLenum platform, void *native, const EGLAttrib *attribs)
{
    GLCR_WINSYS_ENTER();
    if (platform != EGL_PLATFORM_X11_KHR)
        FAIL(EGL_BAD_PARAMETER, EGL_NO_DISPLAY,
             "eglGetPlatformDisplay: platform 0x%x is not emulated by glcr (X11 only: "
             "EGL_PLATFORM_X11_KHR)", platform);
    for (const EGLAttrib *a = attribs; a && *a != EGL_NONE; a += 2)
        if (a[0] != EGL_PLATFORM_X11_SCREEN_KHR)
            FAIL(EGL_BAD_ATTRIBUTE, EGL_NO_DISPLAY, "eglGetPlatformDisplay: attribute 0x%x is not supported",
                 (unsigned)a[0]);
    return eglGetDisplay((EGLNativeDisplayType)native);
}

GLCR_EXPORT EGLDisplay eglGetPlatformDisplayEXT(EGLenum platform, void *native, const EGLint *attribs)
{
    EGLAttrib list[16];
    int n = 0;
    for (const EGLint *a = attribs; a && *a != EGL_NONE && n < 14; a += 2) {
        list[n++] = a[0];
        list[n++] = a[1];
    }
    list[n] = EGL_NONE;
    return eglGetPlatformDisplay(platform, native, list);
}

GLCR_EXPORT EGLBoolean eglInitialize(EGLDisplay handle, EGLint *major, EGLint *minor)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = display_of(handle);
    if (!d)
        FAIL(EGL_BAD_DISPLAY, EGL_FALSE, "eglInitialize: %p is not an EGLDisplay", handle);
    const struct glcr_fbconfig *configs;
    if (!glcr_fbconfigs(d->x, d->screen, &configs))
        FAIL(EGL_NOT_INITIALIZED, EGL_FALSE, "eglInitialize: the X display offers no visual glcr can render to");
    d->initialized = true;
    if (major)
        *major = 1;
    if (minor)
        *minor = 5;
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglTerminate(EGLDisplay handle)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = display_of(handle);
    if (!d)
        FAIL(EGL_BAD_DISPLAY, EGL_FALSE, "eglTerminate: %p is not an EGLDisplay", handle);
    /* Surfaces and contexts stay valid while current (EGL 1.5, 3.2); glcr keeps them all,
     * as the app may initialize again and find its handles (a common pattern in toolkits). */
    d->initialized = false;
    OK(EGL_TRUE);
}

#define CLIENT_EXTENSIONS                                                                      \
    "EGL_EXT_client_extensions EGL_EXT_platform_base EGL_KHR_platform_x11 "                    \
    "EGL_EXT_platform_x11 EGL_KHR_client_get_all_proc_addresses"
#define DISPLAY_EXTENSIONS                                                                     \
    "EGL_KHR_create_context EGL_KHR_get_all_proc_addresses EGL_KHR_no_config_context "         \
    "EGL_KHR_surfaceless_context EGL_EXT_create_context_robustness"

GLCR_EXPORT const char *eglQueryString(EGLDisplay handle, EGLint name)
{
    GLCR_WINSYS_ENTER();
    if (handle == EGL_NO_DISPLAY && name == EGL_EXTENSIONS)
        OK(CLIENT_EXTENSIONS);
    if (handle == EGL_NO_DISPLAY && name == EGL_VERSION)
        OK("1.5 glcr");
    if (!initialized(handle, "eglQueryString"))
        return NULL;
    switch (name) {
    case EGL_VENDOR: OK("glcr");
    case EGL_VERSION: OK("1.5 glcr");
    case EGL_CLIENT_APIS: OK("OpenGL OpenGL_ES");
    case EGL_EXTENSIONS: OK(DISPLAY_EXTENSIONS);
    default: FAIL(EGL_BAD_PARAMETER, NULL, "eglQueryString: name 0x%x unknown", name);
    }
}

GLCR_EXPORT EGLint eglGetError(void)
{
    EGLint e = self.error ? self.error : EGL_SUCCESS;
    self.error = EGL_SUCCESS;
    return e;
}

/* ---- configs -------------------------------------------------------------------------- */

#define RENDERABLE (EGL_OPENGL_BIT | EGL_OPENGL_ES_BIT | EGL_OPENGL_ES2_BIT | EGL_OPENGL_ES3_BIT)

static bool config_attrib(const struct glcr_fbconfig *c, EGLint attrib, EGLint *v)
{
    switch (attrib) {
    case EGL_BUFFER_SIZE: *v = c->red + c->green + c->blue + c->alpha; return true;
    case EGL_RED_SIZE: *v = c->red; return true;
    case EGL_GREEN_SIZE: *v = c->green; return true;
    case EGL_BLUE_SIZE: *v = c->blue; return true;
    case EGL_ALPHA_SIZE: *v = c->alpha; return true;
    case EGL_DEPTH_SIZE: *v = c->depth; return true;
    case EGL_STENCIL_SIZE: *v = c->stencil; return true;
    case EGL_CONFIG_ID: *v = c->id; return true;
    case EGL_NATIVE_VISUAL_ID: *v = (EGLint)c->visual; return true;
    case EGL_NATIVE_VISUAL_TYPE: *v = TrueColor; return true;
    case EGL_SURFACE_TYPE: *v = EGL_WINDOW_BIT | EGL_PBUFFER_BIT | EGL_PIXMAP_BIT; return true;
    case EGL_RENDERABLE_TYPE: case EGL_CONFORMANT: *v = RENDERABLE; return true;
    case EGL_COLOR_BUFFER_TYPE: *v = EGL_RGB_BUFFER; return true;
    case EGL_CONFIG_CAVEAT: case EGL_TRANSPARENT_TYPE: *v = EGL_NONE; return true;
    case EGL_NATIVE_RENDERABLE: *v = EGL_TRUE; return true;
    case EGL_MIN_SWAP_INTERVAL: *v = 0; return true;
    case EGL_MAX_PBUFFER_WIDTH: case EGL_MAX_PBUFFER_HEIGHT: *v = GLCR_MAX_PBUFFER_SIZE; return true;
    case EGL_MAX_PBUFFER_PIXELS: *v = GLCR_MAX_PBUFFER_SIZE * GLCR_MAX_PBUFFER_SIZE; return true;
    case EGL_MAX_SWAP_INTERVAL: *v = 8; return true;
    case EGL_SAMPLES: *v = c->samples; return true;
    case EGL_SAMPLE_BUFFERS: *v = c->samples > 0; return true;
    case EGL_LEVEL: case EGL_LUMINANCE_SIZE:
    case EGL_ALPHA_MASK_SIZE: case EGL_BIND_TO_TEXTURE_RGB: case EGL_BIND_TO_TEXTURE_RGBA:
    case EGL_TRANSPARENT_RED_VALUE: case EGL_TRANSPARENT_GREEN_VALUE:
    case EGL_TRANSPARENT_BLUE_VALUE:
        *v = 0; return true;
    default: return false;
    }
}

/* Translates an EGL attribute list into glcr's GLX-style one (the matching and sorting rules
 * agree for the attributes glcr's configs vary in). False: nothing can match. *match_pixmap:
 * EGL_MATCH_NATIVE_PIXMAP's pixmap, None if not given. */
static bool glx_attribs(const EGLint *a, int *out, size_t out_len, Pixmap *match_pixmap, EGLint *error)
{
    size_t n = 0;
    out[n++] = GLX_DOUBLEBUFFER; /* EGL window surfaces are back-buffered */
    out[n++] = True;
    for (; a && *a != EGL_NONE; a += 2) {
        EGLint v = a[1];
        int glx = 0;
        switch (a[0]) {
        case EGL_RED_SIZE: glx = GLX_RED_SIZE; break;
        case EGL_GREEN_SIZE: glx = GLX_GREEN_SIZE; break;
        case EGL_BLUE_SIZE: glx = GLX_BLUE_SIZE; break;
        case EGL_ALPHA_SIZE: glx = GLX_ALPHA_SIZE; break;
        case EGL_DEPTH_SIZE: glx = GLX_DEPTH_SIZE; break;
        case EGL_STENCIL_SIZE: glx = GLX_STENCIL_SIZE; break;
        case EGL_BUFFER_SIZE: glx = GLX_BUFFER_SIZE; break;
        case EGL_SAMPLES: glx = GLX_SAMPLES; break;
        case EGL_SAMPLE_BUFFERS: glx = GLX_SAMPLE_BUFFERS; break;
        case EGL_CONFIG_ID: glx = GLX_FBCONFIG_ID; break;
        case EGL_SURFACE_TYPE:
            if (v != EGL_DONT_CARE &&
                (v & ~(EGL_WINDOW_BIT | EGL_PBUFFER_BIT | EGL_PIXMAP_BIT | EGL_SWAP_BEHAVIOR_PRESERVED_BIT))) {
                log_warn("eglChooseConfig: EGL_SURFACE_TYPE 0x%x requested: glcr emulates window, "
                         "pixmap and pbuffer surfaces", v);
                return false;
            }
            continue;
        case EGL_RENDERABLE_TYPE: case EGL_CONFORMANT:
            if (v != EGL_DONT_CARE && (v & ~RENDERABLE))
                return false;
            continue;
        case EGL_COLOR_BUFFER_TYPE:
            if (v != EGL_DONT_CARE && v != EGL_RGB_BUFFER)
                return false;
            continue;
        case EGL_LUMINANCE_SIZE: case EGL_ALPHA_MASK_SIZE: case EGL_LEVEL:
        case EGL_BIND_TO_TEXTURE_RGB: case EGL_BIND_TO_TEXTURE_RGBA:
            if (v != EGL_DONT_CARE && v != 0)
                return false;
            continue;
        case EGL_CONFIG_CAVEAT: case EGL_TRANSPARENT_TYPE:
            if (v != EGL_DONT_CARE && v != EGL_NONE)
                return false;
            continue;
        case EGL_MATCH_NATIVE_PIXMAP:
            *match_pixmap = (Pixmap)(unsigned)v;
            continue;
        case EGL_NATIVE_RENDERABLE: case EGL_NATIVE_VISUAL_TYPE: case EGL_MIN_SWAP_INTERVAL:
        case EGL_MAX_SWAP_INTERVAL: case EGL_MAX_PBUFFER_WIDTH: case EGL_MAX_PBUFFER_HEIGHT:
        case EGL_MAX_PBUFFER_PIXELS: case EGL_NATIVE_VISUAL_ID: case EGL_TRANSPARENT_RED_VALUE:
        case EGL_TRANSPARENT_GREEN_VALUE: case EGL_TRANSPARENT_BLUE_VALUE:
            continue; /* ignored for matching, or every config matches */
        default:
            log_error("eglChooseConfig: attribute 0x%x unknown", a[0]);
            *error = EGL_BAD_ATTRIBUTE;
            return false;
        }
        if (n + 3 > out_len)
            break;
        out[n++] = glx;
        out[n++] = v == EGL_DONT_CARE ? (int)GLX_DONT_CARE : v;
    }
    out[n] = None;
    return true;
}

static EGLBoolean config_list(const struct glcr_fbconfig *const *list, int n, EGLConfig *configs,
                              EGLint size, EGLint *count)
{
    if (!count)
        FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglChooseConfig/eglGetConfigs: num_config is NULL");
    int k = 0;
    for (int i = 0; i < n; i++)
        if (list[i]->double_buffer) {
            if (configs && k < size)
                configs[k] = (EGLConfig)list[i];
            k++;
        }
    *count = configs ? (k < size ? k : size) : k;
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglGetConfigs(EGLDisplay handle, EGLConfig *configs, EGLint size, EGLint *count)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = initialized(handle, "eglGetConfigs");
    if (!d)
        return EGL_FALSE;
    const struct glcr_fbconfig *all;
    int n = glcr_fbconfigs(d->x, d->screen, &all);
    const struct glcr_fbconfig *list[n > 0 ? n : 1];
    for (int i = 0; i < n; i++)
        list[i] = &all[i];
    return config_list(list, n, configs, size, count);
}

/* EGL_MATCH_NATIVE_PIXMAP: only configs whose visual has the pixmap's depth. */
static int keep_pixmap_compatible(struct egl_display *d, Pixmap pixmap, const struct glcr_fbconfig **list, int n,
                                  EGLint *error)
{
    Window root;
    int x, y;
    unsigned w, h, border, depth;
    if (!XGetGeometry(d->x, pixmap, &root, &x, &y, &w, &h, &border, &depth)) {
        log_error("eglChooseConfig: EGL_MATCH_NATIVE_PIXMAP 0x%lx is not an X pixmap", pixmap);
        *error = EGL_BAD_NATIVE_PIXMAP;
        return 0;
    }
    int kept = 0;
    for (int i = 0; i < n; i++)
        if (list[i]->visual_depth == (int)depth)
            list[kept++] = list[i];
    return kept;
}

GLCR_EXPORT EGLBoolean eglChooseConfig(EGLDisplay handle, const EGLint *attribs, EGLConfig *configs,
                                       EGLint size, EGLint *count)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = initialized(handle, "eglChooseConfig");
    if (!d)
        return EGL_FALSE;
    int glx[64];
    EGLint error = EGL_SUCCESS;
    const struct glcr_fbconfig **list = NULL;
    int n = 0;
    Pixmap match = None;
    if (glx_attribs(attribs, glx, sizeof glx / sizeof *glx, &match, &error))
        n = glcr_fbconfig_choose(d->x, d->screen, glx, false, &list);
    if (error == EGL_SUCCESS && match != None)
        n = keep_pixmap_compatible(d, match, list, n, &error);
    if (error != EGL_SUCCESS) {
        free(list);
        self.error = error;
        return EGL_FALSE;
    }
    EGLBoolean ok = config_list(list, n, configs, size, count);
    free(list);
    return ok;
}

GLCR_EXPORT EGLBoolean eglGetConfigAttrib(EGLDisplay handle, EGLConfig config, EGLint attrib, EGLint *value)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(handle, "eglGetConfigAttrib"))
        return EGL_FALSE;
    const struct glcr_fbconfig *c = config_of(config);
    if (!c)
        FAIL(EGL_BAD_CONFIG, EGL_FALSE, "eglGetConfigAttrib: %p is not an EGLConfig", config);
    if (!config_attrib(c, attrib, value))
        FAIL(EGL_BAD_ATTRIBUTE, EGL_FALSE, "eglGetConfigAttrib: attribute 0x%x unknown", attrib);
    OK(EGL_TRUE);
}

/* ---- surfaces ------------------------------------------------------------------------- */

static EGLSurface refuse_surface(const char *call, const char *what)
{
    FAIL(EGL_BAD_MATCH, EGL_NO_SURFACE, "%s: %s are not emulated by glcr yet (window surfaces are)",
         call, what);
}

static EGLSurface add_surface(const char *call, struct egl_display *d, const struct glcr_fbconfig *c,
                              struct glcr_drawable *drawable)
{
    struct egl_surface *s = calloc(1, sizeof *s);
    if (!s) {
        if (drawable->kind != GLCR_DRAWABLE_WINDOW)
            glcr_drawable_destroy(drawable);
        FAIL(EGL_BAD_ALLOC, EGL_NO_SURFACE, "%s: out of memory", call);
    }
    s->drawable = drawable;
    s->dpy = d;
    s->config = c;
    pthread_mutex_lock(&egl_lock);
    s->next = surfaces;
    surfaces = s;
    pthread_mutex_unlock(&egl_lock);
    OK((EGLSurface)s);
}

/* Window and pixmap surfaces: glcr drawables on the X window or pixmap `native`. A pixmap
 * renders with the config's single-buffered sibling, and rendering reaches the X pixmap on
 * glFlush, glFinish, eglWaitClient and eglWaitGL, as with a GLX pixmap. */
static EGLSurface native_surface(const char *call, EGLDisplay handle, EGLConfig config, bool pixmap, XID native,
                                 const EGLAttrib *attribs)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = initialized(handle, call);
    if (!d)
        return EGL_NO_SURFACE;
    const struct glcr_fbconfig *c = config_of(config);
    if (!c)
        FAIL(EGL_BAD_CONFIG, EGL_NO_SURFACE, "%s: %p is not an EGLConfig", call, config);
    for (const EGLAttrib *a = attribs; a && *a != EGL_NONE; a += 2) {
        bool fine = (!pixmap && a[0] == EGL_RENDER_BUFFER && a[1] == EGL_BACK_BUFFER) ||
                    (a[0] == EGL_GL_COLORSPACE && a[1] == EGL_GL_COLORSPACE_LINEAR) ||
                    (a[0] == EGL_VG_COLORSPACE || a[0] == EGL_VG_ALPHA_FORMAT);
        if (!fine)
            FAIL(EGL_BAD_MATCH, EGL_NO_SURFACE, "%s: attribute 0x%x = 0x%x is not supported by glcr (%s "
                 "are not emulated yet)", call, (unsigned)a[0], (unsigned)a[1],
                 pixmap ? "sRGB pixmap surfaces" : "single-buffered and sRGB window surfaces");
    }
    struct glcr_drawable *drawable = pixmap ? glcr_pixmap_create(d->x, glcr_fbconfig_single_buffered(c), native)
                                            : glcr_drawable_get(d->x, native, c);
    if (!drawable)
        FAIL(pixmap ? EGL_BAD_NATIVE_PIXMAP : EGL_BAD_NATIVE_WINDOW, EGL_NO_SURFACE,
             "%s: 0x%lx is not an X %s glcr can render to", call, native, pixmap ? "pixmap" : "window");
    return add_surface(call, d, c, drawable);
}

/* An EGLint attribute list as EGLAttrib (up to 7 pairs, the most any surface takes). */
static const EGLAttrib *widened(const EGLint *attribs, EGLAttrib list[16])
{
    int n = 0;
    for (const EGLint *a = attribs; a && *a != EGL_NONE && n < 14; a += 2) {
        list[n++] = a[0];
        list[n++] = a[1];
    }
    list[n] = EGL_NONE;
    return list;
}

GLCR_EXPORT EGLSurface eglCreateWindowSurface(EGLDisplay dpy, EGLConfig config, EGLNativeWindowType win,
                                              const EGLint *attribs)
{
    EGLAttrib list[16];
    return native_surface("eglCreateWindowSurface", dpy, config, false, (Window)win, widened(attribs, list));
}

/* The X11 platform passes a pointer to the Window (EGL_KHR_platform_x11). */
GLCR_EXPORT EGLSurface eglCreatePlatformWindowSurface(EGLDisplay dpy, EGLConfig config, void *win,
                                                      const EGLAttrib *attribs)
{
    if (!win)
        FAIL(EGL_BAD_NATIVE_WINDOW, EGL_NO_SURFACE, "eglCreatePlatformWindowSurface: no window");
    return native_surface("eglCreatePlatformWindowSurface", dpy, config, false, *(Window *)win, attribs);
}

GLCR_EXPORT EGLSurface eglCreatePlatformWindowSurfaceEXT(EGLDisplay dpy, EGLConfig config, void *win,
                                                         const EGLint *attribs)
{
    if (!win)
        FAIL(EGL_BAD_NATIVE_WINDOW, EGL_NO_SURFACE, "eglCreatePlatformWindowSurfaceEXT: no window");
    return eglCreateWindowSurface(dpy, config, *(Window *)win, attribs);
}

GLCR_EXPORT EGLSurface eglCreatePbufferSurface(EGLDisplay handle, EGLConfig config, const EGLint *attribs)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = initialized(handle, "eglCreatePbufferSurface");
    if (!d)
        return EGL_NO_SURFACE;
    const struct glcr_fbconfig *c = config_of(config);
    if (!c)
        FAIL(EGL_BAD_CONFIG, EGL_NO_SURFACE, "eglCreatePbufferSurface: %p is not an EGLConfig", config);
    EGLint width = 0, height = 0;
    bool largest = false;
    for (const EGLint *a = attribs; a && *a != EGL_NONE; a += 2) {
        switch (a[0]) {
        case EGL_WIDTH: width = a[1]; break;
        case EGL_HEIGHT: height = a[1]; break;
        case EGL_LARGEST_PBUFFER: largest = a[1]; break;
        case EGL_TEXTURE_FORMAT: case EGL_TEXTURE_TARGET:
            if (a[1] != EGL_NO_TEXTURE)
                FAIL(EGL_BAD_MATCH, EGL_NO_SURFACE, "eglCreatePbufferSurface: pbuffers bound as "
                     "textures (attribute 0x%x) are not emulated by glcr yet", a[0]);
            break;
        case EGL_MIPMAP_TEXTURE:
            if (a[1])
                FAIL(EGL_BAD_MATCH, EGL_NO_SURFACE, "eglCreatePbufferSurface: EGL_MIPMAP_TEXTURE is "
                     "not emulated by glcr yet");
            break;
        case EGL_GL_COLORSPACE:
            if (a[1] != EGL_GL_COLORSPACE_LINEAR)
                FAIL(EGL_BAD_MATCH, EGL_NO_SURFACE, "eglCreatePbufferSurface: sRGB surfaces are not "
                     "emulated by glcr yet");
            break;
        case EGL_VG_COLORSPACE: case EGL_VG_ALPHA_FORMAT: break;
        default:
            FAIL(EGL_BAD_ATTRIBUTE, EGL_NO_SURFACE, "eglCreatePbufferSurface: attribute 0x%x unknown", a[0]);
        }
    }
    if (width < 0 || height < 0 || width > GLCR_MAX_PBUFFER_SIZE || height > GLCR_MAX_PBUFFER_SIZE)
        FAIL(EGL_BAD_PARAMETER, EGL_NO_SURFACE, "eglCreatePbufferSurface: %dx%d is outside 0..%d",
             width, height, GLCR_MAX_PBUFFER_SIZE);
    struct glcr_drawable *drawable = glcr_pbuffer_create(d->x, c, width, height);
    if (!drawable)
        FAIL(EGL_BAD_ALLOC, EGL_NO_SURFACE, "eglCreatePbufferSurface: cannot create a %dx%d pbuffer",
             width, height);
    drawable->largest_pbuffer = largest;
    return add_surface("eglCreatePbufferSurface", d, c, drawable);
}

GLCR_EXPORT EGLSurface eglCreatePixmapSurface(EGLDisplay dpy, EGLConfig config, EGLNativePixmapType pixmap,
                                              const EGLint *attribs)
{
    EGLAttrib list[16];
    return native_surface("eglCreatePixmapSurface", dpy, config, true, (Pixmap)pixmap, widened(attribs, list));
}

/* The X11 platform passes a pointer to the Pixmap (EGL_KHR_platform_x11). */
GLCR_EXPORT EGLSurface eglCreatePlatformPixmapSurface(EGLDisplay dpy, EGLConfig config, void *pixmap,
                                                      const EGLAttrib *attribs)
{
    if (!pixmap)
        FAIL(EGL_BAD_NATIVE_PIXMAP, EGL_NO_SURFACE, "eglCreatePlatformPixmapSurface: no pixmap");
    return native_surface("eglCreatePlatformPixmapSurface", dpy, config, true, *(Pixmap *)pixmap, attribs);
}

GLCR_EXPORT EGLSurface eglCreatePlatformPixmapSurfaceEXT(EGLDisplay dpy, EGLConfig config, void *pixmap,
                                                         const EGLint *attribs)
{
    if (!pixmap)
        FAIL(EGL_BAD_NATIVE_PIXMAP, EGL_NO_SURFACE, "eglCreatePlatformPixmapSurfaceEXT: no pixmap");
    return eglCreatePixmapSurface(dpy, config, *(Pixmap *)pixmap, attribs);
}

GLCR_EXPORT EGLSurface eglCreatePbufferFromClientBuffer(EGLDisplay dpy, EGLenum type, EGLClientBuffer buffer,
                                                        EGLConfig config, const EGLint *attribs)
{
    (void)dpy, (void)type, (void)buffer, (void)config, (void)attribs;
    return refuse_surface("eglCreatePbufferFromClientBuffer", "pbuffer surfaces");
}

static bool surface_in_use(const struct egl_surface *s)
{
    bool used = false;
    pthread_mutex_lock(&glcr_registry_lock);
    for (struct glcr_context *c = glcr_contexts; c && !used; c = c->next)
        used = c->bound_tid && (c->draw == s->drawable || c->read == s->drawable);
    pthread_mutex_unlock(&glcr_registry_lock);
    return used;
}

GLCR_EXPORT EGLBoolean eglDestroySurface(EGLDisplay dpy, EGLSurface handle)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglDestroySurface"))
        return EGL_FALSE;
    struct egl_surface *s = surface_of(handle);
    if (!s)
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglDestroySurface: %p is not an EGLSurface", handle);
    pthread_mutex_lock(&egl_lock);
    for (struct egl_surface **p = &surfaces; *p; p = &(*p)->next)
        if (*p == s) {
            *p = s->next;
            break;
        }
    pthread_mutex_unlock(&egl_lock);
    /* A surface current somewhere lives on until released; its drawable is simply kept (the
     * window may get a new surface later, which finds it). */
    if (!surface_in_use(s))
        glcr_drawable_destroy(s->drawable);
    free(s);
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglQuerySurface(EGLDisplay dpy, EGLSurface handle, EGLint attrib, EGLint *value)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglQuerySurface"))
        return EGL_FALSE;
    struct egl_surface *s = surface_of(handle);
    if (!s)
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglQuerySurface: %p is not an EGLSurface", handle);
    glcr_drawable_poll_size(s->drawable);
    switch (attrib) {
    case EGL_WIDTH: *value = s->drawable->window_width; break;
    case EGL_HEIGHT: *value = s->drawable->window_height; break;
    case EGL_CONFIG_ID: *value = s->config->id; break;
    case EGL_RENDER_BUFFER:
        *value = s->drawable->kind == GLCR_DRAWABLE_PIXMAP ? EGL_SINGLE_BUFFER : EGL_BACK_BUFFER;
        break;
    case EGL_SWAP_BEHAVIOR: *value = EGL_BUFFER_DESTROYED; break;
    case EGL_MULTISAMPLE_RESOLVE: *value = EGL_MULTISAMPLE_RESOLVE_DEFAULT; break;
    case EGL_GL_COLORSPACE: *value = EGL_GL_COLORSPACE_LINEAR; break;
    case EGL_HORIZONTAL_RESOLUTION: case EGL_VERTICAL_RESOLUTION: case EGL_PIXEL_ASPECT_RATIO:
        *value = EGL_UNKNOWN;
        break;
    case EGL_LARGEST_PBUFFER: case EGL_MIPMAP_TEXTURE: case EGL_MIPMAP_LEVEL:
    case EGL_TEXTURE_FORMAT: case EGL_TEXTURE_TARGET:
        /* Pbuffer attributes: "not modified" for windows (EGL 1.5, 3.5.6). */
        if (s->drawable->kind == GLCR_DRAWABLE_PBUFFER)
            *value = attrib == EGL_LARGEST_PBUFFER ? s->drawable->largest_pbuffer
                     : attrib == EGL_TEXTURE_FORMAT || attrib == EGL_TEXTURE_TARGET ? EGL_NO_TEXTURE : 0;
        break;
    default: FAIL(EGL_BAD_ATTRIBUTE, EGL_FALSE, "eglQuerySurface: attribute 0x%x unknown", attrib);
    }
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglSurfaceAttrib(EGLDisplay dpy, EGLSurface handle, EGLint attrib, EGLint value)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglSurfaceAttrib"))
        return EGL_FALSE;
    if (!surface_of(handle))
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglSurfaceAttrib: %p is not an EGLSurface", handle);
    if ((attrib == EGL_SWAP_BEHAVIOR && value == EGL_BUFFER_DESTROYED) ||
        (attrib == EGL_MULTISAMPLE_RESOLVE && value == EGL_MULTISAMPLE_RESOLVE_DEFAULT))
        OK(EGL_TRUE);
    FAIL(EGL_BAD_MATCH, EGL_FALSE, "eglSurfaceAttrib: attribute 0x%x = 0x%x is not supported by glcr "
         "(preserved swaps are not emulated yet)", attrib, value);
}

GLCR_EXPORT EGLBoolean eglBindTexImage(EGLDisplay dpy, EGLSurface surface, EGLint buffer)
{
    (void)dpy, (void)surface, (void)buffer;
    FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglBindTexImage: glcr has no pbuffer surfaces to bind");
}

GLCR_EXPORT EGLBoolean eglReleaseTexImage(EGLDisplay dpy, EGLSurface surface, EGLint buffer)
{
    (void)dpy, (void)surface, (void)buffer;
    FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglReleaseTexImage: glcr has no pbuffer surfaces to bind");
}

/* ---- contexts ------------------------------------------------------------------------- */

GLCR_EXPORT EGLBoolean eglBindAPI(EGLenum api)
{
    GLCR_WINSYS_ENTER();
    if (api != EGL_OPENGL_API && api != EGL_OPENGL_ES_API)
        FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglBindAPI: API 0x%x is not offered (OpenGL and OpenGL ES are)", api);
    self.api = api;
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLenum eglQueryAPI(void)
{
    return self.api ? self.api : EGL_OPENGL_ES_API;
}

/* EGL context attributes, EGL 1.5 and EGL_KHR_create_context. False: error set. */
static bool context_attribs(const EGLint *a, bool gles, struct glcr_context_attribs *out)
{
    *out = (struct glcr_context_attribs){.gles = gles, .major = gles ? 1 : 0};
    for (; a && *a != EGL_NONE; a += 2) {
        switch (a[0]) {
        case EGL_CONTEXT_MAJOR_VERSION: out->major = a[1]; break; /* = EGL_CONTEXT_CLIENT_VERSION */
        case EGL_CONTEXT_MINOR_VERSION: out->minor = a[1]; break;
        case EGL_CONTEXT_OPENGL_PROFILE_MASK:
            out->profile_mask = a[1] & EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT ? 1 : 2;
            break;
        case EGL_CONTEXT_OPENGL_DEBUG: out->debug = a[1]; break;
        case EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE: out->forward_compatible = a[1]; break;
        case EGL_CONTEXT_OPENGL_ROBUST_ACCESS: case EGL_CONTEXT_OPENGL_ROBUST_ACCESS_EXT:
            out->robust = a[1];
            break;
        case EGL_CONTEXT_FLAGS_KHR:
            out->debug = a[1] & EGL_CONTEXT_OPENGL_DEBUG_BIT_KHR;
            out->forward_compatible = a[1] & EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE_BIT_KHR;
            out->robust = a[1] & EGL_CONTEXT_OPENGL_ROBUST_ACCESS_BIT_KHR;
            break;
        case EGL_CONTEXT_OPENGL_RESET_NOTIFICATION_STRATEGY:
        case EGL_CONTEXT_OPENGL_RESET_NOTIFICATION_STRATEGY_EXT:
            if (a[1] != EGL_NO_RESET_NOTIFICATION)
                FAIL(EGL_BAD_MATCH, false, "eglCreateContext: reset notification is not offered by glcr");
            break;
        case EGL_CONTEXT_OPENGL_NO_ERROR_KHR: out->no_error = a[1]; break;
        default: FAIL(EGL_BAD_ATTRIBUTE, false, "eglCreateContext: attribute 0x%x is not supported by glcr", a[0]);
        }
    }
    if (gles && out->major < 2)
        FAIL(EGL_BAD_MATCH, false, "eglCreateContext: OpenGL ES %d.%d is not offered by glcr (ES 2 and 3 are)",
             out->major, out->minor);
    if (!gles && out->major && !out->profile_mask && (out->major > 3 || (out->major == 3 && out->minor >= 2)))
        out->profile_mask = 1; /* core: the EGL_KHR_create_context default */
    return true;
}

GLCR_EXPORT EGLContext eglCreateContext(EGLDisplay dpy, EGLConfig config, EGLContext share, const EGLint *attribs)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglCreateContext"))
        return EGL_NO_CONTEXT;
    const struct glcr_fbconfig *c = config == EGL_NO_CONFIG_KHR ? NULL : config_of(config);
    if (config != EGL_NO_CONFIG_KHR && !c)
        FAIL(EGL_BAD_CONFIG, EGL_NO_CONTEXT, "eglCreateContext: %p is not an EGLConfig", config);
    struct glcr_context *share_ctx = NULL;
    if (share != EGL_NO_CONTEXT && !(share_ctx = context_of(share)))
        FAIL(EGL_BAD_CONTEXT, EGL_NO_CONTEXT, "eglCreateContext: the share context %p is not an EGLContext", share);
    struct glcr_context_attribs a;
    if (!context_attribs(attribs, eglQueryAPI() == EGL_OPENGL_ES_API, &a))
        return EGL_NO_CONTEXT;
    char err[256] = "";
    struct glcr_context *ctx = glcr_context_create(&a, c, share_ctx, err, sizeof err);
    if (!ctx)
        FAIL(EGL_BAD_MATCH, EGL_NO_CONTEXT, "eglCreateContext: %s", err);
    OK((EGLContext)ctx);
}

GLCR_EXPORT EGLBoolean eglDestroyContext(EGLDisplay dpy, EGLContext handle)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglDestroyContext"))
        return EGL_FALSE;
    struct glcr_context *c = context_of(handle);
    if (!c)
        FAIL(EGL_BAD_CONTEXT, EGL_FALSE, "eglDestroyContext: %p is not an EGLContext", handle);
    glcr_context_release(c);
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglQueryContext(EGLDisplay dpy, EGLContext handle, EGLint attrib, EGLint *value)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglQueryContext"))
        return EGL_FALSE;
    struct glcr_context *c = context_of(handle);
    if (!c)
        FAIL(EGL_BAD_CONTEXT, EGL_FALSE, "eglQueryContext: %p is not an EGLContext", handle);
    switch (attrib) {
    case EGL_CONFIG_ID: *value = c->config ? c->config->id : 0; break;
    case EGL_CONTEXT_CLIENT_TYPE: *value = c->attribs.gles ? EGL_OPENGL_ES_API : EGL_OPENGL_API; break;
    case EGL_CONTEXT_CLIENT_VERSION: *value = c->attribs.major; break;
    case EGL_RENDER_BUFFER:
        *value = !c->draw ? EGL_NONE : c->draw->kind == GLCR_DRAWABLE_PIXMAP ? EGL_SINGLE_BUFFER : EGL_BACK_BUFFER;
        break;
    default: FAIL(EGL_BAD_ATTRIBUTE, EGL_FALSE, "eglQueryContext: attribute 0x%x unknown", attrib);
    }
    OK(EGL_TRUE);
}

/* ---- binding and presenting ----------------------------------------------------------- */

static EGLBoolean make_current(struct egl_display *d, EGLSurface draw, EGLSurface read, EGLContext ctx)
{
    if (ctx == EGL_NO_CONTEXT) {
        if (draw != EGL_NO_SURFACE || read != EGL_NO_SURFACE)
            FAIL(EGL_BAD_MATCH, EGL_FALSE, "eglMakeCurrent: surfaces given without a context");
        glcr_unbind();
        self.dpy = NULL;
        self.draw = self.read = NULL;
        OK(EGL_TRUE);
    }
    struct glcr_context *c = context_of(ctx);
    if (!c)
        FAIL(EGL_BAD_CONTEXT, EGL_FALSE, "eglMakeCurrent: %p is not an EGLContext", ctx);
    struct egl_surface *ds = draw == EGL_NO_SURFACE ? NULL : surface_of(draw);
    struct egl_surface *rs = read == EGL_NO_SURFACE ? NULL : surface_of(read);
    if ((draw != EGL_NO_SURFACE && !ds) || (read != EGL_NO_SURFACE && !rs))
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglMakeCurrent: %p is not an EGLSurface", ds ? read : draw);
    if (!ds != !rs)
        FAIL(EGL_BAD_MATCH, EGL_FALSE, "eglMakeCurrent: a draw surface without a read surface or back");
    if (c->bound_tid && c->bound_tid != glcr_gettid())
        FAIL(EGL_BAD_ACCESS, EGL_FALSE, "eglMakeCurrent: context %u is current in another thread", c->id);
    if (!glcr_bind("eglMakeCurrent", c, ds ? ds->drawable : NULL, rs ? rs->drawable : NULL))
        FAIL(EGL_BAD_ALLOC, EGL_FALSE, "eglMakeCurrent: context %u could not be bound", c->id);
    self.dpy = d;
    self.draw = ds;
    self.read = rs;
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglMakeCurrent(EGLDisplay dpy, EGLSurface draw, EGLSurface read, EGLContext ctx)
{
    GLCR_WINSYS_ENTER();
    struct egl_display *d = display_of(dpy);
    if (!d && !(dpy == EGL_NO_DISPLAY && ctx == EGL_NO_CONTEXT))
        FAIL(EGL_BAD_DISPLAY, EGL_FALSE, "eglMakeCurrent: %p is not an EGLDisplay", dpy);
    /* Counted as a binding change, so that a checkpoint waits for it (see glXMakeContextCurrent). */
    glcr_binding_change(1);
    EGLBoolean ok = make_current(d, draw, read, ctx);
    glcr_binding_change(-1);
    return ok;
}

GLCR_EXPORT EGLContext eglGetCurrentContext(void)
{
    struct glcr_context *c = glcr_current();
    return self.dpy && c ? (EGLContext)c : EGL_NO_CONTEXT;
}

GLCR_EXPORT EGLSurface eglGetCurrentSurface(EGLint which)
{
    if (which != EGL_DRAW && which != EGL_READ)
        FAIL(EGL_BAD_PARAMETER, EGL_NO_SURFACE, "eglGetCurrentSurface: 0x%x is neither EGL_DRAW nor EGL_READ", which);
    struct egl_surface *s = which == EGL_DRAW ? self.draw : self.read;
    return s ? (EGLSurface)s : EGL_NO_SURFACE;
}

GLCR_EXPORT EGLDisplay eglGetCurrentDisplay(void)
{
    return self.dpy ? (EGLDisplay)self.dpy : EGL_NO_DISPLAY;
}

GLCR_EXPORT EGLBoolean eglReleaseThread(void)
{
    GLCR_WINSYS_ENTER();
    if (self.dpy)
        make_current(self.dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    self.api = 0;
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglSwapBuffers(EGLDisplay dpy, EGLSurface handle)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglSwapBuffers"))
        return EGL_FALSE;
    struct egl_surface *s = surface_of(handle);
    if (!s)
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglSwapBuffers: %p is not an EGLSurface", handle);
    if (self.draw != s)
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglSwapBuffers: the surface is not current in this thread");
    glcr_present(s->drawable);
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglSwapInterval(EGLDisplay dpy, EGLint interval)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglSwapInterval"))
        return EGL_FALSE;
    /* Recorded; a virtual display has no vertical retrace to wait for. */
    swap_interval = interval < 0 ? 0 : interval > 8 ? 8 : interval;
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglCopyBuffers(EGLDisplay dpy, EGLSurface handle, EGLNativePixmapType target)
{
    GLCR_WINSYS_ENTER();
    if (!initialized(dpy, "eglCopyBuffers"))
        return EGL_FALSE;
    struct egl_surface *s = surface_of(handle);
    if (!s)
        FAIL(EGL_BAD_SURFACE, EGL_FALSE, "eglCopyBuffers: %p is not an EGLSurface", handle);
    char err[160];
    if (!glcr_drawable_copy_to_pixmap(s->drawable, (Pixmap)target, err, sizeof err))
        FAIL(EGL_BAD_MATCH, EGL_FALSE, "eglCopyBuffers: %s", err);
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglWaitClient(void)
{
    GLCR_WINSYS_ENTER();
    if (glcr_current() && !glcr_wait_client())
        glcr_driver.Finish();
    OK(EGL_TRUE);
}

GLCR_EXPORT EGLBoolean eglWaitGL(void)
{
    return eglWaitClient();
}

GLCR_EXPORT EGLBoolean eglWaitNative(EGLint engine)
{
    GLCR_WINSYS_ENTER();
    if (engine != EGL_CORE_NATIVE_ENGINE)
        FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglWaitNative: engine 0x%x unknown", engine);
    if (self.dpy)
        XSync(self.dpy->x, False);
    OK(EGL_TRUE);
}

/* ---- what glcr does not emulate: sync objects and images -------------------------------- */

GLCR_EXPORT EGLSync eglCreateSync(EGLDisplay dpy, EGLenum type, const EGLAttrib *attribs)
{
    (void)dpy, (void)attribs;
    FAIL(EGL_BAD_ATTRIBUTE, EGL_NO_SYNC, "eglCreateSync(type 0x%x): EGL sync objects are not emulated by "
         "glcr yet (GL sync objects are)", type);
}

GLCR_EXPORT EGLBoolean eglDestroySync(EGLDisplay dpy, EGLSync sync)
{
    (void)dpy, (void)sync;
    FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglDestroySync: glcr made no EGL sync object");
}

GLCR_EXPORT EGLint eglClientWaitSync(EGLDisplay dpy, EGLSync sync, EGLint flags, EGLTime timeout)
{
    (void)dpy, (void)sync, (void)flags, (void)timeout;
    FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglClientWaitSync: glcr made no EGL sync object");
}

GLCR_EXPORT EGLBoolean eglWaitSync(EGLDisplay dpy, EGLSync sync, EGLint flags)
{
    (void)dpy, (void)sync, (void)flags;
    FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglWaitSync: glcr made no EGL sync object");
}

GLCR_EXPORT EGLBoolean eglGetSyncAttrib(EGLDisplay dpy, EGLSync sync, EGLint attrib, EGLAttrib *value)
{
    (void)dpy, (void)sync, (void)attrib, (void)value;
    FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglGetSyncAttrib: glcr made no EGL sync object");
}

GLCR_EXPORT EGLImage eglCreateImage(EGLDisplay dpy, EGLContext ctx, EGLenum target, EGLClientBuffer buffer,
                                    const EGLAttrib *attribs)
{
    (void)dpy, (void)ctx, (void)buffer, (void)attribs;
    FAIL(EGL_BAD_PARAMETER, EGL_NO_IMAGE, "eglCreateImage(target 0x%x): EGL images are not emulated by glcr yet",
         target);
}

GLCR_EXPORT EGLBoolean eglDestroyImage(EGLDisplay dpy, EGLImage image)
{
    (void)dpy, (void)image;
    FAIL(EGL_BAD_PARAMETER, EGL_FALSE, "eglDestroyImage: glcr made no EGL image");
}

/* ---- procedure addresses -------------------------------------------------------------- */

GLCR_EXPORT __eglMustCastToProperFunctionPointerType eglGetProcAddress(const char *name);

#define EGL_PROC(name) {#name, (__eglMustCastToProperFunctionPointerType)name}

static const struct {
    const char *name;
    __eglMustCastToProperFunctionPointerType proc;
} egl_procs[] = {
    /* sorted by name: looked up with bsearch */
    EGL_PROC(eglBindAPI), EGL_PROC(eglBindTexImage), EGL_PROC(eglChooseConfig),
    EGL_PROC(eglClientWaitSync), EGL_PROC(eglCopyBuffers), EGL_PROC(eglCreateContext),
    EGL_PROC(eglCreateImage), EGL_PROC(eglCreatePbufferFromClientBuffer),
    EGL_PROC(eglCreatePbufferSurface), EGL_PROC(eglCreatePixmapSurface),
    EGL_PROC(eglCreatePlatformPixmapSurface), EGL_PROC(eglCreatePlatformPixmapSurfaceEXT),
    EGL_PROC(eglCreatePlatformWindowSurface),
    EGL_PROC(eglCreatePlatformWindowSurfaceEXT), EGL_PROC(eglCreateSync),
    EGL_PROC(eglCreateWindowSurface), EGL_PROC(eglDestroyContext), EGL_PROC(eglDestroyImage),
    EGL_PROC(eglDestroySurface), EGL_PROC(eglDestroySync), EGL_PROC(eglGetConfigAttrib),
    EGL_PROC(eglGetConfigs), EGL_PROC(eglGetCurrentContext), EGL_PROC(eglGetCurrentDisplay),
    EGL_PROC(eglGetCurrentSurface), EGL_PROC(eglGetDisplay), EGL_PROC(eglGetError),
    EGL_PROC(eglGetPlatformDisplay), EGL_PROC(eglGetPlatformDisplayEXT),
    EGL_PROC(eglGetProcAddress), EGL_PROC(eglGetSyncAttrib), EGL_PROC(eglInitialize),
    EGL_PROC(eglMakeCurrent), EGL_PROC(eglQueryAPI), EGL_PROC(eglQueryContext),
    EGL_PROC(eglQueryString), EGL_PROC(eglQuerySurface), EGL_PROC(eglReleaseTexImage),
    EGL_PROC(eglReleaseThread), EGL_PROC(eglSurfaceAttrib), EGL_PROC(eglSwapBuffers),
    EGL_PROC(eglSwapInterval), EGL_PROC(eglTerminate), EGL_PROC(eglWaitClient),
    EGL_PROC(eglWaitGL), EGL_PROC(eglWaitNative), EGL_PROC(eglWaitSync),
};

static int compare_proc(const void *key, const void *entry)
{
    return strcmp(key, *(const char *const *)entry);
}

GLCR_EXPORT __eglMustCastToProperFunctionPointerType eglGetProcAddress(const char *name)
{
    if (!name)
        return NULL;
    if (strncmp(name, "egl", 3) == 0) {
        const void *p = bsearch(name, egl_procs, sizeof egl_procs / sizeof *egl_procs, sizeof *egl_procs,
                                compare_proc);
        return p ? ((const __typeof__(egl_procs[0]) *)p)->proc : NULL;
    }
    return (__eglMustCastToProperFunctionPointerType)glcr_gl_proc(name);
}
