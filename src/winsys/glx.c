/* The GLX API, emulated on EGL: configs and visuals are synthesized, contexts are EGL
 * contexts without a config, drawables are textures + FBOs presented through glcr's own X
 * connection. The app's X connection is only used for the X requests the app would make
 * anyway (visual lookup); the driver half never talks to X. */
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/checkpoint.h"
#include "state/gate.h"
#include "winsys/bind.h"
#include "winsys/drawable.h"
#include "winsys/fbconfig.h"
#include "glx_procs.h"

#define GLCR_GLX_EXTENSIONS                                                                    \
    "GLX_ARB_create_context GLX_ARB_create_context_no_error GLX_ARB_create_context_profile "  \
    "GLX_ARB_create_context_robustness GLX_ARB_get_proc_address GLX_ARB_multisample "         \
    "GLX_EXT_create_context_es2_profile GLX_EXT_swap_control GLX_EXT_visual_info "            \
    "GLX_EXT_visual_rating GLX_MESA_swap_control GLX_SGI_swap_control GLX_SGIS_multisample "  \
    "GLX_SGIX_pbuffer"

/* What glXGetCurrent* report, also when no context is current. */
struct glx_current {
    Display *dpy;
    GLXDrawable draw, read;
};
static __thread struct glx_current current __attribute__((tls_model("initial-exec")));
static int swap_interval = 1;

/* GLX drawables are sRGB-encoded, as Mesa's are (GL_FRAMEBUFFER_ATTACHMENT_COLOR_ENCODING is
 * GL_SRGB, and GL_FRAMEBUFFER_SRGB takes effect on them). */
static struct glcr_drawable *glx_drawable(struct glcr_drawable *d)
{
    if (d && !d->tex[GLCR_BUF_FRONT] && !d->tex[GLCR_BUF_BACK])
        d->srgb_encoded = true;
    return d;
}

Bool glXQueryExtension(Display *dpy, int *error_base, int *event_base)
{
    int opcode, ev = 0, err = 0;
    GLCR_WINSYS_ENTER();
    /* Report the server's GLX bases where it has the extension, for apps that decode errors. */
    if (!XQueryExtension(dpy, "GLX", &opcode, &ev, &err))
        ev = err = 0;
    if (error_base)
        *error_base = err;
    if (event_base)
        *event_base = ev;
    return True;
}

Bool glXQueryVersion(Display *dpy, int *major, int *minor)
{
    (void)dpy;
    GLCR_WINSYS_ENTER();
    if (major)
        *major = 1;
    if (minor)
        *minor = 4;
    return True;
}

const char *glXQueryExtensionsString(Display *dpy, int screen)
{
    (void)dpy;
    (void)screen;
    return GLCR_GLX_EXTENSIONS;
}

static const char *glx_string(int name)
{
    switch (name) {
    case GLX_VENDOR: return "glcr";
    case GLX_VERSION: return "1.4";
    case GLX_EXTENSIONS: return GLCR_GLX_EXTENSIONS;
    default: return NULL;
    }
}

const char *glXQueryServerString(Display *dpy, int screen, int name)
{
    (void)dpy;
    (void)screen;
    return glx_string(name);
}

const char *glXGetClientString(Display *dpy, int name)
{
    (void)dpy;
    return glx_string(name);
}

/* ---- configs and visuals ------------------------------------------------------------- */

XVisualInfo *glXChooseVisual(Display *dpy, int screen, int *attribs)
{
    const struct glcr_fbconfig **list;
    GLCR_WINSYS_ENTER();
    int n = glcr_fbconfig_choose(dpy, screen, attribs, true, &list);
    if (!n)
        return NULL;
    XVisualInfo *vi = glcr_fbconfig_visual_info(dpy, list[0]);
    if (vi)
        glcr_fbconfig_remember_visual(list[0], vi);
    free(list);
    return vi;
}

int glXGetConfig(Display *dpy, XVisualInfo *vis, int attrib, int *value)
{
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = vis ? glcr_fbconfig_for_visual(dpy, vis) : NULL;
    if (!c) {
        if (attrib == GLX_USE_GL) {
            *value = False;
            return 0;
        }
        return GLX_BAD_VISUAL;
    }
    return glcr_fbconfig_attrib(c, attrib, value) ? 0 : GLX_BAD_ATTRIBUTE;
}

