#include "state/get.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "lower/callbacks.h"

#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/lists.h"
#include "state/names.h"
#include "winsys/alphapad.h"

/* Queries whose answer is an object name: the driver's real name becomes the app's. */
static int name_class(GLenum pname)
{
    switch (pname) {
    case GL_TEXTURE_BINDING_1D: case GL_TEXTURE_BINDING_2D: case GL_TEXTURE_BINDING_3D:
    case GL_TEXTURE_BINDING_CUBE_MAP: case GL_TEXTURE_BINDING_RECTANGLE:
    case GL_TEXTURE_BINDING_1D_ARRAY: case GL_TEXTURE_BINDING_2D_ARRAY:
    case GL_TEXTURE_BINDING_CUBE_MAP_ARRAY: case GL_TEXTURE_BINDING_BUFFER:
    case GL_TEXTURE_BINDING_2D_MULTISAMPLE: case GL_TEXTURE_BINDING_2D_MULTISAMPLE_ARRAY:
        return GLCR_OBJ_TEXTURE;
    case GL_ARRAY_BUFFER_BINDING: case GL_ELEMENT_ARRAY_BUFFER_BINDING:
    case GL_PIXEL_PACK_BUFFER_BINDING: case GL_PIXEL_UNPACK_BUFFER_BINDING:
    case GL_COPY_READ_BUFFER_BINDING: case GL_COPY_WRITE_BUFFER_BINDING:
    case GL_UNIFORM_BUFFER_BINDING: case GL_TRANSFORM_FEEDBACK_BUFFER_BINDING:
    case GL_DRAW_INDIRECT_BUFFER_BINDING: case GL_DISPATCH_INDIRECT_BUFFER_BINDING:
    case GL_SHADER_STORAGE_BUFFER_BINDING: case GL_ATOMIC_COUNTER_BUFFER_BINDING:
    case GL_QUERY_BUFFER_BINDING: case GL_VERTEX_ARRAY_BUFFER_BINDING: case GL_TEXTURE_BUFFER_BINDING:
    case GL_NORMAL_ARRAY_BUFFER_BINDING: case GL_COLOR_ARRAY_BUFFER_BINDING:
    case GL_INDEX_ARRAY_BUFFER_BINDING: case GL_TEXTURE_COORD_ARRAY_BUFFER_BINDING:
    case GL_EDGE_FLAG_ARRAY_BUFFER_BINDING: case GL_SECONDARY_COLOR_ARRAY_BUFFER_BINDING:
    case GL_FOG_COORD_ARRAY_BUFFER_BINDING:
        return GLCR_OBJ_BUFFER;
    case GL_RENDERBUFFER_BINDING:
        return GLCR_OBJ_RENDERBUFFER;
    case GL_SAMPLER_BINDING:
        return GLCR_OBJ_SAMPLER;
    case GL_CURRENT_PROGRAM:
        return GLCR_OBJ_PROGRAM;
    case GL_VERTEX_ARRAY_BINDING:
        return GLCR_OBJ_VERTEX_ARRAY;
    case GL_TRANSFORM_FEEDBACK_BINDING:
        return GLCR_OBJ_TRANSFORM_FEEDBACK;
    case GL_PROGRAM_PIPELINE_BINDING:
        return GLCR_OBJ_PIPELINE;
    case GL_LIST_INDEX:
        return GLCR_OBJ_LIST;
    default:
        return -1;
    }
}

/* glcr's answer for pname (up to 4 values), or false to keep the driver's. */
static bool override(GLenum pname, GLint64 *value, int *count)
{
    if (glcr_defaultfb_get(pname, value, count) || glcr_alpha_pad_get(pname, value, count))
        return true;
    if (glcr_lists_query(pname, value)) {
        *count = 1;
        return true;
    }
    int cls = name_class(pname);
    if (cls < 0)
        return false;
    GLint real = 0;
    glcr_driver.GetIntegerv(pname, &real);
    *value = glcr_name_virtual((enum glcr_obj_type)cls, (GLuint)real);
    *count = 1;
    return true;
}

/* Written out one by one: the generator finds hooks by their definitions, not through
 * macros. */
void hook_glGetIntegerv(GLenum pname, GLint *data)
{
    GLint64 v[4];
    int n;
    if (data && override(pname, v, &n))
        for (int i = 0; i < n; i++)
            data[i] = (GLint)v[i];
    else
        glcr_driver.GetIntegerv(pname, data);
}

void hook_glGetInteger64v(GLenum pname, GLint64 *data)
{
    GLint64 v[4];
    int n;
    if (data && override(pname, v, &n))
        for (int i = 0; i < n; i++)
            data[i] = v[i];
    else
        glcr_driver.GetInteger64v(pname, data);
}

void hook_glGetFloatv(GLenum pname, GLfloat *data)
{
    GLint64 v[4];
    int n;
    if (data && override(pname, v, &n))
        for (int i = 0; i < n; i++)
            data[i] = (GLfloat)v[i];
    else
        glcr_driver.GetFloatv(pname, data);
}

