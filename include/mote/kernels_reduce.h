/*
 * mote/kernels_reduce.h — reductions (included by mote/kernels.h): MEAN,
 * SUM, REDUCE_MAX, REDUCE_MIN over any set of axes, and ARG_MAX / ARG_MIN.
 *
 * Lowering (src/ops/op_reduce_util.c) resolves the axes (negative,
 * repeated), drops dimensions of extent 1 and merges neighbouring
 * dimensions that are all reduced or all kept, so a kernel walks at most
 * MOTE_REDUCE_RANK dimensions. The input is read in row-major order, as
 * TFLite's reference Reduce() does, so float sums add in TFLite's order.
 */
#ifndef MOTE_KERNELS_REDUCE_H
#define MOTE_KERNELS_REDUCE_H

#include <stdint.h>
#include "mote/status.h"

#define MOTE_REDUCE_RANK 6

typedef struct mote_reduce_step {
    int32_t rank;                         /* merged dimensions, 1..MOTE_REDUCE_RANK */
    int32_t dims[MOTE_REDUCE_RANK];       /* input extents, outermost first */
    int32_t out_stride[MOTE_REDUCE_RANK]; /* output element stride; 0 along reduced dims */
    int32_t in_elements, out_elements;
    int32_t count; /* input elements per output (product of the reduced extents) */
    /* Integer MEAN / SUM: out = clamp(requantize(sum - input_zp * count,
     * multiplier, shift) + output_zp). Lowering proved every sum, and the
     * sum shifted left by max(shift, 0), fits int32. */
    int32_t multiplier, shift;
    int32_t input_zp, output_zp;
} mote_reduce_step;

/* The int32 accumulators the integer MEAN / SUM kernels need: one per
 * output element (a kernel table scratch_bytes function). */
uint32_t mote_ref_reduce_sum_scratch(const void *step);

/* Integer MEAN and SUM: the requantized sum (MEAN's 1/count is folded into
 * the multiplier, as TFLite does). */
mote_status mote_ref_reduce_sum_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_reduce_sum_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_mean_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_sum_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_reduce_max_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_reduce_max_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_reduce_min_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_reduce_min_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_reduce_all_step(const void *step, const mote_kernel_io *io);

/* ARG_MAX / ARG_MIN along one axis: the input viewed as [outer, axis,
 * inner]; the first index of the extreme value wins (TFLite's strict
 * comparison); int32 or int64 indices. */
typedef struct mote_arg_step {
    int32_t outer, axis, inner;
    int32_t out_int64; /* nonzero: int64 output */
} mote_arg_step;

mote_status mote_ref_arg_max_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_arg_max_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_arg_min_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_arg_min_f32_step(const void *step, const mote_kernel_io *io);

/* BATCH_MATMUL: out[b][i][j] = sum_k lhs[b][i][k] * rhs[b][k][j] over
 * up to three broadcast batch dimensions; adj_x / adj_y read an operand
 * stored transposed ([depth, rows] / [cols, depth]). int8: int32 sums of
 * (x + lhs_offset) * (y + rhs_offset), requantized (mote_requantize) plus
 * output_offset, clamped; int16 (zero points 0): int64 sums and
 * mote_requantize64; float32: float sums in k order. */
typedef struct mote_bmm_step {
    int32_t batch[3];                     /* output batch extents (leading 1s) */
    int32_t lhs_stride[3], rhs_stride[3]; /* element strides; 0 where broadcast */
    int32_t rows, cols, depth;
    int32_t adj_x, adj_y;
    int32_t lhs_offset, rhs_offset, output_offset; /* -zp, -zp, +zp */
    int32_t multiplier, shift;
    int32_t act_min, act_max;
} mote_bmm_step;

mote_status mote_ref_batch_matmul_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_batch_matmul_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_batch_matmul_f32_step(const void *step, const mote_kernel_io *io);

/* TRANSPOSE_CONV, as TFLite's reference: every input element scatters
 * (x + input_offset) * w into the output window it covers (operands: 0
 * output shape, ignored; 1 filter [out_c, kh, kw, in_c]; 2 input; 3 bias or
 * NULL). int8: int32 sums in the scratch, + int32 bias, per-channel
 * requantization (a table of out.c entries follows the block), clamp;
 * int16 with int8 weights: int64 sums, int16 or int64 bias, the int64
 * requantization; float32: sums in the output, + bias, clamp. */
