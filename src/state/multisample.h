/* Reading back and writing again the samples of multisample color textures, through an
 * ordinary 2D array texture of the same format with one slice per sample (layer-major:
 * slice = layer * samples + sample). */
#ifndef GLCR_STATE_MULTISAMPLE_H
#define GLCR_STATE_MULTISAMPLE_H

#include <stdbool.h>
#include <stddef.h>

#include "glcr_gl.h"

struct glcr_ms_image {
    const char *what;      /* for messages: "texture 7" */
    GLenum target;         /* GL_TEXTURE_2D_MULTISAMPLE or GL_TEXTURE_2D_MULTISAMPLE_ARRAY */
    GLuint texture;        /* the driver's name */
    GLint width, height, layers, samples;
    GLint component_kind;  /* GL_TEXTURE_RED_TYPE: integer formats need integer samplers */
};

/* A 2D array texture with nearest filtering and one level, bound to GL_TEXTURE_2D_ARRAY;
 * storage of `format` with `slices` slices unless format is 0 (the caller allocates it). */
GLuint glcr_ms_staging(GLenum format, GLint width, GLint height, GLint slices);
/* Copies every sample of img into the staging array texture (allocated by the caller:
 * same internal format, img->layers * img->samples slices). Uses the current context. */
bool glcr_ms_read_samples(const struct glcr_ms_image *img, GLuint staging, char *err, size_t err_len);
/* The reverse: every slice of staging into its sample of img. */
bool glcr_ms_write_samples(const struct glcr_ms_image *img, GLuint staging, char *err, size_t err_len);

/* A multisample renderbuffer. Color samples travel as glGetTexImage returns them for an
 * array texture of `samples` slices, with the given client format and type; depth and
 * stencil ones as one float of depth per sample, then one byte of stencil per sample (for
 * the buffers the format has), sample-major within each pixel row as for color. */
struct glcr_ms_renderbuffer {
    const char *what; /* for messages; NULL: "renderbuffer <virt>" or "texture <virt>" */
    GLuint virt, renderbuffer;
    GLuint texture; /* instead of a renderbuffer (0): a multisample texture, used in place */
    GLint layers;   /* > 0: that texture is a 2D multisample array of this many layers */
    GLenum internal, format, type;
    GLbitfield buffers; /* GL_COLOR_BUFFER_BIT, or GL_DEPTH_BUFFER_BIT and/or GL_STENCIL_BUFFER_BIT */
    GLint width, height, samples;
};

/* width * height * samples. */
size_t glcr_ms_samples(const struct glcr_ms_renderbuffer *rb);
/* The framebuffer attachment point for a renderbuffer holding `buffers`. */
GLenum glcr_attachment_for(GLbitfield buffers);

/* Private context current; pixels holds width * height * samples texels (color), or that
 * many floats and/or bytes (depth, stencil). */
bool glcr_ms_renderbuffer_read(const struct glcr_ms_renderbuffer *rb, void *pixels, char *err, size_t err_len);
/* The renderbuffer has its storage already. */
bool glcr_ms_renderbuffer_write(const struct glcr_ms_renderbuffer *rb, const void *pixels, char *err,
                                size_t err_len);

#endif
