/* Shaders and programs. Their executables cannot be read back (program binaries are
 * refused: they would not load into another driver), so glcr records what produced them:
 * each shader's source at its last compile, and for each program the shaders it was last
 * linked from. Everything else is read back at checkpoint: the locations the linker chose
 * for attributes and fragment outputs (bound explicitly before the relink, so they come
 * out the same), transform feedback varyings, uniform values and block bindings. */
#include "state/programs.h"
#include "state/tracker.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/context.h"
#include "state/get.h"
#include "state/names.h"

/* What the app does to shaders and programs that the snapshot reads back or the records
 * below reproduce. */
GLCR_COVERS(glCreateShader, glCreateProgram, glDeleteShader, glDeleteProgram, glAttachShader,
            glDetachShader, glBindAttribLocation, glBindFragDataLocation, glBindFragDataLocationIndexed,
            glTransformFeedbackVaryings, glProgramParameteri, glUniformBlockBinding,
            glShaderStorageBlockBinding, glUseProgram, glValidateProgram,
            glUniform1f, glUniform2f, glUniform3f, glUniform4f, glUniform1i, glUniform2i, glUniform3i,
            glUniform4i, glUniform1ui, glUniform2ui, glUniform3ui, glUniform4ui, glUniform1fv,
            glUniform2fv, glUniform3fv, glUniform4fv, glUniform1iv, glUniform2iv, glUniform3iv,
            glUniform4iv, glUniform1uiv, glUniform2uiv, glUniform3uiv, glUniform4uiv,
            glUniformMatrix2fv, glUniformMatrix3fv, glUniformMatrix4fv, glUniformMatrix2x3fv,
            glUniformMatrix3x2fv, glUniformMatrix2x4fv, glUniformMatrix4x2fv, glUniformMatrix3x4fv,
            glUniformMatrix4x3fv, glUniform1d, glUniform2d, glUniform3d, glUniform4d, glUniform1dv,
            glUniform2dv, glUniform3dv, glUniform4dv, glUniformMatrix2dv, glUniformMatrix3dv,
            glUniformMatrix4dv, glUniformMatrix2x3dv, glUniformMatrix3x2dv, glUniformMatrix2x4dv,
            glUniformMatrix4x2dv, glUniformMatrix3x4dv, glUniformMatrix4x3dv,
            glProgramUniform1f, glProgramUniform2f, glProgramUniform3f, glProgramUniform4f,
            glProgramUniform1i, glProgramUniform2i, glProgramUniform3i, glProgramUniform4i,
            glProgramUniform1ui, glProgramUniform2ui, glProgramUniform3ui, glProgramUniform4ui,
            glProgramUniform1fv, glProgramUniform2fv, glProgramUniform3fv, glProgramUniform4fv,
            glProgramUniform1iv, glProgramUniform2iv, glProgramUniform3iv, glProgramUniform4iv,
            glProgramUniform1uiv, glProgramUniform2uiv, glProgramUniform3uiv, glProgramUniform4uiv,
            glProgramUniformMatrix2fv, glProgramUniformMatrix3fv, glProgramUniformMatrix4fv,
            glProgramUniformMatrix2x3fv, glProgramUniformMatrix3x2fv, glProgramUniformMatrix2x4fv,
            glProgramUniformMatrix4x2fv, glProgramUniformMatrix3x4fv, glProgramUniformMatrix4x3fv)

/* glDeleteProgram/glDeleteShader of an object still in use (a program current in some
 * context, a shader attached to a program): GL keeps it, and its name, until that use ends. */
struct deletion {
    bool by_app;            /* the app deleted it */
    bool told_driver;       /* ... and the current driver knows (false after a reload) */
};

/* Both records start with their deletion state. */
struct shader_record {
    struct deletion deletion;
    GLenum type;
    char *source;           /* as last given to glShaderSource */
    char *compiled;         /* the source of the last glCompileShader, NULL if never */
};

struct link_input {
    GLenum type;
    char *source;
};

struct program_record {
    struct deletion deletion;
    struct link_input *inputs;  /* the shaders of the last glLinkProgram */
    int input_count;
    bool linked;                /* glLinkProgram was called */
};

/* ---- records -------------------------------------------------------------------------------- */

/* Bytes of source text held in the records below (glcr_record_bytes reports them). */
static atomic_size_t record_text_bytes;

static char *counted(char *text)
{
    if (text)
        atomic_fetch_add(&record_text_bytes, malloc_usable_size(text));
    return text;
}

static void free_counted(char *text)
{
    if (text)
        atomic_fetch_sub(&record_text_bytes, malloc_usable_size(text));
    free(text);
}

size_t glcr_programs_record_bytes(void)
{
    return atomic_load(&record_text_bytes);
}

