/* A 4.5 core context building its framebuffers with direct state access: created
 * framebuffers and renderbuffers, named attachments, draw and read buffers, default
 * parameters of an FBO without attachments, named clears and blits. */
#include "fbo_common.h"

#define S 32

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    GLuint fbo[3], rb[2], tex[2];
    glCreateFramebuffers(3, fbo);
    glCreateRenderbuffers(2, rb);
    glNamedRenderbufferStorage(rb[0], GL_RGBA8, S, S);
    glNamedRenderbufferStorage(rb[1], GL_DEPTH24_STENCIL8, S, S);
    glGenTextures(2, tex);
    for (int i = 0; i < 2; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        glTexStorage2D(GL_TEXTURE_2D, 2, GL_RGBA8, S, S);
    }
    glBindTexture(GL_TEXTURE_2D, 0);
    glNamedFramebufferRenderbuffer(fbo[0], GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glNamedFramebufferTexture(fbo[0], GL_COLOR_ATTACHMENT1, tex[0], 1);
    glNamedFramebufferRenderbuffer(fbo[0], GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, rb[1]);
    const GLenum bufs[] = {GL_COLOR_ATTACHMENT1, GL_COLOR_ATTACHMENT0};
    glNamedFramebufferDrawBuffers(fbo[0], 2, bufs);
    glNamedFramebufferReadBuffer(fbo[0], GL_COLOR_ATTACHMENT0);
    glNamedFramebufferParameteri(fbo[1], GL_FRAMEBUFFER_DEFAULT_WIDTH, 48);
    glNamedFramebufferParameteri(fbo[1], GL_FRAMEBUFFER_DEFAULT_HEIGHT, 24);
    glNamedFramebufferParameteri(fbo[1], GL_FRAMEBUFFER_DEFAULT_SAMPLES, 0);
    glNamedFramebufferParameteri(fbo[1], GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS, GL_FALSE);
    glNamedFramebufferTexture(fbo[2], GL_COLOR_ATTACHMENT0, tex[1], 0);

    glEnable(GL_SCISSOR_TEST);
    for (int q = 0; q < 4; q++) {
        glScissor((q % 2) * 9, (q / 2) * 7, 20, 20);
        const GLfloat a[4] = {0.1f * (float)q, 0.9f, 0.3f, 1.0f}, b[4] = {0.8f, 0.2f * (float)q, 0.5f, 1.0f};
        glClearNamedFramebufferfv(fbo[0], GL_COLOR, 0, a);
        glClearNamedFramebufferfv(fbo[0], GL_COLOR, 1, b);
        glClearNamedFramebufferfi(fbo[0], GL_DEPTH_STENCIL, 0, 0.25f * (float)q, 3 + q);
    }
    glDisable(GL_SCISSOR_TEST);
    const GLfloat grey[4] = {0.5f, 0.5f, 0.5f, 1.0f};
    glClearNamedFramebufferfv(fbo[2], GL_COLOR, 0, grey);

    pt_checkpoint();

    static const char *names[3] = {"fbo 0", "fbo 1", "fbo 2"};
    for (int i = 0; i < 3; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s is framebuffer", names[i]);
        pt_int(what, glIsFramebuffer(fbo[i]));
        snprintf(what, sizeof what, "%s status", names[i]);
        pt_int(what, glCheckNamedFramebufferStatus(fbo[i], GL_FRAMEBUFFER));
    }
    static const GLenum points[] = {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1, GL_DEPTH_ATTACHMENT,
                                    GL_STENCIL_ATTACHMENT};
    for (int i = 0; i < 4; i++) {
        GLint type = 0, name = 0, level = 0;
        glGetNamedFramebufferAttachmentParameteriv(fbo[0], points[i], GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &type);
        glGetNamedFramebufferAttachmentParameteriv(fbo[0], points[i], GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME, &name);
        if (type == GL_TEXTURE)
            glGetNamedFramebufferAttachmentParameteriv(fbo[0], points[i], GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL,
                                                       &level);
        GLuint expect = i == 1 ? tex[0] : i == 0 ? rb[0] : rb[1];
        printf("attachment 0x%x: type 0x%x level %d is the app's object %d\n", points[i], type, level,
               name == (GLint)expect);
    }
    GLint v = 0;
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    for (int i = 0; i < 3; i++) {
        char what[32];
        glGetIntegerv(GL_DRAW_BUFFER0 + (GLenum)i, &v);
        snprintf(what, sizeof what, "draw buffer %d", i);
        pt_int(what, v);
    }
    glGetIntegerv(GL_READ_BUFFER, &v);
    pt_int("read buffer", v);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    static const GLenum defaults[] = {GL_FRAMEBUFFER_DEFAULT_WIDTH, GL_FRAMEBUFFER_DEFAULT_HEIGHT,
                                      GL_FRAMEBUFFER_DEFAULT_LAYERS, GL_FRAMEBUFFER_DEFAULT_SAMPLES,
                                      GL_FRAMEBUFFER_DEFAULT_FIXED_SAMPLE_LOCATIONS};
    for (int i = 0; i < 5; i++) {
        char what[48];
        glGetNamedFramebufferParameteriv(fbo[1], defaults[i], &v);
        snprintf(what, sizeof what, "fbo 1 default 0x%x", defaults[i]);
        pt_int(what, v);
    }
    glGetNamedRenderbufferParameteriv(rb[1], GL_RENDERBUFFER_INTERNAL_FORMAT, &v);
    pt_int("depth-stencil renderbuffer format", v);
    glGetNamedRenderbufferParameteriv(rb[0], GL_RENDERBUFFER_WIDTH, &v);
    pt_int("color renderbuffer width", v);

    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    fbo_hash("color 0", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    fbo_hash("depth-stencil", GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, S, S, 4);
    glNamedFramebufferReadBuffer(fbo[0], GL_COLOR_ATTACHMENT1);
    fbo_hash("color 1 (texture level 1)", GL_RGBA, GL_UNSIGNED_BYTE, S / 2, S / 2, 4);
    glNamedFramebufferReadBuffer(fbo[0], GL_COLOR_ATTACHMENT0);
    glBlitNamedFramebuffer(fbo[0], fbo[2], 0, 0, S, S, 4, 4, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[2]);
    fbo_hash("blit into fbo 2", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);

    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    const GLfloat black[4] = {0, 0, 0, 1};
    glClearBufferfv(GL_COLOR, 0, black);
    glBlitFramebuffer(0, 0, S, S, 0, 0, PT_W, PT_H, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    pt_frame("window after blit");
    return pt_done();
}
