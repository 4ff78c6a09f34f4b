/* Work in progress at checkpoint that glcr refuses to save, naming the object: a query
 * between glBeginQuery and glEndQuery ("query"), transform feedback begun ("xfb") or begun
 * and paused ("xfb-paused") on a named object. The app goes on after the refusal and ends
 * the work, to the same result as a run without the attempt. */
#include <stdbool.h>
#include <string.h>

#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "out float a;\n"
    "void main() { a = float(gl_VertexID) + 0.5; gl_Position = vec4(0.0); }\n";

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    const char *mode = argc > 1 ? argv[1] : "query";
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    if (strcmp(mode, "query") == 0) {
        GLuint q[2];
        glGenQueries(2, q);
        glBeginQuery(GL_PRIMITIVES_GENERATED, q[1]);
        printf("query in progress %u\n", q[1]);
        pt_checkpoint();
        glEndQuery(GL_PRIMITIVES_GENERATED);
        GLuint result = 9;
        glGetQueryObjectuiv(q[1], GL_QUERY_RESULT, &result);
        pt_int("primitives generated", result);
        return pt_done();
    }
    GLuint p = glCreateProgram(), v = pt_shader(GL_VERTEX_SHADER, vs);
    glAttachShader(p, v);
    const char *varyings[] = {"a"};
    glTransformFeedbackVaryings(p, 1, varyings, GL_INTERLEAVED_ATTRIBS);
    pt_link(p);
    glUseProgram(p);
    glEnable(GL_RASTERIZER_DISCARD);
    GLuint buf, xfb[2];
    glGenBuffers(1, &buf);
    glBindBuffer(GL_TRANSFORM_FEEDBACK_BUFFER, buf);
    glBufferData(GL_TRANSFORM_FEEDBACK_BUFFER, 64, NULL, GL_DYNAMIC_COPY);
    glGenTransformFeedbacks(2, xfb);
    glBindTransformFeedback(GL_TRANSFORM_FEEDBACK, xfb[1]);
    glBindBufferBase(GL_TRANSFORM_FEEDBACK_BUFFER, 0, buf);
    glBeginTransformFeedback(GL_POINTS);
    glDrawArrays(GL_POINTS, 0, 2);
    bool paused = strcmp(mode, "xfb-paused") == 0;
    if (paused)
        glPauseTransformFeedback();
    printf("transform feedback in progress %u\n", xfb[1]);
    pt_checkpoint();
    if (paused)
        glResumeTransformFeedback();
    glDrawArrays(GL_POINTS, 2, 2);
    glEndTransformFeedback();
    GLfloat out[4] = {0};
    glGetBufferSubData(GL_TRANSFORM_FEEDBACK_BUFFER, 0, sizeof out, out);
    pt_floats("captured", out, 4);
    return pt_done();
}
