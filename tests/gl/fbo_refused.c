/* Not a preserve test: state glcr cannot save yet must make a checkpoint fail, naming the
 * object, and the app must go on undisturbed. run_refused.py drives it.
 *   (no argument)  a renderbuffer of a format glcr does not read back (GL_RGB16), next to
 *                  multisample ones it does; buffers mapped at the refused checkpoint must stay
 *                  mapped and working;
 *   orphan         a texture deleted while attached to an FBO that is not bound (GL keeps
 *                  it alive there, but glcr has lost its name). */
#include "fbo_common.h"
#include "map_common.h"

#define S 16

static int orphan(void)
{
    GLuint tex, fbo;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, S, S, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenFramebuffers(1, &fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex, 0);
    glViewport(0, 0, S, S);
    glClearColor(0.5f, 0.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteTextures(1, &tex);
    pt_int("framebuffer with a deleted texture", fbo);
    fflush(stdout);

    pt_checkpoint();

    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    fbo_status("status", GL_FRAMEBUFFER);
    fbo_hash("contents of the deleted texture", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}

#define MAPPED_BYTES 256

static GLuint mapped[2];
static unsigned char *mapped_view[2];

/* A write-only map and a persistent coherent one, open at the checkpoint. */
static void map_buffers(void)
{
    GLbitfield persistent = GL_MAP_WRITE_BIT | GL_MAP_PERSISTENT_BIT | GL_MAP_COHERENT_BIT;
    glGenBuffers(2, mapped);
    glBindBuffer(GL_COPY_WRITE_BUFFER, mapped[0]);
    glBufferData(GL_COPY_WRITE_BUFFER, MAPPED_BYTES, NULL, GL_DYNAMIC_DRAW);
    mapped_view[0] = glMapBuffer(GL_COPY_WRITE_BUFFER, GL_WRITE_ONLY);
    glBindBuffer(GL_COPY_WRITE_BUFFER, mapped[1]);
    glBufferStorage(GL_COPY_WRITE_BUFFER, MAPPED_BYTES, NULL, persistent);
    mapped_view[1] = glMapBufferRange(GL_COPY_WRITE_BUFFER, 0, MAPPED_BYTES, persistent);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    if (!mapped_view[0] || !mapped_view[1])
        pt_fail("mapping failed: 0x%x", glGetError());
}

static void write_mapped(void)
{
    unsigned char data[MAPPED_BYTES];
    for (int i = 0; i < MAPPED_BYTES; i++)
        data[i] = (unsigned char)(i * 3 + 1);
    memcpy(mapped_view[0], data, MAPPED_BYTES);
    memcpy(mapped_view[1], data, MAPPED_BYTES);
    glFinish();
    map_buffer_check("persistent mapping written after the checkpoint", mapped[1], 0, MAPPED_BYTES, data);
    glBindBuffer(GL_COPY_WRITE_BUFFER, mapped[0]);
    glUnmapBuffer(GL_COPY_WRITE_BUFFER);
    glBindBuffer(GL_COPY_WRITE_BUFFER, 0);
    map_buffer_check("write-only mapping written after the checkpoint", mapped[0], 0, MAPPED_BYTES, data);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    if (argc > 1 && strcmp(argv[1], "orphan") == 0)
        return orphan();
    GLuint rb[4], fbo[2];
    glGenRenderbuffers(4, rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[0]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[1]);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGB16, S, S);
    glBindRenderbuffer(GL_RENDERBUFFER, rb[3]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
    /* A deleted multisample renderbuffer is no obstacle. */
    glBindRenderbuffer(GL_RENDERBUFFER, rb[2]);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, 4, GL_RGBA8, S, S);
    glDeleteRenderbuffers(1, &rb[2]);
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(2, fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[3]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb[0]);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glViewport(0, 0, S, S);
    glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    fbo_tilted_triangle(1.0f, 1.0f, 0.0f);
    map_buffers();
    pt_int("renderbuffer of a format glcr cannot save", rb[1]);
    fflush(stdout);

    pt_checkpoint();

    write_mapped();

    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[0]);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo[1]);
    glBlitFramebuffer(0, 0, S, S, 0, 0, S, S, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo[1]);
    fbo_hash("resolved", GL_RGBA, GL_UNSIGNED_BYTE, S, S, 4);
    return pt_done();
}
