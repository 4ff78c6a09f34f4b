/* Sampler objects: every parameter (wrap, filters, LOD range and bias, anisotropy, compare,
 * float and integer border colors, per-sampler seamless cube maps where the driver has it),
 * bound to several texture units; a draw samples one texture through two of them with
 * coordinates outside [0, 1], so wrap modes, border color and filters show in the pixels. */
#include "glsl.h"

static const char *vs =
    "#version 450 core\n"
    "out vec2 uv;\n"
    "void main() {\n"
    "    vec2 p = vec2(gl_VertexID & 1, gl_VertexID >> 1) * 2.0 - 1.0;\n"
    "    uv = p * 1.5 + 0.5;\n"
    "    gl_Position = vec4(p, 0.0, 1.0);\n"
    "}\n";
static const char *fs =
    "#version 450 core\n"
    "layout(binding = 0) uniform sampler2D a;\n"
    "layout(binding = 3) uniform sampler2D b;\n"
    "in vec2 uv;\n"
    "out vec4 o;\n"
    "void main() { o = uv.x < 0.5 ? texture(a, uv) : texture(b, uv * 0.7); }\n";

static void print_sampler(const char *what, GLuint s)
{
    static const GLenum ints[] = {
        GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R, GL_TEXTURE_MIN_FILTER,
        GL_TEXTURE_MAG_FILTER, GL_TEXTURE_COMPARE_MODE, GL_TEXTURE_COMPARE_FUNC,
    };
    static const GLenum floats[] = {GL_TEXTURE_MIN_LOD, GL_TEXTURE_MAX_LOD, GL_TEXTURE_LOD_BIAS,
                                    GL_TEXTURE_MAX_ANISOTROPY};
    printf("%s: is sampler %d ints", what, glIsSampler(s));
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        GLint v = -1;
        glGetSamplerParameteriv(s, ints[i], &v);
        printf(" 0x%x", v);
    }
    printf(" floats");
    for (size_t i = 0; i < sizeof floats / sizeof *floats; i++) {
        GLfloat v = -1;
        glGetSamplerParameterfv(s, floats[i], &v);
        printf(" %g", v);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    pt_name_holes();
    GLuint prog = pt_program(vs, fs);
    GLubyte texels[8 * 8 * 4];
    for (int i = 0; i < 64; i++) {
        texels[i * 4 + 0] = (GLubyte)(i * 4);
        texels[i * 4 + 1] = (GLubyte)(255 - i * 4);
        texels[i * 4 + 2] = (GLubyte)((i % 3) * 120);
        texels[i * 4 + 3] = 255;
    }
    GLuint tex;
    glGenTextures(1, &tex);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 8, 8, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels);
    glGenerateMipmap(GL_TEXTURE_2D);
    glActiveTexture(GL_TEXTURE3);
    glBindTexture(GL_TEXTURE_2D, tex);

    GLuint s[5];
    glGenSamplers(5, s);
    glSamplerParameteri(s[0], GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_NEAREST);
    glSamplerParameteri(s[0], GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glSamplerParameteri(s[0], GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
    glSamplerParameteri(s[0], GL_TEXTURE_WRAP_T, GL_REPEAT);
    const GLfloat border[] = {1.0f, 0.0f, 1.0f, 1.0f};
    glSamplerParameterfv(s[0], GL_TEXTURE_BORDER_COLOR, border);
    glSamplerParameterf(s[0], GL_TEXTURE_LOD_BIAS, 0.5f);
    glSamplerParameterf(s[0], GL_TEXTURE_MIN_LOD, 0.25f);
    glSamplerParameterf(s[0], GL_TEXTURE_MAX_LOD, 2.0f);

    glSamplerParameteri(s[1], GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glSamplerParameteri(s[1], GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glSamplerParameteri(s[1], GL_TEXTURE_WRAP_S, GL_MIRRORED_REPEAT);
    glSamplerParameteri(s[1], GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glSamplerParameterf(s[1], GL_TEXTURE_MAX_ANISOTROPY, 4.0f);

    glSamplerParameteri(s[2], GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
    glSamplerParameteri(s[2], GL_TEXTURE_COMPARE_FUNC, GL_GEQUAL);
    glSamplerParameteri(s[2], GL_TEXTURE_WRAP_R, GL_MIRROR_CLAMP_TO_EDGE);
    const GLint iborder[] = {-7, 300, 0, 1};
    glSamplerParameterIiv(s[2], GL_TEXTURE_BORDER_COLOR, iborder);
    const GLuint uborder[] = {4000000000u, 7, 1, 2};
    glSamplerParameterIuiv(s[3], GL_TEXTURE_BORDER_COLOR, uborder);
    glSamplerParameteri(s[3], GL_TEXTURE_CUBE_MAP_SEAMLESS, GL_TRUE);
    glGetError(); /* per-sampler seamless cube maps are an extension the driver may lack */
    glDeleteSamplers(1, &s[4]);

    glBindSampler(0, s[0]);
    glBindSampler(3, s[1]);
    glBindSampler(20, s[2]);
    glBindSampler(21, s[3]);
    glActiveTexture(GL_TEXTURE5);
    GLuint vao;
    glGenVertexArrays(1, &vao);
    glBindVertexArray(vao);
    glUseProgram(prog);

    pt_checkpoint();

    for (int i = 0; i < 5; i++) {
        char what[32];
        snprintf(what, sizeof what, "sampler %u", s[i]);
        print_sampler(what, s[i]);
    }
    GLfloat f[4];
    glGetSamplerParameterfv(s[0], GL_TEXTURE_BORDER_COLOR, f);
    printf("sampler %u border %g %g %g %g\n", s[0], f[0], f[1], f[2], f[3]);
    GLint iv[4];
    glGetSamplerParameterIiv(s[2], GL_TEXTURE_BORDER_COLOR, iv);
    printf("sampler %u integer border %d %d %d %d\n", s[2], iv[0], iv[1], iv[2], iv[3]);
    GLuint uv[4];
    glGetSamplerParameterIuiv(s[3], GL_TEXTURE_BORDER_COLOR, uv);
    printf("sampler %u unsigned border %u %u %u %u\n", s[3], uv[0], uv[1], uv[2], uv[3]);
    GLint seamless = -1;
    glGetSamplerParameteriv(s[3], GL_TEXTURE_CUBE_MAP_SEAMLESS, &seamless);
    glGetError();
    printf("sampler %u seamless (-1: no such parameter) %d\n", s[3], seamless);
    GLint active = -1;
    glGetIntegerv(GL_ACTIVE_TEXTURE, &active);
    pt_int("active texture unit", active - GL_TEXTURE0);
    static const GLuint units[] = {0, 1, 3, 20, 21};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        glActiveTexture(GL_TEXTURE0 + units[i]);
        GLint b = -1;
        glGetIntegerv(GL_SAMPLER_BINDING, &b);
        printf("unit %u sampler %d\n", units[i], b);
    }
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    pt_frame("sampled through units 0 and 3");
    return pt_done();
}
