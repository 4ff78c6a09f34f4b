/* The DMTCP engine (DMTCP 5.x, found in PATH or GLCR_DMTCP_BIN). A session runs under a
 * coordinator of its own, started by glcr beside it (a random port in <session>/dmtcp/port;
 * it ends itself when the last session process is gone, and glcr ends it by PID otherwise):
 *
 *   coordinator ── init (glcr session-init, under dmtcp_launch with glcr's plugin)
 *                   ├─ Xvfb    (under the same coordinator: DMTCP can only restore an X
 *                   └─ APP      connection whose server it checkpoints too)
 *
 * The plugin (dmtcp_plugin.c) leaves the GL driver half out of the images and resumes GL
 * inside the app. Images are written to <session>/dmtcp/images and moved into the snapshot
 * once complete. No PID namespace: DMTCP virtualizes PIDs itself; no MIT-SHM: DMTCP's SysV
 * plugin loses the X server's attachment of the app's segments; and a lean X server (see
 * x_server_lean): without GLX its image is 45 MB instead of 245, without its screen-saver
 * timer a checkpoint does not wait up to 1 s for it. */
#include "engine/engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine/dmtcp_plugin.h"
#include "glcr_config.h"
#include "session/commands.h"
#include "session/session.h"

#define COORDINATOR_START_MS 10000
#define CHECKPOINT_TIMEOUT_MS 600000
#define RESTART_TIMEOUT_MS 60000

static const char *const dmtcp_error_words[] = {"ASSERT", "Error", "error", "failed", "cannot", NULL};

/* A DMTCP program: in GLCR_DMTCP_BIN when set, else where the build found DMTCP, else in
 * PATH. */
static bool tool(const char *name, char *out, size_t len)
{
    const char *bin = getenv("GLCR_DMTCP_BIN");
    if (bin && *bin) {
        snprintf(out, len, "%s/%s", bin, name);
        return access(out, X_OK) == 0;
    }
    if (GLCR_DMTCP_BIN_DEFAULT[0]) {
        snprintf(out, len, "%s/%s", GLCR_DMTCP_BIN_DEFAULT, name);
        if (access(out, X_OK) == 0)
            return true;
    }
    return glcr_find_in_path(name, out, len);
}

bool glcr_dmtcp_tool(const char *name, char *out, size_t len)
{
    return tool(name, out, len);
}

static void dmtcp_path(const struct glcr_session *s, const char *file, char *out, size_t len)
{
    snprintf(out, len, "%s/dmtcp%s%s", s->dir, *file ? "/" : "", file);
}

static bool dmtcp_available(char *err, size_t err_len)
{
    char path[PATH_MAX];
    if (!GLCR_HAVE_DMTCP_PLUGIN) {
        snprintf(err, err_len, "this glcr was built without its DMTCP plugin (dmtcp.h was not found at "
                 "build time): install DMTCP 5.x (see README) and rebuild glcr");
        return false;
    }
    if (!glcr_find_library(GLCR_DMTCP_PLUGIN_LIB, path, sizeof path)) {
        snprintf(err, err_len, "%s not found next to the glcr command (broken build or install)",
                 GLCR_DMTCP_PLUGIN_LIB);
        return false;
    }
    static const char *const tools[] = {"dmtcp_launch", "dmtcp_restart", "dmtcp_command", "dmtcp_coordinator"};
    for (size_t i = 0; i < sizeof tools / sizeof *tools; i++) {
        if (!tool(tools[i], path, sizeof path)) {
            const char *bin = getenv("GLCR_DMTCP_BIN");
            snprintf(err, err_len, "DMTCP not found: no %s in %s%s%s (install DMTCP 5.x, see README)",
                     tools[i], bin && *bin ? bin : "PATH", bin && *bin ? " (GLCR_DMTCP_BIN)" : "",
                     !(bin && *bin) && GLCR_DMTCP_BIN_DEFAULT[0] ? " nor in " GLCR_DMTCP_BIN_DEFAULT : "");
            return false;
        }
    }
    return true;
}

/* ---- the coordinator ------------------------------------------------------------------------ */

static void end_coordinator(struct glcr_session *s)
{
    if (glcr_coordinator_alive(s)) {
        kill(s->coord_pid, SIGTERM);
        if (!glcr_wait_pid_gone(s->coord_pid, 3000)) {
            kill(s->coord_pid, SIGKILL);
            glcr_wait_pid_gone(s->coord_pid, 3000);
        }
    }
    s->coord_pid = 0;
    s->coord_start = 0;
    s->coord_port = 0;
}

