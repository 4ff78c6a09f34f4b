/* Callbacks from the driver into the app (GL debug output). The driver calls them with the
 * lower TCB as FS base; the trampoline switches back to the calling app thread's own before
 * the app's function runs. The app's callback is per context and is installed again after
 * every driver reload. */
#include "lower/callbacks.h"

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "lower/driver_half.h"
#include "lower/fsswitch.h"
#include "lower/split.h"
#include "state/context.h"

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
    if (ctx->debug_callback)
        glcr_driver.DebugMessageCallback(debug_trampoline, ctx);
}

bool glcr_callbacks_get_pointer(GLenum pname, void **out)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || (pname != GL_DEBUG_CALLBACK_FUNCTION && pname != GL_DEBUG_CALLBACK_USER_PARAM))
        return false;
    *out = pname == GL_DEBUG_CALLBACK_FUNCTION ? (void *)ctx->debug_callback : (void *)ctx->debug_user;
    return true;
}
