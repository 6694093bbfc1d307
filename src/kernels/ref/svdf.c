/*
 * SVDF, reference kernels (mote/kernels_rnn.h), as TFLite Micro's
 * svdf_common: per invoke, the state (per batch, filters rows of `memory`
 * values) moves left by one element as one flat array, the feature matmul
 * writes each filter's newest value into the row's last slot, the time
 * matmul takes each row's dot product with its weights_time row, and each
 * unit sums its `rank` filters plus the bias.
 *
 * Integer: each new state value is the requantized feature dot product
 * clamped to the state type's range, then its zero point added (the order of
 * the TFLite Micro we match; a later TFLM source adds it before the clamp,
 * which differs only for int8 state with a nonzero zero point).
 * Integer sums wrap modulo 2^32 (TFLite Micro's int arithmetic on every
 * real target), so no model can make the kernel undefined.
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

uint32_t mote_ref_svdf_scratch(const void *step)
{
    const mote_svdf_step *s = (const mote_svdf_step *)step;
    uint32_t n = (uint32_t)s->batches * (uint32_t)s->filters;
    if (s->state_elem != 0) n += (uint32_t)s->batches * (uint32_t)s->units;
    /* hybrid: one batch row quantized to int8 after the floats */
    return n * 4u + (s->hybrid ? (uint32_t)s->input_size : 0u);
}

static int32_t wrap_mul(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a * (uint32_t)b);
}

static int32_t wrap_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

static int32_t state_get(const void *state, int32_t elem, int32_t i)
{
    return elem == 2 ? (int32_t)((const int16_t *)state)[i] : (int32_t)((const int8_t *)state)[i];
}

mote_status mote_ref_svdf_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_svdf_step *s = (const mote_svdf_step *)step;
    const int8_t *input, *wf;
    const void *wt;
    const int32_t *bias;
    void *state;
    int8_t *output;
    int32_t *acc, *sum;
    int32_t b, f, k, u, total;

    if (!io->in[0] || !io->in[1] || !io->in[2] || !io->in[4] || !io->out[0] || !io->scratch ||
        (s->state_elem != 1 && s->state_elem != 2) || s->batches < 1 || s->filters < 1 ||
        s->memory < 1 || s->rank < 1 || s->units * s->rank != s->filters)
        return MOTE_E_ARG;
    input = (const int8_t *)io->in[0];
    wf = (const int8_t *)io->in[1];
    wt = io->in[2];
    bias = (const int32_t *)io->in[3];
    state = (void *)(uintptr_t)io->in[4]; /* the variable tensor: written in place */
    output = (int8_t *)io->out[0];
    acc = (int32_t *)io->scratch;
    sum = acc + s->batches * s->filters;
    total = s->batches * s->filters * s->memory;

    /* Shift the whole state left by one element. */
    for (k = 0; k + 1 < total; k++) {
        if (s->state_elem == 2)
            ((int16_t *)state)[k] = ((int16_t *)state)[k + 1];
        else
            ((int8_t *)state)[k] = ((int8_t *)state)[k + 1];
    }
    /* Feature matmul into each row's last slot. */
    for (b = 0; b < s->batches; b++) {
        const int8_t *x = input + b * s->input_size;
        for (f = 0; f < s->filters; f++) {
            const int8_t *w = wf + f * s->input_size;
            int32_t dot = 0, v;
            int32_t at = (b * s->filters + f) * s->memory + s->memory - 1;
            for (k = 0; k < s->input_size; k++)
                dot = wrap_add(dot, wrap_mul(w[k], (int32_t)x[k] - s->input_zp));
            v = mote_requantize(dot, s->mult1, s->shift1);
            v = v < s->state_min ? s->state_min : v;
            v = v > s->state_max ? s->state_max : v;
            v = wrap_add(v, s->state_zp);
            if (s->state_elem == 2)
                ((int16_t *)state)[at] = (int16_t)v;
            else
                ((int8_t *)state)[at] = (int8_t)v;
        }
    }
    /* Time matmul: one dot product per (batch, filter) row. */
    for (b = 0; b < s->batches; b++)
        for (f = 0; f < s->filters; f++) {
            int32_t dot = 0;
            int32_t row = (b * s->filters + f) * s->memory;
            for (k = 0; k < s->memory; k++)
                dot =
                    wrap_add(dot, wrap_mul(state_get(wt, s->state_elem, f * s->memory + k),
                                           state_get(state, s->state_elem, row + k) - s->state_zp));
            acc[b * s->filters + f] = dot;
        }
    /* Bias, reduce over rank, rescale. */
    for (b = 0; b < s->batches; b++)
        for (u = 0; u < s->units; u++) {
            int32_t v = bias ? bias[u] : 0;
            for (k = 0; k < s->rank; k++)
                v = wrap_add(v, acc[b * s->filters + u * s->rank + k]);
            sum[b * s->units + u] = v;
        }
    for (k = 0; k < s->batches * s->units; k++) {
        int32_t v = wrap_add(mote_requantize(sum[k], s->mult2, s->shift2), s->output_zp);
        v = v < -128 ? -128 : v;
        v = v > 127 ? 127 : v;
        output[k] = (int8_t)v;
    }
    return MOTE_OK;
}

mote_status mote_ref_svdf_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_svdf_step *s = (const mote_svdf_step *)step;
    const float *input, *wf, *wt, *bias;
    float *state, *output, *acc;
    int32_t b, f, k, u, total;

    if (!io->in[0] || !io->in[1] || !io->in[2] || !io->in[4] || !io->out[0] || !io->scratch ||
        s->batches < 1 || s->filters < 1 || s->memory < 1 || s->rank < 1 ||
        s->units * s->rank != s->filters)
        return MOTE_E_ARG;
    input = (const float *)io->in[0];
    wf = (const float *)io->in[1];
    wt = (const float *)io->in[2];
    bias = (const float *)io->in[3];
    state = (float *)(uintptr_t)io->in[4]; /* the variable tensor: written in place */
    output = (float *)io->out[0];
    acc = (float *)io->scratch;
    total = s->batches * s->filters * s->memory;

    for (k = 0; k + 1 < total; k++)
        state[k] = state[k + 1];
    for (b = 0; b < s->batches; b++) {
        const float *x = input + b * s->input_size;
        for (f = 0; f < s->filters; f++) {
            const float *w = wf + f * s->input_size;
            float dot = 0.0f;
            for (k = 0; k < s->input_size; k++)
                dot += w[k] * x[k];
            state[(b * s->filters + f) * s->memory + s->memory - 1] = dot;
        }
    }
    for (b = 0; b < s->batches; b++)
        for (f = 0; f < s->filters; f++) {
            const float *w = wt + f * s->memory;
            const float *st = state + (b * s->filters + f) * s->memory;
            float dot = 0.0f;
            for (k = 0; k < s->memory; k++)
                dot += w[k] * st[k];
            acc[b * s->filters + f] = dot;
        }
    for (b = 0; b < s->batches; b++)
        for (u = 0; u < s->units; u++) {
            float v = bias ? bias[u] : 0.0f;
            for (k = 0; k < s->rank; k++)
                v += acc[b * s->filters + u * s->rank + k];
            output[b * s->units + u] = mote_ref_clamp_f32(v, s->act_min, s->act_max);
        }
    return MOTE_OK;
}
