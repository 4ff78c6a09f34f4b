/* Server attribute stack: six levels pushed with different masks (lighting and enables,
 * color buffer, depth buffer and polygon, then current values, fog, lines, points,
 * transform, viewport, scissor, stencil, hints, stipple and the list base, then texture
 * state with the parameters of the bound textures, then all of them), the state changed
 * after every push. After the checkpoint each level is popped in turn, and the state it
 * brings back is proven by glGet and by a lit, blended, depth-tested draw. */
#include "preserve_draw.h"
#include "preserve_state.h"

static const struct pt_query queries[] = {
    PT_Q(GL_ATTRIB_STACK_DEPTH, 1), PT_Q(GL_LIGHT_MODEL_AMBIENT, 4), PT_Q(GL_SHADE_MODEL, 1),
    PT_Q(GL_COLOR_CLEAR_VALUE, 4), PT_Q(GL_BLEND_SRC_RGB, 1), PT_Q(GL_BLEND_DST_RGB, 1),
    PT_Q(GL_COLOR_WRITEMASK, 4), PT_Q(GL_ALPHA_TEST_FUNC, 1), PT_Q(GL_ALPHA_TEST_REF, 1),
    PT_Q(GL_DRAW_BUFFER, 1), PT_Q(GL_DEPTH_FUNC, 1), PT_Q(GL_DEPTH_WRITEMASK, 1),
    PT_Q(GL_DEPTH_CLEAR_VALUE, 1), PT_Q(GL_POLYGON_MODE, 2), PT_Q(GL_CULL_FACE_MODE, 1),
    PT_Q(GL_FRONT_FACE, 1), PT_Q(GL_POLYGON_OFFSET_FACTOR, 1), PT_Q(GL_CURRENT_COLOR, 4),
    PT_Q(GL_CURRENT_NORMAL, 3), PT_Q(GL_FOG_COLOR, 4), PT_Q(GL_FOG_DENSITY, 1),
    PT_Q(GL_LINE_WIDTH, 1), PT_Q(GL_POINT_SIZE, 1), PT_Q(GL_MATRIX_MODE, 1), PT_Q(GL_VIEWPORT, 4),
    PT_Q(GL_DEPTH_RANGE, 2), PT_Q(GL_SCISSOR_BOX, 4), PT_Q(GL_STENCIL_FUNC, 1),
    PT_Q(GL_STENCIL_REF, 1), PT_Q(GL_STENCIL_WRITEMASK, 1), PT_Q(GL_PERSPECTIVE_CORRECTION_HINT, 1),
    PT_Q(GL_LIST_BASE, 1),
};

static const GLenum caps[] = {GL_LIGHTING, GL_LIGHT0, GL_LIGHT1, GL_BLEND, GL_DEPTH_TEST, GL_CULL_FACE,
                              GL_ALPHA_TEST, GL_FOG, GL_NORMALIZE, GL_SCISSOR_TEST, GL_STENCIL_TEST,
                              GL_POLYGON_STIPPLE, GL_POLYGON_OFFSET_FILL, GL_CLIP_PLANE0};

