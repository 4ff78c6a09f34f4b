#include "winsys/drawable.h"
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "state/multisample.h"
#include "winsys/alphapad.h"
#include "winsys/fbconfig.h"

struct glcr_drawable *glcr_drawables;
static pthread_mutex_t drawables_lock = PTHREAD_MUTEX_INITIALIZER;
/* What the driver offers for storing and reading window contents; known = false after a
 * checkpoint, as the next driver may differ. */
static struct {
    bool known;
    bool pack_invert; /* GL_MESA_pack_invert: glReadPixels can give rows top first */
    bool flip_y;      /* GL_MESA_framebuffer_flip_y: FBOs can store rows top first */
    bool swap_red_blue_on_cpu; /* sRGB storage, always red first: reading RGBA and swapping
                                  red and blue here beats asking the driver for BGRA (llvmpipe:
                                  1280x1024 SRGB8_ALPHA8 0.5 vs 0.9 ms; a GPU converts for free) */
} driver_has;

/* GLCR_WINDOW_ROWS=bottom: store window rows bottom first even where the driver could store
 * them top first, as on drivers without GL_MESA_framebuffer_flip_y (to test that path). */
static bool rows_bottom_first_wanted(void)
{
    const char *rows = getenv("GLCR_WINDOW_ROWS");
    if (rows && strcmp(rows, "bottom") != 0 && strcmp(rows, "top") != 0)
        log_warn("GLCR_WINDOW_ROWS=%s is neither 'top' nor 'bottom': top first where the driver allows", rows);
    return rows && strcmp(rows, "bottom") == 0;
}

/* Private context current. */
static void learn_driver_features(void)
{
    if (driver_has.known)
        return;
    GLint n = 0;
    glcr_driver.GetIntegerv(GL_NUM_EXTENSIONS, &n);
    driver_has.pack_invert = driver_has.flip_y = false;
    const char *renderer = (const char *)glcr_driver.GetString(GL_RENDERER);
    driver_has.swap_red_blue_on_cpu = renderer && strstr(renderer, "llvmpipe");
    for (GLint i = 0; i < n; i++) {
        const char *ext = (const char *)glcr_driver.GetStringi(GL_EXTENSIONS, (GLuint)i);
        if (ext && strcmp(ext, "GL_MESA_pack_invert") == 0)
            driver_has.pack_invert = true;
        if (ext && strcmp(ext, "GL_MESA_framebuffer_flip_y") == 0)
            driver_has.flip_y = glcr_driver.FramebufferParameteri != NULL && !rows_bottom_first_wanted();
    }
    driver_has.known = true;
}

struct glcr_drawable *glcr_drawable_find(XID xid)
{
    pthread_mutex_lock(&drawables_lock);
    struct glcr_drawable *d = glcr_drawables;
    while (d && d->xid != xid)
        d = d->next;
    pthread_mutex_unlock(&drawables_lock);
    return d;
}

static const char *const kind_names[] = {"window", "pixmap", "pbuffer"};

/* `target`: the X drawable presented into (window, pixmap), None for a pbuffer. */
static struct glcr_drawable *add_drawable(Display *dpy, XID xid, enum glcr_drawable_kind kind, Drawable target,
                                          const struct glcr_fbconfig *config, int width, int height)
{
    struct glcr_drawable *d = calloc(1, sizeof *d);
    if (!d) {
        log_error("out of memory for drawable 0x%lx", xid);
        return NULL;
    }
    d->xid = xid;
    d->kind = kind;
    d->app_dpy = dpy;
    d->config = config;
    d->alpha_padded = !config->alpha && !config->samples;
    d->window_width = width;
    d->window_height = height;
    if (target && !glcr_presenter_init(&d->presenter, dpy, target, kind == GLCR_DRAWABLE_PIXMAP)) {
        free(d);
        return NULL;
    }
    pthread_mutex_lock(&drawables_lock);
    d->next = glcr_drawables;
    glcr_drawables = d;
    pthread_mutex_unlock(&drawables_lock);
    log_debug("%s 0x%lx: %dx%d, config %d", kind_names[kind], xid, width, height, config->id);
    return d;
}

struct glcr_drawable *glcr_drawable_get(Display *dpy, XID xid, const struct glcr_fbconfig *config)
{
    struct glcr_drawable *d = glcr_drawable_find(xid);
    if (d)
        return d;
    int w, h;
    /* The app may not have flushed the request that created the window yet; glcr looks at
     * it over another connection. */
    XSync(dpy, False);
    if (!glcr_window_size(dpy, xid, &w, &h)) {
        log_error("drawable 0x%lx is not an X window glcr can render to", xid);
        return NULL;
    }
    return add_drawable(dpy, xid, GLCR_DRAWABLE_WINDOW, xid, config, w, h);
}

static XID alloc_id(Display *dpy)
{
    XID id = XAllocID(dpy);
    /* Xlib fetches its next id when a request follows; without one, a second XAllocID
     * (the app's or glcr's) would abort. */
    XNoOp(dpy);
    return id;
}

struct glcr_drawable *glcr_pbuffer_create(Display *dpy, const struct glcr_fbconfig *config, int width,
                                          int height)
{
    return add_drawable(dpy, alloc_id(dpy), GLCR_DRAWABLE_PBUFFER, None, config, width, height);
}

