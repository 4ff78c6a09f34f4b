/* Renderbuffers of a share group. Like textures, they are read back at checkpoint rather
 * than recorded, so whatever rendered into them is captured: format, size and samples are
 * queried, and the contents of single-sample buffers are read through the group's private
 * context with a format/type that loses nothing (multisample buffers sample by sample, see
 * multisample.h). After a reload the storage is allocated
 * again and the contents are blitted in from a staging texture of the same format (there
 * is no way to upload into a renderbuffer directly, and depth/stencil blits require
 * matching formats on both sides). */
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/get.h"
#include "state/multisample.h"

/* Whatever these do to a renderbuffer, the snapshot reads it back. */
GLCR_COVERS(glGenRenderbuffers, glCreateRenderbuffers, glDeleteRenderbuffers, glRenderbufferStorage,
            glRenderbufferStorageMultisample, glNamedRenderbufferStorage,
            glNamedRenderbufferStorageMultisample)

struct rb_format {
    GLenum internal;     /* as GL_RENDERBUFFER_INTERNAL_FORMAT reports it */
    GLenum staging;      /* internal format of the staging texture at restore */
    GLbitfield buffer;   /* which buffer bits a blit copies */
    GLenum format, type; /* how the contents are read back and uploaded */
    int bytes;           /* per pixel, as read */
};

#define COLOR GL_COLOR_BUFFER_BIT
#define DEPTH GL_DEPTH_BUFFER_BIT
#define STENCIL GL_STENCIL_BUFFER_BIT

/* The formats whose contents glcr knows how to read back losslessly. Generic formats
 * (GL_RGBA, GL_DEPTH_COMPONENT ...) get a sized staging format: with a generic one the
 * driver could pick a different depth format for the texture than for the renderbuffer. */
