/* 1D textures: a mipmapped RGBA8 one and a single-level float one, with their wrap and
 * filter parameters; contents read back and sampled by a draw. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[2];
    glGenTextures(2, tex);
    unsigned char px[64 * 4];
    glBindTexture(GL_TEXTURE_1D, tex[0]);
    for (int level = 0, w = 64; w >= 1; level++, w /= 2) {
        pt_pattern(px, (size_t)w * 4, 100 + (unsigned)level);
        glTexImage1D(GL_TEXTURE_1D, level, GL_RGBA8, w, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_WRAP_S, GL_MIRRORED_REPEAT);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_NEAREST);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);

    float f[16 * 2];
    for (int i = 0; i < 32; i++)
        f[i] = (float)i * 0.03125f - 0.25f;
    glBindTexture(GL_TEXTURE_1D, tex[1]);
    glTexImage1D(GL_TEXTURE_1D, 0, GL_RG32F, 16, 0, GL_RG, GL_FLOAT, f);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_1D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_1D, tex[0]);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_1D, &v);
    pt_int("binding is the first texture", v == (GLint)tex[0]);
    glGetTexParameteriv(GL_TEXTURE_1D, GL_TEXTURE_WRAP_S, &v);
    pt_int("wrap s", v);
    glGetTexParameteriv(GL_TEXTURE_1D, GL_TEXTURE_MIN_FILTER, &v);
    pt_int("min filter", v);
    for (int level = 0; level < 8; level++)
        pt_tex_image("rgba8", GL_TEXTURE_1D, level, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("rgba8 draw", GL_TEXTURE_1D, 'f', 1.0f, 0.0f);
    glEnable(GL_TEXTURE_1D);
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_QUADS);
    glTexCoord1f(-1.0f); glVertex2f(-1.0f, -1.0f);
    glTexCoord1f(2.0f); glVertex2f(1.0f, -1.0f);
    glTexCoord1f(2.0f); glVertex2f(1.0f, -0.9f);
    glTexCoord1f(-1.0f); glVertex2f(-1.0f, -0.9f);
    glEnd();
    glDisable(GL_TEXTURE_1D);
    pt_frame("fixed-function draw, mirrored and minified");
    glBindTexture(GL_TEXTURE_1D, tex[1]);
    pt_tex_image("rg32f", GL_TEXTURE_1D, 0, GL_RG, GL_FLOAT);
    pt_draw_texture("rg32f draw", GL_TEXTURE_1D, 'f', 1.0f, 0.25f);
    return pt_done();
}
