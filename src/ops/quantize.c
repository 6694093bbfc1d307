/*
 * QUANTIZE: float32 -> int8 / int16 (AffineQuantize), and the integer
 * requantizations TFLite Micro runs: int8 / int16 / int32 -> int8 / int16
 * (Requantize, multiplier QuantizeMultiplier(in_scale / out_scale) in
 * double). Per-tensor quantization only, as TFLite Micro. An int32 input
 * must carry one scale (> 0, finite) and a zero point; TFLite Micro also
 * runs an unquantized one (scale 0: every output its zero point), which
 * mote refuses as meaningless. int32 arithmetic that overflows in TFLite
 * Micro (an input far from its zero point) wraps modulo 2^32 in mote, the
 * bytes TFLite Micro gives on two's-complement targets, never undefined
 * behaviour. No options (QuantizeOptions carries none).
 */
#include <math.h>
#include <stdint.h>

#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

/* The int32 input's per-tensor scale and zero point (any int32 value). */
static mote_status quant_i32(mote_lower_ctx *c, float *scale, int32_t *zp)
{
    const mote_graph_tensor *t = &c->in[0];
    int64_t z;
    if (t->n_quant != 1)
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                               "int32 input needs one per-tensor scale, has %u",
                               (unsigned)t->n_quant);
    *scale = mote_graph_tensor_scale(t, 0);
    z = t->n_zero_points ? mote_graph_tensor_zero_point(t, 0) : 0;
    if (!(*scale > 0.0f) || !isfinite(*scale))
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0], "int32 input has scale %g",
                               (double)*scale);
    if (z < INT32_MIN || z > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                               "int32 input zero point %D is outside int32", (long long)z);
    *zp = (int32_t)z;
    return MOTE_OK;
}

mote_status mote_lower_quantize(mote_lower_ctx *c)
{
    const mote_type out_t = c->out.type;
    float in_scale = 0.0f, out_scale = 0.0f;
    int32_t in_zp = 0, out_zp = 0;
    mote_status st;

    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if (out_t != MOTE_INT8 && out_t != MOTE_INT16)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, c->out_idx,
                               "output type %s is not supported (INT8 and INT16 are)",
                               mote_type_name(out_t));
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &out_scale, &out_zp)) != MOTE_OK) return st;
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_quantize_f32_step *p = mote_lower_step(c, MOTE_KID_QUANTIZE_F32, 0, &st);
        if (p == NULL) return st;
        p->elements = (int32_t)c->out.elements;
        p->scale = out_scale;
        p->zero_point = out_zp;
        p->out_type = out_t == MOTE_INT8 ? MOTE_EW_OUT_INT8 : MOTE_EW_OUT_INT16;
        return MOTE_OK;
    } else {
        mote_requant_step *p;
        const mote_type in_t = c->in[0].type;
        mote_kernel_id k = in_t == MOTE_INT8    ? MOTE_KID_REQUANTIZE_S8
                           : in_t == MOTE_INT16 ? MOTE_KID_REQUANTIZE_S16
                                                : MOTE_KID_REQUANTIZE_S32;
        int32_t m, sh;
        st = in_t == MOTE_INT32 ? quant_i32(c, &in_scale, &in_zp)
                                : mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &in_scale, &in_zp);
        if (st != MOTE_OK) return st;
        if (mote_quant_requant((double)in_scale / (double)out_scale, &m, &sh) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "scale %g -> %g gives no valid multiplier", (double)in_scale,
                                   (double)out_scale);
        if ((p = mote_lower_step(c, k, 0, &st)) == NULL) return st;
        p->elements = (int32_t)c->out.elements;
        p->input_zp = in_zp;
        p->output_zp = out_zp;
        p->multiplier = m;
        p->shift = sh;
        p->act_min = mote_ew_qmin(out_t);
        p->act_max = mote_ew_qmax(out_t);
        p->out_type = out_t == MOTE_INT8 ? MOTE_EW_OUT_INT8 : MOTE_EW_OUT_INT16;
        return MOTE_OK;
    }
}

uint64_t mote_macs_quantize(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
