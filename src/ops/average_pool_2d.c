/*
 * AVERAGE_POOL_2D: int8 and float32 (Pool2DOptions). The average counts
 * only in-bounds elements. Checks and lowering: op_conv_util.c.
 */
#include "ops/op.h"

mote_status mote_lower_average_pool_2d(mote_lower_ctx *c)
{
    return mote_lower_pool_common(c, 1);
}

/* Pools add or compare but do not multiply-accumulate; the published
 * MLPerf Tiny MAC figures leave them out too. */
uint64_t mote_macs_average_pool_2d(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
