/* Snapshot integrity. A snapshot directory is sealed once it is complete: snapshot.info
 * names the snapshot format, the glcr version and the session, and lists every file with
 * its size and CRC-32, and everything is on disk (fsync) before the directory gets its final
 * name. A restore verifies all of it first, so a truncated, corrupted, incomplete or foreign
 * directory is refused, naming the file, instead of being restored into a subtly wrong
 * process. */
#ifndef GLCR_SESSION_SEAL_H
#define GLCR_SESSION_SEAL_H

#include <stdbool.h>
#include <stddef.h>

/* Bumped whenever what a snapshot holds changes meaning. */
#define GLCR_SNAPSHOT_FORMAT 1
#define GLCR_SNAPSHOT_INFO "snapshot.info"

/* Creates dir/snapshot.info with space reserved for the metadata: sealing then cannot run
 * out of disk space after the engine has written (and, with --kill, ended) the session.
 * Returns its fd, or -1 with one line in err. */
int glcr_snapshot_reserve(const char *dir, char *err, size_t err_len);

/* Writes the format, glcr version and session name, then `meta` (key=value lines, each
 * ending in a newline), then one "file=NAME SIZE CRC32" line per other file of dir into the
 * reserved snapshot.info; syncs every file, snapshot.info and the directory. Closes info_fd.
 * Only plain files may be in dir. */
bool glcr_snapshot_seal(const char *dir, int info_fd, const char *session, const char *meta, char *err,
                        size_t err_len);

/* Checks the sealed snapshot in dir for a restore of session `session`: a real directory, a
 * snapshot.info of this format and glcr version naming this session, every listed file
 * present as a plain file of its recorded size and CRC-32, no other image file, nothing that
 * is not a plain file. The metadata text (without the file lines) goes to info. */
bool glcr_snapshot_verify(const char *dir, const char *session, char *info, size_t info_len, char *err,
                          size_t err_len);

/* The value of key in snapshot.info text ("key=value" lines), or "". */
void glcr_info_field(const char *info, const char *key, char *out, size_t len);

#endif
