/* Mapped buffers: the pointers the app gets from glMapBuffer* are memory glcr owns in the
 * upper half, kept in step with the driver's mapping (see mappings.c). */
#ifndef GLCR_STATE_MAPPINGS_H
#define GLCR_STATE_MAPPINGS_H

#include <pthread.h>
#include <stdatomic.h>

struct glcr_buffer_map;
struct glcr_share_group;

/* The mapped buffers of one share group. */
struct glcr_share_maps {
    pthread_mutex_t lock;            /* the list; taken after the group's lock, never before it */
    struct glcr_buffer_map *mapped;
    atomic_int synced;               /* how many are synced around GPU commands (persistent) */
};

void glcr_maps_init(struct glcr_share_maps *maps);
/* The group's last context is gone, and with it every buffer. */
void glcr_maps_forget_share(struct glcr_share_group *g);

#endif
