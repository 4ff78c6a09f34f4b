/* Putting rendered frames into X windows through glcr's own X connection (MIT-SHM when the
 * server offers it). The connection is upper-half state: the checkpointer keeps it, and
 * the virtual X server is in the same process tree. */
#ifndef GLCR_WINSYS_PRESENT_H
#define GLCR_WINSYS_PRESENT_H

#include <stdbool.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>

struct glcr_presenter {
    Drawable window;         /* an X window, or an X pixmap behind a GLX pixmap */
    bool is_pixmap;
    int width, height;       /* size of the image below */
    XImage *image;
    XShmSegmentInfo shm;
    bool use_shm;
    bool busy;               /* the server has not yet finished the last XShmPutImage */
    unsigned long put_serial; /* that request's sequence number */
    bool spoiled_last;       /* the previous frame was skipped */
    unsigned long spoiled;   /* frames skipped because the server was still busy */
    GC gc;
    struct glcr_presenter *next; /* all presenters, for matching completion events */
};

/* glcr's connection to the display the app uses (opened on first use). */
Display *glcr_x_connection(Display *app_dpy);
void glcr_x_lock(void);
void glcr_x_unlock(void);

/* Starts tracking a window (selects StructureNotify on glcr's connection) or a pixmap. */
bool glcr_presenter_init(struct glcr_presenter *p, Display *app_dpy, Drawable drawable, bool is_pixmap);
void glcr_presenter_fini(struct glcr_presenter *p);
/* False while the server is still copying the previous frame out of the shared image: the
 * frame at hand is then skipped (spoiled) rather than waited for. Never twice in a row: the
 * next frame waits, so a slow server still sees every other frame. Call after glcr_x_poll. */
bool glcr_presenter_ready(struct glcr_presenter *p);
/* Waits until the server is done with the shared image. */
void glcr_presenter_wait(struct glcr_presenter *p);
/* A BGRA buffer of width x height to read the frame into (top row first). */
void *glcr_presenter_buffer(struct glcr_presenter *p, int width, int height);
/* Shows the buffer in the window; with `wait`, X requests made after the return (on any
 * connection) see it there. */
void glcr_presenter_show(struct glcr_presenter *p, bool wait);
/* Reads pending events on glcr's connection: reports window size changes and notes which
 * presenters the server is done with. */
void glcr_x_poll(void (*on_configure)(Window window, int width, int height));
/* Current window size by a round trip; false if the window is gone. */
bool glcr_window_size(Display *app_dpy, Window window, int *width, int *height);

#endif
