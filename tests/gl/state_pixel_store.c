/* Pixel store: every pack and unpack parameter (swap bytes, LSB first, row length, image
 * height, skips, alignment); queried, then used by an upload and a read after the
 * checkpoint, which come out as before only if the parameters did. */
#include "preserve_draw.h"

static const struct { GLenum pname; GLint value; const char *name; } params[] = {
    {GL_UNPACK_SWAP_BYTES, 1, "unpack swap bytes"}, {GL_UNPACK_LSB_FIRST, 1, "unpack lsb first"},
    {GL_UNPACK_ROW_LENGTH, 13, "unpack row length"}, {GL_UNPACK_IMAGE_HEIGHT, 9, "unpack image height"},
    {GL_UNPACK_SKIP_ROWS, 2, "unpack skip rows"}, {GL_UNPACK_SKIP_PIXELS, 3, "unpack skip pixels"},
    {GL_UNPACK_SKIP_IMAGES, 1, "unpack skip images"}, {GL_UNPACK_ALIGNMENT, 8, "unpack alignment"},
    {GL_PACK_SWAP_BYTES, 1, "pack swap bytes"}, {GL_PACK_LSB_FIRST, 1, "pack lsb first"},
    {GL_PACK_ROW_LENGTH, 11, "pack row length"}, {GL_PACK_IMAGE_HEIGHT, 7, "pack image height"},
    {GL_PACK_SKIP_ROWS, 1, "pack skip rows"}, {GL_PACK_SKIP_PIXELS, 2, "pack skip pixels"},
    {GL_PACK_SKIP_IMAGES, 1, "pack skip images"}, {GL_PACK_ALIGNMENT, 2, "pack alignment"},
};
#define N (int)(sizeof params / sizeof *params)

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    for (int i = 0; i < N; i++)
        glPixelStorei(params[i].pname, params[i].value);

    pt_checkpoint();

    for (int i = 0; i < N; i++) {
        GLint v = -1;
        glGetIntegerv(params[i].pname, &v);
        pt_int(params[i].name, v);
    }
    /* 2D upload of 16-bit texels (row length, skips, alignment, byte swapping), read back
     * with the pack state. */
    static unsigned char src[13 * 9 * 4 * 8 + 64];
    pt_pattern(src, sizeof src, 1400);
    GLuint tex[2];
    glGenTextures(2, tex);
    glBindTexture(GL_TEXTURE_2D, tex[0]);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA16, 6, 5, 0, GL_RGBA, GL_UNSIGNED_SHORT, src);
    static unsigned char dst[11 * 7 * 8 * 3 + 64];
    memset(dst, 0xee, sizeof dst);
    glGetTexImage(GL_TEXTURE_2D, 0, GL_RGBA, GL_UNSIGNED_SHORT, dst);
    pt_bytes("2D read with the pack state", dst, sizeof dst);
    /* 3D: image height and skipped images. Without byte swapping: Mesa 22 swaps 3D images
     * from the wrong place when both are set (its output then differs from run to run). */
    glPixelStorei(GL_UNPACK_SWAP_BYTES, 0);
    glPixelStorei(GL_PACK_SWAP_BYTES, 0);
    glBindTexture(GL_TEXTURE_3D, tex[1]);
    glTexImage3D(GL_TEXTURE_3D, 0, GL_RGBA8, 6, 5, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, src);
    memset(dst, 0xee, sizeof dst);
    glGetTexImage(GL_TEXTURE_3D, 0, GL_RGBA, GL_UNSIGNED_BYTE, dst);
    pt_bytes("3D read with the pack state", dst, sizeof dst);
    /* A bitmap upload uses LSB first. */
    GLubyte bits[64];
    pt_pattern(bits, sizeof bits, 1401);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glPixelStorei(GL_UNPACK_SKIP_ROWS, 0);
    glPixelStorei(GL_UNPACK_SKIP_PIXELS, 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glRasterPos2f(-0.5f, -0.5f);
    glBitmap(16, 16, 0, 0, 0, 0, bits);
    glPixelStorei(GL_PACK_ROW_LENGTH, 0);
    glPixelStorei(GL_PACK_SKIP_ROWS, 0);
    glPixelStorei(GL_PACK_SKIP_PIXELS, 0);
    glPixelStorei(GL_PACK_SWAP_BYTES, 0);
    pt_frame("bitmap drawn LSB first");
    return pt_done();
}
