#include "winsys/fbconfig.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

#define MAX_CONFIGS 32
#define MAX_REMEMBERED 16
#define DONT_CARE ((int)GLX_DONT_CARE)

static struct glcr_fbconfig configs[MAX_CONFIGS];
static int config_count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* The configs glXChooseVisual/glXGetVisualFromFBConfig answered for lately, and with which
 * XVisualInfo: where configs share a visual (an X server without many), the pointer the app
 * passes back to glXCreateContext still tells which one it chose. */
static struct remembered_visual {
    const XVisualInfo *vi;
    const struct glcr_fbconfig *config;
} remembered[MAX_REMEMBERED];
static unsigned remembered_next;

/* The screen's TrueColor visuals of `depth` with 8 bits per channel in X's usual order, the
 * default visual first; at most `max`. */
static int find_visuals(Display *dpy, int screen, int depth, VisualID *out, int max)
{
    XVisualInfo tmpl = {.screen = screen, .depth = depth, .class = TrueColor};
    int n = 0, found = 0;
    XVisualInfo *vi = XGetVisualInfo(dpy, VisualScreenMask | VisualDepthMask | VisualClassMask, &tmpl, &n);
    VisualID preferred = XVisualIDFromVisual(DefaultVisual(dpy, screen));
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n && found < max; i++) {
            bool usable = vi[i].bits_per_rgb == 8 && vi[i].red_mask == 0xff0000 && vi[i].blue_mask == 0xff;
            if (usable && (vi[i].visualid == preferred) == (pass == 0))
                out[found++] = vi[i].visualid;
        }
    if (vi)
        XFree(vi);
    return found;
}

/* Every config gets an X visual of its own where the server has enough (Xvfb with its GLX
 * extension has hundreds, as Mesa's GLX pairs them): a visual then names one config, as
 * natively, for apps that choose a visual and create the context from it later
 * (glXChooseVisual + glXCreateContext). Otherwise configs share visuals. */
static void build(Display *dpy, int screen)
{
    static const struct { int depth, stencil; } ds[] = {{24, 8}, {24, 0}, {0, 0}};
    VisualID rgb[MAX_CONFIGS], rgba[MAX_CONFIGS];
    int rgb_count = find_visuals(dpy, screen, 24, rgb, MAX_CONFIGS);
    int rgba_count = find_visuals(dpy, screen, 32, rgba, MAX_CONFIGS);
    if (!rgb_count) {
        log_error("the X display has no 24-bit TrueColor visual; GLX is not available");
        return;
    }
    int next_rgb = 0, next_rgba = 0;
    for (int samples = 0; samples <= GLCR_CONFIG_SAMPLES; samples += GLCR_CONFIG_SAMPLES)
        for (int db = 1; db >= 0; db--)
            for (size_t d = 0; d < sizeof ds / sizeof *ds; d++)
                for (int alpha = 0; alpha <= 8; alpha += 8) {
                    bool argb = alpha && rgba_count;
                    struct glcr_fbconfig *c = &configs[config_count];
                    *c = (struct glcr_fbconfig){
                        .id = config_count + 1, .red = 8, .green = 8, .blue = 8, .alpha = alpha,
                        .depth = ds[d].depth, .stencil = ds[d].stencil, .samples = samples,
                        .double_buffer = db,
                        .visual = argb ? rgba[next_rgba++ % rgba_count] : rgb[next_rgb++ % rgb_count],
                        .visual_depth = argb ? 32 : 24,
                    };
                    config_count++;
                }
}

int glcr_fbconfigs(Display *dpy, int screen, const struct glcr_fbconfig **out)
{
    pthread_mutex_lock(&lock);
    if (!config_count)
        build(dpy, screen);
    pthread_mutex_unlock(&lock);
    *out = configs;
    return config_count;
}

const struct glcr_fbconfig *glcr_fbconfig_by_id(int id)
{
    return id >= 1 && id <= config_count ? &configs[id - 1] : NULL;
}

const struct glcr_fbconfig *glcr_fbconfig_single_buffered(const struct glcr_fbconfig *c)
{
    for (int i = 0; i < config_count && c->double_buffer; i++) {
        const struct glcr_fbconfig *o = &configs[i];
        if (!o->double_buffer && o->alpha == c->alpha && o->depth == c->depth && o->stencil == c->stencil &&
            o->samples == c->samples)
            return o;
    }
    return c;
}

