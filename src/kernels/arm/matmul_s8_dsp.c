/*
 * matmul_s8_dsp.c — the int8 dot products behind CONV_2D and
 * FULLY_CONNECTED on cores with the DSP extension, and the four-channel
 * output stage (arm_dsp.h).
 *
 * mote_arm_dot4_s8: four filter rows against one input run, no scratch.
 * Per four depth values: one input load widened with the offset added
 * (two SXTAB16), then per row one load, two SXTB16, two SMLAD: 23
 * instructions for 16 multiply-accumulates. The loop is assembly because
 * it needs 13 registers and GCC at -Os spills its C equivalent; it is
 * unrolled twice, its counter kept on the stack.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"

void mote_arm_rq4_prep(mote_arm_rq4 *rq, const int32_t *mult, const int8_t *shift, int32_t c0,
                       int32_t per_tensor, int32_t ooff, int32_t act_min, int32_t act_max)
{
    int32_t i, fast = 1;
    for (i = 0; i < 4; ++i) {
        const int32_t k = per_tensor ? 0 : c0 + i;
        const int32_t s = shift[k];
        rq->m[i] = mult[k];
        rq->sh[i] = s;
        if (s <= -2) {
            rq->hq[i] = (int32_t)1 << (-s - 2);
            rq->e1[i] = -s - 1;
        } else {
            rq->hq[i] = 0;
            rq->e1[i] = 0;
            fast = 0;
        }
    }
    rq->fast = fast;
    rq->ooff = ooff;
    rq->full = act_min <= -128 && act_max >= 127;
    rq->lo4 = mote_arm_dup8(act_min);
    rq->hi4 = mote_arm_dup8(act_max);
}

/* Row r (0..3) of one group of four depth values: xe/xo hold the input
 * pairs; ld is the load of the row's word. */
#define D4_ROW(ld, acc)                                                                            \
    ld "sxtb16  %[we], %[wt]\n\t"                                                                  \
       "smlad   %[" acc "], %[we], %[xe], %[" acc "]\n\t"                                          \
       "sxtb16  %[wt], %[wt], ror #8\n\t"                                                          \
       "smlad   %[" acc "], %[wt], %[xo], %[" acc "]\n\t"

#define D4_STEP                                                                                    \
    "ldr     %[xo], [%[x]], #4\n\t"                                                                \
    "sxtab16 %[xe], %[off], %[xo]\n\t"                                                             \
    "sxtab16 %[xo], %[off], %[xo], ror #8\n\t" D4_ROW("ldr     %[wt], [%[w0], %[K]]\n\t", "a1")    \
        D4_ROW("ldr     %[wt], [%[w0]], #4\n\t", "a0")                                             \
            D4_ROW("ldr     %[wt], [%[w2], %[K]]\n\t", "a3")                                       \
                D4_ROW("ldr     %[wt], [%[w2]], #4\n\t", "a2")

/* g groups of four depth values (g >= 1), rows w0, w0 + K, w2, w2 + K.
 * A function of its own so that the asm's 14 registers are all there is
 * to allocate (nothing else lives across it). */
