/* viewer: a small OBJ model viewer for glcr's benchmarks (bench/run).
 *
 * It does what a DCC tool or f3d does at start, in miniature: parse a large OBJ file, upload
 * its geometry to GL buffers, and render the model turning, frame after frame, until killed.
 * It uses only GL state that glcr restores today (a legacy GLX context, fixed-function
 * lighting, buffer objects bound to client arrays, textures), so it serves the benchmarks
 * that need a restorable app with a real load time: restore vs cold start as the model grows,
 * and the snapshot pause.
 *
 *   --gl-data MB   also create MB of GL data (half 2D textures, half buffers) filled with
 *                  incompressible bytes, and bind a little of it each frame: the scaling
 *                  benchmark's "GL data grows" (it needs no model)
 *   --size WxH     window size (default 640x480)
 *
 * Prints, on stdout, one line per phase: "load S" (parse seconds), "upload MB S" (seconds
 * for MB of GL data including glFinish: the driver's upload bandwidth) and "first-frame".
 *
 * Geometry is indexed by OBJ position: a vertex is a position and the normal its face corners
 * name (gen_obj.py writes the same index for v, vt and vn, so nothing is lost there; other
 * files get one normal per position). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>
#include <GL/glx.h>

#define PROG "viewer"
#define CHUNK_BYTES (16u << 20) /* one texture (2048x2048 RGBA8) or buffer of --gl-data */

struct growable {
    void *data;
    size_t count, cap, elem;
};

static void *grow(struct growable *g, size_t n)
{
    if (g->count + n > g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 1024;
        while (cap < g->count + n)
            cap *= 2;
        void *p = realloc(g->data, cap * g->elem);
        if (!p) {
            fprintf(stderr, PROG ": out of memory loading the model\n");
            exit(1);
        }
        g->data = p;
        g->cap = cap;
    }
    void *at = (char *)g->data + g->count * g->elem;
    g->count += n;
    return at;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct model {
    struct growable positions; /* float[3] */
    struct growable normals;   /* float[3], all referenced normals in file order */
    struct growable vertex_normal; /* uint32 per position: index into normals, or UINT32_MAX */
    struct growable indices;   /* uint32 triangle corners (position indices) */
    float min[3], max[3];
};

/* Parses "a", "a/b", "a//c" or "a/b/c" (1-based, negative = relative). */
static const char *parse_corner(const char *p, long npos, long nnorm, long *pos, long *norm)
{
    char *end;
    long v = strtol(p, &end, 10);
    *pos = v < 0 ? npos + v : v - 1;
    *norm = -1;
    p = end;
    if (*p == '/') {
        p++;
        if (*p != '/') {
            (void)strtol(p, &end, 10); /* the texture coordinate: not used */
            p = end;
        }
        if (*p == '/') {
            long n = strtol(p + 1, &end, 10);
            *norm = n < 0 ? nnorm + n : n - 1;
            p = end;
        }
    }
    return p;
}

static void load_obj(const char *path, struct model *m)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        fprintf(stderr, PROG ": cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t size = (size_t)st.st_size;
    char *text = size ? mmap(NULL, size + 1, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    close(fd);
    if (size && text == MAP_FAILED) {
        fprintf(stderr, PROG ": cannot map %s: %s\n", path, strerror(errno));
        exit(1);
    }
    m->positions.elem = m->normals.elem = 3 * sizeof(float);
    m->vertex_normal.elem = m->indices.elem = sizeof(uint32_t);
    for (int k = 0; k < 3; k++)
        m->min[k] = INFINITY, m->max[k] = -INFINITY;
    const char *p = text, *end = text + size;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol)
            eol = end;
        if (p[0] == 'v' && p[1] == ' ') {
            float *v = grow(&m->positions, 1);
            char *e;
            const char *q = p + 2;
            for (int k = 0; k < 3; k++, q = e) {
                v[k] = strtof(q, &e);
                if (v[k] < m->min[k])
                    m->min[k] = v[k];
                if (v[k] > m->max[k])
                    m->max[k] = v[k];
            }
            *(uint32_t *)grow(&m->vertex_normal, 1) = UINT32_MAX;
        } else if (p[0] == 'v' && p[1] == 'n' && p[2] == ' ') {
            float *n = grow(&m->normals, 1);
            char *e;
            const char *q = p + 3;
            for (int k = 0; k < 3; k++, q = e)
                n[k] = strtof(q, &e);
        } else if (p[0] == 'f' && p[1] == ' ') {
            long corner[64];
            int nc = 0;
            const char *q = p + 2;
            while (q < eol && nc < 64) {
                while (q < eol && *q == ' ')
                    q++;
                if (q >= eol || *q == '\r')
                    break;
                long pos, norm;
                q = parse_corner(q, (long)m->positions.count, (long)m->normals.count, &pos, &norm);
                if (pos < 0 || (size_t)pos >= m->positions.count)
                    break;
                if (norm >= 0 && (size_t)norm < m->normals.count)
                    ((uint32_t *)m->vertex_normal.data)[pos] = (uint32_t)norm;
                corner[nc++] = pos;
                while (q < eol && *q != ' ')
                    q++;
            }
            for (int k = 2; k < nc; k++) { /* a fan: polygons become triangles */
                uint32_t *t = grow(&m->indices, 3);
                t[0] = (uint32_t)corner[0], t[1] = (uint32_t)corner[k - 1], t[2] = (uint32_t)corner[k];
            }
        }
        p = eol + 1;
    }
    if (size)
        munmap(text, size + 1);
}

