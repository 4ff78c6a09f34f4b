/* The window's color buffers are sRGB-encoded, as Mesa's GLX drawables are: the encoding
 * query answers GL_SRGB and GL_FRAMEBUFFER_SRGB encodes what is drawn (0.5 is stored as 188),
 * before and after the checkpoint; with it disabled the bytes are written as they are. The
 * expected values are asserted here (they are what the app sees without glcr), and the
 * frames compared with the run without a checkpoint as in every preserve test. */
#include <stdbool.h>

#include "preserve_state.h"

static void check_encoding(const char *when)
{
    GLint encoding = 0;
    glGetFramebufferAttachmentParameteriv(GL_FRAMEBUFFER, GL_BACK_LEFT, GL_FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING,
                                          &encoding);
    pt_check_error(when);
    if (encoding != GL_SRGB)
        pt_fail("%s: the back buffer's color encoding is 0x%x, not GL_SRGB (0x%x)", when, encoding, GL_SRGB);
    pt_int("back buffer color encoding", encoding);
}

/* Clears the window with 0.5 grey and reads a pixel (a full clear: natively 188 when encoded;
 * a scissored one is drawn and rounds to 187, natively too). */
static int stored_grey(bool encode)
{
    if (encode)
        glEnable(GL_FRAMEBUFFER_SRGB);
    else
        glDisable(GL_FRAMEBUFFER_SRGB);
    glClearColor(0.5f, 0.5f, 0.5f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    unsigned char pixel[4];
    glReadPixels(2, 2, 1, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixel);
    pt_check_error("reading the grey");
    return pixel[0];
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    check_encoding("before the checkpoint");
    int encoded = stored_grey(true), plain = stored_grey(false);
    if (encoded != 188 || plain != 128)
        pt_fail("0.5 grey stored as %d with GL_FRAMEBUFFER_SRGB and %d without (expected 188, 128)", encoded, plain);
    glEnable(GL_FRAMEBUFFER_SRGB);
    pt_scene();
    pt_frame("scene drawn with GL_FRAMEBUFFER_SRGB");

    pt_checkpoint();

    check_encoding("after the checkpoint");
    pt_int("GL_FRAMEBUFFER_SRGB", glIsEnabled(GL_FRAMEBUFFER_SRGB));
    pt_frame("scene kept");
    pt_scene();
    pt_frame("scene drawn again with GL_FRAMEBUFFER_SRGB");
    encoded = stored_grey(true);
    plain = stored_grey(false);
    if (encoded != 188 || plain != 128)
        pt_fail("after the checkpoint 0.5 grey is stored as %d with GL_FRAMEBUFFER_SRGB and %d without", encoded,
                plain);
    return pt_done();
}