bool glcr_fbconfig_attrib(const struct glcr_fbconfig *c, int attrib, int *v)
{
    switch (attrib) {
    case GLX_USE_GL: case GLX_RGBA: case GLX_X_RENDERABLE: *v = True; return true;
    case GLX_BUFFER_SIZE: *v = c->red + c->green + c->blue + c->alpha; return true;
    case GLX_SAMPLE_BUFFERS: *v = c->samples > 0; return true;
    case GLX_SAMPLES: *v = c->samples; return true;
    case GLX_LEVEL: case GLX_STEREO: case GLX_AUX_BUFFERS: case GLX_ACCUM_RED_SIZE: case GLX_ACCUM_GREEN_SIZE:
    case GLX_ACCUM_BLUE_SIZE: case GLX_ACCUM_ALPHA_SIZE: case GLX_TRANSPARENT_RED_VALUE:
    case GLX_TRANSPARENT_GREEN_VALUE: case GLX_TRANSPARENT_BLUE_VALUE:
    case GLX_TRANSPARENT_ALPHA_VALUE: case GLX_TRANSPARENT_INDEX_VALUE:
    case GLX_FRAMEBUFFER_SRGB_CAPABLE_ARB:
        *v = 0; return true;
    case GLX_DOUBLEBUFFER: *v = c->double_buffer; return true;
    case GLX_RED_SIZE: *v = c->red; return true;
    case GLX_GREEN_SIZE: *v = c->green; return true;
    case GLX_BLUE_SIZE: *v = c->blue; return true;
    case GLX_ALPHA_SIZE: *v = c->alpha; return true;
    case GLX_DEPTH_SIZE: *v = c->depth; return true;
    case GLX_STENCIL_SIZE: *v = c->stencil; return true;
    case GLX_X_VISUAL_TYPE: *v = GLX_TRUE_COLOR; return true;
    case GLX_CONFIG_CAVEAT: *v = GLX_NONE; return true;
    case GLX_TRANSPARENT_TYPE: *v = GLX_NONE; return true;
    case GLX_VISUAL_ID: *v = (int)c->visual; return true;
    case GLX_FBCONFIG_ID: *v = c->id; return true;
    case GLX_DRAWABLE_TYPE: *v = GLCR_DRAWABLE_TYPES; return true;
    case GLX_RENDER_TYPE: *v = GLX_RGBA_BIT; return true;
    case GLX_MAX_PBUFFER_WIDTH: case GLX_MAX_PBUFFER_HEIGHT: *v = GLCR_MAX_PBUFFER_SIZE; return true;
    case GLX_MAX_PBUFFER_PIXELS: *v = GLCR_MAX_PBUFFER_SIZE * GLCR_MAX_PBUFFER_SIZE; return true;
    default: return false;
    }
}

struct wanted {
    int min[GLX_STENCIL_SIZE + 1];
    int min_samples, min_sample_buffers;
    int double_buffer; /* -1 don't care */
    bool ok;
};

/* Parses either list style into minimum sizes and exact requirements. */
static struct wanted parse(const int *a, bool legacy, struct glcr_fbconfig *ids)
{
    struct wanted w = {.double_buffer = legacy ? 0 : -1, .ok = true};
    int fbconfig_id = 0;
    for (; a && *a != None; a++) {
        int attr = *a;
        bool takes_value = !(legacy && (attr == GLX_RGBA || attr == GLX_DOUBLEBUFFER ||
                                        attr == GLX_STEREO || attr == GLX_USE_GL));
        int value = takes_value ? *++a : True;
        switch (attr) {
        case GLX_DOUBLEBUFFER: w.double_buffer = value == DONT_CARE ? -1 : !!value; break;
        case GLX_RED_SIZE: case GLX_GREEN_SIZE: case GLX_BLUE_SIZE: case GLX_ALPHA_SIZE:
        case GLX_DEPTH_SIZE: case GLX_STENCIL_SIZE:
            if (value != DONT_CARE)
                w.min[attr] = value;
            break;
        case GLX_BUFFER_SIZE: if (value > 32) w.ok = false; break;
        case GLX_SAMPLES: if (value != DONT_CARE) w.min_samples = value; break;
        case GLX_SAMPLE_BUFFERS: if (value != DONT_CARE) w.min_sample_buffers = value; break;
        case GLX_STEREO: case GLX_AUX_BUFFERS: case GLX_ACCUM_RED_SIZE: case GLX_ACCUM_GREEN_SIZE: case GLX_ACCUM_BLUE_SIZE:
        case GLX_ACCUM_ALPHA_SIZE:
            if (value > 0 && value != DONT_CARE) {
                log_warn("GLX attribute 0x%x=%d requested: glcr does not offer it yet", attr, value);
                w.ok = false;
            }
            break;
        case GLX_RENDER_TYPE:
            if (!(value & GLX_RGBA_BIT)) w.ok = false;
            break;
        case GLX_DRAWABLE_TYPE:
            if (value != DONT_CARE && (value & ~GLCR_DRAWABLE_TYPES)) {
                log_warn("GLX_DRAWABLE_TYPE 0x%x requested: glcr offers windows, pixmaps and pbuffers",
                         value);
                w.ok = false;
            }
            break;
        case GLX_FBCONFIG_ID: if (value != DONT_CARE) fbconfig_id = value; break;
        case GLX_X_VISUAL_TYPE:
            if (value != DONT_CARE && value != GLX_TRUE_COLOR) w.ok = false;
            break;
        case GLX_LEVEL: if (value != 0) w.ok = false; break;
        default: break; /* GLX_RGBA, GLX_X_RENDERABLE, GLX_CONFIG_CAVEAT, ...: all match */
        }
    }
    ids->id = fbconfig_id;
    return w;
}

