/* A tracker owns one kind of GL state: it reads it back at checkpoint (save), rebuilds it in
 * a fresh driver (restore), and can check the rebuilt state against what it saved (verify,
 * GLCR_VERIFY). Share-group trackers run with the group's private context current (desktop
 * GL, compatibility profile, so that every query and upload exists), except that a tracker
 * marked restore_in_app_api restores with a member context current (shaders are written in
 * the language of the app's API); glcr_current() is that member either way. Context trackers
 * run with their context borrowed by the calling thread. checkpoint.c runs them in the order of
 * glcr_trackers: dependencies first (objects before the programs that sample them, everything
 * before the per-context bindings). Any function may be NULL. */
#ifndef GLCR_STATE_TRACKER_H
#define GLCR_STATE_TRACKER_H

#include <stdbool.h>
#include <stddef.h>

struct glcr_share_group;
struct glcr_context;

struct glcr_tracker {
    const char *name;
    bool restore_in_app_api;
    bool (*save_share)(struct glcr_share_group *g, char *err, size_t err_len);
    bool (*restore_share)(struct glcr_share_group *g, char *err, size_t err_len);
    int (*verify_share)(struct glcr_share_group *g);
    void (*free_share)(struct glcr_share_group *g);
    size_t (*bytes_share)(const struct glcr_share_group *g);
    bool (*save_context)(struct glcr_context *c, char *err, size_t err_len);
    bool (*restore_context)(struct glcr_context *c, char *err, size_t err_len);
    int (*verify_context)(struct glcr_context *c);
    void (*free_context)(struct glcr_context *c);
    size_t (*bytes_context)(const struct glcr_context *c);
    /* The checkpoint failed after save_context ran and the driver stays: undo what save did
     * to it (called with c borrowed). */
    void (*abort_context)(struct glcr_context *c);
};

extern const struct glcr_tracker glcr_tracker_objects, glcr_tracker_programs,
    glcr_tracker_drawables, glcr_tracker_lists, glcr_tracker_ctxstate;
extern const struct glcr_tracker glcr_tracker_syncs;
extern const struct glcr_tracker glcr_tracker_vertex_arrays;
extern const struct glcr_tracker glcr_tracker_samplers;
extern const struct glcr_tracker glcr_tracker_buffer_bindings;
extern const struct glcr_tracker glcr_tracker_queries;
extern const struct glcr_tracker glcr_tracker_pipelines;
extern const struct glcr_tracker glcr_tracker_renderbuffers, glcr_tracker_framebuffers;
extern const struct glcr_tracker glcr_tracker_mappings;
extern const struct glcr_tracker glcr_tracker_attrib_stacks;

/* All trackers, in restore order, NULL-terminated. */
extern const struct glcr_tracker *const glcr_trackers[];

#endif
