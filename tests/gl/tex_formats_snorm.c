/* Signed normalized formats, 8- and 16-bit, one to four components: contents exact in their
 * own layout (-128 and -127 both mean -1.0, and both must come back as they were) and as
 * sampled. */
#include "preserve_draw.h"

static const struct pt_format formats[] = {
    {"R8_SNORM", GL_R8_SNORM, GL_RED, GL_BYTE, GL_RED, GL_BYTE, 'f', 0.5f, 0.5f},
    {"RG8_SNORM", GL_RG8_SNORM, GL_RG, GL_BYTE, GL_RG, GL_BYTE, 'f', 0.5f, 0.5f},
    {"RGB8_SNORM", GL_RGB8_SNORM, GL_RGB, GL_BYTE, GL_RGB, GL_BYTE, 'f', 0.5f, 0.5f},
    {"RGBA8_SNORM", GL_RGBA8_SNORM, GL_RGBA, GL_BYTE, GL_RGBA, GL_BYTE, 'f', 0.5f, 0.5f},
    {"R16_SNORM", GL_R16_SNORM, GL_RED, GL_SHORT, GL_RED, GL_SHORT, 'f', 0.5f, 0.5f},
    {"RG16_SNORM", GL_RG16_SNORM, GL_RG, GL_SHORT, GL_RG, GL_SHORT, 'f', 0.5f, 0.5f},
    {"RGBA16_SNORM", GL_RGBA16_SNORM, GL_RGBA, GL_SHORT, GL_RGBA, GL_SHORT, 'f', 0.5f, 0.5f},
    {"RGBA8_SNORM as floats", GL_RGBA8_SNORM, GL_RGBA, GL_BYTE, GL_RGBA, GL_FLOAT, 'f', 0.5f, 0.5f},
};
#define N (int)(sizeof formats / sizeof *formats)

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[N];
    pt_formats_setup(formats, N, tex);
    /* Both encodings of -1.0 in one texel row. */
    const signed char minus_one[] = {-128, -127, -128, -127};
    glBindTexture(GL_TEXTURE_2D, tex[3]);
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, 1, 1, GL_RGBA, GL_BYTE, minus_one);
    pt_checkpoint();
    pt_formats_check(formats, N, tex);
    return pt_done();
}
