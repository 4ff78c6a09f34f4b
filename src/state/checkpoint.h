/* Checkpoint orchestration inside the app: quiesce GL between calls, read back what replay
 * needs, drop the driver (PREPARE); boot a fresh driver and replay (RESUME). */
#ifndef GLCR_STATE_CHECKPOINT_H
#define GLCR_STATE_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct glcr_prepare_report {
    double quiesce_ms, snapshot_ms, teardown_ms;
    size_t gl_bytes;       /* read-back contents + records held for replay */
    unsigned contexts;
    bool driver_kept;      /* the driver half stays loaded, left out of the image */
};

struct glcr_resume_report {
    double boot_ms, replay_ms;
    double paused_ms;      /* from the start of PREPARE until the app's threads go on */
    bool driver_kept;      /* went on with the driver that was kept: nothing rebuilt */
};

/* Starts the control agent once (first GLX call), if the session asked for one. */
void glcr_checkpoint_agent_start(void);

/* PREPARE: on success every GL thread waits at the gate, the state is read back, and the
 * driver is gone -- or, with keep_driver and a driver half that a checkpointer can leave
 * out of its image (split), still loaded and marked out of the image. */
bool glcr_checkpoint_prepare(bool keep_driver, struct glcr_prepare_report *report, char *err,
                             size_t err_len);
/* RESUME: fresh driver, state replayed, gate open. restored: we are a restored image. A kept
 * driver goes on as it is when not restored; in a restored image it is gone and replaced. */
bool glcr_checkpoint_resume(bool restored, struct glcr_resume_report *report, char *err,
                            size_t err_len);
/* A driver reload from an app thread holding a current context (test hook). */
bool glcr_checkpoint_reload_here(char *err, size_t err_len);
/* Called after each presented frame: reloads every GLCR_RELOAD_EVERY frames. */
void glcr_checkpoint_frame_presented(void);
/* Called after each glFinish: for an app that never presents (off-screen rendering, as
 * glmark2 --off-screen), a glFinish ends a frame for GLCR_RELOAD_EVERY. */
void glcr_checkpoint_finished(void);
/* The last leave-running snapshot's pause as the app saw it: its last frame before the
 * checkpoint to its first frame after (0 until measured). */
double glcr_checkpoint_last_pause_ms(void);
/* From the end of the last resume (after a snapshot or a restore) to the next frame. */
double glcr_checkpoint_resume_to_frame_ms(void);
/* Bytes glcr holds between snapshots to replay what cannot be read back: display-list
 * records, shader sources, name tables. Grows with live state, never with frames. */
size_t glcr_record_bytes(void);
/* Milliseconds since the app last presented a frame (glXSwapBuffers), -1 if it never did:
 * a restore of a snapshot of an idle app need not wait for a new frame. */
long long glcr_checkpoint_idle_ms(void);
/* "running", "prepared", ... */
const char *glcr_checkpoint_state(void);

#endif
