/*
 * quant.c — float -> fixed-point parameters, once per model, at lowering.
 *
 * Each function mirrors the float/double types of the TFLite Micro Prepare
 * code it stands for (named in quant.h); where TFLite aborts on a failed
 * check we return MOTE_E_QUANT instead. The double quotients of float
 * scales (conv / FC, ADD, SUB, SOFTMAX, LOGISTIC / TANH) are computed in
 * integers with the double's rounding (mote_quant_ratio_real), so a firmware
 * with only these operators links no soft-float double code;
 * tests/kernels/test_quant_ratio.c compares them with the double arithmetic.
 */
#include <math.h>
#include <string.h>
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

/* Significand and exponent of a finite float x > 0: x = *m * 2^*e, *m in
 * [1, 2^24). */
static uint32_t float_parts(float x, int32_t *e)
{
    uint32_t bits, biased;
    memcpy(&bits, &x, sizeof bits);
    biased = (bits >> 23) & 0xFFu;
    bits &= 0x7FFFFFu;
    if (biased == 0) { /* subnormal: no hidden bit, exponent of the smallest normal */
        *e = -149;
        return bits;
    }
    *e = (int32_t)biased - 150;
    return bits | 0x800000u;
}

static int32_t bit_length(uint64_t v)
{
    int32_t n = 0;
    while (v) {
        v >>= 1;
        ++n;
    }
    return n;
}

/* The double (double)a * (double)b / (double)c * 2^k as frexp gives it, in
 * integers: the product of two floats has at most 48 significant bits, so
 * it is exact in a double, and the quotient is the one rounding, to nearest
 * (ties to even) at 53 bits. Long division by shift and subtract yields 53
 * quotient bits, a guard bit and the remainder as the sticky bit. Within the
 * ranges of float and of |k| <= 64 the result is a normal double, so no
 * subnormal or overflow case exists. */
void mote_quant_ratio_real(float a, float b, float c, int32_t k, uint64_t *significand,
                           int32_t *exponent)
{
    int32_t ea, eb, ec, shift, i;
    const uint64_t ma = float_parts(a, &ea), mb = float_parts(b, &eb);
    uint64_t d = float_parts(c, &ec), r = ma * mb, q = 0;

    /* Line the two up: ma * mb / mc = r / d * 2^shift with r / d in [1, 2)
     * (subnormal factors may leave the product shorter than mc). */
    shift = bit_length(r) - bit_length(d);
    if (shift >= 0)
        d <<= shift;
    else
        r <<= -shift;
    if (r < d) {
        r <<= 1;
        --shift;
    }
    for (i = 0; i < 54; ++i) { /* r < 2d <= 2^49 throughout */
        q <<= 1;
        if (r >= d) {
            r -= d;
            q |= 1;
        }
        r <<= 1;
    }
    /* q in [2^53, 2^54): 53 bits and the guard bit; r != 0 is sticky. */
    {
        const uint64_t guard = q & 1;
        q >>= 1;
        if (guard && (r != 0 || (q & 1))) ++q;
        if (q >> 53) { /* rounded up to 2^53 (kept general; float operands
                        * cannot come that close to a power of two) */
            q >>= 1;
            ++shift;
        }
    }
    *significand = q;
    *exponent = ea + eb - ec + k + shift + 1;
}

/* mote_quant_multiplier() of the double significand * 2^(exponent - 53). */
static void multiplier_of_real(uint64_t significand, int32_t e, int32_t *multiplier, int32_t *shift)
{
    /* round(q * 2^31), half away from zero, of q = significand / 2^53. */
    uint64_t m = (significand + ((uint64_t)1 << 21)) >> 22;
    if (m >> 31) {
        m >>= 1;
        ++e;
    }
    if (e < -31) {
        e = 0;
        m = 0;
    }
    *multiplier = (int32_t)m;
    *shift = e;
}

void mote_quant_ratio_multiplier(float a, float b, float c, int32_t k, int32_t *multiplier,
                                 int32_t *shift)
{
    uint64_t q;
    int32_t e;
    if (b == 0.0f) {
        *multiplier = 0;
        *shift = 0;
        return;
    }
    mote_quant_ratio_real(a, b, c, k, &q, &e);
    multiplier_of_real(q, e, multiplier, shift);
}

