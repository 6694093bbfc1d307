/*
 * MUL (file stem "multiply": op.h already has a mote_macs_mul helper): int8, int16 (zero points 0, as TFLite Micro requires) and float32,
 * broadcasting up to rank 6. Options MulOptions: 0 fused activation.
 * Multiplier: QuantizeMultiplier(s1 * s2 / s_out) in double (TFLM
 * mul_common.cc).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_multiply(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    int32_t act;
    mote_bcast b;
    mote_status st;

    if ((st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if (t == MOTE_FLOAT32) {
        mote_binary_f32_step *p = mote_lower_step(c, MOTE_KID_MUL_F32, 0, &st);
        if (p == NULL) return st;
        p->b = b;
        return mote_lower_act_f32(c, act, &p->act_min, &p->act_max);
    } else {
        mote_mul_q_step *p;
        float s1, s2, so;
        int32_t z1, z2, zo, lo, hi, m, sh;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &s1, &z1)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], 1, &s2, &z2)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &zo)) != MOTE_OK) return st;
        if ((st = mote_ew_act_q(c, act, t, so, zo, &lo, &hi)) != MOTE_OK) return st;
        if (mote_quant_requant((double)s1 * (double)s2 / (double)so, &m, &sh) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "scales %g * %g -> %g give no valid multiplier", (double)s1,
                                   (double)s2, (double)so);
        p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_MUL_S8 : MOTE_KID_MUL_S16, 0, &st);
        if (p == NULL) return st;
        p->b = b;
        p->input1_offset = -z1;
        p->input2_offset = -z2;
        p->output_offset = zo;
        p->multiplier = m;
        p->shift = sh;
        p->act_min = lo;
        p->act_max = hi;
        return MOTE_OK;
    }
}

uint64_t mote_macs_multiply(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_out_elements(g, op);
}
