/* Per-context state, captured by querying the driver at checkpoint and set again with the
 * matching setters after a reload. Querying instead of recording costs nothing per call and
 * captures derived state exactly (matrices after glRotate, materials changed by
 * GL_COLOR_MATERIAL, light positions in eye space).
 *
 * The snapshot is a list of entries in the order restore applies them; eye-space state
 * (lights, clip and texgen eye planes) is applied with an identity modelview matrix. Setters
 * whose every effect is in this list are declared covered; the others taint.
 *
 * Vertex array object state (attribute and client arrays, the element array buffer) is not
 * here: vertexarrays.c owns it, VAO 0's included, and restores it before this runs. */
#include "state/ctxstate.h"
#include "state/tracker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/log.h"
#include "gl_dispatch.h"
#include "intercept/dispatch.h"
#include "state/attribstack.h"
#include "state/context.h"
#include "state/get.h"
#include "winsys/drawable.h"

GLCR_COVERS(glViewport, glScissor, glClearColor, glClearDepth, glClearDepthf, glClearStencil,
            glDepthFunc, glDepthMask, glDepthRange, glDepthRangef, glColorMask, glBlendFunc,
            glBlendFuncSeparate, glBlendEquation, glBlendEquationSeparate, glBlendColor, glCullFace,
            glFrontFace, glPolygonOffset, glLineWidth, glPointSize, glStencilFunc,
            glStencilFuncSeparate, glStencilOp, glStencilOpSeparate, glStencilMask,
            glStencilMaskSeparate, glLogicOp, glProvokingVertex, glSampleCoverage, glClampColor,
            glPrimitiveRestartIndex, glPolygonMode, glPixelStorei, glPixelStoref, glShadeModel,
            glMatrixMode, glAlphaFunc, glFogf, glFogi, glFogfv, glFogiv, glLightModelf, glLightModeli,
            glLightModelfv, glLightModeliv, glColorMaterial, glLineStipple, glPointParameterf,
            glPointParameterfv, glPointParameteri, glPointParameteriv, glClearAccum, glClearIndex,
            glLightf, glLighti, glLightfv, glLightiv, glMaterialf, glMateriali, glMaterialfv,
            glMaterialiv, glClipPlane, glTexGeni, glTexGenf, glTexGend, glTexGeniv, glTexGenfv,
            glTexGendv, glLoadIdentity, glLoadMatrixf, glLoadMatrixd, glMultMatrixf, glMultMatrixd,
            glRotatef, glRotated, glTranslatef, glTranslated, glScalef, glScaled, glFrustum, glOrtho,
            glPushMatrix, glPopMatrix, glLoadTransposeMatrixf, glLoadTransposeMatrixd,
            glMultTransposeMatrixf, glMultTransposeMatrixd, glActiveTexture, glClientActiveTexture,
            glIsEnabled, glHint,
            glBlendFunci, glBlendFuncSeparatei, glBlendEquationi, glBlendEquationSeparatei,
            glColorMaski, glViewportIndexedf, glViewportIndexedfv, glViewportArrayv, glScissorIndexed,
            glScissorIndexedv, glScissorArrayv, glDepthRangeIndexed, glDepthRangeArrayv,
            glPolygonStipple)

enum kind {
    K_ITEM, K_CAP, K_UNIT_CAP, K_LIGHT, K_MATERIAL, K_CLIP, K_TEXGEN, K_TEXENV, K_TEXBIND,
    K_MATRIX, K_CURRENT_ATTRIB, K_BUFFER_BIND, K_OBJECT_BIND,
    K_DRAW_BUFFER_BLEND, K_VIEWPORT_INDEXED, K_TEXENV_PARAM, K_RASTER,
};

struct entry {
    uint8_t kind, count;
    uint16_t index;     /* light, unit, attribute, level ... */
    GLenum a, b;        /* pname / target / face / coord */
    double v[16];
};

struct glcr_ctx_snapshot {
    double *probe;      /* GLCR_VERIFY=2: glGetDoublev of every GL enum, NaN where invalid */
    struct entry *entries;
    size_t count, cap;
    GLint active_texture, client_active_texture, matrix_mode;
    bool failed;
    bool has_stipple;
    GLubyte polygon_stipple[128];
};

/* Simple state: one setter per row, taking the values of up to four queries in a row. */
struct item {
    GLenum pname[4];
    uint8_t count[4];
    bool legacy;
};

static const struct item items[] = {
    {{GL_VIEWPORT}, {4}, 0},
    {{GL_SCISSOR_BOX}, {4}, 0},
    {{GL_COLOR_CLEAR_VALUE}, {4}, 0},
    {{GL_DEPTH_CLEAR_VALUE}, {1}, 0},
    {{GL_STENCIL_CLEAR_VALUE}, {1}, 0},
    {{GL_DEPTH_FUNC}, {1}, 0},
    {{GL_DEPTH_WRITEMASK}, {1}, 0},
    {{GL_DEPTH_RANGE}, {2}, 0},
    {{GL_COLOR_WRITEMASK}, {4}, 0},
    {{GL_BLEND_SRC_RGB, GL_BLEND_DST_RGB, GL_BLEND_SRC_ALPHA, GL_BLEND_DST_ALPHA}, {1, 1, 1, 1}, 0},
    {{GL_BLEND_EQUATION_RGB, GL_BLEND_EQUATION_ALPHA}, {1, 1}, 0},
    {{GL_BLEND_COLOR}, {4}, 0},
    {{GL_CULL_FACE_MODE}, {1}, 0},
    {{GL_FRONT_FACE}, {1}, 0},
    {{GL_POLYGON_OFFSET_FACTOR, GL_POLYGON_OFFSET_UNITS}, {1, 1}, 0},
    {{GL_LINE_WIDTH}, {1}, 0},
    {{GL_POINT_SIZE}, {1}, 0},
    {{GL_STENCIL_FUNC, GL_STENCIL_REF, GL_STENCIL_VALUE_MASK}, {1, 1, 1}, 0},
    {{GL_STENCIL_BACK_FUNC, GL_STENCIL_BACK_REF, GL_STENCIL_BACK_VALUE_MASK}, {1, 1, 1}, 0},
    {{GL_STENCIL_FAIL, GL_STENCIL_PASS_DEPTH_FAIL, GL_STENCIL_PASS_DEPTH_PASS}, {1, 1, 1}, 0},
    {{GL_STENCIL_BACK_FAIL, GL_STENCIL_BACK_PASS_DEPTH_FAIL, GL_STENCIL_BACK_PASS_DEPTH_PASS}, {1, 1, 1}, 0},
    {{GL_STENCIL_WRITEMASK}, {1}, 0},
    {{GL_STENCIL_BACK_WRITEMASK}, {1}, 0},
    {{GL_LOGIC_OP_MODE}, {1}, 0},
    {{GL_PROVOKING_VERTEX}, {1}, 0},
    {{GL_CLAMP_READ_COLOR}, {1}, 0},
    {{GL_SAMPLE_COVERAGE_VALUE, GL_SAMPLE_COVERAGE_INVERT}, {1, 1}, 0},
    {{GL_PRIMITIVE_RESTART_INDEX}, {1}, 0},
    {{GL_POLYGON_MODE}, {2}, 0},
    {{GL_LINE_SMOOTH_HINT}, {1}, 0},
    {{GL_POLYGON_SMOOTH_HINT}, {1}, 0},
    {{GL_TEXTURE_COMPRESSION_HINT}, {1}, 0},
    {{GL_FRAGMENT_SHADER_DERIVATIVE_HINT}, {1}, 0},
    {{GL_UNPACK_SWAP_BYTES}, {1}, 0}, {{GL_UNPACK_LSB_FIRST}, {1}, 0},
    {{GL_UNPACK_ROW_LENGTH}, {1}, 0}, {{GL_UNPACK_IMAGE_HEIGHT}, {1}, 0},
    {{GL_UNPACK_SKIP_ROWS}, {1}, 0}, {{GL_UNPACK_SKIP_PIXELS}, {1}, 0},
    {{GL_UNPACK_SKIP_IMAGES}, {1}, 0}, {{GL_UNPACK_ALIGNMENT}, {1}, 0},
    {{GL_PACK_SWAP_BYTES}, {1}, 0}, {{GL_PACK_LSB_FIRST}, {1}, 0},
    {{GL_PACK_ROW_LENGTH}, {1}, 0}, {{GL_PACK_IMAGE_HEIGHT}, {1}, 0},
    {{GL_PACK_SKIP_ROWS}, {1}, 0}, {{GL_PACK_SKIP_PIXELS}, {1}, 0},
    {{GL_PACK_SKIP_IMAGES}, {1}, 0}, {{GL_PACK_ALIGNMENT}, {1}, 0},
    {{GL_POINT_FADE_THRESHOLD_SIZE}, {1}, 0},
    {{GL_POINT_SPRITE_COORD_ORIGIN}, {1}, 0},
    {{GL_SHADE_MODEL}, {1}, 1},
    {{GL_CLAMP_VERTEX_COLOR}, {1}, 1}, {{GL_CLAMP_FRAGMENT_COLOR}, {1}, 1},
    {{GL_ALPHA_TEST_FUNC, GL_ALPHA_TEST_REF}, {1, 1}, 1},
    {{GL_FOG_MODE}, {1}, 1}, {{GL_FOG_DENSITY}, {1}, 1}, {{GL_FOG_START}, {1}, 1},
    {{GL_FOG_END}, {1}, 1}, {{GL_FOG_INDEX}, {1}, 1}, {{GL_FOG_COLOR}, {4}, 1},
    {{GL_FOG_COORD_SRC}, {1}, 1},
    {{GL_FOG_HINT}, {1}, 1}, {{GL_PERSPECTIVE_CORRECTION_HINT}, {1}, 1},
    {{GL_POINT_SMOOTH_HINT}, {1}, 1}, {{GL_GENERATE_MIPMAP_HINT}, {1}, 1},
    {{GL_LIGHT_MODEL_AMBIENT}, {4}, 1}, {{GL_LIGHT_MODEL_LOCAL_VIEWER}, {1}, 1},
    {{GL_LIGHT_MODEL_TWO_SIDE}, {1}, 1}, {{GL_LIGHT_MODEL_COLOR_CONTROL}, {1}, 1},
    {{GL_COLOR_MATERIAL_FACE, GL_COLOR_MATERIAL_PARAMETER}, {1, 1}, 1},
    {{GL_ACCUM_CLEAR_VALUE}, {4}, 1}, {{GL_INDEX_CLEAR_VALUE}, {1}, 1},
    {{GL_LINE_STIPPLE_PATTERN, GL_LINE_STIPPLE_REPEAT}, {1, 1}, 1},
    {{GL_POINT_SIZE_MIN}, {1}, 1}, {{GL_POINT_SIZE_MAX}, {1}, 1},
    {{GL_POINT_DISTANCE_ATTENUATION}, {3}, 1},
};

