/* The lower half's allocator (src/lower/hooks.c), loaded on its own: a freed large block is
 * not handed out again before it has rested (a driver thread may still read it), unless as
 * many bytes of its size rest that memory would grow without bound; handed out again, it
 * reads as zeros, as a fresh mapping does.
 * usage: unit-lower-alloc PATH/libglcr-lower-hooks.so */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "check.h"

static void *(*lower_malloc)(size_t);
static void (*lower_free)(void *);

/* 100 KiB: a 128 KiB block, the size of llvmpipe's scene data blocks. */
#define SCENE_BLOCK 100000
/* Exactly 1 MiB with the allocator's 16-byte header. */
#define MIB_BLOCK ((1 << 20) - 16)

static void sleep_ms(long ms)
{
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

static void test_freed_block_rests(void)
{
    unsigned char *first = lower_malloc(SCENE_BLOCK);
    CHECK(first);
    memset(first, 0x5a, SCENE_BLOCK);
    lower_free(first);
    /* At once, and a few times more: always a fresh block, never the one just freed. */
    void *again[8];
    for (int i = 0; i < 8; i++) {
        again[i] = lower_malloc(SCENE_BLOCK);
        CHECK_MSG(again[i] && again[i] != first, "allocation %d got the block freed just before", i);
    }
    for (int i = 0; i < 8; i++)
        lower_free(again[i]);
    /* Once it has rested, the oldest freed block is reused. */
    sleep_ms(250);
    unsigned char *rested = lower_malloc(SCENE_BLOCK);
    CHECK_MSG(rested == first, "after 250 ms got %p, not the oldest freed block %p", (void *)rested,
              (void *)first);
    size_t nonzero = 0;
    for (size_t i = 0; i < SCENE_BLOCK; i++)
        nonzero += rested[i] != 0;
    CHECK_MSG(nonzero == 0, "the reused block kept %zu bytes of its previous contents", nonzero);
    lower_free(rested);
}

static void test_resting_memory_is_bounded(void)
{
    /* 64 MiB of 1 MiB blocks freed at once (address space only: their pages are never
     * touched): the next allocation of that size reuses the oldest instead of mapping more. */
    enum { COUNT = 64 };
    static void *blocks[COUNT];
    for (int i = 0; i < COUNT; i++) {
        blocks[i] = lower_malloc(MIB_BLOCK);
        CHECK(blocks[i]);
    }
    for (int i = 0; i < COUNT; i++)
        lower_free(blocks[i]);
    void *next = lower_malloc(MIB_BLOCK);
    CHECK_MSG(next == blocks[0], "with 64 MiB resting got %p, not the oldest block %p", next, blocks[0]);
    lower_free(next);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: unit-lower-alloc PATH/libglcr-lower-hooks.so\n");
        return 2;
    }
    /* RTLD_LOCAL: its malloc and free stay its own, reached only through dlsym. */
    void *hooks = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    CHECK_MSG(hooks, "%s", dlerror());
    lower_malloc = (void *(*)(size_t))dlsym(hooks, "malloc");
    lower_free = (void (*)(void *))dlsym(hooks, "free");
    CHECK(lower_malloc && lower_free);
    RUN(test_freed_block_rests);
    RUN(test_resting_memory_is_bounded);
    return 0;
}
