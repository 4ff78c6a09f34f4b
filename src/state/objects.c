/* Textures and buffers: names are tracked by hooks, contents and parameters are read back
 * at checkpoint (so render-to-texture, glCopyTexSubImage and buffer writes by the GPU are
 * right by construction) and uploaded into fresh objects after the driver reloads. */
#include "state/objects.h"
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"

/* Whatever these do to a texture or buffer, the snapshot reads it back. */
GLCR_COVERS(glGenTextures, glDeleteTextures, glTexImage1D, glTexImage2D, glTexImage3D,
            glTexSubImage1D, glTexSubImage2D, glTexSubImage3D, glCopyTexImage1D, glCopyTexImage2D,
            glCopyTexSubImage1D, glCopyTexSubImage2D, glCopyTexSubImage3D, glTexParameteri,
            glTexParameterf, glTexParameteriv, glTexParameterfv, glGenerateMipmap, glTexStorage1D,
            glTexStorage2D, glTexStorage3D, glCompressedTexImage2D, glCompressedTexSubImage2D,
            glGenBuffers, glDeleteBuffers, glBufferSubData, glCopyBufferSubData)

struct texture_level {
    GLint width, height, depth;
    GLint internal_format;
    GLenum format, type;     /* how the pixels were read back */
    GLint compressed_size;   /* > 0: pixels are compressed data */
    void *pixels[6];         /* one per cube face, else [0] */
};

#define MAX_LEVELS 16

struct texture_snapshot {
    GLuint virt;
    GLenum target;
    bool immutable;
    GLint immutable_levels;
    int level_count;
    struct texture_level levels[MAX_LEVELS];
    GLint iparams[16];
    GLfloat fparams[12];
};

struct buffer_snapshot {
    GLuint virt;
    GLint64 size;
    GLint usage;
    bool immutable;
    GLint storage_flags;
    void *data;
};

struct glcr_share_snapshot {
    struct texture_snapshot *textures;
    size_t texture_count;
    struct buffer_snapshot *buffers;
    size_t buffer_count;
    size_t bytes;
};

static bool texture_target_supported(GLenum target)
{
    switch (target) {
    case GL_TEXTURE_1D: case GL_TEXTURE_2D: case GL_TEXTURE_3D: case GL_TEXTURE_CUBE_MAP:
    case GL_TEXTURE_RECTANGLE: case GL_TEXTURE_1D_ARRAY: case GL_TEXTURE_2D_ARRAY:
        return true;
    default:
        return false;
    }
}

void hook_glBindTexture(GLenum target, GLuint texture)
{
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_TEXTURE, texture);
    if (texture && !o) {
        /* Compatibility profile: binding an unused name creates the texture. */
        GLuint real = GLCR_NAME_INVALID;
        struct glcr_context *ctx = glcr_current();
        if (ctx && ctx->legacy) {
            glcr_driver.GenTextures(1, &real);
            o = glcr_object_bind_new(GLCR_OBJ_TEXTURE, texture, real);
        }
        glcr_driver.BindTexture(target, real);
    } else {
        glcr_driver.BindTexture(target, o ? o->real : 0);
    }
    if (o && !o->target) {
        o->target = target;
        if (!texture_target_supported(target))
            glcr_taint_reason("texture %u: target 0x%x is not restorable yet", texture, target);
    }
}

void hook_glBindBuffer(GLenum target, GLuint buffer)
{
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_BUFFER, buffer);
    if (buffer && !o) {
        GLuint real = GLCR_NAME_INVALID;
        struct glcr_context *ctx = glcr_current();
        if (ctx && ctx->legacy) {
            glcr_driver.GenBuffers(1, &real);
            o = glcr_object_bind_new(GLCR_OBJ_BUFFER, buffer, real);
        }
        glcr_driver.BindBuffer(target, real);
    } else {
        glcr_driver.BindBuffer(target, o ? o->real : 0);
    }
    if (o && !o->target)
        o->target = target;
}

