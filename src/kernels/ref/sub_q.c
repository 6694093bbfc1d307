/*
 * SUB, int8 and int16, and ADD int16 (TFLite reference_ops::Sub /
 * BroadcastQuantSubSlow and the int16 Add / BroadcastAdd6DSlow, one formula): both inputs are offset, shifted left by left_shift (20 for
 * int8, 15 for int16) and brought to a common scale with a multiplier below
 * one; their difference is rescaled to the output, offset and clamped.
 * Operands with offsets fit 9 bits (int8) or are int16 with zero point 0,
 * so the shifted values and their difference fit int32.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"
#include "base/fixedpoint.h"

/* add: 1 for ADD, 0 for SUB. */
static int32_t addsub_one(const void *step, int32_t a, int32_t b, int add)
{
    const mote_addsub_q_step *p = (const mote_addsub_q_step *)step;
    const int32_t a_sh = (a + p->input1_offset) * ((int32_t)1 << p->left_shift);
    const int32_t b_sh = (b + p->input2_offset) * ((int32_t)1 << p->left_shift);
    const int32_t a_sc = mote_requantize_lt1(a_sh, p->input1_multiplier, p->input1_shift);
    const int32_t b_sc = mote_requantize_lt1(b_sh, p->input2_multiplier, p->input2_shift);
    int32_t v = mote_requantize_lt1(add ? a_sc + b_sc : a_sc - b_sc, p->output_multiplier,
                                    p->output_shift) +
                p->output_offset;
    v = v < p->act_min ? p->act_min : v;
    return v > p->act_max ? p->act_max : v;
}

/* wide: 0 for int8, 1 for int16. */
static mote_status addsub_q(const void *step, const mote_kernel_io *io, int wide, int add)
{
    const mote_addsub_q_step *p = (const mote_addsub_q_step *)step;
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL || !mote_bc_ok(&p->b) ||
        p->left_shift < 0 || p->left_shift > 20 || p->input1_shift > 0 || p->input2_shift > 0 ||
        p->output_shift > 0 || p->input1_shift < -31 || p->input2_shift < -31 ||
        p->output_shift < -31 || p->act_min > p->act_max)
        return MOTE_E_ARG;
    mote_bc_run_q(&p->b, io, wide, addsub_one, p, add);
    return MOTE_OK;
}

mote_status mote_ref_sub_s8_step(const void *step, const mote_kernel_io *io)
{
    return addsub_q(step, io, 0, 0);
}

mote_status mote_ref_sub_s16_step(const void *step, const mote_kernel_io *io)
{
    return addsub_q(step, io, 1, 0);
}

mote_status mote_ref_add_s16_step(const void *step, const mote_kernel_io *io)
{
    return addsub_q(step, io, 1, 1);
}
