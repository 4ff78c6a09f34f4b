/* Samples of multisample textures: GL reads none of them back directly, so a shader copies
 * each sample into a slice of an ordinary array texture of the same format (which
 * glGetTexImage reads), and after a reload draws each slice back into its sample alone,
 * with the sample mask letting only that sample be written. */
#include "state/multisample.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gl_dispatch.h"

static const char vertex_source[] =
    "#version 150\n"
    "void main()\n"
    "{\n"
    "    /* One triangle covering the viewport. */\n"
    "    gl_Position = vec4(gl_VertexID == 1 ? 3.0 : -1.0, gl_VertexID == 2 ? 3.0 : -1.0, 0.0, 1.0);\n"
    "}\n";

/* The sampler and output prefix ("", "i", "u") of a texture holding `kind` components. */
static const char *type_prefix(GLint kind)
{
    return kind == GL_INT ? "i" : kind == GL_UNSIGNED_INT ? "u" : "";
}

static GLuint compile(GLenum stage, const char *source, char *err, size_t err_len)
{
    GLuint shader = glcr_driver.CreateShader(stage);
    glcr_driver.ShaderSource(shader, 1, &source, NULL);
    glcr_driver.CompileShader(shader);
    GLint ok = 0;
    glcr_driver.GetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[256] = "";
        glcr_driver.GetShaderInfoLog(shader, sizeof log, NULL, log);
        snprintf(err, err_len, "glcr's multisample copy shader does not compile: %s", log);
        glcr_driver.DeleteShader(shader);
        return 0;
    }
    return shader;
}

static GLuint build_program(const char *fragment_source, char *err, size_t err_len)
{
    GLuint vs = compile(GL_VERTEX_SHADER, vertex_source, err, err_len);
    GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, fragment_source, err, err_len) : 0;
    if (!fs) {
        glcr_driver.DeleteShader(vs);
        return 0;
    }
    GLuint program = glcr_driver.CreateProgram();
    glcr_driver.AttachShader(program, vs);
    glcr_driver.AttachShader(program, fs);
    glcr_driver.BindFragDataLocation(program, 0, "color");
    glcr_driver.LinkProgram(program);
    glcr_driver.DeleteShader(vs);
    glcr_driver.DeleteShader(fs);
    GLint ok = 0;
    glcr_driver.GetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        snprintf(err, err_len, "glcr's multisample copy program does not link");
        glcr_driver.DeleteProgram(program);
        return 0;
    }
    return program;
}

/* The state of glcr's private context that the copies change, put back afterwards. */
struct saved_state {
    GLint draw_fbo, read_fbo, program, vao, texture, active, viewport[4];
    GLboolean dither, srgb, sample_mask, multisample, scissor, blend, depth, stencil, cull;
    GLint depth_func, stencil_writemask[2], stencil_func[2], stencil_ref[2], stencil_value_mask[2];
    GLint stencil_ops[2][3];
    GLboolean depth_writemask;
};

/* Depth and stencil state, which the depth and stencil writes change. */
static const GLenum stencil_face_params[2][7] = {
    {GL_STENCIL_WRITEMASK, GL_STENCIL_FUNC, GL_STENCIL_REF, GL_STENCIL_VALUE_MASK, GL_STENCIL_FAIL,
     GL_STENCIL_PASS_DEPTH_FAIL, GL_STENCIL_PASS_DEPTH_PASS},
    {GL_STENCIL_BACK_WRITEMASK, GL_STENCIL_BACK_FUNC, GL_STENCIL_BACK_REF, GL_STENCIL_BACK_VALUE_MASK,
     GL_STENCIL_BACK_FAIL, GL_STENCIL_BACK_PASS_DEPTH_FAIL, GL_STENCIL_BACK_PASS_DEPTH_PASS},
};

