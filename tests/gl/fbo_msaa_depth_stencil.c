/* Multisample depth and stencil renderbuffers (DEPTH24_STENCIL8 and DEPTH_COMPONENT32F, 4
 * samples), a 2D multisample DEPTH24_STENCIL8 texture (its texture mode set to stencil by
 * the app, which must survive too) and a 2-layer multisample DEPTH32F_STENCIL8 array keep
 * every sample: triangles drawn with depth and stencil before the checkpoint
 * leave edge pixels whose samples differ. After it, each sample's depth and stencil is
 * shown on its own (a blit into a multisample texture, then texelFetch), and a quad drawn
 * through the depth and stencil tests is resolved: both differ if one sample is lost. */
#include <stdbool.h>

#include "fbo_common.h"
#include "preserve_draw.h"

#define S 16

static void show_samples(const char *what, GLuint fbo, GLenum internal, GLbitfield buffer, const char *sampler,
                         float scale)
{
    GLuint tex, copy;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, tex);
    glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, internal, S, S, GL_TRUE);
    if (buffer == GL_STENCIL_BUFFER_BIT)
        glTexParameteri(GL_TEXTURE_2D_MULTISAMPLE, GL_DEPTH_STENCIL_TEXTURE_MODE, GL_STENCIL_INDEX);
    glGenFramebuffers(1, &copy);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, copy);
    glFramebufferTexture2D(GL_DRAW_FRAMEBUFFER, internal == GL_DEPTH24_STENCIL8 ? GL_DEPTH_STENCIL_ATTACHMENT
                                                : GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D_MULTISAMPLE, tex, 0);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, buffer, GL_NEAREST);
    pt_check_error(what);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, PT_W, PT_H);
    pt_draw_samples(S, what, sampler, "p", scale, 1);
    glDeleteFramebuffers(1, &copy);
    glDeleteTextures(1, &tex);
}

/* Depth and stencil values that vary across the buffer, with edges that cut through pixels. */
static void draw_scene(bool stencil)
{
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    if (stencil) {
        glEnable(GL_STENCIL_TEST);
        glStencilFunc(GL_ALWAYS, 5, 0xff);
        glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);
    }
    fbo_tilted_triangle(1.0f, 0.6f, 0.0f);
    if (stencil)
        glStencilFunc(GL_ALWAYS, 0xa9, 0xff);
    glColor3f(0.0f, 0.4f, 1.0f);
    glBegin(GL_TRIANGLES);
    glVertex3f(0.95f, 0.9f, -0.5f);
    glVertex3f(-0.7f, 0.2f, 0.6f);
    glVertex3f(0.3f, -0.95f, 0.0f);
    glEnd();
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_DEPTH_TEST);
}

