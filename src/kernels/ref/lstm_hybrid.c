/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM, hybrid reference (mote/kernels_rnn.h):
 * float32 activations and states, int8 weights, as LiteRT's LstmStepHybrid
 * (TFLite Micro has no hybrid LSTM). Per step, every batch row of the input
 * and of the output state is quantized to int8 (kernels/ref/ref_hybrid.h,
 * LiteRT's BatchQuantizeFloats); each gate starts from its bias, adds the
 * input products' int32 sum times (row scale x weights scale), then the
 * recurrent one's. The gates' sigmoid and tanh are LiteRT's own
 * (kernels/ref/ref_litert_act.h, bit for bit: the state's re-quantization
 * turns a last-bit difference into a whole int8 step); then, in LiteRT's
 * order, cell = f x cell, cell += g x i, the clip, h = o x tanh(cell).
 * Every product is rounded before its sum (no fused multiply-add, as
 * LiteRT's build).
 */
#include "mote/kernels.h"
#include "kernels/ref/ref_util.h"
#include "kernels/ref/ref_hybrid.h"
#include "kernels/ref/ref_litert_act.h"
#include "kernels/ref/ref_lstm.h"

uint32_t mote_ref_lstm_hybrid_scratch(const void *step)
{
    const mote_lstm_hybrid_step *s = (const mote_lstm_hybrid_step *)step;
    uint32_t b = (uint32_t)s->batches;
    return (4u * b * (uint32_t)s->n_cell + 2u * b) * (uint32_t)sizeof(float) +
           2u * b * (uint32_t)sizeof(int32_t) + b * (uint32_t)(s->n_input + s->n_cell);
}

/* The quantized rows of one operand (input or output state). */
typedef struct {
    const int8_t *q;
    const float *scale;
    const int32_t *zp;
    int32_t n;
} quantized_rows;

/* gate[b][c] += (float)sum(w[c] (q_b - zp_b)) x (scale_b x w_scale) */
static void accumulate(const int8_t *w, float w_scale, const quantized_rows *x, int32_t batches,
                       int32_t n_cell, float *gate)
{
    int32_t b, c, k;
    for (b = 0; b < batches; b++) {
        const int8_t *q = x->q + b * x->n;
        float scale = x->scale[b] * w_scale;
        for (c = 0; c < n_cell; c++) {
            const int8_t *row = w + c * x->n;
            int32_t dot = 0;
            float t;
            for (k = 0; k < x->n; k++)
                dot += (int32_t)row[k] * ((int32_t)q[k] - x->zp[b]);
            t = (float)dot * scale;
            gate[b * n_cell + c] = gate[b * n_cell + c] + t;
        }
    }
}

/* The non-linearities and the cell and output state updates over the n =
 * batches x cells values of one step, from the four raw gates (input,
 * forget, cell, output: n each) in g. LiteRT's scratch holds its gates in
 * the order input, cell, forget, output, n floats each (slots 0-3), laid
 * out as here. A time-major step works on all batch rows at once: its
 * sigmoid sees vectors of `len` = n values at slot x n. A batch-major
 * sequence runs one batch row b at a time (len = cells) on that row of the
 * same buffers: at slot x n + b x cells. Where a vector starts decides
 * where Eigen takes its scalar path (mote_litert_sigmoid_row). */
static void cell_update(int32_t n, int32_t len, float *g, float clip, float *cell, float *h)
{
    float *gi = g, *gf = g + n, *gc = g + 2 * n, *go = g + 3 * n;
    int32_t k, at = n % 4; /* n modulo 4: what decides the alignment */
    for (k = 0; k < n; k += len) {
        int32_t row = k % 4;
        mote_litert_sigmoid_row(gi + k, len, row);
        mote_litert_sigmoid_row(gf + k, len, 2 * at + row);
        mote_litert_sigmoid_row(go + k, len, 3 * at + row);
    }
    for (k = 0; k < n; k++) {
        float cv = gf[k] * cell[k], ig = mote_litert_tanh(gc[k]) * gi[k], t;
        cv = cv + ig;
        if (clip > 0.0f) cv = mote_ref_clamp_f32(cv, -clip, clip);
        cell[k] = cv;
        t = mote_litert_tanh(cv);
        h[k] = go[k] * t;
    }
}

mote_status mote_ref_lstm_hybrid_step(const void *step, const mote_kernel_io *io)
{
    const mote_lstm_hybrid_step *s = (const mote_lstm_hybrid_step *)step;
    const float *input;
    float *out, *h, *cell, *gates, *sx, *sh;
    int32_t *zx, *zh;
    int8_t *qx, *qh;
    quantized_rows xr, hr;
    int32_t t, b, c, g, n;

    if (!mote_ref_lstm_io_ok(io, s->batches, s->steps, s->n_input, s->n_cell)) return MOTE_E_ARG;
    input = (const float *)io->in[0];
    out = (float *)io->out[0];
    h = (float *)(uintptr_t)io->in[18]; /* variable tensors: written in place */
    cell = (float *)(uintptr_t)io->in[19];
    n = s->batches * s->n_cell;
    gates = (float *)io->scratch; /* input, forget, cell, output: n each */
    sx = gates + 4 * n;
    sh = sx + s->batches;
    zx = (int32_t *)(void *)(sh + s->batches);
    zh = zx + s->batches;
    qx = (int8_t *)(zh + s->batches);
    qh = qx + s->batches * s->n_input;
    xr.q = qx;
    xr.scale = sx;
    xr.zp = zx;
    xr.n = s->n_input;
    hr.q = qh;
    hr.scale = sh;
    hr.zp = zh;
    hr.n = s->n_cell;
    for (t = 0; t < s->steps; t++) {
        for (b = 0; b < s->batches; b++) {
            int32_t row = s->time_major ? t * s->batches + b : b * s->steps + t;
            sx[b] = mote_ref_hybrid_quantize(s->asymmetric, input + row * s->n_input, s->n_input,
                                             qx + b * s->n_input, &zx[b]);
            sh[b] = mote_ref_hybrid_quantize(s->asymmetric, h + b * s->n_cell, s->n_cell,
                                             qh + b * s->n_cell, &zh[b]);
        }
        for (g = 0; g < 4; g++) {
            const float *bias = (const float *)io->in[12 + g];
            float *gate = gates + g * n;
            for (b = 0; b < s->batches; b++)
                for (c = 0; c < s->n_cell; c++)
                    gate[b * s->n_cell + c] = bias[c];
            accumulate((const int8_t *)io->in[1 + g], s->w_scale[g], &xr, s->batches, s->n_cell,
                       gate);
            accumulate((const int8_t *)io->in[5 + g], s->w_scale[4 + g], &hr, s->batches, s->n_cell,
                       gate);
        }
        cell_update(n, s->time_major ? n : s->n_cell, gates, s->cell_clip, cell, h);
        for (b = 0; b < s->batches; b++) {
            int32_t row = s->time_major ? t * s->batches + b : b * s->steps + t;
            for (c = 0; c < s->n_cell; c++)
                out[row * s->n_cell + c] = h[b * s->n_cell + c];
        }
    }
    return MOTE_OK;
}
