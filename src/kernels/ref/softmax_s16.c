/*
 * SOFTMAX, int16 (mote/kernels_reduce.h), as TFLite's SoftmaxInt16, row by
 * row: each difference from the row maximum, rescaled and recentred, looks
 * up exp() in a table (Q0.15); the sum's reciprocal comes from the
 * 1 / (1 + x) table after normalising the sum; each output is exp * 1/sum
 * shifted back, in [0, 32767]. The exps are kept in the output row between
 * the passes, as the reference does.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "base/fixedpoint.h"

/* TFLite lut_lookup: 512 segments of 128, linear interpolation. */
static int16_t lookup(int16_t value, const int32_t *lut, int high)
{
    const int32_t index =
        (int32_t)(((uint32_t)((int32_t)value + 32768)) >> 7); /* 256 + value / 128, floored */
    const int32_t offset = value & 0x7f;
    const int16_t base = (int16_t)(high ? lut[index] >> 16 : lut[index]);
    const int16_t next = (int16_t)(high ? lut[index + 1] >> 16 : lut[index + 1]);
    const int16_t slope = (int16_t)(next - base);
    return (int16_t)(base + ((slope * offset + 64) >> 7));
}

static int clz32(uint32_t v)
{
    int n = 0;
    while (n < 32 && !(v & 0x80000000u)) {
        v <<= 1;
        n++;
    }
    return n;
}

mote_status mote_ref_softmax_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_softmax_s16_step *s = (const mote_softmax_s16_step *)step;
    const int32_t *lut = mote_step_requant(step, sizeof *s, s->channels).multiplier;
    const int16_t *in = (const int16_t *)io->in[0];
    int16_t *out = (int16_t *)io->out[0];
    int32_t r, i;
    if (in == NULL || out == NULL || s->rows < 1 || s->depth < 1 ||
        s->channels != MOTE_SOFTMAX_S16_LUT)
        return MOTE_E_ARG;
    for (r = 0; r < s->rows; r++) {
        const int16_t *x = in + (size_t)r * (size_t)s->depth;
        int16_t *y = out + (size_t)r * (size_t)s->depth;
        int32_t max = -32768, sum = 0, shifted, sym, right;
        int16_t recip;
        int hr1;
        for (i = 0; i < s->depth; i++)
            max = x[i] > max ? x[i] : max;
        for (i = 0; i < s->depth; i++) {
            int32_t d =
                mote_requantize(x[i] - max, s->input_multiplier, (int)s->input_shift) + 32767;
            d = d < -32768 ? -32768 : (d > 32767 ? 32767 : d);
            y[i] = lookup((int16_t)d, lut, 0);
            sum += y[i];
        }
        /* sum >= the max's exp (about 32767): the shifts below are >= 14. */
        hr1 = clz32((uint32_t)sum);
        shifted = (int32_t)((((int64_t)sum << (hr1 - 1)) + (1 << 13)) >> 14);
        sym = shifted - ((1 << 15) + (1 << 16));
        sym = sym < -32768 ? -32768 : (sym > 32767 ? 32767 : sym);
        recip = lookup((int16_t)sym, lut, 1);
        right = 31 - hr1;
        for (i = 0; i < s->depth; i++) {
            int64_t v = ((int64_t)y[i] * recip + ((int64_t)1 << (right - 1))) >> right;
            y[i] = (int16_t)(v < 0 ? 0 : (v > 32767 ? 32767 : v));
        }
    }
    return MOTE_OK;
}
