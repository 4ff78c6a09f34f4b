/* EGL pixmap surfaces: a config chosen with EGL_PIXMAP_BIT and EGL_MATCH_NATIVE_PIXMAP, a
 * surface from eglCreatePixmapSurface and one from eglCreatePlatformPixmapSurface; a desktop
 * GL context renders into each, and glFinish / eglWaitClient make the X pixmap (XGetImage)
 * hold exactly what GL reads back. eglSwapBuffers on a pixmap surface changes nothing;
 * eglCopyBuffers copies a surface into another X pixmap of its size. The surfaces' contents
 * survive the checkpoint and rendering after it reaches the pixmaps. */
#include "preserve.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <stdbool.h>

struct egl_pixmap {
    Pixmap pixmap;
    EGLSurface surface;
};

static EGLDisplay dpy;
static EGLContext ctx;
static EGLConfig config;
static struct egl_pixmap pixmaps[2];

static Pixmap new_pixmap(void)
{
    return XCreatePixmap(pt.dpy, DefaultRootWindow(pt.dpy), PT_W, PT_H,
                         (unsigned)DefaultDepth(pt.dpy, DefaultScreen(pt.dpy)));
}

static void setup(void)
{
    dpy = eglGetDisplay((EGLNativeDisplayType)pt.dpy);
    EGLint major, minor, n = 0, type = 0, render_buffer = 0;
    pixmaps[0].pixmap = new_pixmap();
    pixmaps[1].pixmap = new_pixmap();
    XSync(pt.dpy, False);
    const EGLint attribs[] = {EGL_SURFACE_TYPE, EGL_PIXMAP_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                              EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_DEPTH_SIZE, 24,
                              EGL_MATCH_NATIVE_PIXMAP, (EGLint)pixmaps[0].pixmap, EGL_NONE};
    if (!eglInitialize(dpy, &major, &minor) || !eglChooseConfig(dpy, attribs, &config, 1, &n) || n < 1)
        pt_fail("no EGL config for a pixmap (error 0x%x)", eglGetError());
    eglGetConfigAttrib(dpy, config, EGL_SURFACE_TYPE, &type);
    if (!(type & EGL_PIXMAP_BIT))
        pt_fail("the config chosen has EGL_SURFACE_TYPE 0x%x without EGL_PIXMAP_BIT", type);
    pixmaps[0].surface = eglCreatePixmapSurface(dpy, config, (EGLNativePixmapType)pixmaps[0].pixmap, NULL);
    pixmaps[1].surface = eglCreatePlatformPixmapSurface(dpy, config, &pixmaps[1].pixmap, NULL);
    eglBindAPI(EGL_OPENGL_API);
    ctx = eglCreateContext(dpy, config, EGL_NO_CONTEXT, NULL);
    if (pixmaps[0].surface == EGL_NO_SURFACE || pixmaps[1].surface == EGL_NO_SURFACE || ctx == EGL_NO_CONTEXT)
        pt_fail("eglCreatePixmapSurface/eglCreatePlatformPixmapSurface/eglCreateContext failed (error 0x%x)",
                eglGetError());
    eglQuerySurface(dpy, pixmaps[0].surface, EGL_RENDER_BUFFER, &render_buffer);
    if (render_buffer != EGL_SINGLE_BUFFER)
        pt_fail("a pixmap surface's EGL_RENDER_BUFFER is 0x%x, not EGL_SINGLE_BUFFER", render_buffer);
}

static void bind(int i)
{
    if (!eglMakeCurrent(dpy, pixmaps[i].surface, pixmaps[i].surface, ctx))
        pt_fail("eglMakeCurrent on pixmap surface %d failed (error 0x%x)", i, eglGetError());
    glViewport(0, 0, PT_W, PT_H);
}

