/*
 * RELU: int8, int16 (zero points 0, as TFLite Micro requires) and float32.
 * Quantized, TFLM's ReluQuantized rescales to the output's quantization:
 * multiplier QuantizeMultiplier(in_scale / out_scale) in double, clamp
 * [max(type min, out_zp + roundf(0 / out_scale)), type max]. No options.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_relu(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    mote_requant_step *p;
    float si, so;
    int32_t zi, zo, m, sh;
    mote_status st;

    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if (t == MOTE_FLOAT32) {
        mote_unary_f32_step *pf = mote_lower_step(c, MOTE_KID_RELU_F32, 0, &st);
        if (pf == NULL) return st;
        pf->elements = (int32_t)c->out.elements;
        return MOTE_OK;
    }
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &zo)) != MOTE_OK) return st;
    if (mote_quant_requant((double)si / (double)so, &m, &sh) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scale %g -> %g gives no valid multiplier", (double)si, (double)so);
    p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_REQUANTIZE_S8 : MOTE_KID_REQUANTIZE_S16, 0,
                        &st);
    if (p == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->input_zp = zi;
    p->output_zp = zo;
    p->multiplier = m;
    p->shift = sh;
    p->act_min = zo; /* roundf(0.0f / scale) is 0; zo is inside the type */
    p->act_max = mote_ew_qmax(t);
    p->out_type = t == MOTE_INT8 ? MOTE_EW_OUT_INT8 : MOTE_EW_OUT_INT16;
    return MOTE_OK;
}

uint64_t mote_macs_relu(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
