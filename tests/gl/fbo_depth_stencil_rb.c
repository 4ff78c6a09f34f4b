/* A depth-stencil renderbuffer: depth and stencil values written before the checkpoint
 * decide, afterwards, where a quad drawn with the stencil and depth tests lands. */
#include "fbo_common.h"

#define S 32

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint rb[2], fbo;
    glGenRenderbuffers(2, rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH24_STENCIL8, S, S);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb[1]);
    glViewport(0, 0, S, S);
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClearDepth(1.0);
    glClearStencil(0);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_STENCIL_TEST);
    glStencilFunc(GL_ALWAYS, 1, 0xff);
    glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);
    fbo_tilted_triangle(1.0f, 0.0f, 0.0f);
    glStencilFunc(GL_ALWAYS, 2, 0xff);
    glBegin(GL_TRIANGLES);
    glVertex3f(0.9f, 0.9f, 0.5f);
    glVertex3f(-0.6f, 0.8f, -0.5f);
    glVertex3f(0.7f, -0.9f, 0.0f);
    glEnd();
    /* After the checkpoint: only where the stencil holds 1 and the quad is in front. */
    glStencilFunc(GL_EQUAL, 1, 0xff);
    glStencilOp(GL_KEEP, GL_KEEP, GL_INCR);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);

    pt_checkpoint();

    fbo_status("status", GL_FRAMEBUFFER);
    fbo_attachment("depth", GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT);
    fbo_attachment("stencil", GL_FRAMEBUFFER, GL_STENCIL_ATTACHMENT);
    fbo_attachment("depth-stencil", GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT);
    rb_params("depth-stencil renderbuffer");
    fbo_hash("depth-stencil after checkpoint", GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, S, S, 4);
    fbo_hash("stencil after checkpoint", GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, S, S, 1);
    fbo_hash("color after checkpoint", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    fbo_quad(0.0f, 0.0f, 0.0f, 1.0f);
    fbo_hash("color after stencil-tested quad", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    fbo_hash("stencil after stencil-tested quad", GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, S, S, 1);
    return pt_done();
}
