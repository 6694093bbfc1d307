/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM, 16x8 reference (mote/kernels_rnn.h): TFLite
 * Micro's integer LSTM with int16 activations (input, output state,
 * output), int8 weights and int64 biases. Only the gates' fully connected
 * parts differ from the int8 kernel: int16 x int8 products summed in int64
 * with the int64 bias, requantized by TFLite's int64
 * MultiplyByQuantizedMultiplier, no offsets (int16 activations are
 * symmetric). The rest is kernels/ref/ref_lstm.h.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_lstm.h"

/* Fully connected int16 -> int16 at the gate's 2^-12 scale. Summed modulo
 * 2^64 (TFLite's range never wraps; no input is undefined behaviour). */
static int32_t fc_row(const int8_t *w, const int16_t *x, int32_t n, int64_t bias, int32_t mult,
                      int32_t shift)
{
    uint64_t acc = (uint64_t)bias;
    int32_t j;
    for (j = 0; j < n; j++)
        acc += (uint64_t)(int64_t)((int32_t)w[j] * (int32_t)x[j]);
    return mote_ref_lstm_clamp16(mote_requantize64((int64_t)acc, mult, (int)shift));
}

/* One gate of one batch row: FC(input) + FC(hidden), saturating. */
static void gate_row(const mote_lstm_s8_step *s, int32_t g, const mote_kernel_io *io,
                     const int16_t *x, const int16_t *h, int16_t *out)
{
    const int8_t *w = (const int8_t *)io->in[1 + g];
    const int8_t *r = (const int8_t *)io->in[5 + g];
    const int64_t *bias = (const int64_t *)io->in[12 + g];
    int32_t c;
    for (c = 0; c < s->n_cell; c++) {
        int32_t a =
            fc_row(w + c * s->n_input, x, s->n_input, bias[c], s->in_mult[g], s->in_shift[g]);
        int32_t b = fc_row(r + c * s->n_cell, h, s->n_cell, 0, s->rec_mult[g], s->rec_shift[g]);
        out[c] = (int16_t)mote_ref_lstm_clamp16(a + b);
    }
}

mote_status mote_ref_lstm_s16_step(const void *step, const mote_kernel_io *io)
{
    const mote_lstm_s8_step *s = (const mote_lstm_s8_step *)step;
    const int16_t *input;
    int16_t *out, *hidden, *cell, *gi, *gf, *gc, *go, *tmp;
    int32_t t, b, c, k, n;
    mote_status st;

    if (!mote_ref_lstm_io_ok(io, s->batches, s->steps, s->n_input, s->n_cell)) return MOTE_E_ARG;
    input = (const int16_t *)io->in[0];
    out = (int16_t *)io->out[0];
    hidden = (int16_t *)(uintptr_t)io->in[18]; /* variable tensors: written in place */
    cell = (int16_t *)(uintptr_t)io->in[19];
    n = s->n_cell;
    gi = (int16_t *)io->scratch;
    gf = gi + n;
    gc = gf + n;
    go = gc + n;
    tmp = go + n;
    for (t = 0; t < s->steps; t++)
        for (b = 0; b < s->batches; b++) {
            int32_t row = s->time_major ? t * s->batches + b : b * s->steps + t;
            const int16_t *x = input + row * s->n_input;
            int16_t *h = hidden + b * n;
            for (k = 0; k < 4; k++)
                gate_row(s, k, io, x, h, gi + k * n);
            if ((st = mote_ref_lstm_cell(s, gi, gf, gc, go, cell + b * n, tmp)) != MOTE_OK)
                return st;
            for (c = 0; c < n; c++) {
                h[c] = (int16_t)mote_ref_lstm_clamp16(mote_ref_lstm_hidden(s, tmp, go, c));
                out[row * n + c] = h[c];
            }
        }
    return MOTE_OK;
}
