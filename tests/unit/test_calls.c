/* Display-list call records (state/calls.c, generated gl_calls.c) driven through the list
 * hooks of state/lists.c, with a fake share group and stub driver functions. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fake_context.h"
#include "fake_driver.h"
#include "intercept/dispatch.h"
#include "state/calls.h"
#include "state/lists.h"

static struct glcr_list *find_list(GLuint name)
{
    for (size_t i = 0; i < fake_share.lists.count; i++)
        if (fake_share.lists.items[i].name == name)
            return &fake_share.lists.items[i];
    return NULL;
}

/* Command ids of the records in a list, walking the record sizes; -1 if they do not add up. */
static int record_cmds(const struct glcr_bytes *b, unsigned *cmds, int max)
{
    int n = 0;
    size_t off = 0;
    while (off < b->len) {
        struct glcr_call_reader r;
        uint32_t cmd = glcr_call_open(&r, b->data + off);
        if (r.size < 8 || r.size % 8 || off + r.size > b->len || n >= max)
            return -1;
        cmds[n++] = cmd;
        off += r.size;
    }
    return n;
}

static const GLfloat diffuse[4] = {0.25f, 0.5f, 0.75f, 1.0f};
static const GLubyte call_names[3] = {7, 200, 3};

/* The driver lists behind the app's list names 7, 200 and 3 (made in define_called_lists). */
static GLuint called_reals[3];

static void define_called_lists(void)
{
    for (int i = 0; i < 3; i++) {
        called_reals[i] = 1000 + (GLuint)i;
        glcr_object_bind_new(GLCR_OBJ_LIST, call_names[i], called_reals[i]);
    }
}

static void check_recorded_sequence(int first)
{
    CHECK(fake_call_count >= first + 3);
    const struct fake_call *c = &fake_calls[first];
    CHECK(c[0].cmd == GLCR_CMD_glNormal3f);
    CHECK(c[0].f[0] == 0.0f && c[0].f[1] == -1.5f && c[0].f[2] == 3.25f);
    CHECK(c[1].cmd == GLCR_CMD_glMaterialfv);
    CHECK(c[1].e[0] == GL_FRONT && c[1].e[1] == GL_DIFFUSE && !c[1].null_ptr);
    CHECK(memcmp(c[1].f, diffuse, sizeof diffuse) == 0);
    /* The driver gets the lists behind the app's names, as unsigned ints. */
    CHECK(c[2].cmd == GLCR_CMD_glCallLists);
    CHECK(c[2].u[0] == 3 && c[2].e[0] == GL_UNSIGNED_INT && !c[2].null_ptr);
    CHECK(memcmp(c[2].bytes, called_reals, 12) == 0);
}

static void test_pname_and_list_sizes(void)
{
    CHECK(glcr_pname_count(GL_POSITION) == 4);
    CHECK(glcr_pname_count(GL_DIFFUSE) == 4);
    CHECK(glcr_pname_count(GL_SPOT_DIRECTION) == 3);
    CHECK(glcr_pname_count(GL_SHININESS) == 1);
    CHECK(glcr_pname_count(GL_TEXTURE_MIN_FILTER) == 1);
    CHECK(glcr_pname_count(0x1234) == -1);
    CHECK(glcr_list_names_size(2, GL_3_BYTES) == 6);
    CHECK(glcr_list_names_size(3, GL_UNSIGNED_BYTE) == 3);
    CHECK(glcr_list_names_size(5, GL_2_BYTES) == 10);
    CHECK(glcr_list_names_size(3, GL_UNSIGNED_INT) == 12);
    CHECK(glcr_list_names_size(4, GL_4_BYTES) == 16);
    CHECK(glcr_list_names_size(0, GL_FLOAT) == 0);
    CHECK(glcr_list_names_size(-1, GL_UNSIGNED_BYTE) == -1);
    CHECK(glcr_list_names_size(2, 0x1234) == -1);
}

static void test_record_outside_list_is_noop(void)
{
    struct glcr_call_writer w;
    CHECK(glcr_lists_record_buffer() == NULL);
    CHECK(!glcr_call_begin(&w, GLCR_CMD_glNormal3f));
    CHECK(glcr_lists_compiling_here() == 0);
    CHECK(!glcr_lists_compiling_anywhere());
}

