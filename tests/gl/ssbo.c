/* Shader storage buffers: a compute shader reads one buffer bound whole and writes a range of
 * another at an aligned offset; the dispatch after the checkpoint is indirect, its arguments
 * in a buffer on the generic GL_DISPATCH_INDIRECT_BUFFER binding. Results are read back. */
#include "glsl.h"

static const char *cs =
    "#version 450 core\n"
    "layout(local_size_x = 16) in;\n"
    "layout(std430, binding = 1) readonly buffer In { uint values[]; } src;\n"
    "layout(std430, binding = 4) buffer Out { uint round; uint values[]; } dst;\n"
    "void main() {\n"
    "    uint i = gl_GlobalInvocationID.x;\n"
    "    dst.values[i] = src.values[i] * 3u + i + dst.round * 1000u;\n"
    "    barrier();\n"
    "    if (i == 0u) dst.round += 1u;\n"
    "}\n";

static void print_binding(GLuint index)
{
    GLint buffer = -1;
    GLint64 start = -1, size = -1;
    glGetIntegeri_v(GL_SHADER_STORAGE_BUFFER_BINDING, index, &buffer);
    glGetInteger64i_v(GL_SHADER_STORAGE_BUFFER_START, index, &start);
    glGetInteger64i_v(GL_SHADER_STORAGE_BUFFER_SIZE, index, &size);
    printf("storage binding %u: buffer %d start %lld size %lld\n", index, buffer, (long long)start, (long long)size);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_compute_program(cs);
    GLint align = 0;
    glGetIntegerv(GL_SHADER_STORAGE_BUFFER_OFFSET_ALIGNMENT, &align);
    if (align < 4)
        align = 4;
    GLuint in[16];
    for (GLuint i = 0; i < 16; i++)
        in[i] = i * i + 7;
    const GLuint indirect[] = {0, 0, 0, 1, 1, 1};
    GLuint buf[3];
    glGenBuffers(3, buf);
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, buf[0]);
    glBufferData(GL_SHADER_STORAGE_BUFFER, sizeof in, in, GL_STATIC_DRAW);
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, buf[1]);
    glBufferData(GL_SHADER_STORAGE_BUFFER, 2 * align + 17 * 4, NULL, GL_DYNAMIC_COPY);
    GLuint zero = 0;
    glClearBufferData(GL_SHADER_STORAGE_BUFFER, GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, &zero);
    glBindBuffer(GL_DISPATCH_INDIRECT_BUFFER, buf[2]);
    glBufferData(GL_DISPATCH_INDIRECT_BUFFER, sizeof indirect, indirect, GL_STATIC_DRAW);
    glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, buf[0]);
    glBindBufferRange(GL_SHADER_STORAGE_BUFFER, 4, buf[1], align, 17 * 4);
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, buf[0]);
    glUseProgram(prog);
    glDispatchCompute(1, 1, 1);
    glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT | GL_SHADER_STORAGE_BARRIER_BIT);

    pt_checkpoint();

    for (GLuint i = 0; i < 6; i++)
        print_binding(i);
    GLint v = -1;
    glGetIntegerv(GL_SHADER_STORAGE_BUFFER_BINDING, &v);
    pt_int("generic storage buffer binding", v);
    glGetIntegerv(GL_DISPATCH_INDIRECT_BUFFER_BINDING, &v);
    pt_int("dispatch indirect buffer binding", v);
    glDispatchComputeIndirect(3 * sizeof(GLuint));
    glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
    GLuint out[17];
    glBindBuffer(GL_COPY_READ_BUFFER, buf[1]);
    glGetBufferSubData(GL_COPY_READ_BUFFER, align, sizeof out, out);
    pt_int("rounds", out[0]);
    printf("values");
    for (int i = 1; i < 17; i++)
        printf(" %u", out[i]);
    printf("\n");
    pt_check_error("after the dispatch");
    return pt_done();
}
