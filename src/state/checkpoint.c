#include "state/checkpoint.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/clock.h"
#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "lower/callbacks.h"
#include "lower/driver_half.h"
#include "state/context.h"
#include "state/gate.h"
#include "state/get.h"
#include "state/lists.h"
#include "state/programs.h"
#include "state/tracker.h"
#include "winsys/drawable.h"
#include "winsys/fbconfig.h"

static const char *state = "running";
static bool driver_kept;      /* prepared with the driver half left loaded, out of the image */
static double gate_closed_at; /* when the last checkpoint began: the app's pause */

/* The pause an app sees during a leave-running snapshot: from its last frame before the gate
 * closed to its first frame after the gate opened again (driver boot, replay and the first
 * frame's work included), and from the end of a resume to the next frame. Kept in
 * nanoseconds of CLOCK_MONOTONIC; 0 = not measured yet. */
static _Atomic uint64_t last_frame_ns, pause_began_ns, resumed_ns;
static _Atomic bool pause_open, resume_open;
static _Atomic uint64_t last_pause_ns, resume_to_frame_ns;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* What the process holds, for the log line after each resume: reloads must not grow it. */
struct footprint {
    long rss_kib;
    int mappings, threads, fds;
};

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static struct footprint process_footprint(void)
{
    struct footprint f = {0};
    FILE *m = fopen("/proc/self/statm", "re");
    long pages = 0, resident = 0;
    if (m && fscanf(m, "%ld %ld", &pages, &resident) == 2)
        f.rss_kib = resident * (sysconf(_SC_PAGESIZE) / 1024);
    if (m)
        fclose(m);
    FILE *maps = fopen("/proc/self/maps", "re");
    for (int c; maps && (c = fgetc(maps)) != EOF;)
        f.mappings += c == '\n';
    if (maps)
        fclose(maps);
    f.threads = count_entries("/proc/self/task");
    f.fds = count_entries("/proc/self/fd");
    return f;
}

/* Makes ctx current on this (agent) thread without touching its app binding. */
static bool borrow(struct glcr_context *ctx)
{
    glcr_self.ctx = ctx;
    return glcr_egl_make_current(ctx ? ctx->egl : EGL_NO_CONTEXT);
}

static struct glcr_context *member_of(struct glcr_share_group *g)
{
    for (struct glcr_context *c = glcr_contexts; c; c = c->next)
        if (c->share == g)
            return c;
    return NULL;
}

const struct glcr_tracker *const glcr_trackers[] = {
    &glcr_tracker_mappings, &glcr_tracker_objects, &glcr_tracker_programs, &glcr_tracker_drawables,
    &glcr_tracker_lists,
    &glcr_tracker_syncs,
    &glcr_tracker_vertex_arrays,
    &glcr_tracker_samplers,
    &glcr_tracker_buffer_bindings,
    &glcr_tracker_queries,
    &glcr_tracker_pipelines,
    &glcr_tracker_renderbuffers, &glcr_tracker_framebuffers,
    &glcr_tracker_attrib_stacks, /* its levels go under the context state */
    &glcr_tracker_ctxstate, NULL,
};

#define FOR_EACH_TRACKER(t) for (const struct glcr_tracker *const *t = glcr_trackers; *t; t++)

static void free_snapshots(void)
{
    FOR_EACH_TRACKER(t) {
        for (struct glcr_context *c = glcr_contexts; c && (*t)->free_context; c = c->next)
            (*t)->free_context(c);
        for (struct glcr_share_group *g = glcr_share_groups; g && (*t)->free_share; g = g->next)
            (*t)->free_share(g);
    }
}

/* A checkpoint failed before the driver went: trackers undo what their save did to it. */
static void abort_saves(void)
{
    for (struct glcr_context *c = glcr_contexts; c; c = c->next)
        FOR_EACH_TRACKER(t)
            if ((*t)->abort_context && borrow(c))
                (*t)->abort_context(c);
}

