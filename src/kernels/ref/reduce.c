/*
 * Reductions: MEAN, SUM, REDUCE_MAX, REDUCE_MIN (mote/kernels_reduce.h).
 *
 * Every kernel walks the input once in row-major order and folds each
 * element into its output element, whose offset follows from the output
 * strides (0 along reduced dimensions): TFLite's reference Reduce(), so
 * float sums add in the same order.
 *
 * Integer MEAN / SUM, as TFLite's QuantizedMeanOrSum: int32 sums of the raw
 * values (the step's scratch), then per output
 *   clamp(requantize(sum - input_zp * count, multiplier, shift) + output_zp)
 * (lowering folded MEAN's 1 / count into the multiplier and proved that no
 * int32 overflows). Float MEAN divides the float sum by count; REDUCE_MAX /
 * MIN start from the type's extreme and keep the strictly larger / smaller
 * value, so NaN inputs are skipped as in TFLite.
 */
#include <float.h>
#include <stddef.h>

#include "mote/kernels.h"
#include "base/fixedpoint.h"
#include "kernels/ref/ref_util.h"

/* Advance the odometer idx over s->dims; returns the change of the output
 * offset. */
static int32_t next_out(const mote_reduce_step *s, int32_t *idx)
{
    int32_t d, delta = 0;
    for (d = s->rank - 1; d >= 0; d--) {
        if (++idx[d] < s->dims[d]) return delta + s->out_stride[d];
        delta -= s->out_stride[d] * (s->dims[d] - 1);
        idx[d] = 0;
    }
    return delta;
}

static int step_ok(const mote_reduce_step *s, const mote_kernel_io *io)
{
    return s->rank >= 1 && s->rank <= MOTE_REDUCE_RANK && s->in_elements >= 1 &&
           s->out_elements >= 1 && s->count >= 1 && io->in[0] != NULL && io->out[0] != NULL;
}

uint32_t mote_ref_reduce_sum_scratch(const void *step)
{
    const mote_reduce_step *s = (const mote_reduce_step *)step;
    return s->out_elements > 0 ? (uint32_t)s->out_elements * 4u : 0u;
}

static mote_status sum_q(const mote_reduce_step *s, const mote_kernel_io *io, int wide)
{
    int32_t *acc = (int32_t *)io->scratch;
    const int32_t lo = wide ? -32768 : -128, hi = wide ? 32767 : 127;
    const int64_t offset = (int64_t)s->input_zp * s->count;
    int32_t i;
    if (!step_ok(s, io) || acc == NULL) return MOTE_E_ARG;
    for (i = 0; i < s->out_elements; i++)
        acc[i] = 0;
    {
        int32_t idx[MOTE_REDUCE_RANK] = {0}, o = 0;
        const int16_t *in16 = (const int16_t *)io->in[0];
        const int8_t *in8 = (const int8_t *)io->in[0];
        for (i = 0; i < s->in_elements; i++) {
            acc[o] += wide ? in16[i] : in8[i];
            o += next_out(s, idx);
        }
    }
    for (i = 0; i < s->out_elements; i++) {
        int32_t v = mote_requantize((int32_t)(acc[i] - offset), s->multiplier, (int)s->shift) +
                    s->output_zp;
        v = v < lo ? lo : (v > hi ? hi : v);
        if (wide)
            ((int16_t *)io->out[0])[i] = (int16_t)v;
        else
            ((int8_t *)io->out[0])[i] = (int8_t)v;
    }
    return MOTE_OK;
}

mote_status mote_ref_reduce_sum_s8_step(const void *step, const mote_kernel_io *io)
{
    return sum_q((const mote_reduce_step *)step, io, 0);
}

mote_status mote_ref_reduce_sum_s16_step(const void *step, const mote_kernel_io *io)
{
    return sum_q((const mote_reduce_step *)step, io, 1);
}

