/* List names deleted, reused and recompiled: a deleted range, a name recompiled with new
 * contents, lists generated after deleting others (names handed out again), and an empty
 * list; glIsList and the contents after the checkpoint. */
#include "preserve_state.h"

static void tri(float x, float r)
{
    glColor3f(r, 1.0f - r, 0.5f);
    glBegin(GL_TRIANGLES);
    glVertex2f(x, -0.5f);
    glVertex2f(x + 0.3f, -0.5f);
    glVertex2f(x + 0.15f, 0.5f);
    glEnd();
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint a = glGenLists(6);
    for (GLuint i = 0; i < 6; i++) {
        glNewList(a + i, GL_COMPILE);
        tri(-1.0f + 0.3f * (float)i, 0.15f * (float)i);
        glEndList();
    }
    glDeleteLists(a + 1, 2);             /* a+1, a+2 gone */
    glNewList(a + 3, GL_COMPILE);        /* recompiled */
    tri(0.6f, 1.0f);
    glEndList();
    GLuint b = glGenLists(2);            /* may reuse a+1, a+2 */
    glNewList(b, GL_COMPILE);
    tri(-0.2f, 0.33f);
    glEndList();
    glNewList(b + 1, GL_COMPILE);        /* empty */
    glEndList();
    glNewList(a + 40, GL_COMPILE);       /* a name never generated */
    tri(0.3f, 0.8f);
    glEndList();

    pt_checkpoint();

    for (GLuint i = 0; i < 6; i++)
        printf("a+%u is a list %d\n", i, glIsList(a + i));
    printf("b is a+1: %d; b, b+1 are lists %d %d; a+40 is a list %d\n", b == a + 1, glIsList(b), glIsList(b + 1),
           glIsList(a + 40));
    glClear(GL_COLOR_BUFFER_BIT);
    for (GLuint i = 0; i < 6; i++)
        glCallList(a + i);
    glCallList(b + 1);
    pt_frame("remaining lists");
    glClear(GL_COLOR_BUFFER_BIT);
    glCallList(b);
    glCallList(a + 40);
    pt_frame("regenerated lists");
    GLuint c = glGenLists(1);
    printf("next name free and new: %d\n", glIsList(c));
    return pt_done();
}