static const GLenum caps[] = {
    GL_BLEND, GL_COLOR_LOGIC_OP, GL_CULL_FACE, GL_DEPTH_CLAMP, GL_DEPTH_TEST, GL_DITHER,
    GL_FRAMEBUFFER_SRGB, GL_LINE_SMOOTH, GL_MULTISAMPLE, GL_POLYGON_OFFSET_FILL,
    GL_POLYGON_OFFSET_LINE, GL_POLYGON_OFFSET_POINT, GL_POLYGON_SMOOTH, GL_PRIMITIVE_RESTART,
    GL_PRIMITIVE_RESTART_FIXED_INDEX, GL_PROGRAM_POINT_SIZE, GL_RASTERIZER_DISCARD,
    GL_SAMPLE_ALPHA_TO_COVERAGE, GL_SAMPLE_ALPHA_TO_ONE, GL_SAMPLE_COVERAGE, GL_SAMPLE_SHADING,
    GL_SAMPLE_MASK, GL_SCISSOR_TEST, GL_STENCIL_TEST, GL_TEXTURE_CUBE_MAP_SEAMLESS,
    GL_CLIP_DISTANCE0, GL_CLIP_DISTANCE1, GL_CLIP_DISTANCE2, GL_CLIP_DISTANCE3, GL_CLIP_DISTANCE4,
    GL_CLIP_DISTANCE5, GL_CLIP_DISTANCE6, GL_CLIP_DISTANCE7, GL_DEBUG_OUTPUT,
    GL_DEBUG_OUTPUT_SYNCHRONOUS,
};

static const GLenum legacy_caps[] = {
    GL_ALPHA_TEST, GL_AUTO_NORMAL, GL_COLOR_MATERIAL, GL_FOG, GL_INDEX_LOGIC_OP, GL_LIGHTING,
    GL_LIGHT0, GL_LIGHT1, GL_LIGHT2, GL_LIGHT3, GL_LIGHT4, GL_LIGHT5, GL_LIGHT6, GL_LIGHT7,
    GL_LINE_STIPPLE, GL_NORMALIZE, GL_POINT_SMOOTH, GL_POINT_SPRITE, GL_POLYGON_STIPPLE,
    GL_RESCALE_NORMAL, GL_COLOR_SUM, GL_VERTEX_PROGRAM_TWO_SIDE,
};

static const GLenum unit_caps[] = {
    GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP, GL_TEXTURE_RECTANGLE,
    GL_TEXTURE_GEN_S, GL_TEXTURE_GEN_T, GL_TEXTURE_GEN_R, GL_TEXTURE_GEN_Q,
};

static const struct { GLenum target, binding; } texture_targets[] = {
    {GL_TEXTURE_1D, GL_TEXTURE_BINDING_1D}, {GL_TEXTURE_2D, GL_TEXTURE_BINDING_2D},
    {GL_TEXTURE_3D, GL_TEXTURE_BINDING_3D}, {GL_TEXTURE_CUBE_MAP, GL_TEXTURE_BINDING_CUBE_MAP},
    {GL_TEXTURE_RECTANGLE, GL_TEXTURE_BINDING_RECTANGLE},
    {GL_TEXTURE_1D_ARRAY, GL_TEXTURE_BINDING_1D_ARRAY}, {GL_TEXTURE_2D_ARRAY, GL_TEXTURE_BINDING_2D_ARRAY},
    {GL_TEXTURE_CUBE_MAP_ARRAY, GL_TEXTURE_BINDING_CUBE_MAP_ARRAY},
    {GL_TEXTURE_BUFFER, GL_TEXTURE_BINDING_BUFFER},
    {GL_TEXTURE_2D_MULTISAMPLE, GL_TEXTURE_BINDING_2D_MULTISAMPLE},
    {GL_TEXTURE_2D_MULTISAMPLE_ARRAY, GL_TEXTURE_BINDING_2D_MULTISAMPLE_ARRAY},
};

static const GLenum light_params[] = {
    GL_AMBIENT, GL_DIFFUSE, GL_SPECULAR, GL_POSITION, GL_SPOT_DIRECTION, GL_SPOT_EXPONENT,
    GL_SPOT_CUTOFF, GL_CONSTANT_ATTENUATION, GL_LINEAR_ATTENUATION, GL_QUADRATIC_ATTENUATION,
};
static const GLenum material_params[] = {GL_AMBIENT, GL_DIFFUSE, GL_SPECULAR, GL_EMISSION, GL_SHININESS};

/* ---- cap and pname checks for setters with many meanings --------------------------------- */

static bool in_list(GLenum v, const GLenum *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return true;
    return false;
}

#define IN(v, list) in_list(v, list, sizeof list / sizeof *list)

static bool cap_covered(GLenum cap)
{
    return IN(cap, caps) || IN(cap, legacy_caps) || IN(cap, unit_caps) ||
           (cap >= GL_CLIP_PLANE0 && cap <= GL_CLIP_PLANE5);
}

static void check_cap(GLenum cap, const char *fn)
{
    if (!cap_covered(cap))
        glcr_taint_reason("%s(0x%x): this capability is not restorable yet", fn, cap);
}

void hook_glEnable(GLenum cap)
{
    check_cap(cap, "glEnable");
    if (cap == GL_FRAMEBUFFER_SRGB)
        glcr_drawables_srgb_writes();
    glcr_driver.Enable(cap);
}

void hook_glDisable(GLenum cap)
{
    check_cap(cap, "glDisable");
    glcr_driver.Disable(cap);
}

/* Per draw buffer blending and per viewport scissoring are saved; other indexed caps not. */
static void check_cap_indexed(GLenum cap, const char *fn)
{
    if (cap != GL_BLEND && cap != GL_SCISSOR_TEST)
        glcr_taint_reason("%s(0x%x): this indexed capability is not restorable yet", fn, cap);
}

void hook_glEnablei(GLenum cap, GLuint index)
{
    check_cap_indexed(cap, "glEnablei");
    glcr_driver.Enablei(cap, index);
}

