/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM: float32, the standard LSTM (Keras LSTM:
 * input gate present, no peephole, projection or layer norm; tanh
 * activation), time-major or batch-major, with its output and cell state in
 * variable tensors kept across invokes. 24 inputs, as TFLite numbers them
 * (mote/kernels_rnn.h). Options UnidirectionalSequenceLSTMOptions: 0 fused
 * activation (TANH), 1 cell_clip, 2 proj_clip, 3 time_major,
 * 4 asymmetric_quantize_inputs, 5 diagonal_recurrent_tensors.
 * int8: TFLite Micro's integer LSTM (int8 input, weights and output state,
 * int32 biases, int16 cell state with a power-of-two scale; gate
 * pre-activations at 2^-12, gate outputs at 2^-15), mote/kernels_rnn.h.
 * int16 (16x8): the same with int16 input, output state and output (zero
 * points 0), int8 weights and int64 biases. TFLite Micro accepts exactly
 * these integer combinations (int8 / int8 / int16 cell / int32 bias and
 * int16 / int8 / int16 cell / int64 bias) and refuses the rest; so does
 * mote.
 * Hybrid (float32 input, int8 weights with per-tensor scales, float32
 * biases, states and output; asymmetric_quantize_inputs chooses the input
 * quantization): LiteRT's kernel; TFLite Micro refuses it.
 */
#include <math.h>

#include "ops/op.h"
#include "ops/op_elementwise_util.h"
#include "ops/quant.h"

#define LSTM_INPUTS 24
/* The 16x8 gates requantize an int64 sum with TFLite's int64
 * MultiplyByQuantizedMultiplier, whose right shift 15 - shift must be >= 1. */
#define LSTM_S16_MAX_SHIFT 14

/* Decode input k of the operator (type NONE when omitted). */
static int32_t input_at(const mote_lower_ctx *c, uint32_t k, mote_graph_tensor *t)
{
    int32_t idx = k < c->op.n_inputs ? mote_graph_op_input(&c->op, k) : -1;
    t->type = MOTE_TYPE_NONE;
    if (idx >= 0) mote_graph_get_tensor(c->g, (uint32_t)idx, t);
    return idx;
}

/* Per-tensor scale of tensor t (index idx), > 0 and finite. */
static mote_status scale_of(mote_lower_ctx *c, const mote_graph_tensor *t, int32_t idx, float *out)
{
    if (t->n_quant != 1)
        return mote_lower_fail(c, MOTE_E_QUANT, idx, "tensor %d needs one per-tensor scale, has %u",
                               (int)idx, (unsigned)t->n_quant);
    *out = mote_graph_tensor_scale(t, 0);
    if (!(*out > 0.0f) || !isfinite(*out))
        return mote_lower_fail(c, MOTE_E_QUANT, idx, "tensor %d has scale %g", (int)idx,
                               (double)*out);
    if (t->n_zero_points && mote_graph_tensor_zero_point(t, 0) != 0 && t->type != MOTE_INT8)
        return mote_lower_fail(c, MOTE_E_QUANT, idx, "tensor %d needs zero point 0", (int)idx);
    return MOTE_OK;
}

/* TFLite Micro's PrepareGateParametersInteger and CreateLstmCellStateInfo
 * (int8 and 16x8: the activations' type is the input's). */
