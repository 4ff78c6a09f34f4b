/* Program pipeline objects (per context: GL does not share them). At checkpoint each one's
 * program per stage and active program are read back; after a reload they are set on a
 * fresh pipeline, and the context's pipeline binding is restored. The programs themselves
 * are share-group state, rebuilt before (programs.c). */
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

GLCR_COVERS(glGenProgramPipelines, glCreateProgramPipelines, glDeleteProgramPipelines,
            glBindProgramPipeline, glUseProgramStages, glActiveShaderProgram)

static const struct {
    GLenum stage;
    GLbitfield bit;
} stages[] = {
    {GL_VERTEX_SHADER, GL_VERTEX_SHADER_BIT},
    {GL_TESS_CONTROL_SHADER, GL_TESS_CONTROL_SHADER_BIT},
    {GL_TESS_EVALUATION_SHADER, GL_TESS_EVALUATION_SHADER_BIT},
    {GL_GEOMETRY_SHADER, GL_GEOMETRY_SHADER_BIT},
    {GL_FRAGMENT_SHADER, GL_FRAGMENT_SHADER_BIT},
    {GL_COMPUTE_SHADER, GL_COMPUTE_SHADER_BIT},
};
#define STAGES (sizeof stages / sizeof *stages)

struct pipeline_state {
    GLuint virt;
    bool exists;               /* a name from glGenProgramPipelines is no object until bound */
    GLuint programs[STAGES];   /* virtual program names, 0 = none */
    GLuint active_program;     /* virtual, the target of glUniform* */
};

struct glcr_pipelines_snapshot {
    GLuint bound;              /* virtual */
    size_t count;
    struct pipeline_state pipelines[];
};

static struct glcr_name_table *pipeline_table(struct glcr_context *ctx)
{
    return &ctx->names[GLCR_OBJ_PIPELINE - GLCR_OBJ_SHARED_COUNT];
}

static bool is_program_query(GLenum pname)
{
    if (pname == GL_ACTIVE_PROGRAM)
        return true;
    for (size_t k = 0; k < STAGES; k++)
        if (stages[k].stage == pname)
            return true;
    return false;
}

void hook_glGetProgramPipelineiv(GLuint pipeline, GLenum pname, GLint *params)
{
    glcr_driver.GetProgramPipelineiv(glcr_name_real(GLCR_OBJ_PIPELINE, pipeline), pname, params);
    if (params && is_program_query(pname))
        *params = (GLint)glcr_name_virtual(GLCR_OBJ_PROGRAM, (GLuint)*params);
}

/* ---- checkpoint --------------------------------------------------------------------------- */

/* False if the driver raised an error. */
static bool save_pipeline(struct pipeline_state *p, GLuint real)
{
    GLint program = 0;
    for (size_t k = 0; k < STAGES; k++) {
        program = 0;
        glcr_driver.GetProgramPipelineiv(real, stages[k].stage, &program);
        p->programs[k] = glcr_name_virtual(GLCR_OBJ_PROGRAM, (GLuint)program);
    }
    rb_failed(); /* stages the context lacks (tessellation, compute) read as none */
    program = 0;
    glcr_driver.GetProgramPipelineiv(real, GL_ACTIVE_PROGRAM, &program);
    p->active_program = glcr_name_virtual(GLCR_OBJ_PROGRAM, (GLuint)program);
    return !rb_failed();
}

/* The context's pipelines, or NULL with err set. */
static struct glcr_pipelines_snapshot *snapshot(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_name_table *t = pipeline_table(ctx);
    struct glcr_pipelines_snapshot *s = calloc(1, sizeof *s + t->live_count * sizeof *s->pipelines);
    if (!s) {
        snprintf(err, err_len, "context %u: out of memory saving its program pipelines", ctx->id);
        return NULL;
    }
    s->bound = glcr_name_virtual(GLCR_OBJ_PIPELINE, (GLuint)rb_int(GL_PROGRAM_PIPELINE_BINDING));
    rb_failed(); /* contexts without pipelines (before GL 4.1, ES 3.0) have none to save */
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        struct pipeline_state *p = &s->pipelines[s->count++];
        p->virt = virt;
        p->exists = glcr_driver.IsProgramPipeline(o->real);
        if (p->exists && !save_pipeline(p, o->real)) {
            snprintf(err, err_len, "context %u: reading back program pipeline %u raised a GL error", ctx->id,
                     virt);
            free(s);
            return NULL;
        }
    }
    return s;
}

static void free_context(struct glcr_context *ctx)
{
    free(ctx->pipelines);
    ctx->pipelines = NULL;
}

static bool save_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    rb_keep_app_error(ctx);
    ctx->pipelines = snapshot(ctx, err, err_len);
    return ctx->pipelines != NULL;
}

/* ---- restore ------------------------------------------------------------------------------ */

static void apply_pipeline(GLuint real, const struct pipeline_state *p)
{
    glcr_driver.BindProgramPipeline(real); /* makes the object, as the app's first bind did */
    for (size_t k = 0; k < STAGES; k++)
        if (p->programs[k])
            glcr_driver.UseProgramStages(real, stages[k].bit, glcr_name_real(GLCR_OBJ_PROGRAM, p->programs[k]));
    if (p->active_program)
        glcr_driver.ActiveShaderProgram(real, glcr_name_real(GLCR_OBJ_PROGRAM, p->active_program));
}

static bool restore_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    const struct glcr_pipelines_snapshot *s = ctx->pipelines;
    if (!s)
        return true;
    struct glcr_name_table *t = pipeline_table(ctx);
    for (size_t n = 0; n < s->count; n++) {
        const struct pipeline_state *p = &s->pipelines[n];
        GLuint real = 0;
        glcr_driver.GenProgramPipelines(1, &real);
        glcr_names_rebind(t, p->virt, real);
        if (p->exists)
            apply_pipeline(real, p);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            snprintf(err, err_len, "context %u: restoring program pipeline %u raised GL error 0x%x", ctx->id,
                     p->virt, e);
            return false;
        }
    }
    if (s->count)
        glcr_driver.BindProgramPipeline(glcr_name_real(GLCR_OBJ_PIPELINE, s->bound));
    return true;
}

static int verify_context(struct glcr_context *ctx)
{
    const struct glcr_pipelines_snapshot *saved = ctx->pipelines;
    if (!saved)
        return 0;
    char err[256] = "";
    struct glcr_pipelines_snapshot *now = snapshot(ctx, err, sizeof err);
    if (!now) {
        log_error("verify: %s", err);
        return 1;
    }
    int bad = 0;
    if (now->count != saved->count || now->bound != saved->bound) {
        log_error("verify context %u: %zu program pipelines, %u bound; saved %zu, %u bound", ctx->id, now->count,
                  now->bound, saved->count, saved->bound);
        bad = 1;
    }
    for (size_t n = 0; !bad && n < now->count; n++) {
        if (memcmp(&now->pipelines[n], &saved->pipelines[n], sizeof now->pipelines[n]) != 0) {
            log_error("verify context %u: program pipeline %u differs after restore", ctx->id,
                      saved->pipelines[n].virt);
            bad++;
        }
    }
    free(now);
    return bad;
}

static size_t bytes_context(const struct glcr_context *ctx)
{
    return ctx->pipelines ? ctx->pipelines->count * sizeof(struct pipeline_state) : 0;
}

const struct glcr_tracker glcr_tracker_pipelines = {
    .name = "program pipelines",
    .save_context = save_context,
    .restore_context = restore_context,
    .verify_context = verify_context,
    .free_context = free_context,
    .bytes_context = bytes_context,
};
