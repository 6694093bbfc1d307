/*
 * SOFTMAX, int8 in, int8 out (scale 1/256, zero point -128): TFLite's
 * reference_ops::Softmax for quantized types, row by row.
 *
 * 1. max of the row;
 * 2. each difference d = x - max (<= 0) at or above diff_min is rescaled by
 *    beta * input_scale into Q5.26, exponentiated in fixed point (Q0.31) and
 *    accumulated in Q12.19; differences below diff_min contribute nothing
 *    (and could not be left-shifted without overflow);
 * 3. the sum's reciprocal, normalised to Q0.31 with a power-of-two exponent;
 * 4. each output = exp(d) * reciprocal, shifted down to units of 1/256,
 *    minus 128, saturated to int8 (differences below diff_min give -128).
 *
 * The sum of exps is at most depth * 2^19, so lowering keeps depth < 4096
 * (int32 accumulator).
 */
#include "mote/kernels.h"
#include "base/fixedpoint_exp.h"

/* exp(d * beta * input_scale) in Q0.31 for a difference d <= 0 that passed
 * the diff_min test. */
static int32_t exp_of_diff(const mote_softmax_s8_params *p, int32_t diff)
{
    const int32_t scaled = mote_requantize_gt1(diff, p->input_multiplier, p->input_left_shift);
    return mote_fp_exp_neg_q5(scaled);
}

static void softmax_row(const mote_softmax_s8_params *p, int32_t depth, const int8_t *in,
                        int8_t *out)
{
    const int accum_integer_bits = 12;
    int32_t max = -128, sum = 0, i, recip;
    int bits_over_unit, out_shift;

    for (i = 0; i < depth; ++i)
        max = in[i] > max ? in[i] : max;
    for (i = 0; i < depth; ++i) {
        const int32_t diff = (int32_t)in[i] - max;
        if (diff >= p->diff_min)
            sum += mote_fp_div_pot(exp_of_diff(p, diff), accum_integer_bits); /* Q0 -> Q12 */
    }
    /* sum >= exp(0) = 2^19 (the max itself), so the reciprocal is defined. */
    recip = mote_fp_reciprocal(sum, accum_integer_bits, &bits_over_unit);
    out_shift = bits_over_unit + 31 - 8;
    for (i = 0; i < depth; ++i) {
        const int32_t diff = (int32_t)in[i] - max;
        int32_t v = -128;
        /* A sum of 512 or more (in units of exp(0)) needs a shift past 31:
         * every probability is then below 1/512 and rounds to 0. TFLite's
         * gemmlowp asserts here (TFLM aborts); mote gives that 0. */
        if (diff >= p->diff_min && out_shift <= 31) {
            /* Q0 probability scaled down to 8 fractional bits. */
            const int32_t prob = mote_fp_mul_high(recip, exp_of_diff(p, diff));
            v = mote_fp_div_pot(prob, out_shift) - 128;
            v = v > 127 ? 127 : v;
            v = v < -128 ? -128 : v;
        }
        out[i] = (int8_t)v;
    }
}

mote_status mote_ref_softmax_s8(const mote_softmax_s8_params *p, int32_t rows, int32_t depth,
                                const int8_t *input, int8_t *output)
{
    int32_t r;

    if (!p || !input || !output) return MOTE_E_ARG;
    if (rows < 1 || depth < 1 || p->input_left_shift < 0 || p->input_left_shift > 31)
        return MOTE_E_ARG;
    for (r = 0; r < rows; ++r)
        softmax_row(p, depth, input + r * depth, output + r * depth);
    return MOTE_OK;
}

mote_status mote_ref_softmax_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_softmax_s8_step *s = (const mote_softmax_s8_step *)step;
    return mote_ref_softmax_s8(&s->p, s->rows, s->depth, io->in[0], io->out[0]);
}
