/*
 * RSQRT: float32 (1 / sqrtf), int8 and int16, as TFLite Micro's reference
 * kernel. Quantized: per-tensor scales, int16 zero points 0 (TFLite Micro
 * requires it), output multiplier QuantizeMultiplier(1 / (sqrt(in_scale) *
 * out_scale)) in double. TFLite Micro fails the invoke on a value below the
 * input zero point (RSQRT of a negative number); mote's kernel returns
 * MOTE_E_PARAM there. Refused: a multiplier whose shift minus TFLite's 20
 * extra bits falls outside [-31, 10], where TFLite Micro's rounding shift is
 * undefined (below) or its int32 product overflows (above). No options used.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

#include <math.h>

mote_status mote_lower_rsqrt(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    mote_rsqrt_q_step *p;
    float si, so;
    int32_t zi, zo, m = 0, sh = 0;
    mote_status st;

    if (t == MOTE_FLOAT32) return mote_ew_lower_unary_f32(c, MOTE_KID_RSQRT_F32, 0.0f);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &zo)) != MOTE_OK) return st;
    if (mote_quant_requant(1.0 / (sqrt((double)si) * (double)so), &m, &sh) != MOTE_OK ||
        sh - 20 < -31 || sh - 20 > 10)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scales %g -> %g give multiplier shift %d; TFLite Micro's RSQRT "
                               "is defined for shifts -11 to 30 only",
                               (double)si, (double)so, (int)sh);
    if ((p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_RSQRT_S8 : MOTE_KID_RSQRT_S16, 0, &st)) ==
        NULL)
        return st;
    p->elements = (int32_t)c->out.elements;
    p->input_zp = zi;
    p->output_zp = zo;
    p->multiplier = m;
    p->shift = sh;
    return MOTE_OK;
}

uint64_t mote_macs_rsqrt(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