static void save_depth_stencil(struct saved_state *s)
{
    glcr_driver.GetIntegerv(GL_DEPTH_FUNC, &s->depth_func);
    glcr_driver.GetBooleanv(GL_DEPTH_WRITEMASK, &s->depth_writemask);
    for (int f = 0; f < 2; f++) {
        GLint *out[7] = {&s->stencil_writemask[f], &s->stencil_func[f], &s->stencil_ref[f],
                         &s->stencil_value_mask[f], &s->stencil_ops[f][0], &s->stencil_ops[f][1],
                         &s->stencil_ops[f][2]};
        for (int i = 0; i < 7; i++)
            glcr_driver.GetIntegerv(stencil_face_params[f][i], out[i]);
    }
}

static void restore_depth_stencil(const struct saved_state *s)
{
    glcr_driver.DepthFunc((GLenum)s->depth_func);
    glcr_driver.DepthMask(s->depth_writemask);
    for (int f = 0; f < 2; f++) {
        GLenum face = f ? GL_BACK : GL_FRONT;
        glcr_driver.StencilMaskSeparate(face, (GLuint)s->stencil_writemask[f]);
        glcr_driver.StencilFuncSeparate(face, (GLenum)s->stencil_func[f], s->stencil_ref[f],
                                        (GLuint)s->stencil_value_mask[f]);
        glcr_driver.StencilOpSeparate(face, (GLenum)s->stencil_ops[f][0], (GLenum)s->stencil_ops[f][1],
                                      (GLenum)s->stencil_ops[f][2]);
    }
}

static void save_state(struct saved_state *s)
{
    glcr_driver.GetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &s->draw_fbo);
    glcr_driver.GetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &s->read_fbo);
    glcr_driver.GetIntegerv(GL_CURRENT_PROGRAM, &s->program);
    glcr_driver.GetIntegerv(GL_VERTEX_ARRAY_BINDING, &s->vao);
    glcr_driver.GetIntegerv(GL_ACTIVE_TEXTURE, &s->active);
    glcr_driver.ActiveTexture(GL_TEXTURE0);
    glcr_driver.GetIntegerv(GL_TEXTURE_BINDING_2D_ARRAY, &s->texture);
    glcr_driver.GetIntegerv(GL_VIEWPORT, s->viewport);
    const GLenum caps[] = {GL_DITHER, GL_FRAMEBUFFER_SRGB, GL_SAMPLE_MASK, GL_MULTISAMPLE, GL_SCISSOR_TEST,
                           GL_BLEND, GL_DEPTH_TEST, GL_STENCIL_TEST, GL_CULL_FACE};
    GLboolean *flags[] = {&s->dither, &s->srgb, &s->sample_mask, &s->multisample, &s->scissor,
                          &s->blend, &s->depth, &s->stencil, &s->cull};
    for (size_t i = 0; i < sizeof caps / sizeof *caps; i++)
        *flags[i] = glcr_driver.IsEnabled(caps[i]);
    save_depth_stencil(s);
    /* sRGB texels are decoded by texelFetch and encoded again on write: bits come back. */
    glcr_driver.Enable(GL_FRAMEBUFFER_SRGB);
    glcr_driver.Enable(GL_MULTISAMPLE);
    for (size_t i = 0; i < sizeof caps / sizeof *caps; i++)
        if (caps[i] != GL_FRAMEBUFFER_SRGB && caps[i] != GL_MULTISAMPLE)
            glcr_driver.Disable(caps[i]);
}

static void set_cap(GLenum cap, GLboolean on)
{
    if (on)
        glcr_driver.Enable(cap);
    else
        glcr_driver.Disable(cap);
}

static void restore_state(const struct saved_state *s)
{
    glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, (GLuint)s->draw_fbo);
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, (GLuint)s->read_fbo);
    glcr_driver.UseProgram((GLuint)s->program);
    glcr_driver.BindVertexArray((GLuint)s->vao);
    glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, (GLuint)s->texture);
    glcr_driver.ActiveTexture((GLenum)s->active);
    glcr_driver.Viewport(s->viewport[0], s->viewport[1], s->viewport[2], s->viewport[3]);
    glcr_driver.SampleMaski(0, ~0u);
    set_cap(GL_DITHER, s->dither);
    set_cap(GL_FRAMEBUFFER_SRGB, s->srgb);
    set_cap(GL_SAMPLE_MASK, s->sample_mask);
    set_cap(GL_MULTISAMPLE, s->multisample);
    set_cap(GL_SCISSOR_TEST, s->scissor);
    set_cap(GL_BLEND, s->blend);
    set_cap(GL_DEPTH_TEST, s->depth);
    set_cap(GL_STENCIL_TEST, s->stencil);
    set_cap(GL_CULL_FACE, s->cull);
    restore_depth_stencil(s);
}

