/* Alpha-less windows stored with alpha kept at 1 (see alphapad.c). */
#ifndef GLCR_WINSYS_ALPHAPAD_H
#define GLCR_WINSYS_ALPHAPAD_H

#include <stdbool.h>

#include "glcr_gl.h"
#include "state/context.h"

/* ctx's draw framebuffer or drawable changed (ctx current): the driver's color mask of draw
 * buffer 0 gets alpha off for an alpha-padded window, the app's back otherwise. */
void glcr_alpha_pad_update(struct glcr_context *ctx);
/* glPushAttrib and glPopAttrib of a level (executed, ctx current). */
void glcr_alpha_pad_pushed(struct glcr_context *ctx, struct glcr_attrib_level *level);
void glcr_alpha_pad_popped(struct glcr_context *ctx, const struct glcr_attrib_level *level);
/* A display list ran: one that set the color mask is followed. */
void glcr_alpha_pad_after_list(void);
/* glcr's answer to glGet*(pname) (and indexed), or false to keep the driver's. */
bool glcr_alpha_pad_get(GLenum pname, GLint64 *out, int *count);
bool glcr_alpha_pad_get_indexed(GLenum pname, GLuint index, GLint64 *out, int *count);

#endif
