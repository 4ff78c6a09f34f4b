/* Screenshots of a session's virtual display, written as PNG (zlib, no image library). */
#include "session/commands.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <zlib.h>

#include "session/session.h"

static bool put_chunk(FILE *f, const char *type, const unsigned char *data, uint32_t len)
{
    uint32_t be = htonl(len);
    uLong crc = crc32(0, (const Bytef *)type, 4);
    if (len)
        crc = crc32(crc, data, len);
    uint32_t crc_be = htonl((uint32_t)crc);
    return fwrite(&be, 4, 1, f) == 1 && fwrite(type, 4, 1, f) == 1 &&
           (len == 0 || fwrite(data, len, 1, f) == 1) && fwrite(&crc_be, 4, 1, f) == 1;
}

/* Writes 8-bit RGB rows (top first) as a PNG file. */
static bool write_png(const char *path, const unsigned char *rgb, int w, int h, char *err, size_t len)
{
    size_t row = (size_t)w * 3, raw_len = (row + 1) * (size_t)h;
    unsigned char *raw = malloc(raw_len);
    uLongf z_len = compressBound((uLong)raw_len);
    unsigned char *z = malloc(z_len);
    FILE *f = NULL;
    bool ok = false;
    if (!raw || !z) {
        snprintf(err, len, "out of memory");
        goto out;
    }
    for (int y = 0; y < h; y++) {
        raw[(row + 1) * (size_t)y] = 0; /* filter: none */
        memcpy(raw + (row + 1) * (size_t)y + 1, rgb + row * (size_t)y, row);
    }
    if (compress2(z, &z_len, raw, (uLong)raw_len, 6) != Z_OK) {
        snprintf(err, len, "compression failed");
        goto out;
    }
    /* Screens show what the user works on: private like everything else glcr writes. */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        snprintf(err, len, "cannot write %s: %s", path, strerror(errno));
        goto out;
    }
    unsigned char ihdr[13];
    uint32_t wb = htonl((uint32_t)w), hb = htonl((uint32_t)h);
    memcpy(ihdr, &wb, 4);
    memcpy(ihdr + 4, &hb, 4);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 2;  /* RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;
    ok = fwrite("\x89PNG\r\n\x1a\n", 8, 1, f) == 1 && put_chunk(f, "IHDR", ihdr, 13) &&
         put_chunk(f, "IDAT", z, (uint32_t)z_len) && put_chunk(f, "IEND", NULL, 0);
    if (fclose(f) != 0 || !ok) {
        ok = false;
        snprintf(err, len, "cannot write %s: %s", path, strerror(errno));
    }
out:
    free(raw);
    free(z);
    return ok;
}

/* Box-filters RGB w x h down to tw x th: each output pixel is the rounded mean of the
 * source pixels [x*w/tw, (x+1)*w/tw) x [y*h/th, (y+1)*h/th) (integer division), a rule
 * simple enough for tests to reproduce exactly. */
static void scale_down(const unsigned char *src, int w, int h, unsigned char *dst, int tw, int th)
{
    for (int ty = 0; ty < th; ty++) {
        int y0 = (int)((long)ty * h / th), y1 = (int)((long)(ty + 1) * h / th);
        for (int tx = 0; tx < tw; tx++) {
            int x0 = (int)((long)tx * w / tw), x1 = (int)((long)(tx + 1) * w / tw);
            unsigned long sum[3] = {0, 0, 0}, n = (unsigned long)(x1 - x0) * (unsigned long)(y1 - y0);
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++)
                    for (int c = 0; c < 3; c++)
                        sum[c] += src[((size_t)y * (size_t)w + (size_t)x) * 3 + (size_t)c];
            for (int c = 0; c < 3; c++)
                dst[((size_t)ty * (size_t)tw + (size_t)tx) * 3 + (size_t)c] = (unsigned char)((sum[c] + n / 2) / n);
        }
    }
}

/* Closes the X connection and waits until the server has dropped its end: a checkpoint
 * that follows must not find the X server holding a connection to a process outside the
 * session (XCloseDisplay alone returns before the server has noticed). */
