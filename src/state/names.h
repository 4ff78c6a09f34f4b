/* Virtual object names. The app only ever sees virtual names; the driver only real ones.
 * Before the first driver reload both are equal (a fresh name is adopted as its own virtual
 * name when that is free); after a reload the tables map old virtual names to new real ones.
 * Tables are per share group. Lookups take no lock: arrays only grow, old ones are kept. */
#ifndef GLCR_STATE_NAMES_H
#define GLCR_STATE_NAMES_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "glcr_gl.h"

/* Object classes with virtual names. The first ones are shared by every context of a share
 * group; the ones after GLCR_OBJ_SHARED_COUNT belong to one context (container objects). */
enum glcr_obj_type {
    GLCR_OBJ_TEXTURE,
    GLCR_OBJ_BUFFER,
    GLCR_OBJ_RENDERBUFFER,
    GLCR_OBJ_SAMPLER,
    GLCR_OBJ_QUERY,
    GLCR_OBJ_PROGRAM,           /* programs and shaders: one name space in GL */
    GLCR_OBJ_LIST,              /* display lists */
    GLCR_OBJ_SHARED_COUNT,
    GLCR_OBJ_FRAMEBUFFER = GLCR_OBJ_SHARED_COUNT,
    GLCR_OBJ_VERTEX_ARRAY,
    GLCR_OBJ_TRANSFORM_FEEDBACK,
    GLCR_OBJ_PIPELINE,
    GLCR_OBJ_COUNT
};
#define GLCR_OBJ_CONTEXT_COUNT (GLCR_OBJ_COUNT - GLCR_OBJ_SHARED_COUNT)

/* What glcr knows of one object besides its names. */
struct glcr_object {
    GLuint real;
    GLenum target;   /* first target it was bound to / created with; 0 = not yet;
                        programs and shaders: GL_PROGRAM or the shader type */
    bool live;
    void *record;    /* per-class record kept by the object's tracker (shader sources ...) */
};

struct glcr_name_table {
    _Atomic(struct glcr_object *) objects; /* indexed by virtual name */
    _Atomic(GLuint *) real_to_virtual;
    _Atomic uint32_t capacity, real_capacity;
    uint32_t live_count;
    GLuint search_from;   /* where the search for a free virtual name resumes */
    void *retired;        /* arrays the table grew out of: freed with the table */
};

/* Returned for a virtual name the app never created: no driver object has it. */
#define GLCR_NAME_INVALID 0xFFFFFFFFu

struct glcr_share_group;

const char *glcr_obj_type_name(enum glcr_obj_type type);

GLuint glcr_name_real(enum glcr_obj_type type, GLuint virt);
GLuint glcr_name_virtual(enum glcr_obj_type type, GLuint real);
const GLuint *glcr_names_real(enum glcr_obj_type type, GLsizei n, const GLuint *virt,
                              GLuint *buf, GLsizei buf_len);
void glcr_names_release(const GLuint *translated, GLuint *buf, const GLuint *virt);
/* Fresh real names from the driver become virtual names, written back in place. */
void glcr_names_adopt(enum glcr_obj_type type, GLsizei n, GLuint *names);
GLuint glcr_name_adopt_one(enum glcr_obj_type type, GLuint real);
/* Virtual names the app deleted. */
void glcr_names_forget(enum glcr_obj_type type, GLsizei n, const GLuint *virt);
/* The same for one name of a given table (not necessarily the current context's). */
void glcr_names_forget_in(struct glcr_name_table *t, enum glcr_obj_type type, GLuint virt);
/* Real names returned by a query, turned into virtual names in place. */
void glcr_names_virtual(enum glcr_obj_type type, GLsizei n, GLuint *names);

/* The object behind a virtual name in the current share group, or NULL. */
struct glcr_object *glcr_object_get(enum glcr_obj_type type, GLuint virt);
/* Creates the mapping for a name the app made up (compatibility profile binds). */
struct glcr_object *glcr_object_bind_new(enum glcr_obj_type type, GLuint virt, GLuint real);

/* The table holding `type` for the current context, NULL without one. */
struct glcr_name_table *glcr_names_current(enum glcr_obj_type type);

/* Called when the app deletes an object, with the object still in the table: trackers
 * free their records (set by glcr_names_set_release). */
void glcr_names_set_release(enum glcr_obj_type type, void (*release)(struct glcr_object *));

/* The first of n consecutive free virtual names, `preferred` when it is free. */
GLuint glcr_names_free_range(struct glcr_name_table *t, GLuint preferred, GLsizei n);

/* Table-level operations used by snapshot and replay. */
void glcr_names_init(struct glcr_name_table *t);
struct glcr_object *glcr_names_at(struct glcr_name_table *t, GLuint virt);
uint32_t glcr_names_capacity(struct glcr_name_table *t);
/* After a reload: object `virt` now has real name `real`. */
void glcr_names_rebind(struct glcr_name_table *t, GLuint virt, GLuint real);
void glcr_names_clear_real(struct glcr_name_table *t);
/* Frees the table of a share group or context that is being destroyed: its objects' records
 * (through the release callbacks) and its arrays, the retired ones included. Nothing may
 * look a name up in it any more. */
void glcr_names_free(enum glcr_obj_type type, struct glcr_name_table *t);

#define GLCR_FOR_EACH_OBJECT(table, v, obj)                                                    \
    for (GLuint v = 1; v < glcr_names_capacity(table); v++)                                    \
        for (struct glcr_object *obj = glcr_names_at(table, v); obj && obj->live; obj = NULL)

#endif