struct glcr_drawable *glcr_pixmap_create(Display *dpy, const struct glcr_fbconfig *config, Pixmap pixmap)
{
    int w, h;
    XSync(dpy, False); /* glcr looks at the pixmap over its own connection */
    if (!glcr_window_size(dpy, pixmap, &w, &h)) {
        log_error("0x%lx is not an X pixmap", pixmap);
        return NULL;
    }
    return add_drawable(dpy, alloc_id(dpy), GLCR_DRAWABLE_PIXMAP, pixmap, config, w, h);
}

static void on_configure(Window window, int width, int height)
{
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next)
        if (d->xid == window) {
            d->window_width = width;
            d->window_height = height;
        }
}

void glcr_drawable_poll_size(struct glcr_drawable *d)
{
    (void)d; /* every drawable's size comes from the same event stream */
    glcr_x_poll(on_configure);
}

/* Set once GL_FRAMEBUFFER_SRGB was enabled anywhere in the process. */
static bool srgb_writes_seen;

/* sRGB storage makes GL_FRAMEBUFFER_SRGB encode what the app draws into a GLX drawable, as
 * natively. Until the app enables it the bytes are the same in linear storage, which the
 * driver can lay out as X wants them (below); glcr's own reads and uploads never convert. A
 * multisample drawable is presented through a resolve anyway: it is sRGB from the start. */
static bool srgb_stored(const struct glcr_drawable *d)
{
    return d->srgb_encoded && (d->config->samples || __atomic_load_n(&srgb_writes_seen, __ATOMIC_RELAXED));
}

/* Linear single-sample color is unsized GL_RGBA allocated from GL_BGRA pixels: the driver
 * then picks X's byte order where it can (llvmpipe: reading a 1280x1024 frame for X is a
 * 0.16 ms copy instead of a 1.4 ms conversion from RGBX, or 0.5 ms with red and blue
 * swapped on the CPU). Alpha-less single-sample configs store alpha too (alpha_padded). */
static GLenum color_format(const struct glcr_drawable *d)
{
    if (srgb_stored(d))
        return d->config->alpha || !d->config->samples ? GL_SRGB8_ALPHA8 : GL_SRGB8;
    if (d->config->samples)
        return d->config->alpha ? GL_RGBA8 : GL_RGB8;
    return GL_RGBA;
}

/* What a multisample drawable's samples resolve into: read like a single-sample buffer. */
static GLenum resolved_format(const struct glcr_drawable *d)
{
    return srgb_stored(d) ? GL_SRGB8_ALPHA8 : GL_RGBA;
}

static GLenum depth_format(const struct glcr_drawable *d)
{
    return d->config->stencil ? GL_DEPTH24_STENCIL8 : GL_DEPTH_COMPONENT24;
}

static GLenum texture_target(const struct glcr_drawable *d)
{
    return d->config->samples ? GL_TEXTURE_2D_MULTISAMPLE : GL_TEXTURE_2D;
}

/* A single-sample texture of internal `format` (private context current). */
static void alloc_plain_texture(GLuint *tex, GLenum format, int width, int height, GLenum pixel_format,
                                GLenum type, const void *pixels)
{
    if (!*tex)
        glcr_driver.GenTextures(1, tex);
    glcr_driver.BindTexture(GL_TEXTURE_2D, *tex);
    glcr_driver.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glcr_driver.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glcr_driver.TexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 0);
    glcr_driver.TexImage2D(GL_TEXTURE_2D, 0, (GLint)format, width, height, 0, pixel_format, type, pixels);
    glcr_driver.BindTexture(GL_TEXTURE_2D, 0);
}

static void attach_private(struct glcr_drawable *d, GLenum fb_target, GLenum tex_target, GLuint tex);

/* A single-sample color buffer (private context current), laid out as color_format says,
 * holding `pixels` (RGBA), or nothing yet: then an alpha-padded one gets its alpha of 1. */
static void alloc_color_texture(struct glcr_drawable *d, GLuint *tex, GLenum format, const void *pixels)
{
    alloc_plain_texture(tex, format, d->width, d->height, GL_BGRA, GL_UNSIGNED_BYTE, NULL);
    if (pixels) {
        glcr_driver.BindTexture(GL_TEXTURE_2D, *tex);
        glcr_driver.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, d->width, d->height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
        glcr_driver.BindTexture(GL_TEXTURE_2D, 0);
    } else if (d->alpha_padded) {
        static const GLfloat opaque_black[4] = {0, 0, 0, 1};
        attach_private(d, GL_DRAW_FRAMEBUFFER, GL_TEXTURE_2D, *tex);
        glcr_driver.ClearBufferfv(GL_COLOR, 0, opaque_black);
    }
}

/* Allocates one buffer of the drawable (private context current); a multisample one gets
 * no contents here (glcr_drawables_restore writes its samples afterwards). */
static void alloc_texture(struct glcr_drawable *d, int buf, const void *pixels)
{
    bool depth = buf == GLCR_BUF_DEPTH;
    GLenum format = depth ? depth_format(d) : color_format(d);
    if (d->config->samples) {
        if (!d->tex[buf])
            glcr_driver.GenTextures(1, &d->tex[buf]);
        glcr_driver.BindTexture(GL_TEXTURE_2D_MULTISAMPLE, d->tex[buf]);
        glcr_driver.TexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, d->config->samples, format, d->width,
                                          d->height, GL_TRUE);
        glcr_driver.BindTexture(GL_TEXTURE_2D_MULTISAMPLE, 0);
    } else if (depth) {
        alloc_plain_texture(&d->tex[buf], format, d->width, d->height,
                            d->config->stencil ? GL_DEPTH_STENCIL : GL_DEPTH_COMPONENT,
                            d->config->stencil ? GL_UNSIGNED_INT_24_8 : GL_UNSIGNED_INT, pixels);
    } else {
        alloc_color_texture(d, &d->tex[buf], format, pixels);
    }
}

