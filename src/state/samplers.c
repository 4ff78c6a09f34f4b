/* Sampler objects (shared by the share group): every parameter is read back at checkpoint
 * and set on a fresh sampler after a reload. Which sampler each texture unit uses is context
 * state, read back and rebound per context.
 *
 * The border color is the one parameter whose type matters: glSamplerParameterIiv/Iuiv store
 * integers that only the same call can set again, so the hooks remember which call set it. */
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

GLCR_COVERS(glGenSamplers, glCreateSamplers, glDeleteSamplers, glBindSampler, glBindSamplers,
            glSamplerParameteri, glSamplerParameterf)

static const GLenum int_params[] = {
    GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R, GL_TEXTURE_MIN_FILTER,
    GL_TEXTURE_MAG_FILTER, GL_TEXTURE_COMPARE_MODE, GL_TEXTURE_COMPARE_FUNC,
    GL_TEXTURE_CUBE_MAP_SEAMLESS, GL_TEXTURE_SRGB_DECODE_EXT, GL_TEXTURE_REDUCTION_MODE_ARB,
};
static const GLenum float_params[] = {
    GL_TEXTURE_MIN_LOD, GL_TEXTURE_MAX_LOD, GL_TEXTURE_LOD_BIAS, GL_TEXTURE_MAX_ANISOTROPY,
};
#define INT_PARAMS (sizeof int_params / sizeof *int_params)
#define FLOAT_PARAMS (sizeof float_params / sizeof *float_params)

/* How the app last set the border color: as floats (glSamplerParameterfv/iv, the default),
 * signed or unsigned integers. */
enum border_kind { BORDER_FLOAT, BORDER_INT, BORDER_UINT };

struct sampler_record {
    enum border_kind border;
};

struct sampler_state {
    GLuint virt;
    uint32_t valid;                /* bit per parameter (ints, then floats): the driver has it */
    GLint ints[INT_PARAMS];
    GLfloat floats[FLOAT_PARAMS];
    enum border_kind border_kind;
    GLuint border[4];              /* raw: floats, ints or uints as border_kind says */
};

struct glcr_samplers_snapshot {
    size_t count;
    struct sampler_state *items;
};

struct unit_binding {
    GLuint unit, sampler;          /* sampler: virtual */
};

struct glcr_sampler_units {
    size_t count;
    struct unit_binding *items;
};

/* ---- border color: which call set it ------------------------------------------------------ */

static void release(struct glcr_object *o)
{
    free(o->record);
}

__attribute__((constructor)) static void register_release(void)
{
    glcr_names_set_release(GLCR_OBJ_SAMPLER, release);
}

static void note_border(GLuint sampler, GLenum pname, enum border_kind kind)
{
    if (pname != GL_TEXTURE_BORDER_COLOR)
        return;
    struct glcr_object *o = glcr_object_get(GLCR_OBJ_SAMPLER, sampler);
    if (!o)
        return;
    if (!o->record && !(o->record = calloc(1, sizeof(struct sampler_record)))) {
        glcr_taint_reason("out of memory recording sampler %u", sampler);
        return;
    }
    ((struct sampler_record *)o->record)->border = kind;
}

void hook_glSamplerParameteriv(GLuint sampler, GLenum pname, const GLint *param)
{
    glcr_driver.SamplerParameteriv(glcr_name_real(GLCR_OBJ_SAMPLER, sampler), pname, param);
    note_border(sampler, pname, BORDER_FLOAT);
}

void hook_glSamplerParameterfv(GLuint sampler, GLenum pname, const GLfloat *param)
{
    glcr_driver.SamplerParameterfv(glcr_name_real(GLCR_OBJ_SAMPLER, sampler), pname, param);
    note_border(sampler, pname, BORDER_FLOAT);
}

void hook_glSamplerParameterIiv(GLuint sampler, GLenum pname, const GLint *param)
{
    glcr_driver.SamplerParameterIiv(glcr_name_real(GLCR_OBJ_SAMPLER, sampler), pname, param);
    note_border(sampler, pname, BORDER_INT);
}

void hook_glSamplerParameterIuiv(GLuint sampler, GLenum pname, const GLuint *param)
{
    glcr_driver.SamplerParameterIuiv(glcr_name_real(GLCR_OBJ_SAMPLER, sampler), pname, param);
    note_border(sampler, pname, BORDER_UINT);
}

