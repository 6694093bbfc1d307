/*
 * LOG_SOFTMAX over the last dimension (mote/kernels_reduce.h), as TFLite's
 * reference kernels. int8: the row's exps (differences rescaled to Q5.26,
 * as SOFTMAX) summed in Q12.19, their log by gemmlowp's
 * log_x_for_x_greater_than_or_equal_to_1 (Q5.26 out), then each output is
 * (scaled difference - log sum) in units of 1/16 from 127. The log follows
 * gemmlowp step by step: its roundings define the result.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>

#include "mote/kernels.h"
#include "base/fixedpoint_exp.h"

/* gemmlowp SaturatingRoundingMultiplyByPOTParam for exponents >= 0. */
static int32_t sat_pot(int32_t x, int exponent)
{
    return exponent == 0 ? x : mote_fp_sat_shl(x, exponent);
}

static int32_t sat_add(int32_t a, int32_t b)
{
    const int64_t s = (int64_t)a + b;
    return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : (int32_t)s);
}

/* log(x) for x >= 1 given in Q12.19; Q5.26 out (accumulated in Q6.25). */
static int32_t log_q12_to_q5(int32_t x)
{
    const int32_t log_2 = 1488522236, sqrt_sqrt_half = 1805811301, sqrt_half = 1518500250;
    const int32_t alpha_n = 117049297, alpha_d = 127690142, alpha_i = 1057819769;
    const int32_t alpha_f = 638450708;
    const int in_bits = 12, acc_bits = 6;
    const int32_t shifted_quarter = mote_fp_div_pot(536870912, acc_bits);
    const int za_hr1 = mote_fp_clz32((uint32_t)x);
    const int32_t ra_tmp = sat_pot(x, za_hr1 - 1);
    const int32_t ra = sat_pot(mote_fp_mul_high(ra_tmp, sqrt_half), 1);
    const int32_t za_adj = sat_add(sat_pot(in_bits - za_hr1, 31 - acc_bits), shifted_quarter);
    const int32_t zb = mote_fp_mul_high(x, sqrt_half);
    const int zb_hr = mote_fp_clz32((uint32_t)zb) - 1;
    const int32_t rb = sat_pot(x, zb_hr);
    const int64_t zb_d = (int64_t)sat_pot(in_bits - zb_hr, 31 - acc_bits) - shifted_quarter;
    const int32_t zb_adj =
        zb_d > INT32_MAX ? INT32_MAX : (zb_d < INT32_MIN ? INT32_MIN : (int32_t)zb_d);
    const int32_t r = ra < rb ? ra : rb;
    const int32_t z_adj = za_adj > zb_adj ? za_adj : zb_adj;
    const int32_t p = mote_fp_half_sum(r, sqrt_sqrt_half);
    int32_t q = (int32_t)((uint32_t)r - (uint32_t)sqrt_sqrt_half), sq, num, den, recip;
    q = (int32_t)((uint32_t)q + (uint32_t)q);
    sq = mote_fp_mul_high(q, q);
    num = (int32_t)((uint32_t)mote_fp_mul_high(q, r) +
                    (uint32_t)mote_fp_mul_high(mote_fp_mul_high(q, sq), alpha_n));
    den = (int32_t)((uint32_t)mote_fp_mul_high(p,
                                               (int32_t)((uint32_t)alpha_i + (uint32_t)q +
                                                         (uint32_t)mote_fp_mul_high(alpha_d, sq))) +
                    (uint32_t)mote_fp_mul_high(alpha_f, q));
    recip = mote_fp_one_over_one_plus_x(den);
    /* Q6 sum, rescaled to Q5 (a saturating doubling). */
    return mote_fp_sat_shl(
        (int32_t)((uint32_t)mote_fp_mul_high(z_adj, log_2) +
                  (uint32_t)mote_fp_mul_high(mote_fp_div_pot(num, acc_bits), recip)),
        1);
}

static void row_s8(const mote_log_softmax_step *s, const int8_t *in, int8_t *out)
{
    int32_t max = -128, sum = 0, i, log_sum, adj_min, shifted;
    for (i = 0; i < s->depth; i++)
        max = in[i] > max ? in[i] : max;
    for (i = 0; i < s->depth; i++) {
        const int32_t d = (int32_t)in[i] - max;
        if (d >= s->p.diff_min)
            sum += mote_fp_div_pot(mote_fp_exp_neg_q5(mote_requantize_gt1(d, s->p.input_multiplier,
                                                                          s->p.input_left_shift)),
                                   12);
    }
    log_sum = log_q12_to_q5(sum);
    shifted = (int32_t)((uint32_t)log_sum + (uint32_t)INT32_MIN);
    adj_min = mote_requantize(shifted, s->reverse_multiplier, (int)s->reverse_shift);
    adj_min = s->p.diff_min - 1 > adj_min ? s->p.diff_min - 1 : adj_min;
    for (i = 0; i < s->depth; i++) {
        const int32_t d = (int32_t)in[i] - max;
        int32_t v = -128;
        if (d > adj_min) {
            const int32_t q5 = mote_requantize_gt1(d, s->p.input_multiplier, s->p.input_left_shift);
            v = mote_fp_div_pot((int32_t)((uint32_t)q5 - (uint32_t)log_sum), 31 - 5 - 4) + 127;
            v = v > 127 ? 127 : (v < -128 ? -128 : v);
        }
        out[i] = (int8_t)v;
    }
}

mote_status mote_ref_log_softmax_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_log_softmax_step *s = (const mote_log_softmax_step *)step;
    int32_t r;
    if (io->in[0] == NULL || io->out[0] == NULL || s->rows < 1 || s->depth < 1 ||
        s->p.input_left_shift < 0 || s->p.input_left_shift > 31)
        return MOTE_E_ARG;
    for (r = 0; r < s->rows; r++)
        row_s8(s, (const int8_t *)io->in[0] + (size_t)r * (size_t)s->depth,
               (int8_t *)io->out[0] + (size_t)r * (size_t)s->depth);
    return MOTE_OK;
}

mote_status mote_ref_log_softmax_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_log_softmax_step *s = (const mote_log_softmax_step *)step;
    int32_t r, i;
    if (io->in[0] == NULL || io->out[0] == NULL || s->rows < 1 || s->depth < 1) return MOTE_E_ARG;
    for (r = 0; r < s->rows; r++) {
        const float *x = (const float *)io->in[0] + (size_t)r * (size_t)s->depth;
        float *y = (float *)io->out[0] + (size_t)r * (size_t)s->depth;
        float max = -FLT_MAX, sum, log_sum;
        for (i = 0; i < s->depth; i++)
            max = x[i] > max ? x[i] : max;
        sum = expf(x[0] - max); /* 0 + e: the reference's sum from 0 */
        for (i = 1; i < s->depth; i++)
            sum += expf(x[i] - max);
        log_sum = logf(sum);
        for (i = 0; i < s->depth; i++)
            y[i] = x[i] - max - log_sum;
    }
    return MOTE_OK;
}
