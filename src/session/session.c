#include "session/session.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char base_dir[PATH_MAX];

void glcr_sessions_set_base(const char *dir)
{
    snprintf(base_dir, sizeof base_dir, "%s", dir);
}

const char *glcr_sessions_base(void)
{
    if (base_dir[0])
        return base_dir;
    const char *env = getenv("GLCR_DIR");
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (env && *env)
        snprintf(base_dir, sizeof base_dir, "%s", env);
    else if (xdg && *xdg)
        snprintf(base_dir, sizeof base_dir, "%s/glcr", xdg);
    else
        snprintf(base_dir, sizeof base_dir, "%s/.local/share/glcr", home && *home ? home : "/tmp");
    return base_dir;
}

bool glcr_session_name_valid(const char *name, char *err, size_t err_len)
{
    size_t n = strlen(name);
    bool ok = n > 0 && n <= GLCR_NAME_MAX && name[0] != '.' && name[0] != '-';
    for (size_t i = 0; ok && i < n; i++)
        ok = isalnum((unsigned char)name[i]) || name[i] == '.' || name[i] == '_' || name[i] == '-';
    if (!ok) {
        char shown[96];
        glcr_printable(name, shown, sizeof shown);
        snprintf(err, err_len, "invalid session name '%s': use up to %d letters, digits, '.', '_' "
                 "or '-', not starting with '.' or '-'", shown, GLCR_NAME_MAX);
    }
    return ok;
}

void glcr_printable(const char *in, char *out, size_t out_len)
{
    size_t o = 0;
    const size_t room = out_len > 8 ? out_len - 8 : 0; /* one escape and "..." still fit */
    for (; *in && o < room; in++) {
        unsigned char c = (unsigned char)*in;
        if (c < 0x20 || c == 0x7f)
            o += (size_t)snprintf(out + o, out_len - o, "\\x%02x", c);
        else
            out[o++] = (char)c;
    }
    if (*in) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    if (out_len)
        out[o] = 0;
}

void glcr_session_path(const struct glcr_session *s, const char *file, char *out, size_t out_len)
{
    snprintf(out, out_len, "%s/%s", s->dir, file);
}

static void set_dir(struct glcr_session *s, const char *name)
{
    if (name != s->name)
        snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->dir, sizeof s->dir, "%s/sessions/%s", glcr_sessions_base(), name);
}

bool glcr_mkdir_p(const char *path, mode_t mode)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        if (mkdir(tmp, mode) < 0 && errno != EEXIST)
            return false;
        *p = '/';
    }
    return mkdir(tmp, mode) == 0 || errno == EEXIST;
}

bool glcr_session_create(struct glcr_session *s, char *err, size_t err_len)
{
    char sessions[PATH_MAX];
    set_dir(s, s->name);
    snprintf(sessions, sizeof sessions, "%s/sessions", glcr_sessions_base());
    if (!glcr_mkdir_p(sessions, 0700)) {
        snprintf(err, err_len, "cannot create %s: %s", sessions, strerror(errno));
        return false;
    }
    if (mkdir(s->dir, 0700) < 0) {
        if (errno == EEXIST)
            snprintf(err, err_len, "session '%s' already exists (remove it with glcr rm %s, or "
                     "choose another --name)", s->name, s->name);
        else
            snprintf(err, err_len, "cannot create session '%s': %s", s->name, strerror(errno));
        return false;
    }
    char snaps[PATH_MAX];
    glcr_session_path(s, "snapshots", snaps, sizeof snaps);
    mkdir(snaps, 0700);
    return true;
}

bool glcr_write_file(const char *path, const char *data)
{
    char tmp[PATH_MAX];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    size_t len = strlen(data);
    bool ok = write(fd, data, len) == (ssize_t)len && fsync(fd) == 0;
    close(fd);
    return ok && rename(tmp, path) == 0;
}

bool glcr_read_file(const char *path, char *buf, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, len - 1);
    close(fd);
    if (n < 0)
        return false;
    buf[n] = 0;
    return true;
}

