/* Vertex array objects: every named one of a context and, in compatibility and OpenGL ES
 * contexts, the default one (0; desktop core profiles have none). Their state is read back
 * at checkpoint with each bound in turn: the generic attribute arrays (format, pointer or
 * offset, buffer, divisor, and the GL 4.3 split into attribute formats and buffer binding
 * points), the element array buffer, and the fixed-function client arrays of compatibility
 * contexts. After a reload
 * each is set again in a fresh object, and the context's binding is restored.
 *
 * This tracker owns all vertex array object state, also that of VAO 0; ctxstate.c keeps
 * what lies outside VAOs (current attribute values, GL_ARRAY_BUFFER, client active texture)
 * and runs after it. */
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/names.h"
#include "state/vertexarrays.h"
#include "state/readback.h"

GLCR_COVERS(glGenVertexArrays, glCreateVertexArrays, glDeleteVertexArrays, glBindVertexArray,
            glVertexPointer, glNormalPointer, glColorPointer, glTexCoordPointer,
            glSecondaryColorPointer, glFogCoordPointer, glIndexPointer, glEdgeFlagPointer,
            glEnableClientState, glDisableClientState, glVertexAttribPointer, glVertexAttribIPointer,
            glVertexAttribLPointer, glEnableVertexAttribArray, glDisableVertexAttribArray,
            glVertexAttribDivisor, glVertexAttribFormat, glVertexAttribIFormat, glVertexAttribLFormat,
            glVertexAttribBinding, glVertexBindingDivisor, glBindVertexBuffer, glBindVertexBuffers,
            glVertexArrayElementBuffer, glVertexArrayAttribFormat, glVertexArrayAttribIFormat,
            glVertexArrayAttribLFormat, glVertexArrayAttribBinding, glVertexArrayBindingDivisor,
            glVertexArrayVertexBuffer, glEnableVertexArrayAttrib, glDisableVertexArrayAttrib)

#define MAX_ATTRIBS 32
#define MAX_BINDINGS 32
#define MAX_CLIENT_ARRAYS 24

struct client_array {
    GLenum cap, size, type, stride, pointer, buffer; /* queries; 0: the array has none */
};

/* Texture coordinate arrays come last, one per unit. */
static const struct client_array client_arrays[] = {
    {GL_VERTEX_ARRAY, GL_VERTEX_ARRAY_SIZE, GL_VERTEX_ARRAY_TYPE, GL_VERTEX_ARRAY_STRIDE,
     GL_VERTEX_ARRAY_POINTER, GL_VERTEX_ARRAY_BUFFER_BINDING},
    {GL_NORMAL_ARRAY, 0, GL_NORMAL_ARRAY_TYPE, GL_NORMAL_ARRAY_STRIDE, GL_NORMAL_ARRAY_POINTER,
     GL_NORMAL_ARRAY_BUFFER_BINDING},
    {GL_COLOR_ARRAY, GL_COLOR_ARRAY_SIZE, GL_COLOR_ARRAY_TYPE, GL_COLOR_ARRAY_STRIDE,
     GL_COLOR_ARRAY_POINTER, GL_COLOR_ARRAY_BUFFER_BINDING},
    {GL_SECONDARY_COLOR_ARRAY, GL_SECONDARY_COLOR_ARRAY_SIZE, GL_SECONDARY_COLOR_ARRAY_TYPE,
     GL_SECONDARY_COLOR_ARRAY_STRIDE, GL_SECONDARY_COLOR_ARRAY_POINTER,
     GL_SECONDARY_COLOR_ARRAY_BUFFER_BINDING},
    {GL_FOG_COORD_ARRAY, 0, GL_FOG_COORD_ARRAY_TYPE, GL_FOG_COORD_ARRAY_STRIDE,
     GL_FOG_COORD_ARRAY_POINTER, GL_FOG_COORD_ARRAY_BUFFER_BINDING},
    {GL_INDEX_ARRAY, 0, GL_INDEX_ARRAY_TYPE, GL_INDEX_ARRAY_STRIDE, GL_INDEX_ARRAY_POINTER,
     GL_INDEX_ARRAY_BUFFER_BINDING},
    {GL_EDGE_FLAG_ARRAY, 0, 0, GL_EDGE_FLAG_ARRAY_STRIDE, GL_EDGE_FLAG_ARRAY_POINTER,
     GL_EDGE_FLAG_ARRAY_BUFFER_BINDING},
    {GL_TEXTURE_COORD_ARRAY, GL_TEXTURE_COORD_ARRAY_SIZE, GL_TEXTURE_COORD_ARRAY_TYPE,
     GL_TEXTURE_COORD_ARRAY_STRIDE, GL_TEXTURE_COORD_ARRAY_POINTER,
     GL_TEXTURE_COORD_ARRAY_BUFFER_BINDING},
};
#define FIXED_CLIENT_ARRAYS (sizeof client_arrays / sizeof *client_arrays - 1)

