/*
 * ref_lstm.h — the parts of TFLite Micro's integer LSTM that do not depend
 * on the activation type, shared by the int8 (lstm_s8.c) and 16x8
 * (lstm_s16.c) reference kernels: gates are int16 at 2^-12 before and
 * 2^-15 after their non-linearity, the cell state is int16. And the float
 * cell of the float32 kernel (lstm_f32.c); the hybrid one (lstm_hybrid.c)
 * follows LiteRT's arithmetic instead (ref_litert_act.h).
 */
#ifndef MOTE_KERNELS_REF_LSTM_H
#define MOTE_KERNELS_REF_LSTM_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "mote/kernels.h"
#include "base/fixedpoint.h"
#include "kernels/ref/ref_util.h"

/* The operands every LSTM kernel reads (input, the eight weight matrices,
 * the four gate biases, the two state tensors, the output, scratch) are
 * present and the sizes positive: 1, else 0 (the kernel returns
 * MOTE_E_ARG). One check for the int8, 16x8, float and hybrid kernels. */
static inline int mote_ref_lstm_io_ok(const mote_kernel_io *io, int32_t batches, int32_t steps,
                                      int32_t n_input, int32_t n_cell)
{
    int k;
    for (k = 0; k <= 8; k++)
        if (!io->in[k]) return 0;
    return io->in[12] && io->in[13] && io->in[14] && io->in[15] && io->in[18] && io->in[19] &&
           io->out[0] && io->scratch && batches >= 1 && steps >= 1 && n_input >= 1 && n_cell >= 1;
}

static inline int32_t mote_ref_lstm_clamp16(int32_t v)
{
    return v < -32768 ? -32768 : (v > 32767 ? 32767 : v);
}

/* int16 sigmoid (tanh 0) or tanh (tanh 1) in place, through the int16
 * LOGISTIC / TANH kernels with the given input rescale. */
static inline mote_status mote_ref_lstm_activate(int16_t *buf, int32_t n, int tanh, int32_t mult,
                                                 int32_t shift)
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

/* The int16 MUL of two symmetric int16 values (no offsets). */
static inline int32_t mote_ref_lstm_mul16(int32_t a, int32_t b, int32_t mult, int32_t shift)
{
    return mote_requantize(a * b, mult, (int)shift);
}

/* cell = sat(sat(f * cell) + sat(i * g)), then clipped to +-cell_clip. */
static inline void mote_ref_lstm_update_cell(const mote_lstm_s8_step *s, const int16_t *gi,
                                             const int16_t *gf, const int16_t *gc, int16_t *cs)
{
    int32_t c;
    for (c = 0; c < s->n_cell; c++) {
        int32_t fcell =
            mote_ref_lstm_clamp16(mote_ref_lstm_mul16(gf[c], cs[c], s->fc_mult, s->fc_shift));
        int32_t ig =
            mote_ref_lstm_clamp16(mote_ref_lstm_mul16(gi[c], gc[c], s->ic_mult, s->ic_shift));
        int32_t v = mote_ref_lstm_clamp16(fcell + ig);
        if (s->cell_clip > 0)
            v = v > s->cell_clip ? s->cell_clip : (v < -s->cell_clip ? -s->cell_clip : v);
        cs[c] = (int16_t)v;
    }
}

/* After the four raw gate rows (input, forget, cell, output: gi, gf, gc,
 * go) of one batch row: their non-linearities, the cell update in cs, and
 * tmp = tanh(cell), which the caller multiplies by the output gate into its
 * hidden type. */
static inline mote_status mote_ref_lstm_cell(const mote_lstm_s8_step *s, int16_t *gi, int16_t *gf,
                                             int16_t *gc, int16_t *go, int16_t *cs, int16_t *tmp)
{
    int32_t c, n = s->n_cell;
    mote_status st;
    if ((st = mote_ref_lstm_activate(gf, n, 0, 3, 0)) != MOTE_OK) return st;
    if ((st = mote_ref_lstm_activate(gi, n, 0, 3, 0)) != MOTE_OK) return st;
    if ((st = mote_ref_lstm_activate(gc, n, 1, 3, 0)) != MOTE_OK) return st;
    mote_ref_lstm_update_cell(s, gi, gf, gc, cs);
    if ((st = mote_ref_lstm_activate(go, n, 0, 3, 0)) != MOTE_OK) return st;
    for (c = 0; c < n; c++)
        tmp[c] = cs[c];
    return mote_ref_lstm_activate(tmp, n, 1, s->tanh_mult, s->tanh_shift);
}

/* Hidden value c before the output type's clamp: tanh(cell) x output gate
 * rescaled, plus the hidden zero point. */
static inline int32_t mote_ref_lstm_hidden(const mote_lstm_s8_step *s, const int16_t *tmp,
                                           const int16_t *go, int32_t c)
{
    return mote_ref_lstm_mul16(tmp[c], go[c], s->h_mult, s->h_shift) + s->hidden_zp;
}

/* Float cell for n values from the gates' pre-activations (LiteRT's
 * UpdateLstmCellFloat and CalculateLstmOutputFloat without projection):
 * c = sigmoid(f) c + sigmoid(i) tanh(g), clipped to +-clip when clip > 0;
 * h = sigmoid(o) tanh(c). */
static inline float mote_ref_lstm_sigmoid(float x)
{
    return 1.0f / (1.0f + expf(-x));
}

static inline void mote_ref_lstm_f32_cell(int32_t n, const float *gi, const float *gf,
                                          const float *gc, const float *go, float clip, float *cell,
                                          float *h)
{
    int32_t k;
    for (k = 0; k < n; k++) {
        float cv =
            mote_ref_lstm_sigmoid(gf[k]) * cell[k] + mote_ref_lstm_sigmoid(gi[k]) * tanhf(gc[k]);
        if (clip > 0.0f) cv = mote_ref_clamp_f32(cv, -clip, clip);
        cell[k] = cv;
        h[k] = mote_ref_lstm_sigmoid(go[k]) * tanhf(cv);
    }
}

#endif /* MOTE_KERNELS_REF_LSTM_H */
