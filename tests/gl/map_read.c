/* Read maps see what the GPU wrote: a buffer filled by glCopyBufferSubData and one filled by
 * glReadPixels into a pixel-pack buffer, read through glMapBuffer(GL_READ_ONLY) and
 * glMapBufferRange(GL_MAP_READ_BIT); and a persistent coherent read map, whose pointer sees
 * each GPU copy after glFinish, before and after the checkpoint, at the same address. */
#include "map_common.h"

#define SIZE 4096

static GLuint source, copied, pixels, persistent;
static unsigned char *persistent_view;
/* What the GPU was asked to write: the copied bytes, the pixels, the persistent buffer. */
static unsigned char expect_copied[SIZE], expect_pixels[PT_W * PT_H * 4], expect_persistent[SIZE];

static void read_maps(const char *when)
{
    char what[96];
    glBindBuffer(GL_COPY_WRITE_BUFFER, copied);
    const unsigned char *p = glMapBuffer(GL_COPY_WRITE_BUFFER, GL_READ_ONLY);
    if (!p)
        pt_fail("glMapBuffer(GL_READ_ONLY) failed: 0x%x", glGetError());
    snprintf(what, sizeof what, "%s: glMapBuffer sees the copy", when);
    map_expect(what, !memcmp(p, expect_copied, SIZE));
    glUnmapBuffer(GL_COPY_WRITE_BUFFER);

    p = glMapBufferRange(GL_COPY_WRITE_BUFFER, 1000, 500, GL_MAP_READ_BIT);
    if (!p)
        pt_fail("glMapBufferRange(GL_MAP_READ_BIT) failed: 0x%x", glGetError());
    snprintf(what, sizeof what, "%s: glMapBufferRange sees the copy", when);
    map_expect(what, !memcmp(p, expect_copied + 1000, 500));
    glUnmapBuffer(GL_COPY_WRITE_BUFFER);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);

    glBindBuffer(GL_PIXEL_PACK_BUFFER, pixels);
    p = glMapBufferRange(GL_PIXEL_PACK_BUFFER, 0, PT_W * PT_H * 4, GL_MAP_READ_BIT);
    if (!p)
        pt_fail("mapping the pixel-pack buffer failed: 0x%x", glGetError());
    snprintf(what, sizeof what, "%s: pixels read back into a buffer", when);
    pt_bytes(what, p, PT_W * PT_H * 4);
    snprintf(what, sizeof what, "%s: the map sees the pixels", when);
    map_expect(what, !memcmp(p, expect_pixels, PT_W * PT_H * 4));
    glUnmapBuffer(GL_PIXEL_PACK_BUFFER);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

/* GPU work that writes every buffer the maps read; seed varies what it writes. */
static void gpu_writes(int seed)
{
    unsigned char data[SIZE];
    for (int i = 0; i < SIZE; i++)
        data[i] = (unsigned char)(i * 7 + seed * 13);
    memcpy(expect_copied, data, SIZE);
    memcpy(expect_persistent, data + seed * 100, SIZE / 2);
    glBindBuffer(GL_COPY_READ_BUFFER, source);
    glBufferSubData(GL_COPY_READ_BUFFER, 0, SIZE, data);
    glBindBuffer(GL_COPY_WRITE_BUFFER, copied);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, 0, 0, SIZE);
    glBindBuffer(GL_COPY_WRITE_BUFFER, persistent);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, (GLintptr)seed * 100, 0, SIZE / 2);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    glBindBuffer(GL_COPY_READ_BUFFER, 0);

    glClearColor(0.2f, 0.3f, 0.4f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    float v[6 * 2];
    map_triangles(v, 6, seed);
    glEnableClientState(GL_VERTEX_ARRAY);
    glVertexPointer(2, GL_FLOAT, 0, v);
    glColor3f(0.9f, 0.8f, 0.1f);
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glDisableClientState(GL_VERTEX_ARRAY);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, expect_pixels);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, pixels);
    glReadPixels(0, 0, PT_W, PT_H, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindBuffer(GL_PIXEL_PACK_BUFFER, 0);
}

static void persistent_read(const char *when)
{
    char what[96];
    glFinish();
    snprintf(what, sizeof what, "%s: the persistent read map sees the copy after glFinish", when);
    map_expect(what, !memcmp(persistent_view, expect_persistent, SIZE));
    void *now = NULL;
    glBindBuffer(GL_COPY_WRITE_BUFFER, persistent);
    glGetBufferPointerv(GL_COPY_WRITE_BUFFER, GL_BUFFER_MAP_POINTER, &now);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    snprintf(what, sizeof what, "%s: glGetBufferPointerv is the mapped pointer", when);
    map_expect(what, now == persistent_view);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint buffers[4];
    glGenBuffers(4, buffers);
    source = buffers[0], copied = buffers[1], pixels = buffers[2], persistent = buffers[3];
    glBindBuffer(GL_COPY_READ_BUFFER, source);
    glBufferData(GL_COPY_READ_BUFFER, SIZE, NULL, GL_STATIC_DRAW);
    glBindBuffer(GL_COPY_READ_BUFFER, copied);
    glBufferData(GL_COPY_READ_BUFFER, SIZE, NULL, GL_STREAM_READ);
    glBindBuffer(GL_COPY_READ_BUFFER, pixels);
    glBufferData(GL_COPY_READ_BUFFER, PT_W * PT_H * 4, NULL, GL_STREAM_READ);
    unsigned char zeros[SIZE] = {0};
    GLbitfield flags = GL_MAP_READ_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT;
    glBindBuffer(GL_COPY_READ_BUFFER, persistent);
    glBufferStorage(GL_COPY_READ_BUFFER, SIZE, zeros, flags);
    persistent_view = glMapBufferRange(GL_COPY_READ_BUFFER, 0, SIZE, flags);
    if (!persistent_view)
        pt_fail("persistent read map failed: 0x%x", glGetError());
    glBindBuffer(GL_COPY_READ_BUFFER, 0);

    gpu_writes(1);
    read_maps("before");
    persistent_read("before");

    pt_checkpoint();

    read_maps("after");
    persistent_read("after");
    gpu_writes(2);
    read_maps("written after");
    persistent_read("written after");
    glBindBuffer(GL_COPY_READ_BUFFER, persistent);
    glUnmapBuffer(GL_COPY_READ_BUFFER);
    glBindBuffer(GL_COPY_READ_BUFFER, 0);
    return pt_done();
}
