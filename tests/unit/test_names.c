/* Virtual object names (state/names.c) in a fake share group. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "fake_context.h"
#include "state/names.h"

static struct glcr_name_table *textures(void)
{
    return &fake_share.names[GLCR_OBJ_TEXTURE];
}

static void test_adopt_fresh_names_stay(void)
{
    fake_context_make_current();
    GLuint names[3] = {1, 2, 3};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 3, names);
    CHECK(names[0] == 1 && names[1] == 2 && names[2] == 3);
    CHECK(textures()->live_count == 3);
    for (GLuint v = 1; v <= 3; v++) {
        CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, v) == v);
        CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, v) == v);
        struct glcr_object *o = glcr_object_get(GLCR_OBJ_TEXTURE, v);
        CHECK(o && o->live && o->real == v && o->target == 0);
    }
    /* 0 is never adopted. */
    GLuint zero = 0;
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 1, &zero);
    CHECK(zero == 0);
    CHECK(textures()->live_count == 3);
    CHECK(glcr_object_get(GLCR_OBJ_TEXTURE, 0) == NULL);
    /* Tables are per object type: buffer 1 is free although texture 1 is taken. */
    GLuint buf = 1;
    glcr_names_adopt(GLCR_OBJ_BUFFER, 1, &buf);
    CHECK(buf == 1);
    CHECK(glcr_name_real(GLCR_OBJ_BUFFER, 1) == 1);
    CHECK(glcr_name_real(GLCR_OBJ_BUFFER, 2) == GLCR_NAME_INVALID);
    CHECK(fake_share.names[GLCR_OBJ_BUFFER].live_count == 1);
}

static void test_adopt_taken_name_picks_another(void)
{
    fake_context_make_current();
    GLuint names[3] = {1, 2, 3};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 3, names);
    /* A driver reload gave the objects other real names; the driver now hands out 2 again. */
    glcr_names_clear_real(textures());
    glcr_names_rebind(textures(), 1, 11);
    glcr_names_rebind(textures(), 2, 12);
    glcr_names_rebind(textures(), 3, 13);
    GLuint fresh[2] = {2, 4};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 2, fresh);
    for (int i = 0; i < 2; i++) {
        CHECK(fresh[i] != 0 && fresh[i] != GLCR_NAME_INVALID);
        CHECK(fresh[i] != 1 && fresh[i] != 2 && fresh[i] != 3); /* not a live name */
    }
    CHECK(fresh[0] != fresh[1]);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, fresh[0]) == 2);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 2) == fresh[0]);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, fresh[1]) == 4);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 4) == fresh[1]);
    /* The object that owned virtual 2 is untouched. */
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 2) == 12);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 12) == 2);
    CHECK(textures()->live_count == 5);
}

static void test_round_trip(void)
{
    fake_context_make_current();
    GLuint names[5] = {5, 9, 17, 33, 40};
    glcr_names_adopt(GLCR_OBJ_BUFFER, 5, names);
    for (int i = 0; i < 5; i++) {
        GLuint real = glcr_name_real(GLCR_OBJ_BUFFER, names[i]);
        CHECK(real != GLCR_NAME_INVALID);
        CHECK(glcr_name_virtual(GLCR_OBJ_BUFFER, real) == names[i]);
    }
    /* In-place conversion of query results, 0 kept. */
    GLuint q[3] = {9, 0, 40};
    glcr_names_virtual(GLCR_OBJ_BUFFER, 3, q);
    CHECK(q[0] == 9 && q[1] == 0 && q[2] == 40);
    /* A virtual name the app never created has no real name. */
    CHECK(glcr_name_real(GLCR_OBJ_BUFFER, 6) == GLCR_NAME_INVALID);
    CHECK(glcr_name_real(GLCR_OBJ_BUFFER, 1u << 30) == GLCR_NAME_INVALID);
}

static void test_forget(void)
{
    fake_context_make_current();
    GLuint names[3] = {1, 2, 3};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 3, names);
    const GLuint del[3] = {2, 0, 77}; /* 0 and an unknown name are ignored */
    glcr_names_forget(GLCR_OBJ_TEXTURE, 3, del);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 2) == GLCR_NAME_INVALID);
    CHECK(glcr_object_get(GLCR_OBJ_TEXTURE, 2) == NULL);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 0) == 0);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 0) == 0);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 1) == 1);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 3) == 3);
    CHECK(textures()->live_count == 2);
    /* Forgetting twice changes nothing. */
    glcr_names_forget(GLCR_OBJ_TEXTURE, 1, del);
    CHECK(textures()->live_count == 2);
    /* The freed name can be adopted again. */
    GLuint again = 2;
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 1, &again);
    CHECK(again == 2);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 2) == 2);
    CHECK(textures()->live_count == 3);
}

