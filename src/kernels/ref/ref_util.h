/*
 * ref_util.h — small helpers every reference kernel shares: argument
 * checks, integer min/max, the float activation clamp and broadcast strides.
 * Static inline, so each kernel file stays self-contained when compiled.
 */
#ifndef MOTE_KERNELS_REF_UTIL_H
#define MOTE_KERNELS_REF_UTIL_H

#include <stdint.h>
#include <string.h>
#include "mote/kernels.h"
#include "base/fixedpoint.h"

/* Element i of an int64 constant that may be only 4-byte aligned
 * (TensorFlow's converter stores 16x8 biases so): a memcpy, never a
 * misaligned 8-byte load. */
static inline int64_t mote_ref_load_i64(const void *p, int32_t i)
{
    int64_t v;
    memcpy(&v, (const uint8_t *)p + (size_t)i * sizeof v, sizeof v);
    return v;
}

/* For a kernel's innermost loop: kept out of the loop nest that calls it.
 * Inlined into a deep nest, GCC at -Os (which weighs a spill by its code
 * size, not by how often it runs) keeps that loop's pointers on the stack
 * and reloads them on every multiply-accumulate. */
#if defined(__GNUC__)
#define MOTE_REF_NOINLINE __attribute__((noinline))
#else
#define MOTE_REF_NOINLINE
#endif

/* Every dimension positive: the kernels' cheap entry check. */
static inline int mote_ref_dims_ok(const mote_dims *d)
{
    return d->n > 0 && d->h > 0 && d->w > 0 && d->c > 0;
}

static inline int32_t mote_ref_max_i32(int32_t a, int32_t b)
{
    return a > b ? a : b;
}
static inline int32_t mote_ref_min_i32(int32_t a, int32_t b)
{
    return a < b ? a : b;
}

/* min(max(x, lo), hi), the clamp TFLite applies for fused activations. */
static inline float mote_ref_clamp_f32(float x, float lo, float hi)
{
    float y = x < lo ? lo : x;
    return hi < y ? hi : y;
}

/* Cheap entry check shared by the four pooling kernels: positive shapes
 * and window, non-negative padding, batch and channels kept. */
static inline int mote_ref_pool_args_ok(int32_t filter_h, int32_t filter_w, const mote_conv_geom *g,
                                        const mote_dims *in, const mote_dims *out)
{
    return mote_ref_dims_ok(in) && mote_ref_dims_ok(out) && filter_h >= 1 && filter_w >= 1 &&
           g->stride_h >= 1 && g->stride_w >= 1 && g->pad_h >= 0 && g->pad_w >= 0 &&
           out->n == in->n && out->c == in->c;
}

/* The output stage every int8 MAC kernel shares (TFLite's order): add the
 * bias (bias may be NULL), requantize, add the output zero point, clamp to
 * the fused activation's range. A hostile bias can push the sum past
 * int32, so the add wraps (as TFLite Micro does on every real target)
 * instead of overflowing. */
static inline int8_t mote_ref_output_s8(int32_t acc, const int32_t *bias, int32_t ch,
                                        int32_t multiplier, int shift, int32_t output_offset,
                                        int32_t act_min, int32_t act_max)
{
    if (bias) acc = (int32_t)((uint32_t)acc + (uint32_t)bias[ch]);
    acc = mote_requantize(acc, multiplier, shift) + output_offset;
    acc = acc < act_min ? act_min : acc;
    acc = acc > act_max ? act_max : acc;
    return (int8_t)acc;
}

/* An input broadcasts to the output when each dimension equals the
 * output's or is 1. */
static inline int mote_ref_broadcasts(const mote_dims *in, const mote_dims *out)
{
    return (in->n == out->n || in->n == 1) && (in->h == out->h || in->h == 1) &&
           (in->w == out->w || in->w == 1) && (in->c == out->c || in->c == 1);
}

/* Element strides of an NHWC input, 0 along the dimensions it broadcasts
 * (size 1 where the output is larger), so that one element is reused. */
static inline void mote_ref_broadcast_strides(const mote_dims *d, const mote_dims *out,
                                              int32_t s[4])
{
    s[3] = d->c == out->c ? 1 : 0;
    s[2] = d->w == out->w ? d->c : 0;
    s[1] = d->h == out->h ? d->w * d->c : 0;
    s[0] = d->n == out->n ? d->h * d->w * d->c : 0;
}

#endif /* MOTE_KERNELS_REF_UTIL_H */
