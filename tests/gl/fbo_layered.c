/* Layers: one FBO has layer 2 of a 2D array texture, slice 1 of a 3D texture and the +Y
 * face of a cube map attached, another the whole array as a layered attachment (a clear
 * reaches every layer). */
#include "fbo_common.h"

#define S 16
#define LAYERS 4

static void hash_texture(const char *what, GLenum target, GLuint tex)
{
    static unsigned char pixels[S * S * LAYERS * 4];
    glBindTexture(target, tex);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glGetTexImage(target, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(target, 0);
    pt_check_error(what);
    pt_bytes(what, pixels, sizeof pixels);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    static unsigned char init[S * S * LAYERS * 4];
    for (size_t i = 0; i < sizeof init; i++)
        init[i] = (unsigned char)(i * 7 + i / 1024);
    GLuint tex[3], fbo[2];
    glGenTextures(3, tex);
    glBindTexture(GL_TEXTURE_2D_ARRAY, tex[0]);
    glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_RGBA8, S, S, LAYERS, 0, GL_RGBA, GL_UNSIGNED_BYTE, init);
    glBindTexture(GL_TEXTURE_3D, tex[1]);
    glTexImage3D(GL_TEXTURE_3D, 0, GL_RGBA8, S, S, LAYERS, 0, GL_RGBA, GL_UNSIGNED_BYTE, init);
    glBindTexture(GL_TEXTURE_3D, 0);
    glBindTexture(GL_TEXTURE_CUBE_MAP, tex[2]);
    for (int face = 0; face < 6; face++)
        glTexImage2D(GL_TEXTURE_CUBE_MAP_POSITIVE_X + (GLenum)face, 0, GL_RGBA8, S, S, 0, GL_RGBA,
                     GL_UNSIGNED_BYTE, init + face * S * S * 4 / 2);
    glBindTexture(GL_TEXTURE_CUBE_MAP, 0);
    glGenFramebuffers(2, fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    glFramebufferTexture(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex[0], 0);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glFramebufferTextureLayer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex[0], 0, 2);
    glFramebufferTexture3D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_3D, tex[1], 0, 1);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT2, GL_TEXTURE_CUBE_MAP_POSITIVE_Y, tex[2], 0);
    const GLenum bufs[] = {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1, GL_COLOR_ATTACHMENT2};
    glDrawBuffers(3, bufs);
    glViewport(0, 0, S, S);
    fbo_tilted_triangle(0.0f, 1.0f, 0.0f);

    pt_checkpoint();

    fbo_status("layer fbo status", GL_FRAMEBUFFER);
    fbo_attachment("array layer 2", GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0);
    fbo_attachment("3D slice 1", GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1);
    fbo_attachment("cube map +Y", GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT2);
    hash_texture("array after checkpoint", GL_TEXTURE_2D_ARRAY, tex[0]);
    hash_texture("3D after checkpoint", GL_TEXTURE_3D, tex[1]);
    fbo_quad(0.0f, 0.0f, 0.0f, 1.0f);
    hash_texture("array after drawing into layer 2", GL_TEXTURE_2D_ARRAY, tex[0]);
    hash_texture("3D after drawing into slice 1", GL_TEXTURE_3D, tex[1]);
    glReadBuffer(GL_COLOR_ATTACHMENT2);
    fbo_hash("cube map +Y after drawing", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);

    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    fbo_status("layered fbo status", GL_FRAMEBUFFER);
    fbo_attachment("layered array", GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0);
    glClearColor(0.5f, 0.25f, 0.125f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    hash_texture("array after clearing every layer", GL_TEXTURE_2D_ARRAY, tex[0]);
    return pt_done();
}
