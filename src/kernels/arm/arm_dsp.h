/*
 * arm_dsp.h — helpers shared by the DSP-extension kernels (internal).
 * Only included by files compiled with __ARM_FEATURE_DSP.
 *
 * No kernel here needs arena scratch: inputs and weights are widened to
 * int16 pairs in registers as they are read (SXTB16 takes bytes 0 and 2,
 * SXTB16 ROR #8 bytes 1 and 3; SXTAB16 adds the input offset in the same
 * instruction), so the Arm rows never make the arena larger than the
 * reference rows do.
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

/* The output stage of four consecutive output channels (one 32-bit store):
 * per-channel constants prepared once per call or channel block. */
typedef struct mote_arm_rq4 {
    int32_t m[4];      /* multipliers */
    int32_t hq[4];     /* 2^(e-2), e = -shift (fast form) */
    int32_t e1[4];     /* e - 1 (fast form) */
    int32_t sh[4];     /* the shifts (general form) */
    int32_t fast;      /* every shift <= -2: mote_arm_requant_e2 */
    int32_t ooff;      /* output zero point */
    int32_t full;      /* act range is [-128, 127]: SSAT alone clamps */
    uint32_t lo4, hi4; /* act_min / act_max in every byte */
} mote_arm_rq4;

/* Four copies of the byte v. */
MOTE_ARM_INLINE uint32_t mote_arm_dup8(int32_t v)
{
    return ((uint32_t)v & 0xFFu) * 0x01010101u;
}

/* Channel constants of rq for channels c0 .. c0+3 (mult/shift index c0 + i,
 * or 0 for every channel when per_tensor). */
void mote_arm_rq4_prep(mote_arm_rq4 *rq, const int32_t *mult, const int8_t *shift, int32_t c0,
                       int32_t per_tensor, int32_t ooff, int32_t act_min, int32_t act_max);

MOTE_ARM_INLINE int32_t mote_arm_rq4_one(const mote_arm_rq4 *rq, int32_t acc, int32_t i)
{
    if (rq->fast) return mote_arm_requant_e2(acc, rq->m[i], rq->hq[i], rq->e1[i]);
    return mote_arm_requant(acc, rq->m[i], rq->sh[i]);
}

/* v saturated to [-128, 127] (SSAT). */
MOTE_ARM_INLINE int32_t mote_arm_ssat8(int32_t v)
{
    int32_t r;
    __asm__("ssat %0, #8, %1" : "=r"(r) : "r"(v));
    return r;
}

/* Requantize four accumulators, add the zero point, saturate, pack into
 * one word (channel i in byte i), clamp to the activation range. */
MOTE_ARM_INLINE uint32_t mote_arm_rq4_pack(const mote_arm_rq4 *rq, int32_t a0, int32_t a1,
                                           int32_t a2, int32_t a3)
{
    const int32_t v0 = mote_arm_ssat8(mote_arm_rq4_one(rq, a0, 0) + rq->ooff);
    const int32_t v1 = mote_arm_ssat8(mote_arm_rq4_one(rq, a1, 1) + rq->ooff);
    const int32_t v2 = mote_arm_ssat8(mote_arm_rq4_one(rq, a2, 2) + rq->ooff);
    const int32_t v3 = mote_arm_ssat8(mote_arm_rq4_one(rq, a3, 3) + rq->ooff);
    uint32_t w = ((uint32_t)v0 & 0xFFu) | (((uint32_t)v1 & 0xFFu) << 8) |
                 (((uint32_t)v2 & 0xFFu) << 16) | ((uint32_t)v3 << 24);
    if (!rq->full) {
        (void)__ssub8((int32_t)w, (int32_t)rq->lo4); /* GE: w >= act_min */
        w = __sel(w, rq->lo4);
        (void)__ssub8((int32_t)rq->hi4, (int32_t)w); /* GE: act_max >= w */
        w = __sel(w, rq->hi4);
    }
    return w;
}

/* Four filter rows (w, w + K, w + 2K, w + 3K) against one input run x of
 * n int8 values: acc[r] += sum_k w[r*K + k] * (x[k] + input_offset).
 * off2 = input_offset in both halves (mote_arm_dup16). */
void mote_arm_dot4_s8(const int8_t *w, int32_t K, const int8_t *x, int32_t n, int32_t off2,
                      int32_t *acc);

/* One filter row against one input run: returns acc + the dot product. */
int32_t mote_arm_dot1_s8(const int8_t *w, const int8_t *x, int32_t n, int32_t off2, int32_t acc);

/* Widened weights: R filter rows (row stride K) as G groups of four depth
 * values, each group R (even, odd) SXTB16 pairs (zero past K), into wb
 * (2 * R * G words). */
void mote_arm_widen_rows(int32_t *wb, const int8_t *w, int32_t K, int32_t R, int32_t G);

