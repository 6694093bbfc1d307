/*
 * BROADCAST_TO: any element type; input 1, the shape (a constant int32 or
 * int64 vector), is the output's shape, and every input dimension (aligned
 * to the right) equals the output's or is 1. Runs as a strided copy with
 * stride 0 along the broadcast dimensions.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_broadcast_to(mote_lower_ctx *c)
{
    int32_t shape[MOTE_MAX_RANK], in_st[MOTE_MAX_RANK], strides[MOTE_MAX_RANK], n, k;
    const int32_t lead = c->out.rank - c->in[0].rank;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "shape", 1, -1, shape, &n)) != MOTE_OK) return st;
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, n, shape)) != MOTE_OK) return st;
    if (lead < 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input rank %d is above shape's %d",
                               (int)c->in[0].rank, (int)n);
    mote_shape_strides(&c->in[0], in_st);
    for (k = 0; k < n; k++) {
        const int32_t d = k < lead ? 1 : c->in[0].dims[k - lead];
        if (d != 1 && d != shape[k])
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0],
                                   "input dimension %d is %d; it must be 1 or %d", (int)(k - lead),
                                   (int)d, (int)shape[k]);
        strides[k] = d == 1 ? 0 : in_st[k - lead];
    }
    return mote_shape_lower_strided(c, 0, &c->in[0], n, shape, strides, 0);
}

uint64_t mote_macs_broadcast_to(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
