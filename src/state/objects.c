/* Textures and buffers: names are tracked by hooks, contents and parameters are read back
 * at checkpoint (so render-to-texture, glCopyTexSubImage and buffer writes by the GPU are
 * right by construction) and uploaded into fresh objects after the driver reloads. */
#include "state/objects.h"
#include "state/tracker.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/get.h"
#include "state/multisample.h"

/* Whatever these do to a texture or buffer, the snapshot reads it back. */
GLCR_COVERS(glGenTextures, glDeleteTextures, glTexImage1D, glTexImage2D, glTexImage3D,
            glTexSubImage1D, glTexSubImage2D, glTexSubImage3D, glCopyTexImage1D, glCopyTexImage2D,
            glCopyTexSubImage1D, glCopyTexSubImage2D, glCopyTexSubImage3D, glTexParameteri,
            glTexParameterf, glTexParameteriv, glTexParameterfv, glTexParameterIiv, glTexParameterIuiv,
            glGenerateMipmap, glTexStorage1D, glTexStorage2D, glTexStorage3D, glCompressedTexImage1D,
            glCompressedTexImage2D, glCompressedTexImage3D, glCompressedTexSubImage1D,
            glCompressedTexSubImage2D, glCompressedTexSubImage3D, glTexBuffer, glTexBufferRange,
            glClearTexImage, glClearTexSubImage, glInvalidateTexImage, glInvalidateTexSubImage,
            glTextureStorage1D, glTextureStorage2D, glTextureStorage3D, glTextureSubImage1D,
            glTextureSubImage2D, glTextureSubImage3D, glCompressedTextureSubImage1D,
            glCompressedTextureSubImage2D, glCompressedTextureSubImage3D, glCopyTextureSubImage1D,
            glCopyTextureSubImage2D, glCopyTextureSubImage3D, glTextureParameteri, glTextureParameterf,
            glTextureParameteriv, glTextureParameterfv, glTextureParameterIiv, glTextureParameterIuiv,
            glGenerateTextureMipmap, glTextureBuffer, glTextureBufferRange, glBindTextureUnit,
            glTexImage2DMultisample, glTexImage3DMultisample, glTexStorage2DMultisample,
            glTexStorage3DMultisample, glTextureStorage2DMultisample, glTextureStorage3DMultisample,
            glGenBuffers, glDeleteBuffers, glBufferSubData, glCopyBufferSubData)

struct texture_level {
    GLint width, height, depth;
    GLint internal_format;
    GLenum format, type;     /* how the pixels were read back */
    GLint compressed_size;   /* > 0: pixels are compressed data, this many bytes per face */
    size_t size;             /* bytes per face */
    void *pixels[6];         /* one per cube map face, else [0]; NULL: face not defined */
};

#define MAX_LEVELS 16

static const GLenum texture_iparams[] = {
    GL_TEXTURE_MIN_FILTER, GL_TEXTURE_MAG_FILTER, GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T,
    GL_TEXTURE_WRAP_R, GL_TEXTURE_BASE_LEVEL, GL_TEXTURE_MAX_LEVEL, GL_TEXTURE_COMPARE_MODE,
    GL_TEXTURE_COMPARE_FUNC, GL_TEXTURE_SWIZZLE_R, GL_TEXTURE_SWIZZLE_G, GL_TEXTURE_SWIZZLE_B,
    GL_TEXTURE_SWIZZLE_A, GL_GENERATE_MIPMAP, GL_DEPTH_TEXTURE_MODE, GL_DEPTH_STENCIL_TEXTURE_MODE,
    GL_TEXTURE_SRGB_DECODE_EXT, GL_TEXTURE_CUBE_MAP_SEAMLESS, GL_TEXTURE_REDUCTION_MODE_ARB,
};
static const GLenum texture_fparams[] = {
    GL_TEXTURE_MIN_LOD, GL_TEXTURE_MAX_LOD, GL_TEXTURE_LOD_BIAS, GL_TEXTURE_PRIORITY,
    GL_TEXTURE_MAX_ANISOTROPY, GL_TEXTURE_BORDER_COLOR, /* 4 values: last */
};
#define N_IPARAMS (sizeof texture_iparams / sizeof *texture_iparams)
#define N_FPARAMS (sizeof texture_fparams / sizeof *texture_fparams)

