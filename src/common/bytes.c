#include "common/bytes.h"

#include <stdlib.h>
#include <string.h>

void *glcr_bytes_append(struct glcr_bytes *b, const void *src, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n)
            cap *= 2;
        unsigned char *p = realloc(b->data, cap);
        if (!p)
            return NULL;
        b->data = p;
        b->cap = cap;
    }
    void *dst = b->data + b->len;
    if (src)
        memcpy(dst, src, n);
    b->len += n;
    return dst;
}

void glcr_bytes_free(struct glcr_bytes *b)
{
    free(b->data);
    *b = (struct glcr_bytes){0};
}
