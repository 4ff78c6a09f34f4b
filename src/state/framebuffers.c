/* Framebuffer objects of a context. FBOs are container objects: they belong to one context
 * and hold no pixels of their own, only references to textures and renderbuffers of the
 * share group (restored before the contexts) plus a little state. All of it is queried at
 * checkpoint: attachments, draw and read buffers, the GL 4.3 default parameters and, to
 * check the rebuilt object against, the completeness status.
 *
 * The app's framebuffer 0 is glcr's own FBO per drawable (defaultfb.c, drawable.c): those
 * are real names glcr made itself and never appear in the app's name table, so nothing
 * here touches them; the app's bindings are put back by glcr_bind_default_framebuffers
 * after every tracker has run. */
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/get.h"
#include "winsys/drawable.h"
#include "winsys/fbconfig.h"

/* Whatever these do to an FBO, the snapshot reads it back (invalidation only makes contents
 * undefined, which keeping them satisfies). */
GLCR_COVERS(glGenFramebuffers, glCreateFramebuffers, glNamedFramebufferTexture,
            glNamedFramebufferTextureLayer, glNamedFramebufferRenderbuffer, glNamedFramebufferParameteri,
            glNamedFramebufferDrawBuffer, glNamedFramebufferDrawBuffers, glNamedFramebufferReadBuffer,
            glInvalidateNamedFramebufferData, glInvalidateNamedFramebufferSubData)

struct attachment {
    GLenum point;       /* GL_COLOR_ATTACHMENTi, GL_DEPTH_ATTACHMENT, GL_STENCIL_ATTACHMENT */
    GLint type;         /* GL_TEXTURE or GL_RENDERBUFFER */
    GLuint name;        /* virtual */
    GLenum target;      /* the texture's target */
    GLint level, face, layer, layered;
};

#define DEFAULT_PARAMS 5
static const GLenum default_params[DEFAULT_PARAMS] = {
    GL_FRAMEBUFFER_DEFAULT_WIDTH, GL_FRAMEBUFFER_DEFAULT_HEIGHT, GL_FRAMEBUFFER_DEFAULT_LAYERS,
    GL_FRAMEBUFFER_DEFAULT_SAMPLES, GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS,
};

struct fbo_snapshot {
    GLuint virt;
    bool exists;                 /* bound or created: an object, not only a reserved name */
    struct attachment *attachments;
    int attachment_count;
    GLenum *draw_buffers;        /* GL_MAX_DRAW_BUFFERS of them */
    GLint read_buffer;
    bool has_defaults;           /* GL 4.3 */
    GLint defaults[DEFAULT_PARAMS];
    GLenum status;
};

struct glcr_framebuffers_snapshot {
    struct fbo_snapshot *fbos;
    size_t count;
    GLint max_color, max_draw;
};

static struct glcr_name_table *fbo_table(struct glcr_context *ctx)
{
    return &ctx->names[GLCR_OBJ_FRAMEBUFFER - GLCR_OBJ_SHARED_COUNT];
}

/* ---- hooks ---------------------------------------------------------------------------------- */

/* The app's binding for target, or -1 when target is not a framebuffer target. */
static long app_binding(struct glcr_context *ctx, GLenum target)
{
    switch (target) {
    case GL_FRAMEBUFFER: case GL_DRAW_FRAMEBUFFER: return ctx->app_draw_fbo;
    case GL_READ_FRAMEBUFFER: return ctx->app_read_fbo;
    default: return -1;
    }
}

/* With the app's framebuffer 0 bound, the driver has glcr's drawable FBO there: attaching
 * to it would change glcr's FBO where GL refuses the call. */
static bool may_attach(GLenum target)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || app_binding(ctx, target) != 0)
        return true; /* the driver judges (and raises GL_INVALID_ENUM for bad targets) */
    glcr_raise_error(GL_INVALID_OPERATION);
    return false;
}

void hook_glFramebufferTexture(GLenum target, GLenum attachment, GLuint texture, GLint level)
{
    if (may_attach(target))
        glcr_driver.FramebufferTexture(target, attachment, glcr_name_real(GLCR_OBJ_TEXTURE, texture), level);
}

