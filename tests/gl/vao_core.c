/* Vertex array objects in a core profile (no VAO 0): several VAOs with float, normalized,
 * integer and instanced attributes at offsets into shared buffers, an element buffer, a name
 * that was generated but never bound (no object yet), one deleted; another VAO bound at the
 * checkpoint than the one set up last. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "layout(location = 0) in vec2 pos;\n"
    "layout(location = 1) in ivec3 icol;\n"
    "layout(location = 3) in vec2 offset;\n"
    "layout(location = 5) in vec4 tint;\n"
    "flat out ivec3 c;\n"
    "out vec4 t;\n"
    "void main() { c = icol; t = tint; gl_Position = vec4(pos * 0.3 + offset, 0.0, 1.0); }\n";
static const char *fs =
    "#version 450 core\n"
    "flat in ivec3 c;\n"
    "in vec4 t;\n"
    "out vec4 o;\n"
    "void main() { o = vec4(vec3(c) / 255.0, 1.0) * t; }\n";

static void print_vao(const char *what, GLuint vao)
{
    glBindVertexArray(vao);
    for (GLuint i = 0; i < 6; i++)
        pt_attrib_state(what, i);
    GLint e = -1;
    glGetIntegerv(GL_ELEMENT_ARRAY_BUFFER_BINDING, &e);
    printf("%s element buffer %d\n", what, e);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_program(vs, fs);
    /* pos (2 floats) and tint (4 ubytes) interleaved, 12 bytes a vertex, after 16 bytes of padding. */
    struct vertex {
        GLfloat pos[2];
        GLubyte tint[4];
    } verts[4] = {
        {{-1, -1}, {255, 128, 64, 255}}, {{1, -1}, {64, 255, 128, 255}},
        {{1, 1}, {128, 64, 255, 255}}, {{-1, 1}, {255, 255, 255, 128}},
    };
    GLubyte vbo_data[16 + sizeof verts];
    memset(vbo_data, 0, 16);
    memcpy(vbo_data + 16, verts, sizeof verts);
    const GLubyte colors[] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 200, 200, 0};
    const GLfloat offsets[] = {-0.6f, -0.6f, 0.0f, 0.0f, 0.6f, 0.6f, -0.6f, 0.6f};
    const GLushort indices[] = {0, 1, 2, 0, 2, 3};
    GLuint buf[5];
    glGenBuffers(5, buf);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glBufferData(GL_ARRAY_BUFFER, sizeof vbo_data, vbo_data, GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glBufferData(GL_ARRAY_BUFFER, sizeof colors, colors, GL_STATIC_DRAW);
    glBindBuffer(GL_ARRAY_BUFFER, buf[2]);
    glBufferData(GL_ARRAY_BUFFER, sizeof offsets, offsets, GL_STATIC_DRAW);

    GLuint vao[4];
    glGenVertexArrays(4, vao);
    glBindVertexArray(vao[0]);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(struct vertex), (const void *)16);
    glVertexAttribPointer(5, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(struct vertex), (const void *)(16 + 8));
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glVertexAttribIPointer(1, 3, GL_UNSIGNED_BYTE, 3, (const void *)0);
    glBindBuffer(GL_ARRAY_BUFFER, buf[2]);
    glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, 0, (const void *)0);
    glVertexAttribDivisor(3, 1);
    for (GLuint i = 0; i < 6; i++)
        if (i != 2 && i != 4)
            glEnableVertexAttribArray(i);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, buf[3]);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, sizeof indices, indices, GL_STATIC_DRAW);

    /* Second VAO: other offsets and divisor, color from the current attribute values. */
    glBindVertexArray(vao[1]);
    glBindBuffer(GL_ARRAY_BUFFER, buf[0]);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, sizeof(struct vertex), (const void *)(16 + sizeof(struct vertex)));
    glBindBuffer(GL_ARRAY_BUFFER, buf[2]);
    glVertexAttribPointer(3, 2, GL_FLOAT, GL_FALSE, 8, (const void *)8);
    glVertexAttribDivisor(3, 2);
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(3);
    glVertexAttribI4i(1, 30, 220, 90, 1);
    glVertexAttrib4f(5, 1.0f, 0.5f, 1.0f, 1.0f);

    /* A VAO created and deleted, and one of its buffers' neighbours deleted too. */
    glBindVertexArray(vao[3]);
    glBindVertexArray(0);
    glDeleteVertexArrays(1, &vao[3]);
    glDeleteBuffers(1, &buf[4]);

    glBindVertexArray(vao[1]);
    glBindBuffer(GL_ARRAY_BUFFER, buf[1]);
    glUseProgram(prog);

    pt_checkpoint();

    GLint v = -1;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &v);
    pt_int("bound vertex array", v);
    glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &v);
    pt_int("array buffer", v);
    for (int i = 0; i < 4; i++) {
        char what[32];
        snprintf(what, sizeof what, "is vertex array %u", vao[i]);
        pt_int(what, glIsVertexArray(vao[i]));
    }
    print_vao("vao A", vao[0]);
    print_vao("vao B", vao[1]);
    GLint cur[4];
    glGetVertexAttribIiv(1, GL_CURRENT_VERTEX_ATTRIB, cur);
    printf("current icol %d %d %d %d\n", cur[0], cur[1], cur[2], cur[3]);

    glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBindVertexArray(vao[0]);
    glDrawElementsInstanced(GL_TRIANGLES, 6, GL_UNSIGNED_SHORT, 0, 3);
    pt_frame("vao A instanced, indexed");
    glBindVertexArray(vao[1]);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 3, 4);
    pt_frame("vao B instanced, divisor 2");
    glBindVertexArray(vao[2]);
    pt_int("vao C bound now, is vertex array", glIsVertexArray(vao[2]));
    return pt_done();
}
