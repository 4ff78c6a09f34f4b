#include "state/lists.h"
#include "state/tracker.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/calls.h"
#include "state/context.h"
#include "state/get.h"
#include "winsys/alphapad.h"

struct compile_state {
    GLuint name;
    GLenum mode;
    struct glcr_context *ctx;  /* the context compiling it */
    unsigned closed;           /* ctx->lists_closed when glNewList reached the driver */
    GLuint list_base;          /* the base glCallLists in this list is compiled with */
    struct glcr_bytes calls;
};

static __thread struct compile_state compiling __attribute__((tls_model("initial-exec")));
static atomic_int compilers;
/* Switching glcr_api to the recording wrappers and back rewrites the whole table: two
 * threads starting and ending lists at once must not interleave their rewrites, or a list
 * compiled meanwhile would miss calls. */
static pthread_mutex_t mode_lock = PTHREAD_MUTEX_INITIALIZER;

static void compiler_started(void)
{
    pthread_mutex_lock(&mode_lock);
    if (atomic_fetch_add(&compilers, 1) == 0)
        glcr_dispatch_list_mode(true);
    pthread_mutex_unlock(&mode_lock);
}

static void compiler_ended(void)
{
    pthread_mutex_lock(&mode_lock);
    if (atomic_fetch_sub(&compilers, 1) == 1)
        glcr_dispatch_list_mode(false);
    pthread_mutex_unlock(&mode_lock);
}

GLuint glcr_lists_compiling_here(void)
{
    return compiling.name;
}

/* A checkpoint closed the driver's copy of the list this thread compiles (the snapshot
 * would otherwise compile its own calls into it, and the driver goes away): from then on
 * the list exists only in glcr's record. */
static bool held(void)
{
    return compiling.name && compiling.ctx && compiling.ctx->lists_closed != compiling.closed;
}

int glcr_lists_held_here(void)
{
    return held() && compiling.mode == GL_COMPILE;
}

bool glcr_lists_query(GLenum pname, GLint64 *value)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || !ctx->legacy)
        return false;
    switch (pname) {
    case GL_LIST_BASE: *value = ctx->list_base; return true;
    /* The driver knows the real name of the list, or none at all if glcr holds it. */
    case GL_LIST_INDEX: *value = compiling.name; return true;
    case GL_LIST_MODE: *value = compiling.name ? (GLint64)compiling.mode : 0; return true;
    default: return false;
    }
}

int glcr_lists_compile_only_here(void)
{
    return compiling.name && compiling.mode == GL_COMPILE;
}

struct glcr_bytes *glcr_lists_record_buffer(void)
{
    return compiling.name ? &compiling.calls : NULL;
}

int glcr_lists_compiling_anywhere(void)
{
    return atomic_load(&compilers) > 0;
}

static struct glcr_list *find(struct glcr_list_store *s, GLuint name, size_t *pos)
{
    size_t lo = 0, hi = s->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->items[mid].name < name)
            lo = mid + 1;
        else
            hi = mid;
    }
    *pos = lo;
    return lo < s->count && s->items[lo].name == name ? &s->items[lo] : NULL;
}

/* Stores `calls` as the contents of list `name` (taking ownership). */
static void store_put(struct glcr_list_store *s, GLuint name, struct glcr_bytes calls)
{
    size_t pos;
    struct glcr_list *l = find(s, name, &pos);
    if (l) {
        glcr_bytes_free(&l->calls);
        l->calls = calls;
        return;
    }
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        struct glcr_list *items = realloc(s->items, cap * sizeof *items);
        if (!items) {
            glcr_taint_reason("out of memory recording display list %u", name);
            glcr_bytes_free(&calls);
            return;
        }
        s->items = items;
        s->cap = cap;
    }
    memmove(&s->items[pos + 1], &s->items[pos], (s->count - pos) * sizeof *s->items);
    s->items[pos] = (struct glcr_list){.name = name, .calls = calls};
    s->count++;
}

static void store_remove_range(struct glcr_list_store *s, GLuint first, GLsizei range)
{
    size_t pos, out;
    find(s, first, &pos);
    out = pos;
    for (size_t i = pos; i < s->count; i++) {
        if (s->items[i].name < first + (GLuint)range)
            glcr_bytes_free(&s->items[i].calls);
        else
            s->items[out++] = s->items[i];
    }
    s->count = out;
}

/* List names are virtual like every other object's: all contexts share objects at the
 * driver level (see glcr_egl_create_context), and two app share groups may well use the
 * same list numbers. A name the app made up without glGenLists gets a driver list of its
 * own on first use. */
static GLuint real_list(GLuint virt, bool create)
{
    GLuint real = glcr_name_real(GLCR_OBJ_LIST, virt);
    if (real == GLCR_NAME_INVALID && create && virt) {
        real = glcr_driver.GenLists(1);
        if (real)
            glcr_object_bind_new(GLCR_OBJ_LIST, virt, real);
    }
    return real;
}

