/* glcr status / ls / stop / rm / screenshot / view / doctor. */
#include "session/commands.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <sched.h>
#include <netinet/in.h>
#include <sys/auxv.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/engine.h"
#include "session/control.h"
#include "session/seal.h"
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
    if (glcr_control_request(sock, "STATUS", reply, sizeof reply, GLCR_CONTROL_CLIENT_LIMIT_MS + 3000) && strncmp(reply, "OK ", 3) == 0)
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
    if (glcr_supervisor_alive(s) && s->auto_restore)
        return "restoring";
    if (strcmp(s->state, "running") == 0 || strcmp(s->state, "starting") == 0)
        return "ended";
    return s->state;
}

static const char status_usage[] =
    "usage: glcr status NAME [--json]\n\n"
    "Shows whether session NAME runs, its app, display, snapshots, supervisor (--every,\n"
    "--auto-restore) and, from the running app, the frames presented so far. --json for scripts.\n";

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
        printf("{\"name\":\"%s\",\"state\":\"%s\",\"engine\":\"%s\",\"pid\":%d,\"display\":%d,"
               "\"snapshots\":%d,\"supervisor_pid\":%d,\"coordinator_pid\":%d,\"app_exit\":\"%s\",\"app\":%s}\n",
               s.name, state_of(&s), glcr_session_engine(&s)->name, alive ? (int)s.root_pid : 0, s.display,
               snapshot_count(&s), glcr_supervisor_alive(&s) ? (int)s.supervisor_pid : 0,
               glcr_coordinator_alive(&s) ? (int)s.coord_pid : 0,
               alive ? "" : ended, live[0] ? live : "null");
        return 0;
    }
    printf("session   %s\nstate     %s\ncommand   %s\nengine    %s\ndisplay   :%d\nsnapshots", s.name,
           state_of(&s), s.app, glcr_session_engine(&s)->name, s.display);
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
    if (glcr_coordinator_alive(&s))
        printf("dmtcp     coordinator pid %d, port %d\n", (int)s.coord_pid, s.coord_port);
    if (s.every_s > 0 || s.auto_restore)
        printf("supervisor %s (every %ds, keep %d, auto-restore %s); log: %s/supervisor.log\n",
               glcr_supervisor_alive(&s) ? "running" : "not running", s.every_s, s.keep,
               s.auto_restore ? "on" : "off", s.dir);
    else if (ended[0])
        printf("app       %s\n", ended);
    return 0;
}

static const char ls_usage[] =
    "usage: glcr ls [--json] [NAME]\n\n"
    "Lists sessions (or session NAME) with their state and snapshots: per snapshot its id,\n"
    "when it was taken, its size on disk, the size of the GL data in it, the frames the app\n"
    "had presented, and its thumbnail (a PNG of the display at checkpoint time, 256 pixels\n"
    "wide). glcr restore NAME@ID brings back a given one. --json for scripts.\n";

static void human_bytes(double b, char *out, size_t len)
{
    if (b >= 1e9)
        snprintf(out, len, "%.1f GB", b / 1e9);
    else if (b >= 1e6)
        snprintf(out, len, "%.1f MB", b / 1e6);
    else
        snprintf(out, len, "%.0f kB", b / 1e3);
}

static void human_age(long long secs, char *out, size_t len)
{
    if (secs < 0)
        secs = 0;
    if (secs < 120)
        snprintf(out, len, "%llds ago", secs);
    else if (secs < 7200)
        snprintf(out, len, "%lldm ago", secs / 60);
    else if (secs < 172800)
        snprintf(out, len, "%lldh ago", secs / 3600);
    else
        snprintf(out, len, "%lldd ago", secs / 86400);
}