struct texture_snapshot {
    GLuint virt;
    GLenum target;
    bool immutable;
    GLint immutable_levels;
    int level_count;         /* highest defined level + 1; lower ones may be undefined */
    struct texture_level levels[MAX_LEVELS];
    GLint iparams[N_IPARAMS];
    GLfloat fparams[N_FPARAMS + 3];
    GLuint border_raw[4];    /* the border color as integers, for integer textures */
    bool integer;            /* level 0 (or the base level) has an integer format */
    /* GL_TEXTURE_BUFFER: the buffer (virtual name) and the range it exposes */
    GLuint buffer;
    GLint buffer_format;
    GLint buffer_offset, buffer_size;
    /* Multisample targets: levels[0] holds the samples as an array texture would, one
     * slice per sample of each layer (see multisample.h). */
    GLint samples, ms_layers;
    GLint fixed_locations;
    /* Texture views: the texture whose storage it shares (virtual name; 0: not a view), and
     * which part of it, levels and layers counted from that storage. */
    GLuint view_of;
    GLint view_format, view_min_level, view_levels, view_min_layer, view_layers;
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

static GLint iparam(const struct texture_snapshot *t, GLenum pname)
{
    for (size_t i = 0; i < N_IPARAMS; i++)
        if (texture_iparams[i] == pname)
            return t->iparams[i];
    return 0;
}

static bool texture_target_supported(GLenum target)
{
    switch (target) {
    case GL_TEXTURE_1D: case GL_TEXTURE_2D: case GL_TEXTURE_3D: case GL_TEXTURE_CUBE_MAP:
    case GL_TEXTURE_RECTANGLE: case GL_TEXTURE_1D_ARRAY: case GL_TEXTURE_2D_ARRAY:
    case GL_TEXTURE_CUBE_MAP_ARRAY: case GL_TEXTURE_BUFFER: case GL_TEXTURE_2D_MULTISAMPLE:
    case GL_TEXTURE_2D_MULTISAMPLE_ARRAY:
        return true;
    default:
        return false;
    }
}

static bool texture_target_valid(GLenum target)
{
    return texture_target_supported(target);
}

static bool is_multisample(GLenum target)
{
    return target == GL_TEXTURE_2D_MULTISAMPLE || target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY;
}

static void set_texture_target(struct glcr_object *o, GLuint virt, GLenum target)
{
    if (!o || o->target)
        return;
    o->target = target;
    if (!texture_target_supported(target)) {
        glcr_taint_reason("texture %u: target %s is not restorable yet", virt,
                          glcr_enum_name(target));
    }
}

/* A view's record is the virtual name of the texture that owns the storage it shares (a view
 * of a view shares its root's), stored in the pointer itself. */
static GLuint view_root(const struct glcr_object *o)
{
    return (GLuint)(uintptr_t)o->record;
}

void hook_glTextureView(GLuint texture, GLenum target, GLuint origtexture, GLenum internalformat, GLuint minlevel,
                        GLuint numlevels, GLuint minlayer, GLuint numlayers)
{
    struct glcr_object *view = glcr_object_get(GLCR_OBJ_TEXTURE, texture);
    struct glcr_object *orig = glcr_object_get(GLCR_OBJ_TEXTURE, origtexture);
    glcr_driver.TextureView(view ? view->real : GLCR_NAME_INVALID, target, orig ? orig->real : GLCR_NAME_INVALID,
                            internalformat, minlevel, numlevels, minlayer, numlayers);
    /* GL accepts only a name without a target yet, viewing a texture that has one; whether
     * the driver took it (immutable storage) is checked at checkpoint. */
    if (!view || view->target || !orig || !orig->target)
        return;
    GLuint root = view_root(orig) ? view_root(orig) : origtexture;
    view->record = (void *)(uintptr_t)root;
    set_texture_target(view, texture, target);
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
    set_texture_target(o, texture, target);
}

/* Textures made by glCreateTextures have their target from the start. */
void hook_glCreateTextures(GLenum target, GLsizei n, GLuint *textures)
{
    glcr_driver.CreateTextures(target, n, textures);
    if (!texture_target_valid(target) || n <= 0 || !textures)
        return; /* the driver made none and raised the error the app will read */
    glcr_names_adopt(GLCR_OBJ_TEXTURE, n, textures);
    for (GLsizei i = 0; i < n; i++)
        set_texture_target(glcr_object_get(GLCR_OBJ_TEXTURE, textures[i]), textures[i], target);
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

/* The buffer behind a buffer texture is named by the driver's name: the app's is given. */
void hook_glGetTexLevelParameteriv(GLenum target, GLint level, GLenum pname, GLint *params)
{
    glcr_driver.GetTexLevelParameteriv(target, level, pname, params);
    if (pname == GL_TEXTURE_BUFFER_DATA_STORE_BINDING && params)
        params[0] = (GLint)glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)params[0]);
}

void hook_glGetTexLevelParameterfv(GLenum target, GLint level, GLenum pname, GLfloat *params)
{
    glcr_driver.GetTexLevelParameterfv(target, level, pname, params);
    if (pname == GL_TEXTURE_BUFFER_DATA_STORE_BINDING && params)
        params[0] = (GLfloat)glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)params[0]);
}

/* ---- read-back ------------------------------------------------------------------------- */

static GLint level_param(GLenum target, int level, GLenum pname)
{
    GLint v = 0;
    glcr_driver.GetTexLevelParameteriv(target, level, pname, &v);
    return v;
}

/* Packed formats whose layout glcr reads back bit for bit, when the driver stores them so. */
static const struct {
    GLenum internal, format, type;
    GLint red_size;
} packed_formats[] = {
    {GL_RGB9_E5, GL_RGB, GL_UNSIGNED_INT_5_9_9_9_REV, 9},
    {GL_R11F_G11F_B10F, GL_RGB, GL_UNSIGNED_INT_10F_11F_11F_REV, 11},
    {GL_RGB10_A2, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 10},
    {GL_RGB10_A2UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT_2_10_10_10_REV, 10},
    {GL_RGB565, GL_RGB, GL_UNSIGNED_SHORT_5_6_5, 5},
    {GL_RGBA4, GL_RGBA, GL_UNSIGNED_SHORT_4_4_4_4, 4},
    {GL_RGB5_A1, GL_RGBA, GL_UNSIGNED_SHORT_5_5_5_1, 5},
};