/* Attaches one layer (of a multisample array, or of the staging array) or the whole of a
 * 2D multisample texture to the draw framebuffer's first color attachment. */
static void attach(GLenum target, GLuint texture, int layer)
{
    if (target == GL_TEXTURE_2D_MULTISAMPLE)
        glcr_driver.FramebufferTexture2D(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, target, texture, 0);
    else
        glcr_driver.FramebufferTextureLayer(GL_DRAW_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, texture, 0, layer);
}

struct copy_pass {
    GLuint program, fbo, vao;
    GLint sample_uniform, slice_uniform;
};

static bool begin_pass(struct copy_pass *p, const char *fragment_source, const struct glcr_ms_image *img,
                       char *err, size_t err_len)
{
    p->program = build_program(fragment_source, err, err_len);
    if (!p->program)
        return false;
    glcr_driver.GenFramebuffers(1, &p->fbo);
    glcr_driver.GenVertexArrays(1, &p->vao);
    glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, p->fbo);
    glcr_driver.BindVertexArray(p->vao);
    glcr_driver.UseProgram(p->program);
    glcr_driver.Uniform1i(glcr_driver.GetUniformLocation(p->program, "source"), 0);
    p->sample_uniform = glcr_driver.GetUniformLocation(p->program, "sample_index");
    p->slice_uniform = glcr_driver.GetUniformLocation(p->program, "slice");
    glcr_driver.Viewport(0, 0, img->width, img->height);
    return true;
}

static void end_pass(struct copy_pass *p)
{
    glcr_driver.DeleteProgram(p->program);
    glcr_driver.DeleteFramebuffers(1, &p->fbo);
    glcr_driver.DeleteVertexArrays(1, &p->vao);
}

static bool finish(const struct glcr_ms_image *img, const char *what, char *err, size_t err_len)
{
    GLenum e = glcr_driver.GetError();
    if (e == GL_NO_ERROR)
        return true;
    snprintf(err, err_len, "%s: %s its samples raised GL error 0x%x", img->what, what, e);
    return false;
}

bool glcr_ms_read_samples(const struct glcr_ms_image *img, GLuint staging, char *err, size_t err_len)
{
    bool array = img->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY;
    const char *prefix = type_prefix(img->component_kind);
    char fs[512];
    snprintf(fs, sizeof fs,
             "#version 150\n"
             "uniform %ssampler2DMS%s source;\n"
             "uniform int sample_index;\n"
             "uniform int slice;\n"
             "out %svec4 color;\n"
             "void main()\n"
             "{\n"
             "    color = texelFetch(source, %s, sample_index);\n"
             "}\n",
             prefix, array ? "Array" : "", prefix,
             array ? "ivec3(ivec2(gl_FragCoord.xy), slice)" : "ivec2(gl_FragCoord.xy)");
    struct saved_state saved;
    save_state(&saved);
    struct copy_pass pass;
    bool ok = begin_pass(&pass, fs, img, err, err_len);
    if (ok) {
        glcr_driver.BindTexture(img->target, img->texture);
        for (int layer = 0; layer < img->layers; layer++)
            for (int s = 0; s < img->samples; s++) {
                attach(GL_TEXTURE_2D_ARRAY, staging, layer * img->samples + s);
                glcr_driver.Uniform1i(pass.sample_uniform, s);
                glcr_driver.Uniform1i(pass.slice_uniform, layer);
                glcr_driver.DrawArrays(GL_TRIANGLES, 0, 3);
            }
        glcr_driver.BindTexture(img->target, 0);
        end_pass(&pass);
        ok = finish(img, "copying", err, err_len);
    }
    restore_state(&saved);
    return ok;
}

