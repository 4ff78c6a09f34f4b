/* Fresh driver names that collide with live virtual names, as happens after a driver
 * reload: the app created textures 1..50 and deleted 1..25; after the reload the driver
 * gives the 25 survivors real names 1..25, so the names it hands out next (26, 27, ...) are
 * all taken as virtual names. Each collision must cost one table slot, not double the table:
 * doubling per collision costs gigabytes after ~20 collisions and overflows the 32-bit
 * capacity (an endless loop in ensure_virtual) at the 26th. */
#include <stdint.h>

#include "check.h"
#include "fake_context.h"
#include "state/names.h"

static void test_collisions_keep_table_small(void)
{
    fake_context_make_current();
    struct glcr_name_table *t = &fake_share.names[GLCR_OBJ_TEXTURE];
    GLuint names[50];
    for (GLuint i = 0; i < 50; i++)
        names[i] = i + 1;
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 50, names);
    glcr_names_forget(GLCR_OBJ_TEXTURE, 25, names);
    glcr_names_clear_real(t);
    for (GLuint v = 26; v <= 50; v++)
        glcr_names_rebind(t, v, v - 25);
    CHECK(t->live_count == 25);

    GLuint got[12];
    for (int i = 0; i < 12; i++) { /* 12 new textures, one glGenTextures each */
        GLuint real = 26 + (GLuint)i;
        got[i] = real;
        glcr_names_adopt(GLCR_OBJ_TEXTURE, 1, &got[i]);
        CHECK(got[i] < 26 || got[i] > 50); /* not one of the survivors */
        CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, got[i]) == real);
        CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, real) == got[i]);
        for (int j = 0; j < i; j++)
            CHECK(got[j] != got[i]);
    }
    CHECK(t->live_count == 37);
    /* 37 live objects whose names are all below 64 fit the initial 64-entry table;
     * allow generous slack, but not one doubling per collision (64 << 12 = 262144). */
    uint32_t cap = glcr_names_capacity(t);
    CHECK_MSG(cap <= 1024, "capacity %u after 12 name collisions", cap);
}

int main(void)
{
    RUN(test_collisions_keep_table_small);
    DONE();
}
