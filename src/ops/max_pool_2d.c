/*
 * MAX_POOL_2D: int8 and float32 (Pool2DOptions). Checks and lowering:
 * op_conv_util.c.
 */
#include "ops/op.h"

mote_status mote_lower_max_pool_2d(mote_lower_ctx *c)
{
    return mote_lower_pool_common(c, 0);
}

uint64_t mote_macs_max_pool_2d(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
