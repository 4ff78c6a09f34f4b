/* glMapBufferRange write maps, before and after the checkpoint: a write-only range that must
 * keep the bytes around what the app writes, an explicitly flushed range (only flushed parts
 * count), and invalidating maps of a range and of a whole buffer. */
#include "map_common.h"

#define VERTS 24
#define BYTES (VERTS * 2 * (GLsizeiptr)sizeof(float))

static GLuint plain, flushed, invalidated;
/* What the app knows each buffer holds where its contents are defined. */
static float expect_plain[VERTS * 2], expect_flushed[VERTS * 2], expect_invalidated[VERTS * 2];

static void fill(GLuint buffer, float *expected, int seed)
{
    map_triangles(expected, VERTS, seed);
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    glBufferData(GL_ARRAY_BUFFER, BYTES, expected, GL_DYNAMIC_DRAW);
}

static float *map(GLuint buffer, GLintptr first_vertex, int vertices, GLbitfield flags)
{
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    float *p = glMapBufferRange(GL_ARRAY_BUFFER, first_vertex * 8, vertices * 8, flags);
    if (!p)
        pt_fail("glMapBufferRange(0x%x) failed: 0x%x", flags, glGetError());
    return p;
}

static void unmap(void)
{
    if (!glUnmapBuffer(GL_ARRAY_BUFFER))
        pt_fail("glUnmapBuffer says the contents were lost");
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

/* Rewrites part of every buffer through a mapping; seed varies the data. */
static void update(int seed)
{
    float v[VERTS * 2];
    map_triangles(v, VERTS, seed);

    /* Vertices 6..17 mapped, only 9..11 written: the rest must keep the buffer's bytes. */
    float *p = map(plain, 6, 12, GL_MAP_WRITE_BIT);
    memcpy(p + 3 * 2, v + 9 * 2, 3 * 8);
    unmap();
    memcpy(expect_plain + 9 * 2, v + 9 * 2, 3 * 8);

    /* Vertices 0..23 mapped; 3..5 and 18..20 written, only 3..5 flushed (relative offset). */
    p = map(flushed, 0, VERTS, GL_MAP_WRITE_BIT | GL_MAP_FLUSH_EXPLICIT_BIT);
    memcpy(p + 3 * 2, v + 3 * 2, 3 * 8);
    glFlushMappedBufferRange(GL_ARRAY_BUFFER, 3 * 8, 3 * 8);
    unmap();
    memcpy(expect_flushed + 3 * 2, v + 3 * 2, 3 * 8);

    /* An invalidated range, rewritten whole. */
    p = map(invalidated, 12, 12, GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_RANGE_BIT);
    memcpy(p, v + 12 * 2, 12 * 8);
    unmap();
    memcpy(expect_invalidated + 12 * 2, v + 12 * 2, 12 * 8);
}

static void draw(void)
{
    map_draw(plain, 0, VERTS, 1.0f, 0.5f, 0.0f);
    map_draw(flushed, 0, 6, 0.0f, 1.0f, 0.5f);
    map_draw(invalidated, 12, 12, 0.5f, 0.0f, 1.0f);
}

static void report(const char *when)
{
    char what[64];
    snprintf(what, sizeof what, "%s: write-only range", when);
    map_buffer_check(what, plain, 0, BYTES, expect_plain);
    snprintf(what, sizeof what, "%s: flushed part", when);
    map_buffer_check(what, flushed, 0, 6 * 8, expect_flushed);
    snprintf(what, sizeof what, "%s: invalidated range", when);
    map_buffer_check(what, invalidated, 12 * 8, 12 * 8, expect_invalidated + 12 * 2);
    snprintf(what, sizeof what, "%s: frame", when);
    map_frame(what, draw);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint buffers[3];
    glGenBuffers(3, buffers);
    plain = buffers[0], flushed = buffers[1], invalidated = buffers[2];
    fill(plain, expect_plain, 1);
    fill(flushed, expect_flushed, 2);
    fill(invalidated, expect_invalidated, 3);
    update(4);
    report("before");

    pt_checkpoint();

    report("after");
    update(5);
    report("updated after");

    /* The whole buffer invalidated, then rewritten. */
    float v[VERTS * 2];
    map_triangles(v, VERTS, 6);
    float *p = map(invalidated, 0, VERTS, GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT);
    memcpy(p, v, (size_t)BYTES);
    unmap();
    map_buffer_check("whole buffer invalidated and rewritten", invalidated, 0, BYTES, v);
    return pt_done();
}
