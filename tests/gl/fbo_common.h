/* Helpers shared by the framebuffer preserve tests: print what GL says about an FBO and
 * hash what it holds. */
#ifndef GLCR_TESTS_GL_FBO_COMMON_H
#define GLCR_TESTS_GL_FBO_COMMON_H

#include "preserve.h"

/* Hash of a w x h region read from the bound read framebuffer's read buffer. */
static inline void fbo_hash(const char *what, GLenum format, GLenum type, int w, int h, int bytes_per_pixel)
{
    size_t n = (size_t)w * (size_t)h * (size_t)bytes_per_pixel;
    void *pixels = calloc(1, n);
    if (!pixels)
        pt_fail("out of memory");
    glFinish();
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, format, type, pixels);
    pt_check_error(what);
    pt_bytes(what, pixels, n);
    free(pixels);
}

/* One attachment of the framebuffer bound at target, as glGetFramebufferAttachmentParameteriv
 * reports it (object names are the app's). */
static inline void fbo_attachment(const char *what, GLenum target, GLenum attachment)
{
    GLint type = 0, name = 0;
    glGetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_TYPE, &type);
    glGetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_OBJECT_NAME, &name);
    printf("%s: type 0x%x name %d", what, type, name);
    if (type == GL_TEXTURE) {
        GLint level = 0, layer = 0, layered = 0, face = 0;
        glGetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LEVEL, &level);
        glGetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_LAYER, &layer);
        glGetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_LAYERED, &layered);
        glGetFramebufferAttachmentParameteriv(target, attachment, GL_FRAMEBUFFER_ATTACHMENT_TEXTURE_CUBE_MAP_FACE,
                                              &face);
        printf(" level %d layer %d layered %d face 0x%x", level, layer, layered, face);
    }
    if (type != GL_NONE) {
        GLint bits[6] = {0};
        static const GLenum pnames[6] = {
            GL_FRAMEBUFFER_ATTACHMENT_RED_SIZE, GL_FRAMEBUFFER_ATTACHMENT_GREEN_SIZE,
            GL_FRAMEBUFFER_ATTACHMENT_BLUE_SIZE, GL_FRAMEBUFFER_ATTACHMENT_ALPHA_SIZE,
            GL_FRAMEBUFFER_ATTACHMENT_DEPTH_SIZE, GL_FRAMEBUFFER_ATTACHMENT_STENCIL_SIZE,
        };
        for (int i = 0; i < 6; i++)
            glGetFramebufferAttachmentParameteriv(target, attachment, pnames[i], &bits[i]);
        printf(" bits %d %d %d %d %d %d", bits[0], bits[1], bits[2], bits[3], bits[4], bits[5]);
    }
    printf("\n");
    pt_check_error(what);
}

static inline void fbo_status(const char *what, GLenum target)
{
    pt_int(what, (long long)glCheckFramebufferStatus(target));
}

/* The current renderbuffer's parameters. */
static inline void rb_params(const char *what)
{
    static const GLenum pnames[] = {
        GL_RENDERBUFFER_WIDTH, GL_RENDERBUFFER_HEIGHT, GL_RENDERBUFFER_INTERNAL_FORMAT, GL_RENDERBUFFER_SAMPLES,
        GL_RENDERBUFFER_RED_SIZE, GL_RENDERBUFFER_GREEN_SIZE, GL_RENDERBUFFER_BLUE_SIZE,
        GL_RENDERBUFFER_ALPHA_SIZE, GL_RENDERBUFFER_DEPTH_SIZE, GL_RENDERBUFFER_STENCIL_SIZE,
    };
    printf("%s:", what);
    for (size_t i = 0; i < sizeof pnames / sizeof *pnames; i++) {
        GLint v = 0;
        glGetRenderbufferParameteriv(GL_RENDERBUFFER, pnames[i], &v);
        printf(" %d", v);
    }
    printf("\n");
    pt_check_error(what);
}

/* A triangle whose depth varies across it, in fixed-function GL. */
static inline void fbo_tilted_triangle(float r, float g, float b)
{
    glColor3f(r, g, b);
    glBegin(GL_TRIANGLES);
    glVertex3f(-0.9f, -0.9f, -0.8f);
    glVertex3f(0.9f, -0.6f, 0.7f);
    glVertex3f(-0.2f, 0.9f, 0.1f);
    glEnd();
}

static inline void fbo_quad(float z, float r, float g, float b)
{
    glColor3f(r, g, b);
    glBegin(GL_QUADS);
    glVertex3f(-1.0f, -1.0f, z);
    glVertex3f(1.0f, -1.0f, z);
    glVertex3f(1.0f, 1.0f, z);
    glVertex3f(-1.0f, 1.0f, z);
    glEnd();
}

#endif
