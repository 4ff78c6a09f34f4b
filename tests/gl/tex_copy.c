/* Textures filled from the framebuffer before the checkpoint: glCopyTexImage2D,
 * glCopyTexSubImage1D/2D/3D and a cube map face; what they hold is what was rendered then,
 * not what the framebuffer holds later. */
#include "preserve_draw.h"

static void scene(float r)
{
    glClearColor(r, 0.2f, 0.4f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_TRIANGLES);
    glColor3f(1, 0, 0); glVertex2f(-1, -1);
    glColor3f(0, 1, 0); glVertex2f(1, -0.5f);
    glColor3f(0, 0, 1); glVertex2f(-0.2f, 1);
    glEnd();
    glColor3f(1, 1, 1);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[5];
    glGenTextures(5, tex);
    scene(0.1f);
    glBindTexture(GL_TEXTURE_2D, tex[0]);
    glCopyTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4, 32, 32, 0);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, 16, 16, 0, GL_RGB, GL_UNSIGNED_BYTE, NULL);
    glCopyTexSubImage2D(GL_TEXTURE_2D, 0, 4, 4, 20, 30, 8, 8);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_1D, tex[2]);
    glTexImage1D(GL_TEXTURE_1D, 0, GL_RGBA8, 64, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glCopyTexSubImage1D(GL_TEXTURE_1D, 0, 0, 0, 40, 64);
    glBindTexture(GL_TEXTURE_3D, tex[3]);
    glTexImage3D(GL_TEXTURE_3D, 0, GL_RGBA8, 8, 8, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glCopyTexSubImage3D(GL_TEXTURE_3D, 0, 0, 0, 2, 30, 10, 8, 8);
    scene(0.7f);
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[4]);
    for (int f = 0; f < 6; f++)
        glCopyTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f, 0, GL_RGBA8, f * 8, f * 4, 16, 16, 0);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    /* Something else in the framebuffer at the checkpoint. */
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);

    pt_checkpoint();

    glBindTexture(GL_TEXTURE_2D, tex[0]);
    pt_tex_image("glCopyTexImage2D", GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("glCopyTexImage2D draw", GL_TEXTURE_2D, 'f', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    pt_tex_image("glCopyTexSubImage2D", GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    glBindTexture(GL_TEXTURE_1D, tex[2]);
    pt_tex_image("glCopyTexSubImage1D", GL_TEXTURE_1D, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    glBindTexture(GL_TEXTURE_3D, tex[3]);
    pt_tex_image("glCopyTexSubImage3D", GL_TEXTURE_3D, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[4]);
    for (int f = 0; f < 6; f++)
        pt_tex_image("cube face", GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    pt_draw_texture("cube draw", GL_TEXTURE_CUBE_MAP, 'f', 1.0f, 0.0f);
    return pt_done();
}
