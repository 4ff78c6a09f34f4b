/* FBOs belong to one context: two contexts of a share group each build their own around
 * the group's texture and renderbuffer, with different attachments, draw buffers and
 * bindings. After the checkpoint each context must find its own. */
#include "fbo_common.h"

#define S 16

static GLuint tex[2], rb;

static GLuint build(int which)
{
    GLuint fbo[2];
    glGenFramebuffers(2, fbo); /* the first stays unused: names need not line up */
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + (GLenum)which, GL_TEXTURE_2D, tex[which], 0);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, rb);
    const GLenum buf = GL_COLOR_ATTACHMENT0 + (GLenum)which;
    glDrawBuffers(1, &buf);
    glReadBuffer(buf);
    glViewport(0, 0, S, S);
    glClearColor(0.2f * (float)which, 0.5f, 0.7f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | (which == 0 ? GL_DEPTH_BUFFER_BIT : 0));
    glEnable(GL_DEPTH_TEST);
    fbo_tilted_triangle(1.0f, (float)which, 0.0f);
    return fbo[1];
}

static void report(const char *who, GLuint fbo, int which)
{
    char what[64];
    GLint v = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &v);
    snprintf(what, sizeof what, "%s: binding is its fbo", who);
    pt_int(what, v == (GLint)fbo);
    snprintf(what, sizeof what, "%s: status", who);
    fbo_status(what, GL_FRAMEBUFFER);
    snprintf(what, sizeof what, "%s: color", who);
    fbo_attachment(what, GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0 + (GLenum)which);
    snprintf(what, sizeof what, "%s: depth", who);
    fbo_attachment(what, GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT);
    glGetIntegerv(GL_DRAW_BUFFER0, &v);
    snprintf(what, sizeof what, "%s: draw buffer", who);
    pt_int(what, v);
    snprintf(what, sizeof what, "%s: contents", who);
    fbo_hash(what, GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    int attribs[] = {GLX_RENDER_TYPE, GLX_RGBA_BIT, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT, GLX_DOUBLEBUFFER, True,
                     GLX_DEPTH_SIZE, 24, None};
    int n = 0;
    GLXFBConfig *configs = glXChooseFBConfig(pt.dpy, DefaultScreen(pt.dpy), attribs, &n);
    GLXContext other = configs && n ? glXCreateNewContext(pt.dpy, configs[0], GLX_RGBA_TYPE, pt.ctx, True) : NULL;
    if (!other)
        pt_fail("cannot create a second context");
    XFree(configs);
    glGenTextures(2, tex);
    for (int i = 0; i < 2; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, S, S, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    }
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenRenderbuffers(1, &rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    GLuint fbo_a = build(0);
    glFinish();
    if (!glXMakeCurrent(pt.dpy, pt.win, other))
        pt_fail("cannot make the second context current");
    GLuint fbo_b = build(1);
    glFinish();
    glXMakeCurrent(pt.dpy, pt.win, pt.ctx);

    pt_checkpoint();

    report("first context", fbo_a, 0);
    if (!glXMakeCurrent(pt.dpy, pt.win, other))
        pt_fail("cannot make the second context current after the checkpoint");
    report("second context", fbo_b, 1);
    fbo_quad(0.0f, 0.0f, 0.0f, 1.0f);
    fbo_hash("second context: after a depth-tested quad", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    pt_check_error("second context");
    glXMakeCurrent(pt.dpy, pt.win, pt.ctx);
    glXDestroyContext(pt.dpy, other);
    return pt_done();
}
