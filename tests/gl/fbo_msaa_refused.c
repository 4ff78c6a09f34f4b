/* Not a preserve test: multisample renderbuffers cannot be saved yet (GL cannot read their
 * samples back), so a checkpoint must be refused naming the renderbuffer, and the app must
 * go on undisturbed. run_refused.py drives it. */
#include "fbo_common.h"

#define S 16

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint rb[3], fbo[2];
    glGenRenderbuffers(3, rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
    /* A deleted multisample renderbuffer is no obstacle. */
    glBindRenderbuffer(GL_RENDERBUFFER, rb[2]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
    glDeleteRenderbuffers(1, &rb[2]);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(2, fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[1]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glViewport(0, 0, S, S);
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    fbo_tilted_triangle(1.0f, 1.0f, 0.0f);
    pt_int("multisample renderbuffer", rb[1]);
    fflush(stdout);

    pt_checkpoint();

    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo[1]);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[1]);
    fbo_hash("resolved", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}
