/*
 * HARD_SWISH, int8 (TFLite reference_ops::HardSwish, quantized): x * relu6(x
 * + 3) / 6 in 16-bit fixed point. The input less its zero point, times 2^7,
 * is rescaled to the output (before its final shift) and, separately, to a
 * "relu-ish" factor where 3.0 is 2^15 (saturating left shifts, or a rounding
 * right shift); the factor is mapped to [0, 1] and multiplied in with a
 * truncating doubling high multiply. Every int16 intermediate wraps as the
 * C++ int16_t stores do.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

/* Wrap to int16 (two's complement), as a C++ int16_t store does. */
static int32_t wrap16(int32_t v)
{
    return (int32_t)(int16_t)(uint16_t)(uint32_t)v;
}

static int32_t sat16(int64_t v)
{
    return v > 32767 ? 32767 : v < -32768 ? -32768 : (int32_t)v;
}

/* gemmlowp SaturatingRoundingDoublingHighMul on int16. */
static int32_t srdhm16(int32_t a, int32_t b)
{
    const int32_t ab = a * b;
    if (a == -32768 && b == -32768) return 32767;
    return wrap16((ab + (ab >= 0 ? (1 << 14) : 1 - (1 << 14))) / (1 << 15));
}

/* TFLite SaturatingDoublingHighMul on int16 (truncating). */
static int32_t sdhm16(int32_t a, int32_t b)
{
    if (a == -32768 && b == -32768) return 32767;
    return wrap16((a * b) / (1 << 15));
}

/* gemmlowp RoundingDivideByPOT on int16, exponent in [0, 31]: its mask and
 * threshold are int16 values too. */
static int32_t rdpot16(int32_t x, int e)
{
    const int32_t mask = wrap16((int32_t)(uint32_t)(((uint64_t)1 << e) - 1u));
    const int32_t threshold = wrap16((mask >> 1) + (x < 0 ? 1 : 0));
    return wrap16((x >> (e > 30 ? 30 : e)) + ((x & mask) > threshold ? 1 : 0));
}

mote_status mote_ref_hard_swish_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_hard_swish_s8_step *p = (const mote_hard_swish_s8_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i;
    if (in == NULL || out == NULL || p->elements <= 0 || p->output_exp > 0 || p->output_exp < -31 ||
        p->reluish_exp > 30 || p->reluish_exp < -31)
        return MOTE_E_ARG;
    for (i = 0; i < p->elements; ++i) {
        const int32_t hires = wrap16(((int32_t)in[i] - p->input_zp) * (1 << 7));
        const int32_t pre_out = srdhm16(hires, p->output_mult16);
        int32_t r = hires, v;
        if (p->reluish_exp > 0) r = sat16((int64_t)r * ((int64_t)1 << (p->reluish_exp - 1)));
        r = srdhm16(r, p->reluish_mult16);
        if (p->reluish_exp > 0) r = sat16((int64_t)r * 2);
        if (p->reluish_exp < 0) r = rdpot16(r, -p->reluish_exp);
        r = (r + (1 << 15)) >> 1;
        v = rdpot16(sdhm16(r, pre_out), -p->output_exp);
        v = wrap16(v + p->output_zp);
        out[i] = (int8_t)(v > 127 ? 127 : v < -128 ? -128 : v);
    }
    return MOTE_OK;
}
