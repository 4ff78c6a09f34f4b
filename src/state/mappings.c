/* Mapped buffers. A pointer from glMapBuffer* must stay valid across a driver reload and a
 * checkpoint, but the driver's mapping lives in the lower half, which a checkpoint drops. So
 * the app is given glcr's memory instead: per buffer a "shadow", anonymous memory mapped once
 * in the upper half (buffer offset o is at shadow + o), and glcr copies between it and the
 * driver's mapping where GL says the two must agree:
 *
 *  - at map time the range is filled from the buffer, unless its contents are undefined for
 *    the app (an invalidating map, or a write-only explicitly flushed one);
 *  - ordinary maps reach the buffer at glUnmapBuffer (the whole range) or, with
 *    GL_MAP_FLUSH_EXPLICIT_BIT, at glFlushMappedBufferRange (the flushed part);
 *  - persistent write maps are pushed before every command that hands work to the GPU or
 *    waits for it (dispatch wrappers, installed only while such a mapping exists). Only the
 *    bytes changed since the last push are copied (a "twin" of the range remembers what was
 *    pushed), so what the GPU wrote elsewhere in the buffer is not overwritten;
 *  - persistent read maps are refilled from the driver after glFinish and glClientWaitSync.
 *
 * At checkpoint each mapping is unmapped in the driver by the context that mapped it (the
 * buffer is then read back like any other); after the reload the same context maps it again
 * with the same range and flags. The app's pointer never changes. */
#include "state/mappings.h"
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"

struct glcr_buffer_map {
    GLuint virt;
    unsigned char *shadow;      /* what the app sees: buffer offset o is at shadow + o */
    size_t shadow_len;
    unsigned char *twin;        /* persistent write maps: the range as last pushed */
    bool mapped;
    GLbitfield flags;           /* GL_MAP_* bits (glMapBuffer's access turned into them) */
    GLenum access;              /* glMapBuffer's access argument; 0: a range map */
    GLintptr offset;
    GLsizeiptr length;
    unsigned char *driver;      /* the driver's pointer to the range; NULL while it is down */
    struct glcr_context *owner; /* mapped it: unmaps and maps again around a checkpoint */
    struct glcr_buffer_map *next;
};

/* Persistent mappings in all share groups: while there are any, glcr_api has the wrappers
 * that call glcr_maps_before_gpu. Map and unmap are rare enough for a lock. */
static pthread_mutex_t synced_lock = PTHREAD_MUTEX_INITIALIZER;
static int synced_total;
/* Mapped buffers anywhere: only then do glBufferData and the like look for implicit unmaps. */
static atomic_int mapped_total;

static bool pushes(const struct glcr_buffer_map *m)
{
    return (m->flags & GL_MAP_PERSISTENT_BIT) && (m->flags & GL_MAP_WRITE_BIT) &&
           !(m->flags & GL_MAP_FLUSH_EXPLICIT_BIT);
}

static bool pulls(const struct glcr_buffer_map *m)
{
    return (m->flags & GL_MAP_PERSISTENT_BIT) && (m->flags & GL_MAP_READ_BIT);
}

/* Whether the app may rely on what the range holds before it writes there. */
static bool contents_defined(GLbitfield flags)
{
    if (flags & (GL_MAP_INVALIDATE_RANGE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT))
        return false;
    /* Without explicit flushes the whole range is written back at unmap, so bytes the app
     * does not write must hold the buffer's contents. */
    return (flags & GL_MAP_READ_BIT) || !(flags & GL_MAP_FLUSH_EXPLICIT_BIT);
}

static GLbitfield access_flags(GLenum access)
{
    switch (access) {
    case GL_READ_ONLY: return GL_MAP_READ_BIT;
    case GL_WRITE_ONLY: return GL_MAP_WRITE_BIT;
    case GL_READ_WRITE: return GL_MAP_READ_BIT | GL_MAP_WRITE_BIT;
    default: return 0;
    }
}

static void count_synced(int delta)
{
    pthread_mutex_lock(&synced_lock);
    synced_total += delta;
    if (synced_total == 0 || (synced_total == 1 && delta > 0))
        glcr_dispatch_map_sync(synced_total > 0);
    pthread_mutex_unlock(&synced_lock);
}

/* ---- keeping the two copies in step ------------------------------------------------------ */

/* Copies to the driver the bytes of [from, to) of the range that the app changed since the
 * last push, in runs: unchanged bytes less than a block away from changed ones on both sides
 * are copied along. */
