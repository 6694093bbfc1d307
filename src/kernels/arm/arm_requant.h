/*
 * arm_requant.h — the int8 output stage of the Cortex-M kernels: an exact,
 * cheaper rewrite of mote_requantize() (src/base/fixedpoint.h), portable C.
 *
 * mote_requantize(acc, m, s) = div_pot(mul_high(acc << max(s, 0), m), max(-s, 0)).
 *
 * mul_high: trunc((a*b + nudge) / 2^31) with nudge = 2^30 for a*b >= 0 and
 * 1 - 2^30 below. For a*b >= 0 that is floor((a*b + 2^30) / 2^31); for
 * a*b < 0 the sum is negative, so the truncation is a ceiling:
 * ceil((a*b + 1 - 2^30) / 2^31) = floor((a*b + 1 - 2^30 + 2^31 - 1) / 2^31)
 * = floor((a*b + 2^30) / 2^31). One formula, an arithmetic shift of a 64-bit
 * sum (SMLAL, then two ALU ops). The one saturating case, INT32_MIN *
 * INT32_MIN, needs a negative multiplier, which mote_requant excludes
 * (multiplier in [2^30, 2^31) or 0).
 *
 * div_pot by e >= 1, ties away from zero: with y = x - (x < 0), the result
 * is floor(y / 2^e) + bit (e-1) of y. For x >= 0 that is round-half-up.
 * For x < 0 it is floor((x - 1 + 2^(e-1)) / 2^e) = ceil((x - 2^(e-1)) / 2^e),
 * i.e. round-half-down, which is "away from zero" for negatives. y cannot
 * wrap: |mul_high| < 2^31 - 1 for multipliers below 2^31.
 */
#ifndef MOTE_KERNELS_ARM_REQUANT_H
#define MOTE_KERNELS_ARM_REQUANT_H

#include <stdint.h>

#if defined(__GNUC__)
#define MOTE_ARM_RQ_INLINE static inline __attribute__((always_inline))
#else
#define MOTE_ARM_RQ_INLINE static inline
#endif

MOTE_ARM_RQ_INLINE int32_t mote_arm_requant(int32_t acc, int32_t multiplier, int32_t shift)
{
    int32_t mh;
    if (shift > 0) acc = (int32_t)((uint32_t)acc << shift);
    mh = (int32_t)(((int64_t)acc * multiplier + ((int64_t)1 << 30)) >> 31);
    if (shift < 0) {
        /* floor(y / 2^e) + bit (e-1) of y, from t = y >> (e-1); right
         * shifts are arithmetic (base/fixedpoint.h refuses to build else) */
        // cppcheck-suppress shiftTooManyBitsSigned
        const int32_t t = (mh + (mh >> 31)) >> (-shift - 1);
        return (t >> 1) + (t & 1);
    }
    return mh;
}

/* requantize, add the output zero point, clamp: mote_ref_output_s8()
 * without the bias (the kernels seed the accumulator with it). */
MOTE_ARM_RQ_INLINE int8_t mote_arm_out_s8(int32_t acc, int32_t multiplier, int32_t shift,
                                          int32_t output_offset, int32_t act_min, int32_t act_max)
{
    int32_t v = mote_arm_requant(acc, multiplier, shift) + output_offset;
    v = v < act_min ? act_min : v;
    v = v > act_max ? act_max : v;
    return (int8_t)v;
}

#endif /* MOTE_KERNELS_ARM_REQUANT_H */
