/* The EGL back end of the window-system emulation: one EGLDisplay without any window
 * system (EGL device platform on GPUs, Mesa's surfaceless platform otherwise), contexts
 * created without a config. Everything goes through the driver half. */
#ifndef GLCR_WINSYS_EGL_H
#define GLCR_WINSYS_EGL_H

#include <stdbool.h>
#include <stddef.h>

#define EGL_NO_X11
#define EGL_EGL_PROTOTYPES 0
#include <EGL/egl.h>
#include <EGL/eglext.h>

/* What the app asked for, in API-neutral terms (also what replay recreates). */
struct glcr_context_attribs {
    bool gles;          /* OpenGL ES instead of desktop GL */
    int major, minor;   /* 0 = whatever the driver gives a legacy context */
    int profile_mask;   /* 1 core, 2 compatibility (GLX/EGL share the bits) */
    bool debug, forward_compatible, robust, no_error;
};

struct glcr_egl {
    EGLDisplay display;
    const char *platform;  /* "device" or "surfaceless" */
    PFNEGLGETPLATFORMDISPLAYEXTPROC GetPlatformDisplayEXT;
    PFNEGLINITIALIZEPROC Initialize;
    PFNEGLTERMINATEPROC Terminate;
    PFNEGLBINDAPIPROC BindAPI;
    PFNEGLCREATECONTEXTPROC CreateContext;
    PFNEGLDESTROYCONTEXTPROC DestroyContext;
    PFNEGLMAKECURRENTPROC MakeCurrent;
    PFNEGLGETCURRENTCONTEXTPROC GetCurrentContext;
    PFNEGLQUERYSTRINGPROC QueryString;
    PFNEGLGETERRORPROC GetError;
    PFNEGLQUERYDEVICESEXTPROC QueryDevicesEXT;
    PFNEGLQUERYDEVICESTRINGEXTPROC QueryDeviceStringEXT;
};

extern struct glcr_egl glcr_egl;

/* Boots the driver half and initializes the display (idempotent). */
bool glcr_egl_open(char *err, size_t err_len);
/* eglTerminate and driver-half teardown: every context must be destroyed first. */
bool glcr_egl_close(char *err, size_t err_len);
/* The driver half is gone without a word to EGL (it was left out of a restored process
 * image): forgets the display, the root contexts and every driver function. */
void glcr_egl_forget(void);
bool glcr_egl_is_open(void);

EGLContext glcr_egl_create_context(const struct glcr_context_attribs *attribs, EGLContext share,
                                   char *err, size_t err_len);
bool glcr_egl_make_current(EGLContext ctx);
const char *glcr_egl_error_name(EGLint error);

#endif
