/* Incomplete framebuffers stay incomplete, each for the same reason, and become complete
 * as before when the app fixes them after the checkpoint. */
#include "fbo_common.h"

#define S 16

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    GLuint tex[4], rb, fbo[5];
    glGenTextures(4, tex);
    glBindTexture(GL_TEXTURE_2D, tex[0]); /* no image: an incomplete attachment */
    glBindTexture(GL_TEXTURE_2D, tex[1]);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT24, S, S, 0, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, NULL);
    glBindTexture(GL_TEXTURE_2D, tex[2]);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, S, S, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindTexture(GL_TEXTURE_2D_ARRAY, tex[3]);
    glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_RGBA8, S, S, 2, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
    glBindTexture(GL_TEXTURE_2D_ARRAY, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
    glGenRenderbuffers(1, &rb);
    glBindRenderbuffer(GL_RENDERBUFFER, rb); /* an object, but no storage */
    glBindRenderbuffer(GL_RENDERBUFFER, 0);
    glGenFramebuffers(5, fbo);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]); /* nothing attached */
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex[0], 0);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[2]);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex[1], 0);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[3]);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, rb);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[4]);
    glFramebufferTexture(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, tex[3], 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_2D, tex[2], 0);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[1]);

    pt_checkpoint();

    const char *what[5] = {"nothing attached", "texture without image", "depth texture as color",
                           "renderbuffer without storage", "layered and not layered"};
    GLint bound = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound);
    pt_int("bound is the second", bound == (GLint)fbo[1]);
    for (int i = 0; i < 5; i++) {
        glBindFramebuffer(GL_FRAMEBUFFER, fbo[i]);
        pt_int(what[i], glCheckFramebufferStatus(GL_FRAMEBUFFER));
        pt_int("is framebuffer", glIsFramebuffer(fbo[i]));
    }
    pt_int("renderbuffer without storage is a renderbuffer", glIsRenderbuffer(rb));

    glBindFramebuffer(GL_FRAMEBUFFER, fbo[0]);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex[2], 0);
    fbo_status("nothing attached, then a texture", GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[3]);
    glBindRenderbuffer(GL_RENDERBUFFER, rb);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, S, S);
    fbo_status("renderbuffer given storage", GL_FRAMEBUFFER);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo[4]);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_2D, 0, 0);
    fbo_status("layered alone", GL_FRAMEBUFFER);
    return pt_done();
}