static GLXFBConfig *config_array(const struct glcr_fbconfig **list, int n, int *count)
{
    GLXFBConfig *out = n ? malloc((size_t)n * sizeof *out) : NULL;
    for (int i = 0; out && i < n; i++)
        out[i] = (GLXFBConfig)list[i];
    *count = out ? n : 0;
    return out;
}

GLXFBConfig *glXGetFBConfigs(Display *dpy, int screen, int *nelements)
{
    const struct glcr_fbconfig *all;
    GLCR_WINSYS_ENTER();
    int n = glcr_fbconfigs(dpy, screen, &all);
    const struct glcr_fbconfig **list = malloc((size_t)(n ? n : 1) * sizeof *list);
    for (int i = 0; list && i < n; i++)
        list[i] = &all[i];
    GLXFBConfig *out = list ? config_array(list, n, nelements) : NULL;
    free(list);
    return out;
}

GLXFBConfig *glXChooseFBConfig(Display *dpy, int screen, const int *attribs, int *nelements)
{
    const struct glcr_fbconfig **list;
    GLCR_WINSYS_ENTER();
    int n = glcr_fbconfig_choose(dpy, screen, attribs, false, &list);
    GLXFBConfig *out = config_array(list, n, nelements);
    free(list);
    return out;
}

/* A config handle from the app, checked: apps pass stale or foreign pointers. */
static const struct glcr_fbconfig *config_of(GLXFBConfig config)
{
    const struct glcr_fbconfig *c = (const struct glcr_fbconfig *)config;
    return c && glcr_fbconfig_by_id(c->id) == c ? c : NULL;
}

int glXGetFBConfigAttrib(Display *dpy, GLXFBConfig config, int attrib, int *value)
{
    (void)dpy;
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = config_of(config);
    if (!c)
        return GLX_BAD_VALUE;
    return glcr_fbconfig_attrib(c, attrib, value) ? Success : GLX_BAD_ATTRIBUTE;
}

XVisualInfo *glXGetVisualFromFBConfig(Display *dpy, GLXFBConfig config)
{
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = config_of(config);
    if (!c)
        return NULL;
    XVisualInfo *vi = glcr_fbconfig_visual_info(dpy, c);
    if (vi)
        glcr_fbconfig_remember_visual(c, vi);
    return vi;
}

/* ---- contexts -------------------------------------------------------------------------- */

static struct glcr_context *context_of(GLXContext ctx)
{
    struct glcr_context *c = (struct glcr_context *)ctx;
    return c && glcr_context_is_valid(c) ? c : NULL;
}

static GLXContext create_context(const struct glcr_context_attribs *attribs,
                                 const struct glcr_fbconfig *config, GLXContext share)
{
    char err[256] = "";
    struct glcr_context *share_ctx = NULL;
    if (share && !(share_ctx = context_of(share))) {
        log_error("glXCreateContext: the share context %p is not a GLX context", (void *)share);
        return NULL;
    }
    struct glcr_context *ctx = glcr_context_create(attribs, config, share_ctx, err, sizeof err);
    if (!ctx)
        log_error("glXCreateContext: %s", err);
    return (GLXContext)ctx;
}

GLXContext glXCreateContext(Display *dpy, XVisualInfo *vis, GLXContext share, Bool direct)
{
    (void)direct;
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = vis ? glcr_fbconfig_for_visual(dpy, vis) : NULL;
    if (!c) {
        log_error("glXCreateContext: visual 0x%lx has no GLX config", vis ? vis->visualid : 0);
        return NULL;
    }
    struct glcr_context_attribs attribs = {0};
    return create_context(&attribs, c, share);
}

GLXContext glXCreateNewContext(Display *dpy, GLXFBConfig config, int render_type,
                               GLXContext share, Bool direct)
{
    (void)dpy;
    (void)direct;
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = config_of(config);
    if (!c || render_type != GLX_RGBA_TYPE) {
        log_error("glXCreateNewContext: %s", c ? "only GLX_RGBA_TYPE contexts exist" : "invalid GLXFBConfig");
        return NULL;
    }
    struct glcr_context_attribs attribs = {0};
    return create_context(&attribs, c, share);
}

