/* glcr checkpoint / glcr restore: the agent in the app quiesces GL and drops the driver
 * (PREPARE), the engine saves the process tree, the agent boots a fresh driver and replays
 * (RESUME). A snapshot is written under snapshots/.partial-ID and renamed to snapshots/ID
 * only when complete, so an interrupted checkpoint never damages an earlier one. */
#include "session/commands.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "session/control.h"
#include "session/session.h"

#define CONTROL_TIMEOUT_MS 120000

static const struct glcr_engine *engine = &glcr_engine_criu;

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

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[PATH_MAX];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(p);
            else
                unlink(p);
        }
        closedir(d);
    }
    rmdir(path);
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
            "virtual display), then the app gets a fresh driver and goes on.\n"
            "\n"
            "  --kill       end the session after the snapshot (restore it with glcr restore)\n"
            "  -h, --help   this text\n");
}

int glcr_cmd_checkpoint(int argc, char **argv)
{
    bool kill_after;
    int rc;
    const char *name = name_and_flag(argc, argv, "kill", 0, &kill_after, usage_checkpoint, &rc);
    if (!name)
        return rc;
    struct glcr_session s;
    char err[1024], reply[GLCR_CONTROL_MAX_LINE];
    if (!load_running(name, &s, err, sizeof err) || !engine->available(err, sizeof err))
        return glcr_fail("cannot checkpoint: %s", err);
    int lock = glcr_session_lock(&s, false, err, sizeof err);
    if (lock < 0)
        return glcr_fail("%s", err);

    char id[32], partial[PATH_MAX], final[PATH_MAX];
    next_snapshot_id(&s, id, sizeof id);
    snprintf(partial, sizeof partial, "%s/snapshots/.partial-%s", s.dir, id);
    snprintf(final, sizeof final, "%s/snapshots/%s", s.dir, id);
    remove_tree(partial);
    if (mkdir(partial, 0700) < 0)
        return glcr_fail("cannot create %s: %s", partial, strerror(errno));

    double t0 = glcr_now_ms();
    if (!control(&s, "PREPARE", reply, sizeof reply)) {
        remove_tree(partial);
        return glcr_fail("cannot checkpoint '%s': %s", name, reply);
    }
    double t1 = glcr_now_ms();
    double gl_bytes = json_number(reply, "gl_bytes", 0), frames = json_number(reply, "frames", 0);
    double readback_ms = json_number(reply, "snapshot_ms", 0) + json_number(reply, "quiesce_ms", 0);
    if (!engine->dump(s.root_pid, partial, !kill_after, err, sizeof err)) {
        bool resumed = !glcr_session_alive(&s) || control(&s, "RESUME restored=0", reply, sizeof reply);
        char kept[PATH_MAX];
        snprintf(kept, sizeof kept, "%s/snapshots/.failed-%s", s.dir, id);
        remove_tree(kept);
        rename(partial, kept);
        return glcr_fail("checkpoint of '%s' failed: %s%s (logs kept in %s)", name, err,
                         resumed ? "" : "; the app could not resume", kept);
    }
    double t2 = glcr_now_ms();
    char info[PATH_MAX], text[1024];
    snprintf(info, sizeof info, "%s/snapshot.info", partial);
    snprintf(text, sizeof text,
             "id=%s\ncreated=%lld\napp=%s\nframes=%.0f\ngl_bytes=%.0f\nengine=%s\nmode=%s\n"
             "prepare_ms=%.1f\ndump_ms=%.1f\n",
             id, (long long)time(NULL), s.app, frames, gl_bytes, engine->name,
             kill_after ? "kill" : "leave-running", t1 - t0, t2 - t1);
    if (!glcr_write_file(info, text) || rename(partial, final) < 0)
        return glcr_fail("cannot complete snapshot %s: %s", final, strerror(errno));

    double resume_ms = 0;
    if (kill_after) {
        glcr_wait_pid_gone(s.root_pid, 5000);
        s.root_pid = 0;
        s.root_start = 0;
        snprintf(s.state, sizeof s.state, "checkpointed");
        glcr_session_save(&s, err, sizeof err);
    } else {
        if (!control(&s, "RESUME restored=0", reply, sizeof reply))
            return glcr_fail("snapshot %s of '%s' is complete, but the app failed to resume: %s",
                             id, name, reply);
        resume_ms = glcr_now_ms() - t2;
    }
    double total = glcr_now_ms() - t0;
    printf("snapshot %s of '%s': %.1f MB on disk, %.1f MB of GL state; %.2f s (GL read-back %.0f ms, "
           "dump %.0f ms%s", id, name, (double)glcr_dir_bytes(final) / 1e6, gl_bytes / 1e6, total / 1e3,
           readback_ms, t2 - t1, kill_after ? "); session stopped\n" : "");
    if (!kill_after)
        printf(", resume %.0f ms; app paused %.2f s)\n", resume_ms, total / 1e3);
    return 0;
}

/* ---- restore ----------------------------------------------------------------------------- */

