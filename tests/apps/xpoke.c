/* xpoke: what a person at the display does to an idle GUI app, as X events sent to every
 * mapped top-level window: `expose` (the window must redraw, as when uncovered) and
 * `key NAME...` (a key press and release per keysym name, e.g. `key e g`). For tests that
 * make an idle app render again after a restore. Uses only Xlib (XSendEvent).
 *
 * `capture OUT.ppm` is what the person sees: the root window as the X server holds it
 * (XGetImage), written as a binary PPM, so a screen under glcr and a native one can be
 * compared with the same reader on both sides. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

static void send_to(Display *dpy, Window w, XEvent *ev, long mask)
{
    ev->xany.window = w;
    if (!XSendEvent(dpy, w, True, mask, ev)) {
        fprintf(stderr, "xpoke: XSendEvent to window 0x%lx failed\n", w);
        exit(1);
    }
}

static void expose(Display *dpy, Window w, const XWindowAttributes *a)
{
    XEvent ev;
    memset(&ev, 0, sizeof ev);
    ev.xexpose.type = Expose;
    ev.xexpose.display = dpy;
    ev.xexpose.width = a->width;
    ev.xexpose.height = a->height;
    send_to(dpy, w, &ev, ExposureMask);
}

static void key(Display *dpy, Window w, const char *name)
{
    KeySym sym = XStringToKeysym(name);
    KeyCode code = sym == NoSymbol ? 0 : XKeysymToKeycode(dpy, sym);
    if (!code) {
        fprintf(stderr, "xpoke: no key '%s' on this display\n", name);
        exit(2);
    }
    for (int type = KeyPress; type <= KeyRelease; type++) {
        XEvent ev;
        memset(&ev, 0, sizeof ev);
        ev.xkey.type = type;
        ev.xkey.display = dpy;
        ev.xkey.root = DefaultRootWindow(dpy);
        ev.xkey.x = ev.xkey.y = 10;
        ev.xkey.keycode = code;
        ev.xkey.same_screen = True;
        send_to(dpy, w, &ev, type == KeyPress ? KeyPressMask : KeyReleaseMask);
    }
}

/* One 8-bit channel of a TrueColor pixel, whatever the mask's position. */
static unsigned channel(unsigned long pixel, unsigned long mask)
{
    if (!mask)
        return 0;
    while (!(mask & 1)) {
        mask >>= 1;
        pixel >>= 1;
    }
    return (unsigned)((pixel & mask) * 255 / mask);
}

static int capture(Display *dpy, const char *path)
{
    Window root = DefaultRootWindow(dpy);
    XWindowAttributes a;
    XGetWindowAttributes(dpy, root, &a);
    XImage *image = XGetImage(dpy, root, 0, 0, (unsigned)a.width, (unsigned)a.height, AllPlanes, ZPixmap);
    if (!image) {
        fprintf(stderr, "xpoke: XGetImage of the %dx%d root window failed\n", a.width, a.height);
        return 1;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "xpoke: cannot write %s: %s\n", path, strerror(errno));
        XDestroyImage(image);
        return 1;
    }
    fprintf(f, "P6\n%d %d\n255\n", a.width, a.height);
    for (int y = 0; y < a.height; y++)
        for (int x = 0; x < a.width; x++) {
            unsigned long pixel = XGetPixel(image, x, y);
            unsigned char rgb[3] = {(unsigned char)channel(pixel, image->red_mask),
                                    (unsigned char)channel(pixel, image->green_mask),
                                    (unsigned char)channel(pixel, image->blue_mask)};
            fwrite(rgb, sizeof rgb, 1, f);
        }
    XDestroyImage(image);
    if (fclose(f) != 0) {
        fprintf(stderr, "xpoke: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *verb = argc > 1 ? argv[1] : "";
    bool poke = (!strcmp(verb, "expose") && argc == 2) || (!strcmp(verb, "key") && argc >= 3);
    bool capturing = !strcmp(verb, "capture") && argc == 3;
    if (!poke && !capturing) {
        fprintf(stderr, "usage: xpoke expose | xpoke key KEYSYM... | xpoke capture OUT.ppm   (on $DISPLAY)\n");
        return 2;
    }
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "xpoke: cannot open display '%s'\n", getenv("DISPLAY") ? getenv("DISPLAY") : "");
        return 1;
    }
    if (capturing) {
        int rc = capture(dpy, argv[2]);
        XCloseDisplay(dpy);
        return rc;
    }
    Window root, parent, *children = NULL;
    unsigned n = 0, poked = 0;
    XQueryTree(dpy, DefaultRootWindow(dpy), &root, &parent, &children, &n);
    for (unsigned i = 0; i < n; i++) {
        XWindowAttributes a;
        if (!XGetWindowAttributes(dpy, children[i], &a) || a.map_state != IsViewable || a.override_redirect)
            continue;
        if (!strcmp(verb, "expose"))
            expose(dpy, children[i], &a);
        else
            for (int k = 2; k < argc; k++)
                key(dpy, children[i], argv[k]);
        poked++;
    }
    XFree(children);
    XCloseDisplay(dpy);
    if (!poked) {
        fprintf(stderr, "xpoke: no mapped top-level window on the display\n");
        return 1;
    }
    return 0;
}
