/*
 * ADD, int8 reference (TFLite reference_integer_ops::Add and its broadcast
 * variants, which share one per-element formula).
 *
 * Both inputs are brought to a common scale with 20 bits of headroom:
 * (x + offset) << 20, times a multiplier below one; the sum is rescaled to
 * the output with a third multiplier below one, offset and clamped. Each
 * rescale is a doubling high multiply then a rounding right shift
 * (mote_requantize_lt1). (x + offset) is in [-255, 255], so the shift by 20
 * cannot overflow.
 *
 * Broadcasting: any dimension of an input may be 1 where the output's is
 * larger; that input's stride along it is then 0.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "base/fixedpoint.h"

static int8_t add_one(const mote_add_s8_params *p, int32_t a, int32_t b)
{
    const int32_t a_shifted = (a + p->input1_offset) * ((int32_t)1 << p->left_shift);
    const int32_t b_shifted = (b + p->input2_offset) * ((int32_t)1 << p->left_shift);
    const int32_t a_scaled = mote_requantize_lt1(a_shifted, p->input1_multiplier, p->input1_shift);
    const int32_t b_scaled = mote_requantize_lt1(b_shifted, p->input2_multiplier, p->input2_shift);
    int32_t out = mote_requantize_lt1(a_scaled + b_scaled, p->output_multiplier, p->output_shift) +
                  p->output_offset;
    out = out < p->act_min ? p->act_min : out;
    out = out > p->act_max ? p->act_max : out;
    return (int8_t)out;
}

mote_status mote_ref_add_s8(const mote_add_s8_params *p, const mote_dims *in1_dims,
                            const int8_t *in1, const mote_dims *in2_dims, const int8_t *in2,
                            const mote_dims *output_dims, int8_t *output)
{
    const mote_dims *od = output_dims;
    int32_t s1[4], s2[4], n, y, x, c;

    if (!p || !in1_dims || !in1 || !in2_dims || !in2 || !output_dims || !output) return MOTE_E_ARG;
    if (!mote_ref_dims_ok(in1_dims) || !mote_ref_dims_ok(in2_dims) || !mote_ref_dims_ok(od) ||
        !mote_ref_broadcasts(in1_dims, od) || !mote_ref_broadcasts(in2_dims, od) ||
        p->left_shift < 0 || p->left_shift > 20)
        return MOTE_E_ARG;
    mote_ref_broadcast_strides(in1_dims, od, s1);
    mote_ref_broadcast_strides(in2_dims, od, s2);

    for (n = 0; n < od->n; ++n)
        for (y = 0; y < od->h; ++y)
            for (x = 0; x < od->w; ++x) {
                const int8_t *a = in1 + n * s1[0] + y * s1[1] + x * s1[2];
                const int8_t *b = in2 + n * s2[0] + y * s2[1] + x * s2[2];
                int8_t *o = output + ((n * od->h + y) * od->w + x) * od->c;
                for (c = 0; c < od->c; ++c)
                    o[c] = add_one(p, a[c * s1[3]], b[c * s2[3]]);
            }
    return MOTE_OK;
}

mote_status mote_ref_add_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_add_s8_step *s = (const mote_add_s8_step *)step;
    return mote_ref_add_s8(&s->p, &s->in1, io->in[0], &s->in2, io->in[1], &s->out, io->out[0]);
}