static void list_session(const struct glcr_session *s, bool json, bool first)
{
    char app[600], **ids;
    int n = glcr_snapshot_list(s, &ids);
    long long now = (long long)time(NULL);
    if (json) {
        char vnc[PATH_MAX * 2 + 8] = "null", sock[PATH_MAX], esc[PATH_MAX * 2];
        if (s->vnc) {
            glcr_session_path(s, "vnc.sock", sock, sizeof sock);
            glcr_json_escape(sock, esc, sizeof esc);
            snprintf(vnc, sizeof vnc, "\"%s\"", esc);
        }
        glcr_json_escape(s->app, app, sizeof app);
        printf("%s{\"name\":\"%s\",\"state\":\"%s\",\"engine\":\"%s\",\"app\":\"%s\",\"display\":%d,\"pid\":%d,"
               "\"created\":%lld,\"every_s\":%d,\"keep\":%d,\"auto_restore\":%s,\"vnc\":%s,"
               "\"supervisor_pid\":%d,\"snapshots\":[",
               first ? "" : ",", s->name, state_of(s), glcr_session_engine(s)->name, app, s->display,
               glcr_session_alive(s) ? (int)s->root_pid : 0, s->created, s->every_s, s->keep,
               s->auto_restore ? "true" : "false", vnc, glcr_supervisor_alive(s) ? (int)s->supervisor_pid : 0);
    } else {
        char extra[160] = "";
        if (s->every_s > 0)
            snprintf(extra, sizeof extra, "  [every %ds, keep %d%s]", s->every_s, s->keep,
                     s->auto_restore ? ", auto-restore" : "");
        else if (s->auto_restore)
            snprintf(extra, sizeof extra, "  [auto-restore]");
        printf("%-20s %-10s :%-6d %s%s\n", s->name, state_of(s), s->display, s->app, extra);
        if (n)
            printf("  %-6s %-19s %-9s %9s %9s %8s  %s\n", "ID", "TAKEN", "AGE", "SIZE", "GL DATA", "FRAMES",
                   "THUMBNAIL");
    }
    for (int i = 0; i < n; i++) {
        char dir[PATH_MAX], path[PATH_MAX], info[2048] = "", created[32], gl[32], frames[32], mode[32];
        snprintf(dir, sizeof dir, "%s/snapshots/%s", s->dir, ids[i]);
        snprintf(path, sizeof path, "%s/snapshot.info", dir);
        glcr_read_file(path, info, sizeof info);
        glcr_info_field(info, "created", created, sizeof created);
        glcr_info_field(info, "gl_bytes", gl, sizeof gl);
        glcr_info_field(info, "frames", frames, sizeof frames);
        glcr_info_field(info, "mode", mode, sizeof mode);
        long long when = atoll(created), bytes = glcr_dir_bytes(dir);
        snprintf(path, sizeof path, "%s/thumbnail.png", dir);
        bool thumb = access(path, R_OK) == 0;
        if (json) {
            char esc[PATH_MAX * 2];
            glcr_json_escape(path, esc, sizeof esc);
            printf("%s{\"id\":\"%s\",\"created\":%lld,\"age_s\":%lld,\"bytes\":%lld,\"gl_bytes\":%lld,"
                   "\"frames\":%lld,\"mode\":\"%s\",\"thumbnail\":%s%s%s}",
                   i ? "," : "", ids[i], when, now - when, bytes, atoll(gl), atoll(frames), mode,
                   thumb ? "\"" : "", thumb ? esc : "null", thumb ? "\"" : "");
        } else {
            char taken[32] = "?", age[32] = "?", size[32], gls[32];
            time_t tt = (time_t)when;
            if (when > 0) {
                strftime(taken, sizeof taken, "%Y-%m-%d %H:%M:%S", localtime(&tt));
                human_age(now - when, age, sizeof age);
            }
            human_bytes((double)bytes, size, sizeof size);
            human_bytes((double)atoll(gl), gls, sizeof gls);
            printf("  %-6s %-19s %-9s %9s %9s %8s  %s\n", ids[i], taken, age, size, gls, frames[0] ? frames : "?",
                   thumb ? path : "-");
        }
        free(ids[i]);
    }
    free(ids);
    if (json)
        printf("]}");
}

int glcr_cmd_ls(int argc, char **argv)
{
    int ni;
    bool json = want_json(argc, argv, &ni, ls_usage);
    char **names, err[512];
    int n;
    if (ni >= 0) {
        struct glcr_session s;
        if (!glcr_session_load(argv[ni], &s, err, sizeof err))
            return glcr_fail("%s", err);
        names = malloc(sizeof *names);
        if (!names)
            return glcr_fail("out of memory");
        names[0] = strdup(argv[ni]);
        n = 1;
    } else {
        n = glcr_session_list(&names);
    }
    if (json)
        printf("[");
    bool first = true;
    for (int i = 0; i < n; i++) {
        struct glcr_session s;
        if (glcr_session_load(names[i], &s, err, sizeof err)) {
            if (!json && first)
                printf("%-20s %-10s %-7s %s\n", "NAME", "STATE", "DISPLAY", "APP");
            list_session(&s, json, first);
            first = false;
        }
        free(names[i]);
    }
    free(names);
    if (json)
        printf("]\n");
    else if (first)
        printf("no sessions (in %s)\n", glcr_sessions_base());
    return 0;
}

