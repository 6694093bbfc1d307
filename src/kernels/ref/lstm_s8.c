/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM, int8 reference (mote/kernels_rnn.h): TFLite
 * Micro's integer LSTM (8-bit activations, 16-bit cell state). The int16
 * sigmoid and tanh are the LOGISTIC / TANH int16 kernels', run in place on
 * each gate row. Accumulators wrap modulo 2^32 as TFLite Micro's int
 * arithmetic does on every real target.
 */
#include <stddef.h>

#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"

uint32_t mote_ref_lstm_s8_scratch(const void *step)
{
    const mote_lstm_s8_step *s = (const mote_lstm_s8_step *)step;
    return 5u * (uint32_t)s->n_cell * (uint32_t)sizeof(int16_t);
}

static int32_t clamp16(int32_t v)
{
    return v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
}

/* Fully connected int8 -> int16 (requantized to the gate's 2^-12 scale). */
static int32_t fc_row(const int8_t *w, const int8_t *x, int32_t n, int32_t x_zp, int32_t acc,
                      int32_t mult, int32_t shift)
{
    int32_t j;
    for (j = 0; j < n; j++)
        acc = (int32_t)((uint32_t)acc + (uint32_t)((int32_t)w[j] * ((int32_t)x[j] - x_zp)));
    return clamp16(mote_requantize(acc, mult, (int)shift));
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
        out[c] = (int16_t)clamp16(a + b);
    }
}

/* int16 sigmoid (tanh 0) or tanh (tanh 1) in place, through the int16
 * LOGISTIC / TANH kernels with the given input rescale. */
static mote_status activate(int16_t *buf, int32_t n, int tanh, int32_t mult, int32_t shift)
{
    mote_sigmoid_s16_step p;
    const void *in[1];
    void *out[1];
    mote_kernel_io io;
    p.elements = n;
    p.multiplier = mult;
    p.left_shift = shift;
    in[0] = buf;
    out[0] = buf;
    io.in = in;
    io.out = out;
    io.scratch = NULL;
    return tanh ? mote_ref_tanh_s16_step(&p, &io) : mote_ref_logistic_s16_step(&p, &io);
}

static int32_t mul16(int32_t a, int32_t b, int32_t mult, int32_t shift)
{
    return mote_requantize(a * b, mult, (int)shift);
}

mote_status mote_ref_lstm_s8_step(const void *step, const mote_kernel_io *io)
{
    const mote_lstm_s8_step *s = (const mote_lstm_s8_step *)step;
    const int8_t *input;
    int8_t *out, *hidden;
    int16_t *cell, *gi, *gf, *gc, *go, *tmp;
    int32_t t, b, c, k, n;
    mote_status st;

    for (k = 0; k <= 8; k++)
        if (!io->in[k]) return MOTE_E_ARG;
    if (!io->in[12] || !io->in[13] || !io->in[14] || !io->in[15] || !io->in[18] || !io->in[19] ||
        !io->out[0] || !io->scratch || s->batches < 1 || s->steps < 1 || s->n_input < 1 ||
        s->n_cell < 1)
        return MOTE_E_ARG;
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
            int16_t *cs = cell + b * n;
            gate_row(s, 1, io, x, h, gf);
            if ((st = activate(gf, n, 0, 3, 0)) != MOTE_OK) return st;
            gate_row(s, 0, io, x, h, gi);
            if ((st = activate(gi, n, 0, 3, 0)) != MOTE_OK) return st;
            gate_row(s, 2, io, x, h, gc);
            if ((st = activate(gc, n, 1, 3, 0)) != MOTE_OK) return st;
            for (c = 0; c < n; c++) {
                int32_t fcell = clamp16(mul16(gf[c], cs[c], s->fc_mult, s->fc_shift));
                int32_t ig = clamp16(mul16(gi[c], gc[c], s->ic_mult, s->ic_shift));
                int32_t v = clamp16(fcell + ig);
                if (s->cell_clip > 0)
                    v = v > s->cell_clip ? s->cell_clip : (v < -s->cell_clip ? -s->cell_clip : v);
                cs[c] = (int16_t)v;
            }
            gate_row(s, 3, io, x, h, go);
            if ((st = activate(go, n, 0, 3, 0)) != MOTE_OK) return st;
            for (c = 0; c < n; c++)
                tmp[c] = cs[c];
            if ((st = activate(tmp, n, 1, s->tanh_mult, s->tanh_shift)) != MOTE_OK) return st;
            for (c = 0; c < n; c++) {
                int32_t v = mul16(tmp[c], go[c], s->h_mult, s->h_shift) + s->hidden_zp;
                v = v < -128 ? -128 : (v > 127 ? 127 : v);
                h[c] = (int8_t)v;
            }
            for (c = 0; c < n; c++)
                out[row * n + c] = h[c];
        }
    return MOTE_OK;
}
