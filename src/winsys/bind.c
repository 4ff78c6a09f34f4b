#include "winsys/bind.h"

#include "common/log.h"
#include "gl_dispatch.h"
#include "state/checkpoint.h"
#include "winsys/fbconfig.h"

void glcr_unbind(void)
{
    struct glcr_context *old = glcr_current();
    glcr_context_make_current(NULL);
    if (old && old->destroy_pending)
        glcr_context_destroy(old);
}

void glcr_context_release(struct glcr_context *ctx)
{
    if (ctx->bound_tid) {
        ctx->destroy_pending = true; /* GLX and EGL both defer it until released */
        return;
    }
    glcr_context_destroy(ctx);
}

bool glcr_bind(const char *api, struct glcr_context *c, struct glcr_drawable *d,
               struct glcr_drawable *r)
{
    if (c->bound_tid && c->bound_tid != glcr_gettid()) {
        log_error("%s: context %u is current in another thread", api, c->id);
        return false;
    }
    struct glcr_context *old = glcr_current();
    if ((d && !glcr_drawable_prepare(d, c)) || (r && r != d && !glcr_drawable_prepare(r, c)) ||
        !glcr_context_make_current(c)) {
        if (old && old != c)
            glcr_egl_make_current(old->egl);
        return false;
    }
    if (old && old != c && old->destroy_pending)
        glcr_context_destroy(old);
    c->draw = d;
    c->read = r;
    glcr_bind_default_framebuffers(c, GL_FRAMEBUFFER);
    if (d && !c->ever_bound) {
        /* A context's viewport and scissor start at the size of its first drawable. */
        glcr_driver.Viewport(0, 0, d->width, d->height);
        glcr_driver.Scissor(0, 0, d->width, d->height);
        c->ever_bound = true;
    }
    return true;
}

void glcr_present(struct glcr_drawable *d)
{
    if (!d->config->double_buffer)
        return;
    glcr_drawable_swap(d);
    glcr_checkpoint_frame_presented();
}

bool glcr_wait_client(void)
{
    struct glcr_context *ctx = glcr_current();
    struct glcr_drawable *d = ctx ? ctx->draw : NULL;
    if (!d || d->kind == GLCR_DRAWABLE_PBUFFER || (d->config->double_buffer && !d->front_drawn))
        return false;
    glcr_drawable_show_front(d);
    return true;
}
