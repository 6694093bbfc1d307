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
 * The two inner loops are naked assembly functions (dot4_loop, dw_loop):
 * GCC keeps their accumulators on the stack otherwise.
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

/*
 * io[1..4] += sum_{i < io[0]} w[r * ws + i] * x[i] for r = 0..3 (int32,
 * wrapping; io[0] a positive multiple of 4): the four inputs x0..x3 of a
 * group as the pairs (x0, x2), (x1, x3) (PKHBT, PKHTB), each row's four
 * weights as (w0, w2), (w1, w3) (SXTB16, SXTB16 ROR #8), two SMLAD per
 * row: 26 instructions per 16 MACs. Hand-written (naked): the loop needs
 * all fourteen registers, which GCC's inline assembly cannot promise at
 * every optimization level.
 */
__attribute__((naked, noinline)) static void dot4_loop(const int16_t *x __attribute__((unused)),
                                                       const int8_t *w __attribute__((unused)),
                                                       int32_t ws __attribute__((unused)),
                                                       int32_t *io __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "mov     r12, r3\n\t"
                     "ldr     r4, [r12, #0]\n\t"
                     "add     r4, r0, r4, lsl #1\n\t" /* x end */
                     "ldr     r5, [r12, #4]\n\t"
                     "ldr     r6, [r12, #8]\n\t"
                     "ldr     r7, [r12, #12]\n\t"
                     "ldr     r8, [r12, #16]\n\t"
                     "add     r3, r1, r2, lsl #1\n\t" /* row 2 */
                     "1:\n\t"
                     "ldr     r9, [r0], #4\n\t"
                     "ldr     r10, [r0], #4\n\t"
                     "pkhbt   r11, r9, r10, lsl #16\n\t"
                     "pkhtb   r10, r10, r9, asr #16\n\t"
                     "ldr     r9, [r1, r2]\n\t"
                     "sxtb16  lr, r9\n\t"
                     "smlad   r6, lr, r11, r6\n\t"
                     "sxtb16  lr, r9, ror #8\n\t"
                     "smlad   r6, lr, r10, r6\n\t"
                     "ldr     r9, [r1], #4\n\t"
                     "sxtb16  lr, r9\n\t"
                     "smlad   r5, lr, r11, r5\n\t"
                     "sxtb16  lr, r9, ror #8\n\t"
                     "smlad   r5, lr, r10, r5\n\t"
                     "ldr     r9, [r3, r2]\n\t"
                     "sxtb16  lr, r9\n\t"
                     "smlad   r8, lr, r11, r8\n\t"
                     "sxtb16  lr, r9, ror #8\n\t"
                     "smlad   r8, lr, r10, r8\n\t"
                     "ldr     r9, [r3], #4\n\t"
                     "sxtb16  lr, r9\n\t"
                     "smlad   r7, lr, r11, r7\n\t"
                     "sxtb16  lr, r9, ror #8\n\t"
                     "smlad   r7, lr, r10, r7\n\t"
                     "cmp     r0, r4\n\t"
                     "bne     1b\n\t"
                     "str     r5, [r12, #4]\n\t"
                     "str     r6, [r12, #8]\n\t"
                     "str     r7, [r12, #12]\n\t"
                     "str     r8, [r12, #16]\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/* acc[r] += sum_{j < nrows, i < n} w[r * ws + j * fs + i] * x[j * xs + i],
 * r < 4, with nrows * n <= ROWS_MAX = DOT_CHUNK products: one int32
 * partial sum per channel for all of them (exact, see above). Each row:
 * groups of four inputs in dot4_loop, its last n % 4 one by one. */
#define ROWS_MAX DOT_CHUNK
static void dot4_rows(const int16_t *x, int32_t xs, const int8_t *w, int32_t fs, int32_t ws,
                      int32_t nrows, int32_t n, int64_t *acc)
{
    int32_t io[5], j, i;
    io[0] = n & ~3;
    io[1] = io[2] = io[3] = io[4] = 0;
    for (j = 0; j < nrows; ++j, x += xs, w += fs) {
        if (io[0] > 0) dot4_loop(x, w, ws, io);
        for (i = io[0]; i < n; ++i) {
            const int32_t xi = x[i];
            io[1] += w[i] * xi;
            io[2] += w[ws + i] * xi;
            io[3] += w[2 * ws + i] * xi;
            io[4] += w[3 * ws + i] * xi;
        }
    }
    acc[0] += io[1];
    acc[1] += io[2];
    acc[2] += io[3];
    acc[3] += io[4];
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

/*
 * Four channels of one depthwise output pixel over one row of taps:
 * io[3..6] += sum_{k < io[0]} f[k * io[2] + c] * x[k * io[1] / 2 + c],
 * c = 0..3 (io[1]: the input step in bytes, io[2] the filter step = C;
 * io[0] >= 1). Per tap the four inputs (two words), the four weights (one
 * word, SXTB16 pairs), one SMLAxy per channel: 13 instructions. Naked for
 * the same reason as dot4_loop.
 */
__attribute__((naked, noinline)) static void dw_loop(const int16_t *x __attribute__((unused)),
                                                     const int8_t *f __attribute__((unused)),
                                                     int32_t *io __attribute__((unused)))
{
    __asm__ volatile("push    {r4, r5, r6, r7, r8, r9, r10, r11, lr}\n\t"
                     "mov     lr, r2\n\t"
                     "ldr     r4, [lr, #0]\n\t"
                     "ldr     r2, [lr, #4]\n\t"
                     "ldr     r3, [lr, #8]\n\t"
                     "ldr     r5, [lr, #12]\n\t"
                     "ldr     r6, [lr, #16]\n\t"
                     "ldr     r7, [lr, #20]\n\t"
                     "ldr     r8, [lr, #24]\n\t"
                     "1:\n\t"
                     "ldr     r9, [r0]\n\t"
                     "ldr     r10, [r0, #4]\n\t"
                     "ldr     r11, [r1]\n\t"
                     "add     r0, r0, r2\n\t"
                     "add     r1, r1, r3\n\t"
                     "sxtb16  r12, r11, ror #8\n\t"
                     "sxtb16  r11, r11\n\t"
                     "smlabb  r5, r9, r11, r5\n\t"
                     "smlatb  r6, r9, r12, r6\n\t"
                     "smlabt  r7, r10, r11, r7\n\t"
                     "smlatt  r8, r10, r12, r8\n\t"
                     "subs    r4, r4, #1\n\t"
                     "bne     1b\n\t"
                     "str     r5, [lr, #12]\n\t"
                     "str     r6, [lr, #16]\n\t"
                     "str     r7, [lr, #20]\n\t"
                     "str     r8, [lr, #24]\n\t"
                     "pop     {r4, r5, r6, r7, r8, r9, r10, r11, pc}\n\t");
}

/* One depthwise output pixel, nc <= 4 channels (s16_body.h): four at a
 * time with one int32 per channel (dw_loop per row of taps), fewer one by
 * one. */
#define DW_BLOCK 4
static void dw_sums(const int16_t *x, const int8_t *f, int32_t nc, int32_t nky, int32_t nkx,
                    int32_t ystep, int32_t xstep, int32_t fystep, int32_t C, int32_t *sum)
{
    int32_t ky, kx, ch;
    if (nc == 4) {
        int32_t io[7];
        io[0] = nkx;
        io[1] = xstep * 2; /* bytes */
        io[2] = C;
        io[3] = io[4] = io[5] = io[6] = 0;
        for (ky = 0; ky < nky; ++ky, x += ystep, f += fystep)
            dw_loop(x, f, io);
        sum[0] = io[3];
        sum[1] = io[4];
        sum[2] = io[5];
        sum[3] = io[6];
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
