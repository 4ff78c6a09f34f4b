/* glcr checkpoint / glcr restore: the agent in the app quiesces GL and drops the driver
 * (PREPARE), the engine saves the process tree, the agent boots a fresh driver and replays
 * (RESUME). A snapshot is written under snapshots/.partial-ID and renamed to snapshots/ID
 * only when complete, so an interrupted checkpoint never damages an earlier one. */
#include "session/commands.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "session/control.h"
#include "session/seal.h"
#include "session/session.h"

#define CONTROL_TIMEOUT_MS 120000
#define FIRST_FRAME_WAIT_MS 3000
#define IDLE_AT_SNAPSHOT_MS 1000
#define SESSION_END_WAIT_MS 5000
#define GLCR_THUMBNAIL_WIDTH 256

/* A number from a flat JSON reply ("key":123.4), or fallback. */
static double json_number(const char *json, const char *key, double fallback)
{
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    const char *p = strstr(json, pattern);
    return p ? atof(p + strlen(pattern)) : fallback;
}

static bool control(const struct glcr_session *s, const char *request, char *reply, size_t len)
{
    char sock[PATH_MAX];
    glcr_session_path(s, "control.sock", sock, sizeof sock);
    if (access(sock, F_OK) != 0) {
        snprintf(reply, len, "the app has not used OpenGL (GLX) yet, so glcr's agent is not running in it");
        return false;
    }
    if (!glcr_control_request(sock, request, reply, len, CONTROL_TIMEOUT_MS))
        return false;
    if (strncmp(reply, "OK ", 3) == 0) {
        memmove(reply, reply + 3, strlen(reply + 3) + 1);
        return true;
    }
    if (strncmp(reply, "ERR ", 4) == 0)
        memmove(reply, reply + 4, strlen(reply + 4) + 1);
    return false;
}

static void next_snapshot_id(const struct glcr_session *s, char *id, size_t len)
{
    char **ids;
    int n = glcr_snapshot_list(s, &ids), last = 0;
    for (int i = 0; i < n; i++) {
        if (atoi(ids[i]) > last)
            last = atoi(ids[i]);
        free(ids[i]);
    }
    free(ids);
    snprintf(id, len, "%04d", last + 1);
}

static bool load_running(const char *name, struct glcr_session *s, char *err, size_t len)
{
    if (!glcr_session_load(name, s, err, len))
        return false;
    if (!glcr_session_alive(s)) {
        snprintf(err, len, "session '%s' is not running (state: %s)", name, s->state);
        return false;
    }
    return true;
}

/* Parses `CMD NAME [--FLAG]`: returns NAME, or NULL with *rc set (usage shown). */
static const char *name_and_flag(int argc, char **argv, const char *flag, char flag_short,
                                 bool *flag_set, void (*usage)(FILE *), int *rc)
{
    const struct option opts[] = {{flag, no_argument, 0, 'f'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    char shorts[4] = {'h', flag_short, 0};
    int c;
    *flag_set = false;
    optind = 1;
    while ((c = getopt_long(argc, argv, shorts, opts, NULL)) != -1) {
        if (c == 'f' || (flag_short && c == flag_short)) {
            *flag_set = true;
        } else {
            usage(c == 'h' ? stdout : stderr);
            *rc = c == 'h' ? 0 : 2;
            return NULL;
        }
    }
    if (optind != argc - 1) {
        usage(stderr);
        *rc = 2;
        return NULL;
    }
    return argv[optind];
}

static void usage_checkpoint(FILE *out)
{
    fprintf(out,
            "usage: glcr checkpoint NAME [--kill]\n"
            "\n"
            "Takes a snapshot of session NAME: the app pauses between two GL calls, glcr reads\n"
            "its GL state back and drops the GL driver, CRIU saves the whole session (app and\n"
            "virtual display), then the app gets a fresh driver and goes on. With DMTCP (glcr run\n"
            "--engine dmtcp) the driver stays loaded, out of the image, and the app goes on with it.\n"
            "\n"
            "  --kill       end the session after the snapshot (restore it with glcr restore)\n"
            "  -h, --help   this text\n");
}

/* ---- progress and interruption -------------------------------------------------------- */

volatile int glcr_interrupted;
static bool progress_shown;

static void on_interrupt(int sig)
{
    glcr_interrupted = sig;
}

void glcr_catch_interrupts(void)
{
    /* No SA_RESTART: a blocking wait returns, and the code checks glcr_interrupted at each
     * step boundary. */
    struct sigaction sa = {.sa_handler = on_interrupt};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

void glcr_progress(const char *fmt, ...)
{
    if (!isatty(STDOUT_FILENO))
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("\r\033[K", stdout);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
    progress_shown = true;
}

void glcr_progress_done(void)
{
    if (!progress_shown)
        return;
    fputs("\r\033[K", stdout);
    fflush(stdout);
    progress_shown = false;
}

struct progress_state {
    const char *what;
    const char *dir; /* whose growing size is shown, or NULL */
    double t0;
};

static void show_progress(void *arg)
{
    const struct progress_state *p = arg;
    double secs = (glcr_now_ms() - p->t0) / 1e3;
    if (p->dir)
        glcr_progress("%s: %.1f MB written (%.1f s)", p->what, (double)glcr_dir_bytes(p->dir) / 1e6, secs);
    else
        glcr_progress("%s (%.1f s)", p->what, secs);
}

/* Removes the session's snapshot entries whose names start with prefix, except `keep`. */
static void remove_snapshot_entries(const struct glcr_session *s, const char *prefix, const char *keep)
{
    char snaps[PATH_MAX];
    glcr_session_path(s, "snapshots", snaps, sizeof snaps);
    DIR *d = opendir(snaps);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0 || (keep && strcmp(e->d_name, keep) == 0))
            continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", snaps, e->d_name);
        glcr_remove_tree(p);
    }
    closedir(d);
}

/* A failed checkpoint keeps its logs for the user, not its half-written images: they would
 * hold on to the disk space that the next snapshot needs (or whose lack made this one fail). */
static void keep_only_logs(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || (n > 4 && strcmp(e->d_name + n - 4, ".log") == 0))
            continue;
        char p[PATH_MAX];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlinkat(AT_FDCWD, p, 0);
    }
    closedir(d);
}

