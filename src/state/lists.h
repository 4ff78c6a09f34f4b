/* Display lists: their contents cannot be read back from the driver, so the calls compiled
 * into each list are recorded (serialised) and compiled again after a reload. List names
 * are virtual, like other object names; the list base is applied by glcr. */
#ifndef GLCR_STATE_LISTS_H
#define GLCR_STATE_LISTS_H

#include <stdbool.h>
#include <stddef.h>

#include "common/bytes.h"
#include "glcr_gl.h"

struct glcr_list {
    GLuint name;
    struct glcr_bytes calls;
};

struct glcr_list_store {
    struct glcr_list *items; /* sorted by name */
    size_t count, cap;
};

struct glcr_share_group;

/* Name of the list being compiled on this thread, 0 if none. */
GLuint glcr_lists_compiling_here(void);
/* True while this thread compiles with GL_COMPILE (nothing executes). */
int glcr_lists_compile_only_here(void);
/* Where this thread's recorded calls go, NULL when not compiling. */
struct glcr_bytes *glcr_lists_record_buffer(void);
/* True while some thread is inside glNewList/glEndList. */
int glcr_lists_compiling_anywhere(void);
/* True while this thread compiles with GL_COMPILE a list a checkpoint closed in the driver:
 * glcr holds it (records the calls, runs none) and compiles it at glEndList. */
int glcr_lists_held_here(void);
/* GL_LIST_INDEX and GL_LIST_MODE of a list glcr holds (the driver knows none is open). */
bool glcr_lists_query(GLenum pname, GLint64 *value);

/* Compiles every recorded list again in the current context (replay). */
int glcr_lists_replay(struct glcr_share_group *share);
size_t glcr_lists_bytes(const struct glcr_list_store *store);
void glcr_lists_free(struct glcr_list_store *store);

#endif