bool glcr_session_save(const struct glcr_session *s, char *err, size_t err_len)
{
    char path[PATH_MAX], text[1280];
    glcr_session_path(s, "info", path, sizeof path);
    snprintf(text, sizeof text,
             "name=%s\napp=%s\ndisplay=%d\nroot_pid=%d\nroot_start=%llu\nstate=%s\ncreated=%lld\n"
             "width=%d\nheight=%d\nevery_s=%d\nkeep=%d\nauto_restore=%d\nvnc=%d\n"
             "supervisor_pid=%d\nsupervisor_start=%llu\nengine=%s\ncoord_pid=%d\ncoord_start=%llu\n"
             "coord_port=%d\n",
             s->name, s->app, s->display, (int)s->root_pid, s->root_start, s->state, s->created,
             s->width, s->height, s->every_s, s->keep, s->auto_restore ? 1 : 0, s->vnc ? 1 : 0,
             (int)s->supervisor_pid, s->supervisor_start, s->engine[0] ? s->engine : "criu",
             (int)s->coord_pid, s->coord_start, s->coord_port);
    if (!glcr_write_file(path, text)) {
        snprintf(err, err_len, "cannot write %s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

static void parse_info(struct glcr_session *s, char *text)
{
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = 0;
        const char *k = line, *v = eq + 1;
        if (strcmp(k, "app") == 0)
            snprintf(s->app, sizeof s->app, "%s", v);
        else if (strcmp(k, "display") == 0)
            s->display = atoi(v);
        else if (strcmp(k, "root_pid") == 0)
            s->root_pid = (pid_t)atoi(v);
        else if (strcmp(k, "root_start") == 0)
            s->root_start = strtoull(v, NULL, 10);
        else if (strcmp(k, "state") == 0)
            snprintf(s->state, sizeof s->state, "%s", v);
        else if (strcmp(k, "created") == 0)
            s->created = atoll(v);
        else if (strcmp(k, "width") == 0)
            s->width = atoi(v);
        else if (strcmp(k, "height") == 0)
            s->height = atoi(v);
        else if (strcmp(k, "every_s") == 0)
            s->every_s = atoi(v);
        else if (strcmp(k, "keep") == 0)
            s->keep = atoi(v);
        else if (strcmp(k, "auto_restore") == 0)
            s->auto_restore = atoi(v) != 0;
        else if (strcmp(k, "vnc") == 0)
            s->vnc = atoi(v) != 0;
        else if (strcmp(k, "supervisor_pid") == 0)
            s->supervisor_pid = (pid_t)atoi(v);
        else if (strcmp(k, "supervisor_start") == 0)
            s->supervisor_start = strtoull(v, NULL, 10);
        else if (strcmp(k, "engine") == 0)
            snprintf(s->engine, sizeof s->engine, "%s", v);
        else if (strcmp(k, "coord_pid") == 0)
            s->coord_pid = (pid_t)atoi(v);
        else if (strcmp(k, "coord_start") == 0)
            s->coord_start = strtoull(v, NULL, 10);
        else if (strcmp(k, "coord_port") == 0)
            s->coord_port = atoi(v);
    }
}

bool glcr_session_load(const char *name, struct glcr_session *s, char *err, size_t err_len)
{
    memset(s, 0, sizeof *s);
    if (!glcr_session_name_valid(name, err, err_len))
        return false;
    set_dir(s, name);
    char path[PATH_MAX], text[2048];
    glcr_session_path(s, "info", path, sizeof path);
    if (!glcr_read_file(path, text, sizeof text)) {
        if (errno == ENOENT)
            snprintf(err, err_len, "no session named '%s' (in %s/sessions; see glcr ls)", name,
                     glcr_sessions_base());
        else
            snprintf(err, err_len, "cannot read session '%s' (%s): %s", name, path, strerror(errno));
        return false;
    }
    parse_info(s, text);
    return true;
}

unsigned long long glcr_process_start_time(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (pid <= 0 || !glcr_read_file(path, buf, sizeof buf))
        return 0;
    char *p = strrchr(buf, ')'); /* the command name may contain spaces */
    if (!p)
        return 0;
    char state = 0;
    unsigned long long start = 0;
    /* fields after ')': state(3) ... starttime(22) */
    int field = 2;
    for (char *tok = strtok(p + 1, " "); tok; tok = strtok(NULL, " ")) {
        field++;
        if (field == 3)
            state = tok[0];
        if (field == 22) {
            start = strtoull(tok, NULL, 10);
            break;
        }
    }
    return state == 'Z' || state == 'X' ? 0 : start;
}

bool glcr_session_alive(const struct glcr_session *s)
{
    return s->root_pid > 0 && glcr_process_start_time(s->root_pid) == s->root_start;
}

bool glcr_coordinator_alive(const struct glcr_session *s)
{
    return s->coord_pid > 0 && glcr_process_start_time(s->coord_pid) == s->coord_start;
}

bool glcr_supervisor_alive(const struct glcr_session *s)
{
    return s->supervisor_pid > 0 && glcr_process_start_time(s->supervisor_pid) == s->supervisor_start;
}

void glcr_remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        for (struct dirent *e; (e = readdir(d));) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char p[PATH_MAX];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
                glcr_remove_tree(p);
            else
                unlink(p);
        }
        closedir(d);
    }
    rmdir(path);
}

