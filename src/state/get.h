/* glGet*: answers that glcr must give instead of the driver (virtual names, the emulated
 * default framebuffer, a GL error pending from before a checkpoint). */
#ifndef GLCR_STATE_GET_H
#define GLCR_STATE_GET_H

#include <stdbool.h>

#include "glcr_gl.h"

bool glcr_defaultfb_get(GLenum pname, GLint64 *out, int *count);

struct glcr_context;
/* An error GL would raise where glcr does not call the driver; the app reads it next. */
void glcr_raise_error(GLenum error);
/* Keeps an error the app has not read yet for it: glcr's own calls must not eat it. */
void glcr_keep_pending_error(struct glcr_context *ctx);
/* Discards what glcr's own probing calls raised (state a context lacks), so that the next
 * check sees only new errors. Bounded: a lost context keeps answering. */
void glcr_drain_errors(void);

#endif
