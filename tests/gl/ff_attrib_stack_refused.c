/* Attribute stack levels glcr refuses to save, naming them: a GL_COLOR_BUFFER_BIT level
 * whose draw buffer is not the live one ("draw-buffer"), and pushes run from a display list,
 * which glcr does not see ("list"). The app goes on after the refusal, pops its levels and
 * draws, to the same result as a run without the attempt. */
#include "preserve_state.h"

static void pop_and_draw(int levels)
{
    for (int level = levels - 1; level >= 0; level--) {
        glPopAttrib();
        GLint v[4] = {0};
        glGetIntegerv(GL_ATTRIB_STACK_DEPTH, v);
        pt_int("depth", v[0]);
        glGetIntegerv(GL_DRAW_BUFFER, v);
        pt_int("draw buffer", v[0]);
        glClear(GL_COLOR_BUFFER_BIT);
        pt_scene();
        pt_frame("scene");
    }
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    const char *mode = argc > 1 ? argv[1] : "draw-buffer";
    glClearColor(0.2f, 0.3f, 0.4f, 1.0f);
    if (strcmp(mode, "draw-buffer") == 0) {
        glPushAttrib(GL_COLOR_BUFFER_BIT);
        glDrawBuffer(GL_FRONT);
        glClearColor(0.6f, 0.1f, 0.1f, 1.0f);
        printf("attribute stack level 0\n");
        pt_checkpoint();
        glClear(GL_COLOR_BUFFER_BIT);
        glReadBuffer(GL_FRONT);
        pt_frame("front buffer");
        glReadBuffer(GL_BACK);
        pop_and_draw(1);
    } else {
        GLuint list = glGenLists(1);
        glNewList(list, GL_COMPILE);
        glPushAttrib(GL_LINE_BIT);
        glLineWidth(4.0f);
        glEndList();
        glPushAttrib(GL_POINT_BIT);
        glCallList(list);
        printf("attribute stack depth 2\n");
        pt_checkpoint();
        pop_and_draw(2);
    }
    return pt_done();
}
