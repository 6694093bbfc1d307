/*
 * SOFTMAX over the last dimension: int8 in, int8 out (scale 1/256, zero
 * point -128, as TFLite requires), and float32. Options SoftmaxOptions:
 * 0 beta (schema default 0).
 */
#include <math.h>

#include "ops/op.h"
#include "ops/quant.h"

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
