/* Binding contexts to drawables and presenting them: what glXMakeContextCurrent and
 * eglMakeCurrent, glXSwapBuffers and eglSwapBuffers have in common. The front ends resolve
 * their handles into glcr contexts and drawables and keep their own "current" records. */
#ifndef GLCR_WINSYS_BIND_H
#define GLCR_WINSYS_BIND_H

#include <stdbool.h>

#include "state/context.h"
#include "winsys/drawable.h"

/* Makes ctx current on this thread with draw/read drawables (either may be NULL). On failure
 * the previous binding stays; `api` names the caller in the error line. */
bool glcr_bind(const char *api, struct glcr_context *ctx, struct glcr_drawable *draw,
               struct glcr_drawable *read);
/* Leaves this thread without a context (a context destroyed while current goes now). */
void glcr_unbind(void);
/* Destroys ctx now or, if it is current in some thread, when that thread releases it. */
void glcr_context_release(struct glcr_context *ctx);
/* Presents d's back buffer in its window and counts the frame. */
void glcr_present(struct glcr_drawable *d);
/* glFinish, glXWaitGL, eglWaitClient: when the current context draws into a window's front
 * buffer, finishes and shows it (true); false when there is nothing to show (nothing done). */
bool glcr_wait_client(void);

#endif