/* " (the file system holding DIR is full)" when it is, for error messages. */
static void disk_full_note(const char *dir, char *out, size_t len)
{
    struct statvfs v;
    out[0] = 0;
    if (statvfs(dir, &v) == 0 && (unsigned long long)v.f_bavail * v.f_frsize < 1024 * 1024)
        snprintf(out, len, " (the file system holding %s is full)", dir);
}

static void sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* GLCR_TEST_FAULT=PHASE, a test hook: glcr kills itself with SIGKILL (as the OOM killer or
 * a power cut would end it) when a checkpoint or restore reaches PHASE, so that tests can
 * show no phase loses a snapshot or leaves the app stuck. */
static void fault_point(const char *phase)
{
    const char *want = getenv("GLCR_TEST_FAULT");
    if (want && strcmp(want, phase) == 0) {
        fflush(NULL);
        raise(SIGKILL);
    }
}

/* ---- checkpoint -------------------------------------------------------------------------- */

/* An engine whose plugin resumes GL inside the app (DMTCP): waits until the agent answers
 * again with the GL layer running; its STATUS reply in reply. */
static bool wait_resumed_in_app(const struct glcr_session *s, char *reply, size_t len)
{
    char sock[PATH_MAX];
    glcr_session_path(s, "control.sock", sock, sizeof sock);
    for (double deadline = glcr_now_ms() + CONTROL_TIMEOUT_MS; glcr_now_ms() < deadline; usleep(2000)) {
        if (!glcr_session_alive(s)) {
            snprintf(reply, len, "the session ended (see app.err in %s)", s->dir);
            return false;
        }
        if (access(sock, F_OK) != 0 || !control(s, "STATUS", reply, len))
            continue; /* not served again yet */
        if (strstr(reply, "\"state\":\"running\""))
            return true;
        if (!strstr(reply, "\"state\":\"prepared\"") && !strstr(reply, "\"state\":\"resuming\"")) {
            char state[256];
            snprintf(state, sizeof state, "%s", reply);
            snprintf(reply, len, "the GL layer did not resume: %s", state);
            return false;
        }
    }
    snprintf(reply, len, "the app did not resume within %d s", CONTROL_TIMEOUT_MS / 1000);
    return false;
}

/* After a failed or interrupted dump: lets a prepared app go on (the engine's plugin may have
 * resumed it already). True when it runs again. */
static bool resume_after_failure(const struct glcr_session *s, const struct glcr_engine *engine)
{
    char reply[GLCR_CONTROL_MAX_LINE];
    if (!glcr_session_alive(s))
        return true;
    if (engine->resumes_in_app && control(s, "STATUS", reply, sizeof reply) &&
        strstr(reply, "\"state\":\"running\""))
        return true;
    return control(s, "RESUME restored=0", reply, sizeof reply);
}