/* ---- read-back ------------------------------------------------------------------------- */

/* A lossless format/type to read a level back with; false if glcr does not know one. */
static bool readback_format(GLint internal, GLenum *format, GLenum *type, int *bytes_per_pixel)
{
    switch (internal) {
    case GL_RGBA8: case GL_RGBA: case 4: case GL_SRGB8_ALPHA8:
    case GL_RGB8: case GL_RGB: case 3: case GL_SRGB8: case GL_R8: case GL_RG8:
    case GL_ALPHA8: case GL_ALPHA: case GL_LUMINANCE8: case GL_LUMINANCE: case 1:
    case GL_LUMINANCE8_ALPHA8: case GL_LUMINANCE_ALPHA: case 2: case GL_INTENSITY8:
    case GL_INTENSITY: case GL_RGBA4: case GL_RGB5_A1: case GL_RGB565: case GL_RGB5:
        *format = GL_RGBA; *type = GL_UNSIGNED_BYTE; *bytes_per_pixel = 4; return true;
    case GL_RGBA16F: case GL_RGB16F: case GL_R16F: case GL_RG16F:
        *format = GL_RGBA; *type = GL_HALF_FLOAT; *bytes_per_pixel = 8; return true;
    case GL_RGBA32F: case GL_RGB32F: case GL_R32F: case GL_RG32F:
        *format = GL_RGBA; *type = GL_FLOAT; *bytes_per_pixel = 16; return true;
    case GL_DEPTH_COMPONENT: case GL_DEPTH_COMPONENT16: case GL_DEPTH_COMPONENT24:
    case GL_DEPTH_COMPONENT32: case GL_DEPTH_COMPONENT32F:
        *format = GL_DEPTH_COMPONENT; *type = GL_FLOAT; *bytes_per_pixel = 4; return true;
    case GL_DEPTH_STENCIL: case GL_DEPTH24_STENCIL8:
        *format = GL_DEPTH_STENCIL; *type = GL_UNSIGNED_INT_24_8; *bytes_per_pixel = 4; return true;
    default:
        return false;
    }
}

static const GLenum texture_iparams[] = {
    GL_TEXTURE_MIN_FILTER, GL_TEXTURE_MAG_FILTER, GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T,
    GL_TEXTURE_WRAP_R, GL_TEXTURE_BASE_LEVEL, GL_TEXTURE_MAX_LEVEL, GL_TEXTURE_COMPARE_MODE,
    GL_TEXTURE_COMPARE_FUNC, GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G, GL_TEXTURE_SWIZZLE_B,
    GL_TEXTURE_SWIZZLE_A, GL_GENERATE_MIPMAP, GL_DEPTH_TEXTURE_MODE, GL_DEPTH_STENCIL_TEXTURE_MODE,
};
static const GLenum texture_fparams[] = {
    GL_TEXTURE_MIN_LOD, GL_TEXTURE_MAX_LOD, GL_TEXTURE_LOD_BIAS, GL_TEXTURE_PRIORITY,
    GL_TEXTURE_MAX_ANISOTROPY, GL_TEXTURE_BORDER_COLOR, /* 4 values: last */
};

static void drain_errors(void)
{
    for (int i = 0; i < 8 && glcr_driver.GetError() != GL_NO_ERROR; i++)
        ;
}

