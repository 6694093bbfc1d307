/*
 * ref_hybrid.h — on-the-fly int8 quantization of one float batch item, as
 * LiteRT's hybrid kernels do it (tensor_utils SymmetricQuantizeFloats and
 * AsymmetricQuantizeFloats): same float / double types, same rounding
 * (round half away from zero), same clamps, so the int8 values and the
 * scale are identical and the int32 sums equal LiteRT's. The asymmetric
 * quantizer follows what ai-edge-litert 2.3 (x86-64 wheel) computes,
 * checked on ties: zero point + round(x / scale), not round(zero point +
 * x / scale) as the portable source reads; and its range max - min is a
 * float difference before the division by 255 in double (measured through
 * the hybrid LSTM, whose re-quantized state shows a scale one ulp off).
 */
#ifndef MOTE_KERNELS_REF_HYBRID_H
#define MOTE_KERNELS_REF_HYBRID_H

#include <math.h>
#include <stdint.h>
#include "mote/kernels.h"

/* (int32)roundf(v) clamped to [lo, hi]; NaN gives lo (x86's conversion of
 * NaN is INT32_MIN, which LiteRT's clamp then takes to lo). */
static inline int8_t mote_ref_hybrid_q(float v, int32_t lo, int32_t hi)
{
    float r = roundf(v);
    if (!(r > (float)lo)) return (int8_t)lo;
    if (r > (float)hi) return (int8_t)hi;
    return (int8_t)(int32_t)r;
}

/* zero point + (int32)roundf(v), clamped to [-128, 127]: LiteRT rounds
 * before adding the zero point (a tie such as v = -0.5 with zero point 127
 * gives 126), which tests/ops/spec_hybrid.py's tie cases pin down. */
static inline int8_t mote_ref_hybrid_q_offset(float v, int32_t zp)
{
    float r = roundf(v);
    if (!(r > (float)(-128 - zp))) return (int8_t)-128;
    if (r > (float)(127 - zp)) return (int8_t)127;
    return (int8_t)((int32_t)r + zp);
}

static inline void mote_ref_hybrid_minmax(const float *x, int32_t n, float *mn, float *mx)
{
    int32_t i;
    float lo = x[0], hi = x[0];
    for (i = 1; i < n; ++i) {
        if (x[i] < lo) lo = x[i];
        if (!(x[i] < hi)) hi = x[i];
    }
    *mn = lo;
    *mx = hi;
}

/* Symmetric: scale max(|min|, |max|) / 127, values in [-127, 127]; an
 * all-zero item gives zeros and scale 1. Returns the scale. */
static inline float mote_ref_hybrid_quantize_sym(const float *x, int32_t n, int8_t *q)
{
    float mn, mx, range, inv;
    int32_t i;
    mote_ref_hybrid_minmax(x, n, &mn, &mx);
    range = fabsf(mn) < fabsf(mx) ? fabsf(mx) : fabsf(mn);
    if (range == 0.0f) {
        for (i = 0; i < n; ++i)
            q[i] = 0;
        return 1.0f;
    }
    inv = 127.0f / range;
    for (i = 0; i < n; ++i)
        q[i] = mote_ref_hybrid_q(x[i] * inv, -127, 127);
    return range / 127.0f;
}

/* Asymmetric: the range [min(0, min), max(0, max)] over 255 steps (its
 * width a float difference, the division in double), the zero point nudged
 * onto [-128, 127]; an item whose range is empty gives zeros, scale 1, zero
 * point 0. Returns the scale, *zp the zero point. */
static inline float mote_ref_hybrid_quantize_asym(const float *x, int32_t n, int8_t *q, int32_t *zp)
{
    float mn, mx, range, scale_f, inv;
    double rmin, rmax, scale, zmin, zmax, emin, emax, z;
    int32_t i, offset;
    mote_ref_hybrid_minmax(x, n, &mn, &mx);
    mn = mn < 0.0f ? mn : 0.0f;
    mx = mx > 0.0f ? mx : 0.0f;
    rmin = (double)mn;
    rmax = (double)mx;
    if (rmin == rmax) {
        for (i = 0; i < n; ++i)
            q[i] = 0;
        *zp = 0;
        return 1.0f;
    }
    range = mx - mn; /* in float, as LiteRT: the scale's last bit depends on it */
    scale = (double)range / 255.0;
    zmin = -128.0 - rmin / scale;
    zmax = 127.0 - rmax / scale;
    emin = 128.0 + fabs(rmin / scale);
    emax = 127.0 + fabs(rmax / scale);
    z = emin < emax ? zmin : zmax;
    if (z <= -128.0)
        offset = -128;
    else if (z >= 127.0)
        offset = 127;
    else
        offset = (int32_t)round(z);
    scale_f = (float)scale;
    inv = (float)(1.0 / (double)scale_f);
    for (i = 0; i < n; ++i)
        q[i] = mote_ref_hybrid_q_offset(x[i] * inv, offset);
    *zp = offset;
    return scale_f;
}

/* One batch item: asymmetric or symmetric. */
static inline float mote_ref_hybrid_quantize(int32_t asymmetric, const float *x, int32_t n,
                                             int8_t *q, int32_t *zp)
{
    *zp = 0;
    return asymmetric ? mote_ref_hybrid_quantize_asym(x, n, q, zp)
                      : mote_ref_hybrid_quantize_sym(x, n, q);
}

#endif /* MOTE_KERNELS_REF_HYBRID_H */