static void release(struct glcr_object *o)
{
    if (o->target == GL_PROGRAM) {
        struct program_record *p = o->record;
        for (int i = 0; i < p->input_count; i++)
            free_counted(p->inputs[i].source);
        free(p->inputs);
    } else {
        struct shader_record *s = o->record;
        free_counted(s->source);
        free_counted(s->compiled);
    }
    free(o->record);
}

__attribute__((constructor)) static void register_release(void)
{
    glcr_names_set_release(GLCR_OBJ_PROGRAM, release);
}

static struct glcr_object *object(GLuint virt)
{
    return glcr_object_get(GLCR_OBJ_PROGRAM, virt);
}

/* ---- deletion --------------------------------------------------------------------------------
 * An object deleted in use is marked; whenever it may have gone for good — before a new shader
 * or program can take its real name, after another deletion, and at snapshot — the driver says
 * whether it still exists. */

static atomic_int deleted_in_use;

static bool still_exists(const struct glcr_object *o)
{
    return o->target == GL_PROGRAM ? glcr_driver.IsProgram(o->real) : glcr_driver.IsShader(o->real);
}

static void tell_driver(const struct glcr_object *o)
{
    if (o->target == GL_PROGRAM)
        glcr_driver.DeleteProgram(o->real);
    else
        glcr_driver.DeleteShader(o->real);
}

static void settle_deletions(struct glcr_name_table *t)
{
    if (!t || atomic_load(&deleted_in_use) == 0)
        return;
    GLCR_FOR_EACH_OBJECT(t, v, o) {
        struct deletion *d = o->record;
        if (!d || !d->by_app)
            continue;
        if (!d->told_driver) { /* rebuilt by a reload: in use again, deleted again */
            tell_driver(o);
            d->told_driver = true;
        }
        if (!still_exists(o)) {
            glcr_names_forget_in(t, GLCR_OBJ_PROGRAM, v);
            atomic_fetch_sub(&deleted_in_use, 1);
        }
    }
}

static struct glcr_name_table *current_programs(void)
{
    struct glcr_share_group *g = glcr_current_share();
    return g ? &g->names[GLCR_OBJ_PROGRAM] : NULL;
}

static void delete_program_or_shader(GLuint virt, bool program)
{
    struct glcr_object *o = object(virt);
    GLuint real = glcr_name_real(GLCR_OBJ_PROGRAM, virt);
    if (program)
        glcr_driver.DeleteProgram(real);
    else
        glcr_driver.DeleteShader(real);
    if (!o || (o->target == GL_PROGRAM) != program)
        return; /* the driver raised the error the app gets */
    struct deletion *d = o->record;
    if (d && !d->by_app && still_exists(o)) {
        *d = (struct deletion){.by_app = true, .told_driver = true};
        atomic_fetch_add(&deleted_in_use, 1);
    } else if (!d || !d->by_app) {
        glcr_names_forget(GLCR_OBJ_PROGRAM, 1, &virt);
    }
    /* A deleted program no longer holds its shaders. */
    settle_deletions(current_programs());
}

void hook_glDeleteProgram(GLuint program)
{
    delete_program_or_shader(program, true);
}

void hook_glDeleteShader(GLuint shader)
{
    delete_program_or_shader(shader, false);
}

GLuint hook_glCreateShader(GLenum type)
{
    settle_deletions(current_programs());
    GLuint real = glcr_driver.CreateShader(type);
    if (!real)
        return 0;
    GLuint virt = glcr_name_adopt_one(GLCR_OBJ_PROGRAM, real);
    struct glcr_object *o = object(virt);
    struct shader_record *s = calloc(1, sizeof *s);
    if (!o || !s) {
        free(s);
        glcr_taint_reason("out of memory recording shader %u", virt);
        return virt;
    }
    s->type = type;
    o->target = type;
    o->record = s;
    return virt;
}

GLuint hook_glCreateProgram(void)
{
    settle_deletions(current_programs());
    GLuint real = glcr_driver.CreateProgram();
    if (!real)
        return 0;
    GLuint virt = glcr_name_adopt_one(GLCR_OBJ_PROGRAM, real);
    struct glcr_object *o = object(virt);
    struct program_record *p = calloc(1, sizeof *p);
    if (!o || !p) {
        free(p);
        glcr_taint_reason("out of memory recording program %u", virt);
        return virt;
    }
    o->target = GL_PROGRAM;
    o->record = p;
    return virt;
}

void hook_glShaderSource(GLuint shader, GLsizei count, const GLchar *const *string, const GLint *length)
{
    struct glcr_object *o = object(shader);
    glcr_driver.ShaderSource(o ? o->real : GLCR_NAME_INVALID, count, string, length);
    if (!o || o->target == GL_PROGRAM || count < 0 || !string)
        return;
    size_t total = 1;
    for (GLsizei i = 0; i < count; i++)
        total += length && length[i] >= 0 ? (size_t)length[i] : strlen(string[i]);
    char *text = malloc(total), *end = text;
    if (!text) {
        glcr_taint_reason("out of memory recording the source of shader %u", shader);
        return;
    }
    for (GLsizei i = 0; i < count; i++) {
        size_t n = length && length[i] >= 0 ? (size_t)length[i] : strlen(string[i]);
        memcpy(end, string[i], n);
        end += n;
    }
    *end = 0;
    struct shader_record *s = o->record;
    free_counted(s->source);
    s->source = counted(text);
}