static bool snapshot_level(struct texture_snapshot *t, int level, size_t *bytes, char *err, size_t err_len)
{
    struct texture_level *l = &t->levels[level];
    GLenum query_target = t->target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_POSITIVE_X : t->target;
    glcr_driver.GetTexLevelParameteriv(query_target, level, GL_TEXTURE_WIDTH, &l->width);
    glcr_driver.GetTexLevelParameteriv(query_target, level, GL_TEXTURE_HEIGHT, &l->height);
    glcr_driver.GetTexLevelParameteriv(query_target, level, GL_TEXTURE_DEPTH, &l->depth);
    glcr_driver.GetTexLevelParameteriv(query_target, level, GL_TEXTURE_INTERNAL_FORMAT, &l->internal_format);
    if (l->width <= 0)
        return true;
    GLint compressed = 0;
    glcr_driver.GetTexLevelParameteriv(query_target, level, GL_TEXTURE_COMPRESSED, &compressed);
    int faces = t->target == GL_TEXTURE_CUBE_MAP ? 6 : 1, bpp = 0;
    size_t size;
    if (compressed) {
        glcr_driver.GetTexLevelParameteriv(query_target, level, GL_TEXTURE_COMPRESSED_IMAGE_SIZE,
                                           &l->compressed_size);
        size = (size_t)l->compressed_size;
    } else {
        if (!readback_format(l->internal_format, &l->format, &l->type, &bpp)) {
            snprintf(err, err_len, "texture %u level %d: internal format 0x%x cannot be saved yet",
                     t->virt, level, l->internal_format);
            return false;
        }
        size = (size_t)l->width * (size_t)l->height * (size_t)l->depth * (size_t)bpp;
    }
    for (int f = 0; f < faces; f++) {
        GLenum target = t->target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f : t->target;
        if (!(l->pixels[f] = malloc(size ? size : 1))) {
            snprintf(err, err_len, "out of memory reading back texture %u", t->virt);
            return false;
        }
        if (compressed)
            glcr_driver.GetCompressedTexImage(target, level, l->pixels[f]);
        else
            glcr_driver.GetTexImage(target, level, l->format, l->type, l->pixels[f]);
        *bytes += size;
    }
    return true;
}

static bool snapshot_texture(struct texture_snapshot *t, struct glcr_object *o, size_t *bytes,
                             char *err, size_t err_len)
{
    if (!texture_target_supported(t->target)) {
        snprintf(err, err_len, "texture %u: target 0x%x cannot be saved yet", t->virt, t->target);
        return false;
    }
    glcr_driver.BindTexture(t->target, o->real);
    GLint immutable = 0;
    glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_IMMUTABLE_FORMAT, &immutable);
    t->immutable = immutable;
    if (immutable)
        glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_IMMUTABLE_LEVELS, &t->immutable_levels);
    drain_errors();
    for (size_t i = 0; i < sizeof texture_iparams / sizeof *texture_iparams; i++)
        glcr_driver.GetTexParameteriv(t->target, texture_iparams[i], &t->iparams[i]);
    for (size_t i = 0; i < sizeof texture_fparams / sizeof *texture_fparams; i++)
        glcr_driver.GetTexParameterfv(t->target, texture_fparams[i], &t->fparams[i]);
    drain_errors(); /* parameters this context does not know keep their defaults */
    for (int level = 0; level < MAX_LEVELS; level++) {
        if (!snapshot_level(t, level, bytes, err, err_len))
            return false;
        if (t->levels[level].width <= 0)
            break;
        t->level_count = level + 1;
    }
    return true;
}

