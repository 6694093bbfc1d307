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

/* acc[r] += sum_{i < n} w[r * ws + i] * x[i], r < 4. */
static void dot4(const int16_t *x, const int8_t *w, int32_t ws, int32_t n, int64_t *acc)
{
    const int8_t *w2 = w + 2 * ws;
    int32_t i = 0;
    while (n - i >= 4) {
        const int32_t end = n - i >= DOT_CHUNK ? i + DOT_CHUNK : i + ((n - i) & ~3);
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (; i < end; i += 4) {
            const uint32_t x01 = mote_arm_ld32(x + i), x23 = mote_arm_ld32(x + i + 2);
            const int32_t xe = pk_even(x01, x23), xo = pk_odd(x01, x23);
            uint32_t v = mote_arm_ld32(w + i);
            a0 = __smlad(mote_arm_even0(v), xe, a0);
            a0 = __smlad(mote_arm_odd0(v), xo, a0);
            v = mote_arm_ld32(w + ws + i);
            a1 = __smlad(mote_arm_even0(v), xe, a1);
            a1 = __smlad(mote_arm_odd0(v), xo, a1);
            v = mote_arm_ld32(w2 + i);
            a2 = __smlad(mote_arm_even0(v), xe, a2);
            a2 = __smlad(mote_arm_odd0(v), xo, a2);
            v = mote_arm_ld32(w2 + ws + i);
            a3 = __smlad(mote_arm_even0(v), xe, a3);
            a3 = __smlad(mote_arm_odd0(v), xo, a3);
        }
        acc[0] += a0;
        acc[1] += a1;
        acc[2] += a2;
        acc[3] += a3;
    }
    for (; i < n; ++i) {
        const int32_t xi = x[i];
        acc[0] += w[i] * xi;
        acc[1] += w[ws + i] * xi;
        acc[2] += w2[i] * xi;
        acc[3] += w2[ws + i] * xi;
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
    for (; i < n; ++i) acc += w[i] * x[i];
    return acc;
}

/* One depthwise output pixel (s16_body.h): four channels at a time, one
 * int32 per channel (SMLABB, SMLATB, SMLABT, SMLATT against the SXTB16
 * pairs of four weight bytes), then the rest one by one. */
static void dw_pixel(const int16_t *xw, const int8_t *fw, int32_t C, int32_t nky, int32_t nkx,
                     int32_t ystep, int32_t xstep, int32_t fystep, const out_ctx *c, int16_t *y)
{
    int32_t ch, ky, kx;
    for (ch = 0; ch + 4 <= C; ch += 4) {
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        const int16_t *xr = xw + ch;
        const int8_t *fr = fw + ch;
        for (ky = 0; ky < nky; ++ky, xr += ystep, fr += fystep) {
            const int16_t *xp = xr;
            const int8_t *fp = fr;
            for (kx = 0; kx < nkx; ++kx, xp += xstep, fp += C) {
                const uint32_t x01 = mote_arm_ld32(xp), x23 = mote_arm_ld32(xp + 2);
                const uint32_t v = mote_arm_ld32(fp);
                const int32_t we = mote_arm_even0(v), wo = mote_arm_odd0(v);
                a0 = __smlabb((int32_t)x01, we, a0);
                a1 = __smlatb((int32_t)x01, wo, a1);
                a2 = __smlabt((int32_t)x23, we, a2);
                a3 = __smlatt((int32_t)x23, wo, a3);
            }
        }
        y[ch] = out16(c, a0, ch);
        y[ch + 1] = out16(c, a1, ch + 1);
        y[ch + 2] = out16(c, a2, ch + 2);
        y[ch + 3] = out16(c, a3, ch + 3);
    }
    for (; ch < C; ++ch) {
        int32_t a = 0;
        const int16_t *xr = xw + ch;
        const int8_t *fr = fw + ch;
        for (ky = 0; ky < nky; ++ky, xr += ystep, fr += fystep) {
            const int16_t *xp = xr;
            const int8_t *fp = fr;
            for (kx = 0; kx < nkx; ++kx, xp += xstep, fp += C) a += *fp * *xp;
        }
        y[ch] = out16(c, a, ch);
    }
}

#define S16_FN(name) mote_arm_##name
#include "kernels/arm/s16_loops.h"

#else
typedef int mote_arm_s16_dsp_unused_; /* ISO C forbids an empty file */
#endif
