/* xpoke: what a person at the display does to an idle GUI app, as X events sent to every
 * mapped top-level window: `expose` (the window must redraw, as when uncovered) and
 * `key NAME...` (a key press and release per keysym name, e.g. `key e g`). For tests that
 * make an idle app render again after a restore. Uses only Xlib (XSendEvent). */
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

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "expose") != 0 && (strcmp(argv[1], "key") != 0 || argc < 3))) {
        fprintf(stderr, "usage: xpoke expose | xpoke key KEYSYM...   (on $DISPLAY)\n");
        return 2;
    }
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "xpoke: cannot open display '%s'\n", getenv("DISPLAY") ? getenv("DISPLAY") : "");
        return 1;
    }
    Window root, parent, *children = NULL;
    unsigned n = 0, poked = 0;
    XQueryTree(dpy, DefaultRootWindow(dpy), &root, &parent, &children, &n);
    for (unsigned i = 0; i < n; i++) {
        XWindowAttributes a;
        if (!XGetWindowAttributes(dpy, children[i], &a) || a.map_state != IsViewable || a.override_redirect)
            continue;
        if (!strcmp(argv[1], "expose"))
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
