/* The server and client attribute stacks of compatibility contexts.
 *
 * GL reads back only the top of a stack, the live state; the levels below are seen only by
 * popping. The hooks keep the mask of every level the app executed, and what glcr emulates
 * of the groups: the list base (the driver's stays 0) and the default framebuffer's draw and
 * read buffers. At checkpoint each stack is read from the top down, popping, with the context
 * state tracker's queries; then every level is pushed again with its mask and set again, so a
 * driver that stays (a snapshot that keeps it) is left as it was. The replay sets level 0,
 * pushes its mask, sets level 1, and so on; the context state tracker sets the live state
 * last, over the level set before it.
 *
 * Each level is set whole (everything ctxstate.c restores), of which the pushed groups are a
 * part. What a group holds beyond that: the parameters of the bound texture objects
 * (GL_TEXTURE_BIT: read and set per level, see below), the draw and read buffers
 * (GL_COLOR_BUFFER_BIT, GL_PIXEL_MODE_BIT: refused unless they are the live ones, which the
 * replay sets), and state only tainting commands change (evaluators, pixel transfer and
 * maps, pixel zoom). */
#include "state/attribstack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/ctxstate.h"
#include "state/lists.h"
#include "state/names.h"
#include "state/objects.h"
#include "state/readback.h"
#include "state/tracker.h"
#include "state/vertexarrays.h"
#include "winsys/alphapad.h"
#include "winsys/drawable.h"

enum stack { SERVER, CLIENT, STACKS };

static const char *const stack_names[STACKS] = {"server", "client"};

/* A texture's parameters, by virtual name. */
struct texture_params {
    GLuint texture;
    struct glcr_texture_params params;
};

struct texture_list {
    struct texture_params *items;
    size_t count;
};

struct level_state {
    struct glcr_ctx_snapshot *state;
    struct glcr_vertex_array_copy *vertex_array; /* client levels */
    struct texture_list textures;                /* GL_TEXTURE_BIT levels: the bound ones' */
};

struct glcr_attrib_snapshot {
    /* Level d of a stack d deep is the live state, which the pushing back ends with. */
    struct level_state levels[STACKS][GLCR_ATTRIB_STACK_MAX + 1];
    /* The live parameters of the textures GL_TEXTURE_BIT levels hold: their pops overwrite them. */
    struct texture_list live_textures;
};

/* ---- hooks ----------------------------------------------------------------------------------- */

/* A call compiled with GL_COMPILE only goes into the list; core profiles have no stacks. */
static bool executed(const struct glcr_context *ctx)
{
    return ctx && ctx->legacy && !glcr_lists_compile_only_here();
}

void hook_glPushAttrib(GLbitfield mask)
{
    struct glcr_context *ctx = glcr_current();
    if (executed(ctx) && ctx->attrib.server_depth < GLCR_ATTRIB_STACK_MAX) {
        struct glcr_attrib_level *l = &ctx->attrib.server[ctx->attrib.server_depth++];
        *l = (struct glcr_attrib_level){
            .mask = mask,
            .list_base = ctx->list_base,
            .default_draw_buffer = ctx->default_draw_buffer,
            .default_read_buffer = ctx->default_read_buffer,
            .draw_default = !ctx->app_draw_fbo,
            .read_default = !ctx->app_read_fbo,
        };
        glcr_alpha_pad_pushed(ctx, l);
    }
    glcr_driver.PushAttrib(mask);
}

void hook_glPopAttrib(void)
{
    struct glcr_context *ctx = glcr_current();
    const struct glcr_attrib_level *l = NULL;
    if (executed(ctx) && ctx->attrib.server_depth > 0) {
        l = &ctx->attrib.server[--ctx->attrib.server_depth];
        if (l->mask & GL_LIST_BIT)
            ctx->list_base = l->list_base;
        if ((l->mask & GL_COLOR_BUFFER_BIT) && l->draw_default && !ctx->app_draw_fbo)
            ctx->default_draw_buffer = l->default_draw_buffer;
        if ((l->mask & GL_PIXEL_MODE_BIT) && l->read_default && !ctx->app_read_fbo)
            ctx->default_read_buffer = l->default_read_buffer;
    }
    glcr_driver.PopAttrib();
    if (l)
        glcr_alpha_pad_popped(ctx, l);
}

