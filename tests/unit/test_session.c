/* Session directories, metadata, snapshots, locks and process waits (session/session.c). */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "session/session.h"

static char base[PATH_MAX];

static void test_name_valid(void)
{
    char err[256];
    CHECK(glcr_session_name_valid("gears", err, sizeof err));
    CHECK(glcr_session_name_valid("a.b_c-1", err, sizeof err));
    CHECK(glcr_session_name_valid("X", err, sizeof err));
    char max[GLCR_NAME_MAX + 2];
    memset(max, 'a', GLCR_NAME_MAX);
    max[GLCR_NAME_MAX] = 0;
    CHECK(glcr_session_name_valid(max, err, sizeof err)); /* 64 chars: the limit */
    max[GLCR_NAME_MAX] = 'a';
    max[GLCR_NAME_MAX + 1] = 0;
    const char *bad[] = {"", ".x", "-x", "a/b", "../x", max, "a b", " gears", "gears ",
                         "tab\there", "semi;colon", "dollar$", "."};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        err[0] = 0;
        CHECK_MSG(!glcr_session_name_valid(bad[i], err, sizeof err), "accepted '%s'", bad[i]);
        CHECK(strstr(err, "invalid session name") != NULL);
    }
}

static void test_create_save_load(void)
{
    char err[512];
    struct glcr_session s;
    memset(&s, 0, sizeof s);
    snprintf(s.name, sizeof s.name, "gears");
    CHECK_MSG(glcr_session_create(&s, err, sizeof err), "%s", err);
    char want_dir[PATH_MAX + 32];
    snprintf(want_dir, sizeof want_dir, "%s/sessions/gears", base);
    CHECK(strcmp(s.dir, want_dir) == 0);
    struct stat st;
    CHECK(stat(s.dir, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK((st.st_mode & 077) == 0); /* private */
    char snaps[PATH_MAX];
    glcr_session_path(&s, "snapshots", snaps, sizeof snaps);
    CHECK(stat(snaps, &st) == 0 && S_ISDIR(st.st_mode));

    snprintf(s.app, sizeof s.app, "glxgears -info --opt=1");
    s.display = 42;
    snprintf(s.state, sizeof s.state, "checkpointed");
    s.created = 1700000000123LL;
    s.width = 1920;
    s.height = 1080;
    s.root_pid = 4321;
    s.root_start = 9876543210ULL;
    CHECK_MSG(glcr_session_save(&s, err, sizeof err), "%s", err);

    struct glcr_session t;
    memset(&t, 0xAA, sizeof t);
    CHECK_MSG(glcr_session_load("gears", &t, err, sizeof err), "%s", err);
    CHECK(strcmp(t.name, "gears") == 0);
    CHECK(strcmp(t.dir, s.dir) == 0);
    CHECK(strcmp(t.app, s.app) == 0);
    CHECK(t.display == 42);
    CHECK(strcmp(t.state, "checkpointed") == 0);
    CHECK(t.created == 1700000000123LL);
    CHECK(t.width == 1920 && t.height == 1080);
    CHECK(t.root_pid == 4321 && t.root_start == 9876543210ULL);

    /* Saving again overwrites (atomically, no .tmp left behind). */
    snprintf(s.state, sizeof s.state, "running");
    CHECK(glcr_session_save(&s, err, sizeof err));
    CHECK(glcr_session_load("gears", &t, err, sizeof err));
    CHECK(strcmp(t.state, "running") == 0);
    char tmp[PATH_MAX];
    glcr_session_path(&s, "info.tmp", tmp, sizeof tmp);
    CHECK(access(tmp, F_OK) != 0);

    /* The same name twice fails with a message naming it. */
    struct glcr_session dup;
    memset(&dup, 0, sizeof dup);
    snprintf(dup.name, sizeof dup.name, "gears");
    err[0] = 0;
    CHECK(!glcr_session_create(&dup, err, sizeof err));
    CHECK(strstr(err, "gears") != NULL);
    CHECK(strstr(err, "already exists") != NULL);

    /* Loading what does not exist, or an invalid name, fails with a message. */
    err[0] = 0;
    CHECK(!glcr_session_load("nosuch", &t, err, sizeof err));
    CHECK(strstr(err, "nosuch") != NULL);
    err[0] = 0;
    CHECK(!glcr_session_load("../gears", &t, err, sizeof err));
    CHECK(err[0] != 0);

    /* The session list sees it. */
    char **names;
    int n = glcr_session_list(&names);
    CHECK(n == 1 && strcmp(names[0], "gears") == 0);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static void make_dir(const struct glcr_session *s, const char *rel)
{
    char path[PATH_MAX];
    glcr_session_path(s, rel, path, sizeof path);
    CHECK_MSG(mkdir(path, 0700) == 0, "mkdir %s: %s", path, strerror(errno));
}

static void test_snapshot_latest(void)
{
    char err[512], id[64];
    struct glcr_session s;
    memset(&s, 0, sizeof s);
    snprintf(s.name, sizeof s.name, "snaps");
    CHECK_MSG(glcr_session_create(&s, err, sizeof err), "%s", err);
    CHECK(!glcr_snapshot_latest(&s, id, sizeof id)); /* none yet */
    make_dir(&s, "snapshots/0002");
    make_dir(&s, "snapshots/0001");
    make_dir(&s, "snapshots/.partial-0003"); /* in progress: ignored */
    char file[PATH_MAX];
    glcr_session_path(&s, "snapshots/0009", file, sizeof file);
    CHECK(glcr_write_file(file, "not a snapshot\n")); /* a file, not a snapshot directory */
    CHECK(glcr_snapshot_latest(&s, id, sizeof id));
    CHECK_MSG(strcmp(id, "0002") == 0, "latest is '%s'", id);
    char **ids;
    int n = glcr_snapshot_list(&s, &ids);
    CHECK(n == 2 && strcmp(ids[0], "0001") == 0 && strcmp(ids[1], "0002") == 0);
    for (int i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    make_dir(&s, "snapshots/0010");
    CHECK(glcr_snapshot_latest(&s, id, sizeof id));
    CHECK(strcmp(id, "0010") == 0);
}

static void test_lock(void)
{
    char err[512];
    struct glcr_session s;
    memset(&s, 0, sizeof s);
    snprintf(s.name, sizeof s.name, "locked");
    CHECK_MSG(glcr_session_create(&s, err, sizeof err), "%s", err);
    int fd = glcr_session_lock(&s, false, err, sizeof err);
    CHECK_MSG(fd >= 0, "%s", err);
    err[0] = 0;
    CHECK(glcr_session_lock(&s, false, err, sizeof err) == -1);
    CHECK(strstr(err, "busy") != NULL && strstr(err, "locked") != NULL);
    close(fd);
    int fd2 = glcr_session_lock(&s, false, err, sizeof err);
    CHECK_MSG(fd2 >= 0, "%s", err); /* free again once the holder closed it */
    close(fd2);
    /* A session directory that does not exist cannot be locked. */
    struct glcr_session gone;
    memset(&gone, 0, sizeof gone);
    snprintf(gone.name, sizeof gone.name, "gone");
    snprintf(gone.dir, sizeof gone.dir, "%s/sessions/gone", base);
    err[0] = 0;
    CHECK(glcr_session_lock(&gone, false, err, sizeof err) == -1);
    CHECK(strstr(err, "cannot open") != NULL);
}

static void test_wait_pid_gone(void)
{
    CHECK(glcr_process_start_time(getpid()) != 0);
    CHECK(glcr_process_start_time(0) == 0);

    pid_t quick = fork();
    CHECK(quick >= 0);
    if (quick == 0)
        _exit(0);
    CHECK(glcr_wait_pid_gone(quick, 5000)); /* a zombie counts as gone */
    int status;
    CHECK(waitpid(quick, &status, 0) == quick);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(glcr_wait_pid_gone(quick, 0)); /* reaped: gone for good */

    pid_t slow = fork();
    CHECK(slow >= 0);
    if (slow == 0) {
        sleep(30);
        _exit(0);
    }
    double t0 = glcr_now_ms();
    bool gone = glcr_wait_pid_gone(slow, 200);
    double waited = glcr_now_ms() - t0;
    kill(slow, SIGKILL);
    CHECK(waitpid(slow, &status, 0) == slow);
    CHECK(!gone);
    CHECK_MSG(waited >= 190 && waited < 5000, "waited %.0f ms", waited);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_base(void)
{
    nftw(base, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
    const char *tmpdir = getenv("TMPDIR");
    snprintf(base, sizeof base, "%s/glcr-unit-session-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    CHECK(mkdtemp(base) != NULL);
    atexit(remove_base); /* also after a failed CHECK */
    glcr_sessions_set_base(base);
    CHECK(strcmp(glcr_sessions_base(), base) == 0);

    RUN(test_name_valid);
    RUN(test_create_save_load);
    RUN(test_snapshot_latest);
    RUN(test_lock);
    RUN(test_wait_pid_gone);
    DONE();
}