static mote_status lower_int(mote_lower_ctx *c, const mote_graph_tensor *hs,
                             const mote_graph_tensor *cs, float cell_clip, int32_t time_major,
                             int32_t steps, int32_t batches, int32_t n_input, int32_t n_cell)
{
    const float gate_in = 1.0f / 4096.0f, gate_out = 1.0f / 32768.0f;
    float in_s = 0.0f, h_s = 0.0f, c_s = 0.0f, w_s = 0.0f, out_s = 0.0f;
    int32_t in_zp, h_zp, out_zp, g, power, tanh_shift, hs_idx = mote_graph_op_input(&c->op, 18);
    int32_t cs_idx = mote_graph_op_input(&c->op, 19);
    int exp2, is16 = c->in[0].type == MOTE_INT16;
    int8_t sh;
    mote_lstm_s8_step *p;
    mote_status st;

    /* int16 activations must have zero point 0 (the 16x8 kernels have no
     * offsets). */
    if ((st = mote_ew_quant(c, &c->in[0], c->in_idx[0], 1, &in_s, &in_zp)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, hs, hs_idx, 1, &h_s, &h_zp)) != MOTE_OK) return st;
    if ((st = mote_ew_quant(c, &c->out, c->out_idx, 1, &out_s, &out_zp)) != MOTE_OK) return st;
    if ((st = scale_of(c, cs, cs_idx, &c_s)) != MOTE_OK) return st;
    /* The int16 tanh of the cell needs its scale to be 2^power. */
    if (frexp((double)c_s, &exp2) != 0.5 || exp2 - 1 < -27 || exp2 - 1 > 3)
        return mote_lower_fail(c, MOTE_E_QUANT, cs_idx,
                               "cell state scale %g is not a power of two in [2^-27, 2^3]",
                               (double)c_s);
    power = exp2 - 1;
    p = mote_lower_step(c,
                        is16 ? MOTE_KID_UNIDIRECTIONAL_SEQUENCE_LSTM_S16
                             : MOTE_KID_UNIDIRECTIONAL_SEQUENCE_LSTM_S8,
                        0, &st);
    if (p == NULL) return st;
    for (g = 0; g < 8; g++) {
        mote_graph_tensor w;
        int32_t idx = mote_graph_op_input(&c->op, (uint32_t)(1 + g));
        mote_graph_get_tensor(c->g, (uint32_t)idx, &w);
        if ((st = scale_of(c, &w, idx, &w_s)) != MOTE_OK) return st;
        if (w.n_zero_points && mote_graph_tensor_zero_point(&w, 0) != 0)
            return mote_lower_fail(c, MOTE_E_QUANT, idx, "weights tensor %d needs zero point 0",
                                   (int)idx);
        if (mote_quant_conv_channel(g < 4 ? in_s : h_s, w_s, gate_in,
                                    g < 4 ? &p->in_mult[g] : &p->rec_mult[g - 4], &sh) != MOTE_OK)
            return mote_lower_fail(c, MOTE_E_QUANT, idx,
                                   "gate rescale of weights tensor %d is out of range", (int)idx);
        if (is16 && sh > LSTM_S16_MAX_SHIFT)
            return mote_lower_fail(c, MOTE_E_QUANT, idx,
                                   "weights tensor %d: the gate rescale is 2^%d or more; the "
                                   "int64 requantization allows below 2^%d",
                                   (int)idx, (int)sh - 1, LSTM_S16_MAX_SHIFT);
        if (g < 4)
            p->in_shift[g] = sh;
        else
            p->rec_shift[g - 4] = sh;
    }
    /* Inter-gate MULs: (double)s1 * (double)s2 / (double)s_out. */
    if (mote_quant_requant((double)gate_out * (double)c_s / (double)c_s, &p->fc_mult,
                           &p->fc_shift) != MOTE_OK ||
        mote_quant_requant((double)gate_out * (double)gate_out / (double)c_s, &p->ic_mult,
                           &p->ic_shift) != MOTE_OK ||
        mote_quant_requant((double)gate_out * (double)gate_out / (double)h_s, &p->h_mult,
                           &p->h_shift) != MOTE_OK)
        return mote_lower_fail(c, MOTE_E_QUANT, -1,
                               "cell state scale %g or output state scale %g gives a rescale "
                               "out of range",
                               (double)c_s, (double)h_s);
    if (cell_clip > 0.0f) {
        double q = (double)cell_clip / (double)c_s;
        q = q < -32768.0 ? -32768.0 : (q > 32767.0 ? 32767.0 : q);
        p->cell_clip = (int32_t)(int16_t)q;
    }
    /* TFLite Micro's Tanh(cell_state_scale_power): left shift 12 + power,
     * or for a negative one multiplier 3 and a right shift; the int16 TANH
     * kernel's power-of-two case folds the left shift into the multiplier. */
    tanh_shift = 12 + power;
    if (tanh_shift >= 0) {
        p->tanh_mult = 3 << tanh_shift;
        p->tanh_shift = 0;
    } else {
        p->tanh_mult = 3;
        p->tanh_shift = -tanh_shift;
    }
    p->batches = batches;
    p->steps = steps;
    p->n_input = n_input;
    p->n_cell = n_cell;
    p->time_major = time_major;
    p->input_zp = in_zp;
    p->hidden_zp = h_zp;
    (void)out_zp;
    return MOTE_OK;
}

/* Hybrid input rows and output state rows sum at most this many products
 * of 128 x 255 in int32. */
#define LSTM_HYBRID_MAX_DEPTH 65536

/* LiteRT's hybrid LSTM: the weights' per-tensor scales (types and shapes
 * are checked by the caller). */
