/*
 * LOG_SOFTMAX over the last dimension: int8 (output scale 16/256 and zero
 * point 127, as TFLite Micro requires) and float32. No options.
 */
#include "ops/op_reduce_util.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_log_softmax(mote_lower_ctx *c)
{
    mote_log_softmax_step *p;
    int32_t depth;
    mote_status st;
    if (c->in[0].rank < 1 || c->out.elements != c->in[0].elements)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output has %U elements; input has %U",
                               (unsigned long long)c->out.elements,
                               (unsigned long long)c->in[0].elements);
    depth = c->in[0].dims[c->in[0].rank - 1];
    if (c->in[0].elements > INT32_MAX)
        return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0], "input too large");
    if (c->in[0].type == MOTE_FLOAT32) {
        if ((p = mote_lower_step(c, MOTE_KID_LOG_SOFTMAX_F32, 0, &st)) == NULL) return st;
    } else {
        float si, so;
        int32_t zi, zo, rm, rs;
        mote_softmax_s8_params sp;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK ||
            (st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK)
            return st;
        if (so != 16.0f / 256.0f || zo != 127)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "int8 output needs scale 16/256 and zero point 127 (has %g, %d)",
                                   (double)so, (int)zo);
        /* The Q12.19 sum of exps holds 4095 exp(0) terms. */
        if (depth >= 4096)
            return mote_lower_fail(c, MOTE_E_PARAM, c->in_idx[0],
                                   "int8 log-softmax over %d values; at most 4095 are supported",
                                   (int)depth);
        /* TFLite PreprocessLogSoftmaxScalingExp with beta 1: SOFTMAX's
         * scaling, then 2^(31 - left shift) / multiplier as a multiplier
         * below one. */
        if (mote_quant_softmax_s8(1.0f, si, &sp) != MOTE_OK || sp.input_left_shift < 1)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                                   "input scale %g gives no valid multiplier", (double)si);
        mote_quant_multiplier((double)((int32_t)1 << (31 - sp.input_left_shift)) /
                                  (double)sp.input_multiplier,
                              &rm, &rs);
        if (rm <= 0 || rs > 0 || rs < -31)
            return mote_lower_fail(c, MOTE_E_QUANT, c->in_idx[0],
                                   "input scale %g gives no valid reverse multiplier", (double)si);
        if ((p = mote_lower_step(c, MOTE_KID_LOG_SOFTMAX_S8, 0, &st)) == NULL) return st;
        p->p = sp;
        p->reverse_multiplier = rm;
        p->reverse_shift = rs;
    }
    p->depth = depth;
    p->rows = (int32_t)(c->in[0].elements / (size_t)depth);
    return MOTE_OK;
}

uint64_t mote_macs_log_softmax(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
