/*
 * SVDF, hybrid reference (mote/kernels_rnn.h): float32 activations and
 * state, int8 weights_feature and weights_time, as LiteRT's EvalHybridSVDF
 * (TFLite Micro has no hybrid SVDF). Per invoke: the state moves left by
 * one element as one flat array; each batch row is quantized to int8
 * (kernels/ref/ref_hybrid.h, LiteRT's BatchQuantizeFloats) and each
 * filter's int32 dot product sum(w * (q - zero point)) times
 * (row scale x feature scale) becomes the row's newest state value; the
 * time matmul uses the dequantized weights_time (w x time scale, as LiteRT
 * dequantizes them once), then the bias, the rank sum and the activation.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_hybrid.h"

mote_status mote_ref_svdf_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_svdf_step *s = (const mote_svdf_step *)step;
    const float *input, *bias;
    const int8_t *wf, *wt;
    float *state, *output, *acc;
    int8_t *q;
    int32_t b, f, k, u, total;

    if (!io->in[0] || !io->in[1] || !io->in[2] || !io->in[4] || !io->out[0] || !io->scratch ||
        !s->hybrid || s->batches < 1 || s->filters < 1 || s->memory < 1 || s->rank < 1 ||
        s->input_size < 1 || s->units * s->rank != s->filters)
        return MOTE_E_ARG;
    input = (const float *)io->in[0];
    wf = (const int8_t *)io->in[1];
    wt = (const int8_t *)io->in[2];
    bias = (const float *)io->in[3];
    state = (float *)(uintptr_t)io->in[4]; /* the variable tensor: written in place */
    output = (float *)io->out[0];
    acc = (float *)io->scratch;
    q = (int8_t *)(acc + s->batches * s->filters);
    total = s->batches * s->filters * s->memory;

    for (k = 0; k + 1 < total; k++)
        state[k] = state[k + 1];
    for (b = 0; b < s->batches; b++) {
        int32_t zp;
        float sf = mote_ref_hybrid_quantize(s->asymmetric, input + b * s->input_size, s->input_size,
                                            q, &zp);
        float scale = sf * s->feature_scale;
        for (f = 0; f < s->filters; f++) {
            const int8_t *w = wf + f * s->input_size;
            int32_t dot = 0;
            for (k = 0; k < s->input_size; k++)
                dot += (int32_t)w[k] * ((int32_t)q[k] - zp);
            state[(b * s->filters + f) * s->memory + s->memory - 1] = (float)dot * scale;
        }
    }
    for (b = 0; b < s->batches; b++)
        for (f = 0; f < s->filters; f++) {
            const int8_t *w = wt + f * s->memory;
            const float *st = state + (b * s->filters + f) * s->memory;
            float dot = 0.0f;
            for (k = 0; k < s->memory; k++)
                dot += ((float)w[k] * s->time_scale) * st[k];
            acc[b * s->filters + f] = dot;
        }
    for (b = 0; b < s->batches; b++)
        for (u = 0; u < s->units; u++) {
            float v = bias ? bias[u] : 0.0f;
            for (k = 0; k < s->rank; k++)
                v += acc[b * s->filters + u * s->rank + k];
            output[b * s->units + u] = mote_ref_clamp_f32(v, s->act_min, s->act_max);
        }
    return MOTE_OK;
}