bool glcr_ms_write_samples(const struct glcr_ms_image *img, GLuint staging, char *err, size_t err_len)
{
    const char *prefix = type_prefix(img->component_kind);
    char fs[512];
    snprintf(fs, sizeof fs,
             "#version 150\n"
             "uniform %ssampler2DArray source;\n"
             "uniform int slice;\n"
             "out %svec4 color;\n"
             "void main()\n"
             "{\n"
             "    color = texelFetch(source, ivec3(ivec2(gl_FragCoord.xy), slice), 0);\n"
             "}\n",
             prefix, prefix);
    struct saved_state saved;
    save_state(&saved);
    struct copy_pass pass;
    bool ok = begin_pass(&pass, fs, img, err, err_len);
    if (ok) {
        /* One fragment per pixel, its coverage cut down to the one sample being written. */
        glcr_driver.Enable(GL_SAMPLE_MASK);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        for (int layer = 0; layer < img->layers; layer++) {
            attach(img->target, img->texture, layer);
            for (int s = 0; s < img->samples; s++) {
                glcr_driver.SampleMaski(0, 1u << s);
                glcr_driver.Uniform1i(pass.slice_uniform, layer * img->samples + s);
                glcr_driver.DrawArrays(GL_TRIANGLES, 0, 3);
            }
        }
        end_pass(&pass);
        ok = finish(img, "writing", err, err_len);
    }
    restore_state(&saved);
    return ok;
}

/* ---- depth and stencil samples: read like color (depth into R32F slices; stencil, through
 * stencil texturing, into R8UI slices); written back one sample at a time, depth through
 * gl_FragDepth and stencil one bit plane at a time (the stencil test writes the reference
 * value where the shader did not discard). -------------------------------------------- */

static const char write_depth_source[] =
    "#version 150\n"
    "uniform sampler2DArray source;\n"
    "uniform int slice;\n"
    "void main()\n"
    "{\n"
    "    gl_FragDepth = texelFetch(source, ivec3(ivec2(gl_FragCoord.xy), slice), 0).r;\n"
    "}\n";

static const char write_stencil_source[] =
    "#version 150\n"
    "uniform usampler2DArray source;\n"
    "uniform int slice;\n"
    "uniform uint bit;\n"
    "void main()\n"
    "{\n"
    "    if (((texelFetch(source, ivec3(ivec2(gl_FragCoord.xy), slice), 0).r >> bit) & 1u) == 0u)\n"
    "        discard;\n"
    "}\n";

/* Every slice of staging (R32F depth or R8UI stencil) into its sample of the multisample
 * depth/stencil texture img (slice = layer * samples + sample). */
static bool write_depth_or_stencil(const struct glcr_ms_image *img, GLuint staging, bool stencil, char *err,
                                   size_t err_len)
{
    struct saved_state saved;
    save_state(&saved);
    struct copy_pass pass;
    bool ok = begin_pass(&pass, stencil ? write_stencil_source : write_depth_source, img, err, err_len);
    if (ok) {
        GLint bit_uniform = glcr_driver.GetUniformLocation(pass.program, "bit");
        GLenum attachment = stencil ? GL_STENCIL_ATTACHMENT : GL_DEPTH_ATTACHMENT;
        glcr_driver.DrawBuffer(GL_NONE);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        const GLint zero = 0;
        if (stencil) {
            glcr_driver.Enable(GL_STENCIL_TEST);
            glcr_driver.StencilFunc(GL_ALWAYS, 0xff, 0xff);
            glcr_driver.StencilOp(GL_KEEP, GL_KEEP, GL_REPLACE);
        } else {
            glcr_driver.Enable(GL_DEPTH_TEST);
            glcr_driver.DepthFunc(GL_ALWAYS);
            glcr_driver.DepthMask(GL_TRUE);
        }
        for (int layer = 0; layer < img->layers; layer++) {
            if (img->target == GL_TEXTURE_2D_MULTISAMPLE_ARRAY)
                glcr_driver.FramebufferTextureLayer(GL_DRAW_FRAMEBUFFER, attachment, img->texture, 0, layer);
            else
                glcr_driver.FramebufferTexture2D(GL_DRAW_FRAMEBUFFER, attachment, img->target, img->texture, 0);
            if (stencil) {
                glcr_driver.Disable(GL_SAMPLE_MASK);
                glcr_driver.StencilMask(0xff);
                glcr_driver.ClearBufferiv(GL_STENCIL, 0, &zero);
            }
            glcr_driver.Enable(GL_SAMPLE_MASK);
            for (int s = 0; s < img->samples; s++) {
                glcr_driver.SampleMaski(0, 1u << s);
                glcr_driver.Uniform1i(pass.slice_uniform, layer * img->samples + s);
                for (GLuint bit = 0; bit < (stencil ? 8u : 1u); bit++) {
                    if (stencil) {
                        glcr_driver.StencilMask(1u << bit);
                        glcr_driver.Uniform1ui(bit_uniform, bit);
                    }
                    glcr_driver.DrawArrays(GL_TRIANGLES, 0, 3);
                }
            }
        }
        end_pass(&pass);
        ok = finish(img, stencil ? "writing the stencil of" : "writing the depth of", err, err_len);
    }
    restore_state(&saved);
    return ok;
}

