/* Nested display lists: lists calling lists, glCallLists with a list base and every name
 * type (bytes, shorts, ints, floats, 2- 3- and 4-byte names), and a list that calls a list
 * defined only after it was compiled. */
#include "preserve_state.h"

static void square(float x, float y, float s, float r, float g, float b)
{
    glColor3f(r, g, b);
    glBegin(GL_QUADS);
    glVertex2f(x, y); glVertex2f(x + s, y); glVertex2f(x + s, y + s); glVertex2f(x, y + s);
    glEnd();
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint base = glGenLists(300);
    /* base+0..9: a small square each, moving right. */
    for (int i = 0; i < 10; i++) {
        glNewList(base + (GLuint)i, GL_COMPILE);
        square(-1.0f + 0.2f * (float)i, -1.0f, 0.15f, 0.1f * (float)i, 1.0f - 0.1f * (float)i, 0.5f);
        glTranslatef(0.0f, 0.02f, 0.0f);
        glEndList();
    }
    /* base+10: calls three of them and a list compiled later (base+11). */
    glNewList(base + 10, GL_COMPILE);
    glPushMatrix();
    glTranslatef(0.0f, 0.3f, 0.0f);
    glCallList(base + 1);
    glCallList(base + 5);
    glCallList(base + 11);
    glPopMatrix();
    glEndList();
    glNewList(base + 11, GL_COMPILE);
    square(0.5f, 0.5f, 0.3f, 1, 1, 1);
    glEndList();
    /* base+12: glCallLists inside a list, with its own list base. */
    glNewList(base + 12, GL_COMPILE);
    glListBase(base);
    const GLubyte bytes[] = {2, 4, 6};
    glCallLists(3, GL_UNSIGNED_BYTE, bytes);
    glEndList();
    glListBase(base + 3);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_LIST_BASE, &v);
    pt_int("list base offset", v - (GLint)base);
    for (GLuint i = 0; i < 14; i++)
        printf("list %u is a list %d\n", i, glIsList(base + i));
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glCallList(base + 10);
    pt_frame("nested lists");
    glLoadIdentity();
    glCallList(base + 12);
    pt_frame("glCallLists inside a list");
    glLoadIdentity();
    glListBase(base);
    const GLbyte sb[] = {0, 1};
    const GLshort ss[] = {2};
    const GLushort us[] = {3};
    const GLint si[] = {4};
    const GLuint ui[] = {5};
    const GLfloat fl[] = {6.0f};
    const GLubyte two[] = {0, 7}, three[] = {0, 0, 8}, four[] = {0, 0, 0, 9};
    glCallLists(2, GL_BYTE, sb);
    glCallLists(1, GL_SHORT, ss);
    glCallLists(1, GL_UNSIGNED_SHORT, us);
    glCallLists(1, GL_INT, si);
    glCallLists(1, GL_UNSIGNED_INT, ui);
    glCallLists(1, GL_FLOAT, fl);
    glCallLists(1, GL_2_BYTES, two);
    glCallLists(1, GL_3_BYTES, three);
    glCallLists(1, GL_4_BYTES, four);
    pt_frame("glCallLists with every name type");
    return pt_done();
}
