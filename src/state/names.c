#include "state/names.h"

#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"

const char *glcr_obj_type_name(enum glcr_obj_type type)
{
    static const char *const names[] = {
        "texture", "buffer", "renderbuffer", "sampler", "query", "program", "display list",
        "framebuffer", "vertex array", "transform feedback", "program pipeline",
    };
    return names[type];
}

static void (*release_record[GLCR_OBJ_COUNT])(struct glcr_object *);

void glcr_names_set_release(enum glcr_obj_type type, void (*release)(struct glcr_object *))
{
    release_record[type] = release;
}

static void release_object_record(enum glcr_obj_type type, struct glcr_object *o)
{
    if (release_record[type] && o->record)
        release_record[type](o);
    o->record = NULL;
}

void glcr_names_init(struct glcr_name_table *t)
{
    memset(t, 0, sizeof *t);
}

uint32_t glcr_names_capacity(struct glcr_name_table *t)
{
    return atomic_load_explicit(&t->capacity, memory_order_acquire);
}

struct glcr_object *glcr_names_at(struct glcr_name_table *t, GLuint virt)
{
    if (virt >= glcr_names_capacity(t))
        return NULL;
    return &atomic_load_explicit(&t->objects, memory_order_acquire)[virt];
}

/* Grows an array geometrically. The old copy is deliberately kept: lock-free readers may
 * still be looking at it, and growth is geometric so the waste stays below 2x. */
static void *grow(void *old, size_t old_count, size_t new_count, size_t elem)
{
    void *p = calloc(new_count, elem);
    if (p && old)
        memcpy(p, old, old_count * elem);
    return p;
}

struct retired_array {
    void *array;
    struct retired_array *next;
};

/* Keeps an array the table grew out of until the table itself is freed. */
static void retire(struct glcr_name_table *t, void *old)
{
    struct retired_array *r = old ? malloc(sizeof *r) : NULL;
    if (!r)
        return; /* without memory for the note, the old array stays for good */
    r->array = old;
    r->next = t->retired;
    t->retired = r;
}

static bool ensure_virtual(struct glcr_name_table *t, GLuint virt)
{
    uint32_t cap = glcr_names_capacity(t);
    if (virt < cap)
        return true;
    uint32_t want = cap ? cap : 64;
    while (want <= virt) {
        if (want > UINT32_MAX / 2)
            return false;
        want *= 2;
    }
    struct glcr_object *old = atomic_load(&t->objects), *p = grow(old, cap, want, sizeof *p);
    if (!p)
        return false;
    atomic_store_explicit(&t->objects, p, memory_order_release);
    retire(t, old);
    atomic_store_explicit(&t->capacity, want, memory_order_release);
    return true;
}

static bool ensure_real(struct glcr_name_table *t, GLuint real)
{
    uint32_t cap = atomic_load(&t->real_capacity);
    if (real < cap)
        return true;
    uint32_t want = cap ? cap : 64;
    while (want <= real) {
        if (want > UINT32_MAX / 2)
            return false;
        want *= 2;
    }
    GLuint *old = atomic_load(&t->real_to_virtual), *p = grow(old, cap, want, sizeof *p);
    if (!p)
        return false;
    atomic_store_explicit(&t->real_to_virtual, p, memory_order_release);
    retire(t, old);
    atomic_store_explicit(&t->real_capacity, want, memory_order_release);
    return true;
}

struct glcr_name_table *glcr_names_current(enum glcr_obj_type type)
{
    struct glcr_context *ctx = glcr_current();
    if (!ctx)
        return NULL;
    return type < GLCR_OBJ_SHARED_COUNT ? &ctx->share->names[type]
                                         : &ctx->names[type - GLCR_OBJ_SHARED_COUNT];
}

/* Shared tables are guarded by the share group's lock; a context's own tables are only
 * changed by the thread the context is current on. */
static pthread_mutex_t *table_lock(enum glcr_obj_type type)
{
    static pthread_mutex_t unshared = PTHREAD_MUTEX_INITIALIZER;
    struct glcr_share_group *share = glcr_current_share();
    return type < GLCR_OBJ_SHARED_COUNT && share ? &share->lock : &unshared;
}

#define current_table glcr_names_current

/* Records virt <-> real. Caller holds the share group lock. */
static struct glcr_object *link_names(struct glcr_name_table *t, GLuint virt, GLuint real)
{
    if (!ensure_virtual(t, virt) || !ensure_real(t, real)) {
        glcr_taint_reason("out of memory tracking object names");
        return NULL;
    }
    struct glcr_object *obj = glcr_names_at(t, virt);
    *obj = (struct glcr_object){.real = real, .live = true};
    atomic_load(&t->real_to_virtual)[real] = virt;
    t->live_count++;
    return obj;
}

static GLuint free_virtual_name(struct glcr_name_table *t, GLuint preferred)
{
    struct glcr_object *o = glcr_names_at(t, preferred);
    if (!o || !o->live)
        return preferred;
    /* Taken (after a reload the driver hands out names the app already uses): continue
     * where the last search ended, so a burst of creations stays linear. */
    GLuint v = preferred > t->search_from ? preferred : t->search_from;
    while (glcr_names_at(t, v) && glcr_names_at(t, v)->live)
        v++;
    t->search_from = v + 1;
    return v;
}

