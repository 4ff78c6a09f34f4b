/* glcr run: a session is a small process tree in its own PID and IPC namespaces,
 *
 *   init (pid 1, a forked glcr)  ─┬─ Xvfb           the virtual display
 *                                 └─ APP            libglcr preloaded
 *
 * so that the checkpointer can save and restore all of it, X server included. The init
 * process reaps, forwards SIGTERM to the app, records how the app ended and takes the X
 * server down with it. Every file the tree writes is opened O_APPEND (restorable). */
#include "session/commands.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "session/session.h"

static volatile pid_t app_pid;

static int open_log(const struct glcr_session *s, const char *name)
{
    char path[PATH_MAX];
    glcr_session_path(s, name, path, sizeof path);
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
}

static void redirect(int null_fd, int out_fd, int err_fd)
{
    dup2(null_fd, STDIN_FILENO);
    dup2(out_fd, STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
}

/* Starts Xvfb and returns its display number, -1 on failure. */
static int start_x_server(const struct glcr_session *s, pid_t *pid)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    char size[64], fd_arg[16];
    snprintf(size, sizeof size, "%dx%dx24", s->width, s->height);
    snprintf(fd_arg, sizeof fd_arg, "%d", fds[1]);
    *pid = fork();
    if (*pid == 0) {
        int log = open_log(s, "xserver.log"), null_fd = open("/dev/null", O_RDWR);
        redirect(null_fd, log, log);
        close(fds[0]);
        execlp("Xvfb", "Xvfb", "-displayfd", fd_arg, "-screen", "0", size, "-nolisten", "tcp",
               "-noreset", (char *)NULL);
        dprintf(STDERR_FILENO, "cannot run Xvfb: %s (apt-get install xvfb)\n", strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    char buf[32] = "";
    size_t len = 0;
    struct pollfd p = {.fd = fds[0], .events = POLLIN};
    while (len < sizeof buf - 1 && poll(&p, 1, 15000) > 0) {
        ssize_t n = read(fds[0], buf + len, sizeof buf - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
        buf[len] = 0;
        if (strchr(buf, '\n'))
            break;
    }
    close(fds[0]);
    return strchr(buf, '\n') ? atoi(buf) : -1;
}

static void prepend_env(const char *name, const char *value, char sep)
{
    const char *old = getenv(name);
    char *joined = malloc(strlen(value) + (old ? strlen(old) : 0) + 2);
    if (!joined)
        return;
    if (old && *old)
        sprintf(joined, "%s%c%s", value, sep, old);
    else
        strcpy(joined, value);
    setenv(name, joined, 1);
    free(joined);
}

static pid_t start_app(const struct glcr_session *s, int display, char **argv)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    int out = open_log(s, "app.out"), err = open_log(s, "app.err"), null_fd = open("/dev/null", O_RDWR);
    redirect(null_fd, out, err);
    char value[PATH_MAX * 4];
    snprintf(value, sizeof value, ":%d", display);
    setenv("DISPLAY", value, 1);
    glcr_session_path(s, "control.sock", value, sizeof value);
    setenv("GLCR_CONTROL", value, 1);
    setenv("GLCR_SESSION", s->name, 1);
    if (!glcr_preload_value(value, sizeof value)) {
        dprintf(STDERR_FILENO, "glcr: cannot find libglcr.so next to the glcr command\n");
        _exit(127);
    }
    prepend_env("LD_PRELOAD", value, ' ');

    char shim_dir[PATH_MAX];
    if (glcr_shim_dir(shim_dir, sizeof shim_dir))
        prepend_env("LD_LIBRARY_PATH", shim_dir, ':');
    execvp(argv[0], argv);
    dprintf(STDERR_FILENO, "glcr: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

static void forward_signal(int sig)
{
    if (app_pid > 0)
        kill(app_pid, sig == SIGINT || sig == SIGHUP ? SIGTERM : sig);
}

static void record_exit(const struct glcr_session *s, int status)
{
    char path[PATH_MAX], text[64];
    glcr_session_path(s, "exit_status", path, sizeof path);
    if (WIFEXITED(status))
        snprintf(text, sizeof text, "exited %d\n", WEXITSTATUS(status));
    else
        snprintf(text, sizeof text, "killed %d\n", WTERMSIG(status));
    glcr_write_file(path, text);
}

static void stop_child(pid_t pid)
{
    kill(pid, SIGTERM);
    for (int i = 0; i < 100; i++) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return;
        usleep(20000);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* The session's init process: pid 1 of the new namespaces. */
static _Noreturn void session_init(struct glcr_session *s, char **argv, int ready_fd)
{
    setsid();
    int log = open_log(s, "session.log"), null_fd = open("/dev/null", O_RDWR);
    redirect(null_fd, log, log);
    glcr_log_set_tag("glcr-session");
    struct sigaction sa = {.sa_handler = forward_signal};
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* Mesa (in the app and in Xvfb's GLX) maps its shader cache index; a cache private to the
     * session stays exactly as a snapshot expects it, whatever else the user runs. */
    char cache[PATH_MAX];
    glcr_session_path(s, "mesa-cache", cache, sizeof cache);
    setenv("MESA_SHADER_CACHE_DIR", cache, 1);
    pid_t x_pid = -1;
    int display = start_x_server(s, &x_pid);
    if (display < 0) {
        dprintf(ready_fd, "error the virtual X server did not start (see %s/xserver.log)\n", s->dir);
        if (x_pid > 0)
            stop_child(x_pid);
        _exit(1);
    }
    app_pid = start_app(s, display, argv);
    dprintf(ready_fd, "ready %d\n", display);
    close(ready_fd);
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            _exit(1);
        }
        if (pid == app_pid) {
            record_exit(s, status);
            stop_child(x_pid);
            _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        }
        if (pid == x_pid) {
            log_error("the virtual X server ended (status 0x%x); ending the app", status);
            stop_child(app_pid);
            record_exit(s, status);
            _exit(1);
        }
    }
}

static void usage_run(FILE *out)
{
    fprintf(out,
            "usage: glcr run [-d] [--name NAME] [--size WxH] [--] APP [ARG...]\n"
            "\n"
            "Starts APP under glcr in a new session: a virtual X display (Xvfb) and the app, in\n"
            "their own PID and IPC namespaces, with glcr's GL layer loaded into the app.\n"
            "\n"
            "  -d, --detach     return once the app runs; follow it with glcr status/ls\n"
            "  --name NAME      session name (default: the app's name, made unique)\n"
            "  --size WxH       virtual screen size (default 1280x1024)\n"
            "  -h, --help       this text\n"
            "\n"
            "Without -d, glcr stays in the foreground: the app's output is shown and glcr exits\n"
            "with the app's exit status. Ctrl-C ends the app. Needs root (namespaces, CRIU).\n");
}

static void default_name(const char *app, struct glcr_session *s)
{
    const char *base = strrchr(app, '/') ? strrchr(app, '/') + 1 : app;
    char name[GLCR_NAME_MAX + 1], err[256];
    int n = 0;
    for (const char *p = base; *p && n < GLCR_NAME_MAX - 4; p++)
        if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *p))
            name[n++] = *p;
    name[n] = 0;
    if (!glcr_session_name_valid(name, err, sizeof err))
        strcpy(name, "app");
    struct glcr_session probe;
    snprintf(s->name, sizeof s->name, "%s", name);
    for (int i = 2; glcr_session_load(s->name, &probe, err, sizeof err); i++)
        snprintf(s->name, sizeof s->name, "%.*s-%d", GLCR_NAME_MAX - 4, name, i);
}

static void join_argv(char **argv, char *out, size_t len)
{
    out[0] = 0;
    for (size_t used = 0; *argv && used + 2 < len; argv++) {
        int n = snprintf(out + used, len - used, "%s%s", used ? " " : "", *argv);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    for (char *p = out; *p; p++)
        if (*p == '\n')
            *p = ' ';
}

int glcr_cmd_run(int argc, char **argv)
{
    static const struct option opts[] = {
        {"detach", no_argument, 0, 'd'}, {"name", required_argument, 0, 'n'},
        {"size", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    struct glcr_session s = {.width = 1280, .height = 1024};
    bool detach = false;
    const char *name = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+dh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': detach = true; break;
        case 'n': name = optarg; break;
        case 's':
            if (sscanf(optarg, "%dx%d", &s.width, &s.height) != 2 || s.width < 16 || s.height < 16 ||
                s.width > 16384 || s.height > 16384)
                return glcr_fail("--size %s: expected WIDTHxHEIGHT, e.g. 1920x1080", optarg);
            break;
        case 'h': usage_run(stdout); return 0;
        default: usage_run(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage_run(stderr);
        return 2;
    }
    char **app_argv = &argv[optind];
    char err[512];
    if (name) {
        if (!glcr_session_name_valid(name, err, sizeof err))
            return glcr_fail("%s", err);
        snprintf(s.name, sizeof s.name, "%s", name);
    } else {
        default_name(app_argv[0], &s);
    }
    char preload[PATH_MAX * 4];
    if (!glcr_preload_value(preload, sizeof preload))
        return glcr_fail("cannot find libglcr.so next to the glcr command (broken build or install)");
    if (!glcr_session_create(&s, err, sizeof err))
        return glcr_fail("%s", err);
    join_argv(app_argv, s.app, sizeof s.app);
    s.created = (long long)time(NULL);
    snprintf(s.state, sizeof s.state, "starting");
    if (!glcr_session_save(&s, err, sizeof err))
        return glcr_fail("%s", err);

    if (unshare(CLONE_NEWPID | CLONE_NEWIPC) < 0)
        return glcr_fail("cannot create PID/IPC namespaces for the session: %s (glcr needs root)",
                         strerror(errno));
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) < 0)
        return glcr_fail("pipe: %s", strerror(errno));
    double t0 = glcr_now_ms();
    pid_t root = fork();
    if (root < 0)
        return glcr_fail("fork: %s", strerror(errno));
    if (root == 0) {
        close(ready[0]);
        session_init(&s, app_argv, ready[1]);
    }
    close(ready[1]);
    char line[512] = "";
    FILE *f = fdopen(ready[0], "r");
    if (!f || !fgets(line, sizeof line, f) || strncmp(line, "ready ", 6) != 0) {
        line[strcspn(line, "\n")] = 0;
        kill(root, SIGKILL);
        waitpid(root, NULL, 0);
        snprintf(s.state, sizeof s.state, "failed");
        glcr_session_save(&s, err, sizeof err);
        return glcr_fail("session '%s' did not start: %s", s.name,
                         strncmp(line, "error ", 6) == 0 ? line + 6 : "its init process failed");
    }
    fclose(f);
    s.display = atoi(line + 6);
    s.root_pid = root;
    s.root_start = glcr_process_start_time(root);
    snprintf(s.state, sizeof s.state, "running");
    if (!glcr_session_save(&s, err, sizeof err))
        return glcr_fail("%s", err);
    if (detach) {
        printf("session '%s' running on display :%d (pid %d, started in %.0f ms)\n", s.name,
               s.display, (int)root, glcr_now_ms() - t0);
        return 0;
    }
    return glcr_follow_session(&s, root);
}