void hook_glDisablei(GLenum cap, GLuint index)
{
    check_cap_indexed(cap, "glDisablei");
    glcr_driver.Disablei(cap, index);
}

/* Texture environment state besides the mode and color, one value each. */
static const struct { GLenum target, pname; } texenv_params[] = {
    {GL_TEXTURE_ENV, GL_COMBINE_RGB}, {GL_TEXTURE_ENV, GL_COMBINE_ALPHA},
    {GL_TEXTURE_ENV, GL_SRC0_RGB}, {GL_TEXTURE_ENV, GL_SRC1_RGB}, {GL_TEXTURE_ENV, GL_SRC2_RGB},
    {GL_TEXTURE_ENV, GL_SRC0_ALPHA}, {GL_TEXTURE_ENV, GL_SRC1_ALPHA}, {GL_TEXTURE_ENV, GL_SRC2_ALPHA},
    {GL_TEXTURE_ENV, GL_OPERAND0_RGB}, {GL_TEXTURE_ENV, GL_OPERAND1_RGB}, {GL_TEXTURE_ENV, GL_OPERAND2_RGB},
    {GL_TEXTURE_ENV, GL_OPERAND0_ALPHA}, {GL_TEXTURE_ENV, GL_OPERAND1_ALPHA},
    {GL_TEXTURE_ENV, GL_OPERAND2_ALPHA}, {GL_TEXTURE_ENV, GL_RGB_SCALE}, {GL_TEXTURE_ENV, GL_ALPHA_SCALE},
    {GL_TEXTURE_FILTER_CONTROL, GL_TEXTURE_LOD_BIAS}, {GL_POINT_SPRITE, GL_COORD_REPLACE},
};

static void check_texenv(GLenum target, GLenum pname)
{
    for (size_t i = 0; i < sizeof texenv_params / sizeof *texenv_params; i++)
        if (texenv_params[i].target == target && texenv_params[i].pname == pname)
            return;
    if (target != GL_TEXTURE_ENV || (pname != GL_TEXTURE_ENV_MODE && pname != GL_TEXTURE_ENV_COLOR))
        glcr_taint_reason("glTexEnv(0x%x, 0x%x): this texture environment state is not restorable yet",
                          target, pname);
}

void hook_glTexEnvi(GLenum target, GLenum pname, GLint param)
{
    check_texenv(target, pname);
    glcr_driver.TexEnvi(target, pname, param);
}

void hook_glTexEnvf(GLenum target, GLenum pname, GLfloat param)
{
    check_texenv(target, pname);
    glcr_driver.TexEnvf(target, pname, param);
}

void hook_glTexEnviv(GLenum target, GLenum pname, const GLint *params)
{
    check_texenv(target, pname);
    glcr_driver.TexEnviv(target, pname, params);
}

void hook_glTexEnvfv(GLenum target, GLenum pname, const GLfloat *params)
{
    check_texenv(target, pname);
    glcr_driver.TexEnvfv(target, pname, params);
}

/* ---- snapshot ------------------------------------------------------------------------------ */

static struct entry *add(struct glcr_ctx_snapshot *s, enum kind kind, unsigned index, GLenum a,
                         GLenum b, unsigned count)
{
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        struct entry *e = realloc(s->entries, cap * sizeof *e);
        if (!e) {
            s->failed = true;
            return NULL;
        }
        s->entries = e;
        s->cap = cap;
    }
    struct entry *e = &s->entries[s->count++];
    memset(e, 0, sizeof *e);
    e->kind = (uint8_t)kind;
    e->index = (uint16_t)index;
    e->a = a;
    e->b = b;
    e->count = (uint8_t)count;
    return e;
}

/* The last query raised an error (state this context lacks): drop the entry. */
static void keep_if_valid(struct glcr_ctx_snapshot *s)
{
    if (glcr_driver.GetError() != GL_NO_ERROR) {
        s->count--;
        glcr_drain_errors();
    }
}

/* OpenGL ES contexts, whose API lacks the double-precision queries and setters. */
static __thread bool es_context;

/* glGetDoublev, or where OpenGL ES lacks it, the float and 64-bit integer answers: the
 * integer one where it agrees with the float (enums, masks, counts: exact), the float one
 * where not (colors and depths, which the integer query scales to the integer range). */
static void get_values(GLenum pname, double *v, int count)
{
    if (!es_context) {
        glcr_driver.GetDoublev(pname, v);
        return;
    }
    GLfloat f[16] = {0};
    GLint64 i[16] = {0};
    glcr_driver.GetFloatv(pname, f);
    glcr_driver.GetInteger64v(pname, i);
    for (int k = 0; k < count && k < 16; k++) {
        double diff = (double)i[k] - (double)f[k];
        bool integral = diff * diff <= 1e-12 * (double)f[k] * (double)f[k] + 1e-12;
        v[k] = integral ? (double)i[k] : (double)f[k];
    }
}

static GLint get_int(GLenum pname)
{
    GLint v = 0;
    glcr_driver.GetIntegerv(pname, &v);
    return v;
}

static GLint get_indexed_int(GLenum pname, GLuint index)
{
    GLint v = 0;
    glcr_driver.GetIntegeri_v(pname, index, &v);
    return v;
}

static void snap_items(struct glcr_ctx_snapshot *s, bool legacy)
{
    for (size_t i = 0; i < sizeof items / sizeof *items; i++) {
        if (items[i].legacy && !legacy)
            continue;
        struct entry *e = add(s, K_ITEM, (unsigned)i, items[i].pname[0], 0, 0);
        if (!e)
            return;
        for (int p = 0; p < 4 && items[i].pname[p]; p++) {
            get_values(items[i].pname[p], &e->v[e->count], items[i].count[p]);
            e->count += items[i].count[p];
        }
        keep_if_valid(s);
    }
}

static void snap_caps(struct glcr_ctx_snapshot *s, const GLenum *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct entry *e = add(s, K_CAP, 0, list[i], 0, 1);
        if (!e)
            return;
        e->v[0] = glcr_driver.IsEnabled(list[i]);
        keep_if_valid(s);
    }
}

static void snap_eye_space(struct glcr_ctx_snapshot *s)
{
    for (unsigned light = 0; light < 8; light++)
        for (size_t p = 0; p < sizeof light_params / sizeof *light_params; p++) {
            struct entry *e = add(s, K_LIGHT, light, light_params[p], 0, 4);
            GLfloat v[4] = {0};
            if (!e)
                return;
            glcr_driver.GetLightfv(GL_LIGHT0 + light, light_params[p], v);
            for (int k = 0; k < 4; k++)
                e->v[k] = v[k];
        }
    for (unsigned plane = 0; plane < 6; plane++) {
        struct entry *e = add(s, K_CLIP, plane, 0, 0, 4);
        if (!e)
            return;
        glcr_driver.GetClipPlane(GL_CLIP_PLANE0 + plane, e->v);
    }
}

static void snap_materials(struct glcr_ctx_snapshot *s)
{
    static const GLenum faces[] = {GL_FRONT, GL_BACK};
    for (int f = 0; f < 2; f++)
        for (size_t p = 0; p < sizeof material_params / sizeof *material_params; p++) {
            struct entry *e = add(s, K_MATERIAL, 0, faces[f], material_params[p], 4);
            GLfloat v[4] = {0};
            if (!e)
                return;
            glcr_driver.GetMaterialfv(faces[f], material_params[p], v);
            for (int k = 0; k < 4; k++)
                e->v[k] = v[k];
        }
}

/* The current raster position (glRasterPos, glWindowPos, and glBitmap moving it) with the
 * color, texture coordinates and distance it carries. Restored first, while the fresh
 * context's matrices, depth range and current values are the defaults: entries with index
 * u + 1 are the texture coordinates of unit u, the entry with index 0 (last) sets it. */
static void snap_raster(struct glcr_ctx_snapshot *s)
{
    GLint units = get_int(GL_MAX_TEXTURE_COORDS);
    for (GLint u = 0; u < units; u++) {
        glcr_driver.ActiveTexture(GL_TEXTURE0 + (GLenum)u);
        struct entry *e = add(s, K_RASTER, (unsigned)u + 1, 0, 0, 4);
        if (!e)
            return;
        glcr_driver.GetDoublev(GL_CURRENT_RASTER_TEXTURE_COORDS, e->v);
        keep_if_valid(s);
    }
    struct entry *e = add(s, K_RASTER, 0, 0, 0, 15);
    if (!e)
        return;
    glcr_driver.GetDoublev(GL_CURRENT_RASTER_POSITION, &e->v[0]);
    glcr_driver.GetDoublev(GL_CURRENT_RASTER_COLOR, &e->v[4]);
    glcr_driver.GetDoublev(GL_CURRENT_RASTER_SECONDARY_COLOR, &e->v[8]);
    glcr_driver.GetDoublev(GL_CURRENT_RASTER_INDEX, &e->v[12]);
    glcr_driver.GetDoublev(GL_CURRENT_RASTER_DISTANCE, &e->v[13]);
    glcr_driver.GetDoublev(GL_CURRENT_RASTER_POSITION_VALID, &e->v[14]);
    keep_if_valid(s);
}

