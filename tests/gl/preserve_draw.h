/* Helpers for preserve tests that prove textures and programs by their contents: hashes of
 * what glGetTexImage returns, and frames drawn by a small shader that samples a texture.
 * The shaders are built after pt_checkpoint(), so what they prove is the restored texture,
 * not the restored program. Compatibility contexts only (the quad is drawn with glBegin). */
#ifndef GLCR_TESTS_GL_PRESERVE_DRAW_H
#define GLCR_TESTS_GL_PRESERVE_DRAW_H

#include "glsl.h"

/* Bytes per pixel of a client format/type pair. */
static inline size_t pt_pixel_size(GLenum format, GLenum type)
{
    switch (type) {
    case GL_UNSIGNED_SHORT_5_6_5: case GL_UNSIGNED_SHORT_4_4_4_4: case GL_UNSIGNED_SHORT_5_5_5_1:
        return 2;
    case GL_UNSIGNED_INT_2_10_10_10_REV: case GL_UNSIGNED_INT_10F_11F_11F_REV:
    case GL_UNSIGNED_INT_5_9_9_9_REV: case GL_UNSIGNED_INT_24_8:
        return 4;
    case GL_FLOAT_32_UNSIGNED_INT_24_8_REV:
        return 8;
    default: break;
    }
    size_t comps;
    switch (format) {
    case GL_RGBA: case GL_RGBA_INTEGER: case GL_BGRA: comps = 4; break;
    case GL_RGB: case GL_RGB_INTEGER: comps = 3; break;
    case GL_RG: case GL_RG_INTEGER: case GL_LUMINANCE_ALPHA: comps = 2; break;
    default: comps = 1; break;
    }
    size_t size;
    switch (type) {
    case GL_BYTE: case GL_UNSIGNED_BYTE: size = 1; break;
    case GL_SHORT: case GL_UNSIGNED_SHORT: case GL_HALF_FLOAT: size = 2; break;
    default: size = 4; break;
    }
    return comps * size;
}

/* Prints the size and internal format of a level and a hash of its pixels read as
 * format/type (face: a cube map face target, or the texture's target). */
static inline void pt_tex_image(const char *what, GLenum target, GLint level, GLenum format, GLenum type)
{
    GLint w = 0, h = 0, d = 0, internal = 0;
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_WIDTH, &w);
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_HEIGHT, &h);
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_DEPTH, &d);
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_INTERNAL_FORMAT, &internal);
    printf("%s level %d: %dx%dx%d format 0x%x\n", what, level, w, h, d, internal);
    if (w <= 0)
        return;
    size_t n = (size_t)w * (size_t)h * (size_t)d * pt_pixel_size(format, type);
    unsigned char *px = malloc(n);
    if (!px)
        pt_fail("out of memory");
    memset(px, 0xcd, n);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glGetTexImage(target, level, format, type, px);
    char label[256];
    snprintf(label, sizeof label, "%s level %d pixels", what, level);
    pt_check_error(label);
    pt_bytes(label, px, n);
    free(px);
}

static inline void pt_tex_compressed(const char *what, GLenum target, GLint level)
{
    GLint size = 0, internal = 0, w = 0, h = 0;
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_COMPRESSED_IMAGE_SIZE, &size);
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_INTERNAL_FORMAT, &internal);
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_WIDTH, &w);
    glGetTexLevelParameteriv(target, level, GL_TEXTURE_HEIGHT, &h);
    printf("%s level %d: %dx%d format 0x%x, %d bytes\n", what, level, w, h, internal, size);
    if (size <= 0)
        return;
    unsigned char *px = malloc((size_t)size);
    if (!px)
        pt_fail("out of memory");
    glGetCompressedTexImage(target, level, px);
    char label[256];
    snprintf(label, sizeof label, "%s level %d data", what, level);
    pt_check_error(label);
    pt_bytes(label, px, (size_t)size);
    free(px);
}