static bool snapshot_buffer(struct buffer_snapshot *b, struct glcr_object *o, size_t *bytes,
                            char *err, size_t err_len)
{
    glcr_driver.BindBuffer(GL_COPY_READ_BUFFER, o->real);
    GLint mapped = 0, immutable = 0;
    glcr_driver.GetBufferParameteri64v(GL_COPY_READ_BUFFER, GL_BUFFER_SIZE, &b->size);
    glcr_driver.GetBufferParameteriv(GL_COPY_READ_BUFFER, GL_BUFFER_USAGE, &b->usage);
    glcr_driver.GetBufferParameteriv(GL_COPY_READ_BUFFER, GL_BUFFER_MAPPED, &mapped);
    glcr_driver.GetBufferParameteriv(GL_COPY_READ_BUFFER, GL_BUFFER_IMMUTABLE_STORAGE, &immutable);
    if (immutable)
        glcr_driver.GetBufferParameteriv(GL_COPY_READ_BUFFER, GL_BUFFER_STORAGE_FLAGS, &b->storage_flags);
    b->immutable = immutable;
    drain_errors();
    if (mapped) {
        snprintf(err, err_len, "buffer %u is still mapped at checkpoint time, by a mapping glcr did not see",
                 b->virt);
        return false;
    }
    if (b->size > 0) {
        if (!(b->data = malloc((size_t)b->size))) {
            snprintf(err, err_len, "out of memory reading back buffer %u", b->virt);
            return false;
        }
        glcr_driver.GetBufferSubData(GL_COPY_READ_BUFFER, 0, (GLsizeiptr)b->size, b->data);
        *bytes += (size_t)b->size;
    }
    return true;
}

bool glcr_objects_snapshot(struct glcr_share_group *share, char *err, size_t err_len)
{
    struct glcr_share_snapshot *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_len, "out of memory");
        return false;
    }
    share->snap = s;
    struct glcr_name_table *tex = &share->names[GLCR_OBJ_TEXTURE], *buf = &share->names[GLCR_OBJ_BUFFER];
    s->textures = calloc(tex->live_count + 1, sizeof *s->textures);
    s->buffers = calloc(buf->live_count + 1, sizeof *s->buffers);
    if (!s->textures || !s->buffers) {
        snprintf(err, err_len, "out of memory");
        return false;
    }
    glcr_driver.PixelStorei(GL_PACK_ALIGNMENT, 1);
    GLCR_FOR_EACH_OBJECT(tex, v, o) {
        struct texture_snapshot *t = &s->textures[s->texture_count++];
        t->virt = v;
        t->target = o->target;
        if (o->target && !snapshot_texture(t, o, &s->bytes, err, err_len))
            return false;
    }
    glcr_driver.BindTexture(GL_TEXTURE_2D, 0);
    GLCR_FOR_EACH_OBJECT(buf, v, o) {
        struct buffer_snapshot *b = &s->buffers[s->buffer_count++];
        b->virt = v;
        if (o->target && !snapshot_buffer(b, o, &s->bytes, err, err_len))
            return false;
    }
    glcr_driver.BindBuffer(GL_COPY_READ_BUFFER, 0);
    return true;
}

/* ---- upload into a fresh driver -------------------------------------------------------- */

static void restore_texture_params(const struct texture_snapshot *t)
{
    size_t ni = sizeof texture_iparams / sizeof *texture_iparams;
    size_t nf = sizeof texture_fparams / sizeof *texture_fparams;
    for (size_t i = 0; i < ni; i++)
        glcr_driver.TexParameteri(t->target, texture_iparams[i], t->iparams[i]);
    for (size_t i = 0; i + 1 < nf; i++)
        glcr_driver.TexParameterf(t->target, texture_fparams[i], t->fparams[i]);
    glcr_driver.TexParameterfv(t->target, GL_TEXTURE_BORDER_COLOR, &t->fparams[nf - 1]);
    drain_errors();
}

