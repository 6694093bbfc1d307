/*
 * SPLIT_V: float32, int8, int16, int32 (TFLite Micro's types) into parts
 * of any size along an axis. Input 0 is the data, input 1 the sizes (read
 * from the outputs' shapes, as TFLite Micro does), input 2 the axis (a
 * constant int32 scalar). Options SplitVOptions: 0 num_splits.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_split_v(mote_lower_ctx *c)
{
    int32_t axis, n;
    mote_status st;
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 2, "axis", 0, 1, &axis, &n)) != MOTE_OK) return st;
    if ((st = mote_shape_axis(c, axis, c->in[0].rank, &axis)) != MOTE_OK) return st;
    return mote_shape_lower_split_outputs(c, 0, axis, 0);
}

uint64_t mote_macs_split_v(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
