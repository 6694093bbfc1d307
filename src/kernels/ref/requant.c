/*
 * QUANTIZE between integer types and RELU, int8 / int16 input (TFLite
 * reference_ops::Requantize and ReluQuantized, which share one formula):
 *
 *   out = clamp(output_zp + MultiplyByQuantizedMultiplier(x - input_zp), lo, hi)
 *
 * written as int8 or int16. (x - input_zp) fits 17 bits; a positive shift
 * wraps like TFLite's int multiply (lowering keeps shift <= 30).
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "base/fixedpoint.h"

static int32_t requant_one(const mote_requant_step *p, int32_t x)
{
    int32_t v = mote_requantize(x - p->input_zp, p->multiplier, p->shift) + p->output_zp;
    v = v < p->act_min ? p->act_min : v;
    return v > p->act_max ? p->act_max : v;
}

static int step_ok(const mote_requant_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && p->elements > 0 && p->shift <= 30 &&
           p->shift >= -31 && p->act_min <= p->act_max &&
           (p->out_type == MOTE_EW_OUT_INT8 || p->out_type == MOTE_EW_OUT_INT16);
}

mote_status mote_ref_requant_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_requant_step *p = (const mote_requant_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    if (p->out_type == MOTE_EW_OUT_INT8) {
        int8_t *out = (int8_t *)io->out[0];
        for (i = 0; i < p->elements; ++i)
            out[i] = (int8_t)requant_one(p, in[i]);
    } else {
        int16_t *out = (int16_t *)io->out[0];
        for (i = 0; i < p->elements; ++i)
            out[i] = (int16_t)requant_one(p, in[i]);
    }
    return MOTE_OK;
}

mote_status mote_ref_requant_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_requant_step *p = (const mote_requant_step *)step;
    const int16_t *in = (const int16_t *)io->in[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    if (p->out_type == MOTE_EW_OUT_INT8) {
        int8_t *out = (int8_t *)io->out[0];
        for (i = 0; i < p->elements; ++i)
            out[i] = (int8_t)requant_one(p, in[i]);
    } else {
        int16_t *out = (int16_t *)io->out[0];
        for (i = 0; i < p->elements; ++i)
            out[i] = (int16_t)requant_one(p, in[i]);
    }
    return MOTE_OK;
}