void hook_glFramebufferTexture1D(GLenum target, GLenum attachment, GLenum textarget, GLuint texture, GLint level)
{
    if (may_attach(target))
        glcr_driver.FramebufferTexture1D(target, attachment, textarget,
                                         glcr_name_real(GLCR_OBJ_TEXTURE, texture), level);
}

void hook_glFramebufferTexture2D(GLenum target, GLenum attachment, GLenum textarget, GLuint texture, GLint level)
{
    if (may_attach(target))
        glcr_driver.FramebufferTexture2D(target, attachment, textarget,
                                         glcr_name_real(GLCR_OBJ_TEXTURE, texture), level);
}

void hook_glFramebufferTexture3D(GLenum target, GLenum attachment, GLenum textarget, GLuint texture,
                                 GLint level, GLint zoffset)
{
    if (may_attach(target))
        glcr_driver.FramebufferTexture3D(target, attachment, textarget,
                                         glcr_name_real(GLCR_OBJ_TEXTURE, texture), level, zoffset);
}

void hook_glFramebufferTextureLayer(GLenum target, GLenum attachment, GLuint texture, GLint level, GLint layer)
{
    if (may_attach(target))
        glcr_driver.FramebufferTextureLayer(target, attachment, glcr_name_real(GLCR_OBJ_TEXTURE, texture),
                                            level, layer);
}

void hook_glFramebufferRenderbuffer(GLenum target, GLenum attachment, GLenum renderbuffertarget,
                                    GLuint renderbuffer)
{
    if (may_attach(target))
        glcr_driver.FramebufferRenderbuffer(target, attachment, renderbuffertarget,
                                            glcr_name_real(GLCR_OBJ_RENDERBUFFER, renderbuffer));
}

void hook_glFramebufferParameteri(GLenum target, GLenum pname, GLint param)
{
    if (may_attach(target))
        glcr_driver.FramebufferParameteri(target, pname, param);
}

/* Invalidation is a hint: on the app's framebuffer 0 (whose attachment names the driver
 * would not accept for glcr's FBO) keeping the contents is a valid way to follow it. */
void hook_glInvalidateFramebuffer(GLenum target, GLsizei n, const GLenum *attachments)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || app_binding(ctx, target) != 0)
        glcr_driver.InvalidateFramebuffer(target, n, attachments);
}

void hook_glInvalidateSubFramebuffer(GLenum target, GLsizei n, const GLenum *attachments, GLint x,
                                     GLint y, GLsizei width, GLsizei height)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || app_binding(ctx, target) != 0)
        glcr_driver.InvalidateSubFramebuffer(target, n, attachments, x, y, width, height);
}

/* Deleting a bound FBO binds framebuffer 0 in its place, which for the app is glcr's FBO. */
void hook_glDeleteFramebuffers(GLsizei n, const GLuint *framebuffers)
{
    struct glcr_context *ctx = glcr_current();
    GLuint buf[16];
    const GLuint *real = glcr_names_real(GLCR_OBJ_FRAMEBUFFER, n, framebuffers, buf, 16);
    glcr_driver.DeleteFramebuffers(n, real);
    bool draw = false, read = false;
    for (GLsizei i = 0; ctx && framebuffers && i < n; i++) {
        if (!framebuffers[i] || !glcr_object_get(GLCR_OBJ_FRAMEBUFFER, framebuffers[i]))
            continue;
        draw |= framebuffers[i] == ctx->app_draw_fbo;
        read |= framebuffers[i] == ctx->app_read_fbo;
    }
    glcr_names_forget(GLCR_OBJ_FRAMEBUFFER, n, framebuffers);
    glcr_names_release(real, buf, framebuffers);
    if (draw)
        ctx->app_draw_fbo = 0;
    if (read)
        ctx->app_read_fbo = 0;
    if (draw || read)
        glcr_bind_default_framebuffers(ctx, draw && read ? GL_FRAMEBUFFER
                                            : draw ? GL_DRAW_FRAMEBUFFER : GL_READ_FRAMEBUFFER);
}

/* The attachment of glcr's FBO that stands for a default-framebuffer buffer: GL_NONE for
 * buffers the drawable does not have, 0 for names that are no buffer of it. */
