/* Pbuffers: glXCreatePbuffer and GLX_SGIX_pbuffer, glXQueryDrawable's answers, rendering
 * into a pbuffer with depth testing, and glXMakeContextCurrent with a window to draw into and
 * the pbuffer to read from (glBlitFramebuffer between them); an EGL pbuffer surface with a
 * desktop GL context of its own, in the same process. The contents must survive a reload
 * and a checkpoint. */
#include "preserve.h"

#include <EGL/egl.h>

#define PB_W 48
#define PB_H 40

static GLXFBConfig pbuffer_config(void)
{
    int attribs[] = {GLX_DRAWABLE_TYPE, GLX_PBUFFER_BIT, GLX_RENDER_TYPE, GLX_RGBA_BIT, GLX_RED_SIZE, 8,
                     GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8, GLX_ALPHA_SIZE, 8, GLX_DEPTH_SIZE, 24,
                     GLX_DOUBLEBUFFER, False, None};
    int n = 0;
    GLXFBConfig *configs = glXChooseFBConfig(pt.dpy, DefaultScreen(pt.dpy), attribs, &n);
    if (!configs || n == 0)
        pt_fail("no single-buffered RGBA8 + depth config for pbuffers");
    GLXFBConfig config = configs[0];
    XFree(configs);
    return config;
}

static void query(const char *what, GLXDrawable draw)
{
    static const struct { int attrib; const char *name; } attribs[] = {
        {GLX_WIDTH, "width"}, {GLX_HEIGHT, "height"}, {GLX_PRESERVED_CONTENTS, "preserved"},
        {GLX_LARGEST_PBUFFER, "largest"},
    };
    for (size_t i = 0; i < sizeof attribs / sizeof *attribs; i++) {
        unsigned int v = 12345;
        glXQueryDrawable(pt.dpy, draw, attribs[i].attrib, &v);
        printf("%s %s %u\n", what, attribs[i].name, v);
    }
}