static void print_state(const char *level)
{
    printf("-- %s\n", level);
    pt_queries(queries, (int)(sizeof queries / sizeof *queries));
    for (size_t i = 0; i < sizeof caps / sizeof *caps; i++)
        printf("cap 0x%x enabled %d\n", caps[i], glIsEnabled(caps[i]));
    GLfloat v[4];
    glGetLightfv(GL_LIGHT0, GL_DIFFUSE, v);
    pt_floats("light0 diffuse", v, 4);
    glGetLightfv(GL_LIGHT1, GL_POSITION, v);
    pt_floats("light1 position", v, 4);
    glGetMaterialfv(GL_FRONT, GL_SPECULAR, v);
    pt_floats("front specular", v, 4);
    GLdouble plane[4];
    glGetClipPlane(GL_CLIP_PLANE0, plane);
    printf("clip plane 0 %.9g %.9g %.9g %.9g\n", plane[0], plane[1], plane[2], plane[3]);
    GLubyte stipple[128];
    glGetPolygonStipple(stipple);
    pt_bytes("polygon stipple", stipple, sizeof stipple);
    char what[64];
    GLint t[6] = {0};
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &t[0]);
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, &t[1]);
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, &t[2]);
    glGetTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, &t[3]);
    glGetTexEnviv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, &t[4]);
    t[5] = glIsEnabled(GL_TEXTURE_2D);
    printf("texture %d min %d mag %d wrap %d env %d enabled %d\n", t[0], t[1], t[2], t[3], t[4], t[5]);
    GLfloat border[4];
    glGetTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
    pt_floats("border color", border, 4);
    snprintf(what, sizeof what, "%s: scene", level);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glNormal3f(0.2f, 0.3f, 1.0f);
    pt_scene();
    pt_frame(what);
    /* A textured quad, magnified and wrapped: filters, wrap mode and environment show. */
    snprintf(what, sizeof what, "%s: textured quad", level);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT | GL_STENCIL_BUFFER_BIT);
    glPushAttrib(GL_ENABLE_BIT);
    glEnable(GL_TEXTURE_2D);
    glBegin(GL_QUADS);
    glTexCoord2f(-0.3f, -0.2f);
    glVertex2f(-0.8f, -0.8f);
    glTexCoord2f(1.7f, -0.2f);
    glVertex2f(0.8f, -0.8f);
    glTexCoord2f(1.7f, 1.4f);
    glVertex2f(0.8f, 0.8f);
    glTexCoord2f(-0.3f, 1.4f);
    glVertex2f(-0.8f, 0.8f);
    glEnd();
    glPopAttrib();
    pt_frame(what);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    /* The bottom state: lit, depth-tested. */
    GLfloat red[4] = {1.0f, 0.3f, 0.2f, 1.0f}, ambient[4] = {0.2f, 0.1f, 0.3f, 1.0f};
    glLightfv(GL_LIGHT0, GL_DIFFUSE, red);
    glLightModelfv(GL_LIGHT_MODEL_AMBIENT, ambient);
    glEnable(GL_LIGHTING);
    glEnable(GL_LIGHT0);
    glEnable(GL_DEPTH_TEST);
    glClearColor(0.1f, 0.2f, 0.3f, 1.0f);
    GLuint tex[2];
    glGenTextures(2, tex);
    for (int i = 0; i < 2; i++) {
        GLubyte texels[4 * 4 * 4];
        pt_pattern(texels, sizeof texels, 300 + (unsigned)i);
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    }
    glBindTexture(GL_TEXTURE_2D, tex[0]);

    glPushAttrib(GL_LIGHTING_BIT | GL_ENABLE_BIT);
    GLfloat blue[4] = {0.1f, 0.4f, 1.0f, 1.0f}, pos[4] = {1.0f, 2.0f, 3.0f, 0.0f};
    GLfloat spec[4] = {0.9f, 0.8f, 0.1f, 1.0f};
    glLightfv(GL_LIGHT0, GL_DIFFUSE, blue);
    glLightfv(GL_LIGHT1, GL_POSITION, pos);
    glLightfv(GL_LIGHT1, GL_DIFFUSE, spec);
    glMaterialfv(GL_FRONT, GL_SPECULAR, spec);
    glShadeModel(GL_FLAT);
    glEnable(GL_LIGHT1);
    glEnable(GL_NORMALIZE);
    glDisable(GL_DEPTH_TEST);

    glPushAttrib(GL_COLOR_BUFFER_BIT);
    glClearColor(0.5f, 0.4f, 0.0f, 1.0f);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_BLEND);
    glColorMask(GL_TRUE, GL_FALSE, GL_TRUE, GL_TRUE);
    glAlphaFunc(GL_GREATER, 0.3f);
    glEnable(GL_ALPHA_TEST);

    glPushAttrib(GL_DEPTH_BUFFER_BIT | GL_POLYGON_BIT);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_GREATER);
    glClearDepth(0.25);
    glDepthMask(GL_FALSE);
    glPolygonMode(GL_BACK, GL_LINE);
    glCullFace(GL_FRONT);
    glFrontFace(GL_CW);
    glEnable(GL_CULL_FACE);
    glPolygonOffset(1.5f, 2.0f);
    glEnable(GL_POLYGON_OFFSET_FILL);

    glListBase(7);
    glPushAttrib(GL_CURRENT_BIT | GL_FOG_BIT | GL_LINE_BIT | GL_POINT_BIT | GL_TRANSFORM_BIT | GL_VIEWPORT_BIT |
                 GL_SCISSOR_BIT | GL_STENCIL_BUFFER_BIT | GL_HINT_BIT | GL_POLYGON_STIPPLE_BIT | GL_LIST_BIT);
    glListBase(40);
    glColor4f(0.3f, 0.9f, 0.6f, 0.7f);
    glNormal3f(0.0f, 1.0f, 0.0f);
    GLfloat fog[4] = {0.7f, 0.1f, 0.9f, 1.0f};
    glFogfv(GL_FOG_COLOR, fog);
    glFogf(GL_FOG_DENSITY, 2.5f);
    glEnable(GL_FOG);
    glLineWidth(3.0f);
    glPointSize(4.0f);
    glMatrixMode(GL_PROJECTION);
    GLdouble plane[4] = {1.0, 0.5, 0.0, 0.25};
    glClipPlane(GL_CLIP_PLANE0, plane);
    glEnable(GL_CLIP_PLANE0);
    glViewport(4, 6, 50, 40);
    glDepthRange(0.1, 0.8);
    glScissor(2, 3, 40, 50);
    glEnable(GL_SCISSOR_TEST);
    glStencilFunc(GL_EQUAL, 0, 0x3f);
    glStencilMask(0x0f);
    glEnable(GL_STENCIL_TEST);
    glHint(GL_PERSPECTIVE_CORRECTION_HINT, GL_NICEST);
    GLubyte stipple[128];
    for (int i = 0; i < 128; i++)
        stipple[i] = (GLubyte)(i * 37 + 5);
    glPolygonStipple(stipple);
    glEnable(GL_POLYGON_STIPPLE);
    glMatrixMode(GL_MODELVIEW);

    /* The texture group: unit state and the parameters of the bound texture, which the pop
     * puts back into that texture though another one is bound by then. */
    glPushAttrib(GL_TEXTURE_BIT);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
    GLfloat border[4] = {0.9f, 0.1f, 0.5f, 1.0f};
    glTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_ADD);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_MIRRORED_REPEAT);

    /* Every group at once, as old apps do around their drawing. */
    glPushAttrib(GL_ALL_ATTRIB_BITS);
    glDisable(GL_LIGHTING);
    glDisable(GL_FOG);
    glClearColor(0.0f, 0.5f, 0.25f, 1.0f);
    glLineWidth(1.5f);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);

    pt_checkpoint();

    print_state("top");
    glBindTexture(GL_TEXTURE_2D, tex[0]);
    print_state("top, the first texture bound");
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    for (int level = 5; level >= 0; level--) {
        glPopAttrib();
        pt_check_error("glPopAttrib");
        char what[32];
        snprintf(what, sizeof what, "level %d", level);
        print_state(what);
    }
    /* Popping the empty stack is the app's own error. */
    glPopAttrib();
    pt_int("pop of the empty stack raises", glGetError());
    return pt_done();
}
