/* Fog: mode, density, start, end, color, index, coordinate source, the hint and the enable;
 * queried, and a scene drawn through exponential fog and through fog coordinates. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glEnable(GL_FOG);
    glFogi(GL_FOG_MODE, GL_EXP2);
    glFogf(GL_FOG_DENSITY, 0.65f);
    glFogf(GL_FOG_START, 0.25f);
    glFogf(GL_FOG_END, 2.5f);
    glFogf(GL_FOG_INDEX, 3.0f);
    const GLfloat color[] = {0.3f, 0.5f, 0.7f, 0.9f};
    glFogfv(GL_FOG_COLOR, color);
    glHint(GL_FOG_HINT, GL_NICEST);
    glFogi(GL_FOG_COORD_SRC, GL_FRAGMENT_DEPTH);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_FOG_MODE, 1), PT_Q(GL_FOG_DENSITY, 1), PT_Q(GL_FOG_START, 1), PT_Q(GL_FOG_END, 1),
        PT_Q(GL_FOG_INDEX, 1), PT_Q(GL_FOG_COLOR, 4), PT_Q(GL_FOG_HINT, 1), PT_Q(GL_FOG_COORD_SRC, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    printf("fog enabled %d\n", glIsEnabled(GL_FOG));
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    glFrustum(-1, 1, -1, 1, 1, 5);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glTranslatef(0, 0, -2.5f);
    glScalef(1.5f, 1.5f, 1.5f);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_frame("exp2 fog by depth");
    glFogi(GL_FOG_MODE, GL_LINEAR);
    glFogi(GL_FOG_COORD_SRC, GL_FOG_COORD);
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_QUADS);
    glFogCoordf(0.0f); glVertex2f(-1, -1);
    glFogCoordf(3.0f); glVertex2f(1, -1);
    glFogCoordf(1.0f); glVertex2f(1, 1);
    glFogCoordf(2.0f); glVertex2f(-1, 1);
    glEnd();
    pt_frame("linear fog by coordinate");
    return pt_done();
}
