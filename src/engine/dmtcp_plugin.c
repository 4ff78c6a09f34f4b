/* The DMTCP plugin (libglcr-dmtcp.so): dmtcp_launch loads it into every process of a session
 * that runs with --engine dmtcp -- the session's init, the virtual X server and the app. In
 * the app it turns DMTCP's events into the GL layer's two (engine/inprocess.h):
 *
 *   PRESUSPEND  -> PREPARE with the driver half kept: GL quiesced and read back, the split
 *                  lower half left loaded and running (its threads are not DMTCP's, so DMTCP
 *                  neither stops nor saves them)
 *   (writing)   -> dmtcp_skip_memory_region_ckpting leaves the lower half's memory out
 *   RESUME      -> RESUME restored=0: the same driver goes on, nothing is rebuilt
 *   RESTART     -> RESUME restored=1: the lower half did not come back; a fresh one is
 *                  booted and the state replayed
 *
 * Any DMTCP checkpoint gets this, also one started by hand with dmtcp_command. In the
 * session's init it also says where the init runs after a restart (the pid glcr follows).
 * Processes without libglcr are left alone. */
#include <dlfcn.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <dmtcp.h>

#include "common/log.h"
#include "engine/dmtcp_plugin.h"
#include "engine/inprocess.h"

/* The leading fields of DMTCP's description of one memory area (ProcMapsArea in DMTCP's
 * procmapsarea.h, which DMTCP does not install; the layout is that of DMTCP 3 to 5). Only
 * these are read or changed here: the range DMTCP is about to write. */
struct dmtcp_area_head {
    uint64_t addr, end_addr, size, offset;
};

static glcr_engine_prepare_fn gl_prepare;
static glcr_engine_resume_fn gl_resume;
static glcr_engine_image_part_fn gl_image_part;

/* libglcr in this process, if any. Looked up at the first event, not at load time: the
 * plugin may be initialized before the app's preloaded libraries. */
static bool find_glcr(void)
{
    static int found = -1;
    if (found < 0) {
        gl_prepare = (glcr_engine_prepare_fn)dlsym(RTLD_DEFAULT, GLCR_ENGINE_PREPARE);
        gl_resume = (glcr_engine_resume_fn)dlsym(RTLD_DEFAULT, GLCR_ENGINE_RESUME);
        gl_image_part = (glcr_engine_image_part_fn)dlsym(RTLD_DEFAULT, GLCR_ENGINE_IMAGE_PART);
        found = gl_prepare && gl_resume && gl_image_part;
        glcr_log_init();
        glcr_log_set_tag("glcr-dmtcp");
    }
    return found;
}

/* DMTCP's hook: called for each area of /proc/self/maps while the image is written, with
 * every DMTCP thread of the process stopped. Returning 0 writes the (possibly narrowed)
 * area and asks again for the rest; 1 leaves out everything from area->addr on. */
int dmtcp_skip_memory_region_ckpting(struct dmtcp_area_head *area)
{
    if (!gl_image_part)
        return 0;
    uint64_t keep_start, keep_end;
    if (!gl_image_part(area->addr, area->end_addr, &keep_start, &keep_end))
        return 1;
    area->offset += keep_start - area->addr;
    area->addr = keep_start;
    area->end_addr = keep_end;
    area->size = keep_end - keep_start;
    return 0;
}

/* In the session's init after a restart: its real pid (getpid, and even syscall(SYS_getpid),
 * give DMTCP's virtual one), written where glcr restore waits for it. */
static void note_restarted_root(void)
{
    const char *path = getenv(GLCR_DMTCP_ROOT_PIDFILE_ENV);
    if (!path || !*path)
        return;
    char tmp[4096], text[32];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!dmtcp_pid_virtual_to_real) {
        log_error("this DMTCP lacks dmtcp_pid_virtual_to_real: glcr restore cannot find the restored session");
        return;
    }
    int n = snprintf(text, sizeof text, "%d\n", (int)dmtcp_pid_virtual_to_real(getpid()));
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && write(fd, text, (size_t)n) == n;
    if (fd >= 0)
        close(fd);
    if (!ok || rename(tmp, path) != 0)
        log_error("cannot write %s: glcr restore will not find the restored session", path);
}

static void event_hook(DmtcpEvent_t event, DmtcpEventData_t *data)
{
    (void)data;
    char err[512] = "";
    switch (event) {
    case DMTCP_EVENT_PRESUSPEND:
        if (find_glcr() && !gl_prepare(err, sizeof err))
            log_error("this checkpoint cannot be restored: glcr could not prepare the GL state: %s", err);
        break;
    case DMTCP_EVENT_RESUME:
        if (find_glcr() && !gl_resume(0, err, sizeof err)) {
            log_error("cannot go on after the checkpoint: %s; ending the app", err);
            _exit(70);
        }
        break;
    case DMTCP_EVENT_RESTART:
        note_restarted_root();
        if (find_glcr() && !gl_resume(1, err, sizeof err)) {
            log_error("restored, but the GL state could not be: %s; ending the app rather than "
                      "letting it render wrong state", err);
            _exit(70);
        }
        break;
    default:
        break;
    }
}

static DmtcpPluginDescriptor_t glcr_plugin = {
    DMTCP_PLUGIN_API_VERSION,
    DMTCP_PACKAGE_VERSION,
    "glcr",
    "glcr",
    "",
    "GL driver half left out of the image, GL state prepared and rebuilt",
    event_hook,
};

DMTCP_DECL_PLUGIN(glcr_plugin);