GLuint hook_glGenLists(GLsizei range)
{
    GLuint first = glcr_driver.GenLists(range);
    struct glcr_share_group *share = glcr_current_share();
    struct glcr_name_table *t = glcr_names_current(GLCR_OBJ_LIST);
    if (!first || !share || !t || range <= 0)
        return first;
    GLuint base = glcr_names_free_range(t, first, range);
    for (GLsizei i = 0; i < range; i++)
        glcr_object_bind_new(GLCR_OBJ_LIST, base + (GLuint)i, first + (GLuint)i);
    pthread_mutex_lock(&share->lock);
    for (GLsizei i = 0; i < range; i++)
        store_put(&share->lists, base + (GLuint)i, (struct glcr_bytes){0});
    pthread_mutex_unlock(&share->lock);
    return base;
}

void hook_glDeleteLists(GLuint list, GLsizei range)
{
    struct glcr_share_group *share = glcr_current_share();
    if (range < 0 || !share) {
        glcr_driver.DeleteLists(list, range); /* the driver reports the error */
        return;
    }
    for (GLsizei i = 0; i < range; i++) {
        GLuint virt = list + (GLuint)i, real = real_list(virt, false);
        if (real == GLCR_NAME_INVALID)
            continue;
        glcr_driver.DeleteLists(real, 1);
        glcr_names_forget(GLCR_OBJ_LIST, 1, &virt);
    }
    pthread_mutex_lock(&share->lock);
    store_remove_range(&share->lists, list, range);
    pthread_mutex_unlock(&share->lock);
}

GLboolean hook_glIsList(GLuint list)
{
    GLuint real = real_list(list, false);
    return real == GLCR_NAME_INVALID ? GL_FALSE : glcr_driver.IsList(real);
}

void hook_glCallList(GLuint list)
{
    GLuint real = real_list(list, false);
    if (real != GLCR_NAME_INVALID) {
        glcr_driver.CallList(real);
        glcr_alpha_pad_after_list();
    }
}

/* glcr applies the base when it translates glCallLists' names, so a list's glCallLists
 * gets the base in effect where it is compiled (set before the list or inside it), not the
 * one in effect where the list is called. */
void hook_glListBase(GLuint base)
{
    struct glcr_context *ctx = glcr_current();
    if (compiling.name)
        compiling.list_base = base;
    if (ctx && !glcr_lists_compile_only_here())
        ctx->list_base = base;
}

static GLuint list_element(GLenum type, const void *lists, GLsizei i)
{
    const unsigned char *b = lists;
    switch (type) {
    case GL_BYTE: return (GLuint)(GLint)((const GLbyte *)lists)[i];
    case GL_UNSIGNED_BYTE: return b[i];
    case GL_SHORT: return (GLuint)(GLint)((const GLshort *)lists)[i];
    case GL_UNSIGNED_SHORT: return ((const GLushort *)lists)[i];
    case GL_INT: return (GLuint)((const GLint *)lists)[i];
    case GL_UNSIGNED_INT: return ((const GLuint *)lists)[i];
    case GL_FLOAT: return (GLuint)((const GLfloat *)lists)[i];
    case GL_2_BYTES: return (GLuint)b[2 * i] << 8 | b[2 * i + 1];
    case GL_3_BYTES: return (GLuint)b[3 * i] << 16 | (GLuint)b[3 * i + 1] << 8 | b[3 * i + 2];
    case GL_4_BYTES:
        return (GLuint)b[4 * i] << 24 | (GLuint)b[4 * i + 1] << 16 | (GLuint)b[4 * i + 2] << 8 | b[4 * i + 3];
    default: return 0;
    }
}

void hook_glCallLists(GLsizei n, GLenum type, const void *lists)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx || n <= 0 || !lists || glcr_list_names_size(n, type) < 0) {
        glcr_driver.CallLists(n, type, lists); /* the driver reports what is wrong */
        return;
    }
    GLuint stack[256], *real = n <= 256 ? stack : malloc((size_t)n * sizeof *real);
    if (!real)
        return;
    GLsizei count = 0;
    GLuint base = compiling.name ? compiling.list_base : ctx->list_base;
    for (GLsizei i = 0; i < n; i++) {
        GLuint r = real_list(base + list_element(type, lists, i), false);
        /* A name without a list is skipped, as GL does. */
        if (r != GLCR_NAME_INVALID)
            real[count++] = r;
    }
    if (count) {
        glcr_driver.CallLists(count, GL_UNSIGNED_INT, real);
        glcr_alpha_pad_after_list();
    }
    if (real != stack)
        free(real);
}

/* A list gets its record when its compilation starts, empty if it had none: a reload before
 * glEndList then gives its name a driver list like every other. */
