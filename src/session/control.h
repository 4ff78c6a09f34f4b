/* The control channel between the glcr command and the agent thread inside the app: a unix
 * stream socket in the session directory (mode 0600, peer uid checked), one request line
 * and one reply line per connection:
 *
 *   STATUS                  -> OK {"pid":..,"state":..,"frames":..,...,"resumes":..}
 *   PREPARE                 -> OK {"quiesce_ms":..,...}    (GL quiesced, driver dropped)
 *   PREPARE keep_driver=1   -> the same, but a driver half that the engine can leave out of
 *                              its image stays loaded ("driver_kept":true)
 *   RESUME restored=0|1     -> OK {"boot_ms":..,...}       (driver back, state replayed)
 *   anything else / failure -> ERR <one line saying why>
 *
 * An engine with a plugin inside the app (DMTCP) resumes through engine/inprocess.h instead;
 * STATUS then tells how the last resume went ("resumes" counts them).
 *
 * No connection stays open across a checkpoint: the checkpointer must not see a socket
 * whose peer is outside the process tree. */
#ifndef GLCR_SESSION_CONTROL_H
#define GLCR_SESSION_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#define GLCR_CONTROL_ENV "GLCR_CONTROL"
#define GLCR_CONTROL_MAX_LINE 4096
/* The agent serves one connection at a time and gives each this long to send its request:
 * a client waits longer than that for its answer, or one silent peer makes it give up. */
#define GLCR_CONTROL_CLIENT_LIMIT_MS 5000

/* Client side: sends one request, returns the reply line (without newline) in reply.
 * False with a message in reply when the agent cannot be reached. */
bool glcr_control_request(const char *socket_path, const char *request, char *reply,
                          size_t reply_len, int timeout_ms);

#endif