void hook_glGetDoublev(GLenum pname, GLdouble *data)
{
    GLint64 v[4];
    int n;
    if (data && override(pname, v, &n))
        for (int i = 0; i < n; i++)
            data[i] = (GLdouble)v[i];
    else
        glcr_driver.GetDoublev(pname, data);
}

void hook_glGetBooleanv(GLenum pname, GLboolean *data)
{
    GLint64 v[4];
    int n;
    if (data && override(pname, v, &n)) {
        for (int i = 0; i < n; i++)
            data[i] = v[i] != 0;
        return;
    }
    glcr_driver.GetBooleanv(pname, data);
}

void hook_glGetPointerv(GLenum pname, void **params)
{
    if (!params || !glcr_callbacks_get_pointer(pname, params))
        glcr_driver.GetPointerv(pname, params);
}

/* Strings from the driver would vanish with it at the next reload; the app may keep the
 * pointer, so it gets a copy that glcr keeps for the life of the process. */
static const GLubyte *interned(const GLubyte *s)
{
    struct entry {
        struct entry *next;
        char text[];
    };
    static struct entry *strings;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    if (!s)
        return NULL;
    pthread_mutex_lock(&lock);
    struct entry *e = strings;
    while (e && strcmp(e->text, (const char *)s) != 0)
        e = e->next;
    if (!e && (e = malloc(sizeof *e + strlen((const char *)s) + 1))) {
        strcpy(e->text, (const char *)s);
        e->next = strings;
        strings = e;
    }
    pthread_mutex_unlock(&lock);
    return e ? (const GLubyte *)e->text : s;
}

const GLubyte *hook_glGetString(GLenum name)
{
    return interned(glcr_driver.GetString(name));
}

const GLubyte *hook_glGetStringi(GLenum name, GLuint index)
{
    return interned(glcr_driver.GetStringi(name, index));
}

void glcr_raise_error(GLenum error)
{
    struct glcr_context *ctx = glcr_current();
    if (ctx && !ctx->pending_error)
        ctx->pending_error = error;
}

void glcr_drain_errors(void)
{
    for (int i = 0; i < 16 && glcr_driver.GetError() != GL_NO_ERROR; i++)
        ;
}

void glcr_keep_pending_error(struct glcr_context *ctx)
{
    GLenum pending = glcr_driver.GetError();
    if (pending != GL_NO_ERROR && !ctx->pending_error)
        ctx->pending_error = pending;
}

/* An error the app had not read when the driver was reloaded is reported first. */
GLenum hook_glGetError(void)
{
    struct glcr_context *ctx = glcr_current();
    if (ctx && ctx->pending_error) {
        GLenum e = ctx->pending_error;
        ctx->pending_error = GL_NO_ERROR;
        return e;
    }
    return glcr_driver.GetError();
}

/* Indexed queries whose answer is an object name (buffer binding points, image units). */
static int indexed_name_class(GLenum pname)
{
    switch (pname) {
    case GL_UNIFORM_BUFFER_BINDING: case GL_SHADER_STORAGE_BUFFER_BINDING:
    case GL_ATOMIC_COUNTER_BUFFER_BINDING: case GL_TRANSFORM_FEEDBACK_BUFFER_BINDING:
    case GL_VERTEX_BINDING_BUFFER:
        return GLCR_OBJ_BUFFER;
    case GL_IMAGE_BINDING_NAME:
        return GLCR_OBJ_TEXTURE;
    default:
        return -1;
    }
}

#define GET_INDEXED_HOOK(fn, driver_fn, type)                                                  \
    void hook_##fn(GLenum target, GLuint index, type *data)                                    \
    {                                                                                          \
        GLint64 v[4];                                                                          \
        int n;                                                                                 \
        if (data && glcr_alpha_pad_get_indexed(target, index, v, &n)) {                        \
            for (int i = 0; i < n; i++)                                                        \
                data[i] = (type)v[i];                                                          \
            return;                                                                            \
        }                                                                                      \
        int cls = indexed_name_class(target);                                                  \
        if (cls < 0 || !data) {                                                                \
            glcr_driver.driver_fn(target, index, data);                                        \
            return;                                                                            \
        }                                                                                      \
        GLint64 real = 0;                                                                      \
        glcr_driver.GetInteger64i_v(target, index, &real);                                     \
        data[0] = (type)glcr_name_virtual((enum glcr_obj_type)cls, (GLuint)real);              \
    }

GET_INDEXED_HOOK(glGetIntegeri_v, GetIntegeri_v, GLint)
GET_INDEXED_HOOK(glGetInteger64i_v, GetInteger64i_v, GLint64)
GET_INDEXED_HOOK(glGetFloati_v, GetFloati_v, GLfloat)
GET_INDEXED_HOOK(glGetDoublei_v, GetDoublei_v, GLdouble)
GET_INDEXED_HOOK(glGetBooleani_v, GetBooleani_v, GLboolean)
