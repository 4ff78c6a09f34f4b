/* inproc driver half: libEGL (GLVND) dlopen'ed in the application's namespace. */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "lower/driver_half.h"

static void *libegl;
static void *(*egl_get_proc_address)(const char *);

/* libEGL.so.1 by name is glcr's own stand-in (preloaded, matched by soname): the system's
 * is looked for where the system's libc lives, or taken from GLCR_LOWER_EGL. A handle that
 * reaches libglcr's anchor symbol is a stand-in. */
static void *open_system_egl(char *err, size_t err_len)
{
    const char *override = getenv("GLCR_LOWER_EGL");
    if (override && *override) {
        void *h = dlopen(override, RTLD_NOW | RTLD_LOCAL);
        if (!h)
            snprintf(err, err_len, "inproc driver half: cannot load GLCR_LOWER_EGL=%s: %s", override, dlerror());
        return h;
    }
    Dl_info libc;
    char dir[PATH_MAX] = "/usr/lib";
    if (dladdr((void *)&free, &libc) && libc.dli_fname && strrchr(libc.dli_fname, '/')) {
        snprintf(dir, sizeof dir, "%s", libc.dli_fname);
        *strrchr(dir, '/') = 0;
    }
    char candidates[3][PATH_MAX + 16];
    snprintf(candidates[0], sizeof candidates[0], "%s/libEGL.so.1", dir);
    snprintf(candidates[1], sizeof candidates[1], "/usr%s/libEGL.so.1", strncmp(dir, "/usr/", 5) ? dir : dir + 4);
    snprintf(candidates[2], sizeof candidates[2], "/usr/lib64/libEGL.so.1");
    for (int i = 0; i < 3; i++) {
        void *h = dlopen(candidates[i], RTLD_NOW | RTLD_LOCAL);
        if (h && !dlsym(h, "glcr_shim_anchor"))
            return h;
        if (h)
            dlclose(h);
    }
    snprintf(err, err_len, "inproc driver half: no system libEGL.so.1 next to %s (set GLCR_LOWER_EGL)", dir);
    return NULL;
}

static bool inproc_boot(char *err, size_t err_len)
{
    /* The library stays loaded across reloads: dlclose would not unload Mesa anyway. */
    if (!libegl && !(libegl = open_system_egl(err, err_len)))
        return false;
    egl_get_proc_address = (void *(*)(const char *))dlsym(libegl, "eglGetProcAddress");
    return true;
}

static void *inproc_egl_proc(const char *name)
{
    void *fn = dlsym(libegl, name);
    if (!fn && egl_get_proc_address)
        fn = egl_get_proc_address(name);
    return fn;
}

static bool inproc_teardown(char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    return true;
}

const struct glcr_lower_ops glcr_lower_inproc = {
    .name = "inproc",
    .switches_fs = false,
    .boot = inproc_boot,
    .egl_proc = inproc_egl_proc,
    .teardown = inproc_teardown,
};