struct client_state {
    GLint enabled, size, type, stride;
    GLuint buffer;                  /* virtual */
    uintptr_t pointer;              /* app memory, or an offset into the buffer */
};

struct attrib_state {
    GLint enabled, size, type, stride, normalized, integer, is_long, divisor;
    GLint binding, relative_offset; /* GL 4.3; without it binding = the attribute */
    GLuint buffer;                  /* virtual; the buffer of its binding point */
    uintptr_t pointer;
};

struct binding_state {
    GLuint buffer;                  /* virtual */
    GLint stride, divisor;
    GLint64 offset;
};

struct vao_state {
    GLuint virt;                    /* 0: the default vertex array */
    bool exists;                    /* a name from glGenVertexArrays is no object until bound */
    GLuint element_buffer;          /* virtual */
    struct attrib_state attribs[MAX_ATTRIBS];
    struct binding_state bindings[MAX_BINDINGS];
    struct client_state clients[MAX_CLIENT_ARRAYS];
};

struct glcr_vertex_arrays_snapshot {
    GLuint bound;                   /* virtual name bound at checkpoint */
    int attrib_count, binding_count, client_count;
    bool has_default;               /* VAO 0 holds arrays (compatibility profile, OpenGL ES) */
    bool has_integer, has_divisor, has_long, has_binding, has_binding_buffer;
    size_t count;
    struct vao_state *vaos;
};

static struct glcr_name_table *vao_table(struct glcr_context *ctx)
{
    return &ctx->names[GLCR_OBJ_VERTEX_ARRAY - GLCR_OBJ_SHARED_COUNT];
}

static const char *vao_label(GLuint virt, char *buf, size_t len)
{
    if (virt)
        snprintf(buf, len, "vertex array %u", virt);
    else
        snprintf(buf, len, "the default vertex array");
    return buf;
}

/* ---- what the app reads back -------------------------------------------------------------- */

static void virtualize_attrib_buffer(GLenum pname, void *params, char kind)
{
    if (pname != GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING || !params)
        return;
    switch (kind) {
    case 'i': *(GLint *)params = (GLint)glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)*(GLint *)params); break;
    case 'u': *(GLuint *)params = glcr_name_virtual(GLCR_OBJ_BUFFER, *(GLuint *)params); break;
    case 'f': *(GLfloat *)params = (GLfloat)glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)*(GLfloat *)params); break;
    case 'd': *(GLdouble *)params = glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)*(GLdouble *)params); break;
    default: break;
    }
}

void hook_glGetVertexAttribiv(GLuint index, GLenum pname, GLint *params)
{
    glcr_driver.GetVertexAttribiv(index, pname, params);
    virtualize_attrib_buffer(pname, params, 'i');
}

void hook_glGetVertexAttribIiv(GLuint index, GLenum pname, GLint *params)
{
    glcr_driver.GetVertexAttribIiv(index, pname, params);
    virtualize_attrib_buffer(pname, params, 'i');
}

void hook_glGetVertexAttribIuiv(GLuint index, GLenum pname, GLuint *params)
{
    glcr_driver.GetVertexAttribIuiv(index, pname, params);
    virtualize_attrib_buffer(pname, params, 'u');
}

void hook_glGetVertexAttribfv(GLuint index, GLenum pname, GLfloat *params)
{
    glcr_driver.GetVertexAttribfv(index, pname, params);
    virtualize_attrib_buffer(pname, params, 'f');
}

void hook_glGetVertexAttribdv(GLuint index, GLenum pname, GLdouble *params)
{
    glcr_driver.GetVertexAttribdv(index, pname, params);
    virtualize_attrib_buffer(pname, params, 'd');
}