/* A quad at depth 0.2 where the stencil equals ref and the saved depth is farther, resolved. */
static void resolve_through_tests(const char *what, GLuint fbo, GLuint resolved_fbo, bool stencil, GLint ref)
{
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, S, S);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    glDepthMask(GL_FALSE);
    if (stencil) {
        glEnable(GL_STENCIL_TEST);
        glStencilFunc(GL_EQUAL, ref, 0xff);
        glStencilOp(GL_KEEP, GL_KEEP, GL_KEEP);
    }
    fbo_quad(0.2f, 0.9f, 0.9f, 0.2f);
    glDisable(GL_STENCIL_TEST);
    glDisable(GL_DEPTH_TEST);
    glDepthMask(GL_TRUE);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolved_fbo);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, resolved_fbo);
    fbo_hash(what, GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint rb[5], fbo[3];
    glGenRenderbuffers(5, rb);
    glGenFramebuffers(3, fbo);
    const GLenum depth_formats[2] = {GL_DEPTH24_STENCIL8, GL_DEPTH_COMPONENT32F};
    for (int i = 0; i < 2; i++) {
        glBindRenderbuffer(GL_RENDERBUFFER, rb[2 * i]);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
        glBindRenderbuffer(GL_RENDERBUFFER, rb[2 * i + 1]);
        glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, depth_formats[i], S, S);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo[i]);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[2 * i]);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, i ? GL_DEPTH_ATTACHMENT : GL_DEPTH_STENCIL_ATTACHMENT,
                                  GL_RENDERBUFFER, rb[2 * i + 1]);
        glViewport(0, 0, S, S);
        glClearColor(0.1f, 0.0f, 0.3f, 1.0f);
        glClearDepth(i ? 0.75 : 1.0);
        glClearStencil(3);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        draw_scene(i == 0);
    }
    GLuint ms_tex[2], tex_fbo;
    glGenTextures(2, ms_tex);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, ms_tex[0]);
    glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, GL_RGBA8, S, S, GL_TRUE);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, ms_tex[1]);
    glTexImage2DMultisample(GL_TEXTURE_2D_MULTISAMPLE, 4, GL_DEPTH24_STENCIL8, S, S, GL_TRUE);
    glTexParameteri(GL_TEXTURE_2D_MULTISAMPLE, GL_DEPTH_STENCIL_TEXTURE_MODE, GL_STENCIL_INDEX);
    glGenFramebuffers(1, &tex_fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, tex_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D_MULTISAMPLE, ms_tex[0], 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_TEXTURE_2D_MULTISAMPLE, ms_tex[1], 0);
    glViewport(0, 0, S, S);
    glClearDepth(0.9);
    glClearStencil(0x40);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    draw_scene(true);
    GLuint array_tex[2], array_fbo;
    glGenTextures(2, array_tex);
    glGenFramebuffers(1, &array_fbo);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, array_tex[0]);
    glTexImage3DMultisample(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, 4, GL_RGBA8, S, S, 2, GL_TRUE);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, array_tex[1]);
    glTexStorage3DMultisample(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, 4, GL_DEPTH32F_STENCIL8, S, S, 2, GL_TRUE);
    glBindFramebuffer(GL_FRAMEBUFFER, array_fbo);
    for (int layer = 0; layer < 2; layer++) {
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, array_tex[0], 0, layer);
        glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, array_tex[1], 0, layer);
        glClearDepth(layer ? 0.6 : 0.95);
        glClearStencil(layer ? 0x11 : 0x22);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
        draw_scene(layer == 1);
    }
    glBindRenderbuffer(GL_RENDERBUFFER, rb[4]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[2]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[4]);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);

    pt_checkpoint();

    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    rb_params("DEPTH24_STENCIL8 renderbuffer");
    glBindRenderbuffer(GL_RENDERBUFFER, rb[3]);
    rb_params("DEPTH_COMPONENT32F renderbuffer");
    show_samples("depth samples of DEPTH24_STENCIL8", fbo[0], GL_DEPTH24_STENCIL8, GL_DEPTH_BUFFER_BIT,
                 "sampler2DMS", 1.0f);
    show_samples("stencil samples of DEPTH24_STENCIL8", fbo[0], GL_DEPTH24_STENCIL8, GL_STENCIL_BUFFER_BIT,
                 "usampler2DMS", 1.0f / 255.0f);
    show_samples("depth samples of DEPTH_COMPONENT32F", fbo[1], GL_DEPTH_COMPONENT32F, GL_DEPTH_BUFFER_BIT,
                 "sampler2DMS", 1.0f);
    GLint mode = 0;
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE, ms_tex[1]);
    glGetTexParameteriv(GL_TEXTURE_2D_MULTISAMPLE, GL_DEPTH_STENCIL_TEXTURE_MODE, &mode);
    pt_int("depth/stencil texture mode", mode);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, PT_W, PT_H);
    pt_draw_samples(S, "stencil samples of the multisample texture", "usampler2DMS", "p", 1.0f / 255.0f, 1);
    glTexParameteri(GL_TEXTURE_2D_MULTISAMPLE, GL_DEPTH_STENCIL_TEXTURE_MODE, GL_DEPTH_COMPONENT);
    pt_draw_samples(S, "depth samples of the multisample texture", "sampler2DMS", "p", 1.0f, 1);
    resolve_through_tests("quad through the texture's depth and stencil 0xa9", tex_fbo, fbo[2], true, 0xa9);
    glBindTexture(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, array_tex[1]);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, PT_W, PT_H);
    pt_draw_samples(S, "depth samples of the multisample array", "sampler2DMSArray", "ivec3(p, layer)", 1.0f, 2);
    glTexParameteri(GL_TEXTURE_2D_MULTISAMPLE_ARRAY, GL_DEPTH_STENCIL_TEXTURE_MODE, GL_STENCIL_INDEX);
    pt_draw_samples(S, "stencil samples of the multisample array", "usampler2DMSArray", "ivec3(p, layer)",
                    1.0f / 255.0f, 2);
    resolve_through_tests("quad through depth and stencil 5", fbo[0], fbo[2], true, 5);
    resolve_through_tests("quad through depth and stencil 0xa9", fbo[0], fbo[2], true, 0xa9);
    resolve_through_tests("quad through the 32F depth", fbo[1], fbo[2], false, 0);
    return pt_done();
}
