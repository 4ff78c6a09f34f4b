/* Color material (face, parameter, enable) and the light model (ambient, local viewer,
 * two-sided lighting, separate specular color); materials changed through glColor while
 * color material was on; lit front and back faces drawn. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glEnable(GL_LIGHTING);
    glEnable(GL_LIGHT0);
    const GLfloat spec[] = {1, 1, 1, 1};
    glLightfv(GL_LIGHT0, GL_SPECULAR, spec);
    glMaterialfv(GL_FRONT_AND_BACK, GL_SPECULAR, spec);
    glMaterialf(GL_FRONT_AND_BACK, GL_SHININESS, 12.0f);
    glColorMaterial(GL_BACK, GL_AMBIENT_AND_DIFFUSE);
    glEnable(GL_COLOR_MATERIAL);
    glColor4f(0.9f, 0.3f, 0.2f, 1.0f); /* becomes the back material */
    glColorMaterial(GL_FRONT, GL_SPECULAR);
    glColor4f(0.2f, 0.3f, 0.9f, 1.0f); /* becomes the front specular */
    const GLfloat amb[] = {0.2f, 0.1f, 0.05f, 1.0f};
    glLightModelfv(GL_LIGHT_MODEL_AMBIENT, amb);
    glLightModeli(GL_LIGHT_MODEL_LOCAL_VIEWER, GL_TRUE);
    glLightModeli(GL_LIGHT_MODEL_TWO_SIDE, GL_TRUE);
    glLightModeli(GL_LIGHT_MODEL_COLOR_CONTROL, GL_SEPARATE_SPECULAR_COLOR);
    glDisable(GL_COLOR_MATERIAL);
    glColorMaterial(GL_FRONT_AND_BACK, GL_DIFFUSE);
    glEnable(GL_COLOR_MATERIAL);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_COLOR_MATERIAL_FACE, 1), PT_Q(GL_COLOR_MATERIAL_PARAMETER, 1), PT_Q(GL_LIGHT_MODEL_AMBIENT, 4),
        PT_Q(GL_LIGHT_MODEL_LOCAL_VIEWER, 1), PT_Q(GL_LIGHT_MODEL_TWO_SIDE, 1),
        PT_Q(GL_LIGHT_MODEL_COLOR_CONTROL, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    printf("color material enabled %d\n", glIsEnabled(GL_COLOR_MATERIAL));
    static const GLenum params[] = {GL_AMBIENT, GL_DIFFUSE, GL_SPECULAR, GL_EMISSION};
    for (int f = 0; f < 2; f++)
        for (int p = 0; p < 4; p++) {
            GLfloat v[4];
            char label[64];
            glGetMaterialfv(f ? GL_BACK : GL_FRONT, params[p], v);
            snprintf(label, sizeof label, "%s material 0x%x", f ? "back" : "front", params[p]);
            pt_floats(label, v, 4);
        }
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_TRIANGLES);
    glNormal3f(0, 0, 1);
    glColor3f(0.6f, 0.6f, 0.1f);
    glVertex2f(-1, -1); glVertex2f(0, -1); glVertex2f(-0.5f, 1);
    glVertex2f(1, -1); glVertex2f(0, -1); glVertex2f(0.5f, 1);
    glEnd();
    pt_frame("front and back lit");
    return pt_done();
}