static const char stop_usage[] =
    "usage: glcr stop NAME\n\nEnds session NAME: its supervisor first (a snapshot it is writing is\n"
    "finished or discarded), then the app gets SIGTERM, then its virtual display ends; SIGKILL\n"
    "after a grace period. Snapshots are kept (glcr rm removes them).\n";

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
    const struct glcr_engine *engine = glcr_session_engine(&s);
    bool had_supervisor = glcr_supervisor_alive(&s);
    if (!glcr_session_alive(&s) && !had_supervisor) {
        if (engine->session_end && glcr_coordinator_alive(&s)) {
            engine->session_end(&s); /* left over from a session that ended badly */
            glcr_session_save(&s, err, sizeof err);
        }
        return glcr_fail("session '%s' is not running (state: %s)", s.name, state_of(&s));
    }
    if (!glcr_supervisor_stop(&s))
        return glcr_fail("the supervisor of '%s' (pid %d) did not end", s.name, (int)s.supervisor_pid);
    int lock = glcr_session_lock(&s, true, err, sizeof err);
    if (lock < 0)
        return glcr_fail("%s", err);
    /* The supervisor may have restored the session just before it ended. */
    if (!glcr_session_load(argv[ni], &s, err, sizeof err))
        return glcr_fail("%s", err);
    if (glcr_session_alive(&s)) {
        kill(s.root_pid, SIGTERM);
        /* The init process ends the app (SIGKILL after 2 s), then the X server. */
        if (!glcr_wait_pid_gone(s.root_pid, 8000)) {
            engine->kill_session(&s);
            if (!glcr_wait_pid_gone(s.root_pid, 5000))
                return glcr_fail("session '%s' (pid %d) did not end", s.name, (int)s.root_pid);
        }
    }
    if (engine->session_end)
        engine->session_end(&s);
    s.root_pid = 0;
    s.root_start = 0;
    s.supervisor_pid = 0;
    s.supervisor_start = 0;
    snprintf(s.state, sizeof s.state, "stopped");
    glcr_session_save(&s, err, sizeof err);
    printf("session '%s' stopped\n", s.name);
    return 0;
}

static const char rm_usage[] =
    "usage: glcr rm NAME[@ID]...\n\n"
    "NAME: removes session NAME with all its snapshots and logs. The session must not be\n"
    "running (glcr stop NAME first).\n"
    "NAME@ID: removes snapshot ID of session NAME (see glcr ls); also while it runs.\n";

static int rm_one(const char *arg)
{
    char name[GLCR_NAME_MAX + 64], err[512];
    snprintf(name, sizeof name, "%s", arg);
    char *at = strchr(name, '@');
    const char *id = NULL;
    if (at) {
        *at = 0;
        id = at + 1;
    }
    struct glcr_session s;
    if (!glcr_session_load(name, &s, err, sizeof err))
        return glcr_fail("cannot remove: %s", err);
    if (id) {
        char dir[PATH_MAX];
        struct stat st;
        if (!*id || strchr(id, '/') || id[0] == '.' || strlen(id) > 64) {
            char shown[48];
            glcr_printable(id, shown, sizeof shown);
            return glcr_fail("cannot remove: invalid snapshot id '%s'", shown);
        }
        snprintf(dir, sizeof dir, "%s/snapshots/%s", s.dir, id);
        if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
            return glcr_fail("cannot remove: no snapshot '%s' of session '%s' (glcr ls %s lists them)", id,
                             name, name);
        int lock = glcr_session_lock(&s, false, err, sizeof err);
        if (lock < 0)
            return glcr_fail("cannot remove snapshot %s: %s", id, err);
        long long bytes = glcr_dir_bytes(dir);
        glcr_remove_tree(dir);
        close(lock);
        if (access(dir, F_OK) == 0)
            return glcr_fail("cannot remove %s completely: %s", dir, strerror(errno));
        printf("removed snapshot %s of '%s' (%.1f MB)\n", id, name, (double)bytes / 1e6);
        return 0;
    }
    if (glcr_session_alive(&s))
        return glcr_fail("session '%s' is running (pid %d): stop it first (glcr stop %s)", name,
                         (int)s.root_pid, name);
    if (glcr_supervisor_alive(&s))
        return glcr_fail("session '%s' has a supervisor (pid %d) that may restore it: glcr stop %s first",
                         name, (int)s.supervisor_pid, name);
    int lock = glcr_session_lock(&s, false, err, sizeof err);
    if (lock < 0)
        return glcr_fail("cannot remove: %s", err);
    const struct glcr_engine *engine = glcr_session_engine(&s);
    if (engine->session_end)
        engine->session_end(&s);
    int snaps = snapshot_count(&s);
    long long bytes = glcr_dir_bytes(s.dir);
    glcr_remove_tree(s.dir);
    close(lock);
    if (access(s.dir, F_OK) == 0)
        return glcr_fail("cannot remove %s completely: %s", s.dir, strerror(errno));
    printf("removed session '%s' (%d snapshot%s, %.1f MB)\n", name, snaps, snaps == 1 ? "" : "s",
           (double)bytes / 1e6);
    return 0;
}