static void test_record_and_replay(void)
{
    fake_context_make_current();
    fake_driver_install();
    define_called_lists();

    /* A list name the app made up: glcr gives it a driver list of its own first. */
    hook_glNewList(5, GL_COMPILE);
    CHECK(fake_call_count == 2 && fake_calls[0].cmd == GLCR_CMD_glGenLists);
    GLuint real5 = glcr_name_real(GLCR_OBJ_LIST, 5);
    CHECK(real5 != GLCR_NAME_INVALID && real5 != 5);
    CHECK(fake_calls[1].cmd == GLCR_CMD_glNewList);
    CHECK(fake_calls[1].u[0] == real5 && fake_calls[1].e[0] == GL_COMPILE);
    CHECK(glcr_lists_compiling_here() == 5);
    CHECK(glcr_lists_compile_only_here());
    CHECK(glcr_lists_compiling_anywhere());
    CHECK(glcr_lists_record_buffer() != NULL);

    glcr_api.Normal3f(0.0f, -1.5f, 3.25f);
    glcr_api.Materialfv(GL_FRONT, GL_DIFFUSE, diffuse);
    glcr_api.CallLists(3, GL_UNSIGNED_BYTE, call_names);
    /* While compiling, the calls also reach the driver (which compiles them itself). */
    check_recorded_sequence(2);
    hook_glEndList();
    CHECK(fake_call_count == 6 && fake_calls[5].cmd == GLCR_CMD_glEndList);
    CHECK(glcr_lists_compiling_here() == 0);
    CHECK(!glcr_lists_compiling_anywhere());
    CHECK(glcr_lists_record_buffer() == NULL);

    struct glcr_list *l = find_list(5);
    CHECK(fake_share.lists.count == 1);
    CHECK(l != NULL && l->calls.len > 0);
    CHECK(glcr_lists_bytes(&fake_share.lists) == l->calls.len);
    unsigned cmds[8];
    CHECK(record_cmds(&l->calls, cmds, 8) == 3);
    CHECK(cmds[0] == GLCR_CMD_glNormal3f);
    CHECK(cmds[1] == GLCR_CMD_glMaterialfv);
    CHECK(cmds[2] == GLCR_CMD_glCallLists);
    /* Header 8 + 3 scalar slots; header 8 + 2 slots + length 8 + 16 floats; header 8 +
     * 2 slots + length 8 + 3 bytes padded to 8. */
    CHECK(l->calls.len == 32 + 48 + 40);

    size_t saved_len = l->calls.len;
    unsigned char *saved = malloc(saved_len);
    CHECK(saved != NULL);
    memcpy(saved, l->calls.data, saved_len);

    /* Replay, as after a driver reload: list 5 gets a fresh driver list and is compiled
     * again from the record. */
    fake_driver_install();
    CHECK(glcr_lists_replay(&fake_share) == 0);
    CHECK(fake_call_count == 6);
    CHECK(fake_calls[0].cmd == GLCR_CMD_glGenLists);
    GLuint new5 = glcr_name_real(GLCR_OBJ_LIST, 5);
    CHECK(new5 != real5);
    CHECK(fake_calls[1].cmd == GLCR_CMD_glNewList);
    CHECK(fake_calls[1].u[0] == new5 && fake_calls[1].e[0] == GL_COMPILE);
    check_recorded_sequence(2);
    CHECK(fake_calls[5].cmd == GLCR_CMD_glEndList);
    CHECK(!glcr_lists_compiling_anywhere());
    /* The replayed list was recorded again, byte for byte. */
    l = find_list(5);
    CHECK(fake_share.lists.count == 1);
    CHECK(l != NULL && l->calls.len == saved_len);
    CHECK(memcmp(l->calls.data, saved, saved_len) == 0);
    free(saved);
    CHECK(glcr_tainted_by() == NULL);
}