void hook_glCompileShader(GLuint shader)
{
    struct glcr_object *o = object(shader);
    glcr_driver.CompileShader(o ? o->real : GLCR_NAME_INVALID);
    if (!o || o->target == GL_PROGRAM)
        return;
    struct shader_record *s = o->record;
    free_counted(s->compiled);
    s->compiled = s->source ? counted(strdup(s->source)) : NULL;
}

void hook_glLinkProgram(GLuint program)
{
    struct glcr_object *o = object(program);
    glcr_driver.LinkProgram(o ? o->real : GLCR_NAME_INVALID);
    if (!o || o->target != GL_PROGRAM)
        return;
    struct program_record *p = o->record;
    GLint count = 0;
    glcr_driver.GetProgramiv(o->real, GL_ATTACHED_SHADERS, &count);
    GLuint *reals = calloc((size_t)count + 1, sizeof *reals);
    struct link_input *inputs = calloc((size_t)count + 1, sizeof *inputs);
    if (!reals || !inputs) {
        free(reals);
        free(inputs);
        glcr_taint_reason("out of memory recording the link of program %u", program);
        return;
    }
    GLsizei got = 0;
    glcr_driver.GetAttachedShaders(o->real, count, &got, reals);
    int n = 0;
    for (GLsizei i = 0; i < got; i++) {
        struct glcr_object *sh = object(glcr_name_virtual(GLCR_OBJ_PROGRAM, reals[i]));
        struct shader_record *s = sh && sh->target != GL_PROGRAM ? sh->record : NULL;
        if (!s || !s->compiled) {
            glcr_taint_reason("program %u was linked from a shader glcr has no compiled source for",
                              program);
            continue;
        }
        inputs[n].type = s->type;
        inputs[n].source = counted(strdup(s->compiled));
        n++;
    }
    free(reals);
    for (int i = 0; i < p->input_count; i++)
        free_counted(p->inputs[i].source);
    free(p->inputs);
    p->inputs = inputs;
    p->input_count = n;
    p->linked = true;
}

GLuint hook_glCreateShaderProgramv(GLenum type, GLsizei count, const GLchar *const *strings)
{
    GLuint real = glcr_driver.CreateShaderProgramv(type, count, strings);
    if (!real)
        return 0;
    GLuint virt = glcr_name_adopt_one(GLCR_OBJ_PROGRAM, real);
    struct glcr_object *o = object(virt);
    struct program_record *p = calloc(1, sizeof *p);
    struct link_input *in = calloc(1, sizeof *in);
    size_t total = 1;
    for (GLsizei i = 0; strings && i < count; i++)
        total += strlen(strings[i]);
    char *text = malloc(total);
    if (!o || !p || !in || !text) {
        free(p);
        free(in);
        free(text);
        glcr_taint_reason("out of memory recording program %u", virt);
        return virt;
    }
    text[0] = 0;
    for (GLsizei i = 0; strings && i < count; i++)
        strcat(text, strings[i]);
    in->type = type;
    in->source = counted(text);
    p->inputs = in;
    p->input_count = 1;
    p->linked = true;
    o->target = GL_PROGRAM;
    o->record = p;
    return virt;
}

/* Program binaries would tie the program to this driver: apps are told there are none,
 * and fall back to linking from source. */
void hook_glGetProgramiv(GLuint program, GLenum pname, GLint *params)
{
    if (pname == GL_PROGRAM_BINARY_LENGTH && params) {
        *params = 0;
        return;
    }
    if (pname == GL_DELETE_STATUS)
        settle_deletions(current_programs());
    glcr_driver.GetProgramiv(glcr_name_real(GLCR_OBJ_PROGRAM, program), pname, params);
}

void hook_glGetShaderiv(GLuint shader, GLenum pname, GLint *params)
{
    if (pname == GL_DELETE_STATUS)
        settle_deletions(current_programs());
    glcr_driver.GetShaderiv(glcr_name_real(GLCR_OBJ_PROGRAM, shader), pname, params);
}

/* ---- snapshot ------------------------------------------------------------------------------- */

/* One uniform element: where it is and its value. */
struct uniform_value {
    char *name;             /* element name, "a[2]" for arrays */
    GLint location;
    GLenum type;
    double value[16];
    GLint ivalue[16];
    GLuint uvalue[16];
};

struct named_location {
    char *name;
    GLint location;
    GLint index;            /* fragment outputs: dual-source index */
};

