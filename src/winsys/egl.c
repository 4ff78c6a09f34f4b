#include "winsys/egl.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "intercept/dispatch.h"
#include "lower/driver_half.h"

struct glcr_egl glcr_egl;
static bool opened;
static EGLContext root = EGL_NO_CONTEXT; /* see glcr_egl_create_context */

#define LOAD(field, name)                                                                      \
    do {                                                                                       \
        glcr_egl.field = (void *)glcr_lower_egl_proc(name);                                    \
        if (!glcr_egl.field) {                                                                 \
            snprintf(err, err_len, "libEGL lacks %s", name);                                   \
            return false;                                                                      \
        }                                                                                      \
    } while (0)

static bool load_entry_points(char *err, size_t err_len)
{
    LOAD(GetPlatformDisplayEXT, "eglGetPlatformDisplayEXT");
    LOAD(Initialize, "eglInitialize");
    LOAD(Terminate, "eglTerminate");
    LOAD(BindAPI, "eglBindAPI");
    LOAD(CreateContext, "eglCreateContext");
    LOAD(DestroyContext, "eglDestroyContext");
    LOAD(MakeCurrent, "eglMakeCurrent");
    LOAD(GetCurrentContext, "eglGetCurrentContext");
    LOAD(QueryString, "eglQueryString");
    LOAD(GetError, "eglGetError");
    glcr_egl.QueryDevicesEXT = (void *)glcr_lower_egl_proc("eglQueryDevicesEXT");
    glcr_egl.QueryDeviceStringEXT = (void *)glcr_lower_egl_proc("eglQueryDeviceStringEXT");
    return true;
}

/* A hardware EGL device if there is one: a GPU renders without any window system. */
static EGLDeviceEXT find_hardware_device(void)
{
    EGLDeviceEXT devices[16];
    EGLint count = 0;
    if (!glcr_egl.QueryDevicesEXT || !glcr_egl.QueryDeviceStringEXT ||
        !glcr_egl.QueryDevicesEXT(16, devices, &count))
        return EGL_NO_DEVICE_EXT;
    for (EGLint i = 0; i < count; i++) {
        const char *ext = glcr_egl.QueryDeviceStringEXT(devices[i], EGL_EXTENSIONS);
        if (ext && !strstr(ext, "EGL_MESA_device_software"))
            return devices[i];
    }
    return EGL_NO_DEVICE_EXT;
}

static EGLDisplay open_display(char *err, size_t err_len)
{
    const char *want = getenv("GLCR_EGL_PLATFORM");
    bool auto_pick = !want || !*want || strcmp(want, "auto") == 0;
    if (auto_pick || strcmp(want, "device") == 0) {
        EGLDeviceEXT dev = find_hardware_device();
        if (dev != EGL_NO_DEVICE_EXT) {
            glcr_egl.platform = "device";
            return glcr_egl.GetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, dev, NULL);
        }
        if (!auto_pick) {
            snprintf(err, err_len, "GLCR_EGL_PLATFORM=device: no hardware EGL device found");
            return EGL_NO_DISPLAY;
        }
    } else if (strcmp(want, "surfaceless") != 0) {
        snprintf(err, err_len, "GLCR_EGL_PLATFORM=%s: unknown (auto, device, surfaceless)", want);
        return EGL_NO_DISPLAY;
    }
    glcr_egl.platform = "surfaceless";
    return glcr_egl.GetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, NULL);
}

static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

static bool open_locked(char *err, size_t err_len);

/* Several app threads may create their first contexts at the same time. */
bool glcr_egl_open(char *err, size_t err_len)
{
    if (__atomic_load_n(&opened, __ATOMIC_ACQUIRE))
        return true;
    pthread_mutex_lock(&open_lock);
    bool ok = opened || open_locked(err, err_len);
    pthread_mutex_unlock(&open_lock);
    return ok;
}

static bool open_locked(char *err, size_t err_len)
{
    if (!glcr_lower_boot(err, err_len))
        return false;
    if (!load_entry_points(err, err_len))
        goto fail;
    glcr_egl.display = open_display(err, err_len);
    if (glcr_egl.display == EGL_NO_DISPLAY) {
        if (!*err)
            snprintf(err, err_len, "no EGL display for the %s platform", glcr_egl.platform);
        goto fail;
    }
    EGLint major, minor;
    if (!glcr_egl.Initialize(glcr_egl.display, &major, &minor)) {
        snprintf(err, err_len, "eglInitialize (%s platform) failed: %s", glcr_egl.platform,
                 glcr_egl_error_name(glcr_egl.GetError()));
        goto fail;
    }
    const char *ext = glcr_egl.QueryString(glcr_egl.display, EGL_EXTENSIONS);
    if (!ext || !strstr(ext, "EGL_KHR_no_config_context") || !strstr(ext, "EGL_KHR_surfaceless_context")) {
        snprintf(err, err_len, "the EGL driver lacks EGL_KHR_no_config_context or "
                               "EGL_KHR_surfaceless_context, which glcr needs");
        glcr_egl.Terminate(glcr_egl.display);
        goto fail;
    }
    log_debug("EGL %d.%d on the %s platform, vendor %s", major, minor, glcr_egl.platform,
              glcr_egl.QueryString(glcr_egl.display, EGL_VENDOR));
    __atomic_store_n(&opened, true, __ATOMIC_RELEASE);
    return true;
fail:
    glcr_lower_teardown(err + strlen(err), err_len - strlen(err));
    return false;
}

