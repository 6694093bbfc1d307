/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM, float32 reference (mote/kernels_rnn.h).
 * Arithmetic in TFLite Micro's order, so outputs are bit-identical with it:
 * each gate is a fully connected layer over the input (products summed from
 * zero, then the bias added) plus one over the hidden state (no bias), then
 * its activation (TFLite's float logistic, with its cut-offs, or tanh);
 * cell = f * cell + i * g, hidden = tanh(cell) * o. LiteRT starts each gate
 * from its bias instead: its outputs differ in the last bits (tests/ops holds
 * this kernel to LiteRT within 1e-5; tests/zoo to TFLite Micro exactly).
 */
#include <math.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_lstm.h"

uint32_t mote_ref_lstm_f32_scratch(const void *step)
{
    const mote_lstm_f32_step *s = (const mote_lstm_f32_step *)step;
    return 4u * (uint32_t)s->batches * (uint32_t)s->n_cell * (uint32_t)sizeof(float);
}

/* TFLite's reference float Logistic: 1 above 16.619..., exp(x) below -9. */
static float sigmoid(float x)
{
    if (x > 16.619047164916992188f) return 1.0f;
    if (x < -9.0f) return expf(x);
    return 1.0f / (1.0f + expf(-x));
}

/* gate[b][c] = (W[c] . x_b + bias[c]) + R[c] . h_b, each dot product from 0 */
static void gate(const float *bias, const float *w, const float *r, const float *x,
                 int32_t x_stride, const float *h, const mote_lstm_f32_step *s, float *out)
{
    int32_t b, c, k;
    for (b = 0; b < s->batches; b++)
        for (c = 0; c < s->n_cell; c++) {
            const float *xb = x + b * x_stride;
            const float *hb = h + b * s->n_cell;
            float acc = 0.0f, rec = 0.0f;
            for (k = 0; k < s->n_input; k++)
                acc += xb[k] * w[c * s->n_input + k];
            acc += bias[c];
            for (k = 0; k < s->n_cell; k++)
                rec += hb[k] * r[c * s->n_cell + k];
            out[b * s->n_cell + c] = acc + rec;
        }
}

mote_status mote_ref_lstm_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_lstm_f32_step *s = (const mote_lstm_f32_step *)step;
    const float *input;
    float *out, *h, *cell, *gi, *gf, *gc, *go;
    int32_t t, b, c, k, n;

    if (!mote_ref_lstm_io_ok(io, s->batches, s->steps, s->n_input, s->n_cell)) return MOTE_E_ARG;
    input = (const float *)io->in[0];
    out = (float *)io->out[0];
    h = (float *)(uintptr_t)io->in[18]; /* variable tensors: written in place */
    cell = (float *)(uintptr_t)io->in[19];
    n = s->batches * s->n_cell;
    gi = (float *)io->scratch;
    gf = gi + n;
    gc = gf + n;
    go = gc + n;
    for (t = 0; t < s->steps; t++) {
        /* Time-major: step t is one [B, I] block. Batch-major: the batches
         * of step t are I values every T * I. */
        const float *x =
            s->time_major ? input + t * s->batches * s->n_input : input + t * s->n_input;
        int32_t xs = s->time_major ? s->n_input : s->steps * s->n_input;
        gate((const float *)io->in[12], (const float *)io->in[1], (const float *)io->in[5], x, xs,
             h, s, gi);
        gate((const float *)io->in[13], (const float *)io->in[2], (const float *)io->in[6], x, xs,
             h, s, gf);
        gate((const float *)io->in[14], (const float *)io->in[3], (const float *)io->in[7], x, xs,
             h, s, gc);
        gate((const float *)io->in[15], (const float *)io->in[4], (const float *)io->in[8], x, xs,
             h, s, go);
        for (k = 0; k < n; k++) {
            float cv = sigmoid(gf[k]) * cell[k] + sigmoid(gi[k]) * tanhf(gc[k]);
            if (s->cell_clip > 0.0f) cv = mote_ref_clamp_f32(cv, -s->cell_clip, s->cell_clip);
            cell[k] = cv;
            h[k] = tanhf(cv) * sigmoid(go[k]);
        }
        for (b = 0; b < s->batches; b++) {
            float *o = s->time_major ? out + (t * s->batches + b) * s->n_cell
                                     : out + (b * s->steps + t) * s->n_cell;
            for (c = 0; c < s->n_cell; c++)
                o[c] = h[b * s->n_cell + c];
        }
    }
    return MOTE_OK;
}
