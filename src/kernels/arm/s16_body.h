/*
 * s16_body.h — the 16x8 rows' loops (arm_s16.h), shared by the DSP and the
 * Helium rows (internal): included once by s16_dsp.c and once by
 * s16_mve.c, each after defining
 *
 *   S16_FN(name)   the row's function name (mote_arm_##name, mote_mve_##name)
 *   dot4(x, w, ws, n, acc)   acc[r] += sum_{i<n} w[r*ws + i] * x[i], r < 4, exactly
 *   dot1(x, w, n)            sum_{i<n} w[i] * x[i], exactly (int64)
 *   dw_pixel(xw, fw, C, nky, nkx, ystep, xstep, fystep, c, y)
 *       one depthwise output pixel: for each channel ch < C, the sum over
 *       nky x nkx taps of fw[ky*fystep + kx*C + ch] * xw[ky*ystep + kx*xstep
 *       + ch] (at most 511 taps: int32 is exact), then out16 into y[ch].
 *
 * Output stage: the exact sum (int64) plus the bias modulo 2^64,
 * mote_requantize64 (TFLite's int64 MultiplyByQuantizedMultiplier, reduced
 * 16-bit multiplier); CONV_2D with an int32 bias (acc64 = 0) takes the sum
 * modulo 2^32 plus the bias modulo 2^32 and mote_requantize, as the
 * reference does. Then the clamp.
 */
#ifndef MOTE_KERNELS_ARM_S16_BODY_H
#define MOTE_KERNELS_ARM_S16_BODY_H

#include <string.h>
#include "kernels/arm/arm_s16.h"
#include "base/fixedpoint.h"

static inline int64_t ld_i64(const void *p, int32_t i)
{
    int64_t v;
    memcpy(&v, (const uint8_t *)p + (size_t)i * sizeof v, sizeof v);
    return v;
}

/* The output stage of channel oc: bias, requantization, clamp. */
typedef struct out_ctx {
    const void *bias; /* int64 [channels] (acc64) or int32, or NULL */
    mote_requant q;
    int32_t per_channel, acc64, lo, hi;
} out_ctx;

static inline int16_t out16(const out_ctx *c, int64_t sum, int32_t oc)
{
    const int32_t k = c->per_channel ? oc : 0;
    int32_t v;
    if (c->acc64) {
        uint64_t a = (uint64_t)sum;
        if (c->bias) a += (uint64_t)ld_i64(c->bias, oc);
        v = mote_requantize64((int64_t)a, c->q.multiplier[k], c->q.shift[k]);
    } else {
        uint32_t a = (uint32_t)(uint64_t)sum;
        if (c->bias) a += (uint32_t)((const int32_t *)c->bias)[oc];
        v = mote_requantize((int32_t)a, c->q.multiplier[k], c->q.shift[k]);
    }
    v = v < c->lo ? c->lo : v;
    v = v > c->hi ? c->hi : v;
    return (int16_t)v;
}

/* The taps [lo, hi) of a window starting at o (stride d, k taps) that
 * fall inside [0, n). */
static inline void tap_range(int32_t o, int32_t d, int32_t k, int32_t n, int32_t *lo, int32_t *hi)
{
    int32_t a = o >= 0 ? 0 : (-o + d - 1) / d;
    int32_t b = o >= n ? 0 : (n - 1 - o) / d + 1;
    if (a > k) a = k;
    if (b > k) b = k;
    if (b < a) b = a;
    *lo = a;
    *hi = b;
}

#endif /* MOTE_KERNELS_ARM_S16_BODY_H */
