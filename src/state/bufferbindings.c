/* Indexed buffer bindings of a context (uniform blocks, shader storage, atomic counters,
 * transform feedback) with the range each binds (glBindBufferRange) or the whole buffer
 * (glBindBufferBase: start and size read back as 0), and the generic binding points that go
 * with them and that ctxstate.c does not keep (indirect draw and dispatch, query buffer).
 *
 * The transform feedback bindings belong to the bound transform feedback object. Only the
 * default one is handled here: a named one, or transform feedback in progress, is refused. */
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/names.h"
#include "state/readback.h"

GLCR_COVERS(glBindBufferBase, glBindBufferRange, glBindBuffersBase, glBindBuffersRange)

/* Barriers order the shader writes to these buffers; they leave no state behind, and a
 * checkpoint waits for every write anyway. */
GLCR_COVERS(glMemoryBarrier, glMemoryBarrierByRegion)

static const struct {
    GLenum target, binding, start, size, max;
    const char *what;
} indexed[] = {
    {GL_UNIFORM_BUFFER, GL_UNIFORM_BUFFER_BINDING, GL_UNIFORM_BUFFER_START, GL_UNIFORM_BUFFER_SIZE,
     GL_MAX_UNIFORM_BUFFER_BINDINGS, "uniform buffer"},
    {GL_SHADER_STORAGE_BUFFER, GL_SHADER_STORAGE_BUFFER_BINDING, GL_SHADER_STORAGE_BUFFER_START,
     GL_SHADER_STORAGE_BUFFER_SIZE, GL_MAX_SHADER_STORAGE_BUFFER_BINDINGS, "shader storage buffer"},
    {GL_ATOMIC_COUNTER_BUFFER, GL_ATOMIC_COUNTER_BUFFER_BINDING, GL_ATOMIC_COUNTER_BUFFER_START,
     GL_ATOMIC_COUNTER_BUFFER_SIZE, GL_MAX_ATOMIC_COUNTER_BUFFER_BINDINGS, "atomic counter buffer"},
    {GL_TRANSFORM_FEEDBACK_BUFFER, GL_TRANSFORM_FEEDBACK_BUFFER_BINDING, GL_TRANSFORM_FEEDBACK_BUFFER_START,
     GL_TRANSFORM_FEEDBACK_BUFFER_SIZE, GL_MAX_TRANSFORM_FEEDBACK_BUFFERS, "transform feedback buffer"},
};
#define INDEXED_TARGETS (sizeof indexed / sizeof *indexed)

/* Restored after the indexed ones: glBindBufferBase/Range set these too. */
static const struct {
    GLenum target, binding;
} generic[] = {
    {GL_UNIFORM_BUFFER, GL_UNIFORM_BUFFER_BINDING},
    {GL_SHADER_STORAGE_BUFFER, GL_SHADER_STORAGE_BUFFER_BINDING},
    {GL_ATOMIC_COUNTER_BUFFER, GL_ATOMIC_COUNTER_BUFFER_BINDING},
    {GL_TRANSFORM_FEEDBACK_BUFFER, GL_TRANSFORM_FEEDBACK_BUFFER_BINDING},
    {GL_DRAW_INDIRECT_BUFFER, GL_DRAW_INDIRECT_BUFFER_BINDING},
    {GL_DISPATCH_INDIRECT_BUFFER, GL_DISPATCH_INDIRECT_BUFFER_BINDING},
    {GL_QUERY_BUFFER, GL_QUERY_BUFFER_BINDING},
    {GL_PARAMETER_BUFFER, GL_PARAMETER_BUFFER_BINDING},
};
#define GENERIC_TARGETS (sizeof generic / sizeof *generic)

struct indexed_binding {
    uint32_t target;        /* into indexed[] */
    GLuint index, buffer;   /* buffer: virtual */
    GLint64 start, size;    /* size 0: glBindBufferBase */
};

struct glcr_buffer_bindings {
    GLuint generic[GENERIC_TARGETS];   /* virtual; 0 also where the context lacks the target */
    size_t count, cap;
    struct indexed_binding *items;
};

static bool refuse_transform_feedback(struct glcr_context *ctx, char *err, size_t err_len)
{
    GLint object = rb_int(GL_TRANSFORM_FEEDBACK_BINDING);
    GLboolean active = GL_FALSE;
    glcr_driver.GetBooleanv(GL_TRANSFORM_FEEDBACK_ACTIVE, &active);
    rb_failed();
    if (object != 0) {
        snprintf(err, err_len, "context %u: transform feedback object %u is bound: transform feedback "
                 "objects cannot be saved yet", ctx->id,
                 glcr_name_virtual(GLCR_OBJ_TRANSFORM_FEEDBACK, (GLuint)object));
        return true;
    }
    if (active) {
        snprintf(err, err_len, "context %u: transform feedback is in progress (glBeginTransformFeedback "
                 "without glEndTransformFeedback): it cannot be saved yet", ctx->id);
        return true;
    }
    return false;
}

static bool add(struct glcr_buffer_bindings *b, const struct indexed_binding *item)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        struct indexed_binding *grown = realloc(b->items, cap * sizeof *grown);
        if (!grown)
            return false;
        b->items = grown;
        b->cap = cap;
    }
    b->items[b->count++] = *item;
    return true;
}