/* ---- share group: the samplers ------------------------------------------------------------ */

static void read_sampler(struct sampler_state *st, const struct glcr_object *o)
{
    GLuint real = o->real;
    rb_failed();
    for (size_t i = 0; i < INT_PARAMS; i++) {
        glcr_driver.GetSamplerParameteriv(real, int_params[i], &st->ints[i]);
        if (!rb_failed())
            st->valid |= 1u << i;
    }
    for (size_t i = 0; i < FLOAT_PARAMS; i++) {
        glcr_driver.GetSamplerParameterfv(real, float_params[i], &st->floats[i]);
        if (!rb_failed())
            st->valid |= 1u << (INT_PARAMS + i);
    }
    const struct sampler_record *r = o->record;
    st->border_kind = r ? r->border : BORDER_FLOAT;
    switch (st->border_kind) {
    case BORDER_INT: glcr_driver.GetSamplerParameterIiv(real, GL_TEXTURE_BORDER_COLOR, (GLint *)st->border); break;
    case BORDER_UINT: glcr_driver.GetSamplerParameterIuiv(real, GL_TEXTURE_BORDER_COLOR, st->border); break;
    default: glcr_driver.GetSamplerParameterfv(real, GL_TEXTURE_BORDER_COLOR, (GLfloat *)st->border); break;
    }
    rb_failed();
}

static bool snapshot(struct glcr_share_group *g, struct glcr_samplers_snapshot *s)
{
    struct glcr_name_table *t = &g->names[GLCR_OBJ_SAMPLER];
    s->items = calloc(t->live_count + 1, sizeof *s->items);
    if (!s->items)
        return false;
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        struct sampler_state *st = &s->items[s->count++];
        st->virt = virt;
        read_sampler(st, o);
    }
    return true;
}

static void free_share(struct glcr_share_group *g)
{
    if (!g->samplers)
        return;
    free(g->samplers->items);
    free(g->samplers);
    g->samplers = NULL;
}

static bool save_share(struct glcr_share_group *g, char *err, size_t err_len)
{
    if (!(g->samplers = calloc(1, sizeof *g->samplers)) || !snapshot(g, g->samplers)) {
        free_share(g);
        snprintf(err, err_len, "share group %u: out of memory saving its samplers", g->id);
        return false;
    }
    return true;
}

static void apply_sampler(GLuint real, const struct sampler_state *st)
{
    for (size_t i = 0; i < INT_PARAMS; i++)
        if (st->valid & (1u << i))
            glcr_driver.SamplerParameteri(real, int_params[i], st->ints[i]);
    for (size_t i = 0; i < FLOAT_PARAMS; i++)
        if (st->valid & (1u << (INT_PARAMS + i)))
            glcr_driver.SamplerParameterf(real, float_params[i], st->floats[i]);
    switch (st->border_kind) {
    case BORDER_INT: glcr_driver.SamplerParameterIiv(real, GL_TEXTURE_BORDER_COLOR, (const GLint *)st->border); break;
    case BORDER_UINT: glcr_driver.SamplerParameterIuiv(real, GL_TEXTURE_BORDER_COLOR, st->border); break;
    default: glcr_driver.SamplerParameterfv(real, GL_TEXTURE_BORDER_COLOR, (const GLfloat *)st->border); break;
    }
}

static bool restore_share(struct glcr_share_group *g, char *err, size_t err_len)
{
    const struct glcr_samplers_snapshot *s = g->samplers;
    for (size_t n = 0; s && n < s->count; n++) {
        const struct sampler_state *st = &s->items[n];
        GLuint real = 0;
        glcr_driver.GenSamplers(1, &real);
        glcr_names_rebind(&g->names[GLCR_OBJ_SAMPLER], st->virt, real);
        apply_sampler(real, st);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "sampler %u: setting its parameters again raised GL error 0x%x", st->virt, e);
            return false;
        }
    }
    return true;
}

