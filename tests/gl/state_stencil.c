/* Stencil state: separate front and back functions, references, masks and operations,
 * the write masks, the clear value and the test enable; the stencil buffer after drawing
 * front- and back-facing triangles shows them. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glEnable(GL_STENCIL_TEST);
    glStencilFuncSeparate(GL_FRONT, GL_LEQUAL, 3, 0x0f);
    glStencilFuncSeparate(GL_BACK, GL_NOTEQUAL, 0x41, 0xf3);
    glStencilOpSeparate(GL_FRONT, GL_KEEP, GL_INCR_WRAP, GL_INVERT);
    glStencilOpSeparate(GL_BACK, GL_DECR, GL_ZERO, GL_REPLACE);
    glStencilMaskSeparate(GL_FRONT, 0xfe);
    glStencilMaskSeparate(GL_BACK, 0x7b);
    glClearStencil(0x35);

    pt_checkpoint();

    /* Mesa reports the references clamped to the stencil bits of the framebuffer it last
     * validated: a clear first, so that it is the window's. */
    glClear(GL_COLOR_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    static const struct pt_query q[] = {
        PT_Q(GL_STENCIL_FUNC, 1), PT_Q(GL_STENCIL_REF, 1), PT_Q(GL_STENCIL_VALUE_MASK, 1),
        PT_Q(GL_STENCIL_FAIL, 1), PT_Q(GL_STENCIL_PASS_DEPTH_FAIL, 1), PT_Q(GL_STENCIL_PASS_DEPTH_PASS, 1),
        PT_Q(GL_STENCIL_WRITEMASK, 1), PT_Q(GL_STENCIL_BACK_FUNC, 1), PT_Q(GL_STENCIL_BACK_REF, 1),
        PT_Q(GL_STENCIL_BACK_VALUE_MASK, 1), PT_Q(GL_STENCIL_BACK_FAIL, 1),
        PT_Q(GL_STENCIL_BACK_PASS_DEPTH_FAIL, 1), PT_Q(GL_STENCIL_BACK_PASS_DEPTH_PASS, 1),
        PT_Q(GL_STENCIL_BACK_WRITEMASK, 1), PT_Q(GL_STENCIL_CLEAR_VALUE, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    printf("stencil test enabled %d\n", glIsEnabled(GL_STENCIL_TEST));
    pt_scene();
    glFrontFace(GL_CW);
    pt_scene();
    glFrontFace(GL_CCW);
    pt_frame("stencil-tested scene");
    static GLubyte stencil[PT_W * PT_H];
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, stencil);
    pt_bytes("stencil buffer", stencil, sizeof stencil);
    return pt_done();
}
