/* The gate between the app's threads and the driver. A checkpoint closes it and waits until
 * no app thread holds a context in the driver: threads that call GL park at the gate (their
 * next call), threads busy elsewhere -- a GUI thread blocked in its event loop, a worker
 * computing -- are sent the park signal and let go of their context in its handler, then run
 * on; they take it back at their next GL call after the gate opens. */
#ifndef GLCR_STATE_GATE_H
#define GLCR_STATE_GATE_H

#include <stdbool.h>
#include <stddef.h>

#include "intercept/dispatch.h"
#include "state/checkpoint.h"

/* Closes the gate and waits (GLCR_QUIESCE_TIMEOUT seconds, default 10) until every context
 * bound to an app thread is let go. On failure the gate is open again and err says which
 * thread and context did not let go, and why if known. */
bool glcr_gate_quiesce(char *err, size_t err_len);
/* Opens the gate: parked threads go on; released ones rebind at their next GL call. */
void glcr_gate_open(void);
/* The calling thread lets go of its context for a reload it runs itself (and takes it back). */
void glcr_gate_park_self(void);
void glcr_gate_unpark_self(void);
/* Counts threads inside a context binding change (glXMakeCurrent), which a checkpoint
 * waits out. */
void glcr_binding_change(int delta);
/* The start of every GLX/EGL function that touches contexts, drawables or the driver: inside
 * GL until the function returns, through the gate, and the control agent started. */
#define GLCR_WINSYS_ENTER()                                                                    \
    GLCR_ENTER_SCOPE();                                                                        \
    glcr_checkpoint_agent_start()

/* The signal that parks threads outside GL (GLCR_PARK_SIGNAL, default SIGRTMAX-3). */
int glcr_gate_park_signal(void);

#endif
