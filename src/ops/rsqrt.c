/*
 * RSQRT: float32 (1 / sqrtf), as TFLite Micro's reference kernel. No options
 * used.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_rsqrt(mote_lower_ctx *c)
{
    return mote_ew_lower_unary_f32(c, MOTE_KID_RSQRT_F32, 0.0f);
}

uint64_t mote_macs_rsqrt(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
