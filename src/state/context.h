/* GL contexts and share groups as glcr tracks them. These structures live in upper-half
 * memory: they are what survives a driver reload and what replay rebuilds from. */
#ifndef GLCR_STATE_CONTEXT_H
#define GLCR_STATE_CONTEXT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "glcr_gl.h"
#include "state/lists.h"
#include "state/mappings.h"
#include "state/names.h"
#include "winsys/egl.h"

struct glcr_drawable;
struct glcr_fbconfig;
struct glcr_ctx_snapshot;
struct glcr_share_snapshot;
struct glcr_programs_snapshot;
struct glcr_vertex_arrays_snapshot;
struct glcr_samplers_snapshot;
struct glcr_sampler_units;
struct glcr_buffer_bindings;
struct glcr_pipelines_snapshot;
struct glcr_renderbuffers_snapshot;
struct glcr_framebuffers_snapshot;

struct glcr_share_group {
    unsigned id;
    int context_count;
    pthread_mutex_t lock;              /* object creation/deletion, private context use */
    struct glcr_name_table names[GLCR_OBJ_SHARED_COUNT];
    struct glcr_list_store lists;
    struct glcr_share_maps maps;       /* its mapped buffers */
    EGLContext private_ctx;            /* glcr's own context: read-back, presentation */
    GLuint private_fbo[2];             /* read / draw framebuffers of private_ctx */
    struct glcr_share_snapshot *snap;  /* object contents taken at checkpoint */
    struct glcr_programs_snapshot *programs; /* link results and uniforms, likewise */
    struct glcr_samplers_snapshot *samplers; /* sampler parameters, likewise */
    struct glcr_renderbuffers_snapshot *renderbuffers; /* formats and contents, likewise */
    struct glcr_share_group *next;
};

/* The default framebuffer of a context is emulated by an FBO per bound drawable. */
struct glcr_ctx_fbo {
    struct glcr_drawable *drawable;
    GLuint fbo;                        /* real name in this context */
    unsigned generation;               /* drawable->generation when attached */
    GLuint resolved_fbo;               /* multisample drawable: on its resolved texture, for */
    unsigned resolved_generation;      /* the app's reads (glReadPixels, glCopyTexImage...) */
};

#define GLCR_CTX_FBOS 4

/* glPushAttrib/glPushClientAttrib levels as the app executed them (attribstack.c). 16 is
 * what GL requires at least and Mesa offers; deeper pushes are refused at checkpoint. */
#define GLCR_ATTRIB_STACK_MAX 16

struct glcr_attrib_level {
    GLbitfield mask;
    /* What glcr emulates of the groups, as it was at the push: the driver's list base stays
     * 0, and the driver sees its own buffers for the default framebuffer's. */
    GLuint list_base;
    GLenum default_draw_buffer, default_read_buffer;
    bool draw_default, read_default;   /* framebuffer 0 was bound at the push */
    GLboolean color_mask0[4];          /* the app's color mask of draw buffer 0 ... */
    bool alpha_forced;                 /* ... and whether the driver's had alpha off (alphapad.c) */
};

struct glcr_attrib_snapshot;
struct glcr_ctx_snapshot;

struct glcr_attrib_stacks {
    struct glcr_attrib_level server[GLCR_ATTRIB_STACK_MAX], client[GLCR_ATTRIB_STACK_MAX];
    unsigned server_depth, client_depth;
    struct glcr_attrib_snapshot *snap;         /* every level's state, read at checkpoint */
    const struct glcr_ctx_snapshot *replayed;  /* the level the replay set last, NULL: none */
};

struct glcr_context {
    unsigned id;
    EGLContext egl;
    struct glcr_share_group *share;
    struct glcr_context_attribs attribs;
    const struct glcr_fbconfig *config;
    bool legacy;                       /* compatibility profile: fixed-function state exists */
    struct glcr_drawable *draw, *read; /* bound GLX drawables, NULL = none */
    pid_t bound_tid;                   /* thread it is current on, 0 = none */
    bool let_go;                       /* not held in the driver by that thread (gate.c) */
    bool ever_bound;                   /* viewport/scissor initialised from a drawable */
    bool destroy_pending;              /* glXDestroyContext while current */
    GLuint app_draw_fbo, app_read_fbo; /* app's binding: virtual FBO name, 0 = default */
    GLenum default_draw_buffer;        /* GL_BACK/GL_FRONT/... for the default framebuffer */
    GLenum default_read_buffer;
    GLboolean color_mask0[4];          /* the app's color mask of draw buffer 0 */
    bool alpha_forced;                 /* the driver's has alpha off: an alpha-padded window is
                                          the draw framebuffer (alphapad.c) */
    struct glcr_ctx_fbo fbos[GLCR_CTX_FBOS];
    struct glcr_name_table names[GLCR_OBJ_CONTEXT_COUNT]; /* container objects */
    GLenum pending_error;              /* a GL error the app had not read at checkpoint */
    GLuint list_base;                  /* glListBase: applied by glcr, the driver's stays 0 */
    unsigned lists_closed;             /* checkpoints that closed a list the driver compiled */
    GLDEBUGPROC debug_callback;        /* the app's, called through a trampoline */
    const void *debug_user;
    struct glcr_ctx_snapshot *snap;
    struct glcr_vertex_arrays_snapshot *vertex_arrays; /* VAOs, VAO 0 included */
    struct glcr_sampler_units *sampler_units;          /* sampler bound to each texture unit */
    struct glcr_buffer_bindings *buffer_bindings;      /* indexed (UBO, SSBO...) and generic */
    struct glcr_pipelines_snapshot *pipelines;          /* program pipelines and the binding */
    GLuint conditional_render_query;   /* virtual query of glBeginConditionalRender, 0 = none */
    GLenum conditional_render_mode;
    struct glcr_framebuffers_snapshot *framebuffers; /* the context's FBOs at checkpoint */
    char *extensions;                  /* " ext1 ext2 ... ": what the app's first driver offered */
    struct glcr_attrib_stacks attrib;  /* glPushAttrib and glPushClientAttrib levels */
    struct glcr_context *next;
};

/* Per-thread state. Initial-exec TLS: libglcr is preloaded, so static TLS is available. */
struct glcr_thread {
    struct glcr_context *ctx;
    pid_t tid;
    /* Split lower half: the TCB lent to this thread and this thread's own FS base. */
    unsigned lower_generation;
    uint64_t lower_fs, upper_fs;
};
extern __thread struct glcr_thread glcr_self __attribute__((tls_model("initial-exec")));

static inline struct glcr_context *glcr_current(void)
{
    return glcr_self.ctx;
}

static inline struct glcr_share_group *glcr_current_share(void)
{
    return glcr_self.ctx ? glcr_self.ctx->share : NULL;
}

/* Registry (all contexts and groups, guarded by one lock: creation is rare). */
extern pthread_mutex_t glcr_registry_lock;
extern struct glcr_context *glcr_contexts;
extern struct glcr_share_group *glcr_share_groups;

struct glcr_context *glcr_context_create(const struct glcr_context_attribs *attribs,
                                         const struct glcr_fbconfig *config,
                                         struct glcr_context *share_with, char *err, size_t err_len);
void glcr_context_destroy(struct glcr_context *ctx);
bool glcr_context_is_valid(const struct glcr_context *ctx);
/* Makes ctx (may be NULL) current on this thread, in EGL and in glcr_self. */
bool glcr_context_make_current(struct glcr_context *ctx);
/* The share group's private context, created on first use. Caller holds share->lock. */
bool glcr_share_private_current(struct glcr_share_group *share);
pid_t glcr_gettid(void);

#endif
