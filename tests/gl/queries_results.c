/* Query objects: occlusion (samples passed, any samples passed, one that saw nothing),
 * primitives generated, elapsed time and a timestamp ended before the checkpoint; one result
 * read before it, the others only after. Afterwards each query exists with its target and
 * returns the same result (also into a query buffer); conditional rendering, one begun
 * before the checkpoint and others after, follows the saved results; a query run again gets
 * a new result. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "uniform vec4 rect;\n"
    "void main() {\n"
    "    vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1);\n"
    "    gl_Position = vec4(rect.xy + p * rect.zw, 0.0, 1.0);\n"
    "}\n";
static const char *fs =
    "#version 450 core\n"
    "uniform vec4 color;\n"
    "out vec4 o;\n"
    "void main() { o = color; }\n";

static GLint rect_loc, color_loc;

/* A rectangle in pixels of the 64x64 window. */
static void quad(int x, int y, int w, int h, float r, float g, float b)
{
    glUniform4f(rect_loc, x / 32.0f - 1.0f, y / 32.0f - 1.0f, w / 32.0f, h / 32.0f);
    glUniform4f(color_loc, r, g, b, 1.0f);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

/* A 10x10 square at (x, 40), drawn only if the query's outcome and the mode say so. */
static void conditional_quad(GLuint q, GLenum mode, int x, float r, float g, float b)
{
    glBeginConditionalRender(q, mode);
    quad(x, 40, 10, 10, r, g, b);
    glEndConditionalRender();
}

static void print_query(const char *what, GLuint q)
{
    GLuint available = 9, result = 0;
    GLint iresult = -1, target = -1;
    GLuint64 result64 = 0;
    glGetQueryObjectuiv(q, GL_QUERY_RESULT, &result); /* waits: availability is then certain */
    glGetQueryObjectuiv(q, GL_QUERY_RESULT_AVAILABLE, &available);
    glGetQueryObjectiv(q, GL_QUERY_RESULT_NO_WAIT, &iresult);
    glGetQueryObjectui64v(q, GL_QUERY_RESULT, &result64);
    glGetQueryObjectiv(q, GL_QUERY_TARGET, &target);
    printf("%s: is query %d target 0x%x available %u result %u / %d / %llu\n", what, glIsQuery(q), target,
           available, result, iresult, (unsigned long long)result64);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_program(vs, fs);
    rect_loc = glGetUniformLocation(prog, "rect");
    color_loc = glGetUniformLocation(prog, "color");
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glUseProgram(prog);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);

    enum { SAMPLES, ANY, NONE, PRIMS, ELAPSED, STAMP, UNUSED, COUNT };
    GLuint q[COUNT];
    glGenQueries(COUNT, q);
    glBeginQuery(GL_TIME_ELAPSED, q[ELAPSED]);
    glBeginQuery(GL_SAMPLES_PASSED, q[SAMPLES]);
    quad(8, 8, 20, 10, 1, 0, 0);
    glEndQuery(GL_SAMPLES_PASSED);
    glBeginQuery(GL_ANY_SAMPLES_PASSED, q[ANY]);
    glBeginQuery(GL_PRIMITIVES_GENERATED, q[PRIMS]);
    quad(30, 30, 4, 4, 0, 1, 0);
    glEndQuery(GL_PRIMITIVES_GENERATED);
    glEndQuery(GL_ANY_SAMPLES_PASSED);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, 1, 1);
    glBeginQuery(GL_ANY_SAMPLES_PASSED, q[NONE]);
    quad(40, 40, 10, 10, 0, 0, 1);
    glEndQuery(GL_ANY_SAMPLES_PASSED);
    glDisable(GL_SCISSOR_TEST);
    glEndQuery(GL_TIME_ELAPSED);
    glQueryCounter(q[STAMP], GL_TIMESTAMP);

    GLuint samples_before = 0;
    GLuint64 elapsed_before = 0, stamp_before = 0;
    glGetQueryObjectuiv(q[SAMPLES], GL_QUERY_RESULT, &samples_before);
    glGetQueryObjectui64v(q[ELAPSED], GL_QUERY_RESULT, &elapsed_before);
    glGetQueryObjectui64v(q[STAMP], GL_QUERY_RESULT, &stamp_before);
    pt_int("samples passed before", samples_before);
    /* Rendering conditional on a query that saw nothing: skipped, across the checkpoint. */
    glBeginConditionalRender(q[NONE], GL_QUERY_WAIT);

    pt_checkpoint();

    quad(0, 0, 64, 64, 1, 1, 1);
    glEndConditionalRender();
    pt_frame("conditional on the empty query, begun before the checkpoint");
    print_query("samples passed", q[SAMPLES]);
    print_query("any samples passed", q[ANY]);
    print_query("any samples passed, scissored away", q[NONE]);
    print_query("primitives generated", q[PRIMS]);
    pt_int("never begun: is query", glIsQuery(q[UNUSED]));
    GLuint64 elapsed = 0, stamp = 0;
    glGetQueryObjectui64v(q[ELAPSED], GL_QUERY_RESULT, &elapsed);
    glGetQueryObjectui64v(q[STAMP], GL_QUERY_RESULT, &stamp);
    pt_int("elapsed time as before", elapsed == elapsed_before && elapsed > 0);
    pt_int("timestamp as before", stamp == stamp_before && stamp > 0);
    GLint current = -1;
    glGetQueryiv(GL_SAMPLES_PASSED, GL_CURRENT_QUERY, &current);
    pt_int("current samples query", current);

    /* Results into a query buffer. */
    GLuint qbuf;
    glGenBuffers(1, &qbuf);
    glBindBuffer(GL_QUERY_BUFFER, qbuf);
    GLuint zeros[8] = {0};
    glBufferData(GL_QUERY_BUFFER, sizeof zeros, zeros, GL_DYNAMIC_COPY);
    glGetQueryObjectuiv(q[SAMPLES], GL_QUERY_RESULT, (GLuint *)(uintptr_t)4);
    glGetQueryObjectuiv(q[ANY], GL_QUERY_RESULT_AVAILABLE, (GLuint *)(uintptr_t)12);
    glBindBuffer(GL_QUERY_BUFFER, 0);
    glBindBuffer(GL_COPY_READ_BUFFER, qbuf);
    GLuint in_buffer[8];
    glGetBufferSubData(GL_COPY_READ_BUFFER, 0, sizeof in_buffer, in_buffer);
    printf("query buffer %u %u %u %u\n", in_buffer[0], in_buffer[1], in_buffer[2], in_buffer[3]);

    conditional_quad(q[ANY], GL_QUERY_WAIT, 4, 1, 1, 0);
    conditional_quad(q[NONE], GL_QUERY_NO_WAIT, 20, 0, 1, 1);
    conditional_quad(q[ANY], GL_QUERY_WAIT_INVERTED, 36, 1, 0, 1);
    conditional_quad(q[NONE], GL_QUERY_BY_REGION_WAIT_INVERTED, 50, 0.5f, 0.5f, 1);
    pt_frame("conditional rendering after the checkpoint");

    /* Run again: the driver's result from now on. */
    glBeginQuery(GL_SAMPLES_PASSED, q[SAMPLES]);
    quad(0, 0, 8, 8, 0.2f, 0.2f, 0.2f);
    glEndQuery(GL_SAMPLES_PASSED);
    print_query("samples passed, run again", q[SAMPLES]);
    glDeleteQueries(1, &q[ANY]);
    pt_int("deleted query is query", glIsQuery(q[ANY]));
    return pt_done();
}
