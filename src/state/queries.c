/* Query objects (per context: GL does not share them). A query's result cannot be put into
 * a fresh driver, so the checkpoint reads every ended query's result and, after the reload,
 * the app's query object is a stand-in of the same target (begun and ended once, or a
 * timestamp taken) while glGetQueryObject* answers from the saved result, until the app
 * starts the query again. Timestamps and elapsed times keep the value the old driver gave.
 * Conditional rendering on such a query gets the saved outcome: the stand-in's result is 0,
 * so the mode's inversion is flipped where the saved result was not. Conditional rendering
 * in progress at checkpoint is begun again after the reload, the same way.
 *
 * A query in progress (between glBeginQuery and glEndQuery) at checkpoint cannot be saved:
 * the checkpoint is refused, naming it. */
#include "state/tracker.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/names.h"
#include "state/readback.h"

GLCR_COVERS(glGenQueries, glDeleteQueries, glEndQuery, glEndQueryIndexed)

struct query_record {
    GLuint index;           /* vertex stream of indexed targets */
    bool began;             /* glBeginQuery* or glQueryCounter was called: it has a result */
    bool created;           /* glCreateQueries gave it its target without a result */
    bool answer_saved;      /* the driver's object is a stand-in: results come from `result` */
    GLuint64 result;
    bool checkpoint_valid;  /* read by the checkpoint in progress, in use once it resumes */
    GLuint64 checkpoint_result;
};

static void release(struct glcr_object *o)
{
    free(o->record);
}

__attribute__((constructor)) static void register_release(void)
{
    glcr_names_set_release(GLCR_OBJ_QUERY, release);
}

static const char *enum_name(GLenum value)
{
    unsigned lo = 0, hi = glcr_enum_name_count;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (glcr_enum_names[mid].value == value)
            return glcr_enum_names[mid].name;
        if (glcr_enum_names[mid].value < value)
            lo = mid + 1;
        else
            hi = mid;
    }
    return "an unknown target";
}

static struct query_record *record_of(struct glcr_object *o)
{
    if (!o->record && !(o->record = calloc(1, sizeof(struct query_record))))
        glcr_taint_reason("out of memory recording a query object");
    return o->record;
}

/* The query behind a name the app starts; compatibility contexts create it on first use. */
static struct glcr_object *query_for_begin(GLuint id, GLuint *real)
{
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_QUERY, id);
    *real = id ? GLCR_NAME_INVALID : 0;
    struct glcr_context *ctx = glcr_current();
    if (id && !o && ctx && ctx->legacy) {
        GLuint fresh = 0;
        glcr_driver.GenQueries(1, &fresh);
        o = glcr_object_bind_new(GLCR_OBJ_QUERY, id, fresh);
    }
    if (o)
        *real = o->real;
    return o;
}

/* The app starts the query: from now on the driver has its result. A target the object
 * does not have fails in the driver and changes nothing. */
static void began(struct glcr_object *o, GLenum target, GLuint index)
{
    if (!o || (o->target && o->target != target))
        return;
    struct query_record *r = record_of(o);
    if (!r)
        return;
    o->target = target;
    r->index = index;
    r->began = true;
    r->answer_saved = false;
}

void hook_glBeginQuery(GLenum target, GLuint id)
{
    GLuint real;
    struct glcr_object *o = query_for_begin(id, &real);
    glcr_driver.BeginQuery(target, real);
    began(o, target, 0);
}

void hook_glBeginQueryIndexed(GLenum target, GLuint index, GLuint id)
{
    GLuint real;
    struct glcr_object *o = query_for_begin(id, &real);
    glcr_driver.BeginQueryIndexed(target, index, real);
    began(o, target, index);
}

void hook_glQueryCounter(GLuint id, GLenum target)
{
    GLuint real;
    struct glcr_object *o = query_for_begin(id, &real);
    glcr_driver.QueryCounter(real, target);
    began(o, target, 0);
}