/* The GLSL sampler type and the coordinate for a texture target, as a function of uv in [0,1]². */
static inline const char *pt_sampler_of(GLenum target, const char **coord)
{
    switch (target) {
    case GL_TEXTURE_1D: *coord = "uv.x"; return "sampler1D";
    case GL_TEXTURE_3D: *coord = "vec3(uv, fract(uv.x * 1.7 + uv.y * 0.6))"; return "sampler3D";
    case GL_TEXTURE_CUBE_MAP:
        *coord = "vec3(cos(6.2832 * uv.x), uv.y * 2.4 - 1.2, sin(6.2832 * uv.x))";
        return "samplerCube";
    case GL_TEXTURE_RECTANGLE: *coord = "uv * vec2(textureSize(s))"; return "sampler2DRect";
    case GL_TEXTURE_1D_ARRAY:
        *coord = "vec2(uv.x, floor(uv.y * float(textureSize(s, 0).y)))";
        return "sampler1DArray";
    case GL_TEXTURE_2D_ARRAY:
        *coord = "vec3(fract(uv * 2.0), floor(uv.x * float(textureSize(s, 0).z)))";
        return "sampler2DArray";
    case GL_TEXTURE_CUBE_MAP_ARRAY:
        *coord = "vec4(cos(6.2832 * uv.x), uv.y * 2.4 - 1.2, sin(6.2832 * uv.x), floor(fract(uv.y * 3.0) * "
                 "float(textureSize(s, 0).z)))";
        return "samplerCubeArray";
    case GL_TEXTURE_BUFFER: *coord = "int(uv.x * float(textureSize(s)))"; return "samplerBuffer";
    default: *coord = "uv"; return "sampler2D";
    }
}

/* A vertex shader passing uv in [0,1]² across a quad drawn with glBegin. */
#define PT_UV_VERTEX_SHADER                                                                          \
    "#version 400 compatibility\nout vec2 uv;\n"                                                     \
    "void main() { uv = gl_Vertex.xy * 0.5 + 0.5; gl_Position = gl_Vertex; }\n"

static inline void pt_window_quad(void)
{
    glBegin(GL_QUADS);
    glVertex2f(-1.0f, -1.0f);
    glVertex2f(1.0f, -1.0f);
    glVertex2f(1.0f, 1.0f);
    glVertex2f(-1.0f, 1.0f);
    glEnd();
}

/* Clears, draws a quad over the whole window whose color is what the texture bound to
 * `target` on unit 0 returns (integer textures: kind 'i' or 'u'), times scale plus bias,
 * and prints the frame hash. Shadow samplers: kind 's' (a depth compare against uv.x). */
static inline void pt_draw_texture(const char *what, GLenum target, char kind, float scale, float bias)
{
    const char *coord;
    const char *sampler = pt_sampler_of(target, &coord);
    char fs[1024];
    const char *fetch = target == GL_TEXTURE_BUFFER ? "texelFetch(s, %s)" : "texture(s, %s)";
    char lookup[512];
    snprintf(lookup, sizeof lookup, fetch, coord);
    if (kind == 's')
        snprintf(fs, sizeof fs,
                 "#version 400 compatibility\nuniform sampler2DShadow s;\nin vec2 uv;\nout vec4 color;\n"
                 "void main() { color = vec4(texture(s, vec3(uv, uv.x)) * %f + %f); }\n", scale, bias);
    else
        snprintf(fs, sizeof fs,
                 "#version 400 compatibility\nuniform %s%s s;\nin vec2 uv;\nout vec4 color;\n"
                 "void main() { color = vec4(%s) * %f + %f; }\n",
                 kind == 'i' ? "i" : kind == 'u' ? "u" : "", sampler, lookup, scale, bias);
    GLuint p = pt_program(PT_UV_VERTEX_SHADER, fs);
    GLint prev = 0;
    glGetIntegerv(GL_CURRENT_PROGRAM, &prev);
    glUseProgram(p);
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_window_quad();
    glUseProgram((GLuint)prev);
    glDeleteProgram(p);
    pt_frame(what);
}

/* Each quarter of the window shows one of the first four samples of every pixel of the
 * size x size multisample texture bound on unit 0 (sampler: its GLSL type; coord: its
 * coordinate from the pixel p and the layer), enlarged; one frame per layer. */
