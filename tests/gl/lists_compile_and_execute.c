/* GL_COMPILE_AND_EXECUTE: a list whose compilation also drew and changed state before the
 * checkpoint (the state and the frame are what it left), replayed after it. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint list = glGenLists(1);
    glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glNewList(list, GL_COMPILE_AND_EXECUTE);
    glTranslatef(0.1f, 0.0f, 0.0f);
    glColor3f(0.9f, 0.5f, 0.1f);
    glBegin(GL_TRIANGLES);
    glVertex2f(-0.5f, -0.5f);
    glVertex2f(0.5f, -0.5f);
    glVertex2f(0.0f, 0.5f);
    glEnd();
    glPointSize(4.0f);
    glEndList();

    pt_checkpoint();

    pt_frame("frame drawn while compiling");
    GLfloat m[16], c[4], p;
    glGetFloatv(GL_MODELVIEW_MATRIX, m);
    glGetFloatv(GL_CURRENT_COLOR, c);
    glGetFloatv(GL_POINT_SIZE, &p);
    pt_floats("modelview", m, 16);
    pt_floats("color", c, 4);
    pt_floats("point size", &p, 1);
    glCallList(list);
    glCallList(list);
    glGetFloatv(GL_MODELVIEW_MATRIX, m);
    pt_floats("modelview after two calls", m, 16);
    pt_frame("frame after two calls");
    return pt_done();
}
