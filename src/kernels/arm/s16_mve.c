/*
 * s16_mve.c — CONV_2D_S16, DEPTHWISE_CONV_2D_S16 and FULLY_CONNECTED_S16
 * with Helium (MVE, Cortex-M55). Bit-exact with the reference rows; the
 * same steps as the DSP rows (arm_s16.h) and the same loops and output
 * stage (s16_loops.h, s16_body.h). No scratch.
 *
 * Dot products: eight int16 inputs per VLDRH, eight weights widened to
 * int16 by VLDRB.S16, VMLADAVA.S16 into int32 sums of at most 508
 * products (exact, as in s16_dsp.c) added into int64 ones, four output
 * channels per load of the input (dot4_rows); the single-row leftovers
 * VMLALDAVA.S16 into a 64-bit accumulator.
 *
 * Depthwise: eight channels per tap, VMULLB / VMULLT (int16 x int16 into
 * int32, even and odd lanes) added into two int32x4 sums: exact for at
 * most 511 taps (|w * x| <= 2^22; see s16_dsp.c).
 */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include "kernels/arm/s16_body.h"

/* acc[r] += sum_{j < nrows, i < n} w[r * ws + j * fs + i] * x[j * xs + i],
 * r < 4, nrows * n <= ROWS_MAX = 508 products: int32 sums, exact as the
 * DSP rows' (s16_dsp.c), added into the int64 ones at the end. Each row one
 * tail-predicated low-overhead loop (DLSTP.16 / LETP): eight inputs, eight
 * weights of each of the four rows widened by VLDRB.S16, VMLADAVA.S16
 * (even accumulator registers: constraint Te; the widening loads take
 * low base registers: l). */
#define ROWS_MAX 508
static void dot4_rows(const int16_t *x, int32_t xs, const int8_t *w, int32_t fs, int32_t ws,
                      int32_t nrows, int32_t n, int64_t *acc)
{
    int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, j;
    for (j = 0; j < nrows; ++j, x += xs, w += fs) {
        const int16_t *xp = x;
        const int8_t *w0 = w, *w1 = w + ws, *w2 = w1 + ws, *w3 = w2 + ws;
        __asm__ volatile(
            "dlstp.16 lr, %[cnt]\n"
            "1:\n\t"
            "vldrh.16 q0, [%[xp]], #16\n\t"
            "vldrb.s16 q1, [%[w0]], #8\n\t"
            "vmladava.s16 %[a0], q1, q0\n\t"
            "vldrb.s16 q1, [%[w1]], #8\n\t"
            "vmladava.s16 %[a1], q1, q0\n\t"
            "vldrb.s16 q1, [%[w2]], #8\n\t"
            "vmladava.s16 %[a2], q1, q0\n\t"
            "vldrb.s16 q1, [%[w3]], #8\n\t"
            "vmladava.s16 %[a3], q1, q0\n\t"
            "letp lr, 1b\n"
            : [xp] "+r"(xp), [w0] "+l"(w0), [w1] "+l"(w1), [w2] "+l"(w2), [w3] "+l"(w3),
              [a0] "+Te"(a0), [a1] "+Te"(a1), [a2] "+Te"(a2), [a3] "+Te"(a3)
            : [cnt] "r"(n)
            : "d0", "d1", "d2", "d3", "lr", "memory");
    }
    acc[0] += a0;
    acc[1] += a1;
    acc[2] += a2;
    acc[3] += a3;
}

/* acc[r] += sum_{i < n} w[r * ws + i] * x[i], r < 4: dot4_rows on pieces
 * of ROWS_MAX products. */
static void dot4(const int16_t *x, const int8_t *w, int32_t ws, int32_t n, int64_t *acc)
{
    while (n > 0) {
        const int32_t cnt = n >= ROWS_MAX ? ROWS_MAX : n;
        dot4_rows(x, 0, w, 0, ws, 1, cnt, acc);
        x += cnt;
        w += cnt;
        n -= cnt;
    }
}

static int64_t dot1(const int16_t *x, const int8_t *w, int32_t n)
{
    int64_t a = 0;
    int32_t k;
    for (k = 0; k < n; k += 8) {
        const mve_pred16_t p = vctp16q((uint32_t)(n - k));
        a = vmlaldavaq_s16(a, vldrbq_z_s16(w + k, p), vldrhq_z_s16(x + k, p));
    }
    return a;
}

/* One depthwise output pixel, nc <= 8 channels: int16 lanes, VMULLB /
 * VMULLT into the even / odd channels' int32 sums, tail lanes predicated. */
#define DW_BLOCK 8
__attribute__((noinline)) static void dw_sums(const int16_t *x, const int8_t *f, int32_t nc,
                                              int32_t nky, int32_t nkx, int32_t ystep,
                                              int32_t xstep, int32_t fystep, int32_t C,
                                              int32_t *sum)
{
    const mve_pred16_t p = vctp16q((uint32_t)nc);
    int32x4_t ev = vdupq_n_s32(0), od = vdupq_n_s32(0);
    int32_t ky, kx;
    for (ky = 0; ky < nky; ++ky, x += ystep, f += fystep) {
        const int16_t *xp = x;
        const int8_t *fp = f;
        for (kx = 0; kx < nkx; ++kx, xp += xstep, fp += C) {
            const int16x8_t xv = vldrhq_z_s16(xp, p), wv = vldrbq_z_s16(fp, p);
            ev = vaddq_s32(ev, vmullbq_int_s16(xv, wv));
            od = vaddq_s32(od, vmulltq_int_s16(xv, wv));
        }
    }
    /* back into channel order: VST2 interleaves even and odd */
    {
        int32x4x2_t eo;
        eo.val[0] = ev;
        eo.val[1] = od;
        vst2q_s32(sum, eo);
    }
}

#define S16_FN(name) mote_mve_##name
#include "kernels/arm/s16_loops.h"

#else
typedef int mote_arm_s16_mve_unused_; /* ISO C forbids an empty file */
#endif
