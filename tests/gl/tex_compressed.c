/* Compressed textures in every compressed format the driver lists (S3TC, RGTC, BPTC ...):
 * 2D with two levels, a 2D array and a cube map face; the compressed data read back with
 * glGetCompressedTexImage must be the same bytes, and draws the same pixels. Also a texture
 * compressed by the driver from uncompressed data (GL_COMPRESSED_RGBA). */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLint n = 0;
    glGetIntegerv(GL_NUM_COMPRESSED_TEXTURE_FORMATS, &n);
    GLint formats[64];
    if (n > 64)
        n = 64;
    glGetIntegerv(GL_COMPRESSED_TEXTURE_FORMATS, formats);
    /* Only block formats glcr's test knows the block size of (4x4 blocks of 8 or 16 bytes). */
    GLint usable[64], count = 0, block[64];
    for (GLint i = 0; i < n; i++) {
        switch (formats[i]) {
        case GL_COMPRESSED_RGB_S3TC_DXT1_EXT: case GL_COMPRESSED_RGBA_S3TC_DXT1_EXT:
        case GL_COMPRESSED_RED_RGTC1: case GL_COMPRESSED_SIGNED_RED_RGTC1:
            block[count] = 8, usable[count++] = formats[i];
            break;
        case GL_COMPRESSED_RGBA_S3TC_DXT3_EXT: case GL_COMPRESSED_RGBA_S3TC_DXT5_EXT:
        case GL_COMPRESSED_RG_RGTC2: case GL_COMPRESSED_SIGNED_RG_RGTC2:
        case GL_COMPRESSED_RGBA_BPTC_UNORM: case GL_COMPRESSED_SRGB_ALPHA_BPTC_UNORM:
        case GL_COMPRESSED_RGB_BPTC_SIGNED_FLOAT: case GL_COMPRESSED_RGB_BPTC_UNSIGNED_FLOAT:
            block[count] = 16, usable[count++] = formats[i];
            break;
        default:
            break;
        }
    }
    /* The list depends on the driver; what is printed must not. */
    GLuint tex[64], array, cube, driver_compressed;
    glGenTextures(count, tex);
    static unsigned char data[16 * 16 * 4 * 16];
    for (GLint i = 0; i < count; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        pt_pattern(data, sizeof data, 1100 + (unsigned)i);
        glCompressedTexImage2D(GL_TEXTURE_2D, 0, (GLenum)usable[i], 16, 16, 0, 16 * block[i], data);
        glCompressedTexImage2D(GL_TEXTURE_2D, 1, (GLenum)usable[i], 8, 8, 0, 4 * block[i], data + 512);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST_MIPMAP_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAX_LEVEL, 1);
        glCompressedTexSubImage2D(GL_TEXTURE_2D, 0, 4, 8, 4, 4, (GLenum)usable[i], block[i], data + 1000);
        pt_check_error("compressed upload");
    }
    glGenTextures(1, &array);
    glBindTexture(GL_TEXTURE_2D_ARRAY, array);
    pt_pattern(data, sizeof data, 1190);
    glCompressedTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_COMPRESSED_RGBA_S3TC_DXT5_EXT, 8, 8, 3, 0, 4 * 16 * 3, data);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glGenTextures(1, &cube);
    glBindTexture(GL_TEXTURE_CUBE_MAP, cube);
    for (int f = 0; f < 6; f++)
        glCompressedTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)f, 0, GL_COMPRESSED_RED_RGTC1, 8, 8, 0,
                               4 * 8, data + f * 40);
    glTexParameteri(GL_TEXTURE_CUBE_MAP, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glGenTextures(1, &driver_compressed);
    glBindTexture(GL_TEXTURE_2D, driver_compressed);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_COMPRESSED_RGBA_S3TC_DXT1_EXT, 16, 16, 0, GL_RGBA, GL_UNSIGNED_BYTE, data);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    pt_check_error("compressed setup");

    pt_checkpoint();

    GLint covered = 0;
    for (GLint i = 0; i < count; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        char what[64];
        snprintf(what, sizeof what, "format 0x%x", usable[i]);
        pt_tex_compressed(what, GL_TEXTURE_2D, 0);
        pt_tex_compressed(what, GL_TEXTURE_2D, 1);
        pt_draw_texture(what, GL_TEXTURE_2D, 'f', 1.0f, 0.0f);
        covered++;
    }
    pt_int("compressed formats covered", covered);
    glBindTexture(GL_TEXTURE_2D_ARRAY, array);
    pt_tex_compressed("DXT5 array", GL_TEXTURE_2D_ARRAY, 0);
    pt_draw_texture("DXT5 array draw", GL_TEXTURE_2D_ARRAY, 'f', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_CUBE_MAP, cube);
    pt_tex_compressed("RGTC1 cube -y", GL_TEXTURE_CUBE_MAP_NEGATIVE_Y, 0);
    pt_draw_texture("RGTC1 cube draw", GL_TEXTURE_CUBE_MAP, 'f', 1.0f, 0.0f);
    glBindTexture(GL_TEXTURE_2D, driver_compressed);
    pt_tex_compressed("compressed by the driver", GL_TEXTURE_2D, 0);
    pt_draw_texture("compressed by the driver draw", GL_TEXTURE_2D, 'f', 1.0f, 0.0f);
    return pt_done();
}
