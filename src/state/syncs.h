/* Sync objects. glFenceSync returns a driver pointer that dies with the driver, so the app
 * gets a glcr handle instead, mapped to the driver's GLsync; after a reload every handle maps
 * to a fresh fence that is already signaled (whatever the old one waited for has completed:
 * the checkpoint read the results back). The generated wrappers translate every GLsync
 * argument and result (gl.xml class="sync"). */
#ifndef GLCR_STATE_SYNCS_H
#define GLCR_STATE_SYNCS_H

#include "glcr_gl.h"

struct glcr_share_group;

/* A fresh driver sync becomes a glcr handle (NULL stays NULL). */
GLsync glcr_sync_adopt(GLsync real);
/* The driver's sync for a handle; a handle glcr never gave out is passed on unchanged, so
 * the driver reports the app's mistake as it would without glcr. */
GLsync glcr_sync_real(GLsync handle);
/* After glDeleteSync. */
void glcr_sync_forget(GLsync handle);
/* The share group is gone, and with it the driver's sync objects. */
void glcr_syncs_forget_share(struct glcr_share_group *share);

#endif