static void push_runs(struct glcr_buffer_map *m, size_t from, size_t to)
{
    enum { BLOCK = 64 };
    const unsigned char *app = m->shadow + m->offset;
    for (size_t i = from; i < to;) {
        size_t len = to - i < BLOCK ? to - i : BLOCK;
        if (!memcmp(app + i, m->twin + i, len)) {
            i += len;
            continue;
        }
        size_t start = i;
        while (app[start] == m->twin[start])
            start++;
        size_t end = i += len;
        for (; i < to; end = i += len) {
            len = to - i < BLOCK ? to - i : BLOCK;
            if (!memcmp(app + i, m->twin + i, len))
                break;
        }
        while (app[end - 1] == m->twin[end - 1])
            end--;
        memcpy(m->driver + start, app + start, end - start);
        memcpy(m->twin + start, app + start, end - start);
    }
}

/* Unchanged pages are skipped with one long comparison each: most of a large streaming
 * buffer is unchanged between two draws. */
static void push_changes(struct glcr_buffer_map *m)
{
    enum { PAGE = 4096 };
    const unsigned char *app = m->shadow + m->offset;
    size_t n = (size_t)m->length;
    for (size_t page = 0; page < n; page += PAGE) {
        size_t end = n - page < PAGE ? n : page + PAGE;
        if (memcmp(app + page, m->twin + page, end - page))
            push_runs(m, page, end);
    }
}

static void pull(struct glcr_buffer_map *m)
{
    memcpy(m->shadow + m->offset, m->driver, (size_t)m->length);
    if (m->twin)
        memcpy(m->twin, m->driver, (size_t)m->length);
}

/* Everything the app wrote reaches the buffer (glUnmapBuffer, and before a checkpoint). */
static void write_back(struct glcr_buffer_map *m)
{
    if (pushes(m))
        push_changes(m);
    else if ((m->flags & GL_MAP_WRITE_BIT) && !(m->flags & GL_MAP_FLUSH_EXPLICIT_BIT))
        memcpy(m->driver, m->shadow + m->offset, (size_t)m->length);
}

/* Applies `copy` to the mappings of the current share group that `wanted` picks. */
static void sync_current_group(bool (*wanted)(const struct glcr_buffer_map *),
                               void (*copy)(struct glcr_buffer_map *))
{
    struct glcr_share_group *g = glcr_current_share();
    if (!g || !atomic_load_explicit(&g->maps.synced, memory_order_relaxed))
        return;
    pthread_mutex_lock(&g->maps.lock);
    for (struct glcr_buffer_map *m = g->maps.mapped; m; m = m->next)
        if (m->driver && wanted(m))
            copy(m);
    pthread_mutex_unlock(&g->maps.lock);
}

void glcr_maps_before_gpu(void)
{
    sync_current_group(pushes, push_changes);
}

void glcr_maps_after_wait(void)
{
    sync_current_group(pulls, pull);
}

/* ---- records ------------------------------------------------------------------------------ */

void glcr_maps_init(struct glcr_share_maps *maps)
{
    memset(maps, 0, sizeof *maps);
    pthread_mutex_init(&maps->lock, NULL);
}

/* The buffer is no longer mapped (unmapped, re-specified or deleted). */
static void forget_mapping(struct glcr_share_group *g, struct glcr_buffer_map *m)
{
    pthread_mutex_lock(&g->maps.lock);
    for (struct glcr_buffer_map **p = &g->maps.mapped; *p; p = &(*p)->next) {
        if (*p == m) {
            *p = m->next;
            break;
        }
    }
    bool synced = pushes(m) || pulls(m);
    if (synced)
        atomic_fetch_sub(&g->maps.synced, 1);
    m->mapped = false;
    m->driver = NULL;
    m->next = NULL;
    free(m->twin);
    m->twin = NULL;
    pthread_mutex_unlock(&g->maps.lock);
    atomic_fetch_sub(&mapped_total, 1);
    if (synced)
        count_synced(-1);
}

static void remember_mapping(struct glcr_share_group *g, struct glcr_buffer_map *m)
{
    bool synced = pushes(m) || pulls(m);
    pthread_mutex_lock(&g->maps.lock);
    m->mapped = true;
    m->next = g->maps.mapped;
    g->maps.mapped = m;
    if (synced)
        atomic_fetch_add(&g->maps.synced, 1);
    pthread_mutex_unlock(&g->maps.lock);
    atomic_fetch_add(&mapped_total, 1);
    if (synced)
        count_synced(1);
}

