/* glcr run: a session is a small process tree in its own PID, IPC and network namespaces,
 *
 *   init (pid 1, a forked glcr)  ─┬─ Xvfb           the virtual display
 *                                 └─ APP            libglcr preloaded
 *
 * so that the checkpointer can save and restore all of it, X server included. The init
 * process reaps, forwards SIGTERM to the app, records how the app ended and takes the X
 * server down with it. Every file the tree writes is opened O_APPEND (restorable).
 *
 * A session can have a supervisor (periodic snapshots, restore after a crash): a forked
 * glcr outside the tree, because whatever is inside the tree is frozen and saved by the
 * checkpointer it would have to drive. It lives as long as the session and restores it
 * after a crash, so it ends only when the session ends for good, or on glcr stop. */
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
#include <stdarg.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "engine/dmtcp_plugin.h"
#include "engine/engine.h"
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

/* Runs the X server of argv (NULL-terminated, room for the options added here). */
static void exec_x_server(const struct glcr_session *s, char **argv)
{
    const struct glcr_engine *engine = glcr_session_engine(s);
    char *options[] = {"-nolisten", "tcp", "-noreset", NULL};
    /* In the session's own network namespace the abstract socket is private to it: no
     * socket file or lock file in /tmp is needed (nor one left behind to clash). */
    char *private_options[] = {"-nolisten", "unix", "-nolock", NULL};
    char *lean_options[] = {"-extension", "GLX", "-s", "0", "-dpms", NULL};
    int n = 0;
    while (argv[n])
        n++;
    for (char **o = options; *o; o++)
        argv[n++] = *o;
    for (char **o = private_options; engine->uses_namespaces && *o; o++)
        argv[n++] = *o;
    for (char **o = lean_options; engine->x_server_lean && *o; o++)
        argv[n++] = *o;
    argv[n] = NULL;
    execvp(argv[0], argv);
}

/* Starts Xvfb (or Xvnc with --vnc) and returns its display number, -1 on failure. */
static int start_x_server(const struct glcr_session *s, pid_t *pid)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    char size[64], fd_arg[16], vnc_sock[PATH_MAX];
    snprintf(fd_arg, sizeof fd_arg, "%d", fds[1]);
    glcr_session_path(s, "vnc.sock", vnc_sock, sizeof vnc_sock);
    *pid = fork();
    if (*pid == 0) {
        unsetenv(GLCR_DMTCP_ROOT_PIDFILE_ENV); /* the init's only */
        int log = open_log(s, "xserver.log"), null_fd = open("/dev/null", O_RDWR);
        redirect(null_fd, log, log);
        close(fds[0]);
        if (s->vnc) {
            /* RFB on a unix socket of mode 0600 in the private session directory, no TCP
             * port: only the owner can connect, so no VNC password is needed. (CRIU 4.1
             * also cannot dump a TCP socket on current kernels: SO_PASSCRED is refused.) */
            snprintf(size, sizeof size, "%dx%d", s->width, s->height);
            char *argv[40] = {"Xvnc", "-displayfd", fd_arg, "-geometry", size, "-depth", "24",
                              "-rfbunixpath", vnc_sock, "-rfbunixmode", "0600", "-rfbport", "-1",
                              "-SecurityTypes", "None", NULL};
            exec_x_server(s, argv);
            dprintf(STDERR_FILENO, "cannot run Xvnc: %s (apt-get install tigervnc-standalone-server)\n",
                    strerror(errno));
            _exit(127);
        }
        snprintf(size, sizeof size, "%dx%dx24", s->width, s->height);
        char *argv[40] = {"Xvfb", "-displayfd", fd_arg, "-screen", "0", size, NULL};
        exec_x_server(s, argv);
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
    /* Opened before the fork: once `glcr run -d` reports the session ready, they exist. */
    int out = open_log(s, "app.out"), err = open_log(s, "app.err");
    pid_t pid = fork();
    if (pid != 0) {
        close(out);
        close(err);
        return pid;
    }
    umask(glcr_user_umask); /* the app's own files are the user's business */
    unsetenv(GLCR_DMTCP_ROOT_PIDFILE_ENV); /* the init's only */
    if (!glcr_session_engine(s)->x_shared_memory)
        setenv("GLCR_NO_SHM", "1", 1);
    int null_fd = open("/dev/null", O_RDWR);
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

/* How the app ended, for glcr run, status and the supervisor: "exited N", "killed SIG", or
 * "xserver-ended" when glcr ended it because the session's X server had ended. */
static void record_end(const struct glcr_session *s, const char *text)
{
    char path[PATH_MAX];
    glcr_session_path(s, "exit_status", path, sizeof path);
    glcr_write_file(path, text);
}

static void record_exit(const struct glcr_session *s, int status)
{
    char text[64];
    if (WIFEXITED(status))
        snprintf(text, sizeof text, "exited %d\n", WEXITSTATUS(status));
    else
        snprintf(text, sizeof text, "killed %d\n", WTERMSIG(status));
    record_end(s, text);
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

/* The session's init process: pid 1 of the new namespaces (or, under an engine without
 * namespaces, the root of the session's tree). */
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
    /* The X server listens only on its abstract socket, and that lives in a network
     * namespace of the session's own: a restored server binds it again whatever other X
     * servers on the machine use the same display number meanwhile (no socket file, no lock
     * file: -nolisten unix -nolock). The session has no network beyond that, which costs
     * nothing a checkpoint could keep: CRIU cannot dump TCP connections on current kernels.
     * (An engine without namespaces keeps the host's network: DMTCP's coordinator is
     * reached over TCP.) */
    if (glcr_session_engine(s)->uses_namespaces && unshare(CLONE_NEWNET) < 0) {
        dprintf(ready_fd, "error cannot create the session's network namespace: %s\n", strerror(errno));
        _exit(1);
    }
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
            record_end(s, "xserver-ended\n");
            _exit(1);
        }
    }
}

