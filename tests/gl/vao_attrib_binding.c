/* GL 4.3 vertex attribute binding: attribute formats with relative offsets sharing buffer
 * binding points with their own offsets, strides and divisors, a double-precision attribute;
 * one VAO set up with the bind-to-edit calls, one with the 4.5 direct state access calls. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "layout(location = 0) in vec2 pos;\n"
    "layout(location = 1) in ivec2 icol;\n"
    "layout(location = 2) in vec4 tint;\n"
    "layout(location = 4) in vec2 offset;\n"
    "layout(location = 7) in dvec2 scale;\n"
    "flat out ivec2 c;\n"
    "out vec4 t;\n"
    "void main() {\n"
    "    c = icol; t = tint;\n"
    "    gl_Position = vec4(pos * vec2(scale) + offset, 0.0, 1.0);\n"
    "}\n";
static const char *fs =
    "#version 450 core\n"
    "flat in ivec2 c;\n"
    "in vec4 t;\n"
    "out vec4 o;\n"
    "void main() { o = vec4(vec2(c) / 255.0, 0.5, 1.0) * t; }\n";

struct vertex {
    GLfloat pos[2];
    GLint icol[2];
    GLubyte tint[4];
};

static void print_state(const char *what, GLuint vao)
{
    glBindVertexArray(vao);
    static const GLuint attribs[] = {0, 1, 2, 4, 7};
    for (size_t k = 0; k < sizeof attribs / sizeof *attribs; k++) {
        GLuint i = attribs[k];
        GLint binding = -1, rel = -1, is_long = -1, dsa_rel = -1;
        glGetVertexAttribiv(i, GL_VERTEX_ATTRIB_BINDING, &binding);
        glGetVertexAttribiv(i, GL_VERTEX_ATTRIB_RELATIVE_OFFSET, &rel);
        glGetVertexAttribiv(i, GL_VERTEX_ATTRIB_ARRAY_LONG, &is_long);
        glGetVertexArrayIndexediv(vao, i, GL_VERTEX_ATTRIB_RELATIVE_OFFSET, &dsa_rel);
        printf("%s attrib %u: binding %d relative offset %d (dsa %d) long %d\n", what, i, binding, rel,
               dsa_rel, is_long);
        pt_attrib_state(what, i);
    }
    for (GLuint j = 0; j < 8; j++) {
        GLint buffer = -1, stride = -1, divisor = -1;
        GLint64 offset = -1;
        glGetIntegeri_v(GL_VERTEX_BINDING_BUFFER, j, &buffer);
        glGetIntegeri_v(GL_VERTEX_BINDING_STRIDE, j, &stride);
        glGetIntegeri_v(GL_VERTEX_BINDING_DIVISOR, j, &divisor);
        glGetInteger64i_v(GL_VERTEX_BINDING_OFFSET, j, &offset);
        printf("%s binding %u: buffer %d offset %lld stride %d divisor %d\n", what, j, buffer, (long long)offset,
               stride, divisor);
    }
    GLint e = -1;
    glGetVertexArrayiv(vao, GL_ELEMENT_ARRAY_BUFFER_BINDING, &e);
    printf("%s element buffer %d\n", what, e);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_program(vs, fs);
    struct vertex verts[4] = {
        {{-1, -1}, {255, 0}, {255, 255, 255, 255}}, {{1, -1}, {0, 255}, {255, 128, 255, 255}},
        {{1, 1}, {128, 128}, {128, 255, 255, 255}}, {{-1, 1}, {255, 255}, {255, 255, 128, 255}},
    };
    const GLfloat offsets[] = {-0.5f, -0.5f, 0.5f, 0.5f, 0.5f, -0.5f};
    const GLdouble scale[] = {0.25, 0.375, 0.3};
    const GLubyte indices[] = {0, 1, 2, 2, 3, 0};
    GLuint buf[4];
    glGenBuffers(4, buf);
    GLubyte data[32 + sizeof verts];
    memset(data, 0, sizeof data);
    memcpy(data + 32, verts, sizeof verts);
    const void *contents[] = {data, offsets, scale, indices};
    const GLsizeiptr sizes[] = {sizeof data, sizeof offsets, sizeof scale, sizeof indices};
    for (int i = 0; i < 4; i++) {
        glBindBuffer(GL_COPY_WRITE_BUFFER, buf[i]);
        glBufferData(GL_COPY_WRITE_BUFFER, sizes[i], contents[i], GL_STATIC_DRAW);
    }

    /* Bind-to-edit: all per-vertex attributes read binding point 3, the instanced offset
     * binding point 6, the double scale binding point 5 (divisor 4: every instance the same). */
    GLuint vao[2];
    glGenVertexArrays(1, &vao[0]);
    glBindVertexArray(vao[0]);
    glVertexAttribFormat(0, 2, GL_FLOAT, GL_FALSE, 0);
    glVertexAttribIFormat(1, 2, GL_INT, 8);
    glVertexAttribFormat(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, 16);
    glVertexAttribFormat(4, 2, GL_FLOAT, GL_FALSE, 0);
    glVertexAttribLFormat(7, 2, GL_DOUBLE, 0);
    for (GLuint i = 0; i < 3; i++)
        glVertexAttribBinding(i, 3);
    glVertexAttribBinding(4, 6);
    glVertexAttribBinding(7, 5);
    glBindVertexBuffer(3, buf[0], 32, sizeof(struct vertex));
    glBindVertexBuffer(6, buf[1], 0, 2 * sizeof(GLfloat));
    glBindVertexBuffer(5, buf[2], 0, 0);
    glVertexBindingDivisor(6, 1);
    glVertexBindingDivisor(5, 4);
    static const GLuint enabled[] = {0, 1, 2, 4, 7};
    for (size_t k = 0; k < 5; k++)
        glEnableVertexAttribArray(enabled[k]);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, buf[3]);

    /* Direct state access: the same attributes, other binding points, offsets and strides. */
    glCreateVertexArrays(1, &vao[1]);
    glVertexArrayAttribFormat(vao[1], 0, 2, GL_FLOAT, GL_FALSE, 0);
    glVertexArrayAttribIFormat(vao[1], 1, 2, GL_INT, 8);
    glVertexArrayAttribFormat(vao[1], 2, 4, GL_UNSIGNED_BYTE, GL_TRUE, 16);
    glVertexArrayAttribFormat(vao[1], 4, 2, GL_FLOAT, GL_FALSE, 0);
    glVertexArrayAttribLFormat(vao[1], 7, 2, GL_DOUBLE, 0);
    glVertexArrayAttribBinding(vao[1], 0, 0);
    glVertexArrayAttribBinding(vao[1], 1, 0);
    glVertexArrayAttribBinding(vao[1], 2, 0);
    glVertexArrayAttribBinding(vao[1], 4, 1);
    glVertexArrayAttribBinding(vao[1], 7, 2);
    const GLuint bufs[] = {buf[0], buf[1]};
    const GLintptr offs[] = {32, 8};
    const GLsizei strides[] = {sizeof(struct vertex), 2 * sizeof(GLfloat)};
    glVertexArrayVertexBuffers(vao[1], 0, 2, bufs, offs, strides);
    glVertexArrayVertexBuffer(vao[1], 2, buf[2], 8, 0);
    glVertexArrayBindingDivisor(vao[1], 1, 1);
    glVertexArrayBindingDivisor(vao[1], 2, 3);
    for (size_t k = 0; k < 5; k++)
        glEnableVertexArrayAttrib(vao[1], enabled[k]);
    glDisableVertexArrayAttrib(vao[1], 2);
    glVertexArrayElementBuffer(vao[1], buf[3]);
    glVertexAttrib4f(2, 1.0f, 0.25f, 0.5f, 1.0f);
    glUseProgram(prog);

    pt_checkpoint();

    GLint v = -1;
    glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &v);
    pt_int("bound vertex array", v);
    print_state("bind-to-edit vao", vao[0]);
    print_state("dsa vao", vao[1]);
    glClearColor(0.0f, 0.0f, 0.2f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBindVertexArray(vao[0]);
    glDrawElementsInstanced(GL_TRIANGLES, 6, GL_UNSIGNED_BYTE, 0, 3);
    pt_frame("bind-to-edit vao, 3 instances");
    glBindVertexArray(vao[1]);
    glDrawElementsInstanced(GL_TRIANGLES, 6, GL_UNSIGNED_BYTE, 0, 2);
    pt_frame("dsa vao, 2 instances");
    return pt_done();
}
