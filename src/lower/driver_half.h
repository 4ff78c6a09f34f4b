/* The driver half: where libEGL and the vendor GL driver live. glcr asks it for EGL and GL
 * function pointers and can drop it (before a checkpoint) and boot it again (after).
 *
 * Implementations (GLCR_DRIVER_HALF selects one):
 *   split   (default) a private dynamic loader and libc in a lower half of the address
 *           space, unmapped completely at teardown and loaded fresh at boot (split.c).
 *   inproc  libEGL dlopen'ed into the app's own namespace; teardown is eglTerminate only,
 *           the library copy stays. For debugging and for measuring the split's cost. */
#ifndef GLCR_LOWER_DRIVER_HALF_H
#define GLCR_LOWER_DRIVER_HALF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct glcr_lower_ops {
    const char *name;
    /* Calls into it need the FS base switched (lower/fsswitch.h). */
    bool switches_fs;
    /* Loads the driver stack; on failure writes one line into err. */
    bool (*boot)(char *err, size_t err_len);
    /* An EGL entry point by name (eglGetProcAddress semantics, core functions included). */
    void *(*egl_proc)(const char *name);
    /* Drops the driver stack; EGL objects must already be destroyed. */
    bool (*teardown)(char *err, size_t err_len);
    /* For a checkpointer that can leave memory out of its image (DMTCP): notes every range
     * the driver half occupies now, so that glcr_lower_image_part can answer while the
     * image is written. False when this driver half cannot be left out (it lives among
     * the app's own mappings); then it must be torn down before the image is taken. */
    bool (*mark_out_of_image)(void);
    /* glcr_lower_image_part for a marked driver half. */
    bool (*image_part)(uint64_t start, uint64_t end, uint64_t *keep_start, uint64_t *keep_end);
    /* The image has been written: the ranges noted above are no longer consulted. */
    void (*unmark_out_of_image)(void);
    /* The process is a restored image that was taken with the driver half left out: its
     * memory, threads and descriptors did not come back. Forgets them without touching the
     * ranges they had (something else may live there now). */
    void (*forget)(void);
};

extern const struct glcr_lower_ops glcr_lower_inproc, glcr_lower_split;

/* Selects the implementation from GLCR_DRIVER_HALF (default split) and boots it. */
bool glcr_lower_boot(char *err, size_t err_len);
bool glcr_lower_teardown(char *err, size_t err_len);
/* See struct glcr_lower_ops. */
bool glcr_lower_mark_out_of_image(void);
void glcr_lower_unmark_out_of_image(void);
void glcr_lower_forget(void);
/* While marked out of the image: the first part of [start, end) that does not belong to the
 * driver half, in keep_start..keep_end; false when all of [start, end) belongs to it. Called
 * by a checkpointer while it writes the image, with the app's threads stopped: no allocation,
 * no lock an app thread could hold. Unmarked, the whole range is kept. */
bool glcr_lower_image_part(uint64_t start, uint64_t end, uint64_t *keep_start, uint64_t *keep_end);
bool glcr_lower_switches_fs(void);
bool glcr_lower_booted(void);
const char *glcr_lower_name(void);
void *glcr_lower_egl_proc(const char *name);
/* A GL function from the driver half, NULL if it has none. */
void *glcr_lower_gl_proc(const char *name);

#endif
