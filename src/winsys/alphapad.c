/* Windows whose config has no alpha are stored with alpha anyway, kept at 1: the value GL
 * gives a buffer without alpha in blending (GL_DST_ALPHA) and reads. The reason is the frame
 * read for X: from RGBA storage a driver copies, from RGBX it converts (llvmpipe, 1280x1024:
 * 0.16 vs 1.4 ms a frame).
 *
 * Nothing the app does may change that alpha. While such a window is the draw framebuffer,
 * the driver's color mask of draw buffer 0 (the only one a window has) has alpha off,
 * whatever the app's says. Clears write alpha 1 instead of masking it, as a masked clear is
 * a slow path (llvmpipe: 2.2 vs 0.6 ms); blits, which ignore the color mask, are followed by
 * a clear of alpha alone. The app sees its own mask in queries, and GL_ALPHA_BITS 0.
 *
 * Calls compiled into display lists are the driver's: a list that sets the color mask makes
 * glcr read the mask back after it ran; clears in lists are masked (slow, but correct). */
#include "winsys/alphapad.h"

#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/lists.h"
#include "winsys/drawable.h"

/* Set when a display list got a color mask command: glCallList then reads the mask back. */
static bool lists_set_color_mask;

/* OpenGL ES before 3.2 has one color mask for all draw buffers. */
static bool indexed_masks(const struct glcr_context *ctx)
{
    return !ctx->attribs.gles || ctx->attribs.major > 3 || (ctx->attribs.major == 3 && ctx->attribs.minor >= 2);
}

static void driver_mask0(const struct glcr_context *ctx, GLboolean r, GLboolean g, GLboolean b, GLboolean a)
{
    if (indexed_masks(ctx))
        glcr_driver.ColorMaski(0, r, g, b, a);
    else
        glcr_driver.ColorMask(r, g, b, a);
}

void glcr_alpha_pad_update(struct glcr_context *ctx)
{
    bool want = !ctx->app_draw_fbo && ctx->draw && ctx->draw->alpha_padded;
    if (want == ctx->alpha_forced)
        return;
    ctx->alpha_forced = want;
    const GLboolean *m = ctx->color_mask0;
    if (m[3])
        driver_mask0(ctx, m[0], m[1], m[2], !want);
}

/* The current context, if the app's color mask calls are to be followed (not only compiled). */
static struct glcr_context *following_masks(void)
{
    if (glcr_lists_record_buffer())
        lists_set_color_mask = true;
    return glcr_lists_compile_only_here() ? NULL : glcr_current();
}

static void app_mask0(struct glcr_context *ctx, GLboolean r, GLboolean g, GLboolean b, GLboolean a)
{
    ctx->color_mask0[0] = r;
    ctx->color_mask0[1] = g;
    ctx->color_mask0[2] = b;
    ctx->color_mask0[3] = a;
    if (ctx->alpha_forced && a)
        driver_mask0(ctx, r, g, b, GL_FALSE);
}

void hook_glColorMask(GLboolean red, GLboolean green, GLboolean blue, GLboolean alpha)
{
    glcr_driver.ColorMask(red, green, blue, alpha);
    struct glcr_context *ctx = following_masks();
    if (ctx)
        app_mask0(ctx, red, green, blue, alpha);
}

void hook_glColorMaski(GLuint index, GLboolean r, GLboolean g, GLboolean b, GLboolean a)
{
    glcr_driver.ColorMaski(index, r, g, b, a);
    struct glcr_context *ctx = following_masks();
    if (ctx && index == 0)
        app_mask0(ctx, r, g, b, a);
}

void glcr_alpha_pad_after_list(void)
{
    struct glcr_context *ctx = glcr_current();
    if (!lists_set_color_mask || !ctx || !ctx->alpha_forced || glcr_lists_record_buffer())
        return;
    GLboolean m[4];
    if (indexed_masks(ctx))
        glcr_driver.GetBooleani_v(GL_COLOR_WRITEMASK, 0, m);
    else
        glcr_driver.GetBooleanv(GL_COLOR_WRITEMASK, m);
    /* Alpha off may be the list's or glcr's: either way the app's stays as it was. */
    if (m[3])
        app_mask0(ctx, m[0], m[1], m[2], m[3]);
    else
        for (int i = 0; i < 3; i++)
            ctx->color_mask0[i] = m[i];
}

void glcr_alpha_pad_pushed(struct glcr_context *ctx, struct glcr_attrib_level *level)
{
    for (int i = 0; i < 4; i++)
        level->color_mask0[i] = ctx->color_mask0[i];
    level->alpha_forced = ctx->alpha_forced;
}