static void release_in(struct glcr_share_group *g, struct glcr_object *o)
{
    struct glcr_buffer_map *m = o->record;
    if (m->mapped)
        forget_mapping(g, m);
    if (m->shadow)
        munmap(m->shadow, m->shadow_len);
    free(m);
    o->record = NULL;
}

/* glDeleteBuffers: a deleted buffer is unmapped, and the app's pointer is void. */
static void release(struct glcr_object *o)
{
    release_in(glcr_current_share(), o);
}

__attribute__((constructor)) static void register_release(void)
{
    glcr_names_set_release(GLCR_OBJ_BUFFER, release);
}

void glcr_maps_forget_share(struct glcr_share_group *g)
{
    GLCR_FOR_EACH_OBJECT(&g->names[GLCR_OBJ_BUFFER], v, o)
        if (o->record)
            release_in(g, o);
}

static struct glcr_buffer_map *record_of(struct glcr_object *o, GLuint virt)
{
    if (!o->record && (o->record = calloc(1, sizeof(struct glcr_buffer_map))))
        ((struct glcr_buffer_map *)o->record)->virt = virt;
    return o->record;
}

/* Room for the whole buffer at one address, kept from one map to the next. */
static bool ensure_shadow(struct glcr_buffer_map *m, size_t size)
{
    if (m->shadow && m->shadow_len >= size)
        return true;
    if (m->shadow)
        munmap(m->shadow, m->shadow_len);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    m->shadow_len = (size + page - 1) / page * page;
    m->shadow = mmap(NULL, m->shadow_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m->shadow == MAP_FAILED) {
        m->shadow = NULL;
        m->shadow_len = 0;
        return false;
    }
    return true;
}

/* ---- a buffer as a command names it: by target (the one bound there) or by name ----------- */

struct buffer_ref {
    GLenum target;              /* 0: named directly */
    GLuint virt, real;
    struct glcr_object *obj;
};

static GLenum binding_query(GLenum target)
{
    switch (target) {
    case GL_ARRAY_BUFFER: return GL_ARRAY_BUFFER_BINDING;
    case GL_ELEMENT_ARRAY_BUFFER: return GL_ELEMENT_ARRAY_BUFFER_BINDING;
    case GL_PIXEL_PACK_BUFFER: return GL_PIXEL_PACK_BUFFER_BINDING;
    case GL_PIXEL_UNPACK_BUFFER: return GL_PIXEL_UNPACK_BUFFER_BINDING;
    case GL_COPY_READ_BUFFER: return GL_COPY_READ_BUFFER_BINDING;
    case GL_COPY_WRITE_BUFFER: return GL_COPY_WRITE_BUFFER_BINDING;
    case GL_UNIFORM_BUFFER: return GL_UNIFORM_BUFFER_BINDING;
    case GL_TEXTURE_BUFFER: return GL_TEXTURE_BUFFER_BINDING;
    case GL_TRANSFORM_FEEDBACK_BUFFER: return GL_TRANSFORM_FEEDBACK_BUFFER_BINDING;
    case GL_DRAW_INDIRECT_BUFFER: return GL_DRAW_INDIRECT_BUFFER_BINDING;
    case GL_DISPATCH_INDIRECT_BUFFER: return GL_DISPATCH_INDIRECT_BUFFER_BINDING;
    case GL_SHADER_STORAGE_BUFFER: return GL_SHADER_STORAGE_BUFFER_BINDING;
    case GL_ATOMIC_COUNTER_BUFFER: return GL_ATOMIC_COUNTER_BUFFER_BINDING;
    case GL_QUERY_BUFFER: return GL_QUERY_BUFFER_BINDING;
    case GL_PARAMETER_BUFFER: return GL_PARAMETER_BUFFER_BINDING;
    default: return 0;
    }
}

static struct buffer_ref by_target(GLenum target)
{
    struct buffer_ref r = {.target = target};
    GLenum query = binding_query(target);
    GLint real = 0;
    if (query)
        glcr_driver.GetIntegerv(query, &real);
    r.real = (GLuint)real;
    r.virt = real ? glcr_name_virtual(GLCR_OBJ_BUFFER, r.real) : 0;
    r.obj = glcr_object_get(GLCR_OBJ_BUFFER, r.virt);
    return r;
}

