/* State changes inside display lists: materials, lights, enables, matrices, texture
 * binds, colors and normals compiled into lists, executed after the checkpoint; what they
 * set is visible in queries and in the lit draw. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    GLubyte px[4 * 4 * 4];
    for (int i = 0; i < 64; i++)
        px[i] = (GLubyte)(i * 29);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
    GLuint list = glGenLists(2);
    glNewList(list, GL_COMPILE);
    const GLfloat diffuse[] = {0.8f, 0.4f, 0.2f, 1.0f}, pos[] = {0.5f, 1.0f, 2.0f, 0.0f};
    glMaterialfv(GL_FRONT, GL_DIFFUSE, diffuse);
    glMaterialf(GL_FRONT, GL_SHININESS, 20.0f);
    glLightfv(GL_LIGHT2, GL_POSITION, pos);
    glEnable(GL_LIGHTING);
    glEnable(GL_LIGHT2);
    glShadeModel(GL_FLAT);
    glBindTexture(GL_TEXTURE_2D, tex);
    glEnable(GL_TEXTURE_2D);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_MODULATE);
    glMatrixMode(GL_MODELVIEW);
    glRotatef(15.0f, 0, 0, 1);
    glEndList();
    glNewList(list + 1, GL_COMPILE);
    glBegin(GL_TRIANGLES);
    glNormal3f(0, 0, 1);
    glTexCoord2f(0, 0); glVertex2f(-0.8f, -0.8f);
    glNormal3f(0.5f, 0, 1);
    glTexCoord2f(1, 0); glVertex2f(0.8f, -0.7f);
    glNormal3f(0, 0.5f, 1);
    glTexCoord2f(0.5f, 1); glVertex2f(0, 0.8f);
    glEnd();
    glEndList();

    pt_checkpoint();

    glCallList(list);
    GLfloat v[4];
    glGetMaterialfv(GL_FRONT, GL_DIFFUSE, v);
    pt_floats("front diffuse", v, 4);
    glGetLightfv(GL_LIGHT2, GL_POSITION, v);
    pt_floats("light2 position", v, 4);
    GLint i;
    glGetIntegerv(GL_SHADE_MODEL, &i);
    pt_int("shade model", i);
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &i);
    pt_int("texture bound by the list", i == (GLint)tex);
    pt_int("lighting", glIsEnabled(GL_LIGHTING));
    glClear(GL_COLOR_BUFFER_BIT);
    glCallList(list + 1);
    pt_frame("lit textured triangle");
    return pt_done();
}