GLenum glcr_attachment_for(GLbitfield buffers)
{
    switch (buffers) {
    case GL_COLOR_BUFFER_BIT: return GL_COLOR_ATTACHMENT0;
    case GL_DEPTH_BUFFER_BIT: return GL_DEPTH_ATTACHMENT;
    case GL_STENCIL_BUFFER_BIT: return GL_STENCIL_ATTACHMENT;
    default: return GL_DEPTH_STENCIL_ATTACHMENT;
    }
}

/* ---- multisample renderbuffers: through a multisample texture of the same format, sample
 * count and size (a blit between two such buffers copies samples, it resolves nothing) -- */

static void attach_either(GLenum target, GLenum attachment, GLuint renderbuffer, GLuint texture)
{
    if (renderbuffer)
        glcr_driver.FramebufferRenderbuffer(target, attachment, GL_RENDERBUFFER, renderbuffer);
    else
        glcr_driver.FramebufferTexture2D(target, attachment, GL_TEXTURE_2D_MULTISAMPLE, texture, 0);
}

static bool blit_samples(const struct glcr_ms_renderbuffer *rb, GLuint texture, bool to_texture,
                         char *err, size_t err_len)
{
    struct saved_state saved;
    save_state(&saved);
    GLuint fbo[2];
    glcr_driver.GenFramebuffers(2, fbo);
    GLenum attachment = glcr_attachment_for(rb->buffers);
    GLenum color = rb->buffers == GL_COLOR_BUFFER_BIT ? GL_COLOR_ATTACHMENT0 : GL_NONE;
    glcr_driver.BindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    attach_either(GL_READ_FRAMEBUFFER, attachment, to_texture ? rb->renderbuffer : 0, texture);
    glcr_driver.ReadBuffer(color);
    glcr_driver.BindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo[1]);
    attach_either(GL_DRAW_FRAMEBUFFER, attachment, to_texture ? 0 : rb->renderbuffer, texture);
    glcr_driver.DrawBuffer(color);
    GLenum read = glcr_driver.CheckFramebufferStatus(GL_READ_FRAMEBUFFER);
    GLenum draw = glcr_driver.CheckFramebufferStatus(GL_DRAW_FRAMEBUFFER);
    if (read == GL_FRAMEBUFFER_COMPLETE && draw == GL_FRAMEBUFFER_COMPLETE)
        glcr_driver.BlitFramebuffer(0, 0, rb->width, rb->height, 0, 0, rb->width, rb->height, rb->buffers,
                                    GL_NEAREST);
    GLenum e = glcr_driver.GetError();
    glcr_driver.DeleteFramebuffers(2, fbo);
    restore_state(&saved);
    if (read == GL_FRAMEBUFFER_COMPLETE && draw == GL_FRAMEBUFFER_COMPLETE && e == GL_NO_ERROR)
        return true;
    snprintf(err, err_len, "renderbuffer %u: copying its samples %s a multisample texture failed (framebuffer "
             "status 0x%x/0x%x, GL error 0x%x)", rb->virt, to_texture ? "into" : "from", read, draw, e);
    return false;
}