static const struct rb_format formats[] = {
    {GL_RGBA8, GL_RGBA8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGBA, GL_RGBA8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGB8, GL_RGB8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGB, GL_RGB8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGBA4, GL_RGBA4, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGB5_A1, GL_RGB5_A1, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGB565, GL_RGB565, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_R8, GL_R8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RG8, GL_RG8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_SRGB8_ALPHA8, GL_SRGB8_ALPHA8, COLOR, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {GL_RGB10_A2, GL_RGB10_A2, COLOR, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 4},
    {GL_R16, GL_R16, COLOR, GL_RGBA, GL_UNSIGNED_SHORT, 8},
    {GL_RG16, GL_RG16, COLOR, GL_RGBA, GL_UNSIGNED_SHORT, 8},
    {GL_RGBA16, GL_RGBA16, COLOR, GL_RGBA, GL_UNSIGNED_SHORT, 8},
    {GL_R16F, GL_R16F, COLOR, GL_RGBA, GL_HALF_FLOAT, 8},
    {GL_RG16F, GL_RG16F, COLOR, GL_RGBA, GL_HALF_FLOAT, 8},
    {GL_RGBA16F, GL_RGBA16F, COLOR, GL_RGBA, GL_HALF_FLOAT, 8},
    {GL_R32F, GL_R32F, COLOR, GL_RGBA, GL_FLOAT, 16},
    {GL_RG32F, GL_RG32F, COLOR, GL_RGBA, GL_FLOAT, 16},
    {GL_RGBA32F, GL_RGBA32F, COLOR, GL_RGBA, GL_FLOAT, 16},
    {GL_R11F_G11F_B10F, GL_R11F_G11F_B10F, COLOR, GL_RGB, GL_UNSIGNED_INT_10F_11F_11F_REV, 4},
    {GL_R8UI, GL_R8UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RG8UI, GL_RG8UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RGBA8UI, GL_RGBA8UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_R16UI, GL_R16UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RG16UI, GL_RG16UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RGBA16UI, GL_RGBA16UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_R32UI, GL_R32UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RG32UI, GL_RG32UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RGBA32UI, GL_RGBA32UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_RGB10_A2UI, GL_RGB10_A2UI, COLOR, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {GL_R8I, GL_R8I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_RG8I, GL_RG8I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_RGBA8I, GL_RGBA8I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_R16I, GL_R16I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_RG16I, GL_RG16I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_RGBA16I, GL_RGBA16I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_R32I, GL_R32I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_RG32I, GL_RG32I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_RGBA32I, GL_RGBA32I, COLOR, GL_RGBA_INTEGER, GL_INT, 16},
    {GL_DEPTH_COMPONENT16, GL_DEPTH_COMPONENT16, DEPTH, GL_DEPTH_COMPONENT, GL_UNSIGNED_SHORT, 2},
    {GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT24, DEPTH, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, 4},
    {GL_DEPTH_COMPONENT32, GL_DEPTH_COMPONENT32, DEPTH, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, 4},
    {GL_DEPTH_COMPONENT32F, GL_DEPTH_COMPONENT32F, DEPTH, GL_DEPTH_COMPONENT, GL_FLOAT, 4},
    {GL_DEPTH24_STENCIL8, GL_DEPTH24_STENCIL8, DEPTH | STENCIL, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 4},
    {GL_DEPTH_STENCIL, GL_DEPTH24_STENCIL8, DEPTH | STENCIL, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 4},
    {GL_DEPTH32F_STENCIL8, GL_DEPTH32F_STENCIL8, DEPTH | STENCIL, GL_DEPTH_STENCIL,
     GL_FLOAT_32_UNSIGNED_INT_24_8_REV, 8},
    {GL_STENCIL_INDEX8, GL_STENCIL_INDEX8, STENCIL, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, 1},
    {GL_STENCIL_INDEX, GL_STENCIL_INDEX8, STENCIL, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, 1},
};

/* GL_DEPTH_COMPONENT: the driver chose the depth size; so must the staging texture. */
static const struct rb_format generic_depth[] = {
    {GL_DEPTH_COMPONENT, GL_DEPTH_COMPONENT16, DEPTH, GL_DEPTH_COMPONENT, GL_UNSIGNED_SHORT, 2},
    {GL_DEPTH_COMPONENT, GL_DEPTH_COMPONENT24, DEPTH, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, 4},
    {GL_DEPTH_COMPONENT, GL_DEPTH_COMPONENT32, DEPTH, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, 4},
};

struct rb_snapshot {
    GLuint virt;
    bool exists;                 /* bound or created: an object, not only a reserved name */
    GLint width, height, internal, samples;
    const struct rb_format *format;
    void *pixels;                /* NULL: no storage */
};

struct glcr_renderbuffers_snapshot {
    struct rb_snapshot *rbs;
    size_t count, bytes;
};

/* Compatibility profile (and EXT_framebuffer_object everywhere): binding a name the app
 * made up creates the renderbuffer. */
static void bind_renderbuffer(GLenum target, GLuint renderbuffer, bool ext)
{
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_RENDERBUFFER, renderbuffer);
    GLuint real = o ? o->real : 0;
    if (renderbuffer && !o) {
        real = GLCR_NAME_INVALID;
        struct glcr_context *ctx = glcr_current();
        if (ctx && (ctx->legacy || ext)) {
            glcr_driver.GenRenderbuffers(1, &real);
            glcr_object_bind_new(GLCR_OBJ_RENDERBUFFER, renderbuffer, real);
        }
    }
    if (ext)
        glcr_driver.BindRenderbufferEXT(target, real);
    else
        glcr_driver.BindRenderbuffer(target, real);
}

void hook_glBindRenderbuffer(GLenum target, GLuint renderbuffer)
{
    bind_renderbuffer(target, renderbuffer, false);
}

void hook_glBindRenderbufferEXT(GLenum target, GLuint renderbuffer)
{
    bind_renderbuffer(target, renderbuffer, true);
}


static const char *enum_name(GLenum e)
{
    unsigned lo = 0, hi = glcr_enum_name_count;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (glcr_enum_names[mid].value == e)
            return glcr_enum_names[mid].name;
        if (glcr_enum_names[mid].value < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return "unknown format";
}

static const struct rb_format *find_format(GLint internal)
{
    if (internal == GL_DEPTH_COMPONENT) {
        GLint bits = 0;
        glcr_driver.GetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_DEPTH_SIZE, &bits);
        return bits == 16 ? &generic_depth[0] : bits == 24 ? &generic_depth[1]
               : bits == 32 ? &generic_depth[2] : NULL;
    }
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if ((GLint)formats[i].internal == internal)
            return &formats[i];
    return NULL;
}

static struct glcr_ms_renderbuffer multisample_of(const struct rb_snapshot *r, GLuint real)
{
    return (struct glcr_ms_renderbuffer){
        .virt = r->virt, .renderbuffer = real, .internal = r->format->staging, .format = r->format->format,
        .type = r->format->type, .buffers = r->format->buffer, .width = r->width, .height = r->height,
        .samples = r->samples,
    };
}

/* Every sample of every pixel (multisample depth and stencil: a float and a byte each). */
static size_t contents_size(const struct rb_snapshot *r)
{
    size_t pixels = (size_t)r->width * (size_t)r->height;
    if (r->samples <= 0)
        return pixels * (size_t)r->format->bytes;
    if (r->format->buffer == COLOR)
        return pixels * (size_t)r->samples * (size_t)r->format->bytes;
    struct glcr_ms_renderbuffer ms = multisample_of(r, 0);
    return glcr_ms_samples(&ms) * ((r->format->buffer & DEPTH ? 4u : 0u) + (r->format->buffer & STENCIL ? 1u : 0u));
}

/* Private context current, renderbuffer bound: reads its contents through the group's
 * read FBO, which must hold nothing else while it does (read_frame leaves a window's
 * color texture on it). */
static bool read_contents(struct glcr_share_group *g, struct rb_snapshot *r, GLuint real,
                          char *err, size_t err_len)
{
    size_t size = contents_size(r);
    if (!(r->pixels = malloc(size ? size : 1))) {
        snprintf(err, err_len, "renderbuffer %u: out of memory reading it back", r->virt);
        return false;
    }
    if (r->samples > 0) {
        struct glcr_ms_renderbuffer ms = multisample_of(r, real);
        return glcr_ms_renderbuffer_read(&ms, r->pixels, err, err_len);
    }
    GLenum att = glcr_attachment_for(r->format->buffer);
    bool color = r->format->buffer == COLOR;
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, g->private_fbo[0]);
    glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, 0, 0);
    glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_TEXTURE_2D, 0, 0);
    glcr_driver.FramebufferRenderbuffer(GL_READ_FRAMEBUFFER, att, GL_RENDERBUFFER, real);
    glcr_driver.ReadBuffer(color ? GL_COLOR_ATTACHMENT0 : GL_NONE);
    GLenum status = glcr_driver.CheckFramebufferStatus(GL_READ_FRAMEBUFFER);
    if (status == GL_FRAMEBUFFER_COMPLETE)
        glcr_driver.ReadPixels(0, 0, r->width, r->height, r->format->format, r->format->type, r->pixels);
    GLenum error = glcr_driver.GetError();
    glcr_driver.FramebufferRenderbuffer(GL_READ_FRAMEBUFFER, att, GL_RENDERBUFFER, 0);
    glcr_driver.ReadBuffer(GL_COLOR_ATTACHMENT0);
    if (status != GL_FRAMEBUFFER_COMPLETE || error != GL_NO_ERROR) {
        snprintf(err, err_len, "renderbuffer %u: reading back its %s contents failed (framebuffer "
                 "status 0x%x, GL error 0x%x)", r->virt, enum_name((GLenum)r->internal), status, error);
        return false;
    }
    return true;
}

