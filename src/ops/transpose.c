/*
 * TRANSPOSE: float32, int8, int16 (TFLite Micro's types), up to
 * MOTE_MAX_RANK dimensions (TFLite Micro: 5). Input 1, the permutation,
 * must be a constant int32 vector holding each of 0..rank-1 once; output
 * dimension k is input dimension perm[k]. Runs as a strided copy.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_transpose(mote_lower_ctx *c)
{
    int32_t perm[MOTE_MAX_RANK], in_strides[MOTE_MAX_RANK], dims[MOTE_MAX_RANK],
        strides[MOTE_MAX_RANK], n, k, rank = c->in[0].rank;
    unsigned seen = 0;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "perm", 0, rank, perm, &n)) != MOTE_OK) return st;
    mote_shape_strides(&c->in[0], in_strides);
    for (k = 0; k < rank; k++) {
        if (perm[k] < 0 || perm[k] >= rank || (seen & (1u << perm[k])))
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[1],
                                   "perm[%d] is %d; perm must hold each of 0..%d once", (int)k,
                                   (int)perm[k], (int)rank - 1);
        seen |= 1u << perm[k];
        dims[k] = c->in[0].dims[perm[k]];
        strides[k] = in_strides[perm[k]];
    }
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, rank, dims)) != MOTE_OK) return st;
    return mote_shape_lower_strided(c, 0, &c->in[0], rank, dims, strides, 0);
}

uint64_t mote_macs_transpose(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
