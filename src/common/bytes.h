/* A growable byte buffer. */
#ifndef GLCR_COMMON_BYTES_H
#define GLCR_COMMON_BYTES_H

#include <stdbool.h>
#include <stddef.h>

struct glcr_bytes {
    unsigned char *data;
    size_t len, cap;
};

/* Appends n bytes (copied from src unless NULL); returns where they start, NULL if out of memory. */
void *glcr_bytes_append(struct glcr_bytes *b, const void *src, size_t n);
void glcr_bytes_free(struct glcr_bytes *b);

#endif