void hook_glPushClientAttrib(GLbitfield mask)
{
    struct glcr_context *ctx = glcr_current();
    if (executed(ctx) && ctx->attrib.client_depth < GLCR_ATTRIB_STACK_MAX)
        ctx->attrib.client[ctx->attrib.client_depth++] = (struct glcr_attrib_level){.mask = mask};
    glcr_driver.PushClientAttrib(mask);
}

void hook_glPopClientAttrib(void)
{
    struct glcr_context *ctx = glcr_current();
    if (executed(ctx) && ctx->attrib.client_depth > 0)
        ctx->attrib.client_depth--;
    glcr_driver.PopClientAttrib();
}

/* ---- checkpoint ------------------------------------------------------------------------------ */

static unsigned depth_of(const struct glcr_context *ctx, enum stack k)
{
    return k == SERVER ? ctx->attrib.server_depth : ctx->attrib.client_depth;
}

static GLbitfield mask_of(const struct glcr_context *ctx, enum stack k, unsigned level)
{
    return k == SERVER ? ctx->attrib.server[level].mask : ctx->attrib.client[level].mask;
}

static void push(enum stack k, GLbitfield mask)
{
    if (k == SERVER)
        glcr_driver.PushAttrib(mask);
    else
        glcr_driver.PushClientAttrib(mask);
}

static void pop(enum stack k)
{
    if (k == SERVER)
        glcr_driver.PopAttrib();
    else
        glcr_driver.PopClientAttrib();
}

/* What refuses a checkpoint before anything is popped. */
static bool stacks_restorable(struct glcr_context *ctx, char *err, size_t err_len)
{
    const struct glcr_attrib_stacks *a = &ctx->attrib;
    GLint server = rb_int(GL_ATTRIB_STACK_DEPTH), client = rb_int(GL_CLIENT_ATTRIB_STACK_DEPTH);
    if (rb_failed() || server != (GLint)a->server_depth || client != (GLint)a->client_depth) {
        snprintf(err, err_len, "context %u: its attribute stacks are %d (server) and %d (client) levels deep, "
                 "but glcr followed %u and %u: pushes or pops ran inside a display list (glCallList), or went "
                 "beyond %d levels, which glcr cannot save yet", ctx->id, server, client, a->server_depth,
                 a->client_depth, GLCR_ATTRIB_STACK_MAX);
        return false;
    }
    return true;
}

/* The draw and read buffers as the driver has them for the bound framebuffers. */
struct fb_buffers {
    GLint draw[8], read;
};

static void read_buffers(struct fb_buffers *b)
{
    memset(b, 0, sizeof *b);
    for (int i = 0; i < 8; i++)
        glcr_driver.GetIntegerv(GL_DRAW_BUFFER0 + (GLenum)i, &b->draw[i]);
    glcr_driver.GetIntegerv(GL_READ_BUFFER, &b->read);
    rb_failed(); /* draw buffers beyond GL_MAX_DRAW_BUFFERS */
}

/* The replay pushes the live draw and read buffers: a level that holds others is refused. */
static bool buffers_are_live(struct glcr_context *ctx, unsigned level, const struct fb_buffers *live,
                             char *err, size_t err_len)
{
    GLbitfield mask = ctx->attrib.server[level].mask;
    struct fb_buffers now;
    read_buffers(&now);
    const char *group = NULL, *buffers = NULL;
    if ((mask & GL_COLOR_BUFFER_BIT) && memcmp(now.draw, live->draw, sizeof now.draw) != 0) {
        group = "GL_COLOR_BUFFER_BIT";
        buffers = "draw";
    } else if ((mask & GL_PIXEL_MODE_BIT) && now.read != live->read) {
        group = "GL_PIXEL_MODE_BIT";
        buffers = "read";
    }
    if (group)
        snprintf(err, err_len, "context %u: attribute stack level %u holds %s with %s buffers other than the "
                 "live ones, which glcr cannot restore yet", ctx->id, level, group, buffers);
    return !group;
}