static bool has_buffer(const struct glcr_drawable *d, int buf)
{
    if (buf == GLCR_BUF_BACK)
        return d->config->double_buffer;
    if (buf == GLCR_BUF_DEPTH)
        return d->config->depth > 0;
    return true;
}

/* (Re)allocates storage at the window's size. Share group's private context current. */
static void alloc_storage(struct glcr_drawable *d, const struct glcr_drawable_snapshot *contents)
{
    learn_driver_features();
    d->top_first = driver_has.flip_y;
    d->width = d->window_width > 0 ? d->window_width : 1;
    d->height = d->window_height > 0 ? d->window_height : 1;
    for (int buf = 0; buf < GLCR_BUF_COUNT; buf++)
        if (has_buffer(d, buf))
            alloc_texture(d, buf, contents ? contents->pixels[buf] : NULL);
    /* What a multisample window shows and what reads from it see: its samples resolved. */
    if (d->config->samples)
        alloc_plain_texture(&d->resolved, resolved_format(d), d->width, d->height, GL_BGRA, GL_UNSIGNED_BYTE, NULL);
    d->generation++;
}

/* Runs fn with the share group's private context current, then restores `back`. */
static bool with_private(struct glcr_share_group *share, struct glcr_context *back,
                         void (*fn)(struct glcr_drawable *, void *), struct glcr_drawable *d, void *arg)
{
    pthread_mutex_lock(&share->lock);
    bool ok = glcr_share_private_current(share);
    if (ok)
        fn(d, arg);
    glcr_egl_make_current(back ? back->egl : EGL_NO_CONTEXT);
    pthread_mutex_unlock(&share->lock);
    return ok;
}

static void prepare_storage(struct glcr_drawable *d, void *arg)
{
    (void)arg;
    alloc_storage(d, NULL);
}

bool glcr_drawable_prepare(struct glcr_drawable *d, struct glcr_context *ctx)
{
    glcr_x_poll(on_configure);
    /* Its textures are usable from every context (they all share with glcr's root context):
     * the share group named here only says whose private context presents and saves it. */
    bool has_storage = d->tex[GLCR_BUF_FRONT] != 0;
    d->share = ctx->share;
    if (has_storage && d->width == d->window_width && d->height == d->window_height)
        return true;
    return with_private(ctx->share, ctx, prepare_storage, d, NULL);
}

void glcr_drawables_forget_share(struct glcr_share_group *share)
{
    pthread_mutex_lock(&drawables_lock);
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next)
        if (d->share == share)
            d->share = NULL;
    pthread_mutex_unlock(&drawables_lock);
}

/* Private context current: the frame last put into the window (rows top first, as X wants
 * them) becomes the front buffer's contents. */
static void front_from_image(struct glcr_drawable *d, void *arg)
{
    (void)arg;
    const unsigned char *image = glcr_presenter_buffer(&d->presenter, d->width, d->height);
    if (!image)
        return;
    size_t stride = (size_t)d->width * 4;
    glcr_driver.BindTexture(GL_TEXTURE_2D, d->tex[GLCR_BUF_FRONT]);
    if (d->top_first)
        glcr_driver.TexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, d->width, d->height, GL_BGRA, GL_UNSIGNED_BYTE, image);
    else
        for (int y = 0; y < d->height; y++)
            glcr_driver.TexSubImage2D(GL_TEXTURE_2D, 0, 0, d->height - 1 - y, d->width, 1, GL_BGRA,
                                      GL_UNSIGNED_BYTE, image + (size_t)y * stride);
    glcr_driver.BindTexture(GL_TEXTURE_2D, 0);
    glcr_driver.Finish(); /* the app's context reads it next */
    d->front_in_image = false;
}

/* The app looks at the front buffer for the first time: after a swap that left it in the
 * window's image only, it gets the frame swapped there, as GLX promises. */
static void bring_front_up_to_date(struct glcr_drawable *d)
{
    if (d->front_in_image && d->share)
        with_private(d->share, glcr_current(), front_from_image, d, NULL);
}

/* The buffer drawn by default sits at attachment 0 (the back buffer, or the front buffer of a
 * single-buffered config): OpenGL ES requires glDrawBuffers' i-th entry to be attachment i,
 * so only attachment 0 receives fragment output 0 in every API. */
GLenum glcr_drawable_attachment(struct glcr_drawable *d, GLenum buffer)
{
    switch (buffer) {
    case GL_NONE:
        return GL_NONE;
    case GL_BACK: case GL_BACK_LEFT: case GL_LEFT:
        return GL_COLOR_ATTACHMENT0;
    case GL_FRONT: case GL_FRONT_LEFT:
        if (!d->config->double_buffer)
            return GL_COLOR_ATTACHMENT0;
        if (!d->front_used) {
            d->front_used = true;
            bring_front_up_to_date(d);
        }
        return GL_COLOR_ATTACHMENT1;
    default:
        return 0;
    }
}

