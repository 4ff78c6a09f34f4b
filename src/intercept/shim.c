/* Empty on purpose: this library exists for its soname (libGL.so.1, libGLX.so.0 or
 * libOpenGL.so.0) and its dependency on libglcr, which defines every symbol. */
int glcr_shim_marker;
