/* The CRIU engine: runs the criu binary (4.x) on the session's process tree. The tree has
 * its own PID and IPC namespaces, so PIDs and the X server's shared memory come back as
 * they were; the X server is inside the tree, so the app's X connection is restored too.
 * Its network namespace holds nothing but the X server's abstract socket (sockets are part
 * of the processes' images): criu saves no network configuration for it (--empty-ns net,
 * which also needs no ip/iptables tools) and locks no network (there is none to lock). */
#include "engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glcr_config.h"

const char *glcr_criu_path(void)
{
    const char *env = getenv("GLCR_CRIU");
    if (env && *env)
        return env;
    if (GLCR_CRIU_DEFAULT[0] && access(GLCR_CRIU_DEFAULT, X_OK) == 0)
        return GLCR_CRIU_DEFAULT;
    return "criu";
}

static void (*progress_fn)(void *);
static void *progress_arg;

void glcr_engine_set_progress(void (*fn)(void *arg), void *arg)
{
    progress_fn = fn;
    progress_arg = arg;
}

/* Runs criu with argv, output to log_path; returns its exit status (-1: could not run).
 * criu gets a process group of its own: a Ctrl-C meant for glcr must not kill it halfway
 * through a dump (with its parasite still inside the app); glcr waits for it instead. */
static int run_criu(char *const argv[], const char *log_path)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setpgid(0, 0);
        int fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
        int devnull = open("/dev/null", O_RDWR);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        if (devnull >= 0)
            dup2(devnull, STDIN_FILENO);
        execvp(argv[0], argv);
        fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status, polls = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, progress_fn ? WNOHANG : 0);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (r == 0) {
            if (++polls % 10 == 0)
                progress_fn(progress_arg);
            usleep(10000);
        }
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The first "Error" line of a criu log: usually the cause, the rest are consequences. */
static void first_error(const char *log_path, char *out, size_t out_len)
{
    FILE *f = fopen(log_path, "r");
    char line[1024];
    out[0] = 0;
    while (f && fgets(line, sizeof line, f)) {
        /* criu cannot raise its own RLIMIT_NOFILE in some containers; it goes on regardless. */
        if ((strstr(line, "Error") || strstr(line, "cannot run")) && !strstr(line, "RLIMIT_NOFILE")) {
            line[strcspn(line, "\n")] = 0;
            snprintf(out, out_len, "%s", line);
            break;
        }
    }
    if (f)
        fclose(f);
}

static void fail(char *err, size_t err_len, const char *what, int rc, const char *log_path)
{
    char cause[512];
    first_error(log_path, cause, sizeof cause);
    if (rc == 127)
        snprintf(err, err_len, "criu not found (%s): run scripts/setup or set GLCR_CRIU", glcr_criu_path());
    else if (rc > 128)
        snprintf(err, err_len, "criu %s was killed (signal %d, %s)%s%s; log: %s", what, rc - 128,
                 strsignal(rc - 128), cause[0] ? ": " : "", cause, log_path);
    else
        snprintf(err, err_len, "criu %s failed (exit %d)%s%s; log: %s", what, rc, cause[0] ? ": " : "",
                 cause, log_path);
}

static bool criu_available(char *err, size_t err_len)
{
    char *argv[] = {(char *)glcr_criu_path(), "--version", NULL};
    int rc = run_criu(argv, "/dev/null");
    if (rc != 0) {
        snprintf(err, err_len, "criu is not usable (%s, exit %d): run scripts/setup or set GLCR_CRIU",
                 glcr_criu_path(), rc);
        return false;
    }
    if (geteuid() != 0) {
        snprintf(err, err_len, "criu needs root privileges to checkpoint and restore");
        return false;
    }
    return true;
}

static bool criu_dump(pid_t root, const char *dir, bool leave_running, char *err, size_t err_len)
{
    char pid[32], log[4096];
    snprintf(pid, sizeof pid, "%d", (int)root);
    snprintf(log, sizeof log, "%s/dump.log", dir);
    char *argv[24];
    int n = 0;
    argv[n++] = (char *)glcr_criu_path();
    argv[n++] = "dump";
    argv[n++] = "--tree";
    argv[n++] = pid;
    argv[n++] = "--images-dir";
    argv[n++] = (char *)dir;
    argv[n++] = "--log-file";
    argv[n++] = "criu.log";
    argv[n++] = "-v2";
    argv[n++] = "--empty-ns";
    argv[n++] = "net";
    argv[n++] = "--network-lock";
    argv[n++] = "skip";
    if (leave_running)
        argv[n++] = "--leave-running";
    argv[n] = NULL;
    char criu_log[4096];
    snprintf(criu_log, sizeof criu_log, "%s/criu.log", dir);
    int rc = run_criu(argv, log);
    if (rc != 0) {
        fail(err, err_len, "dump", rc, criu_log);
        return false;
    }
    return true;
}

static bool criu_restore(const char *dir, pid_t *root, char *err, size_t err_len)
{
    char pidfile[4096], log[4096], criu_log[4096], buf[32] = "";
    snprintf(pidfile, sizeof pidfile, "%s/restored.pid", dir);
    snprintf(log, sizeof log, "%s/restore.out", dir);
    snprintf(criu_log, sizeof criu_log, "%s/restore.log", dir);
    unlink(pidfile);
    char *argv[] = {(char *)glcr_criu_path(), "restore", "--images-dir", (char *)dir,
                    "--log-file", "restore.log", "-v2", "--restore-detached",
                    "--empty-ns", "net", "--network-lock", "skip", "--pidfile", pidfile, NULL};
    int rc = run_criu(argv, log);
    if (rc != 0) {
        fail(err, err_len, "restore", rc, criu_log);
        return false;
    }
    FILE *f = fopen(pidfile, "r");
    if (!f || !fgets(buf, sizeof buf, f) || atoi(buf) <= 0) {
        snprintf(err, err_len, "criu restore did not report the restored process (%s)", pidfile);
        if (f)
            fclose(f);
        return false;
    }
    fclose(f);
    *root = (pid_t)atoi(buf);
    return true;
}

const struct glcr_engine glcr_engine_criu = {
    .name = "criu",
    .available = criu_available,
    .dump = criu_dump,
    .restore = criu_restore,
};