/* The multisample texture standing in for rb (or rb's own texture). */
static void create_stand_in(const struct glcr_ms_renderbuffer *rb, struct glcr_ms_image *img, char *what,
                             size_t what_len)
{
    if (rb->what)
        snprintf(what, what_len, "%s", rb->what);
    else
        snprintf(what, what_len, "%s %u", rb->texture ? "texture" : "renderbuffer", rb->virt);
    bool array = rb->layers > 0;
    *img = (struct glcr_ms_image){.what = what, .width = rb->width, .height = rb->height,
                                  .target = array ? GL_TEXTURE_2D_MULTISAMPLE_ARRAY : GL_TEXTURE_2D_MULTISAMPLE,
                                  .layers = array ? rb->layers : 1, .samples = rb->samples, .texture = rb->texture};
    GLenum target = img->target, binding = array ? GL_TEXTURE_BINDING_2D_MULTISAMPLE_ARRAY
                                                  : GL_TEXTURE_BINDING_2D_MULTISAMPLE;
    GLint bound = 0;
    glcr_driver.GetIntegerv(binding, &bound);
    if (!rb->texture) {
        glcr_driver.GenTextures(1, &img->texture);
        glcr_driver.BindTexture(target, img->texture);
        glcr_driver.TexImage2DMultisample(target, rb->samples, rb->internal, rb->width, rb->height, GL_TRUE);
    }
    glcr_driver.BindTexture(target, img->texture);
    glcr_driver.GetTexLevelParameteriv(target, 0, GL_TEXTURE_RED_TYPE, &img->component_kind);
    if (!img->component_kind)
        glcr_driver.GetTexLevelParameteriv(target, 0, GL_TEXTURE_ALPHA_TYPE, &img->component_kind);
    glcr_driver.BindTexture(target, (GLuint)bound);
}

static void delete_stand_in(const struct glcr_ms_renderbuffer *rb, struct glcr_ms_image *img)
{
    if (!rb->texture)
        glcr_driver.DeleteTextures(1, &img->texture);
}

/* Samples per pixel over all layers: the slices of a staging array. */
static GLint slices_of(const struct glcr_ms_renderbuffer *rb)
{
    return rb->samples * (rb->layers > 0 ? rb->layers : 1);
}

GLuint glcr_ms_staging(GLenum format, GLint width, GLint height, GLint slices)
{
    GLuint staging;
    glcr_driver.GenTextures(1, &staging);
    glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
    glcr_driver.TexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAX_LEVEL, 0);
    /* Integer textures with linear filtering are incomplete: texelFetch would read zeros. */
    glcr_driver.TexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glcr_driver.TexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    if (format)
        glcr_driver.TexStorage3D(GL_TEXTURE_2D_ARRAY, 1, format, width, height, slices);
    return staging;
}

/* A staging array of `format` for the rb's samples, one slice each. */
static GLuint new_staging(const struct glcr_ms_renderbuffer *rb, GLenum format)
{
    return glcr_ms_staging(format, rb->width, rb->height, slices_of(rb));
}

/* What texelFetch of a depth+stencil texture returns (the app's own choice is put back
 * afterwards); gives the previous choice. Depth-only and stencil-only formats have one. */
static GLint select_ds_mode(const struct glcr_ms_renderbuffer *rb, GLuint texture, GLint mode)
{
    GLint previous = GL_DEPTH_COMPONENT, bound = 0;
    if (rb->buffers != (GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT))
        return previous;
    bool array = rb->layers > 0;
    GLenum target = array ? GL_TEXTURE_2D_MULTISAMPLE_ARRAY : GL_TEXTURE_2D_MULTISAMPLE;
    glcr_driver.GetIntegerv(array ? GL_TEXTURE_BINDING_2D_MULTISAMPLE_ARRAY : GL_TEXTURE_BINDING_2D_MULTISAMPLE,
                            &bound);
    glcr_driver.BindTexture(target, texture);
    glcr_driver.GetTexParameteriv(target, GL_DEPTH_STENCIL_TEXTURE_MODE, &previous);
    glcr_driver.TexParameteri(target, GL_DEPTH_STENCIL_TEXTURE_MODE, mode);
    glcr_driver.BindTexture(target, (GLuint)bound);
    return previous;
}

