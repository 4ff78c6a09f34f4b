/* Matrix stacks: modelview and projection pushed to several levels, texture matrices on
 * several units with their own stacks, and the matrix mode; every level read back by
 * popping after the checkpoint, and a draw through them. */
#include "preserve_state.h"

static void print_matrix(const char *what, GLenum pname)
{
    GLdouble m[16];
    glGetDoublev(pname, m);
    printf("%s", what);
    for (int i = 0; i < 16; i++)
        printf(" %.9g", m[i]);
    printf("\n");
}

static void print_stack(const char *what, GLenum mode, GLenum depth_pname, GLenum matrix_pname)
{
    glMatrixMode(mode);
    GLint depth = 0;
    glGetIntegerv(depth_pname, &depth);
    printf("%s depth %d\n", what, depth);
    for (GLint level = depth - 1; level >= 0; level--) {
        char label[64];
        snprintf(label, sizeof label, "%s level %d", what, level);
        print_matrix(label, matrix_pname);
        if (level > 0)
            glPopMatrix();
    }
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    glFrustum(-1, 1, -0.8, 0.8, 1, 10);
    glPushMatrix();
    glOrtho(-2, 2, -2, 2, -3, 3);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glTranslatef(0, 0, -3);
    glPushMatrix();
    glRotatef(33, 1, 2, 3);
    glPushMatrix();
    glScalef(0.5f, 0.75f, 1.25f);
    const GLdouble m[16] = {1, 0.1, 0, 0, 0.2, 1, 0, 0, 0, 0, 1, 0, 0.05, -0.1, 0, 1};
    glMultMatrixd(m);
    for (int u = 0; u < 3; u++) {
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        glMatrixMode(GL_TEXTURE);
        glLoadIdentity();
        glTranslatef(0.1f * (float)u, 0.2f, 0);
        for (int k = 0; k < u; k++) {
            glPushMatrix();
            glRotatef(15.0f * (float)(k + 1), 0, 0, 1);
        }
    }
    glActiveTexture(GL_TEXTURE1);
    glMatrixMode(GL_PROJECTION);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_MATRIX_MODE, &v);
    pt_int("matrix mode", v);
    glGetIntegerv(GL_ACTIVE_TEXTURE, &v);
    pt_int("active texture", v - GL_TEXTURE0);
    glMatrixMode(GL_MODELVIEW);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_frame("scene through the top matrices");
    print_matrix("modelview transpose", GL_TRANSPOSE_MODELVIEW_MATRIX);
    print_stack("modelview", GL_MODELVIEW, GL_MODELVIEW_STACK_DEPTH, GL_MODELVIEW_MATRIX);
    print_stack("projection", GL_PROJECTION, GL_PROJECTION_STACK_DEPTH, GL_PROJECTION_MATRIX);
    for (int u = 0; u < 4; u++) {
        char what[32];
        snprintf(what, sizeof what, "texture unit %d", u);
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        print_stack(what, GL_TEXTURE, GL_TEXTURE_STACK_DEPTH, GL_TEXTURE_MATRIX);
    }
    return pt_done();
}
