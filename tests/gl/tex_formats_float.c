/* Floating-point formats: 16- and 32-bit, one to four components, and the packed
 * R11F_G11F_B10F and RGB9_E5 (bit for bit in their packed layouts, and as floats). */
#include "preserve_draw.h"

static const struct pt_format formats[] = {
    {"R16F", GL_R16F, GL_RED, GL_HALF_FLOAT, GL_RED, GL_HALF_FLOAT, 'f', 0.4f, 0.5f},
    {"RG16F", GL_RG16F, GL_RG, GL_HALF_FLOAT, GL_RG, GL_HALF_FLOAT, 'f', 0.4f, 0.5f},
    {"RGB16F", GL_RGB16F, GL_RGB, GL_HALF_FLOAT, GL_RGB, GL_HALF_FLOAT, 'f', 0.4f, 0.5f},
    {"RGBA16F", GL_RGBA16F, GL_RGBA, GL_HALF_FLOAT, GL_RGBA, GL_HALF_FLOAT, 'f', 0.4f, 0.5f},
    {"RGBA16F from floats", GL_RGBA16F, GL_RGBA, GL_FLOAT, GL_RGBA, GL_FLOAT, 'f', 0.4f, 0.5f},
    {"R32F", GL_R32F, GL_RED, GL_FLOAT, GL_RED, GL_FLOAT, 'f', 0.4f, 0.5f},
    {"RG32F", GL_RG32F, GL_RG, GL_FLOAT, GL_RG, GL_FLOAT, 'f', 0.4f, 0.5f},
    {"RGB32F", GL_RGB32F, GL_RGB, GL_FLOAT, GL_RGB, GL_FLOAT, 'f', 0.4f, 0.5f},
    {"RGBA32F", GL_RGBA32F, GL_RGBA, GL_FLOAT, GL_RGBA, GL_FLOAT, 'f', 0.4f, 0.5f},
    {"R11F_G11F_B10F", GL_R11F_G11F_B10F, GL_RGB, GL_FLOAT, GL_RGB, GL_UNSIGNED_INT_10F_11F_11F_REV, 'f', 0.4f, 0.1f},
    {"R11F_G11F_B10F as floats", GL_R11F_G11F_B10F, GL_RGB, GL_FLOAT, GL_RGB, GL_FLOAT, 'f', 0.4f, 0.1f},
    {"RGB9_E5", GL_RGB9_E5, GL_RGB, GL_FLOAT, GL_RGB, GL_UNSIGNED_INT_5_9_9_9_REV, 'f', 0.4f, 0.1f},
    {"RGB9_E5 raw", GL_RGB9_E5, GL_RGB, GL_UNSIGNED_INT_5_9_9_9_REV, GL_RGB, GL_UNSIGNED_INT_5_9_9_9_REV, 'f', 0.01f, 0.0f},
    {"LUMINANCE_ALPHA16F", GL_LUMINANCE_ALPHA16F_ARB, GL_LUMINANCE_ALPHA, GL_FLOAT, GL_LUMINANCE_ALPHA, GL_FLOAT, 'f', 0.4f, 0.5f},
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
