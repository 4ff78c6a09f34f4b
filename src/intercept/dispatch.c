#include "intercept/dispatch.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "lower/driver_half.h"
#include "lower/fsswitch.h"
#include "state/lists.h"

static unsigned char taint_done[GLCR_CMD_COUNT];
static unsigned char missing_reported[GLCR_CMD_COUNT];
static _Atomic(const char *) tainted_by;
static char taint_text[256];
static bool list_mode;
static bool map_sync_mode;
static pthread_mutex_t mode_lock = PTHREAD_MUTEX_INITIALIZER;

bool glcr_resolve(unsigned cmd)
{
    void *fn = glcr_lower_gl_proc(glcr_cmd_meta[cmd].name);
    if (!fn) {
        if (!missing_reported[cmd]) {
            missing_reported[cmd] = 1;
            log_error("%s: the GL driver (%s) does not provide this function; the call is ignored",
                      glcr_cmd_meta[cmd].name, glcr_lower_name());
        }
        return false;
    }
    void *resolver = glcr_resolver_slot[cmd];
    if (glcr_lower_switches_fs()) {
        glcr_lower_fn[cmd] = fn;
        fn = glcr_split_slot[cmd];
    }
    glcr_driver_u.slot[cmd] = fn;
    if (glcr_api_u.slot[cmd] == resolver)
        glcr_api_u.slot[cmd] = fn;
    return true;
}

/* What glcr_api holds for a command outside display-list compilation. */
static void *base_slot(unsigned cmd)
{
    if (glcr_hook_slot[cmd])
        return glcr_hook_slot[cmd];
    if (glcr_taint_slot[cmd] && !taint_done[cmd])
        return glcr_taint_slot[cmd];
    return glcr_driver_u.slot[cmd];
}

/* Outside display-list compilation, with the mapping wrappers when they are on. */
static void *unrecorded_slot(unsigned cmd)
{
    return map_sync_mode && glcr_mapsync_slot[cmd] ? glcr_mapsync_slot[cmd] : base_slot(cmd);
}

static void install_slots(void)
{
    for (unsigned i = 0; i < GLCR_CMD_COUNT; i++)
        glcr_api_u.slot[i] = list_mode && glcr_listrec_slot[i] ? glcr_listrec_slot[i] : unrecorded_slot(i);
}

void glcr_dispatch_reset(void)
{
    for (unsigned i = 0; i < GLCR_CMD_COUNT; i++)
        glcr_driver_u.slot[i] = glcr_resolver_slot[i];
    pthread_mutex_lock(&mode_lock);
    install_slots();
    pthread_mutex_unlock(&mode_lock);
}

void glcr_taint(unsigned cmd)
{
    taint_done[cmd] = 1;
    const char *expected = NULL;
    if (atomic_compare_exchange_strong(&tainted_by, &expected, glcr_cmd_meta[cmd].name))
        log_info("%s changes GL state that glcr cannot restore yet; checkpoints will be refused",
                 glcr_cmd_meta[cmd].name);
    if (glcr_api_u.slot[cmd] == glcr_taint_slot[cmd])
        glcr_api_u.slot[cmd] = glcr_driver_u.slot[cmd];
}

void glcr_taint_once(unsigned cmd)
{
    if (!taint_done[cmd])
        glcr_taint(cmd);
}

void glcr_taint_reason(const char *fmt, ...)
{
    if (atomic_load(&tainted_by))
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(taint_text, sizeof taint_text, fmt, ap);
    va_end(ap);
    const char *expected = NULL;
    if (atomic_compare_exchange_strong(&tainted_by, &expected, taint_text))
        log_info("%s; checkpoints will be refused", taint_text);
}

const char *glcr_tainted_by(void)
{
    return atomic_load(&tainted_by);
}

void glcr_dispatch_list_mode(bool on)
{
    pthread_mutex_lock(&mode_lock);
    list_mode = on;
    install_slots();
    pthread_mutex_unlock(&mode_lock);
}

void glcr_dispatch_map_sync(bool on)
{
    pthread_mutex_lock(&mode_lock);
    map_sync_mode = on;
    install_slots();
    pthread_mutex_unlock(&mode_lock);
}

void *glcr_map_sync_forward(unsigned cmd)
{
    return base_slot(cmd);
}

bool glcr_list_compiling(void)
{
    return glcr_lists_compiling_here() != 0;
}

bool glcr_list_held(void)
{
    return glcr_lists_held_here();
}

void glcr_list_unrecordable(unsigned cmd)
{
    glcr_taint_reason("%s inside a display list (glNewList) cannot be recorded yet",
                      glcr_cmd_meta[cmd].name);
}

void *glcr_list_forward(unsigned cmd)
{
    /* A command only compiled into a list (GL_COMPILE) changes no state now. */
    if (glcr_lists_compile_only_here())
        return glcr_hook_slot[cmd] ? glcr_hook_slot[cmd] : glcr_driver_u.slot[cmd];
    return unrecorded_slot(cmd);
}

static int proc_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const struct glcr_proc *)elem)->name);
}

void (*glcr_gl_proc(const char *name))(void)
{
    const struct glcr_proc *p =
        bsearch(name, glcr_gl_procs, GLCR_CMD_COUNT, sizeof *glcr_gl_procs, proc_cmp);
    return p ? p->proc : NULL;
}

__attribute__((constructor)) static void glcr_library_init(void)
{
    glcr_log_init();
}

/* Referenced by the GL library stand-ins (shim.c). */
GLCR_EXPORT int glcr_shim_anchor;