/* A refused level's pop left its draw or read buffers live, and the pushing back kept them. */
static void put_back_buffers(const struct fb_buffers *live)
{
    struct fb_buffers now;
    read_buffers(&now);
    if (memcmp(now.draw, live->draw, sizeof now.draw) != 0) {
        GLenum draw[8];
        GLsizei n = 0;
        for (int i = 0; i < 8; i++)
            if (live->draw[i] != GL_NONE)
                n = i + 1;
        for (int i = 0; i < 8; i++)
            draw[i] = (GLenum)live->draw[i];
        glcr_driver.DrawBuffers(n ? n : 1, draw);
    }
    if (now.read != live->read)
        glcr_driver.ReadBuffer((GLenum)live->read);
}

/* ---- GL_TEXTURE_BIT: a pop writes the saved parameters into the textures bound at the push */

static bool any_texture_level(const struct glcr_context *ctx)
{
    for (unsigned i = 0; i < ctx->attrib.server_depth; i++)
        if (ctx->attrib.server[i].mask & GL_TEXTURE_BIT)
            return true;
    return false;
}

/* Every texture of the share group that has a target (only those can be bound). */
static bool read_all_textures(struct glcr_context *ctx, struct texture_list *out, char *err, size_t err_len)
{
    struct glcr_name_table *t = &ctx->share->names[GLCR_OBJ_TEXTURE];
    size_t cap = glcr_names_capacity(t);
    out->items = calloc(cap ? cap : 1, sizeof *out->items);
    if (!out->items) {
        snprintf(err, err_len, "context %u: out of memory saving texture parameters", ctx->id);
        return false;
    }
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        if (!o->target)
            continue;
        struct texture_params *p = &out->items[out->count++];
        p->texture = virt;
        glcr_texture_params_read(o->real, &p->params);
    }
    return true;
}

/* The parameters of the textures a level has bound, read with the level live. */
static bool read_level_textures(struct glcr_context *ctx, struct level_state *l, char *err, size_t err_len)
{
    size_t n = glcr_ctxstate_level_textures(l->state, NULL, 0);
    unsigned *names = calloc(n ? n : 1, sizeof *names);
    l->textures.items = calloc(n ? n : 1, sizeof *l->textures.items);
    if (!names || !l->textures.items) {
        free(names);
        snprintf(err, err_len, "context %u: out of memory saving texture parameters", ctx->id);
        return false;
    }
    glcr_ctxstate_level_textures(l->state, names, n);
    for (size_t i = 0; i < n; i++) {
        struct texture_params *p = &l->textures.items[l->textures.count++];
        p->texture = names[i];
        glcr_texture_params_read(glcr_name_real(GLCR_OBJ_TEXTURE, names[i]), &p->params);
    }
    free(names);
    return true;
}

static bool in_list(const struct texture_list *list, GLuint texture)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].texture == texture)
            return true;
    return false;
}

/* Keeps of all textures' live parameters those of the textures some level holds. */
static void keep_held_textures(struct glcr_attrib_snapshot *s, struct texture_list *all, unsigned depth)
{
    size_t kept = 0;
    for (size_t i = 0; i < all->count; i++) {
        bool held = false;
        for (unsigned level = 0; level < depth && !held; level++)
            held = in_list(&s->levels[SERVER][level].textures, all->items[i].texture);
        if (held)
            all->items[kept++] = all->items[i];
    }
    all->count = kept;
    s->live_textures = *all;
}

static void apply_textures(const struct texture_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        glcr_texture_params_apply(glcr_name_real(GLCR_OBJ_TEXTURE, list->items[i].texture), &list->items[i].params);
}

static bool read_level(struct glcr_context *ctx, enum stack k, struct level_state *l, char *err, size_t err_len)
{
    l->state = glcr_ctxstate_read_level(ctx, err, err_len);
    if (l->state && k == CLIENT)
        l->vertex_array = glcr_vertex_arrays_copy_bound(ctx, err, err_len);
    return l->state && (k == SERVER || l->vertex_array);
}

