/* Rasterizer state: polygon mode for front and back faces, polygon offset (factor, units,
 * fill/line/point enables), culling, front face, line width, point size and the point
 * parameters (size range, fade threshold, distance attenuation, sprite origin). */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glPolygonMode(GL_FRONT, GL_LINE);
    glPolygonMode(GL_BACK, GL_POINT);
    glPolygonOffset(1.5f, -3.0f);
    glEnable(GL_POLYGON_OFFSET_LINE);
    glEnable(GL_POLYGON_OFFSET_POINT);
    glCullFace(GL_FRONT_AND_BACK);
    glFrontFace(GL_CW);
    glLineWidth(3.0f);
    glPointSize(5.0f);
    glPointParameterf(GL_POINT_SIZE_MIN, 2.0f);
    glPointParameterf(GL_POINT_SIZE_MAX, 7.5f);
    glPointParameterf(GL_POINT_FADE_THRESHOLD_SIZE, 1.25f);
    const GLfloat atten[] = {1.0f, 0.5f, 0.25f};
    glPointParameterfv(GL_POINT_DISTANCE_ATTENUATION, atten);
    glPointParameteri(GL_POINT_SPRITE_COORD_ORIGIN, GL_LOWER_LEFT);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_POLYGON_MODE, 2), PT_Q(GL_POLYGON_OFFSET_FACTOR, 1), PT_Q(GL_POLYGON_OFFSET_UNITS, 1),
        PT_Q(GL_CULL_FACE_MODE, 1), PT_Q(GL_FRONT_FACE, 1), PT_Q(GL_LINE_WIDTH, 1), PT_Q(GL_POINT_SIZE, 1),
        PT_Q(GL_POINT_SIZE_MIN, 1), PT_Q(GL_POINT_SIZE_MAX, 1), PT_Q(GL_POINT_FADE_THRESHOLD_SIZE, 1),
        PT_Q(GL_POINT_DISTANCE_ATTENUATION, 3), PT_Q(GL_POINT_SPRITE_COORD_ORIGIN, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    static const GLenum caps[] = {GL_POLYGON_OFFSET_FILL, GL_POLYGON_OFFSET_LINE, GL_POLYGON_OFFSET_POINT,
                                  GL_CULL_FACE};
    static const char *const names[] = {"offset fill", "offset line", "offset point", "cull face"};
    pt_enables(caps, names, 4);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_frame("lines and points");
    glEnable(GL_CULL_FACE);
    glCullFace(GL_BACK);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_frame("culled");
    glDisable(GL_CULL_FACE);
    glBegin(GL_POINTS);
    glVertex2f(0.3f, 0.3f);
    glVertex3f(-0.4f, 0.2f, -0.5f);
    glEnd();
    pt_frame("points with attenuation");
    return pt_done();
}