GLXContext glXCreateContextAttribsARB(Display *dpy, GLXFBConfig config, GLXContext share,
                                      Bool direct, const int *attrib_list)
{
    (void)dpy;
    (void)direct;
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = config_of(config);
    if (!c) {
        log_error("glXCreateContextAttribsARB: invalid GLXFBConfig");
        return NULL;
    }
    struct glcr_context_attribs attribs = {0};
    for (const int *a = attrib_list; a && *a; a += 2) {
        switch (a[0]) {
        case GLX_CONTEXT_MAJOR_VERSION_ARB: attribs.major = a[1]; break;
        case GLX_CONTEXT_MINOR_VERSION_ARB: attribs.minor = a[1]; break;
        case GLX_CONTEXT_PROFILE_MASK_ARB:
            if (a[1] & GLX_CONTEXT_ES2_PROFILE_BIT_EXT)
                attribs.gles = true;
            else
                attribs.profile_mask = a[1];
            break;
        case GLX_CONTEXT_FLAGS_ARB:
            attribs.debug = a[1] & GLX_CONTEXT_DEBUG_BIT_ARB;
            attribs.forward_compatible = a[1] & GLX_CONTEXT_FORWARD_COMPATIBLE_BIT_ARB;
            attribs.robust = a[1] & GLX_CONTEXT_ROBUST_ACCESS_BIT_ARB;
            break;
        case GLX_CONTEXT_OPENGL_NO_ERROR_ARB: attribs.no_error = a[1]; break;
        case GLX_CONTEXT_RESET_NOTIFICATION_STRATEGY_ARB:
            if (a[1] != GLX_NO_RESET_NOTIFICATION_ARB) {
                log_error("glXCreateContextAttribsARB: reset notification (GLX_LOSE_CONTEXT_ON_RESET_ARB) "
                          "is not offered by glcr");
                return NULL;
            }
            break;
        case GLX_RENDER_TYPE:
            if (a[1] != GLX_RGBA_TYPE) {
                log_error("glXCreateContextAttribsARB: only GLX_RGBA_TYPE contexts exist");
                return NULL;
            }
            break;
        default:
            log_error("glXCreateContextAttribsARB: attribute 0x%x is not supported by glcr", a[0]);
            return NULL;
        }
    }
    if (attribs.major && !attribs.profile_mask && !attribs.gles &&
        (attribs.major > 3 || (attribs.major == 3 && attribs.minor >= 2)))
        attribs.profile_mask = GLX_CONTEXT_CORE_PROFILE_BIT_ARB; /* the ARB default */
    return create_context(&attribs, c, share);
}

void glXDestroyContext(Display *dpy, GLXContext ctx)
{
    (void)dpy;
    GLCR_WINSYS_ENTER();
    struct glcr_context *c = context_of(ctx);
    if (c)
        glcr_context_release(c);
}

Bool glXIsDirect(Display *dpy, GLXContext ctx)
{
    (void)dpy;
    return context_of(ctx) != NULL;
}

void glXCopyContext(Display *dpy, GLXContext src, GLXContext dst, unsigned long mask)
{
    (void)dpy;
    (void)src;
    GLCR_WINSYS_ENTER();
    struct glcr_context *d = context_of(dst);
    log_error("glXCopyContext (mask 0x%lx): copying state between contexts is not supported by glcr; "
              "context %u is unchanged", mask, d ? d->id : 0);
}

int glXQueryContext(Display *dpy, GLXContext ctx, int attribute, int *value)
{
    (void)dpy;
    GLCR_WINSYS_ENTER();
    struct glcr_context *c = context_of(ctx);
    if (!c)
        return GLX_BAD_CONTEXT;
    switch (attribute) {
    case GLX_FBCONFIG_ID: *value = c->config ? c->config->id : 0; return Success;
    case GLX_RENDER_TYPE: *value = GLX_RGBA_TYPE; return Success;
    case GLX_SCREEN: *value = 0; return Success;
    default: return GLX_BAD_ATTRIBUTE;
    }
}

/* ---- binding ----------------------------------------------------------------------------- */

static Bool make_context_current(Display *dpy, GLXDrawable draw, GLXDrawable read, GLXContext ctx);

/* A thread between the gate and the end of a binding change is not yet counted as holding
 * a context: a checkpoint waits for it (glcr_binding_changes). */
Bool glXMakeContextCurrent(Display *dpy, GLXDrawable draw, GLXDrawable read, GLXContext ctx)
{
    GLCR_WINSYS_ENTER();
    glcr_binding_change(1);
    Bool ok = make_context_current(dpy, draw, read, ctx);
    glcr_binding_change(-1);
    return ok;
}