static GLenum default_attachment(const struct glcr_drawable *d, GLenum attachment)
{
    switch (attachment) {
    /* As drawable.c attaches them: the buffer drawn by default at 0. */
    case GL_FRONT_LEFT: case GL_FRONT: return d->config->double_buffer ? GL_COLOR_ATTACHMENT1 : GL_COLOR_ATTACHMENT0;
    case GL_BACK_LEFT: case GL_BACK: return d->config->double_buffer ? GL_COLOR_ATTACHMENT0 : GL_NONE;
    case GL_FRONT_RIGHT: case GL_BACK_RIGHT: return GL_NONE;
    case GL_DEPTH: return d->config->depth > 0 ? GL_DEPTH_ATTACHMENT : GL_NONE;
    case GL_STENCIL: return d->config->depth > 0 && d->config->stencil > 0 ? GL_STENCIL_ATTACHMENT : GL_NONE;
    default: return 0;
    }
}

static bool is_color(GLenum attachment)
{
    return attachment == GL_COLOR_ATTACHMENT0 || attachment == GL_COLOR_ATTACHMENT1;
}

/* Answers as GL would for a window's framebuffer, asking the driver about glcr's FBO (bound
 * at target) for what the two have in common: sizes, component type, encoding. */
static void default_attachment_parameter(struct glcr_drawable *d, GLenum target, GLenum attachment,
                                         GLenum pname, GLint *params)
{
    GLenum mapped = default_attachment(d, attachment);
    if (!mapped) {
        glcr_raise_error(GL_INVALID_ENUM);
    } else if (pname == GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE) {
        *params = mapped == GL_NONE ? GL_NONE : GL_FRAMEBUFFER_DEFAULT;
    } else if (pname == GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME) {
        *params = 0;
    } else if (mapped == GL_NONE) {
        glcr_raise_error(GL_INVALID_OPERATION);
    } else if (is_color(mapped) && pname == GL_FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE && d->alpha_padded) {
        *params = 0;
    } else if (is_color(mapped) && pname == GL_FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING) {
        *params = d->srgb_encoded ? GL_SRGB : GL_LINEAR; /* whatever the storage is yet */
    } else {
        glcr_driver.GetFramebufferAttachmentParameteriv(target, mapped, pname, params);
    }
}

static void virtualize_object_name(GLint type, GLint *params)
{
    if (type == GL_TEXTURE)
        *params = (GLint)glcr_name_virtual(GLCR_OBJ_TEXTURE, (GLuint)*params);
    else if (type == GL_RENDERBUFFER)
        *params = (GLint)glcr_name_virtual(GLCR_OBJ_RENDERBUFFER, (GLuint)*params);
}

void hook_glGetFramebufferAttachmentParameteriv(GLenum target, GLenum attachment, GLenum pname, GLint *params)
{
    struct glcr_context *ctx = glcr_current();
    long bound = ctx ? app_binding(ctx, target) : -1;
    struct glcr_drawable *d = !ctx ? NULL : target == GL_READ_FRAMEBUFFER ? ctx->read : ctx->draw;
    if (bound == 0 && d && params) {
        default_attachment_parameter(d, target, attachment, pname, params);
        return;
    }
    glcr_driver.GetFramebufferAttachmentParameteriv(target, attachment, pname, params);
    if (pname == GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME && params) {
        GLint type = GL_NONE;
        glcr_driver.GetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE,
                                                        &type);
        virtualize_object_name(type, params);
    }
}

void hook_glGetNamedFramebufferAttachmentParameteriv(GLuint framebuffer, GLenum attachment, GLenum pname,
                                                     GLint *params)
{
    GLuint real = glcr_name_real(GLCR_OBJ_FRAMEBUFFER, framebuffer);
    glcr_driver.GetNamedFramebufferAttachmentParameteriv(real, attachment, pname, params);
    if (pname == GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME && params) {
        GLint type = GL_NONE;
        glcr_driver.GetNamedFramebufferAttachmentParameteriv(real, attachment,
                                                             GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &type);
        virtualize_object_name(type, params);
    }
}

/* ---- snapshot ------------------------------------------------------------------------------- */