/* The type holding a component of `bits` bits of the given GL component type exactly. */
static GLenum component_type(GLint kind, GLint bits, int *size)
{
    switch (kind) {
    case GL_FLOAT:
        *size = bits <= 16 ? 2 : 4;
        return bits <= 16 ? GL_HALF_FLOAT : GL_FLOAT;
    case GL_SIGNED_NORMALIZED: case GL_INT:
        *size = bits <= 8 ? 1 : bits <= 16 ? 2 : 4;
        return bits <= 8 ? GL_BYTE : bits <= 16 ? GL_SHORT : GL_INT;
    case GL_UNSIGNED_NORMALIZED: case GL_UNSIGNED_INT:
        *size = bits <= 8 ? 1 : bits <= 16 ? 2 : 4;
        return bits <= 8 ? GL_UNSIGNED_BYTE : bits <= 16 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    default:
        return 0;
    }
}

/* A format/type that reads the level back losslessly, chosen from how the driver stores it
 * (component sizes and types), so that uploading the same bytes again gives the same
 * texels: the components the texture has (GL converts nothing where the layout matches, so
 * even a -128 in a signed normalized texture comes back), packed layouts bit for bit, and
 * depth and stencil in their own formats. False if there is none. */
static bool readback_format(GLenum target, int level, GLint internal, GLenum *format, GLenum *type,
                            int *bytes_per_pixel)
{
    GLint r = level_param(target, level, GL_TEXTURE_RED_SIZE);
    GLint g = level_param(target, level, GL_TEXTURE_GREEN_SIZE);
    GLint b = level_param(target, level, GL_TEXTURE_BLUE_SIZE);
    GLint a = level_param(target, level, GL_TEXTURE_ALPHA_SIZE);
    GLint depth = level_param(target, level, GL_TEXTURE_DEPTH_SIZE);
    GLint stencil = level_param(target, level, GL_TEXTURE_STENCIL_SIZE);
    GLint kind = level_param(target, level, r ? GL_TEXTURE_RED_TYPE : GL_TEXTURE_ALPHA_TYPE);
    GLint depth_kind = level_param(target, level, GL_TEXTURE_DEPTH_TYPE);
    /* Luminance and intensity exist in compatibility contexts only. */
    GLint lum = level_param(target, level, GL_TEXTURE_LUMINANCE_SIZE);
    GLint inten = level_param(target, level, GL_TEXTURE_INTENSITY_SIZE);
    GLint lum_kind = lum || inten ? level_param(target, level, lum ? GL_TEXTURE_LUMINANCE_TYPE
                                                                     : GL_TEXTURE_INTENSITY_TYPE) : 0;
    glcr_drain_errors();
    int size = 0;
    if (depth && stencil) {
        *format = GL_DEPTH_STENCIL;
        *type = depth_kind == GL_FLOAT ? GL_FLOAT_32_UNSIGNED_INT_24_8_REV : GL_UNSIGNED_INT_24_8;
        *bytes_per_pixel = depth_kind == GL_FLOAT ? 8 : 4;
        return depth <= 32 && stencil <= 8;
    }
    if (depth) {
        *format = GL_DEPTH_COMPONENT;
        *type = depth_kind == GL_FLOAT ? GL_FLOAT : depth <= 16 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
        *bytes_per_pixel = *type == GL_UNSIGNED_SHORT ? 2 : 4;
        return true;
    }
    if (stencil) {
        *format = GL_STENCIL_INDEX;
        *type = GL_UNSIGNED_BYTE;
        *bytes_per_pixel = 1;
        return stencil <= 8;
    }
    for (size_t i = 0; i < sizeof packed_formats / sizeof *packed_formats; i++)
        if ((GLenum)internal == packed_formats[i].internal && r == packed_formats[i].red_size) {
            *format = packed_formats[i].format;
            *type = packed_formats[i].type;
            *bytes_per_pixel = *type == GL_UNSIGNED_SHORT_5_6_5 || *type == GL_UNSIGNED_SHORT_4_4_4_4 ||
                               *type == GL_UNSIGNED_SHORT_5_5_5_1 ? 2 : 4;
            return true;
        }
    bool integer = kind == GL_INT || kind == GL_UNSIGNED_INT;
    int components;
    if (lum || inten) {
        /* Read as RGBA (L and I come back in red), uploaded as RGBA (red becomes L or I). */
        GLint bits = lum > inten ? lum : inten;
        bits = a > bits ? a : bits;
        *type = component_type(lum_kind, bits, &size);
        *format = GL_RGBA;
        components = 4;
    } else {
        GLint bits = r > g ? r : g;
        bits = b > bits ? b : bits;
        bits = a > bits ? a : bits;
        *type = component_type(kind, bits, &size);
        if (r && g && b && a)
            *format = integer ? GL_RGBA_INTEGER : GL_RGBA, components = 4;
        else if (r && g && b)
            *format = integer ? GL_RGB_INTEGER : GL_RGB, components = 3;
        else if (r && g)
            *format = integer ? GL_RG_INTEGER : GL_RG, components = 2;
        else if (r)
            *format = integer ? GL_RED_INTEGER : GL_RED, components = 1;
        else if (a)
            *format = integer ? GL_ALPHA_INTEGER_EXT : GL_ALPHA, components = 1;
        else
            return false;
    }
    *bytes_per_pixel = components * size;
    return *type != 0;
}

