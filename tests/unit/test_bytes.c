/* The growable byte buffer (common/bytes.c). */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "common/bytes.h"

static void test_append_copies_and_returns_start(void)
{
    struct glcr_bytes b = {0};
    unsigned char *p = glcr_bytes_append(&b, "abc", 3);
    CHECK(p != NULL && p == b.data);
    CHECK(b.len == 3 && b.cap >= 3);
    CHECK(memcmp(b.data, "abc", 3) == 0);
    unsigned char *q = glcr_bytes_append(&b, "defg", 4);
    CHECK(q == b.data + 3);
    CHECK(b.len == 7);
    CHECK(memcmp(b.data, "abcdefg", 7) == 0);
    /* Zero bytes: a valid pointer to the end, nothing changes. */
    unsigned char *e = glcr_bytes_append(&b, "x", 0);
    CHECK(e == b.data + 7 && b.len == 7);
    glcr_bytes_free(&b);
}

static void test_append_grows(void)
{
    struct glcr_bytes b = {0};
    unsigned char chunk[100];
    size_t last_cap = 0;
    int grew = 0;
    for (int i = 0; i < 100; i++) {
        memset(chunk, i, sizeof chunk);
        unsigned char *p = glcr_bytes_append(&b, chunk, sizeof chunk);
        CHECK(p == b.data + (size_t)i * sizeof chunk);
        CHECK(b.len <= b.cap);
        if (b.cap != last_cap)
            grew++;
        last_cap = b.cap;
    }
    CHECK(b.len == 100 * sizeof chunk);
    CHECK(grew > 1);
    CHECK(b.cap < 4 * b.len); /* geometric, not wasteful */
    /* Old contents survived every reallocation. */
    int bad = -1;
    for (size_t i = 0; i < b.len && bad < 0; i++)
        if (b.data[i] != (unsigned char)(i / sizeof chunk))
            bad = (int)i;
    CHECK_MSG(bad < 0, "byte %d wrong after growth", bad);
    /* One append far larger than the capacity. */
    size_t big = 1 << 20;
    unsigned char *p = glcr_bytes_append(&b, NULL, big);
    CHECK(p == b.data + 100 * sizeof chunk);
    CHECK(b.len == 100 * sizeof chunk + big && b.cap >= b.len);
    glcr_bytes_free(&b);
}

static void test_null_src_reserves(void)
{
    struct glcr_bytes b = {0};
    glcr_bytes_append(&b, "head", 4);
    unsigned char *slot = glcr_bytes_append(&b, NULL, 8);
    CHECK(slot == b.data + 4);
    CHECK(b.len == 12);
    memcpy(slot, "12345678", 8); /* the caller fills the reserved space */
    glcr_bytes_append(&b, "tail", 4);
    CHECK(b.len == 16);
    CHECK(memcmp(b.data, "head12345678tail", 16) == 0);
    glcr_bytes_free(&b);
}

static void test_free_resets(void)
{
    struct glcr_bytes b = {0};
    glcr_bytes_append(&b, "abc", 3);
    glcr_bytes_free(&b);
    CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
    glcr_bytes_free(&b); /* freeing twice is harmless */
    CHECK(b.data == NULL && b.len == 0 && b.cap == 0);
    /* Usable again after free. */
    unsigned char *p = glcr_bytes_append(&b, "z", 1);
    CHECK(p != NULL && b.len == 1 && b.data[0] == 'z');
    glcr_bytes_free(&b);
}

int main(void)
{
    RUN(test_append_copies_and_returns_start);
    RUN(test_append_grows);
    RUN(test_null_src_reserves);
    RUN(test_free_resets);
    DONE();
}
