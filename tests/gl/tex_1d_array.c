/* 1D array textures: layers with mipmaps (the layer count stays as the height at every
 * level), and a draw with one layer per band. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex;
    glGenTextures(1, &tex);
    static unsigned char px[32 * 7 * 4];
    glBindTexture(GL_TEXTURE_1D_ARRAY, tex);
    for (int level = 0, w = 32; w >= 1; level++, w /= 2) {
        pt_pattern(px, (size_t)w * 7 * 4, 600 + (unsigned)level);
        glTexImage2D(GL_TEXTURE_1D_ARRAY, level, GL_RGBA8, w, 7, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    glTexParameteri(GL_TEXTURE_1D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_1D_ARRAY, GL_TEXTURE_WRAP_S, GL_REPEAT);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_1D_ARRAY, &v);
    pt_int("binding is the array", v == (GLint)tex);
    for (int level = 0; level < 7; level++)
        pt_tex_image("array", GL_TEXTURE_1D_ARRAY, level, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("array draw", GL_TEXTURE_1D_ARRAY, 'f', 1.0f, 0.0f);
    return pt_done();
}