/* Sets a level over the one below it (NULL: nothing set yet). */
static void apply_level(struct glcr_context *ctx, const struct level_state *l, const struct glcr_ctx_snapshot *below)
{
    if (l->vertex_array)
        glcr_vertex_arrays_apply_copy(ctx, l->vertex_array);
    if (l->state)
        glcr_ctxstate_apply_level(ctx, l->state, below);
}

/* A pop wrote a client level's vertex array state into the vertex array bound at its push. */
static void put_back_vertex_arrays(struct glcr_context *ctx, const struct level_state *levels, unsigned depth)
{
    for (unsigned i = 0; i < depth; i++)
        if (levels[i].vertex_array)
            glcr_vertex_arrays_put_back(ctx, levels[i].vertex_array);
}

struct live_matrices {
    GLint mode;
    GLdouble modelview[16], projection[16];
};

/* Pushes levels from..depth-1 again, each set again above the one below. A level sets its
 * eye-space state with an identity modelview and an invalid raster position through an
 * identity projection, as in a fresh context; the app's matrices are put back after. */
static void push_back(struct glcr_context *ctx, enum stack k, struct level_state *levels, unsigned from,
                      unsigned depth, const struct live_matrices *m)
{
    glcr_driver.MatrixMode(GL_PROJECTION);
    glcr_driver.LoadIdentity();
    for (unsigned i = from; i < depth; i++) {
        apply_textures(&levels[i].textures);
        push(k, mask_of(ctx, k, i));
        if (i + 1 == depth)
            put_back_vertex_arrays(ctx, levels, depth);
        apply_level(ctx, i + 1 == depth ? &(struct level_state){.state = levels[depth].state} : &levels[i + 1],
                    levels[i].state);
    }
    if (k == SERVER)
        apply_textures(&ctx->attrib.snap->live_textures);
    glcr_driver.MatrixMode(GL_MODELVIEW);
    glcr_driver.LoadMatrixd(m->modelview);
    glcr_driver.MatrixMode(GL_PROJECTION);
    glcr_driver.LoadMatrixd(m->projection);
    glcr_driver.MatrixMode((GLenum)m->mode);
}

/* Reads the levels of one stack from the top down, popping each, then pushes them back. */
static bool read_stack(struct glcr_context *ctx, enum stack k, struct level_state *levels,
                       const struct live_matrices *m, char *err, size_t err_len)
{
    unsigned depth = depth_of(ctx, k), level = depth;
    struct fb_buffers live;
    read_buffers(&live);
    struct texture_list all = {0};
    bool ok = read_level(ctx, k, &levels[depth], err, err_len) &&
              (k == CLIENT || !any_texture_level(ctx) || read_all_textures(ctx, &all, err, err_len));
    while (ok && level > 0) {
        pop(k);
        level--;
        if (glcr_driver.GetError() != GL_NO_ERROR) {
            rb_failed();
            snprintf(err, err_len, "context %u: popping %s attribute stack level %u raised a GL error",
                     ctx->id, stack_names[k], level);
            ok = false;
            break;
        }
        ok = read_level(ctx, k, &levels[level], err, err_len) &&
             (k == CLIENT || buffers_are_live(ctx, level, &live, err, err_len)) &&
             (!(mask_of(ctx, k, level) & GL_TEXTURE_BIT) || read_level_textures(ctx, &levels[level], err, err_len));
    }
    if (k == SERVER)
        keep_held_textures(ctx->attrib.snap, &all, depth);
    push_back(ctx, k, levels, level, depth, m);
    if (k == SERVER)
        put_back_buffers(&live);
    if (glcr_driver.GetError() != GL_NO_ERROR) {
        rb_failed();
        log_error("context %u: pushing its %s attribute stack back after reading it raised a GL error", ctx->id,
                  stack_names[k]);
    }
    return ok;
}

