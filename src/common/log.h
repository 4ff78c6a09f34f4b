/* One logger for all of glcr. The level comes from GLCR_LOG (error, warn, info, debug);
 * messages go to stderr as one line each, prefixed with "glcr" and the process id. */
#ifndef GLCR_LOG_H
#define GLCR_LOG_H

enum glcr_log_level { GLCR_LOG_ERROR, GLCR_LOG_WARN, GLCR_LOG_INFO, GLCR_LOG_DEBUG };

extern int glcr_log_threshold;

void glcr_log_init(void);
void glcr_log_set_tag(const char *tag);
void glcr_log_write(enum glcr_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define glcr_log(level, ...)                                                                   \
    do {                                                                                       \
        if ((int)(level) <= glcr_log_threshold)                                                \
            glcr_log_write(level, __VA_ARGS__);                                                \
    } while (0)
#define log_error(...) glcr_log(GLCR_LOG_ERROR, __VA_ARGS__)
#define log_warn(...) glcr_log(GLCR_LOG_WARN, __VA_ARGS__)
#define log_info(...) glcr_log(GLCR_LOG_INFO, __VA_ARGS__)
#define log_debug(...) glcr_log(GLCR_LOG_DEBUG, __VA_ARGS__)

#endif