static Bool make_context_current(Display *dpy, GLXDrawable draw, GLXDrawable read, GLXContext ctx)
{
    if (!ctx) {
        glcr_unbind();
        current = (struct glx_current){0};
        return True;
    }
    struct glcr_context *c = context_of(ctx);
    if (!c) {
        log_error("glXMakeCurrent: %p is not a GLX context", (void *)ctx);
        return False;
    }
    if (!c->config) {
        log_error("glXMakeCurrent: context %u was made by EGL without a config", c->id);
        return False;
    }
    struct glcr_drawable *d = draw ? glx_drawable(glcr_drawable_get(dpy, draw, c->config)) : NULL;
    struct glcr_drawable *r = read == draw ? d : read ? glx_drawable(glcr_drawable_get(dpy, read, c->config)) : NULL;
    if ((draw && !d) || (read && !r) || !glcr_bind("glXMakeCurrent", c, d, r))
        return False;
    current = (struct glx_current){.dpy = dpy, .draw = draw, .read = read};
    return True;
}

Bool glXMakeCurrent(Display *dpy, GLXDrawable drawable, GLXContext ctx)
{
    return glXMakeContextCurrent(dpy, drawable, drawable, ctx);
}

GLXContext glXGetCurrentContext(void)
{
    return (GLXContext)glcr_current();
}

GLXDrawable glXGetCurrentDrawable(void)
{
    return current.draw;
}

GLXDrawable glXGetCurrentReadDrawable(void)
{
    return current.read;
}

Display *glXGetCurrentDisplay(void)
{
    return current.dpy;
}

/* ---- drawables ------------------------------------------------------------------------- */

void glXSwapBuffers(Display *dpy, GLXDrawable drawable)
{
    (void)dpy;
    GLCR_WINSYS_ENTER();
    struct glcr_drawable *d = glcr_drawable_find(drawable);
    if (!d) {
        log_debug("glXSwapBuffers: drawable 0x%lx was never made current", drawable);
        return;
    }
    glcr_present(d);
}

void glXWaitGL(void)
{
    GLCR_WINSYS_ENTER();
    if (glcr_current() && !glcr_wait_client())
        glcr_driver.Finish();
}

void glXWaitX(void)
{
    GLCR_WINSYS_ENTER();
    if (current.dpy)
        XSync(current.dpy, False);
}

GLXWindow glXCreateWindow(Display *dpy, GLXFBConfig config, Window win, const int *attribs)
{
    (void)attribs;
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = config_of(config);
    if (!c || !glcr_drawable_get(dpy, win, c)) {
        log_error("glXCreateWindow: %s", c ? "not a window" : "invalid GLXFBConfig");
        return None;
    }
    return win; /* the X window id doubles as the GLXWindow id */
}

void glXDestroyWindow(Display *dpy, GLXWindow win)
{
    (void)dpy;
    GLCR_WINSYS_ENTER();
    struct glcr_drawable *d = glcr_drawable_find(win);
    if (d)
        glcr_drawable_destroy(d);
}

/* GLX pixmaps render into textures like windows; the front buffer is copied into the X
 * pixmap on glFlush, glFinish and glXWaitGL (X requests after those see it), and a
 * double-buffered config's back buffer on glXSwapBuffers, as with Mesa's GLX. Rendering the
 * app makes visible without any of them (and X drawing into the pixmap that GL should see)
 * is not reproduced. */
static GLXPixmap create_pixmap(const char *call, Display *dpy, const struct glcr_fbconfig *c, Pixmap pixmap)
{
    if (!c) {
        log_error("%s: the visual or config is not one of glcr's", call);
        return None;
    }
    struct glcr_drawable *d = glx_drawable(glcr_pixmap_create(dpy, c, pixmap));
    return d ? d->xid : None;
}

static void destroy_drawable(const char *call, XID id, enum glcr_drawable_kind kind)
{
    GLCR_WINSYS_ENTER();
    struct glcr_drawable *d = glcr_drawable_find(id);
    if (!d || d->kind != kind) {
        log_error("%s: 0x%lx is not a %s glcr made", call, id, kind == GLCR_DRAWABLE_PIXMAP ? "GLX pixmap" : "pbuffer");
        return;
    }
    glcr_drawable_destroy(d);
}