static bool level_is_integer(GLenum format)
{
    return format == GL_RGBA_INTEGER || format == GL_RGB_INTEGER || format == GL_RG_INTEGER ||
           format == GL_RED_INTEGER || format == GL_ALPHA_INTEGER_EXT;
}


static int face_count(GLenum target)
{
    return target == GL_TEXTURE_CUBE_MAP ? 6 : 1;
}

static GLenum face_target(GLenum target, int face)
{
    return target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face : target;
}

static bool snapshot_level(struct texture_snapshot *t, int level, size_t *bytes, char *err, size_t err_len)
{
    struct texture_level *l = &t->levels[level];
    GLenum query_target = face_target(t->target, 0);
    l->width = level_param(query_target, level, GL_TEXTURE_WIDTH);
    glcr_drain_errors(); /* levels beyond what the target allows */
    if (l->width <= 0 && t->target == GL_TEXTURE_CUBE_MAP) {
        for (int f = 1; f < 6 && l->width <= 0; f++)
            l->width = level_param(face_target(t->target, f), level, GL_TEXTURE_WIDTH);
        glcr_drain_errors();
    }
    if (l->width <= 0)
        return true;
    int faces = face_count(t->target), bpp = 0;
    for (int f = 0; f < faces; f++) {
        GLenum target = face_target(t->target, f);
        GLint width = level_param(target, level, GL_TEXTURE_WIDTH);
        if (width <= 0)
            continue; /* a cube map face the app has not defined (yet) */
        l->width = width;
        l->height = level_param(target, level, GL_TEXTURE_HEIGHT);
        l->depth = level_param(target, level, GL_TEXTURE_DEPTH);
        l->internal_format = level_param(target, level, GL_TEXTURE_INTERNAL_FORMAT);
        if (level_param(target, level, GL_TEXTURE_COMPRESSED)) {
            l->compressed_size = level_param(target, level, GL_TEXTURE_COMPRESSED_IMAGE_SIZE);
            l->size = (size_t)l->compressed_size;
        } else if (readback_format(target, level, l->internal_format, &l->format, &l->type, &bpp)) {
            l->size = (size_t)l->width * (size_t)l->height * (size_t)l->depth * (size_t)bpp;
        } else {
            snprintf(err, err_len, "texture %u level %d: internal format %s cannot be saved yet",
                     t->virt, level, glcr_enum_name((GLenum)l->internal_format));
            return false;
        }
        if (!(l->pixels[f] = malloc(l->size ? l->size : 1))) {
            snprintf(err, err_len, "out of memory reading back texture %u", t->virt);
            return false;
        }
        if (l->compressed_size > 0)
            glcr_driver.GetCompressedTexImage(target, level, l->pixels[f]);
        else
            glcr_driver.GetTexImage(target, level, l->format, l->type, l->pixels[f]);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "texture %u level %d: reading back internal format %s as %s/%s "
                     "raised GL error 0x%x", t->virt, level,
                     glcr_enum_name((GLenum)l->internal_format),
                     glcr_enum_name(l->format), glcr_enum_name(l->type), e);
            return false;
        }
        *bytes += l->size;
    }
    return true;
}

static struct glcr_ms_image ms_image(const struct texture_snapshot *t, GLuint real, char *what, size_t what_len)
{
    const struct texture_level *l = &t->levels[0];
    snprintf(what, what_len, "texture %u (%s)", t->virt, glcr_enum_name(t->target));
    GLint kind = level_param(t->target, 0, GL_TEXTURE_RED_TYPE);
    return (struct glcr_ms_image){
        .what = what, .target = t->target, .texture = real, .width = l->width, .height = l->height,
        .layers = t->ms_layers, .samples = t->samples,
        .component_kind = kind ? kind : level_param(t->target, 0, GL_TEXTURE_ALPHA_TYPE),
    };
}

/* GL_DEPTH_BUFFER_BIT and/or GL_STENCIL_BUFFER_BIT for a depth/stencil format of level 0. */
static GLbitfield depth_stencil_buffers(GLenum target)
{
    return (level_param(target, 0, GL_TEXTURE_DEPTH_SIZE) ? GL_DEPTH_BUFFER_BIT : 0u) |
           (level_param(target, 0, GL_TEXTURE_STENCIL_SIZE) ? GL_STENCIL_BUFFER_BIT : 0u);
}

static struct glcr_ms_renderbuffer ms_depth_stencil(const struct texture_snapshot *t, GLuint real, GLbitfield buffers)
{
    const struct texture_level *l = &t->levels[0];
    return (struct glcr_ms_renderbuffer){.virt = t->virt, .texture = real, .internal = (GLenum)l->internal_format,
                                         .buffers = buffers, .width = l->width, .height = l->height,
                                         .samples = t->samples,
                                         .layers = t->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY ? t->ms_layers : 0};
}

/* Multisample depth/stencil: the samples as multisample.h keeps a renderbuffer's (layer after
 * layer), in the pixels of level 0. */