void hook_glGetVertexArrayiv(GLuint vaobj, GLenum pname, GLint *param)
{
    glcr_driver.GetVertexArrayiv(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, vaobj), pname, param);
    if (pname == GL_ELEMENT_ARRAY_BUFFER_BINDING && param)
        *param = (GLint)glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)*param);
}

void hook_glGetVertexArrayIndexediv(GLuint vaobj, GLuint index, GLenum pname, GLint *param)
{
    glcr_driver.GetVertexArrayIndexediv(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, vaobj), index, pname, param);
    virtualize_attrib_buffer(pname, param, 'i');
}

/* gl.xml gives its buffer array no length, so the generator cannot translate it. */
void hook_glVertexArrayVertexBuffers(GLuint vaobj, GLuint first, GLsizei count, const GLuint *buffers,
                                     const GLintptr *offsets, const GLsizei *strides)
{
    GLuint buf[16];
    const GLuint *real = glcr_names_real(GLCR_OBJ_BUFFER, count, buffers, buf, 16);
    glcr_driver.VertexArrayVertexBuffers(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, vaobj), first, count, real,
                                         offsets, strides);
    glcr_names_release(real, buf, buffers);
}

/* ---- read-back ---------------------------------------------------------------------------- */

static bool buffer_name(GLint real, GLuint *virt, const char *what, GLuint vao, char *err, size_t err_len)
{
    if (glcr_name_known_virtual(GLCR_OBJ_BUFFER, (GLuint)real, virt))
        return true;
    char label[64];
    snprintf(err, err_len, "%s: %s uses a buffer the app deleted (GL keeps it alive while it is "
             "bound there); glcr cannot restore it", vao_label(vao, label, sizeof label), what);
    return false;
}

static bool save_clients(struct glcr_vertex_arrays_snapshot *s, struct vao_state *v, char *err, size_t err_len)
{
    for (int k = 0; k < s->client_count; k++) {
        size_t which = k < (int)FIXED_CLIENT_ARRAYS ? (size_t)k : FIXED_CLIENT_ARRAYS;
        const struct client_array *c = &client_arrays[which];
        struct client_state *cs = &v->clients[k];
        if (which == FIXED_CLIENT_ARRAYS)
            glcr_driver.ClientActiveTexture(GL_TEXTURE0 + (GLenum)(k - (int)FIXED_CLIENT_ARRAYS));
        cs->enabled = glcr_driver.IsEnabled(c->cap);
        cs->size = c->size ? rb_int(c->size) : 0;
        cs->type = c->type ? rb_int(c->type) : 0;
        cs->stride = rb_int(c->stride);
        void *ptr = NULL;
        glcr_driver.GetPointerv(c->pointer, &ptr);
        cs->pointer = (uintptr_t)ptr;
        char what[64];
        snprintf(what, sizeof what, "client array 0x%x", c->cap);
        if (!buffer_name(rb_int(c->buffer), &cs->buffer, what, v->virt, err, err_len))
            return false;
    }
    return true;
}

/* The driver answers a binding's offset as a 32-bit integer. A classic pointer call set it to
 * the attribute's pointer, which may be an address (client memory, or an address the app
 * passed as an offset): the pointer is taken whole when its low bits match. */
static bool whole_binding_offset(const struct glcr_vertex_arrays_snapshot *s, struct vao_state *v, int j,
                                 const char *what, char *err, size_t err_len)
{
    struct binding_state *b = &v->bindings[j];
    for (int i = 0; i < s->attrib_count; i++) {
        const struct attrib_state *a = &v->attribs[i];
        if (a->binding == j && a->relative_offset == 0 && (uint32_t)a->pointer == (uint32_t)b->offset)
            b->offset = (GLint64)a->pointer;
    }
    if (b->offset >= 0)
        return true;
    char label[64];
    snprintf(err, err_len, "%s: %s: the driver answers its offset truncated (%lld); glcr cannot restore it",
             vao_label(v->virt, label, sizeof label), what, (long long)b->offset);
    return false;
}