/* acc[r] += four int8 filter rows (w + r * K) against g groups of a
 * widened input patch xw (mote_arm_widen_patch layout). */
void mote_arm_xdot4(const int32_t *xw, const int8_t *w, int32_t K, int32_t g, int32_t *acc);

/* acc[r] += four widened rows wb (mote_arm_widen_rows layout, R = 4)
 * against g >= 1 groups of a widened input xw (per group (x0, x2), (x1, x3),
 * the offset added): 11 instructions for 16 MACs. */
void mote_arm_wwdot4(const int32_t *xw, const int32_t *wb, int32_t g, int32_t *acc);

/* acc[r] += the widened rows wb (R = 4 / 2, in order) against nrows input
 * runs x, x + rstride, ... of 4 * g int8 each (plus the input offset). */
void mote_arm_wdot4(const int32_t *wb, const int8_t *x, int32_t rstride, int32_t nrows, int32_t g,
                    int32_t off2, int32_t *acc);
void mote_arm_wdot2(const int32_t *wb, const int8_t *x, int32_t rstride, int32_t nrows, int32_t g,
                    int32_t off2, int32_t *acc);

/* One group of four depth values against R = 4 / 2 widened rows: the
 * input word widened with the offset added (two SXTAB16), then per row one
 * LDRD of its (even, odd) pairs and two SMLAD: 15 instructions for 16
 * multiply-accumulates (4 rows), 9 for 8 (2 rows). */
#define W4_ROW(acc)                                                                                \
    "ldrd    %[w0], %[w1], [%[wb]], #8\n\t"                                                        \
    "smlad   %[" acc "], %[w0], %[xe], %[" acc "]\n\t"                                             \
    "smlad   %[" acc "], %[w1], %[xo], %[" acc "]\n\t"
#define W4_X                                                                                       \
    "ldr     %[xo], [%[x]], #4\n\t"                                                                \
    "sxtab16 %[xe], %[off], %[xo]\n\t"                                                             \
    "sxtab16 %[xo], %[off], %[xo], ror #8\n\t"
#define W4_STEP W4_X W4_ROW("a0") W4_ROW("a1") W4_ROW("a2") W4_ROW("a3")
#define W2_STEP W4_X W4_ROW("a0") W4_ROW("a1")

/* One run of g groups (g >= 1) against four widened rows, inline: the
 * accumulators stay in registers around it. */
