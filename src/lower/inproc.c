/* inproc driver half: libEGL (GLVND) dlopen'ed in the application's namespace. */
#include <dlfcn.h>
#include <stdio.h>

#include "common/log.h"
#include "lower/driver_half.h"

static void *libegl;
static void *(*egl_get_proc_address)(const char *);

static bool inproc_boot(char *err, size_t err_len)
{
    if (!libegl) {
        /* The library stays loaded across reloads: dlclose would not unload Mesa anyway. */
        libegl = dlopen("libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
        if (!libegl) {
            snprintf(err, err_len, "inproc driver half: cannot load libEGL.so.1: %s", dlerror());
            return false;
        }
    }
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
