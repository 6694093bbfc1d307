/*
 * DIV: float32 and int32 (truncating; a zero divisor fails the invoke with
 * MOTE_E_PARAM), a / b, fused activation (DivOptions field 0), broadcasting
 * up to rank 6, as TFLite Micro's reference kernel.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_div(mote_lower_ctx *c)
{
    if (c->in[0].type == MOTE_INT32) return mote_ew_lower_binary_i32(c, MOTE_KID_DIV_I32, 1);
    return mote_ew_lower_binary_f32(c, MOTE_KID_DIV_F32, 1);
}

uint64_t mote_macs_div(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