int glcr_cmd_rm(int argc, char **argv)
{
    int first = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(rm_usage, stdout);
            return 0;
        }
        if (strcmp(argv[i], "--") == 0) {
            first = i + 1;
            break;
        }
        if (argv[i][0] == '-') {
            fprintf(stderr, "glcr: unknown option %s\n%s", argv[i], rm_usage);
            return 2;
        }
    }
    if (first >= argc) {
        fputs(rm_usage, stderr);
        return 2;
    }
    int rc = 0;
    for (int i = first; i < argc; i++)
        if (strcmp(argv[i], "--") != 0 && rm_one(argv[i]) != 0)
            rc = 1;
    return rc;
}

static const char screenshot_usage[] =
    "usage: glcr screenshot NAME OUT.png\n\nSaves the virtual display of running session NAME as a PNG image\n"
    "(readable by its owner only).\n";

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
    if (!glcr_screenshot(&s, argv[2], 0, err, sizeof err))
        return glcr_fail("screenshot of '%s': %s", s.name, err);
    return 0;
}

static const char view_usage[] =
    "usage: glcr view NAME [--listen PORT]\n\n"
    "How to watch session NAME. A session started with --vnc serves VNC on a unix socket in\n"
    "its directory that only its owner can open (no VNC password); glcr view prints it and\n"
    "how to connect. --listen PORT forwards 127.0.0.1:PORT to that socket for viewers that\n"
    "speak TCP only, until Ctrl-C (anyone who can reach 127.0.0.1 can then connect). Without\n"
    "--vnc: a one-shot screenshot of the display, written to view.png in the session directory.\n"
    "A viewer must be disconnected while a snapshot is taken; it can reconnect afterwards.\n";

/* Copies between VNC viewers on 127.0.0.1:port and the session's socket until a signal. */
static int forward_vnc(const struct glcr_session *s, const char *sock_path, int port)
{
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof a) < 0 || listen(lfd, 4) < 0)
        return glcr_fail("cannot listen on 127.0.0.1:%d: %s", port, strerror(errno));
    printf("forwarding 127.0.0.1:%d to the VNC server of '%s' (vncviewer 127.0.0.1::%d); Ctrl-C ends\n", port,
           s->name, port);
    fflush(stdout);
    glcr_catch_interrupts();
    enum { MAX_PAIRS = 8 };
    int pairs[MAX_PAIRS][2];
    int npairs = 0;
    while (!glcr_interrupted) {
        struct pollfd p[1 + 2 * MAX_PAIRS];
        p[0] = (struct pollfd){.fd = lfd, .events = POLLIN};
        for (int i = 0; i < npairs; i++) {
            p[1 + 2 * i] = (struct pollfd){.fd = pairs[i][0], .events = POLLIN};
            p[2 + 2 * i] = (struct pollfd){.fd = pairs[i][1], .events = POLLIN};
        }
        if (poll(p, (nfds_t)(1 + 2 * npairs), 500) <= 0)
            continue;
        for (int i = npairs - 1; i >= 0; i--) {
            for (int side = 0; side < 2; side++) {
                if (!(p[1 + 2 * i + side].revents & (POLLIN | POLLHUP | POLLERR)))
                    continue;
                char buf[65536];
                ssize_t n = read(pairs[i][side], buf, sizeof buf);
                bool ok = n > 0;
                for (ssize_t off = 0; ok && off < n;) {
                    ssize_t w = write(pairs[i][!side], buf + off, (size_t)(n - off));
                    ok = w > 0;
                    off += w > 0 ? w : 0;
                }
                if (!ok) {
                    close(pairs[i][0]);
                    close(pairs[i][1]);
                    pairs[i][0] = pairs[--npairs][0];
                    pairs[i][1] = pairs[npairs][1];
                    break;
                }
            }
        }
        if (p[0].revents & POLLIN) {
            int c = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
            if (c < 0)
                continue;
            struct sockaddr_un ua = {.sun_family = AF_UNIX};
            snprintf(ua.sun_path, sizeof ua.sun_path, "%s", sock_path);
            int u = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (npairs == MAX_PAIRS || u < 0 || connect(u, (struct sockaddr *)&ua, sizeof ua) < 0) {
                fprintf(stderr, "glcr: viewer turned away: %s\n",
                        npairs == MAX_PAIRS ? "too many viewers" : strerror(errno));
                close(c);
                if (u >= 0)
                    close(u);
                continue;
            }
            pairs[npairs][0] = c;
            pairs[npairs][1] = u;
            npairs++;
        }
    }
    for (int i = 0; i < npairs; i++) {
        close(pairs[i][0]);
        close(pairs[i][1]);
    }
    close(lfd);
    return 0;
}

