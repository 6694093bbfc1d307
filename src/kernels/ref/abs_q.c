/*
 * ABS, int8 and int16 (TFLite Micro's AbsEvalQuantized): |x - input_zp|,
 * rescaled with MultiplyByQuantizedMultiplier when the input and output
 * scales differ, plus the output zero point, clamped to the type.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "base/fixedpoint.h"

static int32_t abs_one(const mote_abs_q_step *p, int32_t x, int32_t lo, int32_t hi)
{
    const int32_t d = x - p->input_zp;
    const int32_t a = d < 0 ? -d : d;
    const int32_t v = (p->rescale ? mote_requantize(a, p->multiplier, p->shift) : a) + p->output_zp;
    return v < lo ? lo : v > hi ? hi : v;
}

static int step_ok(const mote_abs_q_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && p->elements > 0 && p->shift >= -31 &&
           p->shift <= 30;
}

mote_status mote_ref_abs_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_abs_q_step *p = (const mote_abs_q_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (int8_t)abs_one(p, in[i], -128, 127);
    return MOTE_OK;
}

mote_status mote_ref_abs_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_abs_q_step *p = (const mote_abs_q_step *)step;
    const int16_t *in = (const int16_t *)io->in[0];
    int16_t *out = (int16_t *)io->out[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (int16_t)abs_one(p, in[i], -32768, 32767);
    return MOTE_OK;
}