/* TFLite's Quantize() helper of CalculateActivationRangeQuantized: float
 * division and roundf, refusing results outside int32. */
static mote_status quantize_f(float x, float scale, int32_t zero_point, int32_t *q)
{
    const float t = roundf(x / scale);
    if (!(t >= -2147483648.0f && t < 2147483648.0f)) return MOTE_E_QUANT;
    /* int64 sum: a huge t with a zero point cannot overflow here. */
    {
        /* t is integral and in int32: convert as int32 (an int64 conversion
         * of a float would pull in the runtime's double helpers). */
        int64_t v = (int64_t)zero_point + (int64_t)(int32_t)t;
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

mote_status mote_quant_conv_channel(float input_scale, float filter_scale, float output_scale,
                                    int32_t *multiplier, int8_t *shift)
{
    int32_t m, sh;
    if (!multiplier || !shift) return MOTE_E_ARG;
    if (!scale_ok(input_scale) || !scale_ok(output_scale) ||
        !(filter_scale == 0.0f || scale_ok(filter_scale)))
        return MOTE_E_QUANT;
    /* (double)input_scale * filter_scale / output_scale, in integers. The
     * kernels' shift range is [-31, 30]. Not through
     * mote_quant_ratio_multiplier: one frame less on the loading stack's
     * deepest path (lowering a convolution). */
    if (filter_scale == 0.0f) {
        m = 0;
        sh = 0;
    } else {
        uint64_t q;
        int32_t e;
        mote_quant_ratio_real(input_scale, filter_scale, output_scale, 0, &q, &e);
        multiplier_of_real(q, e, &m, &sh);
    }
    if (sh > 30) return MOTE_E_QUANT;
    *multiplier = m;
    *shift = (int8_t)sh;
    return MOTE_OK;
}

/* TFLite QuantizeMultiplierSmallerThanOneExp of a / c * 2^k (a, c valid
 * scales): the real multiplier must be below one (it is > 0) and the
 * resulting shift <= 0. */
static mote_status ratio_below_one(float a, float c, int32_t k, int32_t *multiplier, int32_t *shift)
{
    uint64_t q;
    int32_t e;
    mote_quant_ratio_real(a, 1.0f, c, k, &q, &e);
    if (e > 0) return MOTE_E_QUANT; /* real >= 1 */
    multiplier_of_real(q, e, multiplier, shift);
    return *shift <= 0 ? MOTE_OK : MOTE_E_QUANT;
}

/* The three ADD / SUB multipliers: twice_max = 2 * max(s1, s2), s1 /
 * twice_max, s2 / twice_max and twice_max / (2^left_shift * s_out), each a
 * double quotient of exact operands (the factors 2 and 2^left_shift only
 * move the exponent: k). */
static mote_status addsub_multipliers(float s1, float s2, float so, int32_t left_shift, int32_t *m1,
                                      int32_t *sh1, int32_t *m2, int32_t *sh2, int32_t *mo,
                                      int32_t *sho)
{
    const float max = s1 > s2 ? s1 : s2;
    mote_status s;
    if ((s = ratio_below_one(s1, max, -1, m1, sh1)) != MOTE_OK) return s;
    if ((s = ratio_below_one(s2, max, -1, m2, sh2)) != MOTE_OK) return s;
    return ratio_below_one(max, so, 1 - left_shift, mo, sho);
}

mote_status mote_quant_add_s8(float in1_scale, int32_t in1_zp, float in2_scale, int32_t in2_zp,
                              float out_scale, int32_t out_zp, int32_t act_min, int32_t act_max,
                              mote_add_s8_params *p)
{
    const int32_t left_shift = 20;
    mote_status s;

    if (!p) return MOTE_E_ARG;
    if (!scale_ok(in1_scale) || !scale_ok(in2_scale) || !scale_ok(out_scale) ||
        !zero_point_ok(in1_zp) || !zero_point_ok(in2_zp) || !zero_point_ok(out_zp) ||
        act_min < -128 || act_max > 127 || act_min > act_max)
        return MOTE_E_QUANT;
    p->input1_offset = -in1_zp;
    p->input2_offset = -in2_zp;
    p->output_offset = out_zp;
    p->left_shift = left_shift;
    s = addsub_multipliers(in1_scale, in2_scale, out_scale, left_shift, &p->input1_multiplier,
                           &p->input1_shift, &p->input2_multiplier, &p->input2_shift,
                           &p->output_multiplier, &p->output_shift);
    if (s != MOTE_OK) return s;
    p->act_min = act_min;
    p->act_max = act_max;
    return MOTE_OK;
}

mote_status mote_quant_softmax_s8(float beta, float input_scale, mote_softmax_s8_params *p)
{
    /* SOFTMAX's scaled-difference format is Q5.26: real = beta * scale *
     * 2^26, capped at 2^31 - 1 = ((2^31 - 1) * 2^22) * 2^(31 - 53). */
    const uint64_t max_q = (((uint64_t)1 << 31) - 1) << 22;
    uint64_t q;
    int32_t e, mult, shift;

    if (!p) return MOTE_E_ARG;
    if (!scale_ok(beta) || !scale_ok(input_scale)) return MOTE_E_QUANT;
    mote_quant_ratio_real(beta, input_scale, 1.0f, 26, &q, &e);
    if (e > 31 || (e == 31 && q > max_q)) {
        q = max_q;
        e = 31;
    }
    /* QuantizeMultiplierGreaterThanOne refuses multipliers <= 1 (q / 2^53 *
     * 2^e with q >= 2^52). */
    if (e < 1 || (e == 1 && q == ((uint64_t)1 << 52))) return MOTE_E_QUANT;
    multiplier_of_real(q, e, &mult, &shift);
    if (shift < 0 || shift > 31) return MOTE_E_QUANT;
    /* CalculateInputRadius: the largest difference whose left shift still
     * fits int32, (2^5 - 1) * 2^26 / 2^shift, floored. */
    p->input_multiplier = mult;
    p->input_left_shift = shift;
    p->diff_min = -(int32_t)((((uint32_t)1 << 5) - 1) << 26 >> shift);
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
    if (!p) return MOTE_E_ARG;
    if (!scale_ok(in1_scale) || !scale_ok(in2_scale) || !scale_ok(out_scale) || left_shift < 0 ||
        left_shift > 20)
        return MOTE_E_QUANT;
    /* In double, as ADD (the TFLM we match; a later TFLM source forms
     * these ratios in float, which changes int16 outputs by one now and
     * then: tests/ops/spec_sub.py tells the two apart). */
    p->left_shift = left_shift;
    return addsub_multipliers(in1_scale, in2_scale, out_scale, left_shift, &p->input1_multiplier,
                              &p->input1_shift, &p->input2_multiplier, &p->input2_shift,
                              &p->output_multiplier, &p->output_shift);
}

mote_status mote_quant_sigmoid_s8(float input_scale, mote_sigmoid_s8_step *p)
{
    /* The Q4 input of gemmlowp's logistic / tanh: frexp of input_scale *
     * 2^27 in double (exact), round(q * 2^31) half away from zero. */
    uint64_t q, m;
    int32_t e;
    if (!p) return MOTE_E_ARG;
    if (!scale_ok(input_scale)) return MOTE_E_QUANT;
    mote_quant_ratio_real(input_scale, 1.0f, 1.0f, 27, &q, &e);
    m = (q + ((uint64_t)1 << 21)) >> 22;
    /* A significand rounding up to 2^31 overflows TFLite's int32 cast; a
     * shift outside [0, 30] makes its input radius or left shift undefined. */
    if ((m >> 31) || e < 0 || e > 30) return MOTE_E_QUANT;
    p->multiplier = (int32_t)m;
    p->shift = e;
    /* CalculateInputRadius(4, e, 31): floor((2^4 - 1) * 2^27 / 2^e). */
    p->radius = (int32_t)((((uint32_t)1 << 4) - 1) << 27 >> e);
    return MOTE_OK;
}
