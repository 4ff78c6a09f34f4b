/* Client vertex arrays: vertex, normal, color, secondary color, fog coordinate and texture
 * coordinates on two units, some in client memory and some in buffer objects, with
 * strides and offsets; the client active unit; generic attributes. After the checkpoint
 * the pointers are still the app's (same addresses) and drawing uses them. */
#include "preserve_draw.h"

static GLfloat vertices[4][3] = {{-0.9f, -0.9f, 0}, {0.9f, -0.8f, 0}, {0.8f, 0.9f, 0}, {-0.7f, 0.8f, 0}};
static GLubyte colors[4][4] = {{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {255, 255, 0, 255}};
static GLfloat texcoords1[4][2] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
static GLfloat fog[4] = {0.1f, 0.9f, 0.5f, 0.3f};

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    /* Interleaved normal + texcoord in a buffer, secondary color in another. */
    GLfloat interleaved[4][5];
    for (int i = 0; i < 4; i++) {
        interleaved[i][0] = 0.1f * (float)i;
        interleaved[i][1] = 0.2f;
        interleaved[i][2] = 1.0f;
        interleaved[i][3] = (float)(i & 1);
        interleaved[i][4] = (float)(i >> 1);
    }
    GLshort secondary[4][3] = {{100, 2000, 3000}, {4000, 50, 600}, {7000, 800, 90}, {1, 2, 3}};
    GLuint buf[2];
    glGenBuffers(2, buf);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glBufferData(GL_ARRAY_BUFFER, sizeof interleaved, interleaved, GL_STATIC_DRAW);
    glNormalPointer(GL_FLOAT, 5 * sizeof(GLfloat), (const void *)0);
    glTexCoordPointer(2, GL_FLOAT, 5 * sizeof(GLfloat), (const void *)(3 * sizeof(GLfloat)));
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glBufferData(GL_ARRAY_BUFFER, sizeof secondary, secondary, GL_STATIC_DRAW);
    glSecondaryColorPointer(3, GL_SHORT, 0, (const void *)0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glVertexPointer(3, GL_FLOAT, 0, vertices);
    glColorPointer(4, GL_UNSIGNED_BYTE, 0, colors);
    glFogCoordPointer(GL_FLOAT, 0, fog);
    glClientActiveTexture(GL_TEXTURE1);
    glTexCoordPointer(2, GL_FLOAT, 0, texcoords1);
    glEnableClientState(GL_TEXTURE_COORD_ARRAY);
    glClientActiveTexture(GL_TEXTURE0);
    glEnableClientState(GL_TEXTURE_COORD_ARRAY);
    glEnableClientState(GL_VERTEX_ARRAY);
    glEnableClientState(GL_NORMAL_ARRAY);
    glEnableClientState(GL_COLOR_ARRAY);
    glEnableClientState(GL_SECONDARY_COLOR_ARRAY);
    glEnableClientState(GL_FOG_COORD_ARRAY);
    glClientActiveTexture(GL_TEXTURE1);
    /* Generic attributes: one from client memory, one from a buffer, with a divisor. */
    static GLfloat attrib5[4][2] = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    glVertexAttribPointer(5, 2, GL_FLOAT, GL_FALSE, 0, attrib5);
    glEnableVertexAttribArray(5);
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glVertexAttribIPointer(6, 3, GL_SHORT, 6, (const void *)6);
    glVertexAttribDivisor(6, 1);
    glEnableVertexAttribArray(6);
    glVertexAttribPointer(7, 4, GL_UNSIGNED_BYTE, GL_TRUE, 0, colors);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);

    pt_checkpoint();

    static const struct { GLenum cap, pointer, buffer; const char *name; const void *expect; } arrays[] = {
        {GL_VERTEX_ARRAY, GL_VERTEX_ARRAY_POINTER, GL_VERTEX_ARRAY_BUFFER_BINDING, "vertex", vertices},
        {GL_NORMAL_ARRAY, GL_NORMAL_ARRAY_POINTER, GL_NORMAL_ARRAY_BUFFER_BINDING, "normal", (void *)0},
        {GL_COLOR_ARRAY, GL_COLOR_ARRAY_POINTER, GL_COLOR_ARRAY_BUFFER_BINDING, "color", colors},
        {GL_SECONDARY_COLOR_ARRAY, GL_SECONDARY_COLOR_ARRAY_POINTER, GL_SECONDARY_COLOR_ARRAY_BUFFER_BINDING,
         "secondary color", (void *)0},
        {GL_FOG_COORD_ARRAY, GL_FOG_COORD_ARRAY_POINTER, GL_FOG_COORD_ARRAY_BUFFER_BINDING, "fog coord", fog},
    };
    for (size_t i = 0; i < sizeof arrays / sizeof *arrays; i++) {
        void *p = (void *)1;
        GLint b = -1;
        glGetPointerv(arrays[i].pointer, &p);
        glGetIntegerv(arrays[i].buffer, &b);
        printf("%s array: enabled %d, pointer is the app's %d, buffer %d\n", arrays[i].name,
               glIsEnabled(arrays[i].cap), p == arrays[i].expect, b == 0 ? 0 : b == (GLint)buf[0] ? 1 : b == (GLint)buf[1] ? 2 : 9);
    }
    GLint v = 0;
    glGetIntegerv(GL_CLIENT_ACTIVE_TEXTURE, &v);
    pt_int("client active texture", v - GL_TEXTURE0);
    for (int u = 0; u < 2; u++) {
        glClientActiveTexture(GL_TEXTURE0 + (GLenum)u);
        void *p = NULL;
        GLint stride = 0;
        glGetPointerv(GL_TEXTURE_COORD_ARRAY_POINTER, &p);
        glGetIntegerv(GL_TEXTURE_COORD_ARRAY_STRIDE, &stride);
        printf("texcoord %d: enabled %d stride %d pointer is the app's %d\n", u, glIsEnabled(GL_TEXTURE_COORD_ARRAY),
               stride, p == (u ? (void *)texcoords1 : (void *)(3 * sizeof(GLfloat))));
    }
    for (GLuint a = 5; a < 8; a++) {
        GLint enabled = 0, size = 0, divisor = 0, integer = 0, normalized = 0, buffer = 0;
        void *p = NULL;
        glGetVertexAttribiv(a, GL_VERTEX_ATTRIB_ARRAY_ENABLED, &enabled);
        glGetVertexAttribiv(a, GL_VERTEX_ATTRIB_ARRAY_SIZE, &size);
        glGetVertexAttribiv(a, GL_VERTEX_ATTRIB_ARRAY_DIVISOR, &divisor);
        glGetVertexAttribiv(a, GL_VERTEX_ATTRIB_ARRAY_INTEGER, &integer);
        glGetVertexAttribiv(a, GL_VERTEX_ATTRIB_ARRAY_NORMALIZED, &normalized);
        glGetVertexAttribiv(a, GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING, &buffer);
        glGetVertexAttribPointerv(a, GL_VERTEX_ATTRIB_ARRAY_POINTER, &p);
        printf("attrib %u: enabled %d size %d divisor %d integer %d normalized %d buffer %d pointer %s\n", a,
               enabled, size, divisor, integer, normalized, buffer == (GLint)buf[1],
               p == (void *)attrib5 ? "attrib5" : p == (void *)colors ? "colors" : p == (void *)6 ? "offset 6" : "other");
    }
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &v);
    pt_int("array buffer is the first buffer", v == (GLint)buf[0]);
    /* The app's arrays change after the checkpoint: the draw must see the new values. */
    vertices[2][0] = 0.2f;
    glDisableVertexAttribArray(5);
    glDisableVertexAttribArray(6);
    glEnable(GL_FOG);
    glFogi(GL_FOG_COORD_SRC, GL_FOG_COORD);
    glFogi(GL_FOG_MODE, GL_LINEAR);
    glEnable(GL_COLOR_SUM);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_QUADS, 0, 4);
    pt_frame("drawn from the arrays");
    return pt_done();
}
