#include "state/syncs.h"
#include "state/tracker.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"

/* Waiting on a fence changes nothing a snapshot has to keep: after a reload every fence is
 * signaled, which is what waiting ends in. */
GLCR_COVERS(glFenceSync, glDeleteSync, glWaitSync, glClientWaitSync)

struct sync_slot {
    GLsync real;
    struct glcr_share_group *share;   /* sync objects belong to a share group */
    uint32_t next_free;               /* free list, index + 1; 0 ends it */
    bool live;
};

/* Handles are slot index + 1. Slots are reused, so an app creating a fence every frame
 * keeps a table as large as the number of fences alive at once. Sync calls are a few per
 * frame: one lock is cheap enough. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct sync_slot *slots;
static uint32_t slot_count, slot_cap, free_head;

static struct sync_slot *slot_of(GLsync handle)
{
    uintptr_t h = (uintptr_t)handle;
    return h >= 1 && h <= slot_count && slots[h - 1].live ? &slots[h - 1] : NULL;
}

GLsync glcr_sync_adopt(GLsync real)
{
    if (!real)
        return NULL;
    pthread_mutex_lock(&lock);
    uint32_t index;
    if (free_head) {
        index = free_head - 1;
        free_head = slots[index].next_free;
    } else {
        if (slot_count == slot_cap) {
            uint32_t cap = slot_cap ? slot_cap * 2 : 64;
            struct sync_slot *grown = realloc(slots, cap * sizeof *grown);
            if (!grown) {
                pthread_mutex_unlock(&lock);
                glcr_taint_reason("out of memory tracking sync objects");
                return real;
            }
            slots = grown;
            slot_cap = cap;
        }
        index = slot_count++;
    }
    slots[index] = (struct sync_slot){.real = real, .share = glcr_current_share(), .live = true};
    pthread_mutex_unlock(&lock);
    return (GLsync)(uintptr_t)(index + 1);
}

GLsync glcr_sync_real(GLsync handle)
{
    pthread_mutex_lock(&lock);
    struct sync_slot *s = slot_of(handle);
    GLsync real = s ? s->real : handle;
    pthread_mutex_unlock(&lock);
    return real;
}

static void release(struct sync_slot *s)
{
    s->live = false;
    s->real = NULL;
    s->share = NULL;
    s->next_free = free_head;
    free_head = (uint32_t)(s - slots) + 1;
}

void glcr_sync_forget(GLsync handle)
{
    pthread_mutex_lock(&lock);
    struct sync_slot *s = slot_of(handle);
    if (s)
        release(s);
    pthread_mutex_unlock(&lock);
}

void glcr_syncs_forget_share(struct glcr_share_group *share)
{
    pthread_mutex_lock(&lock);
    for (uint32_t i = 0; i < slot_count; i++)
        if (slots[i].live && slots[i].share == share)
            release(&slots[i]);
    pthread_mutex_unlock(&lock);
}

/* Every sync of the group becomes a new fence; glFinish signals them all before the app
 * can look. Nothing needs saving: a sync object has no state but "signaled" once the
 * commands before it completed, and the checkpoint waited for all commands. */
static bool restore_share(struct glcr_share_group *g, char *err, size_t err_len)
{
    (void)err;
    (void)err_len;
    int fences = 0;
    pthread_mutex_lock(&lock);
    for (uint32_t i = 0; i < slot_count; i++) {
        if (!slots[i].live || slots[i].share != g)
            continue;
        slots[i].real = glcr_driver.FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
        fences++;
    }
    pthread_mutex_unlock(&lock);
    if (fences) {
        glcr_driver.Finish();
        log_debug("share group %u: %d sync objects recreated, signaled", g->id, fences);
    }
    return true;
}

/* GLCR_VERIFY: every restored fence must report itself signaled. */
static int verify_share(struct glcr_share_group *g)
{
    int bad = 0;
    pthread_mutex_lock(&lock);
    for (uint32_t i = 0; i < slot_count; i++) {
        if (!slots[i].live || slots[i].share != g)
            continue;
        GLint status = 0;
        GLsizei len = 0;
        glcr_driver.GetSynciv(slots[i].real, GL_SYNC_STATUS, 1, &len, &status);
        if (status != GL_SIGNALED) {
            log_error("verify: sync object %u is not signaled after restore", i + 1);
            bad++;
        }
    }
    pthread_mutex_unlock(&lock);
    return bad;
}

const struct glcr_tracker glcr_tracker_syncs = {
    .name = "sync objects",
    .restore_share = restore_share,
    .verify_share = verify_share,
};
