/* Rectangle textures: non-power-of-two, no mipmaps, unnormalized coordinates; sampled by a
 * shader and by fixed-function texturing. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex;
    glGenTextures(1, &tex);
    static unsigned char px[37 * 23 * 4];
    pt_pattern(px, sizeof px, 700);
    glBindTexture(GL_TEXTURE_RECTANGLE, tex);
    glTexImage2D(GL_TEXTURE_RECTANGLE, 0, GL_RGBA8, 37, 23, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glTexParameteri(GL_TEXTURE_RECTANGLE, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_RECTANGLE, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_RECTANGLE, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
    const float border[] = {0.25f, 0.5f, 0.75f, 1.0f};
    glTexParameterfv(GL_TEXTURE_RECTANGLE, GL_TEXTURE_BORDER_COLOR, border);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_RECTANGLE, &v);
    pt_int("binding is the rectangle", v == (GLint)tex);
    glGetTexParameteriv(GL_TEXTURE_RECTANGLE, GL_TEXTURE_WRAP_S, &v);
    pt_int("wrap s", v);
    pt_tex_image("rectangle", GL_TEXTURE_RECTANGLE, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("shader draw", GL_TEXTURE_RECTANGLE, 'f', 1.0f, 0.0f);
    glEnable(GL_TEXTURE_RECTANGLE);
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_QUADS);
    glTexCoord2f(-5, -3); glVertex2f(-1, -1);
    glTexCoord2f(42, -3); glVertex2f(1, -1);
    glTexCoord2f(42, 26); glVertex2f(1, 1);
    glTexCoord2f(-5, 26); glVertex2f(-1, 1);
    glEnd();
    glDisable(GL_TEXTURE_RECTANGLE);
    pt_frame("fixed-function draw with border");
    return pt_done();
}
