/*
 * ABS: int8, int16 (zero points 0, as TFLite Micro requires) and float32
 * (fabsf). Quantized, TFLite Micro's AbsEvalQuantized: |x - zero point|,
 * rescaled by QuantizeMultiplier(in_scale / out_scale) only when the two
 * scales differ, plus the output zero point. No options used (AbsOptions
 * has no fields).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_abs(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    mote_abs_q_step *p;
    float si, so;
    int32_t zi, zo;
    mote_status st;

    if (t == MOTE_FLOAT32) return mote_ew_lower_unary_f32(c, MOTE_KID_ABS_F32, 0.0f);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &zo)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_ABS_S8 : MOTE_KID_ABS_S16, 0, &st)) ==
        NULL)
        return st;
    p->elements = (int32_t)c->out.elements;
    p->input_zp = zi;
    p->output_zp = zo;
    p->rescale = si != so;
    if (p->rescale &&
        mote_quant_requant((double)si / (double)so, &p->multiplier, &p->shift) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scale %g -> %g gives no valid multiplier", (double)si, (double)so);
    return MOTE_OK;
}

uint64_t mote_macs_abs(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
