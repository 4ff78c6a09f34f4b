/* Client attribute stack: vertex arrays (client memory, then a buffer object) pushed with
 * GL_CLIENT_VERTEX_ARRAY_BIT and changed, pixel store pushed with GL_CLIENT_PIXEL_STORE_BIT
 * and changed. After the checkpoint each level is popped in turn and proven by glGet, by a
 * glDrawArrays through the arrays and by a glDrawPixels through the unpack state. */
#include "preserve_draw.h"
#include "preserve_state.h"

static const GLfloat tri_a[] = {-0.9f, -0.9f, 0.8f, -0.7f, 0.0f, 0.9f};
static const GLubyte colors_a[] = {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255};
static const GLfloat tri_b[] = {0.9f, 0.9f, 0.5f, -0.9f, -0.8f, -0.2f, 0.3f, 0.3f, 0.2f, 0.9f, -0.5f, 0.1f};
static const GLfloat tri_c[] = {-0.5f, 0.5f, 0.0f, 0.5f, 0.5f, 0.0f, 0.0f, -0.6f, 0.0f};

static const struct pt_query queries[] = {
    PT_Q(GL_CLIENT_ATTRIB_STACK_DEPTH, 1), PT_Q(GL_VERTEX_ARRAY_SIZE, 1), PT_Q(GL_VERTEX_ARRAY_STRIDE, 1),
    PT_Q(GL_VERTEX_ARRAY_TYPE, 1), PT_Q(GL_VERTEX_ARRAY_BUFFER_BINDING, 1), PT_Q(GL_ARRAY_BUFFER_BINDING, 1),
    PT_Q(GL_COLOR_ARRAY_SIZE, 1), PT_Q(GL_CLIENT_ACTIVE_TEXTURE, 1), PT_Q(GL_UNPACK_ALIGNMENT, 1),
    PT_Q(GL_UNPACK_ROW_LENGTH, 1), PT_Q(GL_UNPACK_SKIP_PIXELS, 1), PT_Q(GL_UNPACK_SKIP_ROWS, 1), PT_Q(GL_UNPACK_SWAP_BYTES, 1),
    PT_Q(GL_PACK_ALIGNMENT, 1), PT_Q(GL_PACK_ROW_LENGTH, 1),
};

static const char *which_pointer(const void *p)
{
    if (p == tri_a)
        return "tri_a";
    if (p == tri_b)
        return "tri_b";
    if (p == colors_a)
        return "colors_a";
    return p ? "an offset" : "null";
}

static void print_state(const char *level)
{
    printf("-- %s\n", level);
    pt_queries(queries, (int)(sizeof queries / sizeof *queries));
    printf("vertex array enabled %d, color array enabled %d, normal array enabled %d\n",
           glIsEnabled(GL_VERTEX_ARRAY), glIsEnabled(GL_COLOR_ARRAY), glIsEnabled(GL_NORMAL_ARRAY));
    void *p = NULL;
    glGetPointerv(GL_VERTEX_ARRAY_POINTER, &p);
    printf("vertex pointer %s\n", which_pointer(p));
    glGetPointerv(GL_COLOR_ARRAY_POINTER, &p);
    printf("color pointer %s\n", which_pointer(p));
    /* The frames are read with a plain pack row length; a pop brings the level's back. */
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    char what[64];
    snprintf(what, sizeof what, "%s: arrays", level);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    pt_frame(what);
    /* 6x4 RGB bytes: row length, skips, alignment and byte order shape what is drawn. */
    static GLubyte image[256];
    pt_pattern(image, sizeof image, 77);
    glClear(GL_COLOR_BUFFER_BIT);
    glRasterPos2f(-0.5f, -0.5f);
    GLint valid = 0;
    glGetIntegerv(GL_CURRENT_RASTER_POSITION_VALID, &valid);
    pt_int("raster position valid", valid);
    glDrawPixels(6, 4, GL_RGB, GL_UNSIGNED_BYTE, image);
    snprintf(what, sizeof what, "%s: pixels", level);
    pt_frame(what);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint vbo;
    glGenBuffers(1, &vbo);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, sizeof tri_c, tri_c, GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, 0);

    glVertexPointer(2, GL_FLOAT, 0, tri_a);
    glColorPointer(4, GL_UNSIGNED_BYTE, 0, colors_a);
    glEnableClientState(GL_VERTEX_ARRAY);
    glEnableClientState(GL_COLOR_ARRAY);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 2);

    glPushClientAttrib(GL_CLIENT_VERTEX_ARRAY_BIT);
    glVertexPointer(3, GL_FLOAT, 16, tri_b);
    glDisableClientState(GL_COLOR_ARRAY);
    glClientActiveTexture(GL_TEXTURE2);

    glPushClientAttrib(GL_CLIENT_PIXEL_STORE_BIT);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 7);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, 1);
    glPixelStorei(GL_UNPACK_SWAP_BYTES, 1);
    glPixelStorei(GL_PACK_ROW_LENGTH, 3);

    glPushClientAttrib(GL_CLIENT_ALL_ATTRIB_BITS);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glVertexPointer(3, GL_FLOAT, 0, (const void *)0);
    glColor4f(0.9f, 0.8f, 0.2f, 1.0f);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 8);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, 2);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
    glPixelStorei(GL_UNPACK_SWAP_BYTES, 0);

    pt_checkpoint();

    print_state("top");
    for (int level = 2; level >= 0; level--) {
        glPopClientAttrib();
        pt_check_error("glPopClientAttrib");
        char what[32];
        snprintf(what, sizeof what, "level %d", level);
        print_state(what);
    }
    glPopClientAttrib();
    pt_int("pop of the empty stack raises", glGetError());
    return pt_done();
}