static int verify_share(struct glcr_share_group *g)
{
    const struct glcr_samplers_snapshot *saved = g->samplers;
    struct glcr_samplers_snapshot now = {0};
    if (!saved)
        return 0;
    int bad = 0;
    if (!snapshot(g, &now) || now.count != saved->count) {
        log_error("verify share group %u: %zu samplers, saved %zu", g->id, now.count, saved->count);
        bad = 1;
    }
    for (size_t n = 0; !bad && n < now.count; n++)
        if (memcmp(&now.items[n], &saved->items[n], sizeof now.items[n]) != 0) {
            log_error("verify: sampler %u: parameters differ after restore", saved->items[n].virt);
            bad++;
        }
    free(now.items);
    return bad;
}

static size_t bytes_share(const struct glcr_share_group *g)
{
    return g->samplers ? g->samplers->count * sizeof(struct sampler_state) : 0;
}

/* ---- context: which sampler each texture unit uses ---------------------------------------- */

static bool snapshot_units(struct glcr_context *ctx, struct glcr_sampler_units *u, char *err, size_t err_len)
{
    GLint units = rb_int(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS), active = rb_int(GL_ACTIVE_TEXTURE);
    u->items = calloc((size_t)units + 1, sizeof *u->items);
    if (!u->items) {
        snprintf(err, err_len, "context %u: out of memory saving its sampler bindings", ctx->id);
        return false;
    }
    bool ok = true;
    for (GLint unit = 0; unit < units && ok; unit++) {
        glcr_driver.ActiveTexture(GL_TEXTURE0 + (GLenum)unit);
        GLint real = rb_int(GL_SAMPLER_BINDING);
        GLuint virt = 0;
        if (!glcr_name_known_virtual(GLCR_OBJ_SAMPLER, (GLuint)real, &virt)) {
            snprintf(err, err_len, "context %u: texture unit %d uses a sampler the app deleted (GL keeps it "
                     "alive while it is bound there); glcr cannot restore it", ctx->id, unit);
            ok = false;
        } else if (virt) {
            u->items[u->count++] = (struct unit_binding){(GLuint)unit, virt};
        }
    }
    glcr_driver.ActiveTexture((GLenum)active);
    rb_failed();
    return ok;
}

static void free_context(struct glcr_context *ctx)
{
    if (!ctx->sampler_units)
        return;
    free(ctx->sampler_units->items);
    free(ctx->sampler_units);
    ctx->sampler_units = NULL;
}

static bool save_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    rb_keep_app_error(ctx);
    if (!(ctx->sampler_units = calloc(1, sizeof *ctx->sampler_units))) {
        snprintf(err, err_len, "context %u: out of memory saving its sampler bindings", ctx->id);
        return false;
    }
    if (!snapshot_units(ctx, ctx->sampler_units, err, err_len)) {
        free_context(ctx);
        return false;
    }
    return true;
}

static bool restore_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    const struct glcr_sampler_units *u = ctx->sampler_units;
    for (size_t n = 0; u && n < u->count; n++)
        glcr_driver.BindSampler(u->items[n].unit, glcr_name_real(GLCR_OBJ_SAMPLER, u->items[n].sampler));
    GLenum e = glcr_driver.GetError();
    if (e != GL_NO_ERROR) {
        snprintf(err, err_len, "context %u: binding its samplers again raised GL error 0x%x", ctx->id, e);
        return false;
    }
    return true;
}

static int verify_context(struct glcr_context *ctx)
{
    const struct glcr_sampler_units *saved = ctx->sampler_units;
    struct glcr_sampler_units now = {0};
    char err[256] = "";
    if (!saved)
        return 0;
    int bad = 0;
    if (!snapshot_units(ctx, &now, err, sizeof err) || now.count != saved->count ||
        (now.count && memcmp(now.items, saved->items, now.count * sizeof *now.items) != 0)) {
        log_error("verify context %u: texture unit sampler bindings differ after restore %s", ctx->id, err);
        bad = 1;
    }
    free(now.items);
    return bad;
}

static size_t bytes_context(const struct glcr_context *ctx)
{
    return ctx->sampler_units ? ctx->sampler_units->count * sizeof(struct unit_binding) : 0;
}

const struct glcr_tracker glcr_tracker_samplers = {
    .name = "samplers",
    .save_share = save_share,
    .restore_share = restore_share,
    .verify_share = verify_share,
    .free_share = free_share,
    .bytes_share = bytes_share,
    .save_context = save_context,
    .restore_context = restore_context,
    .verify_context = verify_context,
    .free_context = free_context,
    .bytes_context = bytes_context,
};