/* Starts a program detached from glcr (not its child: nobody would reap it), in a session of
 * its own, output appended to log; its pid, or -1. */
static pid_t spawn_detached(char *const argv[], const char *log)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    pid_t child = fork();
    if (child < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (child == 0) {
        setsid();
        pid_t grandchild = fork();
        if (grandchild != 0) {
            if (write(fds[1], &grandchild, sizeof grandchild) < 0)
                _exit(1);
            _exit(0);
        }
        int out = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        int null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
        dup2(null_fd, STDIN_FILENO);
        dup2(out, STDOUT_FILENO);
        dup2(out, STDERR_FILENO);
        execv(argv[0], argv);
        dprintf(STDERR_FILENO, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    pid_t pid = -1;
    if (read(fds[0], &pid, sizeof pid) != sizeof pid)
        pid = -1;
    close(fds[0]);
    waitpid(child, NULL, 0);
    return pid;
}

static bool start_coordinator(struct glcr_session *s, char *err, size_t err_len)
{
    /* One left from a session that ended badly has nothing to do with this start. */
    end_coordinator(s);
    char dir[PATH_MAX], tmp[PATH_MAX], images[PATH_MAX], port_file[PATH_MAX], log[PATH_MAX], exe[PATH_MAX];
    dmtcp_path(s, "", dir, sizeof dir);
    dmtcp_path(s, "tmp", tmp, sizeof tmp);
    dmtcp_path(s, "images", images, sizeof images);
    dmtcp_path(s, "port", port_file, sizeof port_file);
    dmtcp_path(s, "coordinator.log", log, sizeof log);
    if (!glcr_mkdir_p(tmp, 0700) || !glcr_mkdir_p(images, 0700)) {
        snprintf(err, err_len, "cannot create %s: %s", dir, strerror(errno));
        return false;
    }
    if (!tool("dmtcp_coordinator", exe, sizeof exe)) {
        snprintf(err, err_len, "DMTCP not found: dmtcp_coordinator is not in PATH");
        return false;
    }
    unlink(port_file);
    /* Port 0: a free one, written to the port file. --exit-on-last: it ends with the session. */
    char *argv[] = {exe, "--port", "0", "--port-file", port_file, "--ckptdir", images, "--tmpdir", tmp,
                    "--exit-on-last", NULL};
    pid_t pid = spawn_detached(argv, log);
    if (pid <= 0) {
        snprintf(err, err_len, "cannot start dmtcp_coordinator: %s", strerror(errno));
        return false;
    }
    s->coord_pid = pid;
    s->coord_start = glcr_process_start_time(pid);
    char text[32] = "";
    for (double deadline = glcr_now_ms() + COORDINATOR_START_MS; glcr_now_ms() < deadline; usleep(10000)) {
        if (glcr_read_file(port_file, text, sizeof text) && atoi(text) > 0)
            break;
        if (!glcr_coordinator_alive(s))
            break;
    }
    s->coord_port = atoi(text);
    if (s->coord_port <= 0) {
        char cause[512];
        glcr_engine_first_line(log, dmtcp_error_words, cause, sizeof cause);
        end_coordinator(s);
        snprintf(err, err_len, "dmtcp_coordinator did not start%s%s (log: %s)", cause[0] ? ": " : "", cause, log);
        return false;
    }
    return true;
}

static bool dmtcp_session_begin(struct glcr_session *s, char *err, size_t err_len)
{
    return start_coordinator(s, err, err_len);
}

static void dmtcp_session_end(struct glcr_session *s)
{
    end_coordinator(s);
}

/* ---- launch ------------------------------------------------------------------------------- */

static bool dmtcp_launcher(const struct glcr_session *s, char **argv, int max, char *err, size_t err_len)
{
    static char exe[PATH_MAX], port[16], images[PATH_MAX], tmp[PATH_MAX], plugin[PATH_MAX];
    if (!tool("dmtcp_launch", exe, sizeof exe) ||
        !glcr_find_library(GLCR_DMTCP_PLUGIN_LIB, plugin, sizeof plugin)) {
        snprintf(err, err_len, "dmtcp_launch or %s not found", GLCR_DMTCP_PLUGIN_LIB);
        return false;
    }
    snprintf(port, sizeof port, "%d", s->coord_port);
    dmtcp_path(s, "images", images, sizeof images);
    dmtcp_path(s, "tmp", tmp, sizeof tmp);
    /* --join-coordinator: never start a coordinator of its own (it would outlive the session);
     * --no-gzip: images are written as they are, like CRIU's; -q -q: DMTCP's notes and
     * warnings stay out of the app's output (its errors do not). */
    char *launch[] = {exe, "--join-coordinator", "--coord-port", port, "--no-gzip", "--ckptdir", images,
                      "--tmpdir", tmp, "--with-plugin", plugin, "-q", "-q", NULL};
    int n = (int)(sizeof launch / sizeof *launch);
    if (n > max) {
        snprintf(err, err_len, "dmtcp_launch command line too long");
        return false;
    }
    memcpy(argv, launch, (size_t)n * sizeof *argv);
    return true;
}

static void dmtcp_prepare_init(const struct glcr_session *s)
{
    char pidfile[PATH_MAX];
    dmtcp_path(s, "root.pid", pidfile, sizeof pidfile);
    setenv(GLCR_DMTCP_ROOT_PIDFILE_ENV, pidfile, 1);
    /* DMTCP cuts files the session writes back to their size at checkpoint time when it
     * restarts them: the logs (app.out ...) would lose what was written after the snapshot,
     * by the app that went on. glcr's logs are opened O_APPEND, as for CRIU, and are kept. */
    setenv("DMTCP_SKIP_TRUNCATE_FILE_AT_RESTART", "1", 1);
}

/* ---- dump ---------------------------------------------------------------------------------- */

static bool is_image_entry(const char *name)
{
    return strncmp(name, "ckpt_", 5) == 0;
}

/* Calls fn for every image file or directory DMTCP wrote into dir; returns how many image
 * files (ckpt_*.dmtcp) there are. */
static int for_each_image(const char *dir, void (*fn)(const char *dir, const char *name, void *arg), void *arg)
{
    DIR *d = opendir(dir);
    int files = 0;
    for (struct dirent *e; d && (e = readdir(d));) {
        size_t len = strlen(e->d_name);
        if (!is_image_entry(e->d_name))
            continue;
        if (len > 6 && strcmp(e->d_name + len - 6, ".dmtcp") == 0)
            files++;
        if (fn)
            fn(dir, e->d_name, arg);
    }
    if (d)
        closedir(d);
    return files;
}

static void remove_entry(const char *dir, const char *name, void *arg)
{
    (void)arg;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    glcr_remove_tree(path);
    unlink(path);
}

struct move_state {
    const char *to;
    bool ok;
};

static void move_entry(const char *dir, const char *name, void *arg)
{
    struct move_state *m = arg;
    char from[PATH_MAX], to[PATH_MAX];
    snprintf(from, sizeof from, "%s/%s", dir, name);
    snprintf(to, sizeof to, "%s/%s", m->to, name);
    if (rename(from, to) != 0)
        m->ok = false;
}

/* Restart scripts name the staging directory; glcr restores from the snapshot instead. */
static void remove_restart_scripts(const char *dir)
{
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (strncmp(e->d_name, "dmtcp_restart_script", 20) != 0)
            continue;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d)
        closedir(d);
}

static int command(const struct glcr_session *s, const char *what, const char *log, int timeout_ms)
{
    char exe[PATH_MAX], port[16];
    if (!tool("dmtcp_command", exe, sizeof exe))
        return 127;
    snprintf(port, sizeof port, "%d", s->coord_port);
    char *argv[] = {exe, "--coord-port", port, (char *)what, NULL};
    return glcr_engine_run_tool(argv, log, timeout_ms);
}

/* How many processes the coordinator has (NUM_PEERS of dmtcp_command --status); -1 unknown. */
static int peers(const struct glcr_session *s, const char *log)
{
    char status_log[PATH_MAX];
    snprintf(status_log, sizeof status_log, "%s.status", log);
    unlink(status_log);
    int n = -1;
    if (command(s, "--status", status_log, 10000) == 0) {
        char text[4096] = "";
        glcr_read_file(status_log, text, sizeof text);
        const char *p = strstr(text, "NUM_PEERS=");
        n = p ? atoi(p + 10) : -1;
    }
    unlink(status_log);
    return n;
}

static bool dmtcp_dump(struct glcr_session *s, const char *dir, bool leave_running, char *err, size_t err_len)
{
    char images[PATH_MAX], log[PATH_MAX], coord_log[PATH_MAX], cause[512];
    dmtcp_path(s, "images", images, sizeof images);
    dmtcp_path(s, "coordinator.log", coord_log, sizeof coord_log);
    snprintf(log, sizeof log, "%s/dmtcp.log", dir);
    if (!glcr_coordinator_alive(s)) {
        snprintf(err, err_len, "the session's DMTCP coordinator (pid %d) is gone", (int)s->coord_pid);
        return false;
    }
    for_each_image(images, remove_entry, NULL);
    remove_restart_scripts(images);
    int expected = peers(s, log);
    if (expected <= 0) {
        snprintf(err, err_len, "the DMTCP coordinator (port %d) reports no session processes; log: %s",
                 s->coord_port, coord_log);
        return false;
    }
    /* --bcheckpoint returns once every image is written; --kcheckpoint returns at once and
     * every process exits after writing its image (before resuming). */
    int rc = command(s, leave_running ? "--bcheckpoint" : "--kcheckpoint", log, CHECKPOINT_TIMEOUT_MS);
    if (rc != 0) {
        glcr_engine_first_line(log, dmtcp_error_words, cause, sizeof cause);
        snprintf(err, err_len, "dmtcp_command %s failed (%s)%s%s; log: %s",
                 leave_running ? "--bcheckpoint" : "--kcheckpoint", rc < 0 ? "timed out" : "exit status",
                 cause[0] ? ": " : "", cause, log);
        return false;
    }
    if (!leave_running && !glcr_wait_pid_gone(s->root_pid, CHECKPOINT_TIMEOUT_MS)) {
        snprintf(err, err_len, "the session did not end after its DMTCP checkpoint; log: %s", coord_log);
        return false;
    }
    /* With --kcheckpoint each process writes its image and exits on its own: the init may
     * be gone while a bigger image is still being written (DMTCP renames it into place when
     * complete). */
    int written = for_each_image(images, NULL, NULL);
    bool writing = !leave_running;
    for (double deadline = glcr_now_ms() + CHECKPOINT_TIMEOUT_MS; written < expected && writing;) {
        /* The coordinator ends with the last process (--exit-on-last): then none writes. */
        writing = glcr_coordinator_alive(s) && glcr_now_ms() < deadline;
        usleep(10000);
        written = for_each_image(images, NULL, NULL);
    }
    if (written != expected) {
        glcr_engine_first_line(coord_log, dmtcp_error_words, cause, sizeof cause);
        snprintf(err, err_len, "DMTCP wrote %d of %d process images%s%s; log: %s", written, expected,
                 cause[0] ? ": " : "", cause, coord_log);
        return false;
    }
    struct move_state m = {dir, true};
    for_each_image(images, move_entry, &m);
    remove_restart_scripts(images);
    if (!m.ok) {
        snprintf(err, err_len, "cannot move the DMTCP images from %s to %s: %s", images, dir, strerror(errno));
        return false;
    }
    return true;
}

/* ---- restore ------------------------------------------------------------------------------- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_image(const char *dir, const char *name, void *arg)
{
    char ***list = arg;
    size_t len = strlen(name);
    if (len <= 6 || strcmp(name + len - 6, ".dmtcp") != 0)
        return;
    size_t n = 0;
    while ((*list)[n])
        n++;
    char **grown = realloc(*list, (n + 2) * sizeof **list);
    if (!grown)
        return;
    *list = grown;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    (*list)[n] = strdup(path);
    (*list)[n + 1] = NULL;
}

static bool dmtcp_restore(struct glcr_session *s, const char *dir, pid_t *root, char *err, size_t err_len)
{
    char exe[PATH_MAX], port[16], tmp[PATH_MAX], pidfile[PATH_MAX], log[PATH_MAX], cause[512], ckpt_dir[PATH_MAX];
    if (!tool("dmtcp_restart", exe, sizeof exe)) {
        snprintf(err, err_len, "DMTCP not found: dmtcp_restart is not in PATH");
        return false;
    }
    char **images = calloc(1, sizeof *images);
    if (!images) {
        snprintf(err, err_len, "out of memory");
        return false;
    }
    for_each_image(dir, collect_image, &images);
    size_t count = 0;
    while (images[count])
        count++;
    if (!count) {
        free(images);
        snprintf(err, err_len, "snapshot %s holds no DMTCP image", dir);
        return false;
    }
    qsort(images, count, sizeof *images, cmp_str);
    if (!start_coordinator(s, err, err_len)) {
        for (size_t i = 0; i < count; i++)
            free(images[i]);
        free(images);
        return false;
    }
    dmtcp_path(s, "tmp", tmp, sizeof tmp);
    dmtcp_path(s, "images", ckpt_dir, sizeof ckpt_dir);
    dmtcp_path(s, "root.pid", pidfile, sizeof pidfile);
    snprintf(log, sizeof log, "%s/restore.log", dir);
    snprintf(port, sizeof port, "%d", s->coord_port);
    unlink(pidfile);
    char **argv = calloc(count + 12, sizeof *argv);
    int n = 0;
    if (argv) {
        argv[n++] = exe;
        argv[n++] = "--join-coordinator";
        argv[n++] = "--coord-port";
        argv[n++] = port;
        argv[n++] = "--tmpdir";
        argv[n++] = tmp;
        /* Otherwise the restored processes write their next images where these came from:
         * into the sealed snapshot, over its files. */
        argv[n++] = "--ckptdir";
        argv[n++] = ckpt_dir;
        argv[n++] = "-q";
        argv[n++] = "-q";
        for (size_t i = 0; i < count; i++)
            argv[n++] = images[i];
        argv[n] = NULL;
    }
    pid_t restarter = argv ? spawn_detached(argv, log) : -1;
    for (size_t i = 0; i < count; i++)
        free(images[i]);
    free(images);
    free(argv);
    if (restarter <= 0) {
        end_coordinator(s);
        snprintf(err, err_len, "cannot run dmtcp_restart: %s", strerror(errno));
        return false;
    }
    /* The restored init says where it runs (the plugin writes the pid file at RESTART). */
    char text[32] = "";
    pid_t pid = 0;
    for (double deadline = glcr_now_ms() + RESTART_TIMEOUT_MS; glcr_now_ms() < deadline; usleep(5000)) {
        if (glcr_read_file(pidfile, text, sizeof text) && (pid = (pid_t)atoi(text)) > 0)
            break;
        if (!glcr_coordinator_alive(s))
            break;
    }
    if (pid <= 0 || glcr_process_start_time(pid) == 0) {
        glcr_engine_first_line(log, dmtcp_error_words, cause, sizeof cause);
        if (!cause[0])
            glcr_engine_first_line(log, (const char *const[]){"WARNING", NULL}, cause, sizeof cause);
        command(s, "--kill", log, 10000);
        end_coordinator(s);
        snprintf(err, err_len, "dmtcp_restart did not bring the session back%s%s; log: %s",
                 cause[0] ? ": " : "", cause, log);
        return false;
    }
    *root = pid;
    return true;
}

