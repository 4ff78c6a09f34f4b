/* Process checkpointers glcr drives. The GL layer never sees them: the app's agent only
 * knows PREPARE and RESUME; an engine saves and restores the whole session process tree
 * (virtual X server + app) between the two.
 *
 *   criu   the session runs in its own PID and IPC namespaces; glcr sends PREPARE (driver
 *          dropped), runs criu dump, sends RESUME (fresh driver, replay).
 *   dmtcp  the session runs under a DMTCP coordinator of its own, with glcr's DMTCP plugin
 *          in every process; glcr sends PREPARE with the driver kept, the plugin leaves the
 *          driver half out of the image and resumes GL itself (engine/dmtcp_plugin.c). */
#ifndef GLCR_ENGINE_ENGINE_H
#define GLCR_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct glcr_session;

struct glcr_engine {
    const char *name;
    /* The session's processes get new PID and IPC namespaces (so that PIDs and SysV shared
     * memory come back as they were). */
    bool uses_namespaces;
    /* The app may present through MIT-SHM (SysV shared memory with the X server). */
    bool x_shared_memory;
    /* The virtual X server runs without GLX (which loads all of Mesa into it; glcr's GLX
     * runs in the app and never uses it), screen saver and DPMS (whose timers keep it in
     * timed waits). For DMTCP: its images hold every library's memory, and its epoll_wait
     * wrapper holds off a checkpoint for the length of such a wait, up to 1 s. */
    bool x_server_lean;
    /* The driver half can stay loaded while the image is taken (PREPARE keep_driver=1). */
    bool keeps_driver;
    /* The engine's plugin inside the app resumes GL once the image is written or restored;
     * otherwise glcr sends RESUME over the control socket. */
    bool resumes_in_app;
    /* The engine can run here; otherwise one line saying what is missing. */
    bool (*available)(char *err, size_t err_len);
    /* Before the session's init starts: whatever the engine runs beside the session (DMTCP:
     * its coordinator), recorded in s. NULL: nothing. */
    bool (*session_begin)(struct glcr_session *s, char *err, size_t err_len);
    /* The command line that starts the session's init under the engine, written into argv
     * (at most max entries, NULL-terminated); argv[0] is looked up in PATH. NULL: the init
     * is a plain fork. */
    bool (*launcher)(const struct glcr_session *s, char **argv, int max, char *err, size_t err_len);
    /* In the forked child that becomes the session's init, before the launcher runs: the
     * engine's environment for it. NULL: none. */
    void (*prepare_init)(const struct glcr_session *s);
    /* Saves the session's tree into image_dir (which exists and is empty). The tree is
     * killed afterwards unless leave_running. */
    bool (*dump)(struct glcr_session *s, const char *image_dir, bool leave_running, char *err, size_t err_len);
    /* Brings a saved tree back, detached; its root's pid in *root. May record engine state
     * in s (the caller saves s). */
    bool (*restore)(struct glcr_session *s, const char *image_dir, pid_t *root, char *err, size_t err_len);
    /* image_dir holds a complete image of this engine; otherwise one line why not. */
    bool (*image_complete)(const char *image_dir, char *err, size_t err_len);
    /* Ends the session's processes for good when SIGTERM to the init did not. */
    void (*kill_session)(struct glcr_session *s);
    /* What became of the session when the engine was killed halfway through a dump and the
     * session ended, for the error message. NULL: nothing to add. */
    const char *killed_dump_note;
    /* The session's processes are gone: ends what session_begin started (also when it is
     * still there after a crash). NULL: nothing. */
    void (*session_end)(struct glcr_session *s);
};

extern const struct glcr_engine glcr_engine_criu, glcr_engine_dmtcp;

/* The engine named `name` ("criu", "dmtcp"); NULL when there is no such engine. */
const struct glcr_engine *glcr_engine_by_name(const char *name);
/* The engine of session s (criu for sessions that do not name one). */
const struct glcr_engine *glcr_session_engine(const struct glcr_session *s);

/* Called about every 100 ms while the engine works (progress display); NULL for none. */
void glcr_engine_set_progress(void (*fn)(void *arg), void *arg);

/* Runs argv (argv[0] looked up in PATH) in a process group of its own (a Ctrl-C meant for
 * glcr must not cut an engine off halfway), stdout+stderr appended to log_path, stdin
 * /dev/null. Its exit status; 127 when it cannot run; -1 when it ran past timeout_ms (0:
 * no limit) and was killed. Shows progress while it runs. */
int glcr_engine_run_tool(char *const argv[], const char *log_path, int timeout_ms);
/* The signal that killed the last tool glcr_engine_run_tool ran (exit status 128 + N counts
 * too); 0 when it exited. */
int glcr_engine_tool_killed(void);
/* The first line of a log holding one of the words (NULL-terminated), for error messages. */
void glcr_engine_first_line(const char *log_path, const char *const words[], char *out, size_t out_len);

/* A DMTCP program (dmtcp_launch ...): in GLCR_DMTCP_BIN, where the build found DMTCP, or in
 * PATH; its full path in out. */
bool glcr_dmtcp_tool(const char *name, char *out, size_t len);

/* The criu binary glcr uses: GLCR_CRIU, the build's default, then criu in PATH. */
const char *glcr_criu_path(void);

#endif