int glcr_cmd_view(int argc, char **argv)
{
    const char *name = NULL;
    int port = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(view_usage, stdout);
            return 0;
        } else if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
            port = atoi(argv[++i]);
            if (port <= 0 || port > 65535)
                return glcr_fail("--listen %s: expected a TCP port number", argv[i]);
        } else if (argv[i][0] != '-' && !name) {
            name = argv[i];
        } else {
            fputs(view_usage, stderr);
            return 2;
        }
    }
    if (!name) {
        fputs(view_usage, stderr);
        return 2;
    }
    struct glcr_session s;
    char err[512], path[PATH_MAX];
    if (!glcr_session_load(name, &s, err, sizeof err))
        return glcr_fail("%s", err);
    if (!glcr_session_alive(&s))
        return glcr_fail("session '%s' is not running (state: %s); glcr ls %s shows its snapshot thumbnails",
                         s.name, state_of(&s), s.name);
    if (s.vnc) {
        glcr_session_path(&s, "vnc.sock", path, sizeof path);
        if (port)
            return forward_vnc(&s, path, port);
        printf("session '%s' (display :%d) serves VNC on the unix socket\n  %s\n"
               "(only its owner can connect; no VNC password).\n"
               "  TigerVNC viewer:       vncviewer %s\n"
               "  viewers that need TCP: glcr view %s --listen 5901, then vncviewer 127.0.0.1::5901\n"
               "                         (from another machine: ssh -L 5901:127.0.0.1:5901 this-host)\n"
               "Close the viewer before a snapshot is taken; it can reconnect afterwards, also after a restore.\n",
               s.name, s.display, path, path, s.name);
        return 0;
    }
    if (port)
        return glcr_fail("session '%s' was not started with --vnc: there is no VNC server to forward to", s.name);
    glcr_session_path(&s, "view.png", path, sizeof path);
    if (!glcr_screenshot(&s, path, 0, err, sizeof err))
        return glcr_fail("screenshot of '%s': %s", s.name, err);
    printf("session '%s' has no VNC server (glcr run --vnc starts one to watch live);\n"
           "a screenshot of its display is in %s\n", s.name, path);
    return 0;
}

/* ---- doctor ------------------------------------------------------------------------------ */

static const char doctor_usage[] =
    "usage: glcr doctor\n\n"
    "Checks what glcr needs on this machine and says what is missing and how to fix it: root,\n"
    "CRIU (version and criu check), PID/IPC namespaces, Xvfb (and Xvnc for --vnc), FSGSBASE,\n"
    "an EGL driver (vendor and GL renderer), DMTCP (optional, for --engine dmtcp). Exit status\n"
    "0 when everything glcr needs is there.\n";

static int doctor_missing;