static bool snapshot_ms_depth_stencil(struct texture_snapshot *t, GLuint real, GLint internal, GLbitfield buffers,
                                      size_t *bytes, char *err, size_t err_len)
{
    struct texture_level *l = &t->levels[0];
    l->internal_format = internal;
    struct glcr_ms_renderbuffer ms = ms_depth_stencil(t, real, buffers);
    l->size = glcr_ms_samples(&ms) * ((buffers & GL_DEPTH_BUFFER_BIT ? 4u : 0u) + (buffers & GL_STENCIL_BUFFER_BIT ? 1u : 0u));
    if (!(l->pixels[0] = malloc(l->size))) {
        snprintf(err, err_len, "texture %u: out of memory reading its samples", t->virt);
        return false;
    }
    t->level_count = 1;
    *bytes += l->size;
    bool ok = glcr_ms_renderbuffer_read(&ms, l->pixels[0], err, err_len);
    glcr_driver.BindTexture(t->target, real);
    return ok;
}

/* The samples are copied into a staging array texture by a shader, and that is read back. */
static bool snapshot_multisample(struct texture_snapshot *t, GLuint real, size_t *bytes, char *err, size_t err_len)
{
    GLint width = level_param(t->target, 0, GL_TEXTURE_WIDTH);
    if (width <= 0)
        return true; /* no storage yet */
    GLint internal = level_param(t->target, 0, GL_TEXTURE_INTERNAL_FORMAT);
    t->samples = level_param(t->target, 0, GL_TEXTURE_SAMPLES);
    t->fixed_locations = level_param(t->target, 0, GL_TEXTURE_FIXED_SAMPLE_LOCATIONS);
    t->ms_layers = level_param(t->target, 0, GL_TEXTURE_DEPTH);
    t->levels[0].width = width;
    t->levels[0].height = level_param(t->target, 0, GL_TEXTURE_HEIGHT);
    GLbitfield buffers = depth_stencil_buffers(t->target);
    if (buffers)
        return snapshot_ms_depth_stencil(t, real, internal, buffers, bytes, err, err_len);
    char what[64];
    struct glcr_ms_image img = ms_image(t, real, what, sizeof what);
    GLuint staging = glcr_ms_staging((GLenum)internal, img.width, img.height, img.layers * img.samples);
    bool ok = glcr_ms_read_samples(&img, staging, err, err_len);
    if (ok) {
        struct texture_snapshot slices = {.virt = t->virt, .target = GL_TEXTURE_2D_ARRAY};
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        ok = snapshot_level(&slices, 0, bytes, err, err_len);
        t->levels[0] = slices.levels[0];
        t->level_count = 1;
    }
    glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, 0);
    glcr_driver.DeleteTextures(1, &staging);
    glcr_driver.BindTexture(t->target, real);
    return ok;
}

/* A view has no texels of its own: what it shows of its root is saved. */
static bool snapshot_view(struct texture_snapshot *t, GLuint root, char *err, size_t err_len)
{
    struct glcr_object *r = glcr_object_get(GLCR_OBJ_TEXTURE, root);
    if (!r || !r->live) {
        snprintf(err, err_len, "texture %u: a view of texture %u, which the app deleted: not restorable yet",
                 t->virt, root);
        return false;
    }
    t->view_of = root;
    glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_VIEW_MIN_LEVEL, &t->view_min_level);
    glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_VIEW_NUM_LEVELS, &t->view_levels);
    glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_VIEW_MIN_LAYER, &t->view_min_layer);
    glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_VIEW_NUM_LAYERS, &t->view_layers);
    t->view_format = level_param(face_target(t->target, 0), 0, GL_TEXTURE_INTERNAL_FORMAT);
    GLenum e = glcr_driver.GetError();
    if (e != GL_NO_ERROR) {
        snprintf(err, err_len, "texture %u: reading back how it views texture %u raised GL error 0x%x", t->virt,
                 root, e);
        return false;
    }
    return true;
}

