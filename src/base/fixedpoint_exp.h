/*
 * fixedpoint_exp.h — fixed-point exp() and reciprocal for int8 SOFTMAX.
 *
 * These follow gemmlowp's fixedpoint.h (exp_on_negative_values,
 * one_over_one_plus_x_for_x_in_0_1) and TFLite's GetReciprocal step by step,
 * because TFLite's reference SOFTMAX is defined by exactly these roundings.
 * Values are raw int32 in a Qm.(31-m) format noted as "Qm" below; a product
 * of Qa and Qb is mote_fp_mul_high() and lands in Q(a+b). Additions are plain
 * int32 additions, as in gemmlowp; the ranges below keep them in bounds.
 */
#ifndef MOTE_BASE_FIXEDPOINT_EXP_H
#define MOTE_BASE_FIXEDPOINT_EXP_H

#include "base/fixedpoint.h"

/* Q0 cannot hold 1.0; gemmlowp's One() for it is the largest raw value. */
#define MOTE_FP_Q0_ONE INT32_MAX

/* (a + b) / 2 rounded half away from zero, without overflow. */
static inline int32_t mote_fp_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + (int64_t)b;
    return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/* exp(a) for a in [-1/4, 0), Q0 in and out: a 4-term Taylor series around
 * -1/8. Constants: exp(-1/8) and 1/3 in Q0. */
static inline int32_t mote_fp_exp_quarter(int32_t a)
{
    const int32_t exp_minus_1_8 = 1895147668;
    const int32_t one_third = 715827883;
    const int32_t x = a + (1 << 28); /* x = a + 1/8 */
    const int32_t x2 = mote_fp_mul_high(x, x);
    const int32_t x3 = mote_fp_mul_high(x2, x);
    const int32_t x4 = mote_fp_mul_high(x2, x2);
    const int32_t x4_over_4 = mote_fp_div_pot(x4, 2);
    /* (x^4/4 + x^3) / 3 + x^2, halved: x^4/24 + x^3/6 + x^2/2 */
    const int32_t poly = mote_fp_div_pot(mote_fp_mul_high(x4_over_4 + x3, one_third) + x2, 1);
    return exp_minus_1_8 + mote_fp_mul_high(exp_minus_1_8, x + poly);
}

/* exp(a) for a <= 0 given in Q5 (the 5 integer bits SOFTMAX scales its
 * differences to), result in Q0. a is split into its remainder modulo 1/4,
 * done by the series, and a multiple of 1/4 whose set bits each multiply by
 * a constant exp(-2^k), k = -2..4. Inputs below -32 cannot occur in Q5, so
 * gemmlowp's clamp for wider formats does not apply. */
static inline int32_t mote_fp_exp_neg_q5(int32_t a)
{
    /* exp(-1/4), exp(-1/2), exp(-1), exp(-2), exp(-4), exp(-8), exp(-16) in Q0 */
    const int32_t barrel[7] = {1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    const int32_t quarter = 1 << 24;                     /* 1/4 in Q5 */
    const int32_t a_mod = (a & (quarter - 1)) - quarter; /* in [-1/4, 0) */
    /* Bits of (a_mod - a), the non-negative multiple of 1/4 removed above;
     * unsigned arithmetic because only its bit pattern matters. */
    const uint32_t removed = (uint32_t)a_mod - (uint32_t)a;
    int32_t result = mote_fp_exp_quarter(mote_fp_sat_shl(a_mod, 5)); /* Q5 -> Q0 */
    int k;

    for (k = 0; k < 7; ++k) {
        if (removed & ((uint32_t)1 << (24 + k))) result = mote_fp_mul_high(result, barrel[k]);
    }
    return a == 0 ? MOTE_FP_Q0_ONE : result;
}

/* 1 / (1 + a) for a in [0, 1), Q0 in and out: three Newton-Raphson steps on
 * the half denominator, starting from 48/17 - 32/17 * d (Q2 constants). */
static inline int32_t mote_fp_one_over_one_plus_x(int32_t a)
{
    const int32_t c48_17 = 1515870810;      /* 48/17 in Q2 */
    const int32_t c_neg32_17 = -1010580540; /* -32/17 in Q2 */
    const int32_t q2_one = 1 << 29;
    const int32_t half_den = mote_fp_half_sum(a, MOTE_FP_Q0_ONE); /* Q0 */
    int32_t x = c48_17 + mote_fp_mul_high(half_den, c_neg32_17);  /* Q2 */
    int i;

    for (i = 0; i < 3; ++i) {
        const int32_t err = q2_one - mote_fp_mul_high(half_den, x); /* Q2 */
        x = x + mote_fp_sat_shl(mote_fp_mul_high(x, err), 2);       /* Q4 -> Q2 */
    }
    /* x approximates 1/half_den = 2/(1+a); reading the same raw value as Q1
     * halves it, then Q1 -> Q0. */
    return mote_fp_sat_shl(x, 1);
}

/* Number of leading zero bits of a non-zero value. Called once per SOFTMAX
 * row, so a portable loop is fine. */
static inline int mote_fp_clz32(uint32_t x)
{
    int n = 0;
    while (n < 32 && !(x & 0x80000000u)) {
        x <<= 1;
        ++n;
    }
    return n;
}

/* Reciprocal of x > 0 given with x_integer_bits integer bits (TFLite
 * GetReciprocal): returns 1/x normalised to Q0 and, in *bits_over_unit, the
 * power of two by which the true reciprocal is smaller. */
static inline int32_t mote_fp_reciprocal(int32_t x, int x_integer_bits, int *bits_over_unit)
{
    const int headroom_plus_one = mote_fp_clz32((uint32_t)x);
    /* x normalised to [1, 2), minus one, as Q0 in [0, 1). */
    const int32_t frac = (int32_t)(((uint32_t)x << headroom_plus_one) - 0x80000000u);
    *bits_over_unit = x_integer_bits - headroom_plus_one;
    return mote_fp_one_over_one_plus_x(frac);
}

#endif /* MOTE_BASE_FIXEDPOINT_EXP_H */
