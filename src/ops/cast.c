/*
 * CAST between float32, int8, int16, int32, uint32 and bool (TFLite
 * Micro's pairs): element by element as C++'s static_cast (floats toward
 * zero, integers wrapped, != 0 to bool). Quantization is ignored, as in
 * TFLite. A float outside the target's range is undefined in TFLite; the
 * kernel saturates it to int64 before wrapping.
 */
#include "ops/op_shape_util.h"

#define CAST_TYPES                                                                                 \
    (MOTE_TM_F32 | MOTE_TM_I8 | MOTE_TM_I16 | MOTE_TM_I32 | MOTE_TM_U32 | MOTE_TM_BOOL)

mote_status mote_lower_cast(mote_lower_ctx *c)
{
    mote_cast_step *p;
    mote_status st;
    if (c->op.n_inputs != 1)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected 1",
                               (unsigned)c->op.n_inputs);
    if ((unsigned)c->out.type >= 32 || !(CAST_TYPES & MOTE_TM(c->out.type)))
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s is not supported (FLOAT32, INT8, INT16, INT32, "
                               "UINT32 and BOOL are)",
                               mote_type_name(c->out.type));
    if (c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output has %U elements; input has %U",
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    if (c->out.elements > UINT32_MAX)
        return mote_lower_fail(c, MOTE_E_LIMIT, c->out_idx, "output above 2^32 elements");
    if ((p = mote_lower_step(c, MOTE_KID_CAST, 0, &st)) == NULL) return st;
    p->from = (int32_t)c->in[0].type;
    p->to = (int32_t)c->out.type;
    p->count = (uint32_t)c->out.elements;
    return MOTE_OK;
}

uint64_t mote_macs_cast(const mote_graph *g, const mote_graph_op *op)
{
    return mote_shape_no_macs(g, op);
}
