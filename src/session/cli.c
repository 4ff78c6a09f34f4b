/* The glcr command. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/log.h"
#include "glcr_config.h"
#include "session/commands.h"
#include "session/session.h"

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
static bool find_library(const char *name, char *out, size_t len)
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
    if (find_library("glcr/libGL.so.1", out, len) || find_library("libGL.so.1", out, len)) {
        *strrchr(out, '/') = 0;
        return true;
    }
    return false;
}

bool glcr_preload_value(char *out, size_t len)
{
    char lib[PATH_MAX], shims[PATH_MAX];
    if (!find_library("libglcr.so", lib, sizeof lib) || !glcr_shim_dir(shims, sizeof shims))
        return false;
    snprintf(out, len, "%s %s/libGL.so.1 %s/libGLX.so.0 %s/libOpenGL.so.0", lib, shims, shims, shims);
    return true;
}

static volatile sig_atomic_t forwarded_signal;

static void remember_signal(int sig)
{
    forwarded_signal = sig;
}

/* Copies what was appended to `fd` since the last call to `out_fd`. */
static void pump(int fd, int out_fd)
{
    char buf[65536];
    ssize_t n;
    while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0)
        if (write(out_fd, buf, (size_t)n) < 0)
            return;
}

int glcr_follow_session(struct glcr_session *s, pid_t root)
{
    char out_path[PATH_MAX], err_path[PATH_MAX];
    glcr_session_path(s, "app.out", out_path, sizeof out_path);
    glcr_session_path(s, "app.err", err_path, sizeof err_path);
    int out = open(out_path, O_RDONLY | O_CLOEXEC), err = open(err_path, O_RDONLY | O_CLOEXEC);
    struct sigaction sa = {.sa_handler = remember_signal};
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    int status = 0;
    for (;;) {
        pump(out, STDOUT_FILENO);
        pump(err, STDERR_FILENO);
        if (forwarded_signal) {
            kill(root, SIGTERM); /* the session's init ends the app */
            forwarded_signal = 0;
        }
        pid_t r = waitpid(root, &status, WNOHANG);
        if (r == root || (r < 0 && errno == ECHILD))
            break;
        usleep(20000);
    }
    pump(out, STDOUT_FILENO);
    pump(err, STDERR_FILENO);
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
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: glcr COMMAND [ARGS]\n"
            "\n"
            "Checkpoint and restore OpenGL applications.\n"
            "\n"
            "  run [-d] [--name NAME] -- APP [ARG...]   start APP in a new session\n"
            "  checkpoint NAME [--kill]                 snapshot a running session\n"
            "  restore NAME[@ID]                        bring a session back from a snapshot\n"
            "  status NAME [--json]                     state, pid, frames presented\n"
            "  ls [--json]                              list sessions\n"
            "  screenshot NAME OUT.png                  save the session's display as PNG\n"
            "  stop NAME                                end a session (snapshots are kept)\n"
            "\n"
            "  --dir DIR      sessions live in DIR (default $GLCR_DIR, $XDG_DATA_HOME/glcr,\n"
            "                 ~/.local/share/glcr)\n"
            "  --version      print the version\n"
            "\n"
            "glcr COMMAND --help explains each command. Environment: GLCR_LOG=debug|info|warn|error\n"
            "(log level of glcr inside the app), GLCR_CRIU (criu binary), GLCR_LOWER (driver half:\n"
            "inproc), GLCR_EGL_PLATFORM (auto|device|surfaceless), GLCR_QUIESCE_TIMEOUT (seconds).\n");
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(int, char **);
    } commands[] = {
        {"run", glcr_cmd_run}, {"checkpoint", glcr_cmd_checkpoint}, {"restore", glcr_cmd_restore},
        {"status", glcr_cmd_status}, {"ls", glcr_cmd_ls}, {"stop", glcr_cmd_stop},
        {"screenshot", glcr_cmd_screenshot},
    };
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
