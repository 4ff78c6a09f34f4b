/* The epoxy mode of loaders (see loaders.c). epoxy's headers cannot share a translation unit
 * with <GL/gl.h>, so this file only hands over epoxy's function pointers. epoxy resolves each
 * function itself (dlopen/dlsym of the GL libraries, or glXGetProcAddress) on its first call
 * and then rewrites its pointer, so loaders calls this once before rendering (epoxy's
 * resolving stubs) and once after (the functions epoxy resolved). */
#include <epoxy/gl.h>
#include <epoxy/glx.h>

typedef void (*loaders_fn)(void);

void loaders_epoxy_fill(loaders_fn *fns, int count);

void loaders_epoxy_fill(loaders_fn *fns, int count)
{
    /* Same order as loaders.c's F_* enum. */
    const loaders_fn all[] = {
        (loaders_fn)epoxy_glXChooseVisual, (loaders_fn)epoxy_glXCreateContext,
        (loaders_fn)epoxy_glXMakeCurrent,  (loaders_fn)epoxy_glXSwapBuffers,
        (loaders_fn)epoxy_glXDestroyContext, (loaders_fn)epoxy_glClearColor,
        (loaders_fn)epoxy_glClear,         (loaders_fn)epoxy_glFinish,
        (loaders_fn)epoxy_glReadPixels,    (loaders_fn)epoxy_glGetString,
    };
    for (int i = 0; i < count && i < (int)(sizeof all / sizeof all[0]); i++)
        fns[i] = all[i];
}
