/* Helpers for preserve tests of per-context state: print what glGet reports for a list of
 * queries, and draw a small fixed scene whose pixels depend on the state under test. */
#ifndef GLCR_TESTS_GL_PRESERVE_STATE_H
#define GLCR_TESTS_GL_PRESERVE_STATE_H

#include "preserve.h"

struct pt_query {
    const char *name;
    GLenum pname;
    int count;
};

#define PT_Q(pname, count) {#pname, pname, count}

/* Each query printed as doubles (exact for every value glGet returns). */
static inline void pt_queries(const struct pt_query *q, int n)
{
    for (int i = 0; i < n; i++) {
        GLdouble v[16];
        for (int k = 0; k < 16; k++)
            v[k] = -12345.0;
        glGetDoublev(q[i].pname, v);
        printf("%s", q[i].name);
        for (int k = 0; k < q[i].count; k++)
            printf(" %.9g", v[k]);
        printf("\n");
        pt_check_error(q[i].name);
    }
}

static inline void pt_enables(const GLenum *caps, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        printf("%s enabled %d\n", names[i], glIsEnabled(caps[i]));
    pt_check_error("glIsEnabled");
}

#define PT_CAP(cap) cap, #cap

/* Overlapping triangles of different colors and depths, front- and back-facing. */
static inline void pt_scene(void)
{
    glBegin(GL_TRIANGLES);
    glColor4f(1.0f, 0.2f, 0.1f, 0.8f);
    glVertex3f(-0.9f, -0.9f, -0.5f);
    glVertex3f(0.7f, -0.8f, 0.3f);
    glVertex3f(-0.2f, 0.9f, 0.0f);
    glColor4f(0.1f, 0.9f, 0.3f, 0.4f);
    glVertex3f(0.9f, 0.9f, 0.5f);
    glVertex3f(0.8f, -0.7f, -0.2f);
    glVertex3f(-0.8f, 0.1f, 0.1f);
    glColor4f(0.2f, 0.3f, 1.0f, 0.6f);
    glVertex3f(-0.5f, -0.2f, -0.9f);
    glVertex3f(0.5f, -0.1f, 0.9f);
    glVertex3f(0.0f, 0.8f, -0.3f);
    glEnd();
    glColor4f(1, 1, 1, 1);
}

#endif
