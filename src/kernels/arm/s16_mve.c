/*
 * s16_mve.c — CONV_2D_S16, DEPTHWISE_CONV_2D_S16 and FULLY_CONNECTED_S16
 * with Helium (MVE, Cortex-M55). Bit-exact with the reference rows; the
 * same steps as the DSP rows (arm_s16.h) and the same loops and output
 * stage (s16_loops.h, s16_body.h). No scratch.
 *
 * Dot products: eight int16 inputs per VLDRH, eight weights widened to
 * int16 by VLDRB.S16, VMLALDAVA.S16 into a 64-bit accumulator (the exact
 * sum, as the reference's int64 one; tail lanes predicated to zero by
 * VCTP), four output channels per load of the input.
 *
 * Depthwise: eight channels per tap, VMULLB / VMULLT (int16 x int16 into
 * int32, even and odd lanes) added into two int32x4 sums: exact for at
 * most 511 taps (|w * x| <= 2^22; see s16_dsp.c).
 */
#if defined(__ARM_FEATURE_MVE) && defined(__ARM_FEATURE_DSP)

#include <arm_mve.h>
#include "kernels/arm/s16_body.h"

static void dot4(const int16_t *x, const int8_t *w, int32_t ws, int32_t n, int64_t *acc)
{
    const int8_t *w1 = w + ws, *w2 = w1 + ws, *w3 = w2 + ws;
    int64_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];
    int32_t k;
    for (k = 0; k < n; k += 8) {
        const mve_pred16_t p = vctp16q((uint32_t)(n - k));
        const int16x8_t xv = vldrhq_z_s16(x + k, p);
        a0 = vmlaldavaq_s16(a0, vldrbq_z_s16(w + k, p), xv);
        a1 = vmlaldavaq_s16(a1, vldrbq_z_s16(w1 + k, p), xv);
        a2 = vmlaldavaq_s16(a2, vldrbq_z_s16(w2 + k, p), xv);
        a3 = vmlaldavaq_s16(a3, vldrbq_z_s16(w3 + k, p), xv);
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
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
__attribute__((noinline)) static void dw_sums(const int16_t *x, const int8_t *f, int32_t nc, int32_t nky, int32_t nkx,
                    int32_t ystep, int32_t xstep, int32_t fystep, int32_t C, int32_t *sum)
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