static bool save_vao(struct glcr_vertex_arrays_snapshot *s, struct vao_state *v, bool legacy,
                     char *err, size_t err_len)
{
    for (int i = 0; i < s->attrib_count; i++) {
        struct attrib_state *a = &v->attribs[i];
        GLuint index = (GLuint)i;
        GLint buffer = 0;
        glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_ENABLED, &a->enabled);
        glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_SIZE, &a->size);
        glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_TYPE, &a->type);
        glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_STRIDE, &a->stride);
        glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_NORMALIZED, &a->normalized);
        if (s->has_integer)
            glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_INTEGER, &a->integer);
        glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_BUFFER_BINDING, &buffer);
        if (s->has_divisor)
            glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_DIVISOR, &a->divisor);
        if (s->has_long)
            glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_ARRAY_LONG, &a->is_long);
        a->binding = i;
        if (s->has_binding) {
            glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_BINDING, &a->binding);
            glcr_driver.GetVertexAttribiv(index, GL_VERTEX_ATTRIB_RELATIVE_OFFSET, &a->relative_offset);
        }
        void *ptr = NULL;
        glcr_driver.GetVertexAttribPointerv(index, GL_VERTEX_ATTRIB_ARRAY_POINTER, &ptr);
        a->pointer = (uintptr_t)ptr;
        char what[64];
        snprintf(what, sizeof what, "attribute %d", i);
        if (!buffer_name(buffer, &a->buffer, what, v->virt, err, err_len))
            return false;
    }
    for (int j = 0; j < s->binding_count; j++) {
        struct binding_state *b = &v->bindings[j];
        GLuint index = (GLuint)j;
        GLint buffer = 0;
        if (s->has_binding_buffer)
            glcr_driver.GetIntegeri_v(GL_VERTEX_BINDING_BUFFER, index, &buffer);
        else
            for (int i = 0; i < s->attrib_count && !buffer; i++)
                if (v->attribs[i].binding == j)
                    buffer = (GLint)glcr_name_real(GLCR_OBJ_BUFFER, v->attribs[i].buffer);
        glcr_driver.GetInteger64i_v(GL_VERTEX_BINDING_OFFSET, index, &b->offset);
        glcr_driver.GetIntegeri_v(GL_VERTEX_BINDING_STRIDE, index, &b->stride);
        glcr_driver.GetIntegeri_v(GL_VERTEX_BINDING_DIVISOR, index, &b->divisor);
        char what[64];
        snprintf(what, sizeof what, "vertex buffer binding %d", j);
        if (!whole_binding_offset(s, v, j, what, err, err_len))
            return false;
        if (!buffer_name(buffer, &b->buffer, what, v->virt, err, err_len))
            return false;
    }
    if (!buffer_name(rb_int(GL_ELEMENT_ARRAY_BUFFER_BINDING), &v->element_buffer, "the element array",
                     v->virt, err, err_len))
        return false;
    if (legacy && !save_clients(s, v, err, err_len))
        return false;
    if (rb_failed()) {
        char label[64];
        snprintf(err, err_len, "reading back %s raised a GL error", vao_label(v->virt, label, sizeof label));
        return false;
    }
    return true;
}

/* Which parts of the vertex array state this context has (GL version, extensions). */
static void probe_features(struct glcr_vertex_arrays_snapshot *s, struct glcr_context *ctx)
{
    GLint v = 0;
    s->attrib_count = rb_int(GL_MAX_VERTEX_ATTRIBS);
    s->has_default = ctx->legacy || ctx->attribs.gles;
    glcr_driver.GetVertexAttribiv(0, GL_VERTEX_ATTRIB_ARRAY_INTEGER, &v); /* not in OpenGL ES 2 */
    s->has_integer = !rb_failed();
    glcr_driver.GetVertexAttribiv(0, GL_VERTEX_ATTRIB_ARRAY_DIVISOR, &v);
    s->has_divisor = !rb_failed();
    glcr_driver.GetVertexAttribiv(0, GL_VERTEX_ATTRIB_ARRAY_LONG, &v);
    s->has_long = !rb_failed();
    glcr_driver.GetVertexAttribiv(0, GL_VERTEX_ATTRIB_BINDING, &v);
    s->has_binding = !rb_failed();
    if (s->has_binding) {
        s->binding_count = rb_int(GL_MAX_VERTEX_ATTRIB_BINDINGS);
        glcr_driver.GetIntegeri_v(GL_VERTEX_BINDING_BUFFER, 0, &v);
        s->has_binding_buffer = !rb_failed();
    }
    if (ctx->legacy)
        s->client_count = (int)FIXED_CLIENT_ARRAYS + rb_int(GL_MAX_TEXTURE_COORDS);
    rb_failed();
}

