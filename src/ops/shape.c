/*
 * SHAPE: the input's dimensions as an int32 vector (TFLite Micro writes
 * int32 only; options ShapeOptions: 0 out_type). The input may have any
 * type; the values are known at load time and written by the FILL kernel.
 */
#include "ops/op_shape_util.h"

mote_status mote_lower_shape(mote_lower_ctx *c)
{
    const int32_t rank = c->in[0].rank;
    int32_t k;
    mote_fill_step *p;
    mote_status st;
    if (c->op.n_inputs != 1)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 1",
                               (unsigned)c->op.n_inputs);
    if (c->out.type != MOTE_INT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s; INT32 expected (TFLite Micro writes no other)",
                               mote_type_name(c->out.type));
    if ((st = mote_shape_expect(c, &c->out, c->out_idx, 1, &rank)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_FILL, 0, &st)) == NULL) return st;
    p->pattern_bytes = 4u * (uint32_t)rank;
    p->repeats = 1;
    p->value_input = -1;
    for (k = 0; k < rank; k++) {
        const uint32_t d = (uint32_t)c->in[0].dims[k];
        p->pattern[4 * k] = (uint8_t)d;
        p->pattern[4 * k + 1] = (uint8_t)(d >> 8);
        p->pattern[4 * k + 2] = (uint8_t)(d >> 16);
        p->pattern[4 * k + 3] = (uint8_t)(d >> 24);
    }
    return MOTE_OK;
}

uint64_t mote_macs_shape(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
