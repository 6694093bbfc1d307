/*
 * QUANTIZE between integer types and RELU, int8 / int16 / int32 input (TFLite
 * reference_ops::Requantize and ReluQuantized, which share one formula):
 *
 *   out = clamp(output_zp + MultiplyByQuantizedMultiplier(x - input_zp), lo, hi)
 *
 * written as int8 or int16. (x - input_zp) fits 17 bits for int8 / int16
 * input; for int32 input it and the final addition wrap modulo 2^32 (the
 * two's-complement bytes TFLite's int32 arithmetic gives, without C's
 * undefined overflow). A positive shift wraps like TFLite's int multiply
 * (lowering keeps shift <= 30).
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "base/fixedpoint.h"

static int32_t requant_one(const mote_requant_step *p, int32_t x)
{
    const int32_t d = (int32_t)((uint32_t)x - (uint32_t)p->input_zp);
    int32_t v =
        (int32_t)((uint32_t)mote_requantize(d, p->multiplier, p->shift) + (uint32_t)p->output_zp);
    v = v < p->act_min ? p->act_min : v;
    return v > p->act_max ? p->act_max : v;
}

static int step_ok(const mote_requant_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && p->elements > 0 && p->shift <= 30 &&
           p->shift >= -31 && p->act_min <= p->act_max &&
           (p->out_type == MOTE_EW_OUT_INT8 || p->out_type == MOTE_EW_OUT_INT16);
}

/* in_wide: 0 for int8 input, 1 for int16, 2 for int32. */
static mote_status requant(const void *step, const mote_kernel_io *io, int in_wide)
{
    const mote_requant_step *p = (const mote_requant_step *)step;
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t x = in_wide == 2   ? ((const int32_t *)io->in[0])[i]
                          : in_wide == 1 ? ((const int16_t *)io->in[0])[i]
                                         : ((const int8_t *)io->in[0])[i];
        const int32_t v = requant_one(p, x);
        if (p->out_type == MOTE_EW_OUT_INT8)
            ((int8_t *)io->out[0])[i] = (int8_t)v;
        else
            ((int16_t *)io->out[0])[i] = (int16_t)v;
    }
    return MOTE_OK;
}

mote_status mote_ref_requant_s8_step(const void *step, const mote_kernel_io *io)
{
    return requant(step, io, 0);
}

mote_status mote_ref_requant_s16_step(const void *step, const mote_kernel_io *io)
{
    return requant(step, io, 1);
}

mote_status mote_ref_requant_s32_step(const void *step, const mote_kernel_io *io)
{
    return requant(step, io, 2);
}