GLenum glcr_drawable_draw_attachment(struct glcr_drawable *d, GLenum buffer)
{
    GLenum att = glcr_drawable_attachment(d, buffer);
    if (att == GL_COLOR_ATTACHMENT1)
        d->front_drawn = true;
    return att;
}

/* ctx's slot for d, taken on first use (ctx current). */
static struct glcr_ctx_fbo *context_slot(struct glcr_context *ctx, struct glcr_drawable *d)
{
    struct glcr_ctx_fbo *slot = NULL, *empty = NULL;
    for (int i = 0; i < GLCR_CTX_FBOS; i++) {
        if (ctx->fbos[i].drawable == d)
            slot = &ctx->fbos[i];
        else if (!ctx->fbos[i].drawable && !empty)
            empty = &ctx->fbos[i];
    }
    if (slot)
        return slot;
    if (!empty) {
        empty = &ctx->fbos[0]; /* recycle the oldest slot */
        glcr_driver.DeleteFramebuffers(1, &empty->fbo);
        glcr_driver.DeleteFramebuffers(1, &empty->resolved_fbo); /* 0 is skipped */
    }
    *empty = (struct glcr_ctx_fbo){.drawable = d};
    return empty;
}

/* Every FBO standing for a drawable stores rows as the drawable does (ctx current, the FBO
 * bound to `target`). Not glFramebufferParameteriMESA: Mesa 22 refuses it in desktop
 * contexts. */
static void store_rows_like(const struct glcr_drawable *d, GLenum target)
{
    if (d->top_first)
        glcr_driver.FramebufferParameteri(target, GL_FRAMEBUFFER_FLIP_Y_MESA, GL_TRUE);
}

/* ctx's FBO for d, created or re-attached as needed (ctx current). */
static GLuint context_fbo(struct glcr_context *ctx, struct glcr_drawable *d)
{
    struct glcr_ctx_fbo *slot = context_slot(ctx, d);
    if (!slot->fbo)
        glcr_driver.GenFramebuffers(1, &slot->fbo);
    if (slot->generation != d->generation) {
        glcr_driver.BindFramebuffer(GL_FRAMEBUFFER, slot->fbo);
        /* Color detached first: attaching a texture attached already would keep the format
         * Mesa knew of its storage, which glcr_drawables_srgb_writes changes. */
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, 0, 0);
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_2D, 0, 0);
        bool db = d->config->double_buffer;
        GLenum target = texture_target(d);
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, target,
                                         d->tex[db ? GLCR_BUF_BACK : GLCR_BUF_FRONT], 0);
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, target,
                                         db ? d->tex[GLCR_BUF_FRONT] : 0, 0);
        glcr_driver.FramebufferTexture2D(GL_FRAMEBUFFER,
                                         d->config->stencil ? GL_DEPTH_STENCIL_ATTACHMENT
                                                            : GL_DEPTH_ATTACHMENT,
                                         target, d->tex[GLCR_BUF_DEPTH], 0);
        store_rows_like(d, GL_FRAMEBUFFER);
        slot->generation = d->generation;
    }
    return slot->fbo;
}

void glcr_bind_default_framebuffers(struct glcr_context *ctx, GLenum target)
{
    bool draw = target == GL_FRAMEBUFFER || target == GL_DRAW_FRAMEBUFFER;
    bool read = target == GL_FRAMEBUFFER || target == GL_READ_FRAMEBUFFER;
    if (draw && ctx->app_draw_fbo == 0 && ctx->draw) {
        GLuint fbo = context_fbo(ctx, ctx->draw);
        glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo);
        /* glDrawBuffers: OpenGL ES has no glDrawBuffer. */
        GLenum att = glcr_drawable_draw_attachment(ctx->draw, ctx->default_draw_buffer);
        glcr_driver.DrawBuffers(1, &att);
    }
    if (read && ctx->app_read_fbo == 0 && ctx->read) {
        GLuint fbo = context_fbo(ctx, ctx->read);
        glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
        glcr_driver.ReadBuffer(glcr_drawable_attachment(ctx->read, ctx->default_read_buffer));
    }
    /* context_fbo may have bound an FBO to GL_FRAMEBUFFER: put the app's bindings back. */
    if (ctx->app_draw_fbo)
        glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, glcr_name_real(GLCR_OBJ_FRAMEBUFFER, ctx->app_draw_fbo));
    if (ctx->app_read_fbo)
        glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, glcr_name_real(GLCR_OBJ_FRAMEBUFFER, ctx->app_read_fbo));
    if (draw)
        glcr_alpha_pad_update(ctx);
}

static void flip_rows(unsigned char *pixels, size_t stride, int height)
{
    unsigned char row[16384];
    for (int y = 0; y < height / 2; y++) {
        unsigned char *a = pixels + (size_t)y * stride, *b = pixels + (size_t)(height - 1 - y) * stride;
        for (size_t off = 0; off < stride; off += sizeof row) {
            size_t n = stride - off < sizeof row ? stride - off : sizeof row;
            memcpy(row, a + off, n);
            memcpy(a + off, b + off, n);
            memcpy(b + off, row, n);
        }
    }
}

/* Private context current: `tex` (of `tex_target`) as the only color buffer of the private
 * read or draw framebuffer. */
