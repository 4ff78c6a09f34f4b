/* Buffers mapped at the checkpoint and used through the same pointers after it: a
 * glMapBuffer(GL_WRITE_ONLY) map written half before and half after, an explicitly flushed
 * range flushed in two parts around it, an invalidated range and a read map read after it.
 * GL must still call them mapped, with the app's pointer, until the app unmaps them. */
#include "map_common.h"

#define VERTS 12
#define BYTES (VERTS * 2 * (GLsizeiptr)sizeof(float))

static GLuint whole, flushed, invalidated, readable;

static void *map_range(GLuint buffer, GLbitfield flags)
{
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    void *p = glMapBufferRange(GL_ARRAY_BUFFER, BYTES / 2, BYTES / 2, flags);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    if (!p)
        pt_fail("glMapBufferRange(0x%x) failed: 0x%x", flags, glGetError());
    return p;
}

static void mapped_state(const char *name, GLuint buffer, const void *pointer)
{
    char what[96];
    GLint mapped = 0;
    GLint64 offset = 0, length = 0;
    void *now = NULL;
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    glGetBufferParameteriv(GL_ARRAY_BUFFER, GL_BUFFER_MAPPED, &mapped);
    glGetBufferParameteri64v(GL_ARRAY_BUFFER, GL_BUFFER_MAP_OFFSET, &offset);
    glGetBufferParameteri64v(GL_ARRAY_BUFFER, GL_BUFFER_MAP_LENGTH, &length);
    glGetBufferPointerv(GL_ARRAY_BUFFER, GL_BUFFER_MAP_POINTER, &now);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    snprintf(what, sizeof what, "%s: offset, length", name);
    printf("%s %lld %lld\n", what, (long long)offset, (long long)length);
    snprintf(what, sizeof what, "%s: still mapped, at the app's pointer", name);
    map_expect(what, mapped && now == pointer);
}

static void unmap(GLuint buffer)
{
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    if (!glUnmapBuffer(GL_ARRAY_BUFFER))
        pt_fail("glUnmapBuffer(buffer %u) says the contents were lost", buffer);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

static void draw(void)
{
    map_draw(whole, 0, VERTS, 1.0f, 0.3f, 0.3f);
    map_draw(flushed, 0, VERTS, 0.3f, 1.0f, 0.3f);
    map_draw(invalidated, VERTS / 2, VERTS / 2, 0.3f, 0.3f, 1.0f);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint buffers[4];
    glGenBuffers(4, buffers);
    whole = buffers[0], flushed = buffers[1], invalidated = buffers[2], readable = buffers[3];
    static float initial[4][VERTS * 2];
    for (int i = 0; i < 4; i++) {
        map_triangles(initial[i], VERTS, i + 1);
        glBindBuffer(GL_ARRAY_BUFFER, buffers[i]);
        glBufferData(GL_ARRAY_BUFFER, BYTES, initial[i], GL_DYNAMIC_DRAW);
    }
    float fresh[VERTS * 2];
    map_triangles(fresh, VERTS, 9);

    glBindBuffer(GL_ARRAY_BUFFER, whole);
    float *whole_view = glMapBuffer(GL_ARRAY_BUFFER, GL_WRITE_ONLY);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    if (!whole_view)
        pt_fail("glMapBuffer(GL_WRITE_ONLY) failed: 0x%x", glGetError());
    float *flushed_view = map_range(flushed, GL_MAP_WRITE_BIT | GL_MAP_FLUSH_EXPLICIT_BIT);
    float *invalidated_view = map_range(invalidated, GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT);
    const float *readable_view = map_range(readable, GL_MAP_READ_BIT);

    /* Half of the writes before the checkpoint. */
    memcpy(whole_view, fresh, 3 * 8);
    memcpy(flushed_view, fresh, 3 * 8);
    glBindBuffer(GL_ARRAY_BUFFER, flushed);
    glFlushMappedBufferRange(GL_ARRAY_BUFFER, 0, 3 * 8);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    memcpy(invalidated_view, fresh, 3 * 8);
    map_expect("read map before holds the buffer", !memcmp(readable_view, initial[3] + VERTS, BYTES / 2));

    pt_checkpoint();

    mapped_state("glMapBuffer", whole, whole_view);
    mapped_state("flushed range", flushed, flushed_view);
    mapped_state("invalidated range", invalidated, invalidated_view);
    mapped_state("read range", readable, readable_view);
    map_expect("read map after holds the buffer", !memcmp(readable_view, initial[3] + VERTS, BYTES / 2));

    /* The other half after it. */
    memcpy(whole_view + 3 * 2, fresh + 3 * 2, 3 * 8);
    memcpy(flushed_view + 3 * 2, fresh + 3 * 2, 3 * 8);
    glBindBuffer(GL_ARRAY_BUFFER, flushed);
    glFlushMappedBufferRange(GL_ARRAY_BUFFER, 3 * 8, 3 * 8);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    memcpy(invalidated_view + 3 * 2, fresh + 3 * 2, (size_t)BYTES / 2 - 3 * 8);
    for (int i = 0; i < 4; i++)
        unmap(buffers[i]);

    /* Expected: the first 6 vertices rewritten in the first two, the mapped half in the
     * third, nothing in the read one. */
    memcpy(initial[0], fresh, 6 * 8);
    memcpy(initial[1] + VERTS, fresh, 6 * 8);
    map_buffer_check("glMapBuffer buffer", whole, 0, BYTES, initial[0]);
    map_buffer_check("flushed buffer", flushed, 0, BYTES, initial[1]);
    map_buffer_check("invalidated range", invalidated, BYTES / 2, BYTES / 2, fresh);
    map_buffer_check("read buffer", readable, 0, BYTES, initial[3]);
    map_frame("frame", draw);
    return pt_done();
}