/* glWindowPos takes the raster position as given and everything else from the current
 * values, which the entries after this one set to the app's. */
static void apply_raster(const struct entry *e)
{
    if (e->index > 0) {
        glcr_driver.MultiTexCoord4dv(GL_TEXTURE0 + e->index - 1, e->v);
        return;
    }
    glcr_driver.Color4dv(&e->v[4]);
    glcr_driver.SecondaryColor3dv(&e->v[8]);
    glcr_driver.Indexd(e->v[12]);
    glcr_driver.Fogi(GL_FOG_COORD_SRC, GL_FOG_COORD);
    glcr_driver.FogCoordd(e->v[13]);
    if (e->v[14] != 0)
        glcr_driver.WindowPos3d(e->v[0], e->v[1], e->v[2]);
    else
        glcr_driver.RasterPos3d(0.0, 0.0, 2.0); /* outside the clip volume: invalid */
    glcr_driver.Fogi(GL_FOG_COORD_SRC, GL_FRAGMENT_DEPTH);
}

/* Blend state and color mask of each draw buffer: they differ from buffer 0's only after
 * glEnablei/glBlendFunci/glColorMaski, which the non-indexed entries cannot express. */
static void snap_draw_buffer_blend(struct glcr_ctx_snapshot *s)
{
    GLint buffers = get_int(GL_MAX_DRAW_BUFFERS);
    static const GLenum pnames[] = {GL_BLEND_SRC_RGB, GL_BLEND_DST_RGB, GL_BLEND_SRC_ALPHA,
                                    GL_BLEND_DST_ALPHA, GL_BLEND_EQUATION_RGB, GL_BLEND_EQUATION_ALPHA};
    for (GLint i = 0; i < buffers; i++) {
        struct entry *e = add(s, K_DRAW_BUFFER_BLEND, (unsigned)i, 0, 0, 11);
        if (!e)
            return;
        e->v[0] = glcr_driver.IsEnabledi(GL_BLEND, (GLuint)i);
        for (int p = 0; p < 6; p++)
            e->v[1 + p] = get_indexed_int(pnames[p], (GLuint)i);
        GLboolean mask[4] = {0};
        glcr_driver.GetBooleani_v(GL_COLOR_WRITEMASK, (GLuint)i, mask);
        for (int k = 0; k < 4; k++)
            e->v[7 + k] = mask[k];
        keep_if_valid(s);
    }
}

/* Viewports, scissor boxes and depth ranges of each viewport index (ARB_viewport_array). */
static void snap_viewports(struct glcr_ctx_snapshot *s)
{
    GLint viewports = get_int(GL_MAX_VIEWPORTS);
    while (glcr_driver.GetError() != GL_NO_ERROR)
        viewports = 0;
    for (GLint i = 0; i < viewports; i++) {
        struct entry *e = add(s, K_VIEWPORT_INDEXED, (unsigned)i, 0, 0, 11);
        if (!e)
            return;
        GLfloat vp[4] = {0};
        GLint box[4] = {0};
        glcr_driver.GetFloati_v(GL_VIEWPORT, (GLuint)i, vp);
        glcr_driver.GetIntegeri_v(GL_SCISSOR_BOX, (GLuint)i, box);
        glcr_driver.GetDoublei_v(GL_DEPTH_RANGE, (GLuint)i, &e->v[8]);
        for (int k = 0; k < 4; k++) {
            e->v[k] = vp[k];
            e->v[4 + k] = box[k];
        }
        e->v[10] = glcr_driver.IsEnabledi(GL_SCISSOR_TEST, (GLuint)i);
        keep_if_valid(s);
    }
}

/* The polygon stipple is read with the pack state set to tightly packed bytes in client
 * memory, whatever the app's is, and the app's put back. */
static void snap_polygon_stipple(struct glcr_ctx_snapshot *s)
{
    static const GLenum pack[] = {GL_PACK_ROW_LENGTH, GL_PACK_SKIP_ROWS, GL_PACK_SKIP_PIXELS,
                                  GL_PACK_LSB_FIRST, GL_PACK_ALIGNMENT};
    GLint saved[5], buffer = get_int(GL_PIXEL_PACK_BUFFER_BINDING);
    for (int i = 0; i < 5; i++) {
        saved[i] = get_int(pack[i]);
        glcr_driver.PixelStorei(pack[i], pack[i] == GL_PACK_ALIGNMENT ? 4 : 0);
    }
    glcr_driver.BindBuffer(GL_PIXEL_PACK_BUFFER, 0);
    glcr_driver.GetPolygonStipple(s->polygon_stipple);
    s->has_stipple = glcr_driver.GetError() == GL_NO_ERROR;
    glcr_driver.BindBuffer(GL_PIXEL_PACK_BUFFER, (GLuint)buffer);
    for (int i = 0; i < 5; i++)
        glcr_driver.PixelStorei(pack[i], saved[i]);
}

static void snap_texture_units(struct glcr_ctx_snapshot *s, struct glcr_context *ctx)
{
    GLint units = get_int(GL_MAX_COMBINED_TEXTURE_IMAGE_UNITS);
    GLint legacy_units = ctx->legacy ? get_int(GL_MAX_TEXTURE_UNITS) : 0;
    static const GLenum coords[] = {GL_S, GL_T, GL_R, GL_Q};
    for (GLint u = 0; u < units; u++) {
        glcr_driver.ActiveTexture(GL_TEXTURE0 + (GLenum)u);
        if (u < legacy_units) {
            for (size_t c = 0; c < sizeof unit_caps / sizeof *unit_caps; c++) {
                struct entry *e = add(s, K_UNIT_CAP, (unsigned)u, unit_caps[c], 0, 1);
                if (!e)
                    return;
                e->v[0] = glcr_driver.IsEnabled(unit_caps[c]);
                keep_if_valid(s);
            }
            for (int c = 0; c < 4; c++) {
                struct entry *e = add(s, K_TEXGEN, (unsigned)u, coords[c], 0, 9);
                if (!e)
                    return;
                glcr_driver.GetTexGendv(coords[c], GL_TEXTURE_GEN_MODE, &e->v[0]);
                glcr_driver.GetTexGendv(coords[c], GL_OBJECT_PLANE, &e->v[1]);
                glcr_driver.GetTexGendv(coords[c], GL_EYE_PLANE, &e->v[5]);
                keep_if_valid(s);
            }
            struct entry *e = add(s, K_TEXENV, (unsigned)u, 0, 0, 5);
            if (!e)
                return;
            GLfloat color[4];
            glcr_driver.GetTexEnvfv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_COLOR, color);
            GLint mode = 0;
            glcr_driver.GetTexEnviv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, &mode);
            e->v[0] = mode;
            for (int k = 0; k < 4; k++)
                e->v[1 + k] = color[k];
            keep_if_valid(s);
            for (size_t i = 0; i < sizeof texenv_params / sizeof *texenv_params; i++) {
                struct entry *p = add(s, K_TEXENV_PARAM, (unsigned)u, texenv_params[i].target,
                                      texenv_params[i].pname, 1);
                if (!p)
                    return;
                GLfloat f = 0;
                glcr_driver.GetTexEnvfv(texenv_params[i].target, texenv_params[i].pname, &f);
                p->v[0] = f;
                keep_if_valid(s);
            }
        }
        for (size_t t = 0; t < sizeof texture_targets / sizeof *texture_targets; t++) {
            GLint real = get_int(texture_targets[t].binding);
            if (glcr_driver.GetError() != GL_NO_ERROR || !real)
                continue;
            struct entry *e = add(s, K_TEXBIND, (unsigned)u, texture_targets[t].target, 0, 1);
            if (e)
                e->v[0] = glcr_name_virtual(GLCR_OBJ_TEXTURE, (GLuint)real);
        }
    }
}

/* Reads a matrix stack: lower levels are only visible by popping, so the stack is read from
 * the top down and then pushed back as it was. Entries come out bottom level first. */
