/* Fixed-function lighting: lights (eye-space position set under a non-identity modelview),
 * materials, light model, color material, shade model. */
#include "preserve.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glRotatef(30.0f, 0.0f, 1.0f, 0.0f);
    glTranslatef(0.5f, 0.0f, -1.0f);
    const GLfloat pos[] = {1.0f, 2.0f, 3.0f, 1.0f}, dir[] = {0.0f, -1.0f, -0.5f};
    const GLfloat amb[] = {0.1f, 0.2f, 0.3f, 1.0f}, dif[] = {0.9f, 0.8f, 0.7f, 1.0f};
    glLightfv(GL_LIGHT1, GL_POSITION, pos);
    glLightfv(GL_LIGHT1, GL_SPOT_DIRECTION, dir);
    glLightf(GL_LIGHT1, GL_SPOT_CUTOFF, 40.0f);
    glLightf(GL_LIGHT1, GL_SPOT_EXPONENT, 3.0f);
    glLightf(GL_LIGHT1, GL_LINEAR_ATTENUATION, 0.25f);
    glLightfv(GL_LIGHT1, GL_AMBIENT, amb);
    glLightfv(GL_LIGHT1, GL_DIFFUSE, dif);
    glLoadIdentity();
    const GLfloat mat[] = {0.4f, 0.5f, 0.6f, 1.0f}, spec[] = {1.0f, 1.0f, 1.0f, 1.0f};
    glMaterialfv(GL_FRONT, GL_AMBIENT_AND_DIFFUSE, mat);
    glMaterialfv(GL_BACK, GL_SPECULAR, spec);
    glMaterialf(GL_BACK, GL_SHININESS, 17.0f);
    const GLfloat model_amb[] = {0.05f, 0.06f, 0.07f, 1.0f};
    glLightModelfv(GL_LIGHT_MODEL_AMBIENT, model_amb);
    glLightModeli(GL_LIGHT_MODEL_TWO_SIDE, GL_TRUE);
    glColorMaterial(GL_FRONT_AND_BACK, GL_EMISSION);
    glShadeModel(GL_FLAT);
    glEnable(GL_LIGHTING);
    glEnable(GL_LIGHT1);
    glEnable(GL_NORMALIZE);

    pt_checkpoint();

    GLfloat v[4];
    glGetLightfv(GL_LIGHT1, GL_POSITION, v);
    pt_floats("light1 position (eye)", v, 4);
    glGetLightfv(GL_LIGHT1, GL_SPOT_DIRECTION, v);
    pt_floats("light1 spot direction (eye)", v, 3);
    glGetLightfv(GL_LIGHT1, GL_SPOT_CUTOFF, v);
    pt_floats("light1 cutoff", v, 1);
    glGetMaterialfv(GL_BACK, GL_SHININESS, v);
    pt_floats("back shininess", v, 1);
    glGetMaterialfv(GL_FRONT, GL_DIFFUSE, v);
    pt_floats("front diffuse", v, 4);
    GLint i;
    glGetIntegerv(GL_COLOR_MATERIAL_PARAMETER, &i);
    pt_int("color material parameter", i);
    glGetIntegerv(GL_SHADE_MODEL, &i);
    pt_int("shade model", i);
    pt_int("lighting", glIsEnabled(GL_LIGHTING));
    pt_int("light1", glIsEnabled(GL_LIGHT1));

    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    glFrustum(-1, 1, -1, 1, 1, 10);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glTranslatef(0.0f, 0.0f, -3.0f);
    glBegin(GL_TRIANGLES);
    glNormal3f(0.0f, 0.3f, 1.0f);
    glVertex3f(-1.0f, -1.0f, 0.0f);
    glNormal3f(0.3f, 0.0f, 1.0f);
    glVertex3f(1.0f, -1.0f, 0.0f);
    glNormal3f(0.0f, 0.0f, 1.0f);
    glVertex3f(0.0f, 1.0f, 0.0f);
    glEnd();
    pt_frame("lit triangle");
    return pt_done();
}
