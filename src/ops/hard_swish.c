/*
 * HARD_SWISH: int8 and float32 (TFLite Micro has no int16 kernel). int8:
 * TFLM's Prepare in float, hires = in_scale / 128 and the multipliers
 * hires / out_scale and hires / (3 / 32768), each QuantizeMultiplier'd and
 * rounded to 16 bits (DownScaleInt32ToInt16Multiplier); the output
 * exponent must be <= 0, as TFLM requires. No options.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

/* TFLite DownScaleInt32ToInt16Multiplier. */
static int32_t down16(int32_t m)
{
    return m >= INT32_MAX - (1 << 15) ? 32767 : (m + (1 << 15)) >> 16;
}

mote_status mote_lower_hard_swish(mote_lower_ctx *c)
{
    mote_hard_swish_s8_step *p;
    float si, so, hires;
    int32_t zi, zo, m, e;
    mote_status st;

    if (c->in[0].type == MOTE_FLOAT32)
        return mote_ew_lower_unary_f32(c, MOTE_KID_HARD_SWISH_F32, 0.0f);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    if ((p = mote_lower_step(c, MOTE_KID_HARD_SWISH_S8, 0, &st)) == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->input_zp = zi;
    p->output_zp = zo;
    hires = (1.0f / 128.0f) * si;
    mote_quant_multiplier((double)(hires / so), &m, &e);
    if (e > 0)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "input scale %g / 128 over output scale %g is %g; TFLite needs it "
                               "below 1",
                               (double)si, (double)so, (double)(hires / so));
    p->output_mult16 = down16(m);
    p->output_exp = e;
    mote_quant_multiplier((double)(hires / (3.0f / 32768.0f)), &m, &e);
    if (e > 30)
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0], "input scale %g is too large",
                               (double)si);
    p->reluish_mult16 = down16(m);
    p->reluish_exp = e;
    return MOTE_OK;
}

uint64_t mote_macs_hard_swish(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
