/* 3D textures: a mipmapped RGBA8 volume with its R wrap mode, and an R16 one; every level
 * and a draw slicing through them. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[2];
    glGenTextures(2, tex);
    static unsigned char px[16 * 16 * 8 * 4];
    glBindTexture(GL_TEXTURE_3D, tex[0]);
    for (int level = 0, w = 16, h = 16, d = 8; level < 4; level++, w /= 2, h /= 2, d = d > 1 ? d / 2 : 1) {
        pt_pattern(px, (size_t)w * h * d * 4, 300 + (unsigned)level);
        glTexImage3D(GL_TEXTURE_3D, level, GL_RGBA8, w, h, d, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MAX_LEVEL, 3);
    glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_LINEAR);

    glBindTexture(GL_TEXTURE_3D, tex[1]);
    pt_pattern(px, 8 * 8 * 4 * 2, 310);
    glTexImage3D(GL_TEXTURE_3D, 0, GL_R16, 8, 8, 4, 0, GL_RED, GL_UNSIGNED_SHORT, px);
    glTexParameteri(GL_TEXTURE_3D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexSubImage3D(GL_TEXTURE_3D, 0, 2, 2, 1, 2, 2, 2, GL_RED, GL_UNSIGNED_SHORT, px + 1000);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_3D, &v);
    pt_int("binding is the second texture", v == (GLint)tex[1]);
    pt_tex_image("r16", GL_TEXTURE_3D, 0, GL_RED, GL_UNSIGNED_SHORT);
    pt_draw_texture("r16 draw", GL_TEXTURE_3D, 'f', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_3D, tex[0]);
    glGetTexParameteriv(GL_TEXTURE_3D, GL_TEXTURE_WRAP_R, &v);
    pt_int("wrap r", v);
    glGetTexParameteriv(GL_TEXTURE_3D, GL_TEXTURE_MAX_LEVEL, &v);
    pt_int("max level", v);
    for (int level = 0; level < 5; level++)
        pt_tex_image("rgba8", GL_TEXTURE_3D, level, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("rgba8 draw", GL_TEXTURE_3D, 'f', 1.0f, 0.0f);
    return pt_done();
}
