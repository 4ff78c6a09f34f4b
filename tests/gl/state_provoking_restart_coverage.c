/* Provoking vertex, primitive restart (index and enable, and the fixed-index variant) and
 * multisample coverage state (sample coverage value and invert, alpha to coverage and to
 * one, the enables); queried, and flat-shaded strips drawn with restarts. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glProvokingVertex(GL_FIRST_VERTEX_CONVENTION);
    glPrimitiveRestartIndex(0xbeef);
    glEnable(GL_PRIMITIVE_RESTART);
    glSampleCoverage(0.375f, GL_TRUE);
    glEnable(GL_SAMPLE_COVERAGE);
    glEnable(GL_SAMPLE_ALPHA_TO_COVERAGE);
    glEnable(GL_SAMPLE_ALPHA_TO_ONE);
    glDisable(GL_MULTISAMPLE);
    glShadeModel(GL_FLAT);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_PROVOKING_VERTEX, 1), PT_Q(GL_PRIMITIVE_RESTART_INDEX, 1), PT_Q(GL_SAMPLE_COVERAGE_VALUE, 1),
        PT_Q(GL_SAMPLE_COVERAGE_INVERT, 1), PT_Q(GL_SHADE_MODEL, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    static const GLenum caps[] = {GL_PRIMITIVE_RESTART, GL_PRIMITIVE_RESTART_FIXED_INDEX, GL_SAMPLE_COVERAGE,
                                  GL_SAMPLE_ALPHA_TO_COVERAGE, GL_SAMPLE_ALPHA_TO_ONE, GL_MULTISAMPLE};
    static const char *const names[] = {"restart", "restart fixed index", "sample coverage",
                                        "alpha to coverage", "alpha to one", "multisample"};
    pt_enables(caps, names, 6);
    static const GLfloat verts[8][2] = {{-1, -1}, {-0.5f, 0}, {0, -1}, {0.5f, 0}, {-1, 0.2f}, {-0.5f, 1}, {0, 0.2f}, {0.5f, 1}};
    static const GLubyte cols[8][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0},
                                       {0, 255, 255}, {255, 0, 255}, {128, 128, 128}, {255, 255, 255}};
    static const GLushort idx[] = {0, 1, 2, 3, 0xbeef, 4, 5, 6, 7};
    glVertexPointer(2, GL_FLOAT, 0, verts);
    glColorPointer(3, GL_UNSIGNED_BYTE, 0, cols);
    glEnableClientState(GL_VERTEX_ARRAY);
    glEnableClientState(GL_COLOR_ARRAY);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawElements(GL_TRIANGLE_STRIP, 9, GL_UNSIGNED_SHORT, idx);
    pt_frame("flat strips with a restart");
    return pt_done();
}
