/*
 * fully_connected_s8_dsp.c — FULLY_CONNECTED, int8, for cores with the DSP
 * extension. Bit-exact with mote_ref_fully_connected_s8 when the weights
 * are symmetric (filter_offset 0, as the int8 spec requires).
 *
 * Input rows are widened to int16 (input offset added) two at a time into
 * a scratch column pair; the matrix multiply of matmul_s8_dsp.c then does
 * two output rows x two input rows per step, depth unrolled by eight.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

mote_status mote_arm_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output, void *scratch)
{
    int16_t *col = (int16_t *)scratch;
    mote_arm_out os;
    int32_t b;

    if (!p || !q || !q->multiplier || !q->shift || !input || !filter || !output || !scratch)
        return MOTE_E_ARG;
    if (batches < 1 || depth < 1 || out_c < 1) return MOTE_E_ARG;
    if (!mote_arm_fully_connected_s8_fits(p, batches, depth, out_c)) return MOTE_E_ARG;
    os.bias = bias;
    os.mult = q->multiplier;
    os.shift = q->shift;
    os.q_step = p->per_channel ? 1 : 0;
    os.output_offset = p->output_offset;
    os.act_min = p->act_min;
    os.act_max = p->act_max;

    for (b = 0; b < batches; b += 2) {
        const int32_t n = batches - b >= 2 ? 2 : 1;
        mote_arm_col_fill(col, depth, 0, 0, input + b * depth, depth, p->input_offset);
        if (n == 2)
            mote_arm_col_fill(col, depth, 1, 0, input + (b + 1) * depth, depth, p->input_offset);
        mote_arm_matmul_s8(filter, out_c, depth, col, n, &os, output + b * out_c,
                           n == 2 ? output + (b + 1) * out_c : 0);
    }
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
