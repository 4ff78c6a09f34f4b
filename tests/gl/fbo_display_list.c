/* Framebuffer and renderbuffer commands are executed at once, never compiled, even inside
 * glNewList (GL 3.0 section 5.4): a list that binds an FBO while being compiled binds it
 * then, and calling the list later binds nothing. The same must hold after glcr recompiles
 * the list in a fresh driver. */
#include "fbo_common.h"

#define S 16

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint rb[2], fbo;
    glGenRenderbuffers(2, rb);
    glGenFramebuffers(1, &fbo);
    GLuint list = glGenLists(1);
    glNewList(list, GL_COMPILE);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glClear(GL_COLOR_BUFFER_BIT);
    glEndList();
    GLint v = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    pt_int("binding after compiling", v == (GLint)fbo);
    glViewport(0, 0, S, S);
    glClearColor(0.0f, 0.5f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    /* The second renderbuffer, bound outside the list, must stay the bound one. */
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S / 2, S / 2);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, PT_W, PT_H);

    pt_checkpoint();

    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    pt_int("framebuffer binding", v);
    glGetIntegerv(GL_RENDERBUFFER_BINDING, &v);
    pt_int("renderbuffer binding is the second", v == (GLint)rb[1]);
    rb_params("second renderbuffer");
    glClearColor(1.0f, 0.0f, 0.0f, 1.0f);
    glCallList(list);
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    pt_int("framebuffer binding after calling the list", v);
    pt_frame("window cleared by the list");
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    fbo_hash("fbo contents", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}