static void attach_private(struct glcr_drawable *d, GLenum fb_target, GLenum tex_target, GLuint tex)
{
    bool read = fb_target == GL_READ_FRAMEBUFFER;
    glcr_driver.BindFramebuffer(fb_target, d->share->private_fbo[read ? 0 : 1]);
    glcr_driver.FramebufferTexture2D(fb_target, GL_COLOR_ATTACHMENT0, tex_target, tex, 0);
    if (read)
        glcr_driver.ReadBuffer(GL_COLOR_ATTACHMENT0);
    else
        glcr_driver.DrawBuffer(GL_COLOR_ATTACHMENT0);
}

/* Private context current: color buffer `buf` blitted into dst of the same size. Between two
 * multisample buffers that copies the samples; into a single-sample one it resolves them, in
 * the stored encoding (GL_FRAMEBUFFER_SRGB stays off here), as Mesa resolves a window. */
static void copy_color(struct glcr_drawable *d, int buf, GLenum dst_target, GLuint dst)
{
    attach_private(d, GL_READ_FRAMEBUFFER, texture_target(d), d->tex[buf]);
    attach_private(d, GL_DRAW_FRAMEBUFFER, dst_target, dst);
    glcr_driver.BlitFramebuffer(0, 0, d->width, d->height, 0, 0, d->width, d->height, GL_COLOR_BUFFER_BIT,
                                GL_NEAREST);
}

/* Private context current: the single-sample texture holding what color buffer `buf` shows:
 * the buffer itself, or its samples resolved. */
static GLuint shown_pixels(struct glcr_drawable *d, int buf)
{
    if (!d->config->samples)
        return d->tex[buf];
    copy_color(d, buf, GL_TEXTURE_2D, d->resolved);
    return d->resolved;
}

/* RGBA pixels into BGRA, in place, 4 pixels per step in vector registers. */
static void swap_red_blue(void *pixels, size_t count)
{
    typedef uint32_t quad __attribute__((vector_size(16)));
    unsigned char *p = pixels;
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        quad v;
        memcpy(&v, p + i * 4, sizeof v);
        v = (v & 0xff00ff00u) | ((v >> 16) & 0xffu) | ((v & 0xffu) << 16);
        memcpy(p + i * 4, &v, sizeof v);
    }
    for (; i < count; i++) {
        uint32_t v;
        memcpy(&v, p + i * 4, sizeof v);
        v = (v & 0xff00ff00u) | ((v >> 16) & 0xffu) | ((v & 0xffu) << 16);
        memcpy(p + i * 4, &v, sizeof v);
    }
}

enum frame_outcome { FRAME_LOST, FRAME_SPOILED, FRAME_OFFSCREEN, FRAME_READ };

/* Reads what the color buffer `buf` of d shows into the image of presenter p (private context
 * current). A swapped frame may be skipped while X is busy; a flushed front buffer never is. */
static enum frame_outcome read_into(struct glcr_drawable *d, int buf, struct glcr_presenter *p, bool may_spoil)
{
    if (may_spoil && !glcr_presenter_ready(p))
        return FRAME_SPOILED;
    glcr_presenter_wait(p);
    void *pixels = glcr_presenter_buffer(p, d->width, d->height);
    if (!pixels)
        return FRAME_LOST;
    attach_private(d, GL_READ_FRAMEBUFFER, GL_TEXTURE_2D, shown_pixels(d, buf));
    /* X wants the top row first. Only this read is inverted: the private context's pack
     * state is otherwise the default, which snapshots rely on. */
    bool invert = !d->top_first && driver_has.pack_invert;
    bool swap = driver_has.swap_red_blue_on_cpu && srgb_stored(d);
    if (invert)
        glcr_driver.PixelStorei(GL_PACK_INVERT_MESA, GL_TRUE);
    glcr_driver.ReadPixels(0, 0, d->width, d->height, swap ? GL_RGBA : GL_BGRA, GL_UNSIGNED_BYTE, pixels);
    if (invert)
        glcr_driver.PixelStorei(GL_PACK_INVERT_MESA, GL_FALSE);
    else if (!d->top_first)
        flip_rows(pixels, (size_t)d->width * 4, d->height);
    if (swap)
        swap_red_blue(pixels, (size_t)d->width * (size_t)d->height);
    return FRAME_READ;
}

static enum frame_outcome read_for_window(struct glcr_drawable *d, int buf, bool may_spoil)
{
    return read_into(d, buf, &d->presenter, may_spoil);
}

/* Private context current: the back buffer is read for X and becomes the front buffer.
 * While nobody looks at the front (GL_FRONT never selected; not a pixmap, whose front is what
 * a flush shows) the frame read for X stands for it, taken from there if the app ever does
 * look; otherwise, and for a frame not read (spoiled, pbuffer, multisample), it is copied. */
static void swap_frame(struct glcr_drawable *d, void *arg)
{
    enum frame_outcome *outcome = arg;
    *outcome = d->kind == GLCR_DRAWABLE_PBUFFER ? FRAME_OFFSCREEN
                                                 : read_for_window(d, GLCR_BUF_BACK, d->kind == GLCR_DRAWABLE_WINDOW);
    d->front_in_image = !d->front_used && d->kind != GLCR_DRAWABLE_PIXMAP && *outcome == FRAME_READ &&
                        !d->config->samples;
    if (!d->front_in_image)
        copy_color(d, GLCR_BUF_BACK, texture_target(d), d->tex[GLCR_BUF_FRONT]);
    /* The window changed size: new storage, shown from the next frame on. */
    if (d->window_width != d->width || d->window_height != d->height) {
        alloc_storage(d, NULL);
        d->front_in_image = false;
    }
}

