/*
 * FULLY_CONNECTED, hybrid reference: float32 input rows and output, int8
 * weights [out_c, depth] with float scales (mote/kernels_hybrid.h).
 *
 * As LiteRT's EvalHybridDense: each row is quantized into the scratch
 * (symmetric, or asymmetric with asymmetric_quantize_inputs), the int32
 * dot product sum(w * (q - zero point)) is taken, and
 *   output = bias + acc * (input_scale * weight_scale[o or 0])
 * then the activation clamp.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_hybrid.h"

uint32_t mote_ref_fc_hybrid_scratch(const void *step)
{
    const mote_fc_hybrid_step *s = (const mote_fc_hybrid_step *)step;
    return (uint32_t)s->depth;
}

mote_status mote_ref_fully_connected_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_hybrid_step *s = (const mote_fc_hybrid_step *)step;
    const float *scales = mote_step_hybrid_scales(step, (uint32_t)sizeof *s);
    const float *input, *bias;
    const int8_t *filter;
    float *output;
    int8_t *q;
    int32_t b, o, d;

    if (!io->in[0] || !io->in[1] || !io->out[0] || !io->scratch || s->batches < 1 || s->depth < 1 ||
        s->out_c < 1 || (s->channels != 1 && s->channels != s->out_c))
        return MOTE_E_ARG;
    input = (const float *)io->in[0];
    filter = (const int8_t *)io->in[1];
    bias = (const float *)io->in[2];
    output = (float *)io->out[0];
    q = (int8_t *)io->scratch;
    for (b = 0; b < s->batches; ++b) {
        int32_t zp;
        float sf = mote_ref_hybrid_quantize(s->asymmetric, input + b * s->depth, s->depth, q, &zp);
        float sf_tensor = sf * scales[0];
        for (o = 0; o < s->out_c; ++o) {
            const int8_t *w = filter + o * s->depth;
            int32_t acc = 0;
            float scale = s->per_channel ? sf * scales[s->channels == 1 ? 0 : o] : sf_tensor;
            float v = bias ? bias[o] : 0.0f;
            for (d = 0; d < s->depth; ++d)
                acc += (int32_t)w[d] * ((int32_t)q[d] - zp);
            v += (float)acc * scale;
            output[b * s->out_c + o] = mote_ref_clamp_f32(v, s->act_min, s->act_max);
        }
    }
    return MOTE_OK;
}
