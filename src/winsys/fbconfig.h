/* Synthesized GLX framebuffer configurations. The driver half has no window system, so
 * glcr invents the configs GLX apps choose from and pairs each with an X visual of the
 * virtual display. Drawables are then textures + FBOs with matching formats. */
#ifndef GLCR_WINSYS_FBCONFIG_H
#define GLCR_WINSYS_FBCONFIG_H

#include <stdbool.h>

#include "glcr_glx.h"

/* What every config can draw to, and the largest pbuffer (the driver's texture limit). */
#define GLCR_DRAWABLE_TYPES (GLX_WINDOW_BIT | GLX_PIXMAP_BIT | GLX_PBUFFER_BIT)
#define GLCR_MAX_PBUFFER_SIZE 16384
/* What Mesa offers on X: 4 samples per pixel, or none. */
#define GLCR_CONFIG_SAMPLES 4

struct glcr_fbconfig {
    int id;                    /* GLX_FBCONFIG_ID, 1-based */
    int red, green, blue, alpha, depth, stencil;
    int samples;               /* 0, or the samples per pixel of a multisample config */
    bool double_buffer;
    VisualID visual;           /* X visual on the app's display */
    int visual_depth;
};

/* The configs for a display/screen (built on first use). */
int glcr_fbconfigs(Display *dpy, int screen, const struct glcr_fbconfig **out);
const struct glcr_fbconfig *glcr_fbconfig_by_id(int id);
/* Configs matching a GLX attribute list, best first (glXChooseFBConfig rules);
 * `legacy_list` for glXChooseVisual's boolean-style list. Returns count; *out malloc'ed. */
int glcr_fbconfig_choose(Display *dpy, int screen, const int *attribs, bool legacy_list,
                         const struct glcr_fbconfig ***out);
/* The single-buffered config with c's other attributes (c itself if single-buffered): what
 * a pixmap drawable of an EGL config, which are all double-buffered, renders with. */
const struct glcr_fbconfig *glcr_fbconfig_single_buffered(const struct glcr_fbconfig *c);
/* The value of a GLX attribute; false if unknown. */
bool glcr_fbconfig_attrib(const struct glcr_fbconfig *c, int attrib, int *value);
/* XVisualInfo for a config (caller XFree()s it, as with real GLX). */
XVisualInfo *glcr_fbconfig_visual_info(Display *dpy, const struct glcr_fbconfig *c);
/* The config glXChooseVisual or glXGetVisualFromFBConfig answered vi for (glXCreateContext
 * and glXGetConfig take visuals). */
const struct glcr_fbconfig *glcr_fbconfig_for_visual(Display *dpy, const XVisualInfo *vi);
void glcr_fbconfig_remember_visual(const struct glcr_fbconfig *c, const XVisualInfo *vi);

#endif
