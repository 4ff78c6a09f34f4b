/* The app's framebuffer 0 is an FBO of glcr's (see drawable.h): these hooks keep the
 * illusion for binding, draw/read buffer selection and the queries that reveal them. */
#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/checkpoint.h"
#include "state/context.h"
#include "state/get.h"
#include "winsys/alphapad.h"
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
    if (draw)
        glcr_alpha_pad_update(ctx);
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

/* ---- reads from a multisample window --------------------------------------------------
 * A native multisample window resolves its samples for glReadPixels, glCopyTexImage... (the
 * same commands on a multisample FBO fail), so these read a resolved copy instead. */

static bool resolved_read_begin(void)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || ctx->app_read_fbo || !ctx->read || !ctx->read->config->samples)
        return false;
    return glcr_drawable_read_resolved(ctx, ctx->read);
}

static void resolved_read_end(bool began)
{
    if (began)
        glcr_bind_default_framebuffers(glcr_current(), GL_READ_FRAMEBUFFER);
}

#define READ_RESOLVED(call)                        \
    do {                                           \
        bool resolved_ = resolved_read_begin();    \
        call;                                      \
        resolved_read_end(resolved_);              \
    } while (0)

/* Depth and stencil stay multisample: reading them is refused by the driver, said here. */
static bool reads_color(GLenum format, const char *command)
{
    bool color = format != GL_DEPTH_COMPONENT && format != GL_STENCIL_INDEX && format != GL_DEPTH_STENCIL &&
                 format != GL_DEPTH && format != GL_STENCIL;
    struct glcr_context *ctx = glcr_current();
    static bool said;
    if (!color && ctx && !ctx->app_read_fbo && ctx->read && ctx->read->config->samples &&
        !__atomic_exchange_n(&said, true, __ATOMIC_RELAXED))
        log_warn("%s of the depth or stencil of a multisample window: not supported by glcr "
                 "(the driver raises GL_INVALID_OPERATION)", command);
    return color;
}

void hook_glReadPixels(GLint x, GLint y, GLsizei width, GLsizei height, GLenum format, GLenum type, void *pixels)
{
    if (!reads_color(format, "glReadPixels"))
        glcr_driver.ReadPixels(x, y, width, height, format, type, pixels);
    else
        READ_RESOLVED(glcr_driver.ReadPixels(x, y, width, height, format, type, pixels));
}

void hook_glReadnPixels(GLint x, GLint y, GLsizei width, GLsizei height, GLenum format, GLenum type,
                        GLsizei size, void *data)
{
    if (!reads_color(format, "glReadnPixels"))
        glcr_driver.ReadnPixels(x, y, width, height, format, type, size, data);
    else
        READ_RESOLVED(glcr_driver.ReadnPixels(x, y, width, height, format, type, size, data));
}

void hook_glCopyPixels(GLint x, GLint y, GLsizei width, GLsizei height, GLenum type)
{
    if (!reads_color(type, "glCopyPixels"))
        glcr_driver.CopyPixels(x, y, width, height, type);
    else
        READ_RESOLVED(glcr_driver.CopyPixels(x, y, width, height, type));
}

void hook_glCopyTexImage1D(GLenum target, GLint level, GLenum internalformat, GLint x, GLint y, GLsizei width,
                           GLint border)
{
    READ_RESOLVED(glcr_driver.CopyTexImage1D(target, level, internalformat, x, y, width, border));
}

void hook_glCopyTexImage2D(GLenum target, GLint level, GLenum internalformat, GLint x, GLint y, GLsizei width,
                           GLsizei height, GLint border)
{
    READ_RESOLVED(glcr_driver.CopyTexImage2D(target, level, internalformat, x, y, width, height, border));
}

void hook_glCopyTexSubImage1D(GLenum target, GLint level, GLint xoffset, GLint x, GLint y, GLsizei width)
{
    READ_RESOLVED(glcr_driver.CopyTexSubImage1D(target, level, xoffset, x, y, width));
}

void hook_glCopyTexSubImage2D(GLenum target, GLint level, GLint xoffset, GLint yoffset, GLint x, GLint y,
                              GLsizei width, GLsizei height)
{
    READ_RESOLVED(glcr_driver.CopyTexSubImage2D(target, level, xoffset, yoffset, x, y, width, height));
}

void hook_glCopyTexSubImage3D(GLenum target, GLint level, GLint xoffset, GLint yoffset, GLint zoffset, GLint x,
                              GLint y, GLsizei width, GLsizei height)
{
    READ_RESOLVED(glcr_driver.CopyTexSubImage3D(target, level, xoffset, yoffset, zoffset, x, y, width, height));
}

void hook_glCopyTextureSubImage1D(GLuint texture, GLint level, GLint xoffset, GLint x, GLint y, GLsizei width)
{
    GLuint real = glcr_name_real(GLCR_OBJ_TEXTURE, texture);
    READ_RESOLVED(glcr_driver.CopyTextureSubImage1D(real, level, xoffset, x, y, width));
}

void hook_glCopyTextureSubImage2D(GLuint texture, GLint level, GLint xoffset, GLint yoffset, GLint x, GLint y,
                                  GLsizei width, GLsizei height)
{
    GLuint real = glcr_name_real(GLCR_OBJ_TEXTURE, texture);
    READ_RESOLVED(glcr_driver.CopyTextureSubImage2D(real, level, xoffset, yoffset, x, y, width, height));
}

void hook_glCopyTextureSubImage3D(GLuint texture, GLint level, GLint xoffset, GLint yoffset, GLint zoffset,
                                  GLint x, GLint y, GLsizei width, GLsizei height)
{
    GLuint real = glcr_name_real(GLCR_OBJ_TEXTURE, texture);
    READ_RESOLVED(glcr_driver.CopyTextureSubImage3D(real, level, xoffset, yoffset, zoffset, x, y, width, height));
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
