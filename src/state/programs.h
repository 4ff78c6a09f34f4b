/* Shaders and programs of a share group: recorded sources, read-back link results and
 * uniforms, relinked after a reload (programs.c). */
#ifndef GLCR_STATE_PROGRAMS_H
#define GLCR_STATE_PROGRAMS_H

#include <stdbool.h>
#include <stddef.h>

struct glcr_share_group;

/* A context of the group (or its private context) current. */
bool glcr_programs_snapshot(struct glcr_share_group *share, char *err, size_t err_len);
/* A member context current, glcr_self.ctx set to it. */
bool glcr_programs_restore(struct glcr_share_group *share, char *err, size_t err_len);
void glcr_programs_free_snapshot(struct glcr_share_group *share);
size_t glcr_programs_snapshot_bytes(const struct glcr_share_group *share);
/* Bytes of shader source text recorded for replay, all share groups together. */
size_t glcr_programs_record_bytes(void);

#endif