static void report(const char *verdict, const char *what, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(const char *verdict, const char *what, const char *fmt, ...)
{
    char detail[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (strcmp(verdict, "MISSING") == 0)
        doctor_missing++;
    printf("%-8s %-11s %s\n", verdict, what, detail);
}

/* Runs argv with stdout+stderr captured into out; its exit status, 127 when it cannot run,
 * -1 when it did not end within timeout_ms (then it is killed). */
static int run_capture(char *const argv[], char *out, size_t len, int timeout_ms)
{
    int fds[2];
    out[0] = 0;
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        int null_fd = open("/dev/null", O_RDONLY);
        dup2(null_fd, STDIN_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        dup2(fds[1], STDERR_FILENO);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    double deadline = glcr_now_ms() + timeout_ms;
    bool timed_out = false;
    for (;;) {
        int left = (int)(deadline - glcr_now_ms());
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int rc = poll(&p, 1, left);
        if (rc < 0 && errno == EINTR)
            continue;
        if (rc <= 0) {
            timed_out = rc == 0;
            break;
        }
        char scratch[512];
        char *dst = used < len - 1 ? out + used : scratch;
        size_t room = dst == scratch ? sizeof scratch : len - 1 - used;
        ssize_t n = read(fds[0], dst, room);
        if (n <= 0)
            break;
        if (dst != scratch) {
            used += (size_t)n;
            out[used] = 0;
        }
    }
    close(fds[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out)
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void first_line_with(const char *text, const char *needle, char *out, size_t len)
{
    const char *p = needle ? strstr(text, needle) : text;
    out[0] = 0;
    if (!p)
        return;
    while (p > text && p[-1] != '\n')
        p--;
    size_t n = strcspn(p, "\n");
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
}

static void doctor_criu(void)
{
    const char *criu = glcr_criu_path();
    char out[8192], line[512];
    char *version_argv[] = {(char *)criu, "--version", NULL};
    int rc = run_capture(version_argv, out, sizeof out, 10000);
    if (rc == 127) {
        report("MISSING", "CRIU", "cannot run %s%s: run scripts/setup (builds CRIU 4.1.1 into .deps/criu) "
               "or set GLCR_CRIU to a criu 4.x binary", criu, getenv("GLCR_CRIU") ? " (GLCR_CRIU)" : "");
        return;
    }
    first_line_with(out, "Version:", line, sizeof line);
    int major = 0;
    const char *v = strstr(line, "Version:");
    if (rc != 0 || !v || sscanf(v, "Version: %d", &major) != 1) {
        report("MISSING", "CRIU", "%s --version failed (exit %d): %.200s; run scripts/setup or set GLCR_CRIU",
               criu, rc, out);
        return;
    }
    char version[64];
    v += 8;
    while (*v == ' ')
        v++;
    snprintf(version, sizeof version, "%s", v);
    v = version;
    if (major < 4) {
        report("MISSING", "CRIU", "%s is version %s; glcr needs CRIU 4.x (3.x fails on current kernels' "
               "vDSO layout): run scripts/setup or set GLCR_CRIU", criu, v);
        return;
    }
    char *check_argv[] = {(char *)criu, "check", NULL};
    rc = run_capture(check_argv, out, sizeof out, 30000);
    if (rc != 0) {
        first_line_with(out, "Error", line, sizeof line);
        if (!line[0])
            first_line_with(out, NULL, line, sizeof line);
        report("MISSING", "CRIU", "%s %s: criu check failed (exit %d): %s%s", criu, v, rc, line,
               geteuid() != 0 ? " (criu check needs root)" : "");
        return;
    }
    first_line_with(out, "Looks good", line, sizeof line);
    report("ok", "CRIU", "%s %s; criu check: %s", criu, v, line[0] ? line : "passed");
}

static void doctor_namespaces(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (unshare(CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWNET) < 0)
            _exit(10 + (errno & 0x7f) % 100);
        pid_t init = fork(); /* the first child is pid 1 of the new namespace */
        if (init == 0)
            _exit(getpid() == 1 ? 0 : 3);
        int st;
        if (init < 0 || waitpid(init, &st, 0) != init)
            _exit(4);
        _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 5);
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st)) {
        report("MISSING", "namespaces", "could not test (fork failed)");
        return;
    }
    int code = WEXITSTATUS(st);
    if (code == 0)
        report("ok", "namespaces", "PID, IPC and network namespaces can be created");
    else if (code >= 10)
        report("MISSING", "namespaces", "unshare(CLONE_NEWPID|CLONE_NEWIPC|CLONE_NEWNET) failed: %s; run glcr "
               "as root, and in a container allow unshare (e.g. --privileged or CAP_SYS_ADMIN)", strerror(code - 10));
    else
        report("MISSING", "namespaces", "a process in a new PID namespace did not start as pid 1 (code %d)", code);
}

/* ---- EGL probe, in a child: a driver that crashes takes only the child down ---- */

typedef int (*egl_init_fn)(void *, int *, int *);
typedef const char *(*egl_query_fn)(void *, int);
typedef void *(*egl_platform_display_fn)(unsigned, void *, const int *);
typedef int (*egl_query_devices_fn)(int, void **, int *);
typedef const char *(*egl_device_string_fn)(void *, int);
typedef int (*egl_bind_api_fn)(unsigned);
typedef void *(*egl_create_context_fn)(void *, void *, void *, const int *);
typedef int (*egl_make_current_fn)(void *, void *, void *, void *);
typedef int (*egl_terminate_fn)(void *);
typedef void *(*egl_proc_fn)(const char *);
typedef const unsigned char *(*gl_get_string_fn)(unsigned);

#define D_EGL_EXTENSIONS 0x3055
#define D_EGL_VENDOR 0x3053
#define D_EGL_OPENGL_API 0x30A2
#define D_EGL_PLATFORM_DEVICE_EXT 0x313F
#define D_EGL_PLATFORM_SURFACELESS_MESA 0x31DD
#define D_GL_RENDERER 0x1F01
#define D_GL_VERSION 0x1F02

static _Noreturn void egl_probe_child(int fd)
{
    /* The library the split driver half would load. */
    const char *egl = getenv("GLCR_LOWER_EGL");
    if (!egl || !*egl)
        egl = "libEGL.so.1";
    void *lib = dlopen(egl, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        dprintf(fd, "err %s cannot be loaded (%s): install an EGL driver (apt-get install "
                    "libegl1 libegl-mesa0, or the GPU vendor's driver)\n", egl, dlerror());
        _exit(0);
    }
    egl_proc_fn get_proc = (egl_proc_fn)dlsym(lib, "eglGetProcAddress");
    egl_query_fn query = (egl_query_fn)dlsym(lib, "eglQueryString");
    egl_init_fn init = (egl_init_fn)dlsym(lib, "eglInitialize");
    egl_bind_api_fn bind_api = (egl_bind_api_fn)dlsym(lib, "eglBindAPI");
    egl_create_context_fn create = (egl_create_context_fn)dlsym(lib, "eglCreateContext");
    egl_make_current_fn make_current = (egl_make_current_fn)dlsym(lib, "eglMakeCurrent");
    egl_terminate_fn terminate = (egl_terminate_fn)dlsym(lib, "eglTerminate");
    if (!get_proc || !query || !init || !bind_api || !create || !make_current || !terminate) {
        dprintf(fd, "err libEGL.so.1 lacks core EGL 1.4 functions\n");
        _exit(0);
    }
    egl_platform_display_fn platform_display = (egl_platform_display_fn)get_proc("eglGetPlatformDisplayEXT");
    egl_query_devices_fn query_devices = (egl_query_devices_fn)get_proc("eglQueryDevicesEXT");
    egl_device_string_fn device_string = (egl_device_string_fn)get_proc("eglQueryDeviceStringEXT");
    if (!platform_display) {
        dprintf(fd, "err the EGL library has no eglGetPlatformDisplayEXT (EGL_EXT_platform_base)\n");
        _exit(0);
    }
    const char *want = getenv("GLCR_EGL_PLATFORM");
    bool auto_pick = !want || !*want || strcmp(want, "auto") == 0;
    void *dpy = NULL;
    const char *platform = "surfaceless";
    if ((auto_pick || strcmp(want, "device") == 0) && query_devices && device_string) {
        void *devices[16];
        int count = 0;
        if (query_devices(16, devices, &count))
            for (int i = 0; i < count && !dpy; i++) {
                const char *ext = device_string(devices[i], D_EGL_EXTENSIONS);
                if (ext && !strstr(ext, "EGL_MESA_device_software")) {
                    dpy = platform_display(D_EGL_PLATFORM_DEVICE_EXT, devices[i], NULL);
                    platform = "device";
                }
            }
    }
    if (!dpy && !auto_pick && strcmp(want, "device") == 0) {
        dprintf(fd, "err GLCR_EGL_PLATFORM=device, but no hardware EGL device was found\n");
        _exit(0);
    }
    if (!dpy)
        dpy = platform_display(D_EGL_PLATFORM_SURFACELESS_MESA, NULL, NULL);
    int major = 0, minor = 0;
    if (!dpy || !init(dpy, &major, &minor)) {
        dprintf(fd, "err no EGL display on the %s platform could be initialized (a GPU driver with EGL "
                    "device support, or Mesa: apt-get install libegl-mesa0 libgl1-mesa-dri)\n", platform);
        _exit(0);
    }
    const char *vendor = query(dpy, D_EGL_VENDOR);
    const char *ext = query(dpy, D_EGL_EXTENSIONS);
    if (!ext || !strstr(ext, "EGL_KHR_no_config_context") || !strstr(ext, "EGL_KHR_surfaceless_context")) {
        dprintf(fd, "err the EGL driver (%s) lacks EGL_KHR_no_config_context or EGL_KHR_surfaceless_context\n",
                vendor ? vendor : "?");
        _exit(0);
    }
    bind_api(D_EGL_OPENGL_API);
    void *ctx = create(dpy, NULL, NULL, (const int[]){0x3038 /* EGL_NONE */});
    gl_get_string_fn get_string = (gl_get_string_fn)get_proc("glGetString");
    if (!ctx || !make_current(dpy, NULL, NULL, ctx) || !get_string) {
        dprintf(fd, "err EGL %d.%d (%s) cannot create a current desktop OpenGL context\n", major, minor,
                vendor ? vendor : "?");
        _exit(0);
    }
    const unsigned char *renderer = get_string(D_GL_RENDERER), *version = get_string(D_GL_VERSION);
    dprintf(fd, "ok %s platform, EGL %d.%d, vendor %s; GL renderer %s, OpenGL %s\n", platform, major,
            minor, vendor ? vendor : "?", renderer ? (const char *)renderer : "?",
            version ? (const char *)version : "?");
    make_current(dpy, NULL, NULL, NULL);
    terminate(dpy);
    _exit(0);
}

static void doctor_egl(void)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0) {
        report("MISSING", "EGL", "could not test (pipe: %s)", strerror(errno));
        return;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        int null_fd = open("/dev/null", O_WRONLY);
        dup2(null_fd, STDOUT_FILENO);
        dup2(null_fd, STDERR_FILENO);
        egl_probe_child(fds[1]);
    }
    close(fds[1]);
    char line[1024] = "";
    size_t used = 0;
    struct pollfd p = {.fd = fds[0], .events = POLLIN};
    while (used < sizeof line - 1 && poll(&p, 1, 30000) > 0) {
        ssize_t n = read(fds[0], line + used, sizeof line - 1 - used);
        if (n <= 0)
            break;
        used += (size_t)n;
        line[used] = 0;
    }
    close(fds[0]);
    int st = 0;
    if (pid > 0) {
        if (!strchr(line, '\n'))
            kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
    }
    line[strcspn(line, "\n")] = 0;
    if (strncmp(line, "ok ", 3) == 0)
        report("ok", "EGL", "%s", line + 3);
    else if (strncmp(line, "err ", 4) == 0)
        report("MISSING", "EGL", "%s", line + 4);
    else if (pid > 0 && WIFSIGNALED(st))
        report("MISSING", "EGL", "the EGL driver crashed while being probed (signal %d, %s)", WTERMSIG(st),
               strsignal(WTERMSIG(st)));
    else
        report("MISSING", "EGL", "the EGL probe gave no answer within 30 s");
}

