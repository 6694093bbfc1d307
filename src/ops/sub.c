/*
 * SUB: int8, int16 (zero points 0) and float32, broadcasting up to rank 6.
 * Options SubOptions: 0 fused activation, 1 pot_scale_int16 (ignored: TFLite
 * Micro always takes the general int16 path, LiteRT takes a power-of-two
 * path when it is set; mote follows TFLite Micro). Multipliers as the TFLM
 * we match computes them, in double (mote_quant_sub).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_sub(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    int32_t act;
    mote_bcast b;
    mote_status st;

    if ((st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if (t == MOTE_FLOAT32) {
        mote_binary_f32_step *p = mote_lower_step(c, MOTE_KID_SUB_F32, 0, &st);
        if (p == NULL) return st;
        p->b = b;
        return mote_lower_act_f32(c, act, &p->act_min, &p->act_max);
    } else {
        mote_addsub_q_step *p;
        float s1, s2, so;
        int32_t z1, z2, zo, lo, hi;
        if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &s1, &z1)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], 1, &s2, &z2)) != MOTE_OK) return st;
        if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &so, &zo)) != MOTE_OK) return st;
        if ((st = mote_ew_act_q(c, act, t, so, zo, &lo, &hi)) != MOTE_OK) return st;
        p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_SUB_S8 : MOTE_KID_SUB_S16, 0, &st);
        if (p == NULL) return st;
        p->b = b;
        if (mote_quant_sub(s1, s2, so, t == MOTE_INT8 ? 20 : 15, p) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                                   "scales %g, %g -> %g give no valid multipliers", (double)s1,
                                   (double)s2, (double)so);
        p->input1_offset = -z1;
        p->input2_offset = -z2;
        p->output_offset = zo;
        p->act_min = lo;
        p->act_max = hi;
        return MOTE_OK;
    }
}

uint64_t mote_macs_sub(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
