/*
 * MUL (file stem "multiply": op.h already has a mote_macs_mul helper): int8, int16 (zero points 0, as TFLite Micro requires) and float32,
 * int32 (wrapping, as TFLite Micro's), broadcasting up to rank 6. Options
 * MulOptions: 0 fused activation.
 * Multiplier: QuantizeMultiplier(s1 * s2 / s_out) in double (TFLM
 * mul_common.cc).
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

mote_status mote_lower_multiply(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    mote_mul_q_step *p;
    mote_ew_binary_q q;
    int32_t act, m, sh;
    mote_bcast b;
    mote_status st;

    if (t == MOTE_FLOAT32) return mote_ew_lower_binary_f32(c, MOTE_KID_MUL_F32, 1);
    if (t == MOTE_INT32) return mote_ew_lower_binary_i32(c, MOTE_KID_MUL_I32, 1);
    if ((st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if ((st = mote_ew_quant_binary(c, act, &q)) != MOTE_OK) return st;
    if (mote_quant_requant((double)q.s1 * (double)q.s2 / (double)q.so, &m, &sh) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scales %g * %g -> %g give no valid multiplier", (double)q.s1,
                               (double)q.s2, (double)q.so);
    p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_MUL_S8 : MOTE_KID_MUL_S16, 0, &st);
    if (p == NULL) return st;
    p->b = b;
    p->input1_offset = -q.z1;
    p->input2_offset = -q.z2;
    p->output_offset = q.zo;
    p->multiplier = m;
    p->shift = sh;
    p->act_min = q.lo;
    p->act_max = q.hi;
    return MOTE_OK;
}

uint64_t mote_macs_multiply(const mote_graph *g, const mote_graph_op *op)
{
    return mote_macs_out_elements(g, op);
}