/* DMTCP is optional: glcr run --engine dmtcp needs it, the default engine does not. */
static void doctor_dmtcp(void)
{
    char why[512], out[1024], line[256], launch[PATH_MAX];
    if (!glcr_engine_dmtcp.available(why, sizeof why)) {
        report("note", "DMTCP", "%s (optional: only glcr run --engine dmtcp needs it)", why);
        return;
    }
    glcr_dmtcp_tool("dmtcp_launch", launch, sizeof launch);
    char *argv[] = {launch, "--version", NULL};
    int rc = run_capture(argv, out, sizeof out, 10000);
    first_line_with(out, "dmtcp_launch", line, sizeof line);
    if (rc != 0 || !line[0])
        first_line_with(out, NULL, line, sizeof line);
    if (rc != 0)
        report("note", "DMTCP", "%s --version failed (exit %d): %s", launch, rc, line);
    else if (!strstr(line, " 5.") && !strstr(line, " 6."))
        report("note", "DMTCP", "%s (%s): glcr is tested with DMTCP 5.x", launch, line);
    else
        report("ok", "DMTCP", "%s (%s; for glcr run --engine dmtcp)", launch, line);
}

int glcr_cmd_doctor(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
        fputs(doctor_usage, stdout);
        return 0;
    }
    if (argc != 1) {
        fputs(doctor_usage, stderr);
        return 2;
    }
    char path[PATH_MAX];
    doctor_missing = 0;
    if (geteuid() == 0)
        report("ok", "root", "running as root");
    else
        report("MISSING", "root", "glcr runs as root (namespaces and CRIU need it): use sudo glcr ...");
    doctor_criu();
    doctor_namespaces();
    if (glcr_find_in_path("Xvfb", path, sizeof path))
        report("ok", "Xvfb", "%s", path);
    else
        report("MISSING", "Xvfb", "not found in PATH: apt-get install xvfb");
    if (glcr_find_in_path("Xvnc", path, sizeof path))
        report("ok", "Xvnc", "%s (for glcr run --vnc)", path);
    else
        report("note", "Xvnc", "not found in PATH; only glcr run --vnc needs it: apt-get install "
               "tigervnc-standalone-server");
    if (getauxval(AT_HWCAP2) & 2 /* HWCAP2_FSGSBASE */)
        report("ok", "FSGSBASE", "wrfsbase available (fast switches into the driver half)");
    else
        report("note", "FSGSBASE", "not enabled by this CPU or kernel: fallback to arch_prctl, slower GL calls");
    doctor_egl();
    doctor_dmtcp();
    const char *base = glcr_sessions_base();
    struct stat st;
    if (stat(base, &st) == 0 && (st.st_mode & 077))
        report("note", "sessions", "%s is readable by others (mode %o): chmod 700 %s", base,
               (unsigned)(st.st_mode & 0777), base);
    else
        report("ok", "sessions", "%s%s", base, stat(base, &st) == 0 ? " (private)" : " (created on first run)");
    if (doctor_missing) {
        printf("%d problem%s: glcr cannot work until %s fixed\n", doctor_missing, doctor_missing == 1 ? "" : "s",
               doctor_missing == 1 ? "it is" : "they are");
        return 1;
    }
    printf("everything glcr needs is here\n");
    return 0;
}
