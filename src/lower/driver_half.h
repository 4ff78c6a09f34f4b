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
};

extern const struct glcr_lower_ops glcr_lower_inproc, glcr_lower_split;

/* Selects the implementation from GLCR_DRIVER_HALF (default split) and boots it. */
bool glcr_lower_boot(char *err, size_t err_len);
bool glcr_lower_teardown(char *err, size_t err_len);
bool glcr_lower_switches_fs(void);
bool glcr_lower_booted(void);
const char *glcr_lower_name(void);
void *glcr_lower_egl_proc(const char *name);
/* A GL function from the driver half, NULL if it has none. */
void *glcr_lower_gl_proc(const char *name);

#endif
