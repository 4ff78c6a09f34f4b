/* Texture units: many units with textures of different targets bound (several targets on
 * one unit), the active unit, fixed-function multitexturing with per-unit enables, and a
 * shader sampling eight units at once. */
#include "preserve_draw.h"

static const GLenum targets[] = {GL_TEXTURE_2D, GL_TEXTURE_1D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP,
                                 GL_TEXTURE_2D_ARRAY, GL_TEXTURE_RECTANGLE, GL_TEXTURE_1D_ARRAY,
                                 GL_TEXTURE_CUBE_MAP_ARRAY};
static const GLenum bindings[] = {GL_TEXTURE_BINDING_2D, GL_TEXTURE_BINDING_1D, GL_TEXTURE_BINDING_3D,
                                  GL_TEXTURE_BINDING_CUBE_MAP, GL_TEXTURE_BINDING_2D_ARRAY,
                                  GL_TEXTURE_BINDING_RECTANGLE, GL_TEXTURE_BINDING_1D_ARRAY,
                                  GL_TEXTURE_BINDING_CUBE_MAP_ARRAY};
#define UNITS 24

static void make(GLenum target, unsigned seed)
{
    static unsigned char px[4 * 4 * 6 * 4];
    pt_pattern(px, sizeof px, seed);
    switch (target) {
    case GL_TEXTURE_1D: glTexImage1D(target, 0, GL_RGBA8, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, px); break;
    case GL_TEXTURE_3D: case GL_TEXTURE_2D_ARRAY: case GL_TEXTURE_CUBE_MAP_ARRAY:
        glTexImage3D(target, 0, GL_RGBA8, 4, 4, 6, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
        break;
    case GL_TEXTURE_CUBE_MAP:
        for (int f = 0; f < 6; f++)
            glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f, 0, GL_RGBA8, 4, 4, 0, GL_RGBA,
                         GL_UNSIGNED_BYTE, px + f * 16);
        break;
    default: glTexImage2D(target, 0, GL_RGBA8, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, px); break;
    }
    glTexParameteri(target, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(target, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLint max_units = 0;
    glGetIntegerv(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS, &max_units);
    if (max_units < UNITS)
        pt_fail("only %d texture units", max_units);
    static GLuint tex[UNITS][2];
    for (int u = 0; u < UNITS; u++) {
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        /* Two targets per unit on every third unit. */
        for (int k = 0; k < 1 + (u % 3 == 0); k++) {
            GLenum target = targets[(u + k * 3) % 8];
            glGenTextures(1, &tex[u][k]);
            glBindTexture(target, tex[u][k]);
            make(target, 1300 + (unsigned)(u * 2 + k));
        }
    }
    /* Fixed-function multitexturing on units 0 and 1. */
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, tex[0][0]);
    glEnable(GL_TEXTURE_2D);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_ADD);
    glActiveTexture(GL_TEXTURE0);
    glEnable(GL_TEXTURE_2D);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_MODULATE);
    glActiveTexture(GL_TEXTURE0 + 13);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_ACTIVE_TEXTURE, &v);
    pt_int("active unit", v - GL_TEXTURE0);
    for (int u = 0; u < UNITS; u++) {
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        printf("unit %d:", u);
        for (int t = 0; t < 8; t++) {
            glGetIntegerv(bindings[t], &v);
            int which = v == 0 ? 0 : v == (GLint)tex[u][0] ? 1 : v == (GLint)tex[u][1] ? 2 : v == (GLint)tex[0][0] ? 3 : 9;
            printf(" %d", which);
        }
        printf(" 2d enabled %d\n", glIsEnabled(GL_TEXTURE_2D));
    }
    glActiveTexture(GL_TEXTURE0);
    glClear(GL_COLOR_BUFFER_BIT);
    glBegin(GL_QUADS);
    glMultiTexCoord2f(GL_TEXTURE0, 0, 0); glMultiTexCoord2f(GL_TEXTURE1, 0, 0); glVertex2f(-1, -1);
    glMultiTexCoord2f(GL_TEXTURE0, 1, 0); glMultiTexCoord2f(GL_TEXTURE1, 0, 1); glVertex2f(1, -1);
    glMultiTexCoord2f(GL_TEXTURE0, 1, 1); glMultiTexCoord2f(GL_TEXTURE1, 1, 1); glVertex2f(1, 1);
    glMultiTexCoord2f(GL_TEXTURE0, 0, 1); glMultiTexCoord2f(GL_TEXTURE1, 1, 0); glVertex2f(-1, 1);
    glEnd();
    pt_frame("fixed-function multitexture");
    glActiveTexture(GL_TEXTURE1);
    glDisable(GL_TEXTURE_2D);
    glActiveTexture(GL_TEXTURE0);
    glDisable(GL_TEXTURE_2D);

    /* Units 0..7 hold targets 0..7 (k = 0): one sampler of each kind. */
    static const char fs[] =
        "#version 400 compatibility\n"
        "uniform sampler2D s0; uniform sampler1D s1; uniform sampler3D s2; uniform samplerCube s3;\n"
        "uniform sampler2DArray s4; uniform sampler2DRect s5; uniform sampler1DArray s6;\n"
        "uniform samplerCubeArray s7;\nin vec2 uv;\nout vec4 color;\n"
        "void main() {\n"
        "  vec3 d = vec3(uv * 2.0 - 1.0, 0.5);\n"
        "  color = texture(s0, uv) * 0.2 + texture(s1, uv.x) * 0.1 + texture(s2, vec3(uv, 0.3)) * 0.1\n"
        "        + texture(s3, d) * 0.1 + texture(s4, vec3(uv, 2.0)) * 0.1 + texture(s5, uv * 4.0) * 0.1\n"
        "        + texture(s6, vec2(uv.y, 3.0)) * 0.1 + texture(s7, vec4(d, 0.0)) * 0.2;\n"
        "}\n";
    static const char vs[] = "#version 400 compatibility\nout vec2 uv;\n"
                             "void main() { uv = gl_Vertex.xy * 0.5 + 0.5; gl_Position = gl_Vertex; }\n";
    GLuint p = pt_program(vs, fs);
    glUseProgram(p);
    for (int u = 0; u < 8; u++) {
        char name[8];
        snprintf(name, sizeof name, "s%d", u);
        glUniform1i(glGetUniformLocation(p, name), u);
    }
    glClear(GL_COLOR_BUFFER_BIT);
    glRectf(-1, -1, 1, 1);
    glUseProgram(0);
    pt_frame("eight units sampled by a shader");
    return pt_done();
}
