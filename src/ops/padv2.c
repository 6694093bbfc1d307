/*
 * PADV2: PAD with its pad value in input 2 (src/ops/pad.c does both).
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_padv2(mote_lower_ctx *c)
{
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    return mote_lower_pad(c);
}

uint64_t mote_macs_padv2(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
