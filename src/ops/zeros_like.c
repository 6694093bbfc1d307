/*
 * ZEROS_LIKE: zeros of the input's shape and type: float32, int8 (bytes
 * 0, whatever the zero point, as TFLite Micro), int32, int64.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_zeros_like(mote_lower_ctx *c)
{
    mote_fill_step *p;
    mote_status st;
    if (c->op.n_inputs != 1)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 1",
                               (unsigned)c->op.n_inputs);
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, c->in[0].rank, c->in[0].dims)) != MOTE_OK)
        return st;
    if (c->out.elements > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "output above 2^32 elements");
    if ((p = mote_lower_step(c, MOTE_KID_FILL, 0, &st)) == NULL) return st;
    p->pattern_bytes = mote_shape_esize(&c->out);
    p->repeats = (uint32_t)c->out.elements;
    p->value_input = -1; /* the zeroed pattern */
    return MOTE_OK;
}

uint64_t mote_macs_zeros_like(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