typedef struct mote_tconv_step {
    mote_dims in, filter, out;
    int32_t stride_h, stride_w, pad_h, pad_w;
    int32_t input_offset, output_offset;
    int32_t act_min, act_max;
    float f_act_min, f_act_max;
    int32_t bias_bits; /* 0: no bias; 16, 32 or 64: its element type */
    int32_t channels;  /* requantization entries that follow (out.c; 0 for float) */
} mote_tconv_step;

uint32_t mote_ref_transpose_conv_s8_scratch(const void *step);
uint32_t mote_ref_transpose_conv_s16_scratch(const void *step);
mote_status mote_ref_transpose_conv_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_transpose_conv_s16_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_transpose_conv_f32_step(const void *step, const mote_kernel_io *io);

/* RESIZE_BILINEAR / RESIZE_NEAREST_NEIGHBOR over NHWC (operand 1, the
 * constant size, is not read), as TFLite's reference kernels: float
 * scales (bilinear float32, nearest) or 10-bit fixed-point ones (bilinear
 * int8), computed by lowering. */
typedef struct mote_resize_step {
    mote_dims in, out;
    int32_t align_corners, half_pixel;
    float scale_h, scale_w;       /* input / output (align_corners: (in - 1) / (out - 1)) */
    int32_t scale10_h, scale10_w; /* the same in 1/1024, rounded (bilinear int8) */
    int32_t elem_bytes;           /* nearest: bytes per element (1, 2 or 4) */
} mote_resize_step;

mote_status mote_ref_resize_bilinear_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_resize_bilinear_f32_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_resize_nearest_step(const void *step, const mote_kernel_io *io);

/* L2_POOL_2D, float32 (block mote_pool_f32_step): sqrt of the mean of the
 * in-bounds squares, clamped. */
mote_status mote_ref_l2_pool_f32_step(const void *step, const mote_kernel_io *io);

/* L2_NORMALIZATION over the last dimension: float32 (x / max(|x|, 1e-6))
 * and int8 (TFLite's fixed-point inverse square root; output in 1/128, zero
 * point 0). Lowering proved depth * 255^2 fits int32. */
typedef struct mote_l2norm_step {
    int32_t outer, depth;
    int32_t input_zp;
} mote_l2norm_step;

mote_status mote_ref_l2norm_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_l2norm_f32_step(const void *step, const mote_kernel_io *io);

/* LOG_SOFTMAX over the last dimension: float32 (x - max - log(sum
 * exp(x - max))) and int8 (TFLite's fixed point: output scale 16/256, zero
 * point 127; p holds the Q5.26 input rescaling and diff_min as for int8
 * SOFTMAX with beta 1, reverse_* the inverse rescaling, shift <= 0). */
typedef struct mote_log_softmax_step {
    mote_softmax_s8_params p;
    int32_t reverse_multiplier, reverse_shift;
    int32_t rows, depth;
} mote_log_softmax_step;

mote_status mote_ref_log_softmax_s8_step(const void *step, const mote_kernel_io *io);
mote_status mote_ref_log_softmax_f32_step(const void *step, const mote_kernel_io *io);

/* SOFTMAX, int16 in (zero point 0), int16 out (scale 1/32768, zero point
 * 0), as TFLite's SoftmaxInt16: differences rescaled so [-65535, 0] covers
 * [-10, 0], exp and 1 / (1 + x) by TFLite's interpolated 513-entry tables.
 * Those tables follow the block as its `channels` (513) int32 entries:
 * entry i holds exp_lut[i] in its low and recip_lut[i] in its high half. */
#define MOTE_SOFTMAX_S16_LUT 513
typedef struct mote_softmax_s16_step {
    int32_t input_multiplier, input_shift; /* MultiplyByQuantizedMultiplier */
    int32_t rows, depth;
    int32_t channels; /* MOTE_SOFTMAX_S16_LUT */
} mote_softmax_s16_step;

mote_status mote_ref_softmax_s16_step(const void *step, const mote_kernel_io *io);

#endif /* MOTE_KERNELS_REDUCE_H */
