/* Texture parameters: every one glTexParameter sets, on a 2D color texture, a depth
 * texture (compare mode, depth mode) and a depth/stencil texture (stencil sampling); each
 * queried, and draws that depend on them (swizzle, border, LOD clamps and bias, compare). */
#include "preserve_draw.h"

static void print_params(const char *what, GLenum target)
{
    static const struct { GLenum pname; const char *name; } ints[] = {
        {GL_TEXTURE_MIN_FILTER, "min filter"}, {GL_TEXTURE_MAG_FILTER, "mag filter"},
        {GL_TEXTURE_WRAP_S, "wrap s"}, {GL_TEXTURE_WRAP_T, "wrap t"}, {GL_TEXTURE_WRAP_R, "wrap r"},
        {GL_TEXTURE_BASE_LEVEL, "base level"}, {GL_TEXTURE_MAX_LEVEL, "max level"},
        {GL_TEXTURE_COMPARE_MODE, "compare mode"}, {GL_TEXTURE_COMPARE_FUNC, "compare func"},
        {GL_TEXTURE_SWIZZLE_R, "swizzle r"}, {GL_TEXTURE_SWIZZLE_G, "swizzle g"},
        {GL_TEXTURE_SWIZZLE_B, "swizzle b"}, {GL_TEXTURE_SWIZZLE_A, "swizzle a"},
        {GL_DEPTH_TEXTURE_MODE, "depth texture mode"}, {GL_DEPTH_STENCIL_TEXTURE_MODE, "depth stencil mode"},
        {GL_GENERATE_MIPMAP, "generate mipmap"}, {GL_TEXTURE_SRGB_DECODE_EXT, "srgb decode"},
        {GL_TEXTURE_CUBE_MAP_SEAMLESS, "seamless"},
    };
    static const struct { GLenum pname; const char *name; int n; } floats[] = {
        {GL_TEXTURE_MIN_LOD, "min lod", 1}, {GL_TEXTURE_MAX_LOD, "max lod", 1},
        {GL_TEXTURE_LOD_BIAS, "lod bias", 1}, {GL_TEXTURE_PRIORITY, "priority", 1},
        {GL_TEXTURE_MAX_ANISOTROPY, "max anisotropy", 1}, {GL_TEXTURE_BORDER_COLOR, "border color", 4},
    };
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        GLint v = -1;
        glGetTexParameteriv(target, ints[i].pname, &v);
        printf("%s %s %d\n", what, ints[i].name, v);
    }
    for (size_t i = 0; i < sizeof floats / sizeof *floats; i++) {
        GLfloat v[4] = {0};
        char label[128];
        glGetTexParameterfv(target, floats[i].pname, v);
        snprintf(label, sizeof label, "%s %s", what, floats[i].name);
        pt_floats(label, v, floats[i].n);
    }
    pt_check_error(what);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[3];
    glGenTextures(3, tex);
    static unsigned char px[32 * 32 * 4];

    glBindTexture(GL_TEXTURE_2D, tex[0]);
    for (int level = 0, w = 32; w >= 1; level++, w /= 2) {
        pt_pattern(px, (size_t)w * w * 4, 900 + (unsigned)level);
        glTexImage2D(GL_TEXTURE_2D, level, GL_SRGB8_ALPHA8, w, w, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_MIRRORED_REPEAT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 1);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 4);
    glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MIN_LOD, 0.5f);
    glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MAX_LOD, 3.25f);
    glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_LOD_BIAS, 0.75f);
    glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_PRIORITY, 0.3f);
    glTexParameterf(GL_TEXTURE_2D, GL_TEXTURE_MAX_ANISOTROPY, 4.0f);
    const GLint swizzle[] = {GL_BLUE, GL_ALPHA, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    const GLfloat border[] = {0.1f, 0.2f, 0.3f, 0.4f};
    glTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_SRGB_DECODE_EXT, GL_SKIP_DECODE_EXT);

    glBindTexture(GL_TEXTURE_2D, tex[1]);
    float depth[16 * 16];
    for (int i = 0; i < 16 * 16; i++)
        depth[i] = (float)((i * 37) % 256) / 255.0f;
    glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT24, 16, 16, 0, GL_DEPTH_COMPONENT, GL_FLOAT, depth);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_GEQUAL);
    glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_TEXTURE_MODE, GL_ALPHA);

    glBindTexture(GL_TEXTURE_2D, tex[2]);
    GLuint ds[8 * 8];
    for (int i = 0; i < 64; i++)
        ds[i] = (GLuint)(i * 0x3456u) << 8 | (GLuint)(i * 3);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH24_STENCIL8, 8, 8, 0, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, ds);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GL_STENCIL_INDEX);

    pt_checkpoint();

    glBindTexture(GL_TEXTURE_2D, tex[0]);
    print_params("color", GL_TEXTURE_2D);
    pt_draw_texture("color draw (swizzle, border, lod)", GL_TEXTURE_2D, 'f', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    print_params("depth", GL_TEXTURE_2D);
    pt_draw_texture("depth compare draw", GL_TEXTURE_2D, 's', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_2D, tex[2]);
    print_params("depth stencil", GL_TEXTURE_2D);
    pt_draw_texture("stencil sampling draw", GL_TEXTURE_2D, 'u', 1.0f / 255.0f, 0.0f);
    return pt_done();
}
