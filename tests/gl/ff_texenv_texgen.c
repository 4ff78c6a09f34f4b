/* Texture environment and coordinate generation per unit: env mode and color, the
 * combiner (GL_COMBINE sources, operands, scales), LOD bias; texgen modes and object/eye
 * planes per coordinate, eye planes given under a non-identity modelview (stored in eye
 * space), point sprite coordinate replacement; drawn with two units. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[2];
    glGenTextures(2, tex);
    static unsigned char px[8 * 8 * 4];
    for (int u = 0; u < 2; u++) {
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        glBindTexture(GL_TEXTURE_2D, tex[u]);
        pt_pattern(px, sizeof px, 1500 + (unsigned)u);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 8, 8, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glEnable(GL_TEXTURE_2D);
    }
    glActiveTexture(GL_TEXTURE0);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_BLEND);
    const GLfloat env_color[] = {0.2f, 0.4f, 0.6f, 0.8f};
    glTexEnvfv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_COLOR, env_color);
    glTexEnvf(GL_TEXTURE_FILTER_CONTROL, GL_TEXTURE_LOD_BIAS, 0.5f);
    glMatrixMode(GL_MODELVIEW);
    glLoadIdentity();
    glRotatef(25.0f, 0.3f, 1.0f, 0.2f);
    glTranslatef(0.1f, -0.2f, 0.3f);
    const GLfloat splane[] = {1.0f, 0.5f, 0.0f, 0.25f}, tplane[] = {0.0f, 1.0f, 0.5f, -0.5f};
    glTexGeni(GL_S, GL_TEXTURE_GEN_MODE, GL_EYE_LINEAR);
    glTexGenfv(GL_S, GL_EYE_PLANE, splane);
    glTexGeni(GL_T, GL_TEXTURE_GEN_MODE, GL_OBJECT_LINEAR);
    glTexGenfv(GL_T, GL_OBJECT_PLANE, tplane);
    glEnable(GL_TEXTURE_GEN_S);
    glEnable(GL_TEXTURE_GEN_T);
    glLoadIdentity();

    glActiveTexture(GL_TEXTURE1);
    glTexEnvi(GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, GL_COMBINE);
    glTexEnvi(GL_TEXTURE_ENV, GL_COMBINE_RGB, GL_INTERPOLATE);
    glTexEnvi(GL_TEXTURE_ENV, GL_COMBINE_ALPHA, GL_ADD_SIGNED);
    glTexEnvi(GL_TEXTURE_ENV, GL_SRC0_RGB, GL_TEXTURE);
    glTexEnvi(GL_TEXTURE_ENV, GL_SRC1_RGB, GL_PREVIOUS);
    glTexEnvi(GL_TEXTURE_ENV, GL_SRC2_RGB, GL_CONSTANT);
    glTexEnvi(GL_TEXTURE_ENV, GL_OPERAND0_RGB, GL_ONE_MINUS_SRC_COLOR);
    glTexEnvi(GL_TEXTURE_ENV, GL_OPERAND2_RGB, GL_SRC_ALPHA);
    glTexEnvi(GL_TEXTURE_ENV, GL_SRC0_ALPHA, GL_PRIMARY_COLOR);
    glTexEnvi(GL_TEXTURE_ENV, GL_OPERAND1_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
    glTexEnvf(GL_TEXTURE_ENV, GL_RGB_SCALE, 2.0f);
    glTexEnvf(GL_TEXTURE_ENV, GL_ALPHA_SCALE, 4.0f);
    const GLfloat env_color1[] = {0.9f, 0.1f, 0.5f, 0.3f};
    glTexEnvfv(GL_TEXTURE_ENV, GL_TEXTURE_ENV_COLOR, env_color1);
    glTexEnvi(GL_POINT_SPRITE, GL_COORD_REPLACE, GL_TRUE);
    glMatrixMode(GL_MODELVIEW);
    glScalef(2.0f, 1.0f, 0.5f);
    const GLfloat rplane[] = {0.5f, 0.5f, 0.5f, 0.5f};
    glTexGeni(GL_R, GL_TEXTURE_GEN_MODE, GL_NORMAL_MAP);
    glTexGeni(GL_Q, GL_TEXTURE_GEN_MODE, GL_EYE_LINEAR);
    glTexGenfv(GL_Q, GL_EYE_PLANE, rplane);
    glTexGeni(GL_S, GL_TEXTURE_GEN_MODE, GL_REFLECTION_MAP);
    glEnable(GL_TEXTURE_GEN_S);
    glLoadIdentity();

    pt_checkpoint();

    static const struct { GLenum target, pname; const char *name; int n; } env[] = {
        {GL_TEXTURE_ENV, GL_TEXTURE_ENV_MODE, "mode", 1}, {GL_TEXTURE_ENV, GL_TEXTURE_ENV_COLOR, "color", 4},
        {GL_TEXTURE_ENV, GL_COMBINE_RGB, "combine rgb", 1}, {GL_TEXTURE_ENV, GL_COMBINE_ALPHA, "combine alpha", 1},
        {GL_TEXTURE_ENV, GL_SRC0_RGB, "src0 rgb", 1}, {GL_TEXTURE_ENV, GL_SRC1_RGB, "src1 rgb", 1},
        {GL_TEXTURE_ENV, GL_SRC2_RGB, "src2 rgb", 1}, {GL_TEXTURE_ENV, GL_SRC0_ALPHA, "src0 alpha", 1},
        {GL_TEXTURE_ENV, GL_SRC1_ALPHA, "src1 alpha", 1}, {GL_TEXTURE_ENV, GL_SRC2_ALPHA, "src2 alpha", 1},
        {GL_TEXTURE_ENV, GL_OPERAND0_RGB, "operand0 rgb", 1}, {GL_TEXTURE_ENV, GL_OPERAND1_RGB, "operand1 rgb", 1},
        {GL_TEXTURE_ENV, GL_OPERAND2_RGB, "operand2 rgb", 1}, {GL_TEXTURE_ENV, GL_OPERAND0_ALPHA, "operand0 alpha", 1},
        {GL_TEXTURE_ENV, GL_OPERAND1_ALPHA, "operand1 alpha", 1},
        {GL_TEXTURE_ENV, GL_OPERAND2_ALPHA, "operand2 alpha", 1}, {GL_TEXTURE_ENV, GL_RGB_SCALE, "rgb scale", 1},
        {GL_TEXTURE_ENV, GL_ALPHA_SCALE, "alpha scale", 1},
        {GL_TEXTURE_FILTER_CONTROL, GL_TEXTURE_LOD_BIAS, "lod bias", 1},
        {GL_POINT_SPRITE, GL_COORD_REPLACE, "coord replace", 1},
    };
    static const GLenum coords[] = {GL_S, GL_T, GL_R, GL_Q};
    for (int u = 0; u < 3; u++) {
        glActiveTexture(GL_TEXTURE0 + (GLenum)u);
        for (size_t i = 0; i < sizeof env / sizeof *env; i++) {
            GLfloat v[4];
            char label[64];
            glGetTexEnvfv(env[i].target, env[i].pname, v);
            snprintf(label, sizeof label, "unit %d env %s", u, env[i].name);
            pt_floats(label, v, env[i].n);
        }
        for (int c = 0; c < 4; c++) {
            GLdouble mode, obj[4], eye[4];
            glGetTexGendv(coords[c], GL_TEXTURE_GEN_MODE, &mode);
            glGetTexGendv(coords[c], GL_OBJECT_PLANE, obj);
            glGetTexGendv(coords[c], GL_EYE_PLANE, eye);
            printf("unit %d gen %c mode 0x%x enabled %d object %.9g %.9g %.9g %.9g eye %.9g %.9g %.9g %.9g\n", u,
                   "STRQ"[c], (unsigned)mode, glIsEnabled(GL_TEXTURE_GEN_S + (GLenum)c), obj[0], obj[1], obj[2],
                   obj[3], eye[0], eye[1], eye[2], eye[3]);
        }
    }
    pt_check_error("queries");
    glActiveTexture(GL_TEXTURE0);
    glClear(GL_COLOR_BUFFER_BIT);
    glMatrixMode(GL_MODELVIEW);
    glRotatef(10.0f, 0, 0, 1);
    glBegin(GL_QUADS);
    glColor4f(0.8f, 0.6f, 0.4f, 0.7f);
    glNormal3f(0.0f, 0.0f, 1.0f); glMultiTexCoord2f(GL_TEXTURE1, 0, 0); glVertex2f(-1, -1);
    glNormal3f(0.3f, 0.0f, 1.0f); glMultiTexCoord2f(GL_TEXTURE1, 1, 0); glVertex2f(1, -1);
    glNormal3f(0.3f, 0.3f, 1.0f); glMultiTexCoord2f(GL_TEXTURE1, 1, 1); glVertex2f(1, 1);
    glNormal3f(0.0f, 0.3f, 1.0f); glMultiTexCoord2f(GL_TEXTURE1, 0, 1); glVertex2f(-1, 1);
    glEnd();
    pt_frame("two units with texgen and combiners");
    return pt_done();
}
