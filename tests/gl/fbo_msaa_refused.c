/* Not a preserve test: state glcr cannot save yet must make a checkpoint fail, naming the
 * object, and the app must go on undisturbed. run_refused.py drives it.
 *   (no argument)  a multisample depth renderbuffer: its samples are not read back yet;
 *   orphan         a texture deleted while attached to an FBO that is not bound (GL keeps
 *                  it alive there, but glcr has lost its name). */
#include "fbo_common.h"

#define S 16

static int orphan(void)
{
    GLuint tex, fbo;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, S, S, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
    glViewport(0, 0, S, S);
    glClearColor(0.5f, 0.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteTextures(1, &tex);
    pt_int("framebuffer with a deleted texture", fbo);
    fflush(stdout);

    pt_checkpoint();

    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    fbo_status("status", GL_FRAMEBUFFER);
    fbo_hash("contents of the deleted texture", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    if (argc > 1 && strcmp(argv[1], "orphan") == 0)
        return orphan();
    GLuint rb[4], fbo[2];
    glGenRenderbuffers(4, rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_DEPTH_COMPONENT24, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[3]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
    /* A deleted multisample renderbuffer is no obstacle. */
    glBindRenderbuffer(GL_RENDERBUFFER, rb[2]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
    glDeleteRenderbuffers(1, &rb[2]);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(2, fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[3]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, rb[1]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glViewport(0, 0, S, S);
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    fbo_tilted_triangle(1.0f, 1.0f, 0.0f);
    pt_int("multisample depth renderbuffer", rb[1]);
    fflush(stdout);

    pt_checkpoint();

    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo[1]);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[1]);
    fbo_hash("resolved", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}