struct program_snapshot {
    GLuint virt;
    bool is_program;
    /* program */
    GLint link_status, validate_status, separable, retrievable;
    GLuint *attached;       /* virtual names */
    GLint attached_count;
    struct named_location *attribs, *outputs;
    GLint attrib_count, output_count;
    char **varyings;
    GLint varying_count, varying_mode;
    struct uniform_value *uniforms;
    GLint uniform_count;
    GLint *block_bindings, *storage_bindings;
    GLint block_count, storage_count;
};

struct glcr_programs_snapshot {
    struct program_snapshot *items;
    size_t count;
    size_t bytes;
};

/* Components and how to read/write a uniform of a GLSL type. */
struct uniform_type {
    GLenum type;
    int components, columns;  /* columns > 1: a matrix */
    char base;                /* 'f' float, 'd' double, 'i' int (bool, samplers, images), 'u' uint */
};

static const struct uniform_type uniform_types[] = {
    {GL_FLOAT, 1, 1, 'f'}, {GL_FLOAT_VEC2, 2, 1, 'f'}, {GL_FLOAT_VEC3, 3, 1, 'f'},
    {GL_FLOAT_VEC4, 4, 1, 'f'}, {GL_DOUBLE, 1, 1, 'd'}, {GL_DOUBLE_VEC2, 2, 1, 'd'},
    {GL_DOUBLE_VEC3, 3, 1, 'd'}, {GL_DOUBLE_VEC4, 4, 1, 'd'}, {GL_INT, 1, 1, 'i'},
    {GL_INT_VEC2, 2, 1, 'i'}, {GL_INT_VEC3, 3, 1, 'i'}, {GL_INT_VEC4, 4, 1, 'i'},
    {GL_UNSIGNED_INT, 1, 1, 'u'}, {GL_UNSIGNED_INT_VEC2, 2, 1, 'u'},
    {GL_UNSIGNED_INT_VEC3, 3, 1, 'u'}, {GL_UNSIGNED_INT_VEC4, 4, 1, 'u'}, {GL_BOOL, 1, 1, 'i'},
    {GL_BOOL_VEC2, 2, 1, 'i'}, {GL_BOOL_VEC3, 3, 1, 'i'}, {GL_BOOL_VEC4, 4, 1, 'i'},
    {GL_FLOAT_MAT2, 4, 2, 'f'}, {GL_FLOAT_MAT3, 9, 3, 'f'}, {GL_FLOAT_MAT4, 16, 4, 'f'},
    {GL_FLOAT_MAT2x3, 6, 2, 'f'}, {GL_FLOAT_MAT2x4, 8, 2, 'f'}, {GL_FLOAT_MAT3x2, 6, 3, 'f'},
    {GL_FLOAT_MAT3x4, 12, 3, 'f'}, {GL_FLOAT_MAT4x2, 8, 4, 'f'}, {GL_FLOAT_MAT4x3, 12, 4, 'f'},
    {GL_DOUBLE_MAT2, 4, 2, 'd'}, {GL_DOUBLE_MAT3, 9, 3, 'd'}, {GL_DOUBLE_MAT4, 16, 4, 'd'},
    {GL_DOUBLE_MAT2x3, 6, 2, 'd'}, {GL_DOUBLE_MAT2x4, 8, 2, 'd'}, {GL_DOUBLE_MAT3x2, 6, 3, 'd'},
    {GL_DOUBLE_MAT3x4, 12, 3, 'd'}, {GL_DOUBLE_MAT4x2, 8, 4, 'd'}, {GL_DOUBLE_MAT4x3, 12, 4, 'd'},
};

static const struct uniform_type *uniform_type_of(GLenum type)
{
    for (size_t i = 0; i < sizeof uniform_types / sizeof *uniform_types; i++)
        if (uniform_types[i].type == type)
            return &uniform_types[i];
    static const struct uniform_type opaque = {0, 1, 1, 'i'}; /* samplers, images, atomics */
    return &opaque;
}

static char *active_name(GLuint real, GLenum kind, GLuint index, GLint *size, GLenum *type)
{
    char name[1024];
    GLsizei len = 0;
    GLint sz = 0;
    GLenum ty = 0;
    name[0] = 0;
    if (kind == GL_ACTIVE_ATTRIBUTES)
        glcr_driver.GetActiveAttrib(real, index, sizeof name, &len, &sz, &ty, name);
    else
        glcr_driver.GetActiveUniform(real, index, sizeof name, &len, &sz, &ty, name);
    if (size)
        *size = sz;
    if (type)
        *type = ty;
    return strdup(name);
}

