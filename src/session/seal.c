#include "session/seal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "glcr_config.h"

/* Room for the metadata and ~700 file lines; a bigger list just needs a little more disk. */
#define INFO_RESERVE (64 * 1024)
/* No glcr writes more: anything bigger is not a snapshot.info. */
#define INFO_MAX (4 * 1024 * 1024)

void glcr_info_field(const char *info, const char *key, char *out, size_t len)
{
    size_t klen = strlen(key);
    out[0] = 0;
    for (const char *line = info; *line;) {
        size_t n = strcspn(line, "\n");
        if (n > klen && strncmp(line, key, klen) == 0 && line[klen] == '=') {
            snprintf(out, len, "%.*s", (int)(n - klen - 1), line + klen + 1);
            return;
        }
        line += n;
        if (*line)
            line++;
    }
}

int glcr_snapshot_reserve(const char *dir, char *err, size_t err_len)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, GLCR_SNAPSHOT_INFO);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(err, err_len, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    int rc = posix_fallocate(fd, 0, INFO_RESERVE);
    if (rc != 0) {
        snprintf(err, err_len, "cannot reserve space for %s: %s", path, strerror(rc));
        close(fd);
        unlink(path);
        return -1;
    }
    return fd;
}

/* CRC-32 and size of a plain file (not followed if a link); the file is also synced. */
static bool file_crc(int dir_fd, const char *name, bool sync, unsigned long *crc, long long *size, char *why,
                     size_t why_len)
{
    int fd = openat(dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        snprintf(why, why_len, "%s %s", name, errno == ENOENT ? "is missing" : errno == ELOOP ?
                 "is a symbolic link, not a plain file" : strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_len, "%s is not a plain file", name);
        close(fd);
        return false;
    }
    static unsigned char buf[1 << 20];
    uLong c = crc32(0, NULL, 0);
    long long total = 0;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            snprintf(why, why_len, "cannot read %s: %s", name, strerror(errno));
            close(fd);
            return false;
        }
        if (n == 0)
            break;
        c = crc32_z(c, buf, (z_size_t)n);
        total += n;
    }
    if (sync && fsync(fd) < 0) {
        snprintf(why, why_len, "cannot sync %s: %s", name, strerror(errno));
        close(fd);
        return false;
    }
    close(fd);
    *crc = c;
    *size = total;
    return true;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entries of dir except . and ..; sorted, malloc'ed. -1 when it cannot be read. */
static int list_entries(int dir_fd, char ***out)
{
    int fd = dup(dir_fd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    *out = NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    int n = 0, cap = 0;
    char **names = NULL;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, (size_t)cap * sizeof *names);
            if (!grown)
                break;
            names = grown;
        }
        names[n] = strdup(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, cmp_names);
    *out = names;
    return n;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static bool append(char **buf, size_t *len, size_t *cap, const char *text)
{
    size_t n = strlen(text);
    if (*len + n + 1 > *cap) {
        size_t want = (*cap ? *cap * 2 : 4096) + n;
        char *grown = realloc(*buf, want);
        if (!grown)
            return false;
        *buf = grown;
        *cap = want;
    }
    memcpy(*buf + *len, text, n + 1);
    *len += n;
    return true;
}

bool glcr_snapshot_seal(const char *dir, int info_fd, const char *session, const char *meta, char *err,
                        size_t err_len)
{
    char *text = NULL, line[PATH_MAX + 64], why[PATH_MAX + 128] = "";
    size_t len = 0, cap = 0;
    int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    char **names = NULL;
    int n = dir_fd >= 0 ? list_entries(dir_fd, &names) : -1;
    bool ok = n >= 0;
    if (!ok)
        snprintf(why, sizeof why, "cannot read the directory: %s", strerror(errno));
    snprintf(line, sizeof line, "format=%d\nglcr_version=%s\nsession=%s\n", GLCR_SNAPSHOT_FORMAT, GLCR_VERSION,
             session);
    ok = ok && append(&text, &len, &cap, line) && append(&text, &len, &cap, meta);
    for (int i = 0; ok && i < n; i++) {
        if (strcmp(names[i], GLCR_SNAPSHOT_INFO) == 0)
            continue;
        unsigned long crc;
        long long size;
        ok = file_crc(dir_fd, names[i], true, &crc, &size, why, sizeof why);
        if (ok) {
            snprintf(line, sizeof line, "file=%s %lld %08lx\n", names[i], size, crc);
            ok = append(&text, &len, &cap, line);
        }
    }
    if (ok && !why[0]) {
        for (size_t off = 0; ok && off < len;) {
            ssize_t w = pwrite(info_fd, text + off, len - off, (off_t)off);
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            off += w > 0 ? (size_t)w : 0;
        }
        /* Shrinking the reservation to the text needs no space. */
        if (!ok || ftruncate(info_fd, (off_t)len) < 0 || fsync(info_fd) < 0 || fsync(dir_fd) < 0) {
            snprintf(why, sizeof why, "cannot write %s: %s", GLCR_SNAPSHOT_INFO, strerror(errno));
            ok = false;
        }
    } else if (!why[0]) {
        snprintf(why, sizeof why, "out of memory");
    }
    if (!ok)
        snprintf(err, err_len, "cannot seal snapshot %s: %s", dir, why);
    free(text);
    free_names(names, n);
    if (dir_fd >= 0)
        close(dir_fd);
    close(info_fd);
    return ok;
}