/* Private context current: d's single-sample color buffers in sRGB storage, contents kept. */
static void store_srgb(struct glcr_drawable *d, void *arg)
{
    (void)arg;
    unsigned char *pixels = malloc((size_t)d->width * (size_t)d->height * 4);
    if (!pixels) {
        log_error("out of memory giving %s 0x%lx sRGB storage: GL_FRAMEBUFFER_SRGB will not encode into it",
                  kind_names[d->kind], d->xid);
        return;
    }
    for (int buf = GLCR_BUF_FRONT; buf <= GLCR_BUF_BACK; buf++)
        if (d->tex[buf]) {
            attach_private(d, GL_READ_FRAMEBUFFER, GL_TEXTURE_2D, d->tex[buf]);
            glcr_driver.ReadPixels(0, 0, d->width, d->height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
            alloc_color_texture(d, &d->tex[buf], color_format(d), pixels);
        }
    free(pixels);
    d->generation++;
}

void glcr_drawables_srgb_writes(void)
{
    if (__atomic_exchange_n(&srgb_writes_seen, true, __ATOMIC_RELAXED))
        return;
    struct glcr_context *ctx = glcr_current();
    if (ctx)
        glcr_driver.Finish(); /* what ctx drew is in the contents kept */
    pthread_mutex_lock(&drawables_lock);
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next)
        if (d->srgb_encoded && !d->config->samples && d->share && (d->tex[GLCR_BUF_FRONT] || d->tex[GLCR_BUF_BACK]))
            with_private(d->share, ctx, store_srgb, d, NULL);
    pthread_mutex_unlock(&drawables_lock);
    /* Other contexts attach the new storage when next bound, as after a resize. */
    if (ctx)
        glcr_bind_default_framebuffers(ctx, GL_FRAMEBUFFER);
    log_debug("GL_FRAMEBUFFER_SRGB enabled: sRGB-encoded drawables now store sRGB");
}

/* Private context current: the samples of color buffer *arg resolved. */
static void resolve_frame(struct glcr_drawable *d, void *arg)
{
    shown_pixels(d, *(const int *)arg);
}

bool glcr_drawable_read_resolved(struct glcr_context *ctx, struct glcr_drawable *d)
{
    if (!d->config->samples || !d->share)
        return false;
    GLenum att = glcr_drawable_attachment(d, ctx->default_read_buffer);
    if (att != GL_COLOR_ATTACHMENT0 && att != GL_COLOR_ATTACHMENT1)
        return false;
    int buf = att == GL_COLOR_ATTACHMENT1 || !d->config->double_buffer ? GLCR_BUF_FRONT : GLCR_BUF_BACK;
    glcr_driver.Finish(); /* the private context reads what ctx drew */
    with_private(d->share, ctx, resolve_frame, d, &buf);
    struct glcr_ctx_fbo *slot = context_slot(ctx, d);
    if (!slot->resolved_fbo)
        glcr_driver.GenFramebuffers(1, &slot->resolved_fbo);
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, slot->resolved_fbo);
    if (slot->resolved_generation != d->generation) {
        glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, d->resolved, 0);
        store_rows_like(d, GL_READ_FRAMEBUFFER);
        slot->resolved_generation = d->generation;
    }
    glcr_driver.ReadBuffer(GL_COLOR_ATTACHMENT0);
    return true;
}

/* Private context current: the front buffer as it is, for X. */
static void front_frame(struct glcr_drawable *d, void *arg)
{
    enum frame_outcome *outcome = arg;
    *outcome = read_for_window(d, GLCR_BUF_FRONT, false);
}

/* Runs a frame function after the current context's rendering is complete (the private
 * context reads textures another context drew into), then puts the image into the window. */
static void present_with(struct glcr_drawable *d, void (*frame)(struct glcr_drawable *, void *), bool wait)
{
    if (!d->share)
        return; /* never bound: nothing rendered */
    struct glcr_context *ctx = glcr_current();
    if (ctx)
        glcr_driver.Finish();
    glcr_x_poll(on_configure);
    enum frame_outcome outcome = FRAME_LOST;
    with_private(d->share, ctx, frame, d, &outcome);
    if (outcome == FRAME_READ)
        glcr_presenter_show(&d->presenter, wait);
    if (outcome != FRAME_LOST)
        __atomic_add_fetch(&d->frames, 1, __ATOMIC_RELAXED);
}

struct pixmap_copy {
    struct glcr_presenter target;
    enum frame_outcome outcome;
};

/* Private context current: the buffer rendered into (the back one, if any) for the pixmap. */
static void pixmap_copy_frame(struct glcr_drawable *d, void *arg)
{
    struct pixmap_copy *copy = arg;
    int buf = d->config->double_buffer ? GLCR_BUF_BACK : GLCR_BUF_FRONT;
    copy->outcome = read_into(d, buf, &copy->target, false);
}