static mote_status lower_hybrid(mote_lower_ctx *c, float cell_clip, int32_t time_major,
                                int32_t steps, int32_t batches, int32_t n_input, int32_t n_cell)
{
    mote_lstm_hybrid_step *p;
    mote_status st;
    float w_s[8];
    int32_t g;

    if (n_input > LSTM_HYBRID_MAX_DEPTH || n_cell > LSTM_HYBRID_MAX_DEPTH)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "%d inputs and %d cells: at most %d each (int32 accumulator)",
                               (int)n_input, (int)n_cell, LSTM_HYBRID_MAX_DEPTH);
    for (g = 0; g < 8; g++) {
        mote_graph_tensor w;
        int32_t idx = mote_graph_op_input(&c->op, (uint32_t)(1 + g));
        mote_graph_get_tensor(c->g, (uint32_t)idx, &w);
        if ((st = scale_of(c, &w, idx, &w_s[g])) != MOTE_OK) return st;
        if (w.n_zero_points && mote_graph_tensor_zero_point(&w, 0) != 0)
            return mote_lower_fail(c, MOTE_E_QUANT, idx,
                                   "hybrid weights tensor %d needs zero point 0", (int)idx);
    }
    if ((p = mote_lower_step(c, MOTE_KID_UNIDIRECTIONAL_SEQUENCE_LSTM_HYBRID, 0, &st)) == NULL)
        return st;
    for (g = 0; g < 8; g++)
        p->w_scale[g] = w_s[g];
    p->batches = batches;
    p->steps = steps;
    p->n_input = n_input;
    p->n_cell = n_cell;
    p->time_major = time_major;
    p->cell_clip = cell_clip;
    p->asymmetric = mote_lower_opt_bool(c, 4, 0) ? 1 : 0;
    return MOTE_OK;
}

