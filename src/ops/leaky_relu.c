/*
 * LEAKY_RELU: int8, int16 and float32. Options LeakyReluOptions: 0 alpha
 * (float, default 0). Quantized, TFLM's Prepare forms both multipliers in
 * double: identity in_scale / out_scale and alpha in_scale * alpha /
 * out_scale (negative for a negative alpha), each through
 * QuantizeMultiplier. Zero points anywhere in the type. Any finite alpha:
 * a negative one gives a negative alpha multiplier, applied as TFLite
 * Micro's results show (src/kernels/ref/leaky_relu.c: the positive
 * multiplier's result negated; tests/ops/spec_leaky_relu.py draws alphas of
 * both signs, its edges many exact halves).
 */
#include <math.h>

#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

/* The kernel shifts x - zero point (|x| up to 255 or 65535) left by a
 * positive shift: it must stay inside int32. */
static mote_status check_shift(mote_lower_ctx *c, int32_t shift, mote_type t, const char *what)
{
    const int32_t limit = t == MOTE_INT8 ? 23 : 15;
    (void)what; /* unused when MOTE_NO_STRINGS drops the messages */
    if (shift > limit)
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "%s multiplier needs a left shift of %d (at most %d for %s)", what,
                               (int)shift, (int)limit, mote_type_name(t));
    return MOTE_OK;
}

mote_status mote_lower_leaky_relu(mote_lower_ctx *c)
{
    const mote_type t = c->in[0].type;
    const float alpha = mote_lower_opt_f32(c, 0, 0.0f);
    mote_leaky_relu_q_step *p;
    float si, so;
    int32_t zi, zo;
    mote_status st;

    if (t == MOTE_FLOAT32) return mote_ew_lower_unary_f32(c, MOTE_KID_LEAKY_RELU_F32, alpha);
    if ((st = mote_ew_same_shape(c)) != MOTE_OK) return st;
    if (!isfinite(alpha))
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "alpha %g is not supported for %s (finite only)", (double)alpha,
                               mote_type_name(t));
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 0, &si, &zi)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 0, &so, &zo)) != MOTE_OK) return st;
    p = mote_lower_step(c, t == MOTE_INT8 ? MOTE_KID_LEAKY_RELU_S8 : MOTE_KID_LEAKY_RELU_S16, 0,
                        &st);
    if (p == NULL) return st;
    p->elements = (int32_t)c->out.elements;
    p->input_zp = zi;
    p->output_zp = zo;
    mote_quant_multiplier((double)si / (double)so, &p->mult_identity, &p->shift_identity);
    mote_quant_multiplier((double)si * (double)alpha / (double)so, &p->mult_alpha, &p->shift_alpha);
    if (p->mult_alpha == INT32_MIN) /* -1 + 2^-32 > q: the kernel negates it */
        return mote_lower_fail(c, MOTE_E_QUANT, c->out_idx,
                               "alpha multiplier rounds to -2^31, which cannot be negated");
    if ((st = check_shift(c, p->shift_identity, t, "identity")) != MOTE_OK) return st;
    return check_shift(c, p->shift_alpha, t, "alpha");
}

uint64_t mote_macs_leaky_relu(const mote_graph *g, const mote_graph_op *op)
{
    (void)g;
    (void)op;
    return 0;
}