static void usage_run(FILE *out)
{
    fprintf(out,
            "usage: glcr run [-d] [--name NAME] [--size WxH] [--vnc] [--every DURATION [--keep N]]\n"
            "                [--auto-restore] [--engine criu|dmtcp] [--] APP [ARG...]\n"
            "\n"
            "Starts APP under glcr in a new session: a virtual X display (Xvfb) and the app, in\n"
            "their own PID, IPC and network namespaces (no network inside: the display is\n"
            "private to the session), with glcr's GL layer loaded into the app.\n"
            "\n"
            "  --engine ENGINE    the checkpointer of this session: criu (default) or dmtcp (DMTCP\n"
            "                     5.x in PATH; the session runs under a DMTCP coordinator of its\n"
            "                     own instead of namespaces; a snapshot that lets the app go on\n"
            "                     keeps its GL driver loaded)\n"
            "  -d, --detach       return once the app runs; follow it with glcr status/ls\n"
            "  --name NAME        session name (default: the app's name, made unique)\n"
            "  --size WxH         virtual screen size (default 1280x1024)\n"
            "  --vnc              use Xvnc instead of Xvfb, so a VNC viewer can watch and use the\n"
            "                     session: it serves a unix socket only its owner can open\n"
            "                     (glcr view NAME says how to connect)\n"
            "  --every DURATION   take a snapshot every DURATION (e.g. 90s, 10m, 1h; plain\n"
            "                     numbers are seconds) while the app runs\n"
            "  --keep N           with --every: keep the newest N snapshots, remove older ones,\n"
            "                     manual ones included (default 5; 0 keeps all)\n"
            "  --auto-restore     when the app crashes (killed by a signal other than TERM, INT,\n"
            "                     HUP), restore its newest snapshot; a crash loop (a restored app\n"
            "                     crashing again within 30 s, twice) stops with a message\n"
            "  -h, --help         this text\n"
            "\n"
            "Without -d, glcr stays in the foreground: the app's output is shown and glcr exits\n"
            "with the app's exit status. Ctrl-C ends the app. With --every or --auto-restore a\n"
            "supervisor process runs beside the session (its log: supervisor.log in the session\n"
            "directory); glcr stop ends it. Needs root (namespaces, CRIU); GLCR_ENGINE sets the default\n"
            "engine.\n");
}

