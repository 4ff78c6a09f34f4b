/* The hand-written core behind the generated entry points (gl_entry.c).
 *
 * Every exported GL function is `GLCR_GATE(); return glcr_api.Foo(...)`: one relaxed load
 * and one indirect call. glcr_api holds, per command, a hook, a taint wrapper, a
 * display-list recording wrapper, or the driver's function itself. */
#ifndef GLCR_INTERCEPT_DISPATCH_H
#define GLCR_INTERCEPT_DISPATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define GLCR_EXPORT __attribute__((visibility("default")))

/* Closed while a checkpoint is being prepared: callers park until it reopens. */
extern atomic_int glcr_gate_closed;
void glcr_gate_wait(void);

#define GLCR_GATE()                                                                            \
    do {                                                                                       \
        if (__builtin_expect(atomic_load_explicit(&glcr_gate_closed, memory_order_relaxed), 0)) \
            glcr_gate_wait();                                                                  \
    } while (0)

/* Looks command `cmd` up in the driver half; false (and one error) if it has none. */
bool glcr_resolve(unsigned cmd);
/* Forgets every driver function: the next call of each resolves again (driver reload). */
void glcr_dispatch_reset(void);

/* The first call of a command whose state glcr cannot restore. */
void glcr_taint(unsigned cmd);
void glcr_taint_once(unsigned cmd);
/* Name of the first such command, or NULL. */
const char *glcr_tainted_by(void);
/* Marks the process unrestorable for a reason that is not a plain command. */
void glcr_taint_reason(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Display-list compilation: glcr_api switches to recording wrappers while any list is
 * being compiled; the wrappers record only on the compiling thread. */
void glcr_dispatch_list_mode(bool on);
bool glcr_list_compiling(void);
/* True while this thread compiles with GL_COMPILE a list that glcr holds for the driver. */
bool glcr_list_held(void);
void glcr_list_unrecordable(unsigned cmd);
void *glcr_list_forward(unsigned cmd);

/* Persistent buffer mappings (state/mappings.c): while one exists, glcr_api wraps the
 * commands that hand work to the GPU or wait for it (gen_gl.py MAP_SYNC_BEFORE_RE) so that
 * the app's copy and the driver's agree; otherwise those commands are not wrapped at all. */
void glcr_dispatch_map_sync(bool on);
void *glcr_map_sync_forward(unsigned cmd);
void glcr_maps_before_gpu(void);
void glcr_maps_after_wait(void);

/* Exported entry point for a GL command name, or NULL (glXGetProcAddress). */
void (*glcr_gl_proc(const char *name))(void);

#endif

/* Marks commands whose effect a snapshot captures, so they need no hook and do not taint.
 * Read by the generator; expands to nothing. */
#define GLCR_COVERS(...)
