/* Snapshot sealing and verification (session/seal.c): a sealed directory verifies; every
 * kind of damage a restore must refuse is refused, naming the file. */
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "glcr_config.h"
#include "session/seal.h"

static char base[PATH_MAX], dir[PATH_MAX + 16];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_base(void)
{
    nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void write_bytes(const char *name, const char *data, size_t len)
{
    char path[PATH_MAX * 2];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    CHECK(write(fd, data, len) == (ssize_t)len);
    close(fd);
}

static char *path_of(const char *name)
{
    static char path[PATH_MAX * 2];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* A fresh sealed snapshot with three image files. */
static void make_snapshot(void)
{
    char err[1024];
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    CHECK(mkdir(dir, 0700) == 0);
    write_bytes("inventory.img", "inventory", 9);
    write_bytes("pstree.img", "pstree-contents", 15);
    char pages[8192];
    for (size_t i = 0; i < sizeof pages; i++)
        pages[i] = (char)(i * 7);
    write_bytes("pages-1.img", pages, sizeof pages);
    int fd = glcr_snapshot_reserve(dir, err, sizeof err);
    CHECK_MSG(fd >= 0, "%s", err);
    CHECK_MSG(glcr_snapshot_seal(dir, fd, "sess", "id=0001\nframes=42\n", err, sizeof err), "%s", err);
}

/* Verifies and expects failure with all of the given words in the message. */
static void expect_refused(const char *what, const char *word1, const char *word2)
{
    char info[4096], err[2048] = "";
    CHECK_MSG(!glcr_snapshot_verify(dir, "sess", info, sizeof info, err, sizeof err), "%s accepted", what);
    CHECK_MSG(strstr(err, word1) && (!word2 || strstr(err, word2)), "%s: '%s' lacks '%s'/'%s'", what, err, word1,
              word2 ? word2 : "");
    CHECK_MSG(!strchr(err, '\n'), "%s: more than one line: %s", what, err);
}

static void test_sealed_verifies(void)
{
    char info[4096], err[2048], value[64];
    make_snapshot();
    CHECK_MSG(glcr_snapshot_verify(dir, "sess", info, sizeof info, err, sizeof err), "%s", err);
    glcr_info_field(info, "frames", value, sizeof value);
    CHECK(strcmp(value, "42") == 0);
    glcr_info_field(info, "glcr_version", value, sizeof value);
    CHECK(strcmp(value, GLCR_VERSION) == 0);
    CHECK(strstr(info, "file=") == NULL); /* the metadata only */
    /* A restore's own logs do not count as tampering. */
    write_bytes("restore.log", "log", 3);
    CHECK_MSG(glcr_snapshot_verify(dir, "sess", info, sizeof info, err, sizeof err), "%s", err);
    struct stat st;
    CHECK(stat(path_of("snapshot.info"), &st) == 0 && st.st_size < 4096); /* reservation given back */
}

static void test_damage_refused(void)
{
    make_snapshot();
    CHECK(truncate(path_of("pages-1.img"), 100) == 0);
    expect_refused("truncated", "pages-1.img has 100 bytes, 8192 expected", "truncated");

    make_snapshot();
    int fd = open(path_of("pages-1.img"), O_RDWR);
    CHECK(fd >= 0 && pwrite(fd, "X", 1, 4000) == 1);
    close(fd);
    expect_refused("flipped byte", "pages-1.img is corrupted", "CRC-32");

    make_snapshot();
    CHECK(unlink(path_of("pstree.img")) == 0);
    expect_refused("missing", "pstree.img is missing", NULL);

    make_snapshot();
    write_bytes("core-99.img", "extra", 5);
    expect_refused("added image", "core-99.img is not part of the snapshot", NULL);

    make_snapshot();
    CHECK(symlink("/etc/passwd", path_of("restore.log")) == 0);
    expect_refused("symlink", "restore.log is a symbolic link", NULL);

    make_snapshot();
    CHECK(mkdir(path_of("sub"), 0700) == 0);
    expect_refused("subdirectory", "sub is a directory", NULL);

    make_snapshot();
    char info[4096], err[2048];
    CHECK(!glcr_snapshot_verify(dir, "other", info, sizeof info, err, sizeof err));
    CHECK_MSG(strstr(err, "belongs to session 'sess', not 'other'"), "%s", err);
}

static void rewrite_info(const char *from, const char *to)
{
    char text[65536];
    int fd = open(path_of("snapshot.info"), O_RDONLY);
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    CHECK(n > 0);
    text[n] = 0;
    char *at = strstr(text, from), out[65536 + 256];
    CHECK(at != NULL);
    snprintf(out, sizeof out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    write_bytes("snapshot.info", out, strlen(out));
}

static void test_foreign_refused(void)
{
    make_snapshot();
    CHECK(unlink(path_of("snapshot.info")) == 0);
    expect_refused("no info", "not a glcr snapshot", "no snapshot.info");

    make_snapshot();
    rewrite_info("glcr_version=" GLCR_VERSION, "glcr_version=0.0.1");
    expect_refused("other version", "taken by glcr 0.0.1", "this is glcr " GLCR_VERSION);

    make_snapshot();
    rewrite_info("format=1", "format=99");
    expect_refused("other format", "snapshot format 99", NULL);

    make_snapshot();
    rewrite_info("format=1\n", "");
    expect_refused("no format", "no format line", NULL);

    make_snapshot();
    rewrite_info("file=pstree.img", "file=../../etc/passwd 1 0\nfile=pstree.img");
    expect_refused("path in the file list", "bad line", NULL);

    make_snapshot();
    char binary[64] = "format=1\n";
    write_bytes("snapshot.info", binary, sizeof binary); /* NULs after the text */
    expect_refused("binary info", "binary data", NULL);

    /* A directory that is a symbolic link is not restored through. */
    make_snapshot();
    char link[PATH_MAX + 32], info[4096], err[2048];
    snprintf(link, sizeof link, "%s/link", base);
    CHECK(symlink(dir, link) == 0);
    CHECK(!glcr_snapshot_verify(link, "sess", info, sizeof info, err, sizeof err));
    CHECK_MSG(strstr(err, "symbolic link"), "%s", err);
}

int main(void)
{
    const char *tmpdir = getenv("TMPDIR");
    snprintf(base, sizeof base, "%s/glcr-unit-seal-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    CHECK(mkdtemp(base) != NULL);
    atexit(remove_base);
    snprintf(dir, sizeof dir, "%s/0001", base);
    RUN(test_sealed_verifies);
    RUN(test_damage_refused);
    RUN(test_foreign_refused);
    DONE();
}
