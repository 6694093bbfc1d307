/*
 * RESIZE_NEAREST_NEIGHBOR to the constant size (input 1): int8, int16 and
 * float32 (elements copied); align_corners, half_pixel_centers. Options
 * ResizeNearestNeighborOptions: 0 align_corners, 1 half_pixel_centers.
 */
#include "ops/op_reduce_util.h"

mote_status mote_lower_resize_nearest_neighbor(mote_lower_ctx *c)
{
    return mote_resize_lower(c, 0, MOTE_KID_RESIZE_NEAREST);
}

uint64_t mote_macs_resize_nearest_neighbor(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