static void snapshot_uniforms(struct program_snapshot *s, GLuint real, size_t *bytes)
{
    GLint active = 0;
    glcr_driver.GetProgramiv(real, GL_ACTIVE_UNIFORMS, &active);
    size_t cap = 0;
    for (GLint u = 0; u < active; u++) {
        GLint size = 0;
        GLenum type = 0;
        char *name = active_name(real, GL_ACTIVE_UNIFORMS, (GLuint)u, &size, &type);
        if (!name)
            continue;
        /* Arrays: element locations are found by name, "a[0]" ... "a[size-1]". */
        char *bracket = strstr(name, "[0]");
        if (bracket)
            *bracket = 0;
        for (GLint e = 0; e < size; e++) {
            char element[1100];
            if (size > 1 || bracket)
                snprintf(element, sizeof element, "%s[%d]", name, e);
            else
                snprintf(element, sizeof element, "%s", name);
            GLint loc = glcr_driver.GetUniformLocation(real, element);
            if (loc < 0)
                continue; /* in a uniform block: its buffer holds the value */
            if ((size_t)s->uniform_count == cap) {
                cap = cap ? cap * 2 : 16;
                struct uniform_value *grown = realloc(s->uniforms, cap * sizeof *grown);
                if (!grown)
                    break;
                s->uniforms = grown;
            }
            struct uniform_value *v = &s->uniforms[s->uniform_count++];
            memset(v, 0, sizeof *v);
            v->name = strdup(element);
            v->location = loc;
            v->type = type;
            switch (uniform_type_of(type)->base) {
            case 'f': {
                GLfloat f[16] = {0};
                glcr_driver.GetUniformfv(real, loc, f);
                for (int k = 0; k < 16; k++)
                    v->value[k] = f[k];
                break;
            }
            case 'd': glcr_driver.GetUniformdv(real, loc, v->value); break;
            case 'u': glcr_driver.GetUniformuiv(real, loc, v->uvalue); break;
            default: glcr_driver.GetUniformiv(real, loc, v->ivalue); break;
            }
            *bytes += sizeof *v;
        }
        free(name);
    }
}

static void snapshot_locations(struct program_snapshot *s, GLuint real)
{
    GLint n = 0;
    glcr_driver.GetProgramiv(real, GL_ACTIVE_ATTRIBUTES, &n);
    s->attribs = calloc((size_t)n + 1, sizeof *s->attribs);
    for (GLint i = 0; s->attribs && i < n; i++) {
        char *name = active_name(real, GL_ACTIVE_ATTRIBUTES, (GLuint)i, NULL, NULL);
        GLint loc = name ? glcr_driver.GetAttribLocation(real, name) : -1;
        if (loc >= 0 && strncmp(name, "gl_", 3) != 0)
            s->attribs[s->attrib_count++] = (struct named_location){name, loc, 0};
        else
            free(name);
    }
    /* Fragment outputs, through the program interface query where the driver has it. */
    n = 0;
    if (glcr_driver.GetProgramInterfaceiv) {
        glcr_driver.GetProgramInterfaceiv(real, GL_PROGRAM_OUTPUT, GL_ACTIVE_RESOURCES, &n);
        if (glcr_driver.GetError() != GL_NO_ERROR)
            n = 0;
    }
    s->outputs = calloc((size_t)n + 1, sizeof *s->outputs);
    for (GLint i = 0; s->outputs && i < n; i++) {
        char name[1024];
        GLsizei len = 0;
        glcr_driver.GetProgramResourceName(real, GL_PROGRAM_OUTPUT, (GLuint)i, sizeof name, &len, name);
        GLint loc = glcr_driver.GetProgramResourceLocation(real, GL_PROGRAM_OUTPUT, name);
        GLint index = glcr_driver.GetProgramResourceLocationIndex(real, GL_PROGRAM_OUTPUT, name);
        if (loc >= 0 && strncmp(name, "gl_", 3) != 0)
            s->outputs[s->output_count++] = (struct named_location){strdup(name), loc, index < 0 ? 0 : index};
    }
    glcr_drain_errors();
}

