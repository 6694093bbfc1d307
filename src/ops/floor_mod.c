/*
 * FLOOR_MOD: float32, the remainder with the divisor's sign, broadcasting up to rank 6, as TFLite Micro's
 * reference kernel.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_floor_mod(mote_lower_ctx *c)
{
    return mote_ew_lower_binary_f32(c, MOTE_KID_FLOOR_MOD_F32, 0);
}

uint64_t mote_macs_floor_mod(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
