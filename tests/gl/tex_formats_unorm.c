/* Unsigned normalized color formats, sized and legacy: 8-bit and 16-bit components, packed
 * layouts (565, 4444, 5551, 10-10-10-2), sRGB, and the compatibility profile's alpha,
 * luminance and intensity formats; contents exact in their own layout and when drawn. */
#include "preserve_draw.h"

static const struct pt_format formats[] = {
    {"R8", GL_R8, GL_RED, GL_UNSIGNED_BYTE, GL_RED, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"RG8", GL_RG8, GL_RG, GL_UNSIGNED_BYTE, GL_RG, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"RGB8", GL_RGB8, GL_RGB, GL_UNSIGNED_BYTE, GL_RGB, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"RGBA8", GL_RGBA8, GL_RGBA, GL_UNSIGNED_BYTE, GL_RGBA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"RGBA (unsized)", GL_RGBA, GL_RGBA, GL_UNSIGNED_BYTE, GL_RGBA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"RGB565", GL_RGB565, GL_RGB, GL_UNSIGNED_SHORT_5_6_5, GL_RGB, GL_UNSIGNED_SHORT_5_6_5, 'f', 1, 0},
    {"RGB565 from bytes", GL_RGB565, GL_RGBA, GL_UNSIGNED_BYTE, GL_RGBA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"RGBA4", GL_RGBA4, GL_RGBA, GL_UNSIGNED_SHORT_4_4_4_4, GL_RGBA, GL_UNSIGNED_SHORT_4_4_4_4, 'f', 1, 0},
    {"RGB5_A1", GL_RGB5_A1, GL_RGBA, GL_UNSIGNED_SHORT_5_5_5_1, GL_RGBA, GL_UNSIGNED_SHORT_5_5_5_1, 'f', 1, 0},
    {"RGB10_A2", GL_RGB10_A2, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, GL_RGBA, GL_UNSIGNED_INT_2_10_10_10_REV, 'f', 1, 0},
    {"R3_G3_B2", GL_R3_G3_B2, GL_RGB, GL_UNSIGNED_BYTE, GL_RGB, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"R16", GL_R16, GL_RED, GL_UNSIGNED_SHORT, GL_RED, GL_UNSIGNED_SHORT, 'f', 1, 0},
    {"RG16", GL_RG16, GL_RG, GL_UNSIGNED_SHORT, GL_RG, GL_UNSIGNED_SHORT, 'f', 1, 0},
    {"RGB16", GL_RGB16, GL_RGB, GL_UNSIGNED_SHORT, GL_RGB, GL_UNSIGNED_SHORT, 'f', 1, 0},
    {"RGBA16", GL_RGBA16, GL_RGBA, GL_UNSIGNED_SHORT, GL_RGBA, GL_UNSIGNED_SHORT, 'f', 1, 0},
    {"SRGB8", GL_SRGB8, GL_RGB, GL_UNSIGNED_BYTE, GL_RGB, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"SRGB8_ALPHA8", GL_SRGB8_ALPHA8, GL_RGBA, GL_UNSIGNED_BYTE, GL_RGBA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"ALPHA8", GL_ALPHA8, GL_ALPHA, GL_UNSIGNED_BYTE, GL_ALPHA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"LUMINANCE8", GL_LUMINANCE8, GL_LUMINANCE, GL_UNSIGNED_BYTE, GL_LUMINANCE, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"LUMINANCE8_ALPHA8", GL_LUMINANCE8_ALPHA8, GL_LUMINANCE_ALPHA, GL_UNSIGNED_BYTE, GL_LUMINANCE_ALPHA,
     GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"INTENSITY8", GL_INTENSITY8, GL_RED, GL_UNSIGNED_BYTE, GL_RGBA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"LUMINANCE16", GL_LUMINANCE16, GL_LUMINANCE, GL_UNSIGNED_SHORT, GL_LUMINANCE, GL_UNSIGNED_SHORT, 'f', 1, 0},
    {"ALPHA4", GL_ALPHA4, GL_ALPHA, GL_UNSIGNED_BYTE, GL_ALPHA, GL_UNSIGNED_BYTE, 'f', 1, 0},
    {"LUMINANCE (unsized)", GL_LUMINANCE, GL_LUMINANCE, GL_UNSIGNED_BYTE, GL_RGBA, GL_UNSIGNED_BYTE, 'f', 1, 0},
};
#define N (int)(sizeof formats / sizeof *formats)

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[N];
    pt_formats_setup(formats, N, tex);
    pt_checkpoint();
    pt_formats_check(formats, N, tex);
    return pt_done();
}