void hook_glCreateQueries(GLenum target, GLsizei n, GLuint *ids)
{
    glcr_driver.CreateQueries(target, n, ids);
    glcr_names_adopt(GLCR_OBJ_QUERY, n, ids);
    for (GLsizei i = 0; ids && i < n; i++) {
        struct glcr_object *o = glcr_object_get(GLCR_OBJ_QUERY, ids[i]);
        struct query_record *r = o ? record_of(o) : NULL;
        if (r) {
            o->target = target;
            r->created = true;
        }
    }
}

/* ---- answers from the saved result -------------------------------------------------------- */

static const struct query_record *saved_answer(GLuint id, GLenum pname)
{
    if (pname != GL_QUERY_RESULT && pname != GL_QUERY_RESULT_NO_WAIT && pname != GL_QUERY_RESULT_AVAILABLE)
        return NULL;
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_QUERY, id);
    const struct query_record *r = o ? o->record : NULL;
    return r && r->answer_saved ? r : NULL;
}

/* The value GL would write for pname, clamped to what the type holds (GL 4.6 4.2.3). */
static GLuint64 answer(const struct query_record *r, GLenum pname, GLuint64 max)
{
    GLuint64 v = pname == GL_QUERY_RESULT_AVAILABLE ? GL_TRUE : r->result;
    return v > max ? max : v;
}

/* With a query buffer bound, params is an offset into it and the result goes there. */
static bool write_to_query_buffer(const void *params, const void *value, size_t size)
{
    GLint buffer = 0;
    glcr_driver.GetIntegerv(GL_QUERY_BUFFER_BINDING, &buffer);
    if (!buffer)
        return false;
    glcr_driver.BufferSubData(GL_QUERY_BUFFER, (GLintptr)(uintptr_t)params, (GLsizeiptr)size, value);
    return true;
}

#define GET_QUERY_OBJECT_HOOK(fn, driver_fn, type, max)                                        \
    void hook_##fn(GLuint id, GLenum pname, type *params)                                      \
    {                                                                                          \
        const struct query_record *r = saved_answer(id, pname);                                \
        if (!r) {                                                                              \
            glcr_driver.driver_fn(glcr_name_real(GLCR_OBJ_QUERY, id), pname, params);          \
            return;                                                                            \
        }                                                                                      \
        type v = (type)answer(r, pname, max);                                                  \
        if (!write_to_query_buffer(params, &v, sizeof v) && params)                            \
            *params = v;                                                                       \
    }

GET_QUERY_OBJECT_HOOK(glGetQueryObjectiv, GetQueryObjectiv, GLint, INT32_MAX)
GET_QUERY_OBJECT_HOOK(glGetQueryObjectuiv, GetQueryObjectuiv, GLuint, UINT32_MAX)
GET_QUERY_OBJECT_HOOK(glGetQueryObjecti64v, GetQueryObjecti64v, GLint64, INT64_MAX)
GET_QUERY_OBJECT_HOOK(glGetQueryObjectui64v, GetQueryObjectui64v, GLuint64, UINT64_MAX)

#define GET_QUERY_BUFFER_OBJECT_HOOK(fn, driver_fn, type, max)                                 \
    void hook_##fn(GLuint id, GLuint buffer, GLenum pname, GLintptr offset)                    \
    {                                                                                          \
        const struct query_record *r = saved_answer(id, pname);                                \
        GLuint real_buffer = glcr_name_real(GLCR_OBJ_BUFFER, buffer);                          \
        if (!r) {                                                                              \
            glcr_driver.driver_fn(glcr_name_real(GLCR_OBJ_QUERY, id), real_buffer, pname, offset); \
            return;                                                                            \
        }                                                                                      \
        type v = (type)answer(r, pname, max);                                                  \
        glcr_driver.NamedBufferSubData(real_buffer, offset, sizeof v, &v);                     \
    }

