/*
 * quant.c — float -> fixed-point parameters, once per model, at lowering.
 *
 * Each function mirrors the float/double types of the TFLite Micro Prepare
 * code it stands for (named in quant.h); where TFLite aborts on a failed
 * check we return MOTE_E_QUANT instead.
 */
#include <math.h>
#include "ops/quant.h"
#include "mote/graph.h"

/* A usable scale: finite and strictly positive (also rejects NaN). */
static int scale_ok(float s)
{
    return s > 0.0f && s <= 3.402823466e38f;
}

static int zero_point_ok(int32_t zp)
{
    return zp >= -128 && zp <= 127;
}

void mote_quant_multiplier(double real, int32_t *multiplier, int32_t *shift)
{
    int e = 0;
    double q;
    int64_t q_fixed;

    *multiplier = 0;
    *shift = 0;
    if (real == 0.0 || !(real - real == 0.0)) /* zero, NaN or infinite */
        return;
    q = frexp(real, &e); /* |q| in [0.5, 1) */
    q_fixed = (int64_t)round(q * (double)((int64_t)1 << 31));
    /* q just below 1 can round to 2^31, one past the int32 range. */
    if (q_fixed == ((int64_t)1 << 31)) {
        q_fixed /= 2;
        ++e;
    }
    /* Below 2^-31 every bit of a product is shifted out. */
    if (e < -31) {
        e = 0;
        q_fixed = 0;
    }
    *multiplier = (int32_t)q_fixed;
    *shift = e;
}

/* TFLite's Quantize() helper of CalculateActivationRangeQuantized: float
 * division and roundf, refusing results outside int32. */
static mote_status quantize_f(float x, float scale, int32_t zero_point, int32_t *q)
{
    const float t = roundf(x / scale);
    if (!(t >= -2147483648.0f && t < 2147483648.0f)) return MOTE_E_QUANT;
    /* int64 sum: a huge t with a zero point cannot overflow here. */
    {
        int64_t v = (int64_t)zero_point + (int64_t)t;
        if (v < INT32_MIN || v > INT32_MAX) return MOTE_E_QUANT;
        *q = (int32_t)v;
    }
    return MOTE_OK;
}

