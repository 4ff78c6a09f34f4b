/* The CRIU engine: runs the criu binary (4.x) on the session's process tree. The tree has
 * its own PID and IPC namespaces, so PIDs and the X server's shared memory come back as
 * they were; the X server is inside the tree, so the app's X connection is restored too.
 * Its network namespace holds nothing but the X server's abstract socket (sockets are part
 * of the processes' images): criu saves no network configuration for it (--empty-ns net,
 * which also needs no ip/iptables tools) and locks no network (there is none to lock). */
#include "engine/engine.h"

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

#include "glcr_config.h"
#include "session/session.h"

const char *glcr_criu_path(void)
{
    const char *env = getenv("GLCR_CRIU");
    if (env && *env)
        return env;
    if (GLCR_CRIU_DEFAULT[0] && access(GLCR_CRIU_DEFAULT, X_OK) == 0)
        return GLCR_CRIU_DEFAULT;
    return "criu";
}

static int run_criu(char *const argv[], const char *log_path)
{
    return glcr_engine_run_tool(argv, log_path, 0);
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

static bool criu_dump(struct glcr_session *s, const char *dir, bool leave_running, char *err, size_t err_len)
{
    char pid[32], log[4096];
    snprintf(pid, sizeof pid, "%d", (int)s->root_pid);
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

static bool criu_restore(struct glcr_session *s, const char *dir, pid_t *root, char *err, size_t err_len)
{
    (void)s;
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

static bool criu_image_complete(const char *dir, char *err, size_t len)
{
    static const char *const needed[] = {"inventory.img", "pstree.img"};
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

/* SIGKILL to the init ends the whole PID namespace. */
static void criu_kill_session(struct glcr_session *s)
{
    if (glcr_session_alive(s))
        kill(s->root_pid, SIGKILL);
}

const struct glcr_engine glcr_engine_criu = {
    .name = "criu",
    .uses_namespaces = true,
    .x_shared_memory = true,
    .x_server_lean = false,
    .keeps_driver = false,
    .resumes_in_app = false,
    .available = criu_available,
    .dump = criu_dump,
    .restore = criu_restore,
    .image_complete = criu_image_complete,
    /* criu runs its parasite code inside each process it dumps, and only criu holds the
     * registers that process needs to go on: if criu dies meanwhile, the process traps. */
    .killed_dump_note = "criu was killed while its parasite code ran inside one of the session's processes, "
                        "which cannot go on without criu and ended with SIGTRAP",
    .kill_session = criu_kill_session,
};