static void snap_matrix_stack(struct glcr_ctx_snapshot *s, GLenum mode, GLenum depth_pname,
                              GLenum matrix_pname, unsigned unit)
{
    glcr_driver.MatrixMode(mode);
    GLint depth = get_int(depth_pname);
    if (glcr_driver.GetError() != GL_NO_ERROR || depth < 1)
        return;
    size_t first = s->count;
    for (GLint level = 0; level < depth; level++)
        if (!add(s, K_MATRIX, unit, mode, (GLenum)level, 16))
            return;
    for (GLint level = depth - 1; level >= 0; level--) {
        glcr_driver.GetDoublev(matrix_pname, s->entries[first + (size_t)level].v);
        if (level > 0)
            glcr_driver.PopMatrix();
    }
    for (GLint level = 1; level < depth; level++) {
        glcr_driver.PushMatrix();
        glcr_driver.LoadMatrixd(s->entries[first + (size_t)level].v);
    }
}

static void snap_matrices(struct glcr_ctx_snapshot *s, struct glcr_context *ctx)
{
    (void)ctx;
    snap_matrix_stack(s, GL_MODELVIEW, GL_MODELVIEW_STACK_DEPTH, GL_MODELVIEW_MATRIX, 0);
    snap_matrix_stack(s, GL_PROJECTION, GL_PROJECTION_STACK_DEPTH, GL_PROJECTION_MATRIX, 0);
    GLint coords = get_int(GL_MAX_TEXTURE_COORDS);
    for (GLint u = 0; u < coords; u++) {
        glcr_driver.ActiveTexture(GL_TEXTURE0 + (GLenum)u);
        snap_matrix_stack(s, GL_TEXTURE, GL_TEXTURE_STACK_DEPTH, GL_TEXTURE_MATRIX, (unsigned)u);
    }
}

/* A current attribute set with glVertexAttribI* reads as floats whose bits are the
 * integers: NaNs and denormals, which a float setter would not keep. Those are saved as
 * their bits (v[4] = 1) and set again with the integer setter; the others as floats. */
static bool float_keeps_bits(GLfloat f)
{
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    uint32_t exp = (bits >> 23) & 0xffu;
    return exp != 0xffu && (exp != 0 || (bits & 0x7fffffu) == 0);
}

static void snap_current_attrib(struct entry *e, GLuint index)
{
    GLfloat f[4] = {0};
    glcr_driver.GetVertexAttribfv(index, GL_CURRENT_VERTEX_ATTRIB, f);
    bool floats = true;
    for (int k = 0; k < 4; k++)
        floats = floats && float_keeps_bits(f[k]);
    if (floats) {
        for (int k = 0; k < 4; k++)
            e->v[k] = f[k];
        return;
    }
    GLuint bits[4] = {0};
    glcr_driver.GetVertexAttribIuiv(index, GL_CURRENT_VERTEX_ATTRIB, bits);
    for (int k = 0; k < 4; k++)
        e->v[k] = bits[k];
    e->v[4] = 1;
}

/* Current generic attribute values are context state; the arrays are VAO state
 * (vertexarrays.c). */
static void snap_current_attribs(struct glcr_ctx_snapshot *s, struct glcr_context *ctx)
{
    GLint attribs = get_int(GL_MAX_VERTEX_ATTRIBS);
    /* Attribute 0 aliases the vertex position in compatibility contexts: no current value. */
    for (GLint i = ctx->legacy ? 1 : 0; i < attribs; i++) {
        struct entry *cur = add(s, K_CURRENT_ATTRIB, (unsigned)i, 0, 0, 5);
        if (!cur)
            return;
        snap_current_attrib(cur, (GLuint)i);
        keep_if_valid(s);
    }
}

static void snap_current_values(struct glcr_ctx_snapshot *s, struct glcr_context *ctx)
{
    static const struct item current[] = {
        {{GL_CURRENT_COLOR}, {4}, 1}, {{GL_CURRENT_SECONDARY_COLOR}, {4}, 1},
        {{GL_CURRENT_NORMAL}, {3}, 1}, {{GL_CURRENT_INDEX}, {1}, 1},
        {{GL_CURRENT_FOG_COORD}, {1}, 1}, {{GL_EDGE_FLAG}, {1}, 1},
    };
    if (!ctx->legacy)
        return;
    for (size_t i = 0; i < sizeof current / sizeof *current; i++) {
        struct entry *e = add(s, K_ITEM, 1000 + (unsigned)i, current[i].pname[0], 0, current[i].count[0]);
        if (!e)
            return;
        glcr_driver.GetDoublev(current[i].pname[0], e->v);
        keep_if_valid(s);
    }
    GLint coords = get_int(GL_MAX_TEXTURE_COORDS);
    for (GLint u = 0; u < coords; u++) {
        glcr_driver.ActiveTexture(GL_TEXTURE0 + (GLenum)u);
        struct entry *e = add(s, K_ITEM, 2000 + (unsigned)u, GL_CURRENT_TEXTURE_COORDS, 0, 4);
        if (e) {
            glcr_driver.GetDoublev(GL_CURRENT_TEXTURE_COORDS, e->v);
            keep_if_valid(s);
        }
    }
}

static void snap_buffer_bindings(struct glcr_ctx_snapshot *s)
{
    static const struct { GLenum target, binding; } targets[] = {
        {GL_ARRAY_BUFFER, GL_ARRAY_BUFFER_BINDING},
        {GL_PIXEL_PACK_BUFFER, GL_PIXEL_PACK_BUFFER_BINDING},
        {GL_PIXEL_UNPACK_BUFFER, GL_PIXEL_UNPACK_BUFFER_BINDING},
        {GL_COPY_READ_BUFFER, GL_COPY_READ_BUFFER_BINDING},
        {GL_COPY_WRITE_BUFFER, GL_COPY_WRITE_BUFFER_BINDING},
        {GL_TEXTURE_BUFFER, GL_TEXTURE_BUFFER_BINDING},
    };
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
        struct entry *e = add(s, K_BUFFER_BIND, 0, targets[i].target, 0, 1);
        if (!e)
            return;
        e->v[0] = glcr_name_virtual(GLCR_OBJ_BUFFER, (GLuint)get_int(targets[i].binding));
        keep_if_valid(s);
    }
}

/* Asks the driver for every enum in gl.xml: catches state that no entry captures. */
static double *probe_everything(void)
{
    double *v = malloc(glcr_enum_name_count * 16 * sizeof *v);
    if (!v)
        return NULL;
    static double scratch[8192]; /* some queries return lists (compressed formats ...) */
    for (unsigned i = 0; i < glcr_enum_name_count; i++) {
        double *slot = v + (size_t)i * 16;
        for (int k = 0; k < 16; k++)
            scratch[k] = __builtin_nan("");
        unsigned e = glcr_enum_names[i].value;
        if (e >= GL_NUM_DEVICE_UUIDS_EXT && e <= GL_DEVICE_NODE_MASK_EXT)
            continue; /* device UUID/LUID queries crash Mesa 22 in glGetDoublev */
        get_values(glcr_enum_names[i].value, scratch, 16);
        bool valid = glcr_driver.GetError() == GL_NO_ERROR;
        for (int k = 0; k < 16; k++)
            slot[k] = valid ? scratch[k] : __builtin_nan("");
    }
    return v;
}

/* Bindings of whole objects other than textures and buffers: (query, class). */
static const struct {
    GLenum binding;
    enum glcr_obj_type type;
} object_bindings[] = {
    {GL_CURRENT_PROGRAM, GLCR_OBJ_PROGRAM},
    {GL_RENDERBUFFER_BINDING, GLCR_OBJ_RENDERBUFFER},
};

static void snap_object_bindings(struct glcr_ctx_snapshot *s)
{
    for (size_t i = 0; i < sizeof object_bindings / sizeof *object_bindings; i++) {
        struct entry *e = add(s, K_OBJECT_BIND, (unsigned)object_bindings[i].type, object_bindings[i].binding, 0, 1);
        if (!e)
            return;
        e->v[0] = glcr_name_virtual(object_bindings[i].type, (GLuint)get_int(object_bindings[i].binding));
        keep_if_valid(s);
    }
}

static void apply_object_binding(const struct entry *e)
{
    GLuint real = glcr_name_real((enum glcr_obj_type)e->index, (GLuint)e->v[0]);
    switch (e->a) {
    case GL_CURRENT_PROGRAM: glcr_driver.UseProgram(real); break;
    case GL_RENDERBUFFER_BINDING: glcr_driver.BindRenderbuffer(GL_RENDERBUFFER, real); break;
    default: break;
    }
}