static void free_context(struct glcr_context *ctx)
{
    struct glcr_attrib_snapshot *s = ctx->attrib.snap;
    ctx->attrib.replayed = NULL;
    if (!s)
        return;
    for (int k = 0; k < STACKS; k++)
        for (int i = 0; i <= GLCR_ATTRIB_STACK_MAX; i++) {
            glcr_ctxstate_free_level(s->levels[k][i].state);
            free(s->levels[k][i].vertex_array);
            free(s->levels[k][i].textures.items);
        }
    free(s->live_textures.items);
    free(s);
    ctx->attrib.snap = NULL;
}

static bool save_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_attrib_stacks *a = &ctx->attrib;
    if (!ctx->legacy)
        return true;
    rb_keep_app_error(ctx);
    if (!stacks_restorable(ctx, err, err_len))
        return false;
    if (!a->server_depth && !a->client_depth)
        return true;
    a->snap = calloc(1, sizeof *a->snap);
    if (!a->snap) {
        snprintf(err, err_len, "context %u: out of memory saving its attribute stacks", ctx->id);
        return false;
    }
    struct live_matrices m = {.mode = rb_int(GL_MATRIX_MODE)};
    glcr_driver.GetDoublev(GL_MODELVIEW_MATRIX, m.modelview);
    glcr_driver.GetDoublev(GL_PROJECTION_MATRIX, m.projection);
    bool ok = true;
    for (int k = 0; k < STACKS && ok; k++)
        if (depth_of(ctx, (enum stack)k))
            ok = read_stack(ctx, (enum stack)k, a->snap->levels[k], &m, err, err_len);
    return ok;
}

static bool restore_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    struct glcr_attrib_stacks *a = &ctx->attrib;
    a->replayed = NULL;
    if (!a->snap)
        return true;
    /* A push saves the draw and read buffers of the framebuffers bound: the app's. */
    glcr_bind_default_framebuffers(ctx, GL_FRAMEBUFFER);
    const struct glcr_ctx_snapshot *below = NULL;
    for (int k = 0; k < STACKS; k++) {
        unsigned depth = depth_of(ctx, (enum stack)k);
        for (unsigned i = 0; i < depth; i++) {
            apply_level(ctx, &a->snap->levels[k][i], below);
            apply_textures(&a->snap->levels[k][i].textures);
            push((enum stack)k, mask_of(ctx, (enum stack)k, i));
            below = a->snap->levels[k][i].state;
        }
    }
    put_back_vertex_arrays(ctx, a->snap->levels[CLIENT], a->client_depth);
    apply_textures(&a->snap->live_textures);
    a->replayed = below;
    return true;
}

const struct glcr_ctx_snapshot *glcr_attrib_stacks_replayed(const struct glcr_context *ctx)
{
    return ctx->attrib.replayed;
}

static int verify_context(struct glcr_context *ctx)
{
    if (!ctx->legacy)
        return 0;
    GLint server = rb_int(GL_ATTRIB_STACK_DEPTH), client = rb_int(GL_CLIENT_ATTRIB_STACK_DEPTH);
    rb_failed();
    if (server == (GLint)ctx->attrib.server_depth && client == (GLint)ctx->attrib.client_depth)
        return 0;
    log_error("verify context %u: attribute stacks %d and %d levels deep, saved %u and %u", ctx->id, server, client,
              ctx->attrib.server_depth, ctx->attrib.client_depth);
    return 1;
}

static size_t bytes_context(const struct glcr_context *ctx)
{
    const struct glcr_attrib_snapshot *s = ctx->attrib.snap;
    size_t bytes = s ? sizeof *s : 0;
    for (int k = 0; s && k < STACKS; k++)
        for (int i = 0; i <= GLCR_ATTRIB_STACK_MAX; i++)
            bytes += glcr_ctxstate_level_bytes(s->levels[k][i].state);
    return bytes;
}

const struct glcr_tracker glcr_tracker_attrib_stacks = {
    .name = "attribute stacks",
    .save_context = save_context,
    .restore_context = restore_context,
    .verify_context = verify_context,
    .free_context = free_context,
    .bytes_context = bytes_context,
};
