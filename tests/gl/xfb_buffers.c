/* Transform feedback buffer bindings of the default transform feedback object: two ranges
 * of one buffer at offsets (separate attributes), captured after the checkpoint. */
#include "glsl.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint p = glCreateProgram(), v = pt_shader(GL_VERTEX_SHADER, pt_feedback_vs()),
           f = pt_shader(GL_FRAGMENT_SHADER, pt_white_fs());
    glAttachShader(p, v);
    glAttachShader(p, f);
    const char *varyings[] = {"a", "b"};
    glTransformFeedbackVaryings(p, 2, varyings, GL_SEPARATE_ATTRIBS);
    pt_link(p);
    GLuint buf;
    glGenBuffers(1, &buf);
    glBindBuffer(GL_TRANSFORM_FEEDBACK_BUFFER, buf);
    GLfloat fill[64];
    for (int i = 0; i < 64; i++)
        fill[i] = -1.0f;
    glBufferData(GL_TRANSFORM_FEEDBACK_BUFFER, sizeof fill, fill, GL_DYNAMIC_COPY);
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, buf, 16, 6 * sizeof(GLfloat));
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 1, buf, 64, 12 * sizeof(GLfloat));
    glBindBuffer(GL_TRANSFORM_FEEDBACK_BUFFER, 0);
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glUseProgram(p);
    glUniform1f(glGetUniformLocation(p, "scale"), 1.5f);
    glEnable(GL_RASTERIZER_DISCARD);

    pt_checkpoint();

    for (GLuint i = 0; i < 3; i++) {
        GLint b = -1;
        GLint64 start = -1, size = -1;
        glGetIntegeri_v(GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, i, &b);
        glGetInteger64i_v(GL_TRANSFORM_FEEDBACK_BUFFER_START, i, &start);
        glGetInteger64i_v(GL_TRANSFORM_FEEDBACK_BUFFER_SIZE, i, &size);
        printf("feedback binding %u: buffer %d start %lld size %lld\n", i, b, (long long)start, (long long)size);
    }
    glBeginTransformFeedback(GL_POINTS);
    glDrawArrays(GL_POINTS, 0, 6);
    glEndTransformFeedback();
    glBindBuffer(GL_COPY_READ_BUFFER, buf);
    GLfloat out[64];
    glGetBufferSubData(GL_COPY_READ_BUFFER, 0, sizeof out, out);
    printf("captured");
    for (int i = 0; i < 34; i++)
        printf(" %g", out[i]);
    printf("\n");
    return pt_done();
}
