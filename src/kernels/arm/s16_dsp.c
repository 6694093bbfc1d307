/*
 * s16_dsp.c — CONV_2D_S16, DEPTHWISE_CONV_2D_S16 and FULLY_CONNECTED_S16
 * (int16 activations, int8 weights) for cores with the DSP extension
 * (Cortex-M4, M7, M33, M55). Bit-exact with the reference rows (kernels/
 * ref/conv2d_s16.c, depthwise_conv2d_s16.c, fully_connected_s16.c); which
 * steps they take: arm_s16.h. No scratch, no stack buffers.
 *
 * Sums. A product w * x lies in [-2^22 + 128, 2^22] (|w| <= 128,
 * |x| <= 32768, (-128) * (-32768) = 2^22). Any k <= 511 products therefore sum to
 * less than 2^31 in magnitude, at every prefix, so an int32 partial sum of
 * at most 511 products never wraps and equals the exact sum. The dot
 * products (CONV_2D, FULLY_CONNECTED) run SMLAD (two 16x16 products into
 * an int32) on partial sums of at most DOT_CHUNK = 508 products, each
 * then added into an int64: the exact sum, as the reference's int64
 * accumulator holds it (it cannot wrap: MOTE_MAX_TAPS products). SMLAD
 * frees the registers SMLALD's 64-bit accumulators would take, so four
 * output channels share each load of the input (4 x 32-bit sums, not
 * 4 x 64-bit). Depthwise sums per channel over at most
 * MOTE_S16_DW_MAX_TAPS = 511 taps (SMLABB / SMLATB / SMLABT / SMLATT,
 * four channels per tap: two input words, one weight word), so one int32 per channel suffices.
 *
 * Pairs. SXTB16 of four weight bytes gives (w0, w2), SXTB16 ROR #8
 * (w1, w3); the input pairs are rearranged to match: PKHBT gives (x0, x2),
 * PKHTB (x1, x3), once per four inputs for all four output channels.
 * The two inner loops are inline assembly: GCC at -Os keeps their
 * accumulators on the stack otherwise.
 *
 * The loops over pixels and channels and the output stage (scalar, per
 * output): s16_loops.h and s16_body.h, shared with the Helium rows.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/s16_body.h"

#define DOT_CHUNK 508 /* products per int32 partial sum: a multiple of 4, <= 511 */

MOTE_ARM_INLINE int32_t pk_even(uint32_t x01, uint32_t x23) /* (x0, x2) */
{
    int32_t r;
    __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(x01), "r"(x23));
    return r;
}
MOTE_ARM_INLINE int32_t pk_odd(uint32_t x01, uint32_t x23) /* (x1, x3) */
{
    int32_t r;
    __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(x23), "r"(x01));
    return r;
}

/* acc[r] += sum_{j < nrows, i < n} w[r * ws + j * fs + i] * x[j * xs + i],
 * r < 4, with nrows * n <= ROWS_MAX = DOT_CHUNK products: one int32
 * partial sum per channel for all of them (exact, see above). Each row:
 * groups of four inputs in the loop below (26 instructions per 16 MACs),
 * its last n % 4 one by one. */
#define ROWS_MAX DOT_CHUNK
static void dot4_rows(const int16_t *x, int32_t xs, const int8_t *w, int32_t fs, int32_t ws,
                      int32_t nrows, int32_t n, int64_t *acc)
{
    const int32_t n4 = n & ~3;
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, j, i;
    for (j = 0; j < nrows; ++j, x += xs, w += fs) {
        const int16_t *xp = x, *xend = x + n4;
        const int8_t *w0 = w, *w2 = w + 2 * ws;
        uint32_t xv, x23, xe, t;
        if (n4 > 0)
            __asm__ volatile("1:\n\t"
                             "ldr     %[xv], [%[x]], #4\n\t"
                             "ldr     %[x23], [%[x]], #4\n\t"
                             "pkhbt   %[xe], %[xv], %[x23], lsl #16\n\t"
                             "pkhtb   %[x23], %[x23], %[xv], asr #16\n\t"
                             "ldr     %[xv], [%[w0], %[ws]]\n\t"
                             "sxtb16  %[t], %[xv]\n\t"
                             "smlad   %[a1], %[t], %[xe], %[a1]\n\t"
                             "sxtb16  %[t], %[xv], ror #8\n\t"
                             "smlad   %[a1], %[t], %[x23], %[a1]\n\t"
                             "ldr     %[xv], [%[w0]], #4\n\t"
                             "sxtb16  %[t], %[xv]\n\t"
                             "smlad   %[a0], %[t], %[xe], %[a0]\n\t"
                             "sxtb16  %[t], %[xv], ror #8\n\t"
                             "smlad   %[a0], %[t], %[x23], %[a0]\n\t"
                             "ldr     %[xv], [%[w2], %[ws]]\n\t"
                             "sxtb16  %[t], %[xv]\n\t"
                             "smlad   %[a3], %[t], %[xe], %[a3]\n\t"
                             "sxtb16  %[t], %[xv], ror #8\n\t"
                             "smlad   %[a3], %[t], %[x23], %[a3]\n\t"
                             "ldr     %[xv], [%[w2]], #4\n\t"
                             "sxtb16  %[t], %[xv]\n\t"
                             "smlad   %[a2], %[t], %[xe], %[a2]\n\t"
                             "sxtb16  %[t], %[xv], ror #8\n\t"
                             "smlad   %[a2], %[t], %[x23], %[a2]\n\t"
                             "cmp     %[x], %[xend]\n\t"
                             "bne     1b\n\t"
                             : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
                               [x] "+r"(xp), [w0] "+r"(w0), [w2] "+r"(w2), [xv] "=&r"(xv),
                               [x23] "=&r"(x23), [xe] "=&r"(xe), [t] "=&r"(t)
                             : [ws] "r"(ws), [xend] "r"(xend)
                             : "cc", "memory");
        for (i = n4; i < n; ++i) {
            const int32_t xi = x[i];
            a0 += w[i] * xi;
            a1 += w[ws + i] * xi;
            a2 += w[2 * ws + i] * xi;
            a3 += w[3 * ws + i] * xi;
        }
    }
    acc[0] += a0;
    acc[1] += a1;
    acc[2] += a2;
    acc[3] += a3;
}

