/* Blending: separate source/destination factors and equations for color and alpha, the
 * constant color, the enable, and per-draw-buffer blend state (glEnablei, glBlendFunci,
 * glBlendEquationi) for buffers beyond the first. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_CONSTANT_COLOR, GL_DST_ALPHA, GL_ONE_MINUS_SRC_COLOR);
    glBlendEquationSeparate(GL_FUNC_SUBTRACT, GL_MAX);
    glBlendColor(0.25f, 0.5f, 0.125f, 0.75f);
    glEnable(GL_BLEND);
    glEnablei(GL_BLEND, 2);
    glDisablei(GL_BLEND, 0);
    glBlendFunci(3, GL_ZERO, GL_SRC_COLOR);
    glBlendEquationSeparatei(3, GL_FUNC_REVERSE_SUBTRACT, GL_MIN);
    glEnablei(GL_BLEND, 0);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_BLEND_SRC_RGB, 1), PT_Q(GL_BLEND_DST_RGB, 1), PT_Q(GL_BLEND_SRC_ALPHA, 1),
        PT_Q(GL_BLEND_DST_ALPHA, 1), PT_Q(GL_BLEND_EQUATION_RGB, 1), PT_Q(GL_BLEND_EQUATION_ALPHA, 1),
        PT_Q(GL_BLEND_COLOR, 4),
    };
    pt_queries(q, sizeof q / sizeof *q);
    for (GLuint i = 0; i < 4; i++) {
        GLint v[6];
        glGetIntegeri_v(GL_BLEND_SRC_RGB, i, &v[0]);
        glGetIntegeri_v(GL_BLEND_DST_RGB, i, &v[1]);
        glGetIntegeri_v(GL_BLEND_SRC_ALPHA, i, &v[2]);
        glGetIntegeri_v(GL_BLEND_DST_ALPHA, i, &v[3]);
        glGetIntegeri_v(GL_BLEND_EQUATION_RGB, i, &v[4]);
        glGetIntegeri_v(GL_BLEND_EQUATION_ALPHA, i, &v[5]);
        printf("draw buffer %u: blend %d funcs 0x%x 0x%x 0x%x 0x%x equations 0x%x 0x%x\n", i,
               glIsEnabledi(GL_BLEND, i), v[0], v[1], v[2], v[3], v[4], v[5]);
    }
    glClearColor(0.5f, 0.6f, 0.7f, 0.8f);
    glClear(GL_COLOR_BUFFER_BIT);
    pt_scene();
    pt_frame("blended scene");
    return pt_done();
}
