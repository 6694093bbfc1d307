/*
 * FLOOR_DIV: float32, floor(a / b), broadcasting up to rank 6, as TFLite Micro's
 * reference kernel.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_floor_div(mote_lower_ctx *c)
{
    return mote_ew_lower_binary_f32(c, MOTE_KID_FLOOR_DIV_F32, 0);
}

uint64_t mote_macs_floor_div(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