void glcr_json_escape(const char *in, char *out, size_t out_len)
{
    size_t o = 0;
    for (; *in && o + 7 < out_len; in++) {
        unsigned char c = (unsigned char)*in;
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c < 0x20) {
            o += (size_t)snprintf(out + o, out_len - o, "\\u%04x", c);
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = 0;
}

bool glcr_crash_signal(int sig)
{
    return sig != SIGTERM && sig != SIGINT && sig != SIGHUP;
}

bool glcr_wait_pid_gone(pid_t pid, int timeout_ms)
{
    double deadline = glcr_now_ms() + timeout_ms;
    while (glcr_process_start_time(pid) != 0) {
        if (glcr_now_ms() > deadline)
            return false;
        usleep(10000);
    }
    return true;
}

int glcr_session_lock(const struct glcr_session *s, bool wait, char *err, size_t err_len)
{
    char path[PATH_MAX];
    glcr_session_path(s, "lock", path, sizeof path);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, err_len, "cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
        snprintf(err, err_len, "session '%s' is busy: another glcr command is checkpointing, "
                 "restoring or stopping it", s->name);
        close(fd);
        return -1;
    }
    return fd;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_dir(const char *path, char ***out, bool want_dirs_only)
{
    DIR *d = opendir(path);
    *out = NULL;
    if (!d)
        return 0;
    int n = 0, cap = 0;
    char **names = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        if (want_dirs_only && e->d_type != DT_DIR)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **grown = realloc(names, (size_t)cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, (size_t)n, sizeof *names, cmp_str);
    *out = names;
    return n;
}

int glcr_session_list(char ***names)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/sessions", glcr_sessions_base());
    return list_dir(path, names, true);
}

int glcr_snapshot_list(const struct glcr_session *s, char ***ids)
{
    char path[PATH_MAX];
    glcr_session_path(s, "snapshots", path, sizeof path);
    return list_dir(path, ids, true); /* in-progress ones start with '.' and are skipped */
}

bool glcr_snapshot_latest(const struct glcr_session *s, char *id, size_t id_len)
{
    char **ids;
    int n = glcr_snapshot_list(s, &ids);
    if (n > 0)
        snprintf(id, id_len, "%s", ids[n - 1]);
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    return n > 0;
}

long long glcr_dir_bytes(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    long long total = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[PATH_MAX];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (lstat(p, &st) < 0)
            continue;
        total += S_ISDIR(st.st_mode) ? glcr_dir_bytes(p) : (long long)st.st_blocks * 512;
    }
    closedir(d);
    return total;
}

bool glcr_find_in_path(const char *name, char *out, size_t len)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char copy[8192];
    snprintf(copy, sizeof copy, "%s", path);
    for (char *save, *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        snprintf(out, len, "%s/%s", *dir ? dir : ".", name);
        struct stat st;
        if (stat(out, &st) == 0 && S_ISREG(st.st_mode) && access(out, X_OK) == 0)
            return true;
    }
    return false;
}
