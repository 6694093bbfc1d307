/*
 * FULLY_CONNECTED, float32 reference.
 *
 * output[b][o] = clamp(sum_d input[b][d] * filter[o][d] + bias[o]), the sum
 * taken in float in increasing d and the bias added after it, as TFLite's
 * reference float kernel does.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_fully_connected_f32(float act_min, float act_max, int32_t batches,
                                         int32_t depth, int32_t out_c, const float *input,
                                         const float *filter, const float *bias, float *output)
{
    int32_t b, o, d;

    if (!input || !filter || !output || batches < 1 || depth < 1 || out_c < 1) return MOTE_E_ARG;

    for (b = 0; b < batches; ++b) {
        const float *x = input + b * depth;
        for (o = 0; o < out_c; ++o) {
            const float *w = filter + o * depth;
            float total = 0.0f;
            for (d = 0; d < depth; ++d)
                total += x[d] * w[d];
            if (bias) total += bias[o];
            output[b * out_c + o] = mote_ref_clamp_f32(total, act_min, act_max);
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_fully_connected_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_f32_step *s = (const mote_fc_f32_step *)step;
    return mote_ref_fully_connected_f32(s->act_min, s->act_max, s->batches, s->depth, s->out_c,
                                        io->in[0], io->in[1], io->in[2], io->out[0]);
}
