/* crashapp: a small GLX app that crashes on cue, for glcr's crash and snapshot tests.
 *
 * It draws a still picture (a clear colour and a few quads) that depends only on a scene
 * number, so two looks at the display at different times are pixel-identical unless the
 * scene changed. It crashes with a real SIGSEGV:
 *   --crash-after N   after presenting N frames (the counter is process memory, so an app
 *                     restored from an earlier snapshot crashes again: a crash loop);
 *   --crash-file F    when file F appears; F is removed first, so a restored app goes on.
 * --scene-file F makes the scene the number in file F (read each frame; 0 when missing). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <GL/gl.h>
#include <GL/glx.h>

struct options {
    unsigned long crash_after, delay_ms;
    int width, height;
    const char *crash_file, *scene_file;
};

static void usage(FILE *f)
{
    fprintf(f, "usage: crashapp [--crash-after N] [--crash-file F] [--scene-file F] [--delay-ms D] [--size WxH]\n");
}

static unsigned long number(const char *flag, const char *text)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end) {
        fprintf(stderr, "crashapp: %s: not a number: %s\n", flag, text);
        exit(2);
    }
    return v;
}

static void parse(int argc, char **argv, struct options *o)
{
    *o = (struct options){.delay_ms = 5, .width = 256, .height = 192};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            exit(0);
        }
        if (i + 1 >= argc) {
            usage(stderr);
            exit(2);
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--crash-after"))
            o->crash_after = number(a, v);
        else if (!strcmp(a, "--delay-ms"))
            o->delay_ms = number(a, v);
        else if (!strcmp(a, "--crash-file"))
            o->crash_file = v;
        else if (!strcmp(a, "--scene-file"))
            o->scene_file = v;
        else if (!strcmp(a, "--size")) {
            if (sscanf(v, "%dx%d", &o->width, &o->height) != 2 || o->width < 16 || o->height < 16) {
                fprintf(stderr, "crashapp: --size: expected WxH: %s\n", v);
                exit(2);
            }
        } else {
            usage(stderr);
            exit(2);
        }
    }
}

static unsigned scene_of(const char *path)
{
    if (!path)
        return 0;
    FILE *f = fopen(path, "r");
    unsigned v = 0;
    if (f) {
        if (fscanf(f, "%u", &v) != 1)
            v = 0;
        fclose(f);
    }
    return v;
}

static void draw(unsigned scene)
{
    /* Colours from a small integer hash of the scene: each scene looks different. */
    uint32_t h = scene * 2654435761u + 12345u;
    glClearColor((float)(h & 0xff) / 255.0f, (float)((h >> 8) & 0xff) / 255.0f, (float)((h >> 16) & 0xff) / 255.0f,
                 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_QUADS);
    for (int q = 0; q < 6; q++) {
        uint32_t k = h ^ (uint32_t)(q * 0x9e3779b9u);
        k = k * 1103515245u + 12345u;
        float x = -0.9f + 0.3f * (float)q, y = -0.8f + 0.25f * (float)((k >> 4) % 6);
        float w = 0.15f + 0.05f * (float)((k >> 9) % 4), hgt = 0.2f + 0.1f * (float)((k >> 12) % 5);
        glColor3ub((GLubyte)(k >> 16), (GLubyte)(k >> 8), (GLubyte)(255 - (k >> 24)));
        glVertex2f(x, y);
        glVertex2f(x + w, y);
        glColor3ub((GLubyte)(k >> 24), (GLubyte)(k >> 2), (GLubyte)k);
        glVertex2f(x + w, y + hgt);
        glVertex2f(x, y + hgt);
    }
    glEnd();
}

static void crash(void)
{
    fprintf(stderr, "crashapp: crashing now\n");
    fflush(stderr);
    /* A real invalid write (volatile: the compiler cannot turn it into a trap). */
    volatile uintptr_t address = 0;
    *(volatile int *)address = 1;
}

int main(int argc, char **argv)
{
    struct options o;
    parse(argc, argv, &o);
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "crashapp: cannot open the X display\n");
        return 1;
    }
    int attrs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8, GLX_BLUE_SIZE, 8, None};
    XVisualInfo *vi = glXChooseVisual(dpy, DefaultScreen(dpy), attrs);
    if (!vi) {
        fprintf(stderr, "crashapp: no RGBA double-buffered visual\n");
        return 1;
    }
    Window root = RootWindow(dpy, vi->screen);
    XSetWindowAttributes swa = {.colormap = XCreateColormap(dpy, root, vi->visual, AllocNone)};
    Window win = XCreateWindow(dpy, root, 0, 0, (unsigned)o.width, (unsigned)o.height, 0, vi->depth, InputOutput,
                               vi->visual, CWColormap, &swa);
    XMapWindow(dpy, win);
    GLXContext ctx = glXCreateContext(dpy, vi, NULL, True);
    if (!ctx || !glXMakeCurrent(dpy, win, ctx)) {
        fprintf(stderr, "crashapp: cannot create a GLX context\n");
        return 1;
    }
    glViewport(0, 0, o.width, o.height);
    for (unsigned long frame = 1;; frame++) {
        draw(scene_of(o.scene_file));
        glXSwapBuffers(dpy, win);
        if (o.crash_after && frame >= o.crash_after)
            crash();
        if (o.crash_file && access(o.crash_file, F_OK) == 0) {
            unlink(o.crash_file);
            crash();
        }
        struct timespec ts = {(time_t)(o.delay_ms / 1000), (long)(o.delay_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
}
