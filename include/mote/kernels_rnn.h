/*
 * mote/kernels_rnn.h — stateful sequence kernels: SVDF and
 * UNIDIRECTIONAL_SEQUENCE_LSTM (included by mote/kernels.h).
 *
 * Their state is a variable tensor (mote/graph.h is_variable) passed as an
 * operator input that the kernel reads and writes in place; it stays in the
 * arena between invokes and mote_session_reset() zeroes it. Gate and
 * accumulator buffers are the step's scratch (planned per step).
 */
#ifndef MOTE_KERNELS_RNN_H
#define MOTE_KERNELS_RNN_H

#include <stdint.h>
#include "mote/status.h"

/* SVDF (TFLite Micro's reference): inputs 0 input [batches, input_size],
 * 1 weights_feature [filters, input_size], 2 weights_time [filters, memory],
 * 3 bias [units] or omitted, 4 activation state [batches, filters * memory]
 * (variable); output [batches, units], filters = units * rank.
 * Integer: int8 input / weights_feature / output, int32 bias, int16 (or
 * int8) weights_time and state (state_elem 2 or 1); no fused activation (as
 * TFLite Micro). Float32: the fused activation clamp act_min / act_max.
 * Hybrid (LiteRT's EvalHybridSVDF; TFLite Micro has none): float32 input,
 * state, bias and output, int8 weights_feature and weights_time with
 * per-tensor scales feature_scale / time_scale. Each batch row is
 * quantized to int8 (symmetric, or asymmetric when asymmetric_quantize_inputs,
 * as the hybrid FULLY_CONNECTED), the int32 feature dot product times
 * (row scale x feature_scale) is the new state value, weights_time are
 * dequantized (w x time_scale) for the float time matmul; then as float32.
 * Scratch: int32 / float [batches * filters], then (integer) int32
 * [batches * units], (hybrid) int8 [input_size]. */
typedef struct mote_svdf_step {
    int32_t batches, input_size, filters, units, rank, memory;
    int32_t state_elem;
    int32_t input_zp, state_zp, output_zp;
    int32_t mult1, shift1, mult2, shift2;
    int32_t state_min, state_max;
    float act_min, act_max;
    int32_t hybrid, asymmetric; /* hybrid only */
    float feature_scale, time_scale;
} mote_svdf_step;

uint32_t mote_ref_svdf_scratch(const void *step);
mote_status mote_ref_svdf_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_svdf_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_svdf_hybrid_step(const void *step, const mote_kernel_io *io);

/* UNIDIRECTIONAL_SEQUENCE_LSTM, float32, the standard LSTM (input gate,
 * no peephole, projection or layer norm): inputs as TFLite numbers them (0
 * input [T, B, I] time-major or [B, T, I]; 1-4 input weights [S, I] and 5-8
 * recurrent weights [S, S] of the input, forget, cell and output gates;
 * 12-15 gate biases [S]; 18 output state [B, S] and 19 cell state [B, S],
 * variable). Per step, as LiteRT's reference kernel: each gate is bias +
 * W x + R h, sigmoid (cell gate: tanh); c = f * c + i * g, clipped to
 * +-cell_clip when it is > 0; h = o * tanh(c). Scratch: 4 * B * S floats. */
typedef struct mote_lstm_f32_step {
    int32_t batches, steps, n_input, n_cell, time_major;
    float cell_clip;
} mote_lstm_f32_step;

/* UNIDIRECTIONAL_SEQUENCE_LSTM, int8 activations and weights, int32 biases,
 * int16 cell state (a power-of-two scale), int8 output state: TFLite Micro's
 * integer LSTM. Per step and gate g (input, forget, cell, output: inputs
 * 1-4, 5-8, 12-15), as TFLite Micro's CalculateLstmGate: an int8 fully
 * connected input -> int16 (bias, requantized to 2^-12, clamped) plus the
 * recurrent one (no bias), a saturating int16 add, then the int16 sigmoid
 * (cell gate: tanh) of LOGISTIC / TANH; cell = sat(f * cell + i * g) with
 * the int16 MUL rescaling, clipped to +-cell_clip; hidden = tanh(cell) * o
 * rescaled to the output state's int8 quantization; the output is the
 * hidden state. Scratch: 5 * S int16 (one batch row at a time).
 * The 16x8 kernel (mote_ref_lstm_s16_step) takes the same block: int16
 * input, output state and output (zero points 0), int8 weights, int64
 * biases; its gate fully connected parts sum in int64 and requantize with
 * TFLite's int64 MultiplyByQuantizedMultiplier (shifts <= 14). */
typedef struct mote_lstm_s8_step {
    int32_t batches, steps, n_input, n_cell, time_major;
    int32_t input_zp, hidden_zp;
    int32_t in_mult[4], in_shift[4], rec_mult[4], rec_shift[4];
    int32_t fc_mult, fc_shift;     /* forget gate x cell -> cell */
    int32_t ic_mult, ic_shift;     /* input gate x cell gate -> cell */
    int32_t h_mult, h_shift;       /* tanh(cell) x output gate -> hidden (int8) */
    int32_t cell_clip;             /* quantized; 0: none */
    int32_t tanh_mult, tanh_shift; /* cell tanh input rescale (LOGISTIC / TANH int16) */
} mote_lstm_s8_step;

uint32_t mote_ref_lstm_s8_scratch(const void *step);
mote_status mote_ref_lstm_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_lstm_s16_step(const void *step, const mote_kernel_io *io);

/* UNIDIRECTIONAL_SEQUENCE_LSTM, hybrid (LiteRT's LstmStepHybrid; TFLite
 * Micro has none): float32 input, biases, states and output, int8 weights
 * 1-8 with per-tensor scales w_scale[0..7] (input weights of the input,
 * forget, cell, output gates, then the recurrent ones). Per step each
 * batch row of the input and of the output state is quantized to int8
 * (symmetric, or asymmetric when asymmetric_quantize_inputs), as the hybrid
 * FULLY_CONNECTED; each gate is bias + (float)sum(W (qx - zx)) x (sx x
 * w_scale) + (float)sum(R (qh - zh)) x (sh x w_scale), then the float32
 * LSTM cell. Scratch: 4 * B * S + 2 * B floats, 2 * B int32, B * (I + S)
 * int8. */
typedef struct mote_lstm_hybrid_step {
    int32_t batches, steps, n_input, n_cell, time_major;
    float cell_clip;
    int32_t asymmetric;
    float w_scale[8];
} mote_lstm_hybrid_step;

uint32_t mote_ref_lstm_hybrid_scratch(const void *step);
mote_status mote_ref_lstm_hybrid_step(const void *step, const mote_kernel_io *io);

uint32_t mote_ref_lstm_f32_scratch(const void *step);
mote_status mote_ref_lstm_f32_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_RNN_H */
