/* Sync objects: fences made before the checkpoint (one deleted) are still sync objects
 * afterwards, signaled, waitable without waiting; fences made after it work and get handles of
 * their own. */
#include "preserve.h"

static const char *wait_result(GLenum r)
{
    switch (r) {
    case GL_ALREADY_SIGNALED: return "already signaled";
    case GL_CONDITION_SATISFIED: return "condition satisfied";
    case GL_TIMEOUT_EXPIRED: return "timeout expired";
    case GL_WAIT_FAILED: return "wait failed";
    default: return "?";
    }
}

static void print_sync(const char *what, GLsync s)
{
    static const GLenum pnames[] = {GL_OBJECT_TYPE, GL_SYNC_CONDITION, GL_SYNC_FLAGS, GL_SYNC_STATUS};
    printf("%s: is sync %d", what, glIsSync(s));
    for (size_t i = 0; i < sizeof pnames / sizeof *pnames; i++) {
        GLint v = -1;
        GLsizei len = -1;
        glGetSynciv(s, pnames[i], 1, &len, &v);
        printf(" 0x%x/%d", v, len);
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_CORE);
    glClearColor(0.2f, 0.4f, 0.6f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    GLsync a = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glClear(GL_COLOR_BUFFER_BIT);
    GLsync b = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    GLsync c = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    glDeleteSync(c);
    glFlush();
    pt_int("fences are distinct", a != b && a && b);

    pt_checkpoint();

    print_sync("fence a", a);
    print_sync("fence b", b);
    pt_int("deleted fence c is sync", glIsSync(c));
    printf("client wait a: %s\n", wait_result(glClientWaitSync(a, 0, 0)));
    printf("client wait b, flush: %s\n", wait_result(glClientWaitSync(b, GL_SYNC_FLUSH_COMMANDS_BIT, 0)));
    glWaitSync(b, 0, GL_TIMEOUT_IGNORED);
    pt_check_error("glWaitSync on a fence from before the checkpoint");

    glClear(GL_COLOR_BUFFER_BIT);
    GLsync d = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    pt_int("new fence differs from the old ones", d && d != a && d != b);
    GLenum r = glClientWaitSync(d, GL_SYNC_FLUSH_COMMANDS_BIT, 5000000000ull);
    pt_int("new fence signals", r == GL_ALREADY_SIGNALED || r == GL_CONDITION_SATISFIED);
    print_sync("fence d after waiting", d);
    glDeleteSync(a);
    pt_int("deleted fence a is sync", glIsSync(a));
    print_sync("fence b still", b);
    glDeleteSync(b);
    glDeleteSync(d);
    pt_frame("cleared");
    return pt_done();
}
