/* Atomic counters: a fragment shader counts its fragments in two counters of a buffer bound
 * by range at an offset; drawing before and after the checkpoint keeps counting from the
 * value the buffer held. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "void main() {\n"
    "    vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1) * 2.0 - 1.0;\n"
    "    gl_Position = vec4(p * 0.5, 0.0, 1.0);\n"
    "}\n";
static const char *fs =
    "#version 450 core\n"
    "layout(binding = 3, offset = 0) uniform atomic_uint all_fragments;\n"
    "layout(binding = 3, offset = 4) uniform atomic_uint left_fragments;\n"
    "out vec4 o;\n"
    "void main() {\n"
    "    uint n = atomicCounterIncrement(all_fragments);\n"
    "    if (gl_FragCoord.x < 32.0) atomicCounterIncrement(left_fragments);\n"
    "    o = vec4(float(n % 7u) / 7.0, 0.5, gl_FragCoord.x / 64.0, 1.0);\n"
    "}\n";

static void print_counters(const char *what, GLuint buffer, GLintptr offset)
{
    GLuint v[2];
    glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT | GL_ATOMIC_COUNTER_BARRIER_BIT);
    glBindBuffer(GL_COPY_READ_BUFFER, buffer);
    glGetBufferSubData(GL_COPY_READ_BUFFER, offset, sizeof v, v);
    printf("%s: all %u left %u\n", what, v[0], v[1]);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_program(vs, fs);
    const GLuint initial[] = {111, 222, 5, 9, 0, 0};
    GLuint buf;
    glGenBuffers(1, &buf);
    glBindBuffer(GL_ATOMIC_COUNTER_BUFFER, buf);
    glBufferData(GL_ATOMIC_COUNTER_BUFFER, sizeof initial, initial, GL_DYNAMIC_COPY);
    glBindBufferRange(GL_ATOMIC_COUNTER_BUFFER, 3, buf, 8, 8);
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glUseProgram(prog);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindBuffer(GL_ATOMIC_COUNTER_BUFFER, 0);

    pt_checkpoint();

    GLint b = -1;
    GLint64 start = -1, size = -1;
    glGetIntegeri_v(GL_ATOMIC_COUNTER_BUFFER_BINDING, 3, &b);
    glGetInteger64i_v(GL_ATOMIC_COUNTER_BUFFER_START, 3, &start);
    glGetInteger64i_v(GL_ATOMIC_COUNTER_BUFFER_SIZE, 3, &size);
    printf("atomic binding 3: buffer %d start %lld size %lld\n", b, (long long)start, (long long)size);
    glGetIntegerv(GL_ATOMIC_COUNTER_BUFFER_BINDING, &b);
    pt_int("generic atomic counter buffer binding", b);
    print_counters("after one draw", buf, 8);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    print_counters("after two draws", buf, 8);
    GLuint rest[2];
    glGetBufferSubData(GL_COPY_READ_BUFFER, 0, sizeof rest, rest);
    printf("untouched counters %u %u\n", rest[0], rest[1]);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    pt_frame("drawn three times");
    return pt_done();
}