static bool matches(const struct glcr_fbconfig *c, const struct wanted *w, int id)
{
    if (id && c->id != id)
        return false;
    if (w->double_buffer >= 0 && c->double_buffer != w->double_buffer)
        return false;
    if (c->samples < w->min_samples || (c->samples > 0) < w->min_sample_buffers)
        return false;
    return c->red >= w->min[GLX_RED_SIZE] && c->green >= w->min[GLX_GREEN_SIZE] &&
           c->blue >= w->min[GLX_BLUE_SIZE] && c->alpha >= w->min[GLX_ALPHA_SIZE] &&
           c->depth >= w->min[GLX_DEPTH_SIZE] && c->stencil >= w->min[GLX_STENCIL_SIZE];
}

static const struct wanted *sort_wanted;

/* GLX 1.4 sort order, simplified to the attributes glcr varies: double-buffered first when
 * not specified, then fewer unrequested alpha bits, fewer samples, larger depth, smaller
 * stencil. */
static int compare(const void *pa, const void *pb)
{
    const struct glcr_fbconfig *a = *(const struct glcr_fbconfig *const *)pa;
    const struct glcr_fbconfig *b = *(const struct glcr_fbconfig *const *)pb;
    if (a->double_buffer != b->double_buffer && sort_wanted->double_buffer < 0)
        return b->double_buffer - a->double_buffer;
    if (a->alpha != b->alpha)
        return sort_wanted->min[GLX_ALPHA_SIZE] ? b->alpha - a->alpha : a->alpha - b->alpha;
    if (a->samples != b->samples)
        return a->samples - b->samples;
    if (a->depth != b->depth)
        return sort_wanted->min[GLX_DEPTH_SIZE] ? b->depth - a->depth : a->depth - b->depth;
    if (a->stencil != b->stencil)
        return a->stencil - b->stencil;
    return a->id - b->id;
}

int glcr_fbconfig_choose(Display *dpy, int screen, const int *attribs, bool legacy,
                         const struct glcr_fbconfig ***out)
{
    const struct glcr_fbconfig *all;
    int n = glcr_fbconfigs(dpy, screen, &all);
    struct glcr_fbconfig id = {0};
    struct wanted w = parse(attribs, legacy, &id);
    *out = NULL;
    if (!w.ok || !n)
        return 0;
    const struct glcr_fbconfig **list = malloc((size_t)n * sizeof *list);
    if (!list)
        return 0;
    int count = 0;
    for (int i = 0; i < n; i++)
        if (matches(&all[i], &w, id.id))
            list[count++] = &all[i];
    pthread_mutex_lock(&lock);
    sort_wanted = &w;
    qsort(list, (size_t)count, sizeof *list, compare);
    pthread_mutex_unlock(&lock);
    if (!count) {
        free(list);
        return 0;
    }
    *out = list;
    return count;
}

XVisualInfo *glcr_fbconfig_visual_info(Display *dpy, const struct glcr_fbconfig *c)
{
    XVisualInfo tmpl = {.visualid = c->visual};
    int n = 0;
    return XGetVisualInfo(dpy, VisualIDMask, &tmpl, &n);
}

void glcr_fbconfig_remember_visual(const struct glcr_fbconfig *c, const XVisualInfo *vi)
{
    pthread_mutex_lock(&lock);
    remembered[remembered_next++ % MAX_REMEMBERED] = (struct remembered_visual){.vi = vi, .config = c};
    pthread_mutex_unlock(&lock);
}

/* Newest first: the XVisualInfo handed out for a config (still holding its visual), else the
 * config handed out last for the visual, else the first config with it. */
const struct glcr_fbconfig *glcr_fbconfig_for_visual(Display *dpy, const XVisualInfo *vi)
{
    const struct glcr_fbconfig *all, *found = NULL, *same_visual = NULL;
    int n = glcr_fbconfigs(dpy, vi->screen, &all);
    pthread_mutex_lock(&lock);
    for (unsigned k = 1; k <= MAX_REMEMBERED && k <= remembered_next && !found; k++) {
        const struct remembered_visual *r = &remembered[(remembered_next - k) % MAX_REMEMBERED];
        if (r->config->visual != vi->visualid)
            continue;
        if (r->vi == vi)
            found = r->config;
        else if (!same_visual)
            same_visual = r->config;
    }
    pthread_mutex_unlock(&lock);
    if (!found)
        found = same_visual;
    for (int i = 0; i < n && !found; i++)
        if (all[i].visual == vi->visualid)
            found = &all[i];
    return found;
}
