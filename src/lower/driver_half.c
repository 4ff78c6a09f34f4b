#include "lower/driver_half.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"

static const struct glcr_lower_ops *lower;
static bool booted;
static volatile bool out_of_image; /* marked: read by the checkpointer's thread */
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

bool glcr_lower_mark_out_of_image(void)
{
    out_of_image = booted && lower->mark_out_of_image && lower->image_part && lower->mark_out_of_image();
    return out_of_image;
}

void glcr_lower_unmark_out_of_image(void)
{
    if (out_of_image && lower->unmark_out_of_image)
        lower->unmark_out_of_image();
    out_of_image = false;
}

bool glcr_lower_image_part(uint64_t start, uint64_t end, uint64_t *keep_start, uint64_t *keep_end)
{
    if (out_of_image)
        return lower->image_part(start, end, keep_start, keep_end);
    *keep_start = start;
    *keep_end = end;
    return start < end;
}

void glcr_lower_forget(void)
{
    if (!booted)
        return;
    booted = false;
    out_of_image = false;
    get_proc_address = NULL;
    if (lower->forget)
        lower->forget();
    log_debug("driver half '%s' forgotten (it was left out of the restored image)", lower->name);
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