static void test_names_real_buffers(void)
{
    fake_context_make_current();
    GLuint names[3] = {1, 2, 3};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 3, names);
    glcr_names_clear_real(textures());
    glcr_names_rebind(textures(), 1, 101);
    glcr_names_rebind(textures(), 2, 102);
    glcr_names_rebind(textures(), 3, 103);

    GLuint buf[4];
    const GLuint small[3] = {3, 0, 1};
    const GLuint *t = glcr_names_real(GLCR_OBJ_TEXTURE, 3, small, buf, 4);
    CHECK(t == buf);
    CHECK(t[0] == 103 && t[1] == 0 && t[2] == 101);
    glcr_names_release(t, buf, small);

    /* No translation needed for n == 0 or NULL arrays. */
    CHECK(glcr_names_real(GLCR_OBJ_TEXTURE, 0, small, buf, 4) == small);
    CHECK(glcr_names_real(GLCR_OBJ_TEXTURE, 2, NULL, buf, 4) == NULL);

    enum { N = 100000 };
    GLuint *big = malloc(N * sizeof *big);
    CHECK(big != NULL);
    for (GLsizei i = 0; i < N; i++)
        big[i] = (GLuint)(i % 5); /* 0, 1, 2, 3, 4(unknown) */
    t = glcr_names_real(GLCR_OBJ_TEXTURE, N, big, buf, 4);
    CHECK(t != buf && t != big && t != NULL);
    int bad = -1;
    for (GLsizei i = 0; i < N && bad < 0; i++) {
        GLuint want = i % 5 == 0 ? 0 : i % 5 == 4 ? GLCR_NAME_INVALID : 100 + (GLuint)(i % 5);
        if (t[i] != want)
            bad = (int)i;
    }
    CHECK_MSG(bad < 0, "first wrong translation at index %d: %u", bad, bad < 0 ? 0 : t[bad]);
    glcr_names_release(t, buf, big); /* frees the allocation (checked by ASan/valgrind runs) */
    /* Releasing the caller's own arrays must not free them. */
    glcr_names_release(buf, buf, big);
    glcr_names_release(big, buf, big);
    big[0] = 7; /* still ours */
    CHECK(big[0] == 7);
    free(big);
}

static void test_clear_real_and_rebind(void)
{
    fake_context_make_current();
    GLuint names[3] = {1, 2, 3};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 3, names);
    /* Reload: the objects get a permutation of the old names plus a name past the real table. */
    glcr_names_clear_real(textures());
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 1) == 1); /* unmapped: passed through */
    glcr_names_rebind(textures(), 1, 3);
    glcr_names_rebind(textures(), 2, 1);
    glcr_names_rebind(textures(), 3, 500);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 1) == 3);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 2) == 1);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 3) == 500);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 3) == 1);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 1) == 2);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 500) == 3);
    /* Real 2 belongs to nobody now: passed through unchanged. */
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 2) == 2);
    CHECK(textures()->live_count == 3);
    /* Rebinding a name that does not exist is ignored. */
    glcr_names_rebind(textures(), 1u << 20, 7);
    CHECK(glcr_names_at(textures(), 1u << 20) == NULL);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 7) == 7);
    /* Forgetting after a rebind clears the new reverse entry. */
    const GLuint del = 3;
    glcr_names_forget(GLCR_OBJ_TEXTURE, 1, &del);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 3) == GLCR_NAME_INVALID);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 500) == 500);
}

static void test_for_each_visits_live_objects(void)
{
    fake_context_make_current();
    GLuint names[8] = {1, 2, 3, 4, 5, 6, 7, 100};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 8, names);
    const GLuint del[4] = {2, 4, 5, 6};
    glcr_names_forget(GLCR_OBJ_TEXTURE, 4, del);
    const GLuint want[4] = {1, 3, 7, 100};
    int seen = 0;
    GLCR_FOR_EACH_OBJECT(textures(), v, obj) {
        CHECK(seen < 4);
        CHECK_MSG(v == want[seen], "visit %d: %u != %u", seen, v, want[seen]);
        CHECK(obj->live && obj->real == v);
        seen++;
    }
    CHECK(seen == 4);
    CHECK(textures()->live_count == 4);
    /* An empty table visits nothing. */
    int none = 0;
    GLCR_FOR_EACH_OBJECT(&fake_share.names[GLCR_OBJ_BUFFER], v, obj) {
        (void)v;
        (void)obj;
        none++;
    }
    CHECK(none == 0);
}

static void test_growth(void)
{
    fake_context_make_current();
    GLuint names[2] = {1, 2};
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 2, names);
    uint32_t cap0 = glcr_names_capacity(textures());
    CHECK(cap0 > 2 && cap0 < 100000);
    GLuint big = 100000;
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 1, &big);
    CHECK(big == 100000);
    CHECK(glcr_names_capacity(textures()) > 100000);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 100000) == 100000);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 100000) == 100000);
    /* Entries from before the growth survived the copy. */
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 1) == 1);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 2) == 2);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 2) == 2);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 99999) == GLCR_NAME_INVALID);
    /* A made-up name (compatibility-profile bind) far past the table, mapped to a small real. */
    struct glcr_object *o = glcr_object_bind_new(GLCR_OBJ_TEXTURE, 300000, 9);
    CHECK(o != NULL && o->live && o->real == 9);
    CHECK(glcr_object_get(GLCR_OBJ_TEXTURE, 300000) == o);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 300000) == 9);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 9) == 300000);
    CHECK(textures()->live_count == 4);
}

static void test_no_current_context(void)
{
    fake_context_make_current();
    glcr_self.ctx = NULL;
    GLuint n = 5;
    glcr_names_adopt(GLCR_OBJ_TEXTURE, 1, &n);
    CHECK(n == 5);
    CHECK(glcr_name_real(GLCR_OBJ_TEXTURE, 5) == GLCR_NAME_INVALID);
    CHECK(glcr_name_virtual(GLCR_OBJ_TEXTURE, 5) == 5);
    CHECK(glcr_object_get(GLCR_OBJ_TEXTURE, 5) == NULL);
    CHECK(textures()->live_count == 0);
    CHECK(glcr_names_capacity(textures()) == 0);
}

int main(void)
{
    RUN(test_adopt_fresh_names_stay);
    RUN(test_adopt_taken_name_picks_another);
    RUN(test_round_trip);
    RUN(test_forget);
    RUN(test_names_real_buffers);
    RUN(test_clear_real_and_rebind);
    RUN(test_for_each_visits_live_objects);
    RUN(test_growth);
    RUN(test_no_current_context);
    DONE();
}
