/* Signal handlers of the app, wrapped so that they run with the app's TLS (signals.c). */
#ifndef GLCR_LOWER_SIGNALS_H
#define GLCR_LOWER_SIGNALS_H

#include <signal.h>
#include <stdbool.h>

/* libc's sigaction, for glcr's own handlers: not wrapped, not seen as the app's. */
int glcr_libc_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
/* Whether the app has installed a handler of its own for sig. */
bool glcr_app_handles_signal(int sig);

#endif
