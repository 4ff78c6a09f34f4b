/* Multisample color renderbuffers (RGBA8 and RGBA16I, 4 samples) keep every sample: after
 * the checkpoint the app copies each into a multisample texture by a blit and draws each
 * sample on its own; the RGBA8 one is also resolved into a single-sample renderbuffer. */
#include "fbo_common.h"
#include "preserve_draw.h"

#define S 16

static void show_samples(const char *what, GLuint fbo, GLenum internal, const char *sampler, float scale)
{
    GLuint tex, copy;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex);
    glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, internal, S, S, GL_TRUE);
    glGenFramebuffers(1, &copy);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, copy);
    glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, tex, 0);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, PT_W, PT_H);
    pt_draw_samples(S, what, sampler, "p", scale, 1);
    glDeleteFramebuffers(1, &copy);
    glDeleteTextures(1, &tex);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint rb[3], fbo[3];
    glGenRenderbuffers(3, rb);
    glGenFramebuffers(3, fbo);
    const GLenum formats[2] = {GL_RGBA8, GL_RGBA16I};
    for (int i = 0; i < 2; i++) {
        glBindRenderbuffer(GL_RENDERBUFFER, rb[i]);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, formats[i], S, S);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo[i]);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[i]);
    }
    glBindRenderbuffer(GL_RENDERBUFFER, rb[2]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[2]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[2]);
    glViewport(0, 0, S, S);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glClearColor(0.1f, 0.0f, 0.3f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    fbo_tilted_triangle(1.0f, 0.6f, 0.0f);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    const GLint clear[4] = {-300, 20000, -32768, 7};
    glClearBufferiv(GL_COLOR, 0, clear);
    GLuint integer = pt_program(PT_UV_VERTEX_SHADER, "#version 400 compatibility\nout ivec4 color;\n"
                                                     "void main() { color = ivec4(-1200, 32767, 5, -9); }\n");
    glUseProgram(integer);
    fbo_tilted_triangle(0.0f, 0.0f, 0.0f);
    glUseProgram(0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);

    pt_checkpoint();

    for (int i = 0; i < 2; i++) {
        glBindRenderbuffer(GL_RENDERBUFFER, rb[i]);
        rb_params(i ? "RGBA16I renderbuffer" : "RGBA8 renderbuffer");
    }
    show_samples("samples of the RGBA8 renderbuffer", fbo[0], GL_RGBA8, "sampler2DMS", 1.0f);
    show_samples("samples of the RGBA16I renderbuffer", fbo[1], GL_RGBA16I, "isampler2DMS", 1.0f / 32768.0f);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo[2]);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[2]);
    fbo_hash("RGBA8 resolved", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return pt_done();
}
