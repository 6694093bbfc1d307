/*
 * arm_dsp.h — helpers shared by the DSP-extension kernels (internal).
 * Only included by files compiled with __ARM_FEATURE_DSP.
 *
 * The int16 "column pair" layout the matrix multiply reads: two columns
 * (j = 0, 1) of K values each (x + input_offset, in [-255, 255]),
 * interleaved by groups of four. With K4 = K & ~3, value k < K4 of column j
 * sits at 8 * (k / 4) + 4 * j + {0, 2, 1, 3}[k % 4]: one 32-bit load gives
 * the pair (x0, x2), the next (x1, x3) — the pairs SXTB16 makes of four
 * int8 weights (bytes 0 and 2, then bytes 1 and 3 after a rotation). The
 * K - K4 tail values of column j follow at 2 * K4 + 4 * j + (k - K4).
 * A pair occupies mote_arm_col_elems(K) int16 (a multiple of 8, so pairs
 * placed one after another stay 16-byte aligned).
 */
#ifndef MOTE_KERNELS_ARM_DSP_H
#define MOTE_KERNELS_ARM_DSP_H

#define MOTE_ARM_INLINE static inline __attribute__((always_inline))

#include <stdint.h>
#include <string.h>
#include <arm_acle.h>
#include "mote/kernels.h"
#include "kernels/arm/arm_requant.h"

/* Unaligned 32-bit load / store (LDR/STR: Cortex-M3 and up allow it). */
MOTE_ARM_INLINE uint32_t mote_arm_ld32(const void *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
MOTE_ARM_INLINE void mote_arm_st32(void *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

/* (b0, b2) and (b1, b3) of four packed int8, sign-extended to int16 pairs,
 * each plus the int16 pair `add`. */
MOTE_ARM_INLINE int32_t mote_arm_even(uint32_t x, int32_t add)
{
    return __sxtab16(add, (int32_t)x);
}
MOTE_ARM_INLINE int32_t mote_arm_odd(uint32_t x, int32_t add)
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(add), "r"(x));
    return r;
}
MOTE_ARM_INLINE int32_t mote_arm_even0(uint32_t x)
{
    return __sxtb16((int32_t)x);
}
MOTE_ARM_INLINE int32_t mote_arm_odd0(uint32_t x)
{
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
    return r;
}

/* An int32 holding `v` in both 16-bit halves (v in [-32768, 32767]). */
MOTE_ARM_INLINE int32_t mote_arm_dup16(int32_t v)
{
    return (int32_t)(((uint32_t)v & 0xFFFFu) * 0x10001u);
}

/* The output stage shared by the matrix multiply's callers. */
typedef struct mote_arm_out {
    const int32_t *bias; /* out_c entries or NULL */
    const int32_t *mult; /* q_step ? out_c entries : 1 */
    const int8_t *shift;
    int32_t q_step; /* 1: per channel; 0: per tensor */
    int32_t output_offset, act_min, act_max;
} mote_arm_out;

/* int16 elements of one column pair of depth K. */
MOTE_ARM_INLINE int32_t mote_arm_col_elems(int32_t K)
{
    return 2 * (K & ~3) + 8;
}

/* out0[o] (and out1[o] when ncols is 2) for o in [0, out_c): the dot
 * product of filter row o (w + o * K, int8) with column 0 (1) of the pair
 * `col`, then the output stage. */
void mote_arm_matmul_s8(const int8_t *w, int32_t out_c, int32_t K, const int16_t *col,
                        int32_t ncols, const mote_arm_out *os, int8_t *out0, int8_t *out1);

/* Write n values (src[i] + input_offset) into column j of the pair `col`
 * (depth K) from depth index k on; src NULL writes zeros (padding). */
void mote_arm_col_fill(int16_t *col, int32_t K, int32_t j, int32_t k, const int8_t *src, int32_t n,
                       int32_t input_offset);

#endif /* MOTE_KERNELS_ARM_DSP_H */
