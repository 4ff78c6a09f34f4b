/* A window whose config has no alpha (GLX_ALPHA_SIZE 0, what glxgears and most apps get): GL
 * reports GL_ALPHA_BITS 0 for it and reads its alpha as 1, whatever clears, color masks,
 * display lists and blits write, and GL_DST_ALPHA blends as 1. The app's color mask is the
 * one it set, also while the window is bound; an FBO keeps the alpha the app writes, also
 * after a glPopAttrib that brings a mask pushed while the window was bound. Checked before
 * and after the checkpoint; the expected values are asserted (they are GL's for a window
 * without alpha) and the frames compared with the run without a checkpoint. */
#include <stdbool.h>

#include "preserve.h"

#define ALPHALESS_X 100 /* beside pt's window */

static Window plain_win;
static GLuint fbo, fbo_tex, mask_list;

static void create_alphaless_window(void)
{
    int attribs[] = {GLX_X_RENDERABLE, True, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT,
                     GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8, GLX_ALPHA_SIZE, 0,
                     GLX_DEPTH_SIZE, 24, GLX_DOUBLEBUFFER, True, None};
    GLXFBConfig config;
    plain_win = pt_window(attribs, ALPHALESS_X, &config);
    int alpha = -1;
    glXGetFBConfigAttrib(pt.dpy, config, GLX_ALPHA_SIZE, &alpha);
    if (alpha != 0)
        pt_fail("the config chosen has GLX_ALPHA_SIZE %d (asked 0 and got the first config)", alpha);
    XSync(pt.dpy, False);
    GLXContext ctx = glXCreateNewContext(pt.dpy, config, GLX_RGBA_TYPE, NULL, True);
    if (!ctx || !glXMakeCurrent(pt.dpy, plain_win, ctx))
        pt_fail("cannot make a context current on the window without alpha");
    glViewport(0, 0, PT_W, PT_H);
}