static bool save_share_group(struct glcr_share_group *g, size_t *bytes, char *err, size_t err_len)
{
    pthread_mutex_lock(&g->lock);
    bool ok = glcr_share_private_current(g);
    FOR_EACH_TRACKER(t) {
        if (ok && (*t)->save_share && !(*t)->save_share(g, err, err_len))
            ok = false;
        if (ok && (*t)->bytes_share)
            *bytes += (*t)->bytes_share(g);
    }
    pthread_mutex_unlock(&g->lock);
    return ok;
}

/* The current context's extensions as " ext1 ext2 ... " (malloc'ed), NULL when out of memory. */
static char *current_extensions(void)
{
    GLint n = 0;
    glcr_driver.GetIntegerv(GL_NUM_EXTENSIONS, &n);
    bool indexed = glcr_driver.GetError() == GL_NO_ERROR && n > 0;
    size_t len = 2, cap = 4096;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    strcpy(out, " ");
    const char *all = indexed ? NULL : (const char *)glcr_driver.GetString(GL_EXTENSIONS);
    for (GLint i = 0; indexed ? i < n : i < 1; i++) {
        const char *name = indexed ? (const char *)glcr_driver.GetStringi(GL_EXTENSIONS, (GLuint)i) : all;
        size_t add = name ? strlen(name) + 1 : 0;
        if (len + add + 1 > cap) {
            cap = (len + add + 1) * 2;
            char *grown = realloc(out, cap);
            if (!grown) {
                free(out);
                return NULL;
            }
            out = grown;
        }
        if (name) {
            strcat(out, name);
            strcat(out, " ");
            len += add;
        }
    }
    glcr_drain_errors();
    return out;
}

/* GLCR_TEST_FAULT=hide-extension:NAME, a test hook: after a restore, the driver is taken to
 * lack NAME, as another machine's driver might. */
static const char *hidden_extension(bool restored)
{
    const char *fault = getenv("GLCR_TEST_FAULT");
    return restored && fault && strncmp(fault, "hide-extension:", 15) == 0 ? fault + 15 : NULL;
}

/* Every extension the app's first driver offered the context must be there in this one: the
 * app may use any of them, and replaying onto a driver without it would go wrong later, not
 * now. err names the missing ones. */
static bool extensions_present(const struct glcr_context *c, bool restored, char *err, size_t err_len)
{
    if (!c->extensions)
        return true;
    char *now = current_extensions();
    if (!now)
        return true;
    const char *hide = hidden_extension(restored);
    char missing[512] = "";
    int count = 0;
    for (const char *p = c->extensions; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (!n)
            break;
        char name[256];
        snprintf(name, sizeof name, " %.*s ", (int)(n < 250 ? n : 250), p);
        bool hidden = hide && strlen(hide) == n && strncmp(hide, p, n) == 0;
        if (hidden || !strstr(now, name)) {
            if (count++ < 4)
                snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%.*s", count > 1 ? ", " : "",
                         (int)n, p);
        }
        p += n;
    }
    free(now);
    if (count)
        snprintf(err, err_len, "context %u: this GL driver lacks %s%s, which the driver the app started with "
                 "offered (the app may use %s): restore where the driver has %s", c->id, missing,
                 count > 4 ? " and more" : "", count > 1 ? "them" : "it", count > 1 ? "them" : "it");
    return count == 0;
}

static bool snapshot_all(struct glcr_prepare_report *r, char *err, size_t err_len)
{
    for (struct glcr_context *c = glcr_contexts; c; c = c->next) {
        if (!borrow(c))
            return false;
        if (!c->extensions)
            c->extensions = current_extensions();
        FOR_EACH_TRACKER(t) {
            if ((*t)->save_context && !(*t)->save_context(c, err, err_len))
                return false;
            if ((*t)->bytes_context)
                r->gl_bytes += (*t)->bytes_context(c);
        }
        r->contexts++;
    }
    for (struct glcr_share_group *g = glcr_share_groups; g; g = g->next)
        if (!borrow(member_of(g)) || !save_share_group(g, &r->gl_bytes, err, err_len))
            return false;
    return true;
}