static bool snapshot_renderbuffers(struct glcr_share_group *g, char *err, size_t err_len)
{
    struct glcr_name_table *table = &g->names[GLCR_OBJ_RENDERBUFFER];
    struct glcr_renderbuffers_snapshot *s = calloc(1, sizeof *s);
    if (s)
        s->rbs = calloc(table->live_count + 1, sizeof *s->rbs);
    if (!s || !s->rbs) {
        free(s);
        snprintf(err, err_len, "out of memory saving renderbuffers");
        return false;
    }
    g->renderbuffers = s;
    glcr_drain_errors();
    glcr_driver.PixelStorei(GL_PACK_ALIGNMENT, 1);
    bool ok = true;
    GLCR_FOR_EACH_OBJECT(table, v, o) {
        if (!ok)
            break;
        struct rb_snapshot *r = &s->rbs[s->count++];
        r->virt = v;
        r->exists = glcr_driver.IsRenderbuffer(o->real);
        if (!r->exists)
            continue;
        glcr_driver.BindRenderbuffer(GL_RENDERBUFFER, o->real);
        glcr_driver.GetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_WIDTH, &r->width);
        glcr_driver.GetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_HEIGHT, &r->height);
        glcr_driver.GetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_INTERNAL_FORMAT, &r->internal);
        glcr_driver.GetRenderbufferParameteriv(GL_RENDERBUFFER, GL_RENDERBUFFER_SAMPLES, &r->samples);
        if (r->width <= 0 || r->height <= 0)
            continue; /* no storage yet: nothing to read */
        if (!(r->format = find_format(r->internal))) {
            snprintf(err, err_len, "renderbuffer %u: internal format %s (0x%x) cannot be saved yet",
                     v, enum_name((GLenum)r->internal), (unsigned)r->internal);
            ok = false;
        } else if (read_contents(g, r, o->real, err, err_len)) {
            s->bytes += contents_size(r);
        } else {
            ok = false;
        }
    }
    glcr_driver.BindRenderbuffer(GL_RENDERBUFFER, 0);
    return ok;
}

