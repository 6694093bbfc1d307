/*
 * RELU6: int8, int16 and float32. Quantized, TFLite Micro clamps the input
 * values to [zero point, quantized 6] in the INPUT's quantization and
 * writes them unchanged (it never looks at the output's quantization; mote
 * does the same, so a model whose output quantization differs gets TFLM's
 * bytes). The quantized 6 is FloatToQuantizedType: roundf(6 / scale) + zp
 * added in float, clamped to the type. No options.
 */
#include <math.h>

#include "ops/op.h"
#include "ops/op_elementwise_util.h"

mote_status mote_lower_relu6(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    mote_clamp_step *p;
    float scale, six;
    int32_t zp;
    mote_status st;

    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if (t == MOTE_FLOAT32) {
        mote_unary_f32_step *pf = mote_lower_step(c, MOTE_KID_RELU6_F32, 0, &st);
        if (pf == NULL) return st;
        pf->elements = (int32_t)c->out.elements;
        return MOTE_OK;
    }
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &scale, &zp)) != MOTE_OK) return st;
    six = roundf(6.0f / scale) + (float)zp;
    p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_CLAMP_S8 : MOTE_KID_CLAMP_S16, 0, &st);
    if (p == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->lo = zp;
    p->hi = six >= (float)mote_ew_qmax(t)   ? mote_ew_qmax(t)
            : six <= (float)mote_ew_qmin(t) ? mote_ew_qmin(t)
                                            : (int32_t)six;
    return MOTE_OK;
}

uint64_t mote_macs_relu6(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
