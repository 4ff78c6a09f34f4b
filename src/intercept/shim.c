/* This library exists for its soname (libGL.so.1, libGLX.so.0, libOpenGL.so.0, libEGL.so.1,
 * libGLESv2.so.2 or libGLESv1_CM.so.1). It defines nothing: dlsym on its handle searches
 * its dependencies, so it must really depend on libglcr, where every GL, GLX and EGL symbol
 * lives. The reference below keeps that dependency when the linker drops unused libraries
 * (--as-needed). */
extern int glcr_shim_anchor;
int *const glcr_shim_needs_libglcr = &glcr_shim_anchor;
