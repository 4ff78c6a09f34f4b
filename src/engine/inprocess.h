/* What libglcr offers a checkpointer's plugin that runs inside the app (the DMTCP plugin):
 * the GL layer's two events, and which memory belongs to the driver half. The plugin finds
 * these with dlsym(RTLD_DEFAULT, ...): processes of the session without libglcr (the
 * virtual X server, the session's init) have none of them, and the plugin does nothing
 * there. Plain C types only: the plugin is built apart from libglcr. */
#ifndef GLCR_ENGINE_INPROCESS_H
#define GLCR_ENGINE_INPROCESS_H

#include <stddef.h>
#include <stdint.h>

/* PREPARE (see state/checkpoint.h) with the driver half kept loaded and out of the image
 * where it can be. 1 on success; 0 with one line in err. When glcr checkpoint has prepared
 * the app already (over the control socket), 1 at once. */
typedef int (*glcr_engine_prepare_fn)(char *err, size_t err_len);
#define GLCR_ENGINE_PREPARE "glcr_engine_prepare"

/* RESUME: restored = 0 after the image was written and the same process goes on; 1 in a
 * restored image. 1 on success (also when nothing was prepared and not restored); 0 with
 * one line in err. */
typedef int (*glcr_engine_resume_fn)(int restored, char *err, size_t err_len);
#define GLCR_ENGINE_RESUME "glcr_engine_resume"

/* While the image is written: the first part of [start, end) that belongs in it, in
 * keep_start..keep_end; 0 when all of [start, end) is the driver half's, left out. No
 * allocation and no lock that an app thread could hold: those threads are stopped. */
typedef int (*glcr_engine_image_part_fn)(uint64_t start, uint64_t end, uint64_t *keep_start,
                                         uint64_t *keep_end);
#define GLCR_ENGINE_IMAGE_PART "glcr_engine_image_part"

#endif
