/* A share group and a context that exist only in glcr's bookkeeping (no EGL behind them),
 * made current on the calling thread, for tests of the per-share-group state. */
#ifndef GLCR_TESTS_UNIT_FAKE_CONTEXT_H
#define GLCR_TESTS_UNIT_FAKE_CONTEXT_H

#include <string.h>

#include "state/context.h"

static struct glcr_share_group fake_share;
static struct glcr_context fake_ctx;

static void fake_context_make_current(void)
{
    memset(&fake_share, 0, sizeof fake_share);
    memset(&fake_ctx, 0, sizeof fake_ctx);
    fake_share.id = 1;
    fake_share.context_count = 1;
    pthread_mutex_init(&fake_share.lock, NULL);
    for (int i = 0; i < GLCR_OBJ_SHARED_COUNT; i++)
        glcr_names_init(&fake_share.names[i]);
    for (int i = 0; i < GLCR_OBJ_CONTEXT_COUNT; i++)
        glcr_names_init(&fake_ctx.names[i]);
    fake_ctx.id = 1;
    fake_ctx.share = &fake_share;
    fake_ctx.legacy = true;
    glcr_self.ctx = &fake_ctx;
}

#endif
