/* Immutable textures (glTexStorage*): 1D, 2D with a partial mip chain, 3D, cube map, 2D
 * array and cube map array; immutability, level counts and contents after the checkpoint,
 * and that they are still immutable (a glTexImage2D on one fails). */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[6];
    glGenTextures(6, tex);
    static unsigned char px[32 * 32 * 12 * 4];
    pt_pattern(px, sizeof px, 800);
    glBindTexture(GL_TEXTURE_1D, tex[0]);
    glTexStorage1D(GL_TEXTURE_1D, 3, GL_RGBA8, 32);
    glTexSubImage1D(GL_TEXTURE_1D, 1, 0, 16, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    glTexStorage2D(GL_TEXTURE_2D, 3, GL_RGBA16F, 32, 16);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 32, 16, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glTexSubImage2D(GL_TEXTURE_2D, 2, 1, 1, 4, 2, GL_RGBA, GL_UNSIGNED_BYTE, px + 99);
    glBindTexture(GL_TEXTURE_3D, tex[2]);
    glTexStorage3D(GL_TEXTURE_3D, 2, GL_R8, 8, 8, 8);
    glTexSubImage3D(GL_TEXTURE_3D, 0, 0, 0, 0, 8, 8, 8, GL_RED, GL_UNSIGNED_BYTE, px);
    glGenerateMipmap(GL_TEXTURE_3D);
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[3]);
    glTexStorage2D(GL_TEXTURE_CUBE_MAP, 2, GL_RGB10_A2, 8, 8);
    for (int f = 0; f < 6; f++)
        glTexSubImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f, 0, 0, 0, 8, 8, GL_RGBA,
                        GL_UNSIGNED_BYTE, px + f * 256);
    glBindTexture(GL_TEXTURE_2D_ARRAY, tex[4]);
    glTexStorage3D(GL_TEXTURE_2D_ARRAY, 4, GL_RGBA8, 16, 16, 3);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, 0, 16, 16, 3, GL_RGBA, GL_UNSIGNED_BYTE, px);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 3, 0, 0, 2, 2, 2, 1, GL_RGBA, GL_UNSIGNED_BYTE, px + 5);
    glBindTexture(GL_TEXTURE_CUBE_MAP_ARRAY, tex[5]);
    glTexStorage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 1, GL_RGBA8, 4, 4, 12);
    glTexSubImage3D(GL_TEXTURE_CUBE_MAP_ARRAY, 0, 0, 0, 0, 4, 4, 12, GL_RGBA, GL_UNSIGNED_BYTE, px);

    pt_checkpoint();

    static const GLenum targets[] = {GL_TEXTURE_1D, GL_TEXTURE_2D, GL_TEXTURE_3D, GL_TEXTURE_CUBE_MAP,
                                     GL_TEXTURE_2D_ARRAY, GL_TEXTURE_CUBE_MAP_ARRAY};
    static const char *names[] = {"1d", "2d", "3d", "cube", "2d array", "cube array"};
    for (int t = 0; t < 6; t++) {
        glBindTexture(targets[t], tex[t]);
        GLint immutable = 0, levels = 0;
        glGetTexParameteriv(targets[t], GL_TEXTURE_IMMUTABLE_FORMAT, &immutable);
        glGetTexParameteriv(targets[t], GL_TEXTURE_IMMUTABLE_LEVELS, &levels);
        printf("%s: immutable %d levels %d\n", names[t], immutable, levels);
        GLenum image = targets[t] == GL_TEXTURE_CUBE_MAP ? GL_TEXTURE_CUBE_MAP_NEGATIVE_Z : targets[t];
        for (int level = 0; level < 5; level++)
            pt_tex_image(names[t], image, level, GL_RGBA, GL_UNSIGNED_BYTE);
        pt_draw_texture(names[t], targets[t], 'f', 1.0f, 0.0f);
    }
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 4, 4, 0, GL_RGBA, GL_UNSIGNED_BYTE, px);
    pt_int("glTexImage2D on the immutable texture: error", glGetError());
    return pt_done();
}