/* After a failed dump: "" while the session runs; otherwise how it ended, for the error
 * message, naming the snapshot it can be restored from. A process that the engine was
 * working inside when the engine died can end a moment later (CRIU: its parasite code
 * traps with no criu to catch it), taking the session with it: a session whose app does not
 * answer gets a few seconds to end. */
static void session_end_note(const struct glcr_session *s, const struct glcr_engine *engine, bool resumed,
                             char *out, size_t len)
{
    bool alive = glcr_session_alive(s);
    if (alive && !resumed)
        alive = !glcr_wait_pid_gone(s->root_pid, SESSION_END_WAIT_MS);
    out[0] = 0;
    if (alive)
        return;
    char status_path[PATH_MAX], status[64], latest[64];
    glcr_session_path(s, "exit_status", status_path, sizeof status_path);
    int sig;
    if (glcr_read_file(status_path, status, sizeof status) && sscanf(status, "killed %d", &sig) == 1)
        snprintf(out, len, "; the app ended during the checkpoint (signal %d, %s)", sig, strsignal(sig));
    else
        snprintf(out, len, "; the session ended during the checkpoint");
    if (glcr_engine_tool_killed() && engine->killed_dump_note)
        snprintf(out + strlen(out), len - strlen(out), " (%s)", engine->killed_dump_note);
    if (glcr_snapshot_latest(s, latest, sizeof latest))
        snprintf(out + strlen(out), len - strlen(out), "; snapshot %s is intact: glcr restore %s", latest,
                 s->name);
}

