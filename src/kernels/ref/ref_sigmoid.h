/*
 * ref_sigmoid.h — gemmlowp's fixed-point logistic and tanh, which TFLite's
 * int8 LOGISTIC and TANH reference kernels are defined by (on top of the
 * exp / reciprocal pieces of base/fixedpoint_exp.h). Formats as there:
 * "Qm" is a raw int32 with m integer bits.
 */
#ifndef MOTE_KERNELS_REF_SIGMOID_H
#define MOTE_KERNELS_REF_SIGMOID_H

#include <stdint.h>
#include "base/fixedpoint.h"
#include "base/fixedpoint_exp.h"

/* exp(a) for a <= 0 in Q4 (gemmlowp exp_on_negative_values with 4 integer
 * bits), result in Q0: as mote_fp_exp_neg_q5, one fewer barrel step. */
static inline int32_t mote_fp_exp_neg_q4(int32_t a)
{
    /* exp(-1/4), exp(-1/2), exp(-1), exp(-2), exp(-4), exp(-8) in Q0 */
    const int32_t barrel[6] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401};
    const int32_t quarter = 1 << 25; /* 1/4 in Q4 */
    const int32_t a_mod = (a & (quarter - 1)) - quarter;
    const uint32_t removed = (uint32_t)a_mod - (uint32_t)a;
    int32_t result = mote_fp_exp_quarter(mote_fp_sat_shl(a_mod, 4)); /* Q4 -> Q0 */
    int k;
    for (k = 0; k < 6; ++k) {
        if (removed & ((uint32_t)1 << (25 + k))) result = mote_fp_mul_high(result, barrel[k]);
    }
    return a == 0 ? MOTE_FP_Q0_ONE : result;
}

/* (1 - a) / (1 + a) for a in [0, 1), Q0 in and out (gemmlowp
 * one_minus_x_over_one_plus_x_for_x_in_0_1): the Newton-Raphson steps of
 * mote_fp_one_over_one_plus_x, then 2 / (1 + a) - 1 back to Q0. */
static inline int32_t mote_fp_one_minus_x_over_one_plus_x(int32_t a)
{
    const int32_t c48_17 = 1515870810;      /* 48/17 in Q2 */
    const int32_t c_neg32_17 = -1010580540; /* -32/17 in Q2 */
    const int32_t q2_one = 1 << 29;
    const int32_t half_den = mote_fp_half_sum(a, MOTE_FP_Q0_ONE);
    int32_t x = c48_17 + mote_fp_mul_high(half_den, c_neg32_17);
    int i;
    for (i = 0; i < 3; ++i) {
        const int32_t err = q2_one - mote_fp_mul_high(half_den, x);
        x = x + mote_fp_sat_shl(mote_fp_mul_high(x, err), 2);
    }
    return mote_fp_sat_shl(x - q2_one, 2);
}

/* logistic(a), a in Q4, result in Q0 (gemmlowp logistic). */
static inline int32_t mote_fp_logistic_q4(int32_t a)
{
    int32_t pos;
    if (a == 0) return 1 << 30; /* one half */
    pos = mote_fp_one_over_one_plus_x(mote_fp_exp_neg_q4(a > 0 ? -a : a));
    return a > 0 ? pos : MOTE_FP_Q0_ONE - pos;
}

/* tanh(a), a in Q4, result in Q0 (gemmlowp tanh: exp(-2|a|) reads the same
 * raw value as Q5). */
static inline int32_t mote_fp_tanh_q4(int32_t a)
{
    int32_t t;
    if (a == 0) return 0;
    t = mote_fp_one_minus_x_over_one_plus_x(mote_fp_exp_neg_q5(a < 0 ? a : -a));
    return a < 0 ? -t : t;
}

#endif /* MOTE_KERNELS_REF_SIGMOID_H */