void glcr_alpha_pad_popped(struct glcr_context *ctx, const struct glcr_attrib_level *level)
{
    if (!(level->mask & GL_COLOR_BUFFER_BIT))
        return;
    /* The driver's mask is now the one of the push, glcr's forcing included. */
    for (int i = 0; i < 4; i++)
        ctx->color_mask0[i] = level->color_mask0[i];
    ctx->alpha_forced = level->alpha_forced;
    glcr_alpha_pad_update(ctx);
}

/* A clear of the padded window, its alpha written with 1: the app's clear color and mask
 * are the driver's again afterwards. Not while compiling a list: the extra state calls would
 * be compiled too. */
static struct glcr_context *padded_clear(void)
{
    struct glcr_context *ctx = glcr_current();
    return ctx && ctx->alpha_forced && !glcr_lists_record_buffer() ? ctx : NULL;
}

void hook_glClear(GLbitfield mask)
{
    struct glcr_context *ctx = (mask & GL_COLOR_BUFFER_BIT) ? padded_clear() : NULL;
    if (!ctx) {
        glcr_driver.Clear(mask);
        return;
    }
    GLfloat color[4];
    glcr_driver.GetFloatv(GL_COLOR_CLEAR_VALUE, color);
    const GLboolean *m = ctx->color_mask0;
    driver_mask0(ctx, m[0], m[1], m[2], GL_TRUE);
    glcr_driver.ClearColor(color[0], color[1], color[2], 1.0f);
    glcr_driver.Clear(mask);
    glcr_driver.ClearColor(color[0], color[1], color[2], color[3]);
    driver_mask0(ctx, m[0], m[1], m[2], GL_FALSE);
}

void hook_glClearBufferfv(GLenum buffer, GLint drawbuffer, const GLfloat *value)
{
    struct glcr_context *ctx = buffer == GL_COLOR && drawbuffer == 0 && value ? padded_clear() : NULL;
    if (!ctx) {
        glcr_driver.ClearBufferfv(buffer, drawbuffer, value);
        return;
    }
    const GLfloat opaque[4] = {value[0], value[1], value[2], 1.0f};
    const GLboolean *m = ctx->color_mask0;
    driver_mask0(ctx, m[0], m[1], m[2], GL_TRUE);
    glcr_driver.ClearBufferfv(buffer, 0, opaque);
    driver_mask0(ctx, m[0], m[1], m[2], GL_FALSE);
}

void hook_glBlitFramebuffer(GLint srcX0, GLint srcY0, GLint srcX1, GLint srcY1, GLint dstX0, GLint dstY0,
                            GLint dstX1, GLint dstY1, GLbitfield mask, GLenum filter)
{
    glcr_driver.BlitFramebuffer(srcX0, srcY0, srcX1, srcY1, dstX0, dstY0, dstX1, dstY1, mask, filter);
    struct glcr_context *ctx = (mask & GL_COLOR_BUFFER_BIT) ? padded_clear() : NULL;
    if (!ctx)
        return;
    /* The blit wrote the source's alpha where the scissor let it: the clear goes as far. */
    static const GLfloat opaque[4] = {0, 0, 0, 1};
    const GLboolean *m = ctx->color_mask0;
    driver_mask0(ctx, GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    glcr_driver.ClearBufferfv(GL_COLOR, 0, opaque);
    driver_mask0(ctx, m[0], m[1], m[2], GL_FALSE);
}

bool glcr_alpha_pad_get(GLenum pname, GLint64 *out, int *count)
{
    if (pname != GL_ALPHA_BITS && pname != GL_COLOR_WRITEMASK)
        return false;
    struct glcr_context *ctx = glcr_current();
    if (pname == GL_ALPHA_BITS && ctx && !ctx->app_draw_fbo && ctx->draw && ctx->draw->alpha_padded) {
        out[0] = 0;
        *count = 1;
        return true;
    }
    return pname == GL_COLOR_WRITEMASK && glcr_alpha_pad_get_indexed(pname, 0, out, count);
}

bool glcr_alpha_pad_get_indexed(GLenum pname, GLuint index, GLint64 *out, int *count)
{
    struct glcr_context *ctx = glcr_current();
    if (pname != GL_COLOR_WRITEMASK || index != 0 || !ctx || !ctx->alpha_forced)
        return false;
    for (int i = 0; i < 4; i++)
        out[i] = ctx->color_mask0[i];
    *count = 4;
    return true;
}