static struct buffer_ref by_name(GLuint buffer)
{
    return (struct buffer_ref){.virt = buffer, .real = glcr_name_real(GLCR_OBJ_BUFFER, buffer),
                               .obj = glcr_object_get(GLCR_OBJ_BUFFER, buffer)};
}

static struct glcr_buffer_map *mapping_of(const struct buffer_ref *r)
{
    struct glcr_buffer_map *m = r->obj ? r->obj->record : NULL;
    return m && m->mapped ? m : NULL;
}

static void *driver_map(const struct buffer_ref *r, GLintptr offset, GLsizeiptr length,
                        GLbitfield flags, GLenum access)
{
    if (r->target && access)
        return glcr_driver.MapBuffer(r->target, access);
    if (r->target)
        return glcr_driver.MapBufferRange(r->target, offset, length, flags);
    if (access)
        return glcr_driver.MapNamedBuffer(r->real, access);
    return glcr_driver.MapNamedBufferRange(r->real, offset, length, flags);
}

static GLboolean driver_unmap(const struct buffer_ref *r)
{
    return r->target ? glcr_driver.UnmapBuffer(r->target) : glcr_driver.UnmapNamedBuffer(r->real);
}

static GLint64 driver_size(const struct buffer_ref *r)
{
    GLint64 size = 0;
    if (r->target)
        glcr_driver.GetBufferParameteri64v(r->target, GL_BUFFER_SIZE, &size);
    else
        glcr_driver.GetNamedBufferParameteri64v(r->real, GL_BUFFER_SIZE, &size);
    return size;
}

static bool driver_mapped(const struct buffer_ref *r)
{
    GLint mapped = 0;
    if (r->target)
        glcr_driver.GetBufferParameteriv(r->target, GL_BUFFER_MAPPED, &mapped);
    else
        glcr_driver.GetNamedBufferParameteriv(r->real, GL_BUFFER_MAPPED, &mapped);
    return mapped;
}

static void driver_read(const struct buffer_ref *r, GLintptr offset, GLsizeiptr length, void *to)
{
    if (r->target)
        glcr_driver.GetBufferSubData(r->target, offset, length, to);
    else
        glcr_driver.GetNamedBufferSubData(r->real, offset, length, to);
}

/* ---- hooks -------------------------------------------------------------------------------- */

/* A buffer named by target (the one bound there) or, target 0, by name. */
static struct buffer_ref ref_of(GLenum target, GLuint buffer)
{
    return target ? by_target(target) : by_name(buffer);
}

static void *map_buffer(GLenum target, GLuint buffer, GLintptr offset, GLsizeiptr length,
                        GLbitfield flags, GLenum access)
{
    struct buffer_ref ref = ref_of(target, buffer), *r = &ref;
    struct glcr_context *ctx = glcr_current();
    struct glcr_buffer_map *m = r->obj ? record_of(r->obj, r->virt) : NULL;
    GLint64 size = m && !m->mapped ? driver_size(r) : 0;
    if (access) {
        offset = 0;
        length = (GLsizeiptr)size;
        flags = access_flags(access);
    }
    if (!m || m->mapped || offset < 0 || length <= 0 || offset + length > size)
        return driver_map(r, offset, length, flags, access); /* the driver reports the error */
    if (!ensure_shadow(m, (size_t)size)) {
        log_error("buffer %u: no memory for the app's view of a %lld-byte mapping", r->virt, (long long)size);
        return NULL;
    }
    bool fill = contents_defined(flags);
    /* Without GL_MAP_READ_BIT the driver's mapping need not hold the buffer's contents;
     * OpenGL ES has no glGetBufferSubData, and there glcr relies on it holding them. */
    bool read_first = fill && !(flags & GL_MAP_READ_BIT) && ctx && !ctx->attribs.gles;
    if (read_first)
        driver_read(r, offset, length, m->shadow + offset);
    unsigned char *p = driver_map(r, offset, length, flags, access);
    if (!p)
        return NULL;
    if (fill && !read_first)
        memcpy(m->shadow + offset, p, (size_t)length);
    *m = (struct glcr_buffer_map){.virt = m->virt, .shadow = m->shadow, .shadow_len = m->shadow_len,
                                  .flags = flags, .access = access, .offset = offset, .length = length,
                                  .driver = p, .owner = ctx};
    if (pushes(m)) {
        if (!(m->twin = malloc((size_t)length))) {
            driver_unmap(r);
            log_error("buffer %u: no memory to track a persistent mapping of %lld bytes", r->virt,
                      (long long)length);
            return NULL;
        }
        memcpy(m->twin, m->shadow + offset, (size_t)length);
    }
    remember_mapping(ctx->share, m);
    return m->shadow + offset;
}

