/*
 * EXPAND_DIMS: float32, int8, int16 (TFLite Micro's types); the output is
 * the input with a size-1 dimension inserted at the axis (input 1, a
 * constant int32 scalar or one-element vector, in [-rank-1, rank]). In
 * place: the planner lets the output share the input's buffer.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_expand_dims(mote_lower_ctx *c)
{
    int32_t want[MOTE_MAX_RANK], axis, n, r, rank = c->in[0].rank;
    mote_copy_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "axis", 0, 1, &axis, &n)) != MOTE_OK) return st;
    if (rank + 1 > MOTE_MAX_RANK)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output rank %d is above %d",
                               (int)rank + 1, MOTE_MAX_RANK);
    if ((st = mote_shape_axis(c, axis, rank + 1, &axis)) != MOTE_OK) return st;
    for (r = 0; r <= rank; r++)
        want[r] = r < axis ? c->in[0].dims[r] : r == axis ? 1 : c->in[0].dims[r - 1];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank + 1, want)) != MOTE_OK) return st;
    if (c->in[0].bytes > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensor is larger than 4 GB");
    if ((p = mote_lower_step(c, MOTE_KID_COPY, 0, &st)) == NULL) return st;
    p->bytes = (uint32_t)c->in[0].bytes;
    return MOTE_OK;
}

uint64_t mote_macs_expand_dims(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
