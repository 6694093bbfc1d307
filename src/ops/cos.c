/*
 * COS: float32 (cosf), as TFLite Micro's reference kernel. No options
 * used.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_cos(mote_lower_ctx *c)
{
    return mote_ew_lower_unary_f32(c, MOTE_KID_COS_F32, 0.0f);
}

uint64_t mote_macs_cos(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