/* Interleaved position + normal per vertex, as uploaded. */
static float *vertex_array(const struct model *m)
{
    float *out = malloc(m->positions.count * 6 * sizeof(float));
    if (!out) {
        fprintf(stderr, PROG ": out of memory building the vertex array\n");
        exit(1);
    }
    const float *pos = m->positions.data, *nrm = m->normals.data;
    const uint32_t *vn = m->vertex_normal.data;
    for (size_t i = 0; i < m->positions.count; i++) {
        memcpy(out + 6 * i, pos + 3 * i, 3 * sizeof(float));
        if (vn[i] != UINT32_MAX)
            memcpy(out + 6 * i + 3, nrm + 3 * (size_t)vn[i], 3 * sizeof(float));
        else
            out[6 * i + 3] = 0, out[6 * i + 4] = 1, out[6 * i + 5] = 0;
    }
    return out;
}

/* Bytes nobody can compress or deduplicate: a snapshot must really carry them. */
static void fill_noise(uint32_t *words, size_t n, uint64_t *state)
{
    for (size_t i = 0; i < n; i++) {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        words[i] = (uint32_t)*state;
    }
}

struct gl_data {
    GLuint *textures, *buffers;
    unsigned ntextures, nbuffers;
};

static void create_gl_data(unsigned long mb, struct gl_data *d)
{
    unsigned long chunks = (mb * (1ul << 20) + CHUNK_BYTES - 1) / CHUNK_BYTES;
    d->ntextures = (unsigned)(chunks / 2);
    d->nbuffers = (unsigned)(chunks - chunks / 2);
    d->textures = calloc(d->ntextures + 1, sizeof(GLuint));
    d->buffers = calloc(d->nbuffers + 1, sizeof(GLuint));
    uint32_t *bytes = malloc(CHUNK_BYTES);
    if (!d->textures || !d->buffers || !bytes) {
        fprintf(stderr, PROG ": out of memory for --gl-data\n");
        exit(1);
    }
    uint64_t state = 0x9e3779b97f4a7c15ull;
    glGenTextures((GLsizei)d->ntextures, d->textures);
    glGenBuffers((GLsizei)d->nbuffers, d->buffers);
    for (unsigned i = 0; i < d->ntextures; i++) {
        fill_noise(bytes, CHUNK_BYTES / 4, &state);
        glBindTexture(GL_TEXTURE_2D, d->textures[i]);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 2048, 2048, 0, GL_RGBA, GL_UNSIGNED_BYTE, bytes);
    }
    for (unsigned i = 0; i < d->nbuffers; i++) {
        fill_noise(bytes, CHUNK_BYTES / 4, &state);
        glBindBuffer(GL_ARRAY_BUFFER, d->buffers[i]);
        glBufferData(GL_ARRAY_BUFFER, CHUNK_BYTES, bytes, GL_STATIC_DRAW);
    }
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    free(bytes);
}