static bool snapshot(struct glcr_context *ctx, struct glcr_buffer_bindings *b, char *err, size_t err_len)
{
    rb_failed();
    for (uint32_t t = 0; t < INDEXED_TARGETS; t++) {
        GLint max = rb_int(indexed[t].max);
        if (rb_failed())
            continue; /* the context has no such binding points */
        for (GLint i = 0; i < max; i++) {
            GLint64 real = 0;
            struct indexed_binding item = {.target = t, .index = (GLuint)i};
            glcr_driver.GetInteger64i_v(indexed[t].binding, (GLuint)i, &real);
            glcr_driver.GetInteger64i_v(indexed[t].start, (GLuint)i, &item.start);
            glcr_driver.GetInteger64i_v(indexed[t].size, (GLuint)i, &item.size);
            if (rb_failed()) {
                snprintf(err, err_len, "context %u: reading %s binding %d raised a GL error", ctx->id,
                         indexed[t].what, i);
                return false;
            }
            if (real == 0 && item.start == 0 && item.size == 0)
                continue;
            if (!glcr_name_known_virtual(GLCR_OBJ_BUFFER, (GLuint)real, &item.buffer)) {
                snprintf(err, err_len, "context %u: %s binding %d holds a buffer the app deleted (GL keeps "
                         "it alive while it is bound there); glcr cannot restore it", ctx->id,
                         indexed[t].what, i);
                return false;
            }
            if (!add(b, &item)) {
                snprintf(err, err_len, "context %u: out of memory saving its buffer bindings", ctx->id);
                return false;
            }
        }
    }
    for (size_t g = 0; g < GENERIC_TARGETS; g++) {
        GLint real = rb_int(generic[g].binding);
        if (rb_failed())
            continue;
        if (!glcr_name_known_virtual(GLCR_OBJ_BUFFER, (GLuint)real, &b->generic[g])) {
            snprintf(err, err_len, "context %u: buffer binding 0x%x holds a buffer the app deleted; glcr "
                     "cannot restore it", ctx->id, generic[g].target);
            return false;
        }
    }
    return true;
}

static void free_context(struct glcr_context *ctx)
{
    if (!ctx->buffer_bindings)
        return;
    free(ctx->buffer_bindings->items);
    free(ctx->buffer_bindings);
    ctx->buffer_bindings = NULL;
}

static bool save_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    rb_keep_app_error(ctx);
    if (refuse_transform_feedback(ctx, err, err_len))
        return false;
    if (!(ctx->buffer_bindings = calloc(1, sizeof *ctx->buffer_bindings))) {
        snprintf(err, err_len, "context %u: out of memory saving its buffer bindings", ctx->id);
        return false;
    }
    if (!snapshot(ctx, ctx->buffer_bindings, err, err_len)) {
        free_context(ctx);
        return false;
    }
    return true;
}

static bool restore_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    const struct glcr_buffer_bindings *b = ctx->buffer_bindings;
    if (!b)
        return true;
    for (size_t n = 0; n < b->count; n++) {
        const struct indexed_binding *item = &b->items[n];
        GLenum target = indexed[item->target].target;
        GLuint real = glcr_name_real(GLCR_OBJ_BUFFER, item->buffer);
        if (item->size == 0 && item->start == 0)
            glcr_driver.BindBufferBase(target, item->index, real);
        else
            glcr_driver.BindBufferRange(target, item->index, real, (GLintptr)item->start, (GLsizeiptr)item->size);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "context %u: binding buffer %u to %s binding %u again raised GL error 0x%x",
                     ctx->id, item->buffer, indexed[item->target].what, item->index, e);
            return false;
        }
    }
    for (size_t g = 0; g < GENERIC_TARGETS; g++) {
        glcr_driver.BindBuffer(generic[g].target, glcr_name_real(GLCR_OBJ_BUFFER, b->generic[g]));
        rb_failed(); /* a target this context lacks: nothing was saved for it either */
    }
    return true;
}

static int verify_context(struct glcr_context *ctx)
{
    const struct glcr_buffer_bindings *saved = ctx->buffer_bindings;
    struct glcr_buffer_bindings now = {0};
    char err[256] = "";
    if (!saved)
        return 0;
    int bad = 0;
    if (!snapshot(ctx, &now, err, sizeof err) || now.count != saved->count ||
        memcmp(now.generic, saved->generic, sizeof now.generic) != 0 ||
        (now.count && memcmp(now.items, saved->items, now.count * sizeof *now.items) != 0)) {
        log_error("verify context %u: buffer bindings differ after restore %s", ctx->id, err);
        bad = 1;
    }
    free(now.items);
    return bad;
}

static size_t bytes_context(const struct glcr_context *ctx)
{
    return ctx->buffer_bindings ? sizeof *ctx->buffer_bindings + ctx->buffer_bindings->count *
                                                                     sizeof(struct indexed_binding) : 0;
}

const struct glcr_tracker glcr_tracker_buffer_bindings = {
    .name = "indexed buffer bindings",
    .save_context = save_context,
    .restore_context = restore_context,
    .verify_context = verify_context,
    .free_context = free_context,
    .bytes_context = bytes_context,
};