static bool snapshot_texture(struct texture_snapshot *t, struct glcr_object *o, size_t *bytes,
                             char *err, size_t err_len)
{
    if (!texture_target_supported(t->target)) {
        snprintf(err, err_len, "texture %u: target %s cannot be saved yet", t->virt,
                 glcr_enum_name(t->target));
        return false;
    }
    glcr_driver.BindTexture(t->target, o->real);
    glcr_drain_errors();
    if (t->target == GL_TEXTURE_BUFFER) {
        /* Its texels are the buffer's: what is saved is which buffer, and how it is seen. */
        GLuint real = (GLuint)level_param(t->target, 0, GL_TEXTURE_BUFFER_DATA_STORE_BINDING);
        t->buffer = glcr_name_virtual(GLCR_OBJ_BUFFER, real);
        struct glcr_object *b = glcr_object_get(GLCR_OBJ_BUFFER, t->buffer);
        if (real && (!b || b->real != real)) {
            snprintf(err, err_len, "texture %u: its buffer was deleted while the texture still uses it: "
                     "not restorable yet", t->virt);
            return false;
        }
        t->buffer_format = level_param(t->target, 0, GL_TEXTURE_INTERNAL_FORMAT);
        t->buffer_offset = level_param(t->target, 0, GL_TEXTURE_BUFFER_OFFSET);
        t->buffer_size = level_param(t->target, 0, GL_TEXTURE_BUFFER_SIZE);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "texture %u: reading back its buffer binding raised GL error 0x%x",
                     t->virt, e);
            return false;
        }
        return true;
    }
    GLint immutable = 0;
    glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_IMMUTABLE_FORMAT, &immutable);
    t->immutable = immutable;
    if (immutable)
        glcr_driver.GetTexParameteriv(t->target, GL_TEXTURE_IMMUTABLE_LEVELS, &t->immutable_levels);
    glcr_drain_errors();
    for (size_t i = 0; i < N_IPARAMS; i++) {
        glcr_driver.GetTexParameteriv(t->target, texture_iparams[i], &t->iparams[i]);
        glcr_drain_errors(); /* parameters this context does not know keep their defaults */
    }
    for (size_t i = 0; i < N_FPARAMS; i++) {
        glcr_driver.GetTexParameterfv(t->target, texture_fparams[i], &t->fparams[i]);
        glcr_drain_errors();
    }
    glcr_driver.GetTexParameterIuiv(t->target, GL_TEXTURE_BORDER_COLOR, t->border_raw);
    glcr_drain_errors();
    if (view_root(o) && immutable)
        return snapshot_view(t, view_root(o), err, err_len);
    if (is_multisample(t->target))
        return snapshot_multisample(t, o->real, bytes, err, err_len);
    for (int level = 0; level < MAX_LEVELS; level++) {
        if (!snapshot_level(t, level, bytes, err, err_len))
            return false;
        if (t->levels[level].width > 0)
            t->level_count = level + 1;
    }
    GLint base = iparam(t, GL_TEXTURE_BASE_LEVEL);
    base = base >= 0 && base < MAX_LEVELS ? base : 0;
    t->integer = level_is_integer(t->levels[base].format) || level_is_integer(t->levels[0].format);
    return true;
}

static void unbind_textures(void)
{
    static const GLenum targets[] = {
        GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_RECTANGLE,
        GL_TEXTURE_1D_ARRAY, GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_BUFFER,
        GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_2D_MULTISAMPLE_ARRAY,
    };
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++)
        glcr_driver.BindTexture(targets[i], 0);
    glcr_drain_errors();
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
    glcr_drain_errors();
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
    bool ok = true;
    GLCR_FOR_EACH_OBJECT(tex, v, o) {
        struct texture_snapshot *t = &s->textures[s->texture_count++];
        t->virt = v;
        t->target = o->target;
        if (o->target && !snapshot_texture(t, o, &s->bytes, err, err_len)) {
            ok = false;
            break;
        }
    }
    /* A texture left bound here would outlive the app's glDeleteTextures. */
    unbind_textures();
    if (!ok)
        return false;
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
    for (size_t i = 0; i < N_IPARAMS; i++)
        glcr_driver.TexParameteri(t->target, texture_iparams[i], t->iparams[i]);
    glcr_drain_errors(); /* parameters this context does not know */
    for (size_t i = 0; i + 1 < N_FPARAMS; i++)
        glcr_driver.TexParameterf(t->target, texture_fparams[i], t->fparams[i]);
    glcr_drain_errors();
    glcr_driver.TexParameterfv(t->target, GL_TEXTURE_BORDER_COLOR, &t->fparams[N_FPARAMS - 1]);
    /* An integer texture samples its border color as integers, which floats cannot carry. */
    if (t->integer)
        glcr_driver.TexParameterIuiv(t->target, GL_TEXTURE_BORDER_COLOR, t->border_raw);
    glcr_drain_errors();
}

_Static_assert(N_IPARAMS == GLCR_TEXTURE_IPARAMS && N_FPARAMS + 3 == GLCR_TEXTURE_FPARAMS,
               "struct glcr_texture_params holds the parameters saved here");

void glcr_texture_params_read(GLuint real, struct glcr_texture_params *p)
{
    for (size_t i = 0; i < N_IPARAMS; i++)
        glcr_driver.GetTextureParameteriv(real, texture_iparams[i], &p->i[i]);
    glcr_drain_errors();
    for (size_t i = 0; i < N_FPARAMS; i++)
        glcr_driver.GetTextureParameterfv(real, texture_fparams[i], &p->f[i]);
    glcr_drain_errors();
    glcr_driver.GetTextureParameterIuiv(real, GL_TEXTURE_BORDER_COLOR, p->border_raw);
    glcr_drain_errors();
}

/* The border color is set from its stored bits, which holds for float and integer ones. */
void glcr_texture_params_apply(GLuint real, const struct glcr_texture_params *p)
{
    for (size_t i = 0; i < N_IPARAMS; i++)
        glcr_driver.TextureParameteri(real, texture_iparams[i], p->i[i]);
    glcr_drain_errors();
    for (size_t i = 0; i + 1 < N_FPARAMS; i++)
        glcr_driver.TextureParameterf(real, texture_fparams[i], p->f[i]);
    glcr_drain_errors();
    glcr_driver.TextureParameterIuiv(real, GL_TEXTURE_BORDER_COLOR, p->border_raw);
    glcr_drain_errors();
}

static bool is_array_like(GLenum target)
{
    return target == GL_TEXTURE_3D || target == GL_TEXTURE_2D_ARRAY || target == GL_TEXTURE_CUBE_MAP_ARRAY;
}

