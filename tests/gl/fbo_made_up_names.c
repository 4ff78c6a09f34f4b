/* Compatibility profile: binding names the app made up (never generated) creates the
 * renderbuffer and the framebuffer. After a reload the driver's names differ; the app's
 * must still work and be what queries answer. */
#include "fbo_common.h"

#define S 16

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    const GLuint rb = 500, fbo = 600;
    glBindRenderbuffer(GL_RENDERBUFFER, rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
    /* Generated names next to the made-up ones. */
    GLuint more[2];
    glGenFramebuffers(2, more);
    glBindFramebuffer(GL_FRAMEBUFFER, more[1]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, S, S);
    glClearColor(0.3f, 0.6f, 0.9f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    fbo_tilted_triangle(1.0f, 0.0f, 1.0f);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    pt_int("framebuffer binding", v);
    glGetIntegerv(GL_RENDERBUFFER_BINDING, &v);
    pt_int("renderbuffer binding", v);
    pt_int("is renderbuffer", glIsRenderbuffer(rb));
    pt_int("is framebuffer", glIsFramebuffer(fbo));
    pt_int("generated, never bound, is framebuffer", glIsFramebuffer(more[0]));
    pt_int("generated and bound is framebuffer", glIsFramebuffer(more[1]));
    fbo_attachment("color", GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0);
    fbo_status("status", GL_FRAMEBUFFER);
    fbo_hash("contents", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    glBindFramebuffer(GL_FRAMEBUFFER, 601);
    fbo_status("another made-up framebuffer", GL_FRAMEBUFFER);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
    fbo_status("with the renderbuffer", GL_FRAMEBUFFER);
    fbo_hash("contents through it", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}
