/* Process checkpointers glcr drives. The GL layer never sees them: the app's agent only
 * knows PREPARE and RESUME; an engine saves and restores the whole session process tree
 * (virtual X server + app) between the two. */
#ifndef GLCR_ENGINE_ENGINE_H
#define GLCR_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct glcr_engine {
    const char *name;
    /* The engine can run here; otherwise one line saying what is missing. */
    bool (*available)(char *err, size_t err_len);
    /* Saves the tree rooted at `root` into image_dir (which exists and is empty). The tree
     * is killed afterwards unless leave_running. */
    bool (*dump)(pid_t root, const char *image_dir, bool leave_running, char *err, size_t err_len);
    /* Brings a saved tree back, detached; its root's pid in *root. */
    bool (*restore)(const char *image_dir, pid_t *root, char *err, size_t err_len);
};

extern const struct glcr_engine glcr_engine_criu;

/* Called about every 100 ms while the engine works (progress display); NULL for none. */
void glcr_engine_set_progress(void (*fn)(void *arg), void *arg);

/* The criu binary glcr uses: GLCR_CRIU, the build's default, then criu in PATH. */
const char *glcr_criu_path(void);

#endif
