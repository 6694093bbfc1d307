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

/*
 * The single-rounding form for e = -shift >= 2 (the common case): with
 * p = acc * m, the two roundings above collapse (floor(floor(a / N) / M) =
 * floor(a / (N M)) for positive integers N, M) into
 *   floor((p + 2^30 + 2^(30+e) - [x < 0] 2^31) / 2^(31+e)),
 * where x = mul_high(acc, m). [x < 0] may be replaced by [acc < 0]: when
 * acc < 0 but x = 0 (p in [-2^30, 0)) both forms give 0 for e >= 1. The
 * 64-bit addend is built in two registers, one SMLAL adds p, and since
 * 31 + e >= 32 the result is the high word shifted right by e - 1:
 * seven instructions. hq = 2^(e-2) and e1 = e - 1 are per-channel
 * constants (mote_arm_rq_prep).
 */
MOTE_ARM_RQ_INLINE int32_t mote_arm_requant_e2(int32_t acc, int32_t multiplier, int32_t hq,
                                               int32_t e1)
{
    // cppcheck-suppress shiftTooManyBitsSigned
    const int32_t sign = acc >> 31; /* arithmetic (base/fixedpoint.h) */
    const uint32_t lo = 0x40000000u | ((uint32_t)sign << 31);
    const uint32_t hi = (uint32_t)(hq + sign);
    const uint64_t init = ((uint64_t)hi << 32) | lo;
    const int64_t p = (int64_t)(init + (uint64_t)((int64_t)acc * multiplier));
    return (int32_t)(p >> 32) >> e1;
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