GET_QUERY_BUFFER_OBJECT_HOOK(glGetQueryBufferObjectiv, GetQueryBufferObjectiv, GLint, INT32_MAX)
GET_QUERY_BUFFER_OBJECT_HOOK(glGetQueryBufferObjectuiv, GetQueryBufferObjectuiv, GLuint, UINT32_MAX)
GET_QUERY_BUFFER_OBJECT_HOOK(glGetQueryBufferObjecti64v, GetQueryBufferObjecti64v, GLint64, INT64_MAX)
GET_QUERY_BUFFER_OBJECT_HOOK(glGetQueryBufferObjectui64v, GetQueryBufferObjectui64v, GLuint64, UINT64_MAX)

void hook_glGetQueryiv(GLenum target, GLenum pname, GLint *params)
{
    glcr_driver.GetQueryiv(target, pname, params);
    if (pname == GL_CURRENT_QUERY && params)
        *params = (GLint)glcr_name_virtual(GLCR_OBJ_QUERY, (GLuint)*params);
}

void hook_glGetQueryIndexediv(GLenum target, GLuint index, GLenum pname, GLint *params)
{
    glcr_driver.GetQueryIndexediv(target, index, pname, params);
    if (pname == GL_CURRENT_QUERY && params)
        *params = (GLint)glcr_name_virtual(GLCR_OBJ_QUERY, (GLuint)*params);
}

static bool inverted(GLenum mode)
{
    return mode >= GL_QUERY_WAIT_INVERTED && mode <= GL_QUERY_BY_REGION_NO_WAIT_INVERTED;
}

static void begin_conditional_render(GLuint id, GLenum mode)
{
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_QUERY, id);
    const struct query_record *r = o ? o->record : NULL;
    bool known_mode = (mode >= GL_QUERY_WAIT && mode <= GL_QUERY_BY_REGION_NO_WAIT) || inverted(mode);
    /* The stand-in's result is 0: the driver renders exactly when the mode is inverted. */
    if (r && r->answer_saved && known_mode && r->result != 0)
        mode = inverted(mode) ? mode - (GL_QUERY_WAIT_INVERTED - GL_QUERY_WAIT)
                              : mode + (GL_QUERY_WAIT_INVERTED - GL_QUERY_WAIT);
    glcr_driver.BeginConditionalRender(glcr_name_real(GLCR_OBJ_QUERY, id), mode);
}

void hook_glBeginConditionalRender(GLuint id, GLenum mode)
{
    begin_conditional_render(id, mode);
    struct glcr_context *ctx = glcr_current();
    if (ctx) {
        ctx->conditional_render_query = id;
        ctx->conditional_render_mode = mode;
    }
}

void hook_glEndConditionalRender(void)
{
    glcr_driver.EndConditionalRender();
    struct glcr_context *ctx = glcr_current();
    if (ctx)
        ctx->conditional_render_query = 0;
}

/* ---- checkpoint and restore --------------------------------------------------------------- */

static struct glcr_name_table *query_table(struct glcr_context *ctx)
{
    return &ctx->names[GLCR_OBJ_QUERY - GLCR_OBJ_SHARED_COUNT];
}

static bool is_active(GLenum target, GLuint index, GLuint real)
{
    GLint current = 0;
    if (target == GL_TIMESTAMP)
        return false; /* a timestamp is taken, never in progress */
    if (index)
        glcr_driver.GetQueryIndexediv(target, index, GL_CURRENT_QUERY, &current);
    else
        glcr_driver.GetQueryiv(target, GL_CURRENT_QUERY, &current);
    rb_failed();
    return (GLuint)current == real && real != 0;
}

static GLuint64 read_result(GLuint real)
{
    GLuint64 v = 0;
    glcr_driver.GetQueryObjectui64v(real, GL_QUERY_RESULT, &v);
    if (rb_failed()) { /* before GL 3.3: 32-bit results only */
        GLuint v32 = 0;
        glcr_driver.GetQueryObjectuiv(real, GL_QUERY_RESULT, &v32);
        rb_failed();
        v = v32;
    }
    return v;
}