GLXPixmap glXCreateGLXPixmap(Display *dpy, XVisualInfo *vis, Pixmap pixmap)
{
    GLCR_WINSYS_ENTER();
    return create_pixmap("glXCreateGLXPixmap", dpy,
                         vis ? glcr_fbconfig_for_visual(dpy, vis) : NULL, pixmap);
}

void glXDestroyGLXPixmap(Display *dpy, GLXPixmap pixmap)
{
    (void)dpy;
    destroy_drawable("glXDestroyGLXPixmap", pixmap, GLCR_DRAWABLE_PIXMAP);
}

GLXPixmap glXCreatePixmap(Display *dpy, GLXFBConfig config, Pixmap pixmap, const int *attribs)
{
    GLCR_WINSYS_ENTER();
    if (attribs && *attribs) {
        log_error("glXCreatePixmap: attribute 0x%x is not supported by glcr", *attribs);
        return None;
    }
    return create_pixmap("glXCreatePixmap", dpy, config_of(config), pixmap);
}

void glXDestroyPixmap(Display *dpy, GLXPixmap pixmap)
{
    (void)dpy;
    destroy_drawable("glXDestroyPixmap", pixmap, GLCR_DRAWABLE_PIXMAP);
}

static GLXPbuffer create_pbuffer(const char *call, Display *dpy, GLXFBConfig config, int width,
                                 int height, const int *attribs)
{
    GLCR_WINSYS_ENTER();
    const struct glcr_fbconfig *c = config_of(config);
    if (!c) {
        log_error("%s: invalid GLXFBConfig", call);
        return None;
    }
    bool largest = false;
    for (const int *a = attribs; a && *a; a += 2) {
        switch (a[0]) {
        case GLX_PBUFFER_WIDTH: width = a[1]; break;
        case GLX_PBUFFER_HEIGHT: height = a[1]; break;
        case GLX_LARGEST_PBUFFER: largest = a[1]; break;
        case GLX_PRESERVED_CONTENTS: break; /* contents are always preserved */
        default:
            log_error("%s: attribute 0x%x is not supported by glcr", call, a[0]);
            return None;
        }
    }
    if (width < 0 || height < 0 || width > GLCR_MAX_PBUFFER_SIZE || height > GLCR_MAX_PBUFFER_SIZE) {
        log_error("%s: %dx%d is outside 0..%d", call, width, height, GLCR_MAX_PBUFFER_SIZE);
        return None;
    }
    struct glcr_drawable *d = glx_drawable(glcr_pbuffer_create(dpy, c, width, height));
    if (!d)
        return None;
    d->largest_pbuffer = largest;
    return d->xid;
}

GLXPbuffer glXCreatePbuffer(Display *dpy, GLXFBConfig config, const int *attribs)
{
    return create_pbuffer("glXCreatePbuffer", dpy, config, 0, 0, attribs);
}

void glXDestroyPbuffer(Display *dpy, GLXPbuffer pbuf)
{
    (void)dpy;
    destroy_drawable("glXDestroyPbuffer", pbuf, GLCR_DRAWABLE_PBUFFER);
}

/* GLX_SGIX_pbuffer: the same pbuffers; an SGIX config is a GLXFBConfig. */
GLXPbufferSGIX glXCreateGLXPbufferSGIX(Display *dpy, GLXFBConfigSGIX config, unsigned int width,
                                       unsigned int height, int *attribs)
{
    return create_pbuffer("glXCreateGLXPbufferSGIX", dpy, (GLXFBConfig)config,
                          width > GLCR_MAX_PBUFFER_SIZE ? GLCR_MAX_PBUFFER_SIZE + 1 : (int)width,
                          height > GLCR_MAX_PBUFFER_SIZE ? GLCR_MAX_PBUFFER_SIZE + 1 : (int)height, attribs);
}

void glXDestroyGLXPbufferSGIX(Display *dpy, GLXPbufferSGIX pbuf)
{
    (void)dpy;
    destroy_drawable("glXDestroyGLXPbufferSGIX", pbuf, GLCR_DRAWABLE_PBUFFER);
}

