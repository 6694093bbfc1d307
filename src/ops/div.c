/*
 * DIV: float32, int32 (truncating; a zero divisor fails the invoke with
 * MOTE_E_PARAM) and int8, a / b, fused activation (DivOptions field 0),
 * broadcasting, as TFLite Micro's reference kernel.
 *
 * int8 (TFLite Micro's CalculateOpDataDiv): any per-tensor scales and zero
 * points; output multiplier QuantizeMultiplier of s1 / (s2 * s_out) formed
 * in double (the installed TFLite Micro does; a later source forms it in
 * float, which differs on ties: tests/ops/spec_div_s8.py's edge 1 tells the
 * two apart); the fused activation's range in output units.
 * Broadcasting over at most 5 dimensions (TFLite Micro's quantized
 * BroadcastDivSlow is written for 5; equal shapes of rank 6 run flat).
 * Where TFLite Micro's result is undefined (src/kernels/ref/div_s8.c): a
 * divisor equal to its zero point (a division by zero) fails the invoke
 * with MOTE_E_PARAM; a quotient whose final rounding shift exceeds 31 (a
 * numerator small against its divisor, e.g. 0 / 100 at unit scales, where
 * TFLite Micro's x86 build returns zero point + 1) is the exact answer, the
 * output zero point; a shift below 0 (extreme scale ratios) fails too.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

/* Inputs of different shapes broadcast; TFLite Micro's int8 broadcast takes
 * rank <= 5. */
static int same_shape(const mote_lower_ctx *c)
{
    int32_t k;
    if (c->in[0].rank != c->in[1].rank) return 0;
    for (k = 0; k < (int32_t)c->in[0].rank; ++k)
        if (c->in[0].dims[k] != c->in[1].dims[k]) return 0;
    return 1;
}

static mote_status lower_s8(mote_lower_ctx *c)
{
    mote_div_s8_step *p;
    mote_bcast b;
    float s1, s2, so;
    int32_t z1, z2, zo, act, m, sh, lo, hi;
    mote_status st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if (!same_shape(c) && c->out.rank > 5)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx,
                               "int8 DIV broadcasts over at most 5 dimensions (output rank %d), "
                               "as TFLite Micro",
                               (int)c->out.rank);
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &s1, &z1)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], 0, &s2, &z2)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    if ((st = mote_ew_act_opt(c, 0, &act)) != MOTE_OK) return st;
    if ((st = mote_ew_act_q(c, act, MOTE_INT8, so, zo, &lo, &hi)) != MOTE_OK) return st;
    if (mote_quant_requant((double)s1 / ((double)s2 * (double)so), &m, &sh) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "scales %g / (%g * %g) give no valid multiplier", (double)s1,
                               (double)s2, (double)so);
    if ((p = mote_lower_step(c, MOTE_KID_DIV_S8, 0, &st)) == NULL) return st;
    p->b = b;
    p->input1_zp = z1;
    p->input2_zp = z2;
    p->output_zp = zo;
    p->output_multiplier = m;
    p->output_shift = sh;
    p->act_min = lo;
    p->act_max = hi;
    return MOTE_OK;
}

mote_status mote_lower_div(mote_lower_ctx *c)
{
    if (c->in[0].type == MOTE_INT32) return mote_ew_lower_binary_i32(c, MOTE_KID_DIV_I32, 1);
    if (c->in[0].type == MOTE_INT8) return lower_s8(c);
    return mote_ew_lower_binary_f32(c, MOTE_KID_DIV_F32, 1);
}

uint64_t mote_macs_div(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