/* The context's state as the driver has it now; matrices: with the matrix stacks. */
static struct glcr_ctx_snapshot *take(struct glcr_context *ctx, bool matrices, char *err, size_t err_len)
{
    struct glcr_ctx_snapshot *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_len, "context %u: out of memory saving its state", ctx->id);
        return NULL;
    }
    es_context = ctx->attribs.gles;
    glcr_keep_pending_error(ctx);
    glcr_drain_errors();
    const char *verify = getenv("GLCR_VERIFY");
    if (matrices && verify && strcmp(verify, "2") == 0)
        s->probe = probe_everything();
    /* Mesa answers the GL_STENCIL_BACK_* queries from the face its last state validation
     * chose; until something validates (a draw, or a query like this one), a context whose
     * back stencil state was just set reports the front face's. */
    get_int(GL_SAMPLE_BUFFERS);
    s->active_texture = get_int(GL_ACTIVE_TEXTURE);
    if (ctx->legacy) {
        s->client_active_texture = get_int(GL_CLIENT_ACTIVE_TEXTURE);
        s->matrix_mode = get_int(GL_MATRIX_MODE);
        snap_raster(s);
        snap_eye_space(s);
        snap_materials(s);
    }
    snap_items(s, ctx->legacy);
    snap_caps(s, caps, sizeof caps / sizeof *caps);
    if (ctx->legacy)
        snap_caps(s, legacy_caps, sizeof legacy_caps / sizeof *legacy_caps);
    snap_draw_buffer_blend(s);
    snap_viewports(s);
    if (ctx->legacy)
        snap_polygon_stipple(s);
    snap_texture_units(s, ctx);
    snap_current_attribs(s, ctx);
    snap_buffer_bindings(s);
    snap_object_bindings(s);
    snap_current_values(s, ctx);
    if (ctx->legacy) {
        if (matrices)
            snap_matrices(s, ctx);
        glcr_driver.MatrixMode((GLenum)s->matrix_mode);
        glcr_driver.ClientActiveTexture((GLenum)s->client_active_texture);
    }
    glcr_driver.ActiveTexture((GLenum)s->active_texture);
    glcr_drain_errors();
    if (s->failed) {
        snprintf(err, err_len, "context %u: out of memory saving its state", ctx->id);
        glcr_ctxstate_free_level(s);
        return NULL;
    }
    return s;
}

bool glcr_ctxstate_snapshot(struct glcr_context *ctx, char *err, size_t err_len)
{
    ctx->snap = take(ctx, true, err, err_len);
    return ctx->snap != NULL;
}

struct glcr_ctx_snapshot *glcr_ctxstate_read_level(struct glcr_context *ctx, char *err, size_t err_len)
{
    return take(ctx, false, err, err_len);
}

/* ---- restore ------------------------------------------------------------------------------- */

static GLenum E(double v)
{
    return (GLenum)v;
}

static void apply_item(const struct entry *e)
{
    const double *v = e->v;
    switch (e->a) {
    case GL_VIEWPORT: glcr_driver.Viewport((GLint)v[0], (GLint)v[1], (GLsizei)v[2], (GLsizei)v[3]); break;
    case GL_SCISSOR_BOX: glcr_driver.Scissor((GLint)v[0], (GLint)v[1], (GLsizei)v[2], (GLsizei)v[3]); break;
    case GL_COLOR_CLEAR_VALUE: glcr_driver.ClearColor((GLfloat)v[0], (GLfloat)v[1], (GLfloat)v[2], (GLfloat)v[3]); break;
    case GL_DEPTH_CLEAR_VALUE:
        if (es_context)
            glcr_driver.ClearDepthf((GLfloat)v[0]);
        else
            glcr_driver.ClearDepth(v[0]);
        break;
    case GL_STENCIL_CLEAR_VALUE: glcr_driver.ClearStencil((GLint)v[0]); break;
    case GL_DEPTH_FUNC: glcr_driver.DepthFunc(E(v[0])); break;
    case GL_DEPTH_WRITEMASK: glcr_driver.DepthMask(v[0] != 0); break;
    case GL_DEPTH_RANGE:
        if (es_context)
            glcr_driver.DepthRangef((GLfloat)v[0], (GLfloat)v[1]);
        else
            glcr_driver.DepthRange(v[0], v[1]);
        break;
    case GL_COLOR_WRITEMASK: glcr_driver.ColorMask(v[0] != 0, v[1] != 0, v[2] != 0, v[3] != 0); break;
    case GL_BLEND_SRC_RGB: glcr_driver.BlendFuncSeparate(E(v[0]), E(v[1]), E(v[2]), E(v[3])); break;
    case GL_BLEND_EQUATION_RGB: glcr_driver.BlendEquationSeparate(E(v[0]), E(v[1])); break;
    case GL_BLEND_COLOR: glcr_driver.BlendColor((GLfloat)v[0], (GLfloat)v[1], (GLfloat)v[2], (GLfloat)v[3]); break;
    case GL_CULL_FACE_MODE: glcr_driver.CullFace(E(v[0])); break;
    case GL_FRONT_FACE: glcr_driver.FrontFace(E(v[0])); break;
    case GL_POLYGON_OFFSET_FACTOR: glcr_driver.PolygonOffset((GLfloat)v[0], (GLfloat)v[1]); break;
    case GL_LINE_WIDTH: glcr_driver.LineWidth((GLfloat)v[0]); break;
    case GL_POINT_SIZE: glcr_driver.PointSize((GLfloat)v[0]); break;
    case GL_STENCIL_FUNC: glcr_driver.StencilFuncSeparate(GL_FRONT, E(v[0]), (GLint)v[1], (GLuint)v[2]); break;
    case GL_STENCIL_BACK_FUNC: glcr_driver.StencilFuncSeparate(GL_BACK, E(v[0]), (GLint)v[1], (GLuint)v[2]); break;
    case GL_STENCIL_FAIL: glcr_driver.StencilOpSeparate(GL_FRONT, E(v[0]), E(v[1]), E(v[2])); break;
    case GL_STENCIL_BACK_FAIL: glcr_driver.StencilOpSeparate(GL_BACK, E(v[0]), E(v[1]), E(v[2])); break;
    case GL_STENCIL_WRITEMASK: glcr_driver.StencilMaskSeparate(GL_FRONT, (GLuint)v[0]); break;
    case GL_STENCIL_BACK_WRITEMASK: glcr_driver.StencilMaskSeparate(GL_BACK, (GLuint)v[0]); break;
    case GL_LOGIC_OP_MODE: glcr_driver.LogicOp(E(v[0])); break;
    case GL_PROVOKING_VERTEX: glcr_driver.ProvokingVertex(E(v[0])); break;
    case GL_CLAMP_READ_COLOR:
    case GL_CLAMP_VERTEX_COLOR:
    case GL_CLAMP_FRAGMENT_COLOR:
        if (!es_context) /* Mesa answers the query in OpenGL ES, which has no glClampColor */
            glcr_driver.ClampColor(e->a, E(v[0]));
        break;
    case GL_SAMPLE_COVERAGE_VALUE: glcr_driver.SampleCoverage((GLfloat)v[0], v[1] != 0); break;
    case GL_PRIMITIVE_RESTART_INDEX: glcr_driver.PrimitiveRestartIndex((GLuint)v[0]); break;
    case GL_POLYGON_MODE:
        if (v[0] == v[1]) { /* the only form the core profile accepts */
            glcr_driver.PolygonMode(GL_FRONT_AND_BACK, E(v[0]));
            break;
        }
        glcr_driver.PolygonMode(GL_FRONT, E(v[0]));
        glcr_driver.PolygonMode(GL_BACK, E(v[1]));
        break;
    case GL_LINE_SMOOTH_HINT: case GL_POLYGON_SMOOTH_HINT: case GL_TEXTURE_COMPRESSION_HINT:
    case GL_FRAGMENT_SHADER_DERIVATIVE_HINT: case GL_FOG_HINT: case GL_PERSPECTIVE_CORRECTION_HINT:
    case GL_POINT_SMOOTH_HINT: case GL_GENERATE_MIPMAP_HINT:
        glcr_driver.Hint(e->a, E(v[0]));
        break;
    case GL_UNPACK_SWAP_BYTES: case GL_UNPACK_LSB_FIRST: case GL_UNPACK_ROW_LENGTH:
    case GL_UNPACK_IMAGE_HEIGHT: case GL_UNPACK_SKIP_ROWS: case GL_UNPACK_SKIP_PIXELS:
    case GL_UNPACK_SKIP_IMAGES: case GL_UNPACK_ALIGNMENT: case GL_PACK_SWAP_BYTES:
    case GL_PACK_LSB_FIRST: case GL_PACK_ROW_LENGTH: case GL_PACK_IMAGE_HEIGHT:
    case GL_PACK_SKIP_ROWS: case GL_PACK_SKIP_PIXELS: case GL_PACK_SKIP_IMAGES: case GL_PACK_ALIGNMENT:
        glcr_driver.PixelStorei(e->a, (GLint)v[0]);
        break;
    case GL_POINT_FADE_THRESHOLD_SIZE: case GL_POINT_SIZE_MIN: case GL_POINT_SIZE_MAX:
        glcr_driver.PointParameterf(e->a, (GLfloat)v[0]);
        break;
    case GL_POINT_SPRITE_COORD_ORIGIN: glcr_driver.PointParameteri(e->a, (GLint)v[0]); break;
    case GL_POINT_DISTANCE_ATTENUATION: {
        GLfloat f[3] = {(GLfloat)v[0], (GLfloat)v[1], (GLfloat)v[2]};
        glcr_driver.PointParameterfv(e->a, f);
        break;
    }
    case GL_SHADE_MODEL: glcr_driver.ShadeModel(E(v[0])); break;
    case GL_ALPHA_TEST_FUNC: glcr_driver.AlphaFunc(E(v[0]), (GLfloat)v[1]); break;
    case GL_FOG_MODE: case GL_FOG_COORD_SRC: glcr_driver.Fogi(e->a, (GLint)v[0]); break;
    case GL_FOG_DENSITY: case GL_FOG_START: case GL_FOG_END: case GL_FOG_INDEX:
        glcr_driver.Fogf(e->a, (GLfloat)v[0]);
        break;
    case GL_FOG_COLOR: case GL_LIGHT_MODEL_AMBIENT: {
        GLfloat f[4] = {(GLfloat)v[0], (GLfloat)v[1], (GLfloat)v[2], (GLfloat)v[3]};
        if (e->a == GL_FOG_COLOR)
            glcr_driver.Fogfv(e->a, f);
        else
            glcr_driver.LightModelfv(e->a, f);
        break;
    }
    case GL_LIGHT_MODEL_LOCAL_VIEWER: case GL_LIGHT_MODEL_TWO_SIDE: case GL_LIGHT_MODEL_COLOR_CONTROL:
        glcr_driver.LightModeli(e->a, (GLint)v[0]);
        break;
    case GL_COLOR_MATERIAL_FACE: glcr_driver.ColorMaterial(E(v[0]), E(v[1])); break;
    case GL_ACCUM_CLEAR_VALUE: glcr_driver.ClearAccum((GLfloat)v[0], (GLfloat)v[1], (GLfloat)v[2], (GLfloat)v[3]); break;
    case GL_INDEX_CLEAR_VALUE: glcr_driver.ClearIndex((GLfloat)v[0]); break;
    case GL_LINE_STIPPLE_PATTERN: glcr_driver.LineStipple((GLint)v[1], (GLushort)v[0]); break;
    case GL_CURRENT_COLOR: glcr_driver.Color4dv(v); break;
    case GL_CURRENT_SECONDARY_COLOR: glcr_driver.SecondaryColor3dv(v); break;
    case GL_CURRENT_NORMAL: glcr_driver.Normal3dv(v); break;
    case GL_CURRENT_INDEX: glcr_driver.Indexd(v[0]); break;
    case GL_CURRENT_FOG_COORD: glcr_driver.FogCoordd(v[0]); break;
    case GL_EDGE_FLAG: glcr_driver.EdgeFlag(v[0] != 0); break;
    case GL_CURRENT_TEXTURE_COORDS:
        glcr_driver.MultiTexCoord4dv(GL_TEXTURE0 + (GLenum)(e->index - 2000), v);
        break;
    default: log_warn("restore: no setter for state 0x%x", e->a); break;
    }
}