static void create_fbo(void)
{
    glGenTextures(1, &fbo_tex);
    glBindTexture(GL_TEXTURE_2D, fbo_tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, PT_W, PT_H, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, fbo_tex, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    /* A list that unmasks alpha: run while the window is bound, it must not let alpha through. */
    mask_list = glGenLists(1);
    glNewList(mask_list, GL_COMPILE);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    glEndList();
    pt_check_error("creating the FBO and the list");
}

static const char *when; /* "before/after the checkpoint", for messages */

static void pixel(int x, int y, const char *label, int r, int g, int b, int a)
{
    char what[160];
    snprintf(what, sizeof what, "%s: %s", when, label);
    unsigned char p[4];
    glReadPixels(x, y, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, p);
    pt_check_error(what);
    if (p[0] != r || p[1] != g || p[2] != b || p[3] != a)
        pt_fail("%s: pixel (%d,%d) is %d,%d,%d,%d, expected %d,%d,%d,%d", what, x, y, p[0], p[1], p[2], p[3], r, g, b,
                a);
    pt_bytes(what, p, 4);
}

static void expect_mask(const char *label, int r, int g, int b, int a)
{
    char what[160];
    snprintf(what, sizeof what, "%s: %s", when, label);
    GLboolean m[4], mi[4];
    glGetBooleanv(GL_COLOR_WRITEMASK, m);
    glGetBooleani_v(GL_COLOR_WRITEMASK, 0, mi);
    pt_check_error(what);
    if (m[0] != r || m[1] != g || m[2] != b || m[3] != a || memcmp(m, mi, 4) != 0)
        pt_fail("%s: GL_COLOR_WRITEMASK is %d,%d,%d,%d (indexed %d,%d,%d,%d), expected %d,%d,%d,%d", what, m[0], m[1],
                m[2], m[3], mi[0], mi[1], mi[2], mi[3], r, g, b, a);
}

static void quad(float r, float g, float b, float a, float x0, float y0, float x1, float y1)
{
    glColor4f(r, g, b, a);
    glRectf(x0, y0, x1, y1);
}

/* With GL_DST_ALPHA as the source factor, a quad of 0.5 grey stays 0.5 only where alpha is 1. */
static void blend_dst_alpha(const char *label, int x, int y)
{
    glEnable(GL_BLEND);
    glBlendFunc(GL_DST_ALPHA, GL_ZERO);
    quad(0.5f, 0.5f, 0.5f, 0.25f, -1, -1, 1, 1);
    glDisable(GL_BLEND);
    pixel(x, y, label, 128, 128, 128, 255);
}

static void clear_to(float r, float g, float b, float a)
{
    glClearColor(r, g, b, a);
    glClear(GL_COLOR_BUFFER_BIT);
}

static void exercise(void)
{
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    GLint alpha_bits = -1, alpha_size = -1;
    glGetIntegerv(GL_ALPHA_BITS, &alpha_bits);
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_BACK_LEFT, GL_FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE,
                                          &alpha_size);
    pt_check_error("alpha size queries");
    if (alpha_bits != 0 || alpha_size != 0)
        pt_fail("%s: GL_ALPHA_BITS %d, back buffer alpha size %d (expected 0, 0)", when, alpha_bits, alpha_size);

    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    expect_mask("full mask on the window", 1, 1, 1, 1);
    clear_to(0.2f, 0.4f, 0.6f, 0.0f);
    pixel(3, 3, "cleared with alpha 0", 51, 102, 153, 255);
    blend_dst_alpha("GL_DST_ALPHA after the clear", 3, 3);

    glCallList(mask_list);
    glClearBufferfv(GL_COLOR, 0, (const GLfloat[]){1.0f, 0.0f, 0.0f, 0.0f});
    pixel(3, 3, "glClearBufferfv with alpha 0 after the list", 255, 0, 0, 255);

    /* An FBO keeps what the app writes into alpha; a blit of it into the window does not. */
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    clear_to(0.0f, 1.0f, 0.0f, 0.0f);
    pixel(3, 3, "FBO cleared with alpha 0", 0, 255, 0, 0);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glBlitFramebuffer(0, 0, PT_W / 2, PT_H / 2, 0, 0, PT_W / 2, PT_H / 2, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    pixel(3, 3, "blit of alpha 0 into the window", 0, 255, 0, 255);
    blend_dst_alpha("GL_DST_ALPHA after the blit", 3, 3);

    /* A mask pushed with the window bound and popped with the FBO bound lets alpha through. */
    glColorMask(GL_FALSE, GL_TRUE, GL_TRUE, GL_TRUE);
    glPushAttrib(GL_COLOR_BUFFER_BIT);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_FALSE);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glPopAttrib();
    expect_mask("mask popped with the FBO bound", 0, 1, 1, 1);
    clear_to(1.0f, 1.0f, 1.0f, 0.2f);
    pixel(3, 3, "FBO cleared through the popped mask", 0, 255, 255, 51);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    expect_mask("the same mask with the window bound", 0, 1, 1, 1);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    clear_to(0.0f, 0.0f, 0.0f, 0.0f);
    quad(1.0f, 0.5f, 0.25f, 0.0f, -0.5f, -0.5f, 0.5f, 0.5f);
    pixel(PT_W / 2, PT_H / 2, "quad of alpha 0", 255, 128, 64, 255);
    pt_frame(when);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    create_alphaless_window();
    create_fbo();
    when = "before the checkpoint";
    exercise();
    /* Left bound with alpha masked by the app, which the checkpoint must not change. */
    glColorMask(GL_TRUE, GL_FALSE, GL_TRUE, GL_FALSE);

    pt_checkpoint();

    when = "after the checkpoint";
    expect_mask("mask kept", 1, 0, 1, 0);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
    expect_mask("full mask", 1, 1, 1, 1);
    exercise();
    return pt_done();
}