mote_status mote_quant_activation_s8(int32_t act, float scale, int32_t zero_point, int32_t *act_min,
                                     int32_t *act_max)
{
    int32_t lo = -128, hi = 127, q;
    mote_status s;

    if (!act_min || !act_max) return MOTE_E_ARG;
    if (!scale_ok(scale) || !zero_point_ok(zero_point)) return MOTE_E_QUANT;
    switch (act) {
    case MOTE_ACT_NONE: break;
    case MOTE_ACT_RELU:
        if ((s = quantize_f(0.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        lo = q > lo ? q : lo;
        break;
    case MOTE_ACT_RELU6:
        if ((s = quantize_f(0.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        lo = q > lo ? q : lo;
        if ((s = quantize_f(6.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        hi = q < hi ? q : hi;
        break;
    case MOTE_ACT_RELU_N1_TO_1:
        if ((s = quantize_f(-1.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        lo = q > lo ? q : lo;
        if ((s = quantize_f(1.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        hi = q < hi ? q : hi;
        break;
    default: return MOTE_E_PARAM; /* TANH, SIGN_BIT: not fusable clamps */
    }
    /* Cannot trigger with a zero point in range (q(0) = zero point), kept so
     * kernels may rely on min <= max. */
    if (lo > hi) return MOTE_E_QUANT;
    *act_min = lo;
    *act_max = hi;
    return MOTE_OK;
}

/* Shared tail of the conv/FC multipliers: quantize a real multiplier and
 * check it fits the kernels' shift range [-31, 30]. */
static mote_status requant_entry(double real, int32_t *multiplier, int8_t *shift)
{
    int32_t m, sh;
    mote_quant_multiplier(real, &m, &sh);
    if (m < 0 || sh > 30 || sh < -31) return MOTE_E_QUANT;
    *multiplier = m;
    *shift = (int8_t)sh;
    return MOTE_OK;
}

mote_status mote_quant_conv_channel(float input_scale, float filter_scale, float output_scale,
                                    int32_t *multiplier, int8_t *shift)
{
    double real;
    if (!multiplier || !shift) return MOTE_E_ARG;
    if (!scale_ok(input_scale) || !scale_ok(output_scale) ||
        !(filter_scale == 0.0f || scale_ok(filter_scale)))
        return MOTE_E_QUANT;
    real = (double)input_scale * (double)filter_scale / (double)output_scale;
    return requant_entry(real, multiplier, shift);
}

/* TFLite QuantizeMultiplierSmallerThanOneExp: real in (0, 1), shift <= 0. */
static mote_status multiplier_below_one(double real, int32_t *multiplier, int32_t *shift)
{
    if (!(real > 0.0 && real < 1.0)) return MOTE_E_QUANT;
    mote_quant_multiplier(real, multiplier, shift);
    return *shift <= 0 ? MOTE_OK : MOTE_E_QUANT;
}

mote_status mote_quant_add_s8(float in1_scale, int32_t in1_zp, float in2_scale, int32_t in2_zp,
                              float out_scale, int32_t out_zp, int32_t act_min, int32_t act_max,
                              mote_add_s8_params *p)
{
    const int32_t left_shift = 20;
    double twice_max, real1, real2, real_out;
    mote_status s;

    if (!p) return MOTE_E_ARG;
    if (!scale_ok(in1_scale) || !scale_ok(in2_scale) || !scale_ok(out_scale) ||
        !zero_point_ok(in1_zp) || !zero_point_ok(in2_zp) || !zero_point_ok(out_zp) ||
        act_min < -128 || act_max > 127 || act_min > act_max)
        return MOTE_E_QUANT;
    twice_max = 2.0 * (double)(in1_scale > in2_scale ? in1_scale : in2_scale);
    real1 = (double)in1_scale / twice_max;
    real2 = (double)in2_scale / twice_max;
    real_out = twice_max / ((double)((int32_t)1 << left_shift) * (double)out_scale);

    p->input1_offset = -in1_zp;
    p->input2_offset = -in2_zp;
    p->output_offset = out_zp;
    p->left_shift = left_shift;
    if ((s = multiplier_below_one(real1, &p->input1_multiplier, &p->input1_shift)) != MOTE_OK)
        return s;
    if ((s = multiplier_below_one(real2, &p->input2_multiplier, &p->input2_shift)) != MOTE_OK)
        return s;
    if ((s = multiplier_below_one(real_out, &p->output_multiplier, &p->output_shift)) != MOTE_OK)
        return s;
    p->act_min = act_min;
    p->act_max = act_max;
    return MOTE_OK;
}

mote_status mote_quant_softmax_s8(float beta, float input_scale, mote_softmax_s8_params *p)
{
    const int integer_bits = 5; /* SOFTMAX's scaled-difference format, Q5.26 */
    const double max_real = (double)(((int64_t)1 << 31) - 1);
    double real, radius;
    int32_t mult, shift;

    if (!p) return MOTE_E_ARG;
    if (!scale_ok(beta) || !scale_ok(input_scale)) return MOTE_E_QUANT;
    real = (double)beta * (double)input_scale * (double)((int32_t)1 << (31 - integer_bits));
    if (real > max_real) real = max_real;
    /* QuantizeMultiplierGreaterThanOne refuses multipliers <= 1. */
    if (!(real > 1.0)) return MOTE_E_QUANT;
    mote_quant_multiplier(real, &mult, &shift);
    if (shift < 0 || shift > 31) return MOTE_E_QUANT;
    /* CalculateInputRadius: the largest difference whose left shift still
     * fits int32, (2^5 - 1) * 2^26 / 2^shift, floored. */
    radius = floor(1.0 * (double)((1 << integer_bits) - 1) *
                   (double)((int64_t)1 << (31 - integer_bits)) / (double)((int64_t)1 << shift));
    p->input_multiplier = mult;
    p->input_left_shift = shift;
    p->diff_min = -(int32_t)radius;
    return MOTE_OK;
}

/* ---- element-wise operators (ops/op_elementwise_util.c and their op files) */

mote_status mote_quant_activation_range(int32_t act, float scale, int32_t zero_point, int32_t qmin,
                                        int32_t qmax, int32_t *act_min, int32_t *act_max)
{
    int32_t lo = qmin, hi = qmax, q;
    mote_status s;
    if (!act_min || !act_max) return MOTE_E_ARG;
    if (!scale_ok(scale) || zero_point < qmin || zero_point > qmax) return MOTE_E_QUANT;
    if (act == MOTE_ACT_RELU || act == MOTE_ACT_RELU6) {
        if ((s = quantize_f(0.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        lo = q > lo ? q : lo;
    }
    if (act == MOTE_ACT_RELU6) {
        if ((s = quantize_f(6.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        hi = q < hi ? q : hi;
    }
    if (act == MOTE_ACT_RELU_N1_TO_1) {
        if ((s = quantize_f(-1.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        lo = q > lo ? q : lo;
        if ((s = quantize_f(1.0f, scale, zero_point, &q)) != MOTE_OK) return s;
        hi = q < hi ? q : hi;
    }
    if (act != MOTE_ACT_NONE && act != MOTE_ACT_RELU && act != MOTE_ACT_RELU6 &&
        act != MOTE_ACT_RELU_N1_TO_1)
        return MOTE_E_PARAM;
    if (lo > hi) return MOTE_E_QUANT;
    *act_min = lo;
    *act_max = hi;
    return MOTE_OK;
}

mote_status mote_quant_requant(double real, int32_t *multiplier, int32_t *shift)
{
    if (!multiplier || !shift) return MOTE_E_ARG;
    if (!(real >= 0.0) || !(real - real == 0.0)) return MOTE_E_QUANT;
    mote_quant_multiplier(real, multiplier, shift);
    if (*multiplier < 0 || *shift > 30 || *shift < -31) return MOTE_E_QUANT;
    return MOTE_OK;
}

mote_status mote_quant_sub(float in1_scale, float in2_scale, float out_scale, int32_t left_shift,
                           mote_addsub_q_step *p)
{
    double twice_max, real1, real2, real_out;
    mote_status s;
    if (!p) return MOTE_E_ARG;
    if (!scale_ok(in1_scale) || !scale_ok(in2_scale) || !scale_ok(out_scale) || left_shift < 0 ||
        left_shift > 20)
        return MOTE_E_QUANT;
    /* In double, as ADD (the TFLM we match; a later TFLM source forms
     * these ratios in float, which changes int16 outputs by one now and
     * then: tests/ops/spec_sub.py tells the two apart). */
    twice_max = 2.0 * (double)(in1_scale > in2_scale ? in1_scale : in2_scale);
    real1 = (double)in1_scale / twice_max;
    real2 = (double)in2_scale / twice_max;
    real_out = twice_max / ((double)((int32_t)1 << left_shift) * (double)out_scale);
    p->left_shift = left_shift;
    if ((s = multiplier_below_one(real1, &p->input1_multiplier, &p->input1_shift)) != MOTE_OK)
        return s;
    if ((s = multiplier_below_one(real2, &p->input2_multiplier, &p->input2_shift)) != MOTE_OK)
        return s;
    return multiplier_below_one(real_out, &p->output_multiplier, &p->output_shift);
}

mote_status mote_quant_sigmoid_s8(float input_scale, mote_sigmoid_s8_step *p)
{
    const int integer_bits = 4; /* the Q4 input of gemmlowp's logistic / tanh */
    double real, q, radius;
    int e = 0;
    if (!p) return MOTE_E_ARG;
    if (!scale_ok(input_scale)) return MOTE_E_QUANT;
    real = (double)input_scale * (double)((int32_t)1 << (31 - integer_bits));
    q = frexp(real, &e);
    q = round(q * (double)((int64_t)1 << 31));
    /* A significand rounding up to 2^31 overflows TFLite's int32 cast; a
     * shift outside [0, 30] makes its input radius or left shift undefined. */
    if (q >= 2147483648.0 || e < 0 || e > 30) return MOTE_E_QUANT;
    radius = floor((double)((1 << integer_bits) - 1) * (double)((int64_t)1 << (31 - integer_bits)) /
                   (double)((int64_t)1 << e));
    p->multiplier = (int32_t)q;
    p->shift = e;
    p->radius = (int32_t)radius;
    return MOTE_OK;
}