static bool checkpoint_locked(struct glcr_session *s, bool kill_after, char *id, size_t id_len,
                              char *summary, size_t summary_len, bool *interrupted, char *err,
                              size_t err_len)
{
    const struct glcr_engine *engine = glcr_session_engine(s);
    char reply[GLCR_CONTROL_MAX_LINE], partial[PATH_MAX], final[PATH_MAX], snaps[PATH_MAX];
    glcr_session_path(s, "control.sock", partial, sizeof partial);
    if (access(partial, F_OK) != 0) {
        snprintf(err, err_len, "cannot checkpoint '%s': the app has not used OpenGL (GLX) yet, so glcr's "
                 "agent is not running in it", s->name);
        return false;
    }
    /* Partial snapshots of checkpoints that never finished (glcr or the machine went down):
     * the caller holds the session lock, so nobody is writing them any more. */
    remove_snapshot_entries(s, ".partial-", NULL);
    next_snapshot_id(s, id, id_len);
    glcr_session_path(s, "snapshots", snaps, sizeof snaps);
    snprintf(partial, sizeof partial, "%s/.partial-%s", snaps, id);
    snprintf(final, sizeof final, "%s/%s", snaps, id);
    char full[PATH_MAX + 64];
    if (mkdir(partial, 0700) < 0) {
        disk_full_note(snaps, full, sizeof full);
        snprintf(err, err_len, "cannot checkpoint '%s': cannot create %s: %s%s", s->name, partial,
                 strerror(errno), full);
        return false;
    }
    int info_fd = glcr_snapshot_reserve(partial, err, err_len);
    if (info_fd < 0) {
        char cause[1024];
        snprintf(cause, sizeof cause, "%s", err);
        glcr_remove_tree(partial);
        disk_full_note(snaps, full, sizeof full);
        snprintf(err, err_len, "cannot checkpoint '%s': %s%s", s->name, cause, full);
        return false;
    }
    fault_point("partial");

    /* The thumbnail is taken over X while the app still runs: its X connection must be
     * gone before the dump. */
    double t0 = glcr_now_ms();
    char thumb[PATH_MAX], thumb_err[512];
    snprintf(thumb, sizeof thumb, "%s/thumbnail.png", partial);
    glcr_progress("snapshot %s: thumbnail", id);
    bool have_thumb = glcr_screenshot(s, thumb, GLCR_THUMBNAIL_WIDTH, thumb_err, sizeof thumb_err);
    if (!have_thumb) {
        glcr_progress_done();
        unlink(thumb);
        fprintf(stderr, "glcr: snapshot %s gets no thumbnail: %s\n", id, thumb_err);
    }
    if (glcr_interrupted) {
        glcr_progress_done();
        close(info_fd);
        glcr_remove_tree(partial);
        *interrupted = true;
        snprintf(err, err_len, "checkpoint of '%s' interrupted before it began; no snapshot taken", s->name);
        return false;
    }

    glcr_progress("snapshot %s: pausing the app, reading its GL state back", id);
    double t1 = glcr_now_ms();
    if (!control(s, engine->keeps_driver ? "PREPARE keep_driver=1" : "PREPARE", reply, sizeof reply)) {
        glcr_progress_done();
        close(info_fd);
        glcr_remove_tree(partial);
        snprintf(err, err_len, "cannot checkpoint '%s': %s", s->name, reply);
        return false;
    }
    fault_point("prepared");
    double t2 = glcr_now_ms();
    double gl_bytes = json_number(reply, "gl_bytes", 0), frames = json_number(reply, "frames", 0);
    bool driver_kept = strstr(reply, "\"driver_kept\":true") != NULL;
    double readback_ms = json_number(reply, "snapshot_ms", 0) + json_number(reply, "quiesce_ms", 0);
    double idle_ms = json_number(reply, "idle_ms", -1);
    char what[128];
    snprintf(what, sizeof what, "snapshot %s: writing the image", id);
    struct progress_state ps = {what, partial, t2};
    bool dumped = false;
    if (!glcr_interrupted) {
        glcr_engine_set_progress(show_progress, &ps);
        dumped = engine->dump(s, partial, !kill_after, err, err_len);
        glcr_engine_set_progress(NULL, NULL);
    }
    glcr_progress_done();
    if (dumped)
        fault_point("dumped");
    if (glcr_interrupted && (!dumped || !kill_after)) {
        /* A dump in kill mode that completed has ended the app: then the snapshot is all
         * that is left of it and is kept below. Otherwise the app goes on as if nothing
         * happened and the previous snapshot stays the newest. */
        bool resumed = resume_after_failure(s, engine);
        close(info_fd);
        glcr_remove_tree(partial);
        *interrupted = true;
        snprintf(err, err_len, "checkpoint of '%s' interrupted; the partial snapshot was removed%s",
                 s->name, resumed ? " and the app goes on" : "; the app could not resume");
        return false;
    }
    if (!dumped) {
        char cause[1024];
        snprintf(cause, sizeof cause, "%s", err);
        char *log_note = strstr(cause, "; log: ");
        if (log_note)
            *log_note = 0; /* the log moves to the .failed- directory named below */
        if (strstr(cause, "External socket is used"))
            snprintf(cause + strlen(cause), sizeof cause - strlen(cause),
                     " (a process outside the session is connected to it, e.g. a VNC viewer or an X "
                     "client: disconnect it and try again)");
        disk_full_note(snaps, full, sizeof full);
        bool resumed = resume_after_failure(s, engine);
        char ended[PATH_MAX + 512];
        session_end_note(s, engine, resumed, ended, sizeof ended);
        close(info_fd);
        char kept[PATH_MAX], kept_name[64];
        snprintf(kept_name, sizeof kept_name, ".failed-%s", id);
        snprintf(kept, sizeof kept, "%s/%s", snaps, kept_name);
        glcr_remove_tree(kept);
        keep_only_logs(partial);
        rename(partial, kept);
        /* Only the newest failed checkpoint's logs are kept: periodic snapshots would pile up. */
        remove_snapshot_entries(s, ".failed-", kept_name);
        snprintf(err, err_len, "checkpoint of '%s' failed: %s%s%s%s (logs kept in %s)", s->name, cause, full,
                 ended, resumed || ended[0] ? "" : "; the app could not resume", kept);
        return false;
    }
    double t3 = glcr_now_ms(), resume_ms = 0;
    bool resumed = true;
    char resume_err[GLCR_CONTROL_MAX_LINE] = "";
    double paused = -1;
    if (!kill_after) {
        /* The app goes on first; sealing (checksums, syncing to disk) happens while it runs. */
        resumed = engine->resumes_in_app ? wait_resumed_in_app(s, reply, sizeof reply)
                                         : control(s, "RESUME restored=0", reply, sizeof reply);
        if (!resumed)
            snprintf(resume_err, sizeof resume_err, "%s", reply);
        else /* as the app measured it: from PREPARE until its threads went on */
            paused = json_number(reply, engine->resumes_in_app ? "last_pause_ms" : "paused_ms", -1);
        resume_ms = glcr_now_ms() - t3;
        fault_point("resumed");
    }
    if (paused < 0)
        paused = glcr_now_ms() - t1;
    char meta[2048];
    snprintf(meta, sizeof meta,
             "id=%s\ncreated=%lld\napp=%s\nframes=%.0f\ngl_bytes=%.0f\nengine=%s\nmode=%s\n"
             "thumbnail=%d\nprepare_ms=%.1f\ndump_ms=%.1f\nidle_ms=%.0f\ndriver_kept=%d\n",
             id, (long long)time(NULL), s->app, frames, gl_bytes, engine->name,
             kill_after ? "kill" : "leave-running", have_thumb ? 1 : 0, t2 - t1, t3 - t2, idle_ms,
             driver_kept ? 1 : 0);
    char seal_err[PATH_MAX + 512];
    bool sealed = glcr_snapshot_seal(partial, info_fd, s->name, meta, seal_err, sizeof seal_err);
    if (sealed)
        fault_point("sealed");
    if (!sealed || rename(partial, final) < 0) {
        if (sealed)
            snprintf(seal_err, sizeof seal_err, "cannot rename %s to %s: %s", partial, final, strerror(errno));
        glcr_remove_tree(partial);
        disk_full_note(snaps, full, sizeof full);
        snprintf(err, err_len, "checkpoint of '%s' failed: snapshot %s not kept: %s%s%s", s->name, id, seal_err,
                 full, kill_after ? "; the session had ended with the dump (its previous snapshot is still there)" :
                 resumed ? "; the app goes on" : "; the app could not resume");
        return false;
    }
    sync_dir(snaps);

    if (kill_after) {
        glcr_wait_pid_gone(s->root_pid, 5000);
        if (engine->session_end)
            engine->session_end(s);
        s->root_pid = 0;
        s->root_start = 0;
        snprintf(s->state, sizeof s->state, "checkpointed");
        char serr[512];
        glcr_session_save(s, serr, sizeof serr);
    } else if (!resumed) {
        snprintf(err, err_len, "snapshot %s of '%s' is complete, but the app failed to resume: %s",
                 id, s->name, resume_err);
        return false;
    }
    double total = glcr_now_ms() - t0;
    int n = snprintf(summary, summary_len,
                     "snapshot %s of '%s': %.1f MB on disk, %.1f MB of GL state; %.2f s (GL read-back "
                     "%.0f ms, dump %.0f ms", id, s->name, (double)glcr_dir_bytes(final) / 1e6,
                     gl_bytes / 1e6, total / 1e3, readback_ms, t3 - t2);
    if (n > 0 && (size_t)n < summary_len) {
        if (kill_after)
            snprintf(summary + n, summary_len - (size_t)n, "); session stopped%s",
                     glcr_interrupted ? " (interrupted after the session was saved: snapshot kept)" : "");
        else
            snprintf(summary + n, summary_len - (size_t)n, ", resume %.0f ms; app paused %.2f s)",
                     resume_ms, paused / 1e3);
    }
    return true;
}

