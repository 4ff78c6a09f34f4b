/* Multisample textures: every sample of every layer survives, with the sample count, the
 * fixed sample locations and immutable storage. A mutable 2D RGBA8 texture and an immutable
 * RGBA16UI array of two layers are rendered into (triangle edges give samples of one pixel
 * different values); after the checkpoint each sample is drawn on its own, by texelFetch,
 * into a quarter of the window. */
#include "preserve_draw.h"

#define S 16

static void draw_triangle(GLuint program, GLint tint_location, float tint)
{
    glUseProgram(program);
    glUniform1f(tint_location, tint);
    glBegin(GL_TRIANGLES);
    glVertex2f(-0.93f, -0.71f);
    glVertex2f(0.87f, -0.37f);
    glVertex2f(-0.13f, 0.91f);
    glEnd();
    glUseProgram(0);
}

static void render_into(GLuint rgba8, GLuint uint16)
{
    GLuint fbo;
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, S, S);
    GLuint color = pt_program(PT_UV_VERTEX_SHADER, "#version 400 compatibility\nuniform float tint;\nout vec4 color;\n"
                                  "void main() { color = vec4(tint, 0.4, 0.8 - tint, 1.0); }\n");
    GLuint integer = pt_program(PT_UV_VERTEX_SHADER, "#version 400 compatibility\nuniform float tint;\nout uvec4 color;\n"
                                    "void main() { color = uvec4(1000.0 * tint, 65535, 77, 40000); }\n");
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, rgba8, 0);
    glClearColor(0.1f, 0.2f, 0.3f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    draw_triangle(color, glGetUniformLocation(color, "tint"), 0.9f);
    for (int layer = 0; layer < 2; layer++) {
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, uint16, 0, layer);
        const GLuint clear[4] = {7u + (GLuint)layer, 300, 65000, 1};
        glClearBufferuiv(GL_COLOR, 0, clear);
        draw_triangle(integer, glGetUniformLocation(integer, "tint"), 3.0f + (float)layer);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &fbo);
    glViewport(0, 0, PT_W, PT_H);
}

static void print_params(const char *what, GLenum target)
{
    static const GLenum pnames[] = {GL_TEXTURE_SAMPLES, GL_TEXTURE_FIXED_SAMPLE_LOCATIONS, GL_TEXTURE_WIDTH,
                                    GL_TEXTURE_HEIGHT, GL_TEXTURE_DEPTH, GL_TEXTURE_INTERNAL_FORMAT};
    printf("%s:", what);
    for (size_t i = 0; i < sizeof pnames / sizeof *pnames; i++) {
        GLint v = 0;
        glGetTexLevelParameteriv(target, 0, pnames[i], &v);
        printf(" %d", v);
    }
    GLint immutable = 0;
    glGetTexParameteriv(target, GL_TEXTURE_IMMUTABLE_FORMAT, &immutable);
    printf(" immutable %d\n", immutable);
    pt_check_error(what);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[2];
    glGenTextures(2, tex);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex[0]);
    glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, GL_RGBA8, S, S, GL_TRUE);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, tex[1]);
    glTexStorage3DMultisample(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, 4, GL_RGBA16UI, S, S, 2, GL_FALSE);
    render_into(tex[0], tex[1]);

    pt_checkpoint();

    print_params("2D multisample RGBA8", GL_TEXTURE_2D_MULTISAMPLE);
    print_params("2D multisample array RGBA16UI", GL_TEXTURE_2D_MULTISAMPLE_ARRAY);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex[0]);
    pt_draw_samples(S, "samples of the RGBA8 texture", "sampler2DMS", "p", 1.0f, 1);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, tex[1]);
    pt_draw_samples(S, "samples of the RGBA16UI array", "usampler2DMSArray", "ivec3(p, layer)", 1.0f / 4096.0f, 2);
    /* Still a render target: a second triangle over the restored samples. */
    render_into(tex[0], tex[1]);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex[0]);
    pt_draw_samples(S, "RGBA8 texture drawn into again", "sampler2DMS", "p", 1.0f, 1);
    return pt_done();
}
