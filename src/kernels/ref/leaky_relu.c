/*
 * LEAKY_RELU, int8 and int16 (TFLite reference_ops::QuantizeLeakyRelu):
 * the input less its zero point is rescaled by the identity multiplier when
 * it is >= 0, by the alpha multiplier (negative for a negative alpha)
 * otherwise, offset by the output zero point and clamped to the type.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "base/fixedpoint.h"

/* A negative alpha multiplier: TFLite Micro's results are those of the
 * positive multiplier, negated (a product ending in exactly .5 rounds
 * toward zero, 63.5 -> 63, where the rounding doubling multiply would give
 * 64). Lowering keeps the multiplier above INT32_MIN. */
static int32_t alpha_part(const mote_leaky_relu_q_step *p, int32_t d)
{
    if (p->mult_alpha < 0) return -mote_requantize(d, -p->mult_alpha, p->shift_alpha);
    return mote_requantize(d, p->mult_alpha, p->shift_alpha);
}

static int32_t leaky_one(const mote_leaky_relu_q_step *p, int32_t x, int32_t lo, int32_t hi)
{
    const int32_t d = x - p->input_zp;
    const int32_t v =
        p->output_zp +
        (d >= 0 ? mote_requantize(d, p->mult_identity, p->shift_identity) : alpha_part(p, d));
    return v < lo ? lo : v > hi ? hi : v;
}

static int step_ok(const mote_leaky_relu_q_step *p, const mote_kernel_io *io)
{
    return io->in[0] != NULL && io->out[0] != NULL && p->elements > 0 && p->shift_identity >= -31 &&
           p->shift_identity <= 30 && p->shift_alpha >= -31 && p->shift_alpha <= 30 &&
           p->mult_alpha != INT32_MIN;
}

mote_status mote_ref_leaky_relu_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_leaky_relu_q_step *p = (const mote_leaky_relu_q_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (int8_t)leaky_one(p, in[i], -128, 127);
    return MOTE_OK;
}

mote_status mote_ref_leaky_relu_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_leaky_relu_q_step *p = (const mote_leaky_relu_q_step *)step;
    const int16_t *in = (const int16_t *)io->in[0];
    int16_t *out = (int16_t *)io->out[0];
    int32_t i;
    if (!step_ok(p, io)) return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i)
        out[i] = (int16_t)leaky_one(p, in[i], -32768, 32767);
    return MOTE_OK;
}
