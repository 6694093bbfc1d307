/*
 * MUL, int8 and int16 (TFLite reference_integer_ops::Mul and
 * BroadcastMul6DSlow, one formula):
 *
 *   out = clamp(output_offset + MultiplyByQuantizedMultiplier(
 *               (a + in1_offset) * (b + in2_offset)), act_min, act_max)
 *
 * The product fits int32: int8 operands with offsets are within 255 in
 * magnitude, int16 ones have zero points 0 (lowering checks), so at most
 * 2^30.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_elementwise.h"
#include "base/fixedpoint.h"

static int32_t mul_one(const void *step, int32_t a, int32_t b, int unused)
{
    const mote_mul_q_step *p = (const mote_mul_q_step *)step;
    const int32_t prod = (a + p->input1_offset) * (b + p->input2_offset);
    int32_t v = p->output_offset + mote_requantize(prod, p->multiplier, p->shift);
    (void)unused;
    v = v < p->act_min ? p->act_min : v;
    return v > p->act_max ? p->act_max : v;
}

/* wide: 0 for int8, 1 for int16. */
static mote_status mul_q(const void *step, const mote_kernel_io *io, int wide)
{
    const mote_mul_q_step *p = (const mote_mul_q_step *)step;
    if (io->in[0] == NULL || io->in[1] == NULL || io->out[0] == NULL || !mote_bc_ok(&p->b) ||
        p->shift > 30 || p->shift < -31 || p->act_min > p->act_max)
        return MOTE_E_ARG;
    mote_bc_run_q(&p->b, io, wide, mul_one, p, 0);
    return MOTE_OK;
}

mote_status mote_ref_mul_s8_step(const void *step, const mote_kernel_io *io)
{
    return mul_q(step, io, 0);
}

mote_status mote_ref_mul_s16_step(const void *step, const mote_kernel_io *io)
{
    return mul_q(step, io, 1);
}
