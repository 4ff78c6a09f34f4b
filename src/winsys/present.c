#include "winsys/present.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>

#include "common/log.h"

static Display *conn;
static bool shm_ok;
static int shm_completion_event; /* XShmGetEventBase + ShmCompletion */
static pthread_mutex_t x_lock = PTHREAD_MUTEX_INITIALIZER;
static struct glcr_presenter *presenters; /* under x_lock */

static XErrorHandler app_handler;

/* Errors on glcr's connection (a window destroyed while presenting) are expected; errors on
 * the app's connections go to the app's handler. Installed only around glcr's X requests:
 * Xlib's handler is process-wide. */
static int ignore_x_error(Display *d, XErrorEvent *e)
{
    if (d != conn)
        return app_handler ? app_handler(d, e) : 0;
    log_debug("X error %d on glcr's connection (request %d)", e->error_code, e->request_code);
    /* A put that failed (its window is gone) sends no completion event. */
    for (struct glcr_presenter *p = presenters; p; p = p->next)
        if (p->window == e->resourceid)
            p->busy = false;
    return 0;
}

void glcr_x_lock(void)
{
    pthread_mutex_lock(&x_lock);
    app_handler = XSetErrorHandler(ignore_x_error);
}

void glcr_x_unlock(void)
{
    XSetErrorHandler(app_handler);
    pthread_mutex_unlock(&x_lock);
}

Display *glcr_x_connection(Display *app_dpy)
{
    if (conn)
        return conn;
    conn = XOpenDisplay(DisplayString(app_dpy));
    if (!conn) {
        log_error("cannot open glcr's own connection to X display %s", DisplayString(app_dpy));
        return NULL;
    }
    int major, minor;
    Bool pixmaps;
    shm_ok = XShmQueryVersion(conn, &major, &minor, &pixmaps) && !getenv("GLCR_NO_SHM");
    if (shm_ok)
        shm_completion_event = XShmGetEventBase(conn) + ShmCompletion;
    log_debug("presenting on %s (%s)", DisplayString(conn), shm_ok ? "MIT-SHM" : "XPutImage");
    return conn;
}

bool glcr_presenter_init(struct glcr_presenter *p, Display *app_dpy, Drawable drawable, bool is_pixmap)
{
    memset(p, 0, sizeof *p);
    p->window = drawable;
    p->is_pixmap = is_pixmap;
    glcr_x_lock();
    Display *d = glcr_x_connection(app_dpy);
    if (d) {
        if (!is_pixmap)
            XSelectInput(d, drawable, StructureNotifyMask);
        p->gc = XCreateGC(d, drawable, 0, NULL);
        XSync(d, False);
        p->next = presenters;
        presenters = p;
    }
    glcr_x_unlock();
    return d != NULL;
}

static void free_image(struct glcr_presenter *p)
{
    if (!p->image)
        return;
    if (p->use_shm) {
        XShmDetach(conn, &p->shm);
        XSync(conn, False);
        p->busy = false; /* the server is past every put of this image */
        shmdt(p->shm.shmaddr);
        shmctl(p->shm.shmid, IPC_RMID, NULL);
        p->image->data = NULL;
    }
    XDestroyImage(p->image);
    p->image = NULL;
}

void glcr_presenter_fini(struct glcr_presenter *p)
{
    glcr_x_lock();
    for (struct glcr_presenter **link = &presenters; *link; link = &(*link)->next)
        if (*link == p) {
            *link = p->next;
            break;
        }
    if (p->spoiled)
        log_debug("window 0x%lx: %lu frames skipped while the X server was busy", p->window, p->spoiled);
    if (conn) {
        free_image(p);
        if (p->gc)
            XFreeGC(conn, p->gc);
    }
    glcr_x_unlock();
    memset(p, 0, sizeof *p);
}

static bool make_shm_image(struct glcr_presenter *p, Visual *visual, int depth, int w, int h)
{
    p->image = XShmCreateImage(conn, visual, (unsigned)depth, ZPixmap, NULL, &p->shm,
                               (unsigned)w, (unsigned)h);
    if (!p->image)
        return false;
    p->shm.shmid = shmget(IPC_PRIVATE, (size_t)p->image->bytes_per_line * (size_t)h, IPC_CREAT | 0600);
    if (p->shm.shmid < 0) {
        XDestroyImage(p->image);
        p->image = NULL;
        return false;
    }
    p->shm.shmaddr = p->image->data = shmat(p->shm.shmid, NULL, 0);
    p->shm.readOnly = False;
    if (p->shm.shmaddr == (void *)-1 || !XShmAttach(conn, &p->shm)) {
        shmctl(p->shm.shmid, IPC_RMID, NULL);
        p->image->data = NULL;
        XDestroyImage(p->image);
        p->image = NULL;
        return false;
    }
    XSync(conn, False);
    return true;
}

static void on_completion(const XShmCompletionEvent *done)
{
    for (struct glcr_presenter *p = presenters; p; p = p->next)
        if (p->busy && p->window == done->drawable && p->shm.shmseg == done->shmseg &&
            done->serial >= p->put_serial)
            p->busy = false;
}

