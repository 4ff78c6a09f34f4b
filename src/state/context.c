#include "state/context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "state/syncs.h"
#include "winsys/drawable.h"

__thread struct glcr_thread glcr_self __attribute__((tls_model("initial-exec")));

pthread_mutex_t glcr_registry_lock = PTHREAD_MUTEX_INITIALIZER;
struct glcr_context *glcr_contexts;
struct glcr_share_group *glcr_share_groups;
static unsigned next_context_id = 1, next_share_id = 1;

pid_t glcr_gettid(void)
{
    if (!glcr_self.tid)
        glcr_self.tid = (pid_t)syscall(SYS_gettid);
    return glcr_self.tid;
}

static struct glcr_share_group *share_group_new(void)
{
    struct glcr_share_group *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->id = next_share_id++;
    pthread_mutex_init(&g->lock, NULL);
    glcr_maps_init(&g->maps);
    for (int i = 0; i < GLCR_OBJ_SHARED_COUNT; i++)
        glcr_names_init(&g->names[i]);
    g->next = glcr_share_groups;
    glcr_share_groups = g;
    return g;
}

struct glcr_context *glcr_context_create(const struct glcr_context_attribs *attribs,
                                         const struct glcr_fbconfig *config,
                                         struct glcr_context *share_with, char *err, size_t err_len)
{
    if (!glcr_egl_open(err, err_len))
        return NULL;
    EGLContext egl = glcr_egl_create_context(attribs, share_with ? share_with->egl : EGL_NO_CONTEXT,
                                             err, err_len);
    if (egl == EGL_NO_CONTEXT)
        return NULL;
    struct glcr_context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) {
        glcr_egl.DestroyContext(glcr_egl.display, egl);
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    ctx->egl = egl;
    ctx->attribs = *attribs;
    ctx->config = config;
    ctx->legacy = !attribs->gles && (attribs->profile_mask != 1) &&
                  (attribs->major == 0 || attribs->major < 3 ||
                   (attribs->major == 3 && attribs->minor == 0) || attribs->profile_mask == 2);
    ctx->default_draw_buffer = ctx->default_read_buffer = GL_BACK;
    memset(ctx->color_mask0, GL_TRUE, sizeof ctx->color_mask0);
    pthread_mutex_lock(&glcr_registry_lock);
    ctx->id = next_context_id++;
    ctx->share = share_with ? share_with->share : share_group_new();
    if (!ctx->share) {
        pthread_mutex_unlock(&glcr_registry_lock);
        glcr_egl.DestroyContext(glcr_egl.display, egl);
        free(ctx);
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    ctx->share->context_count++;
    ctx->next = glcr_contexts;
    glcr_contexts = ctx;
    pthread_mutex_unlock(&glcr_registry_lock);
    log_debug("context %u created (share group %u, %s %d.%d%s)", ctx->id, ctx->share->id,
              attribs->gles ? "GLES" : "GL", attribs->major, attribs->minor,
              ctx->legacy ? ", compatibility" : "");
    return ctx;
}

bool glcr_context_is_valid(const struct glcr_context *ctx)
{
    bool found = false;
    pthread_mutex_lock(&glcr_registry_lock);
    for (struct glcr_context *c = glcr_contexts; c && !found; c = c->next)
        found = c == ctx;
    pthread_mutex_unlock(&glcr_registry_lock);
    return found;
}

static void share_group_release(struct glcr_share_group *g)
{
    if (--g->context_count > 0)
        return;
    glcr_drawables_forget_share(g);
    /* The last context of the group is gone: so are all its objects. */
    if (g->private_ctx != EGL_NO_CONTEXT && glcr_egl_is_open())
        glcr_egl.DestroyContext(glcr_egl.display, g->private_ctx);
    for (struct glcr_share_group **p = &glcr_share_groups; *p; p = &(*p)->next) {
        if (*p == g) {
            *p = g->next;
            break;
        }
    }
    glcr_lists_free(&g->lists);
    glcr_syncs_forget_share(g);
    glcr_maps_forget_share(g);
    /* Shader sources and other records of the group's objects go with it. */
    for (int t = 0; t < GLCR_OBJ_SHARED_COUNT; t++)
        glcr_names_free((enum glcr_obj_type)t, &g->names[t]);
    free(g);
}

void glcr_context_destroy(struct glcr_context *ctx)
{
    pthread_mutex_lock(&glcr_registry_lock);
    for (struct glcr_context **p = &glcr_contexts; *p; p = &(*p)->next) {
        if (*p == ctx) {
            *p = ctx->next;
            break;
        }
    }
    if (glcr_egl_is_open())
        glcr_egl.DestroyContext(glcr_egl.display, ctx->egl);
    glcr_drawables_forget_context(ctx);
    for (int t = 0; t < GLCR_OBJ_CONTEXT_COUNT; t++)
        glcr_names_free((enum glcr_obj_type)(GLCR_OBJ_SHARED_COUNT + t), &ctx->names[t]);
    share_group_release(ctx->share);
    pthread_mutex_unlock(&glcr_registry_lock);
    log_debug("context %u destroyed", ctx->id);
    free(ctx->extensions);
    free(ctx);
}

bool glcr_context_make_current(struct glcr_context *ctx)
{
    if (!glcr_egl_is_open())
        return ctx == NULL;
    if (!glcr_egl_make_current(ctx ? ctx->egl : EGL_NO_CONTEXT)) {
        log_error("eglMakeCurrent(context %u) failed: %s", ctx ? ctx->id : 0,
                  glcr_egl_error_name(glcr_egl.GetError()));
        return false;
    }
    if (glcr_self.ctx && glcr_self.ctx != ctx)
        glcr_self.ctx->bound_tid = 0;
    glcr_self.ctx = ctx;
    if (ctx)
        ctx->bound_tid = glcr_gettid();
    return true;
}

bool glcr_share_private_current(struct glcr_share_group *share)
{
    if (share->private_ctx == EGL_NO_CONTEXT) {
        struct glcr_context *member = NULL;
        for (struct glcr_context *c = glcr_contexts; c && !member; c = c->next)
            if (c->share == share)
                member = c;
        if (!member)
            return false;
        char err[256] = "";
        /* Desktop GL whatever the app uses: it shares with OpenGL ES contexts too (egl.c). */
        struct glcr_context_attribs attribs = {0};
        share->private_ctx = glcr_egl_create_context(&attribs, member->egl, err, sizeof err);
        if (share->private_ctx == EGL_NO_CONTEXT) {
            log_error("share group %u: cannot create glcr's private context: %s", share->id, err);
            return false;
        }
        if (!glcr_egl_make_current(share->private_ctx))
            return false;
        glcr_driver.GenFramebuffers(2, share->private_fbo);
        return true;
    }
    return glcr_egl_make_current(share->private_ctx);
}
