/*
 * NEG: float32, as TFLite Micro (its NEG kernel has no integer path). No
 * options used (NegOptions has no fields).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_neg(mote_lower_ctx *c)
{
    return mote_ew_lower_unary_f32(c, MOTE_KID_NEG_F32, 0.0f);
}

uint64_t mote_macs_neg(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
