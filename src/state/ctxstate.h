/* Per-context state: queried at checkpoint, set again after reload (context current). */
#ifndef GLCR_STATE_CTXSTATE_H
#define GLCR_STATE_CTXSTATE_H

#include <stdbool.h>
#include <stddef.h>

struct glcr_context;

bool glcr_ctxstate_snapshot(struct glcr_context *ctx, char *err, size_t err_len);
bool glcr_ctxstate_restore(struct glcr_context *ctx, char *err, size_t err_len);
void glcr_ctxstate_free(struct glcr_context *ctx);
/* Number of state entries that differ from the snapshot after restore (logged). */
int glcr_ctxstate_verify(struct glcr_context *ctx);
size_t glcr_ctxstate_bytes(const struct glcr_context *ctx);

#endif