void glcr_presenter_wait(struct glcr_presenter *p)
{
    if (!p->busy)
        return;
    glcr_x_lock();
    XSync(conn, False); /* the server has now processed the put and sent its completion */
    XEvent ev;
    while (XCheckTypedEvent(conn, shm_completion_event, &ev))
        on_completion((const XShmCompletionEvent *)&ev);
    p->busy = false;
    glcr_x_unlock();
}

bool glcr_presenter_ready(struct glcr_presenter *p)
{
    if (p->busy && !p->spoiled_last) {
        p->spoiled++;
        p->spoiled_last = true;
        return false;
    }
    glcr_presenter_wait(p);
    p->spoiled_last = false;
    return true;
}

/* The visual and depth of the presenter's drawable. A pixmap has no visual: a TrueColor one
 * of its depth on its screen describes its pixels (24 or 32 bits deep, 32 bits per pixel).
 * Caller holds the X lock. */
static bool drawable_format(const struct glcr_presenter *p, Visual **visual, int *depth)
{
    if (!p->is_pixmap) {
        XWindowAttributes wa;
        if (!XGetWindowAttributes(conn, p->window, &wa))
            return false;
        *visual = wa.visual;
        *depth = wa.depth;
        return true;
    }
    Window root;
    int x, y;
    unsigned w, h, border, pixmap_depth;
    if (!XGetGeometry(conn, p->window, &root, &x, &y, &w, &h, &border, &pixmap_depth))
        return false;
    XVisualInfo vi;
    for (int i = 0; i < ScreenCount(conn); i++)
        if (RootWindow(conn, i) == root && XMatchVisualInfo(conn, i, (int)pixmap_depth, TrueColor, &vi) &&
            vi.red_mask == 0xff0000 && vi.blue_mask == 0xff) {
            *visual = vi.visual;
            *depth = (int)pixmap_depth;
            return true;
        }
    log_error("pixmap 0x%lx: depth %u has no 8-bit TrueColor visual on its screen to present with",
              p->window, pixmap_depth);
    return false;
}

void *glcr_presenter_buffer(struct glcr_presenter *p, int w, int h)
{
    if (p->image && p->width == w && p->height == h)
        return p->image->data;
    glcr_x_lock();
    free_image(p);
    Visual *visual;
    int depth;
    if (!conn || !drawable_format(p, &visual, &depth)) {
        glcr_x_unlock();
        return NULL;
    }
    p->use_shm = shm_ok && make_shm_image(p, visual, depth, w, h);
    if (!p->use_shm) {
        char *data = malloc((size_t)w * (size_t)h * 4);
        p->image = data ? XCreateImage(conn, visual, (unsigned)depth, ZPixmap, 0, data,
                                       (unsigned)w, (unsigned)h, 32, w * 4)
                        : NULL;
        if (!p->image)
            free(data);
    }
    glcr_x_unlock();
    if (!p->image) {
        log_error("cannot create a %dx%d image for %s 0x%lx", w, h, p->is_pixmap ? "pixmap" : "window", p->window);
        return NULL;
    }
    if (p->image->bits_per_pixel != 32 || p->image->bytes_per_line != w * 4) {
        log_error("%s 0x%lx: %d bits per pixel are not supported for presentation",
                  p->is_pixmap ? "pixmap" : "window", p->window, p->image->bits_per_pixel);
        free_image(p);
        return NULL;
    }
    p->width = w;
    p->height = h;
    return p->image->data;
}

void glcr_presenter_show(struct glcr_presenter *p, bool wait)
{
    if (!p->image)
        return;
    glcr_x_lock();
    /* The shared image is rewritten next frame: the completion event says when the server
     * is done with it (glcr_presenter_ready). XPutImage copies into the request itself. */
    if (p->use_shm) {
        p->put_serial = NextRequest(conn);
        XShmPutImage(conn, p->window, p->gc, p->image, 0, 0, 0, 0, (unsigned)p->width,
                     (unsigned)p->height, True);
        p->busy = true;
    } else {
        XPutImage(conn, p->window, p->gc, p->image, 0, 0, 0, 0, (unsigned)p->width,
                  (unsigned)p->height);
    }
    if (wait)
        XSync(conn, False);
    else
        XFlush(conn);
    glcr_x_unlock();
}

void glcr_x_poll(void (*on_configure)(Window window, int width, int height))
{
    glcr_x_lock();
    while (conn && XPending(conn)) {
        XEvent ev;
        XNextEvent(conn, &ev);
        if (ev.type == ConfigureNotify)
            on_configure(ev.xconfigure.window, ev.xconfigure.width, ev.xconfigure.height);
        else if (shm_ok && ev.type == shm_completion_event)
            on_completion((const XShmCompletionEvent *)&ev);
    }
    glcr_x_unlock();
}

bool glcr_window_size(Display *app_dpy, Window window, int *width, int *height)
{
    glcr_x_lock();
    Display *d = glcr_x_connection(app_dpy);
    Window root;
    int x, y;
    unsigned w = 0, h = 0, border, depth;
    Status ok = d && XGetGeometry(d, window, &root, &x, &y, &w, &h, &border, &depth);
    glcr_x_unlock();
    *width = (int)w;
    *height = (int)h;
    return ok;
}