static void close_display_and_wait(Display *dpy)
{
    int fd = dup(ConnectionNumber(dpy));
    XCloseDisplay(dpy);
    if (fd < 0)
        return;
    shutdown(fd, SHUT_WR);
    char buf[4096];
    for (int waited = 0; waited < 5000;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int rc = poll(&p, 1, 100);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc == 0) {
            waited += 100;
            continue;
        }
        if (rc < 0 || read(fd, buf, sizeof buf) <= 0)
            break;
    }
    close(fd);
}

/* The session's X server listens only on an abstract socket in the session's network
 * namespace (run.c): connect from inside it, then come back. The connection keeps working
 * from here; the socket belongs to the namespace it was made in. */
static Display *open_session_display(const struct glcr_session *s, char *err, size_t err_len)
{
    char name[32], ns_path[64];
    snprintf(name, sizeof name, ":%d", s->display);
    snprintf(ns_path, sizeof ns_path, "/proc/%d/ns/net", (int)s->root_pid);
    int home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    int session = open(ns_path, O_RDONLY | O_CLOEXEC);
    if (home < 0 || session < 0 || setns(session, CLONE_NEWNET) < 0) {
        snprintf(err, err_len, "cannot enter the network namespace of session '%s' (%s): %s", s->name,
                 ns_path, strerror(errno));
        if (home >= 0)
            close(home);
        if (session >= 0)
            close(session);
        return NULL;
    }
    close(session);
    Display *dpy = XOpenDisplay(name);
    if (setns(home, CLONE_NEWNET) < 0) {
        /* Going on in the session's namespace would make every later step wrong. */
        fprintf(stderr, "glcr: cannot return to its own network namespace: %s\n", strerror(errno));
        _exit(1);
    }
    close(home);
    if (!dpy)
        snprintf(err, err_len, "cannot connect to the X display %s of session '%s'", name, s->name);
    return dpy;
}

bool glcr_screenshot(const struct glcr_session *s, const char *png_path, int max_width, char *err,
                     size_t err_len)
{
    Display *dpy = open_session_display(s, err, err_len);
    if (!dpy)
        return false;
    Window root = DefaultRootWindow(dpy);
    XWindowAttributes wa;
    XGetWindowAttributes(dpy, root, &wa);
    XImage *img = XGetImage(dpy, root, 0, 0, (unsigned)wa.width, (unsigned)wa.height, AllPlanes, ZPixmap);
    unsigned char *rgb = NULL;
    if (!img) {
        snprintf(err, err_len, "XGetImage of the root window failed");
    } else {
        rgb = malloc((size_t)wa.width * (size_t)wa.height * 3);
        if (rgb) {
            for (int y = 0; y < wa.height; y++)
                for (int x = 0; x < wa.width; x++) {
                    unsigned long p = XGetPixel(img, x, y);
                    unsigned char *o = rgb + ((size_t)y * (size_t)wa.width + (size_t)x) * 3;
                    o[0] = (unsigned char)((p & img->red_mask) >> 16);
                    o[1] = (unsigned char)((p & img->green_mask) >> 8);
                    o[2] = (unsigned char)(p & img->blue_mask);
                }
        } else {
            snprintf(err, err_len, "out of memory for a %dx%d image", wa.width, wa.height);
        }
        XDestroyImage(img);
    }
    close_display_and_wait(dpy);
    if (!rgb)
        return false;
    bool ok;
    if (max_width > 0 && wa.width > max_width) {
        int tw = max_width, th = (int)(((long)wa.height * tw + wa.width / 2) / wa.width);
        if (th < 1)
            th = 1;
        unsigned char *small = malloc((size_t)tw * (size_t)th * 3);
        if (!small) {
            free(rgb);
            snprintf(err, err_len, "out of memory");
            return false;
        }
        scale_down(rgb, wa.width, wa.height, small, tw, th);
        ok = write_png(png_path, small, tw, th, err, err_len);
        free(small);
    } else {
        ok = write_png(png_path, rgb, wa.width, wa.height, err, err_len);
    }
    free(rgb);
    return ok;
}