static bool snapshot(struct glcr_context *ctx, struct glcr_vertex_arrays_snapshot *s, char *err, size_t err_len)
{
    struct glcr_name_table *t = vao_table(ctx);
    probe_features(s, ctx);
    if (s->attrib_count > MAX_ATTRIBS || s->binding_count > MAX_BINDINGS || s->client_count > MAX_CLIENT_ARRAYS) {
        snprintf(err, err_len, "%d vertex attributes, %d vertex buffer bindings, %d client "
                 "arrays: more than glcr can save (%d, %d, %d)", s->attrib_count, s->binding_count,
                 s->client_count, MAX_ATTRIBS, MAX_BINDINGS, MAX_CLIENT_ARRAYS);
        return false;
    }
    GLint bound_real = rb_int(GL_VERTEX_ARRAY_BINDING);
    rb_failed();
    s->bound = glcr_name_virtual(GLCR_OBJ_VERTEX_ARRAY, (GLuint)bound_real);
    GLint client_unit = ctx->legacy ? rb_int(GL_CLIENT_ACTIVE_TEXTURE) : 0;
    s->vaos = calloc(t->live_count + 1, sizeof *s->vaos);
    if (!s->vaos) {
        snprintf(err, err_len, "out of memory saving its vertex arrays");
        return false;
    }
    bool ok = true;
    bool switched = false;
    if (s->has_default) {
        struct vao_state *v = &s->vaos[s->count++];
        v->exists = true;
        if (bound_real != 0) {
            glcr_driver.BindVertexArray(0);
            switched = true;
        }
        ok = save_vao(s, v, ctx->legacy, err, err_len);
    }
    GLCR_FOR_EACH_OBJECT(t, virt, o) {
        if (!ok)
            break;
        struct vao_state *v = &s->vaos[s->count++];
        v->virt = virt;
        v->exists = glcr_driver.IsVertexArray(o->real);
        if (!v->exists)
            continue;
        glcr_driver.BindVertexArray(o->real);
        switched = true;
        ok = save_vao(s, v, ctx->legacy, err, err_len);
    }
    if (switched)
        glcr_driver.BindVertexArray((GLuint)bound_real);
    if (ctx->legacy)
        glcr_driver.ClientActiveTexture((GLenum)client_unit);
    return ok;
}

static void free_snapshot(struct glcr_context *ctx)
{
    if (!ctx->vertex_arrays)
        return;
    free(ctx->vertex_arrays->vaos);
    free(ctx->vertex_arrays);
    ctx->vertex_arrays = NULL;
}

static bool save_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    rb_keep_app_error(ctx);
    struct glcr_vertex_arrays_snapshot *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_len, "context %u: out of memory saving its vertex arrays", ctx->id);
        return false;
    }
    ctx->vertex_arrays = s;
    char why[256] = "";
    if (!snapshot(ctx, s, why, sizeof why)) {
        snprintf(err, err_len, "context %u: %s", ctx->id, why);
        free_snapshot(ctx);
        return false;
    }
    return true;
}

/* ---- restore ------------------------------------------------------------------------------ */

static void apply_client(const struct client_state *cs, size_t k)
{
    size_t which = k < FIXED_CLIENT_ARRAYS ? k : FIXED_CLIENT_ARRAYS;
    const struct client_array *c = &client_arrays[which];
    const void *ptr = (const void *)cs->pointer;
    if (which == FIXED_CLIENT_ARRAYS)
        glcr_driver.ClientActiveTexture(GL_TEXTURE0 + (GLenum)(k - FIXED_CLIENT_ARRAYS));
    glcr_driver.BindBuffer(GL_ARRAY_BUFFER, glcr_name_real(GLCR_OBJ_BUFFER, cs->buffer));
    GLenum type = (GLenum)cs->type;
    switch (c->cap) {
    case GL_VERTEX_ARRAY: glcr_driver.VertexPointer(cs->size, type, cs->stride, ptr); break;
    case GL_NORMAL_ARRAY: glcr_driver.NormalPointer(type, cs->stride, ptr); break;
    case GL_COLOR_ARRAY: glcr_driver.ColorPointer(cs->size, type, cs->stride, ptr); break;
    case GL_SECONDARY_COLOR_ARRAY: glcr_driver.SecondaryColorPointer(cs->size, type, cs->stride, ptr); break;
    case GL_FOG_COORD_ARRAY: glcr_driver.FogCoordPointer(type, cs->stride, ptr); break;
    case GL_INDEX_ARRAY: glcr_driver.IndexPointer(type, cs->stride, ptr); break;
    case GL_EDGE_FLAG_ARRAY: glcr_driver.EdgeFlagPointer(cs->stride, ptr); break;
    case GL_TEXTURE_COORD_ARRAY: glcr_driver.TexCoordPointer(cs->size, type, cs->stride, ptr); break;
    default: break;
    }
    if (cs->enabled)
        glcr_driver.EnableClientState(c->cap);
    else
        glcr_driver.DisableClientState(c->cap);
}

