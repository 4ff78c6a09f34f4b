/* Driver-to-app callbacks (GL debug output), trampolined back to the app's TLS. */
#ifndef GLCR_LOWER_CALLBACKS_H
#define GLCR_LOWER_CALLBACKS_H

#include <stdbool.h>

#include "glcr_gl.h"

struct glcr_context;

/* Installs the context's callbacks in a freshly loaded driver (context current). */
void glcr_callbacks_restore(struct glcr_context *ctx);
/* During a replay (context current): catch the driver's message for GL errors, to name the
 * failing call. The last one so far, "" when none (or the driver has no KHR_debug). */
void glcr_callbacks_watch_replay(void);
const char *glcr_callbacks_replay_error(void);
/* glGetPointerv answers for the callback and its user pointer: the app's, not glcr's. */
bool glcr_callbacks_get_pointer(GLenum pname, void **out);

#endif
