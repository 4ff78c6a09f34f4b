/* Uniform buffer bindings: two uniform blocks read from ranges of one buffer at aligned
 * offsets (glBindBufferRange), a whole buffer on another binding (glBindBufferBase), a block
 * moved to another binding with glUniformBlockBinding, and the generic binding elsewhere. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "layout(std140, binding = 5) uniform Xform { vec4 offset_scale; };\n"
    "void main() {\n"
    "    vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1) * 2.0 - 1.0;\n"
    "    gl_Position = vec4(p * offset_scale.zw + offset_scale.xy, 0.0, 1.0);\n"
    "}\n";
static const char *fs =
    "#version 450 core\n"
    "layout(std140, binding = 2) uniform Colors { vec4 color; vec4 tint; };\n"
    "layout(std140) uniform Extra { vec4 add; };\n"
    "out vec4 o;\n"
    "void main() { o = color * tint + add; }\n";

static void print_binding(GLuint index)
{
    GLint buffer = -1;
    GLint64 start = -1, size = -1;
    glGetIntegeri_v(GL_UNIFORM_BUFFER_BINDING, index, &buffer);
    glGetInteger64i_v(GL_UNIFORM_BUFFER_START, index, &start);
    glGetInteger64i_v(GL_UNIFORM_BUFFER_SIZE, index, &size);
    printf("uniform binding %u: buffer %d start %lld size %lld\n", index, buffer, (long long)start, (long long)size);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_program(vs, fs);
    GLint align = 0;
    glGetIntegerv(GL_UNIFORM_BUFFER_OFFSET_ALIGNMENT, &align);
    if (align < 16)
        align = 16;
    /* One buffer: Colors at 1 * align, Xform at 3 * align, a second Xform at 5 * align. */
    GLfloat data[1024] = {0};
    GLfloat *colors = data + align / 4, *xform = data + 3 * align / 4, *xform2 = data + 5 * align / 4;
    const GLfloat c[] = {0.8f, 0.6f, 0.2f, 1.0f, 1.0f, 0.5f, 1.0f, 1.0f};
    const GLfloat x[] = {-0.3f, 0.2f, 0.5f, 0.4f}, x2[] = {0.4f, -0.4f, 0.3f, 0.3f};
    memcpy(colors, c, sizeof c);
    memcpy(xform, x, sizeof x);
    memcpy(xform2, x2, sizeof x2);
    const GLfloat extra[] = {0.0f, 0.1f, 0.3f, 0.0f};
    GLuint buf[3];
    glGenBuffers(3, buf);
    glBindBuffer(GL_UNIFORM_BUFFER, buf[0]);
    glBufferData(GL_UNIFORM_BUFFER, 6 * align, data, GL_STATIC_DRAW);
    glBindBuffer(GL_UNIFORM_BUFFER, buf[1]);
    glBufferData(GL_UNIFORM_BUFFER, sizeof extra, extra, GL_STATIC_DRAW);
    glBindBuffer(GL_UNIFORM_BUFFER, buf[2]);
    glBufferData(GL_UNIFORM_BUFFER, 64, NULL, GL_STATIC_DRAW);

    glBindBufferRange(GL_UNIFORM_BUFFER, 2, buf[0], align, 32);
    glBindBufferRange(GL_UNIFORM_BUFFER, 5, buf[0], 3 * align, 16);
    glBindBufferRange(GL_UNIFORM_BUFFER, 6, buf[0], 5 * align, 16);
    glBindBufferBase(GL_UNIFORM_BUFFER, 7, buf[1]);
    glUniformBlockBinding(prog, glGetUniformBlockIndex(prog, "Extra"), 7);
    glBindBuffer(GL_UNIFORM_BUFFER, buf[2]);
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glUseProgram(prog);

    pt_checkpoint();

    for (GLuint i = 0; i < 9; i++)
        print_binding(i);
    GLint v = -1;
    glGetIntegerv(GL_UNIFORM_BUFFER_BINDING, &v);
    pt_int("generic uniform buffer binding", v);
    glGetActiveUniformBlockiv(prog, glGetUniformBlockIndex(prog, "Extra"), GL_UNIFORM_BLOCK_BINDING, &v);
    pt_int("block Extra binding", v);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    pt_frame("quad from ranges 2 and 5");
    glUniformBlockBinding(prog, glGetUniformBlockIndex(prog, "Xform"), 6);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    pt_frame("second quad from range 6");
    return pt_done();
}
