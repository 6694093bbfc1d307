/*
 * ADD, float32 reference, with broadcasting.
 *
 * Every dimension of each input equals the output's or is 1; a size-1
 * dimension is read at index 0 for every output index (a zero stride).
 * output = clamp(in1 + in2), as TFLite's reference.
 */
#include "mote/kernels.h"

static int dims_ok(const mote_dims *d)
{
    return d->n > 0 && d->h > 0 && d->w > 0 && d->c > 0;
}

/* An input dimension broadcasts to the output's when equal or 1. */
static int fits(const mote_dims *in, const mote_dims *out)
{
    return (in->n == out->n || in->n == 1) && (in->h == out->h || in->h == 1) &&
           (in->w == out->w || in->w == 1) && (in->c == out->c || in->c == 1);
}

/* min(max(x, lo), hi), the clamp TFLite applies for fused activations. */
static float clamp_f32(float x, float lo, float hi)
{
    float y = x < lo ? lo : x;
    return hi < y ? hi : y;
}

/* Element strides of an NHWC tensor, zeroed where the dimension is 1 so
 * that the one element is reused along a broadcast dimension. */
static void bcast_strides(const mote_dims *d, int32_t s[4])
{
    s[3] = d->c == 1 ? 0 : 1;
    s[2] = d->w == 1 ? 0 : d->c;
    s[1] = d->h == 1 ? 0 : d->w * d->c;
    s[0] = d->n == 1 ? 0 : d->h * d->w * d->c;
}

mote_status mote_ref_add_f32(float act_min, float act_max,
                             const mote_dims *in1_dims, const float *in1,
                             const mote_dims *in2_dims, const float *in2,
                             const mote_dims *output_dims, float *output)
{
    int32_t s1[4], s2[4];
    int32_t b, y, x, c;

    if (!in1_dims || !in1 || !in2_dims || !in2 || !output_dims || !output)
        return MOTE_E_ARG;
    if (!dims_ok(in1_dims) || !dims_ok(in2_dims) || !dims_ok(output_dims) ||
        !fits(in1_dims, output_dims) || !fits(in2_dims, output_dims))
        return MOTE_E_ARG;

    bcast_strides(in1_dims, s1);
    bcast_strides(in2_dims, s2);
    for (b = 0; b < output_dims->n; ++b) {
        for (y = 0; y < output_dims->h; ++y) {
            for (x = 0; x < output_dims->w; ++x) {
                const float *a = in1 + b * s1[0] + y * s1[1] + x * s1[2];
                const float *d = in2 + b * s2[0] + y * s2[1] + x * s2[2];
                for (c = 0; c < output_dims->c; ++c)
                    *output++ = clamp_f32(a[c * s1[3]] + d[c * s2[3]], act_min, act_max);
            }
        }
    }
    return MOTE_OK;
}
