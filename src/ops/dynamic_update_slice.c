/*
 * DYNAMIC_UPDATE_SLICE: the operand (input 0) with the update (input 1,
 * same rank, no dimension larger) written at the start indices of input 2
 * (int32 or int64, one per dimension, read at run time and clamped so the
 * update fits, as TFLite does). float32, int8, int16, int32 (TFLite
 * Micro's types); bytes are copied.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_dynamic_update_slice(mote_lower_ctx *c)
{
    const mote_graph_tensor *in = &c->in[0], *up = &c->in[1], *ix = &c->in[2];
    const int32_t lead = MOTE_MAX_RANK - in->rank;
    mote_dus_step *p;
    mote_status st;
    int32_t k;
    if (c->op.n_inputs != 3)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 3",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_check_type(c, up, c->in_idx[1], in->type)) != MOTE_OK) return st;
    if (ix->type != MOTE_INT32 && ix->type != MOTE_INT64)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[2],
                               "start indices have type %s; INT32 or INT64 expected",
                               mote_type_name(ix->type));
    if (up->rank != in->rank || ix->rank != 1 || ix->dims[0] != in->rank)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                               "update rank %d and %U start indices must equal operand rank %d",
                               (int)up->rank, (unsigned long long)ix->elements, (int)in->rank);
    for (k = 0; k < in->rank; k++)
        if (up->dims[k] > in->dims[k])
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "update dimension %d is %d; the operand's is %d", (int)k,
                                   (int)up->dims[k], (int)in->dims[k]);
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, in->rank, in->dims)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_DYNAMIC_UPDATE_SLICE, 0, &st)) == NULL) return st;
    p->esize = mote_shape_esize(in);
    p->idx_esize = mote_shape_esize(ix);
    p->rank = in->rank;
    for (k = 0; k < MOTE_MAX_RANK; k++) {
        p->dims[k] = k < lead ? 1 : in->dims[k - lead];
        p->upd[k] = k < lead ? 1 : up->dims[k - lead];
    }
    return MOTE_OK;
}

uint64_t mote_macs_dynamic_update_slice(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