static void test_null_pointer_and_empty_list(void)
{
    fake_context_make_current();
    fake_driver_install();
    hook_glNewList(9, GL_COMPILE);
    glcr_api.Materialfv(GL_BACK, GL_POSITION, NULL);
    hook_glEndList();
    hook_glNewList(8, GL_COMPILE); /* an empty list is stored too */
    hook_glEndList();
    CHECK(fake_share.lists.count == 2);
    CHECK(fake_share.lists.items[0].name == 8 && fake_share.lists.items[1].name == 9);
    CHECK(find_list(8)->calls.len == 0);
    CHECK(find_list(9)->calls.len == 8 + 16 + 8); /* header, 2 slots, NULL marker */

    fake_driver_install();
    CHECK(glcr_lists_replay(&fake_share) == 0);
    /* Both lists get driver names first, then are compiled sorted by name: 8 (NewList,
     * EndList), then 9 (NewList, Materialfv, EndList). */
    CHECK(fake_call_count == 7);
    CHECK(fake_calls[0].cmd == GLCR_CMD_glGenLists && fake_calls[1].cmd == GLCR_CMD_glGenLists);
    CHECK(fake_calls[2].cmd == GLCR_CMD_glNewList);
    CHECK(fake_calls[2].u[0] == glcr_name_real(GLCR_OBJ_LIST, 8));
    CHECK(fake_calls[3].cmd == GLCR_CMD_glEndList);
    CHECK(fake_calls[4].cmd == GLCR_CMD_glNewList);
    CHECK(fake_calls[4].u[0] == glcr_name_real(GLCR_OBJ_LIST, 9));
    CHECK(fake_calls[5].cmd == GLCR_CMD_glMaterialfv);
    CHECK(fake_calls[5].e[0] == GL_BACK && fake_calls[5].e[1] == GL_POSITION);
    CHECK(fake_calls[5].null_ptr);
    CHECK(fake_calls[6].cmd == GLCR_CMD_glEndList);
    CHECK(glcr_tainted_by() == NULL);
}

static void test_gen_delete_and_redefine(void)
{
    fake_context_make_current();
    fake_driver_install();
    fake_next_list = 10; /* earlier replays took driver names too */
    GLuint first = hook_glGenLists(3);
    CHECK(first == 10);
    CHECK(fake_share.lists.count == 3);
    CHECK(find_list(10) && find_list(11) && find_list(12));
    CHECK(find_list(11)->calls.len == 0);

    hook_glNewList(11, GL_COMPILE_AND_EXECUTE);
    CHECK(!glcr_lists_compile_only_here());
    glcr_api.Normal3f(1.0f, 2.0f, 3.0f);
    hook_glEndList();
    size_t one = find_list(11)->calls.len;
    CHECK(one == 32);
    /* Compiling the same name again replaces its contents. */
    hook_glNewList(11, GL_COMPILE);
    glcr_api.Normal3f(4.0f, 5.0f, 6.0f);
    glcr_api.Normal3f(7.0f, 8.0f, 9.0f);
    hook_glEndList();
    CHECK(fake_share.lists.count == 3);
    CHECK(find_list(11)->calls.len == 2 * one);

    hook_glDeleteLists(10, 2);
    CHECK(fake_call_count > 0 && fake_calls[fake_call_count - 1].cmd == GLCR_CMD_glDeleteLists);
    CHECK(fake_share.lists.count == 1);
    CHECK(find_list(10) == NULL && find_list(11) == NULL && find_list(12) != NULL);

    /* Invalid glNewList calls reach the driver (which raises the error) but record nothing. */
    int before = fake_call_count;
    hook_glNewList(0, GL_COMPILE);
    hook_glNewList(13, 0x1234);
    CHECK(fake_call_count == before + 2);
    CHECK(glcr_lists_compiling_here() == 0);
    CHECK(!glcr_lists_compiling_anywhere());
    glcr_lists_free(&fake_share.lists);
    CHECK(fake_share.lists.count == 0 && fake_share.lists.items == NULL);
    CHECK(glcr_tainted_by() == NULL);
}

int main(void)
{
    RUN(test_pname_and_list_sizes);
    RUN(test_record_outside_list_is_noop);
    RUN(test_record_and_replay);
    RUN(test_null_pointer_and_empty_list);
    RUN(test_gen_delete_and_redefine);
    DONE();
}
