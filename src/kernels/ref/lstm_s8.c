/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM, int8 reference (mote/kernels_rnn.h): TFLite
 * Micro's integer LSTM (8-bit activations, 16-bit cell state). The int16
 * sigmoid and tanh are the LOGISTIC / TANH int16 kernels', run in place on
 * each gate row (kernels/ref/ref_lstm.h). Accumulators wrap modulo 2^32 as
 * TFLite Micro's int arithmetic does on every real target.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_lstm.h"

uint32_t mote_ref_lstm_s8_scratch(const void *step)
{
    const mote_lstm_s8_step *s = (const mote_lstm_s8_step *)step;
    return 5u * (uint32_t)s->n_cell * (uint32_t)sizeof(int16_t);
}

/* Fully connected int8 -> int16 (requantized to the gate's 2^-12 scale). */
static int32_t fc_row(const int8_t *w, const int8_t *x, int32_t n, int32_t x_zp, int32_t acc,
                      int32_t mult, int32_t shift)
{
    int32_t j;
    for (j = 0; j < n; j++)
        acc = (int32_t)((uint32_t)acc + (uint32_t)((int32_t)w[j] * ((int32_t)x[j] - x_zp)));
    return mote_ref_lstm_clamp16(mote_requantize(acc, mult, (int)shift));
}

/* One gate of one batch row: FC(input) + FC(hidden), saturating. */
static void gate_row(const mote_lstm_s8_step *s, int32_t g, const mote_kernel_io *io,
                     const int8_t *x, const int8_t *h, int16_t *out)
{
    const int8_t *w = (const int8_t *)io->in[1 + g];
    const int8_t *r = (const int8_t *)io->in[5 + g];
    const int32_t *bias = (const int32_t *)io->in[12 + g];
    int32_t c;
    for (c = 0; c < s->n_cell; c++) {
        int32_t a = fc_row(w + c * s->n_input, x, s->n_input, s->input_zp, bias[c], s->in_mult[g],
                           s->in_shift[g]);
        int32_t b = fc_row(r + c * s->n_cell, h, s->n_cell, s->hidden_zp, 0, s->rec_mult[g],
                           s->rec_shift[g]);
        out[c] = (int16_t)mote_ref_lstm_clamp16(a + b);
    }
}

mote_status mote_ref_lstm_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_lstm_s8_step *s = (const mote_lstm_s8_step *)step;
    const int8_t *input;
    int8_t *out, *hidden;
    int16_t *cell, *gi, *gf, *gc, *go, *tmp;
    int32_t t, b, c, k, n;
    mote_status st;

    if (!mote_ref_lstm_io_ok(io, s->batches, s->steps, s->n_input, s->n_cell)) return MOTE_E_ARG;
    input = (const int8_t *)io->in[0];
    out = (int8_t *)io->out[0];
    hidden = (int8_t *)(uintptr_t)io->in[18]; /* variable tensors: written in place */
    cell = (int16_t *)(uintptr_t)io->in[19];
    n = s->n_cell;
    gi = (int16_t *)io->scratch;
    gf = gi + n;
    gc = gf + n;
    go = gc + n;
    tmp = go + n;
    for (t = 0; t < s->steps; t++)
        for (b = 0; b < s->batches; b++) {
            /* Batches are independent (TFLite Micro runs time-major input
             * all batches at once, batch-major one batch at a time). */
            int32_t row = s->time_major ? t * s->batches + b : b * s->steps + t;
            const int8_t *x = input + row * s->n_input;
            int8_t *h = hidden + b * n;
            for (k = 0; k < 4; k++)
                gate_row(s, k, io, x, h, gi + k * n);
            if ((st = mote_ref_lstm_cell(s, gi, gf, gc, go, cell + b * n, tmp)) != MOTE_OK)
                return st;
            for (c = 0; c < n; c++) {
                int32_t v = mote_ref_lstm_hidden(s, tmp, go, c);
                h[c] = (int8_t)(v < -128 ? -128 : (v > 127 ? 127 : v));
                out[row * n + c] = h[c];
            }
        }
    return MOTE_OK;
}