static inline void pt_draw_samples(int size, const char *what, const char *sampler, const char *coord, float scale,
                                   int layers)
{
    char fs[1024];
    snprintf(fs, sizeof fs,
             "#version 400 compatibility\nuniform %s s;\nuniform int layer;\nin vec2 uv;\nout vec4 color;\n"
             "void main() {\n"
             "    int sample_index = int(uv.x >= 0.5) + 2 * int(uv.y >= 0.5);\n"
             "    ivec2 p = ivec2(fract(uv * 2.0) * %d.0);\n"
             "    color = vec4(texelFetch(s, %s, sample_index)) * %f;\n"
             "}\n",
             sampler, size, coord, scale);
    GLuint p = pt_program(PT_UV_VERTEX_SHADER, fs);
    glUseProgram(p);
    for (int layer = 0; layer < layers; layer++) {
        glUniform1i(glGetUniformLocation(p, "layer"), layer);
        glClear(GL_COLOR_BUFFER_BIT);
        pt_window_quad();
        char line[128];
        snprintf(line, sizeof line, "%s layer %d", what, layer);
        pt_frame(line);
    }
    glUseProgram(0);
}

/* Deterministic test pattern: n bytes that differ per position and per seed. */
static inline void pt_pattern(void *dst, size_t n, unsigned seed)
{
    unsigned char *p = dst;
    uint32_t x = 2463534242u ^ (seed * 2654435761u);
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (unsigned char)(x >> 7);
    }
}

/* One texture format under test: uploaded as up_format/up_type, hashed as read back with
 * rb_format/rb_type, drawn through a sampler of kind 'f', 'i' or 'u' (scale, bias). */
struct pt_format {
    const char *name;
    GLenum internal, up_format, up_type, rb_format, rb_type;
    char kind;
    float scale, bias;
};

static inline uint16_t pt_half(float f)
{
    union { float f; uint32_t u; } v = {f};
    uint32_t sign = (v.u >> 16) & 0x8000u, exp = (v.u >> 23) & 0xffu, mant = v.u & 0x7fffffu;
    if (exp < 103)
        return (uint16_t)sign;
    if (exp < 113) /* denormal half */
        return (uint16_t)(sign | ((mant | 0x800000u) >> (126 - exp)));
    return (uint16_t)(sign | ((exp - 112) << 10) | (mant >> 13));
}

/* Valid data for n texels of format/type: random bytes for integer and normalized types,
 * finite values in [-1.5, 2.5) for floating-point ones. */
static inline void *pt_format_data(GLenum format, GLenum type, size_t texels, unsigned seed)
{
    size_t n = texels * pt_pixel_size(format, type);
    unsigned char *p = malloc(n + 16);
    if (!p)
        pt_fail("out of memory");
    pt_pattern(p, n, seed);
    if (type == GL_FLOAT || type == GL_HALF_FLOAT) {
        size_t count = type == GL_FLOAT ? n / 4 : n / 2;
        unsigned char *bytes = malloc(count + 1);
        if (!bytes)
            pt_fail("out of memory");
        pt_pattern(bytes, count, seed + 1);
        for (size_t i = 0; i < count; i++) {
            float f = (float)bytes[i] / 64.0f - 1.5f;
            if (type == GL_FLOAT)
                memcpy(p + i * 4, &f, 4);
            else {
                uint16_t h = pt_half(f);
                memcpy(p + i * 2, &h, 2);
            }
        }
        free(bytes);
    }
    return p;
}

#define PT_FMT_W 8
#define PT_FMT_H 8

/* Before the checkpoint: one 2D texture per format, levels 0 and 1 defined. */
static inline void pt_formats_setup(const struct pt_format *f, int n, GLuint *tex)
{
    glGenTextures(n, tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (int i = 0; i < n; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        for (int level = 0; level < 2; level++) {
            int w = PT_FMT_W >> level, h = PT_FMT_H >> level;
            void *data = pt_format_data(f[i].up_format, f[i].up_type, (size_t)w * h, (unsigned)(i * 7 + level));
            glTexImage2D(GL_TEXTURE_2D, level, (GLint)f[i].internal, w, h, 0, f[i].up_format, f[i].up_type, data);
            free(data);
        }
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 1);
        char what[128];
        snprintf(what, sizeof what, "creating %s", f[i].name);
        pt_check_error(what);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, 0);
}

/* After it: each level's format and contents, and a draw sampling it. */
static inline void pt_formats_check(const struct pt_format *f, int n, const GLuint *tex)
{
    for (int i = 0; i < n; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        for (int level = 0; level < 2; level++)
            pt_tex_image(f[i].name, GL_TEXTURE_2D, level, f[i].rb_format, f[i].rb_type);
        char what[128];
        snprintf(what, sizeof what, "%s draw", f[i].name);
        pt_draw_texture(what, GL_TEXTURE_2D, f[i].kind, f[i].scale, f[i].bias);
    }
}

#endif