/* Names glcr and criu write into a snapshot directory after it was sealed (a restore's
 * logs); they are not part of the snapshot. */
static bool written_by_restore(const char *name)
{
    return strcmp(name, "restore.log") == 0 || strcmp(name, "restore.out") == 0 ||
           strcmp(name, "restored.pid") == 0 || strcmp(name, "stats-restore") == 0;
}

static bool plain_name(const char *name)
{
    return name[0] && name[0] != '.' && !strchr(name, '/') && strlen(name) < NAME_MAX;
}

static bool read_info(int dir_fd, char **text, char *why, size_t why_len)
{
    int fd = openat(dir_fd, GLCR_SNAPSHOT_INFO, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    *text = NULL;
    if (fd < 0 || fstat(fd, &st) < 0) {
        if (errno == ENOENT)
            snprintf(why, why_len, "not a glcr snapshot (no %s)", GLCR_SNAPSHOT_INFO);
        else
            snprintf(why, why_len, "%s: %s", GLCR_SNAPSHOT_INFO,
                     errno == ELOOP ? "is a symbolic link" : strerror(errno));
        if (fd >= 0)
            close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > INFO_MAX) {
        snprintf(why, why_len, "not a glcr snapshot (%s is %s)", GLCR_SNAPSHOT_INFO,
                 S_ISREG(st.st_mode) ? "far too large" : "not a plain file");
        close(fd);
        return false;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        snprintf(why, why_len, "cannot read %s", GLCR_SNAPSHOT_INFO);
        free(buf);
        return false;
    }
    buf[got] = 0;
    if (strlen(buf) != got) {
        snprintf(why, why_len, "not a glcr snapshot (%s holds binary data)", GLCR_SNAPSHOT_INFO);
        free(buf);
        return false;
    }
    *text = buf;
    return true;
}

/* Checks each file= line of text and counts them. Which files an image cannot do without is
 * the engine's business (its image_complete), checked after this. */
static bool check_files(int dir_fd, const char *text, int *listed, char *why, size_t why_len)
{
    *listed = 0;
    for (const char *line = text; *line;) {
        size_t n = strcspn(line, "\n");
        if (n > 5 && strncmp(line, "file=", 5) == 0) {
            char name[NAME_MAX + 1], rest[128];
            long long size;
            unsigned long crc;
            int chars = 0;
            if (n - 5 > NAME_MAX + 64 ||
                sscanf(line + 5, "%255s %lld %lx%n", name, &size, &crc, &chars) != 3 || (size_t)chars != n - 5 ||
                !plain_name(name)) {
                snprintf(rest, sizeof rest, "%.*s", (int)(n < 80 ? n : 80), line);
                snprintf(why, why_len, "damaged %s (bad line '%s')", GLCR_SNAPSHOT_INFO, rest);
                return false;
            }
            unsigned long got_crc;
            long long got_size;
            if (!file_crc(dir_fd, name, false, &got_crc, &got_size, why, why_len))
                return false;
            if (got_size != size) {
                snprintf(why, why_len, "%s has %lld bytes, %lld expected (%s)", name, got_size, size,
                         got_size < size ? "truncated" : "appended to");
                return false;
            }
            if (got_crc != crc) {
                snprintf(why, why_len, "%s is corrupted (CRC-32 %08lx, %08lx expected)", name, got_crc, crc);
                return false;
            }
            (*listed)++;
        }
        line += n;
        if (*line)
            line++;
    }
    if (*listed == 0) {
        snprintf(why, why_len, "incomplete: %s lists no image file", GLCR_SNAPSHOT_INFO);
        return false;
    }
    return true;
}

/* Nothing in the directory that the seal does not account for may reach criu. */
static bool check_extras(int dir_fd, const char *text, char *why, size_t why_len)
{
    char **names;
    int n = list_entries(dir_fd, &names);
    if (n < 0) {
        snprintf(why, why_len, "cannot read the directory: %s", strerror(errno));
        return false;
    }
    bool ok = true;
    for (int i = 0; ok && i < n; i++) {
        struct stat st;
        if (fstatat(dir_fd, names[i], &st, AT_SYMLINK_NOFOLLOW) < 0) {
            snprintf(why, why_len, "%s: %s", names[i], strerror(errno));
            ok = false;
        } else if (!S_ISREG(st.st_mode)) {
            snprintf(why, why_len, "%s is %s, not a plain file: not written by glcr", names[i],
                     S_ISLNK(st.st_mode) ? "a symbolic link" : S_ISDIR(st.st_mode) ? "a directory" : "special");
            ok = false;
        } else if (strcmp(names[i], GLCR_SNAPSHOT_INFO) != 0 && !written_by_restore(names[i])) {
            char key[NAME_MAX + 8];
            snprintf(key, sizeof key, "file=%s ", names[i]);
            bool listed = strncmp(text, key, strlen(key)) == 0;
            snprintf(key, sizeof key, "\nfile=%s ", names[i]);
            listed = listed || strstr(text, key);
            if (!listed) {
                snprintf(why, why_len, "%s is not part of the snapshot (added later?)", names[i]);
                ok = false;
            }
        }
    }
    free_names(names, n);
    return ok;
}

bool glcr_snapshot_verify(const char *dir, const char *session, char *info, size_t info_len, char *err,
                          size_t err_len)
{
    char why[PATH_MAX + 256] = "", value[256];
    char *text = NULL;
    bool ok = false;
    info[0] = 0;
    struct stat st;
    int dir_fd = -1;
    if (lstat(dir, &st) < 0) {
        snprintf(why, sizeof why, "%s", strerror(errno));
        goto out;
    }
    if (!S_ISDIR(st.st_mode)) {
        snprintf(why, sizeof why, "%s", S_ISLNK(st.st_mode) ? "a symbolic link, not a directory" : "not a directory");
        goto out;
    }
    dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dir_fd < 0) {
        snprintf(why, sizeof why, "cannot open it: %s", strerror(errno));
        goto out;
    }
    if (!read_info(dir_fd, &text, why, sizeof why))
        goto out;
    glcr_info_field(text, "format", value, sizeof value);
    if (!value[0]) {
        snprintf(why, sizeof why, "not a glcr snapshot of a known format (%s has no format line; taken by an "
                 "older glcr?)", GLCR_SNAPSHOT_INFO);
        goto out;
    }
    if (atoi(value) != GLCR_SNAPSHOT_FORMAT) {
        snprintf(why, sizeof why, "snapshot format %.20s, this glcr reads format %d", value, GLCR_SNAPSHOT_FORMAT);
        goto out;
    }
    glcr_info_field(text, "glcr_version", value, sizeof value);
    if (strcmp(value, GLCR_VERSION) != 0) {
        /* The process image holds glcr's own library: only the same glcr can resume it. */
        snprintf(why, sizeof why, "taken by glcr %.40s, this is glcr %s (a snapshot restores only with the glcr "
                 "that took it)", value[0] ? value : "(unknown)", GLCR_VERSION);
        goto out;
    }
    glcr_info_field(text, "session", value, sizeof value);
    if (strcmp(value, session) != 0) {
        snprintf(why, sizeof why, "it belongs to session '%.64s', not '%s' (copied from another session?)", value,
                 session);
        goto out;
    }
    int listed;
    if (!check_files(dir_fd, text, &listed, why, sizeof why) || !check_extras(dir_fd, text, why, sizeof why))
        goto out;
    ok = true;
out:
    if (!ok)
        snprintf(err, err_len, "snapshot %s is unusable: %s", dir, why);
    if (text) {
        /* The metadata is what precedes the file list. */
        char *files = strstr(text, "\nfile=");
        if (files)
            files[1] = 0;
        snprintf(info, info_len, "%s", text);
    }
    free(text);
    if (dir_fd >= 0)
        close(dir_fd);
    return ok;
}
