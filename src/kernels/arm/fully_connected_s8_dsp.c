/*
 * fully_connected_s8_dsp.c — FULLY_CONNECTED, int8, for cores with the DSP
 * extension. Bit-exact with mote_ref_fully_connected_s8 when the weights
 * are symmetric (filter_offset 0, as the int8 spec requires).
 *
 * Four output rows at a time against each input row (mote_arm_dot4_s8:
 * the input is widened in registers, no scratch), then the four outputs
 * requantized and stored as one word; leftover rows one at a time.
 */
#if defined(__ARM_FEATURE_DSP)

#include "kernels/arm/arm_dsp.h"
#include "kernels/arm/arm_kernels.h"

mote_status mote_arm_fully_connected_s8(const mote_fc_s8_params *p, const mote_requant *q,
                                        int32_t batches, int32_t depth, int32_t out_c,
                                        const int8_t *input, const int8_t *filter,
                                        const int32_t *bias, int8_t *output, void *scratch)
{
    const int32_t per_tensor = p && p->per_channel ? 0 : 1;
    int32_t b, o, off2;
    (void)scratch;

    if (!p || !q || !q->multiplier || !q->shift || !input || !filter || !output) return MOTE_E_ARG;
    if (batches < 1 || depth < 1 || out_c < 1) return MOTE_E_ARG;
    if (!mote_arm_fully_connected_s8_fits(p, batches, depth, out_c)) return MOTE_E_ARG;
    off2 = mote_arm_dup16(p->input_offset);

    for (o = 0; o + 4 <= out_c; o += 4) {
        mote_arm_rq4 rq;
        const int8_t *w = filter + o * depth;
        mote_arm_rq4_prep(&rq, q->multiplier, q->shift, o, per_tensor, p->output_offset, p->act_min,
                          p->act_max);
        for (b = 0; b < batches; ++b) {
            int32_t acc[4];
            acc[0] = bias ? bias[o] : 0;
            acc[1] = bias ? bias[o + 1] : 0;
            acc[2] = bias ? bias[o + 2] : 0;
            acc[3] = bias ? bias[o + 3] : 0;
            mote_arm_dot4_s8(w, depth, input + b * depth, depth, off2, acc);
            mote_arm_st32(output + b * out_c + o,
                          mote_arm_rq4_pack(&rq, acc[0], acc[1], acc[2], acc[3]));
        }
    }
    for (; o < out_c; ++o) {
        const int32_t k = per_tensor ? 0 : o;
        for (b = 0; b < batches; ++b) {
            const int32_t acc = mote_arm_dot1_s8(filter + o * depth, input + b * depth, depth, off2,
                                                 bias ? bias[o] : 0);
            output[b * out_c + o] = mote_arm_out_s8(acc, q->multiplier[k], q->shift[k],
                                                    p->output_offset, p->act_min, p->act_max);
        }
    }
    return MOTE_OK;
}

#else
typedef int mote_arm_unused_;
#endif