static void reserve_record(GLuint list)
{
    struct glcr_share_group *share = glcr_current_share();
    size_t pos;
    pthread_mutex_lock(&share->lock);
    if (!find(&share->lists, list, &pos))
        store_put(&share->lists, list, (struct glcr_bytes){0});
    pthread_mutex_unlock(&share->lock);
}

void hook_glNewList(GLuint list, GLenum mode)
{
    if (held()) {
        glcr_raise_error(GL_INVALID_OPERATION); /* a list is open, though the driver does not know */
        return;
    }
    bool valid = list != 0 && (mode == GL_COMPILE || mode == GL_COMPILE_AND_EXECUTE) &&
                 !compiling.name && glcr_current_share();
    /* An invalid call must not create a name; the driver sees it as made (an unknown
     * name passes unchanged) and raises the error the app expects. */
    GLuint real = valid ? real_list(list, true) : glcr_name_real(GLCR_OBJ_LIST, list);
    glcr_driver.NewList(real == GLCR_NAME_INVALID ? list : real, mode);
    if (!valid || real == GLCR_NAME_INVALID)
        return; /* the driver reported the error; nothing is compiled */
    reserve_record(list);
    compiling.name = list;
    compiling.mode = mode;
    compiling.ctx = glcr_current();
    compiling.closed = compiling.ctx->lists_closed;
    compiling.list_base = compiling.ctx->list_base;
    compiling.calls = (struct glcr_bytes){0};
    compiler_started();
}

/* The calls of a held list, those before the checkpoint and those after, compiled into
 * the driver in one go: the list comes out as if no checkpoint had happened. */
static void compile_held(void)
{
    GLuint name = compiling.name;
    struct glcr_bytes calls = compiling.calls;
    compiling.name = 0;
    compiling.calls = (struct glcr_bytes){0};
    compiler_ended();
    hook_glNewList(name, GL_COMPILE);
    for (size_t off = 0; off < calls.len;)
        off += glcr_call_replay(calls.data + off);
    hook_glEndList();
    glcr_bytes_free(&calls);
}

void hook_glEndList(void)
{
    if (held()) {
        compile_held();
        return;
    }
    glcr_driver.EndList();
    if (!compiling.name)
        return;
    struct glcr_share_group *share = glcr_current_share();
    if (share) {
        pthread_mutex_lock(&share->lock);
        store_put(&share->lists, compiling.name, compiling.calls);
        pthread_mutex_unlock(&share->lock);
    } else {
        glcr_bytes_free(&compiling.calls);
    }
    compiling.name = 0;
    compiler_ended();
}

int glcr_lists_replay(struct glcr_share_group *share)
{
    /* A reload at the app's own call may come while this thread compiles a list: that list
     * is held, and goes on after the replay. */
    struct compile_state app_list = compiling;
    compiling = (struct compile_state){0};
    struct glcr_list_store old = share->lists;
    share->lists = (struct glcr_list_store){0};
    /* Every list gets a driver list again before any is compiled: lists call lists. */
    for (size_t i = 0; i < old.count; i++) {
        GLuint real = glcr_driver.GenLists(1);
        glcr_names_rebind(&share->names[GLCR_OBJ_LIST], old.items[i].name, real);
    }
    for (size_t i = 0; i < old.count; i++) {
        struct glcr_list *l = &old.items[i];
        hook_glNewList(l->name, GL_COMPILE);
        for (size_t off = 0; off < l->calls.len;)
            off += glcr_call_replay(l->calls.data + off);
        hook_glEndList();
    }
    glcr_lists_free(&old);
    compiling = app_list;
    return 0;
}

size_t glcr_lists_bytes(const struct glcr_list_store *store)
{
    size_t total = 0;
    for (size_t i = 0; i < store->count; i++)
        total += store->items[i].calls.len;
    return total;
}

void glcr_lists_free(struct glcr_list_store *store)
{
    for (size_t i = 0; i < store->count; i++)
        glcr_bytes_free(&store->items[i].calls);
    free(store->items);
    *store = (struct glcr_list_store){0};
}

static bool replay_lists(struct glcr_share_group *share, char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    return glcr_lists_replay(share) == 0;
}

static size_t list_bytes(const struct glcr_share_group *share)
{
    return glcr_lists_bytes(&share->lists);
}

/* The records are kept while the app runs: nothing to save but the lists still open in the
 * driver, which are closed (the snapshot's calls would go into them) and held by glcr. The
 * context's pending error is taken first: glcr's calls must not consume it. */
static bool close_open_list(struct glcr_context *c, char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    if (!c->legacy)
        return true;
    glcr_keep_pending_error(c);
    GLint open = 0;
    glcr_driver.GetIntegerv(GL_LIST_INDEX, &open);
    if (open) {
        glcr_driver.EndList();
        c->lists_closed++;
    }
    return true;
}

const struct glcr_tracker glcr_tracker_lists = {
    .name = "display lists",
    .save_context = close_open_list,
    .restore_share = replay_lists,
    .bytes_share = list_bytes,
};
