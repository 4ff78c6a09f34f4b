/* The glcr command's subcommands and what they share. */
#ifndef GLCR_SESSION_COMMANDS_H
#define GLCR_SESSION_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct glcr_session;

int glcr_cmd_run(int argc, char **argv);
int glcr_cmd_checkpoint(int argc, char **argv);
int glcr_cmd_restore(int argc, char **argv);
int glcr_cmd_status(int argc, char **argv);
int glcr_cmd_ls(int argc, char **argv);
int glcr_cmd_stop(int argc, char **argv);
int glcr_cmd_screenshot(int argc, char **argv);
int glcr_cmd_rm(int argc, char **argv);
int glcr_cmd_view(int argc, char **argv);
int glcr_cmd_doctor(int argc, char **argv);
int glcr_cmd_supervise(int argc, char **argv);
int glcr_cmd_session_init(int argc, char **argv);

/* Set by the handler glcr_catch_interrupts installs (SIGINT, SIGTERM, SIGHUP): the signal. */
extern volatile int glcr_interrupted;
void glcr_catch_interrupts(void);

/* Progress lines for long operations, shown only when stdout is a terminal. */
void glcr_progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void glcr_progress_done(void);

/* Takes a snapshot of running session s (the checkpoint command without its parsing and
 * printing). The new snapshot's id in id; on failure false with one line in err, and
 * *interrupted set when a signal (glcr_interrupted) cancelled it: then no snapshot was
 * kept and the app goes on. `summary` gets the line glcr checkpoint prints. When another
 * glcr command holds the session, waits up to wait_ms for it. */
bool glcr_checkpoint_session(struct glcr_session *s, bool kill_after, int wait_ms, char *id, size_t id_len,
                             char *summary, size_t summary_len, bool *interrupted, char *err,
                             size_t err_len);
/* Restores session s (not running) from snapshot id (newest when empty). */
bool glcr_restore_session(struct glcr_session *s, const char *id, char *summary, size_t summary_len,
                          char *err, size_t err_len);
/* Removes the oldest snapshots of s beyond `keep`; returns how many were removed. */
int glcr_prune_snapshots(const struct glcr_session *s, int keep);

/* Starts the session's supervisor (periodic snapshots, auto-restore) outside the session's
 * process tree and records it in the session info. */
bool glcr_supervisor_start(struct glcr_session *s, char *err, size_t err_len);
/* Ends the session's supervisor, if any; false when it would not end. */
bool glcr_supervisor_stop(const struct glcr_session *s);

/* The umask glcr was started with (glcr itself runs with 077; the app gets this one). */
extern mode_t glcr_user_umask;

/* Prints "glcr: <message>" to stderr and returns 1. */
int glcr_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A library of glcr's by file name: next to the glcr command (build tree), in GLCR_LIBDIR, or
 * in the installed library directory. */
bool glcr_find_library(const char *name, char *out, size_t len);
/* LD_PRELOAD value (libglcr + GL shims) for apps; false if the libraries are not found. */
bool glcr_preload_value(char *out, size_t len);
/* Directory holding the GL shims (for LD_LIBRARY_PATH). */
bool glcr_shim_dir(char *out, size_t len);

/* Shows the session's app output until its init process `root` (a child of ours) ends;
 * returns the app's exit status. */
int glcr_follow_session(struct glcr_session *s, pid_t root);

/* Writes the virtual display of a running session as PNG (mode 0600), box-filtered down to
 * max_width pixels wide when it is wider (0: full size). The X connection is closed, and
 * the server has let go of it, when this returns. */
bool glcr_screenshot(const struct glcr_session *s, const char *png_path, int max_width, char *err,
                     size_t err_len);

#endif