mote_status mote_lower_unidirectional_sequence_lstm(mote_lower_ctx *c)
{
    static const struct {
        uint8_t k;
        const char *what;
    } absent[] = {{9, "peephole (cell_to_input) weights"},
                  {10, "peephole (cell_to_forget) weights"},
                  {11, "peephole (cell_to_output) weights"},
                  {16, "projection weights"},
                  {17, "projection bias"},
                  {20, "input layer norm coefficients"},
                  {21, "forget layer norm coefficients"},
                  {22, "cell layer norm coefficients"},
                  {23, "output layer norm coefficients"}};
    mote_graph_tensor t, hs, cs;
    int32_t activation = MOTE_ACT_TANH, time_major, steps, batches, n_input, n_cell, idx;
    float cell_clip;
    uint32_t k;
    mote_lstm_f32_step *p;
    mote_status st;
    mote_type want;
    int is_float = c->in[0].type == MOTE_FLOAT32, is16 = c->in[0].type == MOTE_INT16, hybrid;

    if (c->op.n_inputs != LSTM_INPUTS)
        return mote_lower_fail(c, MOTE_E_GRAPH, -1, "has %u inputs; expected %d",
                               (unsigned)c->op.n_inputs, LSTM_INPUTS);
    if ((st = mote_lower_opt_enum(c, 0, MOTE_ACTIVATION_LAST, "fused activation", &activation)) !=
        MOTE_OK)
        return st;
    if (activation != MOTE_ACT_TANH)
        return mote_lower_fail(c, MOTE_E_PARAM, -1,
                               "activation %d is not supported (only TANH, as the converter "
                               "writes)",
                               (int)activation);
    cell_clip = mote_lower_opt_f32(c, 1, 0.0f);
    time_major = mote_lower_opt_bool(c, 3, 0);
    if (!(cell_clip >= 0.0f) || !isfinite(cell_clip))
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "cell_clip %g must be finite and >= 0",
                               (double)cell_clip);
    if (mote_lower_opt_bool(c, 5, 0))
        return mote_lower_fail(c, MOTE_E_PARAM, -1, "diagonal_recurrent_tensors is not supported");
    for (k = 0; k < sizeof absent / sizeof absent[0]; k++) {
        (void)absent[k].what; /* unused when MOTE_NO_STRINGS drops the messages */
        if ((idx = input_at(c, absent[k].k, &t)) >= 0)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, idx,
                                   "%s (input %u) are not supported (standard LSTM only: no "
                                   "peephole, projection or layer norm)",
                                   absent[k].what, (unsigned)absent[k].k);
    }
    if ((st = mote_lower_need_input(c, 0, 0)) != MOTE_OK) return st;
    if (c->in[0].rank != 3 || c->out.rank != 3)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->in_idx[0],
                               "input and output must have rank 3 (have %d and %d)",
                               (int)c->in[0].rank, (int)c->out.rank);
    steps = c->in[0].dims[time_major ? 0 : 1];
    batches = c->in[0].dims[time_major ? 1 : 0];
    n_input = c->in[0].dims[2];
    if (input_at(c, 1, &t) < 0)
        return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1,
                               "input_to_input weights are omitted (CIFG is not supported)");
    n_cell = t.rank == 2 ? t.dims[0] : 0;
    hybrid = is_float && t.type == MOTE_INT8; /* int8 weights, float activations */
    for (k = 1; k <= 15; k++) {
        int32_t want1;
        if (k >= 9 && k <= 11) continue;
        idx = input_at(c, k, &t);
        if (idx < 0)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_OP, -1,
                                   "input %u is omitted (CIFG is not supported)", (unsigned)k);
        if (t.data == NULL)
            return mote_lower_fail(c, MOTE_E_GRAPH, idx, "input %u (tensor %d) must be a constant",
                                   (unsigned)k, (int)idx);
        if (k <= 8)
            want = is_float && !hybrid ? MOTE_FLOAT32 : MOTE_INT8;
        else
            want = is_float ? MOTE_FLOAT32 : (is16 ? MOTE_INT64 : MOTE_INT32);
        if (t.type != want)
            return mote_lower_fail(c, MOTE_E_UNSUPPORTED_TYPE, idx,
                                   "input %u is %s; %s LSTM needs %s weights and %s biases",
                                   (unsigned)k, mote_type_name(t.type),
                                   hybrid ? "hybrid" : mote_type_name(c->in[0].type),
                                   is_float && !hybrid ? "FLOAT32" : "INT8",
                                   is_float ? "FLOAT32" : (is16 ? "INT64" : "INT32"));
        want1 = k <= 4 ? n_input : n_cell;
        if (k <= 8 ? (t.rank != 2 || t.dims[0] != n_cell || t.dims[1] != want1)
                   : (t.rank != 1 || t.dims[0] != n_cell))
            return mote_lower_fail(c, MOTE_E_SHAPE, idx,
                                   "input %u (tensor %d) has the wrong shape for %d cells and %d "
                                   "inputs",
                                   (unsigned)k, (int)idx, (int)n_cell, (int)n_input);
    }
    for (k = 18; k <= 19; k++) {
        mote_graph_tensor *s = k == 18 ? &hs : &cs;
        idx = input_at(c, k, s);
        if (idx < 0 || !s->is_variable)
            return mote_lower_fail(c, MOTE_E_GRAPH, idx,
                                   "input %u (%s state) must be a variable "
                                   "tensor",
                                   (unsigned)k, k == 18 ? "output" : "cell");
        want = is_float ? MOTE_FLOAT32 : (k == 18 ? c->in[0].type : MOTE_INT16);
        if (s->type != want || s->rank != 2 || s->dims[0] != batches || s->dims[1] != n_cell)
            return mote_lower_fail(c, MOTE_E_SHAPE, idx, "%s state must be %s [%d, %d]",
                                   k == 18 ? "output" : "cell", mote_type_name(want), (int)batches,
                                   (int)n_cell);
    }
    if (c->out.dims[0] != c->in[0].dims[0] || c->out.dims[1] != c->in[0].dims[1] ||
        c->out.dims[2] != n_cell)
        return mote_lower_fail(c, MOTE_E_SHAPE, c->out_idx, "output must be [%d, %d, %d]",
                               (int)c->in[0].dims[0], (int)c->in[0].dims[1], (int)n_cell);
    if (hybrid) return lower_hybrid(c, cell_clip, time_major, steps, batches, n_input, n_cell);
    if (!is_float)
        return lower_int(c, &hs, &cs, cell_clip, time_major, steps, batches, n_input, n_cell);
    if ((p = mote_lower_step(c, MOTE_KID_UNIDIRECTIONAL_SEQUENCE_LSTM_F32, 0, &st)) == NULL)
        return st;
    p->batches = batches;
    p->steps = steps;
    p->n_input = n_input;
    p->n_cell = n_cell;
    p->time_major = time_major;
    p->cell_clip = cell_clip;
    return MOTE_OK;
}

/* Per step and batch: four gates of n_cell x (n_input + n_cell) products. */
uint64_t mote_macs_unidirectional_sequence_lstm(const mote_graph *g, const mote_graph_op *op)
{
    uint64_t cells = mote_macs_dim(g, mote_graph_op_input(op, 1), 0, 2);
    uint64_t n_in = mote_macs_dim(g, mote_graph_op_input(op, 1), 1, 2);
    uint64_t per = mote_macs_mul(4u * cells, n_in + cells);
    return mote_macs_mul(mote_macs_out_elements(g, op) / (cells ? cells : 1), per);
}
