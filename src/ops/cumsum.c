/*
 * CUMSUM: running sums along the axis of input 1 (a constant int32
 * scalar; TFLite Micro reads it at run time), float32 or int8 (ADD_N's
 * rescaling, src/ops/add_n.c), output of the input's shape. Options
 * CumsumOptions: 0 exclusive, 1 reverse.
 */
#include "ops/op_elementwise_util.h"
#include "ops/op_shape_util.h"

mote_status mote_lower_cumsum(mote_lower_ctx *c)
{
    int32_t axis, n;
    mote_cumsum_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 1, "axis", 0, 1, &axis, &n)) != MOTE_OK) return st;
    if ((st = mote_shape_axis(c, axis, c->in[0].rank, &axis)) != MOTE_OK) return st;
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if (c->out.elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "output above 2^31 elements");
    if ((p = mote_lower_step(c, MOTE_KID_CUMSUM, 0, &st)) == NULL) return st;
    p->is_float = c->in[0].type == MOTE_FLOAT32;
    p->exclusive = mote_lower_opt_bool(c, 0, 0);
    p->reverse = mote_lower_opt_bool(c, 1, 0);
    p->before = (int32_t)mote_shape_outer(&c->in[0], axis);
    p->depth = c->in[0].dims[axis];
    p->after = (int32_t)mote_shape_inner(&c->in[0], axis);
    return c->in[0].type == MOTE_INT8 ? mote_ew_lower_sum_s8(c, &p->q) : MOTE_OK;
}

uint64_t mote_macs_cumsum(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
