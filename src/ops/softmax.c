/*
 * SOFTMAX over the last dimension: int8 in, int8 out (scale 1/256, zero
 * point -128, as TFLite requires), int16 in and out (zero points 0, output
 * scale 1/32768; TFLite's interpolated tables, computed here) and float32.
 * Options SoftmaxOptions: 0 beta (schema default 0).
 */
#include <math.h>

#include "ops/lower_select.h"
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

/* TFLite gen_lut<float, int16_t, int16_t> for the range [lo, hi] onto
 * [-1, 1]: 512 samples nudged by half the midpoint interpolation error,
 * plus the end point. which 0: exp(x); 1: 1 / (1 + x). */
static float lut_fn(int which, float x)
{
    return which ? 1.0f / (1.0f + x) : expf(x);
}

static void gen_lut(int which, float lo, float hi, int32_t *lut)
{
    const float step = (hi - lo) / 512, half = step / 2, scale = 65536.0f / 2.0f;
    int32_t i;
    for (i = 0; i <= 512; i++) {
        float v;
        if (i < 512) {
            const float val = lut_fn(which, lo + (float)i * step);
            const float mid = lut_fn(which, lo + (float)i * step + half);
            const float next = lut_fn(which, lo + (float)(i + 1) * step);
            const float interp = roundf((next * scale + roundf(val * scale)) / 2);
            v = roundf(val * scale) - roundf((interp - roundf(mid * scale)) / 2);
        } else {
            v = roundf(lut_fn(which, hi) * scale);
        }
        v = v < -32768.0f ? -32768.0f : (v > 32767.0f ? 32767.0f : v);
        if (which)
            lut[i] = (int32_t)((uint32_t)lut[i] | ((uint32_t)(int32_t)v << 16));
        else
            lut[i] = (int32_t)(uint16_t)(int16_t)v;
    }
}

/* int16: reached through lower_select.h's table (the tables and expf stay
 * out of a build whose selection has no SOFTMAX_S16). */
mote_status mote_lower_softmax_s16(mote_lower_ctx *c, float beta, int32_t rows, int32_t depth)
{
    mote_softmax_s16_step *p;
    float si, so;
    int32_t m, sh;
    mote_status st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &si, &m)) != MOTE_OK ||
        (st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &m)) != MOTE_OK)
        return st;
    if (fabsf(so - 1.0f / 32768.0f) > 0.001f / 32768.0f)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "int16 softmax output must have scale 1/32768 (has %g)", (double)so);
    /* Differences rescaled so that [-65535, 0] covers [-10, 0]; shifted
     * left by at most 15 they stay in int32. Sums of depth exps below
     * 2^15 fit int32 too. */
    if (mote_quant_requant((double)si * (double)beta / (10.0 / 65535.0), &m, &sh) != MOTE_OK ||
        sh > 15)
        return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                               "beta %g with input scale %g gives no valid multiplier",
                               (double)beta, (double)si);
    if (depth > 65535)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                               "int16 softmax over %d values; at most 65535 are supported",
                               (int)depth);
    p = mote_lower_step(c, MOTE_KID_SOFTMAX_S16, MOTE_SOFTMAX_S16_LUT, &st);
    if (p == NULL) return st;
    p->input_multiplier = m;
    p->input_shift = sh;
    p->rows = rows;
    p->depth = depth;
    p->channels = MOTE_SOFTMAX_S16_LUT;
    if (c->mult != NULL) {
        gen_lut(0, -10.0f, 0.0f, c->mult);
        gen_lut(1, 0.0f, 1.0f, c->mult);
    }
    return MOTE_OK;
}

mote_status mote_lower_softmax(mote_lower_ctx *c)
{
    float beta = mote_lower_opt_f32(c, 0, 0.0f);
    int32_t rows, depth;
    mote_status st;

    if (c->in[0].rank < 1 || c->in[0].elements == 0)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0], "input is empty");
    if (c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output has %U elements; input has %U",
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    depth = c->in[0].dims[c->in[0].rank - 1];
    rows = (int32_t)(c->in[0].elements / (size_t)depth);
    if (!isfinite(beta))
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "beta %g is not finite", (double)beta);
    if (c->in[0].type == MOTE_FLOAT32) {
        mote_softmax_f32_step *p = mote_lower_step(c, MOTE_KID_SOFTMAX_F32, 0, &st);
        if (p == NULL) return st;
        p->beta = beta;
        p->rows = rows;
        p->depth = depth;
        return MOTE_OK;
    } else if (c->in[0].type == MOTE_INT16) {
        return mote_lower_by_type_table.softmax_s16 == NULL
                   ? mote_lower_type_left_out(c)
                   : mote_lower_by_type_table.softmax_s16(c, beta, rows, depth);
    } else {
        mote_softmax_s8_step *p;
        float in_scale, out_scale;
        int32_t in_zp, out_zp;
        if ((st = mote_lower_act_quant(c, &c->in[0], c->in_idx[0], &in_scale, &in_zp)) != MOTE_OK)
            return st;
        if ((st = mote_lower_act_quant(c, &c->out, c->out_idx, &out_scale, &out_zp)) != MOTE_OK)
            return st;
        /* The int8 reference writes probabilities in units of 1/256 from
         * -128, so the output tensor must be quantized exactly that way. */
        if (out_zp != -128 || fabsf(out_scale - 1.0f / 256.0f) > 0.001f / 256.0f)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "int8 softmax output must have scale 1/256 and zero point "
                                   "-128 (has %g and %d)",
                                   (double)out_scale, (int)out_zp);
        /* The reference sums exp() values in a fixed-point type with 12
         * integer bits, so rows of 4096 or more could overflow it. */
        if (depth >= 4096)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                                   "int8 softmax over %d values; at most 4095 are supported",
                                   (int)depth);
        if ((p = mote_lower_step(c, MOTE_KID_SOFTMAX_S8, 0, &st)) == NULL) return st;
        p->rows = rows;
        p->depth = depth;
        if (mote_quant_softmax_s8(beta, in_scale, &p->p) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                                   "beta %g with input scale %g gives no valid multiplier",
                                   (double)beta, (double)in_scale);
        return MOTE_OK;
    }
}

uint64_t mote_macs_softmax(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
