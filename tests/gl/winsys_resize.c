/* Windows changing under the app while it renders: a window resized (the buffers follow from
 * the next swap on, and the whole new size is drawn, read and shown), unmapped and mapped
 * again while frames go on, and a second window destroyed while its context is current (the
 * context goes on with the first window). The size and contents survive the checkpoint, and
 * a resize after it works the same way. What X shows must be what GL drew, exactly. A third
 * window swaps a frame before the checkpoint without the app ever looking at its front
 * buffer; read after the checkpoint, the front buffer holds that frame, as GLX promises. */
#include <stdbool.h>

#include "preserve.h"

#define MAX_W 128
#define MAX_H 128

static int width = PT_W, height = PT_H;

static void draw_scene(float turn)
{
    glViewport(0, 0, width, height);
    glClearColor(0.15f, 0.1f, 0.05f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glRotatef(turn, 0, 0, 1);
    glBegin(GL_TRIANGLES);
    glColor3f(1, 0.3f, 0.2f);
    glVertex2f(-0.9f, -0.9f);
    glColor3f(0.2f, 1, 0.4f);
    glVertex2f(0.9f, -0.7f);
    glColor3f(0.3f, 0.4f, 1);
    glVertex2f(0.0f, 0.95f);
    glEnd();
}

/* The back buffer at the current size, hashed; rows bottom first as GL gives them. */
static void read_back(const char *what, unsigned char *pixels)
{
    glFinish();
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_BYTE, pixels);
    pt_check_error(what);
    printf("%s: %dx%d ", what, width, height);
    pt_bytes("", pixels, (size_t)width * height * 4);
}

/* Swaps `drawn` (read from the back buffer before) to the window, shows it for certain (a
 * swapped frame may be skipped while X is busy: a flush of the front buffer is not) and
 * requires the window to hold exactly those pixels. */
static void check_shown(const char *what, const unsigned char *drawn)
{
    glXSwapBuffers(pt.dpy, pt.win);
    glDrawBuffer(GL_FRONT);
    glFlush();
    glDrawBuffer(GL_BACK);
    XImage *img = XGetImage(pt.dpy, pt.win, 0, 0, (unsigned)width, (unsigned)height, AllPlanes, ZPixmap);
    if (!img)
        pt_fail("%s: XGetImage of the %dx%d window failed", what, width, height);
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++) {
            const unsigned char *p = drawn + ((size_t)(height - 1 - y) * width + x) * 4;
            unsigned long want = (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
            unsigned long got = XGetPixel(img, x, y) & 0xffffff;
            if (got != want)
                pt_fail("%s: the window shows %06lx at (%d,%d), GL drew %06lx", what, got, x, y, want);
        }
    XDestroyImage(img);
}

/* Resizes the window; the swap that follows takes the new size for the next frame. */
static void resize(int w, int h)
{
    XResizeWindow(pt.dpy, pt.win, (unsigned)w, (unsigned)h);
    XSync(pt.dpy, False);
    glXSwapBuffers(pt.dpy, pt.win);
    glFinish();
    width = w;
    height = h;
}

static void frame(const char *what, float turn)
{
    static unsigned char pixels[MAX_W * MAX_H * 4];
    draw_scene(turn);
    read_back(what, pixels);
    check_shown(what, pixels);
}

/* A second window whose context draws into it until the window is destroyed under it. */
static void destroyed_while_current(void)
{
    int attribs[] = {GLX_X_RENDERABLE, True, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT,
                     GLX_DOUBLEBUFFER, True, None};
    GLXFBConfig config;
    Window other = pt_window(attribs, 200, &config);
    XSync(pt.dpy, False);
    GLXContext ctx = glXCreateNewContext(pt.dpy, config, GLX_RGBA_TYPE, NULL, True);
    if (!ctx || !glXMakeCurrent(pt.dpy, other, ctx))
        pt_fail("cannot render into the second window");
    glClearColor(0, 0, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glXSwapBuffers(pt.dpy, other);
    XDestroyWindow(pt.dpy, other);
    XSync(pt.dpy, False);
    glClear(GL_COLOR_BUFFER_BIT); /* undefined results, but no error and no crash */
    glFinish();
    pt_check_error("rendering after the window was destroyed");
    glXMakeCurrent(pt.dpy, None, NULL);
    glXDestroyContext(pt.dpy, ctx);
    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot go back to the first window");
}

static Window untouched;
static GLXContext untouched_ctx;
static unsigned char untouched_frame[PT_W * PT_H * 4];

/* Draws into the third window and swaps; its front buffer is not looked at until later. */
static void swap_untouched(void)
{
    int attribs[] = {GLX_X_RENDERABLE, True, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT,
                     GLX_DOUBLEBUFFER, True, None};
    GLXFBConfig config;
    untouched = pt_window(attribs, 300, &config);
    XSync(pt.dpy, False);
    untouched_ctx = glXCreateNewContext(pt.dpy, config, GLX_RGBA_TYPE, NULL, True);
    if (!untouched_ctx || !glXMakeCurrent(pt.dpy, untouched, untouched_ctx))
        pt_fail("cannot render into the third window");
    int w = width, h = height;
    width = PT_W;
    height = PT_H;
    draw_scene(90);
    read_back("third window", untouched_frame);
    glXSwapBuffers(pt.dpy, untouched);
    width = w;
    height = h;
    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot go back to the first window");
}

static void check_untouched_front(void)
{
    static unsigned char front[PT_W * PT_H * 4];
    if (!glXMakeCurrent(pt.dpy, untouched, untouched_ctx))
        pt_fail("cannot bind the third window after the checkpoint");
    glReadBuffer(GL_FRONT);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_BGRA, GL_UNSIGNED_BYTE, front);
    pt_check_error("reading the third window's front buffer");
    if (memcmp(front, untouched_frame, sizeof front) != 0)
        pt_fail("the third window's front buffer is not the frame swapped before the checkpoint");
    glXMakeCurrent(pt.dpy, None, NULL);
    glXDestroyContext(pt.dpy, untouched_ctx);
    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot go back to the first window");
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    frame("first frame", 0);
    resize(96, 80);
    frame("after growing", 20);
    XUnmapWindow(pt.dpy, pt.win);
    XSync(pt.dpy, False);
    draw_scene(30);
    glXSwapBuffers(pt.dpy, pt.win); /* frames go on while nothing is shown */
    draw_scene(35);
    glXSwapBuffers(pt.dpy, pt.win);
    XMapWindow(pt.dpy, pt.win);
    XSync(pt.dpy, False);
    frame("mapped again", 40);
    destroyed_while_current();
    resize(112, 50);
    frame("after the second resize", 50);
    swap_untouched();
    draw_scene(60); /* left in the back buffer: the swap in pt_checkpoint shows it */

    pt_checkpoint();

    check_untouched_front();
    static unsigned char kept[MAX_W * MAX_H * 4];
    glReadBuffer(GL_FRONT);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_BGRA, GL_UNSIGNED_BYTE, kept);
    pt_check_error("reading the front buffer after the checkpoint");
    pt_bytes("front buffer kept", kept, (size_t)width * height * 4);
    frame("drawn after the checkpoint", 70);
    resize(40, 72);
    frame("resized after the checkpoint", 80);
    return pt_done();
}
