/*
 * SQUARED_DIFFERENCE on int8 and int16 (TFLite Micro's quantized
 * SquaredDifference): each input less its zero point, shifted left
 * (7 bits for int8, none for int16), rescaled below one half onto the
 * larger input scale; the difference squared, requantized to the output,
 * offset and clamped. The lowering's scales bound every intermediate:
 * |scaled| <= 2^14, so the square stays below 2^30 + 2^15.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"
#include "base/fixedpoint.h"

static int step_ok(const mote_sqdiff_q_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->in[1] != NULL && io->out[0] != NULL && mote_bc_ok(&p->b) &&
           (p->left_shift == 0 || p->left_shift == 7) && p->input1_shift <= 0 &&
           p->input1_shift >= -31 && p->input2_shift <= 0 && p->input2_shift >= -31 &&
           p->output_shift <= 30 && p->output_shift >= -31 && p->act_min <= p->act_max;
}

static int32_t one(const mote_sqdiff_q_step *p, int32_t x, int32_t y)
{
    const int32_t a = mote_requantize_lt1((p->input1_offset + x) * (1 << p->left_shift),
                                          p->input1_multiplier, p->input1_shift);
    const int32_t b = mote_requantize_lt1((p->input2_offset + y) * (1 << p->left_shift),
                                          p->input2_multiplier, p->input2_shift);
    const int32_t d = a - b;
    int32_t v = mote_requantize(d * d, p->output_multiplier, p->output_shift) + p->output_offset;
    if (v < p->act_min) v = p->act_min;
    if (v > p->act_max) v = p->act_max;
    return v;
}

#define MOTE_SQDIFF_STEP(name, ctype)                                                              \
    mote_status name(const void *step, const mote_kernel_io *io)                                   \
    {                                                                                              \
        typedef ctype T;                                                                           \
        const mote_sqdiff_q_step *p = (const mote_sqdiff_q_step *)step;                            \
        const T *in1 = (const T *)io->in[0], *in2 = (const T *)io->in[1];                          \
        T *out = (T *)io->out[0];                                                                  \
        mote_bc_it it;                                                                             \
        int32_t i;                                                                                 \
        if (!step_ok(p, io)) return MOTE_E_ARG;                                                    \
        mote_bc_start(&it);                                                                        \
        for (i = 0; i < p->b.elements; ++i, mote_bc_next(&p->b, &it))                              \
            out[i] = (T)one(p, in1[it.o1], in2[it.o2]);                                            \
        return MOTE_OK;                                                                            \
    }

MOTE_SQDIFF_STEP(mote_ref_squared_difference_s8_step, int8_t)
MOTE_SQDIFF_STEP(mote_ref_squared_difference_s16_step, int16_t)