static bool teardown_driver(char *err, size_t err_len)
{
    borrow(NULL);
    for (struct glcr_share_group *g = glcr_share_groups; g; g = g->next) {
        if (g->private_ctx != EGL_NO_CONTEXT)
            glcr_egl.DestroyContext(glcr_egl.display, g->private_ctx);
        g->private_ctx = EGL_NO_CONTEXT;
        for (int t = 0; t < GLCR_OBJ_SHARED_COUNT; t++)
            glcr_names_clear_real(&g->names[t]);
    }
    for (struct glcr_context *c = glcr_contexts; c; c = c->next) {
        glcr_egl.DestroyContext(glcr_egl.display, c->egl);
        c->egl = EGL_NO_CONTEXT;
        for (int t = 0; t < GLCR_OBJ_CONTEXT_COUNT; t++)
            glcr_names_clear_real(&c->names[t]);
    }
    glcr_drawables_drop_driver_objects();
    return glcr_egl_close(err, err_len);
}

/* The driver is gone with the process image it was left out of: forget every handle into
 * it, as teardown_driver does after destroying them. */
static void driver_lost(void)
{
    glcr_self.ctx = NULL;
    for (struct glcr_share_group *g = glcr_share_groups; g; g = g->next) {
        g->private_ctx = EGL_NO_CONTEXT;
        for (int t = 0; t < GLCR_OBJ_SHARED_COUNT; t++)
            glcr_names_clear_real(&g->names[t]);
    }
    for (struct glcr_context *c = glcr_contexts; c; c = c->next) {
        c->egl = EGL_NO_CONTEXT;
        for (int t = 0; t < GLCR_OBJ_CONTEXT_COUNT; t++)
            glcr_names_clear_real(&c->names[t]);
    }
    glcr_drawables_drop_driver_objects();
    glcr_egl_forget();
}

bool glcr_checkpoint_prepare(bool keep_driver, struct glcr_prepare_report *r, char *err, size_t err_len)
{
    memset(r, 0, sizeof *r);
    const char *taint = glcr_tainted_by();
    if (taint) {
        snprintf(err, err_len, "the app uses GL state glcr cannot restore yet: %s", taint);
        return false;
    }
    if (strcmp(state, "running") != 0) {
        snprintf(err, err_len, "a checkpoint is already in progress (state: %s)", state);
        return false;
    }
    double t0 = glcr_now_ms();
    if (!glcr_gate_quiesce(err, err_len))
        return false;
    gate_closed_at = t0;
    double t1 = glcr_now_ms();
    /* Every thread is parked: no frame comes between this one and the resume. */
    uint64_t last = atomic_load(&last_frame_ns);
    atomic_store(&pause_began_ns, last ? last : now_ns());
    pthread_mutex_lock(&glcr_registry_lock);
    bool ok = !glcr_egl_is_open() || snapshot_all(r, err, err_len);
    if (!ok) {
        abort_saves();
        free_snapshots();
        borrow(NULL);
        pthread_mutex_unlock(&glcr_registry_lock);
        glcr_gate_open();
        return false;
    }
    double t2 = glcr_now_ms();
    if (keep_driver && glcr_egl_is_open()) {
        /* The checkpointer leaves the driver half out of its image: it stays loaded, and a
         * snapshot that lets the app go on needs no reload. */
        borrow(NULL);
        driver_kept = glcr_lower_mark_out_of_image();
    }
    char why[512] = "";
    if (!driver_kept && glcr_egl_is_open() && !teardown_driver(why, sizeof why)) {
        /* The driver is gone but could not be removed: the app goes on with a fresh one,
         * and this process image is not one a checkpointer may take. */
        pthread_mutex_unlock(&glcr_registry_lock);
        state = "prepared";
        struct glcr_resume_report rr;
        char resume_err[256] = "";
        bool resumed = glcr_checkpoint_resume(false, &rr, resume_err, sizeof resume_err);
        snprintf(err, err_len, "cannot remove the GL driver: %s%s%s", why,
                 resumed ? "; the app continues with a fresh driver" : "; resuming failed too: ",
                 resumed ? "" : resume_err);
        return false;
    }
    pthread_mutex_unlock(&glcr_registry_lock);
    double t3 = glcr_now_ms();
    r->quiesce_ms = t1 - t0;
    r->snapshot_ms = t2 - t1;
    r->teardown_ms = driver_kept ? 0 : t3 - t2;
    r->driver_kept = driver_kept;
    state = "prepared";
    log_info("prepared: %u contexts, %zu bytes of GL state, quiesce %.1f ms, read-back %.1f ms, %s %.1f ms",
             r->contexts, r->gl_bytes, r->quiesce_ms, r->snapshot_ms,
             driver_kept ? "driver left loaded (out of the image)" : "teardown", t3 - t2);
    return true;
}