static GLboolean unmap_buffer(GLenum target, GLuint buffer)
{
    struct buffer_ref r = ref_of(target, buffer);
    struct glcr_buffer_map *m = mapping_of(&r);
    if (m) {
        write_back(m);
        forget_mapping(glcr_current_share(), m);
    }
    return driver_unmap(&r);
}

/* offset is relative to the start of the mapped range. */
static void flush_range(GLenum target, GLuint buffer, GLintptr offset, GLsizeiptr length)
{
    struct buffer_ref r = ref_of(target, buffer);
    struct glcr_buffer_map *m = mapping_of(&r);
    if (m && (m->flags & GL_MAP_FLUSH_EXPLICIT_BIT) && offset >= 0 && length >= 0 && offset + length <= m->length)
        memcpy(m->driver + offset, m->shadow + m->offset + offset, (size_t)length);
    if (target)
        glcr_driver.FlushMappedBufferRange(target, offset, length);
    else
        glcr_driver.FlushMappedNamedBufferRange(r.real, offset, length);
}

/* glGetBufferPointerv answers with the app's pointer, not the driver's. */
static void app_pointer(GLenum target, GLuint buffer, GLenum pname, void **params)
{
    struct buffer_ref r = ref_of(target, buffer);
    struct glcr_buffer_map *m = mapping_of(&r);
    if (m && pname == GL_BUFFER_MAP_POINTER && params)
        *params = m->shadow + m->offset;
}

/* New storage (glBufferData, glBufferStorage) of the buffer bound to target, or of the named
 * one, unmaps it if it was mapped. */
static void storage_replaced(GLenum target, GLuint buffer)
{
    if (!atomic_load_explicit(&mapped_total, memory_order_relaxed))
        return;
    struct buffer_ref r = ref_of(target, buffer);
    struct glcr_buffer_map *m = mapping_of(&r);
    if (m && !driver_mapped(&r))
        forget_mapping(glcr_current_share(), m);
}

void *hook_glMapBuffer(GLenum target, GLenum access)
{
    return map_buffer(target, 0, 0, 0, 0, access);
}

void *hook_glMapBufferRange(GLenum target, GLintptr offset, GLsizeiptr length, GLbitfield access)
{
    return map_buffer(target, 0, offset, length, access, 0);
}

void *hook_glMapNamedBuffer(GLuint buffer, GLenum access)
{
    return map_buffer(0, buffer, 0, 0, 0, access);
}

void *hook_glMapNamedBufferRange(GLuint buffer, GLintptr offset, GLsizeiptr length, GLbitfield access)
{
    return map_buffer(0, buffer, offset, length, access, 0);
}

GLboolean hook_glUnmapBuffer(GLenum target)
{
    return unmap_buffer(target, 0);
}

GLboolean hook_glUnmapNamedBuffer(GLuint buffer)
{
    return unmap_buffer(0, buffer);
}

void hook_glFlushMappedBufferRange(GLenum target, GLintptr offset, GLsizeiptr length)
{
    flush_range(target, 0, offset, length);
}

void hook_glFlushMappedNamedBufferRange(GLuint buffer, GLintptr offset, GLsizeiptr length)
{
    flush_range(0, buffer, offset, length);
}

void hook_glGetBufferPointerv(GLenum target, GLenum pname, void **params)
{
    glcr_driver.GetBufferPointerv(target, pname, params);
    app_pointer(target, 0, pname, params);
}

void hook_glGetNamedBufferPointerv(GLuint buffer, GLenum pname, void **params)
{
    glcr_driver.GetNamedBufferPointerv(glcr_name_real(GLCR_OBJ_BUFFER, buffer), pname, params);
    app_pointer(0, buffer, pname, params);
}

void hook_glBufferData(GLenum target, GLsizeiptr size, const void *data, GLenum usage)
{
    glcr_driver.BufferData(target, size, data, usage);
    storage_replaced(target, 0);
}

