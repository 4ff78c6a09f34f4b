/* Indexed buffer bindings of a context (uniform blocks, shader storage, atomic counters,
 * transform feedback) with the range each binds (glBindBufferRange) or the whole buffer
 * (glBindBufferBase: start and size read back as 0), and the generic binding points that go
 * with them and that ctxstate.c does not keep (indirect draw and dispatch, query buffer).
 *
 * The transform feedback bindings belong to a transform feedback object (per context): they
 * are read with each object bound in turn, the default one included, and after a reload set
 * again on a fresh object of the same name. Transform feedback in progress (active, paused
 * or not) cannot be saved: the checkpoint is refused, naming the object. */
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
GLCR_COVERS(glGenTransformFeedbacks, glCreateTransformFeedbacks, glDeleteTransformFeedbacks,
            glBindTransformFeedback, glTransformFeedbackBufferBase, glTransformFeedbackBufferRange,
            glEndTransformFeedback, glPauseTransformFeedback, glResumeTransformFeedback)

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
    GLuint xfb;             /* virtual transform feedback object of a feedback binding */
    uint32_t target;        /* into indexed[] */
    GLuint index, buffer;   /* buffer: virtual */
    GLint64 start, size;    /* size 0: glBindBufferBase */
};

struct glcr_buffer_bindings {
    GLuint xfb_bound;                  /* virtual transform feedback object */
    GLuint generic[GENERIC_TARGETS];   /* virtual; 0 also where the context lacks the target */
    size_t count, cap;
    struct indexed_binding *items;
};

static struct glcr_name_table *xfb_table(struct glcr_context *ctx)
{
    return &ctx->names[GLCR_OBJ_TRANSFORM_FEEDBACK - GLCR_OBJ_SHARED_COUNT];
}

static bool transform_feedback_active(GLuint xfb, struct glcr_context *ctx, char *err, size_t err_len)
{
    GLboolean active = GL_FALSE, paused = GL_FALSE;
    glcr_driver.GetBooleanv(GL_TRANSFORM_FEEDBACK_ACTIVE, &active);
    glcr_driver.GetBooleanv(GL_TRANSFORM_FEEDBACK_PAUSED, &paused);
    rb_failed();
    if (!active)
        return false;
    snprintf(err, err_len, "context %u: transform feedback object %u is %s (glBeginTransformFeedback "
             "without glEndTransformFeedback): transform feedback in progress cannot be saved; checkpoint "
             "after glEndTransformFeedback", ctx->id, xfb, paused ? "paused" : "active");
    return true;
}

void hook_glGetTransformFeedbacki_v(GLuint xfb, GLenum pname, GLuint index, GLint *param)
{
    glcr_driver.GetTransformFeedbacki_v(glcr_name_real(GLCR_OBJ_TRANSFORM_FEEDBACK, xfb), pname, index, param);
    if (pname == GL_TRANSFORM_FEEDBACK_BUFFER_BINDING && param)
        *param = (GLint)glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)*param);
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

static bool is_feedback(uint32_t t)
{
    return indexed[t].target == GL_TRANSFORM_FEEDBACK_BUFFER;
}

/* The bindings of one indexed target; feedback ones of the bound feedback object `xfb`. */
static bool save_target(struct glcr_context *ctx, struct glcr_buffer_bindings *b, uint32_t t, GLuint xfb,
                        char *err, size_t err_len)
{
    GLint max = rb_int(indexed[t].max);
    if (rb_failed())
        return true; /* the context has no such binding points */
    for (GLint i = 0; i < max; i++) {
        GLint64 real = 0;
        struct indexed_binding item = {.xfb = xfb, .target = t, .index = (GLuint)i};
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
                     "it alive while it is bound there); glcr cannot restore it", ctx->id, indexed[t].what, i);
            return false;
        }
        if (!add(b, &item)) {
            snprintf(err, err_len, "context %u: out of memory saving its buffer bindings", ctx->id);
            return false;
        }
    }
    return true;
}

/* Every transform feedback object's bindings, read with it bound. Objects the app made are
 * marked (their target), so that the reload makes them objects too, not just names. */
static bool save_feedback(struct glcr_context *ctx, struct glcr_buffer_bindings *b, uint32_t t, char *err,
                          size_t err_len)
{
    GLint bound_real = rb_int(GL_TRANSFORM_FEEDBACK_BINDING);
    if (rb_failed()) /* no transform feedback objects (before GL 4.0): the default one's bindings */
        return save_target(ctx, b, t, 0, err, err_len);
    b->xfb_bound = glcr_name_virtual(GLCR_OBJ_TRANSFORM_FEEDBACK, (GLuint)bound_real);
    if (transform_feedback_active(b->xfb_bound, ctx, err, err_len))
        return false;
    if (bound_real != 0)
        glcr_driver.BindTransformFeedback(GL_TRANSFORM_FEEDBACK, 0);
    bool ok = save_target(ctx, b, t, 0, err, err_len);
    GLCR_FOR_EACH_OBJECT(xfb_table(ctx), virt, o) {
        if (!ok)
            break;
        if (!glcr_driver.IsTransformFeedback(o->real))
            continue; /* generated, never bound: binding it now would make it an object */
        o->target = GL_TRANSFORM_FEEDBACK;
        glcr_driver.BindTransformFeedback(GL_TRANSFORM_FEEDBACK, o->real);
        ok = !transform_feedback_active(virt, ctx, err, err_len) && save_target(ctx, b, t, virt, err, err_len);
    }
    glcr_driver.BindTransformFeedback(GL_TRANSFORM_FEEDBACK, (GLuint)bound_real);
    return ok;
}

static bool snapshot(struct glcr_context *ctx, struct glcr_buffer_bindings *b, char *err, size_t err_len)
{
    rb_failed();
    for (uint32_t t = 0; t < INDEXED_TARGETS; t++) {
        bool ok = is_feedback(t) ? save_feedback(ctx, b, t, err, err_len) : save_target(ctx, b, t, 0, err, err_len);
        if (!ok)
            return false;
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
    GLCR_FOR_EACH_OBJECT(xfb_table(ctx), virt, o) {
        GLuint real = 0;
        glcr_driver.GenTransformFeedbacks(1, &real);
        glcr_names_rebind(xfb_table(ctx), virt, real);
        if (o->target) /* an object, not only a name: binding it once makes it one */
            glcr_driver.BindTransformFeedback(GL_TRANSFORM_FEEDBACK, real);
    }
    GLuint xfb = b->xfb_bound + 1; /* none yet */
    for (size_t n = 0; n < b->count; n++) {
        const struct indexed_binding *item = &b->items[n];
        GLenum target = indexed[item->target].target;
        GLuint real = glcr_name_real(GLCR_OBJ_BUFFER, item->buffer);
        if (is_feedback(item->target) && item->xfb != xfb)
            glcr_driver.BindTransformFeedback(GL_TRANSFORM_FEEDBACK,
                                              glcr_name_real(GLCR_OBJ_TRANSFORM_FEEDBACK, xfb = item->xfb));
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
    glcr_driver.BindTransformFeedback(GL_TRANSFORM_FEEDBACK,
                                      glcr_name_real(GLCR_OBJ_TRANSFORM_FEEDBACK, b->xfb_bound));
    rb_failed(); /* a context without transform feedback objects */
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
    if (!snapshot(ctx, &now, err, sizeof err) || now.count != saved->count || now.xfb_bound != saved->xfb_bound ||
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
