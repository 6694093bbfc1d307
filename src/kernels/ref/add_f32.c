/*
 * ADD, float32 reference, with broadcasting.
 *
 * Every dimension of each input equals the output's or is 1; a size-1
 * dimension is read at index 0 for every output index (a zero stride).
 * output = clamp(in1 + in2), as TFLite's reference.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_add_f32(float act_min, float act_max, const mote_dims *in1_dims,
                             const float *in1, const mote_dims *in2_dims, const float *in2,
                             const mote_dims *output_dims, float *output)
{
    int32_t s1[4], s2[4];
    int32_t b, y, x, c;

    if (!in1_dims || !in1 || !in2_dims || !in2 || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_ref_dims_ok(in1_dims) || !mote_ref_dims_ok(in2_dims) ||
        !mote_ref_dims_ok(output_dims) || !mote_ref_broadcasts(in1_dims, output_dims) ||
        !mote_ref_broadcasts(in2_dims, output_dims))
        return MOTE_E_ARG;

    mote_ref_broadcast_strides(in1_dims, output_dims, s1);
    mote_ref_broadcast_strides(in2_dims, output_dims, s2);
    for (b = 0; b < output_dims->n; ++b) {
        for (y = 0; y < output_dims->h; ++y) {
            for (x = 0; x < output_dims->w; ++x) {
                const float *a = in1 + b * s1[0] + y * s1[1] + x * s1[2];
                const float *d = in2 + b * s2[0] + y * s2[1] + x * s2[2];
                for (c = 0; c < output_dims->c; ++c)
                    *output++ = mote_ref_clamp_f32(a[c * s1[3]] + d[c * s2[3]], act_min, act_max);
            }
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_add_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_add_f32_step *s = (const mote_add_f32_step *)step;
    return mote_ref_add_f32(s->act_min, s->act_max, &s->in1, io->in[0], &s->in2, io->in[1], &s->out,
                            io->out[0]);
}
