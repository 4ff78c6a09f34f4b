/* 2D textures with mipmaps: levels given one by one, levels made by glGenerateMipmap and by
 * the legacy GL_GENERATE_MIPMAP parameter, and a texture whose chain starts at level 1 (no
 * level 0): every level's size, format and contents, and minified draws that sample them. */
#include "preserve_draw.h"

static void ff_quad(float x0, float y0, float x1, float y1)
{
    glBegin(GL_QUADS);
    glTexCoord2f(0, 0); glVertex2f(x0, y0);
    glTexCoord2f(1, 0); glVertex2f(x1, y0);
    glTexCoord2f(1, 1); glVertex2f(x1, y1);
    glTexCoord2f(0, 1); glVertex2f(x0, y1);
    glEnd();
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[4];
    glGenTextures(4, tex);
    static unsigned char px[32 * 32 * 4];

    glBindTexture(GL_TEXTURE_2D, tex[0]);
    for (int level = 0, size = 16; size >= 1; level++, size /= 2) {
        pt_pattern(px, (size_t)size * size * 4, 10 + (unsigned)level);
        glTexImage2D(GL_TEXTURE_2D, level, GL_RGBA8, size, size, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);

    glBindTexture(GL_TEXTURE_2D, tex[1]);
    pt_pattern(px, 32 * 32 * 4, 20);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 32, 32, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glGenerateMipmap(GL_TEXTURE_2D);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_NEAREST);

    glBindTexture(GL_TEXTURE_2D, tex[2]);
    glTexParameteri(GL_TEXTURE_2D, GL_GENERATE_MIPMAP, GL_TRUE);
    pt_pattern(px, 8 * 8 * 3, 30);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, 8, 8, 0, GL_RGB, GL_UNSIGNED_BYTE, px);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);

    glBindTexture(GL_TEXTURE_2D, tex[3]);
    for (int level = 1, size = 8; level <= 3; level++, size /= 2) {
        pt_pattern(px, (size_t)size * size * 4, 40 + (unsigned)level);
        glTexImage2D(GL_TEXTURE_2D, level, GL_RGBA8, size, size, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    }
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, 1);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 3);
    glBindTexture(GL_TEXTURE_2D, tex[0]);

    pt_checkpoint();

    GLint bound = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
    pt_int("bound", bound == (GLint)tex[0]);
    const char *names[] = {"explicit", "glGenerateMipmap", "GL_GENERATE_MIPMAP", "from level 1"};
    for (int t = 0; t < 4; t++) {
        glBindTexture(GL_TEXTURE_2D, tex[t]);
        GLint base = 0, max = 0, gen = 0;
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_BASE_LEVEL, &base);
        glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, &max);
        glGetTexParameteriv(GL_TEXTURE_2D, GL_GENERATE_MIPMAP, &gen);
        printf("%s: base %d max %d generate %d\n", names[t], base, max, gen);
        for (int level = 0; level < 7; level++)
            pt_tex_image(names[t], GL_TEXTURE_2D, level, GL_RGBA, GL_UNSIGNED_BYTE);
    }

    glEnable(GL_TEXTURE_2D);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    for (int t = 0; t < 4; t++) {
        glBindTexture(GL_TEXTURE_2D, tex[t]);
        float x = -1.0f + 0.5f * (float)t;
        ff_quad(x, -1.0f, x + 0.5f, -0.5f);       /* 16x16 pixels */
        ff_quad(x, -0.5f, x + 0.125f, -0.375f);   /* 4x4 */
        ff_quad(x, 0.0f, x + 0.0625f, 0.0625f);   /* 2x2 */
    }
    pt_frame("minified draws");
    glDisable(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    pt_draw_texture("shader draw", GL_TEXTURE_2D, 'f', 1.0f, 0.0f);
    return pt_done();
}