/* The depth (as floats) and then the stencil (as bytes) of every sample, from the texture
 * (the renderbuffer's stand-in, or the app's own). */
static bool read_depth_stencil(const struct glcr_ms_renderbuffer *rb, struct glcr_ms_image *img, void *pixels,
                               char *err, size_t err_len)
{
    unsigned char *out = pixels;
    GLint app_mode = select_ds_mode(rb, img->texture, GL_DEPTH_COMPONENT);
    bool ok = true;
    if (rb->buffers & GL_DEPTH_BUFFER_BIT) {
        GLuint staging = new_staging(rb, GL_R32F);
        img->component_kind = GL_FLOAT;
        ok = glcr_ms_read_samples(img, staging, err, err_len);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        if (ok)
            glcr_driver.GetTexImage(GL_TEXTURE_2D_ARRAY, 0, GL_RED, GL_FLOAT, out);
        glcr_driver.DeleteTextures(1, &staging);
        out += glcr_ms_samples(rb) * 4;
    }
    if (ok && (rb->buffers & GL_STENCIL_BUFFER_BIT)) {
        GLuint staging = new_staging(rb, GL_R8UI);
        img->component_kind = GL_UNSIGNED_INT;
        select_ds_mode(rb, img->texture, GL_STENCIL_INDEX);
        ok = glcr_ms_read_samples(img, staging, err, err_len);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        if (ok)
            glcr_driver.GetTexImage(GL_TEXTURE_2D_ARRAY, 0, GL_RED_INTEGER, GL_UNSIGNED_BYTE, out);
        glcr_driver.DeleteTextures(1, &staging);
    }
    select_ds_mode(rb, img->texture, app_mode);
    return ok && finish(img, "reading back", err, err_len);
}

/* aim moved by half the error, and by at least one float step (depth in [0, 1]: positive). */
static float closer(float aim, float error)
{
    float next = aim + error * 0.5f;
    if (next != aim)
        return next;
    uint32_t bits;
    memcpy(&bits, &aim, sizeof bits);
    bits = error < 0 ? (bits ? bits - 1 : 0) : bits + 1;
    memcpy(&next, &bits, sizeof next);
    return next;
}

/* Drivers convert fixed-point depth to float and back with their own rounding, and the two
 * need not be inverses (llvmpipe writes 24-bit depth one unit high for ~7% of the values it
 * read, and one unit low for the float just below). So the depth written is read back, and
 * each sample that came back different is aimed again, moved by half its error, until every
 * sample reads back as saved. */
static bool write_depth_exactly(const struct glcr_ms_renderbuffer *rb, const struct glcr_ms_image *img,
                                const float *want, char *err, size_t err_len)
{
    size_t n = glcr_ms_samples(rb);
    float *aim = malloc(n * sizeof *aim), *got = malloc(n * sizeof *got);
    struct glcr_ms_image depth = *img;
    depth.component_kind = GL_FLOAT;
    GLuint staging = new_staging(rb, GL_R32F), current = new_staging(rb, GL_R32F);
    bool ok = aim && got, exact = false;
    GLint app_mode = select_ds_mode(rb, img->texture, GL_DEPTH_COMPONENT);
    if (ok)
        memcpy(aim, want, n * sizeof *aim);
    for (int round = 0; ok && !exact && round < 8; round++) {
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        glcr_driver.TexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 0, rb->width, rb->height, slices_of(rb), GL_RED,
                                  GL_FLOAT, aim);
        ok = write_depth_or_stencil(img, staging, false, err, err_len) &&
             glcr_ms_read_samples(&depth, current, err, err_len);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, current);
        if (ok)
            glcr_driver.GetTexImage(GL_TEXTURE_2D_ARRAY, 0, GL_RED, GL_FLOAT, got);
        exact = ok;
        for (size_t i = 0; ok && i < n; i++)
            if (got[i] != want[i]) {
                aim[i] = closer(aim[i], want[i] - got[i]);
                exact = false;
            }
    }
    select_ds_mode(rb, img->texture, app_mode);
    glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, 0);
    glcr_driver.DeleteTextures(1, &staging);
    glcr_driver.DeleteTextures(1, &current);
    free(aim);
    free(got);
    if (ok && !exact)
        snprintf(err, err_len, "%s: the driver does not write its depth samples back exactly", img->what);
    else if (!aim || !got)
        snprintf(err, err_len, "%s: out of memory writing its depth samples", img->what);
    return ok && exact;
}