/* A member context current (fresh: default state, nothing bound). */
struct staging {
    GLuint fbo[2];   /* read (staging texture), draw (renderbuffer) */
    GLuint texture;
};

static bool upload_contents(struct staging *st, const struct rb_snapshot *r, GLuint real)
{
    const struct rb_format *f = r->format;
    if (!st->fbo[0])
        glcr_driver.GenFramebuffers(2, st->fbo);
    glcr_driver.GenTextures(1, &st->texture);
    glcr_driver.BindTexture(GL_TEXTURE_2D, st->texture);
    glcr_driver.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    glcr_driver.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glcr_driver.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glcr_driver.TexImage2D(GL_TEXTURE_2D, 0, (GLint)f->staging, r->width, r->height, 0, f->format,
                           f->type, r->pixels);
    glcr_driver.BindTexture(GL_TEXTURE_2D, 0);
    GLenum att = glcr_attachment_for(f->buffer), buffer = f->buffer == COLOR ? GL_COLOR_ATTACHMENT0 : GL_NONE;
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, st->fbo[0]);
    glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, att, GL_TEXTURE_2D, st->texture, 0);
    glcr_driver.ReadBuffer(buffer);
    glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, st->fbo[1]);
    glcr_driver.FramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER, att, GL_RENDERBUFFER, real);
    glcr_driver.DrawBuffer(buffer);
    bool complete = glcr_driver.CheckFramebufferStatus(GL_READ_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE &&
                    glcr_driver.CheckFramebufferStatus(GL_DRAW_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    if (complete)
        glcr_driver.BlitFramebuffer(0, 0, r->width, r->height, 0, 0, r->width, r->height, f->buffer, GL_NEAREST);
    glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, att, GL_TEXTURE_2D, 0, 0);
    glcr_driver.FramebufferRenderbuffer(GL_DRAW_FRAMEBUFFER, att, GL_RENDERBUFFER, 0);
    glcr_driver.DeleteTextures(1, &st->texture);
    st->texture = 0;
    return complete;
}

