/* glGet*: answers that glcr must give instead of the driver (virtual names, the emulated
 * default framebuffer, a GL error pending from before a checkpoint). */
#ifndef GLCR_STATE_GET_H
#define GLCR_STATE_GET_H

#include <stdbool.h>

#include "glcr_gl.h"

bool glcr_defaultfb_get(GLenum pname, GLint64 *out, int *count);

#endif
