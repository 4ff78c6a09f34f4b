/* What the glcr command and its DMTCP plugin (dmtcp_plugin.c) agree on. */
#ifndef GLCR_ENGINE_DMTCP_PLUGIN_H
#define GLCR_ENGINE_DMTCP_PLUGIN_H

/* The plugin library, next to libglcr.so. */
#define GLCR_DMTCP_PLUGIN_LIB "libglcr-dmtcp.so"

/* Set for the session's init only (its children drop it): after a restart the plugin writes
 * the init's real pid into this file. */
#define GLCR_DMTCP_ROOT_PIDFILE_ENV "GLCR_DMTCP_ROOT_PIDFILE"

#endif