static void snapshot_program(struct program_snapshot *s, GLuint real, size_t *bytes)
{
    glcr_driver.GetProgramiv(real, GL_LINK_STATUS, &s->link_status);
    glcr_driver.GetProgramiv(real, GL_VALIDATE_STATUS, &s->validate_status);
    glcr_driver.GetProgramiv(real, GL_PROGRAM_SEPARABLE, &s->separable);
    glcr_driver.GetProgramiv(real, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, &s->retrievable);
    glcr_driver.GetProgramiv(real, GL_ATTACHED_SHADERS, &s->attached_count);
    s->attached = calloc((size_t)s->attached_count + 1, sizeof *s->attached);
    GLsizei got = 0;
    if (s->attached)
        glcr_driver.GetAttachedShaders(real, s->attached_count, &got, s->attached);
    s->attached_count = got;
    for (GLsizei i = 0; i < got; i++)
        s->attached[i] = glcr_name_virtual(GLCR_OBJ_PROGRAM, s->attached[i]);
    glcr_drain_errors();
    if (!s->link_status)
        return;
    snapshot_locations(s, real);
    glcr_driver.GetProgramiv(real, GL_TRANSFORM_FEEDBACK_VARYINGS, &s->varying_count);
    glcr_driver.GetProgramiv(real, GL_TRANSFORM_FEEDBACK_BUFFER_MODE, &s->varying_mode);
    s->varyings = calloc((size_t)s->varying_count + 1, sizeof *s->varyings);
    for (GLint i = 0; s->varyings && i < s->varying_count; i++) {
        char name[1024];
        GLsizei len = 0, size = 0;
        GLenum type = 0;
        name[0] = 0;
        glcr_driver.GetTransformFeedbackVarying(real, (GLuint)i, sizeof name, &len, &size, &type, name);
        s->varyings[i] = strdup(name);
    }
    snapshot_uniforms(s, real, bytes);
    glcr_driver.GetProgramiv(real, GL_ACTIVE_UNIFORM_BLOCKS, &s->block_count);
    s->block_bindings = calloc((size_t)s->block_count + 1, sizeof(GLint));
    for (GLint i = 0; s->block_bindings && i < s->block_count; i++)
        glcr_driver.GetActiveUniformBlockiv(real, (GLuint)i, GL_UNIFORM_BLOCK_BINDING, &s->block_bindings[i]);
    if (glcr_driver.GetProgramInterfaceiv) {
        glcr_driver.GetProgramInterfaceiv(real, GL_SHADER_STORAGE_BLOCK, GL_ACTIVE_RESOURCES, &s->storage_count);
        if (glcr_driver.GetError() != GL_NO_ERROR)
            s->storage_count = 0;
    }
    s->storage_bindings = calloc((size_t)s->storage_count + 1, sizeof(GLint));
    for (GLint i = 0; s->storage_bindings && i < s->storage_count; i++) {
        GLenum prop = GL_BUFFER_BINDING;
        glcr_driver.GetProgramResourceiv(real, GL_SHADER_STORAGE_BLOCK, (GLuint)i, 1, &prop, 1, NULL,
                                         &s->storage_bindings[i]);
    }
    glcr_drain_errors();
}

bool glcr_programs_snapshot(struct glcr_share_group *share, char *err, size_t err_len)
{
    struct glcr_name_table *t = &share->names[GLCR_OBJ_PROGRAM];
    struct glcr_programs_snapshot *snap = calloc(1, sizeof *snap);
    if (!snap || !(snap->items = calloc(t->live_count + 1, sizeof *snap->items))) {
        free(snap);
        snprintf(err, err_len, "out of memory");
        return false;
    }
    share->programs = snap;
    settle_deletions(t);
    GLCR_FOR_EACH_OBJECT(t, v, o) {
        struct program_snapshot *s = &snap->items[snap->count++];
        s->virt = v;
        s->is_program = o->target == GL_PROGRAM;
        if (s->is_program)
            snapshot_program(s, o->real, &snap->bytes);
    }
    return true;
}

/* ---- restore -------------------------------------------------------------------------------- */

static GLuint compile(GLenum type, const char *source)
{
    GLuint sh = glcr_driver.CreateShader(type);
    glcr_driver.ShaderSource(sh, 1, &source, NULL);
    glcr_driver.CompileShader(sh);
    return sh;
}

static void restore_shader(struct glcr_object *o)
{
    struct shader_record *s = o->record;
    o->real = glcr_driver.CreateShader(s->type);
    s->deletion.told_driver = false;
    if (s->compiled) {
        glcr_driver.ShaderSource(o->real, 1, (const GLchar *const *)&s->compiled, NULL);
        glcr_driver.CompileShader(o->real);
    }
    /* The source the app set after compiling is what glGetShaderSource reports. */
    if (s->source && (!s->compiled || strcmp(s->source, s->compiled) != 0))
        glcr_driver.ShaderSource(o->real, 1, (const GLchar *const *)&s->source, NULL);
}

