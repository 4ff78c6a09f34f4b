/* The glcr command. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/log.h"
#include "glcr_config.h"
#include "session/commands.h"
#include "session/session.h"

mode_t glcr_user_umask = 022;

int glcr_fail(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "glcr: %s\n", line);
    return 1;
}

/* The directory of the glcr executable; libglcr sits there in a build tree and in
 * ../lib/<multiarch> or ../lib when installed. */
bool glcr_find_library(const char *name, char *out, size_t len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = 0;
    *strrchr(exe, '/') = 0;
    const char *env = getenv("GLCR_LIBDIR");
    const char *candidates[] = {env, exe, GLCR_INSTALLED_LIBDIR};
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        if (!candidates[i] || !*candidates[i])
            continue;
        snprintf(out, len, "%s/%s", candidates[i], name);
        if (access(out, R_OK) == 0)
            return true;
    }
    return false;
}

bool glcr_shim_dir(char *out, size_t len)
{
    if (glcr_find_library("glcr/libGL.so.1", out, len) || glcr_find_library("libGL.so.1", out, len)) {
        *strrchr(out, '/') = 0;
        return true;
    }
    return false;
}

bool glcr_preload_value(char *out, size_t len)
{
    char lib[PATH_MAX], shims[PATH_MAX];
    if (!glcr_find_library("libglcr.so", lib, sizeof lib) || !glcr_shim_dir(shims, sizeof shims))
        return false;
    static const char *const stand_ins[] = {"libGL.so.1", "libGLX.so.0", "libOpenGL.so.0", "libEGL.so.1",
                                            "libGLESv2.so.2", "libGLESv1_CM.so.1"};
    size_t used = (size_t)snprintf(out, len, "%s", lib);
    for (size_t i = 0; i < sizeof stand_ins / sizeof *stand_ins && used < len; i++)
        used += (size_t)snprintf(out + used, len - used, " %s/%s", shims, stand_ins[i]);
    return used < len;
}

static volatile sig_atomic_t forwarded_signal;

static void remember_signal(int sig)
{
    forwarded_signal = sig;
}

/* Copies what was appended to the file since the last call to `out_fd`. The file is opened
 * on first use: the app creates it, maybe after we start following. */
static void pump_file(const char *path, int *fd, int out_fd)
{
    char buf[65536];
    ssize_t n;
    if (*fd < 0)
        *fd = open(path, O_RDONLY | O_CLOEXEC);
    while (*fd >= 0 && (n = read(*fd, buf, sizeof buf)) > 0)
        if (write(out_fd, buf, (size_t)n) < 0)
            return;
}

/* The app's exit status as the shell sees it, from the session's exit_status file. */
static bool recorded_exit(const struct glcr_session *s, int *code)
{
    char path[PATH_MAX], text[64];
    int v;
    glcr_session_path(s, "exit_status", path, sizeof path);
    if (!glcr_read_file(path, text, sizeof text))
        return false;
    if (sscanf(text, "exited %d", &v) == 1)
        *code = v;
    else if (sscanf(text, "killed %d", &v) == 1) {
        *code = 128 + v;
        /* The shell would say it; glcr stands between them. */
        if (glcr_crash_signal(v))
            fprintf(stderr, "glcr: the app of session '%s' was killed by signal %d (%s)\n", s->name, v,
                    strsignal(v));
    } else if (strncmp(text, "xserver-ended", 13) == 0) {
        *code = 1;
        fprintf(stderr, "glcr: the virtual X server of session '%s' ended, so glcr ended the app (see "
                "%s/session.log and xserver.log)\n", s->name, s->dir);
    } else
        return false;
    return true;
}

