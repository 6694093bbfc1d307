/*
 * SQUARED_DIFFERENCE: (a - b)^2, broadcasting up to rank 6, as TFLite
 * Micro's reference kernel: float32; int32 (wrapping); int8 and int16 (zero
 * points 0) quantized as TFLite Micro's Prepare does: both inputs rescaled
 * onto twice the larger input scale (multipliers below one), the square
 * requantized by (2 max scale)^2 / (2^(2 left shift) * output scale), that
 * last product in float as TFLite's int * float.
 */
#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

static mote_status lower_q(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    const int zp0 = t == MOTE_INT16;
    mote_sqdiff_q_step *p;
    mote_bcast b;
    float s1, s2, so;
    int32_t z1, z2, zo;
    double twice_max;
    mote_status st;
    if ((st = mote_ew_broadcast(c, &b)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], zp0, &s1, &z1)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->in[1], c->in_idx[1], zp0, &s2, &z2)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, zp0, &so, &zo)) != MOTE_OK) return st;
    if ((p = mote_lower_step(
             c, t == MOTE_INT8 ? MOTE_KID_SQUARED_DIFFERENCE_S8 : MOTE_KID_SQUARED_DIFFERENCE_S16,
             0, &st)) == NULL)
        return st;
    p->b = b;
    p->left_shift = t == MOTE_INT8 ? 7 : 0;
    p->input1_offset = -z1;
    p->input2_offset = -z2;
    p->output_offset = zo;
    p->act_min = mote_ew_qmin(t);
    p->act_max = mote_ew_qmax(t);
    twice_max = 2.0 * (double)(s1 > s2 ? s1 : s2);
    /* Each real multiplier is at most 1/2, so both are below one. */
    if ((st = mote_ew_mult_lt1(c, c->in_idx[0], (double)s1 / twice_max, &p->input1_multiplier,
                               &p->input1_shift)) != MOTE_OK)
        return st;
    if ((st = mote_ew_mult_lt1(c, c->in_idx[1], (double)s2 / twice_max, &p->input2_multiplier,
                               &p->input2_shift)) != MOTE_OK)
        return st;
    mote_quant_multiplier(twice_max * twice_max / (double)((float)(1 << (p->left_shift * 2)) * so),
                          &p->output_multiplier, &p->output_shift);
    if (p->output_shift > 30)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "output multiplier needs a left shift of %d (at most 30)",
                               (int)p->output_shift);
    return MOTE_OK;
}

mote_status mote_lower_squared_difference(mote_lower_ctx *c)
{
    if (c->in[0].type == MOTE_INT32)
        return mote_ew_lower_binary_i32(c, MOTE_KID_SQUARED_DIFFERENCE_I32, 0);
    if (c->in[0].type == MOTE_INT8 || c->in[0].type == MOTE_INT16) return lower_q(c);
    return mote_ew_lower_binary_f32(c, MOTE_KID_SQUARED_DIFFERENCE_F32, 0);
}

uint64_t mote_macs_squared_difference(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