static void set_uniform(GLuint program, const struct uniform_value *v)
{
    const struct uniform_type *t = uniform_type_of(v->type);
    GLint loc = v->location;
    if (t->columns > 1 && t->base == 'f') {
        GLfloat f[16];
        for (int k = 0; k < 16; k++)
            f[k] = (GLfloat)v->value[k];
        switch (v->type) {
        case GL_FLOAT_MAT2: glcr_driver.ProgramUniformMatrix2fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT3: glcr_driver.ProgramUniformMatrix3fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT4: glcr_driver.ProgramUniformMatrix4fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT2x3: glcr_driver.ProgramUniformMatrix2x3fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT2x4: glcr_driver.ProgramUniformMatrix2x4fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT3x2: glcr_driver.ProgramUniformMatrix3x2fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT3x4: glcr_driver.ProgramUniformMatrix3x4fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT4x2: glcr_driver.ProgramUniformMatrix4x2fv(program, loc, 1, GL_FALSE, f); break;
        case GL_FLOAT_MAT4x3: glcr_driver.ProgramUniformMatrix4x3fv(program, loc, 1, GL_FALSE, f); break;
        default: break;
        }
        return;
    }
    if (t->columns > 1) {
        switch (v->type) {
        case GL_DOUBLE_MAT2: glcr_driver.ProgramUniformMatrix2dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT3: glcr_driver.ProgramUniformMatrix3dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT4: glcr_driver.ProgramUniformMatrix4dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT2x3: glcr_driver.ProgramUniformMatrix2x3dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT2x4: glcr_driver.ProgramUniformMatrix2x4dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT3x2: glcr_driver.ProgramUniformMatrix3x2dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT3x4: glcr_driver.ProgramUniformMatrix3x4dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT4x2: glcr_driver.ProgramUniformMatrix4x2dv(program, loc, 1, GL_FALSE, v->value); break;
        case GL_DOUBLE_MAT4x3: glcr_driver.ProgramUniformMatrix4x3dv(program, loc, 1, GL_FALSE, v->value); break;
        default: break;
        }
        return;
    }
    if (t->base == 'f') {
        GLfloat f[4] = {(GLfloat)v->value[0], (GLfloat)v->value[1], (GLfloat)v->value[2], (GLfloat)v->value[3]};
        switch (t->components) {
        case 1: glcr_driver.ProgramUniform1fv(program, loc, 1, f); break;
        case 2: glcr_driver.ProgramUniform2fv(program, loc, 1, f); break;
        case 3: glcr_driver.ProgramUniform3fv(program, loc, 1, f); break;
        default: glcr_driver.ProgramUniform4fv(program, loc, 1, f); break;
        }
    } else if (t->base == 'd') {
        switch (t->components) {
        case 1: glcr_driver.ProgramUniform1dv(program, loc, 1, v->value); break;
        case 2: glcr_driver.ProgramUniform2dv(program, loc, 1, v->value); break;
        case 3: glcr_driver.ProgramUniform3dv(program, loc, 1, v->value); break;
        default: glcr_driver.ProgramUniform4dv(program, loc, 1, v->value); break;
        }
    } else if (t->base == 'u') {
        switch (t->components) {
        case 1: glcr_driver.ProgramUniform1uiv(program, loc, 1, v->uvalue); break;
        case 2: glcr_driver.ProgramUniform2uiv(program, loc, 1, v->uvalue); break;
        case 3: glcr_driver.ProgramUniform3uiv(program, loc, 1, v->uvalue); break;
        default: glcr_driver.ProgramUniform4uiv(program, loc, 1, v->uvalue); break;
        }
    } else {
        switch (t->components) {
        case 1: glcr_driver.ProgramUniform1iv(program, loc, 1, v->ivalue); break;
        case 2: glcr_driver.ProgramUniform2iv(program, loc, 1, v->ivalue); break;
        case 3: glcr_driver.ProgramUniform3iv(program, loc, 1, v->ivalue); break;
        default: glcr_driver.ProgramUniform4iv(program, loc, 1, v->ivalue); break;
        }
    }
}

static bool restore_program(struct glcr_share_group *share, struct glcr_object *o,
                            const struct program_snapshot *s, char *err, size_t err_len)
{
    struct program_record *p = o->record;
    GLuint real = glcr_driver.CreateProgram();
    p->deletion.told_driver = false;
    o->real = real;
    glcr_names_rebind(&share->names[GLCR_OBJ_PROGRAM], s->virt, real);
    if (s->separable)
        glcr_driver.ProgramParameteri(real, GL_PROGRAM_SEPARABLE, GL_TRUE);
    if (s->retrievable)
        glcr_driver.ProgramParameteri(real, GL_PROGRAM_BINARY_RETRIEVABLE_HINT, GL_TRUE);
    if (p->linked) {
        GLuint temp[16];
        int n = p->input_count < 16 ? p->input_count : 16;
        for (int i = 0; i < n; i++) {
            temp[i] = compile(p->inputs[i].type, p->inputs[i].source);
            glcr_driver.AttachShader(real, temp[i]);
        }
        /* Pin the locations the first link chose. */
        for (GLint i = 0; i < s->attrib_count; i++)
            glcr_driver.BindAttribLocation(real, (GLuint)s->attribs[i].location, s->attribs[i].name);
        for (GLint i = 0; i < s->output_count; i++)
            glcr_driver.BindFragDataLocationIndexed(real, (GLuint)s->outputs[i].location,
                                                    (GLuint)s->outputs[i].index, s->outputs[i].name);
        if (s->varying_count)
            glcr_driver.TransformFeedbackVaryings(real, s->varying_count,
                                                  (const GLchar *const *)s->varyings, (GLenum)s->varying_mode);
        glcr_driver.LinkProgram(real);
        for (int i = 0; i < n; i++) {
            glcr_driver.DetachShader(real, temp[i]);
            glcr_driver.DeleteShader(temp[i]);
        }
        GLint linked = 0;
        glcr_driver.GetProgramiv(real, GL_LINK_STATUS, &linked);
        if (linked != s->link_status) {
            snprintf(err, err_len, "program %u %s when linked again", s->virt,
                     linked ? "links (it did not before)" : "no longer links");
            return false;
        }
    }
    for (GLint i = 0; i < s->attached_count; i++) {
        struct glcr_object *sh = glcr_object_get(GLCR_OBJ_PROGRAM, s->attached[i]);
        if (sh && sh->target != GL_PROGRAM)
            glcr_driver.AttachShader(real, sh->real);
    }
    return true;
}

