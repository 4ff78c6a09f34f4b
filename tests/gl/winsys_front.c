/* Front-buffer rendering reaches X: a double-buffered window drawn with glDrawBuffer(GL_FRONT)
 * shows on glFlush, a single-buffered one on glFinish and glXWaitGL, and GLX pixmaps (made by
 * glXCreatePixmap and glXCreateGLXPixmap) get their X pixmap's contents on the same calls; a
 * GLX pixmap of a double-buffered config shows its back buffer on glXSwapBuffers only, as
 * with Mesa's GLX (drawing into the back and glFinish leave the X pixmap as it was).
 * After each, the X drawable's pixels (XGetImage) must equal the front buffer read through
 * GL, exactly; the hashes printed must survive a reload and a checkpoint. */
#include "preserve.h"

#define SINGLE_X 100 /* the second window does not overlap the first */

static Window single_win;
static GLXContext single_ctx;
static GLXFBConfig single_config;
static Pixmap pixmaps[2], double_pixmap;
static GLXPixmap glx_pixmaps[2], glx_double_pixmap;

static void create_single_buffered(void)
{
    int attribs[] = {GLX_X_RENDERABLE, True, GLX_DRAWABLE_TYPE, GLX_WINDOW_BIT | GLX_PIXMAP_BIT,
                     GLX_RENDER_TYPE, GLX_RGBA_BIT, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8,
                     GLX_DOUBLEBUFFER, False, None};
    single_win = pt_window(attribs, SINGLE_X, &single_config);
    XSync(pt.dpy, False);
    single_ctx = glXCreateNewContext(pt.dpy, single_config, GLX_RGBA_TYPE, NULL, True);
    if (!single_ctx)
        pt_fail("cannot create a context for the single-buffered config");
}

