/* A command whose pointer length is unknown cannot be recorded: the process is marked
 * unrestorable instead of recording garbage. Separate program: taint is sticky. */
#include <string.h>

#include "check.h"
#include "fake_context.h"
#include "fake_driver.h"
#include "intercept/dispatch.h"
#include "state/calls.h"
#include "state/lists.h"

static void test_unknown_pname_taints(void)
{
    fake_context_make_current();
    fake_driver_install();
    CHECK(glcr_tainted_by() == NULL);
    static const GLfloat v[4] = {1, 2, 3, 4};
    hook_glNewList(6, GL_COMPILE);
    glcr_api.Normal3f(1.0f, 0.0f, 0.0f);
    glcr_api.Materialfv(GL_FRONT, 0x1234, v);
    CHECK(glcr_tainted_by() != NULL);
    CHECK(strstr(glcr_tainted_by(), "glMaterialfv") != NULL);
    glcr_api.Normal3f(0.0f, 1.0f, 0.0f);
    hook_glEndList();
    /* The driver still saw the bad call (it reports the GL error). */
    CHECK(fake_call_count == 6); /* glGenLists for the made-up name 6, then the five calls */
    CHECK(fake_calls[3].cmd == GLCR_CMD_glMaterialfv && fake_calls[3].e[1] == 0x1234);
    /* The half-written record was dropped; the calls around it are intact. */
    CHECK(fake_share.lists.count == 1 && fake_share.lists.items[0].name == 6);
    const struct glcr_bytes *b = &fake_share.lists.items[0].calls;
    CHECK(b->len == 2 * 32);
    struct glcr_call_reader r;
    CHECK(glcr_call_open(&r, b->data) == GLCR_CMD_glNormal3f && r.size == 32);
    CHECK(glcr_call_open(&r, b->data + 32) == GLCR_CMD_glNormal3f && r.size == 32);
    GLfloat y;
    r.offset += 8;
    glcr_call_get_scalar(&r, &y, sizeof y);
    CHECK(y == 1.0f);
}

static void test_unknown_list_type_taints(void)
{
    /* Still tainted (sticky), and an unknown glCallLists type is dropped the same way. */
    fake_context_make_current();
    fake_driver_install();
    static const GLubyte names[2] = {1, 2};
    hook_glNewList(7, GL_COMPILE);
    glcr_api.CallLists(2, 0x1234, names);
    hook_glEndList();
    CHECK(glcr_tainted_by() != NULL);
    CHECK(fake_share.lists.count == 1 && fake_share.lists.items[0].calls.len == 0);
}

int main(void)
{
    RUN(test_unknown_pname_taints);
    RUN(test_unknown_list_type_taints);
    DONE();
}
