/*
 * GATHER: float32, int8 (TFLite Micro's types). Input 1, the positions
 * (int32 as TFLite Micro, or int64), may be computed: the kernel checks
 * every position against the axis at run time and fails the invoke with
 * MOTE_E_PARAM on one outside [0, axis size), as TFLite Micro fails it.
 * Options GatherOptions: 0 axis, 1 batch_dims (negative counts from the
 * end). Output shape: input[:axis] + positions[batch_dims:] + input[axis+1:].
 * EMBEDDING_LOOKUP (embedding_lookup.c) shares the kernel.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_gather(mote_lower_ctx *c)
{
    const mote_graph_tensor *in = &c->in[0], *pos = &c->in[1];
    int32_t axis = mote_lower_opt_i32(c, 0, 0), bd = mote_lower_opt_i32(c, 1, 0);
    int32_t want[MOTE_MAX_RANK], n = 0, k;
    mote_gather_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if (pos->type != MOTE_INT32 && pos->type != MOTE_INT64)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "positions have type %s; INT32 or INT64 expected",
                               mote_type_name(pos->type));
    if ((st = mote_shape_axis(c, axis, in->rank, &axis)) != MOTE_OK) return st;
    if (bd < 0) bd += pos->rank;
    if (bd < 0 || bd > axis || bd > pos->rank)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "batch_dims %d must lie in [0, min(axis %d, positions rank %d)]",
                               (int)bd, (int)axis, (int)pos->rank);
    for (k = 0; k < bd; k++)
        if (in->dims[k] != pos->dims[k])
            return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1],
                                   "batch dimension %d is %d in the input, %d in the positions",
                                   (int)k, (int)in->dims[k], (int)pos->dims[k]);
    if (in->rank + pos->rank - 1 - bd > MOTE_MAX_RANK)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output rank is above %d",
                               MOTE_MAX_RANK);
    for (k = 0; k < axis; k++)
        want[n++] = in->dims[k];
    for (k = bd; k < pos->rank; k++)
        want[n++] = pos->dims[k];
    for (k = axis + 1; k < in->rank; k++)
        want[n++] = in->dims[k];
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, n, want)) != MOTE_OK) return st;
    if (in->elements > INT32_MAX || c->out.elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "tensors above 2^31 elements");
    if ((p = mote_lower_step(c, MOTE_KID_GATHER, 0, &st)) == NULL) return st;
    p->data_input = 0;
    p->index_input = 1;
    p->esize = mote_shape_esize(in);
    p->idx_esize = mote_shape_esize(pos);
    p->batch = (int32_t)mote_shape_outer(in, bd);
    p->outer = (int32_t)(mote_shape_outer(in, axis) / (uint64_t)p->batch);
    p->axis = in->dims[axis];
    p->coords = (int32_t)(pos->elements / (size_t)p->batch);
    p->inner = (int32_t)mote_shape_inner(in, axis);
    return MOTE_OK;
}

uint64_t mote_macs_gather(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