/* After the shaders exist: uniform values, block bindings, and a check that the locations
 * the app may hold did not move. */
static bool restore_program_state(struct glcr_object *o, const struct program_snapshot *s,
                                  char *err, size_t err_len)
{
    GLuint real = o->real;
    for (GLint i = 0; i < s->uniform_count; i++) {
        const struct uniform_value *v = &s->uniforms[i];
        /* The app may hold the location: it has to be where it was. */
        GLint now = v->name ? glcr_driver.GetUniformLocation(real, v->name) : v->location;
        if (now != v->location) {
            snprintf(err, err_len, "program %u: uniform %s is at location %d after relinking, was %d",
                     s->virt, v->name, now, v->location);
            return false;
        }
        set_uniform(real, v);
    }
    for (GLint i = 0; i < s->block_count; i++)
        glcr_driver.UniformBlockBinding(real, (GLuint)i, (GLuint)s->block_bindings[i]);
    for (GLint i = 0; i < s->storage_count; i++)
        glcr_driver.ShaderStorageBlockBinding(real, (GLuint)i, (GLuint)s->storage_bindings[i]);
    /* The app may ask for GL_VALIDATE_STATUS again: validate where it had. The result depends
     * on the state at the time, which the app will have set again before it draws. */
    if (s->validate_status)
        glcr_driver.ValidateProgram(real);
    GLenum e = glcr_driver.GetError();
    if (e != GL_NO_ERROR) {
        snprintf(err, err_len, "program %u: restoring its uniforms raised GL error 0x%x", s->virt, e);
        return false;
    }
    return true;
}

bool glcr_programs_restore(struct glcr_share_group *share, char *err, size_t err_len)
{
    struct glcr_programs_snapshot *snap = share->programs;
    if (!snap)
        return true;
    /* Shaders first: programs attach them. */
    for (size_t i = 0; i < snap->count; i++) {
        struct glcr_object *o = glcr_names_at(&share->names[GLCR_OBJ_PROGRAM], snap->items[i].virt);
        if (!snap->items[i].is_program && o && o->record) {
            restore_shader(o);
            glcr_names_rebind(&share->names[GLCR_OBJ_PROGRAM], snap->items[i].virt, o->real);
        }
    }
    for (size_t i = 0; i < snap->count; i++) {
        struct glcr_object *o = glcr_names_at(&share->names[GLCR_OBJ_PROGRAM], snap->items[i].virt);
        if (snap->items[i].is_program && o && o->record &&
            (!restore_program(share, o, &snap->items[i], err, err_len) ||
             !restore_program_state(o, &snap->items[i], err, err_len)))
            return false;
    }
    return true;
}

void glcr_programs_free_snapshot(struct glcr_share_group *share)
{
    struct glcr_programs_snapshot *snap = share->programs;
    if (!snap)
        return;
    for (size_t i = 0; i < snap->count; i++) {
        struct program_snapshot *s = &snap->items[i];
        for (GLint k = 0; k < s->attrib_count; k++)
            free(s->attribs[k].name);
        for (GLint k = 0; k < s->output_count; k++)
            free(s->outputs[k].name);
        for (GLint k = 0; s->varyings && k < s->varying_count; k++)
            free(s->varyings[k]);
        free(s->attribs);
        free(s->outputs);
        free(s->varyings);
        free(s->attached);
        for (GLint k = 0; s->uniforms && k < s->uniform_count; k++)
            free(s->uniforms[k].name);
        free(s->uniforms);
        free(s->block_bindings);
        free(s->storage_bindings);
    }
    free(snap->items);
    free(snap);
    share->programs = NULL;
}

size_t glcr_programs_snapshot_bytes(const struct glcr_share_group *share)
{
    return share->programs ? share->programs->bytes : 0;
}

const struct glcr_tracker glcr_tracker_programs = {
    .name = "shaders and programs",
    .restore_in_app_api = true, /* GLSL ES does not compile in a desktop context */
    .save_share = glcr_programs_snapshot,
    .restore_share = glcr_programs_restore,
    .free_share = glcr_programs_free_snapshot,
    .bytes_share = glcr_programs_snapshot_bytes,
};
