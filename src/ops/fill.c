/*
 * FILL: an output of the shape input 0 gives (a constant int32 or int64
 * vector) filled with the scalar input 1, read at run time: float32,
 * int8, int32 (TFLite Micro's types); an int8 value must be quantized as
 * the output.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_fill(mote_lower_ctx *c)
{
    int32_t dims[MOTE_MAX_RANK], n;
    const mote_graph_tensor *v = &c->in[1];
    mote_fill_step *p;
    mote_status st;
    if (c->op.n_inputs != 2)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 2",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_ints(c, 0, "dims", 1, -1, dims, &n)) != MOTE_OK) return st;
    if (v->type != MOTE_FLOAT32 && v->type != MOTE_INT8 && v->type != MOTE_INT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->in_idx[1],
                               "value type %s is not supported (FLOAT32, INT8 and INT32 are)",
                               mote_type_name(v->type));
    if (v->elements != 1 || v->rank > 1)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[1], "value must be a scalar");
    if ((st = mote_shape_check_type(c, &c->out, c->out_idx, v->type)) != MOTE_OK) return st;
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, n, dims)) != MOTE_OK) return st;
    if (v->type == MOTE_INT8 &&
        (st = mote_shape_same_quant(c, v, c->in_idx[1], &c->out, c->out_idx)) != MOTE_OK)
        return st;
    if (c->out.elements > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "output above 2^32 elements");
    if ((p = mote_lower_step(c, MOTE_KID_FILL, 0, &st)) == NULL) return st;
    p->pattern_bytes = mote_shape_esize(v);
    p->repeats = (uint32_t)c->out.elements;
    p->value_input = 1;
    return MOTE_OK;
}

uint64_t mote_macs_fill(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