/* The classic calls first (they set the pointer and stride the app reads back, and are all
 * a pre-4.3 context has), then the 4.3 formats and binding points over them, which is what
 * the attributes really read from. */
static void apply_vao(const struct glcr_vertex_arrays_snapshot *s, const struct vao_state *v, bool legacy)
{
    /* OpenGL ES refuses the 4.3 calls on its default vertex array, where the app could not
     * have used them either: the classic calls set all it has. */
    bool binding_points = s->has_binding && (legacy || v->virt != 0);
    for (int i = 0; i < s->attrib_count; i++) {
        const struct attrib_state *a = &v->attribs[i];
        GLuint index = (GLuint)i, buffer = glcr_name_real(GLCR_OBJ_BUFFER, a->buffer);
        const void *ptr = (const void *)a->pointer;
        /* Core profiles (OpenGL ES in named VAOs) refuse an offset without a buffer; the 4.3
         * calls below set it. */
        bool client_memory = legacy || (s->has_default && v->virt == 0);
        if (!client_memory && buffer == 0 && a->pointer != 0)
            continue;
        glcr_driver.BindBuffer(GL_ARRAY_BUFFER, buffer);
        if (a->is_long)
            glcr_driver.VertexAttribLPointer(index, a->size, (GLenum)a->type, a->stride, ptr);
        else if (a->integer)
            glcr_driver.VertexAttribIPointer(index, a->size, (GLenum)a->type, a->stride, ptr);
        else
            glcr_driver.VertexAttribPointer(index, a->size, (GLenum)a->type, a->normalized != 0, a->stride, ptr);
        if (a->divisor && !binding_points)
            glcr_driver.VertexAttribDivisor(index, (GLuint)a->divisor);
    }
    if (binding_points) {
        for (int i = 0; i < s->attrib_count; i++) {
            const struct attrib_state *a = &v->attribs[i];
            GLuint index = (GLuint)i, offset = (GLuint)a->relative_offset;
            if (a->is_long)
                glcr_driver.VertexAttribLFormat(index, a->size, (GLenum)a->type, offset);
            else if (a->integer)
                glcr_driver.VertexAttribIFormat(index, a->size, (GLenum)a->type, offset);
            else
                glcr_driver.VertexAttribFormat(index, a->size, (GLenum)a->type, a->normalized != 0, offset);
            glcr_driver.VertexAttribBinding(index, (GLuint)a->binding);
        }
        for (int j = 0; j < s->binding_count; j++) {
            const struct binding_state *b = &v->bindings[j];
            glcr_driver.BindVertexBuffer((GLuint)j, glcr_name_real(GLCR_OBJ_BUFFER, b->buffer),
                                         (GLintptr)b->offset, b->stride);
            glcr_driver.VertexBindingDivisor((GLuint)j, (GLuint)b->divisor);
        }
    }
    for (int i = 0; i < s->attrib_count; i++) {
        if (v->attribs[i].enabled)
            glcr_driver.EnableVertexAttribArray((GLuint)i);
        else
            glcr_driver.DisableVertexAttribArray((GLuint)i);
    }
    for (int k = 0; legacy && k < s->client_count; k++)
        apply_client(&v->clients[k], (size_t)k);
    glcr_driver.BindBuffer(GL_ELEMENT_ARRAY_BUFFER, glcr_name_real(GLCR_OBJ_BUFFER, v->element_buffer));
}