static GLint get_int(GLenum pname)
{
    GLint v = 0;
    glcr_driver.GetIntegerv(pname, &v);
    return v;
}

static GLint attachment_int(GLenum point, GLenum pname)
{
    GLint v = 0;
    glcr_driver.GetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, point, pname, &v);
    return v;
}

static void describe(GLenum point, char *out, size_t len)
{
    if (point == GL_DEPTH_ATTACHMENT)
        snprintf(out, len, "depth attachment");
    else if (point == GL_STENCIL_ATTACHMENT)
        snprintf(out, len, "stencil attachment");
    else
        snprintf(out, len, "color attachment %u", point - GL_COLOR_ATTACHMENT0);
}

/* The object behind an attachment: its virtual name, or false when the app deleted it while
 * it stayed attached here (GL keeps it alive; glcr has lost its name). */
static bool attached_object(GLint type, GLuint real, GLuint *virt, GLenum *target)
{
    enum glcr_obj_type cls = type == GL_TEXTURE ? GLCR_OBJ_TEXTURE : GLCR_OBJ_RENDERBUFFER;
    GLuint v = glcr_name_virtual(cls, real);
    struct glcr_object *o = glcr_object_get(cls, v);
    if (!o || o->real != real)
        return false;
    *virt = v;
    *target = o->target;
    return true;
}

/* Bound to GL_FRAMEBUFFER: reads one FBO's state. */
static bool snapshot_fbo(struct glcr_framebuffers_snapshot *s, struct fbo_snapshot *f, char *err, size_t err_len)
{
    int points = s->max_color + 2;
    f->attachments = calloc((size_t)points, sizeof *f->attachments);
    f->draw_buffers = calloc((size_t)s->max_draw, sizeof *f->draw_buffers);
    if (!f->attachments || !f->draw_buffers) {
        snprintf(err, err_len, "framebuffer %u: out of memory saving it", f->virt);
        return false;
    }
    for (int i = 0; i < points; i++) {
        GLenum point = i < s->max_color ? GL_COLOR_ATTACHMENT0 + (GLenum)i
                       : i == s->max_color ? GL_DEPTH_ATTACHMENT : GL_STENCIL_ATTACHMENT;
        GLint type = attachment_int(point, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE);
        if (type != GL_TEXTURE && type != GL_RENDERBUFFER)
            continue;
        struct attachment *a = &f->attachments[f->attachment_count];
        a->point = point;
        a->type = type;
        GLuint real = (GLuint)attachment_int(point, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME);
        if (!attached_object(type, real, &a->name, &a->target)) {
            char what[32];
            describe(point, what, sizeof what);
            snprintf(err, err_len, "framebuffer %u: its %s is a %s the app deleted while it was attached "
                     "(not supported yet)", f->virt, what, type == GL_TEXTURE ? "texture" : "renderbuffer");
            return false;
        }
        if (type == GL_TEXTURE) {
            a->level = attachment_int(point, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL);
            a->face = attachment_int(point, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_CUBE_MAP_FACE);
            a->layer = attachment_int(point, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LAYER);
            a->layered = attachment_int(point, GL_FRAMEBUFFER_ATTACHMENT_LAYERED);
            glcr_drain_errors(); /* layers are GL 3.2: older contexts leave them 0 */
            if (!a->target) {
                char what[32];
                describe(point, what, sizeof what);
                snprintf(err, err_len, "framebuffer %u: its %s is texture %u, whose target glcr does not know",
                         f->virt, what, a->name);
                return false;
            }
        }
        f->attachment_count++;
    }
    for (GLint i = 0; i < s->max_draw; i++)
        f->draw_buffers[i] = (GLenum)get_int(GL_DRAW_BUFFER0 + (GLenum)i);
    f->read_buffer = get_int(GL_READ_BUFFER);
    glcr_drain_errors();
    f->has_defaults = true;
    for (int i = 0; i < DEFAULT_PARAMS; i++)
        glcr_driver.GetFramebufferParameteriv(GL_FRAMEBUFFER, default_params[i], &f->defaults[i]);
    if (glcr_driver.GetError() != GL_NO_ERROR) {
        f->has_defaults = false; /* before GL 4.3 there are none */
        glcr_drain_errors();
    }
    f->status = glcr_driver.CheckFramebufferStatus(GL_FRAMEBUFFER);
    return true;
}

