/* A checkpoint while a display list is being compiled with GL_COMPILE_AND_EXECUTE: what
 * was executed before the checkpoint stays drawn and set (once), the calls after it are
 * executed too, and the list holds both parts. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint list = glGenLists(1);
    glClearColor(0.0f, 0.0f, 0.2f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glNewList(list, GL_COMPILE_AND_EXECUTE);
    glTranslatef(0.0f, 0.5f, 0.0f);
    glColor3f(0.9f, 0.9f, 0.1f);
    glBegin(GL_TRIANGLES);
    glVertex2f(-0.3f, 0.0f);
    glVertex2f(0.3f, 0.0f);
    glVertex2f(0.0f, 0.4f);
    glEnd();

    pt_checkpoint();

    GLint index = -1, mode = -1;
    glGetIntegerv(GL_LIST_INDEX, &index);
    glGetIntegerv(GL_LIST_MODE, &mode);
    printf("compiling list %d mode 0x%x\n", index == (GLint)list, mode);
    glTranslatef(0.2f, 0.0f, 0.0f);
    glColor3f(0.1f, 0.9f, 0.9f);
    glRectf(-0.1f, -0.1f, 0.1f, 0.1f);
    glEndList();
    pt_check_error("after the second glEndList");
    GLfloat m[16];
    glGetFloatv(GL_MODELVIEW_MATRIX, m);
    pt_floats("modelview after compile and execute", m, 16);
    pt_frame("executed while compiled");
    glLoadIdentity();
    glClear(GL_COLOR_BUFFER_BIT);
    glCallList(list);
    pt_frame("the second list called");
    return pt_done();
}
