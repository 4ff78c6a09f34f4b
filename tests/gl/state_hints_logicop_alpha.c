/* Hints, logical operation and alpha test: every hint target, the logic op and its enable,
 * the alpha function and reference; queried and drawn. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glHint(GL_LINE_SMOOTH_HINT, GL_NICEST);
    glHint(GL_POLYGON_SMOOTH_HINT, GL_FASTEST);
    glHint(GL_TEXTURE_COMPRESSION_HINT, GL_NICEST);
    glHint(GL_FRAGMENT_SHADER_DERIVATIVE_HINT, GL_FASTEST);
    glHint(GL_PERSPECTIVE_CORRECTION_HINT, GL_FASTEST);
    glHint(GL_POINT_SMOOTH_HINT, GL_NICEST);
    glHint(GL_GENERATE_MIPMAP_HINT, GL_FASTEST);
    glHint(GL_FOG_HINT, GL_FASTEST);
    glLogicOp(GL_XOR);
    glEnable(GL_COLOR_LOGIC_OP);
    glAlphaFunc(GL_GREATER, 0.55f);
    glEnable(GL_ALPHA_TEST);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_LINE_SMOOTH_HINT, 1), PT_Q(GL_POLYGON_SMOOTH_HINT, 1), PT_Q(GL_TEXTURE_COMPRESSION_HINT, 1),
        PT_Q(GL_FRAGMENT_SHADER_DERIVATIVE_HINT, 1), PT_Q(GL_PERSPECTIVE_CORRECTION_HINT, 1),
        PT_Q(GL_POINT_SMOOTH_HINT, 1), PT_Q(GL_GENERATE_MIPMAP_HINT, 1), PT_Q(GL_FOG_HINT, 1),
        PT_Q(GL_LOGIC_OP_MODE, 1), PT_Q(GL_ALPHA_TEST_FUNC, 1), PT_Q(GL_ALPHA_TEST_REF, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    static const GLenum caps[] = {GL_COLOR_LOGIC_OP, GL_ALPHA_TEST};
    static const char *const names[] = {"logic op", "alpha test"};
    pt_enables(caps, names, 2);
    glClearColor(0.3f, 0.6f, 0.9f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_scene();
    pt_frame("xor-ed, alpha-tested scene");
    return pt_done();
}
