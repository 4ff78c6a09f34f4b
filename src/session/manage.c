/* glcr status / ls / stop / screenshot. */
#include "session/commands.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "session/control.h"
#include "session/session.h"

static bool want_json(int argc, char **argv, int *name_index, const char *usage)
{
    bool json = false;
    *name_index = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "glcr: unknown option %s\n%s", argv[i], usage);
            exit(2);
        } else {
            *name_index = i;
        }
    }
    return json;
}

static void exit_status(const struct glcr_session *s, char *out, size_t len)
{
    char path[PATH_MAX];
    glcr_session_path(s, "exit_status", path, sizeof path);
    out[0] = 0;
    if (glcr_read_file(path, out, len))
        out[strcspn(out, "\n")] = 0;
}

/* The live status line from the app's agent, or "" when it does not answer. */
static void agent_status(const struct glcr_session *s, char *json, size_t len)
{
    char sock[PATH_MAX], reply[GLCR_CONTROL_MAX_LINE];
    json[0] = 0;
    glcr_session_path(s, "control.sock", sock, sizeof sock);
    if (glcr_control_request(sock, "STATUS", reply, sizeof reply, 5000) && strncmp(reply, "OK ", 3) == 0)
        snprintf(json, len, "%s", reply + 3);
}

static int snapshot_count(const struct glcr_session *s)
{
    char **ids;
    int n = glcr_snapshot_list(s, &ids);
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return n;
}

static const char *state_of(const struct glcr_session *s)
{
    if (glcr_session_alive(s))
        return "running";
    if (strcmp(s->state, "running") == 0 || strcmp(s->state, "starting") == 0)
        return "ended";
    return s->state;
}

static const char status_usage[] =
    "usage: glcr status NAME [--json]\n\n"
    "Shows whether session NAME runs, its app, display and frames presented so far.\n";

int glcr_cmd_status(int argc, char **argv)
{
    int ni;
    bool json = want_json(argc, argv, &ni, status_usage);
    if (ni < 0) {
        fputs(status_usage, stderr);
        return 2;
    }
    struct glcr_session s;
    char err[512], live[GLCR_CONTROL_MAX_LINE] = "", ended[64];
    if (!glcr_session_load(argv[ni], &s, err, sizeof err))
        return glcr_fail("%s", err);
    bool alive = glcr_session_alive(&s);
    if (alive)
        agent_status(&s, live, sizeof live);
    exit_status(&s, ended, sizeof ended);
    if (json) {
        printf("{\"name\":\"%s\",\"state\":\"%s\",\"pid\":%d,\"display\":%d,\"snapshots\":%d,"
               "\"app_exit\":\"%s\",\"app\":%s}\n",
               s.name, state_of(&s), alive ? (int)s.root_pid : 0, s.display, snapshot_count(&s),
               alive ? "" : ended, live[0] ? live : "null");
        return 0;
    }
    printf("session   %s\nstate     %s\ncommand   %s\ndisplay   :%d\nsnapshots", s.name,
           state_of(&s), s.app, s.display);
    char **ids;
    int n = glcr_snapshot_list(&s, &ids);
    for (int i = 0; i < n; i++) {
        printf(" %s", ids[i]);
        free(ids[i]);
    }
    free(ids);
    printf("%s\n", n ? "" : " none");
    if (alive)
        printf("pid       %d\nagent     %s\n", (int)s.root_pid, live[0] ? live : "(no answer: the app has not used GLX yet)");
    else if (ended[0])
        printf("app       %s\n", ended);
    return 0;
}

static const char ls_usage[] =
    "usage: glcr ls [--json]\n\nLists sessions with their state and snapshots.\n";

int glcr_cmd_ls(int argc, char **argv)
{
    int ni;
    bool json = want_json(argc, argv, &ni, ls_usage);
    char **names;
    int n = glcr_session_list(&names);
    if (json)
        printf("[");
    else if (n)
        printf("%-20s %-12s %-8s %-9s %s\n", "NAME", "STATE", "DISPLAY", "SNAPSHOTS", "COMMAND");
    for (int i = 0; i < n; i++) {
        struct glcr_session s;
        char err[512];
        if (glcr_session_load(names[i], &s, err, sizeof err)) {
            if (json)
                printf("%s{\"name\":\"%s\",\"state\":\"%s\",\"display\":%d,\"snapshots\":%d}", i ? "," : "",
                       s.name, state_of(&s), s.display, snapshot_count(&s));
            else
                printf("%-20s %-12s :%-7d %-9d %s\n", s.name, state_of(&s), s.display,
                       snapshot_count(&s), s.app);
        }
        free(names[i]);
    }
    free(names);
    if (json)
        printf("]\n");
    else if (!n)
        printf("no sessions (in %s)\n", glcr_sessions_base());
    return 0;
}

static const char stop_usage[] =
    "usage: glcr stop NAME\n\nEnds session NAME: the app gets SIGTERM (SIGKILL after 5 s), then its\n"
    "virtual display ends. Snapshots are kept.\n";

int glcr_cmd_stop(int argc, char **argv)
{
    int ni;
    want_json(argc, argv, &ni, stop_usage);
    if (ni < 0) {
        fputs(stop_usage, stderr);
        return 2;
    }
    struct glcr_session s;
    char err[512];
    if (!glcr_session_load(argv[ni], &s, err, sizeof err))
        return glcr_fail("%s", err);
    if (!glcr_session_alive(&s))
        return glcr_fail("session '%s' is not running (state: %s)", s.name, state_of(&s));
    int lock = glcr_session_lock(&s, true, err, sizeof err);
    if (lock < 0)
        return glcr_fail("%s", err);
    kill(s.root_pid, SIGTERM);
    /* The init process ends the app (SIGKILL after 2 s), then the X server. */
    if (!glcr_wait_pid_gone(s.root_pid, 8000)) {
        kill(s.root_pid, SIGKILL); /* ends the whole PID namespace */
        if (!glcr_wait_pid_gone(s.root_pid, 5000))
            return glcr_fail("session '%s' (pid %d) did not end", s.name, (int)s.root_pid);
    }
    s.root_pid = 0;
    s.root_start = 0;
    snprintf(s.state, sizeof s.state, "stopped");
    glcr_session_save(&s, err, sizeof err);
    printf("session '%s' stopped\n", s.name);
    return 0;
}

static const char screenshot_usage[] =
    "usage: glcr screenshot NAME OUT.png\n\nSaves the virtual display of running session NAME as a PNG image.\n";

int glcr_cmd_screenshot(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(screenshot_usage, stdout);
        return 0;
    }
    if (argc != 3) {
        fputs(screenshot_usage, stderr);
        return 2;
    }
    struct glcr_session s;
    char err[512];
    if (!glcr_session_load(argv[1], &s, err, sizeof err))
        return glcr_fail("%s", err);
    if (!glcr_session_alive(&s))
        return glcr_fail("session '%s' is not running (state: %s)", s.name, state_of(&s));
    if (!glcr_screenshot(&s, argv[2], err, sizeof err))
        return glcr_fail("screenshot of '%s': %s", s.name, err);
    return 0;
}
