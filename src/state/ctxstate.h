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

/* One level of an attribute stack (attribstack.c): the same state less the matrix stacks,
 * which glPushAttrib does not save. Read with the level's state live; applied over the
 * level replayed before it (below; NULL: a context with nothing set since its replay began). */
struct glcr_ctx_snapshot;
struct glcr_ctx_snapshot *glcr_ctxstate_read_level(struct glcr_context *ctx, char *err, size_t err_len);
void glcr_ctxstate_apply_level(struct glcr_context *ctx, const struct glcr_ctx_snapshot *level,
                               const struct glcr_ctx_snapshot *below);
void glcr_ctxstate_free_level(struct glcr_ctx_snapshot *level);
size_t glcr_ctxstate_level_bytes(const struct glcr_ctx_snapshot *level);
/* The textures a level has bound (virtual names; one per unit and target, 0s left out):
 * returns how many, the first `max` of them in `textures`. */
size_t glcr_ctxstate_level_textures(const struct glcr_ctx_snapshot *level, unsigned *textures, size_t max);

#endif