void hook_glNamedBufferData(GLuint buffer, GLsizeiptr size, const void *data, GLenum usage)
{
    glcr_driver.NamedBufferData(glcr_name_real(GLCR_OBJ_BUFFER, buffer), size, data, usage);
    storage_replaced(0, buffer);
}

void hook_glBufferStorage(GLenum target, GLsizeiptr size, const void *data, GLbitfield flags)
{
    glcr_driver.BufferStorage(target, size, data, flags);
    storage_replaced(target, 0);
}

void hook_glNamedBufferStorage(GLuint buffer, GLsizeiptr size, const void *data, GLbitfield flags)
{
    glcr_driver.NamedBufferStorage(glcr_name_real(GLCR_OBJ_BUFFER, buffer), size, data, flags);
    storage_replaced(0, buffer);
}

/* ---- checkpoint --------------------------------------------------------------------------- */

/* Maps or unmaps m in the driver through GL_COPY_WRITE_BUFFER of the current context, whose
 * binding is left as it was. */
static unsigned char *remap(struct glcr_share_group *g, struct glcr_buffer_map *m, bool map)
{
    GLint previous = 0;
    glcr_driver.GetIntegerv(GL_COPY_WRITE_BUFFER_BINDING, &previous);
    glcr_driver.BindBuffer(GL_COPY_WRITE_BUFFER, glcr_names_at(&g->names[GLCR_OBJ_BUFFER], m->virt)->real);
    unsigned char *p = NULL;
    if (!map)
        glcr_driver.UnmapBuffer(GL_COPY_WRITE_BUFFER);
    else if (m->access)
        p = glcr_driver.MapBuffer(GL_COPY_WRITE_BUFFER, m->access);
    else
        p = glcr_driver.MapBufferRange(GL_COPY_WRITE_BUFFER, m->offset, m->length, m->flags);
    glcr_driver.BindBuffer(GL_COPY_WRITE_BUFFER, (GLuint)previous);
    return p;
}

/* With c borrowed: its mappings leave the driver, which is about to go. What the app wrote
 * reaches the buffer first only where GL would have let the GPU see it already. */
static bool save_mappings(struct glcr_context *c, char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    struct glcr_share_group *g = c->share;
    pthread_mutex_lock(&g->maps.lock);
    for (struct glcr_buffer_map *m = g->maps.mapped; m; m = m->next) {
        if (m->owner != c || !m->driver)
            continue;
        if (pushes(m))
            push_changes(m);
        remap(g, m, false);
        m->driver = NULL;
    }
    pthread_mutex_unlock(&g->maps.lock);
    return true;
}

/* A mapping whose context is gone has nobody to unmap and map it again. */
static bool check_owners(struct glcr_share_group *g, char *err, size_t err_len)
{
    bool ok = true;
    pthread_mutex_lock(&g->maps.lock);
    for (struct glcr_buffer_map *m = g->maps.mapped; m && ok; m = m->next) {
        if (m->driver) {
            snprintf(err, err_len, "buffer %u is mapped by a context that was destroyed: "
                     "such a mapping cannot be saved yet", m->virt);
            ok = false;
        }
    }
    pthread_mutex_unlock(&g->maps.lock);
    return ok;
}

/* With c borrowed, after the reload (or after a checkpoint that failed): c maps its buffers
 * again, with the same range and flags, behind the app's unchanged pointers. */
static bool restore_mappings(struct glcr_context *c, char *err, size_t err_len)
{
    struct glcr_share_group *g = c->share;
    bool ok = true;
    pthread_mutex_lock(&g->maps.lock);
    for (struct glcr_buffer_map *m = g->maps.mapped; m && ok; m = m->next) {
        if (m->owner != c || m->driver)
            continue;
        if (!(m->driver = remap(g, m, true))) {
            snprintf(err, err_len, "buffer %u: the driver refused to map it again (offset %lld, length "
                     "%lld, flags 0x%x)", m->virt, (long long)m->offset, (long long)m->length, m->flags);
            ok = false;
        }
    }
    pthread_mutex_unlock(&g->maps.lock);
    return ok;
}

static void abort_mappings(struct glcr_context *c)
{
    char err[256];
    if (!restore_mappings(c, err, sizeof err))
        log_error("after a failed checkpoint: %s", err);
}

const struct glcr_tracker glcr_tracker_mappings = {
    .name = "mapped buffers",
    .save_context = save_mappings,
    .save_share = check_owners,
    .restore_context = restore_mappings,
    .abort_context = abort_mappings,
};
