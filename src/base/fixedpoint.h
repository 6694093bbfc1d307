/*
 * fixedpoint.h — the one definition of mote's fixed-point rounding.
 *
 * Every int8 kernel (reference and optimised variants) requantizes through
 * these helpers, so there is exactly one rounding rule in the runtime;
 * lowering (src/ops/quant.c) only computes the multipliers and shifts they
 * take. It lives in the base layer, below kernels, ops and the reader. It is TFLite's
 * default ("double rounding", no TFLITE_SINGLE_ROUNDING):
 *
 *   1. a left shift of the accumulator when the shift is positive, applied
 *      BEFORE the multiply (it wraps on overflow, as TFLite's int multiply
 *      does in practice; lowering bounds accumulators so it never should);
 *   2. a saturating rounding doubling high multiply by a Q31 multiplier,
 *      rounding halves up (toward +infinity: -1.5 -> -1, 1.5 -> 2);
 *   3. a rounding arithmetic right shift, rounding half away from zero.
 *
 * The gemmlowp-style exp / reciprocal that SOFTMAX needs live beside this
 * file in fixedpoint_exp.h.
 *
 * Portability: right shifts of negative values are implementation-defined in
 * C99; every compiler mote targets shifts arithmetically, and the check below
 * refuses to build otherwise rather than compute different bytes.
 */
#ifndef MOTE_BASE_FIXEDPOINT_H
#define MOTE_BASE_FIXEDPOINT_H

#include <stdint.h>

#if (-1 >> 1) != -1
#error "mote needs arithmetic right shifts of negative integers"
#endif

/* Saturating rounding doubling high multiply: round(a * b / 2^31) with the
 * one overflowing input pair (INT32_MIN * INT32_MIN) saturated to INT32_MAX.
 * C99 '/' truncates toward zero; with gemmlowp's sign-dependent nudge
 * (+2^30, or 1 - 2^30 for negative products) ties round toward +infinity:
 * 1.5 -> 2 but -1.5 -> -1. */
static inline int32_t mote_fp_mul_high(int32_t a, int32_t b)
{
    int64_t ab, nudge;
    if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;
    ab = (int64_t)a * (int64_t)b;
    nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/* Rounding divide by 2^exponent, exponent in [0, 31]: an arithmetic shift
 * corrected by one when the discarded bits exceed half (ties go away from
 * zero, hence the +1 on the threshold for negative x). */
static inline int32_t mote_fp_div_pot(int32_t x, int exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * 2^exponent for exponent in [1, 31], saturating to the int32 range
 * (gemmlowp's SaturatingRoundingMultiplyByPOT with a positive exponent). */
static inline int32_t mote_fp_sat_shl(int32_t x, int exponent)
{
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) return INT32_MAX;
    if (x < -threshold) return INT32_MIN;
    return (int32_t)((uint32_t)x << exponent);
}

/* acc * 2^shift as a wrapping int32 (shift in [0, 31]). Going through
 * uint32_t keeps C free of undefined behaviour and gives two's-complement
 * wrap-around, the bytes TFLite's plain 'x * (1 << shift)' produces. */
static inline int32_t mote_fp_shl_wrap(int32_t x, int shift)
{
    return (int32_t)((uint32_t)x << shift);
}

/* TFLite MultiplyByQuantizedMultiplier: acc * multiplier * 2^(shift - 31).
 * multiplier in [2^30, 2^31) or 0; shift in [-31, 30]. */
static inline int32_t mote_requantize(int32_t acc, int32_t multiplier, int shift)
{
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    return mote_fp_div_pot(mote_fp_mul_high(mote_fp_shl_wrap(acc, left), multiplier), right);
}

/* TFLite MultiplyByQuantizedMultiplierSmallerThanOneExp, used by ADD:
 * shift <= 0, no left shift at all. */
static inline int32_t mote_requantize_lt1(int32_t x, int32_t multiplier, int shift)
{
    return mote_fp_div_pot(mote_fp_mul_high(x, multiplier), -shift);
}

/* TFLite MultiplyByQuantizedMultiplierGreaterThanOne, used by SOFTMAX:
 * left_shift >= 0, no right shift at all. */
static inline int32_t mote_requantize_gt1(int32_t x, int32_t multiplier, int left_shift)
{
    return mote_fp_mul_high(mote_fp_shl_wrap(x, left_shift), multiplier);
}

/* TFLite MultiplyByQuantizedMultiplier for an int64 accumulator (the 16x8
 * kernels): the multiplier rounded to 16 bits ((m + 2^15) >> 16, or 0x7FFF
 * from 0x7FFF0000 up), then ONE rounding shift by 15 - shift (halves toward
 * +infinity), truncated to int32. shift in [-31, 14] (lowering checks).
 * Computed modulo 2^64 so no input is undefined behaviour; TFLite's own
 * range (|x| < 2^47) never wraps. */
static inline int32_t mote_requantize64(int64_t x, int32_t multiplier, int shift)
{
    const int64_t reduced =
        multiplier < 0x7FFF0000 ? (int64_t)(((int64_t)multiplier + (1 << 15)) >> 16) : 0x7FFF;
    const int total = 15 - shift;
    const uint64_t r = (uint64_t)x * (uint64_t)reduced + ((uint64_t)1 << (total - 1));
    return (int32_t)(uint32_t)(uint64_t)((int64_t)r >> total);
}

#endif /* MOTE_BASE_FIXEDPOINT_H */