static bool dmtcp_image_complete(const char *dir, char *err, size_t len)
{
    if (for_each_image(dir, NULL, NULL) > 0)
        return true;
    snprintf(err, len, "snapshot %s is incomplete or damaged (no DMTCP image in it)", dir);
    return false;
}

static void dmtcp_kill_session(struct glcr_session *s)
{
    char log[PATH_MAX];
    dmtcp_path(s, "coordinator.log", log, sizeof log);
    if (glcr_coordinator_alive(s))
        command(s, "--kill", log, 10000);
    if (glcr_session_alive(s) && !glcr_wait_pid_gone(s->root_pid, 5000))
        kill(s->root_pid, SIGKILL);
}

const struct glcr_engine glcr_engine_dmtcp = {
    .name = "dmtcp",
    .uses_namespaces = false,
    .x_shared_memory = false,
    .x_server_lean = true,
    .keeps_driver = true,
    .resumes_in_app = true,
    .available = dmtcp_available,
    .session_begin = dmtcp_session_begin,
    .launcher = dmtcp_launcher,
    .prepare_init = dmtcp_prepare_init,
    .dump = dmtcp_dump,
    .restore = dmtcp_restore,
    .image_complete = dmtcp_image_complete,
    .kill_session = dmtcp_kill_session,
    .session_end = dmtcp_session_end,
};
