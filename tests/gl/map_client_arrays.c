/* Client-side vertex arrays (no buffer bound) point at the app's memory, not at a copy:
 * after the checkpoint the pointers are the app's, and what the app writes there afterwards
 * is what is drawn. */
#include "map_common.h"

#define VERTS 9

static float positions[VERTS * 2];
static unsigned char colors[VERTS * 4];

static void draw(void)
{
    glDrawArrays(GL_TRIANGLES, 0, VERTS);
}

int main(int argc, char **argv)
{
    pt_init(argc, argv, PT_COMPAT);
    map_triangles(positions, VERTS, 1);
    for (int i = 0; i < VERTS * 4; i++)
        colors[i] = (unsigned char)(40 + i * 23);
    glEnableClientState(GL_VERTEX_ARRAY);
    glEnableClientState(GL_COLOR_ARRAY);
    glVertexPointer(2, GL_FLOAT, 0, positions);
    glColorPointer(4, GL_UNSIGNED_BYTE, 0, colors);
    map_frame("before", draw);

    pt_checkpoint();

    void *vertex = NULL, *color = NULL;
    glGetPointerv(GL_VERTEX_ARRAY_POINTER, &vertex);
    glGetPointerv(GL_COLOR_ARRAY_POINTER, &color);
    map_expect("vertex array points at the app's array", vertex == (void *)positions);
    map_expect("color array points at the app's array", color == (void *)colors);
    map_frame("after", draw);
    map_triangles(positions, VERTS, 2);
    for (int i = 0; i < VERTS * 4; i++)
        colors[i] = (unsigned char)(200 - i * 5);
    map_frame("arrays rewritten after", draw);
    return pt_done();
}
