/*
 * GATHER_ND: float32, int8 (TFLite Micro's types). Input 1, int32
 * indices of shape [..., nd] (nd <= the params' rank, at most 5 as in
 * TFLite Micro), may be computed: the kernel checks every index against
 * its dimension at run time and fails the invoke with MOTE_E_PARAM on one
 * outside it, as TFLite Micro does. Output shape: indices[:-1] +
 * params[nd:].
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_gather_nd(mote_lower_ctx *c)
{
    const mote_graph_tensor *in = &c->in[0], *ix = &c->in[1];
    int32_t want[MOTE_MAX_RANK], n = 0, k, nd;
    mote_gather_nd_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if (ix->type != MOTE_INT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "indices have type %s; INT32 expected", mote_type_name(ix->type));
    if (in->rank < 1 || ix->rank < 1)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1, "params and indices need rank >= 1");
    nd = ix->dims[ix->rank - 1];
    if (nd < 1 || nd > in->rank || nd > 5)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "indices' last dimension is %d; 1 to min(5, params rank %d)",
                               (int)nd, (int)in->rank);
    if (ix->rank - 1 + in->rank - nd > MOTE_MAX_RANK)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output rank is above %d",
                               MOTE_MAX_RANK);
    for (k = 0; k < ix->rank - 1; k++)
        want[n++] = ix->dims[k];
    for (k = nd; k < in->rank; k++)
        want[n++] = in->dims[k];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, n, want)) != MOTE_OK) return st;
    if (in->elements > INT32_MAX || ix->elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensors above 2^31 elements");
    if ((p = mote_lower_step(c, MOTE_KID_GATHER_ND, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(in);
    p->nd = nd;
    p->n_slices = (int32_t)(ix->elements / (size_t)nd);
    p->slice = (int32_t)mote_shape_inner(in, nd - 1);
    for (k = 0; k < nd; k++) {
        p->dims[k] = in->dims[k];
        p->counts[k] = (int32_t)mote_shape_inner(in, k);
    }
    return MOTE_OK;
}

uint64_t mote_macs_gather_nd(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
