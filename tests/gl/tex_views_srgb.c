/* Texture views and sRGB textures. Views are named before the textures they view (so they
 * must be rebuilt after them): an RGBA8 view of levels 1-2 of an sRGB texture, a cube map
 * view of a 6-layer RGBA8 array, and an sRGB 2D view of one face of that cube view (a view
 * of a view). After the checkpoint the views still share storage with their roots: a write
 * into a root shows through its views. Plus a mutable GL_SRGB8 texture whose sRGB decoding
 * is skipped, and GL_FRAMEBUFFER_SRGB enabled. */
#include "preserve_draw.h"

static void print_view(const char *what, GLenum target)
{
    static const GLenum pnames[] = {GL_TEXTURE_VIEW_MIN_LEVEL, GL_TEXTURE_VIEW_NUM_LEVELS, GL_TEXTURE_VIEW_MIN_LAYER,
                                    GL_TEXTURE_VIEW_NUM_LAYERS, GL_TEXTURE_IMMUTABLE_FORMAT,
                                    GL_TEXTURE_IMMUTABLE_LEVELS};
    printf("%s:", what);
    for (size_t i = 0; i < sizeof pnames / sizeof *pnames; i++) {
        GLint v = -1;
        glGetTexParameteriv(target, pnames[i], &v);
        printf(" %d", v);
    }
    printf("\n");
    pt_check_error(what);
}

static unsigned char px[16 * 16 * 6 * 4];

/* tex: face view, level view, sRGB root, cube view, array root, sRGB with decoding skipped. */
static void create_textures(GLuint *tex)
{
    glGenTextures(6, tex);
    pt_pattern(px, sizeof px, 4242);
    glBindTexture(GL_TEXTURE_2D, tex[2]);
    glTexStorage2D(GL_TEXTURE_2D, 3, GL_SRGB8_ALPHA8, 16, 16);
    for (int level = 0; level < 3; level++)
        glTexSubImage2D(GL_TEXTURE_2D, level, 0, 0, 16 >> level, 16 >> level, GL_RGBA, GL_UNSIGNED_BYTE,
                        px + level * 97);
    glTextureView(tex[1], GL_TEXTURE_2D, tex[2], GL_RGBA8, 1, 2, 0, 1);
    glBindTexture(GL_TEXTURE_2D_ARRAY, tex[4]);
    glTexStorage3D(GL_TEXTURE_2D_ARRAY, 1, GL_RGBA8, 8, 8, 6);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 0, 8, 8, 6, GL_RGBA, GL_UNSIGNED_BYTE, px + 3);
    glTextureView(tex[3], GL_TEXTURE_CUBE_MAP, tex[4], GL_RGBA8, 0, 1, 0, 6);
    glTextureView(tex[0], GL_TEXTURE_2D, tex[3], GL_SRGB8_ALPHA8, 0, 1, 3, 1);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, tex[5]);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_SRGB8, 16, 16, 0, GL_RGB, GL_UNSIGNED_BYTE, px + 11);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_SRGB_DECODE_EXT, GL_SKIP_DECODE_EXT);
    glEnable(GL_FRAMEBUFFER_SRGB);
    glBindTexture(GL_TEXTURE_2D, 0);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[6];
    create_textures(tex);

    pt_checkpoint();

    pt_int("GL_FRAMEBUFFER_SRGB", glIsEnabled(GL_FRAMEBUFFER_SRGB));
    glDisable(GL_FRAMEBUFFER_SRGB); /* frames below are compared as stored */
    static const struct { int tex; GLenum target; const char *name; } views[] = {
        {0, GL_TEXTURE_2D, "sRGB view of a cube face"}, {1, GL_TEXTURE_2D, "RGBA8 view of levels 1-2"},
        {2, GL_TEXTURE_2D, "sRGB root"}, {3, GL_TEXTURE_CUBE_MAP, "cube view of an array"},
        {4, GL_TEXTURE_2D_ARRAY, "array root"}, {5, GL_TEXTURE_2D, "sRGB, decoding skipped"},
    };
    for (int i = 0; i < 6; i++) {
        glBindTexture(views[i].target, tex[views[i].tex]);
        print_view(views[i].name, views[i].target);
        GLenum image = views[i].target == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_NEGATIVE_X : views[i].target;
        for (int level = 0; level < 3; level++)
            pt_tex_image(views[i].name, image, level, GL_RGBA, GL_UNSIGNED_BYTE);
        pt_draw_texture(views[i].name, views[i].target, 'f', 1.0f, 0.0f);
    }
    GLint decode = 0;
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SRGB_DECODE_EXT, &decode);
    pt_int("sRGB decode of the last texture", decode);
    /* Shared storage: writes into the roots show through the views. */
    glBindTexture(GL_TEXTURE_2D, tex[2]);
    glTexSubImage2D(GL_TEXTURE_2D, 1, 2, 2, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, px + 500);
    glBindTexture(GL_TEXTURE_2D_ARRAY, tex[4]);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 1, 1, 3, 5, 5, 1, GL_RGBA, GL_UNSIGNED_BYTE, px + 900);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    pt_tex_image("level view after a write into its root", GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    glBindTexture(GL_TEXTURE_2D, tex[0]);
    pt_tex_image("face view after a write into the array", GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    return pt_done();
}
