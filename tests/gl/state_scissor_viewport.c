/* Scissor and viewport (also the indexed ones of ARB_viewport_array, with fractional
 * viewports), color write mask and clear values (color, depth, stencil, accum): queried,
 * and a clear and a draw that they limit. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glViewport(5, 7, 40, 30);
    glScissor(10, 3, 33, 41);
    glEnable(GL_SCISSOR_TEST);
    glColorMask(GL_TRUE, GL_FALSE, GL_TRUE, GL_FALSE);
    glClearColor(0.9f, 0.8f, 0.7f, 0.6f);
    glClearDepth(0.375);
    glClearStencil(77);
    glClearAccum(0.1f, 0.2f, 0.3f, 0.4f);
    glViewportIndexedf(3, 1.5f, 2.25f, 20.75f, 10.5f);
    glScissorIndexed(2, 4, 5, 6, 7);
    glDepthRangeIndexed(1, 0.125, 0.625);
    glEnablei(GL_SCISSOR_TEST, 4);
    glDisablei(GL_SCISSOR_TEST, 1);

    pt_checkpoint();

    for (GLuint i = 0; i < 6; i++) {
        GLfloat vp[4];
        GLint box[4];
        GLdouble range[2];
        glGetFloati_v(GL_VIEWPORT, i, vp);
        glGetIntegeri_v(GL_SCISSOR_BOX, i, box);
        glGetDoublei_v(GL_DEPTH_RANGE, i, range);
        printf("viewport %u: %g %g %g %g scissor %d %d %d %d (%d) depth range %g %g\n", i, vp[0], vp[1], vp[2],
               vp[3], box[0], box[1], box[2], box[3], glIsEnabledi(GL_SCISSOR_TEST, i), range[0], range[1]);
    }

    static const struct pt_query q[] = {
        PT_Q(GL_VIEWPORT, 4), PT_Q(GL_SCISSOR_BOX, 4), PT_Q(GL_COLOR_WRITEMASK, 4),
        PT_Q(GL_COLOR_CLEAR_VALUE, 4), PT_Q(GL_DEPTH_CLEAR_VALUE, 1), PT_Q(GL_STENCIL_CLEAR_VALUE, 1),
        PT_Q(GL_ACCUM_CLEAR_VALUE, 4),
    };
    pt_queries(q, sizeof q / sizeof *q);
    printf("scissor test enabled %d\n", glIsEnabled(GL_SCISSOR_TEST));
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    pt_scene();
    glDisable(GL_SCISSOR_TEST);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glViewport(0, 0, PT_W, PT_H);
    pt_frame("scissored clear and draw");
    static GLuint depth[PT_W * PT_H];
    glReadPixels(0, 0, PT_W, PT_H, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, depth);
    pt_bytes("depth buffer", depth, sizeof depth);
    return pt_done();
}
