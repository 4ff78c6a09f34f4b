/* Depth and stencil textures: DEPTH_COMPONENT16/24/32/32F, DEPTH24_STENCIL8,
 * DEPTH32F_STENCIL8 and STENCIL_INDEX8; depth and stencil values exact (read back in their
 * own formats), and drawn by sampling depth and stencil. */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    enum { W = 16, H = 8 };
    static const struct { const char *name; GLenum internal, format, type; } f[] = {
        {"DEPTH_COMPONENT16", GL_DEPTH_COMPONENT16, GL_DEPTH_COMPONENT, GL_UNSIGNED_SHORT},
        {"DEPTH_COMPONENT24", GL_DEPTH_COMPONENT24, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT},
        {"DEPTH_COMPONENT32", GL_DEPTH_COMPONENT32, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT},
        {"DEPTH_COMPONENT32F", GL_DEPTH_COMPONENT32F, GL_DEPTH_COMPONENT, GL_FLOAT},
        {"DEPTH_COMPONENT", GL_DEPTH_COMPONENT, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT},
        {"DEPTH24_STENCIL8", GL_DEPTH24_STENCIL8, GL_DEPTH_STENCIL, GL_UNSIGNED_INT_24_8},
        {"DEPTH32F_STENCIL8", GL_DEPTH32F_STENCIL8, GL_DEPTH_STENCIL, GL_FLOAT_32_UNSIGNED_INT_24_8_REV},
        {"STENCIL_INDEX8", GL_STENCIL_INDEX8, GL_STENCIL_INDEX, GL_UNSIGNED_BYTE},
    };
    enum { N = sizeof f / sizeof *f };
    GLuint tex[N];
    glGenTextures(N, tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    for (int i = 0; i < N; i++) {
        size_t n = (size_t)W * H * pt_pixel_size(f[i].format, f[i].type);
        unsigned char *data = malloc(n);
        pt_pattern(data, n, 1000 + (unsigned)i);
        if (f[i].type == GL_FLOAT || f[i].type == GL_FLOAT_32_UNSIGNED_INT_24_8_REV) {
            int stride = f[i].type == GL_FLOAT ? 4 : 8;
            for (int t = 0; t < W * H; t++) {
                float d = (float)data[t * stride] / 255.0f;
                memcpy(data + t * stride, &d, 4);
            }
        }
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        glTexImage2D(GL_TEXTURE_2D, 0, (GLint)f[i].internal, W, H, 0, f[i].format, f[i].type, data);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        free(data);
        pt_check_error(f[i].name);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    /* Stencil sampling of a packed depth/stencil texture. */
    glBindTexture(GL_TEXTURE_2D, tex[6]);
    glTexParameteri(GL_TEXTURE_2D, GL_DEPTH_STENCIL_TEXTURE_MODE, GL_STENCIL_INDEX);

    pt_checkpoint();

    for (int i = 0; i < N; i++) {
        glBindTexture(GL_TEXTURE_2D, tex[i]);
        pt_tex_image(f[i].name, GL_TEXTURE_2D, 0, f[i].format, f[i].type);
        if (f[i].format != GL_STENCIL_INDEX) {
            char what[128];
            snprintf(what, sizeof what, "%s as float", f[i].name);
            pt_tex_image(what, GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT, GL_FLOAT);
        }
        char what[128];
        snprintf(what, sizeof what, "%s draw", f[i].name);
        int stencil = f[i].format == GL_STENCIL_INDEX || i == 6;
        pt_draw_texture(what, GL_TEXTURE_2D, stencil ? 'u' : 'f', stencil ? 1.0f / 255.0f : 1.0f, 0.0f);
    }
    return pt_done();
}
