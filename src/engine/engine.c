/* What the engines share: picking one, running their tools, reading their logs. */
#include "engine/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "session/session.h"

const struct glcr_engine *glcr_engine_by_name(const char *name)
{
    static const struct glcr_engine *const engines[] = {&glcr_engine_criu, &glcr_engine_dmtcp};
    for (size_t i = 0; i < sizeof engines / sizeof *engines; i++)
        if (strcmp(name, engines[i]->name) == 0)
            return engines[i];
    return NULL;
}

const struct glcr_engine *glcr_session_engine(const struct glcr_session *s)
{
    const struct glcr_engine *e = s->engine[0] ? glcr_engine_by_name(s->engine) : NULL;
    return e ? e : &glcr_engine_criu;
}

static int last_tool_signal;

int glcr_engine_tool_killed(void)
{
    return last_tool_signal;
}

static void (*progress_fn)(void *);
static void *progress_arg;

void glcr_engine_set_progress(void (*fn)(void *arg), void *arg)
{
    progress_fn = fn;
    progress_arg = arg;
}

int glcr_engine_run_tool(char *const argv[], const char *log_path, int timeout_ms)
{
    last_tool_signal = 0;
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
    double deadline = timeout_ms > 0 ? glcr_now_ms() + timeout_ms : 0;
    int status, polls = 0;
    for (;;) {
        bool poll_only = progress_fn || deadline > 0;
        pid_t r = waitpid(pid, &status, poll_only ? WNOHANG : 0);
        if (r == pid)
            break;
        if (r < 0 && errno != EINTR)
            return -1;
        if (r == 0) {
            if (deadline > 0 && glcr_now_ms() > deadline) {
                kill(pid, SIGKILL);
                waitpid(pid, NULL, 0);
                return -1;
            }
            if (progress_fn && ++polls % 10 == 0)
                progress_fn(progress_arg);
            usleep(10000);
        }
    }
    int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    /* 128 + N: killed by signal N, also as a wrapper script passes it on. */
    last_tool_signal = rc > 128 && rc < 128 + NSIG ? rc - 128 : 0;
    return rc;
}

void glcr_engine_first_line(const char *log_path, const char *const words[], char *out, size_t out_len)
{
    FILE *f = fopen(log_path, "re");
    char line[1024];
    out[0] = 0;
    while (f && !out[0] && fgets(line, sizeof line, f)) {
        for (size_t i = 0; words[i]; i++) {
            if (strstr(line, words[i])) {
                line[strcspn(line, "\n")] = 0;
                snprintf(out, out_len, "%s", line);
                break;
            }
        }
    }
    if (f)
        fclose(f);
}
