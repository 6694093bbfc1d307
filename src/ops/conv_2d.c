/*
 * CONV_2D: int8 (per-channel weights) and float32. Filter [out_c, kh, kw,
 * in_c]; options Conv2DOptions. Checks and lowering: op_conv_util.c.
 */
#include "ops/op.h"

mote_status mote_lower_conv_2d(mote_lower_ctx *c)
{
    return mote_lower_conv_common(c, 0);
}

/* out_elements * kh * kw * in_c */
uint64_t mote_macs_conv_2d(const mote_graph *g, const mote_graph_op *op)
{
    int32_t w = mote_graph_op_input(op, 1);
    uint64_t n = mote_macs_out_elements(g, op);
    n = mote_macs_mul(n, mote_macs_dim(g, w, 1, 4));
    n = mote_macs_mul(n, mote_macs_dim(g, w, 2, 4));
    return mote_macs_mul(n, mote_macs_dim(g, w, 3, 4));
}