bool glcr_egl_close(char *err, size_t err_len)
{
    if (!opened)
        return true;
    glcr_egl.MakeCurrent(glcr_egl.display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (root != EGL_NO_CONTEXT)
        glcr_egl.DestroyContext(glcr_egl.display, root);
    root = EGL_NO_CONTEXT;
    glcr_egl.Terminate(glcr_egl.display);
    opened = false;
    glcr_dispatch_reset();
    return glcr_lower_teardown(err, err_len);
}

void glcr_egl_forget(void)
{
    if (!opened)
        return;
    root = EGL_NO_CONTEXT;
    glcr_egl.display = EGL_NO_DISPLAY;
    opened = false;
    glcr_dispatch_reset();
    glcr_lower_forget();
}

bool glcr_egl_is_open(void)
{
    return opened;
}

/* Every context glcr creates shares objects, at the driver level, with one root context
 * (desktop GL; OpenGL ES contexts share with it too, which Mesa allows). The app never
 * notices: its object names are virtual and kept apart per app share group. What it buys:
 * the textures behind a window can be used by any context the app binds to that window,
 * whichever share group or API it is in, as with a real GLX drawable, and glcr's own
 * contexts can always be desktop GL. */
static EGLContext create(const struct glcr_context_attribs *a, EGLContext share, char *err, size_t err_len);

static EGLContext root_context(char *err, size_t err_len)
{
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&lock);
    if (root == EGL_NO_CONTEXT) {
        struct glcr_context_attribs a = {0};
        root = create(&a, EGL_NO_CONTEXT, err, err_len);
    }
    EGLContext r = root;
    pthread_mutex_unlock(&lock);
    return r;
}

EGLContext glcr_egl_create_context(const struct glcr_context_attribs *a, EGLContext share,
                                   char *err, size_t err_len)
{
    if (share == EGL_NO_CONTEXT && (share = root_context(err, err_len)) == EGL_NO_CONTEXT)
        return EGL_NO_CONTEXT;
    return create(a, share, err, err_len);
}

static EGLContext create(const struct glcr_context_attribs *a, EGLContext share, char *err, size_t err_len)
{
    EGLint attribs[16], n = 0;
    if (a->major) {
        attribs[n++] = EGL_CONTEXT_MAJOR_VERSION;
        attribs[n++] = a->major;
        attribs[n++] = EGL_CONTEXT_MINOR_VERSION;
        attribs[n++] = a->minor;
    }
    if (!a->gles && a->profile_mask) {
        attribs[n++] = EGL_CONTEXT_OPENGL_PROFILE_MASK;
        attribs[n++] = a->profile_mask;
    }
    if (a->debug) {
        attribs[n++] = EGL_CONTEXT_OPENGL_DEBUG;
        attribs[n++] = EGL_TRUE;
    }
    if (a->forward_compatible) {
        attribs[n++] = EGL_CONTEXT_OPENGL_FORWARD_COMPATIBLE;
        attribs[n++] = EGL_TRUE;
    }
    if (a->robust) {
        attribs[n++] = EGL_CONTEXT_OPENGL_ROBUST_ACCESS;
        attribs[n++] = EGL_TRUE;
    }
    if (a->no_error) {
        attribs[n++] = EGL_CONTEXT_OPENGL_NO_ERROR_KHR;
        attribs[n++] = EGL_TRUE;
    }
    attribs[n] = EGL_NONE;
    glcr_egl.BindAPI(a->gles ? EGL_OPENGL_ES_API : EGL_OPENGL_API);
    EGLContext ctx = glcr_egl.CreateContext(glcr_egl.display, EGL_NO_CONFIG_KHR, share, attribs);
    if (ctx == EGL_NO_CONTEXT)
        snprintf(err, err_len, "eglCreateContext(%s %d.%d%s) failed: %s", a->gles ? "GLES" : "GL",
                 a->major, a->minor, a->profile_mask == 1 ? " core" : "",
                 glcr_egl_error_name(glcr_egl.GetError()));
    return ctx;
}

bool glcr_egl_make_current(EGLContext ctx)
{
    return glcr_egl.MakeCurrent(glcr_egl.display, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx);
}

const char *glcr_egl_error_name(EGLint error)
{
    switch (error) {
    case EGL_SUCCESS: return "EGL_SUCCESS";
    case EGL_NOT_INITIALIZED: return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS: return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC: return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE: return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONFIG: return "EGL_BAD_CONFIG";
    case EGL_BAD_CONTEXT: return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY: return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH: return "EGL_BAD_MATCH";
    case EGL_BAD_PARAMETER: return "EGL_BAD_PARAMETER";
    default: return "EGL error";
    }
}
