/* frameprobe: counts the frames a native GLX app presents, for bench/run.
 *
 * Preloaded (LD_PRELOAD) into an app that runs without glcr, it wraps glXSwapBuffers and
 * keeps, in a small file shared with the harness (FRAMEPROBE_FILE), the number of frames
 * presented and the CLOCK_MONOTONIC times of the first frame, of the first frame that shows
 * content and of the latest frame. The harness reads that file while the app runs: the same
 * clock as Python's time.monotonic(), so "launched at" and "first frame at" compare directly.
 *
 * "Shows content": a viewer presents frames of an empty background before the model it loads
 * is ready (or not: f3d loads first). With FRAMEPROBE_CONTENT=1 the back buffer's middle row
 * and middle column are read before each swap, until one frame has at least 1% of those
 * pixels differing from its corner pixel. Reading costs a few milliseconds per frame, and
 * only until that frame, so the cold start it times includes that much extra; the app's own
 * pixel-pack state and bindings are saved and put back around the read.
 *
 * Under glcr this library is not used: glcr's glXSwapBuffers comes first in the preload order,
 * and glcr counts presented frames itself (glcr status --json). */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <GL/gl.h>
#include <GL/glx.h>

#define GL_READ_FRAMEBUFFER 0x8CA8
#define GL_READ_FRAMEBUFFER_BINDING 0x8CAA
#define GL_PIXEL_PACK_BUFFER 0x88EB
#define GL_PIXEL_PACK_BUFFER_BINDING 0x88ED

/* The file's layout, read by bench/run (little-endian u64 each). */
struct probe_page {
    uint64_t frames;
    uint64_t first_frame_ns;
    uint64_t first_content_ns;
    uint64_t last_frame_ns;
    uint64_t content_width, content_height; /* size of the frame that showed content */
};

static struct probe_page *page;
static int want_content;
static void (*real_swap)(Display *, GLXDrawable);

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

__attribute__((constructor)) static void probe_init(void)
{
    const char *path = getenv("FRAMEPROBE_FILE");
    const char *content = getenv("FRAMEPROBE_CONTENT");
    want_content = content && *content == '1';
    if (!path || !*path)
        return;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    if (ftruncate(fd, 4096) == 0) {
        void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p != MAP_FAILED)
            page = p;
    }
    close(fd);
}

typedef void (*gl_bind_framebuffer_fn)(GLenum, GLuint);
typedef void (*gl_bind_buffer_fn)(GLenum, GLuint);

static int differs(const unsigned char *a, const unsigned char *b)
{
    for (int c = 0; c < 3; c++)
        if (abs((int)a[c] - (int)b[c]) > 8)
            return 1;
    return 0;
}

/* True when the back buffer of the current drawable shows more than a plain background. */
static int back_buffer_has_content(Display *dpy, GLXDrawable drawable)
{
    unsigned w = 0, h = 0;
    glXQueryDrawable(dpy, drawable, GLX_WIDTH, &w);
    glXQueryDrawable(dpy, drawable, GLX_HEIGHT, &h);
    if (!w || !h || w > 16384 || h > 16384)
        return 0;
    gl_bind_framebuffer_fn bind_fb = (gl_bind_framebuffer_fn)glXGetProcAddress((const GLubyte *)"glBindFramebuffer");
    gl_bind_buffer_fn bind_buf = (gl_bind_buffer_fn)glXGetProcAddress((const GLubyte *)"glBindBuffer");
    GLint read_fb = 0, read_buf = 0, pack_buf = 0, align = 4, row_len = 0, skip_rows = 0, skip_px = 0;
    if (bind_fb)
        glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &read_fb);
    if (bind_buf)
        glGetIntegerv(GL_PIXEL_PACK_BUFFER_BINDING, &pack_buf);
    glGetIntegerv(GL_READ_BUFFER, &read_buf);
    glGetIntegerv(GL_PACK_ALIGNMENT, &align);
    glGetIntegerv(GL_PACK_ROW_LENGTH, &row_len);
    glGetIntegerv(GL_PACK_SKIP_ROWS, &skip_rows);
    glGetIntegerv(GL_PACK_SKIP_PIXELS, &skip_px);
    if (bind_fb)
        bind_fb(GL_READ_FRAMEBUFFER, 0);
    if (bind_buf)
        bind_buf(GL_PIXEL_PACK_BUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glPixelStorei(GL_PACK_SKIP_ROWS, 0);
    glPixelStorei(GL_PACK_SKIP_PIXELS, 0);
    unsigned char *row = malloc((size_t)w * 4), *col = malloc((size_t)h * 4);
    int found = 0;
    if (row && col) {
        glReadPixels(0, (GLint)h / 2, (GLsizei)w, 1, GL_RGBA, GL_UNSIGNED_BYTE, row);
        glReadPixels((GLint)w / 2, 0, 1, (GLsizei)h, GL_RGBA, GL_UNSIGNED_BYTE, col);
        unsigned n = 0;
        for (unsigned i = 0; i < w; i++)
            n += (unsigned)differs(row + 4 * i, row);
        for (unsigned i = 0; i < h; i++)
            n += (unsigned)differs(col + 4 * i, row);
        found = n * 100 >= w + h;
    }
    free(row);
    free(col);
    glPixelStorei(GL_PACK_ALIGNMENT, align);
    glPixelStorei(GL_PACK_ROW_LENGTH, row_len);
    glPixelStorei(GL_PACK_SKIP_ROWS, skip_rows);
    glPixelStorei(GL_PACK_SKIP_PIXELS, skip_px);
    glReadBuffer((GLenum)read_buf);
    if (bind_buf)
        bind_buf(GL_PIXEL_PACK_BUFFER, (GLuint)pack_buf);
    if (bind_fb)
        bind_fb(GL_READ_FRAMEBUFFER, (GLuint)read_fb);
    if (found && page) {
        page->content_width = w;
        page->content_height = h;
    }
    return found;
}

__attribute__((visibility("default"))) void glXSwapBuffers(Display *dpy, GLXDrawable drawable)
{
    if (!real_swap)
        real_swap = (void (*)(Display *, GLXDrawable))dlsym(RTLD_NEXT, "glXSwapBuffers");
    int content = 0;
    if (page && want_content && !page->first_content_ns)
        content = back_buffer_has_content(dpy, drawable);
    if (real_swap)
        real_swap(dpy, drawable);
    if (!page)
        return;
    uint64_t t = now_ns();
    if (!page->frames)
        page->first_frame_ns = t;
    if (content)
        page->first_content_ns = t;
    page->last_frame_ns = t;
    __atomic_store_n(&page->frames, page->frames + 1, __ATOMIC_RELEASE);
}
