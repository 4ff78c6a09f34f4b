/* 2D array textures: layers with mipmaps, one layer replaced by glTexSubImage3D; contents
 * of every level and a draw sampling each layer. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex;
    glGenTextures(1, &tex);
    static unsigned char px[16 * 16 * 5 * 4];
    glBindTexture(GL_TEXTURE_2D_ARRAY, tex);
    for (int level = 0, w = 16; w >= 1; level++, w /= 2) {
        pt_pattern(px, (size_t)w * w * 5 * 4, 500 + (unsigned)level);
        glTexImage3D(GL_TEXTURE_2D_ARRAY, level, GL_RGBA8, w, w, 5, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    pt_pattern(px, 16 * 16 * 4, 555);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 3, 16, 16, 1, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_NEAREST);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_T, GL_MIRROR_CLAMP_TO_EDGE);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D_ARRAY, &v);
    pt_int("binding is the array", v == (GLint)tex);
    glGetTexParameteriv(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_T, &v);
    pt_int("wrap t", v);
    for (int level = 0; level < 6; level++)
        pt_tex_image("array", GL_TEXTURE_2D_ARRAY, level, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("array draw", GL_TEXTURE_2D_ARRAY, 'f', 1.0f, 0.0f);
    return pt_done();
}
