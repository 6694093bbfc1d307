/*
 * fixedpoint_rsqrt.h — 1 / sqrt(x) of a non-negative int32 as a multiplier
 * and a shift (TFLite's GetInvSqrtQuantizedMultiplierExp with reverse_shift
 * -1), shared by L2_NORMALIZATION int8 and RSQRT int8 / int16.
 */
#ifndef MOTE_BASE_FIXEDPOINT_RSQRT_H
#define MOTE_BASE_FIXEDPOINT_RSQRT_H

#include "base/fixedpoint_exp.h"

/* input >= 0. *mult in Q0.31 and *shift <= 0 (a right shift, in
 * mote_requantize's convention) with input^-1/2 = mult * 2^(shift - 31)
 * (times 2^31 for input <= 1, which gives INT32_MAX and 0). Five Newton
 * steps in gemmlowp Q3.28 fixed point, as TFLite. */
static inline void mote_fp_inv_sqrt(int32_t input, int32_t *mult, int32_t *shift)
{
    int32_t sh = 11, pairs, x, half_input, k;
    const int32_t half_three = (1 << 28) + (1 << 27);
    if (input <= 1) {
        *mult = INT32_MAX;
        *shift = 0;
        return;
    }
    while (input >= (1 << 29)) {
        input /= 4;
        sh++;
    }
    pairs = (mote_fp_clz32((uint32_t)input) - 1) / 2 - 1;
    sh -= pairs;
    input = (int32_t)((uint32_t)input << (2 * pairs));
    half_input = mote_fp_div_pot(input >> 1, 1);
    x = 1 << 28; /* F3 one */
    for (k = 0; k < 5; k++) {
        const int32_t x3 = mote_fp_sat_shl(mote_fp_mul_high(mote_fp_mul_high(x, x), x), 6);
        x = mote_fp_sat_shl((int32_t)((uint32_t)mote_fp_mul_high(half_three, x) -
                                      (uint32_t)mote_fp_mul_high(half_input, x3)),
                            3);
    }
    x = mote_fp_mul_high(x, 1518500250); /* sqrt(2) / 2 in Q0.31 */
    if (sh < 0) {
        x = (int32_t)((uint32_t)x << -sh);
        sh = 0;
    }
    *mult = x;
    *shift = -sh;
}

#endif /* MOTE_BASE_FIXEDPOINT_RSQRT_H */
