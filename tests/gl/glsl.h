/* Shader helpers for the GL preserve tests that need programs. A compile or link error ends
 * the test with the driver's log: the test's state would be meaningless without them. */
#ifndef GLCR_TESTS_GL_GLSL_H
#define GLCR_TESTS_GL_GLSL_H

#include "preserve.h"

static inline GLuint pt_shader(GLenum type, const char *src)
{
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, NULL);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = "";
        glGetShaderInfoLog(s, sizeof log, NULL, log);
        pt_fail("shader 0x%x does not compile: %s\n%s", type, log, src);
    }
    return s;
}

static inline GLuint pt_link(GLuint p)
{
    glLinkProgram(p);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = "";
        glGetProgramInfoLog(p, sizeof log, NULL, log);
        pt_fail("program does not link: %s", log);
    }
    return p;
}

/* A program from a vertex and a fragment shader; the shaders are deleted (the program keeps
 * them). */
static inline GLuint pt_program(const char *vs, const char *fs)
{
    GLuint p = glCreateProgram(), v = pt_shader(GL_VERTEX_SHADER, vs), f = pt_shader(GL_FRAGMENT_SHADER, fs);
    glAttachShader(p, v);
    glAttachShader(p, f);
    pt_link(p);
    glDeleteShader(v);
    glDeleteShader(f);
    return p;
}

static inline GLuint pt_compute_program(const char *cs)
{
    GLuint p = glCreateProgram(), c = pt_shader(GL_COMPUTE_SHADER, cs);
    glAttachShader(p, c);
    pt_link(p);
    glDeleteShader(c);
    return p;
}

/* A vertex shader for transform feedback tests: varyings a and b from the vertex index,
 * scaled by the uniform `scale`; a fragment shader that writes white. */
static inline const char *pt_feedback_vs(void)
{
    return "#version 450 core\n"
           "out float a;\n"
           "out vec2 b;\n"
           "uniform float scale;\n"
           "void main() {\n"
           "    a = float(gl_VertexID) * scale;\n"
           "    b = vec2(gl_VertexID * gl_VertexID, -gl_VertexID) * scale;\n"
           "    gl_Position = vec4(0.0);\n"
           "}\n";
}

static inline const char *pt_white_fs(void)
{
    return "#version 450 core\nout vec4 o;\nvoid main() { o = vec4(1.0); }\n";
}

/* Objects made and deleted first, so that the app's names start above those a fresh driver
 * hands out after a reload: a name glcr forgets to translate then shows in the output. */
static inline void pt_name_holes(void)
{
    GLuint names[3];
    glGenBuffers(3, names);
    glDeleteBuffers(3, names);
    glGenTextures(3, names);
    glDeleteTextures(3, names);
    glGenVertexArrays(3, names);
    glDeleteVertexArrays(3, names);
    glGenSamplers(3, names);
    glDeleteSamplers(3, names);
    glGenQueries(3, names);
    glDeleteQueries(3, names);
}

/* Every generic attribute of the bound vertex array, as the app sees it. */
static inline void pt_attrib_state(const char *what, GLuint index)
{
    static const GLenum pnames[] = {
        GL_VERTEX_ATTRIB_ARRAY_ENABLED, GL_VERTEX_ATTRIB_ARRAY_SIZE, GL_VERTEX_ATTRIB_ARRAY_TYPE,
        GL_VERTEX_ATTRIB_ARRAY_STRIDE, GL_VERTEX_ATTRIB_ARRAY_NORMALIZED, GL_VERTEX_ATTRIB_ARRAY_INTEGER,
        GL_VERTEX_ATTRIB_ARRAY_DIVISOR, GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING,
    };
    printf("%s attrib %u:", what, index);
    for (size_t i = 0; i < sizeof pnames / sizeof *pnames; i++) {
        GLint v = -1;
        glGetVertexAttribiv(index, pnames[i], &v);
        printf(" %d", v);
    }
    void *ptr = NULL;
    glGetVertexAttribPointerv(index, GL_VERTEX_ATTRIB_ARRAY_POINTER, &ptr);
    printf(" ptr %lu\n", (unsigned long)(uintptr_t)ptr);
}

#endif
