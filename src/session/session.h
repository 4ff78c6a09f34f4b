/* Sessions as the glcr command sees them: a directory per session under
 * $XDG_DATA_HOME/glcr/sessions (or --dir / GLCR_DIR), holding its metadata, logs, control
 * socket and snapshots. Nothing in it is readable by other users. */
#ifndef GLCR_SESSION_SESSION_H
#define GLCR_SESSION_SESSION_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "common/clock.h"

#define GLCR_NAME_MAX 64

struct glcr_session {
    char name[GLCR_NAME_MAX + 1];
    char dir[PATH_MAX];
    /* From the info file. */
    char app[256];          /* the command line, for display */
    int display;            /* X display number of the virtual server */
    pid_t root_pid;         /* the session's init process, host pid; 0 when none */
    unsigned long long root_start; /* its start time (detects pid reuse) */
    char state[32];         /* running, checkpointed, exited, stopped */
    long long created;      /* unix time */
    int width, height;      /* virtual screen */
    /* Options of glcr run that outlive it: the supervisor and restore follow them. */
    int every_s;            /* periodic snapshot interval, 0: none */
    int keep;               /* snapshots kept by the supervisor, 0: all */
    bool auto_restore;      /* restore the newest snapshot after a crash */
    bool vnc;               /* Xvnc serving vnc.sock in the session directory, else Xvfb */
    pid_t supervisor_pid;   /* host pid of the supervisor, 0: none */
    unsigned long long supervisor_start;
    char engine[16];        /* the checkpointer (engine/engine.h); empty: criu */
    /* The DMTCP coordinator the session runs under (--engine dmtcp), 0: none. */
    pid_t coord_pid;
    unsigned long long coord_start;
    int coord_port;
};

/* Where sessions live: --dir, GLCR_DIR, $XDG_DATA_HOME/glcr or ~/.local/share/glcr. */
const char *glcr_sessions_base(void);
void glcr_sessions_set_base(const char *dir);

/* Session names: letters, digits, '.', '_', '-'; no leading '.' or '-'. */
bool glcr_session_name_valid(const char *name, char *err, size_t err_len);

/* `in` for an error message: control characters (a newline would split the one error
 * line) as \xNN, cut with "..." to fit out. */
void glcr_printable(const char *in, char *out, size_t out_len);

/* Paths inside a session directory. */
void glcr_session_path(const struct glcr_session *s, const char *file, char *out, size_t out_len);

/* Loads NAME; false with a one-line message when it does not exist or is unreadable. */
bool glcr_session_load(const char *name, struct glcr_session *s, char *err, size_t err_len);
/* Creates the directory for a new session. */
bool glcr_session_create(struct glcr_session *s, char *err, size_t err_len);
/* Writes the info file atomically. */
bool glcr_session_save(const struct glcr_session *s, char *err, size_t err_len);

/* True while the session's init process is alive. */
bool glcr_session_alive(const struct glcr_session *s);
unsigned long long glcr_process_start_time(pid_t pid);
/* Waits up to timeout_ms for a process to disappear (also as a zombie it is gone). */
bool glcr_wait_pid_gone(pid_t pid, int timeout_ms);
/* A fatal signal other than those people and glcr end programs with (TERM, INT, HUP). */
bool glcr_crash_signal(int sig);

/* Serializes operations on one session (checkpoint, restore, stop). */
int glcr_session_lock(const struct glcr_session *s, bool wait, char *err, size_t err_len);

/* Names of all sessions, sorted; returns count, *names malloc'ed (free each and the array). */
int glcr_session_list(char ***names);

/* Snapshots: <dir>/snapshots/<id>, ids are zero-padded counters. The newest complete one,
 * or false. */
bool glcr_snapshot_latest(const struct glcr_session *s, char *id, size_t id_len);
int glcr_snapshot_list(const struct glcr_session *s, char ***ids);

/* True while the session's DMTCP coordinator is alive. */
bool glcr_coordinator_alive(const struct glcr_session *s);
/* True while the session's supervisor process is alive. */
bool glcr_supervisor_alive(const struct glcr_session *s);

/* Removes a directory tree (best effort). */
void glcr_remove_tree(const char *path);

/* Writes `in` as a JSON string body (without quotes) into out. */
void glcr_json_escape(const char *in, char *out, size_t out_len);

/* Small helpers shared by the commands (glcr_now_ms: common/clock.h). */
bool glcr_mkdir_p(const char *path, mode_t mode);
long long glcr_dir_bytes(const char *path);
bool glcr_read_file(const char *path, char *buf, size_t len);
bool glcr_write_file(const char *path, const char *data);
/* The full path of program `name` in PATH. */
bool glcr_find_in_path(const char *name, char *out, size_t len);

#endif
