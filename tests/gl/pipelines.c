/* Program pipeline objects: two pipelines share one separable vertex program and each has its
 * own fragment program (uniforms set through glActiveShaderProgram and glProgramUniform); one
 * pipeline bound at checkpoint, a name generated but never bound, a pipeline with a stage
 * reassigned. Afterwards each pipeline has the same stages and active program, the binding
 * is the same, and drawing through both (and through a program made current with
 * glUseProgram, which takes precedence) gives the same pixels. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "out gl_PerVertex { vec4 gl_Position; };\n"
    "uniform vec4 rect;\n"
    "void main() {\n"
    "    vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1);\n"
    "    gl_Position = vec4(rect.xy + p * rect.zw, 0.0, 1.0);\n"
    "}\n";
static const char *fs_color =
    "#version 450 core\n"
    "uniform vec4 color;\n"
    "out vec4 o;\n"
    "void main() { o = color; }\n";
static const char *fs_stripes =
    "#version 450 core\n"
    "uniform vec4 color;\n"
    "out vec4 o;\n"
    "void main() { o = (int(gl_FragCoord.x) & 2) != 0 ? color : color.bgra; }\n";
static const char *fs_plain =
    "#version 450 core\n"
    "out vec4 o;\n"
    "void main() { o = vec4(0.3, 0.6, 0.9, 1.0); }\n";

static void print_pipeline(const char *what, GLuint pipe)
{
    GLint vert = -1, frag = -1, geom = -1, active = -1;
    glGetProgramPipelineiv(pipe, GL_VERTEX_SHADER, &vert);
    glGetProgramPipelineiv(pipe, GL_FRAGMENT_SHADER, &frag);
    glGetProgramPipelineiv(pipe, GL_GEOMETRY_SHADER, &geom);
    glGetProgramPipelineiv(pipe, GL_ACTIVE_PROGRAM, &active);
    printf("%s: is pipeline %d vertex %d fragment %d geometry %d active %d\n", what, glIsProgramPipeline(pipe),
           vert, frag, geom, active);
}

static void rect(GLuint vert_prog, int x, int y, int w, int h)
{
    glProgramUniform4f(vert_prog, glGetUniformLocation(vert_prog, "rect"), x / 32.0f - 1.0f, y / 32.0f - 1.0f,
                       w / 32.0f, h / 32.0f);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint holes[3];
    glGenProgramPipelines(3, holes);
    glDeleteProgramPipelines(3, holes);
    GLuint vert = glCreateShaderProgramv(GL_VERTEX_SHADER, 1, &vs);
    GLuint color = glCreateShaderProgramv(GL_FRAGMENT_SHADER, 1, &fs_color);
    GLuint stripes = glCreateShaderProgramv(GL_FRAGMENT_SHADER, 1, &fs_stripes);
    GLuint plain = glCreateShaderProgramv(GL_FRAGMENT_SHADER, 1, &fs_plain);
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);

    enum { SOLID, STRIPED, NEVER_BOUND, COUNT };
    GLuint pipe[COUNT];
    glGenProgramPipelines(COUNT, pipe);
    glUseProgramStages(pipe[SOLID], GL_VERTEX_SHADER_BIT, vert);
    glUseProgramStages(pipe[SOLID], GL_FRAGMENT_SHADER_BIT, color);
    glActiveShaderProgram(pipe[SOLID], color);
    glBindProgramPipeline(pipe[SOLID]);
    glUniform4f(glGetUniformLocation(color, "color"), 1.0f, 0.5f, 0.0f, 1.0f); /* to the active program */
    /* Stages given to one program, then the fragment stage taken over by another. */
    glUseProgramStages(pipe[STRIPED], GL_VERTEX_SHADER_BIT | GL_FRAGMENT_SHADER_BIT, vert);
    glUseProgramStages(pipe[STRIPED], GL_FRAGMENT_SHADER_BIT, stripes);
    glProgramUniform4f(stripes, glGetUniformLocation(stripes, "color"), 0.2f, 1.0f, 0.4f, 1.0f);
    glActiveShaderProgram(pipe[STRIPED], vert);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    rect(vert, 4, 4, 20, 20);
    pt_check_error("setting up the pipelines");

    pt_checkpoint();

    print_pipeline("solid", pipe[SOLID]);
    print_pipeline("striped", pipe[STRIPED]);
    print_pipeline("never bound", pipe[NEVER_BOUND]);
    GLint bound = -1;
    glGetIntegerv(GL_PROGRAM_PIPELINE_BINDING, &bound);
    pt_int("bound pipeline", bound);
    rect(vert, 30, 4, 20, 20);
    glBindProgramPipeline(pipe[STRIPED]);
    rect(vert, 4, 30, 20, 20);
    GLuint separate = pt_program(vs, fs_plain);
    glUseProgram(separate); /* a current program wins over the bound pipeline */
    glUniform4f(glGetUniformLocation(separate, "rect"), 0.0f, 0.0f, 0.5f, 0.5f);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glUseProgram(0);
    rect(vert, 54, 54, 8, 8);
    pt_frame("both pipelines and a program");
    glBindProgramPipeline(pipe[NEVER_BOUND]);
    glUseProgramStages(pipe[NEVER_BOUND], GL_ALL_SHADER_BITS, 0);
    glUseProgramStages(pipe[NEVER_BOUND], GL_VERTEX_SHADER_BIT, vert);
    glUseProgramStages(pipe[NEVER_BOUND], GL_FRAGMENT_SHADER_BIT, plain);
    rect(vert, 40, 40, 10, 10);
    pt_frame("a pipeline first bound after the checkpoint");
    print_pipeline("first bound after", pipe[NEVER_BOUND]);
    glDeleteProgramPipelines(1, &pipe[SOLID]);
    pt_int("deleted pipeline is pipeline", glIsProgramPipeline(pipe[SOLID]));
    return pt_done();
}