static void free_framebuffers(struct glcr_context *ctx)
{
    struct glcr_framebuffers_snapshot *s = ctx->framebuffers;
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++) {
        free(s->fbos[i].attachments);
        free(s->fbos[i].draw_buffers);
    }
    free(s->fbos);
    free(s);
    ctx->framebuffers = NULL;
}

/* Context borrowed: its bindings are put back as they were. */
static bool snapshot_framebuffers(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_name_table *table = fbo_table(ctx);
    struct glcr_framebuffers_snapshot *s = calloc(1, sizeof *s);
    if (s)
        s->fbos = calloc(table->live_count + 1, sizeof *s->fbos);
    if (!s || !s->fbos) {
        free(s);
        snprintf(err, err_len, "context %u: out of memory saving its framebuffers", ctx->id);
        return false;
    }
    ctx->framebuffers = s;
    glcr_keep_pending_error(ctx);
    glcr_drain_errors();
    if (table->live_count == 0)
        return true;
    s->max_color = get_int(GL_MAX_COLOR_ATTACHMENTS);
    s->max_draw = get_int(GL_MAX_DRAW_BUFFERS);
    GLint draw = get_int(GL_DRAW_FRAMEBUFFER_BINDING), read = get_int(GL_READ_FRAMEBUFFER_BINDING);
    bool ok = true;
    GLCR_FOR_EACH_OBJECT(table, v, o) {
        if (!ok)
            break;
        struct fbo_snapshot *f = &s->fbos[s->count++];
        f->virt = v;
        f->exists = glcr_driver.IsFramebuffer(o->real);
        if (!f->exists)
            continue;
        glcr_driver.BindFramebuffer(GL_FRAMEBUFFER, o->real);
        ok = snapshot_fbo(s, f, err, err_len);
    }
    glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, (GLuint)draw);
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, (GLuint)read);
    glcr_drain_errors();
    return ok;
}

/* ---- restore -------------------------------------------------------------------------------- */

static void attach(const struct attachment *a)
{
    if (a->type == GL_RENDERBUFFER) {
        glcr_driver.FramebufferRenderbuffer(GL_FRAMEBUFFER, a->point, GL_RENDERBUFFER,
                                            glcr_name_real(GLCR_OBJ_RENDERBUFFER, a->name));
        return;
    }
    GLuint tex = glcr_name_real(GLCR_OBJ_TEXTURE, a->name);
    if (a->layered) {
        glcr_driver.FramebufferTexture(GL_FRAMEBUFFER, a->point, tex, a->level);
        return;
    }
    switch (a->target) {
    case GL_TEXTURE_1D:
        glcr_driver.FramebufferTexture1D(GL_FRAMEBUFFER, a->point, a->target, tex, a->level);
        break;
    case GL_TEXTURE_CUBE_MAP:
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER, a->point, (GLenum)a->face, tex, a->level);
        break;
    case GL_TEXTURE_3D: case GL_TEXTURE_1D_ARRAY: case GL_TEXTURE_2D_ARRAY:
    case GL_TEXTURE_CUBE_MAP_ARRAY: case GL_TEXTURE_2D_MULTISAMPLE_ARRAY:
        glcr_driver.FramebufferTextureLayer(GL_FRAMEBUFFER, a->point, tex, a->level, a->layer);
        break;
    default:
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER, a->point, a->target, tex, a->level);
        break;
    }
}