/* acc[r] += sum_{i < n} w[r * ws + i] * x[i], r < 4: dot4_rows on pieces
 * of DOT_CHUNK products. */
static void dot4(const int16_t *x, const int8_t *w, int32_t ws, int32_t n, int64_t *acc)
{
    while (n > 0) {
        const int32_t cnt = n >= DOT_CHUNK ? DOT_CHUNK : n;
        dot4_rows(x, 0, w, 0, ws, 1, cnt, acc);
        x += cnt;
        w += cnt;
        n -= cnt;
    }
}

/* One row: sum_{i < n} w[i] * x[i]. */
static int64_t dot1(const int16_t *x, const int8_t *w, int32_t n)
{
    int64_t acc = 0;
    int32_t i = 0;
    while (n - i >= 4) {
        const int32_t end = n - i >= DOT_CHUNK ? i + DOT_CHUNK : i + ((n - i) & ~3);
        int32_t a = 0;
        for (; i < end; i += 4) {
            const uint32_t x01 = mote_arm_ld32(x + i), x23 = mote_arm_ld32(x + i + 2);
            const uint32_t v = mote_arm_ld32(w + i);
            a = __smlad(mote_arm_even0(v), pk_even(x01, x23), a);
            a = __smlad(mote_arm_odd0(v), pk_odd(x01, x23), a);
        }
        acc += a;
    }
    for (; i < n; ++i)
        acc += w[i] * x[i];
    return acc;
}

/* One depthwise output pixel, nc <= 4 channels (s16_body.h): four at a
 * time with one int32 per channel (SMLABB, SMLATB, SMLABT, SMLATT against
 * the SXTB16 pairs of four weight bytes), fewer one by one. */
#define DW_BLOCK 4
__attribute__((noinline)) static void dw_sums(const int16_t *x, const int8_t *f, int32_t nc,
                                              int32_t nky, int32_t nkx, int32_t ystep,
                                              int32_t xstep, int32_t fystep, int32_t C,
                                              int32_t *sum)
{
    int32_t ky, kx, ch;
    if (nc == 4) {
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        const int32_t xb = xstep * 2; /* bytes */
        for (ky = 0; ky < nky; ++ky, x += ystep, f += fystep) {
            const int16_t *xp = x;
            const int8_t *fp = f;
            int32_t n = nkx;
            uint32_t x01, x23, v, wo;
            /* per tap: the four channels' inputs (two words), weights (one
             * word, SXTB16 pairs), one SMLAxy per channel */
            __asm__ volatile("1:\n\t"
                             "ldr     %[x01], [%[xp]]\n\t"
                             "ldr     %[x23], [%[xp], #4]\n\t"
                             "ldr     %[v], [%[fp]]\n\t"
                             "add     %[xp], %[xp], %[xb]\n\t"
                             "add     %[fp], %[fp], %[C]\n\t"
                             "sxtb16  %[wo], %[v], ror #8\n\t"
                             "sxtb16  %[v], %[v]\n\t"
                             "smlabb  %[a0], %[x01], %[v], %[a0]\n\t"
                             "smlatb  %[a1], %[x01], %[wo], %[a1]\n\t"
                             "smlabt  %[a2], %[x23], %[v], %[a2]\n\t"
                             "smlatt  %[a3], %[x23], %[wo], %[a3]\n\t"
                             "subs    %[n], %[n], #1\n\t"
                             "bne     1b\n\t"
                             : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3),
                               [xp] "+r"(xp), [fp] "+r"(fp), [n] "+r"(n), [x01] "=&r"(x01),
                               [x23] "=&r"(x23), [v] "=&r"(v), [wo] "=&r"(wo)
                             : [xb] "r"(xb), [C] "r"(C)
                             : "cc", "memory");
        }
        sum[0] = a0;
        sum[1] = a1;
        sum[2] = a2;
        sum[3] = a3;
        return;
    }
    for (ch = 0; ch < nc; ++ch) {
        int32_t a = 0;
        const int16_t *xr = x + ch;
        const int8_t *fr = f + ch;
        for (ky = 0; ky < nky; ++ky, xr += ystep, fr += fystep) {
            const int16_t *xp = xr;
            const int8_t *fp = fr;
            for (kx = 0; kx < nkx; ++kx, xp += xstep, fp += C)
                a += *fp * *xp;
        }
        sum[ch] = a;
    }
}

#define S16_FN(name) mote_arm_##name
#include "kernels/arm/s16_loops.h"

#else
typedef int mote_arm_s16_dsp_unused_; /* ISO C forbids an empty file */
#endif
