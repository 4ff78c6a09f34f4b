/* Depth state: test enable, function, write mask, range, clear value and depth clamping;
 * the depth buffer a draw leaves behind shows them all. */
#include "preserve_state.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_GEQUAL);
    glDepthRange(0.2, 0.9);
    glClearDepth(0.25);
    glEnable(GL_DEPTH_CLAMP);
    glDepthMask(GL_FALSE);

    pt_checkpoint();

    static const struct pt_query q[] = {
        PT_Q(GL_DEPTH_FUNC, 1), PT_Q(GL_DEPTH_RANGE, 2), PT_Q(GL_DEPTH_CLEAR_VALUE, 1),
        PT_Q(GL_DEPTH_WRITEMASK, 1),
    };
    pt_queries(q, sizeof q / sizeof *q);
    static const GLenum caps[] = {GL_DEPTH_TEST, GL_DEPTH_CLAMP};
    static const char *const names[] = {"depth test", "depth clamp"};
    pt_enables(caps, names, 2);
    glDepthMask(GL_TRUE);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    glOrtho(-1, 1, -1, 1, -0.5, 0.5); /* parts of the scene beyond near/far: clamped */
    pt_scene();
    glLoadIdentity();
    pt_frame("depth-tested scene");
    static GLuint depth[PT_W * PT_H];
    glReadPixels(0, 0, PT_W, PT_H, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, depth);
    pt_bytes("depth buffer", depth, sizeof depth);
    return pt_done();
}