static bool restore_renderbuffers(struct glcr_share_group *g, char *err, size_t err_len)
{
    struct glcr_renderbuffers_snapshot *s = g->renderbuffers;
    if (!s)
        return true;
    struct staging st = {{0, 0}, 0};
    bool ok = true;
    glcr_drain_errors();
    glcr_driver.PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (size_t i = 0; i < s->count && ok; i++) {
        const struct rb_snapshot *r = &s->rbs[i];
        GLuint real;
        glcr_driver.GenRenderbuffers(1, &real);
        glcr_names_rebind(&g->names[GLCR_OBJ_RENDERBUFFER], r->virt, real);
        if (!r->exists)
            continue;
        glcr_driver.BindRenderbuffer(GL_RENDERBUFFER, real);
        if (r->width > 0 && r->height > 0)
            glcr_driver.RenderbufferStorageMultisample(GL_RENDERBUFFER, r->samples, (GLenum)r->internal, r->width,
                                                       r->height);
        if (r->pixels && r->samples > 0) {
            struct glcr_ms_renderbuffer ms = multisample_of(r, real);
            ok = glcr_ms_renderbuffer_write(&ms, r->pixels, err, err_len);
            continue;
        }
        bool uploaded = !r->pixels || upload_contents(&st, r, real);
        GLenum error = glcr_driver.GetError();
        if (!uploaded || error != GL_NO_ERROR) {
            snprintf(err, err_len, "renderbuffer %u: restoring its %dx%d %s contents failed (%s, GL "
                     "error 0x%x)", r->virt, r->width, r->height, enum_name((GLenum)r->internal),
                     uploaded ? "blit" : "staging framebuffer incomplete", error);
            ok = false;
        }
    }
    glcr_driver.BindRenderbuffer(GL_RENDERBUFFER, 0);
    glcr_driver.BindFramebuffer(GL_FRAMEBUFFER, 0);
    if (st.fbo[0])
        glcr_driver.DeleteFramebuffers(2, st.fbo);
    return ok;
}

static void free_renderbuffers(struct glcr_share_group *g)
{
    struct glcr_renderbuffers_snapshot *s = g->renderbuffers;
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        free(s->rbs[i].pixels);
    free(s->rbs);
    free(s);
    g->renderbuffers = NULL;
}

static size_t renderbuffer_bytes(const struct glcr_share_group *g)
{
    return g->renderbuffers ? g->renderbuffers->bytes : 0;
}

/* Private context current: reads everything back again and compares (GLCR_VERIFY). */
static int verify_renderbuffers(struct glcr_share_group *g)
{
    struct glcr_renderbuffers_snapshot *saved = g->renderbuffers;
    char err[256];
    g->renderbuffers = NULL;
    int differences = 0;
    if (!snapshot_renderbuffers(g, err, sizeof err)) {
        log_error("verify: renderbuffers: %s", err);
        differences++;
    } else if (saved) {
        struct glcr_renderbuffers_snapshot *now = g->renderbuffers;
        if (now->count != saved->count) {
            log_error("verify: %zu renderbuffers after restore, %zu saved", now->count, saved->count);
            differences++;
        }
        for (size_t i = 0; i < saved->count && i < now->count; i++) {
            const struct rb_snapshot *a = &saved->rbs[i], *b = &now->rbs[i];
            size_t size = a->pixels && b->format == a->format ? contents_size(a) : 0;
            if (a->virt != b->virt || a->exists != b->exists || a->width != b->width ||
                a->height != b->height || a->internal != b->internal || a->samples != b->samples ||
                !a->pixels != !b->pixels || (size && memcmp(a->pixels, b->pixels, size))) {
                size_t at = 0;
                while (at < size && ((unsigned char *)a->pixels)[at] == ((unsigned char *)b->pixels)[at])
                    at++;
                log_error("verify: renderbuffer %u differs after restore (first at byte %zu of %zu)", a->virt, at, size);
                differences++;
            }
        }
    }
    free_renderbuffers(g);
    g->renderbuffers = saved;
    return differences;
}

const struct glcr_tracker glcr_tracker_renderbuffers = {
    .name = "renderbuffers",
    .save_share = snapshot_renderbuffers,
    .restore_share = restore_renderbuffers,
    .verify_share = verify_renderbuffers,
    .free_share = free_renderbuffers,
    .bytes_share = renderbuffer_bytes,
};
