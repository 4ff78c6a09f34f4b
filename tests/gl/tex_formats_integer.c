/* Integer formats: signed and unsigned, 8/16/32-bit, one to four components, and
 * RGB10_A2UI; read back as integers (exact) and drawn through integer samplers, plus an
 * integer border color set with glTexParameterIuiv. */
#include "preserve_draw.h"

static const struct pt_format formats[] = {
    {"R8UI", GL_R8UI, GL_RED_INTEGER, GL_UNSIGNED_BYTE, GL_RED_INTEGER, GL_UNSIGNED_BYTE, 'u', 1.0f / 255, 0},
    {"R8I", GL_R8I, GL_RED_INTEGER, GL_BYTE, GL_RED_INTEGER, GL_BYTE, 'i', 1.0f / 255, 0.5f},
    {"RG8UI", GL_RG8UI, GL_RG_INTEGER, GL_UNSIGNED_BYTE, GL_RG_INTEGER, GL_UNSIGNED_BYTE, 'u', 1.0f / 255, 0},
    {"RGB8UI", GL_RGB8UI, GL_RGB_INTEGER, GL_UNSIGNED_BYTE, GL_RGB_INTEGER, GL_UNSIGNED_BYTE, 'u', 1.0f / 255, 0},
    {"RGBA8I", GL_RGBA8I, GL_RGBA_INTEGER, GL_BYTE, GL_RGBA_INTEGER, GL_BYTE, 'i', 1.0f / 255, 0.5f},
    {"RGBA8UI", GL_RGBA8UI, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, GL_RGBA_INTEGER, GL_UNSIGNED_BYTE, 'u', 1.0f / 255, 0},
    {"R16UI", GL_R16UI, GL_RED_INTEGER, GL_UNSIGNED_SHORT, GL_RED_INTEGER, GL_UNSIGNED_SHORT, 'u', 1.0f / 65535, 0},
    {"RG16I", GL_RG16I, GL_RG_INTEGER, GL_SHORT, GL_RG_INTEGER, GL_SHORT, 'i', 1.0f / 65535, 0.5f},
    {"RGBA16UI", GL_RGBA16UI, GL_RGBA_INTEGER, GL_UNSIGNED_SHORT, GL_RGBA_INTEGER, GL_UNSIGNED_SHORT, 'u', 1.0f / 65535, 0},
    {"RGBA16I", GL_RGBA16I, GL_RGBA_INTEGER, GL_SHORT, GL_RGBA_INTEGER, GL_SHORT, 'i', 1.0f / 65535, 0.5f},
    {"R32I", GL_R32I, GL_RED_INTEGER, GL_INT, GL_RED_INTEGER, GL_INT, 'i', 1.0f / 4294967296.0f, 0.5f},
    {"R32UI", GL_R32UI, GL_RED_INTEGER, GL_UNSIGNED_INT, GL_RED_INTEGER, GL_UNSIGNED_INT, 'u', 1.0f / 4294967296.0f, 0},
    {"RG32UI", GL_RG32UI, GL_RG_INTEGER, GL_UNSIGNED_INT, GL_RG_INTEGER, GL_UNSIGNED_INT, 'u', 1.0f / 4294967296.0f, 0},
    {"RGB32I", GL_RGB32I, GL_RGB_INTEGER, GL_INT, GL_RGB_INTEGER, GL_INT, 'i', 1.0f / 4294967296.0f, 0.5f},
    {"RGBA32UI", GL_RGBA32UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 'u', 1.0f / 4294967296.0f, 0},
    {"RGBA32I", GL_RGBA32I, GL_RGBA_INTEGER, GL_INT, GL_RGBA_INTEGER, GL_INT, 'i', 1.0f / 4294967296.0f, 0.5f},
    {"RGB10_A2UI", GL_RGB10_A2UI, GL_RGBA_INTEGER, GL_UNSIGNED_INT_2_10_10_10_REV, GL_RGBA_INTEGER,
     GL_UNSIGNED_INT_2_10_10_10_REV, 'u', 1.0f / 1023, 0},
};
#define N (int)(sizeof formats / sizeof *formats)

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[N];
    pt_formats_setup(formats, N, tex);
    /* Outside the texture the border shows: as integers, beyond what a float holds. */
    const GLuint border[] = {4000000000u, 7u, 0x12345u, 255u};
    glBindTexture(GL_TEXTURE_2D, tex[14]);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
    glTexParameterIuiv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
    const GLint iborder[] = {-5, 2000000000, -70000, 1};
    glBindTexture(GL_TEXTURE_2D, tex[15]);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_BORDER);
    glTexParameterIiv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, iborder);

    pt_checkpoint();

    pt_formats_check(formats, N, tex);
    GLuint ub[4];
    glBindTexture(GL_TEXTURE_2D, tex[14]);
    glGetTexParameterIuiv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, ub);
    printf("RGBA32UI border %u %u %u %u\n", ub[0], ub[1], ub[2], ub[3]);
    GLint ib[4];
    glBindTexture(GL_TEXTURE_2D, tex[15]);
    glGetTexParameterIiv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, ib);
    printf("RGBA32I border %d %d %d %d\n", ib[0], ib[1], ib[2], ib[3]);
    /* Drawn over a larger area, so that the border is sampled. */
    glMatrixMode(GL_TEXTURE);
    glLoadIdentity();
    glScalef(2.0f, 2.0f, 1.0f);
    static const char fs[] = "#version 400 compatibility\nuniform isampler2D s;\nin vec2 uv;\nout vec4 color;\n"
                             "void main() { color = vec4(texture(s, uv * 2.0 - 0.5)) / 4294967296.0 + 0.5; }\n";
    static const char vs[] = "#version 400 compatibility\nout vec2 uv;\n"
                             "void main() { uv = gl_Vertex.xy * 0.5 + 0.5; gl_Position = gl_Vertex; }\n";
    GLuint p = pt_program(vs, fs);
    glUseProgram(p);
    glClear(GL_COLOR_BUFFER_BIT);
    glRectf(-1, -1, 1, 1);
    glUseProgram(0);
    pt_frame("RGBA32I with its border");
    return pt_done();
}
