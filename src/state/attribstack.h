/* Attribute stacks (glPushAttrib, glPushClientAttrib) of compatibility contexts. */
#ifndef GLCR_STATE_ATTRIBSTACK_H
#define GLCR_STATE_ATTRIBSTACK_H

struct glcr_context;
struct glcr_ctx_snapshot;

/* During the replay: the attribute stack level set last (NULL: none), over which the context
 * state tracker sets the live state. */
const struct glcr_ctx_snapshot *glcr_attrib_stacks_replayed(const struct glcr_context *ctx);

#endif
