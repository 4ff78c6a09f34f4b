/* heapcheck: proves that the GL driver half never harms the app's heap.
 *
 * A plain X11 + GLX program that knows nothing about glcr. Before any GL, the main thread
 * allocates thousands of small blocks with malloc, so its libc's main arena grows with brk,
 * and fills every block with a pattern derived from the block's own seed. It then creates a
 * GLX context and renders frames; between frames it frees and allocates blocks (small ones in
 * the brk heap, and now and then a large one that libc maps with mmap). After every frame:
 *
 *  - every live block still holds its pattern (a driver half that writes into the app's
 *    memory, or unmaps it at teardown, shows up here);
 *  - the program break as the kernel has it (brk(0) as a raw system call) did not move while
 *    the app allocated nothing, i.e. across the frame's GL calls and glXSwapBuffers (where
 *    glcr may reload the whole driver);
 *  - the kernel's break equals the break the app's libc believes in (sbrk(0) returns libc's
 *    cached value): a second libc that moved the break behind the app's back would make the
 *    app's next brk cut its heap, or hand out the same memory twice.
 *
 * glcr's upper half (libglcr, between the app and the driver) is part of the app and uses the
 * app's malloc: during a reload it reads the GL state back into malloc'ed buffers and frees
 * them, which legitimately grows and trims the main arena with brk. The app therefore asks its
 * libc for a generous top pad and no trimming (mallopt), so that bookkeeping of that size is
 * absorbed without moving the break, and any move of the break across a frame is suspect.
 *
 * Prints 'ok N' per frame and 'done' at the end; on the first violation it prints what it
 * found to stderr and exits 1. --inject corrupt|brk at --inject-frame N damages the heap (or
 * moves the break with a raw brk) during that frame, to show the checks do fail. */
#include <errno.h>
#include <inttypes.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <GL/gl.h>
#include <GL/glx.h>

#define PROG "heapcheck"

#define MAX_BLOCKS 40000
#define INITIAL_BLOCKS 20000
#define CHURN_PER_FRAME 300
#define SMALL_MAX 1024
#define LARGE_SIZE (320 * 1024) /* above glibc's default mmap threshold */
#define LARGE_EVERY 7           /* frames */
#define SIZE 96
#define TEX 64

struct block {
    unsigned char *p;
    size_t size;
    uint32_t seed;
};

/* In .bss, not in the heap under test. */
static struct block blocks[MAX_BLOCKS];
static size_t live;
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint32_t next_seed = 1;
static unsigned char texels[TEX * TEX * 4];
static unsigned char *pixels;

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static _Noreturn void fail(unsigned long frame, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static _Noreturn void fail(unsigned long frame, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, PROG ": frame %lu: ", frame);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static unsigned char pattern(uint32_t seed, size_t i)
{
    uint32_t x = seed * 2654435761u + (uint32_t)i * 40503u;
    return (unsigned char)(x ^ (x >> 11) ^ (x >> 19));
}

static void fill(struct block *b)
{
    for (size_t i = 0; i < b->size; i++)
        b->p[i] = pattern(b->seed, i);
}

static uintptr_t kernel_break(void)
{
    return (uintptr_t)syscall(SYS_brk, 0);
}

static uintptr_t libc_break(void)
{
    return (uintptr_t)sbrk(0);
}

/* Where the kernel's [heap] mapping (the brk area) begins. */
static uintptr_t brk_heap_start(void)
{
    FILE *f = fopen("/proc/self/maps", "re");
    char line[512];
    uintptr_t start = 0;
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "[heap]")) {
            start = (uintptr_t)strtoull(line, NULL, 16);
            break;
        }
    if (f)
        fclose(f);
    return start;
}

static void alloc_block(unsigned long frame, size_t size)
{
    if (live == MAX_BLOCKS)
        return;
    struct block *b = &blocks[live];
    b->p = malloc(size);
    if (!b->p)
        fail(frame, "malloc(%zu) failed", size);
    b->size = size;
    b->seed = next_seed++;
    fill(b);
    live++;
}

