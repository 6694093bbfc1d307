/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM, float32 reference (mote/kernels_rnn.h).
 * Summation order as LiteRT's reference kernels: each gate starts from its
 * bias, accumulates the input products, then the recurrent ones.
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

/* gate[b][c] = bias[c] + W[c] . x_b + R[c] . h_b */
static void gate(const float *bias, const float *w, const float *r, const float *x,
                 int32_t x_stride, const float *h, const mote_lstm_f32_step *s, float *out)
{
    int32_t b, c, k;
    for (b = 0; b < s->batches; b++)
        for (c = 0; c < s->n_cell; c++) {
            const float *xb = x + b * x_stride;
            const float *hb = h + b * s->n_cell;
            float acc = bias[c];
            for (k = 0; k < s->n_input; k++)
                acc += w[c * s->n_input + k] * xb[k];
            for (k = 0; k < s->n_cell; k++)
                acc += r[c * s->n_cell + k] * hb[k];
            out[b * s->n_cell + c] = acc;
        }
}

mote_status mote_ref_lstm_f32_step(const void *step, const mote_kernel_io *io)
{
    const mote_lstm_f32_step *s = (const mote_lstm_f32_step *)step;
    const float *input;
    float *out, *h, *cell, *gi, *gf, *gc, *go;
    int32_t t, b, c, k, n;

    for (k = 0; k <= 8; k++)
        if (!io->in[k]) return MOTE_E_ARG;
    if (!io->in[12] || !io->in[13] || !io->in[14] || !io->in[15] || !io->in[18] || !io->in[19] ||
        !io->out[0] || !io->scratch || s->batches < 1 || s->steps < 1 || s->n_input < 1 ||
        s->n_cell < 1)
        return MOTE_E_ARG;
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
        mote_ref_lstm_f32_cell(n, gi, gf, gc, go, s->cell_clip, cell, h);
        for (b = 0; b < s->batches; b++) {
            float *o = s->time_major ? out + (t * s->batches + b) * s->n_cell
                                     : out + (b * s->steps + t) * s->n_cell;
            for (c = 0; c < s->n_cell; c++)
                o[c] = h[b * s->n_cell + c];
        }
    }
    return MOTE_OK;
}