static void draw_scene(float turn)
{
    glClearColor(0.2f, 0.1f, 0.3f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glRotatef(turn, 0, 0, 1);
    glBegin(GL_TRIANGLES);
    glColor3f(0.9f, 0.6f, 0.1f);
    glVertex2f(-0.8f, -0.6f);
    glColor3f(0.1f, 0.8f, 0.5f);
    glVertex2f(0.75f, -0.4f);
    glColor3f(0.4f, 0.2f, 1.0f);
    glVertex2f(-0.1f, 0.85f);
    glEnd();
}

/* What GL reads from pixmap surface i, as X pixels (rows top first); prints the hash. */
static void read_gl(const char *what, unsigned *out)
{
    static unsigned char rgba[PT_W * PT_H * 4];
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    pt_check_error(what);
    for (int y = 0; y < PT_H; y++)
        for (int x = 0; x < PT_W; x++) {
            const unsigned char *p = rgba + ((PT_H - 1 - y) * PT_W + x) * 4;
            out[y * PT_W + x] = (unsigned)p[0] << 16 | (unsigned)p[1] << 8 | p[2];
        }
    pt_bytes(what, rgba, sizeof rgba);
}

/* The X pixmap must hold what GL reads back. */
static void check_x_pixmap(const char *what, Pixmap pixmap)
{
    static unsigned want[PT_W * PT_H];
    read_gl(what, want);
    XImage *img = XGetImage(pt.dpy, pixmap, 0, 0, PT_W, PT_H, AllPlanes, ZPixmap);
    if (!img)
        pt_fail("%s: XGetImage of the pixmap failed", what);
    for (int y = 0; y < PT_H; y++)
        for (int x = 0; x < PT_W; x++) {
            unsigned shown = (unsigned)XGetPixel(img, x, y) & 0xffffff;
            if (shown != want[y * PT_W + x])
                pt_fail("%s: X pixmap pixel (%d,%d) is %06x, GL drew %06x", what, x, y, shown, want[y * PT_W + x]);
        }
    XDestroyImage(img);
}

static void check_pixmap(const char *what, int i)
{
    check_x_pixmap(what, pixmaps[i].pixmap);
}

/* eglCopyBuffers of the current surface (i) into a new pixmap. */
static void copy_buffers(const char *what, int i)
{
    Pixmap copy = new_pixmap();
    if (!eglCopyBuffers(dpy, pixmaps[i].surface, (EGLNativePixmapType)copy))
        pt_fail("%s: eglCopyBuffers failed (error 0x%x)", what, eglGetError());
    check_x_pixmap(what, copy);
    XFreePixmap(pt.dpy, copy);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    setup();
    bind(0);
    draw_scene(10);
    glFinish();
    check_pixmap("eglCreatePixmapSurface, glFinish", 0);
    if (!eglSwapBuffers(dpy, pixmaps[0].surface))
        pt_fail("eglSwapBuffers on a pixmap surface failed (error 0x%x)", eglGetError());
    check_pixmap("after eglSwapBuffers (no effect)", 0);
    bind(1);
    draw_scene(40);
    eglWaitClient();
    check_pixmap("eglCreatePlatformPixmapSurface, eglWaitClient", 1);
    copy_buffers("eglCopyBuffers", 1);

    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot bind the GLX window");
    pt_checkpoint();

    static unsigned kept[PT_W * PT_H];
    bind(0);
    read_gl("pixmap surface 0 kept", kept);
    bind(1);
    read_gl("pixmap surface 1 kept", kept);
    draw_scene(70);
    glFlush();
    eglWaitGL();
    check_pixmap("pixmap surface 1 drawn after the checkpoint, eglWaitGL", 1);
    copy_buffers("eglCopyBuffers after the checkpoint", 1);

    eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroySurface(dpy, pixmaps[0].surface);
    eglDestroySurface(dpy, pixmaps[1].surface);
    eglDestroyContext(dpy, ctx);
    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot bind the GLX window at the end");
    return pt_done();
}