static bool save_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    rb_keep_app_error(ctx);
    struct glcr_name_table *t = query_table(ctx);
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        struct query_record *r = o->record;
        if (r && r->began && is_active(o->target, r->index, o->real)) {
            snprintf(err, err_len, "context %u: query %u (%s) is in progress (glBeginQuery without "
                     "glEndQuery): a running query cannot be saved; checkpoint after glEndQuery", ctx->id, virt,
                     enum_name(o->target));
            return false;
        }
    }
    /* Results go to the app's query buffer when one is bound: not now. */
    GLint query_buffer = rb_int(GL_QUERY_BUFFER_BINDING);
    if (query_buffer)
        glcr_driver.BindBuffer(GL_QUERY_BUFFER, 0);
    rb_failed();
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        struct query_record *r = o->record;
        if (!r || !r->began)
            continue;
        /* A stand-in's own result means nothing; the saved one still holds. */
        r->checkpoint_result = r->answer_saved ? r->result : read_result(o->real);
        r->checkpoint_valid = true;
    }
    if (query_buffer)
        glcr_driver.BindBuffer(GL_QUERY_BUFFER, (GLuint)query_buffer);
    return true;
}

/* A fresh object of the query's target: what glIsQuery and GL_QUERY_TARGET see. */
static GLuint stand_in(struct glcr_object *o, const struct query_record *r)
{
    GLuint real = 0;
    if (r && r->created && !r->began) {
        glcr_driver.CreateQueries(o->target, 1, &real);
        return real;
    }
    glcr_driver.GenQueries(1, &real);
    if (!r || !r->began)
        return real;
    if (o->target == GL_TIMESTAMP) {
        glcr_driver.QueryCounter(real, GL_TIMESTAMP);
    } else if (r->index) {
        glcr_driver.BeginQueryIndexed(o->target, r->index, real);
        glcr_driver.EndQueryIndexed(o->target, r->index);
    } else {
        glcr_driver.BeginQuery(o->target, real);
        glcr_driver.EndQuery(o->target);
    }
    return real;
}

static bool restore_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_name_table *t = query_table(ctx);
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        struct query_record *r = o->record;
        GLuint real = stand_in(o, r);
        glcr_names_rebind(t, virt, real);
        if (r && r->checkpoint_valid) {
            r->result = r->checkpoint_result;
            r->answer_saved = true;
        }
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "context %u: recreating query %u (%s) raised GL error 0x%x", ctx->id, virt,
                     enum_name(o->target), e);
            return false;
        }
    }
    if (ctx->conditional_render_query) {
        begin_conditional_render(ctx->conditional_render_query, ctx->conditional_render_mode);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "context %u: beginning conditional rendering on query %u again raised GL "
                     "error 0x%x", ctx->id, ctx->conditional_render_query, e);
            return false;
        }
    }
    return true;
}

/* The snapshot lives in the records; a checkpoint that failed leaves them unused. */
static void free_context(struct glcr_context *ctx)
{
    struct glcr_name_table *t = query_table(ctx);
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        (void)virt;
        if (o->record)
            ((struct query_record *)o->record)->checkpoint_valid = false;
    }
}

static int verify_context(struct glcr_context *ctx)
{
    int bad = 0;
    struct glcr_name_table *t = query_table(ctx);
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        const struct query_record *r = o->record;
        bool exists = r && (r->began || r->created);
        if (exists != (glcr_driver.IsQuery(o->real) != GL_FALSE)) {
            log_error("verify context %u: query %u %s after restore", ctx->id, virt,
                      exists ? "is missing" : "exists, but had never been started");
            bad++;
        }
    }
    return bad;
}

const struct glcr_tracker glcr_tracker_queries = {
    .name = "queries",
    .save_context = save_context,
    .restore_context = restore_context,
    .verify_context = verify_context,
    .free_context = free_context,
};