/* "10m" -> 600; plain numbers are seconds. -1 when not a duration. */
static int parse_duration(const char *text)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || v <= 0)
        return -1;
    long unit = 1;
    if (*end == 's')
        end++;
    else if (*end == 'm')
        unit = 60, end++;
    else if (*end == 'h')
        unit = 3600, end++;
    if (*end || v > 7 * 24 * 3600 / unit)
        return -1;
    return (int)(v * unit);
}

static void format_duration(int secs, char *out, size_t len)
{
    if (secs % 3600 == 0)
        snprintf(out, len, "%dh", secs / 3600);
    else if (secs % 60 == 0)
        snprintf(out, len, "%dm", secs / 60);
    else
        snprintf(out, len, "%ds", secs);
}

/* ---- supervisor ---------------------------------------------------------------------- */

bool glcr_supervisor_start(struct glcr_session *s, char *err, size_t err_len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(err, err_len, "cannot find the glcr executable: %s", strerror(errno));
        return false;
    }
    exe[n] = 0;
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(err, err_len, "fork: %s", strerror(errno));
        return false;
    }
    if (pid == 0) {
        /* Its own session: a Ctrl-C meant for the app must not end it halfway through a
         * snapshot; whoever ends the session ends the supervisor first (glcr stop). */
        setsid();
        int log = open_log(s, "supervisor.log"), null_fd = open("/dev/null", O_RDWR);
        redirect(null_fd, log, log);
        closefrom(3);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execl(exe, "glcr", "--dir", glcr_sessions_base(), "supervise", s->name, (char *)NULL);
        dprintf(STDERR_FILENO, "glcr: cannot run %s: %s\n", exe, strerror(errno));
        _exit(127);
    }
    s->supervisor_pid = pid;
    s->supervisor_start = glcr_process_start_time(pid);
    return glcr_session_save(s, err, err_len);
}

bool glcr_supervisor_stop(const struct glcr_session *s)
{
    if (!glcr_supervisor_alive(s))
        return true;
    kill(s->supervisor_pid, SIGTERM);
    /* It finishes a dump in progress first (criu is never cut off halfway). */
    if (glcr_wait_pid_gone(s->supervisor_pid, 60000))
        return true;
    kill(s->supervisor_pid, SIGKILL);
    return glcr_wait_pid_gone(s->supervisor_pid, 5000);
}

