/*
 * s16_body.h — the 16x8 rows' loops (arm_s16.h), shared by the DSP and the
 * Helium rows (internal): included once by s16_dsp.c and once by
 * s16_mve.c, each after defining
 *
 *   S16_FN(name)   the row's function name (mote_arm_##name, mote_mve_##name)
 *   dot4(x, w, ws, n, acc)   acc[r] += sum_{i<n} w[r*ws + i] * x[i], r < 4, exactly
 *   dot4_rows(x, xs, w, fs, ws, nrows, n, acc)
 *       acc[r] += sum_{j<nrows, i<n} w[r*ws + j*fs + i] * x[j*xs + i], exactly,
 *       for nrows * n <= ROWS_MAX (a whole window in one call)
 *   dot1(x, w, n)            sum_{i<n} w[i] * x[i], exactly (int64)
 *   DW_BLOCK                 channels per dw_sums call
 *   dw_sums(x, f, nc, nky, nkx, ystep, xstep, fystep, C, sum)
 *       one depthwise output pixel, channels ch < nc (nc <= DW_BLOCK): the
 *       sum over nky x nkx taps of f[ky*fystep + kx*C + ch] *
 *       x[ky*ystep + kx*xstep + ch] into sum[ch] (at most 511 taps: int32
 *       is exact).
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

/* The output stage's inputs, per call. */
typedef struct out_ctx {
    const void *bias; /* int64 [channels] (acc64) or int32, or NULL */
    mote_requant q;
    int32_t per_channel, acc64, lo, hi;
} out_ctx;

/* One output channel's stage, prepared once per channel block (the loops
 * run the pixels inside a block of channels): mote_requantize64's reduced
 * multiplier (in [-2^15, 2^15) for any int32 multiplier, so an int32 holds
 * it; sign-extended back, the product modulo 2^64 is the same) and shift;
 * on the int32 path (acc64 0) mote_requantize's multiplier and shift.
 * 16 bytes a channel (stack). */
typedef struct rq_ch {
    uint64_t bias; /* the bias (0 when none): int64, or int32 on the int32 path */
    int32_t red;   /* reduced multiplier; the int32 path: the multiplier */
    int32_t t;     /* 15 - shift; the int32 path: the shift */
} rq_ch;

static inline void rq_prep(const out_ctx *c, int32_t oc, rq_ch *r)
{
    const int32_t k = c->per_channel ? oc : 0;
    const int32_t m = c->q.multiplier[k], sh = c->q.shift[k];
    if (!c->acc64) {
        r->red = m;
        r->t = sh;
        r->bias = c->bias ? (uint32_t)((const int32_t *)c->bias)[oc] : 0u;
        return;
    }
    r->t = 15 - sh;
    r->red = m < 0x7FFF0000 ? (int32_t)(((int64_t)m + (1 << 15)) >> 16) : 0x7FFF;
    r->bias = c->bias ? (uint64_t)ld_i64(c->bias, oc) : 0u;
}

/* bias + sum, requantized (as mote_requantize64, or mote_requantize on the
 * int32 path), clamped. */
static inline int16_t rq_out(const out_ctx *c, const rq_ch *r, int64_t sum)
{
    int32_t v;
    if (c->acc64) {
        const uint64_t a =
            ((uint64_t)sum + r->bias) * (uint64_t)(int64_t)r->red + ((uint64_t)1 << (r->t - 1));
        v = (int32_t)(uint32_t)(uint64_t)((int64_t)a >> r->t);
    } else {
        v = mote_requantize((int32_t)((uint32_t)(uint64_t)sum + (uint32_t)r->bias), r->red, r->t);
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