static void set_cap(GLenum cap, double on)
{
    if (on != 0)
        glcr_driver.Enable(cap);
    else
        glcr_driver.Disable(cap);
}

static void apply_eye_space(const struct entry *e)
{
    if (e->kind == K_LIGHT) {
        GLfloat f[4] = {(GLfloat)e->v[0], (GLfloat)e->v[1], (GLfloat)e->v[2], (GLfloat)e->v[3]};
        glcr_driver.Lightfv(GL_LIGHT0 + e->index, e->a, f);
    } else if (e->kind == K_CLIP) {
        glcr_driver.ClipPlane(GL_CLIP_PLANE0 + e->index, e->v);
    } else if (e->kind == K_TEXGEN) {
        glcr_driver.TexGeni(e->a, GL_TEXTURE_GEN_MODE, (GLint)e->v[0]);
        glcr_driver.TexGendv(e->a, GL_OBJECT_PLANE, &e->v[1]);
        glcr_driver.TexGendv(e->a, GL_EYE_PLANE, &e->v[5]);
    }
}

static void apply_entry(const struct entry *e, GLint *unit, GLenum *matrix_mode)
{
    bool per_unit = e->kind == K_UNIT_CAP || e->kind == K_TEXGEN || e->kind == K_TEXENV ||
                    e->kind == K_TEXENV_PARAM ||
                    e->kind == K_TEXBIND || (e->kind == K_MATRIX && e->a == GL_TEXTURE);
    if (per_unit && *unit != e->index) {
        *unit = e->index;
        glcr_driver.ActiveTexture(GL_TEXTURE0 + (GLenum)*unit);
    }
    switch (e->kind) {
    case K_ITEM: apply_item(e); break;
    case K_CAP: case K_UNIT_CAP: set_cap(e->a, e->v[0]); break;
    case K_LIGHT: case K_CLIP: case K_TEXGEN: apply_eye_space(e); break;
    case K_MATERIAL: {
        GLfloat f[4] = {(GLfloat)e->v[0], (GLfloat)e->v[1], (GLfloat)e->v[2], (GLfloat)e->v[3]};
        glcr_driver.Materialfv(e->a, e->b, f);
        break;
    }
    case K_TEXENV: {
        GLfloat f[4] = {(GLfloat)e->v[1], (GLfloat)e->v[2], (GLfloat)e->v[3], (GLfloat)e->v[4]};
        glcr_driver.TexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, (GLint)e->v[0]);
        glcr_driver.TexEnvfv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_COLOR, f);
        break;
    }
    case K_TEXBIND: glcr_driver.BindTexture(e->a, glcr_name_real(GLCR_OBJ_TEXTURE, (GLuint)e->v[0])); break;
    case K_MATRIX:
        if (*matrix_mode != e->a)
            glcr_driver.MatrixMode(*matrix_mode = e->a);
        if (e->b > 0)
            glcr_driver.PushMatrix();
        glcr_driver.LoadMatrixd(e->v);
        break;
    case K_CURRENT_ATTRIB:
        if (e->v[4] != 0) {
            GLuint bits[4] = {(GLuint)e->v[0], (GLuint)e->v[1], (GLuint)e->v[2], (GLuint)e->v[3]};
            glcr_driver.VertexAttribI4uiv(e->index, bits);
        } else {
            GLfloat f[4] = {(GLfloat)e->v[0], (GLfloat)e->v[1], (GLfloat)e->v[2], (GLfloat)e->v[3]};
            glcr_driver.VertexAttrib4fv(e->index, f);
        }
        break;
    case K_BUFFER_BIND: glcr_driver.BindBuffer(e->a, glcr_name_real(GLCR_OBJ_BUFFER, (GLuint)e->v[0])); break;
    case K_OBJECT_BIND: apply_object_binding(e); break;
    case K_TEXENV_PARAM: glcr_driver.TexEnvf(e->a, e->b, (GLfloat)e->v[0]); break;
    case K_RASTER: apply_raster(e); break;
    case K_DRAW_BUFFER_BLEND:
        if (e->v[0] != 0)
            glcr_driver.Enablei(GL_BLEND, e->index);
        else
            glcr_driver.Disablei(GL_BLEND, e->index);
        glcr_driver.BlendFuncSeparatei(e->index, E(e->v[1]), E(e->v[2]), E(e->v[3]), E(e->v[4]));
        glcr_driver.BlendEquationSeparatei(e->index, E(e->v[5]), E(e->v[6]));
        glcr_driver.ColorMaski(e->index, e->v[7] != 0, e->v[8] != 0, e->v[9] != 0, e->v[10] != 0);
        break;
    case K_VIEWPORT_INDEXED: {
        GLfloat vp[4] = {(GLfloat)e->v[0], (GLfloat)e->v[1], (GLfloat)e->v[2], (GLfloat)e->v[3]};
        glcr_driver.ViewportIndexedfv(e->index, vp);
        glcr_driver.ScissorIndexed(e->index, (GLint)e->v[4], (GLint)e->v[5], (GLsizei)e->v[6], (GLsizei)e->v[7]);
        glcr_driver.DepthRangeIndexed(e->index, e->v[8], e->v[9]);
        if (e->v[10] != 0)
            glcr_driver.Enablei(GL_SCISSOR_TEST, e->index);
        else
            glcr_driver.Disablei(GL_SCISSOR_TEST, e->index);
        break;
    }
    default: break;
    }
}