static void supervisor_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void supervisor_log(const char *fmt, ...)
{
    char stamp[32];
    time_t now = time(NULL);
    strftime(stamp, sizeof stamp, "%H:%M:%S", localtime(&now));
    printf("[%s] glcr: ", stamp);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

static int crash_window_s(void)
{
    const char *env = getenv("GLCR_CRASH_WINDOW");
    int v = env ? atoi(env) : 0;
    return v > 0 ? v : 30;
}

static void set_state(struct glcr_session *s, const char *state)
{
    char err[512];
    snprintf(s->state, sizeof s->state, "%s", state);
    glcr_session_save(s, err, sizeof err);
}

/* The session ended: decides, under the session lock, whether it crashed. Returns the
 * crash signal, 0 when it ended for good (after logging why), -1 when interrupted. */
static int ended_how(struct glcr_session *s)
{
    char err[512];
    int lock = glcr_session_lock(s, true, err, sizeof err);
    if (lock < 0)
        return glcr_interrupted ? -1 : 0;
    /* A checkpoint --kill or a restore that held the lock has updated the info by now. */
    struct glcr_session now;
    bool loaded = glcr_session_load(s->name, &now, err, sizeof err);
    close(lock);
    if (!loaded) {
        supervisor_log("session '%s' is gone (%s); supervisor ends", s->name, err);
        return 0;
    }
    now.supervisor_pid = s->supervisor_pid;
    now.supervisor_start = s->supervisor_start;
    *s = now;
    if (glcr_session_alive(s))
        return -2;
    char path[PATH_MAX], status[64] = "";
    glcr_session_path(s, "exit_status", path, sizeof path);
    int sig = 0, code = 0;
    if (!glcr_read_file(path, status, sizeof status) || (sscanf(status, "killed %d", &sig) != 1 &&
                                                          sscanf(status, "exited %d", &code) != 1)) {
        supervisor_log("session ended (%s) without an exit status of the app; supervisor ends",
                       strcmp(s->state, "checkpointed") == 0 ? "checkpointed with --kill" : "killed as a whole");
        return 0;
    }
    if (sig == 0) {
        supervisor_log("app exited with status %d; session ended", code);
        return 0;
    }
    if (!glcr_crash_signal(sig)) {
        supervisor_log("app ended by signal %d (%s); session ended", sig, strsignal(sig));
        return 0;
    }
    if (!s->auto_restore) {
        supervisor_log("app crashed (signal %d, %s); session ended (no --auto-restore)", sig, strsignal(sig));
        set_state(s, "crashed");
        return 0;
    }
    return sig;
}

int glcr_cmd_supervise(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: glcr supervise NAME (started by glcr run and glcr restore)\n");
        return 2;
    }
    struct glcr_session s;
    char err[2048], id[64], summary[1024], every[64] = "no periodic snapshots";
    if (!glcr_session_load(argv[1], &s, err, sizeof err))
        return glcr_fail("supervisor: %s", err);
    s.supervisor_pid = getpid();
    s.supervisor_start = glcr_process_start_time(getpid());
    glcr_catch_interrupts();
    if (s.every_s > 0) {
        char d[32];
        format_duration(s.every_s, d, sizeof d);
        snprintf(every, sizeof every, "snapshots every %s, keep %d", d, s.keep);
    }
    supervisor_log("supervising '%s' (pid %d): %s, auto-restore %s", s.name, (int)s.root_pid, every,
                   s.auto_restore ? "on" : "off");
    const double window_ms = crash_window_s() * 1000.0;
    double next = s.every_s > 0 ? glcr_now_ms() + s.every_s * 1000.0 : -1, restored_at = -1;
    int quick_crashes = 0;
    for (;;) {
        if (glcr_interrupted) {
            supervisor_log("supervisor ends (signal %d)", glcr_interrupted);
            return 0;
        }
        struct glcr_session now;
        if (!glcr_session_load(s.name, &now, err, sizeof err)) {
            supervisor_log("session '%s' is gone (%s); supervisor ends", s.name, err);
            return 0;
        }
        now.supervisor_pid = s.supervisor_pid;
        now.supervisor_start = s.supervisor_start;
        s = now;
        if (glcr_session_alive(&s)) {
            if (next >= 0 && glcr_now_ms() >= next) {
                bool interrupted;
                if (glcr_checkpoint_session(&s, false, 0, id, sizeof id, summary, sizeof summary,
                                            &interrupted, err, sizeof err)) {
                    supervisor_log("%s", summary);
                    int pruned = glcr_prune_snapshots(&s, s.keep);
                    if (pruned)
                        supervisor_log("removed %d old snapshot%s (--keep %d)", pruned, pruned == 1 ? "" : "s",
                                       s.keep);
                } else {
                    supervisor_log("periodic snapshot not taken: %s", err);
                }
                next = glcr_now_ms() + s.every_s * 1000.0;
            }
            /* A crashed session is restored sooner the sooner its end is seen. */
            usleep(s.auto_restore ? 20000 : 100000);
            continue;
        }
        int sig = ended_how(&s);
        if (sig < 0)
            continue; /* restored meanwhile by someone else, or interrupted */
        if (sig <= 0)
            return 0;
        double t = glcr_now_ms();
        quick_crashes = restored_at >= 0 && t - restored_at < window_ms ? quick_crashes + 1 : 0;
        if (quick_crashes >= 2) {
            supervisor_log("crash loop: the app crashed again within %d s of being restored, %d times in "
                           "a row (last: signal %d, %s); not restoring again. Its snapshots are kept: "
                           "glcr restore %s@ID tries one by hand", crash_window_s(), quick_crashes, sig,
                           strsignal(sig), s.name);
            set_state(&s, "crash-loop");
            return 1;
        }
        if (!glcr_snapshot_latest(&s, id, sizeof id)) {
            supervisor_log("app crashed (signal %d, %s) and there is no snapshot to restore; session ended",
                           sig, strsignal(sig));
            set_state(&s, "crashed");
            return 1;
        }
        if (!glcr_restore_session(&s, id, summary, sizeof summary, err, sizeof err)) {
            supervisor_log("app crashed (signal %d, %s); restoring snapshot %s failed: %s", sig,
                           strsignal(sig), id, err);
            set_state(&s, "crashed");
            return 1;
        }
        supervisor_log("restored from snapshot %s after crash (signal %d)", id, sig);
        supervisor_log("%s", summary);
        restored_at = glcr_now_ms();
        if (s.every_s > 0)
            next = restored_at + s.every_s * 1000.0;
    }
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

/* The session's init as pid 1 of new PID and IPC namespaces (CRIU); everything else glcr
 * starts (the supervisor, criu) stays in ours. Its pid, or -1 with err set; *ready_fd reads
 * its "ready DISPLAY" line. */
static pid_t launch_in_namespaces(struct glcr_session *s, char **app_argv, int *ready_fd, char *err,
                                  size_t err_len)
{
    int host_pid_ns = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
    int host_ipc_ns = open("/proc/self/ns/ipc", O_RDONLY | O_CLOEXEC);
    if (host_pid_ns < 0 || host_ipc_ns < 0) {
        snprintf(err, err_len, "cannot open /proc/self/ns: %s", strerror(errno));
        return -1;
    }
    if (unshare(CLONE_NEWPID | CLONE_NEWIPC) < 0) {
        snprintf(err, err_len, "cannot create PID/IPC namespaces for the session: %s (glcr needs root)",
                 strerror(errno));
        return -1;
    }
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) < 0) {
        snprintf(err, err_len, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t root = fork();
    if (root < 0) {
        snprintf(err, err_len, "fork: %s", strerror(errno));
        return -1;
    }
    if (root == 0) {
        /* An open namespace fd is something the checkpointer cannot restore. */
        close(host_pid_ns);
        close(host_ipc_ns);
        close(ready[0]);
        session_init(s, app_argv, ready[1]);
    }
    close(ready[1]);
    if (setns(host_pid_ns, CLONE_NEWPID) < 0 || setns(host_ipc_ns, CLONE_NEWIPC) < 0) {
        kill(root, SIGKILL);
        waitpid(root, NULL, 0);
        snprintf(err, err_len, "cannot return to glcr's own namespaces: %s", strerror(errno));
        return -1;
    }
    close(host_pid_ns);
    close(host_ipc_ns);
    *ready_fd = ready[0];
    return root;
}

/* The session's init started by the engine's launcher (DMTCP: dmtcp_launch ... glcr
 * session-init), after whatever the engine runs beside the session. */
static pid_t launch_under_engine(struct glcr_session *s, const struct glcr_engine *engine, char **app_argv,
                                 int *ready_fd, char *err, size_t err_len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        snprintf(err, err_len, "cannot find the glcr executable: %s", strerror(errno));
        return -1;
    }
    exe[n] = 0;
    if (engine->session_begin && !engine->session_begin(s, err, err_len))
        return -1;
    if (!glcr_session_save(s, err, err_len))
        return -1;
    int argc = 0;
    while (app_argv[argc])
        argc++;
    char **argv = calloc((size_t)argc + 48, sizeof *argv);
    if (!argv || !engine->launcher(s, argv, 32, err, err_len)) {
        if (!argv)
            snprintf(err, err_len, "out of memory");
        free(argv);
        if (engine->session_end)
            engine->session_end(s);
        return -1;
    }
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) < 0) {
        snprintf(err, err_len, "pipe: %s", strerror(errno));
        free(argv);
        return -1;
    }
    char fd_arg[16], umask_arg[16];
    snprintf(fd_arg, sizeof fd_arg, "%d", ready[1]);
    snprintf(umask_arg, sizeof umask_arg, "%03o", (unsigned)glcr_user_umask);
    int k = 0;
    while (argv[k])
        k++;
    char *tail[] = {exe, "--dir", (char *)glcr_sessions_base(), "session-init", s->name, fd_arg, umask_arg, "--"};
    for (size_t i = 0; i < sizeof tail / sizeof *tail; i++)
        argv[k++] = tail[i];
    for (int i = 0; i < argc; i++)
        argv[k++] = app_argv[i];
    argv[k] = NULL;
    pid_t root = fork();
    if (root < 0) {
        snprintf(err, err_len, "fork: %s", strerror(errno));
        free(argv);
        return -1;
    }
    if (root == 0) {
        /* Its own session from the start: a Ctrl-C meant for glcr must not reach the
         * launcher. What the launcher says goes to the session log. */
        setsid();
        close(ready[0]);
        fcntl(ready[1], F_SETFD, 0);
        int log = open_log(s, "session.log"), null_fd = open("/dev/null", O_RDWR);
        redirect(null_fd, log, log);
        if (engine->prepare_init)
            engine->prepare_init(s);
        execvp(argv[0], argv);
        dprintf(ready[1], "error cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    free(argv);
    close(ready[1]);
    *ready_fd = ready[0];
    return root;
}

/* glcr session-init NAME READY_FD UMASK -- APP...: the session's init, exec'ed by an engine's
 * launcher (glcr run starts it; not for people). */
int glcr_cmd_session_init(int argc, char **argv)
{
    if (argc < 6 || strcmp(argv[4], "--") != 0) {
        fprintf(stderr, "usage: glcr session-init NAME READY_FD UMASK -- APP [ARG...] (started by glcr run)\n");
        return 2;
    }
    struct glcr_session s;
    char err[512];
    int ready_fd = atoi(argv[2]);
    if (!glcr_session_load(argv[1], &s, err, sizeof err)) {
        dprintf(ready_fd, "error %s\n", err);
        return 1;
    }
    fcntl(ready_fd, F_SETFD, FD_CLOEXEC);
    glcr_user_umask = (mode_t)strtol(argv[3], NULL, 8);
    session_init(&s, &argv[5], ready_fd);
}

int glcr_cmd_run(int argc, char **argv)
{
    enum { OPT_EVERY = 1000, OPT_KEEP, OPT_AUTO, OPT_VNC, OPT_ENGINE };
    static const struct option opts[] = {
        {"detach", no_argument, 0, 'd'}, {"name", required_argument, 0, 'n'},
        {"size", required_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        {"every", required_argument, 0, OPT_EVERY}, {"keep", required_argument, 0, OPT_KEEP},
        {"auto-restore", no_argument, 0, OPT_AUTO}, {"vnc", no_argument, 0, OPT_VNC},
        {"engine", required_argument, 0, OPT_ENGINE}, {0, 0, 0, 0},
    };
    struct glcr_session s = {.width = 1280, .height = 1024, .keep = -1};
    bool detach = false, vnc = false;
    const char *name = NULL, *engine_name = getenv("GLCR_ENGINE");
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
        case OPT_EVERY:
            s.every_s = parse_duration(optarg);
            if (s.every_s <= 0)
                return glcr_fail("--every %s: expected a duration such as 30s, 10m or 1h (at most a week)",
                                 optarg);
            break;
        case OPT_KEEP: {
            char *end;
            long keep = strtol(optarg, &end, 10);
            if (*optarg == 0 || *end || keep < 0 || keep > 100000)
                return glcr_fail("--keep %s: expected a number of snapshots (0 keeps all)", optarg);
            s.keep = (int)keep;
            break;
        }
        case OPT_AUTO: s.auto_restore = true; break;
        case OPT_VNC: vnc = true; break;
        case OPT_ENGINE: engine_name = optarg; break;
        case 'h': usage_run(stdout); return 0;
        default: usage_run(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage_run(stderr);
        return 2;
    }
    if (s.keep >= 0 && s.every_s == 0)
        return glcr_fail("--keep applies to periodic snapshots: give --every too");
    if (s.keep < 0)
        s.keep = s.every_s > 0 ? 5 : 0;
    const struct glcr_engine *engine = glcr_engine_by_name(engine_name && *engine_name ? engine_name : "criu");
    if (!engine)
        return glcr_fail("--engine %s: unknown engine (criu or dmtcp)", engine_name);
    char why[512];
    if (!engine->available(why, sizeof why))
        return glcr_fail("--engine %s: %s", engine->name, why);
    snprintf(s.engine, sizeof s.engine, "%s", engine->name);
    char **app_argv = &argv[optind];
    char err[1024];
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
    s.vnc = vnc;
    if (!glcr_session_create(&s, err, sizeof err))
        return glcr_fail("%s", err);
    char vnc_sock[PATH_MAX];
    glcr_session_path(&s, "vnc.sock", vnc_sock, sizeof vnc_sock);
    if (vnc && strlen(vnc_sock) >= sizeof ((struct sockaddr_un *)0)->sun_path)
        return glcr_fail("--vnc: the socket path %s is too long for a unix socket; use a shorter --dir",
                         vnc_sock);
    join_argv(app_argv, s.app, sizeof s.app);
    s.created = (long long)time(NULL);
    snprintf(s.state, sizeof s.state, "starting");
    if (!glcr_session_save(&s, err, sizeof err))
        return glcr_fail("%s", err);

    double t0 = glcr_now_ms();
    int ready_fd = -1;
    pid_t root = engine->uses_namespaces ? launch_in_namespaces(&s, app_argv, &ready_fd, err, sizeof err)
                                         : launch_under_engine(&s, engine, app_argv, &ready_fd, err, sizeof err);
    if (root < 0) {
        snprintf(s.state, sizeof s.state, "failed");
        char ignored[512];
        glcr_session_save(&s, ignored, sizeof ignored);
        return glcr_fail("session '%s' did not start: %s", s.name, err);
    }
    char line[512] = "";
    FILE *f = fdopen(ready_fd, "r");
    if (!f || !fgets(line, sizeof line, f) || strncmp(line, "ready ", 6) != 0) {
        line[strcspn(line, "\n")] = 0;
        kill(root, SIGKILL);
        waitpid(root, NULL, 0);
        if (engine->session_end)
            engine->session_end(&s);
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
    char extras[PATH_MAX + 256] = "", every[32];
    if (s.every_s > 0 || s.auto_restore) {
        if (!glcr_supervisor_start(&s, err, sizeof err)) {
            kill(root, SIGTERM);
            return glcr_fail("session '%s': cannot start its supervisor: %s", s.name, err);
        }
        if (s.every_s > 0) {
            format_duration(s.every_s, every, sizeof every);
            size_t used = strlen(extras);
            snprintf(extras + used, sizeof extras - used, "; snapshots every %s, keep %d", every, s.keep);
        }
        if (s.auto_restore) {
            size_t used = strlen(extras);
            snprintf(extras + used, sizeof extras - used, "; auto-restore on");
        }
    }
    if (s.vnc) {
        size_t used = strlen(extras);
        snprintf(extras + used, sizeof extras - used, "; VNC on %s (glcr view %s)", vnc_sock, s.name);
    }
    if (detach) {
        printf("session '%s' running on display :%d (pid %d, started in %.0f ms)%s\n", s.name,
               s.display, (int)root, glcr_now_ms() - t0, extras);
        return 0;
    }
    if (extras[0])
        fprintf(stderr, "glcr: session '%s'%s\n", s.name, extras);
    return glcr_follow_session(&s, root);
}