static void upload_face(const struct texture_snapshot *t, int level, GLenum target, const void *px)
{
    const struct texture_level *l = &t->levels[level];
    GLenum fmt = (GLenum)l->internal_format;
    bool three_d = is_array_like(t->target), one_d = t->target == GL_TEXTURE_1D;
    if (l->compressed_size > 0 && t->immutable) {
        if (three_d)
            glcr_driver.CompressedTexSubImage3D(target, level, 0, 0, 0, l->width, l->height, l->depth, fmt,
                                                l->compressed_size, px);
        else if (one_d)
            glcr_driver.CompressedTexSubImage1D(target, level, 0, l->width, fmt, l->compressed_size, px);
        else
            glcr_driver.CompressedTexSubImage2D(target, level, 0, 0, l->width, l->height, fmt,
                                                l->compressed_size, px);
    } else if (l->compressed_size > 0) {
        if (three_d)
            glcr_driver.CompressedTexImage3D(target, level, fmt, l->width, l->height, l->depth, 0,
                                             l->compressed_size, px);
        else if (one_d)
            glcr_driver.CompressedTexImage1D(target, level, fmt, l->width, 0, l->compressed_size, px);
        else
            glcr_driver.CompressedTexImage2D(target, level, fmt, l->width, l->height, 0, l->compressed_size, px);
    } else if (t->immutable) {
        if (three_d)
            glcr_driver.TexSubImage3D(target, level, 0, 0, 0, l->width, l->height, l->depth, l->format,
                                      l->type, px);
        else if (one_d)
            glcr_driver.TexSubImage1D(target, level, 0, l->width, l->format, l->type, px);
        else
            glcr_driver.TexSubImage2D(target, level, 0, 0, l->width, l->height, l->format, l->type, px);
    } else if (three_d) {
        glcr_driver.TexImage3D(target, level, l->internal_format, l->width, l->height, l->depth, 0,
                               l->format, l->type, px);
    } else if (one_d) {
        glcr_driver.TexImage1D(target, level, l->internal_format, l->width, 0, l->format, l->type, px);
    } else {
        glcr_driver.TexImage2D(target, level, l->internal_format, l->width, l->height, 0, l->format,
                               l->type, px);
    }
}

static void upload_level(const struct texture_snapshot *t, int level)
{
    for (int f = 0; f < face_count(t->target); f++)
        if (t->levels[level].pixels[f])
            upload_face(t, level, face_target(t->target, f), t->levels[level].pixels[f]);
}

/* Storage as the app made it, then the samples drawn back from a staging array texture. */
static bool restore_multisample(const struct texture_snapshot *t, GLuint real, char *err, size_t err_len)
{
    const struct texture_level *l = &t->levels[0];
    if (t->level_count == 0)
        return true;
    GLenum fmt = (GLenum)l->internal_format;
    GLboolean fixed = t->fixed_locations ? GL_TRUE : GL_FALSE;
    bool array = t->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY;
    if (t->immutable && array)
        glcr_driver.TexStorage3DMultisample(t->target, t->samples, fmt, l->width, l->height, t->ms_layers, fixed);
    else if (t->immutable)
        glcr_driver.TexStorage2DMultisample(t->target, t->samples, fmt, l->width, l->height, fixed);
    else if (array)
        glcr_driver.TexImage3DMultisample(t->target, t->samples, fmt, l->width, l->height, t->ms_layers, fixed);
    else
        glcr_driver.TexImage2DMultisample(t->target, t->samples, fmt, l->width, l->height, fixed);
    GLbitfield buffers = depth_stencil_buffers(t->target);
    if (buffers) {
        struct glcr_ms_renderbuffer ms = ms_depth_stencil(t, real, buffers);
        bool ok = glcr_ms_renderbuffer_write(&ms, l->pixels[0], err, err_len);
        glcr_driver.BindTexture(t->target, real);
        return ok;
    }
    GLuint staging = glcr_ms_staging(0, 0, 0, 0);
    struct texture_snapshot slices = {.virt = t->virt, .target = GL_TEXTURE_2D_ARRAY};
    slices.levels[0] = *l;
    upload_level(&slices, 0);
    char what[64];
    struct glcr_ms_image img = ms_image(t, real, what, sizeof what);
    bool ok = glcr_ms_write_samples(&img, staging, err, err_len);
    glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, 0);
    glcr_driver.DeleteTextures(1, &staging);
    glcr_driver.BindTexture(t->target, real);
    return ok;
}