bool glcr_checkpoint_session(struct glcr_session *s, bool kill_after, int wait_ms, char *id, size_t id_len,
                             char *summary, size_t summary_len, bool *interrupted, char *err,
                             size_t err_len)
{
    *interrupted = false;
    if (!glcr_session_engine(s)->available(err, err_len))
        return false;
    int lock;
    /* Another checkpoint (the supervisor's periodic one, usually) is over in a moment. */
    for (double deadline = glcr_now_ms() + wait_ms;;) {
        lock = glcr_session_lock(s, false, err, err_len);
        if (lock >= 0 || glcr_now_ms() >= deadline || glcr_interrupted)
            break;
        usleep(50000);
    }
    if (lock < 0)
        return false;
    if (!glcr_session_alive(s)) {
        close(lock);
        snprintf(err, err_len, "session '%s' ended before the checkpoint began", s->name);
        return false;
    }
    bool ok = checkpoint_locked(s, kill_after, id, id_len, summary, summary_len, interrupted, err, err_len);
    close(lock);
    return ok;
}

int glcr_prune_snapshots(const struct glcr_session *s, int keep)
{
    char **ids;
    int n = glcr_snapshot_list(s, &ids), removed = 0;
    for (int i = 0; i < n; i++) {
        if (keep > 0 && i < n - keep) {
            char dir[PATH_MAX];
            snprintf(dir, sizeof dir, "%s/snapshots/%s", s->dir, ids[i]);
            glcr_remove_tree(dir);
            removed++;
        }
        free(ids[i]);
    }
    free(ids);
    return removed;
}

