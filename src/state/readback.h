/* Small helpers for trackers that read driver state back. */
#ifndef GLCR_STATE_READBACK_H
#define GLCR_STATE_READBACK_H

#include <stdbool.h>

#include "gl_dispatch.h"
#include "state/context.h"

static inline GLint rb_int(GLenum pname)
{
    GLint v = 0;
    glcr_driver.GetIntegerv(pname, &v);
    return v;
}

/* Whether the calls since the last check raised a GL error (state this context lacks);
 * clears them all. */
static inline bool rb_failed(void)
{
    bool failed = false;
    for (int i = 0; i < 16 && glcr_driver.GetError() != GL_NO_ERROR; i++)
        failed = true;
    return failed;
}

/* The error the app had not read yet must outlive glcr's own queries: the first tracker to
 * touch a context keeps it, and glGetError reports it after the reload. */
static inline void rb_keep_app_error(struct glcr_context *ctx)
{
    GLenum pending = glcr_driver.GetError();
    if (pending != GL_NO_ERROR && !ctx->pending_error)
        ctx->pending_error = pending;
    rb_failed();
}

#endif