static bool snapshot_usable(const char *dir, char *err, size_t len)
{
    static const char *const needed[] = {"snapshot.info", "inventory.img", "pstree.img"};
    for (size_t i = 0; i < sizeof needed / sizeof *needed; i++) {
        char path[PATH_MAX];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, needed[i]);
        if (stat(path, &st) < 0 || st.st_size == 0) {
            snprintf(err, len, "snapshot %s is incomplete or damaged (%s %s)", dir, needed[i],
                     errno == ENOENT ? "missing" : "empty");
            return false;
        }
    }
    return true;
}

/* The restored X server binds its socket again: the directory must exist (criu replaces a
 * stale socket file itself, but not a missing directory). */
static void prepare_x_socket_dir(void)
{
    mkdir("/tmp/.X11-unix", 01777);
    chmod("/tmp/.X11-unix", 01777);
}

static void usage_restore(FILE *out)
{
    fprintf(out,
            "usage: glcr restore NAME[@ID] [--foreground]\n"
            "\n"
            "Brings session NAME back from its newest snapshot (or snapshot ID, see glcr ls):\n"
            "CRIU restores the app and its virtual display, then the app gets a fresh GL driver\n"
            "and its GL state is replayed. The session must not be running.\n"
            "\n"
            "  -f, --foreground  stay attached: show the app's output, exit with its status\n"
            "  -h, --help        this text\n");
}

int glcr_cmd_restore(int argc, char **argv)
{
    bool foreground;
    int rc;
    const char *arg = name_and_flag(argc, argv, "foreground", 'f', &foreground, usage_restore, &rc);
    if (!arg)
        return rc;
    char name[128], id[64] = "", err[1024], reply[GLCR_CONTROL_MAX_LINE];
    snprintf(name, sizeof name, "%s", arg);
    char *at = strchr(name, '@');
    if (at) {
        *at = 0;
        snprintf(id, sizeof id, "%s", at + 1);
    }
    struct glcr_session s;
    if (!glcr_session_load(name, &s, err, sizeof err))
        return glcr_fail("cannot restore: %s", err);
    if (glcr_session_alive(&s))
        return glcr_fail("session '%s' is running (pid %d): stop it first (glcr stop %s)", name,
                         (int)s.root_pid, name);
    if (!engine->available(err, sizeof err))
        return glcr_fail("cannot restore: %s", err);
    int lock = glcr_session_lock(&s, false, err, sizeof err);
    if (lock < 0)
        return glcr_fail("%s", err);
    if (!id[0] && !glcr_snapshot_latest(&s, id, sizeof id))
        return glcr_fail("session '%s' has no snapshot to restore (take one with glcr checkpoint)", name);
    char dir[PATH_MAX], info[PATH_MAX], text[2048] = "";
    snprintf(dir, sizeof dir, "%s/snapshots/%s", s.dir, id);
    struct stat st;
    if (strchr(id, '/') || id[0] == '.')
        return glcr_fail("invalid snapshot id '%s'", id);
    if (stat(dir, &st) < 0)
        return glcr_fail("no such snapshot '%s' of session '%s' (glcr status %s lists them)", id, name, name);
    if (!snapshot_usable(dir, err, sizeof err))
        return glcr_fail("cannot restore '%s': %s", name, err);
    snprintf(info, sizeof info, "%s/snapshot.info", dir);
    glcr_read_file(info, text, sizeof text);
    const char *fp = strstr(text, "frames=");
    double frames_at_snapshot = fp ? atof(fp + 7) : 0;

    prepare_x_socket_dir();
    char sock[PATH_MAX];
    glcr_session_path(&s, "control.sock", sock, sizeof sock);
    unlink(sock);
    if (foreground)
        prctl(PR_SET_CHILD_SUBREAPER, 1);
    double t0 = glcr_now_ms();
    pid_t root;
    if (!engine->restore(dir, &root, err, sizeof err))
        return glcr_fail("cannot restore '%s' from snapshot %s: %s", name, id, err);
    double t1 = glcr_now_ms();
    s.root_pid = root;
    s.root_start = glcr_process_start_time(root);
    snprintf(s.state, sizeof s.state, "running");
    glcr_session_save(&s, err, sizeof err);
    if (!control(&s, "RESUME restored=1", reply, sizeof reply))
        return glcr_fail("'%s' was restored but its GL state could not be: %s", name, reply);
    double t2 = glcr_now_ms(), first_frame = -1;
    double replay_ms = json_number(reply, "replay_ms", 0) + json_number(reply, "boot_ms", 0);
    /* Restored means showing frames again: wait for the first new one. */
    while (glcr_now_ms() - t2 < 10000) {
        if (control(&s, "STATUS", reply, sizeof reply) && json_number(reply, "frames", 0) > frames_at_snapshot) {
            first_frame = glcr_now_ms() - t0;
            break;
        }
        usleep(2000);
    }
    printf("restored '%s' from snapshot %s in %.2f s (criu %.0f ms, GL driver + replay %.0f ms); ",
           name, id, (t2 - t0) / 1e3, t1 - t0, replay_ms);
    if (first_frame >= 0)
        printf("first frame after %.2f s\n", first_frame / 1e3);
    else
        printf("no new frame within 10 s (the app may be idle)\n");
    if (foreground)
        return glcr_follow_session(&s, root);
    return 0;
}