/* Some triangles and a scissored clear: colors that differ in every channel. */
static void draw_scene(float turn)
{
    glDisable(GL_SCISSOR_TEST);
    glClearColor(0.1f, 0.2f, 0.3f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glRotatef(turn, 0, 0, 1);
    glBegin(GL_TRIANGLES);
    glColor3f(1, 0.5f, 0);
    glVertex2f(-0.8f, -0.7f);
    glColor3f(0, 1, 0.25f);
    glVertex2f(0.7f, -0.5f);
    glColor3f(0.3f, 0, 1);
    glVertex2f(0, 0.9f);
    glEnd();
    glEnable(GL_SCISSOR_TEST);
    glScissor(5, 40, 12, 9);
    glClearColor(0.9f, 0.8f, 0.05f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
}

/* The color buffer `buffer` as BGRA rows, bottom first. */
static void read_buffer(const char *what, GLenum buffer, unsigned char *pixels)
{
    glReadBuffer(buffer);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_BGRA, GL_UNSIGNED_BYTE, pixels);
    pt_check_error(what);
}

/* The X drawable's pixels must be `gl` (read as read_buffer does); prints their hash. */
static void check_shows(const char *what, Drawable win, const unsigned char *want)
{
    static unsigned char shown[PT_W * PT_H * 4];
    XImage *img = XGetImage(pt.dpy, win, 0, 0, PT_W, PT_H, AllPlanes, ZPixmap);
    if (!img || img->bits_per_pixel != 32)
        pt_fail("%s: cannot read the window back as 32-bit pixels", what);
    for (int y = 0; y < PT_H; y++)
        for (int x = 0; x < PT_W; x++) {
            const unsigned char *gl = want + ((size_t)(PT_H - 1 - y) * PT_W + (size_t)x) * 4;
            unsigned char *px = shown + ((size_t)y * PT_W + (size_t)x) * 4;
            unsigned long v = XGetPixel(img, x, y);
            px[0] = (unsigned char)(v & 0xff);
            px[1] = (unsigned char)((v >> 8) & 0xff);
            px[2] = (unsigned char)((v >> 16) & 0xff);
            px[3] = gl[3];
            if (memcmp(gl, px, 4) != 0)
                pt_fail("%s: window pixel (%d,%d) is %02x%02x%02x, GL drew %02x%02x%02x",
                        what, x, y, px[2], px[1], px[0], gl[2], gl[1], gl[0]);
        }
    XDestroyImage(img);
    pt_bytes(what, shown, sizeof shown);
}

/* The X drawable's pixels must be the front buffer's. */
static void check_drawable(const char *what, Drawable win)
{
    static unsigned char front[PT_W * PT_H * 4];
    read_buffer(what, GL_FRONT, front);
    check_shows(what, win, front);
}

static void double_buffered_front(const char *what, float turn)
{
    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot bind the double-buffered window");
    glDrawBuffer(GL_FRONT);
    draw_scene(turn);
    glFlush();
    check_drawable(what, pt.win);
    glDrawBuffer(GL_BACK);
}

static void single_buffered(const char *what, float turn, int finish_with_wait_gl)
{
    if (!glXMakeCurrent(pt.dpy, single_win, single_ctx))
        pt_fail("cannot bind the single-buffered window");
    glViewport(0, 0, PT_W, PT_H);
    draw_scene(turn);
    if (finish_with_wait_gl)
        glXWaitGL();
    else
        glFinish();
    check_drawable(what, single_win);
}

/* GLX pixmap 0 through glXCreatePixmap, 1 through glXCreateGLXPixmap; both on the
 * single-buffered config, so single_ctx renders to them. */
static void create_pixmaps(void)
{
    XVisualInfo *vi = glXGetVisualFromFBConfig(pt.dpy, single_config);
    for (int i = 0; i < 2; i++)
        pixmaps[i] = XCreatePixmap(pt.dpy, DefaultRootWindow(pt.dpy), PT_W, PT_H, (unsigned)vi->depth);
    glx_pixmaps[0] = glXCreatePixmap(pt.dpy, single_config, pixmaps[0], NULL);
    glx_pixmaps[1] = glXCreateGLXPixmap(pt.dpy, vi, pixmaps[1]);
    XFree(vi);
    if (!glx_pixmaps[0] || !glx_pixmaps[1])
        pt_fail("glXCreatePixmap or glXCreateGLXPixmap failed");
}

static void pixmap(const char *what, int i, float turn, void (*make_visible)(void))
{
    if (!glXMakeCurrent(pt.dpy, glx_pixmaps[i], single_ctx))
        pt_fail("cannot bind GLX pixmap %d", i);
    glViewport(0, 0, PT_W, PT_H);
    draw_scene(turn);
    make_visible();
    check_drawable(what, pixmaps[i]);
}

/* A GLX pixmap on the config of pt's context (double-buffered). */
static void create_double_buffered_pixmap(void)
{
    int id = 0, n = 0;
    glXQueryContext(pt.dpy, pt.ctx, GLX_FBCONFIG_ID, &id);
    int attribs[] = {GLX_FBCONFIG_ID, id, None};
    GLXFBConfig *config = glXChooseFBConfig(pt.dpy, DefaultScreen(pt.dpy), attribs, &n);
    XVisualInfo *vi = n ? glXGetVisualFromFBConfig(pt.dpy, config[0]) : NULL;
    if (!vi)
        pt_fail("no visual for the double-buffered config %d", id);
    double_pixmap = XCreatePixmap(pt.dpy, DefaultRootWindow(pt.dpy), PT_W, PT_H, (unsigned)vi->depth);
    glx_double_pixmap = glXCreatePixmap(pt.dpy, config[0], double_pixmap, NULL);
    XFree(vi);
    XFree(config);
    if (!glx_double_pixmap)
        pt_fail("glXCreatePixmap failed for a double-buffered config");
}

/* The back buffer reaches the X pixmap on glXSwapBuffers; then drawing into the back and
 * glFinish leave the pixmap as it was. */
static void double_buffered_pixmap(const char *what, float turn)
{
    static unsigned char back[PT_W * PT_H * 4];
    if (!glXMakeCurrent(pt.dpy, glx_double_pixmap, pt.ctx))
        pt_fail("cannot bind the double-buffered GLX pixmap");
    glViewport(0, 0, PT_W, PT_H);
    draw_scene(turn);
    read_buffer(what, GL_BACK, back);
    glXSwapBuffers(pt.dpy, glx_double_pixmap);
    glFinish();
    check_shows(what, double_pixmap, back);
    draw_scene(turn + 90);
    glFinish();
    check_shows(what, double_pixmap, back);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    XSync(pt.dpy, False);
    create_single_buffered();
    double_buffered_front("front of a double-buffered window, glFlush", 10);
    single_buffered("single-buffered window, glFinish", 20, 0);
    single_buffered("single-buffered window, glXWaitGL", 30, 1);
    create_pixmaps();
    pixmap("glXCreatePixmap pixmap, glFinish", 0, 60, glFinish);
    pixmap("glXCreateGLXPixmap pixmap, glXWaitGL", 1, 70, glXWaitGL);
    create_double_buffered_pixmap();
    double_buffered_pixmap("double-buffered GLX pixmap, glXSwapBuffers", 75);

    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot bind the double-buffered window");
    draw_scene(35); /* into the back buffer: the swap in pt_checkpoint makes it the front */
    pt_checkpoint();

    /* The front buffers came back with their contents... */
    glReadBuffer(GL_FRONT);
    static unsigned char kept[PT_W * PT_H * 4];
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, kept);
    pt_bytes("double-buffered front after the checkpoint", kept, sizeof kept);
    if (!glXMakeCurrent(pt.dpy, single_win, single_ctx))
        pt_fail("cannot bind the single-buffered window");
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, kept);
    pt_bytes("single-buffered window after the checkpoint", kept, sizeof kept);
    /* ...and front-buffer rendering still reaches the windows. */
    double_buffered_front("front of a double-buffered window after the checkpoint", 40);
    single_buffered("single-buffered window after the checkpoint", 50, 1);
    if (!glXMakeCurrent(pt.dpy, glx_pixmaps[1], single_ctx))
        pt_fail("cannot bind GLX pixmap 1 after the checkpoint");
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, kept);
    pt_bytes("GLX pixmap after the checkpoint", kept, sizeof kept);
    pixmap("glXCreatePixmap pixmap after the checkpoint, glFlush", 0, 80, glFlush);
    double_buffered_pixmap("double-buffered GLX pixmap after the checkpoint", 85);

    if (!glXMakeCurrent(pt.dpy, pt.win, pt.ctx))
        pt_fail("cannot bind the double-buffered window");
    glXDestroyPixmap(pt.dpy, glx_pixmaps[0]);
    glXDestroyPixmap(pt.dpy, glx_double_pixmap);
    glXDestroyGLXPixmap(pt.dpy, glx_pixmaps[1]);
    glXDestroyContext(pt.dpy, single_ctx);
    return pt_done();
}
