#include "common/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int glcr_log_threshold = GLCR_LOG_WARN;
static const char *log_tag = "glcr";

void glcr_log_init(void)
{
    static const char *const names[] = {"error", "warn", "info", "debug"};
    const char *env = getenv("GLCR_LOG");
    if (!env || !*env)
        return;
    for (int i = 0; i < 4; i++)
        if (strcmp(env, names[i]) == 0)
            glcr_log_threshold = i;
}

void glcr_log_set_tag(const char *tag)
{
    log_tag = tag;
}

void glcr_log_write(enum glcr_log_level level, const char *fmt, ...)
{
    static const char *const prefixes[] = {"error: ", "warning: ", "", "debug: "};
    char line[1024];
    int n = snprintf(line, sizeof line, "%s[%d]: %s", log_tag, (int)getpid(), prefixes[level]);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = strnlen(line, sizeof line - 2);
    line[len++] = '\n';
    /* One write per line so that lines from several threads and processes never mix. */
    if (write(STDERR_FILENO, line, len) < 0)
        return;
}
