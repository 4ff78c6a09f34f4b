#include "lower/driver_half.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

static const struct glcr_lower_ops *lower;
static bool booted;
static void *(*get_proc_address)(const char *);

static const struct glcr_lower_ops *select_lower(char *err, size_t err_len)
{
    const char *want = getenv("GLCR_DRIVER_HALF");
    if (!want || !*want || strcmp(want, "split") == 0)
        return &glcr_lower_split;
    if (strcmp(want, "inproc") == 0)
        return &glcr_lower_inproc;
    snprintf(err, err_len, "GLCR_DRIVER_HALF=%s: unknown driver half (split, inproc)", want);
    return NULL;
}

bool glcr_lower_boot(char *err, size_t err_len)
{
    if (booted)
        return true;
    if (!lower && !(lower = select_lower(err, err_len)))
        return false;
    if (!lower->boot(err, err_len))
        return false;
    get_proc_address = (void *(*)(const char *))lower->egl_proc("eglGetProcAddress");
    if (!get_proc_address) {
        char ignored[256];
        snprintf(err, err_len, "%s driver half: libEGL has no eglGetProcAddress", lower->name);
        lower->teardown(ignored, sizeof ignored);
        return false;
    }
    booted = true;
    log_debug("driver half '%s' booted", lower->name);
    return true;
}

bool glcr_lower_teardown(char *err, size_t err_len)
{
    if (!booted)
        return true;
    booted = false;
    get_proc_address = NULL;
    if (!lower->teardown(err, err_len))
        return false;
    log_debug("driver half '%s' torn down", lower->name);
    return true;
}

bool glcr_lower_switches_fs(void)
{
    return lower && lower->switches_fs;
}

bool glcr_lower_booted(void)
{
    return booted;
}

const char *glcr_lower_name(void)
{
    return lower ? lower->name : "none";
}

void *glcr_lower_egl_proc(const char *name)
{
    return booted ? lower->egl_proc(name) : NULL;
}

void *glcr_lower_gl_proc(const char *name)
{
    return booted ? get_proc_address(name) : NULL;
}