bool glcr_drawable_copy_to_pixmap(struct glcr_drawable *d, Pixmap pixmap, char *err, size_t err_len)
{
    int width, height;
    XSync(d->app_dpy, False); /* glcr looks at the pixmap over its own connection */
    if (!glcr_window_size(d->app_dpy, pixmap, &width, &height)) {
        snprintf(err, err_len, "0x%lx is not an X pixmap", pixmap);
        return false;
    }
    if (d->share && (width != d->width || height != d->height)) {
        snprintf(err, err_len, "pixmap 0x%lx is %dx%d, the surface %dx%d", pixmap, width, height, d->width,
                 d->height);
        return false;
    }
    if (!d->share)
        return true; /* never bound: nothing rendered to copy */
    struct pixmap_copy copy = {.outcome = FRAME_LOST};
    if (!glcr_presenter_init(&copy.target, d->app_dpy, pixmap, true)) {
        snprintf(err, err_len, "no X connection to copy into pixmap 0x%lx", pixmap);
        return false;
    }
    struct glcr_context *ctx = glcr_current();
    if (ctx)
        glcr_driver.Finish();
    with_private(d->share, ctx, pixmap_copy_frame, d, &copy);
    if (copy.outcome == FRAME_READ)
        glcr_presenter_show(&copy.target, true);
    glcr_presenter_fini(&copy.target);
    if (copy.outcome != FRAME_READ)
        snprintf(err, err_len, "cannot read the surface for pixmap 0x%lx", pixmap);
    return copy.outcome == FRAME_READ;
}

void glcr_drawable_swap(struct glcr_drawable *d)
{
    /* A pixmap's contents are X's to read right after the swap, as after a flush. */
    present_with(d, swap_frame, d->kind == GLCR_DRAWABLE_PIXMAP);
}

void glcr_drawable_show_front(struct glcr_drawable *d)
{
    present_with(d, front_frame, true);
}

uint64_t glcr_frames_presented(void)
{
    uint64_t total = 0;
    pthread_mutex_lock(&drawables_lock);
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next)
        total += __atomic_load_n(&d->frames, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&drawables_lock);
    return total;
}

void glcr_drawables_forget_context(struct glcr_context *ctx)
{
    memset(ctx->fbos, 0, sizeof ctx->fbos);
}

static void delete_textures(struct glcr_drawable *d, void *arg)
{
    (void)arg;
    glcr_driver.DeleteTextures(GLCR_BUF_COUNT, d->tex); /* 0 names are skipped */
    glcr_driver.DeleteTextures(1, &d->resolved);
}

void glcr_drawable_destroy(struct glcr_drawable *d)
{
    pthread_mutex_lock(&drawables_lock);
    for (struct glcr_drawable **p = &glcr_drawables; *p; p = &(*p)->next)
        if (*p == d) {
            *p = d->next;
            break;
        }
    pthread_mutex_unlock(&drawables_lock);
    pthread_mutex_lock(&glcr_registry_lock);
    for (struct glcr_context *c = glcr_contexts; c; c = c->next) {
        for (int i = 0; i < GLCR_CTX_FBOS; i++)
            if (c->fbos[i].drawable == d)
                c->fbos[i].drawable = NULL; /* the FBO goes with the context */
        if (c->draw == d)
            c->draw = NULL;
        if (c->read == d)
            c->read = NULL;
    }
    pthread_mutex_unlock(&glcr_registry_lock);
    if (d->kind != GLCR_DRAWABLE_PBUFFER)
        glcr_presenter_fini(&d->presenter);
    if (d->share && d->tex[GLCR_BUF_FRONT])
        with_private(d->share, glcr_current(), delete_textures, d, NULL);
    for (int i = 0; i < GLCR_BUF_COUNT; i++)
        free(d->snap.pixels[i]);
    free(d);
}

/* ---- checkpoint support ---------------------------------------------------------------- */

/* Bytes of saved buffer `buf`: 4 per pixel, or with samples as multisample.c lays them out. */
static size_t buffer_bytes(const struct glcr_drawable *d, int buf)
{
    size_t pixels = (size_t)d->snap.width * (size_t)d->snap.height;
    if (!d->config->samples)
        return pixels * 4;
    size_t per_sample = buf == GLCR_BUF_DEPTH && d->config->stencil ? 5 : 4;
    return pixels * (size_t)d->config->samples * per_sample;
}

/* A multisample buffer of d as multisample.c reads and writes it, at the saved size. */
static struct glcr_ms_renderbuffer ms_buffer(const struct glcr_drawable *d, int buf, char *what, size_t what_len)
{
    static const char *const buffer_names[] = {"front", "back", "depth"};
    bool depth = buf == GLCR_BUF_DEPTH;
    snprintf(what, what_len, "%s 0x%lx %s buffer", kind_names[d->kind], d->xid, buffer_names[buf]);
    return (struct glcr_ms_renderbuffer){
        .what = what, .texture = d->tex[buf], .internal = depth ? depth_format(d) : color_format(d),
        .format = GL_RGBA, .type = GL_UNSIGNED_BYTE,
        .buffers = !depth ? GL_COLOR_BUFFER_BIT
                          : GL_DEPTH_BUFFER_BIT | (d->config->stencil ? GL_STENCIL_BUFFER_BIT : 0),
        .width = d->snap.width, .height = d->snap.height, .samples = d->config->samples};
}

