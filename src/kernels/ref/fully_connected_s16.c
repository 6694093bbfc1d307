/*
 * FULLY_CONNECTED, int16 activations with int8 weights (TFLite
 * reference_integer_ops::FullyConnected / FullyConnectedPerChannel, 16x8).
 *
 * out[b, o] = clamp(MultiplyByQuantizedMultiplier64(bias[o] +
 *                   sum_d w[o, d] * in[b, d]))
 * with an int64 accumulator and bias (TFLite Micro reads the bias as int64
 * for int16 inputs; lowering refuses any other type), zero points 0. The
 * bias is added modulo 2^64; the sum itself cannot overflow (depth <=
 * 65536 taps of at most 2^22).
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

mote_status mote_ref_fully_connected_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s16_step *s = (const mote_fc_s16_step *)step;
    const mote_requant q = mote_step_requant(s, sizeof *s, s->channels);
    const int16_t *input = (const int16_t *)io->in[0];
    const int8_t *filter = (const int8_t *)io->in[1];
    const void *bias = io->in[2]; /* int64, maybe 4-byte aligned only */
    int16_t *output = (int16_t *)io->out[0];
    int32_t b, o, d;

    if (!input || !filter || !output) return MOTE_E_ARG;
    if (s->batches < 1 || s->depth < 1 || s->out_c < 1 ||
        s->channels != (s->per_channel ? s->out_c : 1))
        return MOTE_E_ARG;

    for (b = 0; b < s->batches; ++b) {
        const int16_t *in_row = input + b * s->depth;
        for (o = 0; o < s->out_c; ++o) {
            const int8_t *w_row = filter + o * s->depth;
            const int32_t qi = s->per_channel ? o : 0;
            int64_t sum = 0;
            uint64_t acc;
            int32_t v;
            for (d = 0; d < s->depth; ++d)
                sum += (int32_t)w_row[d] * (int32_t)in_row[d];
            acc = (uint64_t)sum;
            if (bias) acc += (uint64_t)mote_ref_load_i64(bias, o);
            v = mote_requantize64((int64_t)acc, q.multiplier[qi], q.shift[qi]);
            v = mote_ref_max_i32(v, s->act_min);
            v = mote_ref_min_i32(v, s->act_max);
            output[b * s->out_c + o] = (int16_t)v;
        }
    }
    return MOTE_OK;
}