static bool recreate_contexts(char *err, size_t err_len)
{
    for (struct glcr_share_group *g = glcr_share_groups; g; g = g->next) {
        EGLContext first = EGL_NO_CONTEXT;
        for (struct glcr_context *c = glcr_contexts; c; c = c->next) {
            if (c->share != g)
                continue;
            c->egl = glcr_egl_create_context(&c->attribs, first, err, err_len);
            if (c->egl == EGL_NO_CONTEXT)
                return false;
            if (first == EGL_NO_CONTEXT)
                first = c->egl;
        }
    }
    return true;
}

static bool verifying(void)
{
    const char *verify = getenv("GLCR_VERIFY");
    return verify && (*verify == '1' || *verify == '2');
}

static bool verify_share_group(struct glcr_share_group *g, char *err, size_t err_len)
{
    int bad = 0;
    pthread_mutex_lock(&g->lock);
    bool current = glcr_share_private_current(g);
    FOR_EACH_TRACKER(t)
        if ((*t)->verify_share)
            bad += current ? (*t)->verify_share(g) : 1;
    pthread_mutex_unlock(&g->lock);
    if (bad)
        snprintf(err, err_len, "share group %u: replayed state differs from the snapshot (see log)", g->id);
    return bad == 0;
}

static const char *gl_error_name(GLenum e)
{
    switch (e) {
    case GL_INVALID_ENUM: return "GL_INVALID_ENUM";
    case GL_INVALID_VALUE: return "GL_INVALID_VALUE";
    case GL_INVALID_OPERATION: return "GL_INVALID_OPERATION";
    case GL_STACK_OVERFLOW: return "GL_STACK_OVERFLOW";
    case GL_STACK_UNDERFLOW: return "GL_STACK_UNDERFLOW";
    case GL_OUT_OF_MEMORY: return "GL_OUT_OF_MEMORY";
    case GL_INVALID_FRAMEBUFFER_OPERATION: return "GL_INVALID_FRAMEBUFFER_OPERATION";
    default: return "a GL error";
    }
}

/* One step of the replay (a tracker, for a share group or a context) went through without
 * a GL error; otherwise err names the step, the error and, from the driver's debug output,
 * the call. A tracker's own failure gets the driver's words added. */
static bool replay_step(bool ok, const char *tracker, const char *what, unsigned id, char *err, size_t err_len)
{
    GLenum e = ok ? glcr_driver.GetError() : GL_NO_ERROR;
    const char *said = glcr_callbacks_replay_error();
    if (ok && e == GL_NO_ERROR)
        return true;
    if (ok)
        snprintf(err, err_len, "replaying the %s of %s %u raised %s%s%s", tracker, what, id, gl_error_name(e),
                 said[0] ? ": " : "", said);
    else if (said[0] && !strstr(err, said))
        snprintf(err + strlen(err), err_len - strlen(err), " (%s)", said);
    return false;
}

/* GLCR_TEST_FAULT=replay-gl-error, a test hook: the replay after a restore makes a call the
 * driver refuses, to show that a failing replay is reported and never rendered from. */
static bool replay_fault_armed(bool restored)
{
    const char *fault = getenv("GLCR_TEST_FAULT");
    return restored && fault && strcmp(fault, "replay-gl-error") == 0;
}

