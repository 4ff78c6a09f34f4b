/* A persistent coherent write map, written by the app every frame and drawn from, over frames
 * with the checkpoint in the middle (with GLCR_RELOAD_EVERY=1 every frame reloads the
 * driver). The GPU also writes the second half of the same buffer (glCopyBufferSubData):
 * what the app pushes through the mapping must not overwrite it. A persistent explicitly
 * flushed map of another buffer is drawn from too. */
#include "map_common.h"

#define VERTS 12
#define HALF (VERTS * 2 * (GLsizeiptr)sizeof(float))
#define FRAMES 6

static GLuint coherent, flushed, source;
static float *coherent_view, *flushed_view;
static float source_data[VERTS * 4];
/* The coherent buffer as the app expects it: its vertices, then the GPU's copy. */
static float expected[VERTS * 4];

static void frame_data(int frame)
{
    map_triangles(coherent_view, VERTS, frame);
    map_triangles(flushed_view, VERTS, frame + 7);
    glBindBuffer(GL_ARRAY_BUFFER, flushed);
    glFlushMappedBufferRange(GL_ARRAY_BUFFER, 0, HALF / 2);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    /* The GPU's half: a copy of the source with the frame's offset. */
    glBindBuffer(GL_COPY_READ_BUFFER, source);
    glBindBuffer(GL_COPY_WRITE_BUFFER, coherent);
    glCopyBufferSubData(GL_COPY_READ_BUFFER, GL_COPY_WRITE_BUFFER, (frame % 3) * 3 * 8, HALF, HALF / 2);
    memcpy(expected, coherent_view, HALF);
    memcpy(expected + VERTS * 2, source_data + (frame % 3) * 3 * 2, HALF / 2);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    glBindBuffer(GL_COPY_READ_BUFFER, 0);
}

static void draw(void)
{
    map_draw(coherent, 0, VERTS, 1.0f, 0.6f, 0.2f);
    map_draw(coherent, VERTS, VERTS / 2, 0.2f, 0.6f, 1.0f);
    map_draw(flushed, 0, VERTS / 2, 0.4f, 1.0f, 0.4f);
}

static float *persistent_map(GLuint buffer, GLbitfield storage, GLbitfield map)
{
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    glBufferStorage(GL_ARRAY_BUFFER, 2 * HALF, NULL, storage);
    float *p = glMapBufferRange(GL_ARRAY_BUFFER, 0, 2 * HALF, map);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    if (!p)
        pt_fail("persistent map (0x%x) failed: 0x%x", map, glGetError());
    return p;
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint buffers[3];
    glGenBuffers(3, buffers);
    coherent = buffers[0], flushed = buffers[1], source = buffers[2];
    GLbitfield bits = GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT;
    coherent_view = persistent_map(coherent, bits, bits);
    flushed_view = persistent_map(flushed, GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT,
                                  GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_FLUSH_EXPLICIT_BIT);
    map_triangles(source_data, VERTS * 2, 11);
    glBindBuffer(GL_COPY_READ_BUFFER, source);
    glBufferData(GL_COPY_READ_BUFFER, sizeof source_data, source_data, GL_STATIC_DRAW);
    glBindBuffer(GL_COPY_READ_BUFFER, 0);
    float *const first_view = coherent_view;

    for (int frame = 0; frame < FRAMES; frame++) {
        char what[64];
        frame_data(frame);
        snprintf(what, sizeof what, "frame %d", frame);
        map_frame(what, draw);
        snprintf(what, sizeof what, "frame %d: buffer", frame);
        map_buffer_check(what, coherent, 0, HALF + HALF / 2, expected);
        if (frame == FRAMES / 2)
            pt_checkpoint();
        else
            glXSwapBuffers(pt.dpy, pt.win);
    }
    void *now = NULL;
    glBindBuffer(GL_ARRAY_BUFFER, coherent);
    glGetBufferPointerv(GL_ARRAY_BUFFER, GL_BUFFER_MAP_POINTER, &now);
    map_expect("the mapped pointer is unchanged", now == first_view && coherent_view == first_view);
    glUnmapBuffer(GL_ARRAY_BUFFER);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    return pt_done();
}