static bool restore_texture(struct glcr_name_table *names, const struct texture_snapshot *t,
                            char *err, size_t err_len)
{
    GLuint real;
    glcr_driver.GenTextures(1, &real);
    glcr_names_rebind(names, t->virt, real);
    if (!t->target)
        return true;
    if (t->view_of) {
        /* Its root was restored first: it viewed nothing else. */
        struct glcr_object *root = glcr_names_at(&names[GLCR_OBJ_TEXTURE], t->view_of);
        glcr_driver.TextureView(real, t->target, root ? root->real : GLCR_NAME_INVALID, (GLenum)t->view_format,
                                (GLuint)t->view_min_level, (GLuint)t->view_levels, (GLuint)t->view_min_layer,
                                (GLuint)t->view_layers);
        struct glcr_object *o = glcr_names_at(&names[GLCR_OBJ_TEXTURE], t->virt);
        if (o)
            o->record = (void *)(uintptr_t)t->view_of;
    }
    glcr_driver.BindTexture(t->target, real);
    if (t->view_of) {
        restore_texture_params(t);
    } else if (is_multisample(t->target)) {
        if (!restore_multisample(t, real, err, err_len))
            return false;
        restore_texture_params(t);
    } else if (t->target == GL_TEXTURE_BUFFER) {
        struct glcr_object *b = t->buffer ? glcr_names_at(&names[GLCR_OBJ_BUFFER], t->buffer) : NULL;
        GLuint buffer = b && b->live ? b->real : 0;
        if (buffer)
            glcr_driver.TexBufferRange(t->target, (GLenum)t->buffer_format, buffer, t->buffer_offset,
                                       t->buffer_size);
    } else {
        int base = 0;
        while (base < t->level_count && t->levels[base].width <= 0)
            base++;
        if (t->immutable && base < t->level_count) {
            const struct texture_level *l0 = &t->levels[base];
            GLenum fmt = (GLenum)l0->internal_format;
            if (is_array_like(t->target))
                glcr_driver.TexStorage3D(t->target, t->immutable_levels, fmt, l0->width, l0->height, l0->depth);
            else if (t->target == GL_TEXTURE_1D)
                glcr_driver.TexStorage1D(t->target, t->immutable_levels, fmt, l0->width);
            else
                glcr_driver.TexStorage2D(t->target, t->immutable_levels, fmt, l0->width, l0->height);
        }
        for (int level = 0; level < t->level_count; level++)
            upload_level(t, level);
        restore_texture_params(t);
    }
    glcr_driver.BindTexture(t->target, 0); /* context state restores only non-zero bindings */
    GLenum e = glcr_driver.GetError();
    if (e != GL_NO_ERROR) {
        snprintf(err, err_len, "texture %u (%s): uploading it again raised GL error 0x%x", t->virt,
                 glcr_enum_name(t->target), e);
        return false;
    }
    return true;
}

bool glcr_objects_restore(struct glcr_share_group *share, char *err, size_t err_len)
{
    struct glcr_share_snapshot *s = share->snap;
    if (!s)
        return true;
    /* Buffers first: buffer textures refer to them. */
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
    glcr_driver.PixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glcr_drain_errors();
    bool ok = true;
    /* Views after every texture they may view. */
    for (int views = 0; views < 2; views++)
        for (size_t i = 0; i < s->texture_count && ok; i++)
            if ((s->textures[i].view_of != 0) == views)
                ok = restore_texture(share->names, &s->textures[i], err, err_len);
    unbind_textures();
    return ok;
}

static int compare_textures(const struct texture_snapshot *a, const struct texture_snapshot *b)
{
    if (a->virt != b->virt || a->target != b->target || a->level_count != b->level_count ||
        a->immutable != b->immutable || a->immutable_levels != b->immutable_levels) {
        log_error("verify: texture %u: target 0x%x/0x%x, level count %d/%d or immutable storage differ after restore",
                  a->virt, a->target, b->target, a->level_count, b->level_count);
        return 1;
    }
    for (size_t i = 0; i < sizeof texture_iparams / sizeof *texture_iparams; i++)
        if (a->iparams[i] != b->iparams[i]) {
            log_error("verify: texture %u: parameter %s is %d after restore, was %d", a->virt,
                      glcr_enum_name(texture_iparams[i]), b->iparams[i], a->iparams[i]);
            return 1;
        }
    if (memcmp(a->fparams, b->fparams, sizeof a->fparams) || memcmp(a->border_raw, b->border_raw, sizeof a->border_raw)) {
        log_error("verify: texture %u: a float parameter (LOD, bias, anisotropy, border) differs after restore",
                  a->virt);
        return 1;
    }
    if (a->buffer != b->buffer || a->buffer_format != b->buffer_format || a->buffer_offset != b->buffer_offset ||
        a->buffer_size != b->buffer_size || a->samples != b->samples || a->ms_layers != b->ms_layers ||
        a->fixed_locations != b->fixed_locations || a->view_of != b->view_of || a->view_format != b->view_format ||
        a->view_min_level != b->view_min_level || a->view_levels != b->view_levels ||
        a->view_min_layer != b->view_min_layer || a->view_layers != b->view_layers) {
        log_error("verify: texture %u: its buffer, format or range, or its samples, layers or sample locations "
                  "differ, or what it views, after restore", a->virt);
        return 1;
    }
    for (int l = 0; l < a->level_count; l++) {
        const struct texture_level *x = &a->levels[l], *y = &b->levels[l];
        if (x->width != y->width || x->height != y->height || x->depth != y->depth ||
            x->internal_format != y->internal_format || x->size != y->size) {
            log_error("verify: texture %u level %d: size or format differ after restore", a->virt, l);
            return 1;
        }
        for (int face = 0; face < face_count(a->target); face++)
            if (!x->pixels[face] != !y->pixels[face] ||
                (x->pixels[face] && memcmp(x->pixels[face], y->pixels[face], x->size))) {
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
    if (saved && !glcr_objects_snapshot(share, err, sizeof err)) {
        log_error("verify: reading the objects back again failed: %s", err);
        differences++;
    } else if (saved) {
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