static bool replay_all(bool restored, char *err, size_t err_len)
{
    if (!recreate_contexts(err, err_len))
        return false;
    for (struct glcr_share_group *g = glcr_share_groups; g; g = g->next) {
        /* Objects are rebuilt in glcr's private context (desktop GL, compatibility profile:
         * every entry point exists there, whatever API or profile the app's contexts have);
         * hooks called by the replay see a member of the group as the current context. */
        struct glcr_context *member = member_of(g);
        FOR_EACH_TRACKER(t) {
            if (!(*t)->restore_share)
                continue;
            glcr_self.ctx = member;
            bool current = (*t)->restore_in_app_api ? borrow(member) : glcr_share_private_current(g);
            if (!current)
                return false;
            glcr_callbacks_watch_replay();
            if (!replay_step((*t)->restore_share(g, err, err_len), (*t)->name, "share group", g->id, err,
                             err_len))
                return false;
        }
        if (verifying() && !verify_share_group(g, err, err_len))
            return false;
    }
    bool inject = replay_fault_armed(restored);
    for (struct glcr_context *c = glcr_contexts; c; c = c->next) {
        if (!borrow(c))
            return false;
        if (!extensions_present(c, restored, err, err_len))
            return false;
        glcr_callbacks_watch_replay();
        FOR_EACH_TRACKER(t) {
            if (!(*t)->restore_context)
                continue;
            bool ok = (*t)->restore_context(c, err, err_len);
            if (inject) { /* as if the tracker's last call had been refused */
                glcr_driver.Enable(0xFFFF); /* no such capability */
                inject = false;
            }
            if (!replay_step(ok, (*t)->name, "context", c->id, err, err_len))
                return false;
        }
        glcr_bind_default_framebuffers(c, GL_FRAMEBUFFER);
        glcr_callbacks_restore(c);
        int bad = 0;
        FOR_EACH_TRACKER(t)
            if (verifying() && (*t)->verify_context)
                bad += (*t)->verify_context(c);
        if (bad) {
            snprintf(err, err_len, "context %u: replayed state differs from the snapshot (see log)", c->id);
            return false;
        }
    }
    borrow(NULL);
    free_snapshots();
    return true;
}

bool glcr_checkpoint_resume(bool restored, struct glcr_resume_report *r, char *err, size_t err_len)
{
    memset(r, 0, sizeof *r);
    if (strcmp(state, "prepared") != 0) {
        snprintf(err, err_len, "nothing to resume (state: %s)", state);
        return false;
    }
    state = "resuming";
    double t0 = glcr_now_ms();
    pthread_mutex_lock(&glcr_registry_lock);
    bool kept = driver_kept;
    driver_kept = false;
    if (kept) {
        glcr_lower_unmark_out_of_image();
        if (!restored) {
            /* The same driver goes on: nothing to rebuild, only the read-back to let go and
             * what the trackers' saves did to the driver (buffers unmapped) to undo. */
            abort_saves();
            borrow(NULL);
            free_snapshots();
            pthread_mutex_unlock(&glcr_registry_lock);
            state = "running";
            r->driver_kept = true;
            r->paused_ms = glcr_now_ms() - gate_closed_at;
            glcr_gate_open();
            log_info("resumed with the same driver; app paused %.1f ms", r->paused_ms);
            return true;
        }
        driver_lost();
    }
    bool need_driver = glcr_contexts != NULL;
    bool ok = !need_driver || glcr_egl_open(err, err_len);
    double t1 = glcr_now_ms();
    ok = ok && (!need_driver || replay_all(restored, err, err_len));
    pthread_mutex_unlock(&glcr_registry_lock);
    double t2 = glcr_now_ms();
    r->boot_ms = t1 - t0;
    r->replay_ms = t2 - t1;
    if (!ok) {
        state = "failed";
        return false;
    }
    state = "running";
    /* A restored process was not running before: its pause is not the app's. */
    atomic_store(&pause_open, !restored);
    atomic_store(&resumed_ns, now_ns());
    atomic_store(&resume_open, true);
    /* In a restored image the clock has moved on by however long the image was stored. */
    r->paused_ms = restored ? 0 : glcr_now_ms() - gate_closed_at;
    glcr_gate_open();
    if (glcr_log_threshold >= GLCR_LOG_INFO) {
        struct footprint f = process_footprint();
        log_info("resumed%s: driver boot %.1f ms, replay %.1f ms; process: %ld KiB resident, %d "
                 "mappings, %d threads, %d descriptors", restored ? " from a snapshot" : "",
                 r->boot_ms, r->replay_ms, f.rss_kib, f.mappings, f.threads, f.fds);
    }
    return true;
}

