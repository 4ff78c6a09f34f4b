/* The agent: a thread inside the app that serves the control socket (see control.h). It is
 * started by the first GLX call of a process whose environment names a control socket. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "common/log.h"
#include "engine/inprocess.h"
#include "intercept/dispatch.h"
#include "lower/driver_half.h"
#include "session/control.h"
#include "state/checkpoint.h"
#include "winsys/drawable.h"

static pthread_once_t agent_once = PTHREAD_ONCE_INIT;
static int listen_fd = -1;
/* The session lock file, next to the control socket: whichever glcr command checkpoints or
 * restores the session holds it for as long as it does (session.c). */
static char lock_path[PATH_MAX];
/* The agent served a PREPARE and no RESUME yet; what it reported. */
static bool agent_prepared;
static struct glcr_prepare_report prepared_report;

/* After PREPARE the app waits for the RESUME of the glcr command that prepared it. When that
 * command is gone (killed: it cannot tell anyone), the kernel has released its lock; then the
 * app resumes by itself instead of waiting forever. */
static bool checkpointer_gone(void)
{
    int fd = open(lock_path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT;
    bool gone = flock(fd, LOCK_SH | LOCK_NB) == 0;
    close(fd); /* drops the shared lock too */
    return gone;
}

static int listen_on(const char *path)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        log_error("control socket path too long (%zu bytes): %s", strlen(path), path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    mode_t old = umask(077);
    int rc = bind(fd, (struct sockaddr *)&addr, sizeof addr);
    umask(old);
    if (rc < 0 || chmod(path, 0600) < 0 || listen(fd, 4) < 0) {
        log_warn("cannot serve the control socket %s: %s (is another GL process of this session "
                 "serving it?); this process cannot be checkpointed", path, strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

static bool peer_allowed(int fd)
{
    struct ucred cred;
    socklen_t len = sizeof cred;
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
        return false;
    return cred.uid == getuid() || cred.uid == 0;
}

static void reply(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reply(int fd, const char *fmt, ...)
{
    char line[GLCR_CONTROL_MAX_LINE];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    for (int off = 0; off < n;) {
        /* A client that went away must not raise SIGPIPE in the app. */
        ssize_t w = send(fd, line + off, (size_t)(n - off), MSG_NOSIGNAL);
        if (w <= 0)
            return;
        off += (int)w;
    }
}

static void json_escape(const char *in, char *out, size_t out_len)
{
    size_t o = 0;
    for (; *in && o + 7 < out_len; in++) {
        if (*in == '"' || *in == '\\')
            out[o++] = '\\';
        if ((unsigned char)*in < 0x20)
            continue;
        out[o++] = *in;
    }
    out[o] = 0;
}

/* PREPARE and RESUME come from the control socket (glcr checkpoint) or from an engine's
 * plugin inside the app (DMTCP); one at a time. */
static pthread_mutex_t event_lock = PTHREAD_MUTEX_INITIALIZER;
static struct glcr_resume_report last_resume;
static unsigned resumes; /* how many resumes succeeded: glcr waits for the next one */

/* from_command: a glcr command sent it over the control socket (and holds the session lock
 * until it sends RESUME); otherwise an engine's plugin inside the app did. */
static bool prepare_event(bool keep_driver, bool from_command, struct glcr_prepare_report *r, char *err,
                          size_t err_len)
{
    pthread_mutex_lock(&event_lock);
    bool ok;
    if (from_command && agent_prepared && strcmp(glcr_checkpoint_state(), "prepared") == 0) {
        /* Prepared for a glcr command that is gone: whoever holds the session now (it sent
         * this) takes the checkpoint over. */
        *r = prepared_report;
        ok = true;
    } else {
        ok = glcr_checkpoint_prepare(keep_driver, r, err, err_len);
    }
    if (ok && from_command) {
        agent_prepared = true;
        prepared_report = *r;
    }
    pthread_mutex_unlock(&event_lock);
    return ok;
}

/* False with the state still "running": nothing was paused (a stray RESUME), the app goes on
 * as it was. False with the state "failed": the app must not go on. */
static bool resume_event(bool restored, struct glcr_resume_report *r, char *err, size_t err_len)
{
    pthread_mutex_lock(&event_lock);
    if (strcmp(glcr_checkpoint_state(), "prepared") == 0)
        agent_prepared = false;
    bool ok = glcr_checkpoint_resume(restored, r, err, err_len);
    if (ok) {
        last_resume = *r;
        resumes++;
    }
    pthread_mutex_unlock(&event_lock);
    if (!ok && strcmp(glcr_checkpoint_state(), "failed") == 0) {
        /* The app must not go on rendering from a state glcr could not rebuild. */
        log_error("resume failed: %s; ending the app rather than letting it render wrong state", err);
    }
    return ok;
}

GLCR_EXPORT int glcr_engine_prepare(char *err, size_t err_len)
{
    if (strcmp(glcr_checkpoint_state(), "prepared") == 0)
        return 1; /* glcr checkpoint did it over the control socket */
    struct glcr_prepare_report r;
    if (!prepare_event(true, false, &r, err, err_len))
        return 0;
    log_debug("prepared for the engine's plugin: %zu bytes of GL state, driver %s", r.gl_bytes,
              r.driver_kept ? "kept out of the image" : "dropped");
    return 1;
}

GLCR_EXPORT int glcr_engine_resume(int restored, char *err, size_t err_len)
{
    if (strcmp(glcr_checkpoint_state(), "prepared") != 0) {
        if (!restored)
            return 1; /* nothing was prepared: nothing to resume */
        snprintf(err, err_len, "this process image was taken while glcr had not prepared the GL "
                 "state (state: %s): the driver it used did not come back and there is nothing "
                 "to rebuild it from", glcr_checkpoint_state());
        return 0;
    }
    struct glcr_resume_report r;
    return resume_event(restored != 0, &r, err, err_len) ? 1 : 0;
}

GLCR_EXPORT int glcr_engine_image_part(uint64_t start, uint64_t end, uint64_t *keep_start, uint64_t *keep_end)
{
    return glcr_lower_image_part(start, end, keep_start, keep_end) ? 1 : 0;
}

/* The definitions above must have the types the plugin calls them through. */
static const glcr_engine_prepare_fn prepare_type __attribute__((unused)) = glcr_engine_prepare;
static const glcr_engine_resume_fn resume_type __attribute__((unused)) = glcr_engine_resume;
static const glcr_engine_image_part_fn image_part_type __attribute__((unused)) = glcr_engine_image_part;

static void handle(int fd, char *line)
{
    char err[512] = "";
    if (strcmp(line, "STATUS") == 0) {
        const char *taint = glcr_tainted_by();
        char esc[512] = "";
        if (taint)
            json_escape(taint, esc, sizeof esc);
        pthread_mutex_lock(&event_lock);
        struct glcr_resume_report r = last_resume;
        unsigned n = resumes;
        pthread_mutex_unlock(&event_lock);
        reply(fd, "OK {\"pid\":%d,\"state\":\"%s\",\"frames\":%llu,\"driver\":\"%s\",\"resumes\":%u,"
                  "\"last_gate_ms\":%.3f,\"last_boot_ms\":%.3f,\"last_replay_ms\":%.3f,"
                  "\"last_driver_kept\":%s,\"restorable\":%s%s%s%s,"
                  "\"record_bytes\":%zu,\"last_pause_ms\":%.3f,\"resume_to_frame_ms\":%.3f}",
              (int)getpid(), glcr_checkpoint_state(), (unsigned long long)glcr_frames_presented(),
              glcr_lower_name(), n, r.paused_ms, r.boot_ms, r.replay_ms, r.driver_kept ? "true" : "false",
              taint ? "false" : "true", taint ? ",\"not_restorable_because\":\"" : "", esc,
              taint ? "\"" : "", glcr_record_bytes(), glcr_checkpoint_last_pause_ms(),
              glcr_checkpoint_resume_to_frame_ms());
    } else if (strcmp(line, "PREPARE") == 0 || strcmp(line, "PREPARE keep_driver=1") == 0) {
        struct glcr_prepare_report r;
        if (prepare_event(strchr(line, ' ') != NULL, true, &r, err, sizeof err))
            reply(fd, "OK {\"quiesce_ms\":%.3f,\"snapshot_ms\":%.3f,\"teardown_ms\":%.3f,"
                      "\"gl_bytes\":%zu,\"contexts\":%u,\"frames\":%llu,\"driver_kept\":%s,\"idle_ms\":%lld}",
                  r.quiesce_ms, r.snapshot_ms, r.teardown_ms, r.gl_bytes, r.contexts,
                  (unsigned long long)glcr_frames_presented(), r.driver_kept ? "true" : "false",
                  glcr_checkpoint_idle_ms());
        else
            reply(fd, "ERR %s", err);
    } else if (strncmp(line, "RESUME restored=", 16) == 0) {
        struct glcr_resume_report r;
        bool restored = line[16] == '1';
        if (resume_event(restored, &r, err, sizeof err)) {
            reply(fd, "OK {\"boot_ms\":%.3f,\"replay_ms\":%.3f,\"paused_ms\":%.3f}", r.boot_ms, r.replay_ms,
                  r.paused_ms);
        } else if (strcmp(glcr_checkpoint_state(), "failed") != 0) {
            /* Nothing was paused (a stray RESUME): the app goes on as it was. */
            reply(fd, "ERR %s", err);
        } else {
            reply(fd, "ERR resume failed: %s", err);
            _exit(70);
        }
    } else {
        reply(fd, "ERR unknown request");
    }
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void serve_one(int fd)
{
    char line[GLCR_CONTROL_MAX_LINE];
    size_t len = 0;
    /* The request is read before a refusal so the client sees the answer, not a reset. */
    bool allowed = peer_allowed(fd);
    /* One request per connection, whole within the limit: a client that trickles bytes or
     * sends nothing cannot keep the agent from serving the next one. */
    long long deadline = now_ms() + GLCR_CONTROL_CLIENT_LIMIT_MS;
    while (len < sizeof line - 1) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        long long left = deadline - now_ms();
        if (left <= 0 || poll(&p, 1, (int)left) <= 0)
            return;
        ssize_t n = read(fd, line + len, sizeof line - 1 - len);
        if (n <= 0)
            return;
        len += (size_t)n;
        line[len] = 0;
        /* memchr: a NUL byte in the request must not hide its end. */
        char *nl = memchr(line, '\n', len);
        if (nl) {
            *nl = 0;
            if (memchr(line, 0, (size_t)(nl - line)))
                line[0] = '?'; /* no request has a NUL in it */
            if (allowed)
                handle(fd, line);
            else
                reply(fd, "ERR permission denied: the session belongs to another user");
            return;
        }
    }
    reply(fd, "ERR request too long");
}

/* The glcr command that prepared a checkpoint died before resuming the app. */
static void resume_abandoned(void)
{
    char err[512];
    struct glcr_resume_report r;
    log_warn("the glcr command that paused this app for a checkpoint is gone (killed?); resuming");
    if (!resume_event(false, &r, err, sizeof err) && strcmp(glcr_checkpoint_state(), "failed") == 0)
        _exit(70);
}

static void *agent_main(void *arg)
{
    (void)arg;
    long long next_check = 0;
    for (;;) {
        if (agent_prepared) {
            /* Checked on a clock, not only when idle: STATUS requests must not starve it. */
            if (now_ms() >= next_check) {
                next_check = now_ms() + 250;
                if (checkpointer_gone()) {
                    resume_abandoned();
                    continue;
                }
            }
            struct pollfd p = {.fd = listen_fd, .events = POLLIN};
            if (poll(&p, 1, 250) <= 0)
                continue;
        }
        int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            log_error("control socket: accept failed: %s; checkpoints are no longer possible",
                      strerror(errno));
            return NULL;
        }
        serve_one(fd);
        close(fd);
    }
}

static void agent_start_once(void)
{
    const char *path = getenv(GLCR_CONTROL_ENV);
    if (!path || !*path)
        return;
    listen_fd = listen_on(path);
    if (listen_fd < 0)
        return;
    const char *slash = strrchr(path, '/');
    snprintf(lock_path, sizeof lock_path, "%.*slock", slash ? (int)(slash - path + 1) : 0, path);
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    /* Signals belong to the app's threads. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    if (pthread_create(&t, &attr, agent_main, NULL) != 0) {
        log_error("cannot start the control agent thread; this process cannot be checkpointed");
        close(listen_fd);
        listen_fd = -1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    log_debug("control agent serving %s", path);
}

void glcr_checkpoint_agent_start(void)
{
    pthread_once(&agent_once, agent_start_once);
}
