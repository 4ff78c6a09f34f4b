/* Buffer textures: one over a whole buffer (glTexBuffer), one over a range of another
 * (glTexBufferRange), the GL_TEXTURE_BUFFER buffer binding, and the buffer a texture uses
 * changed after the checkpoint (the texture must see the new contents). */
#include "preserve_draw.h"

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint buf[2], tex[2];
    glGenBuffers(2, buf);
    glGenTextures(2, tex);
    static unsigned char data[4096];
    pt_pattern(data, sizeof data, 1200);
    float floats[64];
    for (int i = 0; i < 64; i++)
        floats[i] = (float)i / 32.0f - 0.5f;
    glBindBuffer(GL_TEXTURE_BUFFER, buf[0]);
    glBufferData(GL_TEXTURE_BUFFER, sizeof floats, floats, GL_STATIC_DRAW);
    glBindBuffer(GL_TEXTURE_BUFFER, buf[1]);
    glBufferData(GL_TEXTURE_BUFFER, sizeof data, data, GL_DYNAMIC_DRAW);
    glBindTexture(GL_TEXTURE_BUFFER, tex[0]);
    glTexBuffer(GL_TEXTURE_BUFFER, GL_R32F, buf[0]);
    glBindTexture(GL_TEXTURE_BUFFER, tex[1]);
    glTexBufferRange(GL_TEXTURE_BUFFER, GL_RGBA8, buf[1], 256, 1024);

    pt_checkpoint();

    GLint v = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_BUFFER, &v);
    pt_int("texture binding is the range texture", v == (GLint)tex[1]);
    glGetIntegerv(GL_TEXTURE_BUFFER_BINDING, &v);
    pt_int("buffer binding is the second buffer", v == (GLint)buf[1]);
    const char *names[] = {"whole R32F", "range RGBA8"};
    for (int t = 0; t < 2; t++) {
        glBindTexture(GL_TEXTURE_BUFFER, tex[t]);
        GLint store = 0, format = 0, offset = -1, size = -1;
        glGetTexLevelParameteriv(GL_TEXTURE_BUFFER, 0, GL_TEXTURE_BUFFER_DATA_STORE_BINDING, &store);
        glGetTexLevelParameteriv(GL_TEXTURE_BUFFER, 0, GL_TEXTURE_INTERNAL_FORMAT, &format);
        glGetTexLevelParameteriv(GL_TEXTURE_BUFFER, 0, GL_TEXTURE_BUFFER_OFFSET, &offset);
        glGetTexLevelParameteriv(GL_TEXTURE_BUFFER, 0, GL_TEXTURE_BUFFER_SIZE, &size);
        printf("%s: buffer is the app's %d, format 0x%x, offset %d, size %d\n", names[t],
               store == (GLint)buf[t], format, offset, size);
        pt_draw_texture(names[t], GL_TEXTURE_BUFFER, 'f', 1.0f, 0.5f);
    }
    /* The textures read the buffers, not a copy. */
    glBindBuffer(GL_TEXTURE_BUFFER, buf[1]);
    glBufferSubData(GL_TEXTURE_BUFFER, 512, 64, data);
    pt_draw_texture("range RGBA8 after a buffer update", GL_TEXTURE_BUFFER, 'f', 1.0f, 0.0f);
    return pt_done();
}