static bool write_depth_stencil(const struct glcr_ms_renderbuffer *rb, const struct glcr_ms_image *img,
                                const void *pixels, char *err, size_t err_len)
{
    const unsigned char *in = pixels;
    bool ok = true;
    if (rb->buffers & GL_DEPTH_BUFFER_BIT) {
        ok = write_depth_exactly(rb, img, (const float *)(const void *)in, err, err_len);
        in += glcr_ms_samples(rb) * 4;
    }
    if (ok && (rb->buffers & GL_STENCIL_BUFFER_BIT)) {
        GLuint staging = new_staging(rb, GL_R8UI);
        glcr_driver.TexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 0, rb->width, rb->height, slices_of(rb),
                                  GL_RED_INTEGER, GL_UNSIGNED_BYTE, in);
        ok = write_depth_or_stencil(img, staging, true, err, err_len);
        glcr_driver.DeleteTextures(1, &staging);
    }
    return ok;
}

size_t glcr_ms_samples(const struct glcr_ms_renderbuffer *rb)
{
    return (size_t)rb->width * (size_t)rb->height * (size_t)slices_of(rb);
}

bool glcr_ms_renderbuffer_read(const struct glcr_ms_renderbuffer *rb, void *pixels, char *err, size_t err_len)
{
    struct glcr_ms_image img;
    char what[80];
    create_stand_in(rb, &img, what, sizeof what);
    bool ok = rb->texture || blit_samples(rb, img.texture, true, err, err_len);
    if (ok && rb->buffers != GL_COLOR_BUFFER_BIT) {
        ok = read_depth_stencil(rb, &img, pixels, err, err_len);
    } else if (ok) {
        GLuint staging = new_staging(rb, rb->internal);
        ok = glcr_ms_read_samples(&img, staging, err, err_len);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, staging);
        if (ok)
            glcr_driver.GetTexImage(GL_TEXTURE_2D_ARRAY, 0, rb->format, rb->type, pixels);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, 0);
        glcr_driver.DeleteTextures(1, &staging);
        ok = ok && finish(&img, "reading back", err, err_len);
    }
    delete_stand_in(rb, &img);
    return ok;
}

bool glcr_ms_renderbuffer_write(const struct glcr_ms_renderbuffer *rb, const void *pixels, char *err, size_t err_len)
{
    struct glcr_ms_image img;
    char what[80];
    create_stand_in(rb, &img, what, sizeof what);
    bool ok;
    if (rb->buffers != GL_COLOR_BUFFER_BIT) {
        ok = write_depth_stencil(rb, &img, pixels, err, err_len);
    } else {
        GLuint staging = new_staging(rb, rb->internal);
        glcr_driver.TexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 0, rb->width, rb->height, slices_of(rb), rb->format,
                                  rb->type, pixels);
        ok = glcr_ms_write_samples(&img, staging, err, err_len);
        glcr_driver.BindTexture(GL_TEXTURE_2D_ARRAY, 0);
        glcr_driver.DeleteTextures(1, &staging);
    }
    ok = ok && (rb->texture || blit_samples(rb, img.texture, false, err, err_len));
    delete_stand_in(rb, &img);
    return ok;
}