/* State a level below left that the entries of the next one would not undo, or that would
 * change what they set: glMaterial is ignored for what GL_COLOR_MATERIAL tracks, glWindowPos
 * maps depth through the depth range, glPolygonStipple unpacks with the pixel store state
 * (from a bound unpack buffer too), and texture entries exist only for the targets a level
 * had bound. */
static void undo_below(const struct glcr_ctx_snapshot *below)
{
    static const GLenum unpack[] = {GL_UNPACK_ROW_LENGTH, GL_UNPACK_SKIP_ROWS, GL_UNPACK_SKIP_PIXELS,
                                    GL_UNPACK_LSB_FIRST, GL_UNPACK_SWAP_BYTES};
    glcr_driver.Disable(GL_COLOR_MATERIAL);
    glcr_driver.DepthRange(0.0, 1.0);
    glcr_driver.BindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
    for (size_t i = 0; i < sizeof unpack / sizeof *unpack; i++)
        glcr_driver.PixelStorei(unpack[i], 0);
    for (size_t i = 0; i < below->count; i++) {
        const struct entry *e = &below->entries[i];
        if (e->kind != K_TEXBIND)
            continue;
        glcr_driver.ActiveTexture(GL_TEXTURE0 + e->index);
        glcr_driver.BindTexture(e->a, 0);
    }
}

static void apply(struct glcr_context *ctx, const struct glcr_ctx_snapshot *s, const struct glcr_ctx_snapshot *below)
{
    GLint unit = 0;
    GLenum matrix_mode = 0;
    es_context = ctx->attribs.gles;
    if (below)
        undo_below(below);
    glcr_driver.ActiveTexture(GL_TEXTURE0);
    /* Before the pixel store state: the pattern is tightly packed bytes. */
    if (s->has_stipple) {
        glcr_driver.PixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glcr_driver.PolygonStipple(s->polygon_stipple);
    }
    if (ctx->legacy) {
        /* Eye-space values were read back already transformed: apply them untransformed. */
        glcr_driver.MatrixMode(matrix_mode = GL_MODELVIEW);
        glcr_driver.LoadIdentity();
    }
    for (size_t i = 0; i < s->count; i++)
        if (s->entries[i].kind != K_BUFFER_BIND)
            apply_entry(&s->entries[i], &unit, &matrix_mode);
    /* Buffer bindings last: GL_ARRAY_BUFFER was left bound to anything by the vertex
     * arrays' replay (vertexarrays.c), and nothing here may move it after this. */
    for (size_t i = 0; i < s->count; i++)
        if (s->entries[i].kind == K_BUFFER_BIND)
            apply_entry(&s->entries[i], &unit, &matrix_mode);
    if (ctx->legacy) {
        glcr_driver.MatrixMode((GLenum)s->matrix_mode);
        glcr_driver.ClientActiveTexture((GLenum)s->client_active_texture);
    }
    glcr_driver.ActiveTexture((GLenum)s->active_texture);
}

void glcr_ctxstate_apply_level(struct glcr_context *ctx, const struct glcr_ctx_snapshot *level,
                               const struct glcr_ctx_snapshot *below)
{
    apply(ctx, level, below);
}

bool glcr_ctxstate_restore(struct glcr_context *ctx, char *err, size_t err_len)
{
    struct glcr_ctx_snapshot *s = ctx->snap;
    if (!s)
        return true;
    /* Over the attribute stack levels replayed before it, if any. */
    apply(ctx, s, glcr_attrib_stacks_replayed(ctx));
    GLenum error = glcr_driver.GetError();
    if (error != GL_NO_ERROR) {
        snprintf(err, err_len, "context %u: restoring its state raised GL error 0x%x", ctx->id, error);
        return false;
    }
    return true;
}

void glcr_ctxstate_free_level(struct glcr_ctx_snapshot *s)
{
    if (!s)
        return;
    free(s->probe);
    free(s->entries);
    free(s);
}

void glcr_ctxstate_free(struct glcr_context *ctx)
{
    glcr_ctxstate_free_level(ctx->snap);
    ctx->snap = NULL;
}

size_t glcr_ctxstate_level_bytes(const struct glcr_ctx_snapshot *s)
{
    return s ? s->count * sizeof(struct entry) : 0;
}

size_t glcr_ctxstate_level_textures(const struct glcr_ctx_snapshot *s, unsigned *textures, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < s->count; i++)
        if (s->entries[i].kind == K_TEXBIND) {
            if (n < max)
                textures[n] = (unsigned)s->entries[i].v[0];
            n++;
        }
    return n;
}

size_t glcr_ctxstate_bytes(const struct glcr_context *ctx)
{
    return glcr_ctxstate_level_bytes(ctx->snap);
}

/* Reads the state again and reports every entry that differs from the snapshot: a check
 * that replay rebuilt exactly what was saved (GLCR_VERIFY=1). Context current. */
int glcr_ctxstate_verify(struct glcr_context *ctx)
{
    struct glcr_ctx_snapshot *saved = ctx->snap;
    char err[256];
    ctx->snap = NULL;
    if (!saved || !glcr_ctxstate_snapshot(ctx, err, sizeof err)) {
        glcr_ctxstate_free(ctx);
        ctx->snap = saved;
        return saved ? 1 : 0;
    }
    struct glcr_ctx_snapshot *now = ctx->snap;
    int differences = 0;
    for (size_t i = 0; i < saved->count && i < now->count; i++) {
        const struct entry *a = &saved->entries[i], *b = &now->entries[i];
        if (a->kind != b->kind || a->a != b->a || a->b != b->b || a->index != b->index) {
            log_error("verify context %u: entry %zu is kind %u 0x%x/%u, was kind %u 0x%x/%u", ctx->id, i,
                      b->kind, b->a, b->index, a->kind, a->a, a->index);
            differences++;
            break;
        }
        for (int k = 0; k < a->count; k++)
            if (a->v[k] != b->v[k]) {
                log_error("verify context %u: kind %u state 0x%x (index %u, %u) value %d is %g, was %g",
                          ctx->id, a->kind, a->a, a->index, a->b, k, b->v[k], a->v[k]);
                differences++;
                break;
            }
    }
    for (unsigned i = 0; saved->probe && now->probe && i < glcr_enum_name_count; i++)
        for (int k = 0; k < 16; k++) {
            double x = saved->probe[(size_t)i * 16 + k], y = now->probe[(size_t)i * 16 + k];
            if (x != y && !(x != x && y != y)) {
                log_warn("verify context %u: %s[%d] is %g, was %g", ctx->id, glcr_enum_names[i].name, k, y, x);
                break;
            }
        }
    if (saved->has_stipple != now->has_stipple ||
        memcmp(saved->polygon_stipple, now->polygon_stipple, sizeof saved->polygon_stipple)) {
        log_error("verify context %u: the polygon stipple differs", ctx->id);
        differences++;
    }
    if (saved->count != now->count) {
        log_error("verify context %u: %zu state entries now, %zu saved", ctx->id, now->count, saved->count);
        differences++;
    }
    glcr_ctxstate_free(ctx);
    ctx->snap = saved;
    return differences;
}

const struct glcr_tracker glcr_tracker_ctxstate = {
    .name = "context state",
    .save_context = glcr_ctxstate_snapshot,
    .restore_context = glcr_ctxstate_restore,
    .verify_context = glcr_ctxstate_verify,
    .free_context = glcr_ctxstate_free,
    .bytes_context = glcr_ctxstate_bytes,
};
