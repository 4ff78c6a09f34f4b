/* Textures and buffers of a share group: read back at checkpoint, uploaded after reload. */
#ifndef GLCR_STATE_OBJECTS_H
#define GLCR_STATE_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>

struct glcr_share_group;

/* Some context of the group (or its private context) must be current. */
bool glcr_objects_snapshot(struct glcr_share_group *share, char *err, size_t err_len);
bool glcr_objects_restore(struct glcr_share_group *share, char *err, size_t err_len);
void glcr_objects_free_snapshot(struct glcr_share_group *share);
/* Reads the objects back again and counts those that differ from the snapshot (logged). */
int glcr_objects_verify(struct glcr_share_group *share);
size_t glcr_objects_snapshot_bytes(const struct glcr_share_group *share);

/* The parameters of one texture object, read and set by its real name in the current
 * context (attribute stack levels: glPushAttrib(GL_TEXTURE_BIT) saves those of the bound
 * textures). Parameters a texture does not have keep what they were. */
#define GLCR_TEXTURE_IPARAMS 19
#define GLCR_TEXTURE_FPARAMS 9 /* the border color's four values last */

struct glcr_texture_params {
    int i[GLCR_TEXTURE_IPARAMS];
    float f[GLCR_TEXTURE_FPARAMS];
    unsigned border_raw[4];
};

void glcr_texture_params_read(unsigned real, struct glcr_texture_params *p);
void glcr_texture_params_apply(unsigned real, const struct glcr_texture_params *p);

#endif
