/* Callbacks from the driver into the app (GL debug output). The driver calls them with the
 * lower TCB as FS base; the trampoline switches back to the calling app thread's own before
 * the app's function runs. The app's callback is per context and is installed again after
 * every driver reload. */
#include "lower/callbacks.h"

#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "lower/driver_half.h"
#include "lower/fsswitch.h"
#include "lower/split.h"
#include "state/context.h"

static char replay_message[256];
static bool replay_watched;

__attribute__((no_stack_protector)) static void debug_trampoline(GLenum source, GLenum type, GLuint id,
                                                                 GLenum severity, GLsizei length,
                                                                 const GLchar *message, const void *user)
{
    const struct glcr_context *ctx = user;
    uint64_t fs = 0, app_fs = 0;
    if (glcr_lower_switches_fs()) {
        fs = glcr_fs_get();
        app_fs = glcr_lower_upper_fs_of(fs);
        if (!app_fs)
            return; /* a driver thread of its own: no app thread to run the callback on */
        glcr_fs_set(app_fs);
    }
    if (ctx->debug_callback)
        ctx->debug_callback(source, type, id, severity, length, message, ctx->debug_user);
    if (app_fs)
        glcr_fs_set(fs);
}

static void set_debug_callback(GLDEBUGPROC callback, const void *user)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx) {
        glcr_driver.DebugMessageCallback(callback, user);
        return;
    }
    ctx->debug_callback = callback;
    ctx->debug_user = user;
    glcr_driver.DebugMessageCallback(callback ? debug_trampoline : NULL, callback ? ctx : NULL);
}

void hook_glDebugMessageCallback(GLDEBUGPROC callback, const void *user)
{
    set_debug_callback(callback, user);
}

void hook_glDebugMessageCallbackARB(GLDEBUGPROCARB callback, const void *user)
{
    set_debug_callback((GLDEBUGPROC)callback, user);
}

void hook_glDebugMessageCallbackKHR(GLDEBUGPROCKHR callback, const void *user)
{
    set_debug_callback((GLDEBUGPROC)callback, user);
}

void glcr_callbacks_restore(struct glcr_context *ctx)
{
    /* Also when the app has none: the replay's own callback must not stay installed. */
    if (ctx->debug_callback || replay_watched)
        glcr_driver.DebugMessageCallback(ctx->debug_callback ? debug_trampoline : NULL,
                                         ctx->debug_callback ? ctx : NULL);
}

/* While the GL state is replayed into a fresh driver: the driver's own words for the last GL
 * error it raised (Mesa names the call: "GL_INVALID_ENUM in glEnable(0xffff)"), so a failed
 * replay can say which call failed. Runs on the lower FS: no TLS, no stack protector, no libc
 * beyond a copy. */
__attribute__((no_stack_protector)) static void replay_trampoline(GLenum source, GLenum type, GLuint id,
                                                                  GLenum severity, GLsizei length,
                                                                  const GLchar *message, const void *user)
{
    (void)source, (void)id, (void)severity, (void)user;
    if (type != GL_DEBUG_TYPE_ERROR || !message)
        return;
    size_t n = 0;
    for (; n + 1 < sizeof replay_message && (length < 0 ? message[n] != 0 : (GLsizei)n < length); n++)
        replay_message[n] = message[n];
    replay_message[n] = 0;
}

static bool has_khr_debug(void)
{
    GLint major = 0, minor = 0;
    glcr_driver.GetIntegerv(GL_MAJOR_VERSION, &major);
    glcr_driver.GetIntegerv(GL_MINOR_VERSION, &minor);
    while (glcr_driver.GetError() != GL_NO_ERROR)
        ;
    if (major > 4 || (major == 4 && minor >= 3))
        return true;
    const GLubyte *ext = glcr_driver.GetString(GL_EXTENSIONS);
    return ext && strstr((const char *)ext, "GL_KHR_debug");
}

void glcr_callbacks_watch_replay(void)
{
    replay_message[0] = 0;
    replay_watched = has_khr_debug();
    if (!replay_watched)
        return;
    /* The context's own debug state is set again by the replay (ctxstate), the app's
     * callback by glcr_callbacks_restore. */
    glcr_driver.DebugMessageCallback(replay_trampoline, NULL);
    glcr_driver.Enable(GL_DEBUG_OUTPUT);
    glcr_driver.Enable(GL_DEBUG_OUTPUT_SYNCHRONOUS);
}

const char *glcr_callbacks_replay_error(void)
{
    return replay_message;
}

bool glcr_callbacks_get_pointer(GLenum pname, void **out)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || (pname != GL_DEBUG_CALLBACK_FUNCTION && pname != GL_DEBUG_CALLBACK_USER_PARAM))
        return false;
    *out = pname == GL_DEBUG_CALLBACK_FUNCTION ? (void *)ctx->debug_callback : (void *)ctx->debug_user;
    return true;
}
