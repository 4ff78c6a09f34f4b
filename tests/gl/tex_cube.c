/* Cube maps: six faces with mipmaps (one face's level 1 replaced by glTexSubImage2D), a
 * second cube map with only some faces defined, and per-texture seamless filtering. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[2];
    glGenTextures(2, tex);
    static unsigned char px[16 * 16 * 4];
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[0]);
    for (int face = 0; face < 6; face++)
        for (int level = 0, w = 16; w >= 1; level++, w /= 2) {
            pt_pattern(px, (size_t)w * w * 4, 400 + (unsigned)(face * 10 + level));
            glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face, level, GL_RGBA8, w, w, 0, GL_RGBA,
                         GL_UNSIGNED_BYTE, px);
        }
    pt_pattern(px, 4 * 4 * 4, 499);
    glTexSubImage2D(GL_TEXTURE_CUBE_MAP_NEGATIVE_Y, 1, 2, 2, 4, 4, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_SEAMLESS, GL_TRUE);

    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[1]);
    pt_pattern(px, 8 * 8 * 3, 450);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_Z, 0, GL_RGB8, 8, 8, 0, GL_RGB, GL_UNSIGNED_BYTE, px);
    glTexImage2D(GL_TEXTURE_CUBE_MAP_NEGATIVE_X, 0, GL_RGB8, 8, 8, 0, GL_RGB, GL_UNSIGNED_BYTE, px + 7);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[0]);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_CUBE_MAP, &v);
    pt_int("binding is the first cube map", v == (GLint)tex[0]);
    glGetTexParameteriv(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_CUBE_MAP_SEAMLESS, &v);
    pt_int("seamless", v);
    static const char *faces[] = {"+x", "-x", "+y", "-y", "+z", "-z"};
    for (int face = 0; face < 6; face++)
        for (int level = 0; level < 6; level++)
            pt_tex_image(faces[face], GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face, level, GL_RGBA,
                         GL_UNSIGNED_BYTE);
    pt_draw_texture("full cube draw", GL_TEXTURE_CUBE_MAP, 'f', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[1]);
    for (int face = 0; face < 6; face++)
        pt_tex_image(faces[face], GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face, 0, GL_RGBA, GL_UNSIGNED_BYTE);
    return pt_done();
}