GLuint glcr_names_free_range(struct glcr_name_table *t, GLuint preferred, GLsizei n)
{
    GLuint base = preferred ? preferred : 1;
    for (GLsizei i = 0; i < n; i++) {
        struct glcr_object *o = glcr_names_at(t, base + (GLuint)i);
        if (o && o->live) {
            base += (GLuint)i + 1;
            i = -1;
        }
    }
    return base;
}

GLuint glcr_name_real(enum glcr_obj_type type, GLuint virt)
{
    if (virt == 0)
        return 0;
    struct glcr_name_table *t = current_table(type);
    struct glcr_object *o = t ? glcr_names_at(t, virt) : NULL;
    return o && o->live ? o->real : GLCR_NAME_INVALID;
}

GLuint glcr_name_virtual(enum glcr_obj_type type, GLuint real)
{
    if (real == 0)
        return 0;
    struct glcr_name_table *t = current_table(type);
    if (!t || real >= atomic_load(&t->real_capacity))
        return real;
    GLuint v = atomic_load(&t->real_to_virtual)[real];
    return v ? v : real;
}

const GLuint *glcr_names_real(enum glcr_obj_type type, GLsizei n, const GLuint *virt,
                              GLuint *buf, GLsizei buf_len)
{
    if (!virt || n <= 0)
        return virt;
    GLuint *out = n <= buf_len ? buf : malloc((size_t)n * sizeof *out);
    if (!out)
        return virt;
    for (GLsizei i = 0; i < n; i++)
        out[i] = glcr_name_real(type, virt[i]);
    return out;
}

void glcr_names_release(const GLuint *translated, GLuint *buf, const GLuint *virt)
{
    if (translated != buf && translated != virt)
        free((void *)translated);
}

void glcr_names_adopt(enum glcr_obj_type type, GLsizei n, GLuint *names)
{
    struct glcr_name_table *t = current_table(type);
    if (!t || !names)
        return;
    pthread_mutex_t *lock = table_lock(type);
    pthread_mutex_lock(lock);
    for (GLsizei i = 0; i < n; i++) {
        if (names[i] == 0)
            continue;
        GLuint virt = free_virtual_name(t, names[i]);
        link_names(t, virt, names[i]);
        names[i] = virt;
    }
    pthread_mutex_unlock(lock);
}

GLuint glcr_name_adopt_one(enum glcr_obj_type type, GLuint real)
{
    glcr_names_adopt(type, 1, &real);
    return real;
}

static void forget_locked(struct glcr_name_table *t, enum glcr_obj_type type, GLuint virt)
{
    struct glcr_object *o = virt ? glcr_names_at(t, virt) : NULL;
    if (!o || !o->live)
        return;
    if (o->real < atomic_load(&t->real_capacity))
        atomic_load(&t->real_to_virtual)[o->real] = 0;
    release_object_record(type, o);
    o->target = 0;
    o->live = false;
    t->live_count--;
}

void glcr_names_forget(enum glcr_obj_type type, GLsizei n, const GLuint *virt)
{
    struct glcr_name_table *t = current_table(type);
    if (!t || !virt)
        return;
    pthread_mutex_t *lock = table_lock(type);
    pthread_mutex_lock(lock);
    for (GLsizei i = 0; i < n; i++)
        forget_locked(t, type, virt[i]);
    pthread_mutex_unlock(lock);
}

void glcr_names_forget_in(struct glcr_name_table *t, enum glcr_obj_type type, GLuint virt)
{
    pthread_mutex_t *lock = table_lock(type);
    pthread_mutex_lock(lock);
    forget_locked(t, type, virt);
    pthread_mutex_unlock(lock);
}

void glcr_names_virtual(enum glcr_obj_type type, GLsizei n, GLuint *names)
{
    if (!names)
        return;
    for (GLsizei i = 0; i < n; i++)
        names[i] = glcr_name_virtual(type, names[i]);
}

struct glcr_object *glcr_object_get(enum glcr_obj_type type, GLuint virt)
{
    struct glcr_name_table *t = current_table(type);
    struct glcr_object *o = t && virt ? glcr_names_at(t, virt) : NULL;
    return o && o->live ? o : NULL;
}

struct glcr_object *glcr_object_bind_new(enum glcr_obj_type type, GLuint virt, GLuint real)
{
    struct glcr_name_table *t = current_table(type);
    if (!t)
        return NULL;
    pthread_mutex_t *lock = table_lock(type);
    pthread_mutex_lock(lock);
    struct glcr_object *o = link_names(t, virt, real);
    pthread_mutex_unlock(lock);
    return o;
}

void glcr_names_rebind(struct glcr_name_table *t, GLuint virt, GLuint real)
{
    struct glcr_object *o = glcr_names_at(t, virt);
    if (!o || !ensure_real(t, real))
        return;
    o->real = real;
    atomic_load(&t->real_to_virtual)[real] = virt;
}

void glcr_names_clear_real(struct glcr_name_table *t)
{
    GLuint *r2v = atomic_load(&t->real_to_virtual);
    if (r2v)
        memset(r2v, 0, atomic_load(&t->real_capacity) * sizeof *r2v);
}

void glcr_names_free(enum glcr_obj_type type, struct glcr_name_table *t)
{
    GLCR_FOR_EACH_OBJECT(t, v, o)
        release_object_record(type, o);
    free(atomic_load(&t->objects));
    free(atomic_load(&t->real_to_virtual));
    for (struct retired_array *r = t->retired, *next; r; r = next) {
        next = r->next;
        free(r->array);
        free(r);
    }
    glcr_names_init(t);
}