static size_t name_table_bytes(struct glcr_name_table *t)
{
    /* Grown tables keep their old copies (lock-free readers): at most twice the current. */
    return 2 * ((size_t)glcr_names_capacity(t) * sizeof(struct glcr_object) +
                (size_t)atomic_load(&t->real_capacity) * sizeof(GLuint));
}

size_t glcr_record_bytes(void)
{
    size_t total = glcr_programs_record_bytes();
    pthread_mutex_lock(&glcr_registry_lock);
    for (struct glcr_share_group *g = glcr_share_groups; g; g = g->next) {
        pthread_mutex_lock(&g->lock);
        total += glcr_lists_bytes(&g->lists);
        for (int t = 0; t < GLCR_OBJ_SHARED_COUNT; t++)
            total += name_table_bytes(&g->names[t]);
        pthread_mutex_unlock(&g->lock);
    }
    for (struct glcr_context *c = glcr_contexts; c; c = c->next)
        for (int t = 0; t < GLCR_OBJ_CONTEXT_COUNT; t++)
            total += name_table_bytes(&c->names[t]);
    pthread_mutex_unlock(&glcr_registry_lock);
    return total;
}

const char *glcr_checkpoint_state(void)
{
    return state;
}

/* GLCR_RELOAD_KEEP=1: the reload hook goes through a checkpoint that keeps the driver (as
 * DMTCP's leave-running snapshots do), to test that reading state back leaves it intact. */
static bool reload_keeps_driver(void)
{
    const char *env = getenv("GLCR_RELOAD_KEEP");
    return env && *env == '1';
}

/* A full driver reload from an app thread that holds a current context (GLCR_RELOAD_EVERY):
 * the thread counts as parked, does what the agent does for PREPARE and RESUME, and takes
 * its context back. */
bool glcr_checkpoint_reload_here(char *err, size_t err_len)
{
    struct glcr_context *self = glcr_self.ctx;
    struct glcr_prepare_report pr;
    struct glcr_resume_report rr;
    glcr_gate_park_self();
    bool ok = glcr_checkpoint_prepare(reload_keeps_driver(), &pr, err, err_len) &&
              glcr_checkpoint_resume(false, &rr, err, err_len);
    glcr_self.ctx = self; /* the agent's work borrowed other contexts on this thread */
    glcr_gate_unpark_self();
    return ok;
}

double glcr_checkpoint_last_pause_ms(void)
{
    return (double)atomic_load(&last_pause_ns) / 1e6;
}

double glcr_checkpoint_resume_to_frame_ms(void)
{
    return (double)atomic_load(&resume_to_frame_ns) / 1e6;
}

long long glcr_checkpoint_idle_ms(void)
{
    uint64_t last = atomic_load(&last_frame_ns);
    return last ? (long long)((now_ns() - last) / 1000000) : -1;
}

/* GLCR_RELOAD_EVERY: a full reload every N frame ends. */
static void reload_point(void)
{
    static long every = -1;
    static atomic_long frames;
    if (every < 0) {
        const char *env = getenv("GLCR_RELOAD_EVERY");
        every = env && atol(env) > 0 ? atol(env) : 0;
    }
    if (!every || (atomic_fetch_add(&frames, 1) + 1) % every != 0)
        return;
    char err[512];
    if (!glcr_checkpoint_reload_here(err, sizeof err)) {
        /* The test hook must never let the app render from state it could not rebuild. */
        log_error("GLCR_RELOAD_EVERY: reload failed: %s; ending the app", err);
        _exit(70);
    }
}

void glcr_checkpoint_frame_presented(void)
{
    uint64_t t = now_ns();
    atomic_store_explicit(&last_frame_ns, t, memory_order_relaxed);
    if (__builtin_expect(atomic_load_explicit(&resume_open, memory_order_relaxed), 0) &&
        atomic_exchange(&resume_open, false)) {
        atomic_store(&resume_to_frame_ns, t - atomic_load(&resumed_ns));
        if (atomic_exchange(&pause_open, false))
            atomic_store(&last_pause_ns, t - atomic_load(&pause_began_ns));
    }
    reload_point();
}

void glcr_checkpoint_finished(void)
{
    if (!atomic_load_explicit(&last_frame_ns, memory_order_relaxed))
        reload_point();
}
