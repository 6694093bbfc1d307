/*
 * FULLY_CONNECTED, int8 reference (TFLite reference_integer_ops::
 * FullyConnected and FullyConnectedPerChannel, which differ only in where
 * the requantization comes from).
 *
 * out[b, o] = clamp(requantize(bias[o] + sum_d (w[o, d] + filter_offset) *
 *                   (in[b, d] + input_offset)) + output_offset)
 * filter_offset is 0 for the symmetric weights the int8 spec requires; it is
 * kept because TFLite's per-tensor kernel applies it.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

/* sum_d (w[d] + filter_offset) * (in[d] + input_offset) for one output. */
static MOTE_REF_NOINLINE int32_t row_sum(const mote_fc_s8_params *p, const int8_t *in_row,
                                         const int8_t *w_row, int32_t depth)
{
    const int32_t input_offset = p->input_offset, filter_offset = p->filter_offset;
    int32_t acc = 0, d;

    for (d = 0; d < depth; ++d)
        acc += ((int32_t)w_row[d] + filter_offset) * ((int32_t)in_row[d] + input_offset);
    return acc;
}

mote_status mote_ref_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output)
{
    int32_t b, o;

    if (!p || !q || !q->multiplier || !q->shift || !input || !filter || !output) return MOTE_E_ARG;
    if (batches < 1 || depth < 1 || out_c < 1) return MOTE_E_ARG;

    for (b = 0; b < batches; ++b) {
        const int8_t *in_row = input + b * depth;
        for (o = 0; o < out_c; ++o) {
            const int32_t acc = row_sum(p, in_row, filter + o * depth, depth);
            const int32_t qi = p->per_channel ? o : 0;
            output[b * out_c + o] =
                mote_ref_output_s8(acc, bias, o, q->multiplier[qi], q->shift[qi], p->output_offset,
                                   p->act_min, p->act_max);
        }
    }
    return MOTE_OK;
}

mote_status mote_ref_fully_connected_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_fc_s8_step *s = (const mote_fc_s8_step *)step;
    mote_fc_s8_params p;
    mote_requant q;
    const mote_fc_s8_dims d = mote_fc_s8_step_unpack(s, &p, &q);
    return mote_ref_fully_connected_s8(&p, &q, d.batches, d.depth, d.out_c, io->in[0], io->in[1],
                                       io->in[2], io->out[0]);
}
