/* Serialised GL calls, as recorded inside display lists and replayed after a reload.
 * One record: u32 command id, u32 total size, then per parameter an 8-byte scalar slot or
 * a u64 byte length (UINT64_MAX for NULL) followed by the bytes, padded to 8. */
#ifndef GLCR_STATE_CALLS_H
#define GLCR_STATE_CALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/bytes.h"
#include "glcr_gl.h"

struct glcr_call_writer {
    struct glcr_bytes *out;
    size_t start;
    unsigned cmd;
    bool ok;
};

struct glcr_call_reader {
    const unsigned char *rec;
    size_t size, offset;
};

/* Starts a record in the list being compiled on this thread. */
bool glcr_call_begin(struct glcr_call_writer *w, unsigned cmd);
void glcr_call_put_scalar(struct glcr_call_writer *w, const void *value, size_t size);
void glcr_call_put_ptr(struct glcr_call_writer *w, const void *data, long long bytes);
void glcr_call_end(struct glcr_call_writer *w);

uint32_t glcr_call_open(struct glcr_call_reader *r, const unsigned char *rec);
void glcr_call_get_scalar(struct glcr_call_reader *r, void *out, size_t size);
const void *glcr_call_get_ptr(struct glcr_call_reader *r);
void glcr_call_unknown(uint32_t cmd);

/* Element counts for len="COMPSIZE(pname)" parameters; -1 when unknown. */
long long glcr_pname_count(GLenum pname);
/* Bytes of glCallLists' name array; -1 for an unknown type. */
long long glcr_list_names_size(GLsizei n, GLenum type);

#endif
