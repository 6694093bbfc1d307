/*
 * DEQUANTIZE: int8 / int16 -> float32, per-tensor quantization (TFLite
 * Micro's reference: (float)((double)scale * (x - zero_point))). No options.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_dequantize(mote_lower_ctx *c)
{
    mote_dequantize_step *p;
    float scale;
    int32_t zp;
    mote_status st;

    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if (c->out.type != MOTE_FLOAT32)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s is not supported (FLOAT32 is)",
                               mote_type_name(c->out.type));
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &scale, &zp)) != MOTE_OK) return st;
    p = mote_lower_step(
        c, c->in[0].type == MOTE_INT8 ? MOTE_KID_DEQUANTIZE_S8 : MOTE_KID_DEQUANTIZE_S16, 0, &st);
    if (p == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->scale = scale;
    p->zero_point = zp;
    return MOTE_OK;
}

uint64_t mote_macs_dequantize(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
