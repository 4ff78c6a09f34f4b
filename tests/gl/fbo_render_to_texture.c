/* Render to texture: an FBO with a color texture and a depth renderbuffer, rendered into
 * before the checkpoint. Afterwards the binding, the attachments and both buffers' contents
 * must be there: new geometry is depth-tested against the old depth, and the texture is
 * sampled onto the window. */
#include "fbo_common.h"

#define S 32

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex, depth, fbo;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, S, S, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenRenderbuffers(1, &depth);
    glBindRenderbuffer(GL_RENDERBUFFER, depth);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, S, S);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
    glViewport(0, 0, S, S);
    glClearColor(0.1f, 0.2f, 0.3f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glEnable(GL_DEPTH_TEST);
    fbo_tilted_triangle(1.0f, 0.0f, 0.0f);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    pt_int("framebuffer binding is the fbo", v == (GLint)fbo);
    glGetIntegerv(GL_RENDERBUFFER_BINDING, &v);
    pt_int("renderbuffer binding is the depth buffer", v == (GLint)depth);
    pt_int("is framebuffer", glIsFramebuffer(fbo));
    pt_int("is renderbuffer", glIsRenderbuffer(depth));
    fbo_status("status", GL_FRAMEBUFFER);
    fbo_attachment("color", GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0);
    fbo_attachment("depth", GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT);
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0,
                                          GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME, &v);
    pt_int("color attachment is the texture", v == (GLint)tex);
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT,
                                          GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME, &v);
    pt_int("depth attachment is the renderbuffer", v == (GLint)depth);
    rb_params("depth renderbuffer");
    fbo_hash("color after checkpoint", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    fbo_hash("depth after checkpoint", GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, S, S, 4);

    /* Half of this quad is behind the triangle: only the saved depth buffer decides which. */
    fbo_quad(0.0f, 0.0f, 1.0f, 0.0f);
    fbo_hash("color after depth-tested quad", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);

    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    pt_int("framebuffer binding after binding 0", v);
    fbo_attachment("window back", GL_FRAMEBUFFER, GL_BACK_LEFT);
    fbo_attachment("window depth", GL_FRAMEBUFFER, GL_DEPTH);
    glViewport(0, 0, PT_W, PT_H);
    glDisable(GL_DEPTH_TEST);
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, tex);
    glColor3f(1.0f, 1.0f, 1.0f);
    glBegin(GL_QUADS);
    glTexCoord2f(0, 0); glVertex2f(-0.8f, -0.8f);
    glTexCoord2f(1, 0); glVertex2f(0.8f, -0.8f);
    glTexCoord2f(1, 1); glVertex2f(0.8f, 0.8f);
    glTexCoord2f(0, 1); glVertex2f(-0.8f, 0.8f);
    glEnd();
    pt_frame("window with the texture");
    return pt_done();
}
