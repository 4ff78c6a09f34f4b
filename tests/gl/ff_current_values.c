/* Current vertex values: color, secondary color, normal, texture coordinates on every
 * unit, fog coordinate, edge flag, color index, and generic vertex attributes 1..15; the
 * values the next vertex would take. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glColor4f(0.1f, 0.2f, 0.3f, 0.4f);
    glSecondaryColor3f(0.5f, 0.6f, 0.7f);
    glNormal3f(0.25f, -0.5f, 0.75f);
    GLint units = 0;
    glGetIntegerv(GL_MAX_TEXTURE_COORDS, &units);
    for (int u = 0; u < units; u++)
        glMultiTexCoord4f(GL_TEXTURE0 + (GLenum)u, 0.1f * (float)u, -0.2f * (float)u, 0.5f, 1.0f + (float)u);
    glFogCoordf(2.5f);
    glEdgeFlag(GL_FALSE);
    glIndexf(7.0f);
    for (GLuint i = 1; i < 16; i++)
        glVertexAttrib4f(i, (float)i, -(float)i * 0.5f, 0.25f, 1.0f / (float)i);
    glVertexAttribI4i(3, -3, 4, -5, 6);
    glVertexAttribI4ui(4, 4000000000u, 1, 2, 3);
    glRasterPos3f(0.25f, -0.5f, 0.1f);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_CURRENT_COLOR, 4), PT_Q(GL_CURRENT_SECONDARY_COLOR, 4), PT_Q(GL_CURRENT_NORMAL, 3),
        PT_Q(GL_CURRENT_FOG_COORD, 1), PT_Q(GL_EDGE_FLAG, 1), PT_Q(GL_CURRENT_INDEX, 1),
        PT_Q(GL_CURRENT_RASTER_POSITION, 4), PT_Q(GL_CURRENT_RASTER_COLOR, 4),
        PT_Q(GL_CURRENT_RASTER_POSITION_VALID, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    for (int u = 0; u < units; u++) {
        GLfloat v[4];
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        glGetFloatv(GL_CURRENT_TEXTURE_COORDS, v);
        char label[32];
        snprintf(label, sizeof label, "texcoord %d", u);
        pt_floats(label, v, 4);
    }
    glActiveTexture(GL_TEXTURE0);
    for (GLuint i = 1; i < 16; i++) {
        GLfloat v[4];
        glGetVertexAttribfv(i, GL_CURRENT_VERTEX_ATTRIB, v);
        char label[32];
        snprintf(label, sizeof label, "attrib %u", i);
        pt_floats(label, v, 4);
    }
    GLint iv[4];
    GLuint uv[4];
    glGetVertexAttribIiv(3, GL_CURRENT_VERTEX_ATTRIB, iv);
    printf("attrib 3 as integers %d %d %d %d\n", iv[0], iv[1], iv[2], iv[3]);
    glGetVertexAttribIuiv(4, GL_CURRENT_VERTEX_ATTRIB, uv);
    printf("attrib 4 as unsigned %u %u %u %u\n", uv[0], uv[1], uv[2], uv[3]);
    /* A triangle with no per-vertex color takes the current one. */
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_TRIANGLES);
    glVertex2f(-1, -1);
    glVertex2f(1, -1);
    glVertex2f(0, 1);
    glEnd();
    pt_frame("current color");
    return pt_done();
}
