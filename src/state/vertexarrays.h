/* What vertexarrays.c offers the client attribute stack (attribstack.c): a copy of the
 * vertex array object bound now, as glPushClientAttrib(GL_CLIENT_VERTEX_ARRAY_BIT) saves it. */
#ifndef GLCR_STATE_VERTEXARRAYS_H
#define GLCR_STATE_VERTEXARRAYS_H

#include <stddef.h>

struct glcr_context;
struct glcr_vertex_array_copy;

struct glcr_vertex_array_copy *glcr_vertex_arrays_copy_bound(struct glcr_context *ctx, char *err, size_t err_len);
/* Binds the copied vertex array and sets its state as copied. */
void glcr_vertex_arrays_apply_copy(struct glcr_context *ctx, const struct glcr_vertex_array_copy *c);
/* Sets the copied vertex array's state as the vertex array tracker saved it at checkpoint,
 * and binds the vertex array bound then: a glPopClientAttrib wrote a level's state into it. */
void glcr_vertex_arrays_put_back(struct glcr_context *ctx, const struct glcr_vertex_array_copy *c);

#endif
