/*
 * SQUARED_DIFFERENCE: float32 and int32 (wrapping), (a - b)^2, broadcasting
 * up to rank 6, as TFLite Micro's reference kernel.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_squared_difference(mote_lower_ctx *c)
{
    if (c->in[0].type == MOTE_INT32)
        return mote_ew_lower_binary_i32(c, MOTE_KID_SQUARED_DIFFERENCE_I32, 0);
    return mote_ew_lower_binary_f32(c, MOTE_KID_SQUARED_DIFFERENCE_F32, 0);
}

uint64_t mote_macs_squared_difference(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