static void upload_level(const struct texture_snapshot *t, int level)
{
    const struct texture_level *l = &t->levels[level];
    int faces = t->target == GL_TEXTURE_CUBE_MAP ? 6 : 1;
    for (int f = 0; f < faces; f++) {
        GLenum target = t->target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f : t->target;
        const void *px = l->pixels[f];
        bool three_d = t->target == GL_TEXTURE_3D || t->target == GL_TEXTURE_2D_ARRAY;
        bool one_d = t->target == GL_TEXTURE_1D;
        if (l->compressed_size > 0 && t->immutable)
            glcr_driver.CompressedTexSubImage2D(target, level, 0, 0, l->width, l->height,
                                                (GLenum)l->internal_format, l->compressed_size, px);
        else if (l->compressed_size > 0)
            glcr_driver.CompressedTexImage2D(target, level, (GLenum)l->internal_format, l->width,
                                             l->height, 0, l->compressed_size, px);
        else if (t->immutable && three_d)
            glcr_driver.TexSubImage3D(target, level, 0, 0, 0, l->width, l->height, l->depth, l->format, l->type, px);
        else if (t->immutable && one_d)
            glcr_driver.TexSubImage1D(target, level, 0, l->width, l->format, l->type, px);
        else if (t->immutable)
            glcr_driver.TexSubImage2D(target, level, 0, 0, l->width, l->height, l->format, l->type, px);
        else if (three_d)
            glcr_driver.TexImage3D(target, level, l->internal_format, l->width, l->height, l->depth, 0,
                                   l->format, l->type, px);
        else if (one_d)
            glcr_driver.TexImage1D(target, level, l->internal_format, l->width, 0, l->format, l->type, px);
        else
            glcr_driver.TexImage2D(target, level, l->internal_format, l->width, l->height, 0,
                                   l->format, l->type, px);
    }
}

static void restore_texture(struct glcr_name_table *names, const struct texture_snapshot *t)
{
    GLuint real;
    glcr_driver.GenTextures(1, &real);
    glcr_names_rebind(names, t->virt, real);
    if (!t->target)
        return;
    glcr_driver.BindTexture(t->target, real);
    if (t->immutable && t->level_count) {
        const struct texture_level *l0 = &t->levels[0];
        GLenum fmt = (GLenum)l0->internal_format;
        if (t->target == GL_TEXTURE_3D || t->target == GL_TEXTURE_2D_ARRAY)
            glcr_driver.TexStorage3D(t->target, t->immutable_levels, fmt, l0->width, l0->height, l0->depth);
        else if (t->target == GL_TEXTURE_1D)
            glcr_driver.TexStorage1D(t->target, t->immutable_levels, fmt, l0->width);
        else
            glcr_driver.TexStorage2D(t->target, t->immutable_levels, fmt, l0->width, l0->height);
    }
    for (int level = 0; level < t->level_count; level++)
        upload_level(t, level);
    restore_texture_params(t);
    glcr_driver.BindTexture(t->target, 0); /* context state restores only non-zero bindings */
}

bool glcr_objects_restore(struct glcr_share_group *share, char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    struct glcr_share_snapshot *s = share->snap;
    if (!s)
        return true;
    glcr_driver.PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (size_t i = 0; i < s->texture_count; i++)
        restore_texture(&share->names[GLCR_OBJ_TEXTURE], &s->textures[i]);
    glcr_driver.BindTexture(GL_TEXTURE_2D, 0);
    for (size_t i = 0; i < s->buffer_count; i++) {
        struct buffer_snapshot *b = &s->buffers[i];
        GLuint real;
        glcr_driver.GenBuffers(1, &real);
        glcr_names_rebind(&share->names[GLCR_OBJ_BUFFER], b->virt, real);
        glcr_driver.BindBuffer(GL_COPY_WRITE_BUFFER, real);
        if (b->immutable)
            glcr_driver.BufferStorage(GL_COPY_WRITE_BUFFER, (GLsizeiptr)b->size, b->data,
                                      (GLbitfield)b->storage_flags);
        else if (b->size > 0 || b->usage)
            glcr_driver.BufferData(GL_COPY_WRITE_BUFFER, (GLsizeiptr)b->size, b->data, (GLenum)b->usage);
    }
    glcr_driver.BindBuffer(GL_COPY_WRITE_BUFFER, 0);
    return true;
}