/* The value of a drawable attribute; false if the attribute is unknown. */
static bool drawable_attrib(Display *dpy, GLXDrawable draw, int attribute, unsigned int *value)
{
    struct glcr_drawable *d = glcr_drawable_find(draw);
    int w = d ? d->window_width : 0, h = d ? d->window_height : 0;
    /* A window's size now, as X knows it: the drawable follows at the next frame, but apps
     * (glretrace) resize the window and wait until GLX reports the new size. Pixmaps and
     * pbuffers keep the size they were made with. */
    if ((!d || d->kind == GLCR_DRAWABLE_WINDOW) && (attribute == GLX_WIDTH || attribute == GLX_HEIGHT))
        glcr_window_size(dpy, draw, &w, &h);
    bool pbuffer = d && d->kind == GLCR_DRAWABLE_PBUFFER;
    switch (attribute) {
    case GLX_WIDTH: *value = (unsigned)w; return true;
    case GLX_HEIGHT: *value = (unsigned)h; return true;
    case GLX_FBCONFIG_ID: *value = d ? (unsigned)d->config->id : 0; return true;
    case GLX_SWAP_INTERVAL_EXT: *value = (unsigned)swap_interval; return true;
    case GLX_MAX_SWAP_INTERVAL_EXT: *value = 8; return true;
    case GLX_PRESERVED_CONTENTS: *value = pbuffer; return true;
    case GLX_LARGEST_PBUFFER: *value = pbuffer && d->largest_pbuffer; return true;
    case GLX_EVENT_MASK: *value = 0; return true;
    case GLX_DRAWABLE_TYPE:
        *value = !d || d->kind == GLCR_DRAWABLE_WINDOW ? GLX_WINDOW_BIT
                 : d->kind == GLCR_DRAWABLE_PIXMAP ? GLX_PIXMAP_BIT : GLX_PBUFFER_BIT;
        return true;
    default: return false;
    }
}

void glXQueryDrawable(Display *dpy, GLXDrawable draw, int attribute, unsigned int *value)
{
    GLCR_WINSYS_ENTER();
    if (!drawable_attrib(dpy, draw, attribute, value))
        log_error("glXQueryDrawable: attribute 0x%x unknown", attribute);
}

void glXQueryGLXPbufferSGIX(Display *dpy, GLXPbufferSGIX pbuf, int attribute, unsigned int *value)
{
    GLCR_WINSYS_ENTER();
    if (!drawable_attrib(dpy, pbuf, attribute, value))
        log_error("glXQueryGLXPbufferSGIX: attribute 0x%x unknown", attribute);
}

/* glcr sends no GLX events: pbuffer contents are never clobbered and swaps complete at once. */
void glXSelectEvent(Display *dpy, GLXDrawable draw, unsigned long mask)
{
    (void)dpy;
    (void)draw;
    (void)mask;
}

void glXGetSelectedEvent(Display *dpy, GLXDrawable draw, unsigned long *mask)
{
    (void)dpy;
    (void)draw;
    *mask = 0;
}

void glXSelectEventSGIX(Display *dpy, GLXDrawable draw, unsigned long mask)
{
    glXSelectEvent(dpy, draw, mask);
}

void glXGetSelectedEventSGIX(Display *dpy, GLXDrawable draw, unsigned long *mask)
{
    glXGetSelectedEvent(dpy, draw, mask);
}

void glXUseXFont(Font font, int first, int count, int list_base)
{
    (void)font;
    log_error("glXUseXFont(first %d, count %d, lists %d): not supported by glcr yet; the lists stay empty",
              first, count, list_base);
}

/* ---- swap control: recorded; a virtual display has no vertical retrace to wait for --- */

void glXSwapIntervalEXT(Display *dpy, GLXDrawable drawable, int interval)
{
    (void)dpy;
    (void)drawable;
    swap_interval = interval;
}

int glXSwapIntervalMESA(unsigned int interval)
{
    swap_interval = (int)interval;
    return 0;
}

int glXGetSwapIntervalMESA(void)
{
    return swap_interval;
}

int glXSwapIntervalSGI(int interval)
{
    if (interval <= 0)
        return GLX_BAD_VALUE;
    swap_interval = interval;
    return 0;
}

/* ---- procedure addresses ----------------------------------------------------------------- */

__GLXextFuncPtr glXGetProcAddressARB(const GLubyte *name)
{
    const char *n = (const char *)name;
    if (!n)
        return NULL;
    if (n[0] == 'g' && n[1] == 'l' && n[2] == 'X')
        return glcr_glx_proc(n);
    return glcr_gl_proc(n);
}

__GLXextFuncPtr glXGetProcAddress(const GLubyte *name)
{
    return glXGetProcAddressARB(name);
}
