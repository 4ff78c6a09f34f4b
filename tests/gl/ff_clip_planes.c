/* User clip planes: six planes given under different modelview matrices (stored in eye
 * space), some enabled; queried and a scene clipped by them. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glMatrixMode(GL_MODELVIEW);
    for (int p = 0; p < 6; p++) {
        glLoadIdentity();
        glRotatef(20.0f * (float)p, 0.2f, 0.3f, 1.0f);
        glTranslatef(0.05f * (float)p, 0, 0);
        const GLdouble eq[4] = {p % 2 ? 1.0 : -0.5, p % 3 ? 0.7 : -1.0, 0.1 * p, 0.6 + 0.05 * p};
        glClipPlane(GL_CLIP_PLANE0 + (GLenum)p, eq);
        if (p != 2)
            glEnable(GL_CLIP_PLANE0 + (GLenum)p);
    }
    glLoadIdentity();
    glRotatef(-10.0f, 0, 0, 1);

    pt_checkpoint();

    for (int p = 0; p < 6; p++) {
        GLdouble eq[4];
        glGetClipPlane(GL_CLIP_PLANE0 + (GLenum)p, eq);
        printf("plane %d: %.9g %.9g %.9g %.9g enabled %d\n", p, eq[0], eq[1], eq[2], eq[3],
               glIsEnabled(GL_CLIP_PLANE0 + (GLenum)p));
    }
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_frame("clipped scene");
    return pt_done();
}