int glcr_cmd_checkpoint(int argc, char **argv)
{
    bool kill_after;
    int rc;
    const char *name = name_and_flag(argc, argv, "kill", 0, &kill_after, usage_checkpoint, &rc);
    if (!name)
        return rc;
    struct glcr_session s;
    char err[2048], id[32], summary[512];
    if (!load_running(name, &s, err, sizeof err))
        return glcr_fail("cannot checkpoint: %s", err);
    glcr_catch_interrupts();
    bool interrupted;
    if (!glcr_checkpoint_session(&s, kill_after, 60000, id, sizeof id, summary, sizeof summary, &interrupted,
                                 err, sizeof err)) {
        glcr_fail("%s", err);
        return interrupted ? 130 : 1;
    }
    if (kill_after) {
        /* The session is saved and gone: its supervisor has nothing left to do, and glcr
         * restore starts a new one. */
        struct glcr_session now;
        if (glcr_session_load(s.name, &now, err, sizeof err))
            glcr_supervisor_stop(&now);
    }
    printf("%s\n", summary);
    return 0;
}

/* ---- restore ----------------------------------------------------------------------------- */

static void usage_restore(FILE *out)
{
    fprintf(out,
            "usage: glcr restore NAME[@ID] [--foreground]\n"
            "\n"
            "Brings session NAME back from its newest snapshot (or snapshot ID, see glcr ls):\n"
            "CRIU (or DMTCP, for a session run with --engine dmtcp) restores the app and its\n"
            "virtual display, then the app gets a fresh GL driver and its GL state is replayed.\n"
            "The session must not be running.\n"
            "\n"
            "  -f, --foreground  stay attached: show the app's output, exit with its status\n"
            "  -h, --help        this text\n");
}

/* Snapshot ids are what next_snapshot_id makes: digits only. */
static bool valid_snapshot_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 16)
        return false;
    for (size_t i = 0; i < n; i++)
        if (id[i] < '0' || id[i] > '9')
            return false;
    return true;
}

/* The engine that wrote the snapshot (snapshot.info); the session's when it does not say. */
static const struct glcr_engine *snapshot_engine(const struct glcr_session *s, const char *info_text)
{
    char name[32];
    glcr_info_field(info_text, "engine", name, sizeof name);
    const struct glcr_engine *e = name[0] ? glcr_engine_by_name(name) : NULL;
    return e ? e : glcr_session_engine(s);
}

/* The seal holds (glcr_snapshot_verify) and the image is one its engine can restore. */
static bool snapshot_intact(const struct glcr_session *s, const char *dir, char *info, size_t info_len, char *why,
                            size_t why_len)
{
    return glcr_snapshot_verify(dir, s->name, info, info_len, why, why_len) &&
           snapshot_engine(s, info)->image_complete(dir, why, why_len);
}

/* Picks the snapshot to restore and verifies it: the one asked for, or the newest one that
 * is intact (each unusable newer one is reported on stderr, which is the supervisor's log
 * for an automatic restore). */
static bool pick_snapshot(const struct glcr_session *s, const char *want, char *id, size_t id_len, char *dir,
                          size_t dir_len, char *info, size_t info_len, char *err, size_t err_len)
{
    char why[PATH_MAX + 1024];
    if (want && want[0]) {
        if (!valid_snapshot_id(want)) {
            char shown[48];
            glcr_printable(want, shown, sizeof shown);
            snprintf(err, err_len, "invalid snapshot id '%s' (ids are numbers, see glcr ls %s)", shown, s->name);
            return false;
        }
        snprintf(id, id_len, "%s", want);
        snprintf(dir, dir_len, "%s/snapshots/%s", s->dir, id);
        if (access(dir, F_OK) != 0) {
            snprintf(err, err_len, "no such snapshot '%s' of session '%s' (glcr ls %s lists them)", id, s->name,
                     s->name);
            return false;
        }
        if (!snapshot_intact(s, dir, info, info_len, why, sizeof why)) {
            snprintf(err, err_len, "cannot restore '%s' from snapshot %s: %s", s->name, id, why);
            return false;
        }
        return true;
    }
    enum { REASONS = 4 };
    char **ids, whys[REASONS][sizeof why];
    const char *first_why = whys[0];
    int n = glcr_snapshot_list(s, &ids), skipped = 0;
    bool found = false;
    for (int i = n - 1; i >= 0 && !found; i--) {
        snprintf(dir, dir_len, "%s/snapshots/%s", s->dir, ids[i]);
        if (snapshot_intact(s, dir, info, info_len, why, sizeof why)) {
            snprintf(id, id_len, "%s", ids[i]);
            found = true;
        } else {
            if (skipped < REASONS)
                snprintf(whys[skipped], sizeof whys[skipped], "%s", why);
            skipped++;
        }
    }
    /* Falling back to an older snapshot is worth a line each: they were not what they seemed. */
    for (int k = 0; found && k < skipped; k++)
        fprintf(stderr, "glcr: not restoring '%s' from snapshot %s: %s\n", s->name, ids[n - 1 - k],
                k < REASONS ? whys[k] : "unusable too");
    if (!found) {
        if (n == 0)
            snprintf(err, err_len, "session '%s' has no snapshot to restore (take one with glcr checkpoint)",
                     s->name);
        else if (n == 1)
            snprintf(err, err_len, "cannot restore '%s' from snapshot %s: %s", s->name, ids[0], first_why);
        else
            snprintf(err, err_len, "cannot restore '%s': none of its %d snapshots is intact (newest, %s: %s)",
                     s->name, n, ids[n - 1], first_why);
    }
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return found;
}

