/* GLX drawables and EGL surfaces emulated with textures + FBOs. Each X window the app renders to gets
 * front/back color textures and a depth/stencil texture in the share group of the first
 * context bound to it; each context renders into it through an FBO of its own. The app's
 * framebuffer 0 is virtualized: binding 0 binds that FBO. */
#ifndef GLCR_WINSYS_DRAWABLE_H
#define GLCR_WINSYS_DRAWABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "glcr_glx.h"
#include "state/context.h"
#include "winsys/present.h"

enum glcr_drawable_buffer { GLCR_BUF_FRONT, GLCR_BUF_BACK, GLCR_BUF_DEPTH, GLCR_BUF_COUNT };

/* A window is presented through X; a GLX pixmap's front buffer is copied into its X pixmap on
 * glFlush/glFinish/glXWaitGL; a pbuffer has only its textures. Pixmaps and pbuffers keep
 * the size they were made with. */
enum glcr_drawable_kind { GLCR_DRAWABLE_WINDOW, GLCR_DRAWABLE_PIXMAP, GLCR_DRAWABLE_PBUFFER };

struct glcr_drawable_snapshot {
    int width, height;
    bool top_first;               /* rows stored top first (see glcr_drawable.top_first) */
    void *pixels[GLCR_BUF_COUNT]; /* RGBA8 colors, DEPTH24_STENCIL8 or DEPTH24 words; with
                                     samples, as glcr_ms_renderbuffer_read gives them */
};

struct glcr_drawable {
    XID xid;                         /* the X window, or an id glcr allocated (pixmap, pbuffer) */
    enum glcr_drawable_kind kind;
    bool largest_pbuffer;            /* GLX_LARGEST_PBUFFER as asked (the size is always granted) */
    bool srgb_encoded;               /* color buffers sRGB-encoded, as Mesa's GLX drawables: set
                                        by GLX before first use (EGL surfaces are linear) */
    bool alpha_padded;               /* single-sample config without alpha: stored with alpha
                                        kept at 1 (alphapad.c) */
    Display *app_dpy;
    const struct glcr_fbconfig *config;
    int width, height;               /* size of the textures */
    bool top_first;                  /* rows stored top first, as Mesa stores window-system
                                        buffers: every FBO on it has GL_FRAMEBUFFER_FLIP_Y_MESA
                                        set, so rasterization matches native windows exactly */
    int window_width, window_height; /* latest size of the X window */
    unsigned generation;             /* bumped whenever the textures change */
    struct glcr_share_group *share;  /* where the textures live; NULL before first bind */
    GLuint tex[GLCR_BUF_COUNT];      /* real names, 0 = none; multisample textures for a
                                        multisample config */
    GLuint resolved;                 /* multisample config: a color buffer's samples resolved,
                                        for X and for the app's reads */
    bool front_used;                 /* the app reads or draws GL_FRONT */
    bool front_in_image;             /* the front buffer's contents are the frame last put
                                        into the window (not copied into tex[FRONT] at the
                                        swap: nobody looked at the front yet) */
    bool front_drawn;                /* the app draws into GL_FRONT: glFlush shows it */
    struct glcr_presenter presenter;
    uint64_t frames;                 /* frames presented */
    struct glcr_drawable_snapshot snap;
    struct glcr_drawable *next;
};

extern struct glcr_drawable *glcr_drawables;

/* The drawable for an X window, created on first use. */
struct glcr_drawable *glcr_drawable_get(Display *dpy, XID xid, const struct glcr_fbconfig *config);
struct glcr_drawable *glcr_drawable_find(XID xid);
/* A pbuffer of width x height; its id comes from the app's X connection (XAllocID), like the
 * ids of real GLX pbuffers, so it never collides with an X resource. */
struct glcr_drawable *glcr_pbuffer_create(Display *dpy, const struct glcr_fbconfig *config, int width,
                                          int height);
/* A GLX pixmap rendering into X pixmap `pixmap`; its id is allocated likewise. */
struct glcr_drawable *glcr_pixmap_create(Display *dpy, const struct glcr_fbconfig *config, Pixmap pixmap);
/* Forgets d and deletes its textures. */
void glcr_drawable_destroy(struct glcr_drawable *d);
/* Brings window_width/window_height up to date with the X server's resize events. */
void glcr_drawable_poll_size(struct glcr_drawable *d);

/* Gives the drawable storage in ctx's share group (first bind, resize). Leaves ctx current. */
bool glcr_drawable_prepare(struct glcr_drawable *d, struct glcr_context *ctx);
/* Binds ctx's FBOs for its drawables where the app has framebuffer 0 bound (ctx current). */
void glcr_bind_default_framebuffers(struct glcr_context *ctx, GLenum target);
/* The attachment that stands for a default-framebuffer buffer (GL_BACK...), 0 if none. */
GLenum glcr_drawable_attachment(struct glcr_drawable *d, GLenum buffer);
/* The same for a buffer the app selects to draw into. */
GLenum glcr_drawable_draw_attachment(struct glcr_drawable *d, GLenum buffer);
/* For a multisample d, ctx current with d its default read framebuffer: resolves the color
 * buffer ctx reads and binds an FBO of ctx on the result as GL_READ_FRAMEBUFFER, so that
 * glReadPixels, glCopyTexImage... see the resolved pixels, as from a native window (the
 * driver refuses reads from a multisample FBO). False if there is nothing to resolve.
 * glcr_bind_default_framebuffers(ctx, GL_READ_FRAMEBUFFER) goes back. */
bool glcr_drawable_read_resolved(struct glcr_context *ctx, struct glcr_drawable *d);
/* Presents the back buffer of d in its window (a single-buffered d: its only buffer). */
void glcr_drawable_swap(struct glcr_drawable *d);
/* eglCopyBuffers: what d's color buffer holds (the back buffer of a double-buffered d) into
 * an X pixmap of d's size, waited for. False with err set otherwise. */
bool glcr_drawable_copy_to_pixmap(struct glcr_drawable *d, Pixmap pixmap, char *err, size_t err_len);
/* Presents the front buffer of d as it is (front-buffer rendering, glFlush). */
void glcr_drawable_show_front(struct glcr_drawable *d);
/* GL_FRAMEBUFFER_SRGB is enabled (ctx current, or none): sRGB-encoded drawables, stored
 * linear until then, get sRGB storage with their contents. Once per process. */
void glcr_drawables_srgb_writes(void);
/* Total frames presented by all drawables. */
uint64_t glcr_frames_presented(void);

void glcr_drawables_forget_context(struct glcr_context *ctx);
/* A share group is gone: its drawables wait for the next context bound to them. */
void glcr_drawables_forget_share(struct glcr_share_group *share);

/* Checkpoint support: read the buffers back (share's private context current), drop every
 * driver object, then re-create storage and contents after the driver reloads. The caller
 * holds glcr_registry_lock. */
bool glcr_drawables_snapshot(struct glcr_share_group *share, char *err, size_t err_len);
void glcr_drawables_drop_driver_objects(void);
bool glcr_drawables_restore(struct glcr_share_group *share, char *err, size_t err_len);

#endif
