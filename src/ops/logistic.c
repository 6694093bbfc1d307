/*
 * LOGISTIC: int8 and float32. int8: TFLite Micro requires the output zero
 * point -128 and writes probabilities in units of 1/256 whatever the output
 * scale says (mote does the same, for the same bytes). int16: TFLite
 * Micro's table interpolation (zero points 0, output scale 2^-15,
 * op_elementwise_util.c). No options.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_logistic(mote_lower_ctx *c)
{
    mote_sigmoid_s8_step *p;
    float si, so;
    int32_t zi, zo;
    mote_status st;

    if (c->in[0].type == MOTE_FLOAT32)
        return mote_ew_lower_unary_f32(c, MOTE_KID_LOGISTIC_F32, 0.0f);
    if (c->in[0].type == MOTE_INT16) return mote_ew_lower_sigmoid_s16(c, 0, MOTE_KID_LOGISTIC_S16);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    if (zo != -128)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "int8 LOGISTIC output needs zero point -128 (has %d)", (int)zo);
    if ((p = mote_lower_step(c, MOTE_KID_LOGISTIC_S8, 0, &st)) == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->input_zp = zi;
    if (mote_quant_sigmoid_s8(si, p) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                               "input scale %g is outside what the int8 kernel handles "
                               "(2^-27 to 8)",
                               (double)si);
    return MOTE_OK;
}

uint64_t mote_macs_logistic(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
