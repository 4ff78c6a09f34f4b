/* The app's framebuffer 0 is an FBO of glcr's (see drawable.h): these hooks keep the
 * illusion for binding, draw/read buffer selection and the queries that reveal them. */
#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/checkpoint.h"
#include "state/context.h"
#include "state/get.h"
#include "winsys/bind.h"
#include "winsys/drawable.h"
#include "winsys/fbconfig.h"

static void bind_framebuffer(GLenum target, GLuint framebuffer, glcr_pfn_glBindFramebuffer driver_bind)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx) {
        driver_bind(target, framebuffer);
        return;
    }
    bool draw = target == GL_FRAMEBUFFER || target == GL_DRAW_FRAMEBUFFER;
    bool read = target == GL_FRAMEBUFFER || target == GL_READ_FRAMEBUFFER;
    if (!draw && !read) {
        driver_bind(target, framebuffer); /* the driver raises GL_INVALID_ENUM */
        return;
    }
    GLuint real = glcr_name_real(GLCR_OBJ_FRAMEBUFFER, framebuffer);
    if (real == GLCR_NAME_INVALID && ctx->legacy) {
        /* Compatibility profile: binding an unused name creates the framebuffer. */
        glcr_driver.GenFramebuffers(1, &real);
        glcr_object_bind_new(GLCR_OBJ_FRAMEBUFFER, framebuffer, real);
    }
    if (real == GLCR_NAME_INVALID) {
        driver_bind(target, real); /* the driver raises the error; the binding stays */
        return;
    }
    if (draw)
        ctx->app_draw_fbo = framebuffer;
    if (read)
        ctx->app_read_fbo = framebuffer;
    if (!framebuffer) {
        glcr_bind_default_framebuffers(ctx, target);
        return;
    }
    driver_bind(target, real);
}

void hook_glBindFramebuffer(GLenum target, GLuint framebuffer)
{
    bind_framebuffer(target, framebuffer, glcr_driver.BindFramebuffer);
}

void hook_glBindFramebufferEXT(GLenum target, GLuint framebuffer)
{
    bind_framebuffer(target, framebuffer, glcr_driver.BindFramebufferEXT);
}

/* A default-framebuffer buffer name for the bound drawable; GL_INVALID_ENUM-raising value
 * when it names nothing the emulation has. */
static GLenum map_buffer(struct glcr_drawable *d, GLenum buffer, bool draw)
{
    GLenum att = !d ? GL_NONE : draw ? glcr_drawable_draw_attachment(d, buffer)
                                     : glcr_drawable_attachment(d, buffer);
    return d && !att && buffer != GL_NONE ? buffer : att;
}

void hook_glDrawBuffer(GLenum buf)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || ctx->app_draw_fbo) {
        glcr_driver.DrawBuffer(buf);
        return;
    }
    if (buf == GL_FRONT_AND_BACK && ctx->draw && ctx->draw->config->double_buffer)
        glcr_taint_reason("glDrawBuffer(GL_FRONT_AND_BACK) on a window is not supported yet");
    ctx->default_draw_buffer = buf;
    glcr_driver.DrawBuffer(map_buffer(ctx->draw, buf, true));
}

void hook_glReadBuffer(GLenum src)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || ctx->app_read_fbo) {
        glcr_driver.ReadBuffer(src);
        return;
    }
    ctx->default_read_buffer = src;
    glcr_driver.ReadBuffer(map_buffer(ctx->read, src, false));
}

void hook_glDrawBuffers(GLsizei n, const GLenum *bufs)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || ctx->app_draw_fbo || n != 1 || !bufs) {
        glcr_driver.DrawBuffers(n, bufs);
        return;
    }
    ctx->default_draw_buffer = bufs[0];
    GLenum mapped = map_buffer(ctx->draw, bufs[0], true);
    glcr_driver.DrawBuffers(1, &mapped);
}

/* Front-buffer rendering reaches the window when the app flushes or finishes, as with a
 * native window system. */
void hook_glFlush(void)
{
    if (!glcr_wait_client())
        glcr_driver.Flush();
}

void hook_glFinish(void)
{
    if (!glcr_wait_client())
        glcr_driver.Finish();
    glcr_checkpoint_finished();
}

/* Values the driver cannot know; false when the driver's answer stands. */
bool glcr_defaultfb_get(GLenum pname, GLint64 *out, int *count)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx)
        return false;
    *count = 1;
    switch (pname) {
    case GL_DRAW_FRAMEBUFFER_BINDING: *out = ctx->app_draw_fbo; return true;
    case GL_READ_FRAMEBUFFER_BINDING: *out = ctx->app_read_fbo; return true;
    case GL_DRAW_BUFFER: case GL_DRAW_BUFFER0:
        if (ctx->app_draw_fbo)
            return false;
        *out = ctx->default_draw_buffer;
        return true;
    case GL_READ_BUFFER:
        if (ctx->app_read_fbo)
            return false;
        *out = ctx->default_read_buffer;
        return true;
    case GL_DOUBLEBUFFER:
        *out = ctx->draw ? ctx->draw->config->double_buffer : 0;
        return true;
    case GL_STEREO:
        *out = 0;
        return true;
    default:
        return false;
    }
}