static bool restore_fbo(struct glcr_context *ctx, const struct glcr_framebuffers_snapshot *s,
                        const struct fbo_snapshot *f, GLuint real, char *err, size_t err_len)
{
    glcr_driver.BindFramebuffer(GL_FRAMEBUFFER, real);
    for (int i = 0; i < f->attachment_count; i++)
        attach(&f->attachments[i]);
    if (f->has_defaults)
        for (int i = 0; i < DEFAULT_PARAMS; i++)
            glcr_driver.FramebufferParameteri(GL_FRAMEBUFFER, default_params[i], f->defaults[i]);
    GLsizei n = s->max_draw;
    while (n > 1 && f->draw_buffers[n - 1] == GL_NONE)
        n--;
    glcr_driver.DrawBuffers(n, f->draw_buffers);
    glcr_driver.ReadBuffer((GLenum)f->read_buffer);
    GLenum error = glcr_driver.GetError();
    GLenum status = glcr_driver.CheckFramebufferStatus(GL_FRAMEBUFFER);
    if (error != GL_NO_ERROR) {
        snprintf(err, err_len, "context %u: framebuffer %u: rebuilding it raised GL error 0x%x",
                 ctx->id, f->virt, error);
        return false;
    }
    if (status != f->status) {
        snprintf(err, err_len, "context %u: framebuffer %u: status 0x%x after the restore, 0x%x before",
                 ctx->id, f->virt, status, f->status);
        return false;
    }
    return true;
}

/* Context borrowed, share-group objects already restored: every FBO gets a fresh real
 * name; those that were objects are bound once (which makes them objects) and rebuilt. */
static bool restore_framebuffers(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_framebuffers_snapshot *s = ctx->framebuffers;
    if (!s)
        return true;
    glcr_drain_errors();
    bool ok = true;
    for (size_t i = 0; i < s->count && ok; i++) {
        const struct fbo_snapshot *f = &s->fbos[i];
        GLuint real;
        glcr_driver.GenFramebuffers(1, &real);
        glcr_names_rebind(fbo_table(ctx), f->virt, real);
        if (f->exists)
            ok = restore_fbo(ctx, s, f, real, err, err_len);
    }
    glcr_driver.BindFramebuffer(GL_FRAMEBUFFER, 0);
    return ok;
}

static size_t framebuffer_bytes(const struct glcr_context *ctx)
{
    const struct glcr_framebuffers_snapshot *s = ctx->framebuffers;
    if (!s)
        return 0;
    return s->count * (sizeof(struct fbo_snapshot) + (size_t)(s->max_color + 2) * sizeof(struct attachment) +
                       (size_t)s->max_draw * sizeof(GLenum));
}

static bool same_fbo(const struct glcr_framebuffers_snapshot *s, const struct fbo_snapshot *a,
                     const struct fbo_snapshot *b)
{
    if (a->virt != b->virt || a->exists != b->exists)
        return false;
    if (!a->exists)
        return true;
    return a->attachment_count == b->attachment_count && a->read_buffer == b->read_buffer &&
           a->status == b->status && a->has_defaults == b->has_defaults &&
           !memcmp(a->defaults, b->defaults, sizeof a->defaults) &&
           !memcmp(a->attachments, b->attachments, (size_t)a->attachment_count * sizeof *a->attachments) &&
           !memcmp(a->draw_buffers, b->draw_buffers, (size_t)s->max_draw * sizeof *a->draw_buffers);
}

/* Context borrowed: reads its FBOs again and compares them with the snapshot (GLCR_VERIFY). */
static int verify_framebuffers(struct glcr_context *ctx)
{
    struct glcr_framebuffers_snapshot *saved = ctx->framebuffers;
    char err[256];
    ctx->framebuffers = NULL;
    int differences = 0;
    if (!snapshot_framebuffers(ctx, err, sizeof err)) {
        log_error("verify context %u: %s", ctx->id, err);
        differences++;
    } else if (saved) {
        struct glcr_framebuffers_snapshot *now = ctx->framebuffers;
        if (now->count != saved->count) {
            log_error("verify context %u: %zu framebuffers after restore, %zu saved", ctx->id, now->count,
                      saved->count);
            differences++;
        }
        for (size_t i = 0; i < saved->count && i < now->count; i++)
            if (!same_fbo(saved, &saved->fbos[i], &now->fbos[i])) {
                log_error("verify context %u: framebuffer %u differs after restore", ctx->id, saved->fbos[i].virt);
                differences++;
            }
    }
    free_framebuffers(ctx);
    ctx->framebuffers = saved;
    return differences;
}

const struct glcr_tracker glcr_tracker_framebuffers = {
    .name = "framebuffers",
    .save_context = snapshot_framebuffers,
    .restore_context = restore_framebuffers,
    .verify_context = verify_framebuffers,
    .free_context = free_framebuffers,
    .bytes_context = framebuffer_bytes,
};
