/* Helpers shared by the mapped-buffer preserve tests: vertex data written through mappings,
 * drawn with the fixed-function pipeline, and hashes of what buffers and frames hold. */
#ifndef GLCR_TESTS_GL_MAP_COMMON_H
#define GLCR_TESTS_GL_MAP_COMMON_H

#include "preserve.h"

/* Writes `count` vertices (x, y) of small triangles whose places depend on seed. */
static inline void map_triangles(float *v, int count, int seed)
{
    for (int i = 0; i < count; i++) {
        int triangle = i / 3, corner = i % 3;
        float x = -0.9f + 0.35f * (float)((triangle + seed) % 5);
        float y = -0.9f + 0.35f * (float)((triangle * 3 + seed * 2) % 5);
        v[2 * i] = x + (corner == 1 ? 0.3f + 0.01f * (float)seed : 0.0f);
        v[2 * i + 1] = y + (corner == 2 ? 0.3f : 0.0f);
    }
}

/* Draws vertices [first, first + count) of vbo as triangles in one color. */
static inline void map_draw(GLuint vbo, GLint first, GLsizei count, float r, float g, float b)
{
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glEnableClientState(GL_VERTEX_ARRAY);
    glVertexPointer(2, GL_FLOAT, 0, NULL);
    glColor3f(r, g, b);
    glDrawArrays(GL_TRIANGLES, first, count);
    glDisableClientState(GL_VERTEX_ARRAY);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
}

/* A fact the app can check by itself: printed, and the test fails at once without it (the
 * runs are also compared with each other, which a fault common to all of them would pass). */
static inline void map_expect(const char *what, int holds)
{
    printf("%s %d\n", what, holds);
    if (!holds)
        pt_fail("not so: %s", what);
}

/* Hash of bytes [offset, offset + size) of a buffer as the GL holds them; they must be
 * `expected` (what the app knows it put there). */
static inline void map_buffer_check(const char *what, GLuint buffer, GLintptr offset, GLsizeiptr size,
                                    const void *expected)
{
    unsigned char *data = malloc((size_t)size);
    if (!data)
        pt_fail("out of memory");
    glBindBuffer(GL_COPY_READ_BUFFER, buffer);
    glGetBufferSubData(GL_COPY_READ_BUFFER, offset, size, data);
    glBindBuffer(GL_COPY_READ_BUFFER, 0);
    pt_check_error(what);
    printf("%s %016" PRIx64 "\n", what, pt_fnv(data, (size_t)size));
    int holds = !memcmp(data, expected, (size_t)size);
    free(data);
    map_expect("  as the app expects", holds);
}

/* The frame drawn by `draw`, on a cleared back buffer. */
static inline void map_frame(const char *what, void (*draw)(void))
{
    glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    draw();
    pt_frame(what);
}

#endif
