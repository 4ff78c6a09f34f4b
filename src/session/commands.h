/* The glcr command's subcommands and what they share. */
#ifndef GLCR_SESSION_COMMANDS_H
#define GLCR_SESSION_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct glcr_session;

int glcr_cmd_run(int argc, char **argv);
int glcr_cmd_checkpoint(int argc, char **argv);
int glcr_cmd_restore(int argc, char **argv);
int glcr_cmd_status(int argc, char **argv);
int glcr_cmd_ls(int argc, char **argv);
int glcr_cmd_stop(int argc, char **argv);
int glcr_cmd_screenshot(int argc, char **argv);

/* Prints "glcr: <message>" to stderr and returns 1. */
int glcr_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* LD_PRELOAD value (libglcr + GL shims) for apps; false if the libraries are not found. */
bool glcr_preload_value(char *out, size_t len);
/* Directory holding the GL shims (for LD_LIBRARY_PATH). */
bool glcr_shim_dir(char *out, size_t len);

/* Shows the session's app output until its init process `root` (a child of ours) ends;
 * returns the app's exit status. */
int glcr_follow_session(struct glcr_session *s, pid_t root);

/* Writes the virtual display of a running session as PNG. */
bool glcr_screenshot(const struct glcr_session *s, const char *png_path, char *err, size_t err_len);

#endif
