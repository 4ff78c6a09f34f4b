/* A multisample window (GLX_SAMPLES 4): GL sees 4 samples; what the window shows, glReadPixels
 * and glCopyTexImage2D of it are the samples resolved, all three the same bytes; the resolve
 * averages the stored values as Mesa's windows do (white on black edges become 64, 128 or
 * 191, not the sRGB-linear 137, 188, 225). Every sample survives the checkpoint: back, front
 * and depth buffers are compared after it, and triangles drawn afterwards over the old edges
 * and through the old depth resolve to the same pixels as in the run without a checkpoint.
 * A context created later from the visual glXChooseVisual picked for 4 samples
 * (glXCreateContext, after another glXChooseVisual for none) is multisample, as natively. */
#include <stdbool.h>

#include "preserve.h"

#define MS_X 100 /* beside pt's window */

static Window ms_win;
static GLXContext ms_ctx;

static void create_multisample_window(void)
{
    int attribs[] = {GLX_X_RENDERABLE, True, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT,
                     GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8, GLX_DEPTH_SIZE, 24,
                     GLX_DOUBLEBUFFER, True, GLX_SAMPLE_BUFFERS, 1, GLX_SAMPLES, 4, None};
    GLXFBConfig config;
    ms_win = pt_window(attribs, MS_X, &config);
    int samples = 0, buffers = 0;
    glXGetFBConfigAttrib(pt.dpy, config, GLX_SAMPLES, &samples);
    glXGetFBConfigAttrib(pt.dpy, config, GLX_SAMPLE_BUFFERS, &buffers);
    if (samples != 4 || buffers != 1)
        pt_fail("the config chosen has GLX_SAMPLES %d, GLX_SAMPLE_BUFFERS %d (asked 4, 1)", samples, buffers);
    XSync(pt.dpy, False);
    ms_ctx = glXCreateNewContext(pt.dpy, config, GLX_RGBA_TYPE, NULL, True);
    if (!ms_ctx || !glXMakeCurrent(pt.dpy, ms_win, ms_ctx))
        pt_fail("cannot make a context current on the multisample window");
    glViewport(0, 0, PT_W, PT_H);
}

static void triangle(float z, float r, float g, float b, float turn)
{
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glRotatef(turn, 0, 0, 1);
    glBegin(GL_TRIANGLES);
    glColor3f(r, g, b);
    glVertex3f(-0.9f, -0.8f, z);
    glVertex3f(0.85f, -0.3f, -z);
    glVertex3f(0.1f, 0.93f, z);
    glEnd();
}

/* Resolved pixels of the read buffer; fails unless some pixel is partly covered. */
static void read_resolved(const char *what, unsigned char *pixels)
{
    glFinish();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    pt_check_error(what);
    int partial = 0;
    for (int i = 0; i < PT_W * PT_H * 4; i += 4)
        partial += pixels[i] && pixels[i] != 255;
    if (!partial)
        pt_fail("%s: no pixel is partly covered: the samples were not resolved", what);
    pt_bytes(what, pixels, (size_t)PT_W * PT_H * 4);
}

/* glCopyTexImage2D of the read buffer must give what glReadPixels gave. */
static void check_copy(const char *what, const unsigned char *read)
{
    static unsigned char copied[PT_W * PT_H * 4];
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glCopyTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 0, 0, PT_W, PT_H, 0);
    glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_BYTE, copied);
    glDeleteTextures(1, &tex);
    pt_check_error(what);
    if (memcmp(copied, read, sizeof copied) != 0)
        pt_fail("%s: glCopyTexImage2D of the window differs from glReadPixels", what);
}

/* The window (XGetImage) shows the front buffer resolved; white on black edges are averages
 * of the stored bytes. A swapped frame may be skipped while X is busy: a flush of the front
 * buffer is shown for certain. */
static void check_window(const char *what, bool white_on_black)
{
    static unsigned char front[PT_W * PT_H * 4];
    glDrawBuffer(GL_FRONT);
    glFlush();
    glDrawBuffer(GL_BACK);
    glReadBuffer(GL_FRONT);
    read_resolved(what, front);
    glReadBuffer(GL_BACK);
    XImage *img = XGetImage(pt.dpy, ms_win, 0, 0, PT_W, PT_H, AllPlanes, ZPixmap);
    if (!img)
        pt_fail("%s: XGetImage failed", what);
    for (int y = 0; y < PT_H; y++)
        for (int x = 0; x < PT_W; x++) {
            unsigned long shown = XGetPixel(img, x, PT_H - 1 - y);
            const unsigned char *p = front + (y * PT_W + x) * 4;
            unsigned long want = (unsigned long)p[0] << 16 | (unsigned long)p[1] << 8 | p[2];
            if ((shown & 0xffffff) != want)
                pt_fail("%s: the window shows %06lx at (%d, %d), the front buffer holds %06lx", what, shown & 0xffffff,
                        x, y, want);
            int v = p[0];
            if (white_on_black && v != 0 && v != 64 && v != 128 && v != 191 && v != 255)
                pt_fail("%s: a white-on-black edge pixel resolved to %d (expected 64, 128 or 191)", what, v);
        }
    XDestroyImage(img);
}

