/*
 * TILE (beyond TFLite Micro, as LiteRT): the input repeated multiples[k]
 * times along each dimension k; input 1 is a constant int32 or int64
 * vector of values >= 1. Any element type. Runs as a strided copy: a
 * dimension of size d repeated m times becomes two loops (m with stride 0,
 * then d), so the dimensions with both d and m above 1, plus the others,
 * must be at most 6 loops.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_tile(mote_lower_ctx *c)
{
    int32_t mult[MOTE_MAX_RANK], want[MOTE_MAX_RANK], in_st[MOTE_MAX_RANK], n, k, r = 0;
    int32_t dims[MOTE_MAX_RANK], strides[MOTE_MAX_RANK];
    const mote_graph_tensor *in = &c->in[0];
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "multiples", 1, in->rank, mult, &n)) != MOTE_OK) return st;
    mote_shape_strides(in, in_st);
    for (k = 0; k < in->rank; k++) {
        if (mult[k] < 1 || in->dims[k] > INT32_MAX / mult[k])
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "multiple %d of dimension %d must be >= 1 (and the product "
                                   "below 2^31)",
                                   (int)mult[k], (int)k);
        want[k] = in->dims[k] * mult[k];
        if (r + (mult[k] > 1) + (in->dims[k] > 1) > MOTE_MAX_RANK)
            return mote_lower_fail(c, MOTE_E_LIMIT, c->in_idx[1], "tiling needs more than %d loops",
                                   MOTE_MAX_RANK);
        if (mult[k] > 1) {
            dims[r] = mult[k];
            strides[r++] = 0;
        }
        if (in->dims[k] > 1) {
            dims[r] = in->dims[k];
            strides[r++] = in_st[k];
        }
    }
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, in->rank, want)) != MOTE_OK) return st;
    return mote_shape_lower_strided(c, 0, in, r, dims, strides, 0);
}

uint64_t mote_macs_tile(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