static mote_status sum_f32(const mote_reduce_step *s, const mote_kernel_io *io, int mean)
{
    float *out = (float *)io->out[0];
    int32_t i;
    if (!step_ok(s, io)) return MOTE_E_ARG;
    for (i = 0; i < s->out_elements; i++)
        out[i] = 0.0f;
    {
        int32_t idx[MOTE_REDUCE_RANK] = {0}, o = 0;
        const float *in = (const float *)io->in[0];
        for (i = 0; i < s->in_elements; i++) {
            out[o] = in[i] + out[o];
            o += next_out(s, idx);
        }
    }
    if (mean)
        for (i = 0; i < s->out_elements; i++)
            out[i] = out[i] / (float)s->count;
    return MOTE_OK;
}

mote_status mote_ref_mean_f32_step(const void *step, const mote_kernel_io *io)
{
    return sum_f32((const mote_reduce_step *)step, io, 1);
}

mote_status mote_ref_sum_f32_step(const void *step, const mote_kernel_io *io)
{
    return sum_f32((const mote_reduce_step *)step, io, 0);
}

/* REDUCE_MAX (sign 1) / REDUCE_MIN (sign -1), int8: keep the strictly
 * larger / smaller value. */
static mote_status extreme_s8(const void *step, const mote_kernel_io *io, int sign)
{
    const mote_reduce_step *s = (const mote_reduce_step *)step;
    const int8_t *in = (const int8_t *)io->in[0];
    int8_t *out = (int8_t *)io->out[0];
    int32_t i, idx[MOTE_REDUCE_RANK] = {0}, o = 0;
    if (!step_ok(s, io)) return MOTE_E_ARG;
    for (i = 0; i < s->out_elements; i++)
        out[i] = (int8_t)(sign > 0 ? -128 : 127);
    for (i = 0; i < s->in_elements; i++) {
        if (sign > 0 ? in[i] > out[o] : in[i] < out[o]) out[o] = in[i];
        o += next_out(s, idx);
    }
    return MOTE_OK;
}

/* The same for float32, from -FLT_MAX / FLT_MAX (TFLite's lowest() and
 * max()): a NaN never compares, so it never replaces a value. */
static mote_status extreme_f32(const void *step, const mote_kernel_io *io, int sign)
{
    const mote_reduce_step *s = (const mote_reduce_step *)step;
    const float *in = (const float *)io->in[0];
    float *out = (float *)io->out[0];
    int32_t i, idx[MOTE_REDUCE_RANK] = {0}, o = 0;
    if (!step_ok(s, io)) return MOTE_E_ARG;
    for (i = 0; i < s->out_elements; i++)
        out[i] = sign > 0 ? -FLT_MAX : FLT_MAX;
    for (i = 0; i < s->in_elements; i++) {
        if (sign > 0 ? in[i] > out[o] : in[i] < out[o]) out[o] = in[i];
        o += next_out(s, idx);
    }
    return MOTE_OK;
}

mote_status mote_ref_reduce_max_s8_step(const void *step, const mote_kernel_io *io)
{
    return extreme_s8(step, io, 1);
}

mote_status mote_ref_reduce_min_s8_step(const void *step, const mote_kernel_io *io)
{
    return extreme_s8(step, io, -1);
}

mote_status mote_ref_reduce_max_f32_step(const void *step, const mote_kernel_io *io)
{
    return extreme_f32(step, io, 1);
}

mote_status mote_ref_reduce_min_f32_step(const void *step, const mote_kernel_io *io)
{
    return extreme_f32(step, io, -1);
}

/* REDUCE_ALL: logical AND, starting from true (TFLite's ReduceGeneric
 * with init_value true); any nonzero byte counts as true, outputs are 0 / 1. */
mote_status mote_ref_reduce_all_step(const void *step, const mote_kernel_io *io)
{
    const mote_reduce_step *s = (const mote_reduce_step *)step;
    const uint8_t *in = (const uint8_t *)io->in[0];
    uint8_t *out = (uint8_t *)io->out[0];
    int32_t i, idx[MOTE_REDUCE_RANK] = {0}, o = 0;
    if (!step_ok(s, io)) return MOTE_E_ARG;
    for (i = 0; i < s->out_elements; i++)
        out[i] = 1;
    for (i = 0; i < s->in_elements; i++) {
        if (in[i] == 0) out[o] = 0;
        o += next_out(s, idx);
    }
    return MOTE_OK;
}