/* glXChooseVisual for 4 samples, then for none; glXCreateContext with the first gives a
 * 4-sample context (whether or not the X server has a visual for each config). */
static void visual_names_its_config(void)
{
    int ms_attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_DEPTH_SIZE, 24, GLX_SAMPLE_BUFFERS, 1, GLX_SAMPLES, 4, None};
    int plain_attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_DEPTH_SIZE, 24, None};
    XVisualInfo *ms = glXChooseVisual(pt.dpy, DefaultScreen(pt.dpy), ms_attribs);
    XVisualInfo *plain = glXChooseVisual(pt.dpy, DefaultScreen(pt.dpy), plain_attribs);
    if (!ms || !plain)
        pt_fail("glXChooseVisual found no visual for 4 samples or for none");
    XSetWindowAttributes swa = {.colormap = XCreateColormap(pt.dpy, DefaultRootWindow(pt.dpy), ms->visual, AllocNone)};
    Window win = XCreateWindow(pt.dpy, DefaultRootWindow(pt.dpy), 0, 70, 16, 16, 0, ms->depth, InputOutput, ms->visual,
                               CWColormap, &swa);
    GLXContext ctx = glXCreateContext(pt.dpy, ms, NULL, True);
    GLint samples = 0;
    if (!ctx || !glXMakeCurrent(pt.dpy, win, ctx))
        pt_fail("cannot make a context from the multisample visual current");
    glGetIntegerv(GL_SAMPLES, &samples);
    if (samples != 4)
        pt_fail("a context created from the multisample visual has GL_SAMPLES %d", samples);
    glXMakeCurrent(pt.dpy, None, NULL);
    glXDestroyContext(pt.dpy, ctx);
    XDestroyWindow(pt.dpy, win);
    XFree(ms);
    XFree(plain);
}

int main(int argc, char **argv)
{
    static unsigned char pixels[PT_W * PT_H * 4];
    pt_init(argc, argv, PT_COMPAT);
    visual_names_its_config();
    create_multisample_window();
    GLint samples = 0, buffers = 0;
    glGetIntegerv(GL_SAMPLES, &samples);
    glGetIntegerv(GL_SAMPLE_BUFFERS, &buffers);
    pt_int("GL_SAMPLES", samples);
    pt_int("GL_SAMPLE_BUFFERS", buffers);
    if (samples != 4 || buffers != 1)
        pt_fail("GL_SAMPLES %d, GL_SAMPLE_BUFFERS %d on the multisample window", samples, buffers);

    /* The front buffer: a white triangle on black, swapped. */
    glReadBuffer(GL_FRONT); /* the app uses the front buffer: swaps keep it */
    glReadBuffer(GL_BACK);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    triangle(0, 1, 1, 1, 0);
    read_resolved("white triangle", pixels);
    check_copy("white triangle", pixels);
    glXSwapBuffers(pt.dpy, ms_win);
    check_window("front after the swap", true);

    /* The back buffer: colored triangles through the depth test, left unswapped. */
    glEnable(GL_DEPTH_TEST);
    glClearColor(0.1f, 0.2f, 0.3f, 1);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    triangle(-0.5f, 1, 0.5f, 0, 0);
    triangle(0.5f, 0, 0.7f, 1, 23);
    read_resolved("back before the checkpoint", pixels);

    glXMakeCurrent(pt.dpy, pt.win, pt.ctx);
    pt_checkpoint();
    glXMakeCurrent(pt.dpy, ms_win, ms_ctx);

    read_resolved("back kept", pixels);
    check_copy("back kept", pixels);
    check_window("front kept", true);
    /* New triangles over the old edges and through the old depth, sample by sample. */
    triangle(0.1f, 0.2f, 1, 0.3f, 47);
    triangle(-0.2f, 0.9f, 0.1f, 0.6f, -31);
    read_resolved("drawn over after the checkpoint", pixels);
    glXSwapBuffers(pt.dpy, ms_win);
    check_window("front after the next swap", false);
    glXMakeCurrent(pt.dpy, None, NULL);
    glXDestroyContext(pt.dpy, ms_ctx);
    glXMakeCurrent(pt.dpy, pt.win, pt.ctx);
    return pt_done();
}