/* Private context current: buffer `buf` of d into p. */
static bool save_buffer(struct glcr_drawable *d, int buf, void *p, char *err, size_t err_len)
{
    if (d->config->samples) {
        char what[64];
        struct glcr_ms_renderbuffer rb = ms_buffer(d, buf, what, sizeof what);
        return glcr_ms_renderbuffer_read(&rb, p, err, err_len);
    }
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, d->share->private_fbo[0]);
    if (buf == GLCR_BUF_DEPTH) {
        GLenum att = d->config->stencil ? GL_DEPTH_STENCIL_ATTACHMENT : GL_DEPTH_ATTACHMENT;
        glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, 0, 0);
        glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, att, GL_TEXTURE_2D, d->tex[buf], 0);
        glcr_driver.ReadPixels(0, 0, d->width, d->height, d->config->stencil ? GL_DEPTH_STENCIL : GL_DEPTH_COMPONENT,
                               d->config->stencil ? GL_UNSIGNED_INT_24_8 : GL_UNSIGNED_INT, p);
        glcr_driver.FramebufferTexture2D(GL_READ_FRAMEBUFFER, att, GL_TEXTURE_2D, 0, 0);
    } else {
        attach_private(d, GL_READ_FRAMEBUFFER, GL_TEXTURE_2D, d->tex[buf]);
        glcr_driver.ReadPixels(0, 0, d->width, d->height, GL_RGBA, GL_UNSIGNED_BYTE, p);
    }
    return true;
}

bool glcr_drawables_snapshot(struct glcr_share_group *share, char *err, size_t err_len)
{
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next) {
        if (d->share != share)
            continue;
        d->snap.width = d->width;
        d->snap.height = d->height;
        d->snap.top_first = d->top_first;
        if (d->front_in_image)
            front_from_image(d, NULL);
        for (int buf = 0; buf < GLCR_BUF_COUNT; buf++) {
            free(d->snap.pixels[buf]);
            d->snap.pixels[buf] = NULL;
            if (!d->tex[buf])
                continue;
            d->snap.pixels[buf] = malloc(buffer_bytes(d, buf));
            if (!d->snap.pixels[buf]) {
                snprintf(err, err_len, "out of memory reading back %s 0x%lx", kind_names[d->kind], d->xid);
                return false;
            }
            if (!save_buffer(d, buf, d->snap.pixels[buf], err, err_len))
                return false;
        }
    }
    driver_has.known = false; /* the next driver may differ */
    return true;
}

void glcr_drawables_drop_driver_objects(void)
{
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next) {
        memset(d->tex, 0, sizeof d->tex);
        d->resolved = 0;
    }
    for (struct glcr_context *c = glcr_contexts; c; c = c->next)
        memset(c->fbos, 0, sizeof c->fbos);
}

/* Saved buffer `buf` turned upside down, for a driver that stores rows the other way up
 * than the one that saved it (row by row of each plane: samples stay in their row). */
static void turn_over(struct glcr_drawable *d, int buf)
{
    unsigned char *p = d->snap.pixels[buf];
    size_t row_samples = (size_t)d->snap.width * (size_t)(d->config->samples ? d->config->samples : 1);
    flip_rows(p, row_samples * 4, d->snap.height);
    if (d->config->samples && buf == GLCR_BUF_DEPTH && d->config->stencil)
        flip_rows(p + row_samples * 4 * (size_t)d->snap.height, row_samples, d->snap.height);
}

bool glcr_drawables_restore(struct glcr_share_group *share, char *err, size_t err_len)
{
    bool ok = true;
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next) {
        if (d->share != share)
            continue;
        d->window_width = d->snap.width;
        d->window_height = d->snap.height;
        learn_driver_features();
        for (int buf = 0; buf < GLCR_BUF_COUNT; buf++)
            if (d->snap.pixels[buf] && d->snap.top_first != driver_has.flip_y)
                turn_over(d, buf);
        alloc_storage(d, &d->snap);
        for (int buf = 0; buf < GLCR_BUF_COUNT; buf++) {
            if (ok && d->config->samples && d->snap.pixels[buf]) {
                char what[64];
                struct glcr_ms_renderbuffer rb = ms_buffer(d, buf, what, sizeof what);
                ok = glcr_ms_renderbuffer_write(&rb, d->snap.pixels[buf], err, err_len);
            }
            free(d->snap.pixels[buf]);
            d->snap.pixels[buf] = NULL;
        }
    }
    return ok;
}

static size_t drawable_bytes(const struct glcr_share_group *share)
{
    size_t total = 0;
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next)
        if (d->share == share)
            for (int buf = 0; buf < GLCR_BUF_COUNT; buf++)
                if (d->snap.pixels[buf])
                    total += buffer_bytes(d, buf);
    return total;
}

/* The read-back is let go unused when the same driver goes on after a checkpoint. */
static void free_drawable_snapshots(struct glcr_share_group *share)
{
    for (struct glcr_drawable *d = glcr_drawables; d; d = d->next) {
        if (d->share != share)
            continue;
        for (int buf = 0; buf < GLCR_BUF_COUNT; buf++) {
            free(d->snap.pixels[buf]);
            d->snap.pixels[buf] = NULL;
        }
    }
}

const struct glcr_tracker glcr_tracker_drawables = {
    .name = "window contents",
    .save_share = glcr_drawables_snapshot,
    .restore_share = glcr_drawables_restore,
    .free_share = free_drawable_snapshots,
    .bytes_share = drawable_bytes,
};