MOTE_ARM_INLINE void mote_arm_wdot4_run(const int32_t *wb, const int8_t *x, int32_t g, int32_t off2,
                                        int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    const int8_t *end = x + 4 * g;
    int32_t xe, xo, w0, w1;
    if (g & 1)
        __asm__ volatile(
            W4_STEP
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [wb] "+r"(wb),
              [x] "+r"(x), [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1)
            : [off] "r"(off2)
            : "memory");
    if (x != end)
        __asm__ volatile(
            "1:\n\t" W4_STEP W4_STEP "cmp     %[x], %[end]\n\t"
            "bne     1b\n\t"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [wb] "+r"(wb),
              [x] "+r"(x), [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1)
            : [off] "r"(off2), [end] "r"(end)
            : "memory", "cc");
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* n bytes of zp at d (word stores). */
void mote_arm_fill_zp(int8_t *d, int8_t zp, int32_t n);

/* Rows ky_lo .. ky_hi-1 of a conv window at (y0, x0), each kw * C bytes, in
 * filter order into pt; the input zero point zp for the columns outside
 * [kx_lo, kx_hi) (padding: zp + input_offset = 0, so they add nothing). */
void mote_arm_gather_rows(int8_t *pt, const mote_conv_geom *g, const mote_dims *id,
                          const int8_t *in_batch, const mote_dims *fd, int32_t y0, int32_t x0,
                          int32_t ky_lo, int32_t ky_hi, int32_t kx_lo, int32_t kx_hi, int8_t zp);

/* The whole window at (y0, x0) into pt as n bytes: the rows above ky_lo,
 * mote_arm_gather_rows' rows and everything after them (up to n, the
 * patch's padding) the zero point zp. Inline: called per pixel. */
MOTE_ARM_INLINE void mote_arm_gather_window(int8_t *pt, int32_t n, const mote_conv_geom *g,
                                            const mote_dims *id, const int8_t *in_batch,
                                            const mote_dims *fd, int32_t y0, int32_t x0,
                                            int32_t ky_lo, int32_t ky_hi, int32_t kx_lo,
                                            int32_t kx_hi, int8_t zp)
{
    const int32_t row = fd->w * id->c;
    int32_t i = ky_lo * row;
    mote_arm_fill_zp(pt, zp, i);
    if (ky_hi > ky_lo) {
        mote_arm_gather_rows(pt + i, g, id, in_batch, fd, y0, x0, ky_lo, ky_hi, kx_lo, kx_hi, zp);
        i = ky_hi * row;
    }
    mote_arm_fill_zp(pt + i, zp, n - i);
}

/* Requantize (fast single-rounding form when shift <= -2). */
MOTE_ARM_INLINE int32_t mote_arm_rq_one(int32_t acc, int32_t m, int32_t s)
{
    if (s <= -2) return mote_arm_requant_e2(acc, m, (int32_t)1 << (-s - 2), -s - 1);
    return mote_arm_requant(acc, m, s);
}

/* Four outputs of channels o .. o+3, zero point, saturate, clamp: one word. */
MOTE_ARM_INLINE uint32_t mote_arm_pack4_q(const mote_requant *q, int32_t o, const int32_t *acc,
                                          int32_t ooff, int full, uint32_t lo4, uint32_t hi4)
{
    const int32_t v0 =
        mote_arm_ssat8(mote_arm_rq_one(acc[0], q->multiplier[o], q->shift[o]) + ooff);
    const int32_t v1 =
        mote_arm_ssat8(mote_arm_rq_one(acc[1], q->multiplier[o + 1], q->shift[o + 1]) + ooff);
    const int32_t v2 =
        mote_arm_ssat8(mote_arm_rq_one(acc[2], q->multiplier[o + 2], q->shift[o + 2]) + ooff);
    const int32_t v3 =
        mote_arm_ssat8(mote_arm_rq_one(acc[3], q->multiplier[o + 3], q->shift[o + 3]) + ooff);
    uint32_t w = ((uint32_t)v0 & 0xFFu) | (((uint32_t)v1 & 0xFFu) << 8) |
                 (((uint32_t)v2 & 0xFFu) << 16) | ((uint32_t)v3 << 24);
    if (!full) {
        (void)__ssub8((int32_t)w, (int32_t)lo4); /* GE: w >= act_min */
        w = __sel(w, lo4);
        (void)__ssub8((int32_t)hi4, (int32_t)w); /* GE: act_max >= w */
        w = __sel(w, hi4);
    }
    return w;
}

/* Four int32 accumulators (depthwise kernels). */
typedef struct mote_arm_acc4 {
    int32_t a0, a1, a2, a3;
} mote_arm_acc4;

/* One tap for four channels: x points at the input, wp at its filter pair. */
MOTE_ARM_INLINE void mote_arm_tap4(mote_arm_acc4 *a, const int8_t *x, const int32_t *wp,
                                   int32_t off2)
{
    const uint32_t v = mote_arm_ld32(x);
    const int32_t xe = mote_arm_even(v, off2), xo = mote_arm_odd(v, off2);
    const int32_t we = wp[0], wo = wp[1];
    a->a0 = __smlabb(we, xe, a->a0);
    a->a2 = __smlatt(we, xe, a->a2);
    a->a1 = __smlabb(wo, xo, a->a1);
    a->a3 = __smlatt(wo, xo, a->a3);
}

/* The dot product of MOTE_ARM_K16_CH (and of pwk's copy without the sign
 * correction): the doubled bias and eight SMLAD from the stream at r8,
 * ending with H in r11 and e in r12 (the multiplier in lr). */
#define MOTE_ARM_K16_DOT                                                                           \
    "ldm     r8!, {r9, r11, r12, lr}\n\t"                                                          \
    "smlad   r9, r11, r0, r9\n\t"                                                                  \
    "smlad   r9, r12, r1, r9\n\t"                                                                  \
    "smlad   r9, lr, r2, r9\n\t"                                                                   \
    "ldm     r8!, {r11, r12, lr}\n\t"                                                              \
    "smlad   r9, r11, r3, r9\n\t"                                                                  \
    "smlad   r9, r12, r4, r9\n\t"                                                                  \
    "smlad   r9, lr, r5, r9\n\t"                                                                   \
    "ldm     r8!, {r11, r12, lr}\n\t"                                                              \
    "smlad   r9, r11, r6, r9\n\t"                                                                  \
    "smlad   r9, r12, r7, r9\n\t"                                                                  \
    "ldm     r8!, {r11, r12}\n\t"

/* One output channel of a K = 16 per-channel stream (the pwk row and the
 * strided pws16 kernel build the same stream) against a pixel's widened
 * inputs (r0 .. r7), the stream at r8: the doubled bias and weight pairs
 * and the multiplier (three LDM), eight SMLAD, H and e (one LDM),
 * requantized into r9, before SSAT. */
#define MOTE_ARM_K16_CH                                                                            \
    MOTE_ARM_K16_DOT                                                                               \
    "add     r11, r11, r9, asr #31\n\t"                                                            \
    "smmlar  r9, r9, lr, r11\n\t"                                                                  \
    "asr     r9, r9, r12\n\t"

#endif /* MOTE_KERNELS_ARM_DSP_H */
