/* Transform feedback objects: two named ones with different buffers and ranges bound to
 * them, one bound at checkpoint, and a name generated but never bound. Afterwards each
 * object has its bindings (read with glGetTransformFeedbacki_v and with the object bound),
 * captures into its own buffers, and the default object keeps its own binding. */
#include "glsl.h"

static void print_bindings(const char *what, GLuint xfb)
{
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, xfb);
    for (GLuint i = 0; i < 2; i++) {
        GLint b = -1, dsa = -1;
        GLint64 start = -1, size = -1;
        glGetIntegeri_v(GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, i, &b);
        glGetInteger64i_v(GL_TRANSFORM_FEEDBACK_BUFFER_START, i, &start);
        glGetInteger64i_v(GL_TRANSFORM_FEEDBACK_BUFFER_SIZE, i, &size);
        glGetTransformFeedbacki_v(xfb, GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, i, &dsa);
        printf("%s binding %u: buffer %d (%d) start %lld size %lld\n", what, i, b, dsa, (long long)start,
               (long long)size);
    }
}

static void capture(const char *what, GLuint xfb, GLuint buf, float scale, GLint scale_loc)
{
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, xfb);
    glUniform1f(scale_loc, scale);
    glBeginTransformFeedback(GL_POINTS);
    glDrawArrays(GL_POINTS, 0, 4);
    glEndTransformFeedback();
    GLfloat out[32];
    glGetNamedBufferSubData(buf, 0, sizeof out, out);
    printf("%s captured", what);
    for (int i = 0; i < 32; i++)
        printf(" %g", out[i]);
    printf("\n");
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint holes[3];
    glGenTransformFeedbacks(3, holes);
    glDeleteTransformFeedbacks(3, holes);
    GLuint p = glCreateProgram(), v = pt_shader(GL_VERTEX_SHADER, pt_feedback_vs()),
           f = pt_shader(GL_FRAGMENT_SHADER, pt_white_fs());
    glAttachShader(p, v);
    glAttachShader(p, f);
    const char *varyings[] = {"a", "b"};
    glTransformFeedbackVaryings(p, 2, varyings, GL_SEPARATE_ATTRIBS);
    pt_link(p);
    GLuint bufs[3];
    glGenBuffers(3, bufs);
    GLfloat fill[32];
    for (int i = 0; i < 32; i++)
        fill[i] = -1.0f;
    for (int i = 0; i < 3; i++) {
        glBindBuffer(GL_ARRAY_BUFFER, bufs[i]);
        glBufferData(GL_ARRAY_BUFFER, sizeof fill, fill, GL_DYNAMIC_COPY);
    }
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    enum { FIRST, SECOND, NEVER_BOUND, COUNT };
    GLuint xfb[COUNT];
    glGenTransformFeedbacks(COUNT, xfb);
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, xfb[FIRST]);
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, bufs[0], 16, 4 * sizeof(GLfloat));
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 1, bufs[0], 48, 8 * sizeof(GLfloat));
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, xfb[SECOND]);
    glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, bufs[1]);
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 1, bufs[1], 64, 8 * sizeof(GLfloat));
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0);
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 0, bufs[2], 0, 4 * sizeof(GLfloat));
    glBindBufferRange(GL_TRANSFORM_FEEDBACK_BUFFER, 1, bufs[2], 32, 8 * sizeof(GLfloat));
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, xfb[SECOND]);
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glUseProgram(p);
    glEnable(GL_RASTERIZER_DISCARD);
    pt_check_error("setting up transform feedback objects");

    pt_checkpoint();

    GLint bound = -1;
    glGetIntegerv(GL_TRANSFORM_FEEDBACK_BINDING, &bound);
    pt_int("bound transform feedback", bound);
    pt_int("never bound: is transform feedback", glIsTransformFeedback(xfb[NEVER_BOUND]));
    pt_int("first: is transform feedback", glIsTransformFeedback(xfb[FIRST]));
    print_bindings("first", xfb[FIRST]);
    print_bindings("second", xfb[SECOND]);
    print_bindings("default", 0);
    GLint scale_loc = glGetUniformLocation(p, "scale");
    capture("first", xfb[FIRST], bufs[0], 1.5f, scale_loc);
    capture("second", xfb[SECOND], bufs[1], -2.0f, scale_loc);
    capture("default", 0, bufs[2], 0.25f, scale_loc);
    return pt_done();
}
