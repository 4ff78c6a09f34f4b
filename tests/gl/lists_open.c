/* A checkpoint while a display list is being compiled with GL_COMPILE (glNewList open):
 * the calls before the checkpoint and after it end up in the one list, nothing is drawn
 * while compiling, GL_LIST_INDEX and GL_LIST_MODE still say what is compiled, and a second
 * glNewList is still an error. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint list = glGenLists(2);
    glClearColor(0.0f, 0.0f, 0.2f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glNewList(list, GL_COMPILE);
    glColor3f(1.0f, 0.3f, 0.2f);
    glBegin(GL_TRIANGLES);
    glVertex2f(-0.9f, -0.9f);
    glVertex2f(-0.1f, -0.9f);
    glVertex2f(-0.5f, -0.1f);
    glEnd();

    pt_checkpoint();

    GLint index = -1, mode = -1;
    glGetIntegerv(GL_LIST_INDEX, &index);
    glGetIntegerv(GL_LIST_MODE, &mode);
    printf("compiling list %d mode 0x%x\n", index == (GLint)list, mode);
    glColor3f(0.2f, 1.0f, 0.3f);
    glBegin(GL_TRIANGLES);
    glVertex2f(0.1f, -0.9f);
    glVertex2f(0.9f, -0.9f);
    glVertex2f(0.5f, -0.1f);
    glEnd();
    glNewList(list + 1, GL_COMPILE);
    pt_int("glNewList inside a list: error", glGetError());
    glEndList();
    pt_check_error("after glEndList");
    pt_int("list is a list", glIsList(list));
    pt_frame("nothing drawn by the compile-only list");
    glCallList(list);
    pt_frame("both triangles from the list");

    return pt_done();
}
