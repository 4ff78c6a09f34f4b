#include "state/calls.h"

#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/lists.h"

#define PAD8(n) (((n) + 7) & ~(size_t)7)

bool glcr_call_begin(struct glcr_call_writer *w, unsigned cmd)
{
    w->out = glcr_lists_record_buffer();
    w->cmd = cmd;
    w->ok = w->out != NULL;
    if (!w->ok)
        return false;
    w->start = w->out->len;
    uint32_t header[2] = {cmd, 0};
    w->ok = glcr_bytes_append(w->out, header, sizeof header) != NULL;
    return w->ok;
}

void glcr_call_put_scalar(struct glcr_call_writer *w, const void *value, size_t size)
{
    unsigned char slot[8] = {0};
    memcpy(slot, value, size < 8 ? size : 8);
    if (w->ok && !glcr_bytes_append(w->out, slot, 8))
        w->ok = false;
}

void glcr_call_put_ptr(struct glcr_call_writer *w, const void *data, long long bytes)
{
    if (!w->ok)
        return;
    uint64_t len = data ? (uint64_t)bytes : UINT64_MAX;
    if (data && bytes < 0) {
        w->ok = false;
        return;
    }
    if (!glcr_bytes_append(w->out, &len, 8)) {
        w->ok = false;
        return;
    }
    if (!data)
        return;
    unsigned char *dst = glcr_bytes_append(w->out, NULL, PAD8((size_t)bytes));
    if (!dst) {
        w->ok = false;
        return;
    }
    memcpy(dst, data, (size_t)bytes);
    memset(dst + bytes, 0, PAD8((size_t)bytes) - (size_t)bytes);
}

void glcr_call_end(struct glcr_call_writer *w)
{
    if (!w->out)
        return;
    if (!w->ok) {
        w->out->len = w->start;
        glcr_list_unrecordable(w->cmd);
        return;
    }
    uint32_t size = (uint32_t)(w->out->len - w->start);
    memcpy(w->out->data + w->start + 4, &size, 4);
}

uint32_t glcr_call_open(struct glcr_call_reader *r, const unsigned char *rec)
{
    uint32_t header[2];
    memcpy(header, rec, sizeof header);
    r->rec = rec;
    r->size = header[1];
    r->offset = sizeof header;
    return header[0];
}

void glcr_call_get_scalar(struct glcr_call_reader *r, void *out, size_t size)
{
    memcpy(out, r->rec + r->offset, size);
    r->offset += 8;
}

const void *glcr_call_get_ptr(struct glcr_call_reader *r)
{
    uint64_t len;
    memcpy(&len, r->rec + r->offset, 8);
    r->offset += 8;
    if (len == UINT64_MAX)
        return NULL;
    const void *p = r->rec + r->offset;
    r->offset += PAD8((size_t)len);
    return p;
}

void glcr_call_unknown(uint32_t cmd)
{
    log_error("replay: recorded command %u cannot be replayed (corrupt record?)", cmd);
}

long long glcr_pname_count(GLenum pname)
{
    switch (pname) {
    case GL_AMBIENT: case GL_DIFFUSE: case GL_SPECULAR: case GL_POSITION: case GL_EMISSION:
    case GL_AMBIENT_AND_DIFFUSE: case GL_FOG_COLOR: case GL_LIGHT_MODEL_AMBIENT:
    case GL_TEXTURE_ENV_COLOR: case GL_TEXTURE_BORDER_COLOR: case GL_OBJECT_PLANE:
    case GL_EYE_PLANE: case GL_TEXTURE_SWIZZLE_RGBA:
        return 4;
    case GL_SPOT_DIRECTION: case GL_COLOR_INDEXES: case GL_POINT_DISTANCE_ATTENUATION:
        return 3;
    case GL_SHININESS: case GL_SPOT_EXPONENT: case GL_SPOT_CUTOFF: case GL_CONSTANT_ATTENUATION:
    case GL_LINEAR_ATTENUATION: case GL_QUADRATIC_ATTENUATION: case GL_FOG_MODE:
    case GL_FOG_DENSITY: case GL_FOG_START: case GL_FOG_END: case GL_FOG_INDEX:
    case GL_FOG_COORD_SRC: case GL_LIGHT_MODEL_LOCAL_VIEWER: case GL_LIGHT_MODEL_TWO_SIDE:
    case GL_LIGHT_MODEL_COLOR_CONTROL: case GL_TEXTURE_ENV_MODE: case GL_TEXTURE_MIN_FILTER:
    case GL_TEXTURE_MAG_FILTER: case GL_TEXTURE_WRAP_S: case GL_TEXTURE_WRAP_T:
    case GL_TEXTURE_WRAP_R: case GL_TEXTURE_GEN_MODE: case GL_POINT_SIZE_MIN:
    case GL_POINT_SIZE_MAX: case GL_POINT_FADE_THRESHOLD_SIZE: case GL_TEXTURE_BASE_LEVEL:
    case GL_TEXTURE_MAX_LEVEL: case GL_TEXTURE_MIN_LOD: case GL_TEXTURE_MAX_LOD:
    case GL_TEXTURE_LOD_BIAS: case GL_TEXTURE_COMPARE_MODE: case GL_TEXTURE_COMPARE_FUNC:
    case GL_GENERATE_MIPMAP: case GL_COMBINE_RGB: case GL_COMBINE_ALPHA: case GL_RGB_SCALE:
    case GL_ALPHA_SCALE: case GL_POINT_SPRITE_COORD_ORIGIN:
        return 1;
    default:
        return -1;
    }
}

long long glcr_list_names_size(GLsizei n, GLenum type)
{
    long long elem;
    switch (type) {
    case GL_BYTE: case GL_UNSIGNED_BYTE: elem = 1; break;
    case GL_SHORT: case GL_UNSIGNED_SHORT: case GL_2_BYTES: elem = 2; break;
    case GL_3_BYTES: elem = 3; break;
    case GL_INT: case GL_UNSIGNED_INT: case GL_FLOAT: case GL_4_BYTES: elem = 4; break;
    default: return -1;
    }
    return n < 0 ? -1 : (long long)n * elem;
}