int glcr_follow_session(struct glcr_session *s, pid_t root)
{
    char out_path[PATH_MAX], err_path[PATH_MAX], sup_path[PATH_MAX];
    glcr_session_path(s, "app.out", out_path, sizeof out_path);
    glcr_session_path(s, "app.err", err_path, sizeof err_path);
    glcr_session_path(s, "supervisor.log", sup_path, sizeof sup_path);
    int out = -1, err = -1;
    /* The supervisor's news (snapshots taken, restores after a crash) goes to stderr; what it
     * logged before we started following is old. */
    int sup = open(sup_path, O_RDONLY | O_CLOEXEC | O_CREAT, 0600);
    if (sup >= 0)
        lseek(sup, 0, SEEK_END);
    /* A tree the supervisor restores after a crash is re-parented to us. */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    struct sigaction sa = {.sa_handler = remember_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    unsigned long long root_start = glcr_process_start_time(root);
    int status = 0;
    bool have_status = false;
    for (;;) {
        pump_file(out_path, &out, STDOUT_FILENO);
        pump_file(err_path, &err, STDERR_FILENO);
        pump_file(sup_path, &sup, STDERR_FILENO);
        if (forwarded_signal) {
            struct glcr_session now;
            char msg[512];
            /* First the supervisor, or it would restore the app we are ending. */
            if (glcr_session_load(s->name, &now, msg, sizeof msg))
                glcr_supervisor_stop(&now);
            kill(root, SIGTERM); /* the session's init ends the app */
            forwarded_signal = 0;
        }
        int st;
        for (pid_t r; (r = waitpid(-1, &st, WNOHANG)) > 0;)
            if (r == root) {
                status = st;
                have_status = true;
            }
        if (glcr_process_start_time(root) == root_start && root_start != 0) {
            usleep(20000);
            continue;
        }
        struct glcr_session now;
        char msg[512];
        if (!glcr_session_load(s->name, &now, msg, sizeof msg))
            break;
        if (now.root_pid != root && glcr_session_alive(&now)) {
            root = now.root_pid; /* restored after a crash */
            root_start = now.root_start;
            have_status = false;
            continue;
        }
        if (!glcr_supervisor_alive(&now))
            break;
        usleep(20000);
    }
    pump_file(out_path, &out, STDOUT_FILENO);
    pump_file(err_path, &err, STDERR_FILENO);
    pump_file(sup_path, &sup, STDERR_FILENO);
    struct glcr_session now;
    char msg[512];
    if (glcr_session_load(s->name, &now, msg, sizeof msg) && strcmp(now.state, "checkpointed") == 0) {
        fprintf(stderr, "glcr: session '%s' was checkpointed and stopped; glcr restore %s brings it back\n",
                s->name, s->name);
        return 0;
    }
    if (strcmp(now.state, "running") == 0 && now.root_pid == root) {
        snprintf(now.state, sizeof now.state, "exited");
        now.root_pid = 0;
        glcr_session_save(&now, msg, sizeof msg);
    }
    int code;
    if (recorded_exit(&now, &code))
        return code;
    if (have_status && WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    fprintf(stderr, "glcr: session '%s' ended without the app's exit status (see %s/session.log)\n", s->name,
            s->dir);
    if (!have_status)
        return 1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glcr [--dir DIR] COMMAND [ARGS]\n"
            "\n"
            "Checkpoint and restore OpenGL applications.\n"
            "\n"
            "  run [-d] [--name NAME] [--vnc] [--every 10m [--keep 5]] [--auto-restore] -- APP [ARG...]\n"
            "                                           start APP in a new session\n"
            "  checkpoint NAME [--kill]                 snapshot a running session\n"
            "  restore NAME[@ID] [--foreground]         bring a session back from a snapshot\n"
            "  status NAME [--json]                     state, pid, frames presented\n"
            "  ls [--json] [NAME]                       sessions and their snapshots\n"
            "  view NAME                                how to watch the session (VNC or a screenshot)\n"
            "  screenshot NAME OUT.png                  save the session's display as PNG\n"
            "  stop NAME                                end a session (snapshots are kept)\n"
            "  rm NAME[@ID]...                          remove a stopped session or one snapshot\n"
            "  doctor                                   check what glcr needs on this machine\n"
            "\n"
            "  --dir DIR      sessions live in DIR (default $GLCR_DIR, $XDG_DATA_HOME/glcr,\n"
            "                 ~/.local/share/glcr)\n"
            "  --version      print the version\n"
            "\n"
            "glcr COMMAND --help explains each command; man glcr has the details. Environment:\n"
            "GLCR_DIR (where sessions live), GLCR_LOG=debug|info|warn|error (log level of glcr inside\n"
            "the app), GLCR_CRIU (criu binary), GLCR_ENGINE (criu|dmtcp: run's default engine),\n"
            "GLCR_DMTCP_BIN (where DMTCP's programs are), GLCR_DRIVER_HALF (split|inproc),\n"
            "GLCR_EGL_PLATFORM (auto|device|surfaceless), GLCR_QUIESCE_TIMEOUT (seconds),\n"
            "GLCR_PARK_SIGNAL (signal number), GLCR_VERIFY (1|2), GLCR_NO_SHM, GLCR_RELOAD_EVERY\n"
            "(frames), GLCR_RELOAD_KEEP (1), GLCR_CRASH_WINDOW (seconds, default 30).\n");
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {
        {"run", glcr_cmd_run}, {"checkpoint", glcr_cmd_checkpoint}, {"restore", glcr_cmd_restore},
        {"status", glcr_cmd_status}, {"ls", glcr_cmd_ls}, {"stop", glcr_cmd_stop},
        {"screenshot", glcr_cmd_screenshot}, {"rm", glcr_cmd_rm}, {"view", glcr_cmd_view},
        {"doctor", glcr_cmd_doctor}, {"supervise", glcr_cmd_supervise},
        {"session-init", glcr_cmd_session_init},
    };
    /* Everything glcr writes (session info, logs, snapshots, PNGs) is its owner's only. */
    glcr_user_umask = umask(077);
    glcr_log_init();
    int i = 1;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            glcr_sessions_set_base(argv[i + 1]);
            i += 2;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("glcr %s\n", GLCR_VERSION);
            return 0;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "glcr: unknown option %s\n", argv[i]);
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[i], "help") == 0) {
        usage(stdout);
        return 0;
    }
    for (size_t c = 0; c < sizeof commands / sizeof *commands; c++)
        if (strcmp(argv[i], commands[c].name) == 0)
            return commands[c].fn(argc - i, argv + i);
    fprintf(stderr, "glcr: unknown command '%s' (see glcr --help)\n", argv[i]);
    return 2;
}
