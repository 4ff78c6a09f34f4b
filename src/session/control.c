#include "session/control.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool write_all(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        buf += n;
        len -= (size_t)n;
    }
    return true;
}

bool glcr_control_request(const char *path, const char *request, char *reply, size_t reply_len,
                          int timeout_ms)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof addr.sun_path) {
        snprintf(reply, reply_len, "control socket path too long: %s", path);
        return false;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        snprintf(reply, reply_len, "cannot reach the app's control socket %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    char line[GLCR_CONTROL_MAX_LINE];
    snprintf(line, sizeof line, "%s\n", request);
    if (!write_all(fd, line, strlen(line))) {
        snprintf(reply, reply_len, "control socket %s: write failed: %s", path, strerror(errno));
        close(fd);
        return false;
    }
    size_t len = 0;
    long long deadline = now_ms() + timeout_ms;
    bool got_line = false;
    reply[0] = 0;
    /* Read the reply line, then wait for the agent to close its end: a checkpointer must
     * never find the agent holding a connection to a process outside the tree. */
    for (;;) {
        long long left = deadline - now_ms();
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int rc = left > 0 ? poll(&p, 1, (int)left) : 0;
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0) {
            if (!got_line)
                snprintf(reply, reply_len, "the app did not answer %s within %d s", request, timeout_ms / 1000);
            close(fd);
            return got_line;
        }
        char scratch[256];
        char *dst = got_line || len >= reply_len - 1 ? scratch : reply + len;
        size_t room = dst == scratch ? sizeof scratch : reply_len - 1 - len;
        ssize_t n = read(fd, dst, room);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; /* the agent closed the connection */
        if (dst != scratch) {
            len += (size_t)n;
            reply[len] = 0;
            char *nl = strchr(reply, '\n');
            if (nl) {
                *nl = 0;
                got_line = true;
            }
        }
    }
    close(fd);
    if (!got_line) {
        snprintf(reply, reply_len, "the app closed the control connection without answering %s", request);
        return false;
    }
    return true;
}