/* Two overlapping triangles at different depths; the far one is drawn last. */
static void draw_scene(float shift)
{
    glViewport(0, 0, PB_W, PB_H);
    glEnable(GL_DEPTH_TEST);
    glClearColor(0.05f, 0.1f, 0.15f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glBegin(GL_TRIANGLES);
    glColor3f(1, 0.4f, 0.2f);
    glVertex3f(-0.9f + shift, -0.8f, -0.5f);
    glVertex3f(0.6f, -0.6f, -0.5f);
    glVertex3f(0, 0.8f, -0.5f);
    glColor3f(0.2f, 0.9f, 0.6f);
    glVertex3f(-0.6f, 0.7f, 0.5f);
    glVertex3f(0.9f - shift, 0.5f, 0.5f);
    glVertex3f(0.1f, -0.9f, 0.5f);
    glEnd();
    glDisable(GL_DEPTH_TEST);
}

static unsigned char pixels[PT_W * PT_H * 4];

static void read_hash(const char *what, int w, int h)
{
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    pt_check_error(what);
    pt_bytes(what, pixels, (size_t)w * (size_t)h * 4);
}

/* The window must hold the pbuffer's pixels at the bottom left, and gray elsewhere. */
static void check_copy(const unsigned char *pbuffer_pixels)
{
    for (int y = 0; y < PT_H; y++)
        for (int x = 0; x < PT_W; x++) {
            const unsigned char *got = pixels + ((size_t)y * PT_W + (size_t)x) * 4;
            static const unsigned char gray[4] = {128, 128, 128, 255};
            const unsigned char *want =
                x < PB_W && y < PB_H ? pbuffer_pixels + ((size_t)y * PB_W + (size_t)x) * 4 : gray;
            if (memcmp(got, want, 3) != 0)
                pt_fail("window pixel (%d,%d) is %02x%02x%02x after glBlitFramebuffer, expected %02x%02x%02x",
                        x, y, got[0], got[1], got[2], want[0], want[1], want[2]);
        }
}

/* A scene must have been drawn: some pixel differs from the clear color. */
static void check_drawn(const char *what)
{
    for (size_t i = 0; i < (size_t)PB_W * PB_H * 4; i += 4)
        if (pixels[i] != 13 || pixels[i + 1] != 26 || pixels[i + 2] != 38)
            return;
    pt_fail("%s: nothing but the clear color", what);
}

static void bind(GLXDrawable draw, GLXDrawable read, const char *what)
{
    if (!glXMakeContextCurrent(pt.dpy, draw, read, pt.ctx))
        pt_fail("glXMakeContextCurrent failed: %s", what);
}

struct egl_pbuffer {
    EGLDisplay dpy;
    EGLSurface surface;
    EGLContext ctx;
};

static struct egl_pbuffer egl_pbuffer_create(void)
{
    struct egl_pbuffer e = {.dpy = eglGetDisplay((EGLNativeDisplayType)pt.dpy)};
    EGLint major, minor, n = 0;
    EGLConfig config;
    const EGLint config_attribs[] = {EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                                     EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_DEPTH_SIZE, 24,
                                     EGL_NONE};
    const EGLint surface_attribs[] = {EGL_WIDTH, PB_W, EGL_HEIGHT, PB_H, EGL_NONE};
    if (!eglInitialize(e.dpy, &major, &minor) || !eglChooseConfig(e.dpy, config_attribs, &config, 1, &n) || n < 1)
        pt_fail("no EGL config for a pbuffer (error 0x%x)", eglGetError());
    e.surface = eglCreatePbufferSurface(e.dpy, config, surface_attribs);
    eglBindAPI(EGL_OPENGL_API);
    e.ctx = eglCreateContext(e.dpy, config, EGL_NO_CONTEXT, NULL);
    if (e.surface == EGL_NO_SURFACE || e.ctx == EGL_NO_CONTEXT)
        pt_fail("eglCreatePbufferSurface/eglCreateContext failed (error 0x%x)", eglGetError());
    EGLint w = 0, h = 0;
    eglQuerySurface(e.dpy, e.surface, EGL_WIDTH, &w);
    eglQuerySurface(e.dpy, e.surface, EGL_HEIGHT, &h);
    printf("egl pbuffer %dx%d\n", w, h);
    return e;
}

static void egl_bind(const struct egl_pbuffer *e)
{
    if (!eglMakeCurrent(e->dpy, e->surface, e->surface, e->ctx))
        pt_fail("eglMakeCurrent on the pbuffer failed (error 0x%x)", eglGetError());
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLXFBConfig config = pbuffer_config();
    int attribs[] = {GLX_PBUFFER_WIDTH, PB_W, GLX_PBUFFER_HEIGHT, PB_H, GLX_PRESERVED_CONTENTS, True, None};
    GLXPbuffer pbuffer = glXCreatePbuffer(pt.dpy, config, attribs);
    if (!pbuffer)
        pt_fail("glXCreatePbuffer failed");
    query("pbuffer", pbuffer);
    query("window", pt.win);

    /* The SGIX entry points make the same kind of pbuffer. */
    PFNGLXCREATEGLXPBUFFERSGIXPROC create_sgix =
        (PFNGLXCREATEGLXPBUFFERSGIXPROC)glXGetProcAddressARB((const GLubyte *)"glXCreateGLXPbufferSGIX");
    PFNGLXQUERYGLXPBUFFERSGIXPROC query_sgix =
        (PFNGLXQUERYGLXPBUFFERSGIXPROC)glXGetProcAddressARB((const GLubyte *)"glXQueryGLXPbufferSGIX");
    PFNGLXDESTROYGLXPBUFFERSGIXPROC destroy_sgix =
        (PFNGLXDESTROYGLXPBUFFERSGIXPROC)glXGetProcAddressARB((const GLubyte *)"glXDestroyGLXPbufferSGIX");
    if (!create_sgix || !query_sgix || !destroy_sgix)
        pt_fail("GLX_SGIX_pbuffer entry points missing");
    GLXPbufferSGIX sgix = create_sgix(pt.dpy, (GLXFBConfigSGIX)config, 20, 10, NULL);
    unsigned int sgix_w = 0, sgix_h = 0;
    query_sgix(pt.dpy, sgix, GLX_WIDTH_SGIX, &sgix_w);
    query_sgix(pt.dpy, sgix, GLX_HEIGHT_SGIX, &sgix_h);
    printf("sgix pbuffer %ux%u\n", sgix_w, sgix_h);
    destroy_sgix(pt.dpy, sgix);

    struct egl_pbuffer egl = egl_pbuffer_create();
    egl_bind(&egl);
    draw_scene(0.5f);
    read_hash("egl pbuffer drawn", PB_W, PB_H);
    check_drawn("egl pbuffer drawn");
    static unsigned char egl_drawn[PB_W * PB_H * 4];
    memcpy(egl_drawn, pixels, sizeof egl_drawn);

    bind(pbuffer, pbuffer, "the pbuffer");
    draw_scene(0);
    read_hash("pbuffer drawn", PB_W, PB_H);
    check_drawn("pbuffer drawn");
    static unsigned char drawn[PB_W * PB_H * 4];
    memcpy(drawn, pixels, sizeof drawn);

    /* Draw into the window, read from the pbuffer. */
    bind(pt.win, pbuffer, "window draw, pbuffer read");
    glViewport(0, 0, PT_W, PT_H);
    glClearColor(0.5f, 0.5f, 0.5f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glBlitFramebuffer(0, 0, PB_W, PB_H, 0, 0, PB_W, PB_H, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    read_hash("read drawable is the pbuffer", PB_W, PB_H);
    bind(pt.win, pt.win, "the window");
    read_hash("window after glBlitFramebuffer from the pbuffer", PT_W, PT_H);
    check_copy(drawn);

    pt_checkpoint();

    query("pbuffer after the checkpoint", pbuffer);
    bind(pbuffer, pbuffer, "the pbuffer after the checkpoint");
    read_hash("pbuffer kept", PB_W, PB_H);
    if (memcmp(pixels, drawn, sizeof drawn) != 0)
        pt_fail("the pbuffer's contents changed across the checkpoint");
    draw_scene(0.3f);
    read_hash("pbuffer drawn again", PB_W, PB_H);
    check_drawn("pbuffer drawn again");
    if (memcmp(pixels, drawn, sizeof drawn) == 0)
        pt_fail("the pbuffer's second scene looks like its first");

    egl_bind(&egl);
    read_hash("egl pbuffer kept", PB_W, PB_H);
    if (memcmp(pixels, egl_drawn, sizeof egl_drawn) != 0)
        pt_fail("the EGL pbuffer's contents changed across the checkpoint");
    eglMakeCurrent(egl.dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    eglDestroySurface(egl.dpy, egl.surface);
    eglDestroyContext(egl.dpy, egl.ctx);

    bind(pt.win, pt.win, "the window after the checkpoint");
    glXDestroyPbuffer(pt.dpy, pbuffer);
    return pt_done();
}