static bool restore_locked(struct glcr_session *s, const char *id_in, char *summary, size_t summary_len,
                           char *err, size_t err_len)
{
    char id[64], reply[GLCR_CONTROL_MAX_LINE], dir[PATH_MAX], text[2048], value[64];
    if (!pick_snapshot(s, id_in, id, sizeof id, dir, sizeof dir, text, sizeof text, err, err_len))
        return false;
    const struct glcr_engine *engine = snapshot_engine(s, text);
    if (!engine->available(err, err_len))
        return false;
    snprintf(s->engine, sizeof s->engine, "%s", engine->name);
    glcr_info_field(text, "frames", value, sizeof value);
    double frames_at_snapshot = atof(value);
    glcr_info_field(text, "idle_ms", value, sizeof value);
    /* An app that had shown no frame for a while (or none at all) when the snapshot was taken
     * is idle: waiting for it to show one after the restore would only add time. */
    bool was_idle = value[0] && (atof(value) < 0 || atof(value) >= IDLE_AT_SNAPSHOT_MS);

    char path[PATH_MAX];
    glcr_session_path(s, "control.sock", path, sizeof path);
    unlink(path);
    /* How the app ended before is not how the restored one will end. */
    glcr_session_path(s, "exit_status", path, sizeof path);
    unlink(path);
    double t0 = glcr_now_ms();
    char what[160];
    snprintf(what, sizeof what, "restoring '%s' from snapshot %s: processes", s->name, id);
    struct progress_state ps = {what, NULL, t0};
    glcr_engine_set_progress(show_progress, &ps);
    pid_t root;
    char cause[1024];
    bool restored = engine->restore(s, dir, &root, cause, sizeof cause);
    glcr_engine_set_progress(NULL, NULL);
    if (!restored) {
        glcr_progress_done();
        /* criu checks that the files the processes had mapped are the ones it finds now. */
        bool changed = strstr(cause, "has bad size") || strstr(cause, "build-id") || strstr(cause, "buildid");
        snprintf(err, err_len, "cannot restore '%s' from snapshot %s: %s%s", s->name, id, cause,
                 changed ? " (a program or library of the session changed since the snapshot was taken, e.g. "
                           "by an update: the snapshot restores only with the same files)" : "");
        return false;
    }
    double t1 = glcr_now_ms();
    s->root_pid = root;
    s->root_start = glcr_process_start_time(root);
    snprintf(s->state, sizeof s->state, "running");
    glcr_session_save(s, cause, sizeof cause);
    fault_point("restored");
    glcr_progress("restoring '%s' from snapshot %s: GL driver and state", s->name, id);
    bool resumed = engine->resumes_in_app ? wait_resumed_in_app(s, reply, sizeof reply)
                                          : control(s, "RESUME restored=1", reply, sizeof reply);
    if (!resumed) {
        glcr_progress_done();
        /* The agent ends the app when it cannot rebuild the GL state (it must not render
         * from a wrong one); a session that is not answering at all is ended here. */
        if (!glcr_wait_pid_gone(root, 5000)) {
            kill(root, SIGKILL);
            glcr_wait_pid_gone(root, 5000);
        }
        s->root_pid = 0;
        s->root_start = 0;
        snprintf(s->state, sizeof s->state, "failed");
        glcr_session_save(s, cause, sizeof cause);
        snprintf(err, err_len, "cannot restore '%s' from snapshot %s: its processes came back, but its GL state "
                 "could not be rebuilt: %s; the session was ended so that nothing renders wrong (the snapshot "
                 "is kept)", s->name, id, reply);
        return false;
    }
    double t2 = glcr_now_ms(), first_frame = -1;
    double replay_ms = engine->resumes_in_app
                           ? json_number(reply, "last_replay_ms", 0) + json_number(reply, "last_boot_ms", 0)
                           : json_number(reply, "replay_ms", 0) + json_number(reply, "boot_ms", 0);
    /* Restored means showing frames again: wait a little for the first new one (an idle
     * app, or one that ends, shows none; that is not an error). */
    glcr_progress("restoring '%s' from snapshot %s: waiting for the first frame", s->name, id);
    while (!was_idle && glcr_now_ms() - t2 < FIRST_FRAME_WAIT_MS) {
        if (!control(s, "STATUS", reply, sizeof reply))
            break; /* the app is gone or not answering */
        if (json_number(reply, "frames", 0) > frames_at_snapshot) {
            first_frame = glcr_now_ms() - t0;
            break;
        }
        usleep(2000);
    }
    glcr_progress_done();
    int n = snprintf(summary, summary_len,
                     "restored '%s' from snapshot %s in %.2f s (%s %.0f ms, GL driver + replay %.0f ms); ",
                     s->name, id, (t2 - t0) / 1e3, engine->name, t1 - t0, replay_ms);
    if (n > 0 && (size_t)n < summary_len) {
        if (first_frame >= 0)
            snprintf(summary + n, summary_len - (size_t)n, "first frame after %.2f s", first_frame / 1e3);
        else if (was_idle)
            snprintf(summary + n, summary_len - (size_t)n, "the app was idle when the snapshot was taken");
        else
            snprintf(summary + n, summary_len - (size_t)n, "no new frame within %d s (the app may be idle)",
                     FIRST_FRAME_WAIT_MS / 1000);
    }
    return true;
}