static bool restore_context(struct glcr_context *ctx, char *err, size_t err_len)
{
    const struct glcr_vertex_arrays_snapshot *s = ctx->vertex_arrays;
    if (!s)
        return true;
    struct glcr_name_table *t = vao_table(ctx);
    for (size_t n = 0; n < s->count; n++) {
        const struct vao_state *v = &s->vaos[n];
        if (v->virt) {
            GLuint real = 0;
            glcr_driver.GenVertexArrays(1, &real);
            glcr_names_rebind(t, v->virt, real);
            if (!v->exists)
                continue;
            glcr_driver.BindVertexArray(real);
        } else if (s->count > 1) {
            glcr_driver.BindVertexArray(0);
        }
        apply_vao(s, v, ctx->legacy);
        GLenum e = glcr_driver.GetError();
        if (e != GL_NO_ERROR) {
            char label[64];
            snprintf(err, err_len, "context %u: restoring %s raised GL error 0x%x", ctx->id,
                     vao_label(v->virt, label, sizeof label), e);
            return false;
        }
    }
    if (s->count > (s->has_default ? 1u : 0u))
        glcr_driver.BindVertexArray(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, s->bound));
    return true;
}

/* ---- client attribute stack levels (attribstack.c) ---------------------------------------- */

struct glcr_vertex_array_copy {
    struct glcr_vertex_arrays_snapshot features;
    struct vao_state vao;
};

struct glcr_vertex_array_copy *glcr_vertex_arrays_copy_bound(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_vertex_array_copy *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, err_len, "context %u: out of memory saving a client attribute stack level", ctx->id);
        return NULL;
    }
    probe_features(&c->features, ctx);
    GLint client_unit = rb_int(GL_CLIENT_ACTIVE_TEXTURE);
    c->vao.virt = glcr_name_virtual(GLCR_OBJ_VERTEX_ARRAY, (GLuint)rb_int(GL_VERTEX_ARRAY_BINDING));
    c->vao.exists = true;
    char why[256] = "";
    bool ok = save_vao(&c->features, &c->vao, ctx->legacy, why, sizeof why);
    glcr_driver.ClientActiveTexture((GLenum)client_unit);
    if (!ok) {
        snprintf(err, err_len, "context %u: client attribute stack: %s", ctx->id, why);
        free(c);
        return NULL;
    }
    return c;
}

void glcr_vertex_arrays_apply_copy(struct glcr_context *ctx, const struct glcr_vertex_array_copy *c)
{
    glcr_driver.BindVertexArray(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, c->vao.virt));
    apply_vao(&c->features, &c->vao, ctx->legacy);
}

void glcr_vertex_arrays_put_back(struct glcr_context *ctx, const struct glcr_vertex_array_copy *c)
{
    const struct glcr_vertex_arrays_snapshot *s = ctx->vertex_arrays;
    for (size_t n = 0; s && n < s->count; n++) {
        if (s->vaos[n].virt != c->vao.virt || !s->vaos[n].exists)
            continue;
        glcr_driver.BindVertexArray(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, c->vao.virt));
        apply_vao(s, &s->vaos[n], ctx->legacy);
    }
    if (s)
        glcr_driver.BindVertexArray(glcr_name_real(GLCR_OBJ_VERTEX_ARRAY, s->bound));
}

static int verify_context(struct glcr_context *ctx)
{
    struct glcr_vertex_arrays_snapshot *saved = ctx->vertex_arrays, now = {0};
    if (!saved)
        return 0;
    char err[256] = "";
    int bad = 0;
    if (!snapshot(ctx, &now, err, sizeof err)) {
        log_error("verify context %u: %s", ctx->id, err);
        bad = 1;
    } else if (now.count != saved->count || now.bound != saved->bound) {
        log_error("verify context %u: %zu vertex arrays, %u bound; saved %zu, %u bound", ctx->id, now.count,
                  now.bound, saved->count, saved->bound);
        bad = 1;
    } else {
        for (size_t n = 0; n < now.count; n++) {
            if (memcmp(&now.vaos[n], &saved->vaos[n], sizeof now.vaos[n]) != 0) {
                char label[64];
                log_error("verify context %u: %s differs after restore", ctx->id,
                          vao_label(saved->vaos[n].virt, label, sizeof label));
                bad++;
            }
        }
    }
    free(now.vaos);
    return bad;
}

static size_t bytes_context(const struct glcr_context *ctx)
{
    return ctx->vertex_arrays ? ctx->vertex_arrays->count * sizeof(struct vao_state) : 0;
}

const struct glcr_tracker glcr_tracker_vertex_arrays = {
    .name = "vertex arrays",
    .save_context = save_context,
    .restore_context = restore_context,
    .verify_context = verify_context,
    .free_context = free_snapshot,
    .bytes_context = bytes_context,
};
