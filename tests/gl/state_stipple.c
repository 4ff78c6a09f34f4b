/* Stipples: the line stipple (pattern, repeat factor, enable) and the polygon stipple
 * (the 32x32 pattern, enable); the pattern read back and lines and polygons drawn with it. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glLineStipple(3, 0xf0a5);
    glEnable(GL_LINE_STIPPLE);
    GLubyte pattern[128];
    for (int i = 0; i < 128; i++)
        pattern[i] = (GLubyte)(i * 37 + (i >> 3) * 11);
    glPolygonStipple(pattern);
    glEnable(GL_POLYGON_STIPPLE);

    pt_checkpoint();

    static const struct pt_query q[] = {PT_Q(GL_LINE_STIPPLE_PATTERN, 1), PT_Q(GL_LINE_STIPPLE_REPEAT, 1)};
    pt_queries(q, 2);
    static const GLenum caps[] = {GL_LINE_STIPPLE, GL_POLYGON_STIPPLE};
    static const char *const names[] = {"line stipple", "polygon stipple"};
    pt_enables(caps, names, 2);
    GLubyte now[128];
    memset(now, 0, sizeof now);
    glGetPolygonStipple(now);
    pt_bytes("polygon stipple pattern", now, sizeof now);
    pt_int("pattern as set", memcmp(now, pattern, sizeof now) == 0);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    glBegin(GL_LINES);
    glVertex2f(-1, -0.95f);
    glVertex2f(1, 0.95f);
    glVertex2f(-1, 0.5f);
    glVertex2f(1, 0.5f);
    glEnd();
    pt_frame("stippled polygons and lines");
    return pt_done();
}