static __attribute__((noinline)) void dot4_groups(int32_t *acc, const int8_t *w0, const int8_t *w2,
                                                  const int8_t *x, int32_t K, int32_t off2,
                                                  int32_t g)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t xe, xo, wt, we;
    int32_t pairs = g >> 1;
    if (g & 1) {
        __asm__ volatile(D4_STEP
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
                           [w0] "+r"(w0), [w2] "+r"(w2), [x] "+r"(x), [xe] "=&r"(xe),
                           [xo] "=&r"(xo), [wt] "=&r"(wt), [we] "=&r"(we)
                         : [K] "r"(K), [off] "r"(off2)
                         : "memory");
    }
    if (pairs > 0) {
        /* The counter lives in memory: with -mfloat-abi=hard GCC will not
         * hand out a 14th register to an asm. */
        __asm__ volatile("1:\n\t" D4_STEP D4_STEP "ldr     %[wt], %[n]\n\t"
                         "subs    %[wt], %[wt], #1\n\t"
                         "str     %[wt], %[n]\n\t"
                         "bne     1b\n\t"
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
                           [w0] "+r"(w0), [w2] "+r"(w2), [x] "+r"(x), [n] "+m"(pairs),
                           [xe] "=&r"(xe), [xo] "=&r"(xo), [wt] "=&r"(wt), [we] "=&r"(we)
                         : [K] "r"(K), [off] "r"(off2)
                         : "memory", "cc");
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

void mote_arm_dot4_s8(const int8_t *w, int32_t K, const int8_t *x, int32_t n, int32_t off2,
                      int32_t *acc)
{
    const int32_t n4 = n & ~3;
    int32_t k;
    if (n4 > 0) dot4_groups(acc, w, w + 2 * K, x, K, off2, n >> 2);
    if (n & 3) {
        const int32_t off = (int16_t)off2;
        const int8_t *w0 = w + n4, *w2 = w + 2 * K + n4;
        int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
        x += n4;
        for (k = 0; k < (n & 3); ++k) {
            const int32_t v = x[k] + off;
            a0 += w0[k] * v;
            a1 += w0[K + k] * v;
            a2 += w2[k] * v;
            a3 += w2[K + k] * v;
        }
        acc[0] = a0;
        acc[1] = a1;
        acc[2] = a2;
        acc[3] = a3;
    }
}

/* ---- widened-weight dot products (weights pre-widened on the stack) --- */

void mote_arm_widen_rows(int32_t *wb, const int8_t *w, int32_t K, int32_t R, int32_t G)
{
    int32_t j, r, k;
    for (j = 0; j < G; ++j)
        for (r = 0; r < R; ++r) {
            const int8_t *src = w + r * K + 4 * j;
            uint32_t v;
            if (4 * j + 4 <= K) {
                v = mote_arm_ld32(src);
            } else { /* last, partial group: zero weights past K */
                v = 0;
                for (k = 0; k < K - 4 * j; ++k)
                    v |= ((uint32_t)(uint8_t)src[k]) << (8 * k);
            }
            *wb++ = mote_arm_even0(v);
            *wb++ = mote_arm_odd0(v);
        }
}

/* Widened weights against a widened input: per group of four depth values
 * one LDRD of the input pairs (offset added), two LDM of four widened
 * weight words (rows 0-1, rows 2-3) and eight SMLAD: 11 instructions for 16
 * MACs (plus the loop's two, every two groups). g >= 1. Hand-written (naked)
 * because it needs 13 registers in a fixed, ascending order for LDM. */
__attribute__((naked, noinline)) void mote_arm_wwdot4(const int32_t *xw __attribute__((unused)),
                                                      const int32_t *wb __attribute__((unused)),
                                                      int32_t g __attribute__((unused)),
                                                      int32_t *acc __attribute__((unused)))
{
    __asm__ volatile("push    {r3, r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "ldm     r3, {r4, r5, r6, r7}\n\t"
                     "tst     r2, #1\n\t"             /* g odd: one group first */
                     "add     r2, r0, r2, lsl #3\n\t" /* end of the input (flags kept) */
                     "beq     1f\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r4, r10, r8, r4\n\t"
                     "smlad   r4, r11, r9, r4\n\t"
                     "smlad   r5, r12, r8, r5\n\t"
                     "smlad   r5, lr, r9, r5\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r6, r10, r8, r6\n\t"
                     "smlad   r6, r11, r9, r6\n\t"
                     "smlad   r7, r12, r8, r7\n\t"
                     "smlad   r7, lr, r9, r7\n\t"
                     "1:\n\t"
                     "cmp     r0, r2\n\t"
                     "beq     3f\n\t"
                     "2:\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r4, r10, r8, r4\n\t"
                     "smlad   r4, r11, r9, r4\n\t"
                     "smlad   r5, r12, r8, r5\n\t"
                     "smlad   r5, lr, r9, r5\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r6, r10, r8, r6\n\t"
                     "smlad   r6, r11, r9, r6\n\t"
                     "smlad   r7, r12, r8, r7\n\t"
                     "smlad   r7, lr, r9, r7\n\t"
                     "ldrd    r8, r9, [r0], #8\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r4, r10, r8, r4\n\t"
                     "smlad   r4, r11, r9, r4\n\t"
                     "smlad   r5, r12, r8, r5\n\t"
                     "smlad   r5, lr, r9, r5\n\t"
                     "ldm     r1!, {r10, r11, r12, lr}\n\t"
                     "smlad   r6, r10, r8, r6\n\t"
                     "smlad   r6, r11, r9, r6\n\t"
                     "smlad   r7, r12, r8, r7\n\t"
                     "smlad   r7, lr, r9, r7\n\t"
                     "cmp     r0, r2\n\t"
                     "bne     2b\n\t"
                     "3:\n\t"
                     "pop     {r3}\n\t"
                     "stm     r3, {r4, r5, r6, r7}\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/* Four int8 filter rows (w, w + K, w + 2K, w + 3K) against g groups of a
 * widened input patch xw (per group (x0, x2), (x1, x3) with the offset
 * already added): one LDRD of the input pair, then per row one load, two
 * SXTB16, two SMLAD: 21 instructions for 16 MACs. */
#define X4_ROW(ld, acc)                                                                            \
    ld "sxtb16  %[we], %[wt]\n\t"                                                                  \
       "smlad   %[" acc "], %[we], %[xe], %[" acc "]\n\t"                                          \
       "sxtb16  %[wt], %[wt], ror #8\n\t"                                                          \
       "smlad   %[" acc "], %[wt], %[xo], %[" acc "]\n\t"
#define X4_STEP                                                                                    \
    "ldrd    %[xe], %[xo], [%[x]], #8\n\t" X4_ROW("ldr     %[wt], [%[w0], %[K]]\n\t", "a1")        \
        X4_ROW("ldr     %[wt], [%[w0]], #4\n\t", "a0")                                             \
            X4_ROW("ldr     %[wt], [%[w2], %[K]]\n\t", "a3")                                       \
                X4_ROW("ldr     %[wt], [%[w2]], #4\n\t", "a2")

void mote_arm_xdot4(const int32_t *xw, const int8_t *w, int32_t K, int32_t g, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    const int8_t *w0 = w, *w2 = w + 2 * K;
    const int32_t *end = xw + 2 * g;
    int32_t xe, xo, wt, we;
    if (g & 1)
        __asm__ volatile(X4_STEP
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
                           [w0] "+r"(w0), [w2] "+r"(w2), [x] "+r"(xw), [xe] "=&r"(xe),
                           [xo] "=&r"(xo), [wt] "=&r"(wt), [we] "=&r"(we)
                         : [K] "r"(K)
                         : "memory");
    if (xw != end)
        __asm__ volatile("1:\n\t" X4_STEP X4_STEP "cmp     %[x], %[end]\n\t"
                         "bne     1b\n\t"
                         : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
                           [w0] "+r"(w0), [w2] "+r"(w2), [x] "+r"(xw), [xe] "=&r"(xe),
                           [xo] "=&r"(xo), [wt] "=&r"(wt), [we] "=&r"(we)
                         : [K] "r"(K), [end] "r"(end)
                         : "memory", "cc");
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

void mote_arm_wdot4(const int32_t *wb, const int8_t *x, int32_t rstride, int32_t nrows, int32_t g,
                    int32_t off2, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t r;
    for (r = 0; r < nrows; ++r, x += rstride) {
        const int8_t *xp = x, *end = x + 4 * g;
        int32_t xe, xo, w0, w1;
        if (g & 1)
            __asm__ volatile(
                W4_STEP
                : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [wb] "+r"(wb),
                  [x] "+r"(xp), [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1)
                : [off] "r"(off2)
                : "memory");
        if (xp != end)
            __asm__ volatile(
                "1:\n\t" W4_STEP W4_STEP "cmp     %[x], %[end]\n\t"
                "bne     1b\n\t"
                : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [wb] "+r"(wb),
                  [x] "+r"(xp), [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1)
                : [off] "r"(off2), [end] "r"(end)
                : "memory", "cc");
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

void mote_arm_wdot2(const int32_t *wb, const int8_t *x, int32_t rstride, int32_t nrows, int32_t g,
                    int32_t off2, int32_t *acc)
{
    int32_t a0 = acc[0], a1 = acc[1];
    int32_t r;
    for (r = 0; r < nrows; ++r, x += rstride) {
        const int8_t *xp = x, *end = x + 4 * g;
        int32_t xe, xo, w0, w1;
        if (g & 1)
            __asm__ volatile(W2_STEP
                             : [a0] "+r"(a0), [a1] "+r"(a1), [wb] "+r"(wb), [x] "+r"(xp),
                               [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1)
                             : [off] "r"(off2)
                             : "memory");
        if (xp != end)
            __asm__ volatile("1:\n\t" W2_STEP W2_STEP "cmp     %[x], %[end]\n\t"
                             "bne     1b\n\t"
                             : [a0] "+r"(a0), [a1] "+r"(a1), [wb] "+r"(wb), [x] "+r"(xp),
                               [xe] "=&r"(xe), [xo] "=&r"(xo), [w0] "=&r"(w0), [w1] "=&r"(w1)
                             : [off] "r"(off2), [end] "r"(end)
                             : "memory", "cc");
    }
    acc[0] = a0;
    acc[1] = a1;
}

/* n bytes from src to d: words while four remain (LDR/STR take unaligned
 * addresses), then bytes. newlib-nano's memcpy is a byte loop. */
MOTE_ARM_INLINE void copy_run(int8_t *d, const int8_t *src, int32_t n)
{
    int32_t i = 0;
    for (; i + 4 <= n; i += 4)
        mote_arm_st32(d + i, mote_arm_ld32(src + i));
    for (; i < n; ++i)
        d[i] = src[i];
}

void mote_arm_fill_zp(int8_t *d, int8_t zp, int32_t n)
{
    const uint32_t z4 = mote_arm_dup8(zp);
    int32_t i = 0;
    for (; i + 4 <= n; i += 4)
        mote_arm_st32(d + i, z4);
    for (; i < n; ++i)
        d[i] = zp;
}

void mote_arm_gather_rows(int8_t *pt, const mote_conv_geom *g, const mote_dims *id,
                          const int8_t *in_batch, const mote_dims *fd, int32_t y0, int32_t x0,
                          int32_t ky_lo, int32_t ky_hi, int32_t kx_lo, int32_t kx_hi, int8_t zp)
{
    const int32_t C = id->c, n = fd->w * C, lo = kx_lo * C, hi = kx_hi * C;
    const int32_t rs = g->dilation_h * id->w * C;
    const int8_t *src = in_batch + ((y0 + g->dilation_h * ky_lo) * id->w + x0) * C;
    int32_t ky;
    for (ky = ky_lo; ky < ky_hi; ++ky, pt += n, src += rs) {
        mote_arm_fill_zp(pt, zp, lo);
        if (g->dilation_w == 1) {
            copy_run(pt + lo, src + lo, hi - lo);
        } else {
            int32_t kx;
            for (kx = kx_lo; kx < kx_hi; ++kx)
                copy_run(pt + kx * C, src + g->dilation_w * kx * C, C);
        }
        mote_arm_fill_zp(pt + hi, zp, n - hi);
    }
}

int32_t mote_arm_dot1_s8(const int8_t *w, const int8_t *x, int32_t n, int32_t off2, int32_t acc)
{
    int32_t g, k;
    for (g = n >> 2; g > 0; --g) {
        const uint32_t xv = mote_arm_ld32(x), wv = mote_arm_ld32(w);
        acc = __smlad(mote_arm_even0(wv), mote_arm_even(xv, off2), acc);
        acc = __smlad(mote_arm_odd0(wv), mote_arm_odd(xv, off2), acc);
        x += 4;
        w += 4;
    }
    for (k = 0; k < (n & 3); ++k)
        acc += w[k] * (x[k] + (int16_t)off2);
    return acc;
}

#else
typedef int mote_arm_unused_;
#endif
