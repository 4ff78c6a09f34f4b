/* Multiple render targets: four color attachments (three textures and a renderbuffer), a
 * draw buffer list that permutes and skips them, a read buffer that is not attachment 0.
 * Each attachment was cleared to its own color before the checkpoint; afterwards the lists
 * are queried, each attachment is read, and a draw lands in every listed buffer. */
#include "fbo_common.h"

#define S 16

static void hash_attachments(const char *when)
{
    char what[96];
    for (int i = 0; i < 4; i++) {
        glReadBuffer(GL_COLOR_ATTACHMENT0 + (GLenum)i);
        snprintf(what, sizeof what, "attachment %d %s", i, when);
        fbo_hash(what, GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    }
    glReadBuffer(GL_COLOR_ATTACHMENT2);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[3], rb, fbo;
    glGenTextures(3, tex);
    for (int i = 0; i < 3; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, S, S, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    }
    glGenRenderbuffers(1, &rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    for (int i = 0; i < 3; i++)
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + (GLenum)i, GL_TEXTURE_2D, tex[i], 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT3, GL_RENDERBUFFER, rb);
    /* Draw buffer i -> attachment: 0->2, 1->none, 2->3, 3->0; attachment 1 only by clearing. */
    const GLenum bufs[] = {GL_COLOR_ATTACHMENT2, GL_NONE, GL_COLOR_ATTACHMENT3, GL_COLOR_ATTACHMENT0};
    glDrawBuffers(4, bufs);
    glReadBuffer(GL_COLOR_ATTACHMENT2);
    glViewport(0, 0, S, S);
    const GLfloat colors[4][4] = {{1, 0, 0, 1}, {0, 1, 0, 1}, {0, 0, 1, 1}, {1, 1, 0, 0.5f}};
    for (int i = 0; i < 4; i++)
        glClearBufferfv(GL_COLOR, i, colors[i]);
    const GLenum one = GL_COLOR_ATTACHMENT1;
    glDrawBuffers(1, &one);
    glClearColor(0.25f, 0.5f, 0.75f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawBuffers(4, bufs);

    pt_checkpoint();

    GLint v = 0, max = 0;
    glGetIntegerv(GL_MAX_DRAW_BUFFERS, &max);
    for (GLint i = 0; i < max && i < 8; i++) {
        char what[32];
        glGetIntegerv(GL_DRAW_BUFFER0 + (GLenum)i, &v);
        snprintf(what, sizeof what, "draw buffer %d", i);
        pt_int(what, v);
    }
    glGetIntegerv(GL_READ_BUFFER, &v);
    pt_int("read buffer", v);
    fbo_status("status", GL_FRAMEBUFFER);
    for (int i = 0; i < 4; i++) {
        char what[32];
        snprintf(what, sizeof what, "attachment %d", i);
        fbo_attachment(what, GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + (GLenum)i);
    }
    fbo_hash("read buffer contents", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    hash_attachments("after checkpoint");

    glColor4f(0.5f, 0.25f, 1.0f, 1.0f);
    glBegin(GL_TRIANGLES);
    glVertex2f(-0.9f, -0.9f);
    glVertex2f(0.9f, -0.5f);
    glVertex2f(0.0f, 0.9f);
    glEnd();
    hash_attachments("after drawing");

    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glReadBuffer(GL_COLOR_ATTACHMENT3);
    glBlitFramebuffer(0, 0, S, S, 0, 0, PT_W, PT_H, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    pt_frame("window with attachment 3");
    return pt_done();
}