bool glcr_restore_session(struct glcr_session *s, const char *id, char *summary, size_t summary_len,
                          char *err, size_t err_len)
{
    if (glcr_session_alive(s)) {
        snprintf(err, err_len, "session '%s' is running (pid %d): stop it first (glcr stop %s)", s->name,
                 (int)s->root_pid, s->name);
        return false;
    }
    int lock = glcr_session_lock(s, false, err, err_len);
    if (lock < 0)
        return false;
    bool ok = restore_locked(s, id, summary, summary_len, err, err_len);
    close(lock);
    return ok;
}

int glcr_cmd_restore(int argc, char **argv)
{
    bool foreground;
    int rc;
    const char *arg = name_and_flag(argc, argv, "foreground", 'f', &foreground, usage_restore, &rc);
    if (!arg)
        return rc;
    char name[GLCR_NAME_MAX + 2], err[2048], summary[1024];
    const char *at = strchr(arg, '@'), *id = at ? at + 1 : "";
    size_t name_len = at ? (size_t)(at - arg) : strlen(arg);
    /* Too long to be valid: glcr_session_load says so. */
    snprintf(name, sizeof name, "%.*s", (int)(name_len < sizeof name ? name_len : sizeof name - 1), arg);
    struct glcr_session s;
    if (!glcr_session_load(name, &s, err, sizeof err))
        return glcr_fail("cannot restore: %s", err);
    if (glcr_supervisor_alive(&s))
        return glcr_fail("session '%s' has a supervisor (pid %d) that may be restoring it now; "
                         "glcr stop %s ends it", name, (int)s.supervisor_pid, name);
    if (foreground)
        prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (!glcr_restore_session(&s, id, summary, sizeof summary, err, sizeof err)) {
        if (strncmp(err, "cannot restore", 14) == 0)
            return glcr_fail("%s", err);
        return glcr_fail("cannot restore '%s': %s", name, err);
    }
    printf("%s\n", summary);
    fflush(stdout);
    if ((s.every_s > 0 || s.auto_restore) && !glcr_supervisor_start(&s, err, sizeof err))
        fprintf(stderr, "glcr: '%s' runs without its supervisor: %s\n", name, err);
    if (foreground)
        return glcr_follow_session(&s, s.root_pid);
    return 0;
}