static int compare_textures(const struct texture_snapshot *a, const struct texture_snapshot *b)
{
    if (a->virt != b->virt || a->target != b->target || a->level_count != b->level_count) {
        log_error("verify: texture %u: target 0x%x/0x%x or level count %d/%d differ after restore", a->virt,
                  a->target, b->target, a->level_count, b->level_count);
        return 1;
    }
    for (size_t i = 0; i < sizeof texture_iparams / sizeof *texture_iparams; i++)
        if (a->iparams[i] != b->iparams[i]) {
            log_error("verify: texture %u: parameter %s is %d after restore, was %d", a->virt,
                      glcr_enum_name(texture_iparams[i]), b->iparams[i], a->iparams[i]);
            return 1;
        }
    if (memcmp(a->fparams, b->fparams, sizeof a->fparams)) {
        log_error("verify: texture %u: a float parameter (LOD, bias, anisotropy, border) differs after restore",
                  a->virt);
        return 1;
    }
    int faces = a->target == GL_TEXTURE_CUBE_MAP ? 6 : 1;
    for (int l = 0; l < a->level_count; l++) {
        const struct texture_level *x = &a->levels[l], *y = &b->levels[l];
        int bpp = 0;
        GLenum f, t;
        size_t size = x->compressed_size > 0 ? (size_t)x->compressed_size
                      : readback_format(x->internal_format, &f, &t, &bpp)
                          ? (size_t)x->width * (size_t)x->height * (size_t)x->depth * (size_t)bpp : 0;
        if (x->width != y->width || x->height != y->height || x->internal_format != y->internal_format) {
            log_error("verify: texture %u level %d: size or format differ after restore", a->virt, l);
            return 1;
        }
        for (int face = 0; face < faces; face++)
            if (memcmp(x->pixels[face], y->pixels[face], size)) {
                log_error("verify: texture %u level %d: contents differ after restore", a->virt, l);
                return 1;
            }
    }
    return 0;
}

int glcr_objects_verify(struct glcr_share_group *share)
{
    struct glcr_share_snapshot *saved = share->snap;
    char err[256];
    share->snap = NULL;
    int differences = 0;
    if (saved && glcr_objects_snapshot(share, err, sizeof err)) {
        struct glcr_share_snapshot *now = share->snap;
        for (size_t i = 0; i < saved->texture_count && i < now->texture_count; i++)
            differences += compare_textures(&saved->textures[i], &now->textures[i]);
        for (size_t i = 0; i < saved->buffer_count && i < now->buffer_count; i++) {
            const struct buffer_snapshot *x = &saved->buffers[i], *y = &now->buffers[i];
            if (x->size != y->size || x->usage != y->usage ||
                (x->size > 0 && memcmp(x->data, y->data, (size_t)x->size))) {
                log_error("verify: buffer %u differs after restore", x->virt);
                differences++;
            }
        }
        if (saved->texture_count != now->texture_count || saved->buffer_count != now->buffer_count) {
            log_error("verify: object counts differ after restore");
            differences++;
        }
    }
    glcr_objects_free_snapshot(share);
    share->snap = saved;
    return differences;
}

void glcr_objects_free_snapshot(struct glcr_share_group *share)
{
    struct glcr_share_snapshot *s = share->snap;
    if (!s)
        return;
    for (size_t i = 0; i < s->texture_count; i++)
        for (int l = 0; l < MAX_LEVELS; l++)
            for (int f = 0; f < 6; f++)
                free(s->textures[i].levels[l].pixels[f]);
    for (size_t i = 0; i < s->buffer_count; i++)
        free(s->buffers[i].data);
    free(s->textures);
    free(s->buffers);
    free(s);
    share->snap = NULL;
}

size_t glcr_objects_snapshot_bytes(const struct glcr_share_group *share)
{
    return share->snap ? share->snap->bytes : 0;
}

const struct glcr_tracker glcr_tracker_objects = {
    .name = "textures and buffers",
    .save_share = glcr_objects_snapshot,
    .restore_share = glcr_objects_restore,
    .verify_share = glcr_objects_verify,
    .free_share = glcr_objects_free_snapshot,
    .bytes_share = glcr_objects_snapshot_bytes,
};