static void free_block(size_t i)
{
    free(blocks[i].p);
    blocks[i] = blocks[--live];
}

static void check_blocks(unsigned long frame, const char *when)
{
    for (size_t k = 0; k < live; k++) {
        const struct block *b = &blocks[k];
        for (size_t i = 0; i < b->size; i++)
            if (b->p[i] != pattern(b->seed, i))
                fail(frame, "%s: block %zu (%zu bytes at %p) corrupt at byte %zu: 0x%02x, "
                     "expected 0x%02x", when, k, b->size, (void *)b->p, i, b->p[i],
                     pattern(b->seed, i));
    }
}

static void check_breaks_agree(unsigned long frame, const char *when)
{
    uintptr_t k = kernel_break(), l = libc_break();
    if (k != l)
        fail(frame, "%s: the kernel's program break is 0x%" PRIxPTR " but the app's libc has "
             "0x%" PRIxPTR ": something else moved the break", when, k, l);
}

static void frame_gl(unsigned long n)
{
    /* Some driver work per frame: a texture upload, a few textured triangles, a read-back
     * into the app's heap (into a block between the pattern blocks). */
    for (size_t i = 0; i < sizeof texels; i++)
        texels[i] = (unsigned char)(i * 7 + n * 13);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, TEX, TEX, GL_RGBA, GL_UNSIGNED_BYTE, texels);
    glClearColor((float)(n % 10) / 10.0f, 0.2f, 0.3f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glEnable(GL_TEXTURE_2D);
    glBegin(GL_TRIANGLES);
    for (int k = 0; k < 8; k++) {
        float x = (float)k / 4.0f - 1.0f;
        glTexCoord2f(0, 0);
        glVertex2f(x, -1);
        glTexCoord2f(1, 0);
        glVertex2f(x + 0.25f, -1);
        glTexCoord2f(0.5f, 1);
        glVertex2f(x + 0.125f, (float)((n + (unsigned long)k) % 10) / 10.0f);
    }
    glEnd();
    glReadPixels(0, 0, SIZE, SIZE, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    GLenum err = glGetError();
    if (err != GL_NO_ERROR)
        fail(n, "GL error 0x%04x", (unsigned)err);
}

int main(int argc, char **argv)
{
    unsigned long frames = 100, inject_frame = 0;
    const char *inject = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--frames") && i + 1 < argc)
            frames = strtoul(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--inject") && i + 1 < argc)
            inject = argv[++i];
        else if (!strcmp(argv[i], "--inject-frame") && i + 1 < argc)
            inject_frame = strtoul(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: " PROG " [--frames N] [--inject corrupt|brk --inject-frame N]\n");
            return 2;
        }
    }
    if (inject && strcmp(inject, "corrupt") && strcmp(inject, "brk")) {
        fprintf(stderr, PROG ": --inject wants corrupt or brk\n");
        return 2;
    }

    /* Fixed thresholds (this also turns off glibc's dynamic mmap threshold): blocks from
     * 128 KiB up are mmap'ed, the arena grows by 64 MiB more than it needs, and never shrinks. */
    if (!mallopt(M_MMAP_THRESHOLD, 128 * 1024) || !mallopt(M_TOP_PAD, 64 * 1024 * 1024) ||
        !mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024))
        fail(0, "mallopt failed");

    /* Phase 1: grow the main arena with brk, before any GL. */
    check_breaks_agree(0, "at start");
    uintptr_t start_break = libc_break();
    for (int i = 0; i < INITIAL_BLOCKS; i++)
        alloc_block(0, 16 + rnd() % SMALL_MAX);
    pixels = malloc(SIZE * SIZE * 4);
    for (int i = 0; i < INITIAL_BLOCKS / 4; i++) /* leave holes */
        free_block(rnd() % live);
    uintptr_t grown_break = libc_break(), heap_start = brk_heap_start();
    size_t in_brk_heap = 0;
    for (size_t k = 0; k < live; k++)
        in_brk_heap += (uintptr_t)blocks[k].p >= heap_start &&
                       (uintptr_t)blocks[k].p + blocks[k].size <= grown_break;
    /* Otherwise the test would not test the brk heap at all. */
    if (grown_break < start_break + 4 * 1024 * 1024 || in_brk_heap != live)
        fail(0, "the main arena did not grow with brk as expected (heap 0x%" PRIxPTR ", break 0x%"
             PRIxPTR " -> 0x%" PRIxPTR ", %zu of %zu blocks inside)", heap_start, start_break,
             grown_break, in_brk_heap, live);
    check_breaks_agree(0, "after the first allocations");
    printf("heap: %zu blocks, break 0x%" PRIxPTR " -> 0x%" PRIxPTR "\n", live, start_break,
           grown_break);

    /* Phase 2: GL. */
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy)
        fail(0, "cannot open X display '%s'", getenv("DISPLAY") ? getenv("DISPLAY") : "");
    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8,
                     GLX_BLUE_SIZE, 8, None};
    XVisualInfo *vi = glXChooseVisual(dpy, DefaultScreen(dpy), attribs);
    if (!vi)
        fail(0, "no double-buffered RGB888 GLX visual");
    Window root = RootWindow(dpy, vi->screen);
    XSetWindowAttributes swa;
    memset(&swa, 0, sizeof swa);
    swa.colormap = XCreateColormap(dpy, root, vi->visual, AllocNone);
    Window win = XCreateWindow(dpy, root, 0, 0, SIZE, SIZE, 0, vi->depth, InputOutput, vi->visual,
                               CWColormap | CWBorderPixel, &swa);
    XMapWindow(dpy, win);
    XSync(dpy, False);
    GLXContext ctx = glXCreateContext(dpy, vi, NULL, True);
    if (!ctx || !glXMakeCurrent(dpy, win, ctx))
        fail(0, "cannot create and bind a GLX context");
    GLuint tex;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, TEX, TEX, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glViewport(0, 0, SIZE, SIZE);
    check_breaks_agree(0, "after GLX setup");
    check_blocks(0, "after GLX setup");

    for (unsigned long n = 1; n <= frames; n++) {
        /* No allocation by the app from here to the checks after the swap. */
        uintptr_t kernel_before = kernel_break(), libc_before = libc_break();
        frame_gl(n);
        glXSwapBuffers(dpy, win);
        if (inject && n == inject_frame) {
            if (!strcmp(inject, "corrupt"))
                blocks[live / 2].p[blocks[live / 2].size / 2] ^= 0x5a;
            else
                syscall(SYS_brk, kernel_break() + 65536);
        }
        uintptr_t kernel_after = kernel_break(), libc_after = libc_break();
        if (kernel_after != kernel_before || libc_after != libc_before)
            fail(n, "the program break moved during GL calls and the swap, with no allocation "
                 "by the app: kernel 0x%" PRIxPTR " -> 0x%" PRIxPTR ", libc 0x%" PRIxPTR " -> 0x%"
                 PRIxPTR, kernel_before, kernel_after, libc_before, libc_after);
        check_breaks_agree(n, "after the frame");
        check_blocks(n, "after the frame");

        /* The app's own activity between frames: free and allocate, check again. */
        for (int i = 0; i < CHURN_PER_FRAME && live; i++)
            free_block(rnd() % live);
        for (int i = 0; i < CHURN_PER_FRAME; i++)
            alloc_block(n, 16 + rnd() % SMALL_MAX);
        if (n % LARGE_EVERY == 0)
            alloc_block(n, LARGE_SIZE + rnd() % 4096);
        check_breaks_agree(n, "after the app's allocations");
        check_blocks(n, "after the app's allocations");
        printf("ok %lu\n", n);
        if (fflush(stdout) != 0)
            return 1;
    }

    glDeleteTextures(1, &tex);
    glXMakeCurrent(dpy, None, NULL);
    glXDestroyContext(dpy, ctx);
    XDestroyWindow(dpy, win);
    XFree(vi);
    XCloseDisplay(dpy);
    while (live)
        free_block(live - 1);
    free(pixels);
    printf("done\n");
    return 0;
}
