/* A minimal unit-test harness: CHECK aborts the program on the first failed expression with
 * "FAIL file:line: expression"; RUN runs one named test function and reports it. */
#ifndef GLCR_TESTS_UNIT_CHECK_H
#define GLCR_TESTS_UNIT_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int check_count;

#define CHECK(expr)                                                                            \
    do {                                                                                       \
        check_count++;                                                                         \
        if (!(expr)) {                                                                         \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #expr);                    \
            fflush(stderr);                                                                    \
            exit(1);                                                                           \
        }                                                                                      \
    } while (0)

/* CHECK with a printf-style explanation printed on failure. */
#define CHECK_MSG(expr, ...)                                                                   \
    do {                                                                                       \
        check_count++;                                                                         \
        if (!(expr)) {                                                                         \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #expr);                    \
            fprintf(stderr, __VA_ARGS__);                                                      \
            fputc('\n', stderr);                                                               \
            fflush(stderr);                                                                    \
            exit(1);                                                                           \
        }                                                                                      \
    } while (0)

#define RUN(test)                                                                              \
    do {                                                                                       \
        int before_ = check_count;                                                             \
        test();                                                                                \
        printf("ok   %-40s %d checks\n", #test, check_count - before_);                        \
        fflush(stdout);                                                                        \
    } while (0)

#define DONE()                                                                                 \
    do {                                                                                       \
        printf("all passed: %d checks\n", check_count);                                        \
        return 0;                                                                              \
    } while (0)

#endif