static unsigned long number(const char *flag, const char *text)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end) {
        fprintf(stderr, PROG ": %s wants a number, not '%s'\n", flag, text);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv)
{
    const char *model_path = NULL;
    unsigned long gl_data_mb = 0, width = 640, height = 480;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--gl-data") && i + 1 < argc)
            gl_data_mb = number("--gl-data", argv[++i]);
        else if (!strcmp(argv[i], "--size") && i + 1 < argc) {
            char *x;
            width = strtoul(argv[++i], &x, 10);
            height = *x == 'x' ? strtoul(x + 1, NULL, 10) : 0;
            if (!width || !height || width > 8192 || height > 8192) {
                fprintf(stderr, PROG ": --size wants WxH, not '%s'\n", argv[i]);
                return 2;
            }
        } else if (argv[i][0] != '-' && !model_path)
            model_path = argv[i];
        else {
            fprintf(stderr, "usage: " PROG " [MODEL.obj] [--gl-data MB] [--size WxH]\n");
            return 2;
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    /* Like a viewer that shows its window only once the file is read: the window's first
     * frame is the model. */
    struct model m = {0};
    double t0 = now_s();
    if (model_path) {
        load_obj(model_path, &m);
        printf("load %.3f s: %zu vertices, %zu triangles\n", now_s() - t0, m.positions.count,
               m.indices.count / 3);
    }

    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, PROG ": cannot open the X display\n");
        return 1;
    }
    int attribs[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_RED_SIZE, 8, GLX_GREEN_SIZE, 8,
                     GLX_BLUE_SIZE, 8, GLX_DEPTH_SIZE, 24, None};
    XVisualInfo *vi = glXChooseVisual(dpy, DefaultScreen(dpy), attribs);
    if (!vi) {
        fprintf(stderr, PROG ": no double-buffered RGB visual with depth\n");
        return 1;
    }
    Window root = RootWindow(dpy, vi->screen);
    XSetWindowAttributes swa;
    memset(&swa, 0, sizeof swa);
    swa.colormap = XCreateColormap(dpy, root, vi->visual, AllocNone);
    Window win = XCreateWindow(dpy, root, 0, 0, (unsigned)width, (unsigned)height, 0, vi->depth,
                               InputOutput, vi->visual, CWColormap | CWBorderPixel, &swa);
    XStoreName(dpy, win, PROG);
    XMapWindow(dpy, win);
    GLXContext ctx = glXCreateContext(dpy, vi, NULL, True);
    if (!ctx || !glXMakeCurrent(dpy, win, ctx)) {
        fprintf(stderr, PROG ": cannot create and bind a GLX context\n");
        return 1;
    }

    double t1 = now_s();
    GLuint vbo = 0, ibo = 0;
    size_t uploaded = 0;
    if (model_path) {
        float *verts = vertex_array(&m);
        glGenBuffers(1, &vbo);
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glBufferData(GL_ARRAY_BUFFER, (GLsizeiptr)(m.positions.count * 6 * sizeof(float)), verts, GL_STATIC_DRAW);
        glGenBuffers(1, &ibo);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, (GLsizeiptr)(m.indices.count * sizeof(uint32_t)), m.indices.data,
                     GL_STATIC_DRAW);
        uploaded += m.positions.count * 6 * sizeof(float) + m.indices.count * sizeof(uint32_t);
        free(verts);
        free(m.positions.data);
        free(m.normals.data);
        free(m.vertex_normal.data);
        free(m.indices.data);
        m.positions.data = m.normals.data = m.vertex_normal.data = m.indices.data = NULL;
    }
    struct gl_data extra = {0};
    if (gl_data_mb) {
        create_gl_data(gl_data_mb, &extra);
        uploaded += (size_t)(extra.ntextures + extra.nbuffers) * CHUNK_BYTES;
    }
    glFinish();
    double upload_s = now_s() - t1;
    if (uploaded)
        printf("upload %.1f MB %.3f s\n", (double)uploaded / 1e6, upload_s);

    /* Fixed-function lighting, the model's vertices straight from the buffers. */
    glEnable(GL_DEPTH_TEST);
    glEnable(GL_LIGHTING);
    glEnable(GL_LIGHT0);
    glEnable(GL_NORMALIZE);
    glEnable(GL_COLOR_MATERIAL);
    static const GLfloat light_pos[4] = {0.4f, 1.0f, 0.6f, 0.0f};
    glLightfv(GL_LIGHT0, GL_POSITION, light_pos);
    glClearColor(0.2f, 0.2f, 0.2f, 1.0f);
    glColor3f(0.75f, 0.7f, 0.55f);
    glMatrixMode(GL_PROJECTION);
    glLoadIdentity();
    double aspect = (double)width / (double)height;
    glFrustum(-0.1 * aspect, 0.1 * aspect, -0.1, 0.1, 0.2, 100.0);
    glMatrixMode(GL_MODELVIEW);
    float center[3] = {0, 0, 0}, radius = 1;
    if (model_path && m.indices.count) {
        float ext = 0;
        for (int k = 0; k < 3; k++) {
            center[k] = (m.min[k] + m.max[k]) / 2;
            if (m.max[k] - m.min[k] > ext)
                ext = m.max[k] - m.min[k];
        }
        radius = ext > 0 ? ext * 0.75f : 1;
    }
    if (model_path) {
        glBindBuffer(GL_ARRAY_BUFFER, vbo);
        glEnableClientState(GL_VERTEX_ARRAY);
        glEnableClientState(GL_NORMAL_ARRAY);
        glVertexPointer(3, GL_FLOAT, 6 * sizeof(float), (const void *)0);
        glNormalPointer(GL_FLOAT, 6 * sizeof(float), (const void *)(3 * sizeof(float)));
        glBindBuffer(GL_ARRAY_BUFFER, 0);
    }

    size_t triangles = m.indices.count / 3;
    for (unsigned long frame = 0;; frame++) {
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glLoadIdentity();
        glTranslatef(0, 0, -3.0f * radius / 1.0f);
        glRotatef(25.0f, 1, 0, 0);
        glRotatef((float)(frame % 360), 0, 1, 0);
        glTranslatef(-center[0], -center[1], -center[2]);
        if (model_path)
            glDrawElements(GL_TRIANGLES, (GLsizei)(triangles * 3), GL_UNSIGNED_INT, (const void *)0);
        if (extra.ntextures) { /* a small quad from one of the textures: they are in use */
            glEnable(GL_TEXTURE_2D);
            glBindTexture(GL_TEXTURE_2D, extra.textures[frame % extra.ntextures]);
            glBegin(GL_QUADS);
            glTexCoord2f(0, 0), glVertex3f(center[0] - 0.2f, center[1] - 0.2f, center[2]);
            glTexCoord2f(1, 0), glVertex3f(center[0] + 0.2f, center[1] - 0.2f, center[2]);
            glTexCoord2f(1, 1), glVertex3f(center[0] + 0.2f, center[1] + 0.2f, center[2]);
            glTexCoord2f(0, 1), glVertex3f(center[0] - 0.2f, center[1] + 0.2f, center[2]);
            glEnd();
            glDisable(GL_TEXTURE_2D);
        }
        glXSwapBuffers(dpy, win);
        if (frame == 0)
            printf("first-frame %.3f s after start\n", now_s() - t0);
        while (XPending(dpy)) {
            XEvent ev;
            XNextEvent(dpy, &ev);
        }
    }
}
