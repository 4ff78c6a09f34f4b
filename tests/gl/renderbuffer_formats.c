/* Renderbuffers of many formats, each in an FBO of its own and filled with scissored clears
 * and a triangle: afterwards glGetRenderbufferParameteriv and the contents must be the same,
 * and each can still be rendered into. */
#include "fbo_common.h"

#define S 16

enum kind { NORM, FLT, UINT, SINT, DEPTH, STENCIL, DEPTH_STENCIL };

static const struct format {
    const char *name;
    GLenum internal;
    enum kind kind;
    GLenum format, type;   /* read back for the hash */
    int bytes;
} formats[] = {
    {"RGBA8", GL_RGBA8, NORM, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {"RGB565", GL_RGB565, NORM, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {"RGBA4", GL_RGBA4, NORM, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {"SRGB8_ALPHA8", GL_SRGB8_ALPHA8, NORM, GL_RGBA, GL_UNSIGNED_BYTE, 4},
    {"RGB10_A2", GL_RGB10_A2, NORM, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 4},
    {"RGBA16", GL_RGBA16, NORM, GL_RGBA, GL_UNSIGNED_SHORT, 8},
    {"R32F", GL_R32F, FLT, GL_RGBA, GL_FLOAT, 16},
    {"RGBA16F", GL_RGBA16F, FLT, GL_RGBA, GL_FLOAT, 16},
    {"R11F_G11F_B10F", GL_R11F_G11F_B10F, FLT, GL_RGBA, GL_FLOAT, 16},
    {"RGBA8UI", GL_RGBA8UI, UINT, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {"R32UI", GL_R32UI, UINT, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {"RGB10_A2UI", GL_RGB10_A2UI, UINT, GL_RGBA_INTEGER, GL_UNSIGNED_INT, 16},
    {"RGBA16I", GL_RGBA16I, SINT, GL_RGBA_INTEGER, GL_INT, 16},
    {"DEPTH16", GL_DEPTH_COMPONENT16, DEPTH, GL_DEPTH_COMPONENT, GL_FLOAT, 4},
    {"DEPTH24", GL_DEPTH_COMPONENT24, DEPTH, GL_DEPTH_COMPONENT, GL_FLOAT, 4},
    {"DEPTH32F", GL_DEPTH_COMPONENT32F, DEPTH, GL_DEPTH_COMPONENT, GL_FLOAT, 4},
    {"DEPTH (generic)", GL_DEPTH_COMPONENT, DEPTH, GL_DEPTH_COMPONENT, GL_FLOAT, 4},
    {"STENCIL8", GL_STENCIL_INDEX8, STENCIL, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, 1},
    {"DEPTH24_STENCIL8", GL_DEPTH24_STENCIL8, DEPTH_STENCIL, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8, 4},
    {"DEPTH32F_STENCIL8", GL_DEPTH32F_STENCIL8, DEPTH_STENCIL, GL_DEPTH_STENCIL,
     GL_FLOAT_32_UNSIGNED_INT_24_8_REV, 8},
};
#define COUNT (sizeof formats / sizeof *formats)

static GLenum attachment(enum kind k)
{
    return k == DEPTH ? GL_DEPTH_ATTACHMENT : k == STENCIL ? GL_STENCIL_ATTACHMENT
           : k == DEPTH_STENCIL ? GL_DEPTH_STENCIL_ATTACHMENT : GL_COLOR_ATTACHMENT0;
}

/* Scissored clears of four quadrants with values that depend on i, then a triangle. */
static void fill(const struct format *f, int i)
{
    glEnable(GL_SCISSOR_TEST);
    for (int q = 0; q < 4; q++) {
        glScissor((q % 2) * S / 2, (q / 2) * S / 2, S / 2, S / 2);
        float x = (float)(q + 1) / 5.0f + (float)i / 100.0f;
        if (f->kind == NORM || f->kind == FLT) {
            GLfloat c[4] = {x, 1.0f - x, x * x * (f->kind == FLT ? 7.0f : 1.0f), 0.5f};
            glClearBufferfv(GL_COLOR, 0, c);
        } else if (f->kind == UINT) {
            GLuint c[4] = {(GLuint)(q * 37 + i), (GLuint)(200 - q), (GLuint)(q * q), 255};
            if (f->internal == GL_R32UI)
                c[0] = 0xdeadbe00u + (GLuint)q;
            glClearBufferuiv(GL_COLOR, 0, c);
        } else if (f->kind == SINT) {
            GLint c[4] = {-q * 1000 - i, q * 77, -3, 32767 - q};
            glClearBufferiv(GL_COLOR, 0, c);
        } else {
            glClearBufferfi(GL_DEPTH_STENCIL, 0, x, q * 60 + i);
            if (f->kind == DEPTH)
                glClearBufferfv(GL_DEPTH, 0, &x);
            if (f->kind == STENCIL) {
                GLint s = q * 60 + i;
                glClearBufferiv(GL_STENCIL, 0, &s);
            }
        }
    }
    glDisable(GL_SCISSOR_TEST);
    if (f->kind == UINT || f->kind == SINT)
        return;
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_ALWAYS);
    glEnable(GL_STENCIL_TEST);
    glStencilFunc(GL_ALWAYS, 0xa5 - i, 0xff);
    glStencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);
    fbo_tilted_triangle(0.9f, 0.3f + (float)i / 50.0f, 0.1f);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint rb[COUNT], fbo[COUNT];
    glGenRenderbuffers(COUNT, rb);
    glGenFramebuffers(COUNT, fbo);
    glViewport(0, 0, S, S);
    for (size_t i = 0; i < COUNT; i++) {
        const struct format *f = &formats[i];
        glBindRenderbuffer(GL_RENDERBUFFER, rb[i]);
        glRenderbufferStorage(GL_RENDERBUFFER, f->internal, S, S);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo[i]);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, attachment(f->kind), GL_RENDERBUFFER, rb[i]);
        if (f->kind == DEPTH || f->kind == STENCIL || f->kind == DEPTH_STENCIL) {
            glDrawBuffer(GL_NONE);
            glReadBuffer(GL_NONE);
        }
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            pt_fail("%s: framebuffer incomplete", f->name);
        fill(f, (int)i);
        pt_check_error(f->name);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[3]);

    pt_checkpoint();

    GLint bound = 0;
    glGetIntegerv(GL_RENDERBUFFER_BINDING, &bound);
    pt_int("renderbuffer binding is the fourth", bound == (GLint)rb[3]);
    for (size_t i = 0; i < COUNT; i++) {
        const struct format *f = &formats[i];
        char what[96];
        glBindRenderbuffer(GL_RENDERBUFFER, rb[i]);
        rb_params(f->name);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo[i]);
        snprintf(what, sizeof what, "%s status", f->name);
        fbo_status(what, GL_FRAMEBUFFER);
        snprintf(what, sizeof what, "%s contents", f->name);
        fbo_hash(what, f->format, f->type, S, S, f->bytes);
        if (f->kind == DEPTH_STENCIL) {
            snprintf(what, sizeof what, "%s stencil", f->name);
            fbo_hash(what, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE, S, S, 1);
        }
        fill(f, (int)i + 1);
        snprintf(what, sizeof what, "%s contents after filling again", f->name);
        fbo_hash(what, f->format, f->type, S, S, f->bytes);
    }
    return pt_done();
}
