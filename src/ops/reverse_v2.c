/*
 * REVERSE_V2: the input with the order of its elements reversed along the
 * axes of input 1 (a constant int32 vector, each axis in [-rank, rank) at
 * most once). Runs as a strided copy with negative strides.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_reverse_v2(mote_lower_ctx *c)
{
    int32_t axes[MOTE_MAX_RANK], strides[MOTE_MAX_RANK], n, k, ax, rank = c->in[0].rank;
    unsigned seen = 0;
    int64_t offset = 0;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "axis", 0, -1, axes, &n)) != MOTE_OK) return st;
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank, c->in[0].dims)) != MOTE_OK) return st;
    mote_shape_strides(&c->in[0], strides);
    for (k = 0; k < n; k++) {
        if ((st = mote_shape_axis(c, axes[k], rank, &ax)) != MOTE_OK) return st;
        if (seen & (1u << ax))
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1], "axis %d is given twice",
                                   (int)ax);
        seen |= 1u << ax;
        offset += (int64_t)(c->in[0].dims[ax] - 1) * strides[ax];
        strides[ax] = -strides[ax];
    }
    return mote_shape_lower_strided(c, 0, &c->in[0], rank, c->in[0].dims, strides, offset);
}

uint64_t mote_macs_reverse_v2(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
