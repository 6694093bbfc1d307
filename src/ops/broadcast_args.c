/*
 * BROADCAST_ARGS: the broadcast shape of two int32 or int64 shape vectors
 * (constant or computed), of the output's type, with max(n1, n2) values.
 * Computed inputs are checked at run time: shapes that do not broadcast
 * fail the invoke with MOTE_E_PARAM.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_broadcast_args(mote_lower_ctx *c)
{
    const mote_graph_tensor *a = &c->in[0], *b = &c->in[1];
    int32_t n_out;
    mote_broadcast_args_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_check_type(c, b, c->in_idx[1], a->type)) != MOTE_OK) return st;
    if (a->rank != 1 || b->rank != 1)
        return mote_lower_fail(c, MOTE_E_SHAPE, -1, "shapes must be vectors (ranks %d, %d)",
                               (int)a->rank, (int)b->rank);
    n_out = a->dims[0] > b->dims[0] ? a->dims[0] : b->dims[0];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, 1, &n_out)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_BROADCAST_ARGS, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(a);
    p->n1 = a->dims[0];
    p->n2 = b->dims[0];
    p->n_out = n_out;
    return MOTE_OK;
}

uint64_t mote_macs_broadcast_args(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
