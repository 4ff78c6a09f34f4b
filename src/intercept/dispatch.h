/* The hand-written core behind the generated entry points (gl_entry.c).
 *
 * Every exported GL function is `GLCR_ENTER(); r = glcr_api.Foo(...); GLCR_LEAVE()`: a
 * thread-local increment, one relaxed load, one indirect call and a decrement. glcr_api
 * holds, per command, a hook, a taint wrapper, a display-list recording wrapper, or the
 * driver's function itself. */
#ifndef GLCR_INTERCEPT_DISPATCH_H
#define GLCR_INTERCEPT_DISPATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#define GLCR_EXPORT __attribute__((visibility("default")))

/* Closed while a checkpoint is being prepared: callers park until it reopens. Nonzero but
 * not closed (GLCR_GATE_REBIND) while a thread released by the park signal has not yet taken
 * its context back: the slow path then costs the other threads a load and a return. */
enum { GLCR_GATE_OPEN, GLCR_GATE_CLOSED, GLCR_GATE_REBIND };
extern atomic_int glcr_gate_closed;
void glcr_gate_wait(void);
/* How many GL/GLX/EGL calls this thread is inside (callbacks nest). Zero tells the park
 * signal's handler that the thread is outside GL and may let go of its context. */
extern __thread unsigned glcr_gl_depth __attribute__((tls_model("initial-exec")));

#define GLCR_GATE()                                                                            \
    do {                                                                                       \
        if (__builtin_expect(atomic_load_explicit(&glcr_gate_closed, memory_order_relaxed), 0)) \
            glcr_gate_wait();                                                                  \
    } while (0)

/* Every exported GL, GLX and EGL function: counted in first, then the gate (in that order:
 * a park signal between the two finds the thread inside GL and leaves it to the gate). */
#define GLCR_ENTER()                                                                           \
    do {                                                                                       \
        glcr_gl_depth++;                                                                       \
        atomic_signal_fence(memory_order_seq_cst);                                             \
        GLCR_GATE();                                                                           \
    } while (0)
#define GLCR_LEAVE()                                                                           \
    do {                                                                                       \
        atomic_signal_fence(memory_order_seq_cst);                                             \
        glcr_gl_depth--;                                                                       \
    } while (0)
/* The same for hand-written functions with several returns: leaves when the scope ends. */
static inline int glcr_enter_scope(void)
{
    GLCR_ENTER();
    return 0;
}
static inline void glcr_leave_scope(int *unused)
{
    (void)unused;
    GLCR_LEAVE();
}
#define GLCR_ENTER_SCOPE() __attribute__((cleanup(glcr_leave_scope))) int glcr_scope_ = glcr_enter_scope()

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
